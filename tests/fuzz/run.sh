#!/usr/bin/env bash
# Runs one libFuzzer target from a -DCASELENS_FUZZ=ON build.
#
#   tests/fuzz/run.sh BUILD_DIR TARGET [SECONDS] [extra libFuzzer flags...]
#
# New inputs go to $FUZZ_WORK/TARGET/corpus (default FUZZ_WORK=/tmp/caselens-fuzz),
# crashes to $FUZZ_WORK/TARGET/crash-*; the seeds in tests/fuzz/seeds/TARGET
# are read, never written.  Copy a crash you fix into regressions/TARGET/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: run.sh BUILD_DIR TARGET [SECONDS] [flags...]}"
target="${2:?usage: run.sh BUILD_DIR TARGET [SECONDS] [flags...]}"
seconds="${3:-600}"
shift $(( $# < 3 ? $# : 3 ))

case "$target" in
  text_readers|pdf_docx) dict=html.dict ;;
  codebook|sidecar) dict=json.dict ;;
  query) dict=query.dict ;;
  digest) dict=digest.dict ;;
  *) dict="" ;;
esac
work="${FUZZ_WORK:-/tmp/caselens-fuzz}/$target"
mkdir -p "$work/corpus"
args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096
      -print_final_stats=1 -artifact_prefix="$work/")
[ -n "$dict" ] && args+=(-dict="$here/dicts/$dict")
seeds=("$here/seeds/$target")
[ -d "$here/regressions/$target" ] && seeds+=("$here/regressions/$target")

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/../lsan.supp}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$here/../ubsan.supp}"
exec "$build/tests/fuzz/fuzz_$target" "${args[@]}" "$@" "$work/corpus" "${seeds[@]}"

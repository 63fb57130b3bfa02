#!/usr/bin/env bash
# Install, build and run every test: the Release build, then the same suite
# built with AddressSanitizer and UndefinedBehaviorSanitizer (in
# build-asan/; any error report, leak or undefined behaviour fails the test
# that caused it).  CASELENS_SKIP_SANITIZE=1 runs the Release suite only.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir "${CASELENS_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)"
if [ "${CASELENS_SKIP_SANITIZE:-0}" != 1 ]; then
  CASELENS_BUILD_DIR=build-asan scripts/build.sh -DCASELENS_SANITIZE=address,undefined
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
fi

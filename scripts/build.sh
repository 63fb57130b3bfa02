#!/usr/bin/env bash
# Configures and builds caselens (Release by default) into ./build.
# Extra arguments go to cmake's configure step, e.g. -DCASELENS_SANITIZE=address,undefined
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${CASELENS_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-Release}" "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"

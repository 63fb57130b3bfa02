#!/usr/bin/env bash
# Install, build and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir "${CASELENS_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)"

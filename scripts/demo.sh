#!/usr/bin/env bash
# The demo: install, build, index ../shared/corpus into ./caselens.db and run
# an example search.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
./build/caselens index ../shared/corpus --db caselens.db
./build/caselens search '"hidden men"' --db caselens.db

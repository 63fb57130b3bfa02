#!/usr/bin/env bash
# Installs the Debian packages caselens needs.  Idempotent: quiet and quick
# when everything is already there.
set -euo pipefail

packages=(
  cmake g++ ninja-build pkg-config
  libxapian-dev xapian-tools
  libicu-dev
  libboost-program-options-dev
  rapidjson-dev
  catch2
  libpoppler-cpp-dev
  libxxhash-dev
  libzip-dev libpugixml-dev
  libcairo2-dev fonts-dejavu-core
  # tests: print digests to PDF and look at the pages
  chromium poppler-utils
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

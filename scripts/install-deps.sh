#!/usr/bin/env bash
# Installs every Debian package microcred needs to build, run and test (./run and ./test call it).
# Safe to run again: when everything is already installed it does not touch apt, so a second
# ./run starts in seconds. Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  # compilers and build tools
  build-essential cmake ninja-build ccache pkg-config clang-16 libclang-rt-16-dev poppler-utils zbar-tools
  # libraries the server links against
  libboost-dev libboost-system-dev libboost-context-dev libsoci-dev libpq-dev libsqlite3-dev
  nlohmann-json3-dev libsodium-dev libssl-dev libspdlog-dev libfmt-dev libcli11-dev
  libcairo2-dev libpango1.0-dev libqrencode-dev libpng-dev zlib1g-dev libkainjow-mustache-dev
  libvips-dev # evidence thumbnails
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev sqlite3 postgresql chromium fonts-dejavu-core
  wrk nginx-light curl procps
)

missing=()
for p in "${packages[@]}"; do
  # dpkg-query prints nothing useful for unknown packages; both cases count as missing.
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
# Node and npm usually come with the machine (a newer Node than Debian's); Debian's are the fallback.
if ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: missing ${missing[*]}; run as root" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
# Install the whole list, not just the missing ones: apt resolves them together and is a no-op for the rest.
"${sudo[@]}" apt-get install -y --no-install-recommends "${packages[@]}" \
  $(command -v node >/dev/null 2>&1 || echo nodejs npm)

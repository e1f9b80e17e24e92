#!/usr/bin/env bash
# Configures and builds gavel into build/ (or $GAVEL_BUILD). Extra arguments go to CMake.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${GAVEL_BUILD:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"

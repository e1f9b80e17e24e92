#!/usr/bin/env bash
# The whole test suite built with AddressSanitizer and UndefinedBehaviorSanitizer
# (GAVEL_SANITIZE=ON): builds into build-sanitize (or $GAVEL_SANITIZE_BUILD) and runs every
# ctest. Any sanitizer report fails the test that raised it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
build=${GAVEL_SANITIZE_BUILD:-build-sanitize}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAVEL_SANITIZE=ON -DGAVEL_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:check_initialization_order=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"

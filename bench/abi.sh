#!/usr/bin/env bash
# Decisions/s through the C++ API, the C interface (libgavel_c) and the Python package, on one
# thread and on every core, deciding the same traffic (10,000 requests of
# `gavel generate --seed 42` on rules/flexis.gavel, JSON in, JSON out, no trace), in a
# Release build of its own:
#
#   bench/abi.sh                       # ~2 minutes once built
#   ABI_SECONDS=10 bench/abi.sh        # longer runs (seconds per figure)
#   GAVEL_BENCH_BUILD=dir bench/abi.sh
#
# Each line gives wall-clock decisions per second over the run, and decisions per second of
# CPU time the process used: on a shared machine (the load average is printed first) the
# second says what the code costs, the first what share of the cores the run had.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${GAVEL_BENCH_BUILD:-build-bench}
seconds=${ABI_SECONDS:-5}
policy=rules/flexis.gavel
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGAVEL_BENCH=ON > /dev/null
cmake --build "$build" --target gavel gavel_c abi_bench_cpp abi_bench_c > /dev/null
traffic=$(mktemp --suffix=.jsonl)
trap 'rm -f "$traffic"' EXIT
"$build/gavel" generate --count 10000 --seed 42 --policy "$policy" --output "$traffic"

cores=$(nproc)
echo "== decisions/s, $policy, 10,000 requests of gavel generate --seed 42, ${seconds} s a figure"
echo "   ($cores CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg))"
for threads in 1 "$cores"; do
  "$build/abi_bench_cpp" "$policy" "$traffic" "$threads" "$seconds"
  "$build/abi_bench_c" "$policy" "$traffic" "$threads" "$seconds"
  PYTHONPATH=python GAVEL_LIBRARY="$build/libgavel_c.so" PYTHONDONTWRITEBYTECODE=1 \
    python3 bench/abi_python.py "$policy" "$traffic" "$threads" "$seconds"
done

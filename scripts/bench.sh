#!/usr/bin/env bash
# The figures of README "Performance", from one command: installs what is missing
# (libbenchmark-dev, Node.js and npm, time), builds gavel and its benchmarks in Release, runs
# them, times `gavel decide --batch` on 100,000 generated requests and `gavel decide --why-not`
# on policies of 5,000 to 30,000 standing deny rules, and runs the side by side
# with Cedar and the plain-JS reference (bench/peers/run.sh).
#
#   scripts/bench.sh                 # ~4 minutes on 2 cores
#   BENCH_MIN_TIME=2 scripts/bench.sh   # longer runs per benchmark (seconds)
#   GAVEL_BENCH_BUILD=dir scripts/bench.sh
#
# Times are per decision on one thread. On a shared machine compare the CPU column: the wall
# clock counts the time other processes hold the core.
set -euo pipefail
cd "$(dirname "$0")/.."
extra=(libbenchmark-dev time)
command -v node > /dev/null || extra+=(nodejs)   # a Node.js from elsewhere (with its npm) is fine
command -v npm > /dev/null || extra+=(npm)
scripts/bootstrap.sh "${extra[@]}"
build=${GAVEL_BENCH_BUILD:-build-bench}
min_time=${BENCH_MIN_TIME:-1}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGAVEL_BENCH=ON > /dev/null
cmake --build "$build" --target gavel gavel_bench

echo "== benchmarks ($(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$build/gavel_bench" --benchmark_filter=-Fixed --benchmark_min_time="$min_time" 2> /dev/null

echo
echo "== gavel decide --batch: 100,000 requests of gavel generate --seed 42, output to /dev/null"
requests=$(mktemp --suffix=.jsonl)
trap 'rm -f "$requests"' EXIT
"$build/gavel" generate --count 100000 --seed 42 --output "$requests"
for run in 1 2; do
  /usr/bin/time -f "run $run: %e s wall, %U s user, %S s system, peak RSS %M KiB" \
    "$build/gavel" decide rules/flexis.gavel --batch "$requests" > /dev/null
done

echo
echo "== gavel decide --why-not: N deny rules that all stand (bench/whynot-policy.sh), no change allows it"
policy=$(mktemp --suffix=.gavel)
trap 'rm -f "$requests" "$policy"' EXIT
for rules in 5000 20000 30000; do
  bench/whynot-policy.sh "$rules" > "$policy"
  /usr/bin/time -f "$rules rules: %e s wall, %U s user, peak RSS %M KiB" \
    "$build/gavel" decide "$policy" bench/whynot-request.json --why-not > /dev/null
done

echo
echo "== peers: Cedar and the plain-JS reference on the same requests"
bench/peers/run.sh "$build"

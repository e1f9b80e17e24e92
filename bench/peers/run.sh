#!/usr/bin/env bash
# gavel side by side with Cedar and the plain-JavaScript reference, on the same requests, in
# one run: cross-check of every decision (differences listed with their reason) and rates.
#
#   bench/peers/run.sh [BUILD_DIR]     (default: build-bench; needs its gavel and gavel_bench)
#   SECONDS_PER_ENGINE=0 bench/peers/run.sh build   the cross-check only: needs gavel alone,
#                                      times nothing, writes crosscheck.md instead of results.md
#
# Two request sets, 10,000 each: `gavel generate --seed 42` (every action, rights requests,
# coherent records), and the peers harness's generator gen.mjs --seed 42 (the six processing
# actions only, a few incoherent records); then the peers alone on gavel's FLEXIS scenarios
# (scenarios.mjs: the expected decision of each case of the six actions). SECONDS_PER_ENGINE (default 3) bounds each timed
# loop. Writes data/*.jsonl (ignored by git) and results.md (or crosscheck.md) beside this script.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build-bench}
[[ $build = /* ]] || build=$root/$build
seconds=${SECONDS_PER_ENGINE:-3}
N=${N:-10000}
SEED=${SEED:-42}
gavel=$build/gavel
bench=$build/gavel_bench
policy=$root/rules/flexis.gavel
tools=("$gavel" "$bench") report=results.md
if [[ $seconds = 0 ]]; then tools=("$gavel") report=crosscheck.md; fi
for tool in "${tools[@]}"; do
  help="build with -DGAVEL_BENCH=ON (scripts/bench.sh does)"
  [[ $seconds = 0 ]] && help="build gavel there (scripts/build.sh)"
  [[ -x $tool ]] || { echo "run.sh: $tool is missing: $help" >&2; exit 2; }
done
cd "$here"
[[ -d node_modules/@cedar-policy/cedar-wasm ]] || npm ci --no-audit --no-fund
mkdir -p data

compare() {  # name requests-file
  local name=$1 requests=$2 base=${2%.jsonl}
  "$gavel" decide "$policy" --batch "$requests" > "$base.decisions.jsonl" || true  # refusals exit 2
  if [[ $seconds = 0 ]]; then
    node compare.mjs --name "$name" --requests "$requests" --gavel "$base.decisions.jsonl" \
      --seconds 0 --out "$base.compare.json"
    return
  fi
  GAVEL_BENCH_TRAFFIC=$requests "$bench" --benchmark_filter='BM_DecideDecoded|BM_DecideJson' \
    --benchmark_min_time="$seconds" --benchmark_out="$base.bench.json" --benchmark_out_format=json > /dev/null 2>&1
  node compare.mjs --name "$name" --requests "$requests" --gavel "$base.decisions.jsonl" \
    --bench "$base.bench.json" --seconds "$seconds" --out "$base.compare.json"
}

"$gavel" generate --policy "$policy" --count "$N" --seed "$SEED" --output data/gavel-$SEED.jsonl
node gen.mjs --n "$N" --seed "$SEED" --out data/peers-$SEED.jsonl 2> /dev/null
status=0
{
  title="gavel, Cedar and the plain-JS reference on the same requests"
  [[ $seconds = 0 ]] && title="$title: the decisions cross-checked (nothing timed)"
  echo "# $title"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), node $(node --version)."
  echo
  compare "gavel generate --seed $SEED" data/gavel-$SEED.jsonl || status=1
  compare "peers gen.mjs --seed $SEED" data/peers-$SEED.jsonl || status=1
  node scenarios.mjs "$root/tests/scenarios/flexis" || status=1
  exit $status
} | tee "$report"

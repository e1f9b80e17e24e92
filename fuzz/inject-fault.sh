#!/usr/bin/env bash
# Shows that the differential fuzz target catches a wrong engine: builds it in a scratch
# configuration (build-fuzz-fault, or $GAVEL_FAULT_BUILD) with GAVEL_INJECT_FAULT, which makes
# the engine leave out the last day of a restriction (engine/evaluate/evaluator.cpp), fuzzes
# from an empty corpus with a fixed seed, and succeeds only if the target reports a
# disagreement with the reference evaluator within $GAVEL_FAULT_SECONDS (300).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh clang-14 libclang-rt-14-dev
build=${GAVEL_FAULT_BUILD:-build-fuzz-fault}
seconds=${GAVEL_FAULT_SECONDS:-300}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAVEL_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_CXX_FLAGS=-DGAVEL_INJECT_FAULT >/dev/null
cmake --build "$build" -j"$(nproc)" --target differential
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
status=0
"$build/fuzz/differential" -max_total_time="$seconds" -len_control=0 -max_len=1024 -seed=1 \
  -artifact_prefix="$work/" "$work" >"$work.log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))
if [ "$status" -ne 0 ] && grep -q "the engine and the reference disagree" "$work.log"; then
  sed -n '/---- request/,/ERROR: libFuzzer/p' "$work.log" | grep -v "ERROR: libFuzzer" | cut -c1-400
  runs=$(grep -oE '^#[0-9]+' "$work.log" | tail -1 || true)
  echo "inject-fault: the differential target caught the injected fault after ${elapsed}s (${runs#\#} inputs)"
  rm -f "$work.log"
  exit 0
fi
tail -20 "$work.log"
echo "inject-fault: the injected fault was NOT caught in ${seconds}s (exit status ${status})"
rm -f "$work.log"
exit 1

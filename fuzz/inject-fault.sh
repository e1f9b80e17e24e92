#!/usr/bin/env bash
# Shows that the differential fuzz target catches a wrong engine: builds it in a scratch
# configuration (build-fuzz-fault, or $GAVEL_FAULT_BUILD) with GAVEL_INJECT_FAULT, which gives
# the engine a fault chosen at run time by GAVEL_FAULT:
#   restriction   the last day of a restriction is left out (engine/evaluate/evaluator.cpp);
#   repeated_key  the reader lets a key given twice through (engine/request/reader.cpp).
# For each, fuzzes from an empty corpus with a fixed seed, and succeeds only if the target
# reports the disagreement within $GAVEL_FAULT_SECONDS (300).
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

# fault, and what the target must say when it catches it
catch_fault() {
  local fault=$1 expected=$2 corpus=$work/$1 log=$work/$1.log status=0 start elapsed runs
  mkdir -p "$corpus"
  start=$(date +%s)
  GAVEL_FAULT=$fault "$build/fuzz/differential" -max_total_time="$seconds" -len_control=0 -max_len=1024 -seed=1 \
    -artifact_prefix="$corpus/" "$corpus" >"$log" 2>&1 || status=$?
  elapsed=$(( $(date +%s) - start ))
  if [ "$status" -ne 0 ] && grep -q "$expected" "$log"; then
    sed -n '/---- request/,/ERROR: libFuzzer/p' "$log" | grep -v "ERROR: libFuzzer" | cut -c1-400
    runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 || true)
    echo "inject-fault: the differential target caught the $fault fault after ${elapsed}s (${runs#\#} inputs)"
    return 0
  fi
  tail -20 "$log"
  echo "inject-fault: the $fault fault was NOT caught in ${seconds}s (exit status ${status})"
  return 1
}

failed=0
catch_fault restriction "the engine and the reference disagree" || failed=1
catch_fault repeated_key "the engine decides a request the reference refuses" || failed=1
exit "$failed"

#!/usr/bin/env bash
# The fuzz targets in CI: builds them with clang 14 (libFuzzer, ASan, UBSan) into build-fuzz
# (or $GAVEL_FUZZ_BUILD), replays each target's regression inputs (fuzz/regressions/<target>/),
# then fuzzes each for $GAVEL_FUZZ_SECONDS (60) from its seeds. Fails on any finding; the input
# that caused it is left in build-fuzz/artifacts/<target>/ (see fuzz/README.md). Last, shows that
# the differential target catches an injected fault (fuzz/inject-fault.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh clang-14 libclang-rt-14-dev
build=${GAVEL_FUZZ_BUILD:-build-fuzz}
seconds=${GAVEL_FUZZ_SECONDS:-60}
targets=(parse_check decode_request differential fmt_fuzz)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAVEL_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

# Per target: its seeds (besides its own corpus) and its options.
seeds_parse_check="rules tests/corpus/syntax tests/corpus/check"
seeds_decode_request="fuzz/seeds/decode_request examples/requests"
seeds_differential="fuzz/seeds/differential"
seeds_fmt_fuzz="fuzz/seeds/fmt_fuzz rules"
options_parse_check="-max_len=32768 -dict=fuzz/gavel.dict"
options_decode_request="-max_len=8192 -dict=fuzz/gavel.dict"
options_differential="-max_len=1024 -len_control=0"
options_fmt_fuzz="-max_len=4096 -dict=fuzz/gavel.dict"

passed=0 failed=0
for target in "${targets[@]}"; do
  binary=$build/fuzz/$target
  corpus=$build/corpus/$target
  artifacts=$build/artifacts/$target
  log=$build/logs/$target.smoke.log
  mkdir -p "$corpus" "$artifacts" "$build/logs"
  seeds=seeds_$target options=options_$target
  # shellcheck disable=SC2086 # word splitting of the option and seed lists is intended
  if "$binary" -runs=0 fuzz/regressions/$target >"$log" 2>&1 &&
     "$binary" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 ${!options} \
       -artifact_prefix="$artifacts/" "$corpus" ${!seeds} >>"$log" 2>&1; then
    # libFuzzer separates the run count from DONE with a tab; a missing line must not end the
    # script (set -e), only leave the figure out.
    summary=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | sed -E 's/.*(cov: [0-9]+ ft: [0-9]+).*/\1/' || true)
    executions=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
    echo "fuzz: $target: ${seconds}s, $executions executions, $summary, no finding"
    passed=$((passed + 1))
  else
    grep -E -B2 -A30 '==[0-9]+==|^==== |deadly signal|libFuzzer: (timeout|out-of-memory)' "$log" | head -60 || tail -40 "$log"
    echo "fuzz: $target: FINDING, the input is in $artifacts/ (log: $log)"
    failed=$((failed + 1))
  fi
done
# The differential target must catch a deliberately wrong engine (a scratch build of its own).
if fuzz/inject-fault.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

// Loading a policy: parse + check + compile, for rules/flexis.gavel and for generated
// policies of 10 to 10,000 purposes and rules. Linear growth shows as a flat time per rule.
#include <benchmark/benchmark.h>

#include "bench/bench_support.hpp"
#include "engine/check/checker.hpp"
#include "engine/compile/compiler.hpp"
#include "grammar/parser.hpp"

namespace gavel::bench {
namespace {

void load(benchmark::State& state, const std::string& name, const std::string& text, int rules) {
  std::size_t errors = 0;
  for (auto _ : state) {
    auto parsed = grammar::parse(Source{name, text});
    auto checked = check::check(std::move(parsed.policy));
    if (!checked.valid()) {
      ++errors;
      break;
    }
    auto compiled = compile::compile(*checked.accepted());
    benchmark::DoNotOptimize(compiled.rules.data());
  }
  if (errors) state.SkipWithError("the policy has errors");
  state.SetBytesProcessed(std::int64_t(state.iterations() * text.size()));
  if (rules > 0) state.counters["per_rule"] = benchmark::Counter(double(rules) * double(state.iterations()),
                                                                 benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_CheckCompileFlexis(benchmark::State& state) {
  const std::string text = read_file(flexis_path);
  load(state, "rules/flexis.gavel", text, int(flexis().rules.size()));
}
BENCHMARK(BM_CheckCompileFlexis)->Unit(benchmark::kMicrosecond);

void BM_CheckCompileGenerated(benchmark::State& state) {
  const int n = int(state.range(0));
  load(state, "generated.gavel", generated_policy(n), n + 3);
}
BENCHMARK(BM_CheckCompileGenerated)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000)->ArgName("rules")->Unit(benchmark::kMillisecond);

// The stages of the 10,000-rule policy apart, to see which one grows: 0 parse, 1 check,
// 2 compile (the earlier stages run untimed).
void BM_Stage(benchmark::State& state) {
  const std::string text = generated_policy(10'000);
  const int stage = int(state.range(0));
  for (auto _ : state) {
    if (stage == 0) {
      auto parsed = grammar::parse(Source{"generated.gavel", text});
      benchmark::DoNotOptimize(parsed.policy);
      continue;
    }
    state.PauseTiming();
    auto parsed = grammar::parse(Source{"generated.gavel", text});
    std::optional<check::CheckedPolicy> checked;
    if (stage == 2) checked = check::check(std::move(parsed.policy));
    state.ResumeTiming();
    if (stage == 1) {
      auto c = check::check(std::move(parsed.policy));
      benchmark::DoNotOptimize(c.diagnostics);
    } else {
      auto compiled = compile::compile(*checked->accepted());
      benchmark::DoNotOptimize(compiled.rules.data());
    }
    state.PauseTiming();  // freeing the trees is not part of any stage
    checked.reset();
    parsed = {};
    state.ResumeTiming();
  }
}
BENCHMARK(BM_Stage)->Arg(0)->Arg(1)->Arg(2)->ArgName("stage")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gavel::bench

namespace gavel::bench {
namespace {
// Fixed iteration counts for callgrind: instructions per rule at 1,000 and 10,000 rules.
BENCHMARK(BM_CheckCompileGenerated)->Name("BM_Fixed_CheckCompileGenerated")->Arg(1000)->ArgName("rules")->Iterations(10);
BENCHMARK(BM_CheckCompileGenerated)->Name("BM_Fixed_CheckCompileGenerated")->Arg(10000)->ArgName("rules")->Iterations(1);
}  // namespace
}  // namespace gavel::bench

// Deciding: on decoded requests (the evaluator alone), JSON in -> JSON out (the service
// contract), a batch file as `gavel decide --batch` reads it, and the cost of a decision as
// the policy grows with purposes and rules that do not concern the request.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "bench/bench_support.hpp"
#include "engine/evaluate/evaluator.hpp"
#include "engine/evaluate/render.hpp"
#include "engine/request/decoder.hpp"
#include "gavel/gavel.hpp"

namespace gavel::bench {
namespace {

// The evaluator on decoded FLEXIS traffic: allow/deny, deciding rules, obligations; with
// `trace`, also the justification (every step and its reasons, as text).
void decide_decoded(benchmark::State& state, bool trace) {
  const auto& policy = flexis();
  const auto& facts = flexis_facts();
  evaluate::Evaluator evaluator(policy);
  evaluate::Decision decision;
  std::size_t i = 0, allowed = 0;
  for (auto _ : state) {
    evaluator.decide(facts[i], trace, decision);
    allowed += decision.allow;
    benchmark::DoNotOptimize(decision);
    if (++i == facts.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["allowed%"] = 100.0 * double(allowed) / double(state.iterations());
}
void BM_DecideDecoded(benchmark::State& state) { decide_decoded(state, false); }
void BM_DecideDecodedTrace(benchmark::State& state) { decide_decoded(state, true); }
BENCHMARK(BM_DecideDecoded);
BENCHMARK(BM_DecideDecodedTrace);

// Decoding alone: JSON text -> Facts.
void BM_Decode(benchmark::State& state) {
  const auto& policy = flexis();
  const auto& requests = flexis_traffic();
  request::JsonDecoder decoder;
  request::Facts facts;
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    auto error = decoder.decode(policy, requests[i], facts);
    benchmark::DoNotOptimize(error);
    bytes += requests[i].size();
    if (++i == requests.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(std::int64_t(bytes));
}
BENCHMARK(BM_Decode);

// Rendering alone: a decided request -> the JSON response.
void BM_RenderJson(benchmark::State& state) {
  const auto& policy = flexis();
  const auto& facts = flexis_facts();
  const bool trace = state.range(0) != 0;
  evaluate::Evaluator evaluator(policy);
  std::vector<evaluate::Decision> decisions(facts.size());
  for (std::size_t i = 0; i < facts.size(); ++i) evaluator.decide(facts[i], trace, decisions[i]);
  std::string out;
  std::size_t i = 0;
  for (auto _ : state) {
    out.clear();
    evaluate::render_json(policy, facts[i], decisions[i], trace, out);
    benchmark::DoNotOptimize(out.data());
    if (++i == facts.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RenderJson)->Arg(0)->Arg(1)->ArgName("trace");

// The public API, JSON in -> JSON out: Decider::decide_json, as a service calls it.
void BM_DecideJson(benchmark::State& state) {
  auto loaded = load_policy_file(flexis_path);
  Decider decider(loaded.policy);
  const auto& requests = flexis_traffic();
  const DecideOptions options{.trace = state.range(0) != 0};
  std::string response;
  std::size_t i = 0, refused = 0;
  for (auto _ : state) {
    refused += !decider.decide_json(requests[i], response, options);
    benchmark::DoNotOptimize(response.data());
    if (++i == requests.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["refused%"] = 100.0 * double(refused) / double(state.iterations());
}
BENCHMARK(BM_DecideJson)->Arg(0)->Arg(1)->ArgName("trace");

// A batch file, read line by line and answered line by line, as `gavel decide --batch` does.
void BM_BatchFile(benchmark::State& state) {
  const std::string path = fmt::format("/tmp/gavel-bench-{}.jsonl", ::getpid());
  {
    std::ofstream out(path, std::ios::binary);
    for (const auto& r : flexis_traffic()) out << r << '\n';
  }
  auto loaded = load_policy_file(flexis_path);
  Decider decider(loaded.policy);
  std::FILE* sink = std::fopen("/dev/null", "wb");
  std::string line, response, out;
  out.reserve(1 << 20);
  std::size_t lines = 0;
  for (auto _ : state) {
    std::ifstream in(path, std::ios::binary);
    while (std::getline(in, line)) {
      decider.decide_json(line, response);
      out += response;
      out += '\n';
      ++lines;
      if (out.size() > (1u << 20) - (1u << 16)) {
        std::fwrite(out.data(), 1, out.size(), sink);
        out.clear();
      }
    }
    std::fwrite(out.data(), 1, out.size(), sink);
    out.clear();
  }
  std::fclose(sink);
  std::remove(path.c_str());
  state.SetItemsProcessed(std::int64_t(lines));
}
BENCHMARK(BM_BatchFile)->Unit(benchmark::kMillisecond);

// Decision cost against the size of the policy: a request on one purpose of a policy with
// N purposes and N rules. Flat means the unrelated purposes and rules cost nothing.
void BM_DecideVsPolicySize(benchmark::State& state) {
  const int n = int(state.range(0));
  auto loaded = load_policy(generated_policy(n), "generated.gavel");
  if (!loaded.ok()) {
    state.SkipWithError(loaded.report.c_str());
    return;
  }
  Decider decider(loaded.policy);
  // One purpose in the middle of the policy, a mix of requests that allow and deny.
  const int p = n / 2;
  const std::vector<std::string> requests = {
      fmt::format(R"({{"action":"use","purpose":"p{}","data":["identity"],"at":"2026-11-26","subject":{{"consent":{{"p{}":{{"given":"2025-01-01","withdrawn":null}}}},"dates":{{"last_contact":"2026-01-01"}}}}}})", p, p),
      fmt::format(R"({{"action":"transfer","purpose":"p{}","data":["identity","contact_details"],"recipient":"crm","country":"US","at":"2026-11-26","subject":{{"objections":[{{"to":"p{}","at":"2026-02-01"}}],"dates":{{"last_contact":"2026-01-01"}}}},"context":{{"standard_contractual_clauses":true}}}})", p, p),
      fmt::format(R"({{"action":"request","right":"erasure","received":"2026-11-26","purpose":"p{}","at":"2026-11-26","subject":{{"consent":{{"p{}":{{"given":"2025-01-01","withdrawn":"2026-03-01"}}}}}}}})", p, p),
  };
  std::string response;
  std::size_t i = 0, refused = 0;
  for (auto _ : state) {
    refused += !decider.decide_json(requests[i], response);
    benchmark::DoNotOptimize(response.data());
    if (++i == requests.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  if (refused) state.SkipWithError(response.c_str());
}
BENCHMARK(BM_DecideVsPolicySize)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000)->ArgName("rules");

}  // namespace
}  // namespace gavel::bench

namespace gavel::bench {
namespace {
// Fixed iteration counts, for instruction counts under callgrind that compare run to run:
//   valgrind --tool=callgrind --toggle-collect='gavel::evaluate::Evaluator::decide*'
//            build-bench/gavel_bench --benchmark_filter=BM_Fixed_DecideDecoded$
// (instructions per decision = the total / 100,000).
BENCHMARK(BM_DecideDecoded)->Name("BM_Fixed_DecideDecoded")->Iterations(100'000);
BENCHMARK(BM_DecideDecodedTrace)->Name("BM_Fixed_DecideDecodedTrace")->Iterations(100'000);
BENCHMARK(BM_Decode)->Name("BM_Fixed_Decode")->Iterations(100'000);
BENCHMARK(BM_DecideJson)->Name("BM_Fixed_DecideJson")->Arg(0)->Iterations(100'000);
}  // namespace
}  // namespace gavel::bench

namespace gavel::bench {
namespace {
BENCHMARK(BM_DecideVsPolicySize)->Name("BM_Fixed_DecideVsPolicySize")->Arg(10)->Arg(10000)->ArgName("rules")->Iterations(30'000);
}  // namespace
}  // namespace gavel::bench

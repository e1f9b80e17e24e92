// What the benchmarks share: the FLEXIS policy compiled once, generated traffic for it, and
// generated policies of any size.
#pragma once

#include <string>
#include <vector>

#include "cli/request_generator.hpp"
#include "engine/compile/compiled_policy.hpp"
#include "engine/request/facts.hpp"

namespace gavel::bench {

inline constexpr const char* flexis_path = GAVEL_SOURCE_DIR "/rules/flexis.gavel";
inline constexpr std::size_t traffic_size = 10'000;
inline constexpr std::uint64_t traffic_seed = 42;

// rules/flexis.gavel, compiled once per process.
const compile::CompiledPolicy& flexis();
std::string read_file(const std::string& path);

// `count` requests for `policy` from `gavel generate`'s generator.
std::vector<std::string> traffic(const compile::CompiledPolicy& policy, std::size_t count, std::uint64_t seed);
// The FLEXIS traffic (traffic_size requests, traffic_seed), generated once, and decoded once;
// or, when the environment names one in GAVEL_BENCH_TRAFFIC, the requests of that JSON-lines
// file (the peer comparison decides the same file with every engine).
const std::vector<std::string>& flexis_traffic();
const std::vector<request::Facts>& flexis_facts();

// A policy with `purposes` purposes and as many rules, one per purpose, three kinds in turn
// (an objection that denies, a transfer rule with an exception, an erasure ground), beside
// three rules that concern every purpose.
std::string generated_policy(int purposes);

// A policy of `rules` deny rules that all stand for whynot_request, the worst case for
// why-not: no change of one or two facts allows it. Rule i denies always (i % 3 == 0), on a
// condition that always holds (1), or on one that some changes lift (2). The policy of
// bench/whynot-policy.sh, which writes it for `gavel decide --why-not`.
std::string whynot_policy(std::size_t rules);
inline constexpr const char* whynot_request =
    R"({"action":"disclose","purpose":"p","data":["c","e"],"recipient":"crm","country":"US","at":"2026-01-01",)"
    R"("subject":{"dates":{"d":"2025-06-01"}}})";

// Resident memory: the peak (VmHWM) and the current size (VmRSS) of this process, in KiB.
long status_kib(const char* field);

}  // namespace gavel::bench

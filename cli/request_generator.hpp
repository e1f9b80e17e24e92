// Deterministic generator of realistic requests for a policy: the traffic `gavel generate`
// writes and the benchmarks decide. Same policy, seed and count => byte-identical output.
//
// Every name comes from the compiled policy (its purposes, categories, recipients, dates,
// country lists, objection groups); only the shape of the traffic is fixed here. Each
// request starts from a plausible situation for its purpose, then independent,
// low-probability perturbations break one rule or another (data foreign to the purpose, a
// withdrawn consent, an objection, an expired retention period, a restriction, a recipient
// not entitled to the data, a third country, unlawful processing), so that about half of
// the processing requests are allowed and every kind of rule decides some. Retention
// boundaries (the last day, the day after) and 29 February anchors are generated on
// purpose. Records are always coherent (no withdrawal before consent, no restriction
// ending before it starts), so every request is decided, none refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/compile/compiled_policy.hpp"

namespace gavel::generate {

struct Mix {
  double rights_requests = 0.08;  // share of `"action": "request"`
  double archive_erase = 0.08;    // share of archive/erase among processing actions
};

class RequestGenerator {
 public:
  RequestGenerator(const compile::CompiledPolicy& policy, std::uint64_t seed, Mix mix = {});

  // Appends one request, as one line of JSON without the newline, to `out`.
  void next(std::string& out);

  // Appends one person of a sweep's input, {"id": N, "subject": {…}, "context"?: {…}}, as one
  // line of JSON without the newline, to `out`; ids count from 1. The person's record spans
  // the years before subject_epoch: a sweep on that day finds some retention periods over,
  // archives ended, consents withdrawn, objections, restrictions and unlawful processing, and
  // people whose obligations turn on a date not recorded. Never refused.
  void next_subject(std::string& out);
  static constexpr dates::Date subject_epoch = dates::from_ymd(2026, 12, 1);

 private:
  std::uint64_t bits();
  double uniform();                         // [0, 1)
  bool chance(double p) { return uniform() < p; }
  int between(int lo, int hi);              // inclusive
  void write_date(std::string& out, dates::Date d);

  const compile::CompiledPolicy& policy_;
  Mix mix_;
  std::uint64_t state_[4];
  std::vector<std::uint16_t> third_countries_;  // assigned codes in none of the policy's lists
  std::vector<compile::Id> groups_;             // objection targets that are groups
  std::uint64_t subjects_ = 0;                  // people written so far
};

}  // namespace gavel::generate

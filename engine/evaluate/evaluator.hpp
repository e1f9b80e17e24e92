// Evaluate stage: compiled policy + facts -> decision, per the semantics of
// docs/language.md ("What a decision means"). An Evaluator holds per-thread scratch space;
// the policy it reads is shared and never changes.
#pragma once

#include <span>
#include <vector>

#include "engine/compile/compiled_policy.hpp"
#include "engine/evaluate/decision.hpp"
#include "engine/request/facts.hpp"

namespace gavel::evaluate {

// The day the answer to a rights request received on `received` is due under the policy's
// `respond within` (with its extension when `extended`), moved past weekends and holidays;
// none when that day is after 2999-12-31. Expects the policy to have that period.
std::optional<Date> answer_due(const compile::CompiledPolicy& policy, Date received, bool extended);

class Evaluator {
 public:
  explicit Evaluator(const compile::CompiledPolicy& policy);

  // Fills `decision` (cleared first). With trace == false nothing is allocated once the
  // decision's vectors have grown to their working size. When a date it would report falls
  // after 2999-12-31, the decision is only decision.out_of_range: see decision.hpp.
  void decide(const request::Facts& facts, bool trace, Decision& decision);

 private:
  enum class State : std::uint8_t { unconcerned, concerned, evaluating, stands, not_applicable, excepted, overridden };

  Truth holds(compile::ConditionRef node) const;
  Truth holds_node(const compile::ConditionNode& node) const;
  // Records a fact the request does not give, named by a predicate whose value is unknown.
  void name_unknown(FactRef fact) const;
  static compile::ConditionNode basis_condition(compile::Basis b);
  void explain(compile::ConditionRef node, Truth value, std::vector<std::string>& out) const;
  std::string describe(const compile::ConditionNode& node, Truth value) const;
  State settle(Id rule);
  void begin_settling(Id rule);
  void concern(std::span<const Id> rules);
  Truth basis_holds(compile::Basis b) const;
  std::optional<Date> compute_retention_end(bool& missing_anchor, Id& missing_date) const;
  std::optional<Date> retention_end(bool& missing_anchor, Id& missing_date) const;
  Truth retention_over() const;
  void trace_rule(Id rule, Decision& decision) const;
  void add_obligations(Decision& decision) const;
  void add_deadlines(Decision& decision) const;
  void withhold(Decision& decision) const;
  void reset();

  const compile::CompiledPolicy& policy_;
  const request::Facts* facts_ = nullptr;
  const compile::Purpose* purpose_ = nullptr;
  std::vector<State> state_;
  std::vector<Id> overrider_;  // overridden: by whom
  std::vector<int> exception_; // excepted: which `unless`
  std::vector<std::pair<Id, std::size_t>> settling_;  // rules being settled, and the next overrider to look at
  std::span<const Id> touched_;  // concerned rules, in policy order (in the compiled policy)
  std::vector<Id> standing_;   // those that stand, in policy order
  std::uint8_t defeated_ = 0;  // bit per basis set aside by a standing rule
  // Facts consulted and not given, recorded while conditions are evaluated.
  mutable std::vector<FactRef> unknown_facts_;
  // The end of retention, worked out once per decision: several rules and the obligations ask.
  mutable bool retention_known_ = false;
  mutable bool retention_missing_ = false;
  mutable Id retention_missing_date_ = compile::no_id;
  mutable std::optional<Date> retention_end_;
  mutable Id retention_end_anchor_ = compile::no_id;  // the date of the term that ends first
};

}  // namespace gavel::evaluate

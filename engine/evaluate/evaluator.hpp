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
  // undetermined: whether the rule stands turns on a fact the request does not give.
  enum class State : std::uint8_t {
    unconcerned, concerned, evaluating, stands, undetermined, not_applicable, excepted, overridden };

  // The purpose's retention at `at` (docs/language.md, "retain"), worked out once per decision.
  struct Retention {
    Truth over = Truth::no;
    bool end_known = false;       // no term turns on an unknown fact
    std::optional<Date> end;      // end_known: the last day kept; none: it does not end
    Id end_anchor = compile::no_id;  // the date of the term that fixes the end
  };
  // One term: unknown (a fact not given), or its last day (none: it does not end, e.g. an
  // event that has not happened, or consent not withdrawn).
  struct TermEnd {
    bool known = true;
    std::optional<Date> end;
  };

  Truth holds(compile::ConditionRef node) const;
  Truth holds_node(const compile::ConditionNode& node) const;
  [[gnu::noinline]] Truth holds_connective(const compile::ConditionNode& node) const;  // not, and, or
  // Records a fact the request does not give, named by a predicate whose value is unknown.
  void name_unknown(FactRef fact) const;
  static compile::ConditionNode basis_condition(compile::Basis b);
  void explain(compile::ConditionRef node, Truth value, std::vector<std::string>& out) const;
  std::string describe(const compile::ConditionNode& node, Truth value) const;
  std::string date_words(Id date) const;  // “last contact”
  State settle(Id rule);
  [[gnu::noinline]] void settle_overriders();
  void begin_settling(Id rule);
  void concern(std::span<const Id> rules);
  Truth basis_holds(compile::Basis b) const;
  // The policy's own facts, age and the basis of record (engine/evaluate/person_facts.cpp).
  Truth person_fact(const compile::ConditionNode& node) const;
  Truth basis_for_person(compile::Basis b) const;
  bool processes_special_data() const;
  Truth special_condition_holds(const compile::SpecialCondition& condition) const;
  Truth special_data_allowed() const;
  void trace_special(Truth value, Decision& decision) const;
  TermEnd term_end(const compile::RetentionTerm& term) const;
  // The fact a term turns on: its date, the date of birth, or the purpose's consent record.
  FactRef term_fact(const compile::RetentionTerm& term) const;
  void compute_retention() const;
  const Retention& retention() const;
  Truth retention_over() const;
  Truth archive_period_over() const;
  void trace_rule(Id rule, Decision& decision) const;
  void add_obligations(Decision& decision) const;
  void add_answer(Decision& decision) const;
  void withhold(Decision& decision) const;
  void reset();

  const compile::CompiledPolicy& policy_;
  const request::Facts* facts_ = nullptr;
  const compile::Purpose* purpose_ = nullptr;
  std::vector<State> state_;
  std::vector<Id> overrider_;  // overridden: by whom
  std::vector<int> exception_; // excepted: which `unless`
  std::vector<Truth> standing_value_;  // while settling: what the rule's `when` and `unless` leave
  std::vector<std::pair<Id, std::size_t>> settling_;  // rules being settled, and the next overrider to look at
  std::span<const Id> touched_;  // concerned rules, in policy order (in the compiled policy)
  std::vector<Id> standing_;   // those that stand, in policy order
  std::uint8_t defeated_ = 0;  // bit per basis set aside by a standing rule
  std::uint8_t maybe_defeated_ = 0;  // bit per basis an undetermined rule may set aside
  bool any_special_category_ = false;  // the policy names a special category: the Art. 9 step can apply
  // Facts consulted and not given, recorded while conditions are evaluated.
  mutable std::vector<FactRef> unknown_facts_;
  // The retention, worked out once per decision: several rules and the obligations ask.
  mutable bool retention_known_ = false;
  mutable Retention retention_;
};

}  // namespace gavel::evaluate

// The policy's own facts, the person's age, the basis of record of a purpose whose bases are
// chosen one per person, and the condition of GDPR Art. 9(2) for special categories
// (docs/language.md, "The policy's own facts" and "Special categories"). Each is unknown when
// the request does not give the fact it needs, and names that fact.
#include <fmt/format.h>

#include "engine/evaluate/evaluator.hpp"
#include "engine/evaluate/words.hpp"

namespace gavel::evaluate {

using compile::ConditionNode;
using compile::Op;

Truth Evaluator::person_fact(const ConditionNode& n) const {
  const auto& f = *facts_;
  switch (n.op) {
    case Op::declared_fact: {
      if (!policy_.facts[n.arg].recorded) return truth(f.asserts_declared(n.arg));  // absent: false
      const auto* record = f.recorded(n.arg);
      if (!record) {
        name_unknown({FactRef::Kind::record_fact, n.arg});
        return Truth::unknown;
      }
      return truth(record->since && *record->since <= f.at);  // null: does not hold
    }
    case Op::age_under:
    case Op::age_at_least: {
      const auto age = f.age_at_at();
      if (!age) {
        name_unknown({FactRef::Kind::born, 0});
        return Truth::unknown;
      }
      const bool under = *age < static_cast<int>(n.arg);
      return truth(n.op == Op::age_under ? under : !under);
    }
    case Op::basis_of_record_is: {
      if (!purpose_->one_per_person) return Truth::no;
      const auto* record = f.basis_of_record(f.purpose);
      if (!record) {
        name_unknown({FactRef::Kind::basis_of_record, f.purpose});
        return Truth::unknown;
      }
      return truth(record->basis == static_cast<compile::Basis>(n.arg));
    }
    default: return Truth::no;
  }
}

// Only the basis of record can permit (no fallback to another basis). Without it, the
// bases decide alike or the decision turns on which one it is.
Truth Evaluator::basis_for_person(compile::Basis b) const {
  const Truth value = basis_holds(b);
  if (!purpose_->one_per_person) return value;
  if (const auto* record = facts_->basis_of_record(facts_->purpose)) return record->basis == b ? value : Truth::no;
  for (auto other : purpose_->basis_list)
    if (basis_holds(other) != value) {
      name_unknown({FactRef::Kind::basis_of_record, facts_->purpose});
      return Truth::unknown;
    }
  return value;
}

// A processing action, erasure aside, on data that includes a special category.
bool Evaluator::processes_special_data() const {
  if (!any_special_category_ || facts_->rights_request || facts_->action == compile::Action::erase) return false;
  for (Id c : facts_->data_list)
    if (policy_.special_categories.contains(c)) return true;
  return false;
}

Truth Evaluator::special_condition_holds(const compile::SpecialCondition& condition) const {
  if (!condition.explicit_consent) return person_fact({Op::declared_fact, condition.fact});
  const auto& f = *facts_;
  const auto* c = f.consent_for(f.purpose);
  if (!c) {
    name_unknown({FactRef::Kind::consent, f.purpose});
    return Truth::unknown;
  }
  return truth(!c->never_given && c->explicit_consent && c->given <= f.at && (!c->withdrawn || f.at < *c->withdrawn));
}

// The conditions of the purpose, read in order, stopping at the first that holds.
Truth Evaluator::special_data_allowed() const {
  Truth value = Truth::no;
  for (const auto& condition : purpose_->special_under) {
    value = kleene_or(value, special_condition_holds(condition));
    if (is_yes(value)) break;
  }
  return value;
}

void Evaluator::trace_special(Truth value, Decision& d) const {
  TraceStep step;
  step.kind = TraceStep::Kind::special;
  step.outcome = is_yes(value) ? TraceStep::Outcome::holds
                 : is_no(value) ? TraceStep::Outcome::fails
                                : TraceStep::Outcome::undetermined;
  std::vector<std::string> special;
  for (Id c : facts_->data_list)
    if (policy_.special_categories.contains(c)) special.push_back(category_words(policy_, c));
  step.because.push_back(fmt::format("the data includes the special {} {}",
                                     special.size() == 1 ? "category" : "categories", and_list(special)));
  const auto purpose = purpose_words(policy_, facts_->purpose);
  if (purpose_->special_under.empty())
    step.because.push_back(fmt::format("{} names no condition of GDPR Art. 9(2)", purpose));
  for (const auto& condition : purpose_->special_under) {
    const Truth held = special_condition_holds(condition);
    const char* how = is_yes(held) ? "was given" : is_no(held) ? "was not given" : "may or may not have been given";
    if (condition.explicit_consent) {
      step.because.push_back(fmt::format("explicit consent to {} {}", purpose, how));
      if (is_yes(held)) break;
      continue;
    }
    const auto fact = quoted(words_of(policy_.facts[condition.fact].name));
    if (!policy_.facts[condition.fact].recorded)
      step.because.push_back(fmt::format("the controller {} {}", is_yes(held) ? "asserts" : "does not assert", fact));
    else
      step.because.push_back(fmt::format("{} {}", fact,
                                         is_yes(held) ? "holds for the person" : is_no(held) ? "does not hold for the person"
                                                                                            : "is not known to hold for the person"));
    if (is_yes(held)) break;
  }
  d.trace.push_back(std::move(step));
}

}  // namespace gavel::evaluate

#include "engine/evaluate/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace gavel::evaluate {

#ifdef GAVEL_INJECT_FAULT
// fuzz/inject-fault.sh: the fault it shows caught, chosen with GAVEL_FAULT (this one by default).
static bool restriction_fault() {
  static const bool on = [] {
    const char* fault = std::getenv("GAVEL_FAULT");
    return !fault || std::string_view(fault) == "restriction";
  }();
  return on;
}
#endif


using compile::Conclusion;
using compile::ConditionNode;
using compile::ConditionRef;
using compile::Op;

Evaluator::Evaluator(const compile::CompiledPolicy& policy)
    : policy_(policy),
      state_(policy.rules.size(), State::unconcerned),
      overrider_(policy.rules.size(), compile::no_id),
      exception_(policy.rules.size(), -1) {}

void Evaluator::reset() {
  for (Id r : touched_) {
    state_[r] = State::unconcerned;
    overrider_[r] = compile::no_id;
    exception_[r] = -1;
  }
  touched_ = {};
  standing_.clear();
  defeated_ = 0;
  unknown_facts_.clear();
  retention_known_ = false;
}

// The rules that concern the request, merged and in policy order in the compiled policy.
void Evaluator::concern(std::span<const Id> rules) {
  touched_ = rules;
  for (Id r : touched_) state_[r] = State::concerned;
}

// ---- conditions -------------------------------------------------------------------------

std::optional<Date> Evaluator::retention_end(bool& missing_anchor, Id& missing_date) const {
  if (!retention_known_) {
    retention_end_ = compute_retention_end(retention_missing_, retention_missing_date_);
    retention_known_ = true;
  }
  missing_anchor = retention_missing_;
  if (retention_missing_) missing_date = retention_missing_date_;
  return retention_end_;
}

// A term that ends after 2999-12-31 ends after every day a request can name: it is taken to
// end on this day past the range, so that it is never over and never reported as a date.
constexpr Date after_range{dates::max_date.days + 1};

std::optional<Date> Evaluator::compute_retention_end(bool& missing_anchor, Id& missing_date) const {
  std::optional<Date> end;
  missing_anchor = false;
  retention_end_anchor_ = compile::no_id;
  for (const auto& term : purpose_->retention) {
    std::optional<Date> term_end;
    if (term.kind == syntax::RetentionTerm::Kind::period_after) {
      const auto& anchor = facts_->dates[term.anchor];
      if (!anchor) {
        missing_anchor = true;
        missing_date = term.anchor;
        continue;
      }
      term_end = dates::period_end(*anchor, term.count, term.unit).value_or(after_range);
    } else if (const auto* c = facts_->consent_for(facts_->purpose); c && c->withdrawn) {
      term_end = Date{c->withdrawn->days - 1};  // kept through the day before withdrawal
    }
    if (term_end && (!end || *term_end < *end)) {
      end = term_end;
      retention_end_anchor_ = term.kind == syntax::RetentionTerm::Kind::period_after ? term.anchor : compile::no_id;
    }
  }
  return end;
}

Truth Evaluator::retention_over() const {
  bool missing = false;
  Id missing_date = compile::no_id;
  const auto end = retention_end(missing, missing_date);
  if (end && facts_->at > *end) return Truth::yes;
  if (missing) {
    // A period that cannot be shown to run is treated as over: the law allows keeping data
    // only as long as necessary, and the caller is told which dates were missing (every one).
    (void)missing_date;
    for (const auto& term : purpose_->retention)
      if (term.kind == syntax::RetentionTerm::Kind::period_after && !facts_->dates[term.anchor])
        name_unknown({FactRef::Kind::date, term.anchor});
    return Truth::yes;
  }
  return Truth::no;
}

void Evaluator::name_unknown(FactRef fact) const {
  if (std::find(unknown_facts_.begin(), unknown_facts_.end(), fact) == unknown_facts_.end())
    unknown_facts_.push_back(fact);
}

Truth Evaluator::holds(ConditionRef index) const { return holds_node(policy_.conditions[index]); }

Truth Evaluator::holds_node(const ConditionNode& n) const {
  const auto& f = *facts_;
  switch (n.op) {
    case Op::consent_given: {
      const auto* c = f.consent_for(f.purpose);
      if (!c) {
        name_unknown({FactRef::Kind::consent, f.purpose});
        return Truth::no;
      }
      return truth(c->given <= f.at && (!c->withdrawn || f.at < *c->withdrawn));
    }
    case Op::consent_withdrawn: {
      const auto* c = f.consent_for(f.purpose);
      if (!c) name_unknown({FactRef::Kind::consent, f.purpose});
      return truth(c && c->withdrawn && *c->withdrawn <= f.at);
    }
    case Op::objected_to_purpose:
    case Op::objected_to: {
      const Id target = n.op == Op::objected_to ? n.arg : f.purpose;  // purposes are the first targets
      for (const auto& o : f.objections)
        if (o.target == target && o.at <= f.at) return Truth::yes;
      return Truth::no;
    }
    case Op::restricted:
#ifdef GAVEL_INJECT_FAULT
      // A deliberate fault, compiled only by fuzz/inject-fault.sh in a scratch build, and on
      // unless GAVEL_FAULT names another: the last day of a restriction is left out. The
      // differential fuzz target must catch it.
      if (restriction_fault())
        return truth(f.restriction && f.restriction->since <= f.at &&
                     (!f.restriction->until || f.at < *f.restriction->until));
#endif
      return truth(f.restriction && f.restriction->since <= f.at &&
                   (!f.restriction->until || f.at <= *f.restriction->until));
    case Op::unlawful: return truth(f.unlawful);
    case Op::retention_over: return retention_over();
    case Op::data_outside_purpose: return truth(f.data.first_outside(purpose_->data) != compile::no_id);
    case Op::data_includes: return truth(f.data.contains(n.arg));
    case Op::recipient_is: return truth(f.recipient == n.arg);
    case Op::recipient_may_not_receive:
      return truth(f.recipient != compile::no_id &&
                   f.data.first_outside(policy_.recipients[f.recipient].receives) != compile::no_id);
    case Op::country_in:
    case Op::country_outside: {
      const auto& list = policy_.country_lists[n.arg];
      const bool in = f.country ? list.contains(*f.country, f.at) : policy_.holds_home(n.arg, f.at);
      return truth(n.op == Op::country_in ? in : !in);
    }
    case Op::purpose_is: return truth(policy_.purpose_is(f.purpose, n.arg));
    case Op::recipient_certified:
      return truth(f.recipient != compile::no_id && policy_.recipients[f.recipient].certified(n.arg, f.at));
    case Op::basis_is: return truth(purpose_->has(static_cast<compile::Basis>(n.arg)));
    case Op::automated: return truth(purpose_->automated);
    case Op::context: return truth(f.asserts(static_cast<syntax::ContextFact>(n.arg)));
    case Op::negation: return kleene_not(holds(n.first_child));
    case Op::conjunction: {
      // Read left to right, stopping at the first false operand: the facts after it are not
      // consulted (docs/language.md, "Known, not yet and unknown facts").
      Truth value = Truth::yes;
      for (std::uint32_t i = 0; i < n.child_count && value != Truth::no; ++i)
        value = kleene_and(value, holds(n.first_child + i));
      return value;
    }
    case Op::disjunction: {
      Truth value = Truth::no;
      for (std::uint32_t i = 0; i < n.child_count && value != Truth::yes; ++i)
        value = kleene_or(value, holds(n.first_child + i));
      return value;
    }
  }
  return Truth::no;
}

// ---- rules ----------------------------------------------------------------------------

// A rule stands when it applies, no exception holds, and no standing rule that concerns
// the same request overrides it. Overrides are acyclic (the checker refuses cycles); the
// `evaluating` state guards against a cycle anyway, treating it as "does not override".
// Without recursion, on a stack of its own (settling_): a chain of 100,000 overrides must not
// exhaust the call stack. Each rule's overriders are settled, in order, before it.
Evaluator::State Evaluator::settle(Id root) {
  if (state_[root] != State::concerned)
    return state_[root] == State::evaluating ? State::not_applicable : state_[root];
  settling_.clear();
  begin_settling(root);
  while (!settling_.empty()) {
    const auto [r, next] = settling_.back();
    const auto& overriders = policy_.rules[r].overridden_by;
    if (next == overriders.size()) {
      state_[r] = State::stands;
      settling_.pop_back();
      continue;
    }
    const Id by = overriders[next];
    if (state_[by] == State::concerned) {
      begin_settling(by);  // then look at `by` again, settled
    } else if (state_[by] == State::stands) {
      overrider_[r] = by;
      state_[r] = State::overridden;
      settling_.pop_back();
    } else {
      ++settling_.back().second;  // unconcerned, defeated, or `evaluating` (a cycle): does not override
    }
  }
  return state_[root];
}

// A rule's `when` and `unless`: settles it, or leaves it `evaluating` on settling_ until its
// overriders are settled.
void Evaluator::begin_settling(Id r) {
  const auto& rule = policy_.rules[r];
  State& s = state_[r];
  s = State::evaluating;
  if (rule.when != compile::always && !is_yes(holds(rule.when))) {
    s = State::not_applicable;
    return;
  }
  for (std::size_t i = 0; i < rule.unless.size(); ++i)
    if (is_yes(holds(rule.unless[i]))) {
      exception_[r] = int(i);
      s = State::excepted;
      return;
    }
  settling_.emplace_back(r, 0);
}

namespace {
// The context fact that establishes a basis the controller asserts per action.
syntax::ContextFact asserted_by(compile::Basis b) {
  switch (b) {
    case compile::Basis::contract: return syntax::ContextFact::contract;
    case compile::Basis::vital_interests: return syntax::ContextFact::vital_interests;
    case compile::Basis::public_task: return syntax::ContextFact::public_task;
    default: return syntax::ContextFact::legal_obligation;
  }
}
}  // namespace

// What a basis needs by its own meaning (docs/language.md, "Lawful bases"), as a condition.
ConditionNode Evaluator::basis_condition(compile::Basis b) {
  if (b == compile::Basis::consent) return {Op::consent_given};
  return {Op::context, Id(asserted_by(b))};
}

Truth Evaluator::basis_holds(compile::Basis b) const {
  Truth builtin = Truth::yes;  // legitimate interest holds until a rule defeats it
  if (b != compile::Basis::legitimate_interest) builtin = holds_node(basis_condition(b));
  return kleene_and(builtin, truth(!((defeated_ >> static_cast<int>(b)) & 1u)));
}

void Evaluator::add_obligations(Decision& d) const {
  for (Id r : standing_) {
    switch (policy_.rules[r].conclusion) {
      case Conclusion::oblige_erase: d.obligations.push_back({ObligationKind::erase, std::nullopt, r}); break;
      case Conclusion::oblige_archive: d.obligations.push_back({ObligationKind::archive, std::nullopt, r}); break;
      case Conclusion::oblige_end_of_retention: {
        bool missing = false;
        Id missing_date = compile::no_id;
        if (auto end = retention_end(missing, missing_date); end && !missing) {
          const auto kind = purpose_->then == syntax::EndOfRetention::archive ? ObligationKind::archive
                                                                               : ObligationKind::erase;
          const Date by{end->days + 1};
          if (!dates::in_range(by) && !d.out_of_range)
            d.out_of_range = OutOfRange{OutOfRange::What::end_of_retention, retention_end_anchor_, r};
          d.obligations.push_back({kind, by, r});
        }
        break;
      }
      default: break;
    }
  }
}

std::optional<Date> answer_due(const compile::CompiledPolicy& policy, Date received, bool extended) {
  const auto& within = *policy.response_within;
  const dates::HolidayCalendar* calendar = policy.holidays ? &*policy.holidays : nullptr;
  if (!extended) return dates::deadline(received, within.count, within.unit, calendar);
  const auto& ext = *policy.response_extension;
  // The extension runs on from the day of receipt: 1 month + 2 months = 3 months, and
  // 1 month + 1 year = 13 months (not 1 month, then 1 year from the day that ends).
  const auto months = [](const syntax::Period& p) {
    return p.unit == syntax::PeriodUnit::year ? 12 * p.count : p.unit == syntax::PeriodUnit::month ? p.count : -1;
  };
  if (ext.unit == within.unit)
    return dates::deadline(received, std::int64_t{within.count} + ext.count, within.unit, calendar);
  if (months(within) >= 0 && months(ext) >= 0)
    return dates::deadline(received, months(within) + months(ext), syntax::PeriodUnit::month, calendar);
  // Days or weeks with months or years: the extension counts from the end of the first period.
  if (const auto first = dates::period_end(received, within.count, within.unit))
    return dates::deadline(*first, ext.count, ext.unit, calendar);
  return std::nullopt;
}

// The answer deadlines of a rights request (docs/language.md, "Dates and periods").
void Evaluator::add_deadlines(Decision& d) const {
  const Date received = *facts_->received;
  d.due = answer_due(policy_, received, false);
  if (!d.due) {
    d.out_of_range = OutOfRange{OutOfRange::What::due};
    return;
  }
  if (!policy_.response_extension) return;
  d.extended_due = answer_due(policy_, received, true);
  if (!d.extended_due) d.out_of_range = OutOfRange{OutOfRange::What::extended_due};
}

// Not decided: nothing of what was worked out may be reported as if it were.
void Evaluator::withhold(Decision& d) const {
  const OutOfRange why = *d.out_of_range;
  d.clear();
  d.out_of_range = why;
}

void Evaluator::decide(const request::Facts& facts, bool trace, Decision& d) {
  d.clear();
  reset();
  facts_ = &facts;
  purpose_ = &policy_.purposes[facts.purpose];
  // Policy order, for a trace that reads top-down.
  concern(facts.rights_request ? policy_.concerned(facts.purpose, facts.right)
                                : policy_.concerned(facts.purpose, facts.action));
  const Conclusion yes = facts.rights_request ? Conclusion::grant : Conclusion::allow;
  const Conclusion no = facts.rights_request ? Conclusion::refuse : Conclusion::deny;
  bool permitted = false, prohibited = false;
  for (Id r : touched_)
    if (settle(r) == State::stands) {
      standing_.push_back(r);
      const auto& rule = policy_.rules[r];
      permitted |= rule.conclusion == yes;
      prohibited |= rule.conclusion == no;
      if (rule.conclusion == Conclusion::defeat_basis) defeated_ |= std::uint8_t(1u << static_cast<int>(rule.basis));
    }

  if (!facts.rights_request)
    for (auto b : purpose_->basis_list) {
      const bool held = is_yes(basis_holds(b));
      (held ? d.bases_held : d.bases_failed) |= std::uint8_t(1u << static_cast<int>(b));
      permitted |= held;
    }
  d.allow = permitted && !prohibited;
  for (Id r : standing_)
    if (policy_.rules[r].conclusion == (d.allow ? yes : no)) d.deciding_rules.push_back(r);
  if (permitted && prohibited)
    // Each standing deny (the deciding rules, as the decision is deny) against each standing
    // allow, at most max_conflicts pairs: many rules cannot make a response unbounded.
    for (Id deny : d.deciding_rules) {
      for (Id allow : standing_)
        if (policy_.rules[allow].conclusion == yes && d.conflicts.size() < max_conflicts)
          d.conflicts.emplace_back(deny, allow);
      if (d.conflicts.empty() || d.conflicts.size() == max_conflicts) break;  // no standing allow, or enough
    }

  if (facts.rights_request && facts.received && policy_.response_within) add_deadlines(d);
  add_obligations(d);
  if (d.out_of_range) {
    withhold(d);
    return;
  }
  if (!d.allow && !unknown_facts_.empty()) {
    d.undetermined = true;
    d.unknown_facts = unknown_facts_;
  }
  if (!trace) return;

  // ---- the justification, in reading order: bases, rules, then the default ----
  for (auto b : purpose_->basis_list) {
    if (facts.rights_request) break;
    TraceStep step;
    step.kind = TraceStep::Kind::basis;
    step.outcome = (d.bases_held >> static_cast<int>(b)) & 1u ? TraceStep::Outcome::holds : TraceStep::Outcome::fails;
    step.basis = b;
    if (b == compile::Basis::legitimate_interest)
      step.because.push_back(fmt::format("the controller's legitimate interest in `{}`", purpose_->name));
    else
      step.because.push_back(describe(basis_condition(b), holds_node(basis_condition(b))));
    for (Id r : standing_)
      if (policy_.rules[r].conclusion == Conclusion::defeat_basis && policy_.rules[r].basis == b)
        step.because.push_back(fmt::format("set aside by rule `{}`", policy_.rules[r].id));
    d.trace.push_back(std::move(step));
  }
  for (Id r : touched_) trace_rule(r, d);
  if (!permitted) {
    TraceStep step;
    step.kind = TraceStep::Kind::default_deny;
    d.trace.push_back(std::move(step));
  }
  for (auto [deny, allow] : d.conflicts) {
    TraceStep step;
    step.kind = TraceStep::Kind::conflict;
    step.rule = deny;
    step.other = allow;
    d.trace.push_back(std::move(step));
  }
}

void Evaluator::trace_rule(Id r, Decision& d) const {
  const auto& rule = policy_.rules[r];
  TraceStep step;
  step.rule = r;
  switch (state_[r]) {
    case State::stands:
      switch (rule.conclusion) {
        case Conclusion::deny: step.outcome = TraceStep::Outcome::deny; break;
        case Conclusion::allow: step.outcome = TraceStep::Outcome::allow; break;
        case Conclusion::defeat_basis: step.outcome = TraceStep::Outcome::defeat; break;
        case Conclusion::grant: step.outcome = TraceStep::Outcome::grant; break;
        case Conclusion::refuse: step.outcome = TraceStep::Outcome::refuse; break;
        default: step.outcome = TraceStep::Outcome::oblige; break;
      }
      break;
    case State::excepted:
      step.outcome = TraceStep::Outcome::excepted;
      step.exception = exception_[r];
      break;
    case State::overridden:
      step.outcome = TraceStep::Outcome::overridden;
      step.other = overrider_[r];
      break;
    default: return;  // did not apply: not part of the justification
  }
  if (rule.when != compile::always) explain(rule.when, Truth::yes, step.because);
  if (step.outcome == TraceStep::Outcome::excepted) {
    std::vector<std::string> exception;
    explain(rule.unless[step.exception], Truth::yes, exception);
    for (auto& e : exception) step.because.push_back("except that " + e);
  } else if (step.outcome == TraceStep::Outcome::overridden) {
    step.because.push_back(fmt::format("overridden by rule `{}`", policy_.rules[step.other].id));
  }
  d.trace.push_back(std::move(step));
}

}  // namespace gavel::evaluate

#include "engine/evaluate/evaluator.hpp"
#include "engine/evaluate/words.hpp"

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
      exception_(policy.rules.size(), -1),
      standing_value_(policy.rules.size(), Truth::yes) {
  policy.special_categories.for_each([this](Id) { any_special_category_ = true; });
}

void Evaluator::reset() {
  // overrider_ and exception_ are read only in the states that set them: left as they are.
  for (Id r : touched_) state_[r] = State::unconcerned;
  touched_ = {};
  standing_.clear();
  defeated_ = maybe_defeated_ = 0;
  unknown_facts_.clear();
  retention_known_ = false;
}

// The rules that concern the request, merged and in policy order in the compiled policy.
void Evaluator::concern(std::span<const Id> rules) {
  touched_ = rules;
  for (Id r : touched_) state_[r] = State::concerned;
}

// ---- conditions -------------------------------------------------------------------------

// A term that ends after 2999-12-31 ends after every day a request can name: it is taken to
// end on this day past the range, so that it is never over and never reported as a date.
constexpr Date after_range{dates::max_date.days + 1};

Evaluator::TermEnd Evaluator::term_end(const compile::RetentionTerm& term) const {
  const auto& f = *facts_;
  if (term.kind == syntax::RetentionTerm::Kind::until_consent_withdrawn) {
    const auto* c = f.consent_for(f.purpose);
    if (!c) return {false, std::nullopt};
    // Not withdrawn by `at` (never given, not withdrawn, or later): this term sets no end.
    if (c->never_given || !c->withdrawn || *c->withdrawn > f.at) return {};
    return {true, Date{c->withdrawn->days - 1}};  // kept through the day before withdrawal
  }
  // `after birth`: `subject.born`; with only `subject.age`, the day of birth is not known.
  const auto& anchor = term.anchor == compile::birth_anchor ? f.born : f.dates[term.anchor];
  if (!anchor) return {false, std::nullopt};
  // Null, or after `at`: the event has not happened at `at`, the period has not started.
  if (*anchor > f.at) return {};
  Date from = *anchor;
  if (term.from != syntax::RetentionTerm::From::date) {
    const auto ymd = dates::to_ymd(from);
    from = term.from == syntax::RetentionTerm::From::end_of_year
               ? dates::from_ymd(ymd.year, 12, 31)
               : dates::from_ymd(ymd.year, ymd.month, dates::days_in_month(ymd.year, ymd.month));
  }
  return {true, dates::period_end(from, term.count, term.unit).value_or(after_range)};
}

// Retention is over when the earliest maximum term is over (Kleene `or`; true when there is
// none) and every minimum term is (Kleene `and`); it ends on the latest of those ends.
void Evaluator::compute_retention() const {
  Retention r;
  const auto& terms = purpose_->retention;
  if (terms.empty()) {
    r.end_known = true;
    retention_ = r;
    return;
  }
  const Date at = facts_->at;
  bool any_maximum = false, known = true, endless = false;
  Truth maximum_over = Truth::no, minimum_over = Truth::yes;
  std::optional<Date> maximum_end, minimum_end;
  Id maximum_anchor = compile::no_id, minimum_anchor = compile::no_id;
  for (const auto& term : terms) {
    const TermEnd t = term_end(term);
    const Truth over = t.known ? truth(t.end && at > *t.end) : Truth::unknown;
    known = known && t.known;
    const Id anchor = term.kind == syntax::RetentionTerm::Kind::period_after ? term.anchor : compile::no_id;
    if (term.minimum) {
      minimum_over = kleene_and(minimum_over, over);
      if (t.known && !t.end) endless = true;
      if (t.end && (!minimum_end || *t.end > *minimum_end)) minimum_end = t.end, minimum_anchor = anchor;
    } else {
      any_maximum = true;
      maximum_over = kleene_or(maximum_over, over);
      if (t.end && (!maximum_end || *t.end < *maximum_end)) maximum_end = t.end, maximum_anchor = anchor;
    }
  }
  r.over = kleene_and(any_maximum ? maximum_over : Truth::yes, minimum_over);
  r.end_known = known;
  if (known && !endless && (!any_maximum || maximum_end)) {
    const bool by_minimum = minimum_end && (!maximum_end || *minimum_end > *maximum_end);
    r.end = by_minimum ? minimum_end : maximum_end;
    r.end_anchor = by_minimum ? minimum_anchor : maximum_anchor;
  }
  retention_ = r;
}

const Evaluator::Retention& Evaluator::retention() const {
  if (!retention_known_) {
    compute_retention();
    retention_known_ = true;
  }
  return retention_;
}

Truth Evaluator::retention_over() const {
  const Truth over = retention().over;
  if (is_unknown(over))  // names the facts of every term that turns on one
    for (const auto& term : purpose_->retention)
      if (!term_end(term).known)
        name_unknown(term_fact(term));
  return over;
}

// Retention is over and so is the archive period after it; false without `then archive for`.
Truth Evaluator::archive_period_over() const {
  if (!purpose_->archive_for) return Truth::no;
  const Truth over = retention_over();
  if (!is_yes(over)) return over;
  const auto& r = retention();
  if (!r.end_known) {  // over, but its end turns on an unknown fact: so does the archive's
    for (const auto& term : purpose_->retention)
      if (!term_end(term).known)
        name_unknown(term_fact(term));
    return Truth::unknown;
  }
  const auto archive_end = dates::period_end(*r.end, purpose_->archive_for->count, purpose_->archive_for->unit);
  return truth(archive_end && facts_->at > *archive_end);
}

FactRef Evaluator::term_fact(const compile::RetentionTerm& term) const {
  if (term.kind != syntax::RetentionTerm::Kind::period_after) return {FactRef::Kind::consent, facts_->purpose};
  if (term.anchor == compile::birth_anchor) return {FactRef::Kind::born, 0};
  return {FactRef::Kind::date, term.anchor};
}

void Evaluator::name_unknown(FactRef fact) const {
  if (std::find(unknown_facts_.begin(), unknown_facts_.end(), fact) == unknown_facts_.end())
    unknown_facts_.push_back(fact);
}

Truth Evaluator::holds(ConditionRef index) const { return holds_node(policy_.conditions[index]); }

Truth Evaluator::holds_node(const ConditionNode& n) const {
  const auto& f = *facts_;
  switch (n.op) {
    case Op::consent_given:
    case Op::consent_withdrawn: {
      const auto* c = f.consent_for(f.purpose);
      if (!c) {
        name_unknown({FactRef::Kind::consent, f.purpose});
        return Truth::unknown;
      }
      const bool withdrawn = c->withdrawn && *c->withdrawn <= f.at;  // a null record: never given
      if (n.op == Op::consent_withdrawn) return truth(!c->never_given && withdrawn);
      return truth(!c->never_given && c->given <= f.at && !withdrawn);
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
    case Op::archive_period_over: return archive_period_over();
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
    case Op::negation:
    case Op::conjunction:
    case Op::disjunction: return holds_connective(n);
    case Op::declared_fact:
    case Op::age_under:
    case Op::age_at_least:
    case Op::basis_of_record_is: return person_fact(n);
  }
  return Truth::no;
}

// Apart from holds_node, so that the loops' registers are not saved on every leaf's call.
Truth Evaluator::holds_connective(const ConditionNode& n) const {
  switch (n.op) {
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
    default: return Truth::no;
  }
}

// ---- rules ----------------------------------------------------------------------------

// A rule stands when it applies, no exception holds, and no standing rule that concerns
// the same request overrides it, all in Kleene's logic: a rule whose standing turns on an
// unknown fact is undetermined. Overrides are acyclic (the checker refuses cycles); the
// `evaluating` state guards against a cycle anyway, treating it as "does not override".
// Without recursion, on a stack of its own (settling_): a chain of 100,000 overrides must not
// exhaust the call stack. Each rule's overriders are settled, in order, before it.
Evaluator::State Evaluator::settle(Id root) {
  if (state_[root] != State::concerned)
    return state_[root] == State::evaluating ? State::not_applicable : state_[root];
  settling_.clear();
  begin_settling(root);
  if (!settling_.empty()) settle_overriders();  // most rules have none: settled already
  return state_[root];
}

// Settles the rules on settling_, each after its overriders.
void Evaluator::settle_overriders() {
  while (!settling_.empty()) {
    const auto [r, next] = settling_.back();
    const auto& overriders = policy_.rules[r].overridden_by;
    if (next == overriders.size()) {
      state_[r] = is_yes(standing_value_[r]) ? State::stands : State::undetermined;
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
      // May be overridden: standing at most unknown. Unconcerned, defeated, or `evaluating`
      // (a cycle): does not override.
      if (state_[by] == State::undetermined) standing_value_[r] = kleene_and(standing_value_[r], Truth::unknown);
      ++settling_.back().second;
    }
  }
}

// A rule's `when` and `unless`: settles it, or leaves it `evaluating` on settling_ until its
// overriders are settled. `unless` is read in order and stops at the first that holds.
void Evaluator::begin_settling(Id r) {
  const auto& rule = policy_.rules[r];
  State& s = state_[r];
  s = State::evaluating;
  const Truth applies = rule.when == compile::always ? Truth::yes : holds(rule.when);
  if (is_no(applies)) {
    s = State::not_applicable;
    return;
  }
  Truth excepted = Truth::no;
  for (std::size_t i = 0; i < rule.unless.size(); ++i) {
    const Truth e = holds(rule.unless[i]);
    if (is_yes(e)) {
      exception_[r] = int(i);
      s = State::excepted;
      return;
    }
    excepted = kleene_or(excepted, e);
  }
  standing_value_[r] = kleene_and(applies, kleene_not(excepted));
  // Most rules have no overrider: settled here, without a turn on the stack.
  if (rule.overridden_by.empty())
    s = is_yes(standing_value_[r]) ? State::stands : State::undetermined;
  else
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
  if (b == compile::Basis::consent)
    builtin = holds_node(basis_condition(b));
  else if (b != compile::Basis::legitimate_interest)  // the context fact of basis_condition(b), read directly
    builtin = truth(facts_->asserts(asserted_by(b)));
  // Set aside by a standing `defeat basis` rule: false; perhaps, by an undetermined one: unknown.
  const Truth defeated = (defeated_ >> static_cast<int>(b)) & 1u         ? Truth::yes
                         : (maybe_defeated_ >> static_cast<int>(b)) & 1u ? Truth::unknown
                                                                          : Truth::no;
  return kleene_and(builtin, kleene_not(defeated));
}

void Evaluator::add_obligations(Decision& d) const {
  for (Id r : standing_) {
    switch (policy_.rules[r].conclusion) {
      case Conclusion::oblige_erase: d.obligations.push_back({ObligationKind::erase, std::nullopt, r}); break;
      case Conclusion::oblige_archive: d.obligations.push_back({ObligationKind::archive, std::nullopt, r}); break;
      case Conclusion::oblige_end_of_retention: {
        // A date only when the end can be worked out: every term known, and one that ends.
        const auto& ret = retention();
        if (ret.end_known && ret.end) {
          const auto kind = purpose_->then == syntax::EndOfRetention::archive ? ObligationKind::archive
                                                                               : ObligationKind::erase;
          const Date by{ret.end->days + 1};
          if (!dates::in_range(by) && !d.out_of_range)
            d.out_of_range = OutOfRange{OutOfRange::What::end_of_retention, ret.end_anchor, r};
          d.obligations.push_back({kind, by, r});
        }
        break;
      }
      case Conclusion::oblige_end_of_archive: {
        // Erased the day after the archive period that follows retention.
        const auto& ret = retention();
        if (purpose_->archive_for && ret.end_known && ret.end) {
          const auto end = dates::in_range(*ret.end)
                               ? dates::period_end(*ret.end, purpose_->archive_for->count, purpose_->archive_for->unit)
                               : std::nullopt;
          const Date by{end ? end->days + 1 : after_range.days};
          if (!dates::in_range(by) && !d.out_of_range)
            d.out_of_range = OutOfRange{OutOfRange::What::end_of_archive, ret.end_anchor, r};
          d.obligations.push_back({ObligationKind::erase, by, r});
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

// The answer of a rights request (docs/language.md, "Answering a rights request"): its
// deadlines, and whom to tell of a granted erasure, rectification or restriction.
void Evaluator::add_answer(Decision& d) const {
  const auto& f = *facts_;
  d.refused = !d.allow && !d.undetermined;
  if (d.allow && static_cast<std::size_t>(f.right) < compile::builtin_right_count) {
    const auto right = static_cast<syntax::Right>(f.right);
    if (right == syntax::Right::erasure || right == syntax::Right::rectification ||
        right == syntax::Right::restriction) {
      for (Id r = 0; r < policy_.recipients.size(); ++r)
        if (purpose_->data.intersects(policy_.recipients[r].receives)) d.notify_recipients.push_back(r);
      if (f.asserts(syntax::ContextFact::disproportionate_effort) && !d.notify_recipients.empty()) {
        d.notify_recipients.clear();
        d.notice_exempt = true;
      }
    }
  }
  if (!f.received) return;
  const Date received = *f.received;
  // A granted request answered on a term of its own: the earliest of its deciding grants'.
  std::optional<Date> own;
  bool on_receipt = false;
  if (d.allow)
    for (Id r : d.deciding_rules) {
      const auto& term = policy_.rules[r].term;
      if (!term) continue;
      const dates::HolidayCalendar* calendar = policy_.holidays ? &*policy_.holidays : nullptr;
      const auto due = term->kind == syntax::ResponseTerm::Kind::on_receipt
                           ? std::optional<Date>(received)
                           : dates::deadline(received, term->within.count, term->within.unit, calendar);
      if (!due) {
        d.out_of_range = OutOfRange{OutOfRange::What::due};
        return;
      }
      if (!own || *due < *own) own = due, on_receipt = term->kind == syntax::ResponseTerm::Kind::on_receipt;
    }
  if (own) {
    d.due = own;
    if (on_receipt) d.effective = received;
    return;
  }
  if (!policy_.response_within) return;
  d.due = answer_due(policy_, received, false);
  if (!d.due) {
    d.out_of_range = OutOfRange{OutOfRange::What::due};
    return;
  }
  // A refusal is given within the first period, never the extended one (GDPR Art. 12(4)).
  if (!policy_.response_extension || d.refused) return;
  d.extended_due = answer_due(policy_, received, true);
  if (!d.extended_due) d.out_of_range = OutOfRange{OutOfRange::What::extended_due};
  d.extension_notice_by = d.due;
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
  // docs/language.md, "What a decision means": permitted AND NOT prohibited, in Kleene's logic.
  Truth permitted = Truth::no, prohibited = Truth::no;
  bool any_standing_allow = false;
  for (Id r : touched_) {
    const State s = settle(r);
    if (s != State::stands && s != State::undetermined) continue;
    const Truth stands = s == State::stands ? Truth::yes : Truth::unknown;
    const auto& rule = policy_.rules[r];
    if (s == State::stands) standing_.push_back(r);
    if (rule.conclusion == yes) {
      permitted = kleene_or(permitted, stands);
      any_standing_allow |= s == State::stands;
    }
    if (rule.conclusion == no) prohibited = kleene_or(prohibited, stands);
    if (rule.conclusion == Conclusion::defeat_basis)
      (s == State::stands ? defeated_ : maybe_defeated_) |= std::uint8_t(1u << static_cast<int>(rule.basis));
  }

  if (!facts.rights_request)
    for (auto b : purpose_->basis_list) {
      const Truth held = basis_for_person(b);
      const auto bit = std::uint8_t(1u << static_cast<int>(b));
      (is_yes(held) ? d.bases_held : is_no(held) ? d.bases_failed : d.bases_unknown) |= bit;
      permitted = kleene_or(permitted, held);
    }
  // GDPR Art. 9: special categories need a condition of Art. 9(2) besides the lawful basis.
  const bool special = processes_special_data();
  const Truth special_allowed = special ? special_data_allowed() : Truth::yes;
  d.special_failed = is_no(special_allowed);
  const Truth value = kleene_and(kleene_and(permitted, kleene_not(prohibited)), special_allowed);
  d.allow = is_yes(value);
  d.undetermined = is_unknown(value);
  if (!d.undetermined)  // what definitely decided: nothing, when it is not determined
    for (Id r : standing_)
      if (policy_.rules[r].conclusion == (d.allow ? yes : no)) d.deciding_rules.push_back(r);
  if (is_yes(prohibited) && any_standing_allow)
    // Each standing deny (the deciding rules, as the decision is deny) against each standing
    // allow, at most max_conflicts pairs: many rules cannot make a response unbounded.
    for (Id deny : d.deciding_rules) {
      for (Id allow : standing_)
        if (policy_.rules[allow].conclusion == yes && d.conflicts.size() < max_conflicts)
          d.conflicts.emplace_back(deny, allow);
      if (d.conflicts.size() == max_conflicts) break;
    }

  if (facts.rights_request) add_answer(d);
  add_obligations(d);
  if (d.out_of_range) {
    withhold(d);
    return;
  }
  if (!unknown_facts_.empty()) d.unknown_facts = unknown_facts_;  // d was cleared
  if (!trace) return;

  // ---- the justification, in reading order: bases, rules, then the default ----
  for (auto b : purpose_->basis_list) {
    if (facts.rights_request) break;
    TraceStep step;
    step.kind = TraceStep::Kind::basis;
    const int bit = static_cast<int>(b);
    step.outcome = (d.bases_held >> bit) & 1u      ? TraceStep::Outcome::holds
                   : (d.bases_unknown >> bit) & 1u ? TraceStep::Outcome::undetermined
                                                   : TraceStep::Outcome::fails;
    step.basis = b;
    if (b == compile::Basis::legitimate_interest)
      step.because.push_back(fmt::format("the controller relies on its legitimate interest in {}",
                                         purpose_words(policy_, facts.purpose)));
    else
      step.because.push_back(describe(basis_condition(b), holds_node(basis_condition(b))));
    for (Id r : touched_)
      if (policy_.rules[r].conclusion == Conclusion::defeat_basis && policy_.rules[r].basis == b) {
        if (state_[r] == State::stands) step.set_aside_by.push_back(r);
        if (state_[r] == State::undetermined) step.perhaps_by.push_back(r);
      }
    d.trace.push_back(std::move(step));
  }
  if (special) trace_special(special_allowed, d);
  for (Id r : touched_) trace_rule(r, d);
  if (is_no(permitted)) {
    TraceStep step;
    step.kind = TraceStep::Kind::default_deny;
    for (Id r : touched_)
      step.grant_fell |= policy_.rules[r].conclusion == yes &&
                         (state_[r] == State::excepted || state_[r] == State::overridden);
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
    case State::undetermined: step.outcome = TraceStep::Outcome::undetermined; break;
    default: return;  // did not apply: not part of the justification
  }
  // `for purposes based on B`: the basis is part of why the rule concerns the purpose.
  // Portability is a right only for processing on consent or a contract (GDPR Art. 20(1)(a)):
  // its rules say which the purpose rests on, as do rules scoped `for purposes based on B`.
  const bool portability = (rule.conclusion == Conclusion::grant || rule.conclusion == Conclusion::refuse) &&
                           rule.right == compile::right_of(syntax::Right::portability);
  std::vector<std::string> bases;
  for (auto b : purpose_->basis_list)
    if (portability ? true : std::find(rule.scope_bases.begin(), rule.scope_bases.end(), b) != rule.scope_bases.end())
      bases.push_back(basis_words(b));
  if (!bases.empty())
    step.because.push_back(fmt::format("{} rests on {}", purpose_words(policy_, facts_->purpose), and_list(bases)));
  if (rule.when != compile::always) {
    const Truth applies = holds(rule.when);
    step.applies_unknown = is_unknown(applies);
    explain(rule.when, applies, step.because);
  }
  if (step.outcome == TraceStep::Outcome::excepted) {
    explain(rule.unless[step.exception], Truth::yes, step.exception_because);
  } else if (step.outcome == TraceStep::Outcome::undetermined) {
    // What leaves it open: an exception that may hold, an overrider that may stand.
    for (auto u : rule.unless)
      if (const Truth v = holds(u); is_unknown(v)) explain(u, v, step.exception_because);
    for (Id by : rule.overridden_by)
      if (state_[by] == State::undetermined) step.perhaps_by.push_back(by);
  }
  d.trace.push_back(std::move(step));
}

}  // namespace gavel::evaluate

// The explanation of a decision as a reasoned decision a regulator can read: each rule's
// role stated in a full sentence (applied, excepted and why, overridden and by what), words
// for what the policy declares, and the same dates and obligations as the JSON.
#include <fmt/format.h>

#include <algorithm>

#include "engine/evaluate/evaluator.hpp"
#include "engine/evaluate/render.hpp"
#include "engine/evaluate/words.hpp"

namespace gavel::evaluate {

namespace {

using O = TraceStep::Outcome;
using compile::Conclusion;

std::string day(Date d) { return dates::to_string(d); }

std::string country_code(compile::CountryIndex c) { return {char('A' + c / 26), char('A' + c % 26)}; }

// ", because A, B and C", or nothing.
std::string because(const std::vector<std::string>& reasons) {
  return reasons.empty() ? std::string() : ", because " + and_list(reasons);
}

// What an obligation asks, as a verb phrase: "archive the data by 2026-03-16".
std::string duty(const request::Facts& facts, const Obligation& o) {
  const auto what = fmt::format("{} the data", obligation_name(o.kind));
  if (!o.by) return what + " without undue delay";
  // Due before the day decided on: a duty already late, not one still to come.
  if (*o.by < facts.at) return fmt::format("{}, overdue since {}", what, day(*o.by));
  return fmt::format("{} by {}", what, day(*o.by));
}

// What a rule's conclusion does, in the present tense (`third`) or after "does not".
std::string effect(const compile::CompiledPolicy& policy, const request::Facts& facts, Id r, bool third) {
  const auto& rule = policy.rules[r];
  const auto v = [third](std::string_view base, std::string_view s) { return std::string(third ? s : base); };
  switch (rule.conclusion) {
    case Conclusion::deny: return v("forbid", "forbids") + " the processing";
    case Conclusion::allow: return v("allow", "allows") + " the processing";
    case Conclusion::grant: return v("grant", "grants") + " the request";
    case Conclusion::refuse: return v("allow", "allows") + " the controller to refuse the request";
    case Conclusion::defeat_basis:
      return fmt::format("{} {} as a lawful basis for {}", v("set aside", "sets aside"), basis_words(rule.basis),
                         purpose_words(policy, facts.purpose));
    case Conclusion::oblige_erase: return v("oblige", "obliges") + " the controller to erase the data";
    case Conclusion::oblige_archive: return v("oblige", "obliges") + " the controller to archive the data";
    default: return v("oblige", "obliges") + " the controller to end the keeping of the data";
  }
}

std::string rule_sentence(const compile::CompiledPolicy& policy, const request::Facts& facts, const Decision& d,
                          const TraceStep& step) {
  const auto& rule = policy.rules[step.rule];
  const auto named = fmt::format("The rule “{}” ({}; {}; {})", rule.title, rule.id,
                                 [&] {
                                   std::string c;
                                   for (const auto& x : rule.cites) c += (c.empty() ? "" : ", ") + x;
                                   return c;
                                 }(),
                                 rule.source);
  // "applies, because A, and grants the request"; without reasons, "applies and grants …".
  // An exception or an overrider can settle a rule whose `when` turns on a fact not given.
  const auto applies = (step.applies_unknown ? "may apply" : "applies") + because(step.because);
  const auto then = step.because.empty() ? " and" : ", and";
  switch (step.outcome) {
    case O::excepted:
      return fmt::format("{} {}, but its exception holds, because {}, so it does not {}.", named, applies,
                         and_list(step.exception_because), effect(policy, facts, step.rule, false));
    case O::overridden:
      return fmt::format("{} {}, but the rule {} overrides it and stands, so it does not {}.", named, applies,
                         rule_reference(policy, step.other), effect(policy, facts, step.rule, false));
    case O::undetermined: {
      std::vector<std::string> open = step.because;
      for (const auto& e : step.exception_because) open.push_back("its exception may hold: " + e);
      for (Id by : step.perhaps_by) open.push_back(fmt::format("the rule {} may override it", rule_reference(policy, by)));
      return fmt::format("{} may or may not {}: {}.", named, effect(policy, facts, step.rule, false), and_list(open));
    }
    case O::oblige: {
      const auto o = std::find_if(d.obligations.begin(), d.obligations.end(),
                                  [&](const Obligation& x) { return x.rule == step.rule; });
      if (o == d.obligations.end())
        return fmt::format("{} {}, but no obligation follows from it: the day the retention of the data ends cannot "
                           "be worked out from the request.",
                           named, applies);
      return fmt::format("{} {}{} obliges the controller to {}.", named, applies, then, duty(facts, *o));
    }
    default: return fmt::format("{} {}{} {}.", named, applies, then, effect(policy, facts, step.rule, true));
  }
}

// One step of the trace as a sentence: what the rule or basis is, what it concluded, why.
std::string sentence(const compile::CompiledPolicy& policy, const request::Facts& facts, const Decision& d,
                     const TraceStep& step) {
  const auto t = step_text(policy, facts, step);
  switch (step.kind) {
    case TraceStep::Kind::basis: {
      const auto basis = fmt::format("{} ({})", capitalized(basis_words(step.basis)), t.cites);
      const auto purpose = purpose_words(policy, facts.purpose);
      std::vector<std::string> set_aside, perhaps;
      for (Id r : step.set_aside_by) set_aside.push_back("the rule " + rule_reference(policy, r));
      for (Id r : step.perhaps_by) perhaps.push_back("the rule " + rule_reference(policy, r));
      if (step.outcome == O::holds)
        return fmt::format("{} is a lawful basis for {}{}.", basis, purpose, because(step.because));
      if (step.outcome == O::undetermined) {
        std::vector<std::string> open = step.because;
        if (!perhaps.empty()) open.push_back(and_list(perhaps) + " may set it aside");
        return fmt::format("Whether {} is a lawful basis for {} is not known: {}.", basis, purpose, and_list(open));
      }
      if (!set_aside.empty())
        return fmt::format("{} is not a lawful basis for {}: {}, but {} {} it aside.", basis, purpose,
                           and_list(step.because), and_list(set_aside), set_aside.size() == 1 ? "sets" : "set");
      return fmt::format("{} is not a lawful basis for {}{}.", basis, purpose, because(step.because));
    }
    case TraceStep::Kind::default_deny:
      if (facts.rights_request) return fmt::format("{} ({}).", t.title, t.cites);
      return fmt::format("No lawful basis holds and no rule allows the processing, so it is denied ({}).", t.cites);
    case TraceStep::Kind::conflict: return fmt::format("{}, so the processing is denied.", t.title);
    case TraceStep::Kind::special:
      return fmt::format("Processing special categories of data ({}) {}{}.", t.cites,
                         step.outcome == O::holds   ? "meets a condition of GDPR Art. 9(2)"
                         : step.outcome == O::fails ? "meets no condition of GDPR Art. 9(2)"
                                                    : "may or may not meet a condition of GDPR Art. 9(2)",
                         because(step.because));
    case TraceStep::Kind::rule: break;
  }
  return rule_sentence(policy, facts, d, step);
}

// Whether a step is among the reasons for the decision, as opposed to context.
bool decisive(const Decision& d, const TraceStep& step) {
  const bool by_default = std::any_of(d.trace.begin(), d.trace.end(),
                                      [](const TraceStep& s) { return s.kind == TraceStep::Kind::default_deny; });
  if (d.undetermined) return step.outcome == O::undetermined;
  switch (step.kind) {
    case TraceStep::Kind::basis: return d.allow ? step.outcome == O::holds : by_default && step.outcome == O::fails;
    case TraceStep::Kind::default_deny:
    case TraceStep::Kind::conflict: return !d.allow;
    case TraceStep::Kind::special: return !d.allow && step.outcome != O::holds;
    case TraceStep::Kind::rule:
      return d.allow ? step.outcome == O::allow || step.outcome == O::grant
                     : step.outcome == O::deny || step.outcome == O::refuse;
  }
  return false;
}

// The answer a rights request needs: when, and what it must say (GDPR Art. 12, 19).
std::string answer(const compile::CompiledPolicy& policy, const request::Facts& facts, const Decision& d) {
  std::string out;
  if (d.effective) out += fmt::format(" The request takes effect on receipt, on {} (GDPR Art. 7(3)).", day(*d.effective));
  if (d.refused) {
    if (d.due)
      out += fmt::format(" The refusal and its reasons are due by {}, within the first period, which is not extended "
                         "(GDPR Art. 12(4)).",
                         day(*d.due));
    out += policy.authority
               ? fmt::format(" The person may lodge a complaint with the {}{} and seek a judicial remedy (GDPR Art. 77, "
                             "79).",
                             *policy.authority, policy.authority_address ? " (" + *policy.authority_address + ")" : "")
               : std::string(" The person may lodge a complaint with a supervisory authority (the policy names none) "
                             "and seek a judicial remedy (GDPR Art. 77, 79).");
  } else if (d.due && !d.effective) {
    out += fmt::format(" The answer is due by {}", day(*d.due));
    if (d.extended_due)
      out += fmt::format("; if the period is extended, by {}, and the person must be told of the extension and its "
                         "reasons by {} (GDPR Art. 12(3))",
                         day(*d.extended_due), day(*d.extension_notice_by));
    out += ".";
  }
  if (!d.notify_recipients.empty()) {
    std::vector<std::string> names;
    for (Id r : d.notify_recipients) names.push_back(recipient_words(policy, r));
    out += fmt::format(" The controller must tell {} of it, unless that proves impossible or involves "
                       "disproportionate effort, and tell the person who they are if asked (GDPR Art. 19).",
                       and_list(names));
  } else if (d.allow && facts.asserts(syntax::ContextFact::disproportionate_effort)) {
    out += " The controller asserts that telling the recipients is impossible or involves disproportionate effort; "
           "it must still tell the person who they are if asked (GDPR Art. 19).";
  }
  return out;
}

}  // namespace

std::string render_prose(const compile::CompiledPolicy& policy, const request::Facts& facts, const Decision& d) {
  if (d.out_of_range) {
    const auto error = range_error(policy, facts, d);
    return fmt::format("Not decided: `{}`: {}.", error.field, error.message);
  }
  std::string out;
  const auto purpose = purpose_words(policy, facts.purpose);
  if (facts.rights_request) {
    out += fmt::format("{}: the person's request to exercise {} over the data processed for {}",
                       d.allow ? "Granted" : d.undetermined ? "Not granted, undetermined" : "Refused",
                       right_words(policy, facts.right), purpose);
    if (facts.received) out += fmt::format(", received on {}", day(*facts.received));
    out += ".";
    out += answer(policy, facts, d);
  } else {
    std::vector<std::string> data;
    for (Id c : facts.data_list) data.push_back(category_words(policy, c));
    out += fmt::format("{}: to {} the data {} for {}", d.allow ? "Allowed" : d.undetermined ? "Denied, undetermined" : "Denied",
                       syntax::name_of(facts.action), and_list(data), purpose);
    if (facts.recipient != compile::no_id) out += fmt::format(", with {}", recipient_words(policy, facts.recipient));
    if (facts.country) out += fmt::format(", in {}", country_code(*facts.country));
    out += fmt::format(", on {}.", day(facts.at));
  }
  out += "\n\nWhy:";
  for (const auto& step : d.trace)
    if (decisive(d, step)) out += "\n- " + sentence(policy, facts, d, step);
  if (d.trace.empty()) out += "\n- No rule of the policy concerns this request.";
  bool also = false;
  for (const auto& step : d.trace)
    if (!decisive(d, step)) {
      if (!also) out += "\n\nAlso considered:";
      also = true;
      out += "\n- " + sentence(policy, facts, d, step);
    }
  if (!d.unknown_facts.empty()) {
    std::vector<std::string> facts_not_given;
    for (auto fact : d.unknown_facts) facts_not_given.push_back(fmt::format("`{}`", fact_path(policy, fact)));
    out += d.undetermined ? fmt::format("\n\nThe request does not give {}: the decision turns on it, and is not "
                                        "an allow until it is known.",
                                        and_list(facts_not_given))
                          : fmt::format("\n\nThe request does not give {}; the decision does not turn on it.",
                                        and_list(facts_not_given));
  }
  if (!d.obligations.empty()) out += "\n\nObligations:";
  for (const auto& o : d.obligations)
    out += fmt::format("\n- {} (the rule {}).", capitalized(duty(facts, o)), rule_reference(policy, o.rule));
  return out;
}

}  // namespace gavel::evaluate

#include "engine/evaluate/render.hpp"

#include <fmt/format.h>

#include "engine/evaluate/evaluator.hpp"
#include "engine/evaluate/words.hpp"

#include <algorithm>

namespace gavel::evaluate {

namespace {

constexpr std::array<std::string_view, compile::basis_count> basis_citation = {
    "GDPR Art. 6(1)(a)", "GDPR Art. 6(1)(b)", "GDPR Art. 6(1)(c)",
    "GDPR Art. 6(1)(d)", "GDPR Art. 6(1)(e)", "GDPR Art. 6(1)(f)"};

constexpr std::array<std::string_view, compile::basis_count> basis_title = {
    "Consent", "Performance of a contract", "Compliance with a legal obligation",
    "Vital interests", "A task in the public interest", "Legitimate interest"};

std::string_view outcome_name(TraceStep::Outcome o) {
  using O = TraceStep::Outcome;
  switch (o) {
    case O::holds: return "holds";
    case O::fails: return "fails";
    case O::allow: return "allow";
    case O::deny: return "deny";
    case O::defeat: return "defeat";
    case O::grant: return "grant";
    case O::refuse: return "refuse";
    case O::oblige: return "oblige";
    case O::excepted: return "excepted";
    case O::overridden: return "overridden";
    case O::no_grant: return "deny";
    case O::undetermined: return "undetermined";
  }
  return "deny";
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

void append_date(std::string& out, Date d) {
  char text[12] = {'"'};
  dates::format_date(d, text + 1);
  text[11] = '"';
  out.append(text, 12);
}


}  // namespace

std::string_view obligation_name(ObligationKind kind) { return kind == ObligationKind::erase ? "erase" : "archive"; }

std::string_view fact_name(const compile::CompiledPolicy& policy, FactRef fact) {
  switch (fact.kind) {
    case FactRef::Kind::consent:
    case FactRef::Kind::basis_of_record: return policy.purposes[fact.id].name;
    case FactRef::Kind::date: return policy.date_names[fact.id];
    case FactRef::Kind::record_fact: return policy.facts[fact.id].name;
    case FactRef::Kind::born: return {};
  }
  return {};
}

std::string basis_id(const compile::CompiledPolicy& policy, Id purpose, compile::Basis basis) {
  return fmt::format("{}.{}", policy.purposes[purpose].name, syntax::name_of(basis));
}


std::string rule_reference(const compile::CompiledPolicy& policy, Id rule) {
  return fmt::format("“{}” ({})", policy.rules[rule].title, policy.rules[rule].id);
}

std::vector<std::string> step_reasons(const compile::CompiledPolicy& policy, const TraceStep& step) {
  std::vector<std::string> out = step.because;
  const bool open = step.outcome == TraceStep::Outcome::undetermined;
  for (const auto& e : step.exception_because)
    out.push_back((open ? "its exception may hold: " : "its exception holds: ") + e);
  if (step.outcome == TraceStep::Outcome::overridden)
    out.push_back(fmt::format("the rule {} overrides it", rule_reference(policy, step.other)));
  for (Id r : step.set_aside_by) out.push_back(fmt::format("the rule {} sets it aside", rule_reference(policy, r)));
  for (Id r : step.perhaps_by)
    out.push_back(fmt::format("the rule {} may {}", rule_reference(policy, r),
                              step.kind == TraceStep::Kind::basis ? "set it aside" : "override it"));
  return out;
}

StepText step_text(const compile::CompiledPolicy& policy, const request::Facts& facts, const TraceStep& step) {
  StepText t;
  t.outcome = outcome_name(step.outcome);
  switch (step.kind) {
    case TraceStep::Kind::basis: {
      const auto& purpose = policy.purposes[facts.purpose];
      const auto b = static_cast<std::size_t>(step.basis);
      t.rule = basis_id(policy, facts.purpose, step.basis);
      t.title = fmt::format("{} as the lawful basis of {}", basis_title[b], purpose_words(policy, facts.purpose));
      t.cites = basis_citation[b];
      t.source = fmt::format("{}:{}", policy.source_name, purpose.line);
      break;
    }
    case TraceStep::Kind::rule: {
      const auto& rule = policy.rules[step.rule];
      t.rule = rule.id;
      t.title = rule.title;
      t.cites = join(rule.cites, "; ");
      t.source = rule.source;
      break;
    }
    case TraceStep::Kind::default_deny:
      t.rule = "default";
      if (facts.rights_request) {
        t.title = step.grant_fell ? "No grant of this request stands, so it is refused"
                                  : "No rule of the policy grants this request, so it is refused";
        t.cites = "GDPR Art. 12(4)";
      } else {
        t.title = "No lawful basis holds, so the action is denied by default";
        t.cites = "GDPR Art. 6(1)";
      }
      t.source = policy.source_name;
      break;
    case TraceStep::Kind::special: {
      const auto& purpose = policy.purposes[facts.purpose];
      t.rule = purpose.name + ".special";
      t.title = fmt::format("Special categories of data processed for {} under a condition of GDPR Art. 9(2)",
                            purpose_words(policy, facts.purpose));
      t.cites = "GDPR Art. 9(1), 9(2)";
      t.source = fmt::format("{}:{}", policy.source_name, purpose.line);
      break;
    }
    case TraceStep::Kind::conflict:
      t.rule = "conflict";
      t.title = fmt::format("The rules {} and {} reach opposite conclusions and neither overrides the other",
                            rule_reference(policy, step.rule), rule_reference(policy, step.other));
      t.cites = "docs/language.md § What a decision means";
      t.source = policy.rules[step.rule].source;
      break;
  }
  return t;
}

void render_json(const compile::CompiledPolicy& policy, const request::Facts& facts, const Decision& d, bool trace,
                 std::string& out) {
  if (d.out_of_range) return render_error_json(range_error(policy, facts, d), out);
  out += d.allow ? R"({"decision":"allow","decided_by":[)" : R"({"decision":"deny","decided_by":[)";
  bool first = true;
  for_each_deciding(policy, facts, d, [&](std::string_view id, std::string_view basis) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, id);
    if (!basis.empty()) {  // `purpose.basis`: re-open the string to add the basis
      out.back() = '.';
      out += basis;
      out += '"';
    }
  });
  out += "],\"obligations\":[";
  for (std::size_t i = 0; i < d.obligations.size(); ++i) {
    const auto& o = d.obligations[i];
    if (i) out += ',';
    out += R"({"kind":")";
    out += obligation_name(o.kind);
    out += R"(","by":)";
    if (o.by)
      append_date(out, *o.by);
    else
      out += "null";
    out += R"(,"rule":)";
    append_json_string(out, policy.rules[o.rule].id);
    out += '}';
  }
  out += ']';
  if (!d.unknown_facts.empty()) {
    out += d.undetermined ? R"(,"missing":[)" : R"(,"unknown":[)";
    for (std::size_t i = 0; i < d.unknown_facts.size(); ++i) {
      if (i) out += ',';
      // Declared names need no escaping: they are identifiers.
      out += '"';
      request::append_fact_path(out, d.unknown_facts[i].kind, fact_name(policy, d.unknown_facts[i]));
      out += '"';
    }
    out += ']';
  }
  if (!d.conflicts.empty()) {
    out += R"(,"conflicts":[)";
    for (std::size_t i = 0; i < d.conflicts.size(); ++i) {
      if (i) out += ',';
      out += '[';
      append_json_string(out, policy.rules[d.conflicts[i].first].id);
      out += ',';
      append_json_string(out, policy.rules[d.conflicts[i].second].id);
      out += ']';
    }
    out += ']';
  }
  // A rights answer's dates: each field only when the answer has it.
  const auto optional_date = [&out](std::string_view key, const std::optional<Date>& day) {
    if (!day) return;
    out += key;
    append_date(out, *day);
  };
  optional_date(R"(,"due":)", d.due);
  optional_date(R"(,"extended_due":)", d.extended_due);
  optional_date(R"(,"extension_notice_by":)", d.extension_notice_by);
  optional_date(R"(,"effective":)", d.effective);
  if (d.refused) {
    out += R"(,"refusal":{)";
    if (d.due) {
      out += R"("due":)";
      append_date(out, *d.due);
      out += ',';
    }
    out += R"("complaint_to":)";
    if (policy.authority) {
      out += R"({"authority":)";
      append_json_string(out, *policy.authority);
      if (policy.authority_address) {
        out += R"(,"address":)";
        append_json_string(out, *policy.authority_address);
      }
      out += '}';
    } else {
      out += "null";
    }
    out += R"(,"judicial_remedy":true})";
  }
  if (!d.notify_recipients.empty()) {
    out += R"(,"notify_recipients":[)";
    for (std::size_t i = 0; i < d.notify_recipients.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, policy.recipients[d.notify_recipients[i]].name);
    }
    out += ']';
  }
  if (trace) {
    out += R"(,"trace":[)";
    for (std::size_t i = 0; i < d.trace.size(); ++i) {
      const auto& step = d.trace[i];
      const auto t = step_text(policy, facts, step);
      if (i) out += ',';
      out += R"({"rule":)";
      append_json_string(out, t.rule);
      out += R"(,"title":)";
      append_json_string(out, t.title);
      out += R"(,"cites":)";
      append_json_string(out, t.cites);
      out += R"(,"source":)";
      append_json_string(out, t.source);
      out += R"(,"outcome":)";
      append_json_string(out, t.outcome);
      out += R"(,"because":[)";
      const auto reasons = step_reasons(policy, step);
      for (std::size_t j = 0; j < reasons.size(); ++j) {
        if (j) out += ',';
        append_json_string(out, reasons[j]);
      }
      out += "]}";
    }
    out += ']';
  }
  out += '}';
}

void render_error_json(std::string_view field, std::string_view message, std::string_view help,
                       std::string_view code, std::string& out) {
  out += R"({"error":{"field":)";
  append_json_string(out, field);
  out += R"(,"message":)";
  append_json_string(out, message);
  if (!help.empty()) {
    out += R"(,"help":)";
    append_json_string(out, help);
  }
  out += R"(,"code":)";
  append_json_string(out, code);
  out += "}}";
}

void render_error_json(const request::DecodeError& error, std::string& out) {
  render_error_json(error.field, error.message, error.help, code_name(error.code), out);
}

namespace {

std::string period_text(int count, syntax::PeriodUnit unit) {
  static constexpr std::string_view units[] = {"day", "week", "month", "year"};
  return fmt::format("{} {}{}", count, units[static_cast<std::size_t>(unit)], count == 1 ? "" : "s");
}

// The last day a rights request can be received on for its answer (extended or not) to be due
// by 2999-12-31; none when there is no such day. The deadline never comes earlier for a later
// day of receipt, so a binary search finds it.
std::optional<Date> last_decidable_receipt(const compile::CompiledPolicy& policy, Date received, bool extended) {
  const auto decidable = [&](std::int32_t day) { return answer_due(policy, Date{day}, extended).has_value(); };
  std::int32_t lo = dates::min_date.days, hi = received.days;  // decidable(lo) is checked; hi is not decidable
  if (!decidable(lo)) return std::nullopt;
  while (hi - lo > 1) {
    const std::int32_t mid = lo + (hi - lo) / 2;
    (decidable(mid) ? lo : hi) = mid;
  }
  return Date{lo};
}

}  // namespace

request::DecodeError range_error(const compile::CompiledPolicy& policy, const request::Facts& facts,
                                 const Decision& d) {
  const OutOfRange& why = *d.out_of_range;
  const std::string last_day = dates::to_string(dates::max_date);
  // The field the end was counted from: a date, or the date of birth.
  const bool from_birth = why.anchor == compile::birth_anchor;
  const auto anchor_field = [&] {
    return from_birth ? std::string("subject.born") : fmt::format("subject.dates.{}", policy.date_names[why.anchor]);
  };
  if (why.what == OutOfRange::What::end_of_archive) {
    const auto& purpose = policy.purposes[facts.purpose];
    return {anchor_field(),
            fmt::format("the data archived for {} after retention would be erased after {}, the last day gavel "
                        "supports (rule `{}`)",
                        period_text(purpose.archive_for->count, purpose.archive_for->unit), last_day,
                        policy.rules[why.rule].id),
            {},
            Code::request_date_out_of_range};
  }
  if (why.what == OutOfRange::What::end_of_retention) {
    const auto& purpose = policy.purposes[facts.purpose];
    const auto term = std::find_if(purpose.retention.begin(), purpose.retention.end(),
                                   [&](const compile::RetentionTerm& t) { return t.anchor == why.anchor; });
    const bool archive = purpose.then == syntax::EndOfRetention::archive;
    const Date anchor = from_birth ? *facts.born : *facts.dates[why.anchor];
    return {anchor_field(),
            fmt::format("the data kept {} after {}{} would be {} after {}, the last day gavel supports (rule `{}`)",
                        period_text(term->count, term->unit), from_birth ? "birth on " : "", dates::to_string(anchor),
                        archive ? "archived" : "erased", last_day, policy.rules[why.rule].id),
            {},
            Code::request_date_out_of_range};
  }
  const bool extended = why.what == OutOfRange::What::extended_due;
  if (!policy.response_within)  // a rule's own `answer within`
    return {"received",
            fmt::format("the answer to a request received on {} would be due after {}, the last day gavel supports",
                        dates::to_string(*facts.received), last_day),
            {}};
  const auto& within = *policy.response_within;
  std::string period = fmt::format("respond within {}", period_text(within.count, within.unit));
  if (extended)
    period += fmt::format(", extendable by {}",
                          period_text(policy.response_extension->count, policy.response_extension->unit));
  const Date received = *facts.received;
  const auto last = last_decidable_receipt(policy, received, extended);
  return {"received",
          fmt::format("the {}answer to a request received on {} would be due after {}, the last day gavel supports",
                      extended ? "extended " : "", dates::to_string(received), last_day),
          last ? fmt::format("under `{}`, gavel can decide requests received up to {}", period, dates::to_string(*last))
               : fmt::format("`{}` ends after {} for every request", period, last_day),
          Code::request_date_out_of_range};
}

}  // namespace gavel::evaluate

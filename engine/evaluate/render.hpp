// Rendering a decision: JSON for machines (the response contract of PRODUCT.md), prose for
// people (`gavel decide --explain`). Both read the same Decision; neither decides anything.
#pragma once

#include <string>
#include <string_view>

#include "engine/compile/compiled_policy.hpp"
#include "engine/evaluate/decision.hpp"
#include "engine/request/facts.hpp"
#include "grammar/diagnostics.hpp"

namespace gavel::evaluate {

// Appends the response object to `out`. With `trace`, the justification steps are included.
void render_json(const compile::CompiledPolicy& policy, const request::Facts& facts, const Decision& decision,
                 bool trace, std::string& out);

// Appends {"error": {"field": …, "message": …, "help": …, "code": …}} to `out`, without "help"
// when it is empty: the one writer of a refused request's answer (gavel::append_error_json too).
void render_error_json(std::string_view field, std::string_view message, std::string_view help,
                       std::string_view code, std::string& out);
void render_error_json(const request::DecodeError& error, std::string& out);

// Why a decision whose out_of_range is set cannot be given: a request error naming the field
// its date was counted from (`received`, or `subject.dates.NAME`), for the caller to refuse
// the request with. render_json writes it in place of the response.
request::DecodeError range_error(const compile::CompiledPolicy& policy, const request::Facts& facts,
                                 const Decision& decision);

// A short paragraph a reader understands without knowing gavel. Needs a traced decision.
std::string render_prose(const compile::CompiledPolicy& policy, const request::Facts& facts,
                         const Decision& decision);

// The pieces of a trace step as the JSON and prose renderers and the C++ API name them.
struct StepText {
  std::string rule;     // a rule id, `newsletter.consent` for a basis, `default` or `conflict`
  std::string title;
  std::string cites;    // citations joined with "; "
  std::string source;   // file:line
  std::string outcome;  // holds, fails, allow, deny, defeat, grant, refuse, oblige, excepted, overridden,
                        // undetermined
};
StepText step_text(const compile::CompiledPolicy& policy, const request::Facts& facts, const TraceStep& step);

// The reasons of a trace step as the JSON trace gives them: why it applies (or holds), then
// its exception, its overrider, the rules that set a basis aside — each a clause in words.
std::vector<std::string> step_reasons(const compile::CompiledPolicy& policy, const TraceStep& step);

// “Consent may be withdrawn at any time” (right-to-withdraw-consent): a rule named in prose.
std::string rule_reference(const compile::CompiledPolicy& policy, Id rule);

// `newsletter.consent`: how a lawful basis of a purpose is named among deciding rules.
std::string basis_id(const compile::CompiledPolicy& policy, Id purpose, compile::Basis basis);

// Calls f(id, basis) for each id the decision names as deciding it, in order: a rule is
// (rule id, ""), a lawful basis (purpose name, basis name), to be written `purpose.basis`.
// Passed in pieces so that rendering a decision builds no strings.
template <class F>
void for_each_deciding(const compile::CompiledPolicy& policy, const request::Facts& facts, const Decision& d, F&& f) {
  const auto& purpose = policy.purposes[facts.purpose];
  // Undetermined: nothing decided it.
  const std::uint8_t bases =
      d.allow ? d.bases_held : (d.deciding_rules.empty() && !d.undetermined && !d.special_failed ? d.bases_failed : 0);
  for (auto b : purpose.basis_list)
    if ((bases >> static_cast<int>(b)) & 1u) f(std::string_view(purpose.name), syntax::name_of(b));
  for (Id r : d.deciding_rules) f(std::string_view(policy.rules[r].id), std::string_view());
  // GDPR Art. 9(1): written `purpose.special`.
  if (!d.allow && d.special_failed) f(std::string_view(purpose.name), std::string_view("special"));
}

std::string_view obligation_name(ObligationKind kind);

// The name an unknown fact's path ends with: its purpose, date or declared fact.
std::string_view fact_name(const compile::CompiledPolicy& policy, FactRef fact);

// `subject.consent.newsletter`, `subject.dates.last_contact`: the path a response names it by.
inline std::string fact_path(const compile::CompiledPolicy& policy, FactRef fact) {
  return request::fact_path(fact.kind, fact_name(policy, fact));
}

}  // namespace gavel::evaluate

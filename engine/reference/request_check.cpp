// Whether the reference accepts a request, read from docs/language.md ("Requests and
// responses") sentence by sentence, over the syntax tree: every name is looked for by its text.
#include <algorithm>

#include "engine/dates/date.hpp"
#include "engine/reference/reference.hpp"
#include "grammar/countries.hpp"

namespace gavel::reference {
namespace {

template <class Declarations>
bool declares(const Declarations& list, std::string_view name) {
  return std::any_of(list.begin(), list.end(), [&](const auto& d) { return d.name.text == name; });
}

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

dates::Date day(const std::string& text, const std::string& field) {
  // "when a date is not a real `YYYY-MM-DD` day"
  auto d = dates::parse_date(text);
  if (!d) throw BadRequest("`" + field + "` is not a date: " + text);
  return *d;
}

}  // namespace

void check_request(const syntax::Policy& policy, const Request& r) {
  const bool rights = r.action == "request";
  // "when a field is missing …"
  if (!rights && !one_of(syntax::action_names, r.action)) throw BadRequest("unknown action " + r.action);
  if (rights) {
    if (!r.right) throw BadRequest("a rights request needs `right`");
    const bool declared = std::any_of(policy.rights.begin(), policy.rights.end(),
                                      [&](const syntax::RightDecl& d) { return d.name.text == *r.right; });
    if (!one_of(syntax::right_names, *r.right) && !declared) throw BadRequest("unknown right " + *r.right);
    if (!r.received) throw BadRequest("a rights request needs `received`");
  } else {
    if (r.right || r.received) throw BadRequest("`right` and `received` are only for rights requests");
    if (r.data.empty()) throw BadRequest("a processing request names its data");
  }
  // "… when it names a purpose, category, recipient, group, date or context fact the policy
  // does not declare"
  if (!declares(policy.purposes, r.purpose)) throw BadRequest("unknown purpose " + r.purpose);
  for (const auto& d : r.data)
    if (!declares(policy.categories, d)) throw BadRequest("unknown category " + d);
  if (r.recipient && !declares(policy.recipients, *r.recipient)) throw BadRequest("unknown recipient " + *r.recipient);
  for (const auto& [purpose, record] : r.consent)
    if (!declares(policy.purposes, purpose)) throw BadRequest("consent for an unknown purpose " + purpose);
  for (const auto& o : r.objections)
    if (!declares(policy.purposes, o.to) && !declares(policy.groups, o.to))
      throw BadRequest("objection to an unknown purpose or group " + o.to);
  for (const auto& [name, date] : r.dates)
    if (!declares(policy.dates, name)) throw BadRequest("unknown date " + name);
  // "A fact the policy declares `asserted per action` is given in `context` like a fact of the
  // language; one declared `recorded for the person` in `subject.facts`" (docs/request.md).
  auto declared_as = [&](const std::string& name, syntax::FactDecl::Form form) {
    return std::any_of(policy.facts.begin(), policy.facts.end(),
                       [&](const syntax::FactDecl& f) { return f.name.text == name && f.form == form; });
  };
  for (const auto& fact : r.context)
    if (!one_of(syntax::context_fact_names, fact) && !declared_as(fact, syntax::FactDecl::Form::asserted_per_action))
      throw BadRequest("unknown context fact " + fact);
  for (const auto& [name, since] : r.facts) {
    if (!declared_as(name, syntax::FactDecl::Form::recorded_for_person)) throw BadRequest("not a recorded fact " + name);
    if (since) day(*since, name);
  }
  // "`subject.born` and `subject.age` are not both given"; "a date of birth after `at`"
  if (r.born && r.age) throw BadRequest("both born and age");
  if (r.born && day(r.at, "at") < day(*r.born, "born")) throw BadRequest("born after at");
  if (r.age && (*r.age < 0 || *r.age > 150)) throw BadRequest("age out of its bounds");
  // "`subject.bases` names only purposes declared `basis … , one per person`, each with one of
  // that purpose's bases"
  for (const auto& entry : r.bases) {
    // Named copies, not a structured binding: clang 14 (the fuzzing build) cannot capture one.
    const std::string& purpose = entry.first;
    const std::string& basis = entry.second;
    const auto p = std::find_if(policy.purposes.begin(), policy.purposes.end(),
                                [&](const syntax::Purpose& x) { return x.name.text == purpose; });
    if (p == policy.purposes.end() || !p->one_per_person) throw BadRequest("no basis of record for " + purpose);
    if (std::none_of(p->bases.begin(), p->bases.end(),
                     [&](const syntax::BasisRef& b) { return syntax::name_of(b.basis) == basis; }))
      throw BadRequest("not a basis of " + purpose + ": " + basis);
  }
  // "when a date is not a real day, when a country is not an ISO 3166-1 alpha-2 code"
  day(r.at, "at");
  if (r.received) day(*r.received, "received");
  if (r.country && !is_assigned_country(*r.country)) throw BadRequest("not a country code: " + *r.country);
  // "when a consent is withdrawn before it was given or a restriction ends before it starts"
  for (const auto& [purpose, record] : r.consent) {
    if (record.never_given) continue;
    const auto given = day(record.given, "given");
    if (record.withdrawn && day(*record.withdrawn, "withdrawn") < given)
      throw BadRequest("consent for " + purpose + " withdrawn before it was given");
  }
  for (const auto& o : r.objections) day(o.at, "objection at");
  if (r.restriction) {
    const auto since = day(r.restriction->since, "since");
    if (r.restriction->until && day(*r.restriction->until, "until") < since)
      throw BadRequest("restriction ends before it starts");
  }
  for (const auto& [name, date] : r.dates)
    if (date) day(*date, name);
}

}  // namespace gavel::reference

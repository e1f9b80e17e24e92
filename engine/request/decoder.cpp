#include "engine/request/decoder.hpp"

#include <fmt/format.h>

#include <string>

#include "engine/request/reader.hpp"
#include "grammar/countries.hpp"
#include "grammar/diagnostics.hpp"

namespace gavel::request {
namespace {

using namespace std::string_view_literals;

template <class Names>
std::vector<std::string_view> views(const Names& names) {
  return {names.begin(), names.end()};
}

bool fail(DecodeError& error, Code code, const FieldPath& field, std::string message, std::string help = {}) {
  error = DecodeError{field.str(), std::move(message), std::move(help), code};
  return false;
}

std::string suggestion(std::string_view word, const std::vector<std::string_view>& candidates) {
  auto near = nearest_name(word, candidates);
  return near.empty() ? std::string() : fmt::format("did you mean `{}`?", near);
}

template <class Enum, std::size_t N>
std::optional<Enum> find_enum(std::string_view name, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<Enum>(i);
  return std::nullopt;
}

std::optional<Id> find_id(const compile::NameIndex& ids, std::string_view name) {
  auto it = ids.find(name);
  if (it == ids.end()) return std::nullopt;
  return it->second;
}

const std::bitset<compile::country_slots>& assigned_countries() {
  static const auto set = [] {
    std::bitset<compile::country_slots> s;
    for (std::size_t i = 0; i + 1 < iso_3166_alpha2.size(); i += 3)
      s.set(*compile::country_index(iso_3166_alpha2.substr(i, 2)));
    return s;
  }();
  return set;
}

}  // namespace

std::string FieldPath::str() const {
  std::string out(head);
  if (index >= 0) out += fmt::format("[{}]", index);
  out += shown(name);
  out += tail;
  return out;
}

// ---- Resolver -------------------------------------------------------------------------

std::optional<Date> Resolver::date(std::string_view text, const FieldPath& field, DecodeError& error) const {
  const auto parsed = dates::parse_date_checked(text);
  if (parsed.error == dates::DateError::none) return parsed.date;
  if (parsed.error == dates::DateError::malformed)
    fail(error, Code::request_invalid_date, field, fmt::format("`{}` is not a date: {}", shown(text), dates::describe(parsed.error)),
         "dates are written YYYY-MM-DD, e.g. 2026-11-26");
  else
    fail(error, Code::request_invalid_date, field, fmt::format("`{}` is {}", shown(text), dates::describe(parsed.error)));
  return std::nullopt;
}

std::optional<Id> Resolver::purpose(std::string_view name, const FieldPath& field, DecodeError& error) const {
  if (auto id = find_id(policy_.purpose_ids, name)) return id;
  std::vector<std::string_view> names;
  for (const auto& p : policy_.purposes) names.push_back(p.name);
  fail(error, Code::request_unknown_purpose, field, fmt::format("unknown purpose `{}`", shown(name)), suggestion(name, names));
  return std::nullopt;
}

std::optional<Id> Resolver::category(std::string_view name, const FieldPath& field, DecodeError& error) const {
  if (auto id = find_id(policy_.category_ids, name)) return id;
  fail(error, Code::request_unknown_category, field, fmt::format("unknown data category `{}`", shown(name)),
       suggestion(name, views(policy_.category_names)));
  return std::nullopt;
}

std::optional<Id> Resolver::recipient(std::string_view name, const FieldPath& field, DecodeError& error) const {
  if (auto id = find_id(policy_.recipient_ids, name)) return id;
  std::vector<std::string_view> names;
  for (const auto& r : policy_.recipients) names.push_back(r.name);
  fail(error, Code::request_unknown_recipient, field, fmt::format("unknown recipient `{}`", shown(name)), suggestion(name, names));
  return std::nullopt;
}

std::optional<Id> Resolver::objection_target(std::string_view name, const FieldPath& field,
                                             DecodeError& error) const {
  if (auto id = find_id(policy_.objection_target_ids, name)) return id;
  fail(error, Code::request_unknown_objection_target, field, fmt::format("unknown purpose or group `{}` to object to", shown(name)),
       suggestion(name, views(policy_.objection_target_names)));
  return std::nullopt;
}

std::optional<Id> Resolver::date_name(std::string_view name, const FieldPath& field, DecodeError& error) const {
  if (auto id = find_id(policy_.date_ids, name)) return id;
  fail(error, Code::request_unknown_date, field, fmt::format("unknown date `{}`", shown(name)), suggestion(name, views(policy_.date_names)));
  return std::nullopt;
}

std::optional<compile::CountryIndex> Resolver::country(std::string_view code, const FieldPath& field,
                                                       DecodeError& error) const {
  auto index = compile::country_index(code);
  if (!index) {
    fail(error, Code::request_invalid_country, field, fmt::format("`{}` is not a country code", shown(code)),
         "countries are ISO 3166-1 alpha-2 codes in capitals, e.g. `FR` or `US`");
    return std::nullopt;
  }
  if (!assigned_countries().test(*index)) {
    fail(error, Code::request_invalid_country, field, fmt::format("`{}` is not an assigned ISO 3166-1 country code", code));
    return std::nullopt;
  }
  return index;
}

bool Resolver::action(std::string_view name, const FieldPath& field, Facts& facts, DecodeError& error) const {
  if (name == "request") {
    facts.rights_request = true;
    return true;
  }
  if (auto a = find_enum<compile::Action>(name, syntax::action_names)) {
    facts.action = *a;
    return true;
  }
  auto names = views(syntax::action_names);
  names.push_back("request");
  return fail(error, Code::request_unknown_action, field, fmt::format("unknown action `{}`", shown(name)), suggestion(name, names));
}

std::optional<compile::Right> Resolver::right(std::string_view name, const FieldPath& field,
                                              DecodeError& error) const {
  // The rights of this policy: the eight built in, then its declared ones.
  if (auto id = find_id(policy_.right_ids, name)) return static_cast<compile::Right>(*id);
  const auto names = views(policy_.right_names);
  std::string help = suggestion(name, names);
  if (help.empty()) {
    help = "one of";
    for (std::size_t i = 0; i < names.size(); ++i) help += fmt::format("{} {}", i ? "," : "", names[i]);
  }
  fail(error, Code::request_unknown_right, field, fmt::format("unknown right `{}`", shown(name)), std::move(help));
  return std::nullopt;
}

std::optional<syntax::ContextFact> Resolver::context_fact(std::string_view name, const FieldPath& field,
                                                          DecodeError& error) const {
  if (auto f = find_enum<syntax::ContextFact>(name, syntax::context_fact_names)) return f;
  fail(error, Code::request_unknown_context_fact, field, fmt::format("unknown context fact `{}`", shown(name)),
       suggestion(name, views(syntax::context_fact_names)));
  return std::nullopt;
}

bool Resolver::context_name(std::string_view name, const FieldPath& field,
                            std::optional<syntax::ContextFact>& builtin, Id& declared, DecodeError& error) const {
  builtin.reset();
  declared = compile::no_id;
  if ((builtin = find_enum<syntax::ContextFact>(name, syntax::context_fact_names))) return true;
  if (auto id = find_id(policy_.fact_ids, name)) {
    if (!policy_.facts[*id].recorded) {
      declared = *id;
      return true;
    }
    return fail(error, Code::request_fact_misplaced, field, fmt::format("fact `{}` is recorded for the person, not asserted per action", shown(name)),
                fmt::format("give it in `subject.facts.{}`, with the day since which it holds", shown(name)));
  }
  auto names = views(syntax::context_fact_names);
  for (const auto& f : policy_.facts)
    if (!f.recorded) names.push_back(f.name);
  return fail(error, Code::request_unknown_context_fact, field, fmt::format("unknown context fact `{}`", shown(name)), suggestion(name, names));
}

std::optional<Id> Resolver::recorded_fact(std::string_view name, const FieldPath& field, DecodeError& error) const {
  if (auto id = find_id(policy_.fact_ids, name)) {
    if (policy_.facts[*id].recorded) return id;
    fail(error, Code::request_fact_misplaced, field, fmt::format("fact `{}` is asserted per action, not recorded for the person", shown(name)),
         fmt::format("give it in `context.{}`", shown(name)));
    return std::nullopt;
  }
  std::vector<std::string_view> names;
  for (const auto& f : policy_.facts)
    if (f.recorded) names.push_back(f.name);
  fail(error, Code::request_unknown_fact, field, fmt::format("unknown fact `{}`", shown(name)),
       names.empty() ? std::string("the policy declares no fact `recorded for the person`") : suggestion(name, names));
  return std::nullopt;
}

std::optional<compile::Basis> Resolver::basis_of_record(Id purpose, std::string_view name, const FieldPath& field,
                                                        DecodeError& error) const {
  const auto& p = policy_.purposes[purpose];
  std::vector<std::string_view> listed;
  for (auto b : p.basis_list) listed.push_back(syntax::name_of(b));
  if (!p.one_per_person) {
    fail(error, Code::request_basis_not_per_person, field, fmt::format("purpose `{}` does not choose its basis per person", p.name),
         "only a purpose declared `basis … , one per person` takes the basis of a person's processing");
    return std::nullopt;
  }
  if (auto b = find_enum<compile::Basis>(name, syntax::basis_names); b && p.has(*b)) return b;
  std::string help = suggestion(name, listed);
  if (help.empty()) {
    help = "one of";
    for (std::size_t i = 0; i < listed.size(); ++i) help += fmt::format("{} `{}`", i ? "," : "", listed[i]);
  }
  fail(error, Code::request_unknown_basis, field, fmt::format("`{}` is not a basis of purpose `{}`", shown(name), p.name), std::move(help));
  return std::nullopt;
}

bool Resolver::complete(Facts& facts, bool has_data, bool has_right, bool has_received, DecodeError& error) const {
  if (facts.rights_request) {
    if (!has_right) {
      std::string help = "one of";
      for (std::size_t i = 0; i < policy_.right_names.size(); ++i)
        help += fmt::format("{} {}", i ? "," : "", policy_.right_names[i]);
      return fail(error, Code::request_missing_field, "right", "a rights request needs `right`", std::move(help));
    }
    if (!has_received) return fail(error, Code::request_missing_field, "received", "a rights request needs `received`, the day it was received");
  } else {
    if (has_right) return fail(error, Code::request_misplaced_field, "right", "`right` is only for `\"action\": \"request\"`");
    if (has_received) return fail(error, Code::request_misplaced_field, "received", "`received` is only for `\"action\": \"request\"`");
    if (!has_data) return fail(error, Code::request_missing_field, "data", "missing required field `data`", "list the data categories involved, e.g. [\"identity\"]");
    if (facts.data_list.empty()) return fail(error, Code::request_empty_data, "data", "`data` must name at least one data category");
  }
  for (const auto& c : facts.consent)
    if (c.withdrawn && *c.withdrawn < c.given)
      return fail(error, Code::request_dates_reversed, fmt::format("subject.consent.{}.withdrawn", policy_.purposes[c.purpose].name),
                  fmt::format("consent withdrawn on {} before it was given on {}", dates::to_string(*c.withdrawn),
                              dates::to_string(c.given)));
  if (facts.born && facts.age)
    return fail(error, Code::request_born_and_age, "subject.age", "`subject.born` and `subject.age` are both given",
                "state the person's age once: the date of birth, or the age at `at`");
  if (facts.born && facts.at < *facts.born)
    return fail(error, Code::request_dates_reversed, "subject.born",
                fmt::format("the person is born on {}, after the day of the action, {}", dates::to_string(*facts.born),
                            dates::to_string(facts.at)));
  if (facts.restriction && facts.restriction->until && *facts.restriction->until < facts.restriction->since)
    return fail(error, Code::request_dates_reversed, "subject.restriction.until",
                fmt::format("restriction ends on {} before it starts on {}",
                            dates::to_string(*facts.restriction->until), dates::to_string(facts.restriction->since)));
  return true;
}

// ---- a request as read -> facts ---------------------------------------------------------

bool Resolver::resolve(const RequestText& text, Facts& facts, DecodeError& error) const {
  facts.reset(policy_);
  if (!action(*text.action, "action", facts, error)) return false;
  if (auto p = purpose(*text.purpose, "purpose", error)) facts.purpose = *p;
  else return false;
  for (std::size_t i = 0; i < text.data.size(); ++i) {
    auto c = category(text.data[i], "", error);
    if (!c) {  // the field's path is only spelt out for an error
      error.field = FieldPath{"data", int(i)}.str();
      return false;
    }
    if (!facts.data.contains(*c)) facts.data_list.push_back(*c);
    facts.data.insert(*c);
  }
  if (text.recipient) {
    if (auto r = recipient(*text.recipient, "recipient", error)) facts.recipient = *r;
    else return false;
  }
  if (text.country) {
    if (auto c = country(*text.country, "country", error)) facts.country = *c;
    else return false;
  }
  if (auto d = date(*text.at, "at", error)) facts.at = *d;
  else return false;
  if (text.right) {
    if (auto r = right(*text.right, "right", error)) facts.right = *r;
    else return false;
  }
  if (text.received) {
    if (auto d = date(*text.received, "received", error)) facts.received = *d;
    else return false;
  }
  if (text.consent.size() > max_list_items)
    return fail(error, Code::request_too_many_items, "subject.consent", fmt::format("more than {} consent records", max_list_items));
  for (const auto& record : text.consent) {
    const FieldPath base{"subject.consent.", -1, record.purpose};
    auto p = purpose(record.purpose, base, error);
    if (!p) return false;
    ConsentRecord c{*p, {}, std::nullopt};
    c.explicit_consent = record.explicit_consent && !record.never_given;  // a null record says nothing more
    if (record.never_given) {
      c.never_given = true;
      facts.consent.push_back(c);
      continue;
    }
    if (auto d = date(record.given, FieldPath{"subject.consent.", -1, record.purpose, ".given"}, error)) c.given = *d;
    else return false;
    if (record.withdrawn) {
      if (auto d = date(*record.withdrawn, FieldPath{"subject.consent.", -1, record.purpose, ".withdrawn"}, error))
        c.withdrawn = *d;
      else return false;
    }
    facts.consent.push_back(c);
  }
  if (text.objections.size() > max_list_items)
    return fail(error, Code::request_too_many_items, "subject.objections", fmt::format("more than {} objections", max_list_items));
  for (std::size_t i = 0; i < text.objections.size(); ++i) {
    const auto& given = text.objections[i];
    Objection o;
    if (auto t = objection_target(given.to, FieldPath{"subject.objections", int(i), {}, ".to"}, error)) o.target = *t;
    else return false;
    if (auto d = date(given.at, FieldPath{"subject.objections", int(i), {}, ".at"}, error)) o.at = *d;
    else return false;
    facts.objections.push_back(o);
  }
  if (text.restriction) {
    Restriction r;
    if (auto d = date(text.restriction->since, "subject.restriction.since", error)) r.since = *d;
    else return false;
    if (text.restriction->until) {
      if (auto d = date(*text.restriction->until, "subject.restriction.until", error)) r.until = *d;
      else return false;
    }
    facts.restriction = r;
  }
  facts.unlawful = text.unlawful;
  for (const auto& dated : text.dates) {
    const FieldPath path{"subject.dates.", -1, dated.name};
    auto id = date_name(dated.name, path, error);
    if (!id) return false;
    if (!dated.date) facts.dates[*id] = not_happened;
    else if (auto d = date(*dated.date, path, error)) facts.dates[*id] = *d;
    else return false;
  }
  for (const auto& asserted : text.context) {
    std::optional<syntax::ContextFact> builtin;
    Id declared = compile::no_id;
    if (!context_name(asserted.fact, FieldPath{"context.", -1, asserted.fact}, builtin, declared, error)) return false;
    if (!asserted.value) continue;
    if (builtin) facts.context |= 1u << static_cast<int>(*builtin);
    else facts.declared_context.push_back(declared);
  }
  if (!resolve_person(text, facts, error)) return false;
  return complete(facts, text.has_data, text.right.has_value(), text.received.has_value(), error);
}

bool Resolver::resolve_person(const RequestText& text, Facts& facts, DecodeError& error) const {
  for (const auto& dated : text.recorded_facts) {
    const FieldPath path{"subject.facts.", -1, dated.name};
    auto id = recorded_fact(dated.name, path, error);
    if (!id) return false;
    RecordedFact r{*id, std::nullopt};
    if (dated.date) {
      if (auto d = date(*dated.date, path, error)) r.since = *d;
      else return false;
    }
    facts.recorded_facts.push_back(r);
  }
  if (text.born) {
    if (auto d = date(*text.born, "subject.born", error)) facts.born = *d;
    else return false;
  }
  if (text.age) facts.age = static_cast<int>(*text.age);
  for (const auto& based : text.bases) {
    auto p = purpose(based.purpose, FieldPath{"subject.bases.", -1, based.purpose}, error);
    if (!p) return false;
    auto b = basis_of_record(*p, based.basis, FieldPath{"subject.bases.", -1, based.purpose}, error);
    if (!b) return false;
    facts.bases.push_back({*p, *b});
  }
  return true;
}

// ---- JSON -----------------------------------------------------------------------------

struct JsonDecoder::Impl {
  RequestReader reader;
  RequestText text;
};

JsonDecoder::JsonDecoder() : impl_(std::make_unique<Impl>()) {}
JsonDecoder::~JsonDecoder() = default;
JsonDecoder::JsonDecoder(JsonDecoder&&) noexcept = default;
JsonDecoder& JsonDecoder::operator=(JsonDecoder&&) noexcept = default;

std::optional<DecodeError> JsonDecoder::decode(const compile::CompiledPolicy& policy, std::string_view json,
                                               Facts& facts) {
  if (auto error = impl_->reader.read(json, impl_->text)) {
    facts.reset(policy);
    return error;
  }
  DecodeError error;
  if (Resolver(policy).resolve(impl_->text, facts, error)) return std::nullopt;
  return error;
}

}  // namespace gavel::request

// The request contract as JSON, both ways, for the C++ struct gavel::Request: what the
// playground shows and saves, and what `gavel decide --why-not` searches from. Reading goes
// through the one reader of the contract (engine/request/reader.hpp), as every Decider does.
#include "engine/api/internal.hpp"
#include "engine/evaluate/render.hpp"
#include "engine/request/reader.hpp"
#include "gavel/gavel.hpp"

namespace gavel {

namespace {

void put(std::string& out, std::string_view key, std::string_view value) {
  append_json_string(out, key);
  out += ':';
  append_json_string(out, value);
}

void put_optional(std::string& out, std::string_view key, const std::optional<std::string>& value) {
  if (value) return put(out, key, std::string_view(*value));
  append_json_string(out, key);
  out += ":null";
}

// subject.facts, born, age, bases: written only when given, so that a request without them
// reads as before.
void append_person(std::string& out, const Request& r) {
  if (!r.facts.empty()) {
    out += R"(,"facts":{)";
    bool first = true;
    for (const auto& [name, since] : r.facts) {
      if (!first) out += ',';
      first = false;
      put_optional(out, name, since);
    }
    out += '}';
  }
  if (r.born) out += ',', put(out, "born", *r.born);
  if (r.age) out += R"(,"age":)" + std::to_string(*r.age);
  if (!r.bases.empty()) {
    out += R"(,"bases":{)";
    bool first = true;
    for (const auto& [purpose, basis] : r.bases) {
      if (!first) out += ',';
      first = false;
      put(out, purpose, basis);
    }
    out += '}';
  }
}

}  // namespace

std::string to_json(const Request& r) {
  std::string out = "{";
  put(out, "action", r.action);
  out += ',';
  put(out, "purpose", r.purpose);
  if (!r.data.empty() || r.action != "request") {
    out += R"(,"data":[)";
    for (std::size_t i = 0; i < r.data.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, r.data[i]);
    }
    out += ']';
  }
  if (r.recipient) out += ',', put(out, "recipient", *r.recipient);
  if (r.country) out += ',', put(out, "country", *r.country);
  out += ',';
  put(out, "at", r.at);
  if (r.right) out += ',', put(out, "right", *r.right);
  if (r.received) out += ',', put(out, "received", *r.received);
  out += R"(,"subject":{"consent":{)";
  bool first = true;
  for (const auto& [purpose, record] : r.consent) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, purpose);
    if (record.never_given) {
      out += ":null";
      continue;
    }
    out += ":{";
    put(out, "given", record.given);
    out += ',';
    put_optional(out, "withdrawn", record.withdrawn);
    if (record.explicit_consent) out += R"(,"explicit":true)";
    out += '}';
  }
  out += R"(},"objections":[)";
  for (std::size_t i = 0; i < r.objections.size(); ++i) {
    if (i) out += ',';
    out += '{';
    put(out, "to", r.objections[i].to);
    out += ',';
    put(out, "at", r.objections[i].at);
    out += '}';
  }
  out += R"(],"restriction":)";
  if (r.restriction) {
    out += '{';
    put(out, "since", r.restriction->since);
    out += ',';
    put_optional(out, "until", r.restriction->until);
    out += '}';
  } else {
    out += "null";
  }
  out += R"(,"unlawful":)";
  out += r.unlawful ? "true" : "false";
  out += R"(,"dates":{)";
  first = true;
  for (const auto& [name, date] : r.dates) {
    if (!first) out += ',';
    first = false;
    put_optional(out, name, date);
  }
  out += '}';
  append_person(out, r);
  out += R"(},"context":{)";
  for (std::size_t i = 0; i < r.context.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, r.context[i]);
    out += ":true";
  }
  out += "}}";
  return out;
}

// The struct is read the way the JSON is: into a RequestText, which the one resolver decides on.
void api::text_of(const Request& r, request::RequestText& out) {
  out.clear();
  out.action = r.action;
  out.purpose = r.purpose;
  out.at = r.at;
  out.has_data = !r.data.empty();
  for (const auto& d : r.data) out.data.push_back(d);
  if (r.recipient) out.recipient = *r.recipient;
  if (r.country) out.country = *r.country;
  if (r.right) out.right = *r.right;
  if (r.received) out.received = *r.received;
  for (const auto& [purpose, record] : r.consent) {
    out.consent.push_back({purpose, record.given, std::nullopt, record.never_given});
    if (record.withdrawn && !record.never_given) out.consent.back().withdrawn = *record.withdrawn;
    out.consent.back().explicit_consent = record.explicit_consent;
  }
  for (const auto& o : r.objections) out.objections.push_back({o.to, o.at});
  if (r.restriction) {
    out.restriction = request::RequestText::Restriction{r.restriction->since, std::nullopt};
    if (r.restriction->until) out.restriction->until = *r.restriction->until;
  }
  out.unlawful = r.unlawful;
  for (const auto& [name, date] : r.dates)
    out.dates.push_back({name, date ? std::optional<std::string_view>(*date) : std::nullopt});
  for (const auto& fact : r.context) out.context.push_back({fact, true});
  for (const auto& [name, since] : r.facts) {
    out.recorded_facts.push_back({name, std::nullopt});
    if (since) out.recorded_facts.back().date = *since;
  }
  if (r.born) out.born = *r.born;
  if (r.age) out.age = *r.age;
  for (const auto& [purpose, basis] : r.bases) out.bases.push_back({purpose, basis});
}

std::optional<Request> parse_request(std::string_view json, RequestError& error) {
  request::RequestReader reader;
  request::RequestText text;
  if (auto e = reader.read(json, text)) {
    error = RequestError{std::move(e->field), std::move(e->message), std::move(e->help), std::string(code_name(e->code))};
    return std::nullopt;
  }
  Request r;
  r.action = *text.action;
  r.purpose = *text.purpose;
  r.at = *text.at;
  r.data.assign(text.data.begin(), text.data.end());
  if (text.recipient) r.recipient = std::string(*text.recipient);
  if (text.country) r.country = std::string(*text.country);
  if (text.right) r.right = std::string(*text.right);
  if (text.received) r.received = std::string(*text.received);
  for (const auto& c : text.consent) {
    auto& record = r.consent[std::string(c.purpose)];
    record.given = c.given;
    record.never_given = c.never_given;
    if (c.withdrawn) record.withdrawn = std::string(*c.withdrawn);
    record.explicit_consent = c.explicit_consent;
  }
  for (const auto& o : text.objections) r.objections.push_back({std::string(o.to), std::string(o.at)});
  if (text.restriction) {
    r.restriction = Restriction{std::string(text.restriction->since), std::nullopt};
    if (text.restriction->until) r.restriction->until = std::string(*text.restriction->until);
  }
  r.unlawful = text.unlawful;
  // A date given as null: the event has not happened.
  for (const auto& d : text.dates)
    r.dates[std::string(d.name)] = d.date ? std::optional<std::string>(*d.date) : std::nullopt;
  for (const auto& f : text.context)
    if (f.value) r.context.emplace_back(f.fact);
  for (const auto& f : text.recorded_facts)
    r.facts[std::string(f.name)] = f.date ? std::optional<std::string>(std::string(*f.date)) : std::nullopt;
  if (text.born) r.born = std::string(*text.born);
  if (text.age) r.age = static_cast<int>(*text.age);
  for (const auto& b : text.bases) r.bases[std::string(b.purpose)] = std::string(b.basis);
  return r;
}

void append_error_json(std::string& out, const RequestError& error) {
  evaluate::render_error_json(error.field, error.message, error.help, error.code, out);
}

}  // namespace gavel

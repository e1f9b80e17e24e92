// The request contract as JSON, both ways, for the C++ struct gavel::Request: what the
// playground shows and saves, and what `gavel decide --why-not` searches from.
#include <simdjson.h>

#include "engine/evaluate/render.hpp"
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
    out += ":{";
    put(out, "given", record.given);
    out += ',';
    put_optional(out, "withdrawn", record.withdrawn);
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
    put(out, name, date);
  }
  out += R"(}},"context":{)";
  for (std::size_t i = 0; i < r.context.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, r.context[i]);
    out += ":true";
  }
  out += "}}";
  return out;
}

namespace {

using simdjson::dom::element;

struct Reader {
  RequestError& error;

  bool fail(std::string field, std::string message) {
    error = RequestError{std::move(field), std::move(message), {}};
    return false;
  }
  bool string(element e, std::string_view field, std::string& out) {
    std::string_view s;
    if (e.get(s)) return fail(std::string(field), "expected a string");
    out = std::string(s);
    return true;
  }
  bool optional_string(element e, std::string_view field, std::optional<std::string>& out) {
    if (e.is_null()) return out.reset(), true;
    std::string s;
    if (!string(e, field, s)) return false;
    out = std::move(s);
    return true;
  }
};

}  // namespace

std::optional<Request> parse_request(std::string_view json, RequestError& error) {
  simdjson::dom::parser parser;
  element root;
  if (auto e = parser.parse(json.data(), json.size()).get(root)) {
    error = RequestError{"", std::string("not valid JSON: ") + simdjson::error_message(e), {}};
    return std::nullopt;
  }
  if (!root.is_object()) {
    error = RequestError{"", "a request is a JSON object", {}};
    return std::nullopt;
  }
  Request r;
  Reader read{error};
  for (auto [key, value] : root.get_object()) {
    bool ok = true;
    if (key == "action") ok = read.string(value, key, r.action);
    else if (key == "purpose") ok = read.string(value, key, r.purpose);
    else if (key == "at") ok = read.string(value, key, r.at);
    else if (key == "recipient") ok = read.optional_string(value, key, r.recipient);
    else if (key == "country") ok = read.optional_string(value, key, r.country);
    else if (key == "right") ok = read.optional_string(value, key, r.right);
    else if (key == "received") ok = read.optional_string(value, key, r.received);
    else if (key == "data") {
      simdjson::dom::array items;
      if (value.get(items)) return read.fail("data", "expected a list of categories"), std::nullopt;
      for (element item : items) {
        std::string s;
        if (!read.string(item, "data", s)) return std::nullopt;
        r.data.push_back(std::move(s));
      }
    } else if (key == "context") {
      simdjson::dom::object facts;
      if (value.get(facts)) return read.fail("context", "expected an object of fact: true or false"), std::nullopt;
      for (auto [fact, asserted] : facts) {
        bool b = false;
        if (asserted.get(b)) return read.fail("context", "expected true or false"), std::nullopt;
        if (b) r.context.emplace_back(fact);
      }
    } else if (key == "subject") {
      simdjson::dom::object subject;
      if (value.get(subject)) return read.fail("subject", "expected an object"), std::nullopt;
      for (auto [field, v] : subject) {
        if (field == "consent") {
          simdjson::dom::object records;
          if (v.get(records)) return read.fail("subject.consent", "expected an object"), std::nullopt;
          for (auto [purpose, record] : records) {
            ConsentRecord c;
            element given, withdrawn;
            if (record["given"].get(given) || !read.string(given, "subject.consent.given", c.given)) return std::nullopt;
            if (!record["withdrawn"].get(withdrawn) &&
                !read.optional_string(withdrawn, "subject.consent.withdrawn", c.withdrawn))
              return std::nullopt;
            r.consent[std::string(purpose)] = c;
          }
        } else if (field == "objections") {
          simdjson::dom::array list;
          if (v.get(list)) return read.fail("subject.objections", "expected a list"), std::nullopt;
          for (element o : list) {
            Objection objection;
            element to, at;
            if (o["to"].get(to) || !read.string(to, "subject.objections.to", objection.to) || o["at"].get(at) ||
                !read.string(at, "subject.objections.at", objection.at))
              return read.fail("subject.objections", "an objection is {\"to\": …, \"at\": …}"), std::nullopt;
            r.objections.push_back(std::move(objection));
          }
        } else if (field == "restriction") {
          if (v.is_null()) continue;
          Restriction s;
          element since, until;
          if (v["since"].get(since) || !read.string(since, "subject.restriction.since", s.since))
            return read.fail("subject.restriction", "a restriction is {\"since\": …, \"until\": …}"), std::nullopt;
          if (!v["until"].get(until) && !read.optional_string(until, "subject.restriction.until", s.until))
            return std::nullopt;
          r.restriction = std::move(s);
        } else if (field == "unlawful") {
          if (v.get(r.unlawful)) return read.fail("subject.unlawful", "expected true or false"), std::nullopt;
        } else if (field == "dates") {
          simdjson::dom::object dates;
          if (v.get(dates)) return read.fail("subject.dates", "expected an object"), std::nullopt;
          for (auto [name, date] : dates) {
            std::string s;
            if (!read.string(date, "subject.dates", s)) return std::nullopt;
            r.dates[std::string(name)] = std::move(s);
          }
        }
      }
    }
    if (!ok) return std::nullopt;
  }
  return r;
}

}  // namespace gavel

// The JSON request contract read into the public Request struct, so that the reference can be
// asked about the same JSON requests as the engine (scenario files, examples, fuzz inputs).
// It reads; the engine's decoder is what validates.
#include <simdjson.h>

#include "engine/reference/reference.hpp"

namespace gavel::reference {
namespace {

using simdjson::dom::element;

std::string string_of(element e, std::string_view field) {
  std::string_view s;
  if (e.get_string().get(s)) throw BadRequest("`" + std::string(field) + "` is not a string");
  return std::string(s);
}

std::optional<std::string> optional_string(element e, std::string_view field) {
  if (e.is_null()) return std::nullopt;
  return string_of(e, field);
}

simdjson::dom::object object_of(element e, std::string_view field) {
  simdjson::dom::object o;
  if (e.get_object().get(o)) throw BadRequest("`" + std::string(field) + "` is not an object");
  return o;
}

simdjson::dom::array array_of(element e, std::string_view field) {
  simdjson::dom::array a;
  if (e.get_array().get(a)) throw BadRequest("`" + std::string(field) + "` is not an array");
  return a;
}

void subject(element value, Request& r) {
  if (value.is_null()) return;
  for (auto [key, v] : object_of(value, "subject")) {
    if (key == "consent" && !v.is_null()) {
      for (auto [purpose, record] : object_of(v, "consent")) {
        ConsentRecord c;
        for (auto [field, d] : object_of(record, "consent record")) {
          if (field == "given") c.given = string_of(d, "given");
          if (field == "withdrawn") c.withdrawn = optional_string(d, "withdrawn");
        }
        r.consent[std::string(purpose)] = c;
      }
    } else if (key == "objections" && !v.is_null()) {
      for (element item : array_of(v, "objections")) {
        Objection o;
        for (auto [field, d] : object_of(item, "objection")) {
          if (field == "to") o.to = string_of(d, "to");
          if (field == "at") o.at = string_of(d, "at");
        }
        r.objections.push_back(o);
      }
    } else if (key == "restriction" && !v.is_null()) {
      Restriction s;
      for (auto [field, d] : object_of(v, "restriction")) {
        if (field == "since") s.since = string_of(d, "since");
        if (field == "until") s.until = optional_string(d, "until");
      }
      r.restriction = s;
    } else if (key == "unlawful") {
      bool b = false;
      if (v.get_bool().get(b)) throw BadRequest("`unlawful` is not true or false");
      r.unlawful = b;
    } else if (key == "dates" && !v.is_null()) {
      for (auto [name, d] : object_of(v, "dates"))
        if (!d.is_null()) r.dates[std::string(name)] = string_of(d, name);
    }
  }
}

}  // namespace

Request request_from_json(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  element root;
  if (parser.parse(padded).get(root)) throw BadRequest("not JSON");
  Request r;
  for (auto [key, value] : object_of(root, "request")) {
    if (key == "action") r.action = string_of(value, key);
    else if (key == "purpose") r.purpose = string_of(value, key);
    else if (key == "data")
      for (element d : array_of(value, key)) r.data.push_back(string_of(d, "data"));
    else if (key == "recipient") r.recipient = optional_string(value, key);
    else if (key == "country") r.country = optional_string(value, key);
    else if (key == "at") r.at = string_of(value, key);
    else if (key == "right") r.right = string_of(value, key);
    else if (key == "received") r.received = string_of(value, key);
    else if (key == "subject") subject(value, r);
    else if (key == "context" && !value.is_null())
      for (auto [fact, v] : object_of(value, key)) {
        bool asserted = false;
        if (v.get_bool().get(asserted)) throw BadRequest("a context fact is not true or false");
        if (asserted) r.context.emplace_back(fact);
      }
  }
  return r;
}

}  // namespace gavel::reference

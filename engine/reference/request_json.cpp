// The JSON request contract read into the public Request struct, so that the reference can be
// asked about the same JSON requests as the engine (scenario files, examples, fuzz inputs).
//
// It interprets the contract's field table (engine/request/contract.hpp) on its own, plainly:
// every object's keys are collected in a set, every value is checked against its entry, and a
// key given twice, a field the table does not have, a value of another type, a record without
// a required field, or a list or map over the bound throws BadRequest. The engine's reader
// walks the same table its own, faster way; the differential fuzz target holds that both
// refuse the same requests.
#include <simdjson.h>

#include <algorithm>
#include <set>

#include "engine/reference/reference.hpp"
#include "engine/request/contract.hpp"

namespace gavel::reference {
namespace {

using simdjson::dom::element;
namespace contract = request::contract;
using contract::Kind;
using contract::Slot;

// Where a value goes: the request, and the record being filled, when inside one.
struct Place {
  Request& request;
  const syntax::Policy* policy;  // when given: names the struct cannot carry are checked here
  std::string key;               // the map key the value is under
  ConsentRecord* consent = nullptr;
  Objection* objection = nullptr;
};

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
  throw BadRequest("`" + (path.empty() ? std::string("request") : path) + "` " + why);
}

void put_text(Slot slot, const std::string& text, Place& place) {
  Request& r = place.request;
  switch (slot) {
    case Slot::action: r.action = text; break;
    case Slot::purpose: r.purpose = text; break;
    case Slot::data_item: r.data.push_back(text); break;
    case Slot::recipient: r.recipient = text; break;
    case Slot::country: r.country = text; break;
    case Slot::at: r.at = text; break;
    case Slot::right: r.right = text; break;
    case Slot::received: r.received = text; break;
    case Slot::consent_given: place.consent->given = text; break;
    case Slot::consent_withdrawn: place.consent->withdrawn = text; break;
    case Slot::objection_to: place.objection->to = text; break;
    case Slot::objection_at: place.objection->at = text; break;
    case Slot::restriction_since: r.restriction->since = text; break;
    case Slot::restriction_until: r.restriction->until = text; break;
    case Slot::date: r.dates[place.key] = text; break;
    case Slot::recorded_fact: r.facts[place.key] = text; break;
    case Slot::born: r.born = text; break;
    case Slot::basis_of_record: r.bases[place.key] = text; break;
    default: break;
  }
}

void put_bool(Slot slot, bool value, Place& place) {
  if (slot == Slot::unlawful) place.request.unlawful = value;
  if (slot == Slot::consent_explicit) place.consent->explicit_consent = value;
  if (slot == Slot::context_fact && value) place.request.context.push_back(place.key);
  // A fact asserted false is not in the struct, but its name must still be one of the language's
  // or a fact the policy declares `asserted per action`.
  if (slot == Slot::context_fact && !value && place.policy &&
      std::find(syntax::context_fact_names.begin(), syntax::context_fact_names.end(), place.key) ==
          syntax::context_fact_names.end() &&
      std::none_of(place.policy->facts.begin(), place.policy->facts.end(), [&](const syntax::FactDecl& f) {
        return f.name.text == place.key && f.form == syntax::FactDecl::Form::asserted_per_action;
      }))
    throw BadRequest("unknown context fact " + place.key);
}

void read(const contract::Value& spec, element e, const std::string& path, Place place);

void read_record(const contract::Value& spec, element e, const std::string& path, Place& place) {
  simdjson::dom::object object;
  if (e.get_object().get(object)) refuse(path, "is not an object");
  if (spec.slot == Slot::restriction) place.request.restriction = Restriction{};
  std::set<std::string> seen;
  for (auto [key, value] : object) {
    const std::string name(key);
    const std::string inner = path.empty() ? name : path + "." + name;
    const auto* field = contract::field_named(spec, name);
    if (!field) refuse(inner, "is not a field of the request contract");
    if (!seen.insert(name).second) refuse(inner, "is given twice");
    read(*field->value, value, inner, place);
  }
  for (const auto& field : spec.fields)
    if (field.required && !seen.count(std::string(field.name)))
      refuse(path.empty() ? std::string(field.name) : path + "." + std::string(field.name), "is required");
}

void read(const contract::Value& spec, element e, const std::string& path, Place place) {
  if (e.is_null()) {
    if (!spec.nullable) refuse(path, "may not be null");
    // A recorded fact given as null: it does not hold, which the struct says with no date.
    if (spec.slot == Slot::recorded_fact) {
      place.request.facts[place.key] = std::nullopt;
      return;
    }
    // "`null`: the event has not happened"; "a consent record `null`: the person never consented"
    if (spec.slot == Slot::date) place.request.dates[place.key] = std::nullopt;
    if (spec.slot == Slot::consent_record) place.consent->never_given = true;
    return;
  }
  switch (spec.kind) {
    case Kind::text:
    case Kind::date: {
      std::string_view s;
      if (e.get_string().get(s)) refuse(path, "is not a string");
      put_text(spec.slot, std::string(s), place);
      return;
    }
    case Kind::boolean: {
      bool b = false;
      if (e.get_bool().get(b)) refuse(path, "is not true or false");
      put_bool(spec.slot, b, place);
      return;
    }
    case Kind::number: {
      std::int64_t n = 0;
      if (e.get_int64().get(n)) refuse(path, "is not a whole number");
      if (n < spec.min || n > spec.max) refuse(path, "is out of its bounds");
      if (spec.slot == Slot::age) place.request.age = static_cast<int>(n);
      return;
    }
    case Kind::list: {
      simdjson::dom::array items;
      if (e.get_array().get(items)) refuse(path, "is not an array");
      if (items.size() > contract::max_list_items) refuse(path, "has too many items");
      std::size_t i = 0;
      for (element item : items) {
        Place inner = place;
        if (spec.element->slot == Slot::objection) {
          place.request.objections.emplace_back();
          inner.objection = &place.request.objections.back();
        }
        read(*spec.element, item, path + "[" + std::to_string(i++) + "]", inner);
      }
      return;
    }
    case Kind::record: return read_record(spec, e, path, place);
    case Kind::map: {
      simdjson::dom::object object;
      if (e.get_object().get(object)) refuse(path, "is not an object");
      if (object.size() > contract::max_list_items) refuse(path, "has too many names");
      std::set<std::string> seen;
      for (auto [key, value] : object) {
        const std::string name(key);
        if (!seen.insert(name).second) refuse(path + "." + name, "is given twice");
        Place inner = place;
        inner.key = name;
        if (spec.element->slot == Slot::consent_record) inner.consent = &place.request.consent[name];
        read(*spec.element, value, path + "." + name, inner);
      }
      return;
    }
  }
}

}  // namespace

Request request_from_json(std::string_view json, const syntax::Policy* policy) {
  if (json.substr(0, 3) == "\xEF\xBB\xBF") json.remove_prefix(3);  // a byte order mark is not part of it
  if (json.size() > contract::max_request_bytes) throw BadRequest("larger than the request bound");
  simdjson::dom::parser parser(contract::max_request_bytes);
  if (parser.allocate(contract::max_request_bytes, contract::max_json_depth)) throw std::bad_alloc();
  simdjson::padded_string padded(json);
  element root;
  if (parser.parse(padded).get(root)) throw BadRequest("not JSON, or nested too deep");
  Request r;
  if (!root.is_object()) throw BadRequest("not a JSON object");
  read(contract::request, root, "", Place{r, policy, {}});
  return r;
}

}  // namespace gavel::reference

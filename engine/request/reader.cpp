#include "engine/request/reader.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>

#include "engine/request/contract.hpp"
#include "engine/request/json_syntax.hpp"
#include "grammar/diagnostics.hpp"

namespace gavel::request {
namespace {

using contract::Kind;
using contract::Slot;
using element = simdjson::dom::element;
using json_type = simdjson::dom::element_type;

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

// A user's value quoted back in a message, cut short so that a hostile request cannot make an
// error message of unbounded size.
std::string shown(std::string_view value) {
  if (value.size() <= 64) return std::string(value);
  return std::string(value.substr(0, 61)) + "...";
}

std::string_view type_name(json_type t) {
  switch (t) {
    case json_type::ARRAY: return "an array";
    case json_type::OBJECT: return "an object";
    case json_type::INT64:
    case json_type::UINT64:
    case json_type::DOUBLE: return "a number";
    case json_type::STRING: return "a string";
    case json_type::BOOL: return "true or false";
    case json_type::NULL_VALUE: return "null";
  }
  return "a value";
}

// Where the walk is, spelt out only for an error, so that reading a good request builds no
// strings: `subject.consent.newsletter.given`, `subject.objections[2].to`.
class Path {
 public:
  void push(std::string_view key) { segments_[depth_++] = {key, -1}; }
  void push(std::size_t index) { segments_[depth_++] = {{}, int(index)}; }
  void pop() { --depth_; }

  std::string str() const {
    std::string out;
    for (std::size_t i = 0; i < depth_; ++i) {
      const auto& s = segments_[i];
      if (s.index >= 0) {
        out += fmt::format("[{}]", s.index);
      } else {
        if (!out.empty()) out += '.';
        out += shown(s.key);
      }
    }
    return out;
  }

 private:
  struct Segment {
    std::string_view key;
    int index;
  };
  // The parser refuses a request nested deeper than max_json_depth, so the walk stays within.
  std::array<Segment, contract::max_json_depth + 1> segments_{};
  std::size_t depth_ = 0;
};

// fuzz/inject-fault.sh builds a scratch engine whose reader lets a repeated key through when
// GAVEL_FAULT=repeated_key, to show that the differential fuzz target catches such a reader.
// Never compiled into gavel itself.
bool injected_fault() {
#ifdef GAVEL_INJECT_FAULT
  static const bool on = [] {
    const char* fault = std::getenv("GAVEL_FAULT");
    return fault && std::string_view(fault) == "repeated_key";
  }();
  return on;
#else
  return false;
#endif
}

}  // namespace

struct RequestReader::Impl {
  simdjson::dom::parser parser{contract::max_request_bytes};
  std::string buffer;                  // the request copied with simdjson's padding, reused
  std::vector<std::string_view> keys;  // a map's keys, sorted to find one given twice, reused
  Path path;
  DecodeError error;
  RequestText* out = nullptr;

  Impl() {
    // A request is a few levels deep; a deeper one is refused rather than walked.
    if (parser.allocate(contract::max_request_bytes, contract::max_json_depth) != simdjson::SUCCESS)
      throw std::bad_alloc();
  }

  bool fail(std::string field, std::string message, std::string help = {}) {
    error = DecodeError{std::move(field), std::move(message), std::move(help)};
    return false;
  }

  bool wrong_type(const contract::Value& spec, element e) {
    const auto where = path.str();
    return fail(where, fmt::format("`{}` must be {}, not {}", where, spec.expected, type_name(e.type())));
  }

  // ---- filling the slots: the only place that knows RequestText's layout ----------------

  // A value is about to be read into `slot`; `key` is its name when it is a map's.
  void enter(Slot slot, std::string_view key) {
    switch (slot) {
      case Slot::data: out->has_data = true; break;
      case Slot::consent_record: out->consent.push_back({key, {}, std::nullopt}); break;
      case Slot::objection: out->objections.emplace_back(); break;
      case Slot::restriction: out->restriction.emplace(); break;
      case Slot::date: out->dates.push_back({key, std::nullopt}); break;
      case Slot::context_fact: out->context.push_back({key, false}); break;
      default: break;
    }
  }

  void put(Slot slot, std::string_view text) {
    switch (slot) {
      case Slot::action: out->action = text; break;
      case Slot::purpose: out->purpose = text; break;
      case Slot::data_item: out->data.push_back(text); break;
      case Slot::recipient: out->recipient = text; break;
      case Slot::country: out->country = text; break;
      case Slot::at: out->at = text; break;
      case Slot::right: out->right = text; break;
      case Slot::received: out->received = text; break;
      case Slot::consent_given: out->consent.back().given = text; break;
      case Slot::consent_withdrawn: out->consent.back().withdrawn = text; break;
      case Slot::objection_to: out->objections.back().to = text; break;
      case Slot::objection_at: out->objections.back().at = text; break;
      case Slot::restriction_since: out->restriction->since = text; break;
      case Slot::restriction_until: out->restriction->until = text; break;
      case Slot::date: out->dates.back().date = text; break;
      default: break;
    }
  }

  void put(Slot slot, bool value) {
    if (slot == Slot::unlawful) out->unlawful = value;
    else if (slot == Slot::context_fact) out->context.back().value = value;
  }

  // ---- the walk ---------------------------------------------------------------------------

  bool value(const contract::Value& spec, element e) {
    if (e.is_null()) return spec.nullable || wrong_type(spec, e);
    switch (spec.kind) {
      case Kind::text:
      case Kind::date: {
        std::string_view text;
        if (e.get_string().get(text)) return wrong_type(spec, e);
        put(spec.slot, text);
        return true;
      }
      case Kind::boolean: {
        bool b = false;
        if (e.get_bool().get(b)) return wrong_type(spec, e);
        put(spec.slot, b);
        return true;
      }
      case Kind::list: return list(spec, e);
      case Kind::record: return record(spec, e);
      case Kind::map: return map(spec, e);
    }
    return false;
  }

  bool too_many(std::string_view what) {
    const auto where = path.str();
    return fail(where, fmt::format("`{}` has more than {} {}", where, contract::max_list_items, what));
  }

  bool list(const contract::Value& spec, element e) {
    simdjson::dom::array items;
    if (e.get_array().get(items)) return wrong_type(spec, e);
    std::size_t i = 0;
    for (element item : items) {
      if (i == contract::max_list_items) return too_many("items");
      enter(spec.element->slot, {});
      path.push(i++);
      if (!value(*spec.element, item)) return false;
      path.pop();
    }
    return true;
  }

  bool record(const contract::Value& spec, element e) {
    simdjson::dom::object members;
    if (e.get_object().get(members)) return wrong_type(spec, e);
    std::uint32_t seen = 0;
    for (auto [key, v] : members) {
      const auto* field = contract::field_named(spec, key);
      path.push(key);
      if (!field) return unknown_field(spec, key);
      const auto bit = 1u << (field - spec.fields.data());
      if ((seen & bit) && !injected_fault()) return given_twice();
      seen |= bit;
      if (!v.is_null()) enter(field->value->slot, {});
      if (!value(*field->value, v)) return false;
      path.pop();
    }
    for (std::size_t i = 0; i < spec.fields.size(); ++i)
      if (spec.fields[i].required && !(seen & (1u << i))) return missing(spec, spec.fields[i]);
    return true;
  }

  bool map(const contract::Value& spec, element e) {
    simdjson::dom::object members;
    if (e.get_object().get(members)) return wrong_type(spec, e);
    keys.clear();
    for (auto [key, v] : members) {
      (void)v;
      if (keys.size() == contract::max_list_items) return too_many("names");
      keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    if (auto twice = std::adjacent_find(keys.begin(), keys.end()); twice != keys.end()) {
      path.push(*twice);
      return given_twice();
    }
    for (auto [key, v] : members) {
      enter(spec.element->slot, key);
      path.push(key);
      if (!value(*spec.element, v)) return false;
      path.pop();
    }
    return true;
  }

  // The path ends with the key concerned.
  bool unknown_field(const contract::Value& spec, std::string_view key) {
    std::vector<std::string_view> names;
    for (const auto& f : spec.fields) names.push_back(f.name);
    path.pop();
    const auto where = path.str();
    path.push(key);
    const auto near = nearest_name(key, names);
    return fail(path.str(),
                fmt::format("unknown field `{}`{}", shown(key), where.empty() ? "" : fmt::format(" in `{}`", where)),
                near.empty() ? std::string() : fmt::format("did you mean `{}`?", near));
  }

  bool given_twice() {
    const auto where = path.str();
    return fail(where, fmt::format("field `{}` is given twice", where),
                "a request states each fact once: remove one of them");
  }

  bool missing(const contract::Value& spec, const contract::Field& field) {
    const auto where = path.str();
    path.push(field.name);
    const auto full = path.str();
    path.pop();
    (void)spec;
    return fail(full,
                where.empty() ? fmt::format("missing required field `{}`", field.name)
                              : fmt::format("missing required field `{}` in `{}`", field.name, where),
                fmt::format("`{}`: {}", field.name, field.doc));
  }

  bool read(std::string_view json) {
    if (json.substr(0, byte_order_mark.size()) == byte_order_mark) json.remove_prefix(byte_order_mark.size());
    if (json.size() > contract::max_request_bytes)
      return fail("", fmt::format("request of {} bytes is larger than the limit of {} bytes", json.size(),
                                  contract::max_request_bytes));
    buffer.assign(json);
    buffer.resize(json.size() + simdjson::SIMDJSON_PADDING);
    element root;
    if (auto err = parser.parse(buffer.data(), json.size(), false).get(root)) {
      if (err == simdjson::DEPTH_ERROR)
        return fail("", fmt::format("request nests objects and arrays more than {} deep", contract::max_json_depth));
      // The parser does not say where; find the place on this cold path.
      auto where = locate_json_error(json, contract::max_json_depth);
      return fail("", where.empty() ? fmt::format("request is not valid JSON: {}", simdjson::error_message(err))
                                    : fmt::format("request is not valid JSON {}", where));
    }
    if (root.type() != json_type::OBJECT) return fail("", "a request must be a JSON object");
    return value(contract::request, root);
  }
};

RequestReader::RequestReader() : impl_(std::make_unique<Impl>()) {}
RequestReader::~RequestReader() = default;
RequestReader::RequestReader(RequestReader&&) noexcept = default;
RequestReader& RequestReader::operator=(RequestReader&&) noexcept = default;

std::optional<DecodeError> RequestReader::read(std::string_view json, RequestText& out) {
  out.clear();
  impl_->out = &out;
  impl_->path = {};
  if (impl_->read(json)) return std::nullopt;
  return std::move(impl_->error);
}

}  // namespace gavel::request

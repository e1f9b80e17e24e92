#include "engine/request/reader.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <utility>

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

std::string_view type_name(json_type t) {
  switch (t) {
    case json_type::ARRAY: return "an array";
    case json_type::OBJECT: return "an object";
    case json_type::INT64:
    case json_type::UINT64: return "a number";
    // `16.5`, `1e3`: a number, but not one written as a whole number
    case json_type::DOUBLE: return "a number with a fraction or an exponent";
    case json_type::STRING: return "a string";
    case json_type::BOOL: return "true or false";
    case json_type::NULL_VALUE: return "null";
  }
  return "a value";
}

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
  DecodeError error;
  RequestText* out = nullptr;

  Impl() {
    // A request is a few levels deep; a deeper one is refused rather than walked.
    if (parser.allocate(contract::max_request_bytes, contract::max_json_depth) != simdjson::SUCCESS)
      throw std::bad_alloc();
  }

  bool fail(Code code, std::string field, std::string message, std::string help = {}) {
    error = DecodeError{std::move(field), std::move(message), std::move(help), code};
    return false;
  }

  // ---- where an error is, spelt out only then ------------------------------------------
  //
  // The walk keeps no path, so that a good request builds none: the table says where a slot
  // sits, and what has been read says which map entry or list item the walk is in (an entry
  // or a record item is added to RequestText before it is read, a scalar item after).

  std::size_t items_read(Slot item) const {
    if (item == Slot::data_item) return out->data.size();
    return out->objections.empty() ? 0 : out->objections.size() - 1;  // Slot::objection
  }

  std::string_view entry_read(Slot entry) const {
    if (entry == Slot::consent_record) return out->consent.empty() ? "" : out->consent.back().purpose;
    if (entry == Slot::date) return out->dates.empty() ? "" : out->dates.back().name;
    if (entry == Slot::recorded_fact) return out->recorded_facts.empty() ? "" : out->recorded_facts.back().name;
    if (entry == Slot::basis_of_record) return out->bases.empty() ? "" : out->bases.back().purpose;
    return out->context.empty() ? "" : out->context.back().fact;  // Slot::context_fact
  }

  // Appends to `path` the way from `v` down to the value of `slot`; false when it is not below.
  bool way(const contract::Value& v, Slot slot, std::string& path) const {
    if (v.slot == slot) return true;
    const auto size = path.size();
    switch (v.kind) {
      case Kind::record:
        for (const auto& f : v.fields) {
          if (!path.empty()) path += '.';
          path += f.name;
          if (way(*f.value, slot, path)) return true;
          path.resize(size);
        }
        return false;
      case Kind::list:
        path += fmt::format("[{}]", items_read(v.element->slot));
        if (way(*v.element, slot, path)) return true;
        break;
      case Kind::map:
        path += '.';
        path += shown(entry_read(v.element->slot));
        if (way(*v.element, slot, path)) return true;
        break;
      default: break;
    }
    path.resize(size);
    return false;
  }

  std::string where(Slot slot) const {
    std::string path;
    way(contract::request, slot, path);
    return path;
  }

  std::string where(Slot slot, std::string_view key) const {
    auto path = where(slot);
    if (!path.empty()) path += '.';
    return path + shown(key);
  }

  bool wrong_type(const contract::Value& spec, element e) {
    const auto at = where(spec.slot);
    return fail(Code::request_wrong_type, at, fmt::format("`{}` must be {}, not {}", at, spec.expected, type_name(e.type())));
  }

  // ---- filling the slots: the only place that knows RequestText's layout ----------------

  // A value is about to be read into slot S; `key` is its name when it is a map's. The slot
  // is a constant, so each use compiles to the one statement it needs.
  template <Slot S>
  void enter(std::string_view key) {
    if constexpr (S == Slot::data) out->has_data = true;
    else if constexpr (S == Slot::consent_record) out->consent.push_back({key, {}, std::nullopt});
    else if constexpr (S == Slot::objection) out->objections.emplace_back();
    else if constexpr (S == Slot::restriction) out->restriction.emplace();
    else if constexpr (S == Slot::date) out->dates.push_back({key, std::nullopt});
    else if constexpr (S == Slot::context_fact) out->context.push_back({key, false});
    else if constexpr (S == Slot::recorded_fact) out->recorded_facts.push_back({key, std::nullopt});
    else if constexpr (S == Slot::basis_of_record) out->bases.push_back({key, {}});
  }

  template <Slot S>
  void put(std::string_view text) {
    if constexpr (S == Slot::action) out->action = text;
    else if constexpr (S == Slot::purpose) out->purpose = text;
    else if constexpr (S == Slot::data_item) out->data.push_back(text);
    else if constexpr (S == Slot::recipient) out->recipient = text;
    else if constexpr (S == Slot::country) out->country = text;
    else if constexpr (S == Slot::at) out->at = text;
    else if constexpr (S == Slot::right) out->right = text;
    else if constexpr (S == Slot::received) out->received = text;
    else if constexpr (S == Slot::consent_given) out->consent.back().given = text;
    else if constexpr (S == Slot::consent_withdrawn) out->consent.back().withdrawn = text;
    else if constexpr (S == Slot::objection_to) out->objections.back().to = text;
    else if constexpr (S == Slot::objection_at) out->objections.back().at = text;
    else if constexpr (S == Slot::restriction_since) out->restriction->since = text;
    else if constexpr (S == Slot::restriction_until) out->restriction->until = text;
    else if constexpr (S == Slot::date) out->dates.back().date = text;
    else if constexpr (S == Slot::recorded_fact) out->recorded_facts.back().date = text;
    else if constexpr (S == Slot::born) out->born = text;
    else if constexpr (S == Slot::basis_of_record) out->bases.back().basis = text;
    else static_assert(S != S, "a text value with no place in RequestText");
  }

  template <Slot S>
  void put(bool value) {
    if constexpr (S == Slot::unlawful) out->unlawful = value;
    else if constexpr (S == Slot::context_fact) out->context.back().value = value;
    else if constexpr (S == Slot::consent_explicit) out->consent.back().explicit_consent = value;
    else static_assert(S != S, "a boolean with no place in RequestText");
  }

  template <Slot S>
  void put(std::int64_t value) {
    if constexpr (S == Slot::age) out->age = value;
    else static_assert(S != S, "a number with no place in RequestText");
  }

  // ---- the walk ---------------------------------------------------------------------------
  //
  // Each function is instantiated for one entry of the table (a template argument that refers
  // to it), so the table's kinds, slots and field names are constants here: the walk costs
  // what a reader written by hand for this contract would, and it cannot drift from the table.

  template <const contract::Value& Spec>
  bool value(element e) {
    // Each conversion checks the type itself: on the good path that is the only check.
    if constexpr (Spec.kind == Kind::text || Spec.kind == Kind::date) {
      std::string_view text;
      if (e.get_string().get(text)) return null_or_wrong<Spec>(e);
      put<Spec.slot>(text);
      return true;
    } else if constexpr (Spec.kind == Kind::boolean) {
      bool b = false;
      if (e.get_bool().get(b)) return null_or_wrong<Spec>(e);
      put<Spec.slot>(b);
      return true;
    } else if constexpr (Spec.kind == Kind::number) {
      std::int64_t n = 0;
      if (e.get_int64().get(n)) return null_or_wrong<Spec>(e);
      if (n < Spec.min || n > Spec.max) {
        const auto at = where(Spec.slot);
        return fail(Code::request_out_of_bounds, at, fmt::format("`{}` is {}: it must be {}", at, n, Spec.expected));
      }
      put<Spec.slot>(n);
      return true;
    } else if constexpr (Spec.kind == Kind::list) {
      simdjson::dom::array items;
      if (e.get_array().get(items)) return null_or_wrong<Spec>(e);
      return list<Spec>(items);
    } else {
      simdjson::dom::object members;
      if (e.get_object().get(members)) return null_or_wrong<Spec>(e);
      if constexpr (Spec.kind == Kind::record) return record<Spec>(members);
      else return map<Spec>(members);
    }
  }

  // A value not of its kind: fine when it is null and the table allows it.
  template <const contract::Value& Spec>
  bool null_or_wrong(element e) {
    if (!e.is_null() || !Spec.nullable) return wrong_type(Spec, e);
    if constexpr (Spec.slot == Slot::consent_record) out->consent.back().never_given = true;
    return true;
  }

  static constexpr bool composite(const contract::Value& v) {
    return v.kind == Kind::list || v.kind == Kind::record || v.kind == Kind::map;
  }

  bool too_many(const contract::Value& spec, std::string_view what) {
    const auto at = where(spec.slot);
    return fail(Code::request_too_many_items, at, fmt::format("`{}` has more than {} {}", at, contract::max_list_items, what));
  }

  template <const contract::Value& Spec>
  bool list(simdjson::dom::array items) {
    constexpr const contract::Value& item_spec = *Spec.element;
    std::size_t i = 0;
    for (element item : items) {
      if (i++ == contract::max_list_items) return too_many(Spec, "items");
      if constexpr (composite(item_spec)) enter<item_spec.slot>({});
      if (!value<item_spec>(item)) return false;
    }
    return true;
  }

  template <const contract::Value& Spec>
  bool record(simdjson::dom::object members) {
    std::uint32_t seen = 0;
    for (auto [key, v] : members) {
      const int read = member<Spec>(key, v, seen, std::make_index_sequence<Spec.fields.size()>{});
      if (read < 0) return unknown_field(Spec, key);
      if (read == 0) return false;
    }
    if ((seen & required_fields<Spec>()) != required_fields<Spec>())
      for (std::size_t i = 0; i < Spec.fields.size(); ++i)
        if (Spec.fields[i].required && !(seen & (1u << i))) return missing(Spec, Spec.fields[i]);
    return true;
  }

  template <const contract::Value& Spec>
  static constexpr std::uint32_t required_fields() {
    std::uint32_t mask = 0;
    for (std::size_t i = 0; i < Spec.fields.size(); ++i)
      if (Spec.fields[i].required) mask |= 1u << i;
    return mask;
  }

  // 1: the member was read; 0: it was refused; -1: the record has no field of that name.
  template <const contract::Value& Spec, std::size_t... I>
  int member(std::string_view key, element v, std::uint32_t& seen, std::index_sequence<I...>) {
    int read = -1;
    (void)((key == Spec.fields[I].name ? (read = field<Spec, I>(v, seen) ? 1 : 0, true) : false) || ...);
    return read;
  }

  template <const contract::Value& Spec, std::size_t I>
  bool field(element v, std::uint32_t& seen) {
    static_assert(I < 32, "a record has at most 32 fields");
    if ((seen & (1u << I)) && !injected_fault()) return given_twice(where(Spec.slot, Spec.fields[I].name));
    seen |= 1u << I;
    constexpr const contract::Value& field_spec = *Spec.fields[I].value;
    if constexpr (composite(field_spec))
      if (!v.is_null()) enter<field_spec.slot>({});
    return value<field_spec>(v);
  }

  // The names read so far into a map's slot: RequestText keeps them, so a key given twice is
  // looked for there, without a copy.
  template <Slot S>
  std::string_view name_of_entry(std::size_t i) const {
    if constexpr (S == Slot::consent_record) return out->consent[i].purpose;
    else if constexpr (S == Slot::date) return out->dates[i].name;
    else if constexpr (S == Slot::context_fact) return out->context[i].fact;
    else if constexpr (S == Slot::recorded_fact) return out->recorded_facts[i].name;
    else if constexpr (S == Slot::basis_of_record) return out->bases[i].purpose;
    else static_assert(S != S, "a map whose names RequestText does not keep");
  }

  template <Slot S>
  std::size_t entries() const {
    if constexpr (S == Slot::consent_record) return out->consent.size();
    else if constexpr (S == Slot::date) return out->dates.size();
    else if constexpr (S == Slot::recorded_fact) return out->recorded_facts.size();
    else if constexpr (S == Slot::basis_of_record) return out->bases.size();
    else return out->context.size();
  }

  template <const contract::Value& Spec>
  bool map(simdjson::dom::object members) {
    constexpr const contract::Value& entry_spec = *Spec.element;
    constexpr Slot slot = entry_spec.slot;
    // A map names a few things: up to `linear` names a scan of those before beats sorting;
    // beyond, the names are sorted once at the end. A map is read once per request, so the
    // entries before it in its slot are its own.
    constexpr std::size_t linear = 16;
    const std::size_t first = entries<slot>();
    std::uint64_t sketch = 0;  // a bit per name read, by a cheap mark of it: most names differ in it
    for (auto [key, v] : members) {
      const std::size_t count = entries<slot>() - first;
      if (count == contract::max_list_items) return too_many(Spec, "names");
      const auto mark = std::uint64_t(1) << ((key.size() * 7 + (key.empty() ? 0u : unsigned(key.front()) + unsigned(key.back()))) & 63);
      if ((sketch & mark) && count < linear)
        for (std::size_t i = first; i < first + count; ++i)
          if (name_of_entry<slot>(i) == key) return given_twice(where(Spec.slot, key));
      sketch |= mark;
      enter<slot>(key);
      if (!value<entry_spec>(v)) return false;
    }
    if (entries<slot>() - first > linear) {
      keys.clear();
      for (std::size_t i = first; i < entries<slot>(); ++i) keys.push_back(name_of_entry<slot>(i));
      std::sort(keys.begin(), keys.end());
      if (auto twice = std::adjacent_find(keys.begin(), keys.end()); twice != keys.end())
        return given_twice(where(Spec.slot, *twice));
    }
    return true;
  }

  bool unknown_field(const contract::Value& spec, std::string_view key) {
    std::vector<std::string_view> names;
    for (const auto& f : spec.fields) names.push_back(f.name);
    const auto in = where(spec.slot);
    const auto near = nearest_name(key, names);
    return fail(Code::request_unknown_field, where(spec.slot, key),
                fmt::format("unknown field `{}`{}", shown(key), in.empty() ? "" : fmt::format(" in `{}`", in)),
                near.empty() ? std::string() : fmt::format("did you mean `{}`?", near));
  }

  bool given_twice(const std::string& at) {
    return fail(Code::request_duplicate_field, at, fmt::format("field `{}` is given twice", at), "a request states each fact once: remove one of them");
  }

  bool missing(const contract::Value& spec, const contract::Field& field) {
    const auto in = where(spec.slot);
    return fail(Code::request_missing_field, where(spec.slot, field.name),
                in.empty() ? fmt::format("missing required field `{}`", field.name)
                           : fmt::format("missing required field `{}` in `{}`", field.name, in),
                fmt::format("`{}`: {}", field.name, field.doc));
  }

  bool read(std::string_view json) {
    if (json.substr(0, byte_order_mark.size()) == byte_order_mark) json.remove_prefix(byte_order_mark.size());
    if (json.size() > contract::max_request_bytes)
      return fail(Code::request_too_large, "", fmt::format("request of {} bytes is larger than the limit of {} bytes", json.size(),
                                  contract::max_request_bytes));
    buffer.assign(json);
    buffer.resize(json.size() + simdjson::SIMDJSON_PADDING);
    element root;
    if (auto err = parser.parse(buffer.data(), json.size(), false).get(root)) {
      if (err == simdjson::DEPTH_ERROR)
        return fail(Code::request_too_deep, "", fmt::format("request nests objects and arrays more than {} deep", contract::max_json_depth));
      // The parser does not say where; find the place on this cold path.
      auto where = locate_json_error(json, contract::max_json_depth);
      return fail(Code::request_invalid_json, "", where.empty() ? fmt::format("request is not valid JSON: {}", simdjson::error_message(err))
                                    : fmt::format("request is not valid JSON {}", where));
    }
    simdjson::dom::object members;
    if (root.get_object().get(members)) return fail(Code::request_not_object, "", "a request must be a JSON object");
    return record<contract::request>(members);
  }
};

RequestReader::RequestReader() : impl_(std::make_unique<Impl>()) {}
RequestReader::~RequestReader() = default;
RequestReader::RequestReader(RequestReader&&) noexcept = default;
RequestReader& RequestReader::operator=(RequestReader&&) noexcept = default;

std::optional<DecodeError> RequestReader::read(std::string_view json, RequestText& out) {
  out.clear();
  impl_->out = &out;
  if (impl_->read(json)) return std::nullopt;
  return std::move(impl_->error);
}

}  // namespace gavel::request

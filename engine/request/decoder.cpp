#include "engine/request/decoder.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <string>

#include "engine/request/json_syntax.hpp"
#include "grammar/diagnostics.hpp"

namespace gavel::request {
namespace {

using namespace std::string_view_literals;

template <class Names>
std::vector<std::string_view> views(const Names& names) {
  return {names.begin(), names.end()};
}

bool fail(DecodeError& error, const FieldPath& field, std::string message, std::string help = {}) {
  error = DecodeError{field.str(), std::move(message), std::move(help)};
  return false;
}

std::string suggestion(std::string_view word, const std::vector<std::string_view>& candidates) {
  auto near = nearest_name(word, candidates);
  return near.empty() ? std::string() : fmt::format("did you mean `{}`?", near);
}

// A user's value quoted back in a message, cut short so that a hostile request cannot make
// an error message of unbounded size.
std::string shown(std::string_view value) {
  if (value.size() <= 64) return std::string(value);
  return std::string(value.substr(0, 61)) + "...";
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

// ISO 3166-1 alpha-2 officially assigned codes.
constexpr std::string_view iso_countries =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO "
    "FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE "
    "JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO "
    "MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW "
    "PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM "
    "TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

const std::bitset<compile::country_slots>& assigned_countries() {
  static const auto set = [] {
    std::bitset<compile::country_slots> s;
    for (std::size_t i = 0; i + 1 < iso_countries.size(); i += 3)
      s.set(*compile::country_index(iso_countries.substr(i, 2)));
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
    fail(error, field, fmt::format("`{}` is not a date: {}", shown(text), dates::describe(parsed.error)),
         "dates are written YYYY-MM-DD, e.g. 2026-11-26");
  else
    fail(error, field, fmt::format("`{}` is {}", shown(text), dates::describe(parsed.error)));
  return std::nullopt;
}

std::optional<Id> Resolver::purpose(std::string_view name, const FieldPath& field, DecodeError& error) const {
  if (auto id = find_id(policy_.purpose_ids, name)) return id;
  std::vector<std::string_view> names;
  for (const auto& p : policy_.purposes) names.push_back(p.name);
  fail(error, field, fmt::format("unknown purpose `{}`", shown(name)), suggestion(name, names));
  return std::nullopt;
}

std::optional<Id> Resolver::category(std::string_view name, const FieldPath& field, DecodeError& error) const {
  if (auto id = find_id(policy_.category_ids, name)) return id;
  fail(error, field, fmt::format("unknown data category `{}`", shown(name)),
       suggestion(name, views(policy_.category_names)));
  return std::nullopt;
}

std::optional<Id> Resolver::recipient(std::string_view name, const FieldPath& field, DecodeError& error) const {
  if (auto id = find_id(policy_.recipient_ids, name)) return id;
  std::vector<std::string_view> names;
  for (const auto& r : policy_.recipients) names.push_back(r.name);
  fail(error, field, fmt::format("unknown recipient `{}`", shown(name)), suggestion(name, names));
  return std::nullopt;
}

std::optional<Id> Resolver::objection_target(std::string_view name, const FieldPath& field,
                                             DecodeError& error) const {
  if (auto id = find_id(policy_.objection_target_ids, name)) return id;
  fail(error, field, fmt::format("unknown purpose or group `{}` to object to", shown(name)),
       suggestion(name, views(policy_.objection_target_names)));
  return std::nullopt;
}

std::optional<Id> Resolver::date_name(std::string_view name, const FieldPath& field, DecodeError& error) const {
  if (auto id = find_id(policy_.date_ids, name)) return id;
  fail(error, field, fmt::format("unknown date `{}`", shown(name)), suggestion(name, views(policy_.date_names)));
  return std::nullopt;
}

std::optional<compile::CountryIndex> Resolver::country(std::string_view code, const FieldPath& field,
                                                       DecodeError& error) const {
  auto index = compile::country_index(code);
  if (!index) {
    fail(error, field, fmt::format("`{}` is not a country code", shown(code)),
         "countries are ISO 3166-1 alpha-2 codes in capitals, e.g. `FR` or `US`");
    return std::nullopt;
  }
  if (!assigned_countries().test(*index)) {
    fail(error, field, fmt::format("`{}` is not an assigned ISO 3166-1 country code", code));
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
  return fail(error, field, fmt::format("unknown action `{}`", shown(name)), suggestion(name, names));
}

std::optional<compile::Right> Resolver::right(std::string_view name, const FieldPath& field,
                                              DecodeError& error) const {
  if (auto r = find_enum<compile::Right>(name, syntax::right_names)) return r;
  fail(error, field, fmt::format("unknown right `{}`", shown(name)),
       suggestion(name, views(syntax::right_names)));
  return std::nullopt;
}

std::optional<syntax::ContextFact> Resolver::context_fact(std::string_view name, const FieldPath& field,
                                                          DecodeError& error) const {
  if (auto f = find_enum<syntax::ContextFact>(name, syntax::context_fact_names)) return f;
  fail(error, field, fmt::format("unknown context fact `{}`", shown(name)),
       suggestion(name, views(syntax::context_fact_names)));
  return std::nullopt;
}

bool Resolver::complete(Facts& facts, bool has_data, bool has_right, bool has_received, DecodeError& error) const {
  if (facts.rights_request) {
    if (!has_right) return fail(error, "right", "a rights request needs `right`", "one of access, rectification, erasure, restriction, portability, objection, withdraw_consent, post_mortem");
    if (!has_received) return fail(error, "received", "a rights request needs `received`, the day it was received");
  } else {
    if (has_right) return fail(error, "right", "`right` is only for `\"action\": \"request\"`");
    if (has_received) return fail(error, "received", "`received` is only for `\"action\": \"request\"`");
    if (!has_data) return fail(error, "data", "missing required field `data`", "list the data categories involved, e.g. [\"identity\"]");
    if (facts.data_list.empty()) return fail(error, "data", "`data` must name at least one data category");
  }
  for (const auto& c : facts.consent)
    if (c.withdrawn && *c.withdrawn < c.given)
      return fail(error, fmt::format("subject.consent.{}.withdrawn", policy_.purposes[c.purpose].name),
                  fmt::format("consent withdrawn on {} before it was given on {}", dates::to_string(*c.withdrawn),
                              dates::to_string(c.given)));
  if (facts.restriction && facts.restriction->until && *facts.restriction->until < facts.restriction->since)
    return fail(error, "subject.restriction.until",
                fmt::format("restriction ends on {} before it starts on {}",
                            dates::to_string(*facts.restriction->until), dates::to_string(facts.restriction->since)));
  return true;
}

// ---- JSON -----------------------------------------------------------------------------

struct JsonDecoder::Impl {
  simdjson::dom::parser parser{max_request_bytes};
  Impl() {
    // A request is a few levels deep; a deeper one is refused rather than walked.
    if (parser.allocate(max_request_bytes, max_json_depth) != simdjson::SUCCESS) throw std::bad_alloc();
  }
  std::string buffer;  // the request copied with simdjson's padding, reused
  DecodeError error;

  const compile::CompiledPolicy* policy = nullptr;
  Facts* facts = nullptr;

  using element = simdjson::dom::element;
  using type = simdjson::dom::element_type;

  static std::string_view type_name(type t) {
    switch (t) {
      case type::ARRAY: return "an array";
      case type::OBJECT: return "an object";
      case type::INT64:
      case type::UINT64:
      case type::DOUBLE: return "a number";
      case type::STRING: return "a string";
      case type::BOOL: return "true or false";
      case type::NULL_VALUE: return "null";
    }
    return "a value";
  }

  // The caller has checked the element's type, so the conversion cannot fail.
  template <class Result, class T>
  static void take(Result&& result, T& out) {
    auto error = std::forward<Result>(result).get(out);
    (void)error;
  }

  static std::string_view take_string(element e, std::string_view& out) {
    take(e.get_string(), out);
    return out;
  }

  // Copies out of simdjson's result wrappers: iterating a temporary wrapper would dangle.
  static simdjson::dom::object object_of(element e) {
    simdjson::dom::object o;
    take(e.get_object(), o);
    return o;
  }
  static simdjson::dom::array array_of(element e) {
    simdjson::dom::array a;
    take(e.get_array(), a);
    return a;
  }

  bool wrong_type(const FieldPath& field, element e, std::string_view expected) {
    return fail(error, field, fmt::format("`{}` must be {}, not {}", field.str(), expected, type_name(e.type())));
  }

  bool string(const FieldPath& field, element e, std::string_view& out, std::string_view expected = "a string") {
    if (e.type() != type::STRING) return wrong_type(field, e, expected);
    take(e.get_string(), out);
    return true;
  }

  bool date(const FieldPath& field, element e, Date& out) {
    std::string_view text;
    if (!string(field, e, text, "a date string \"YYYY-MM-DD\"")) return false;
    auto d = Resolver(*policy).date(text, field, error);
    if (!d) return false;
    out = *d;
    return true;
  }

  bool optional_date(const FieldPath& field, element e, std::optional<Date>& out) {
    if (e.is_null()) {
      out.reset();
      return true;
    }
    Date d{};
    if (!date(field, e, d)) return false;
    out = d;
    return true;
  }

  bool unknown_field(std::string_view where, std::string_view key, std::vector<std::string_view> known) {
    return fail(error, where.empty() ? std::string(key) : fmt::format("{}.{}", where, key),
                fmt::format("unknown field `{}`{}", shown(key), where.empty() ? "" : fmt::format(" in `{}`", where)),
                suggestion(key, known));
  }

  bool decode(std::string_view json) {
    if (json.size() > max_request_bytes)
      return fail(error, "", fmt::format("request of {} bytes is larger than the limit of {} bytes", json.size(),
                                         max_request_bytes));
    buffer.assign(json);
    buffer.resize(json.size() + simdjson::SIMDJSON_PADDING);
    element root;
    if (auto err = parser.parse(buffer.data(), json.size(), false).get(root)) {
      if (err == simdjson::DEPTH_ERROR)
        return fail(error, "", fmt::format("request nests objects and arrays more than {} deep", max_json_depth));
      // The parser does not say where; find the place on this cold path.
      auto where = locate_json_error(json, max_json_depth);
      return fail(error, "", where.empty() ? fmt::format("request is not valid JSON: {}", simdjson::error_message(err))
                                           : fmt::format("request is not valid JSON {}", where));
    }
    if (root.type() != type::OBJECT) return fail(error, "", "a request must be a JSON object");

    Resolver resolve(*policy);
    bool has_action = false, has_purpose = false, has_at = false, has_data = false, has_right = false,
         has_received = false;
    std::uint32_t seen = 0;
    static constexpr std::array<std::string_view, 10> fields = {
        "action", "purpose", "data", "recipient", "country", "at", "subject", "context", "right", "received"};
    for (auto [key, value] : object_of(root)) {
      std::size_t index = 0;
      while (index < fields.size() && fields[index] != key) ++index;
      if (index == fields.size()) return unknown_field("", key, views(fields));
      if (seen & (1u << index)) return fail(error, key, fmt::format("field `{}` is given twice", key));
      seen |= 1u << index;
      std::string_view text;
      switch (index) {
        case 0:
          if (!string(key, value, text) || !resolve.action(text, key, *facts, error)) return false;
          has_action = true;
          break;
        case 1: {
          if (!string(key, value, text)) return false;
          auto p = resolve.purpose(text, key, error);
          if (!p) return false;
          facts->purpose = *p;
          has_purpose = true;
          break;
        }
        case 2:
          if (!data(value)) return false;
          has_data = true;
          break;
        case 3:
          if (value.is_null()) break;
          if (!string(key, value, text)) return false;
          if (auto r = resolve.recipient(text, key, error)) facts->recipient = *r;
          else return false;
          break;
        case 4:
          if (value.is_null()) break;
          if (!string(key, value, text)) return false;
          if (auto c = resolve.country(text, key, error)) facts->country = *c;
          else return false;
          break;
        case 5:
          if (!date(key, value, facts->at)) return false;
          has_at = true;
          break;
        case 6:
          if (!subject(value)) return false;
          break;
        case 7:
          if (!context(value)) return false;
          break;
        case 8: {
          if (!string(key, value, text)) return false;
          auto r = resolve.right(text, key, error);
          if (!r) return false;
          facts->right = *r;
          has_right = true;
          break;
        }
        case 9: {
          Date d{};
          if (!date(key, value, d)) return false;
          facts->received = d;
          has_received = true;
          break;
        }
      }
    }
    if (!has_action) return fail(error, "action", "missing required field `action`");
    if (!has_purpose) return fail(error, "purpose", "missing required field `purpose`");
    if (!has_at) return fail(error, "at", "missing required field `at`", "the date of the action, YYYY-MM-DD");
    return resolve.complete(*facts, has_data, has_right, has_received, error);
  }

  bool data(element value) {
    if (value.type() != type::ARRAY) return wrong_type("data", value, "an array of data categories");
    Resolver resolve(*policy);
    std::size_t i = 0;
    for (element item : array_of(value)) {
      if (i == max_list_items) return fail(error, "data", fmt::format("`data` has more than {} items", max_list_items));
      std::string_view name;
      auto c = item.type() == type::STRING ? resolve.category(take_string(item, name), "", error) : std::nullopt;
      if (!c) {  // the field's path is only spelt out for an error
        const FieldPath path{"data", int(i)};
        if (item.type() != type::STRING) return wrong_type(path, item, "a data category name");
        error.field = path.str();
        return false;
      }
      ++i;
      if (!facts->data.contains(*c)) facts->data_list.push_back(*c);
      facts->data.insert(*c);
    }
    return true;
  }

  bool subject(element value) {
    if (value.is_null()) return true;
    if (value.type() != type::OBJECT) return wrong_type("subject", value, "an object");
    static constexpr std::array<std::string_view, 5> fields = {"consent", "objections", "restriction", "unlawful",
                                                               "dates"};
    for (auto [key, v] : object_of(value)) {
      if (key == "consent") {
        if (!consent(v)) return false;
      } else if (key == "objections") {
        if (!objections(v)) return false;
      } else if (key == "restriction") {
        if (!restriction(v)) return false;
      } else if (key == "unlawful") {
        if (v.type() != type::BOOL) return wrong_type("subject.unlawful", v, "true or false");
        take(v.get_bool(), facts->unlawful);
      } else if (key == "dates") {
        if (!dates(v)) return false;
      } else {
        return unknown_field("subject", key, views(fields));
      }
    }
    return true;
  }

  bool consent(element value) {
    if (value.is_null()) return true;
    if (value.type() != type::OBJECT) return wrong_type("subject.consent", value, "an object of purpose: record");
    Resolver resolve(*policy);
    for (auto [key, record] : object_of(value)) {
      if (facts->consent.size() == max_list_items)
        return fail(error, "subject.consent", fmt::format("more than {} consent records", max_list_items));
      const FieldPath base{"subject.consent.", -1, key};
      auto p = resolve.purpose(key, base, error);
      if (!p) return false;
      if (facts->consent_for(*p)) return fail(error, base, fmt::format("two consent records for `{}`", key));
      if (record.type() != type::OBJECT) return wrong_type(base, record, "an object {\"given\": …, \"withdrawn\": …}");
      ConsentRecord c{*p, {}, std::nullopt};
      bool given = false;
      const FieldPath given_path{"subject.consent.", -1, key, ".given"};
      for (auto [field, v] : object_of(record)) {
        if (field == "given") {
          if (!date(given_path, v, c.given)) return false;
          given = true;
        } else if (field == "withdrawn") {
          if (!optional_date(FieldPath{"subject.consent.", -1, key, ".withdrawn"}, v, c.withdrawn)) return false;
        } else {
          return unknown_field(base.str(), field, {"given", "withdrawn"});
        }
      }
      if (!given) return fail(error, given_path, fmt::format("consent record for `{}` has no `given` date", key));
      facts->consent.push_back(c);
    }
    return true;
  }

  bool objections(element value) {
    if (value.is_null()) return true;
    if (value.type() != type::ARRAY) return wrong_type("subject.objections", value, "an array of objections");
    Resolver resolve(*policy);
    std::size_t i = 0;
    for (element item : array_of(value)) {
      if (i == max_list_items)
        return fail(error, "subject.objections", fmt::format("more than {} objections", max_list_items));
      const int index = int(i++);
      const FieldPath base{"subject.objections", index}, to{"subject.objections", index, {}, ".to"},
          at{"subject.objections", index, {}, ".at"};
      if (item.type() != type::OBJECT) return wrong_type(base, item, "an object {\"to\": …, \"at\": …}");
      Objection o;
      bool has_to = false, has_at = false;
      for (auto [field, v] : object_of(item)) {
        if (field == "to") {
          std::string_view name;
          if (!string(to, v, name)) return false;
          auto t = resolve.objection_target(name, to, error);
          if (!t) return false;
          o.target = *t;
          has_to = true;
        } else if (field == "at") {
          if (!date(at, v, o.at)) return false;
          has_at = true;
        } else {
          return unknown_field(base.str(), field, {"to", "at"});
        }
      }
      if (!has_to) return fail(error, to, "an objection needs `to`: the purpose or group objected to");
      if (!has_at) return fail(error, at, "an objection needs `at`: the day it was made");
      facts->objections.push_back(o);
    }
    return true;
  }

  bool restriction(element value) {
    if (value.is_null()) return true;
    if (value.type() != type::OBJECT) return wrong_type("subject.restriction", value, "an object {\"since\": …, \"until\": …}");
    Restriction r;
    bool since = false;
    for (auto [field, v] : object_of(value)) {
      if (field == "since") {
        if (!date("subject.restriction.since", v, r.since)) return false;
        since = true;
      } else if (field == "until") {
        if (!optional_date("subject.restriction.until", v, r.until)) return false;
      } else {
        return unknown_field("subject.restriction", field, {"since", "until"});
      }
    }
    if (!since) return fail(error, "subject.restriction.since", "a restriction needs `since`: the day it began");
    facts->restriction = r;
    return true;
  }

  bool dates(element value) {
    if (value.is_null()) return true;
    if (value.type() != type::OBJECT) return wrong_type("subject.dates", value, "an object of date name: date");
    Resolver resolve(*policy);
    for (auto [key, v] : object_of(value)) {
      const FieldPath path{"subject.dates.", -1, key};
      auto id = resolve.date_name(key, path, error);
      if (!id) return false;
      if (!optional_date(path, v, facts->dates[*id])) return false;
    }
    return true;
  }

  bool context(element value) {
    if (value.is_null()) return true;
    if (value.type() != type::OBJECT) return wrong_type("context", value, "an object of fact: true or false");
    Resolver resolve(*policy);
    for (auto [key, v] : object_of(value)) {
      const FieldPath path{"context.", -1, key};
      auto f = resolve.context_fact(key, path, error);
      if (!f) return false;
      if (v.type() != type::BOOL) return wrong_type(path, v, "true or false");
      bool asserted = false;
      take(v.get_bool(), asserted);
      if (asserted) facts->context |= 1u << static_cast<int>(*f);
    }
    return true;
  }
};

JsonDecoder::JsonDecoder() : impl_(std::make_unique<Impl>()) {}
JsonDecoder::~JsonDecoder() = default;
JsonDecoder::JsonDecoder(JsonDecoder&&) noexcept = default;
JsonDecoder& JsonDecoder::operator=(JsonDecoder&&) noexcept = default;

std::optional<DecodeError> JsonDecoder::decode(const compile::CompiledPolicy& policy, std::string_view json,
                                               Facts& facts) {
  facts.reset(policy);
  impl_->policy = &policy;
  impl_->facts = &facts;
  if (impl_->decode(json)) return std::nullopt;
  return std::move(impl_->error);
}

}  // namespace gavel::request

// The request contract, described once. Every reader of a JSON request walks this table: the
// decoder on the hot path (engine/request/reader.cpp, behind gavel::parse_request and every
// Decider), and the reference evaluator's reader (engine/reference/request_json.cpp), which
// interprets it on its own so that the two can be compared. A field that is not here is not
// part of the contract; a field given twice, at any depth, makes the request malformed.
//
// The table says the shape of a request: which fields an object has, which are required, what
// type each value is, where null is accepted. Whether a name is declared by the policy, whether
// a date is a real day, and the checks that span fields (a withdrawal before the consent) are
// the resolver's (engine/request/decoder.hpp), which works on what a reader produced.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace gavel::request::contract {

// What a JSON value must be.
enum class Kind : std::uint8_t {
  text,     // a string
  date,     // a string, read as YYYY-MM-DD by the resolver
  boolean,  // true or false
  number,   // a whole number within the value's `min`..`max`
  list,     // an array of `element`
  record,   // an object with the named `fields`
  map,      // an object whose keys are names the policy declares, each value an `element`
};

// Which part of the request a value fills: a reader's switch, so that the table stays data.
enum class Slot : std::uint8_t {
  request, action, purpose, data, data_item, recipient, country, at, right, received,
  subject, consent, consent_record, consent_given, consent_withdrawn,
  objections, objection, objection_to, objection_at,
  restriction, restriction_since, restriction_until, unlawful,
  dates, date, context, context_fact,
  // the policy's own facts, special categories, age, bases of record
  consent_explicit, recorded_facts, recorded_fact, born, age, bases, basis_of_record,
};

struct Field;

struct Value {
  Kind kind;
  Slot slot;
  bool nullable;               // null is accepted (its meaning is the field's: see `doc`)
  std::string_view expected;   // how an error names the expected value: "a date string \"YYYY-MM-DD\""
  std::span<const Field> fields = {};  // record
  const Value* element = nullptr;      // list items, map values
  std::string_view keys = {};          // map: what its keys name, "purpose"
  std::int64_t min = 0, max = 0;       // number: the bounds, inclusive
};

struct Field {
  std::string_view name;
  const Value* value;
  bool required;        // within its object; `data` is required by the resolver, for processing only
  std::string_view doc;  // what it means, for messages, docs and schemas
};

// Bounds on a request: a larger or deeper one is refused with an error naming the bound.
inline constexpr std::size_t max_request_bytes = 64 * 1024;
inline constexpr std::size_t max_list_items = 1024;  // items of a list, or names of a map
inline constexpr std::size_t max_json_depth = 16;

// ---- the table, leaves first -----------------------------------------------------------------

inline constexpr Value action{Kind::text, Slot::action, false, "a string"};
inline constexpr Value purpose{Kind::text, Slot::purpose, false, "a string"};
inline constexpr Value data_item{Kind::text, Slot::data_item, false, "a data category name"};
inline constexpr Value data{Kind::list, Slot::data, false, "an array of data categories", {}, &data_item};
inline constexpr Value recipient{Kind::text, Slot::recipient, true, "a string"};
inline constexpr Value country{Kind::text, Slot::country, true, "a string"};
inline constexpr Value at{Kind::date, Slot::at, false, "a date string \"YYYY-MM-DD\""};
inline constexpr Value right{Kind::text, Slot::right, false, "a string"};
inline constexpr Value received{Kind::date, Slot::received, false, "a date string \"YYYY-MM-DD\""};

inline constexpr Value consent_given{Kind::date, Slot::consent_given, false, "a date string \"YYYY-MM-DD\""};
inline constexpr Value consent_withdrawn{Kind::date, Slot::consent_withdrawn, true,
                                         "a date string \"YYYY-MM-DD\" or null"};
inline constexpr Value consent_explicit{Kind::boolean, Slot::consent_explicit, false, "true or false"};
inline constexpr Field consent_fields[] = {
    {"given", &consent_given, true, "the day consent was given"},
    {"withdrawn", &consent_withdrawn, false, "the day consent was withdrawn; null or absent: not withdrawn"},
    {"explicit", &consent_explicit, false,
     "the consent is explicit (GDPR Art. 9(2)(a)), as `special data under explicit consent` asks; absent: not"},
};
inline constexpr Value consent_record{Kind::record, Slot::consent_record, true,
                                      "an object {\"given\": …, \"withdrawn\": …} or null", consent_fields};
inline constexpr Value consent{Kind::map, Slot::consent, true, "an object of purpose: record", {}, &consent_record,
                               "purpose"};

inline constexpr Value objection_to{Kind::text, Slot::objection_to, false, "a string"};
inline constexpr Value objection_at{Kind::date, Slot::objection_at, false, "a date string \"YYYY-MM-DD\""};
inline constexpr Field objection_fields[] = {
    {"to", &objection_to, true, "the purpose or group objected to"},
    {"at", &objection_at, true, "the day the objection was made"},
};
inline constexpr Value objection{Kind::record, Slot::objection, false, "an object {\"to\": …, \"at\": …}",
                                 objection_fields};
inline constexpr Value objections{Kind::list, Slot::objections, true, "an array of objections", {}, &objection};

inline constexpr Value restriction_since{Kind::date, Slot::restriction_since, false, "a date string \"YYYY-MM-DD\""};
inline constexpr Value restriction_until{Kind::date, Slot::restriction_until, true,
                                         "a date string \"YYYY-MM-DD\" or null"};
inline constexpr Field restriction_fields[] = {
    {"since", &restriction_since, true, "the day the restriction began"},
    {"until", &restriction_until, false, "the last day of the restriction; null or absent: it goes on"},
};
inline constexpr Value restriction{Kind::record, Slot::restriction, true, "an object {\"since\": …, \"until\": …}",
                                   restriction_fields};

inline constexpr Value unlawful{Kind::boolean, Slot::unlawful, false, "true or false"};
inline constexpr Value date{Kind::date, Slot::date, true, "a date string \"YYYY-MM-DD\" or null"};
inline constexpr Value dates{Kind::map, Slot::dates, true, "an object of date name: date", {}, &date, "date"};

inline constexpr Value recorded_fact{Kind::date, Slot::recorded_fact, true, "a date string \"YYYY-MM-DD\" or null"};
inline constexpr Value recorded_facts{Kind::map, Slot::recorded_facts, true, "an object of fact name: date or null", {},
                                      &recorded_fact, "fact"};
inline constexpr Value born{Kind::date, Slot::born, false, "a date string \"YYYY-MM-DD\""};
inline constexpr Value age{Kind::number, Slot::age, false, "a whole number from 0 to 150", {}, nullptr, {}, 0, 150};
inline constexpr Value basis_of_record{Kind::text, Slot::basis_of_record, false, "a lawful basis of the purpose"};
inline constexpr Value bases{Kind::map, Slot::bases, true, "an object of purpose: lawful basis", {}, &basis_of_record,
                             "purpose"};

inline constexpr Field subject_fields[] = {
    {"consent", &consent, false,
     "the person's consent records, by purpose: a record, or null when the person never consented; a purpose "
     "left out is not known"},
    {"objections", &objections, false, "the person's objections"},
    {"restriction", &restriction, false, "the period in which processing is restricted"},
    {"unlawful", &unlawful, false, "the data was found to be processed unlawfully"},
    {"dates", &dates, false,
     "the dates retention counts from, by name: a day, or null when the event has not happened; a date left out "
     "is not known"},
    {"facts", &recorded_facts, false,
     "the facts the policy declares `recorded for the person`, by name: the day since which each holds, or null "
     "(it does not hold); absent: not known"},
    {"born", &born, false, "the person's date of birth; absent: not known"},
    {"age", &age, false, "the person's age in whole years at `at`, instead of `born`; absent: not known"},
    {"bases", &bases, false,
     "for a purpose whose bases are chosen `one per person`: the basis this person's processing rests on; absent: "
     "not known"},
};
inline constexpr Value subject{Kind::record, Slot::subject, true, "an object", subject_fields};

inline constexpr Value context_fact{Kind::boolean, Slot::context_fact, false, "true or false"};
inline constexpr Value context{Kind::map, Slot::context, true, "an object of fact: true or false", {}, &context_fact,
                               "context fact"};

inline constexpr Field request_fields[] = {
    {"action", &action, true, "what is to be done: collect, store, use, disclose, transfer, communicate, archive, "
                              "erase, or request (a data subject's rights request)"},
    {"purpose", &purpose, true, "the purpose of the processing, as the policy declares it"},
    {"data", &data, false, "the data categories involved; required for every action but `request`"},
    {"recipient", &recipient, false, "who receives the data; absent or null: the controller's own staff"},
    {"country", &country, false, "ISO 3166-1 alpha-2 code of where the data goes; absent or null: where the "
                                 "controller is established"},
    {"at", &at, true, "the day of the action, YYYY-MM-DD"},
    {"subject", &subject, false, "what is known of the person"},
    {"context", &context, false, "what the controller asserts about this action"},
    {"right", &right, false, "a rights request: the right exercised, built in or declared by the policy"},
    {"received", &received, false, "a rights request: the day it was received"},
};
inline constexpr Value request{Kind::record, Slot::request, false, "a JSON object", request_fields};

// The fields a record has, by name; nullptr when it has none of that name.
constexpr const Field* field_named(const Value& record, std::string_view name) {
  for (const auto& f : record.fields)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace gavel::request::contract

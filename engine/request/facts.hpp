// A decoded request: what is known about one proposed action and one person, with every
// name already resolved to the compiled policy's ids. Built by the decoders, read by the
// evaluator. Reused across requests (clear(), not reallocate) so that deciding in a loop
// does not allocate once warm.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/compile/compiled_policy.hpp"
#include "engine/dates/date.hpp"
#include "engine/request/contract.hpp"
#include "grammar/codes.hpp"

namespace gavel::request {

using compile::Id;
using dates::Date;

struct ConsentRecord {
  Id purpose = compile::no_id;
  Date given{};
  std::optional<Date> withdrawn;
  bool never_given = false;  // given as null: the person never consented for the purpose
  bool explicit_consent = false;  // GDPR Art. 9(2)(a)
};

// A fact the policy declares `recorded for the person`, as the request gives it: the day
// since which it holds, or nullopt (given as null: it does not hold). Absent: not listed.
struct RecordedFact {
  Id fact = compile::no_id;
  std::optional<Date> since;
};

// The basis a person's processing for a purpose rests on (`one per person`).
struct BasisOfRecord {
  Id purpose = compile::no_id;
  compile::Basis basis = compile::Basis::consent;
};

// A date given as null: the event has not happened. Later than every day a request can name,
// so that it is after every `at`, like a date that has not come yet.
inline constexpr Date not_happened{dates::max_date.days + 1};

struct Objection {
  Id target = compile::no_id;  // an objection target id: a purpose or a group
  Date at{};
};

struct Restriction {
  Date since{};
  std::optional<Date> until;
};

struct Facts {
  bool rights_request = false;
  compile::Action action = compile::Action::collect;  // processing
  compile::Right right = compile::Right::access;      // rights request
  Id purpose = compile::no_id;
  compile::CategorySet data;
  std::vector<Id> data_list;  // as given, for explanations
  Id recipient = compile::no_id;  // no_id: the controller's own staff
  std::optional<compile::CountryIndex> country;  // nullopt: stays where the controller is established
  Date at{};
  std::optional<Date> received;  // rights request

  std::vector<ConsentRecord> consent;
  std::vector<Objection> objections;
  std::optional<Restriction> restriction;
  bool unlawful = false;
  std::vector<std::optional<Date>> dates;  // by date id; nullopt: not given; not_happened: null
  std::uint32_t context = 0;               // bit per syntax::ContextFact
  std::vector<Id> declared_context;        // declared facts asserted per action and asserted true
  std::vector<RecordedFact> recorded_facts;
  std::optional<Date> born;
  std::optional<int> age;  // whole years at `at`, as given (without `born`)
  std::vector<BasisOfRecord> bases;

  void reset(const compile::CompiledPolicy& policy) {
    rights_request = false;
    action = compile::Action::collect;
    right = compile::Right::access;
    purpose = compile::no_id;
    data.resize(policy.category_names.size());
    data_list.clear();
    recipient = compile::no_id;
    country.reset();
    at = {};
    received.reset();
    consent.clear();
    objections.clear();
    restriction.reset();
    unlawful = false;
    dates.assign(policy.date_names.size(), std::nullopt);
    context = 0;
    declared_context.clear();
    recorded_facts.clear();
    born.reset();
    age.reset();
    bases.clear();
  }

  bool asserts(syntax::ContextFact f) const { return (context >> static_cast<int>(f)) & 1u; }

  bool asserts_declared(Id fact) const {
    for (Id f : declared_context)
      if (f == fact) return true;
    return false;
  }
  // The record of a declared fact, or nullptr when the request does not give it.
  const RecordedFact* recorded(Id fact) const {
    for (const auto& r : recorded_facts)
      if (r.fact == fact) return &r;
    return nullptr;
  }
  const BasisOfRecord* basis_of_record(Id p) const {
    for (const auto& b : bases)
      if (b.purpose == p) return &b;
    return nullptr;
  }
  // The person's age in whole years at `at`, when the request states it (from `born`, by full
  // years: a person born on 29 February is a year older on 1 March in a common year).
  std::optional<int> age_at_at() const {
    if (age) return age;
    if (!born) return std::nullopt;
    const auto b = dates::to_ymd(*born);
    const auto a = dates::to_ymd(at);
    int years = a.year - b.year;
    if (a.month < b.month || (a.month == b.month && a.day < b.day)) --years;
    return years;
  }

  const ConsentRecord* consent_for(Id p) const {
    for (const auto& c : consent)
      if (c.purpose == p) return &c;
    return nullptr;
  }
};

// A malformed request, or one that names what the policy does not declare.
struct DecodeError {
  std::string field;    // JSON path: `purpose`, `data[1]`, `subject.consent.newsletter.given`
  std::string message;  // `unknown purpose \`newslettr\``
  std::string help;     // `did you mean \`newsletter\`?`
  Code code = Code::none;  // stable, for programs (grammar/codes.hpp)
};

// A user's value quoted back in a message, cut short so that a hostile request cannot make an
// error message of unbounded size.
inline std::string shown(std::string_view value) {
  if (value.size() <= 64) return std::string(value);
  return std::string(value.substr(0, 61)) + "...";
}

// Bounds on a request: a larger or deeper one is refused with a DecodeError.
inline constexpr std::size_t max_request_bytes = contract::max_request_bytes;
inline constexpr std::size_t max_list_items = contract::max_list_items;
inline constexpr std::size_t max_json_depth = contract::max_json_depth;

}  // namespace gavel::request

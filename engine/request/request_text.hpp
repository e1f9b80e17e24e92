// A request as read: every field of the contract in its place, its values still text. A
// reader (engine/request/reader.hpp) produces it only from a request of the right shape — no
// field unknown or given twice, every value of its type, every required field of a record
// present — and the resolver turns it into Facts against a policy. The views point into the
// reader's buffer (or into a gavel::Request), so it is valid as long as that is.
//
// Reused across requests (clear(), not reallocate), so that reading in a loop does not allocate
// once warm.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace gavel::request {

struct RequestText {
  struct Consent {
    std::string_view purpose;
    std::string_view given;
    std::optional<std::string_view> withdrawn;  // nullopt: null or absent, not withdrawn
    bool never_given = false;                   // the record is null: never consented
    bool explicit_consent = false;              // `"explicit": true`
  };
  struct Objection {
    std::string_view to;
    std::string_view at;
  };
  struct Restriction {
    std::string_view since;
    std::optional<std::string_view> until;  // nullopt: null or absent, it goes on
  };
  struct Dated {
    std::string_view name;
    std::optional<std::string_view> date;  // nullopt: given as null
  };
  struct Asserted {
    std::string_view fact;
    bool value = false;
  };
  struct Based {
    std::string_view purpose;
    std::string_view basis;
  };

  std::optional<std::string_view> action, purpose, at;  // required: a reader fills them
  bool has_data = false;
  std::vector<std::string_view> data;
  std::optional<std::string_view> recipient, country, right, received;
  std::vector<Consent> consent;
  std::vector<Objection> objections;
  std::optional<Restriction> restriction;
  bool unlawful = false;
  std::vector<Dated> dates;
  std::vector<Asserted> context;
  std::vector<Dated> recorded_facts;  // subject.facts
  std::optional<std::string_view> born;
  std::optional<std::int64_t> age;
  std::vector<Based> bases;

  void clear() {
    action.reset();
    purpose.reset();
    at.reset();
    has_data = false;
    data.clear();
    recipient.reset();
    country.reset();
    right.reset();
    received.reset();
    consent.clear();
    objections.clear();
    restriction.reset();
    unlawful = false;
    dates.clear();
    context.clear();
    recorded_facts.clear();
    born.reset();
    age.reset();
    bases.clear();
  }
};

}  // namespace gavel::request

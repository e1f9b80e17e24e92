// What the decision log keeps of one decision: the members of its record between `seq` and
// `prev` (service/decision_record.hpp). By default the request is minimised (GDPR Art.
// 5(1)(c)): what was to be done, for what, with which categories, to whom and where, and the
// controller's context, but of the person only the names of the facts given, never their
// values. See README.md, "The decision log".
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace gavel::service {

struct DecisionEntry {
  std::chrono::system_clock::time_point time;
  std::string_view request_id;
  std::string_view revision;
  std::string_view answer;   // the response object, without trace or explanation
  std::string_view request;  // the request's JSON text, a request the decider accepted
};

// The record's body; `full`: the whole request, minified, instead of its minimised form.
std::string decision_entry_body(const DecisionEntry& entry, bool full);

// `"request_kept":"full"` / `"minimised"`: the value a record says it was kept with.
inline constexpr std::string_view kept_full = "full";
inline constexpr std::string_view kept_minimised = "minimised";

}  // namespace gavel::service

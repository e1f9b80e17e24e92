#include "service/decision_entry.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <array>
#include <ctime>

#include "gavel/gavel.hpp"

namespace gavel::service {
namespace {

// The request's members kept as they are: none says anything about the person but through
// the purpose it is processed for.
constexpr std::array<std::string_view, 9> kept_members = {
    "action", "purpose", "data", "recipient", "country", "at", "right", "received", "context"};

void append_minimised(std::string& out, std::string_view request) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(request.data(), request.size()).get_object().get(object) != simdjson::SUCCESS) {
    out += "{}";  // not reached: the decider accepted the request, an object
    return;
  }
  out += '{';
  bool first = true;
  for (const auto name : kept_members) {
    simdjson::dom::element value;
    if (object.at_key(name).get(value) != simdjson::SUCCESS) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(out, name);
    out += ':';
    out += simdjson::minify(value);
  }
  // Of the person: which facts were given, not what they say.
  simdjson::dom::object subject;
  if (object.at_key("subject").get_object().get(subject) == simdjson::SUCCESS) {
    if (!first) out += ',';
    out += R"("subject_facts":[)";
    bool first_fact = true;
    for (const auto field : subject) {
      if (field.value.is_null()) continue;
      if (!first_fact) out += ',';
      first_fact = false;
      append_json_string(out, field.key);
    }
    out += ']';
  }
  out += '}';
}

}  // namespace

std::string decision_entry_body(const DecisionEntry& entry, bool full) {
  std::string out;
  out.reserve(entry.answer.size() + entry.request.size() + 256);
  // UTC to the microsecond: records of one second stay apart for a reader.
  const auto since_epoch =
      std::chrono::duration_cast<std::chrono::microseconds>(entry.time.time_since_epoch()).count();
  const std::time_t seconds = std::time_t(since_epoch / 1'000'000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  out +=
      fmt::format(R"("time":"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z","request_id":)", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, since_epoch % 1'000'000);
  append_json_string(out, entry.request_id);
  out += R"(,"revision":)";
  append_json_string(out, entry.revision);
  out += R"(,"answer":)";
  out += entry.answer;
  out += R"(,"request_kept":")";
  out += full ? kept_full : kept_minimised;
  out += R"(","request":)";
  if (full) {
    std::string minified(entry.request.size(), '\0');
    std::size_t length = 0;
    if (simdjson::minify(entry.request.data(), entry.request.size(), minified.data(), length) ==
        simdjson::SUCCESS) {
      minified.resize(length);
      out += minified;
    } else {
      out += "null";
    }
  } else {
    append_minimised(out, entry.request);
  }
  return out;
}

}  // namespace gavel::service

// Fuzz target: any bytes as a JSON request against rules/flexis.gavel, through the decoder and
// the evaluator, in every output form. Fails on a crash, a sanitizer report, an exception, a
// JSON response that is not one JSON object, or the struct/JSON forms of the API disagreeing
// on whether the request is accepted and on its decision.
#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "gavel/gavel.hpp"

#ifndef GAVEL_SOURCE_DIR
#define GAVEL_SOURCE_DIR "."
#endif

namespace {
[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "decode_request: %s\n%s\n", what, detail.c_str());
  std::abort();
}

gavel::Decider& decider() {
  static gavel::Decider d = [] {
    auto loaded = gavel::load_policy_file(GAVEL_SOURCE_DIR "/rules/flexis.gavel");
    if (!loaded.ok()) fail("rules/flexis.gavel does not load", loaded.report);
    return gavel::Decider(loaded.policy);
  }();
  return d;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  auto& d = decider();
  std::string response;
  const bool decided = d.decide_json(json, response, {.trace = size % 2 == 1});
  // The response is always exactly one JSON object, for a decision or for an error.
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(response).get(root) || root.type() != simdjson::dom::element_type::OBJECT)
    fail("the response is not a JSON object", response);
  simdjson::dom::element error;
  if ((root["error"].get(error) == simdjson::SUCCESS) == decided) fail("decide_json's result and its response disagree", response);

  const auto explained = d.decide(json, {.trace = true, .explain = true});
  if (explained.error.has_value() == decided) fail("decide and decide_json disagree on refusing", response);
  if (decided) {
    std::string_view decision;
    if (root["decision"].get(decision) || (decision == "allow") != explained.allow)
      fail("decide and decide_json disagree on the decision", response);
    if (explained.explanation.empty()) fail("a decision without an explanation", response);
    if (explained.allow && explained.decided_by.empty()) fail("an allow that names nothing that decided it", response);
  }
  return 0;
}

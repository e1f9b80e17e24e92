// The C interface from C++: every argument checked, errors as data, a policy shared by
// deciders on several threads, and the same answers as the C++ API.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "gavel/gavel.h"
#include "gavel/gavel.hpp"

namespace {

const std::string flexis = std::string(GAVEL_SOURCE_DIR) + "/rules/flexis.gavel";
const std::string allowed =
    R"({"action":"communicate","purpose":"newsletter","data":["identity","contact_details"],"at":"2026-11-26",)"
    R"("subject":{"consent":{"newsletter":{"given":"2024-01-10"}},"dates":{"last_contact":"2025-05-01"}}})";
const std::string withdrawn =
    R"({"action":"communicate","purpose":"newsletter","data":["identity"],"at":"2026-11-26",)"
    R"("subject":{"consent":{"newsletter":{"given":"2024-01-10","withdrawn":"2025-01-01"}},)"
    R"("dates":{"last_contact":"2025-05-01"}}})";

// The string gavel handed out, freed.
std::string taken(char* s) {
  std::string copy = s != nullptr ? s : "";
  gavel_string_free(s);
  return copy;
}

struct Loaded {
  gavel_policy* policy = nullptr;
  Loaded() { REQUIRE(gavel_policy_load_file(flexis.c_str(), &policy, nullptr, nullptr) == GAVEL_OK); }
  ~Loaded() { gavel_policy_free(policy); }
};

struct Deciding : Loaded {
  gavel_decider* decider = nullptr;
  Deciding() { REQUIRE(gavel_decider_new(policy, &decider) == GAVEL_OK); }
  ~Deciding() { gavel_decider_free(decider); }
  gavel_status decide(const std::string& json, unsigned options, std::string& out) {
    char* response = nullptr;
    std::size_t length = 99;
    const auto s = gavel_decide(decider, json.data(), json.size(), options, &response, &length);
    if (response != nullptr) CHECK(std::strlen(response) == length);
    out = taken(response);
    return s;
  }
};

}  // namespace

TEST_CASE("c interface: the version and the status names") {
  CHECK(std::string(gavel_version()) == GAVEL_VERSION);
  CHECK(std::string(gavel_status_name(GAVEL_REQUEST_ERROR)) == "GAVEL_REQUEST_ERROR");
  CHECK(std::string(gavel_status_name(static_cast<gavel_status>(42))) == "GAVEL_UNKNOWN_STATUS");
}

TEST_CASE("c interface: a null pointer is an error code, never a crash") {
  Deciding d;
  char* out = reinterpret_cast<char*>(1);
  std::size_t length = 7;
  gavel_policy* policy = reinterpret_cast<gavel_policy*>(1);
  CHECK(gavel_policy_load_file(nullptr, &policy, &out, &length) == GAVEL_NULL_ARGUMENT);
  CHECK(policy == nullptr);
  CHECK(out == nullptr);
  CHECK(length == 0);
  CHECK(gavel_policy_load_file(flexis.c_str(), nullptr, nullptr, nullptr) == GAVEL_NULL_ARGUMENT);
  CHECK(gavel_policy_load_text(nullptr, 3, "x", &policy, nullptr, nullptr) == GAVEL_NULL_ARGUMENT);
  CHECK(gavel_policy_load_text("x", 1, "x", nullptr, nullptr, nullptr) == GAVEL_NULL_ARGUMENT);
  gavel_decider* decider = reinterpret_cast<gavel_decider*>(1);
  CHECK(gavel_decider_new(nullptr, &decider) == GAVEL_NULL_ARGUMENT);
  CHECK(decider == nullptr);
  CHECK(gavel_decider_new(d.policy, nullptr) == GAVEL_NULL_ARGUMENT);
  CHECK(gavel_decide(nullptr, allowed.data(), allowed.size(), 0, &out, &length) == GAVEL_NULL_ARGUMENT);
  CHECK(gavel_decide(d.decider, nullptr, 5, 0, &out, &length) == GAVEL_NULL_ARGUMENT);
  CHECK(gavel_decide(d.decider, allowed.data(), allowed.size(), 0, nullptr, &length) == GAVEL_NULL_ARGUMENT);
  CHECK(gavel_why_not(nullptr, withdrawn.data(), withdrawn.size(), &out, &length) == GAVEL_NULL_ARGUMENT);
  CHECK(gavel_why_not(d.decider, nullptr, 1, &out, &length) == GAVEL_NULL_ARGUMENT);
  CHECK(gavel_why_not(d.decider, withdrawn.data(), withdrawn.size(), nullptr, &length) == GAVEL_NULL_ARGUMENT);
  CHECK(gavel_policy_free(nullptr) == GAVEL_OK);
  CHECK(gavel_decider_free(nullptr) == GAVEL_OK);
  CHECK(gavel_string_free(nullptr) == GAVEL_OK);
  // The length is optional.
  CHECK(gavel_decide(d.decider, allowed.data(), allowed.size(), 0, &out, nullptr) == GAVEL_OK);
  gavel_string_free(out);
}

TEST_CASE("c interface: an unknown option bit is refused") {
  Deciding d;
  std::string out;
  CHECK(d.decide(allowed, 4, out) == GAVEL_INVALID_ARGUMENT);
  CHECK(out.empty());
}

TEST_CASE("c interface: decides as the C++ API does, with trace and explanation") {
  Deciding d;
  auto loaded = gavel::load_policy_file(flexis);
  gavel::Decider cpp(loaded.policy);
  for (unsigned options : {0u, 1u, 2u, 3u}) {
    std::string out, expected;
    CHECK(d.decide(allowed, options, out) == GAVEL_OK);
    cpp.decide_json(allowed, expected, {.trace = (options & 1) != 0, .explain = (options & 2) != 0});
    CHECK(out == expected);
  }
  std::string out;
  CHECK(d.decide(allowed, GAVEL_TRACE | GAVEL_EXPLAIN, out) == GAVEL_OK);
  CHECK(out.find(R"("trace":[)") != std::string::npos);
  CHECK(out.find(R"("explanation":)") != std::string::npos);
}

TEST_CASE("c interface: a malformed request is GAVEL_REQUEST_ERROR with the error and its code") {
  Deciding d;
  std::string out;
  CHECK(d.decide("{\"action\":", 0, out) == GAVEL_REQUEST_ERROR);
  CHECK(out.starts_with(R"({"error":{"field":"","message":"request is not valid JSON)"));
  CHECK(out.ends_with(R"("code":"request.invalid_json"}})"));
  CHECK(d.decide("[]", 0, out) == GAVEL_REQUEST_ERROR);
  CHECK(out.find(R"("code":"request.not_object")") != std::string::npos);
  const std::string unknown = R"({"action":"use","purpose":"newsleter","data":["identity"],"at":"2026-11-26"})";
  CHECK(d.decide(unknown, 0, out) == GAVEL_REQUEST_ERROR);
  CHECK(out == R"({"error":{"field":"purpose","message":"unknown purpose `newsleter`","help":"did you mean )"
               R"(`newsletter`?","code":"request.unknown_purpose"}})");
  // Bytes that are not UTF-8, and a NUL inside the request: refused, not read past.
  CHECK(d.decide(std::string("{\"action\":\"\xff\"}"), 0, out) == GAVEL_REQUEST_ERROR);
  CHECK(d.decide(std::string("{\"a\0\":1}", 9), 0, out) == GAVEL_REQUEST_ERROR);
  CHECK(d.decide("", 0, out) == GAVEL_REQUEST_ERROR);
}

TEST_CASE("c interface: a huge request is refused by its size, not read") {
  Deciding d;
  std::string huge = R"({"action":"use","purpose":")" + std::string(10 * 1024 * 1024, 'x') + "\"}";
  std::string out;
  CHECK(d.decide(huge, 0, out) == GAVEL_REQUEST_ERROR);
  CHECK(out.find(R"("code":"request.too_large")") != std::string::npos);
  // The decider is still good afterwards.
  CHECK(d.decide(allowed, 0, out) == GAVEL_OK);
}

TEST_CASE("c interface: a policy with errors returns its diagnostics as JSON, with codes") {
  const std::string text = "purpose newsletter {\n  basis consnt\n}\n";
  gavel_policy* policy = reinterpret_cast<gavel_policy*>(1);
  char* diagnostics = nullptr;
  std::size_t length = 0;
  CHECK(gavel_policy_load_text(text.data(), text.size(), "bad.gavel", &policy, &diagnostics, &length) ==
        GAVEL_POLICY_ERROR);
  CHECK(policy == nullptr);
  const std::string json = taken(diagnostics);
  CHECK(json.size() == length);
  CHECK(json.starts_with(R"({"diagnostics":[{"file":"bad.gavel","line":)"));
  CHECK(json.find(R"("error":true)") != std::string::npos);
  CHECK(json.find(R"("code":"syntax.expected")") != std::string::npos);
  CHECK(json.find(R"("report":"bad.gavel:)") != std::string::npos);

  CHECK(gavel_policy_load_file("/nonexistent/x.gavel", &policy, &diagnostics, nullptr) == GAVEL_POLICY_ERROR);
  const std::string missing = taken(diagnostics);
  CHECK(missing.find("cannot read `/nonexistent/x.gavel`: No such file or directory") != std::string::npos);
  CHECK(missing.find(R"("code":"file.unreadable")") != std::string::npos);
  CHECK(gavel_policy_load_file("/", &policy, &diagnostics, nullptr) == GAVEL_POLICY_ERROR);
  CHECK(taken(diagnostics).find("Is a directory") != std::string::npos);
}

TEST_CASE("c interface: a policy loads from text, and warnings come with it") {
  std::string text, reason;
  REQUIRE(gavel::read_text_file(flexis, 1 << 23, text, reason));
  gavel_policy* policy = nullptr;
  char* diagnostics = nullptr;
  CHECK(gavel_policy_load_text(text.data(), text.size(), nullptr, &policy, &diagnostics, nullptr) == GAVEL_OK);
  CHECK(policy != nullptr);
  CHECK(taken(diagnostics).starts_with(R"({"diagnostics":[)"));
  gavel_policy_free(policy);
}

TEST_CASE("c interface: why not, for a deny, an allow and a malformed request") {
  Deciding d;
  char* out = nullptr;
  std::size_t length = 0;
  CHECK(gavel_why_not(d.decider, withdrawn.data(), withdrawn.size(), &out, &length) == GAVEL_OK);
  const std::string answer = taken(out);
  CHECK(answer.size() == length);
  CHECK(answer.starts_with(R"({"possible":)"));
  CHECK(answer.find(R"("explanation":)") != std::string::npos);
  CHECK(gavel_why_not(d.decider, allowed.data(), allowed.size(), &out, &length) == GAVEL_NOT_DENIED);
  CHECK(out == nullptr);
  CHECK(gavel_why_not(d.decider, "{", 1, &out, &length) == GAVEL_REQUEST_ERROR);
  CHECK(taken(out).find(R"("code":"request.invalid_json")") != std::string::npos);
  const std::string unknown = R"({"action":"use","purpose":"newsleter","data":["identity"],"at":"2026-11-26"})";
  CHECK(gavel_why_not(d.decider, unknown.data(), unknown.size(), &out, &length) == GAVEL_REQUEST_ERROR);
  CHECK(taken(out).find(R"("code":"request.unknown_purpose")") != std::string::npos);
}

TEST_CASE("c interface: one policy shared by deciders on several threads") {
  Loaded loaded;
  std::vector<std::string> requests = {allowed, withdrawn, "{", R"({"action":"use"})"};
  std::vector<std::string> expected;
  {
    Deciding one;
    for (const auto& r : requests) {
      std::string out;
      one.decide(r, GAVEL_TRACE, out);
      expected.push_back(out);
    }
  }
  std::vector<std::vector<std::string>> got(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      gavel_decider* decider = nullptr;
      if (gavel_decider_new(loaded.policy, &decider) != GAVEL_OK) return;
      for (int round = 0; round < 50; ++round)
        for (const auto& r : requests) {
          char* out = nullptr;
          gavel_decide(decider, r.data(), r.size(), GAVEL_TRACE, &out, nullptr);
          if (round == 49) got[t].push_back(out != nullptr ? out : "");
          gavel_string_free(out);
        }
      gavel_decider_free(decider);
    });
  for (auto& th : threads) th.join();
  for (const auto& answers : got) CHECK(answers == expected);
}

TEST_CASE("c interface: a decider keeps its policy after the policy is freed") {
  gavel_policy* policy = nullptr;
  REQUIRE(gavel_policy_load_file(flexis.c_str(), &policy, nullptr, nullptr) == GAVEL_OK);
  gavel_decider* decider = nullptr;
  REQUIRE(gavel_decider_new(policy, &decider) == GAVEL_OK);
  gavel_policy_free(policy);
  char* out = nullptr;
  CHECK(gavel_decide(decider, allowed.data(), allowed.size(), 0, &out, nullptr) == GAVEL_OK);
  CHECK(taken(out).starts_with(R"({"decision":"allow")"));
  gavel_decider_free(decider);
}

TEST_CASE("c interface: why not refuses a malformed request with decide's answer, by the one writer") {
  Deciding d;
  gavel::Decider cpp(gavel::load_policy_file(flexis).policy);
  const std::string unknown = R"({"action":"use","purpose":"newsleter","data":["identity"],"at":"2026-11-26"})";
  const std::string no_purpose = R"({"action":"use","data":["identity"],"at":"2026-11-26"})";
  for (const std::string& request : {std::string("{"), std::string("[]"), unknown, no_purpose}) {
    INFO(request);
    std::string decided;
    CHECK(d.decide(request, 0, decided) == GAVEL_REQUEST_ERROR);
    char* out = nullptr;
    std::size_t length = 0;
    CHECK(gavel_why_not(d.decider, request.data(), request.size(), &out, &length) == GAVEL_REQUEST_ERROR);
    CHECK(taken(out) == decided);
    const auto decision = cpp.decide(std::string_view(request));
    REQUIRE(decision.error);
    std::string written;
    gavel::append_error_json(written, *decision.error);
    CHECK(written == decided);
  }
}

TEST_CASE("c interface: the error writer leaves out an empty help and escapes what it quotes") {
  std::string out = "[";
  gavel::append_error_json(out, {"data[0]", "unknown category `a\"b`", "", "request.unknown_category"});
  CHECK(out == R"([{"error":{"field":"data[0]","message":"unknown category `a\"b`","code":"request.unknown_category"}})");
}

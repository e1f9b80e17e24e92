// Every bound on what gavel reads, through the public API and the command line: a rule file's
// size, the nesting of its conditions, the number of its declarations and rules (and what
// checking and deciding cost at that number); a request's size, nesting and lists; a batch
// line's length. Each exceeded bound is one clear error, never a crash, a hang or an
// unbounded report.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "engine/request/facts.hpp"
#include "gavel/gavel.hpp"
#include "grammar/parser.hpp"

namespace {

const std::string head = R"(controller "X" { established in home }
countries home "Home" { FR }
category c "Data"
date d "Date"
purpose p "P" { basis legitimate_interest data c retain 1 year after d }
)";

std::string first_error(const gavel::LoadResult& r) {
  for (const auto& d : r.diagnostics)
    if (d.error) return d.message;
  return "";
}

// N rules, rule i built by `make(i)`.
template <class Make>
std::string rules(std::size_t n, Make make) {
  std::string text = head;
  for (std::size_t i = 0; i < n; ++i) text += make(i);
  return text;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const char* request = R"({"action":"use","purpose":"p","data":["c"],"at":"2026-01-01","subject":{"dates":{"d":"2025-06-01"}}})";

}  // namespace

TEST_CASE("a rule file larger than max_file_bytes is one error", "[bounds]") {
  const auto r = gavel::load_policy(head + std::string(gavel::grammar::max_file_bytes, ' '));
  CHECK_FALSE(r.ok());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message.find("the file is too large") == 0);
}

TEST_CASE("conditions nested deeper than max_nesting are one error", "[bounds]") {
  const std::size_t n = gavel::grammar::max_nesting;
  const auto rule = [&](std::size_t depth) {
    return head + "rule r \"R\" cites \"A\" deny use when " + std::string(depth, '(') + "unlawful" +
           std::string(depth, ')') + "\n";
  };
  CHECK(gavel::load_policy(rule(n)).ok());
  const auto deep = gavel::load_policy(rule(n + 1));
  CHECK_FALSE(deep.ok());
  CHECK(first_error(deep) == "conditions nest more than 32 parentheses deep in rule `r`");
  const auto hostile = gavel::load_policy(rule(200'000));
  CHECK(hostile.diagnostics.size() == 1);
}

TEST_CASE("more than max_items declarations and rules is one error", "[bounds]") {
  const auto r = gavel::load_policy(
      rules(gavel::grammar::max_items, [](std::size_t i) { return "rule r" + std::to_string(i) + " \"R\" cites \"A\" deny use\n"; }));
  CHECK_FALSE(r.ok());
  CHECK(first_error(r) == "too many declarations and rules: a rule file holds at most 100000");
}

TEST_CASE("max_items rules that all conflict check with a bounded report", "[bounds]") {
  // 50,000 allows against 50,000 denies on the same action: 2.5e9 pairs to compare.
  const auto text = rules(gavel::grammar::max_items - 10, [](std::size_t i) {
    return "rule r" + std::to_string(i) + " \"R\" cites \"A\" " + (i % 2 ? "allow" : "deny") + " use\n";
  });
  const auto start = std::chrono::steady_clock::now();
  const auto r = gavel::load_policy(text);
  CHECK(seconds_since(start) < 60);
  REQUIRE(r.ok());  // conflicts are warnings
  CHECK(r.diagnostics.size() == 101);
  CHECK(std::count_if(r.diagnostics.begin(), r.diagnostics.end(), [](const gavel::PolicyDiagnostic& d) {
          return d.message == "100 pairs of conflicting rules reported: the search for more stopped here";
        }) == 1);

  SECTION("and a decision on them reports a bounded number of conflicts") {
    gavel::Decider decider(r.policy);
    const auto d = decider.decide(std::string_view(request));
    REQUIRE_FALSE(d.error);
    CHECK_FALSE(d.allow);
    CHECK(d.decided_by.size() == (gavel::grammar::max_items - 10) / 2);
    CHECK(d.conflicts.size() == 100);
  }
}

TEST_CASE("max_items rules that never meet stop the conflict search after a bounded number of pairs", "[bounds]") {
  const auto text = rules(gavel::grammar::max_items - 10, [](std::size_t i) {
    return "rule r" + std::to_string(i) + " \"R\" cites \"A\" " + (i % 2 ? "allow use when unlawful" : "deny use when not unlawful") + "\n";
  });
  const auto start = std::chrono::steady_clock::now();
  const auto r = gavel::load_policy(text);
  CHECK(seconds_since(start) < 60);
  REQUIRE(r.ok());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message ==
        "more than 1000000 pairs of rules with opposite conclusions: the search for conflicts stopped here");
}

TEST_CASE("max_items purposes and declared rights load without an index of their product", "[bounds]") {
  // 50,000 purposes times 50,000 declared rights: 2.5e9 (purpose, right) pairs, of which
  // one has a rule. An index of every pair would not fit in memory.
  const std::size_t n = (gavel::grammar::max_items - 10) / 2;
  std::string text = head + "rule g \"G\" cites \"A\" grant h0 for p\n";
  for (std::size_t i = 0; i < n; ++i)
    text += "purpose q" + std::to_string(i) + " \"Q\" { basis legitimate_interest data c retain 1 year after d }\n";
  for (std::size_t i = 0; i < n; ++i) text += "right h" + std::to_string(i) + " \"H\"\n";
  const auto r = gavel::load_policy(text);
  REQUIRE(r.ok());  // rights no rule grants are warnings
  gavel::Decider decider(r.policy);
  auto decide = [&](const std::string& purpose, const std::string& right) {
    return decider.decide(std::string_view(R"({"action":"request","right":")" + right + R"(","purpose":")" + purpose +
                                           R"(","at":"2026-01-01","received":"2026-01-01"})"));
  };
  const auto granted = decide("p", "h0");
  REQUIRE_FALSE(granted.error);
  CHECK(granted.allow);
  const auto elsewhere = decide("q49000", "h0");
  REQUIRE_FALSE(elsewhere.error);
  CHECK_FALSE(elsewhere.allow);
  const auto other = decide("p", "h" + std::to_string(n - 1));
  REQUIRE_FALSE(other.error);
  CHECK_FALSE(other.allow);
}

TEST_CASE("a chain of max_items overrides is decided", "[bounds]") {
  // Each rule overrides the one before it, or the one after it: settling one rule may
  // settle every other one first.
  for (bool backwards : {false, true}) {
    const std::size_t n = gavel::grammar::max_items - 10;
    const auto text = rules(n, [&](std::size_t i) {
      std::string rule = "rule r" + std::to_string(i) + " \"R\" cites \"A\" deny use";
      if (backwards && i > 0) rule += " overrides r" + std::to_string(i - 1);
      if (!backwards && i + 1 < n) rule += " overrides r" + std::to_string(i + 1);
      return rule + "\n";
    });
    const auto r = gavel::load_policy(text);
    REQUIRE(r.ok());
    gavel::Decider decider(r.policy);
    const auto d = decider.decide(std::string_view(request));
    REQUIRE_FALSE(d.error);
    CHECK_FALSE(d.allow);
    CHECK(d.decided_by.size() == n / 2);
  }
}

TEST_CASE("a request larger than max_request_bytes is refused", "[bounds]") {
  const auto r = gavel::load_policy(head);
  REQUIRE(r.ok());
  gavel::Decider decider(r.policy);
  std::string big = R"({"action":"use","purpose":"p","at":"2026-01-01","data":[)";
  while (big.size() <= gavel::request::max_request_bytes) big += R"("c",)";
  big += R"("c"]})";
  const auto d = decider.decide(std::string_view(big));
  REQUIRE(d.error);
  CHECK(d.error->message == "request of " + std::to_string(big.size()) + " bytes is larger than the limit of 65536 bytes");
}

TEST_CASE("a request nested deeper than max_json_depth is refused", "[bounds]") {
  const auto r = gavel::load_policy(head);
  gavel::Decider decider(r.policy);
  auto nested = [](std::size_t depth) {
    return R"({"action":"use","purpose":"p","data":["c"],"at":"2026-01-01","context":)" + std::string(depth, '[') +
           std::string(depth, ']') + "}";
  };
  // Within the bound, the value is merely of the wrong type.
  auto d = decider.decide(std::string_view(nested(gavel::request::max_json_depth - 2)));
  REQUIRE(d.error);
  CHECK(d.error->message.find("must be an object") != std::string::npos);
  d = decider.decide(std::string_view(nested(gavel::request::max_json_depth)));
  REQUIRE(d.error);
  CHECK(d.error->message == "request nests objects and arrays more than 16 deep");
  d = decider.decide(std::string_view(nested(30'000)));
  REQUIRE(d.error);
  CHECK(d.error->message == "request nests objects and arrays more than 16 deep");
}

TEST_CASE("a request list longer than max_list_items is refused", "[bounds]") {
  const auto r = gavel::load_policy(head);
  gavel::Decider decider(r.policy);
  std::string data, objections;
  for (std::size_t i = 0; i <= gavel::request::max_list_items; ++i) {
    data += std::string(i ? "," : "") + R"("c")";
    objections += std::string(i ? "," : "") + R"({"to":"p","at":"2026-01-01"})";
  }
  auto d = decider.decide(std::string_view(R"({"action":"use","purpose":"p","at":"2026-01-01","data":[)" + data + "]}"));
  REQUIRE(d.error);
  CHECK(d.error->message == "`data` has more than 1024 items");
  d = decider.decide(std::string_view(R"({"action":"use","purpose":"p","at":"2026-01-01","data":["c"],"subject":{"objections":[)" +
                                      objections + "]}}"));
  REQUIRE(d.error);
  CHECK(d.error->message == "`subject.objections` has more than 1024 items");
}

TEST_CASE("a batch line longer than max_request_bytes gets an error line, and the batch goes on", "[bounds]") {
  const std::string batch = "bounds-batch.jsonl";
  {
    std::ofstream out(batch, std::ios::binary);
    const std::string good = R"({"action":"use","purpose":"newsletter","data":["identity"],"at":"2026-11-26"})";
    out << good << '\n' << std::string(3 * gavel::request::max_request_bytes, 'x') << '\n' << good;  // no final newline
  }
  const std::string command = std::string(GAVEL_BINARY) + " decide " GAVEL_SOURCE_DIR "/rules/flexis.gavel --batch " + batch + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  INFO(output);
  CHECK(status != 0);  // a line was refused
  CHECK(output.find(R"({"error":{"field":"","message":"line 2 is 196608 bytes, longer than the limit of 65536 bytes","code":"request.too_large"},"line":2})") !=
        std::string::npos);
  CHECK(output.find("3 requests: 0 allowed, 2 denied, 1 refused") != std::string::npos);
  std::remove(batch.c_str());
}

// A decision record's seal, and what the log keeps of a request.
#include <catch2/catch.hpp>

#include <string>

#include "service/decision_entry.hpp"
#include "service/decision_record.hpp"

using namespace gavel::service;

TEST_CASE("a sealed record checks, and chains the next one to its hash") {
  std::string prev(genesis_hash), out;
  seal_record(out, 1, R"("answer":{"decision":"allow"})", prev);
  const auto first_hash = prev;
  seal_record(out, 2, R"("answer":{"decision":"deny"})", prev);
  const auto newline = out.find('\n');
  REQUIRE(out.back() == '\n');
  RecordLink a, b;
  std::string error;
  REQUIRE(check_record(out.substr(0, newline), a, error) == RecordCheck::ok);
  REQUIRE(check_record(out.substr(newline + 1, out.size() - newline - 2), b, error) == RecordCheck::ok);
  CHECK(a.seq == 1);
  CHECK(a.prev == genesis_hash);
  CHECK(a.hash == first_hash);
  CHECK(b.seq == 2);
  CHECK(b.prev == a.hash);
  CHECK(b.hash == prev);
}

TEST_CASE("one byte changed anywhere but in the hash is an edited record") {
  std::string prev(genesis_hash), out;
  seal_record(out, 7, R"("answer":{"decision":"deny"})", prev);
  out.pop_back();
  RecordLink link;
  std::string error;
  for (std::size_t i = 0; i < out.size() - 66; ++i) {
    auto edited = out;
    edited[i] = edited[i] == 'x' ? 'y' : 'x';
    const auto check = check_record(edited, link, error);
    INFO(edited);
    CHECK(check != RecordCheck::ok);
  }
  auto edited = out;
  edited.replace(edited.find("deny"), 4, "alow");
  CHECK(check_record(edited, link, error) == RecordCheck::edited);
  CHECK(check_record("{\"seq\":1}", link, error) == RecordCheck::not_a_record);
  CHECK(check_record("", link, error) == RecordCheck::not_a_record);
}

TEST_CASE("a minimised request keeps what was to be done, and of the person only the facts' names") {
  const std::string request = R"({"action":"use","purpose":"newsletter","data":["identity"],"at":"2026-01-02",
    "recipient":null,"subject":{"consent":{"newsletter":{"given":"2024-01-10"}},"restriction":null,
    "dates":{"last_contact":"2025-05-01"}},"context":{"legal_claims":true}})";
  const DecisionEntry entry{
      std::chrono::system_clock::time_point(std::chrono::microseconds(1'764'587'045'123'456)), "id-1", "abc",
      R"({"decision":"allow"})", request};
  const auto minimised = decision_entry_body(entry, false);
  CHECK(
      minimised ==
      R"("time":"2025-12-01T11:04:05.123456Z","request_id":"id-1","revision":"abc","answer":{"decision":"allow"},)"
      R"("request_kept":"minimised","request":{"action":"use","purpose":"newsletter","data":["identity"],)"
      R"("recipient":null,"at":"2026-01-02","context":{"legal_claims":true},"subject_facts":["consent","dates"]})");
  const auto full = decision_entry_body(entry, true);
  CHECK(full.find(R"("request_kept":"full","request":{"action":"use")") != std::string::npos);
  CHECK(full.find("2024-01-10") != std::string::npos);
  CHECK(full.find('\n') == std::string::npos);
}

// Bounds: no input crashes, hangs or throws out of parse().
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "grammar/parser.hpp"

using namespace gavel;

namespace {
grammar::ParseResult read(std::string text) { return grammar::parse(Source{"test.gavel", std::move(text)}); }
const std::string head = "rule r \"t\" cites \"c\" deny use when ";
}  // namespace

TEST_CASE("parentheses nest at most max_nesting deep", "[grammar][bounds]") {
  const auto depth = grammar::max_nesting;
  const auto ok = read(head + std::string(depth, '(') + "restricted" + std::string(depth, ')'));
  CHECK(ok.diagnostics.empty());

  const auto deep = read(head + std::string(depth + 1, '(') + "restricted" + std::string(depth + 1, ')'));
  REQUIRE(deep.diagnostics.size() == 1);
  CHECK(deep.diagnostics[0].message == "conditions nest more than 32 parentheses deep in rule `r`");
  CHECK(deep.diagnostics[0].span.column == head.size() + depth + 1);

  const auto hostile = read(head + std::string(1'000'000, '('));
  REQUIRE(hostile.diagnostics.size() == 1);
  CHECK(hostile.diagnostics[0].message == "conditions nest more than 32 parentheses deep in rule `r`");
}

TEST_CASE("`not` repeats at most max_nesting times", "[grammar][bounds]") {
  std::string nots;
  for (int i = 0; i < 100'000; ++i) nots += "not ";
  const auto r = read(head + nots + "restricted");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message == "more than 32 `not` in a row in rule `r`");
}

TEST_CASE("a file larger than max_file_bytes is one error", "[grammar][bounds]") {
  const auto r = read(std::string(grammar::max_file_bytes + 1, ' '));
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message == "the file is too large: a rule file holds at most 8388608 bytes (8 MiB)");
  CHECK(r.policy.source.text.size() == grammar::max_file_bytes + 1);
}

TEST_CASE("more than max_items declarations is an error", "[grammar][bounds]") {
  std::string text;
  for (std::size_t i = 0; i <= grammar::max_items; ++i) text += "date d \"x\"\n";
  const auto r = read(text);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message == "too many declarations and rules: a rule file holds at most 100000");
  CHECK(r.policy.dates.size() == grammar::max_items);
}

TEST_CASE("a file full of mistakes stops after a bounded number of errors", "[grammar][bounds]") {
  std::string text;
  for (int i = 0; i < 10'000; ++i) text += "category 9\n";
  const auto r = read(text);
  CHECK(r.diagnostics.size() == 101);
  CHECK(r.diagnostics.back().message == "too many errors, stopped after 100");
}

TEST_CASE("long conditions and long lists are read without deep recursion", "[grammar][bounds]") {
  std::string condition = "restricted";
  for (int i = 0; i < 200'000; ++i) condition += " and unlawful or restricted";
  const auto r = read(head + condition);
  CHECK(r.diagnostics.empty());
}

TEST_CASE("unterminated texts everywhere stay fast", "[grammar][bounds]") {
  std::string text = "category a \"";
  for (int i = 0; i < 200'000; ++i) text += "  more words \\\" inside\n";
  const auto r = read(text);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message == "unterminated text: the closing `\"` is missing");
}

TEST_CASE("random bytes and mutated policies never crash the parser", "[grammar][bounds]") {
  const std::string policy =
      "controller \"X\" { established in eea holidays fr }\n"
      "category identity \"Identity\"\n"
      "countries eea \"EEA\" { FR, DE }\n"
      "calendar fr \"F\" { holiday \"x\" on 1 May holiday \"y\" on 1 day after Easter }\n"
      "purpose p \"P\" { basis consent or contract data identity retain until consent withdrawn, 3 years after d "
      "then archive processed by automated means }\n"
      "group g \"G\" { p }\n"
      "recipient r \"R\" { activity \"a\" receives identity }\n"
      "respond within 1 month, extendable by 2 months\n"
      "rule x \"t\" cites \"a\" says \"b\" deny any action except store for purposes based on consent when not "
      "(restricted or objected to g) and country outside eea unless legal_claims, basis is consent overrides y\n";
  REQUIRE(read(policy).diagnostics.empty());

  std::mt19937 random(20261126);
  const std::string alphabet = "abcdefgz_-09AZ \n\t\"\\(){},/\r\x01\xc3\xa9\xff";
  for (int round = 0; round < 3000; ++round) {
    std::string text = policy;
    const int edits = 1 + static_cast<int>(random() % 8);
    for (int e = 0; e < edits; ++e) {
      const auto at = random() % (text.size() + 1);
      switch (random() % 3) {
        case 0: text.insert(at, 1, alphabet[random() % alphabet.size()]); break;
        case 1:
          if (at < text.size()) text.erase(at, 1 + random() % 10);
          break;
        default:
          if (at < text.size()) text[at] = alphabet[random() % alphabet.size()];
      }
    }
    const auto r = read(text);
    for (const auto& d : r.diagnostics) {
      CHECK(d.span.begin <= d.span.end);
      CHECK(d.span.end <= text.size());
      CHECK_FALSE(d.message.empty());
    }
  }
  for (int round = 0; round < 200; ++round) {
    std::string text(random() % 4000, '\0');
    for (auto& c : text) c = static_cast<char>(random() % 256);
    CHECK_NOTHROW(read(text));
  }
}

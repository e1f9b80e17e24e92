// The bound on why-not's work and on what it prints (docs/embedding.md): at most 1,000 single
// changes and 20,000 pairs decided, whatever the policy, and at most 50 rules or reasons in
// each list of its prose, however many rules deny. No timing here: `tried` counts the
// requests decided, and the answer must still be the right one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "gavel/gavel.hpp"

namespace {

constexpr std::size_t max_singles = 1000, max_pairs = 20000, rules_in_prose = 50;

const std::string head = R"(controller "Why not" { established in home }
countries home "Home" { FR }
countries adequate "Adequate" { CH, JP }
category c "Data"
category e "Extra"
date d "Date"
recipient crm "CRM" { activity "CRM" receives c }
purpose p "P" { basis legitimate_interest data c retain 1 year after d }
)";

// The request of bench/whynot-request.json: a disclosure to a third country, with data
// outside the purpose.
gavel::Request disclosure() {
  gavel::RequestError error;
  auto r = gavel::parse_request(
      R"({"action":"disclose","purpose":"p","data":["c","e"],"recipient":"crm","country":"US","at":"2026-01-01",)"
      R"("subject":{"dates":{"d":"2025-06-01"}}})",
      error);
  REQUIRE(r);
  return *r;
}

std::shared_ptr<const gavel::Policy> load(const std::string& text) {
  auto loaded = gavel::load_policy(text);
  INFO(loaded.report);
  REQUIRE(loaded.ok());
  return loaded.policy;
}

std::size_t lines(const std::string& text) { return std::size_t(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("why-not on 20,000 deny rules that all stand decides 227 requests and names the rules that stand",
          "[bounds][whynot]") {
  // bench/whynot-policy.sh 20000: rule i denies always (i % 3 == 0), on a condition that
  // always holds (1), or on one that some changes lift (2), so only the first two kinds stand
  // under every change.
  const std::size_t n = 20000;
  std::string text = head + "group g \"Group\" { p }\n";
  std::vector<std::string> standing;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string id = "r" + std::to_string(i);
    text += "rule " + id + " \"Denies " + std::to_string(i) + "\" cites \"A\" deny disclose";
    if (i % 3 == 1) text += " when basis is legitimate_interest";
    if (i % 3 == 2) text += " when country outside home unless standard_contractual_clauses";
    text += "\n";
    if (i % 3 != 2) standing.push_back(id);
  }
  gavel::Decider decider(load(text));
  const auto request = disclosure();
  const auto d = decider.decide(request);
  REQUIRE_FALSE(d.error);
  CHECK_FALSE(d.allow);
  CHECK(d.decided_by.size() == n);

  const auto answer = gavel::why_not(decider, request);
  REQUIRE(answer);
  CHECK_FALSE(answer->possible());
  // 21 single changes (consent, two objections, restriction, unlawful, the date, nine context
  // facts, no recipient, three countries, two sets of data) and the 206 pairs of them that
  // change different facts: the search is complete, far within its bound.
  CHECK(answer->tried == 227);
  CHECK(answer->tried <= max_singles + max_pairs);
  CHECK(answer->exhaustive);
  CHECK(answer->blocking == standing);
  CHECK(answer->denied_by.empty());
  CHECK(answer->because == std::vector<std::string>{"the purpose “p” rests on legitimate interest"});

  // The prose names the first 50 rules that stand and counts the others.
  const std::string& prose = answer->explanation;
  CHECK(prose.starts_with(
      "No change of one or two facts, or of the question, makes it an allow (227 requests tried).\n"
      "- Rule `r0` (\"Denies 0\") denies it under every change tried: it has no exception.\n"
      "- Rule `r1` (\"Denies 1\") denies it under every change tried: it has no exception.\n"
      "- Rule `r3` (\"Denies 3\") denies it under every change tried: it has no exception.\n"));
  CHECK(prose.find("- Rule `r73` (\"Denies 73\")") != std::string::npos);  // the 50th
  CHECK(prose.find("- Rule `r75` ") == std::string::npos);                 // the 51st
  CHECK(prose.ends_with("- and " + std::to_string(standing.size() - rules_in_prose) +
                        " more rules deny it under every change tried.\n"
                        "Because: the purpose “p” rests on legitimate interest.\n"));
  CHECK(lines(prose) == 1 + rules_in_prose + 2);
}

TEST_CASE("why-not on a policy of 1,200 groups stops at its bound of single changes", "[bounds][whynot]") {
  // Each group is an objection to try: 1,200 single changes, more than the bound.
  std::string text = head + "rule no-disclosure \"No disclosure\" cites \"A\" deny disclose\n";
  for (int i = 0; i < 1200; ++i) text += "group g" + std::to_string(i) + " \"Group\" { p }\n";
  gavel::Decider decider(load(text));
  const auto answer = gavel::why_not(decider, disclosure());
  REQUIRE(answer);
  CHECK_FALSE(answer->possible());
  CHECK(answer->tried == max_singles + max_pairs);
  CHECK_FALSE(answer->exhaustive);
  CHECK(answer->blocking == std::vector<std::string>{"no-disclosure"});
  CHECK(
      answer->explanation.starts_with("No change of one or two facts, or of the question, makes it an allow "
                                      "(21000 requests tried; the search "
                                      "stopped at its bound before trying every change).\n"
                                      "- Rule `no-disclosure` (\"No disclosure\") denies it under every "
                                      "change tried: it has no exception.\n"));
}

TEST_CASE("why-not names at most 50 of the rules that deny when no one rule stands under every change",
          "[bounds][whynot]") {
  // Rule k denies unless the person objected to group gk: each objection lifts one rule, and
  // no rule stands under all of them.
  const int n = 60;
  std::string text = head;
  std::vector<std::string> ids;
  for (int k = 0; k < n; ++k) {
    const std::string g = "g" + std::to_string(k), id = "unless-" + g;
    text += "group " + g + " \"Group\" { p }\n";
    text += "rule " + id + " \"R\" cites \"A\" deny disclose when not objected to " + g + "\n";
    ids.push_back(id);
  }
  gavel::Decider decider(load(text));
  const auto answer = gavel::why_not(decider, disclosure());
  REQUIRE(answer);
  CHECK_FALSE(answer->possible());
  // 80 single changes (the 21 of the first case, with 60 objections to groups instead of one)
  // and every pair of them that changes different facts.
  CHECK(answer->tried == 80 + 80 * 79 / 2 - 4);
  CHECK(answer->exhaustive);
  CHECK(answer->blocking.empty());
  CHECK(answer->denied_by == ids);
  CHECK(answer->because.size() == std::size_t(n));  // one reason a rule
  INFO(answer->explanation);
  std::string named = "now by unless-g0";
  for (std::size_t k = 1; k < rules_in_prose; ++k) named += ", unless-g" + std::to_string(k);
  CHECK(answer->explanation.find(named + ", and 10 more.\n") != std::string::npos);
  CHECK(answer->explanation.ends_with("; the person had not objected to the group “g49” by 2026-01-01; and 10 more.\n"));
  CHECK(lines(answer->explanation) == 3);
}

// `gavel diff`: FLEXIS against a copy with one retention period shortened, and against itself.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gavel/gavel.hpp"

namespace fs = std::filesystem;

namespace {

std::string flexis() {
  std::ifstream in(fs::path(GAVEL_SOURCE_DIR) / "rules/flexis.gavel", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The first `retain` line that counts N years: N - 1 years instead.
std::string shortened(std::string text, std::string& purpose) {
  const std::size_t retain = text.find("retain ");
  REQUIRE(retain != std::string::npos);
  const std::size_t years = text.find(" years after ", retain);
  REQUIRE(years != std::string::npos);
  std::size_t digits = years;
  while (digits > 0 && std::isdigit(static_cast<unsigned char>(text[digits - 1]))) --digits;
  const int n = std::stoi(text.substr(digits, years - digits));
  REQUIRE(n > 1);
  text.replace(digits, years - digits, std::to_string(n - 1));
  const std::size_t start = text.rfind("\npurpose ", retain) + 9;
  purpose = text.substr(start, text.find(' ', start) - start);
  return text;
}

}  // namespace

TEST_CASE("a shortened retention period changes the purpose and the decisions that count it") {
  std::string purpose;
  const std::string before = flexis(), after = shortened(before, purpose);
  const auto diff = gavel::diff_policies(before, "old.gavel", after, "new.gavel");
  REQUIRE(diff.ok());
  REQUIRE(diff.changes.size() == 1);
  CHECK(diff.changes[0].kind == "purpose");
  CHECK(diff.changes[0].name == purpose);
  CHECK(diff.changes[0].change == "changed");
  CHECK(diff.requests > 1000);
  CHECK(diff.changed > 0);
  REQUIRE(!diff.groups.empty());
  std::size_t counted = 0;
  for (const auto& g : diff.groups) {
    counted += g.count;
    CHECK(g.before != g.after);
    CHECK(g.example.find("\"purpose\":\"" + purpose + "\"") != std::string::npos);
    CHECK(g.cause.rfind("rule", 0) == 0);
  }
  CHECK(counted == diff.changed);
}

TEST_CASE("identical policies: nothing changes") {
  const auto diff = gavel::diff_policies(flexis(), "old.gavel", flexis(), "new.gavel");
  REQUIRE(diff.ok());
  CHECK(diff.changes.empty());
  CHECK(diff.changed == 0);
  CHECK(diff.groups.empty());
}

TEST_CASE("a comment or a new layout is no change") {
  const std::string text = flexis();
  const auto formatted = gavel::format_policy("// a new first line\n" + text);
  REQUIRE(formatted.ok());
  const auto diff = gavel::diff_policies(text, "old.gavel", formatted.text, "new.gavel");
  REQUIRE(diff.ok());
  CHECK(diff.changes.empty());
  CHECK(diff.changed == 0);
}

TEST_CASE("a policy with errors is not compared") {
  const auto diff = gavel::diff_policies(flexis(), "old.gavel", "rule", "broken.gavel");
  CHECK_FALSE(diff.ok());
  CHECK(diff.report.find("broken.gavel:1:") != std::string::npos);
}

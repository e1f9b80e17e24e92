// `gavel fmt` on every rule file of the project and on generated policies: formatting is
// idempotent, keeps every token and comment, and the formatted file checks and decides as the
// original does on generated traffic (fuzz/fmt_properties.hpp, shared with fuzz/fmt_fuzz.cpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "engine/api/internal.hpp"
#include "fuzz/fmt_properties.hpp"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> project_rule_files() {
  std::vector<fs::path> files;
  for (const auto* folder : {"rules", "tests"})
    for (const auto& e : fs::recursive_directory_iterator(fs::path(GAVEL_SOURCE_DIR) / folder))
      if (e.is_regular_file() && e.path().extension() == ".gavel") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// `gavel generate`'s traffic for the policy.
std::vector<std::string> traffic(std::shared_ptr<const gavel::Policy> policy, std::size_t count) {
  gavel::TrafficGenerator generator(std::move(policy), 15);
  std::vector<std::string> requests(count);
  for (auto& r : requests) generator.next(r);
  return requests;
}

}  // namespace

TEST_CASE("every rule file of the project formats idempotently and decides the same") {
  std::size_t formatted = 0, decided = 0;
  for (const auto& path : project_rule_files()) {
    const std::string text = read(path);
    if (!gavel::format_policy(text).ok()) continue;  // the syntax corpus: not formatted
    ++formatted;
    std::vector<std::string> requests;
    if (auto loaded = gavel::load_policy(text); loaded.ok()) {
      requests = traffic(loaded.policy, 3000);
      ++decided;
    }
    INFO(path.string());
    const auto problem = gavel::fuzz::format_problem(text, requests);
    CHECK(problem.value_or("") == "");
  }
  CHECK(formatted > 50);  // rules/, tests/corpus/check, tests/playground
  CHECK(decided >= 4);
}

TEST_CASE("generated policies in any layout format idempotently and decide the same") {
  std::mt19937 random(15);
  for (int n = 0; n < 400; ++n) {
    std::vector<std::uint8_t> bytes(600);
    for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
    gavel::fuzz::Bytes in(bytes.data(), bytes.size());
    gavel::fuzz::Generator generate(in);
    const auto model = generate.policy();
    const std::string text = gavel::fuzz::relayout(model.text, in);
    std::vector<std::string> requests;
    for (int r = 0; r < 40; ++r) requests.push_back(gavel::fuzz::to_json(generate.request(model)));
    INFO(text);
    const auto problem = gavel::fuzz::format_problem(text, requests);
    CHECK(problem.value_or("") == "");
  }
}

TEST_CASE("a file with syntax errors is not formatted: its diagnostics are") {
  const auto result = gavel::format_policy("purpose p \"P\" {\n  basis consnt\n}\n", "broken.gavel");
  CHECK_FALSE(result.ok());
  CHECK(result.text.empty());
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].line == 2);
  CHECK(result.report.find("broken.gavel:2:") != std::string::npos);
}

TEST_CASE("comments stay with the token they were written beside") {
  const std::string text =
      "category a \"A\" // beside a\n"
      "// before b\n"
      "category b \"B\"\n"
      "purpose p \"P\" { basis consent data a, // beside the first\n"
      "  // before the second\n"
      "  b retain 1 year after d }\n"
      "date d \"D\"\n"
      "// at the end\n";
  const auto result = gavel::format_policy(text);
  REQUIRE(result.ok());
  CHECK(result.text ==
        "category a \"A\"  // beside a\n"
        "// before b\n"
        "category b \"B\"\n"
        "\n"
        "purpose p \"P\" {\n"
        "  basis consent\n"
        "  data a,  // beside the first\n"
        "       // before the second\n"
        "       b\n"
        "  retain 1 year after d\n"
        "}\n"
        "\n"
        "date d \"D\"\n"
        "// at the end\n");
}

TEST_CASE("long lists wrap at 100 characters under the first listed word") {
  std::string text = "countries many \"Many\" {";
  for (const auto* code : {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
                           "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"})
    text += std::string(code) + (std::string_view(code) == "NO" ? "}" : ",");
  const auto result = gavel::format_policy(text);
  REQUIRE(result.ok());
  std::istringstream lines(result.text);
  std::size_t count = 0;
  for (std::string line; std::getline(lines, line); ++count) CHECK(line.size() <= 100);
  CHECK(count == 4);  // the header, two lines of codes, the brace
}

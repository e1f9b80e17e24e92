// The checker never throws, whatever tree it is given: also the partial trees that the parser
// returns beside syntax errors (a library user may check them).
#include <fstream>
#include <sstream>

#include "tests/check/check_helpers.hpp"

using namespace gavel;
using namespace gavel::check::testing;

TEST_CASE("policies with words missing or repeated check without throwing", "[check][robustness]") {
  std::ifstream in(GAVEL_SOURCE_DIR "/rules/flexis.gavel");
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string flexis = buffer.str();

  std::vector<std::string> words;
  std::string word;
  for (char c : flexis) {
    word += c;
    if (c == ' ' || c == '\n') {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  words.push_back(word);

  std::size_t checked = 0;
  for (std::size_t step = 1; step < words.size(); step += 37) {
    for (int variant = 0; variant < 2; ++variant) {
      std::string text;
      for (std::size_t i = 0; i < words.size(); ++i) {
        if (i == step && variant == 0) continue;                 // a word missing
        if (i == step && variant == 1) text += words[i / 2];     // a word from elsewhere
        text += words[i];
      }
      auto parsed = grammar::parse(Source{"mutated.gavel", text});
      std::vector<Diagnostic> diagnostics;
      REQUIRE_NOTHROW(diagnostics = check::check(std::move(parsed.policy)).diagnostics);
      for (const auto& d : diagnostics) {
        INFO(d.message);
        CHECK(!d.message.empty());
        CHECK(d.span.begin <= d.span.end);
        CHECK(d.span.end <= text.size());
      }
      ++checked;
    }
  }
  CHECK(checked > 100);
}

// The bundled FLEXIS policy must pass the checker without errors.
#include <fstream>
#include <sstream>

#include "tests/check/check_helpers.hpp"

using namespace gavel;
using namespace gavel::check::testing;

TEST_CASE("rules/flexis.gavel has no checker errors", "[check][flexis]") {
  std::ifstream in(GAVEL_SOURCE_DIR "/rules/flexis.gavel");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = grammar::parse(Source{"rules/flexis.gavel", text.str()});
  REQUIRE(parsed.diagnostics.empty());
  auto checked = check::check(std::move(parsed.policy));
  INFO(dump(checked.diagnostics));
  CHECK(checked.valid());
}

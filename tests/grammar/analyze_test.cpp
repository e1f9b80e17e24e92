// The grammar checks itself: no rule can loop without consuming input.
#include <catch2/catch.hpp>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/grammar.hpp"

TEST_CASE("the grammar has no rule that can loop forever", "[grammar]") {
  CHECK(tao::pegtl::analyze<gavel::grammar::peg::policy>(1) == 0);
}

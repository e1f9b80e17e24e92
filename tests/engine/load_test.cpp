// Loading a policy from a file: every read is bounded, a file that cannot be read says why, and
// a Decider cannot be built over the null policy of a failed load.
#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>

#include "gavel/gavel.hpp"

namespace gavel::test {

TEST_CASE("a policy that cannot be read gives the operating system's reason") {
  auto missing = load_policy_file("no/such/policy.gavel");
  REQUIRE_FALSE(missing.ok());
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].message == "cannot read `no/such/policy.gavel`: No such file or directory");
  CHECK(missing.report == "no/such/policy.gavel: error: cannot read `no/such/policy.gavel`: No such file or directory\n");

  const auto folder = std::filesystem::temp_directory_path().string();
  auto directory = load_policy_file(folder);
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.diagnostics[0].message == "cannot read `" + folder + "`: Is a directory");
}

TEST_CASE("an endless policy file is refused at the parser's bound, not read whole") {
  auto endless = load_policy_file("/dev/zero");
  REQUIRE_FALSE(endless.ok());
  REQUIRE_FALSE(endless.diagnostics.empty());
  CHECK(endless.diagnostics[0].message.find("the file is too large") != std::string::npos);
}

TEST_CASE("a Decider over the null policy of a failed load is refused with a named exception") {
  auto failed = load_policy("controller");
  REQUIRE_FALSE(failed.ok());
  CHECK_THROWS_AS(Decider(failed.policy), std::invalid_argument);
  CHECK_THROWS_WITH(Decider(nullptr), Catch::Contains("check LoadResult::ok() first"));
}

}  // namespace gavel::test

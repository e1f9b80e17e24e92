// How POST /v1/decide/batch tells an array from JSON lines, and splits either.
#include <catch2/catch.hpp>

#include "service/batch.hpp"

using gavel::service::Batch;
using gavel::service::BatchSplit;
using gavel::service::split_batch;

TEST_CASE("a body starting with a bracket is an array, split at its top-level commas") {
  Batch batch;
  std::string error;
  REQUIRE(split_batch(R"(  [ {"a":"x,]}"} , {"b":[1,{"c":"\"]"}]} ] )", 10, batch, error) == BatchSplit::ok);
  CHECK(batch.array);
  REQUIRE(batch.items.size() == 2);
  CHECK(batch.items[0] == R"({"a":"x,]}"})");
  CHECK(batch.items[1] == R"({"b":[1,{"c":"\"]"}]})");
}

TEST_CASE("an empty array is an empty batch") {
  Batch batch;
  std::string error;
  REQUIRE(split_batch(" [ ] ", 10, batch, error) == BatchSplit::ok);
  CHECK(batch.array);
  CHECK(batch.items.empty());
}

TEST_CASE("any other body is JSON lines; a final newline ends the last line, a blank line is an item") {
  Batch batch;
  std::string error;
  REQUIRE(split_batch("{\"a\":1}\r\n\n{\"b\":2}\n", 10, batch, error) == BatchSplit::ok);
  CHECK_FALSE(batch.array);
  REQUIRE(batch.items.size() == 3);
  CHECK(batch.items[0] == "{\"a\":1}");
  CHECK(batch.items[1].empty());
  CHECK(batch.items[2] == "{\"b\":2}");
}

TEST_CASE("a broken array is refused with the reason") {
  Batch batch;
  std::string error;
  for (const char* body : {"[{}", "[{},]", "[,{}]", "[{}] x", "[{]}", "[}]", "[\"abc]"}) {
    INFO(body);
    CHECK(split_batch(body, 10, batch, error) == BatchSplit::malformed);
    CHECK_FALSE(error.empty());
  }
}

TEST_CASE("a batch over the bound on its count is refused") {
  Batch batch;
  std::string error;
  CHECK(split_batch("[{},{},{}]", 2, batch, error) == BatchSplit::too_many);
  CHECK(split_batch("{}\n{}\n{}\n", 2, batch, error) == BatchSplit::too_many);
  CHECK(split_batch("{}\n{}\n", 2, batch, error) == BatchSplit::ok);
}

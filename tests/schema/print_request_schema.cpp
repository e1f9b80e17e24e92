// Prints the request's JSON Schema as gavel generates it from the field table
// (engine/request/contract.hpp), for the test that docs/schema/request.schema.json is it.
#include <cstdio>

#include <gavel/gavel.hpp>

int main() {
  const auto schema = gavel::request_json_schema();
  std::fwrite(schema.data(), 1, schema.size(), stdout);
  std::fputc('\n', stdout);
  return 0;
}

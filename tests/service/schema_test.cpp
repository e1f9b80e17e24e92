// The request's JSON Schema is the field table's: every record's properties, required fields
// and nullability, walked side by side with engine/request/contract.hpp.
#include <catch2/catch.hpp>
#include <simdjson.h>

#include <gavel/gavel.hpp>

#include <set>
#include <string>

#include "engine/request/contract.hpp"

namespace contract = gavel::request::contract;

namespace {

std::set<std::string> types_of(simdjson::dom::element schema) {
  std::set<std::string> types;
  auto type = schema["type"];
  if (type.is_string()) {
    types.insert(std::string(std::string_view(type)));
  } else {
    for (auto t : type.get_array()) types.insert(std::string(std::string_view(t)));
  }
  return types;
}

std::string json_type(contract::Kind kind) {
  switch (kind) {
    case contract::Kind::text:
    case contract::Kind::date: return "string";
    case contract::Kind::boolean: return "boolean";
    case contract::Kind::number: return "integer";
    case contract::Kind::list: return "array";
    case contract::Kind::record:
    case contract::Kind::map: return "object";
  }
  return "";
}

void check_value(simdjson::dom::element schema, const contract::Value& value, const std::string& path) {
  INFO(path);
  auto types = types_of(schema);
  CHECK(types.count(json_type(value.kind)) == 1);
  CHECK(types.count("null") == (value.nullable ? 1 : 0));
  CHECK(types.size() == (value.nullable ? 2u : 1u));
  switch (value.kind) {
    case contract::Kind::date: CHECK(std::string_view(schema["format"]) == "date"); break;
    case contract::Kind::number:
      CHECK(std::int64_t(schema["minimum"]) == value.min);
      CHECK(std::int64_t(schema["maximum"]) == value.max);
      break;
    case contract::Kind::list: check_value(schema["items"], *value.element, path + "[]"); break;
    case contract::Kind::map:
      check_value(schema["additionalProperties"], *value.element, path + ".NAME");
      break;
    case contract::Kind::record: {
      CHECK(bool(schema["additionalProperties"]) == false);
      std::set<std::string> properties, required, fields, required_fields;
      for (auto [key, sub] : schema["properties"].get_object()) properties.insert(std::string(key));
      for (auto r : schema["required"].get_array()) required.insert(std::string(std::string_view(r)));
      for (const auto& field : value.fields) {
        fields.insert(std::string(field.name));
        if (field.required) required_fields.insert(std::string(field.name));
        check_value(schema["properties"][field.name], *field.value, path + "." + std::string(field.name));
        CHECK(std::string_view(schema["properties"][field.name]["description"]) == field.doc);
      }
      CHECK(properties == fields);
      CHECK(required == required_fields);
      break;
    }
    default: break;
  }
}

}  // namespace

TEST_CASE("the request's JSON Schema is the contract's field table") {
  const std::string text = gavel::request_json_schema();
  simdjson::dom::parser parser;
  simdjson::dom::element schema;
  REQUIRE(parser.parse(text).get(schema) == simdjson::SUCCESS);
  CHECK(std::string_view(schema["$schema"]) == "https://json-schema.org/draft/2020-12/schema");
  check_value(schema, contract::request, "request");
}

TEST_CASE("the request's JSON Schema has the contract's required top-level fields") {
  simdjson::dom::parser parser;
  simdjson::dom::element schema;
  const std::string text = gavel::request_json_schema();
  REQUIRE(parser.parse(text).get(schema) == simdjson::SUCCESS);
  std::set<std::string> required;
  for (auto r : schema["required"].get_array()) required.insert(std::string(std::string_view(r)));
  CHECK(required == std::set<std::string>{"action", "purpose", "at"});
}

// The JSON Schema of the request, generated from the one field table
// (engine/request/contract.hpp) so that it cannot drift from what the readers accept. The
// schema states the shape only: which names a policy declares, whether a date is a real day
// and the checks across fields are the decider's, as for every reader.
#include <string>
#include <string_view>

#include "engine/request/contract.hpp"
#include "grammar/diagnostics.hpp"  // append_json_string, the one JSON escaper
#include "gavel/gavel.hpp"

namespace gavel {
namespace {

namespace contract = request::contract;

// "type": "string", or ["string", "null"] where the table accepts null.
void append_type(std::string& out, std::string_view type, bool nullable) {
  out += R"("type":)";
  if (nullable) {
    out += "[\"";
    out += type;
    out += R"(","null"])";
  } else {
    out += '"';
    out += type;
    out += '"';
  }
}

void append_value(std::string& out, const contract::Value& value, std::string_view doc);

void append_record(std::string& out, const contract::Value& value) {
  out += R"(,"properties":{)";
  bool first = true;
  for (const auto& field : value.fields) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, field.name);
    out += ':';
    append_value(out, *field.value, field.doc);
  }
  out += '}';
  out += R"(,"required":[)";
  first = true;
  for (const auto& field : value.fields)
    if (field.required) {
      if (!first) out += ',';
      first = false;
      append_json_string(out, field.name);
    }
  out += ']';
  out += R"(,"additionalProperties":false)";
}

void append_value(std::string& out, const contract::Value& value, std::string_view doc) {
  using contract::Kind;
  out += '{';
  switch (value.kind) {
    case Kind::text: append_type(out, "string", value.nullable); break;
    case Kind::date:
      append_type(out, "string", value.nullable);
      out += R"(,"format":"date","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")";
      break;
    case Kind::boolean: append_type(out, "boolean", value.nullable); break;
    case Kind::number:
      append_type(out, "integer", value.nullable);
      out += R"(,"minimum":)" + std::to_string(value.min) + R"(,"maximum":)" + std::to_string(value.max);
      break;
    case Kind::list:
      append_type(out, "array", value.nullable);
      out += R"(,"maxItems":)" + std::to_string(contract::max_list_items);
      out += R"(,"items":)";
      append_value(out, *value.element, {});
      break;
    case Kind::record:
      append_type(out, "object", value.nullable);
      append_record(out, value);
      break;
    case Kind::map:
      // The keys are names the policy declares: every value has the element's shape.
      append_type(out, "object", value.nullable);
      out += R"(,"maxProperties":)" + std::to_string(contract::max_list_items);
      out += R"(,"propertyNames":{"description":)";
      append_json_string(out, std::string("a ") + std::string(value.keys) + " name");
      out += R"(},"additionalProperties":)";
      append_value(out, *value.element, {});
      break;
  }
  if (!doc.empty()) {
    out += R"(,"description":)";
    append_json_string(out, doc);
  }
  out += '}';
}

}  // namespace

std::string request_json_schema() {
  std::string out = R"({"$schema":"https://json-schema.org/draft/2020-12/schema",)"
                    R"("title":"gavel request",)";
  // The outer object, written through the same walk, without its opening brace.
  std::string body;
  append_value(body, contract::request, "a question to decide: may this processing action happen, now, for this "
                                        "person? (docs/request.md)");
  out.append(body, 1, std::string::npos);
  return out;
}

}  // namespace gavel

// The request contract is described once, in engine/request/contract.hpp: docs/request.md shows
// that table as it is, and every field of it is read.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "engine/request/contract.hpp"

namespace gavel::test {
namespace {

namespace contract = request::contract;

std::string kind_of(const contract::Value& v) {
  std::string s;
  switch (v.kind) {
    case contract::Kind::text: s = "string"; break;
    case contract::Kind::date: s = "date `YYYY-MM-DD`"; break;
    case contract::Kind::boolean: s = "`true` or `false`"; break;
    case contract::Kind::number: s = "whole number, " + std::to_string(v.min) + " to " + std::to_string(v.max); break;
    case contract::Kind::list: s = "array"; break;
    case contract::Kind::record: s = "object"; break;
    case contract::Kind::map: s = "object by " + std::string(v.keys); break;
  }
  return v.nullable ? s + ", or `null`" : s;
}

void rows(const contract::Value& record, const std::string& prefix, std::string& out) {
  for (const auto& f : record.fields) {
    const std::string path = prefix + std::string(f.name);
    out += "| `" + path + "` | " + kind_of(*f.value) + " | " + (f.required ? "yes" : "") + " | " + std::string(f.doc) +
           " |\n";
    const auto& v = *f.value;
    if (v.kind == contract::Kind::record) rows(v, path + ".", out);
    if (v.kind == contract::Kind::list && v.element->kind == contract::Kind::record) rows(*v.element, path + "[].", out);
    if (v.kind == contract::Kind::map) {
      std::string key = std::string(v.keys);
      for (auto& c : key) c = c == ' ' ? '_' : char(std::toupper(static_cast<unsigned char>(c)));
      if (v.element->kind == contract::Kind::record) rows(*v.element, path + "." + key + ".", out);
      else out += "| `" + path + "." + key + "` | " + kind_of(*v.element) + " |  | one for each " + std::string(v.keys) + " given |\n";
    }
  }
}

}  // namespace

TEST_CASE("docs/request.md shows the request's field table as engine/request/contract.hpp has it") {
  std::string table = "| field | value | required | meaning |\n|---|---|---|---|\n";
  rows(contract::request, "", table);
  std::ifstream in(GAVEL_SOURCE_DIR "/docs/request.md");
  REQUIRE(in);
  std::stringstream doc;
  doc << in.rdbuf();
  const bool shown = doc.str().find("<!-- fields: engine/request/contract.hpp -->\n" + table + "\n") != std::string::npos;
  if (!shown) std::ofstream("request-fields.md.actual") << table;  // to paste into the doc once checked
  INFO("docs/request.md should hold the table written to request-fields.md.actual in the test's folder");
  CHECK(shown);
}

}  // namespace gavel::test

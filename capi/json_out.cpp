#include "capi/json_out.hpp"

#include <string_view>
#include <vector>

namespace gavel::capi {
namespace {

void key(std::string& out, std::string_view name) {
  append_json_string(out, name);
  out += ':';
}

void strings(std::string& out, const std::vector<std::string>& list) {
  out += '[';
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, list[i]);
  }
  out += ']';
}

}  // namespace

std::string diagnostics_json(const LoadResult& result) {
  std::string out = R"({"diagnostics":[)";
  for (std::size_t i = 0; i < result.diagnostics.size(); ++i) {
    const auto& d = result.diagnostics[i];
    if (i) out += ',';
    out += '{';
    key(out, "file");
    append_json_string(out, d.file);
    out += ",\"line\":" + std::to_string(d.line) + ",\"column\":" + std::to_string(d.column);
    out += d.error ? R"(,"severity":"error","error":true)" : R"(,"severity":"warning","error":false)";
    out += ',';
    key(out, "message");
    append_json_string(out, d.message);
    out += ',';
    key(out, "help");
    append_json_string(out, d.help);
    out += ',';
    key(out, "code");
    append_json_string(out, d.code);
    out += '}';
  }
  out += "],";
  key(out, "report");
  append_json_string(out, result.report);
  out += '}';
  return out;
}

std::string why_not_json(const WhyNot& answer) {
  std::string out = "{";
  out += answer.possible() ? R"("possible":true,"ways":[)" : R"("possible":false,"ways":[)";
  for (std::size_t i = 0; i < answer.ways.size(); ++i) {
    const auto& way = answer.ways[i];
    if (i) out += ',';
    out += R"({"changes":[)";
    for (std::size_t j = 0; j < way.changes.size(); ++j) {
      if (j) out += ',';
      out += R"({"command":)";
      append_json_string(out, way.changes[j].command);
      out += R"(,"note":)";
      append_json_string(out, way.changes[j].note);
      out += '}';
    }
    out += R"(],"decided_by":)";
    strings(out, way.decided_by);
    out += '}';
  }
  out += R"(],"blocking":)";
  strings(out, answer.blocking);
  out += R"(,"denied_by":)";
  strings(out, answer.denied_by);
  out += R"(,"because":)";
  strings(out, answer.because);
  out += ",\"tried\":" + std::to_string(answer.tried);
  out += answer.exhaustive ? R"(,"exhaustive":true)" : R"(,"exhaustive":false)";
  out += R"(,"explanation":)";
  append_json_string(out, answer.explanation);
  out += '}';
  return out;
}

}  // namespace gavel::capi

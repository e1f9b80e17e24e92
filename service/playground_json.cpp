#include "service/playground_json.hpp"

#include <fmt/format.h>

#include "playground/rendering.hpp"
#include "playground/state_json.hpp"
#include "playground/what_if_engine.hpp"
#include "service/embedded_files.hpp"

namespace gavel::service {
namespace {

namespace pg = gavel::playground;

void field(std::string& out, std::string_view key, std::string_view value) {
  out += ',';
  append_json_string(out, key);
  out += ':';
  append_json_string(out, value);
}

std::string error_object(const RequestError& e) {
  std::string out = "{\"field\":";
  append_json_string(out, e.field);
  field(out, "message", e.message);
  if (!e.help.empty()) field(out, "help", e.help);
  if (!e.code.empty()) field(out, "code", e.code);
  return out + "}";
}

std::string label(const pg::State& state, std::size_t i) { return fmt::format("q{} {}", i + 1, state.questions[i].text()); }

// A bundled rule file's title: its first comment, up to ", in the gavel language".
std::string title_of(std::string_view text) {
  std::string title;
  while (text.starts_with("//")) {
    auto end = text.find('\n');
    std::string_view line = text.substr(2, end == std::string_view::npos ? text.size() - 2 : end - 2);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.empty()) break;
    if (!title.empty()) title += ' ';
    title += line;
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  for (std::string_view cut : {", in the gavel language", " in the gavel language"})
    if (auto at = title.find(cut); at != std::string::npos) title.erase(at);
  while (!title.empty() && (title.back() == '.' || title.back() == ':' || title.back() == ',')) title.pop_back();
  return title;
}

}  // namespace

std::string answers_json(Decider& decider, const pg::State& state, bool trace) {
  std::string out = "{\"answers\":[";
  for (std::size_t i = 0; i < state.questions.size(); ++i) {
    if (i) out += ',';
    const Request request = pg::request_of(state.questions[i], state.facts);
    const Decision d = decider.decide(request, {.trace = true, .explain = true});
    out += "{\"label\":";
    append_json_string(out, label(state, i));
    if (d.error) {
      out += ",\"error\":" + error_object(*d.error) + "}";
      continue;
    }
    const std::string request_json = to_json(request);
    std::string decision;
    decider.decide_json(request_json, decision, {.trace = trace, .explain = true});
    field(out, "reason", pg::reason(d));
    out += ",\"allowed\":";
    out += d.allow ? "true" : "false";
    out += ",\"decision\":" + decision;
    field(out, "explanation", d.explanation);
    out += ",\"request\":" + request_json + "}";
  }
  return out + "]}";
}

std::string why_not_json(Decider& decider, const pg::PolicyWords& words, const pg::State& state, std::size_t question) {
  const pg::WhyNotAnswer answer = pg::why_not_question(decider, words, state, question);
  const Decision& d = answer.decision;
  std::string out = fmt::format("{{\"question\":{}", question);
  field(out, "label", label(state, question));
  if (d.error) return out + ",\"error\":" + error_object(*d.error) + "}";
  field(out, "reason", pg::reason(d));
  out += fmt::format(",\"allowed\":{}", d.allow);
  field(out, "explanation", d.allow ? std::string("It is allowed: nothing needs to change.\n")
                            : answer.answer ? answer.answer->explanation
                                            : std::string("No answer.\n"));
  out += ",\"ways\":[";
  if (answer.answer) {
    for (std::size_t k = 0; k < answer.answer->ways.size(); ++k) {
      const auto& way = answer.answer->ways[k];
      if (k) out += ',';
      out += "{\"changes\":[";
      std::vector<std::string> commands;
      for (std::size_t c = 0; c < way.changes.size(); ++c) {
        if (c) out += ',';
        out += "{\"command\":";
        append_json_string(out, way.changes[c].command);
        field(out, "note", way.changes[c].note);
        out += '}';
        commands.push_back(way.changes[c].command);
      }
      out += ']';
      field(out, "change", pg::join(commands, " and "));
      const auto& changed = answer.states[k];
      out += ",\"state\":" + (changed ? pg::state_json(*changed) : std::string("null"));
      std::string then = "allowed by " + pg::join(way.decided_by);
      if (changed) {
        const Decision after = pg::decide_question(decider, changed->questions[question], changed->facts);
        then = pg::row_note(pg::compare(d, after));
      }
      field(out, "then", then);
      out += '}';
    }
  }
  return out + "]}";
}

std::string what_if_json(Decider& decider, const pg::State& state, const pg::State& changed, const std::string* done) {
  const auto rows = pg::what_if_rows(state, pg::compare_states(decider, state, changed));
  std::string out = "{\"rows\":[";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i) out += ',';
    out += "{\"label\":";
    append_json_string(out, rows[i].label);
    field(out, "now", rows[i].now);
    field(out, "then", rows[i].then);
    field(out, "note", rows[i].note);
    out += '}';
  }
  out += ']';
  field(out, "table", pg::what_if_table(rows));
  if (done) {
    field(out, "done", *done);
    out += ",\"changed\":" + pg::state_json(changed);
  }
  return out + "}";
}

std::string bundled_policies_json() {
  std::string out = "[";
  bool first = true;
  for (const auto& f : bundled_rule_files()) {
    if (!first) out += ',';
    first = false;
    out += "{\"name\":";
    append_json_string(out, f.path);
    field(out, "path", "rules/" + std::string(f.path));
    field(out, "title", title_of(f.bytes));
    field(out, "text", f.bytes);
    out += '}';
  }
  return out + "]";
}

}  // namespace gavel::service

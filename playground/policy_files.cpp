// The files of a session: the policy it uses (load, reload) and the scenario it saves.
#include "playground/session_impl.hpp"

#include <filesystem>
#include <fstream>

#include "grammar/diagnostics.hpp"

namespace gavel::playground {

namespace fs = std::filesystem;

void Session::Impl::load(const std::string& path) {
  auto loaded = load_policy_file(path);
  out += loaded.report;
  if (!loaded.ok()) {
    throw Refused{fmt::format("`{}` has errors: still using `{}`", path, policy_path), {}};
  }
  policy_path = path;
  use(loaded.policy);
  const auto purposes = vocab.purposes.size(), rules = vocab.rules.size();
  print("loaded {}: {} purpose{}, {} rule{}", path, purposes, purposes == 1 ? "" : "s", rules, rules == 1 ? "" : "s");
  for (std::size_t i = 0; i < state.questions.size(); ++i)
    print("q{} {}", i + 1, reason(decide(state.questions[i], state.facts)));
}

void Session::Impl::save(const std::string& path) {
  if (state.questions.empty()) throw Refused{"no question to save", "ask one first: `may …?` or `request …`"};
  std::error_code ec;
  const fs::path file = fs::absolute(path, ec);
  fs::path policy = fs::relative(fs::absolute(policy_path, ec), file.parent_path(), ec);
  if (ec || policy.empty()) policy = fs::absolute(policy_path);
  std::string json = "{\n  \"policy\": ";
  append_json_string(json, policy.generic_string());
  json += ",\n  \"cases\": [";
  std::size_t saved = 0;
  for (std::size_t i = 0; i < state.questions.size(); ++i) {
    const Question& q = state.questions[i];
    const Request r = request_of(q, state.facts);
    const Decision d = decider->decide(r);
    if (d.error) {
      print("  q{} is not saved: {}", i + 1, reason(d));
      continue;
    }
    json += saved++ ? ",\n    {" : "\n    {";
    json += "\n      \"name\": ";
    append_json_string(json, fmt::format("q{}: {} on {}", i + 1, q.text(), r.at));
    json += ",\n      \"request\": " + to_json(r);
    json += fmt::format(",\n      \"expect\": {{\"decision\": \"{}\", \"decided_by\": [", d.allow ? "allow" : "deny");
    for (std::size_t k = 0; k < d.decided_by.size(); ++k) {
      if (k) json += ", ";
      append_json_string(json, d.decided_by[k]);
    }
    json += "], \"missing\": [";
    for (std::size_t k = 0; k < d.missing.size(); ++k) {
      if (k) json += ", ";
      append_json_string(json, d.missing[k]);
    }
    json += "], \"obligations\": [";
    for (std::size_t k = 0; k < d.obligations.size(); ++k) {
      const auto& o = d.obligations[k];
      json += fmt::format("{}{{\"kind\": \"{}\", \"by\": {}}}", k ? ", " : "", o.kind,
                          o.by ? fmt::format("\"{}\"", *o.by) : "null");
    }
    json += "]";
    if (d.due) json += fmt::format(", \"due\": \"{}\"", *d.due);
    if (d.extended_due) json += fmt::format(", \"extended_due\": \"{}\"", *d.extended_due);
    json += "}\n    }";
  }
  json += "\n  ]\n}\n";
  std::ofstream file_out(path, std::ios::binary);
  if (!file_out || !(file_out << json)) throw Refused{fmt::format("cannot write `{}`", path), {}};
  const std::string shown = path.find_first_of(" \t'") == std::string::npos ? path : fmt::format("\"{}\"", path);
  print("saved {} case{} to {}: replay with `gavel test {}`", saved, saved == 1 ? "" : "s", path, shown);
}

}  // namespace gavel::playground

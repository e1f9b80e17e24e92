// The files of a session: the policy it uses (load, reload) and the scenario it saves.
#include "playground/session_impl.hpp"

#include <algorithm>
#include <filesystem>


namespace gavel::playground {

namespace fs = std::filesystem;

void Session::Impl::load(const std::string& path) {
  auto loaded = load_policy_file(path);
  out += loaded.report;
  if (!loaded.ok()) {
    // The report says why, as load_policy_file words it: errors in the text, or a file that
    // could not be read at all (no line to point at).
    const bool in_text = std::any_of(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                                     [](const PolicyDiagnostic& d) { return d.error && d.line > 0; });
    throw Refused{fmt::format("`{}` {}: still using `{}`", path, in_text ? "has errors" : "is not loaded", policy_path),
                  {}};
  }
  policy_path = path;
  use(loaded.policy);
  const auto purposes = vocab.purposes.size(), rules = vocab.rules.size();
  print("loaded {}: {} purpose{}, {} rule{}", path, purposes, purposes == 1 ? "" : "s", rules, rules == 1 ? "" : "s");
  for (std::size_t i = 0; i < state.questions.size(); ++i)
    print("q{} {}", i + 1, reason(decide(state.questions[i], state.facts)));
}

// A scenario is saved to a new regular file, or over one only when told to replace it, and
// never over the policy in use (compared as files, whatever the names: `./x`, a link). Devices,
// pipes and folders are refused rather than written to: the file is written beside its
// name and then renamed, which only a regular file allows.
void Session::Impl::check_save_target(const std::string& path, Existing existing) const {
  const std::string retry = fmt::format("save {}, replacing it", quote_if_needed(path));
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory)
    throw Refused{fmt::format("cannot write `{}`: {}", path, ec.message()), {}};
  if (!fs::exists(status)) return;
  if (fs::equivalent(path, policy_path, ec))
    throw Refused{fmt::format("`{}` is the policy in use: saving would overwrite it", path),
                  "save the questions to a file of their own, e.g. `save session.json`"};
  if (fs::is_directory(status))
    throw Refused{fmt::format("`{}` is a folder", path), fmt::format("name a file in it, e.g. `save {}`",
                                                                    quote_if_needed((fs::path(path) / "session.json").string()))};
  if (!fs::is_regular_file(status))
    throw Refused{fmt::format("`{}` is not a regular file: a scenario is saved to a regular file only", path),
                  "name a new file, e.g. `save session.json`"};
  if (existing == Existing::keep)
    throw Refused{fmt::format("`{}` already exists: it is left as it is", path),
                  fmt::format("to replace it, write `{}`", retry)};
}

// The scenario file of the questions asked, with the policy named from the folder of `path`;
// `saved` counts the cases (a question the policy now refuses is left out, and said so).
std::string Session::Impl::scenario_json(const std::string& path, std::size_t& saved) {
  std::error_code ec;
  const fs::path file = fs::absolute(path, ec);
  fs::path policy = fs::relative(fs::absolute(policy_path, ec), file.parent_path(), ec);
  if (ec || policy.empty()) policy = fs::absolute(policy_path);
  std::vector<std::pair<std::size_t, std::string>> left_out;
  std::string json = playground::scenario_json(*decider, state, policy.generic_string(), &left_out);
  for (const auto& [i, why] : left_out) print("  q{} is not saved: {}", i + 1, why);
  saved = state.questions.size() - left_out.size();
  return json;
}

void Session::Impl::save(const std::string& path, Existing existing) {
  if (state.questions.empty()) throw Refused{"no question to save", "ask one first: `may …?` or `request …`"};
  check_save_target(path, existing);
  std::size_t saved = 0;
  const std::string json = scenario_json(path, saved);
  if (const std::error_code e = write_whole_file(path, json, existing)) {
    // Made by someone else since the check: left as it is all the same.
    if (e == std::errc::file_exists) check_save_target(path, Existing::keep);
    throw Refused{fmt::format("cannot write `{}`: {}", path, e.message()), {}};
  }
  print("saved {} case{} to {}{}: replay with `gavel test {}`", saved, saved == 1 ? "" : "s", path,
        existing == Existing::replace ? ", replacing it" : "", quote_if_needed(path));
}

}  // namespace gavel::playground

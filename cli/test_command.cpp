// gavel test PATH...: replay scenario files — requests with the outcome the policy must give.
//
// A scenario file is JSON: {"policy": "rules/flexis.gavel", "cases": [{"name", "seed"?,
// "note"?, "request", "expect": {"decision", "decided_by", "missing"?, "obligations"?, "due"?,
// "extended_due"?} | {"error": FIELD}}]}. The policy path is resolved against the scenario
// file's folder, then each folder above it, so scenarios can live beside the rules or in a
// test tree.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "cli/commands.hpp"
#include "gavel/gavel.hpp"

namespace gavel::cli {
namespace {

namespace fs = std::filesystem;
using simdjson::dom::element;

constexpr std::size_t max_scenario_bytes = 64u << 20;

struct Tally {
  std::size_t passed = 0, failed = 0, broken = 0;  // broken: the scenario file itself is wrong
};

std::string show(const std::vector<std::string>& items) {
  return fmt::format("[{}]", fmt::join(items, ", "));
}

std::optional<fs::path> find_policy(const fs::path& scenario, const std::string& policy) {
  if (fs::path(policy).is_absolute()) return fs::exists(policy) ? std::optional(fs::path(policy)) : std::nullopt;
  std::error_code ec;
  for (fs::path dir = fs::absolute(scenario, ec).parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / policy, ec)) return fs::relative(dir / policy, fs::current_path(), ec);
    if (dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

class Runner {
 public:
  bool verbose = false;
  Tally tally;

  void file(const fs::path& path) {
    simdjson::padded_string text;
    if (fs::file_size(path) > max_scenario_bytes || simdjson::padded_string::load(path.string()).get(text)) {
      broken(path, "", "cannot read the file, or it is larger than 64 MiB");
      return;
    }
    element root;
    if (auto error = parser_.parse(text).get(root)) {
      broken(path, "", fmt::format("not valid JSON: {}", simdjson::error_message(error)));
      return;
    }
    std::string_view policy_name;
    element cases;
    if (root["policy"].get(policy_name) || root["cases"].get(cases) || !cases.is_array()) {
      broken(path, "", "a scenario file is {\"policy\": \"…\", \"cases\": [ … ]}");
      return;
    }
    auto policy_path = find_policy(path, std::string(policy_name));
    if (!policy_path) {
      broken(path, "", fmt::format("policy `{}` not found beside the file or in a folder above it", policy_name));
      return;
    }
    Decider* decider = decider_for(*policy_path);
    if (!decider) {
      broken(path, "", fmt::format("policy `{}` has errors", policy_path->string()));
      return;
    }
    std::size_t index = 0;
    for (element c : cases.get_array()) run_case(path, index++, c, *decider);
  }

 private:
  void broken(const fs::path& path, std::string_view name, std::string_view why) {
    ++tally.broken;
    fmt::print("BROKEN {}{}{}: {}\n", path.string(), name.empty() ? "" : ": ", name, why);
  }

  Decider* decider_for(const fs::path& policy) {
    auto key = policy.lexically_normal().string();
    if (auto it = deciders_.find(key); it != deciders_.end()) return it->second.get();
    auto loaded = load_policy_file(key);
    if (!loaded.ok()) {
      std::fputs(loaded.report.c_str(), stdout);
      deciders_[key] = nullptr;
      return nullptr;
    }
    return (deciders_[key] = std::make_unique<Decider>(loaded.policy)).get();
  }

  static std::optional<std::vector<std::string>> strings(element list) {
    simdjson::dom::array items;
    if (list.get(items)) return std::nullopt;
    std::vector<std::string> out;
    for (element e : items) {
      std::string_view s;
      if (e.get(s)) return std::nullopt;
      out.emplace_back(s);
    }
    return out;
  }

  static bool same_set(std::vector<std::string> a, std::vector<std::string> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
  }

  void run_case(const fs::path& path, std::size_t index, element c, Decider& decider) {
    std::string_view name_view;
    std::string name = c["name"].get(name_view) ? fmt::format("case {}", index + 1) : std::string(name_view);
    element request, expect;
    if (c["request"].get(request) || c["expect"].get(expect) || !expect.is_object()) {
      broken(path, name, "a case needs `request` and an `expect` object");
      return;
    }
    const std::string request_text = simdjson::minify(request);
    const Decision d = decider.decide(std::string_view(request_text), {.trace = true, .explain = true});
    std::vector<std::string> problems;

    for (auto [key, value] : expect.get_object()) {
      std::string_view s;
      if (key == "error") {
        if (value.get(s)) return broken(path, name, "`expect.error` is the field the error must name");
        if (!d.error)
          problems.push_back(fmt::format("expected an error naming `{}`, got {}", s, d.allow ? "allow" : "deny"));
        else if (d.error->field != s)
          problems.push_back(fmt::format("expected an error naming `{}`, got one naming `{}`: {}", s, d.error->field,
                                         d.error->message));
        continue;
      }
      if (d.error) {
        problems.push_back(fmt::format("request refused: `{}`: {}", d.error->field, d.error->message));
        break;
      }
      if (key == "decision") {
        if (value.get(s) || (s != "allow" && s != "deny"))
          return broken(path, name, "`expect.decision` is \"allow\" or \"deny\"");
        if ((s == "allow") != d.allow) problems.push_back(fmt::format("expected {}, got {}", s, d.allow ? "allow" : "deny"));
      } else if (key == "decided_by" || key == "missing") {
        auto expected = strings(value);
        if (!expected) return broken(path, name, fmt::format("`expect.{}` is a list of strings", key));
        const auto& actual = key == "decided_by" ? d.decided_by : d.missing;
        if (!same_set(*expected, actual))
          problems.push_back(fmt::format("expected {} {}, got {}", key, show(*expected), show(actual)));
      } else if (key == "due" || key == "extended_due") {
        if (value.get(s)) return broken(path, name, fmt::format("`expect.{}` is a date", key));
        const auto& actual = key == "due" ? d.due : d.extended_due;
        if (actual.value_or("none") != s)
          problems.push_back(fmt::format("expected {} {}, got {}", key, s, actual.value_or("none")));
      } else if (key == "obligations") {
        simdjson::dom::array list;
        if (value.get(list)) return broken(path, name, "`expect.obligations` is a list of {\"kind\", \"by\"}");
        std::vector<std::string> expected, actual;
        for (element o : list) {
          std::string_view kind, by = "null";
          if (o["kind"].get(kind)) return broken(path, name, "an expected obligation needs `kind`");
          if (element b; !o["by"].get(b) && !b.is_null() && b.get(by))
            return broken(path, name, "an obligation's `by` is a date or null");
          expected.push_back(fmt::format("{} by {}", kind, by));
        }
        for (const auto& o : d.obligations) actual.push_back(fmt::format("{} by {}", o.kind, o.by.value_or("null")));
        if (!same_set(expected, actual))
          problems.push_back(fmt::format("expected obligations {}, got {}", show(expected), show(actual)));
      } else {
        return broken(path, name, fmt::format("unknown expectation `{}`", key));
      }
    }
    if (problems.empty()) {
      ++tally.passed;
      if (verbose) fmt::print("ok     {}: {}\n", path.string(), name);
      return;
    }
    ++tally.failed;
    fmt::print("FAILED {}: {}\n", path.string(), name);
    for (const auto& p : problems) fmt::print("  {}\n", p);
    fmt::print("  request: {}\n", request_text);
    if (!d.error) {
      fmt::print("  got: {} decided by {}\n", d.allow ? "allow" : "deny", show(d.decided_by));
      fmt::print("  because: {}\n", d.explanation);
    }
  }

  simdjson::dom::parser parser_;
  std::map<std::string, std::unique_ptr<Decider>> deciders_;
};

int run_test(const std::vector<std::string>& paths, bool verbose) {
  Runner runner;
  runner.verbose = verbose;
  std::size_t files = 0;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::recursive_directory_iterator(p, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json") found.push_back(entry.path());
      std::sort(found.begin(), found.end());
      for (const auto& f : found) runner.file(f), ++files;
    } else if (fs::is_regular_file(p, ec)) {
      runner.file(p), ++files;
    } else {
      fmt::print(stderr, "gavel: no scenario file or folder `{}`\n", p);
      return exit_error;
    }
  }
  const auto& t = runner.tally;
  if (t.broken) fmt::print("{} scenario files or cases are broken\n", t.broken);
  fmt::print("{} passed, {} failed\n", t.passed, t.failed + t.broken);
  if (files == 0 || t.passed + t.failed == 0) {
    fmt::print(stderr, "gavel: no scenario found\n");
    return exit_error;
  }
  return t.failed || t.broken ? exit_warnings : exit_ok;
}

}  // namespace

void add_test_command(CLI::App& app, int& exit_code) {
  auto paths = std::make_shared<std::vector<std::string>>();
  auto verbose = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("test", "Replay scenario files: requests with the outcome the policy must give");
  cmd->add_option("paths", *paths, "Scenario files (.json) or folders of them")->required();
  cmd->add_flag("-v,--verbose", *verbose, "List every case, not only the failures");
  cmd->callback([paths, verbose, &exit_code] { exit_code = run_test(*paths, *verbose); });
}

}  // namespace gavel::cli

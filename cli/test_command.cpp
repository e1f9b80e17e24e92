// gavel test PATH...: replay scenario files — requests with the outcome the policy must give.
//
// A scenario file is JSON: {"policy": "rules/flexis.gavel", "cases": [{"name", "seed"?,
// "note"?, "request", "expect": {"decision", "decided_by", "missing"?, "obligations"?, "due"?,
// "extended_due"?, "extension_notice_by"?, "effective"?, "refusal"?: {"due", "complaint_to"},
// "notify_recipients"?} | {"error": FIELD}}]}. The policy path is resolved against the scenario
// file's folder, then each folder above it, so scenarios can live beside the rules or in a
// test tree.
//
// A case asserts a decision or an error; one that asserts neither, or that gavel cannot read,
// is broken, never passed. A failed case shows what was expected beside what was decided.
//
// --coverage: per rule file, which rules, `unless` branches, lawful bases and retention terms
// the cases exercised (CoverageRecorder), with totals; --min-coverage N fails a rule file
// below N percent.
//
// Exit status: 0 every case passed (and coverage reached), 1 some case failed or a rule file
// is below --min-coverage, 2 broken input (a file unreadable or not a scenario file, a broken
// case, a policy with errors).
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "gavel/gavel.hpp"

namespace gavel::cli {
namespace {

namespace fs = std::filesystem;
using simdjson::dom::element;

constexpr std::size_t max_scenario_bytes = 8u << 20;  // as a rule file

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
  explicit Runner(Output& out) : out_(out) {}

  bool verbose = false;
  bool coverage = false;
  Tally tally;

  // The rule files the cases were decided with, in the order first met, with their coverage.
  std::vector<std::pair<std::string, const CoverageRecorder*>> covered() const {
    std::vector<std::pair<std::string, const CoverageRecorder*>> out;
    for (const auto& key : order_)
      if (auto it = recorders_.find(key); it != recorders_.end()) out.emplace_back(key, it->second.get());
    return out;
  }

  void file(const fs::path& path) {
    std::string content, reason;
    if (!read_bounded(path.string(), max_scenario_bytes + 1, content, reason))
      return broken(path, "", fmt::format("cannot read the file: {}", reason));
    if (content.size() > max_scenario_bytes)
      return broken(path, "", fmt::format("the file is larger than the limit of {} MiB ({} bytes) for a scenario file",
                                          max_scenario_bytes >> 20, max_scenario_bytes));
    const simdjson::padded_string text(content);
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
    CoverageRecorder* recorder = nullptr;
    if (auto it = recorders_.find(policy_path->lexically_normal().string()); it != recorders_.end())
      recorder = it->second.get();
    for (element c : cases.get_array()) run_case(path, index++, c, *decider, recorder);
  }

  void broken(const fs::path& path, std::string_view name, std::string_view why) {
    ++tally.broken;
    out_.print("BROKEN {}{}{}: {}\n", path.string(), name.empty() ? "" : ": ", name, why);
  }

 private:
  Decider* decider_for(const fs::path& policy) {
    auto key = policy.lexically_normal().string();
    if (auto it = deciders_.find(key); it != deciders_.end()) return it->second.get();
    auto loaded = load_policy_file(key);
    if (!loaded.ok()) {
      out_.write(loaded.report);
      deciders_[key] = nullptr;
      return nullptr;
    }
    order_.push_back(key);
    if (coverage) recorders_[key] = std::make_unique<CoverageRecorder>(loaded.policy);
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

  // What the case expects, as `expected:` shows it beside what was decided.
  static std::string expectation(element expect) {
    std::string_view s;
    if (!expect["error"].get(s)) return fmt::format("an error naming `{}`", s);
    std::string out = expect["decision"].get(s) ? std::string("?") : std::string(s);
    if (element by; !expect["decided_by"].get(by))
      if (auto rules = strings(by)) out += fmt::format(" decided by {}", show(*rules));
    return out;
  }

  void run_case(const fs::path& path, std::size_t index, element c, Decider& decider, CoverageRecorder* recorder) {
    std::string_view name_view;
    std::string name = c["name"].get(name_view) ? fmt::format("case {}", index + 1) : std::string(name_view);
    element request, expect;
    if (c["request"].get(request) || c["expect"].get(expect) || !expect.is_object()) {
      broken(path, name, "a case needs `request` and an `expect` object");
      return;
    }
    // A case that asserts neither a decision nor an error would pass whatever gavel decides.
    const bool expects_error = expect["error"].error() == simdjson::SUCCESS;
    if (!expects_error && expect["decision"].error() != simdjson::SUCCESS)
      return broken(path, name, "`expect` asserts no outcome: give `decision` (with `decided_by`) or `error`");
    if (expects_error && expect.get_object().size() > 1)
      return broken(path, name, "`expect.error` stands alone: a refused request has no decision, rules or deadlines");
    const std::string request_text = simdjson::minify(request);
    const Decision d = decider.decide(std::string_view(request_text), {.trace = true, .explain = true});
    if (recorder) recorder->record(request_text);
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
      } else if (key == "decided_by" || key == "missing" || key == "unknown") {
        auto expected = strings(value);
        if (!expected) return broken(path, name, fmt::format("`expect.{}` is a list of strings", key));
        const auto& actual = key == "decided_by" ? d.decided_by : key == "missing" ? d.missing : d.unknown;
        if (!same_set(*expected, actual))
          problems.push_back(fmt::format("expected {} {}, got {}", key, show(*expected), show(actual)));
      } else if (key == "due" || key == "extended_due" || key == "extension_notice_by" || key == "effective") {
        if (value.get(s)) return broken(path, name, fmt::format("`expect.{}` is a date", key));
        const auto& actual = key == "due"            ? d.due
                             : key == "extended_due" ? d.extended_due
                             : key == "effective"    ? d.effective
                                                     : d.extension_notice_by;
        if (actual.value_or("none") != s)
          problems.push_back(fmt::format("expected {} {}, got {}", key, s, actual.value_or("none")));
      } else if (key == "notify_recipients") {
        auto expected = strings(value);
        if (!expected) return broken(path, name, "`expect.notify_recipients` is a list of strings");
        if (!same_set(*expected, d.notify_recipients))
          problems.push_back(fmt::format("expected notify_recipients {}, got {}", show(*expected), show(d.notify_recipients)));
      } else if (key == "refusal") {
        // {"due": D, "complaint_to": AUTHORITY or null}: a refused rights request's answer.
        simdjson::dom::object r;
        if (value.get(r)) return broken(path, name, "`expect.refusal` is {\"due\", \"complaint_to\"}");
        if (!d.refusal) {
          problems.push_back("expected a refusal, got none");
          continue;
        }
        std::string_view due = "none", authority = "none";
        if (element e; !r["due"].get(e) && e.get(due)) return broken(path, name, "`expect.refusal.due` is a date");
        if (element e; !r["complaint_to"].get(e) && !e.is_null() && e.get(authority))
          return broken(path, name, "`expect.refusal.complaint_to` is the authority's name or null");
        if (d.refusal->due.value_or("none") != due)
          problems.push_back(fmt::format("expected refusal due {}, got {}", due, d.refusal->due.value_or("none")));
        if (d.refusal->authority.value_or("none") != authority)
          problems.push_back(fmt::format("expected a complaint to {}, got {}", authority,
                                         d.refusal->authority.value_or("none")));
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
      if (verbose) out_.print("ok     {}: {}\n", path.string(), name);
      return;
    }
    ++tally.failed;
    out_.print("FAILED {}: {}\n", path.string(), name);
    for (const auto& p : problems) out_.print("  {}\n", p);
    out_.print("  expected: {}\n", expectation(expect));
    if (d.error)
      out_.print("  actual:   an error naming `{}`\n", d.error->field);
    else
      out_.print("  actual:   {} decided by {}\n", d.allow ? "allow" : "deny", show(d.decided_by));
    out_.print("  request: {}\n", request_text);
    if (!d.error) out_.print("  because: {}\n", d.explanation);
  }

  Output& out_;
  simdjson::dom::parser parser_;
  std::map<std::string, std::unique_ptr<Decider>> deciders_;
  std::map<std::string, std::unique_ptr<CoverageRecorder>> recorders_;
  std::vector<std::string> order_;
};

double percent(std::size_t part, std::size_t whole) { return whole ? 100.0 * double(part) / double(whole) : 100.0; }

// The coverage of one rule file: the totals, one line per kind, then what no case exercised.
// Returns its percentage.
double print_coverage(Output& out, const std::string& file, const PolicyCoverage& c) {
  const double total = percent(c.exercised(), c.total());
  out.print("coverage of {}: {} of {} ({:.1f}%)\n", file, c.exercised(), c.total(), total);
  const std::pair<const char*, const std::vector<CoverageItem>*> kinds[] = {
      {"rules", &c.rules}, {"exceptions", &c.exceptions}, {"lawful bases", &c.bases},
      {"retention terms", &c.retention_terms}};
  for (const auto& [name, items] : kinds) {
    const auto hit = std::count_if(items->begin(), items->end(), [](const auto& i) { return i.exercised; });
    out.print("  {:<16} {:>4} of {:<4} ({:.1f}%)\n", name, hit, items->size(), percent(std::size_t(hit), items->size()));
  }
  const std::pair<const char*, const std::vector<CoverageItem>*> missed[] = {
      {"rule", &c.rules}, {"exception", &c.exceptions}, {"basis", &c.bases}, {"retention term", &c.retention_terms}};
  bool header = false;
  for (const auto& [name, items] : missed)
    for (const auto& i : *items)
      if (!i.exercised) {
        if (!header) out.write("  not exercised:\n");
        header = true;
        out.print("    {} {} ({})\n", name, i.what, i.source);
      }
  return total;
}

struct TestOptions {
  std::vector<std::string> paths;
  bool verbose = false;
  bool coverage = false;
  double min_coverage = -1;  // below 0: not asked
};

int run_test(const TestOptions& options) {
  const auto& paths = options.paths;
  Output& out = standard_output();
  Runner runner(out);
  runner.verbose = options.verbose;
  runner.coverage = options.coverage || options.min_coverage >= 0;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      runner.file(p);  // a file that cannot be read is reported with the OS's reason
      continue;
    }
    std::vector<fs::path> found;
    fs::recursive_directory_iterator entry(p, ec);
    for (; !ec && entry != fs::recursive_directory_iterator(); entry.increment(ec))
      if (std::error_code kind; entry->is_regular_file(kind) && entry->path().extension() == ".json")
        found.push_back(entry->path());
    if (ec) runner.broken(p, "", fmt::format("cannot read the folder: {}", ec.message()));
    std::sort(found.begin(), found.end());
    for (const auto& f : found) runner.file(f);
  }
  const auto& t = runner.tally;
  if (t.passed + t.failed + t.broken == 0) fmt::print(stderr, "gavel: no scenario found\n");
  std::vector<std::string> below;
  for (const auto& [file, recorder] : runner.covered()) {
    const double figure = print_coverage(out, file, recorder->coverage());
    if (options.min_coverage >= 0 && figure < options.min_coverage)
      below.push_back(fmt::format("gavel: the coverage of {} is {:.1f}%, below --min-coverage {}\n", file, figure,
                                  options.min_coverage));
  }
  // One summary line, always the last.
  out.print("{} passed, {} failed{}\n", t.passed, t.failed, t.broken ? fmt::format(", {} broken", t.broken) : "");
  if (!out.flush()) return out.report_failure();
  for (const auto& b : below) fmt::print(stderr, "{}", b);
  if (t.broken || t.passed + t.failed == 0) return exit_error;
  return t.failed || !below.empty() ? exit_failures : exit_ok;
}

}  // namespace

void add_test_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TestOptions>();
  auto* cmd = app.add_subcommand("test", "Replay scenario files: requests with the outcome the policy must give");
  cmd->add_option("paths", options->paths, "Scenario files (.json) or folders of them")->required();
  cmd->add_flag("-v,--verbose", options->verbose, "List every case, not only the failures");
  cmd->add_flag("--coverage", options->coverage,
                "Per rule file: the rules, exceptions, lawful bases and retention terms the cases exercised");
  cmd->add_option("--min-coverage", options->min_coverage, "Fail (exit 1) when a rule file's coverage is below N percent")
      ->check(CLI::Range(0.0, 100.0))
      ->type_name("N");
  cmd->callback([options, &exit_code] { exit_code = run_test(*options); });
}

}  // namespace gavel::cli

// gavel log verify FILE...            the decision log's chain, across rotated files in order
// gavel log replay FILE... --policy NEW  the decisions that would change under another policy
#include <fmt/format.h>
#include <simdjson.h>
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <gavel/gavel.hpp>

#include "cli/commands.hpp"
#include "service/log_chain.hpp"

namespace gavel::cli {
namespace {

constexpr int exit_broken = 1;

int run_verify(const std::vector<std::string>& files) {
  const auto report = service::verify_chain(files);
  if (report.unreadable) {
    fmt::print(stderr, "gavel log verify: {}\n", *report.unreadable);
    return exit_error;
  }
  for (const auto& cut : report.cut)
    fmt::print(stderr, "{}:{}: note: {}{}\n", cut.file, cut.line,
               cut.seq ? fmt::format("record {}: ", cut.seq) : "", cut.what);
  if (report.broken) {
    const auto& b = *report.broken;
    fmt::print(stderr, "{}:{}: error: {}{}\n", b.file, b.line, b.seq ? fmt::format("record {}: ", b.seq) : "",
               b.what);
    fmt::print(stderr, "  = help: every record after it is unproven; the records before it verify\n");
    fmt::print("broken at `{}` line {}\n", b.file, b.line);
    return exit_broken;
  }
  if (report.records == 0)
    fmt::print("intact: no record\n");
  else
    fmt::print("intact: {} record{}, {} to {}, last hash {}\n", report.records,
               report.records == 1 ? "" : "s", report.first_seq, report.last_seq, report.last_hash);
  return exit_ok;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "`" : ", `") + n + "`";
  return out.empty() ? "no rule" : out;
}

// The rules that decided one way and not the other: what made the difference.
std::vector<std::string> only_in(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const auto& x : a)
    if (std::find(b.begin(), b.end(), x) == b.end()) out.push_back(x);
  return out;
}

struct ReplayCounts {
  std::uint64_t records = 0, replayed = 0, minimised = 0, changed = 0, to_deny = 0, to_allow = 0, refused = 0;
};

bool replay_file(const std::string& path, Decider& decider, ReplayCounts& counts) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    fmt::print(stderr, "gavel log replay: cannot read `{}`: {}\n", path, std::strerror(errno));
    return false;
  }
  simdjson::dom::parser parser;
  char* buffer = nullptr;
  std::size_t capacity = 0;
  std::size_t line_number = 0;
  ssize_t n;
  while ((n = ::getline(&buffer, &capacity, file)) > 0) {
    ++line_number;
    std::string_view text(buffer, std::size_t(n));
    if (text.back() != '\n') break;  // a record cut short was never answered
    simdjson::dom::object record;
    if (parser.parse(text.data(), text.size() - 1).get_object().get(record) != simdjson::SUCCESS) {
      fmt::print(stderr, "{}:{}: warning: not a decision record; skipped\n", path, line_number);
      continue;
    }
    ++counts.records;
    std::string_view kept;
    simdjson::dom::element request;
    if (record["request_kept"].get_string().get(kept) != simdjson::SUCCESS || kept != "full" ||
        record["request"].get(request) != simdjson::SUCCESS) {
      ++counts.minimised;
      continue;
    }
    std::uint64_t seq = 0;
    std::string_view id, old_decision;
    // What names the record in the listing; a field it lacks is shown empty.
    if (record["seq"].get_uint64().get(seq) != simdjson::SUCCESS) seq = 0;
    if (record["request_id"].get_string().get(id) != simdjson::SUCCESS) id = {};
    if (record["answer"]["decision"].get_string().get(old_decision) != simdjson::SUCCESS) old_decision = {};
    std::vector<std::string> old_rules;
    simdjson::dom::array rules;
    if (record["answer"]["decided_by"].get_array().get(rules) == simdjson::SUCCESS)
      for (const auto r : rules)
        if (std::string_view name; r.get_string().get(name) == simdjson::SUCCESS)
          old_rules.emplace_back(name);
    const auto decision = decider.decide(simdjson::minify(request));
    ++counts.replayed;
    if (decision.error) {
      ++counts.refused;
      fmt::print("{}:{}: record {} (request `{}`): {} → refused by the new policy: {}\n", path, line_number,
                 seq, id, old_decision, decision.error->message);
      continue;
    }
    const std::string_view new_decision = decision.allow ? "allow" : "deny";
    if (new_decision == old_decision) continue;
    ++counts.changed;
    ++(decision.allow ? counts.to_allow : counts.to_deny);
    const auto added = only_in(decision.decided_by, old_rules);
    const auto gone = only_in(old_rules, decision.decided_by);
    fmt::print("{}:{}: record {} (request `{}`): {} → {}: {}\n", path, line_number, seq, id, old_decision,
               new_decision,
               !added.empty()
                   ? fmt::format("now decided by {} (was {})", joined(added), joined(old_rules))
                   : fmt::format("{} no longer decides (now {})", joined(gone), joined(decision.decided_by)));
  }
  std::free(buffer);
  std::fclose(file);
  return true;
}

int run_replay(const std::vector<std::string>& files, const std::string& policy_path) {
  auto loaded = load_policy_file(policy_path);
  if (!loaded.ok()) {
    std::fputs(loaded.report.c_str(), stderr);
    fmt::print(stderr, "gavel log replay: `{}` has errors; nothing replayed\n", policy_path);
    return exit_error;
  }
  Decider decider(loaded.policy);
  ReplayCounts counts;
  for (const auto& f : files)
    if (!replay_file(f, decider, counts)) return exit_error;
  fmt::print(
      "replayed {} of {} records with `{}`: {} decision{} would change ({} allow → deny, {} deny → allow){}; "
      "{} kept minimised, not replayable\n",
      counts.replayed, counts.records, policy_path, counts.changed, counts.changed == 1 ? "" : "s",
      counts.to_deny, counts.to_allow,
      counts.refused ? fmt::format(", {} refused as malformed", counts.refused) : "", counts.minimised);
  return counts.changed || counts.refused ? exit_broken : exit_ok;
}

}  // namespace

void add_log_command(CLI::App& app, int& exit_code) {
  auto* log =
      app.add_subcommand("log", "Check the decision log of gavel serve, or replay it with another policy");
  log->require_subcommand(1);

  auto verify_files = std::make_shared<std::vector<std::string>>();
  auto* verify = log->add_subcommand(
      "verify",
      "Check the chain of a decision log, across rotated files given oldest first: exit 0 intact, 1 broken");
  verify->add_option("files", *verify_files, "The log's files, oldest first (FILE.1 FILE.2 ... FILE)")
      ->required();
  verify->callback([verify_files, &exit_code] { exit_code = run_verify(*verify_files); });

  auto replay_files = std::make_shared<std::vector<std::string>>();
  auto policy = std::make_shared<std::string>();
  auto* replay = log->add_subcommand(
      "replay",
      "Decide the requests a log kept in full with another policy, and list the decisions that would change");
  replay->add_option("files", *replay_files, "The log's files")->required();
  replay->add_option("--policy", *policy, "The policy to decide with")->required();
  replay->callback([replay_files, policy, &exit_code] { exit_code = run_replay(*replay_files, *policy); });
}

}  // namespace gavel::cli

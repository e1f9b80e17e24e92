// gavel diff OLD NEW [--requests FILE]: what a new version of a policy changes (diff_policies):
// the declarations and rules added, removed or changed, then the decisions that change on a
// request space generated from both policies' names (and on the JSON lines of FILE), counted
// and grouped by the rules that make the difference, with an example request for each group.
// Exit status: 0 no decision changes, 1 some do, 2 a file could not be read or has errors.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "gavel/gavel.hpp"

namespace gavel::cli {
namespace {

constexpr std::size_t max_policy_bytes = 8u << 20;     // as the parser
constexpr std::size_t max_requests_bytes = 64u << 20;  // the --requests file

struct DiffOptions {
  std::string old_policy, new_policy, requests;
};

bool read(const std::string& path, std::size_t limit, std::string& text) {
  std::string reason;
  if (read_text_file(path, limit + 1, text, reason)) return true;
  fmt::print(stderr, "gavel: cannot read {}: {}\n", path, reason);
  return false;
}

int run_diff(const DiffOptions& o) {
  std::string old_text, new_text, lines;
  if (!read(o.old_policy, max_policy_bytes, old_text) || !read(o.new_policy, max_policy_bytes, new_text)) return exit_error;
  std::vector<std::string> requests;
  if (!o.requests.empty()) {
    if (!read(o.requests, max_requests_bytes, lines)) return exit_error;
    if (lines.size() > max_requests_bytes) {
      fmt::print(stderr, "gavel: {} is larger than the limit of {} MiB for --requests\n", o.requests, max_requests_bytes >> 20);
      return exit_error;
    }
    std::size_t begin = 0;
    while (begin < lines.size()) {
      std::size_t end = lines.find('\n', begin);
      if (end == std::string::npos) end = lines.size();
      std::string line = lines.substr(begin, end - begin);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") != std::string::npos) requests.push_back(std::move(line));
      begin = end + 1;
    }
  }
  const PolicyDiff diff = diff_policies(old_text, o.old_policy, new_text, o.new_policy, requests);
  if (!diff.ok()) {
    fmt::print(stderr, "{}gavel: nothing compared: the policies must check without errors\n", diff.report);
    return exit_error;
  }
  Output& out = standard_output();
  out.print("--- {}\n+++ {}\n", o.old_policy, o.new_policy);
  if (diff.changes.empty()) out.write("no declaration or rule changes\n");
  for (const auto& c : diff.changes) out.print("{} {} `{}`\n", c.change, c.kind, c.name);
  out.write("\n");
  if (diff.changed == 0) {
    out.print("no decision changes on {} requests\n", diff.requests);
  } else {
    out.print("{} of {} requests are decided differently\n", diff.changed, diff.requests);
    for (const auto& g : diff.groups) {
      out.print("\n{} request{} by {}\n", g.count, g.count == 1 ? "" : "s", g.cause);
      out.print("  for example: {}\n  old: {}\n  new: {}\n", g.example, g.before, g.after);
    }
  }
  if (!out.flush()) return out.report_failure();
  return diff.changed ? exit_failures : exit_ok;
}

}  // namespace

void add_diff_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DiffOptions>();
  auto* cmd = app.add_subcommand("diff", "What a new version of a policy changes: declarations, rules and decisions");
  cmd->add_option("old", options->old_policy, "The policy as it was")->required();
  cmd->add_option("new", options->new_policy, "The policy as it is to be")->required();
  cmd->add_option("--requests", options->requests, "Requests (JSON lines) to decide with both, besides the generated ones");
  cmd->callback([options, &exit_code] { exit_code = run_diff(*options); });
}

}  // namespace gavel::cli

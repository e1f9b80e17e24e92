// gavel check FILE... : parse and check rule files, report every mistake.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "gavel/gavel.hpp"

namespace gavel::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> files;
  std::string format = "human";
  std::string color = "auto";
};

// A file name as a JSON string (the report's JSON escapes the diagnostics themselves).
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\')
      out += fmt::format("\\{}", ch);
    else if (c < 0x20 || c == 0x7f)
      out += fmt::format("\\u{:04x}", c);
    else
      out += ch;
  }
  return out + "\"";
}

std::string count(std::size_t n, const char* what) { return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s"); }

int run_check(const CheckOptions& options) {
  const bool json = options.format == "json";
  const bool colour = options.color == "always" || (options.color == "auto" && isatty(STDOUT_FILENO) == 1);
  int exit_code = exit_ok;
  std::string json_files;
  Output& out = standard_output();

  for (const auto& path : options.files) {
    std::string text, reason;
    // One byte over the bound: the parser then refuses the file and names the bound.
    if (!read_bounded(path, max_policy_bytes + 1, text, reason)) {
      if (!out.flush()) return out.report_failure();
      fmt::print(stderr, "gavel: cannot read {}: {}\n", path, reason);
      exit_code = exit_error;
      continue;
    }
    const CheckReport report = check_policy(text, path, colour);
    const std::size_t errors = report.errors, warnings = report.warnings;

    if (json) {
      if (!json_files.empty()) json_files += ",";
      json_files += fmt::format("{{\"file\":{},\"diagnostics\":{}}}", json_string(path), report.json);
    } else {
      // Flushed before the summary on standard error, so the two read in order on a terminal.
      if (!out.write(report.human) || !out.flush()) return out.report_failure();
    }
    if (errors == 0 && warnings == 0)
      fmt::print(stderr, "{}: ok\n", path);
    else if (warnings == 0)
      fmt::print(stderr, "{}: {}\n", path, count(errors, "error"));
    else if (errors == 0)
      fmt::print(stderr, "{}: {}\n", path, count(warnings, "warning"));
    else
      fmt::print(stderr, "{}: {}, {}\n", path, count(errors, "error"), count(warnings, "warning"));

    if (errors > 0)
      exit_code = exit_error;
    else if (warnings > 0 && exit_code == exit_ok)
      exit_code = exit_warnings;
  }
  if (json && (!out.print("{{\"files\":[{}]}}\n", json_files) || !out.flush())) return out.report_failure();
  return exit_code;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckOptions>();
  auto* cmd = app.add_subcommand("check", "Parse and check rule files; report every mistake");
  cmd->add_option("files", options->files, "Rule files to check")->required();
  cmd->add_option("--format", options->format, "Output: human (compiler style) or json")
      ->check(CLI::IsMember({"human", "json"}))
      ->capture_default_str();
  cmd->add_option("--color", options->color, "Colour the output: auto (when a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->callback([options, &exit_code] { exit_code = run_check(*options); });
}

}  // namespace gavel::cli

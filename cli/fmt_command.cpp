// gavel fmt FILE... [--write | --check]: rule files in the canonical layout (format_policy).
//
// Without a flag the formatted files are printed on standard output, one after the other.
// --write rewrites the files that are not formatted (each whole or not at all); --check names
// them and changes nothing.
// A file with syntax errors is never formatted: its diagnostics go to standard error.
// Exit status: 0 done (with --check: every file formatted), 1 with --check some file is not
// formatted, 2 a file could not be read, written or parsed.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "gavel/gavel.hpp"

namespace gavel::cli {
namespace {

constexpr std::size_t max_policy_bytes = 8u << 20;  // as the parser

struct FmtOptions {
  std::vector<std::string> files;
  bool write = false;
  bool check = false;
};

// The file is written whole or not at all: the text goes to a file beside it, with its
// permissions, which then takes its place, so a full disk never leaves half a policy.
bool replace_file(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  const std::string temporary = path + ".gavel-fmt~";
  std::string reason;
  Output file;
  if (!file.open(temporary, reason)) {
    fmt::print(stderr, "gavel: cannot write {}: {}\n", path, reason);
    return false;
  }
  std::error_code ec;
  if (!file.write(text) || !file.close()) {
    file.report_failure();
    fs::remove(temporary, ec);
    return false;
  }
  fs::permissions(temporary, fs::status(path, ec).permissions(), ec);
  fs::rename(temporary, path, ec);
  if (ec) {
    fmt::print(stderr, "gavel: cannot write {}: {}\n", path, ec.message());
    fs::remove(temporary, ec);
    return false;
  }
  return true;
}

int run_fmt(const FmtOptions& options) {
  Output& out = standard_output();
  int exit_code = exit_ok;
  for (const auto& path : options.files) {
    std::string text, reason;
    // One byte over the bound: the parser then refuses the file and names the bound.
    if (!read_text_file(path, max_policy_bytes + 1, text, reason)) {
      if (!out.flush()) return out.report_failure();
      fmt::print(stderr, "gavel: cannot read {}: {}\n", path, reason);
      exit_code = exit_error;
      continue;
    }
    const FormatResult formatted = format_policy(text, path);
    if (!formatted.ok()) {
      if (!out.flush()) return out.report_failure();
      fmt::print(stderr, "{}", formatted.report);
      fmt::print(stderr, "gavel: {} has errors; not formatted\n", path);
      exit_code = exit_error;
      continue;
    }
    const bool changed = formatted.text != text;
    if (options.check) {
      if (changed && !out.print("{}: not formatted\n", path)) return out.report_failure();
      if (changed && exit_code == exit_ok) exit_code = exit_failures;
    } else if (options.write) {
      if (!changed) continue;
      if (!replace_file(path, formatted.text)) {
        exit_code = exit_error;
        continue;
      }
      fmt::print(stderr, "{}: formatted\n", path);
    } else if (!out.write(formatted.text)) {
      return out.report_failure();
    }
  }
  if (options.check && exit_code == exit_failures)
    fmt::print(stderr, "help: run `gavel fmt --write` on the files named to format them\n");
  if (!out.flush()) return out.report_failure();
  return exit_code;
}

}  // namespace

void add_fmt_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<FmtOptions>();
  auto* cmd = app.add_subcommand("fmt", "Print rule files in the canonical layout, or rewrite them (--write)");
  cmd->add_option("files", options->files, "Rule files to format")->required();
  auto* write = cmd->add_flag("--write,-w", options->write, "Rewrite the files that are not formatted");
  cmd->add_flag("--check", options->check, "Name the files that are not formatted (exit 1), change nothing")
      ->excludes(write);
  cmd->callback([options, &exit_code] { exit_code = run_fmt(*options); });
}

}  // namespace gavel::cli

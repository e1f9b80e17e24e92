// gavel repl POLICY: the what-if playground (playground/). Interactive on a terminal, with
// line editing, completion and history; from a pipe or a file, the same output without
// prompts or colour, so that sessions can be replayed and tested.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/commands.hpp"
#include "engine/dates/date.hpp"
#include "gavel/gavel.hpp"
#include "playground/line_editor.hpp"
#include "playground/session.hpp"

namespace gavel::cli {
namespace {

struct ReplOptions {
  std::string policy;
  std::string history;
  std::string today;
  bool echo = false;
};

std::string system_today() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
  return dates::to_string(dates::Date{static_cast<std::int32_t>(days)});
}

std::string default_history() {
  if (const char* path = std::getenv("GAVEL_HISTORY")) return path;
  if (const char* home = std::getenv("HOME")) return std::string(home) + "/.gavel_history";
  return {};
}

void write(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

int run_repl(const ReplOptions& o) {
  auto loaded = load_policy_file(o.policy);
  if (!loaded.ok()) {
    std::fputs(loaded.report.c_str(), stderr);
    fmt::print(stderr, "gavel: `{}` has errors; the playground needs a policy without errors\n", o.policy);
    return exit_error;
  }
  std::string today = o.today.empty() ? system_today() : o.today;
  if (!dates::parse_date(today)) {
    fmt::print(stderr, "gavel: --today expects a date in YYYY-MM-DD form, got `{}`\n", today);
    return exit_error;
  }
  const bool interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  const bool colour = interactive && !std::getenv("NO_COLOR");
  playground::Session session(o.policy, loaded.policy, today, colour);

  if (!interactive) {
    // Scripted: the same output, no prompt, no colour; the exit status says whether every
    // command was accepted.
    write(loaded.report);
    bool all_ok = true;
    std::string line, command;
    while (std::getline(std::cin, line)) {
      if (!command.empty()) playground::join_continuation(command, line);
      else command = line;
      if (playground::continues(command)) continue;
      if (o.echo && command.find_first_not_of(" \t\r") != std::string::npos) write(fmt::format("> {}\n", command));
      auto out = session.execute(command);
      command.clear();
      write(out.text);
      all_ok = all_ok && out.ok;
      if (out.quit) break;
    }
    if (!command.empty()) {
      write("error: the input ends inside a command (an open quote or a trailing `\\`)\n");
      all_ok = false;
    }
    return all_ok ? exit_ok : exit_warnings;
  }

  playground::LineEditor editor(o.history.empty() ? default_history() : o.history,
                                [&session](std::string_view line, std::string_view word) {
                                  return session.complete(line, word);
                                });
  write(loaded.report);
  write(fmt::format("gavel playground: {} on {}. `help` lists the commands, Tab completes, Ctrl-D leaves.\n",
                    o.policy, today));
  while (true) {
    auto line = editor.read("gavel> ");
    if (!line) {
      write("\n");
      break;
    }
    std::string command = *line;
    while (playground::continues(command)) {
      auto next = editor.read("   ...> ");
      if (!next) break;
      playground::join_continuation(command, *next);
    }
    editor.remember(command);
    auto out = session.execute(command);
    write(out.text);
    if (out.quit) break;
  }
  return exit_ok;
}

}  // namespace

void add_repl_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ReplOptions>();
  auto* cmd = app.add_subcommand("repl", "The what-if playground: state facts about a person, ask, change, ask why not");
  cmd->add_option("policy", options->policy, "The rule file")->required();
  cmd->add_option("--today", options->today, "The day the session starts on (default: the system clock's)");
  cmd->add_option("--history", options->history,
                  "The history file (default: $GAVEL_HISTORY, or ~/.gavel_history)");
  cmd->add_flag("--echo", options->echo, "From a pipe or a file: print each command before its output");
  cmd->callback([options, &exit_code] { exit_code = run_repl(*options); });
}

}  // namespace gavel::cli

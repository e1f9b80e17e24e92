// gavel repl POLICY: the what-if playground (playground/). Interactive on a terminal, with
// line editing, completion and history; from a pipe or a file, the same output without
// prompts or colour, so that sessions can be replayed and tested. Either way every write to
// standard output is checked: one that fails ends the run with status 2.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <system_error>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "gavel/gavel.hpp"
#include "playground/command_reader.hpp"
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
  return date_of_days(days);
}

std::string default_history() {
  if (const char* path = std::getenv("GAVEL_HISTORY")) return path;
  if (const char* home = std::getenv("HOME")) return std::string(home) + "/.gavel_history";
  return {};
}

// Standard output refused a write (a full disk, a closed terminal): the run stops, since what
// it prints is what the user asked for.
struct OutputFailed {};

// Through the one checked standard output of every command, flushed at once: the person at
// the terminal (or the program at the pipe) waits for each answer.
void write(const std::string& text) {
  auto& out = standard_output();
  if (!out.write(text) || !out.flush()) throw OutputFailed{};
}

// From a pipe or a file: the same output, no prompt, no colour. The exit status says whether
// every command was accepted (0) or one was refused or left unfinished (1); input that cannot
// be read as commands (a line or a command beyond its bound, a NUL byte, a read error) stops
// the run with status 2.
int run_scripted(const ReplOptions& o, playground::Session& session) {
  bool all_ok = true;
  playground::CommandReader reader(STDIN_FILENO);
  while (true) {
    const auto in = reader.next();
    if (in.kind == playground::Input::end) break;
    if (in.kind == playground::Input::unfinished) {
      write(playground::describe(in));
      all_ok = false;
      break;
    }
    if (in.kind != playground::Input::command) {
      std::fputs(playground::describe(in).c_str(), stderr);
      return exit_error;
    }
    const std::string& command = in.text;
    if (o.echo && command.find_first_not_of(" \t\r") != std::string::npos) write(fmt::format("> {}\n", command));
    auto out = session.execute(command);
    write(out.text);
    all_ok = all_ok && out.ok;
    if (out.quit) break;
  }
  return all_ok ? exit_ok : exit_warnings;
}

int run_interactive(const ReplOptions& o, playground::Session& session, const std::string& today) {
  playground::LineEditor editor(o.history.empty() ? default_history() : o.history,
                                [&session](std::string_view line, std::string_view word) {
                                  return session.complete(line, word);
                                });
  auto warn = [&editor] {
    if (auto warning = editor.take_warning(); !warning.empty()) std::fputs(warning.c_str(), stderr);
  };
  warn();
  write(fmt::format("gavel playground: {} on {}. `help` lists the commands, Tab completes, Ctrl-D leaves.\n",
                    o.policy, today));
  while (true) {
    auto line = editor.read("gavel> ");
    if (!line) {
      write("\n");
      break;
    }
    std::string command = *line;
    std::string too_long = playground::check_command_size(line->size(), command.size());
    bool ended = false;
    while (too_long.empty() && playground::continues(command)) {
      auto next = editor.read("   ...> ");
      if (!next) {
        ended = true;
        break;
      }
      playground::join_continuation(command, *next);
      too_long = playground::check_command_size(next->size(), command.size());
    }
    // Ctrl-D leaves, at the continuation prompt as at the first: what was typed is not run.
    if (ended) {
      write("\nnote: the unfinished command is not run\n");
      break;
    }
    if (!too_long.empty()) {
      write(too_long);
      continue;
    }
    editor.remember(command);
    warn();
    auto out = session.execute(command);
    write(out.text);
    if (out.quit) break;
  }
  return exit_ok;
}

int run_repl(const ReplOptions& o) {
  auto loaded = load_policy_file(o.policy);
  if (!loaded.ok()) {
    std::fputs(loaded.report.c_str(), stderr);
    fmt::print(stderr, "gavel: `{}` has errors; the playground needs a policy without errors\n", o.policy);
    return exit_error;
  }
  std::string today = o.today.empty() ? system_today() : o.today;
  if (!date_error(today).empty()) {
    fmt::print(stderr, "gavel: --today expects a date in YYYY-MM-DD form, got `{}`\n", today);
    return exit_error;
  }
  // Beyond a file size limit, `save` reports "File too large" rather than the process dying.
  std::signal(SIGXFSZ, SIG_IGN);
  const bool interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  const bool colour = interactive && !std::getenv("NO_COLOR");
  playground::Session session(o.policy, loaded.policy, today, colour);
  try {
    write(loaded.report);
    return interactive ? run_interactive(o, session, today) : run_scripted(o, session);
  } catch (const OutputFailed&) {
    return standard_output().report_failure();
  }
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

// The what-if playground: one policy, one person's facts, the questions asked about them.
//
// A Session executes the playground's command language (see `help`, and the "Playground"
// section of the README) one complete command at a time and returns what to print. It knows
// nothing of terminals: the line editor (playground/line_editor.hpp) and `gavel repl`
// (cli/repl_command.cpp) feed it lines, scripts and tests do the same.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gavel/gavel.hpp"
#include "playground/state.hpp"

namespace gavel::playground {

struct Output {
  std::string text;   // what to print, every line ending in '\n'
  bool ok = true;     // false: the command was refused
  bool quit = false;  // `quit`
};

class Session {
 public:
  // `today` is the day the session starts on (the transcript sets it with `today`).
  Session(std::string policy_path, std::shared_ptr<const Policy> policy, std::string today, bool colour = false);
  ~Session();

  // One complete command (continuation lines already joined). Blank lines and `#` comments
  // print nothing.
  Output execute(std::string_view command);

  // The words that may complete `word`, the last word of `line` (the text before the cursor).
  std::vector<std::string> complete(std::string_view line, std::string_view word) const;

  // Every command word, for completion and `help`.
  static std::vector<std::string> command_words();

  const State& state() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether `text` is an unfinished command: a trailing `\`, or an open double quote.
bool continues(std::string_view text);
// Joins a continued command with its next line (drops the `\`, keeps a newline inside quotes).
void join_continuation(std::string& text, std::string_view next);

}  // namespace gavel::playground

// Reading the playground's commands: from a terminal with line editing, completion and a
// history kept across sessions (libedit), or plainly from a pipe or a file.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gavel::playground {

using Completer = std::function<std::vector<std::string>(std::string_view line, std::string_view word)>;

class LineEditor {
 public:
  // `history_file` empty: no history is read or written.
  LineEditor(std::string history_file, Completer completer);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  // One line without its newline, or nullopt at the end of input (Ctrl-D).
  std::optional<std::string> read(const std::string& prompt);
  // Adds a complete command to the history (and to the history file, at once).
  void remember(const std::string& command);

 private:
  std::string history_file_;
};

}  // namespace gavel::playground

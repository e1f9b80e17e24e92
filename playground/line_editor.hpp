// Reading the playground's commands: from a terminal with line editing, completion and a
// history kept across sessions (libedit), or plainly from a pipe or a file.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gavel::playground {

// libedit reads a history file whole, whatever its size: a larger one is not read. The
// history keeps the last 1,000 commands of at most 1 KiB each (a longer one runs, and is not
// kept), which libedit writes in at most 4 KiB each: the file stays within the bound.
inline constexpr std::size_t max_history_bytes = 4 * 1024 * 1024;
inline constexpr std::size_t max_remembered_bytes = 1024;

using Completer = std::function<std::vector<std::string>(std::string_view line, std::string_view word)>;

class LineEditor {
 public:
  // `history_file` empty: no history is read or written. A history file that cannot be read,
  // is not a regular file or is larger than max_history_bytes is neither read nor written
  // (so it is never cut short), with a warning.
  LineEditor(std::string history_file, Completer completer);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  // One line without its newline, or nullopt at the end of input (Ctrl-D).
  std::optional<std::string> read(const std::string& prompt);
  // Adds a complete command to the history (and to the history file, at once), unless it is
  // longer than max_remembered_bytes.
  void remember(const std::string& command);

  // A warning about the history file not yet shown (`warning: …`, with a help line), or empty.
  std::string take_warning();

 private:
  std::string history_file_;
  std::string warning_;
};

}  // namespace gavel::playground

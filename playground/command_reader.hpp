// Reading the playground's commands from a pipe or a file: line by line, continuation lines
// joined, each line and each command bounded, so that an endless or binary input
// (`< /dev/zero`) is refused at its first bound instead of filling memory. The terminal goes
// through the line editor (playground/line_editor.hpp) and the same bounds.
#pragma once

#include <cstddef>
#include <string>

namespace gavel::playground {

// The longest line, and the longest command once its continuation lines are joined: far
// beyond any command a person writes, small enough to hold at once.
inline constexpr std::size_t max_line_bytes = 64 * 1024;
inline constexpr std::size_t max_command_bytes = 64 * 1024;

struct Input {
  enum Kind {
    command,           // `text` is the next complete command
    end,               // the input ended after a complete command
    unfinished,        // the input ended inside a command (an open quote or a trailing `\`)
    line_too_long,     // a line is longer than max_line_bytes
    command_too_long,  // a command is longer than max_command_bytes
    nul_byte,          // a line holds a NUL byte, at `column`
    read_error,        // the input could not be read: `error` is the errno
  };
  Kind kind = end;
  std::string text;
  std::size_t line = 0;  // where it is: the line it starts on (for a problem, the line of it)
  std::size_t column = 0;
  int error = 0;
};

class CommandReader {
 public:
  // Reads from the file descriptor `fd`, which it does not close.
  explicit CommandReader(int fd);

  // The next complete command. After anything but a command, the reader reads no more: each
  // later call returns the same answer.
  Input next();

 private:
  bool read_line(std::string& line, Input& problem);

  int fd_;
  std::string buffer_;  // read and not yet returned
  std::size_t lines_ = 0;
  bool eof_ = false;
  Input stopped_;  // kind `command` while reading goes on
};

// What went wrong, as `gavel check` words a diagnostic (`<stdin>:3: error: …`, and a help
// line): for an unfinished command, a line or a command too long, a NUL byte, a read error.
// Empty for a command or the end.
std::string describe(const Input& problem, const std::string& source = "<stdin>");

// Whether a line or a joined command of this size is within the bounds above, as a message
// for a terminal (`error: …`, help) when it is not.
std::string check_command_size(std::size_t line_bytes, std::size_t command_bytes);

}  // namespace gavel::playground

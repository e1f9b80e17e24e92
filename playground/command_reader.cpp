#include "playground/command_reader.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "playground/session.hpp"

namespace gavel::playground {

CommandReader::CommandReader(int fd) : fd_(fd) { stopped_.kind = Input::command; }

bool CommandReader::read_line(std::string& line, Input& problem) {
  std::size_t scanned = 0;  // of the buffer: neither a newline nor a NUL before
  while (true) {
    const std::size_t newline = buffer_.find('\n', scanned);
    const std::size_t length = newline != std::string::npos ? newline : buffer_.size();
    if (const std::size_t nul = buffer_.find('\0', scanned); nul < length) {
      problem = {Input::nul_byte, {}, lines_ + 1, nul + 1, 0};
      return false;
    }
    if (length > max_line_bytes) {
      problem = {Input::line_too_long, {}, lines_ + 1, 0, 0};
      return false;
    }
    if (newline != std::string::npos || (eof_ && !buffer_.empty())) {
      line.assign(buffer_, 0, length);
      buffer_.erase(0, newline != std::string::npos ? length + 1 : length);
      ++lines_;
      return true;
    }
    if (eof_) {
      problem = {Input::end, {}, lines_, 0, 0};
      return false;
    }
    // The buffer holds less than a line (at most max_line_bytes): read on.
    scanned = buffer_.size();
    char chunk[16 * 1024];
    const ssize_t n = ::read(fd_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      problem = {Input::read_error, {}, lines_ + 1, 0, errno};
      return false;
    }
    if (n == 0) eof_ = true;
    buffer_.append(chunk, std::size_t(n));
  }
}

Input CommandReader::next() {
  if (stopped_.kind != Input::command) return stopped_;
  auto stop = [&](Input problem) {
    stopped_ = std::move(problem);
    buffer_.clear();
    return stopped_;
  };
  std::string command, line;
  std::size_t first = 0;  // the line the command starts on; 0 before it starts
  while (true) {
    Input problem;
    if (!read_line(line, problem)) {
      // Never run: the end of the input is not the end of the command.
      if (problem.kind == Input::end && first != 0) problem = {Input::unfinished, {}, first, 0, 0};
      return stop(std::move(problem));
    }
    if (first == 0) {
      command = std::move(line);
      first = lines_;
    } else {
      join_continuation(command, line);
    }
    if (command.size() > max_command_bytes) return stop({Input::command_too_long, {}, first, 0, 0});
    if (!continues(command)) return {Input::command, std::move(command), first, 0, 0};
  }
}

std::string describe(const Input& problem, const std::string& source) {
  const std::string where = fmt::format("{}:{}", source, problem.line);
  switch (problem.kind) {
    case Input::command:
    case Input::end:
      return {};
    case Input::unfinished:
      return fmt::format(
          "{}: error: the input ends inside the command begun here (an open quote or a trailing `\\`): it is "
          "not run\n"
          "  = help: end the command on its last line: close the quote, or drop the `\\`\n",
          where);
    case Input::line_too_long:
      return fmt::format(
          "{}: error: the line is longer than {} KiB ({} bytes): reading stops here\n"
          "  = help: a playground command fits in {} KiB, its continuation lines included\n",
          where, max_line_bytes / 1024, max_line_bytes, max_command_bytes / 1024);
    case Input::command_too_long:
      return fmt::format(
          "{}: error: the command begun here is longer than {} KiB ({} bytes) with its continuation "
          "lines: reading stops here\n"
          "  = help: a playground command fits in {} KiB, its continuation lines included\n",
          where, max_command_bytes / 1024, max_command_bytes, max_command_bytes / 1024);
    case Input::nul_byte:
      return fmt::format(
          "{}:{}: error: the line holds a NUL byte: reading stops here\n"
          "  = help: the playground reads commands as text, one a line; is this the file you meant?\n",
          where, problem.column);
    case Input::read_error:
      return fmt::format("{}: error: cannot read the input: {}\n", where,
                         std::generic_category().message(problem.error));
  }
  return {};
}

std::string check_command_size(std::size_t line_bytes, std::size_t command_bytes) {
  const char* help = "  = help: a playground command fits in {} KiB, its continuation lines included\n";
  if (line_bytes > max_line_bytes)
    return fmt::format("error: the line is longer than {} KiB ({} bytes): it is not run\n",
                       max_line_bytes / 1024, max_line_bytes) +
           fmt::format(fmt::runtime(help), max_command_bytes / 1024);
  if (command_bytes > max_command_bytes)
    return fmt::format(
               "error: the command is longer than {} KiB ({} bytes) with its continuation lines: it is not "
               "run\n",
               max_command_bytes / 1024, max_command_bytes) +
           fmt::format(fmt::runtime(help), max_command_bytes / 1024);
  return {};
}

}  // namespace gavel::playground

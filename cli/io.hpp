// Reading and writing for the commands of `gavel`: every read bounded, every write checked,
// and the OS's reason in every message about a file.
//
//   std::string text, reason;
//   if (!read_bounded(path, limit + 1, text, reason)) fail("cannot read `{}`: {}", path, reason);
//   Output& out = standard_output();
//   out.write(text);
//   if (!out.flush()) return out.report_failure();  // gavel: cannot write to standard output: …
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gavel::cli {

// ---- reading ------------------------------------------------------------------------------

// A file open for reading, or standard input. Refuses a directory, which open(2) would let
// through and read(2) fail on later.
class InputFile {
 public:
  static InputFile standard_input();
  // false with `reason` filled: the OS's reason (`No such file or directory`, `Is a directory`).
  bool open(const std::string& path, std::string& reason);
  ~InputFile();
  InputFile() = default;
  InputFile(InputFile&& other) noexcept : fd_(std::exchange(other.fd_, -1)), owned_(other.owned_) {}
  InputFile& operator=(InputFile&&) = delete;

  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  bool owned_ = false;
};

// Reads at most `max_bytes` bytes of `path` into `text`: a caller that passes its bound plus
// one learns that a file is too large without reading all of it (/dev/zero ends too).
bool read_bounded(const std::string& path, std::size_t max_bytes, std::string& text, std::string& reason);
bool read_bounded(InputFile& file, std::size_t max_bytes, std::string& text, std::string& reason);

// The lines of an input, each at most `max_line` bytes without its newline; the last line
// may lack its newline. Reads in blocks of what is there, so that lines written one at a
// time through a pipe are seen one at a time, and never holds more than one line and a block.
class LineReader {
 public:
  // too_long: the line has more than `max_line` bytes; it was read to its end (its length in
  // `length()`) and the next call reads the line after it. unending: no end of line within
  // `max_skip` bytes (/dev/zero): the reader stops there.
  enum class Next { line, end, too_long, unending, failed };

  LineReader(const InputFile& file, std::size_t max_line, std::size_t max_skip);

  // `line` stays valid until the next call.
  Next next(std::string_view& line);
  // True when no whole line is buffered: the next call waits for the input.
  bool waiting() const;
  std::size_t number() const { return number_; }         // of the line last returned, from 1
  std::size_t length() const { return length_; }         // after too_long: the line's length
  const std::string& reason() const { return reason_; }  // after `failed`: the OS's reason

 private:
  bool fill();  // reads a block after what is buffered; false at the end or on a failure
  Next skip();  // the rest of an overlong line

  int fd_;
  std::size_t max_line_, max_skip_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0, end_ = 0, scanned_ = 0;  // scanned_: no newline in [begin_, scanned_)
  bool eof_ = false, failed_ = false;
  std::size_t number_ = 0, length_ = 0;
  std::string reason_;
};

// ---- writing ------------------------------------------------------------------------------

// Standard output or a file, every write checked. The first failure is kept with the OS's
// reason and nothing is written after it, so a command can stop and say why.
class Output {
 public:
  // "-": standard output. false with `reason` filled when the file cannot be created.
  bool open(const std::string& path, std::string& reason);
  Output(std::FILE* file, std::string name) : file_(file), name_(std::move(name)) {}
  Output() = default;
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  bool write(std::string_view text);
  template <typename... T>
  bool print(fmt::format_string<T...> format, T&&... args) {
    return write(fmt::format(format, std::forward<T>(args)...));
  }
  // Hands what is buffered to the OS; false when any write so far failed.
  bool flush();
  // Flushes and closes a file (not standard output); false when anything failed.
  bool close();

  bool failed() const { return failed_; }
  // A regular file, where buffering is only faster; a pipe or a terminal may have a reader
  // waiting for each line.
  bool is_regular_file() const;
  // `gavel: cannot write to standard output: No space left on device` on standard error, once;
  // returns exit_error.
  int report_failure();
  bool reported() const { return reported_; }

 private:
  bool fail();

  std::FILE* file_ = stdout;
  std::string name_ = "standard output";
  bool owned_ = false, failed_ = false, reported_ = false;
  std::string reason_;
};

// Standard output, shared by every command (and checked once more by main before exit).
Output& standard_output();

// The last word on standard output before gavel exits: anything written to it directly (the
// help, the version) and not yet handed to the OS is flushed, and a failure not yet reported
// is reported and turns `exit_code` into exit_error.
int finish_standard_output(int exit_code);

}  // namespace gavel::cli

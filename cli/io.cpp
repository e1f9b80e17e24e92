#include "cli/io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "cli/commands.hpp"
#include "gavel/gavel.hpp"

namespace gavel::cli {
namespace {

constexpr std::size_t block_bytes = 64u << 10;
constexpr std::size_t direct_write_bytes = 16u << 10;

std::string os_reason(int error, const char* otherwise) {
  return error != 0 ? std::strerror(error) : otherwise;
}

}  // namespace

// ---- reading ------------------------------------------------------------------------------

InputFile InputFile::standard_input() {
  InputFile in;
  in.fd_ = STDIN_FILENO;
  return in;
}

bool InputFile::open(const std::string& path, std::string& reason) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    reason = os_reason(errno, "cannot open it");
    return false;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    reason = os_reason(S_ISDIR(info.st_mode) ? EISDIR : errno, "cannot read it");
    ::close(fd);
    return false;
  }
  fd_ = fd;
  owned_ = true;
  return true;
}

InputFile::~InputFile() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

bool read_bounded(InputFile& file, std::size_t max_bytes, std::string& text, std::string& reason) {
  text.clear();
  std::size_t size = 0;
  while (size < max_bytes) {
    // Grow in steps, so a small file does not cost the whole bound in memory.
    if (text.size() == size) text.resize(std::min(max_bytes, std::max<std::size_t>(size * 2, block_bytes)));
    const ssize_t n = ::read(file.fd(), text.data() + size, text.size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      reason = os_reason(errno, "read error");
      return false;
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  text.resize(size);
  return true;
}

bool read_bounded(const std::string& path, std::size_t max_bytes, std::string& text, std::string& reason) {
  return read_text_file(path, max_bytes, text, reason);
}

LineReader::LineReader(const InputFile& file, std::size_t max_line, std::size_t max_skip)
    : fd_(file.fd()), max_line_(max_line), max_skip_(max_skip), buffer_(max_line + 1 + block_bytes) {}

bool LineReader::waiting() const {
  return !eof_ && std::memchr(buffer_.data() + scanned_, '\n', end_ - scanned_) == nullptr;
}

bool LineReader::fill() {
  // Keep the partial line at the front: the buffer then has room for a whole block.
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    scanned_ -= begin_;
    begin_ = 0;
  }
  for (;;) {
    const ssize_t n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      reason_ = os_reason(errno, "read error");
      failed_ = true;
    }
    eof_ = true;
    return false;
  }
}

LineReader::Next LineReader::skip() {
  length_ = end_ - begin_;
  begin_ = scanned_ = end_;
  while (length_ <= max_skip_) {
    if (!fill()) return failed_ ? Next::failed : Next::too_long;  // the last line, overlong
    const char* start = buffer_.data() + begin_;
    if (const void* newline = std::memchr(start, '\n', end_ - begin_)) {
      length_ += static_cast<std::size_t>(static_cast<const char*>(newline) - start);
      begin_ = scanned_ = begin_ + static_cast<std::size_t>(static_cast<const char*>(newline) - start) + 1;
      return Next::too_long;
    }
    length_ += end_ - begin_;
    begin_ = scanned_ = end_;
  }
  return Next::unending;
}

LineReader::Next LineReader::next(std::string_view& line) {
  for (;;) {
    const char* start = buffer_.data() + begin_;
    if (const void* newline = std::memchr(buffer_.data() + scanned_, '\n', end_ - scanned_)) {
      const auto length = static_cast<std::size_t>(static_cast<const char*>(newline) - start);
      ++number_;
      if (length > max_line_) {
        length_ = length;
        begin_ = scanned_ = begin_ + length + 1;
        return Next::too_long;
      }
      line = std::string_view(start, length);
      begin_ = scanned_ = begin_ + length + 1;
      return Next::line;
    }
    scanned_ = end_;
    if (end_ - begin_ > max_line_) {
      ++number_;
      return skip();
    }
    if (eof_) {
      if (failed_) return Next::failed;
      if (end_ == begin_) return Next::end;
      ++number_;
      line = std::string_view(start, end_ - begin_);
      begin_ = scanned_ = end_;
      return Next::line;
    }
    fill();
  }
}

// ---- writing ------------------------------------------------------------------------------

bool Output::open(const std::string& path, std::string& reason) {
  if (path == "-") return true;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) {
    reason = os_reason(errno, "cannot create it");
    return false;
  }
  file_ = file;
  name_ = fmt::format("`{}`", path);
  owned_ = true;
  return true;
}

Output::~Output() {
  if (owned_) std::fclose(file_);
}

bool Output::fail() {
  if (!failed_) reason_ = os_reason(errno, "the write failed");
  failed_ = true;
  return false;
}

bool Output::write(std::string_view text) {
  if (failed_) return false;
  // A block goes to the OS in one write(2), not split around stdio's small buffer.
  if (text.size() >= direct_write_bytes) {
    if (!flush()) return false;
    while (!text.empty()) {
      errno = 0;
      const ssize_t n = ::write(::fileno(file_), text.data(), text.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return fail();
      text.remove_prefix(static_cast<std::size_t>(n));  // a short write: the rest, or its reason
    }
    return true;
  }
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) return fail();
  return true;
}

bool Output::flush() {
  if (failed_) return false;
  errno = 0;
  if (std::fflush(file_) != 0 || std::ferror(file_)) return fail();
  return true;
}

bool Output::close() {
  if (!owned_) return flush();
  const bool flushed = flush();
  owned_ = false;
  errno = 0;
  if (std::fclose(file_) != 0 && flushed) return fail();
  file_ = nullptr;
  return flushed;
}

bool Output::is_regular_file() const {
  struct stat info {};
  return file_ && ::fstat(::fileno(file_), &info) == 0 && S_ISREG(info.st_mode);
}

int Output::report_failure() {
  if (!reported_) {
    fmt::print(stderr, "gavel: cannot write to {}: {}\n", name_,
               reason_.empty() ? "the write failed" : reason_);
    reported_ = true;
  }
  return exit_error;
}

Output& standard_output() {
  static Output out;
  return out;
}

int finish_standard_output(int exit_code) {
  Output& out = standard_output();
  if (!out.flush() && !out.reported()) return out.report_failure();
  return out.failed() ? exit_error : exit_code;
}

}  // namespace gavel::cli

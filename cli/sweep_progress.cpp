#include "cli/sweep_progress.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace gavel::cli {
namespace {

// 1,234,567: a count a person reads at a glance.
std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string duration(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

Progress::Progress(std::size_t total_bytes)
    : terminal_(isatty(STDERR_FILENO) == 1), total_(total_bytes), start_(std::chrono::steady_clock::now()) {}

void Progress::advance(std::size_t subjects, std::size_t bytes) {
  subjects_ += subjects;
  bytes_ += bytes;
  if (!terminal_) return;
  const auto now = std::chrono::steady_clock::now();
  if (shown_ && now - drawn_ < std::chrono::milliseconds(200)) return;
  drawn_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? double(subjects_) / elapsed : 0;
  std::string line = "\r\x1b[Ksweeping ";
  if (total_ > 0) {
    const double done = std::min(1.0, double(bytes_) / double(total_));
    constexpr int width = 24;
    const int filled = static_cast<int>(done * width);
    line += fmt::format("[{}{}] {:3.0f}%  ", std::string(std::size_t(filled), '#'),
                        std::string(std::size_t(width - filled), '-'), done * 100);
  }
  line += fmt::format("{} subjects  {}/s", grouped(subjects_), grouped(static_cast<std::size_t>(rate)));
  if (total_ > 0 && bytes_ > 0 && elapsed > 0.5) {
    const double left = double(total_ - std::min(total_, bytes_)) * elapsed / double(bytes_);
    line += fmt::format("  ETA {}", duration(left));
  }
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  shown_ = true;
}

void Progress::clear() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace gavel::cli

// The progress of `gavel sweep` on standard error, when it is a terminal: subjects swept, the
// rate, and, from a file of known size, how much of it is read and the time left.
#pragma once

#include <chrono>
#include <cstddef>

namespace gavel::cli {

class Progress {
 public:
  // total_bytes: the input's size, 0 when not known (a pipe).
  explicit Progress(std::size_t total_bytes);

  // `subjects` more swept, `bytes` more of the input read; redrawn at most 5 times a second.
  void advance(std::size_t subjects, std::size_t bytes);
  // Erases the bar, so that a message or the summary starts on a clean line.
  void clear();

 private:
  bool shown_ = false, terminal_ = false;
  std::size_t total_ = 0, subjects_ = 0, bytes_ = 0;
  std::chrono::steady_clock::time_point start_, drawn_;
};

}  // namespace gavel::cli

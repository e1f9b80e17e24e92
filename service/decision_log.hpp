// The decision log: one writer thread per log, which takes the records of every worker in
// the order they come, seals them into the chain, writes them with one write(2), makes them
// durable with one fdatasync(2) (group commit), and only then calls back each submission, so
// that a decision is answered only once its record is on disk. See README.md, "The decision
// log".
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gavel::service {

struct DecisionLogOptions {
  std::string path;
  bool full_requests = false;   // keep the whole request, not its minimised form
  std::uint64_t max_bytes = 0;  // 0: never rotate
};

class DecisionLog {
 public:
  // What a submission is told once its records are durable (`ok`), or could not be written
  // (`error`: the OS's reason).
  using Done = std::function<void(bool ok, const std::string& error)>;

  explicit DecisionLog(DecisionLogOptions options);
  ~DecisionLog();  // stop()

  // Writes what was submitted, then stops the writer (idempotent).
  void stop();
  std::uint64_t next_seq() const { return next_seq_; }  // before the writer starts

  // Verifies the existing log's current file and finds the chain's tail (or the last
  // rotated file's when the current one is empty), opens it for appending and starts the
  // writer. False with `error` when the log cannot be opened or its chain is broken.
  bool open(std::string& error);

  // Any thread. `bodies`: one record each, the members between `seq` and `prev`.
  void submit(std::vector<std::string> bodies, Done done);

  const DecisionLogOptions& options() const { return options_; }
  bool failing() const { return failing_.load(std::memory_order_relaxed); }
  std::uint64_t records_written() const { return records_.load(std::memory_order_relaxed); }
  std::uint64_t batches_written() const { return batches_.load(std::memory_order_relaxed); }
  std::uint64_t write_failures() const { return failures_.load(std::memory_order_relaxed); }
  std::uint64_t rotations() const { return rotations_.load(std::memory_order_relaxed); }

 private:
  struct Submission {
    std::vector<std::string> bodies;
    Done done;
  };
  void write_loop();
  bool open_current(std::string& error);
  void rotate();
  std::string rotated_name(unsigned index) const;

  DecisionLogOptions options_;
  int fd_ = -1;
  std::uint64_t size_ = 0;  // the bytes of the current file, all committed
  std::uint64_t next_seq_ = 1;
  std::string prev_;           // the hash of the last committed record
  unsigned last_rotated_ = 0;  // the highest N of FILE.N

  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Submission> queue_;
  bool stopping_ = false;
  std::thread writer_;

  std::atomic<bool> failing_{false};
  std::atomic<std::uint64_t> records_{0}, batches_{0}, failures_{0}, rotations_{0};
};

}  // namespace gavel::service

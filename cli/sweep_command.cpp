// gavel sweep POLICY --on DATE [SUBJECTS.jsonl|-]: the obligations due for each person of a
// list, on a day (docs/sweep.md).
//
// The input is read in chunks of lines; each chunk is split among the threads, each with its
// own gavel::Sweeper, and written whole, in input order, before the next chunk is (from a
// regular file, the next chunk is read while one is swept). To a file given with --output,
// rows go to FILE.partial, renamed FILE once the sweep is complete; --resume takes up the
// rows recorded there (or in FILE) after the last subject recorded whole.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "cli/sweep_progress.hpp"
#include "cli/sweep_rows.hpp"
#include "gavel/gavel.hpp"

namespace gavel::cli {
namespace {

constexpr std::size_t chunk_lines = 4096;
constexpr std::size_t chunk_bytes = 4u << 20;
constexpr std::size_t max_skipped_bytes = 16 * max_request_bytes;  // as gavel decide --batch
constexpr std::size_t refusals_shown = 20;                         // on standard error
constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

struct SweepOptions {
  std::string policy, on, input = "-", output = "-", format = "json";
  bool resume = false;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
};

// One input line to sweep: its text in the chunk, or too long to be read.
struct Entry {
  std::size_t offset = 0, size = 0, line = 0;
  bool too_long = false;
  bool unending = false;  // no end within max_skipped_bytes: the sweep stops after it
  std::size_t length = 0;
};

struct Refusal {
  std::size_t line;
  RequestError error;
};

// What one thread made of its share of a chunk.
struct Slice {
  std::string rows;
  std::size_t subjects = 0, obligations = 0, refused = 0;
  std::vector<Refusal> refusals;  // the first few, for standard error
};

struct Chunk {
  std::string text;
  std::vector<Entry> entries;
  std::vector<Slice> slices;
  std::size_t bytes = 0;  // of the input, consumed by this chunk

  void clear() {
    text.clear();
    entries.clear();
    bytes = 0;
    for (auto& s : slices) {
      s.rows.clear();
      s.subjects = s.obligations = s.refused = 0;
      s.refusals.clear();
    }
  }
};

RequestError too_long_error(const Entry& e) {
  return RequestError{"",
                      e.unending ? fmt::format("the line has no end within {} bytes; the limit of a line is {} bytes",
                                               max_skipped_bytes, max_request_bytes)
                                 : fmt::format("the line is {} bytes, longer than the limit of {} bytes", e.length,
                                               max_request_bytes),
                      "", std::string(request_too_large_code)};
}

// Threads that sweep the slices of one chunk at a time, each with its own Sweeper.
class SweepPool {
 public:
  SweepPool(const std::shared_ptr<const Policy>& policy, unsigned threads, std::string day, SweepFormat format)
      : day_(std::move(day)), format_(format) {
    for (unsigned i = 0; i < threads; ++i) sweepers_.emplace_back(policy);
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this, i] { work(i); });
  }
  ~SweepPool() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }

  std::size_t size() const { return threads_.size(); }

  void start(Chunk& chunk) {
    chunk.slices.resize(threads_.size());
    std::lock_guard lock(mutex_);
    job_ = &chunk;
    remaining_ = threads_.size();
    ++generation_;
    wake_.notify_all();
  }

  void wait() {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return remaining_ == 0; });
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
  }

 private:
  void work(unsigned index) {
    std::uint64_t seen = 0;
    SubjectObligations found;
    for (;;) {
      Chunk* chunk = nullptr;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
        chunk = job_;
      }
      try {
        sweep(*chunk, index, found);
      } catch (...) {
        std::lock_guard lock(mutex_);
        if (!failure_) failure_ = std::current_exception();
      }
      std::lock_guard lock(mutex_);
      if (--remaining_ == 0) done_.notify_one();
    }
  }

  void sweep(Chunk& chunk, unsigned index, SubjectObligations& found) {
    const std::size_t n = chunk.entries.size(), parts = threads_.size();
    Slice& slice = chunk.slices[index];
    for (std::size_t i = n * index / parts; i < n * (index + 1) / parts; ++i) {
      const Entry& e = chunk.entries[i];
      ++slice.subjects;
      if (e.too_long) {
        const auto error = too_long_error(e);
        append_error_row(slice.rows, format_, error, e.line);
        refuse(slice, e.line, error);
        continue;
      }
      sweepers_[index].sweep_line(std::string_view(chunk.text).substr(e.offset, e.size), day_, found);
      append_rows(slice.rows, format_, found, day_, e.line);
      slice.obligations += found.obligations.size();
      if (found.error) refuse(slice, e.line, *found.error);
    }
  }

  static void refuse(Slice& slice, std::size_t line, const RequestError& error) {
    ++slice.refused;
    if (slice.refusals.size() < refusals_shown) slice.refusals.push_back({line, error});
  }

  const std::string day_;
  const SweepFormat format_;
  std::vector<Sweeper> sweepers_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::uint64_t generation_ = 0;
  std::size_t remaining_ = 0;
  Chunk* job_ = nullptr;
  bool stop_ = false;
  std::exception_ptr failure_;
};

enum class ReadStatus { more, end, failed, stopped };

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// Fills `chunk` with the next lines, from line `from` on (the lines before are passed over).
// `responsive`: stop at what is there when the input would make gavel wait (a pipe).
ReadStatus read_chunk(LineReader& lines, Chunk& chunk, std::size_t from, bool responsive) {
  std::string_view line;
  while (chunk.entries.size() < chunk_lines && chunk.text.size() < chunk_bytes) {
    if (responsive && !chunk.entries.empty() && lines.waiting()) return ReadStatus::more;
    const auto next = lines.next(line);
    if (next == LineReader::Next::end) return ReadStatus::end;
    if (next == LineReader::Next::failed) return ReadStatus::failed;
    if (next == LineReader::Next::too_long || next == LineReader::Next::unending) {
      chunk.bytes += lines.length() + 1;
      if (lines.number() < from && next == LineReader::Next::too_long) continue;
      Entry e;
      e.line = lines.number();
      e.too_long = true;
      e.unending = next == LineReader::Next::unending;
      e.length = lines.length();
      chunk.entries.push_back(e);
      if (e.unending) return ReadStatus::stopped;
      continue;
    }
    chunk.bytes += line.size() + 1;
    if (lines.number() < from) continue;
    if (lines.number() == 1 && line.starts_with(byte_order_mark)) line.remove_prefix(byte_order_mark.size());
    if (blank(line)) continue;
    chunk.entries.push_back({chunk.text.size(), line.size(), lines.number()});
    chunk.text += line;
  }
  return ReadStatus::more;
}

// Where the rows go: standard output, a file written whole (FILE.partial, then renamed), or
// a device or a pipe given by name, written as it is.
struct Destination {
  std::string final_path, path;  // path: where the rows are written now
  std::FILE* file = nullptr;
  bool rename_at_end = false;

  ~Destination() {
    if (file) std::fclose(file);
  }
};

bool is_regular_or_absent(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) != 0 ? errno == ENOENT : S_ISREG(info.st_mode);
}

bool exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

int fail_usage(std::string message, std::string help = {}) {
  fmt::print(stderr, "gavel: {}\n", message);
  if (!help.empty()) fmt::print(stderr, "  = help: {}\n", help);
  return exit_error;
}

int run_sweep(const SweepOptions& o) {
  if (auto why = date_error(o.on); !why.empty())
    return fail_usage(fmt::format("--on `{}`: {}", o.on, why), "the day of the sweep is written YYYY-MM-DD");
  if (o.resume && o.output == "-")
    return fail_usage("--resume needs --output FILE", "a sweep is resumed from the rows it recorded in its output file");
  const SweepFormat format = o.format == "csv" ? SweepFormat::csv : SweepFormat::json;

  auto loaded = load_policy_file(o.policy);
  if (!loaded.ok()) {
    std::fputs(loaded.report.c_str(), stderr);
    fmt::print(stderr, "gavel: `{}` has errors; nothing swept\n", o.policy);
    return exit_error;
  }
  const std::string source = o.input == "-" ? "standard input" : fmt::format("`{}`", o.input);
  InputFile input = InputFile::standard_input();
  if (std::string reason; o.input != "-" && !input.open(o.input, reason))
    return fail_usage(fmt::format("cannot read the subjects file `{}`: {}", o.input, reason));
  struct stat input_info {};
  const bool input_regular = ::fstat(input.fd(), &input_info) == 0 && S_ISREG(input_info.st_mode);

  // ---- where the rows go, and where a resumed sweep takes up ----
  Destination dest;
  ResumePoint resume;
  std::unique_ptr<Output> file_output;
  if (o.output != "-") {
    dest.final_path = o.output;
    const bool atomic = is_regular_or_absent(o.output);
    dest.path = atomic ? o.output + ".partial" : o.output;
    dest.rename_at_end = atomic;
    if (o.resume) {
      if (atomic && !exists(dest.path) && exists(o.output)) {
        dest.path = o.output;  // a sweep that finished: resumed in place
        dest.rename_at_end = false;
      }
      std::string problem;
      auto point = find_resume_point(dest.path, format, problem);
      if (!point) return fail_usage(problem, "resume with the --format the sweep was started with");
      resume = *point;
      if (exists(dest.path) && ::truncate(dest.path.c_str(), off_t(resume.keep_bytes)) != 0)
        return fail_usage(fmt::format("cannot write to `{}`: {}", dest.path, std::strerror(errno)));
    }
    dest.file = std::fopen(dest.path.c_str(), o.resume ? "ab" : "wb");
    if (!dest.file) return fail_usage(fmt::format("cannot write to `{}`: {}", dest.path, std::strerror(errno)));
    file_output = std::make_unique<Output>(dest.file, fmt::format("`{}`", dest.path));
  }
  Output& out = file_output ? *file_output : standard_output();
  if (format == SweepFormat::csv && !resume.has_header && !out.write(csv_header())) return out.report_failure();

  Progress progress(input_regular ? std::size_t(input_info.st_size) : 0);
  if (resume.next_line > 1 || resume.rows > 0)
    fmt::print(stderr, "gavel: resuming `{}` at line {} ({} rows kept)\n", dest.path, resume.next_line, resume.rows);

  // ---- the sweep ----
  SweepPool pool(loaded.policy, std::max(1u, o.threads), o.on, format);
  LineReader lines(input, max_request_bytes, max_skipped_bytes);
  const bool read_ahead = input_regular;  // from a pipe, a line may be waited for: sweep what is there
  Chunk chunks[2];
  int current = 0;
  std::size_t subjects = 0, obligations = 0, refused = resume.error_rows, refusals_printed = 0;
  std::vector<std::size_t> refused_lines;
  ReadStatus status = read_chunk(lines, chunks[0], resume.next_line, !read_ahead);
  for (;;) {
    Chunk& chunk = chunks[current];
    Chunk& next = chunks[1 - current];
    if (chunk.entries.empty()) {
      progress.advance(0, chunk.bytes);
      if (status != ReadStatus::more) break;
      chunk.clear();
      status = read_chunk(lines, chunk, resume.next_line, !read_ahead);
      continue;
    }
    pool.start(chunk);
    next.clear();
    if (read_ahead && status == ReadStatus::more) status = read_chunk(lines, next, resume.next_line, false);
    pool.wait();
    std::size_t swept = 0;
    for (const auto& slice : chunk.slices) {
      if (!out.write(slice.rows)) return out.report_failure();
      swept += slice.subjects;
      obligations += slice.obligations;
      refused += slice.refused;
      for (const auto& r : slice.refusals) {
        if (refused_lines.size() < 10) refused_lines.push_back(r.line);
        if (refusals_printed++ >= refusals_shown) continue;
        progress.clear();
        // Where, then what: the field, unless the message names it already.
        const bool named = r.error.field.empty() || r.error.message.find(fmt::format("`{}`", r.error.field)) != std::string::npos;
        fmt::print(stderr, "gavel: {}, line {}: {}{}\n", source, r.line,
                   named ? "" : fmt::format("`{}`: ", r.error.field), r.error.message);
        if (!r.error.help.empty()) fmt::print(stderr, "  = help: {}\n", r.error.help);
      }
    }
    subjects += swept;
    // Each chunk handed to the OS whole: a reader waits for it, or a sweep killed now resumes here.
    if (!out.flush()) return out.report_failure();
    progress.advance(swept, chunk.bytes);
    if (!read_ahead && status == ReadStatus::more) status = read_chunk(lines, next, resume.next_line, true);
    current = 1 - current;
    chunks[1 - current].clear();
  }
  progress.clear();

  if (!out.flush()) return out.report_failure();
  if (file_output) {
    const bool closed = std::fclose(std::exchange(dest.file, nullptr)) == 0;
    if (!closed) return fail_usage(fmt::format("cannot write to `{}`: {}", dest.path, std::strerror(errno)));
  }
  if (status == ReadStatus::failed)
    return fail_usage(fmt::format("cannot read {} after line {}: {}", source, lines.number(), lines.reason()));
  if (status == ReadStatus::stopped)
    return fail_usage(fmt::format("{}, line {}: no end of line within {} bytes; the sweep stops there", source,
                                  lines.number(), max_skipped_bytes),
                      fmt::format("a subject is one JSON object on one line, of at most {} bytes", max_request_bytes));
  if (dest.rename_at_end && std::rename(dest.path.c_str(), dest.final_path.c_str()) != 0)
    return fail_usage(fmt::format("cannot rename `{}` to `{}`: {}", dest.path, dest.final_path, std::strerror(errno)));

  std::string summary = fmt::format("gavel: {} subject{} swept on {}: {} obligation{} due, {} refused", subjects,
                                    subjects == 1 ? "" : "s", o.on, obligations, obligations == 1 ? "" : "s", refused);
  if (!refused_lines.empty())
    summary += fmt::format(" (line{} {}{})", refused_lines.size() == 1 && refused == 1 ? "" : "s",
                           fmt::join(refused_lines, ", "), refused > refused_lines.size() ? ", …" : "");
  if (resume.error_rows > 0) summary += fmt::format(", {} of them before the sweep was resumed", resume.error_rows);
  fmt::print(stderr, "{}\n", summary);
  return refused > 0 ? exit_failures : exit_ok;
}

}  // namespace

void add_sweep_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SweepOptions>();
  auto* cmd = app.add_subcommand("sweep", "List the obligations due on a day for each person of a list (JSON lines in)");
  cmd->add_option("policy", options->policy, "The rule file")->required();
  cmd->add_option("subjects", options->input, "JSON lines, one person a line: {\"id\": …, \"subject\": {…}}; - for standard input")
      ->capture_default_str();
  cmd->add_option("--on", options->on, "The day of the sweep, YYYY-MM-DD")->required();
  cmd->add_option("--format", options->format, "Rows as JSON lines or CSV (RFC 4180)")
      ->check(CLI::IsMember({"json", "csv"}))
      ->capture_default_str();
  cmd->add_option("--output,-o", options->output, "Where to write the rows (FILE.partial until complete), - for standard output")
      ->capture_default_str();
  cmd->add_flag("--resume", options->resume, "Take up an interrupted sweep after the last subject its output recorded");
  cmd->add_option("--threads,-j", options->threads, "How many threads sweep (default: the cores)")
      ->check(CLI::Range(1u, 1024u))
      ->capture_default_str();
  cmd->callback([options, &exit_code] { exit_code = run_sweep(*options); });
}

}  // namespace gavel::cli

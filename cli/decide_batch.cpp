// gavel decide POLICY --batch FILE: the pipe protocol.
//
// One request per line in, one response per request out, in order. Blank lines are skipped
// (no response); a UTF-8 byte order mark before the first line is ignored, as in rule files.
// A refused line gets {"error": {…}, "line": N}, N its line in the input, and the run goes on.
// A line longer than a request's bound is refused without being held in memory; if it has no
// end within 1 MiB (/dev/zero), where the next line starts is not known, so the run stops.
//
// To a regular file the responses are written in blocks of about 64 KiB. To a pipe or a
// terminal, what is decided is written before gavel waits for more input, so a program that
// writes one request and reads one response drives it as a coprocess; --flush writes each
// response as soon as it is decided, whatever the output.
#include "cli/decide_batch.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "gavel/gavel.hpp"

namespace gavel::cli {
namespace {

constexpr std::size_t block_bytes = 64u << 10;
constexpr std::size_t refused_lines_named = 10;  // in the summary
// How far an overlong line is read, looking for its end, before the run stops: far enough for
// a line that is merely too long, near enough that an input without newlines ends at once.
constexpr std::size_t max_skipped_bytes = 16 * max_request_bytes;
constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// {"error":{…}} becomes {"error":{…},"line":N}.
void add_line_number(std::string& response, std::size_t line) {
  if (!response.empty() && response.back() == '}') response.pop_back();
  response += fmt::format(",\"line\":{}}}", line);
}

struct Tally {
  std::size_t requests = 0, allowed = 0, denied = 0, refused = 0;
  std::vector<std::size_t> refused_lines;  // the first few

  void refuse(std::size_t line) {
    ++refused;
    if (refused_lines.size() < refused_lines_named) refused_lines.push_back(line);
  }

  std::string summary() const {
    std::string s = fmt::format("gavel: {} request{}: {} allowed, {} denied, {} refused", requests,
                                requests == 1 ? "" : "s", allowed, denied, refused);
    if (refused > 0)
      s += fmt::format(" (line{} {}{})", refused == 1 ? "" : "s", fmt::join(refused_lines, ", "),
                       refused > refused_lines.size() ? ", …" : "");
    return s;
  }
};

}  // namespace

int decide_batch(Decider& decider, const BatchOptions& o, Output& out) {
  const std::string source = o.input == "-" ? "standard input" : fmt::format("`{}`", o.input);
  InputFile input = InputFile::standard_input();
  if (std::string reason; o.input != "-" && !input.open(o.input, reason)) {
    fmt::print(stderr, "gavel: cannot read the batch file `{}`: {}\n", o.input, reason);
    return exit_error;
  }
  const bool someone_waits = !out.is_regular_file();
  const gavel::DecideOptions options{.trace = o.trace, .explain = o.explain};
  LineReader lines(input, max_request_bytes, max_skipped_bytes);
  std::string pending, response;
  pending.reserve(block_bytes + max_request_bytes);
  Tally tally;
  std::string_view line;
  bool stopped = false;

  for (;;) {
    // Before waiting for the input, hand over what is decided: a reader may be waiting for it.
    if (!pending.empty() && someone_waits && lines.waiting()) {
      if (!out.write(pending) || !out.flush()) return out.report_failure();
      pending.clear();
    }
    const auto next = lines.next(line);
    if (next == LineReader::Next::end) break;
    if (next == LineReader::Next::failed) {
      out.write(pending);
      out.flush();
      fmt::print(stderr, "gavel: cannot read {} after line {}: {}\n", source, lines.number(), lines.reason());
      return out.failed() ? out.report_failure() : exit_error;
    }
    if (next == LineReader::Next::too_long || next == LineReader::Next::unending) {
      ++tally.requests;
      tally.refuse(lines.number());
      response = next == LineReader::Next::too_long
                     ? fmt::format("line {} is {} bytes, longer than the limit of {} bytes", lines.number(),
                                   lines.length(), max_request_bytes)
                     : fmt::format("line {} has no end within {} bytes; the limit of a request is {} bytes",
                                   lines.number(), max_skipped_bytes, max_request_bytes);
      response =
          fmt::format(R"({{"error":{{"field":"","message":"{}","code":"{}"}},"line":{}}})", response,
                      request_too_large_code, lines.number());
      if (next == LineReader::Next::unending) {
        pending += response + '\n';
        fmt::print(stderr, "gavel: {}, line {}: no end of line within {} bytes; the batch stops there\n",
                   source, lines.number(), max_skipped_bytes);
        fmt::print(stderr, "  = help: a request is one JSON object on one line, of at most {} bytes\n",
                   max_request_bytes);
        stopped = true;
        break;
      }
    } else {
      if (lines.number() == 1 && line.starts_with(byte_order_mark))
        line.remove_prefix(byte_order_mark.size());
      if (blank(line)) continue;
      ++tally.requests;
      if (!decider.decide_json(line, response, options)) {
        add_line_number(response, lines.number());
        tally.refuse(lines.number());
      } else if (response.starts_with(R"({"decision":"allow",)")) {
        ++tally.allowed;
      } else {
        ++tally.denied;
      }
    }
    pending += response;
    pending += '\n';
    if (o.flush || pending.size() >= block_bytes) {
      if (!out.write(pending) || (o.flush && !out.flush())) return out.report_failure();
      pending.clear();
    }
  }
  if (!out.write(pending) || !out.flush()) return out.report_failure();
  fmt::print(stderr, "{}\n", tally.summary());
  return tally.refused || stopped ? exit_error : exit_ok;
}

}  // namespace gavel::cli

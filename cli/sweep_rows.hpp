// The rows `gavel sweep` writes, as JSON lines or CSV (RFC 4180), and how a resumed sweep
// finds in an output where the interrupted one stopped. Every row ends with the number of
// the input line it answers: that is what a resumed sweep reads back.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "gavel/gavel.hpp"

namespace gavel::cli {

enum class SweepFormat { json, csv };

// The CSV header line, its CRLF included.
std::string_view csv_header();

// One row per obligation of `found` (none when it has none), or its error row. `day` is the
// day swept: the due day of an obligation without a day of its own.
void append_rows(std::string& out, SweepFormat format, const SubjectObligations& found, std::string_view day,
                 std::size_t line);
// The error row of a line that is too long to be read as a person.
void append_error_row(std::string& out, SweepFormat format, const RequestError& error, std::size_t line);

// Where to take up an interrupted sweep whose output so far is `path`.
struct ResumePoint {
  std::size_t keep_bytes = 0;  // the output is cut there: after the last subject recorded whole
  std::size_t next_line = 1;   // the input line to sweep from
  std::size_t error_rows = 0;  // kept error rows: the input lines already refused
  std::size_t rows = 0;        // kept rows in all
  bool has_header = false;     // CSV: the header is among the kept bytes
};

// Reads the output `path` through. nullopt with `problem` filled when it cannot be read or
// is not a sweep's output in `format` (`problem` then says where and why). A missing file is
// a sweep not yet begun.
std::optional<ResumePoint> find_resume_point(const std::string& path, SweepFormat format, std::string& problem);

}  // namespace gavel::cli

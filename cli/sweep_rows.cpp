#include "cli/sweep_rows.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <vector>

#include "cli/io.hpp"

namespace gavel::cli {
namespace {

constexpr std::string_view header = "id,purpose,data,duty,due,rule,title,source,line\r\n";

// RFC 4180: a field with a comma, a quote or a line end is quoted, its quotes doubled.
void append_csv_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_json_id(std::string& out, const SubjectObligations& found) {
  if (found.id_is_number) out += found.id;
  else append_json_string(out, found.id);
}

void append_line_end(std::string& out, SweepFormat format, std::size_t line) {
  if (format == SweepFormat::json) fmt::format_to(std::back_inserter(out), ",\"line\":{}}}\n", line);
  else fmt::format_to(std::back_inserter(out), ",{}\r\n", line);
}

// `id` is absent (JSON null, CSV empty) when the line was refused before its id was read.
void append_error(std::string& out, SweepFormat format, const std::string* id, bool id_is_number,
                  const RequestError& error, std::size_t line) {
  if (format == SweepFormat::json) {
    out += "{\"id\":";
    if (!id) out += "null";
    else if (id_is_number) out += *id;
    else append_json_string(out, *id);
    out += ",\"error\":{\"field\":";
    append_json_string(out, error.field);
    out += ",\"message\":";
    append_json_string(out, error.message);
    if (!error.help.empty()) {
      out += ",\"help\":";
      append_json_string(out, error.help);
    }
    out += ",\"code\":";
    append_json_string(out, error.code);
    out += '}';
  } else {
    if (id) append_csv_field(out, *id);
    out += ",,,error,,";
    append_csv_field(out, error.code);
    out += ',';
    append_csv_field(out, error.field.empty() ? error.message : fmt::format("{}: {}", error.field, error.message));
    out += ',';
  }
  append_line_end(out, format, line);
}

// The input line a complete row answers (its last field), or nullopt when it is not a row.
std::optional<std::size_t> line_of_row(std::string_view row, SweepFormat format) {
  std::string_view digits;
  if (format == SweepFormat::json) {
    constexpr std::string_view key = ",\"line\":";
    const auto at = row.rfind(key);
    if (at == std::string_view::npos || !row.starts_with('{') || !row.ends_with('}')) return std::nullopt;
    digits = row.substr(at + key.size(), row.size() - at - key.size() - 1);
  } else {
    if (row.ends_with('\r')) row.remove_suffix(1);
    const auto at = row.rfind(',');
    if (at == std::string_view::npos) return std::nullopt;
    digits = row.substr(at + 1);
  }
  std::size_t line = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), line);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || line == 0) return std::nullopt;
  return line;
}

bool is_error_row(std::string_view row, SweepFormat format) {
  if (format == SweepFormat::json) return row.find(",\"error\":{\"field\":") != std::string_view::npos;
  return row.find(",,,error,,") != std::string_view::npos;
}

}  // namespace

std::string_view csv_header() { return header; }

void append_rows(std::string& out, SweepFormat format, const SubjectObligations& found, std::string_view day,
                 std::size_t line) {
  if (found.error) {
    // The id, when the line got as far as naming it.
    append_error(out, format, found.id_json.empty() ? nullptr : &found.id, found.id_is_number, *found.error, line);
    return;
  }
  for (const auto& o : found.obligations) {
    const std::string_view due = o.by.empty() ? day : std::string_view(o.by);
    if (format == SweepFormat::json) {
      out += "{\"id\":";
      append_json_id(out, found);
      out += ",\"purpose\":";
      append_json_string(out, o.purpose);
      out += ",\"data\":[";
      for (std::size_t i = 0; i < o.data.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, o.data[i]);
      }
      out += "],\"duty\":";
      append_json_string(out, o.duty);
      out += ",\"due\":";
      append_json_string(out, due);
      out += ",\"rule\":";
      append_json_string(out, o.rule);
      out += ",\"title\":";
      append_json_string(out, o.title);
      out += ",\"source\":";
      append_json_string(out, o.source);
    } else {
      append_csv_field(out, found.id);
      out += ',';
      append_csv_field(out, o.purpose);
      out += ',';
      // Categories are names: joined by a space, they need no quoting.
      for (std::size_t i = 0; i < o.data.size(); ++i) {
        if (i) out += ' ';
        out += o.data[i];
      }
      out += ',';
      append_csv_field(out, o.duty);
      out += ',';
      out += due;
      out += ',';
      append_csv_field(out, o.rule);
      out += ',';
      append_csv_field(out, o.title);
      out += ',';
      append_csv_field(out, o.source);
    }
    append_line_end(out, format, line);
  }
}

void append_error_row(std::string& out, SweepFormat format, const RequestError& error, std::size_t line) {
  append_error(out, format, nullptr, false, error, line);
}

std::optional<ResumePoint> find_resume_point(const std::string& path, SweepFormat format, std::string& problem) {
  ResumePoint point;
  InputFile file;
  if (std::string reason; !file.open(path, reason)) {
    if (errno == ENOENT) return point;
    problem = fmt::format("cannot read `{}`: {}", path, reason);
    return std::nullopt;
  }
  const char* format_name = format == SweepFormat::json ? "JSON lines" : "CSV";
  // Rows are read whole: a CSV field may hold a line end inside its quotes.
  std::vector<char> block(1u << 16);
  std::string row;
  std::size_t offset = 0, row_number = 0;
  bool quoted = false;
  std::size_t last_line = 0;     // of the last complete row
  std::size_t group_start = 0;   // where the rows of that line begin
  std::size_t errors_before = 0; // error rows before that group
  std::size_t errors_in_group = 0, rows_before = 0, rows_in_group = 0;
  for (;;) {
    const ssize_t n = ::read(file.fd(), block.data(), block.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      problem = fmt::format("cannot read `{}`: {}", path, std::strerror(errno));
      return std::nullopt;
    }
    if (n == 0) break;
    for (ssize_t i = 0; i < n; ++i) {
      const char c = block[std::size_t(i)];
      ++offset;
      if (format == SweepFormat::csv && c == '"') quoted = !quoted;
      if (c != '\n' || quoted) {
        row += c;
        continue;
      }
      ++row_number;
      const std::size_t row_start = offset - row.size() - 1;
      if (format == SweepFormat::csv && row_number == 1) {
        if (row + '\n' != header) {
          problem = fmt::format("`{}` is not the output of a sweep in CSV: its first line is not the header `{}`",
                                path, header.substr(0, header.size() - 2));
          return std::nullopt;
        }
        point.has_header = true;
        group_start = offset;
        row.clear();
        continue;
      }
      const auto line = line_of_row(row, format);
      if (!line || *line < last_line) {
        problem = fmt::format("`{}` line {} is not a row of a sweep's output in {}{}", path, row_number,
                              format_name, line ? ": its input lines go backwards" : "");
        return std::nullopt;
      }
      if (*line != last_line) {
        errors_before += errors_in_group;
        rows_before += rows_in_group;
        errors_in_group = rows_in_group = 0;
        group_start = row_start;
        last_line = *line;
      }
      ++rows_in_group;
      if (is_error_row(row, format)) ++errors_in_group;
      row.clear();
    }
  }
  // What follows the last line end is a row cut short: it goes, with the rows of the last
  // line recorded, which may be incomplete.
  if (last_line == 0) {
    point.keep_bytes = point.has_header ? header.size() : 0;
    return point;
  }
  point.keep_bytes = group_start;
  point.next_line = last_line;
  point.error_rows = errors_before;
  point.rows = rows_before;
  return point;
}

}  // namespace gavel::cli

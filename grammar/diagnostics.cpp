// Rendering diagnostics: compiler style for people, JSON for tools.
#include "grammar/diagnostics.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace gavel {
namespace {

// The line and column (1-based, in bytes) of byte `offset`, counted from the start.
struct Position {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

// Whether text[i] ends a line: a `\n`, or a `\r` not followed by `\n` (old Mac files). A line
// end of `\r\n` ends at its `\n`: each of the three counts once.
bool ends_line(std::string_view text, std::size_t i) {
  return text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
}

void advance(Position& p, std::string_view text, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (ends_line(text, i)) {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
}

Position position_of(std::string_view text, std::size_t offset) {
  Position p;
  advance(p, text, 0, std::min(offset, text.size()));
  return p;
}

// The end of a span: from its start, so that long files are not scanned from the top.
Position end_of(std::string_view text, const Span& span) {
  Position p{span.line == 0 ? 1 : span.line, span.column == 0 ? 1 : span.column};
  advance(p, text, std::min<std::size_t>(span.begin, text.size()), std::min<std::size_t>(span.end, text.size()));
  return p;
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Lines longer than this are shown as a window around the error.
constexpr std::size_t max_shown = 160;

}  // namespace

std::string render_human(const Source& source, const Diagnostic& diagnostic, bool colour) {
  const std::string_view text = source.text;
  const Span& span = diagnostic.span;
  const std::size_t begin = std::min<std::size_t>(span.begin, text.size());
  const Position at = span.line == 0 ? position_of(text, begin) : Position{span.line, span.column};

  const bool warning = diagnostic.severity == Severity::warning;
  const char* reset = colour ? "\x1b[0m" : "";
  const char* bold = colour ? "\x1b[1m" : "";
  const char* tint = colour ? (warning ? "\x1b[1;33m" : "\x1b[1;31m") : "";
  const char* blue = colour ? "\x1b[1;34m" : "";

  // The line numbers' column: 5 wide, wider for files of 100,000 lines and more.
  const std::size_t gutter = std::max<std::size_t>(5, fmt::formatted_size("{}", at.line));

  std::string out = fmt::format("{}{}:{}:{}:{} {}{}:{} {}{}{}\n", bold, source.name, at.line, at.column, reset, tint,
                                warning ? "warning" : "error", reset, bold, diagnostic.message, reset);

  {
    // The line holding the start of the span, without its newline.
    std::size_t line_begin = begin;
    while (line_begin > 0 && !ends_line(text, line_begin - 1)) --line_begin;
    std::size_t line_end = text.find_first_of("\r\n", line_begin);
    if (line_end == std::string_view::npos) line_end = text.size();

    // The caret covers the span, clipped to this line; at least one caret.
    std::size_t caret_begin = std::min(begin, line_end);
    std::size_t caret_end = std::clamp<std::size_t>(span.end, caret_begin, line_end);

    // Very long lines: show a window around the caret.
    std::size_t shown_begin = line_begin, shown_end = line_end;
    std::string prefix, suffix;
    if (line_end - line_begin > max_shown) {
      shown_begin = caret_begin > line_begin + max_shown / 2 ? caret_begin - max_shown / 2 : line_begin;
      while (shown_begin > line_begin && is_continuation(text[shown_begin])) --shown_begin;
      shown_end = std::min(line_end, shown_begin + max_shown);
      while (shown_end < line_end && is_continuation(text[shown_end])) ++shown_end;
      caret_end = std::min(caret_end, shown_end);
      if (shown_begin > line_begin) prefix = "...";
      if (shown_end < line_end) suffix = "...";
    }
    const std::string_view shown = text.substr(shown_begin, shown_end - shown_begin);

    // Padding under the text before the caret: a tab stays a tab, any other character
    // (one UTF-8 sequence) becomes one space, so that the caret lines up in a terminal.
    std::string under(prefix.size(), ' ');
    for (std::size_t i = shown_begin; i < caret_begin; ++i) {
      if (text[i] == '\t')
        under += '\t';
      else if (!is_continuation(text[i]))
        under += ' ';
    }
    std::size_t width = 0;
    for (std::size_t i = caret_begin; i < caret_end; ++i)
      if (!is_continuation(text[i])) ++width;
    width = std::max<std::size_t>(width, 1);

    std::string shown_line;
    shown_line.reserve(shown.size());
    for (char c : shown) shown_line += (static_cast<unsigned char>(c) < 0x20 && c != '\t') ? ' ' : c;

    out += fmt::format("{}{:>{}} |{} {}{}{}\n", blue, at.line, gutter, reset, prefix, shown_line, suffix);
    out += fmt::format("{}{:>{}} |{} {}{}{}{}\n", blue, "", gutter, reset, under, tint, std::string(width, '^'), reset);
  }
  if (!diagnostic.help.empty())
    out += fmt::format("{:>{}} {}= help:{} {}\n", "", gutter, bold, reset, diagnostic.help);
  return out;
}

// A JSON string, quoted; bytes that are not valid UTF-8 become U+FFFD.
void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20 || c == 0x7f)
            out += fmt::format("\\u{:04x}", c);
          else
            out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // A multi-byte sequence: copy it when well formed.
    std::size_t length = 0;
    std::uint32_t min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
      min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      min = 0x10000;
    }
    bool ok = length != 0 && i + length <= s.size();
    std::uint32_t code = ok ? (c & (0xFF >> (length + 1))) : 0;
    for (std::size_t k = 1; ok && k < length; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) ok = false;
      code = (code << 6) | (d & 0x3F);
    }
    ok = ok && code >= min && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF);
    if (ok) {
      out.append(s.substr(i, length));
      i += length;
    } else {
      out += "\\ufffd";
      ++i;
    }
  }
  out += '"';
}


std::string render_json(const Source& source, const std::vector<Diagnostic>& diagnostics) {
  std::string out = "[";
  bool first = true;
  for (const auto& d : diagnostics) {
    if (!first) out += ",";
    first = false;
    const Position at = d.span.line == 0 ? position_of(source.text, d.span.begin) : Position{d.span.line, d.span.column};
    Span span = d.span;
    span.line = at.line;
    span.column = at.column;
    const Position end = end_of(source.text, span);
    out += "{\"file\":";
    append_json_string(out, source.name);
    out += fmt::format(",\"line\":{},\"column\":{},\"end_line\":{},\"end_column\":{},\"severity\":", at.line,
                       at.column, end.line, end.column);
    append_json_string(out, d.severity == Severity::warning ? "warning" : "error");
    out += ",\"message\":";
    append_json_string(out, d.message);
    out += ",\"help\":";
    append_json_string(out, d.help);
    out += ",\"code\":";
    append_json_string(out, code_name(d.code));
    out += "}";
  }
  out += "]";
  return out;
}

}  // namespace gavel

// The properties `gavel fmt` keeps, as one check shared by the fuzz target fuzz/fmt_fuzz.cpp
// and the tests of tests/tools/: formatting is idempotent, keeps every token and comment,
// and the formatted file checks and decides as the original does.
#pragma once

#include <fmt/format.h>

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/generator.hpp"
#include "gavel/gavel.hpp"
#include "grammar/format.hpp"

namespace gavel::fuzz {

// The same tokens in another layout, chosen by the bytes: spaces, tabs, line ends of every
// kind, blank lines, and comments at the end of a line or on lines of their own.
inline std::string relayout(std::string_view text, Bytes& in) {
  static const char* const separators[] = {" ", "\n", "\n\n\n", "  // beside\n", "\n  // on a line of its own\n",
                                           "\t", "\r\n", " \n\n// after a blank line\n\n", "\n\n", " "};
  std::string out;
  if (in.one_in(4)) out += "// the file's first words\n\n";
  for (const auto token : grammar::tokens_of(text)) {
    out += token;
    if (token.starts_with("//"))
      out += "\n";
    else
      out += separators[in.pick(10)];
  }
  if (in.one_in(3)) out += "\n// the file's last words\n";
  return out;
}

// A checker's message without the line numbers it names: they move with the layout.
inline std::string without_lines(std::string_view message) {
  std::string out;
  for (std::size_t i = 0; i < message.size(); ++i) {
    out += message[i];
    if (out.ends_with("line ") && i + 1 < message.size() && std::isdigit(static_cast<unsigned char>(message[i + 1]))) {
      out += 'N';
      while (i + 1 < message.size() && std::isdigit(static_cast<unsigned char>(message[i + 1]))) ++i;
    }
  }
  return out;
}

inline std::string describe(const Decision& d) {
  if (d.error) return fmt::format("error at `{}`", d.error->field);
  std::string obligations;
  for (const auto& o : d.obligations) obligations += fmt::format(" {}:{}:{}", o.kind, o.by.value_or("-"), o.rule);
  return fmt::format("{} by [{}] missing [{}] obligations [{}] due {}", d.allow ? "allow" : "deny",
                     fmt::join(d.decided_by, ", "), fmt::join(d.missing, ", "), obligations, d.due.value_or("-"));
}

// What is wrong with formatting `text`, or nothing. `requests` (JSON) are decided with both.
inline std::optional<std::string> format_problem(std::string_view text, const std::vector<std::string>& requests) {
  const FormatResult first = format_policy(text, "original.gavel");
  if (!first.ok()) {
    for (const auto& d : first.diagnostics)
      if (d.message.starts_with("internal error")) return first.report;
    return std::nullopt;  // a file with syntax errors is not formatted: nothing to compare
  }
  const FormatResult second = format_policy(first.text, "formatted.gavel");
  if (!second.ok()) return "the formatted file does not parse:\n" + second.report + "\n" + first.text;
  if (second.text != first.text)
    return fmt::format("formatting is not idempotent:\n--- once\n{}--- twice\n{}", first.text, second.text);
  const LoadResult original = load_policy(text, "original.gavel");
  const LoadResult formatted = load_policy(first.text, "formatted.gavel");
  if (original.diagnostics.size() != formatted.diagnostics.size())
    return fmt::format("the checker says other things:\n{}--- formatted\n{}", original.report, formatted.report);
  for (std::size_t i = 0; i < original.diagnostics.size(); ++i)
    if (without_lines(original.diagnostics[i].message) != without_lines(formatted.diagnostics[i].message))
      return fmt::format("the checker says other things: `{}` becomes `{}`", original.diagnostics[i].message,
                         formatted.diagnostics[i].message);
  if (!original.ok()) return std::nullopt;
  Decider before(original.policy), after(formatted.policy);
  for (const auto& request : requests) {
    const auto a = describe(before.decide(std::string_view(request)));
    const auto b = describe(after.decide(std::string_view(request)));
    if (a != b) return fmt::format("a decision changes: {}\n  original: {}\n  formatted: {}", request, a, b);
  }
  return std::nullopt;
}

}  // namespace gavel::fuzz

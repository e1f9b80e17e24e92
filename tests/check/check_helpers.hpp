// Helpers for the checker's tests: parse a small policy, check it, find a diagnostic by its
// message, and say where a piece of the text is so that expectations stay readable.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "engine/check/checker.hpp"
#include "grammar/parser.hpp"

namespace gavel::check::testing {

// A small clean policy that the tests add to.
inline const std::string base_policy = R"gv(controller "ACME SAS" {
  established in eea
}
countries eea "The European Economic Area" { FR, DE }
category identity "Identity"
category contact_details "Contact details"
date last_contact "The last contact with the person"
purpose newsletter "Send our newsletter" {
  basis consent
  data identity, contact_details
  retain until consent withdrawn, at most 3 years after last_contact
}
purpose support "Answer support requests" {
  basis legitimate_interest
  data identity
  retain 1 year after last_contact
}
)gv";

// Parses (the text must have no syntax error) and checks.
inline std::vector<Diagnostic> check_text(const std::string& text) {
  auto parsed = grammar::parse(Source{"test.gavel", text});
  std::string syntax_errors;
  for (const auto& d : parsed.diagnostics)
    syntax_errors += std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + ": " + d.message + "\n";
  INFO(text);
  INFO(syntax_errors);
  REQUIRE(parsed.diagnostics.empty());
  return check(std::move(parsed.policy)).diagnostics;
}

inline std::string dump(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics)
    out += std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + ": " +
           (d.severity == Severity::error ? "error: " : "warning: ") + d.message + " [help: " + d.help + "]\n";
  return out.empty() ? "(no diagnostics)\n" : out;
}

// The diagnostics whose message contains `part`.
inline std::vector<Diagnostic> with_message(const std::vector<Diagnostic>& diagnostics, std::string_view part) {
  std::vector<Diagnostic> out;
  for (const auto& d : diagnostics)
    if (d.message.find(part) != std::string::npos) out.push_back(d);
  return out;
}

// The only diagnostic of a check (fails the test when there are none or several).
inline Diagnostic only(const std::vector<Diagnostic>& diagnostics) {
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 1);
  return diagnostics.front();
}

struct Position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  bool operator==(const Position&) const = default;
};

// Where the `nth` (1-based) occurrence of `needle` starts in `text`.
inline Position position_of(const std::string& text, std::string_view needle, int nth = 1) {
  std::size_t at = std::string::npos;
  for (std::size_t from = 0; nth > 0; --nth, from = at + 1) {
    at = text.find(needle, from);
    if (at == std::string::npos) FAIL("`" << needle << "` is not in the text");
  }
  Position p{1, 1};
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

inline Position position_of(const Diagnostic& d) { return {d.span.line, d.span.column}; }

}  // namespace gavel::check::testing

namespace Catch {
template <>
struct StringMaker<gavel::check::testing::Position> {
  static std::string convert(const gavel::check::testing::Position& p) {
    return std::to_string(p.line) + ":" + std::to_string(p.column);
  }
};
}  // namespace Catch

// The one-line reason, the what-if row note and the what-if table.
#include "playground/rendering.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "playground/command_parser.hpp"

namespace gavel::playground {

std::string paint(bool allow, bool colour) {
  if (!colour) return allow ? "allow" : "deny";
  return allow ? "\x1b[32mallow\x1b[0m" : "\x1b[31mdeny\x1b[0m";
}

std::string decision_word(const Decision& d) { return d.error ? "error" : d.allow ? "allow" : "deny"; }

std::string because_of(const Decision& d, const std::string& id) {
  for (const auto& t : d.trace)
    if (t.rule == id && !t.because.empty()) return join(t.because, "; ");
  return {};
}

std::string reason(const Decision& d, bool colour) {
  if (d.error) return fmt::format("refused: `{}`: {}", d.error->field, d.error->message);
  std::string out = paint(d.allow, colour);
  if (!d.missing.empty()) {
    // Undetermined: it turns on facts not given, which the person at the keyboard can state.
    out += ", undetermined: not known: " + join(d.missing);
  } else if (!d.decided_by.empty()) {
    out += " by " + join(d.decided_by);
    if (auto b = because_of(d, d.decided_by.front()); !b.empty()) out += ": " + b;
  } else if (!d.trace.empty()) {
    out += ": " + d.trace.back().title;
  }
  if (!d.conflicts.empty()) out += fmt::format(" (rules `{}` and `{}` conflict)", d.conflicts[0].first, d.conflicts[0].second);
  if (d.due) out += fmt::format("; answer due {}, extended {}", *d.due, d.extended_due.value_or("-"));
  return out;
}

std::string row_note(const Comparison& c) {
  const Decision& b = c.then;
  if (b.error) return reason(b);
  if (c.flipped) {
    // The rule that made the difference: what decides now, and what no longer does.
    std::string note = b.allow ? "allowed" : "denied";
    if (!b.decided_by.empty()) {
      note += " by " + join(b.decided_by);
      if (auto because = because_of(b, b.decided_by.front()); !because.empty()) note += ": " + because;
    } else if (!b.trace.empty()) {
      note += ": " + b.trace.back().title;
    }
    if (!c.lost.empty()) note += fmt::format(" ({} no longer decides)", join(c.lost));
    return note;
  }
  if (c.now.decided_by != b.decided_by) {
    std::string note = "the same decision";
    if (!c.gained.empty()) note += ", now also by " + join(c.gained);
    if (!c.lost.empty()) note += fmt::format("{} no longer by {}", c.gained.empty() ? "," : ";", join(c.lost));
    return note;
  }
  return "no change";
}

std::vector<WhatIfRow> what_if_rows(const State& before, const std::vector<Comparison>& compared) {
  std::vector<WhatIfRow> rows;
  for (std::size_t i = 0; i < before.questions.size() && i < compared.size(); ++i)
    rows.push_back({fmt::format("q{} {}", i + 1, before.questions[i].text()), decision_word(compared[i].now),
                    decision_word(compared[i].then), row_note(compared[i])});
  return rows;
}

std::string what_if_table(const std::vector<WhatIfRow>& rows, bool colour) {
  std::size_t width = 8;
  for (const auto& r : rows) width = std::max(width, r.label.size());
  auto pad = [](std::string s, std::size_t n) { return s + std::string(n > s.size() ? n - s.size() : 0, ' '); };
  auto painted = [&](const std::string& d, std::size_t n) {
    std::string s = d == "error" || !colour ? d : paint(d == "allow", colour);
    return s + std::string(n > d.size() ? n - d.size() : 0, ' ');
  };
  std::string out = fmt::format("  {}  {}  {}\n", pad("question", width), pad("now", 5), "what if");
  for (const auto& r : rows)
    out += fmt::format("  {}  {}  {}  {}\n", pad(r.label, width), painted(r.now, 5), painted(r.then, 5), r.note);
  return out;
}

}  // namespace gavel::playground

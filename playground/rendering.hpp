// The playground's answers as text: a decision's one-line reason, the note of a what-if row
// (the rule that made the difference), and the what-if table. The REPL prints them; the
// service's playground API returns them as they are.
#pragma once

#include <string>
#include <vector>

#include "gavel/gavel.hpp"
#include "playground/state.hpp"
#include "playground/what_if_engine.hpp"

namespace gavel::playground {

// `allow` or `deny`, in green or red on a terminal that shows colours.
std::string paint(bool allow, bool colour);
// `allow`, `deny`, or `error` for a refused request.
std::string decision_word(const Decision& d);
// Why the rule `id` applied, from the decision's trace ("; " between the reasons), or empty.
std::string because_of(const Decision& d, const std::string& id);
// "allow by newsletter.consent: consent for `newsletter` given on 2024-01-10 …"
std::string reason(const Decision& d, bool colour = false);
// What a what-if row says of a question compared in two states: "allowed by X: … (Y no longer
// decides)", "the same decision, now also by X", "no change", or the refusal.
std::string row_note(const Comparison& c);

struct WhatIfRow {
  std::string label;  // "q1 may communicate identity for newsletter?"
  std::string now;    // decision_word
  std::string then;
  std::string note;   // row_note
};

// The rows of a what-if: each question of `before` compared with the changed state's.
std::vector<WhatIfRow> what_if_rows(const State& before, const std::vector<Comparison>& compared);
// The table of a what-if: a header line and one line per row, each ending in '\n'.
std::string what_if_table(const std::vector<WhatIfRow>& rows, bool colour = false);

}  // namespace gavel::playground

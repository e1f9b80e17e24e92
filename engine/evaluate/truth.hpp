// The value of a condition under facts that may be unknown (docs/language.md, "Known, not yet
// and unknown facts"): true, false, or unknown, with Kleene's connectives. One byte, ordered
// no < unknown < yes, so that `and` is the smaller value, `or` the larger and `not` the mirror:
// no branch in any of them.
#pragma once

#include <algorithm>
#include <cstdint>

namespace gavel::evaluate {

enum class Truth : std::uint8_t { no = 0, unknown = 1, yes = 2 };

constexpr Truth truth(bool b) { return b ? Truth::yes : Truth::no; }

// Kleene: false if either is false, else unknown if either is unknown, else true.
constexpr Truth kleene_and(Truth a, Truth b) { return std::min(a, b); }
// Kleene: true if either is true, else unknown if either is unknown, else false.
constexpr Truth kleene_or(Truth a, Truth b) { return std::max(a, b); }
// not unknown is unknown.
constexpr Truth kleene_not(Truth a) { return Truth(2 - std::uint8_t(a)); }

constexpr bool is_yes(Truth a) { return a == Truth::yes; }
constexpr bool is_no(Truth a) { return a == Truth::no; }
constexpr bool is_unknown(Truth a) { return a == Truth::unknown; }

static_assert(kleene_and(Truth::yes, Truth::unknown) == Truth::unknown);
static_assert(kleene_and(Truth::no, Truth::unknown) == Truth::no);
static_assert(kleene_or(Truth::yes, Truth::unknown) == Truth::yes);
static_assert(kleene_or(Truth::no, Truth::unknown) == Truth::unknown);
static_assert(kleene_not(Truth::unknown) == Truth::unknown && kleene_not(Truth::yes) == Truth::no);

}  // namespace gavel::evaluate

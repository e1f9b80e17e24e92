// A playground State as JSON, the STATE of the playground's API (docs/playground.md):
//   {"today": DAY, "subject": {...}, "context": {...}, "questions": [QUESTION, ...]}
// `subject` and `context` are exactly the request contract's (docs/request.md), and each
// question is a request's own fields (`action`, `data`, `purpose`, `recipient`, `country`, or
// `right` and `received`). A state is read with the request reader: one contract, one reader.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gavel/gavel.hpp"
#include "playground/state.hpp"

namespace gavel::playground {

// The most questions a state may hold.
inline constexpr std::size_t max_questions = 200;

// The state as a JSON object (no trailing newline).
std::string state_json(const State& state);

// A question as its JSON object.
std::string question_json(const Question& question);

// Reads a state. Nullopt with `error` filled when it is not one: the field named as a path from
// the state (`questions[1].data[0]`, `subject.consent.newsletter.given`, `today`). Names and
// dates inside `subject` are checked as a request's are: when a question is decided.
std::optional<State> read_state(std::string_view json, RequestError& error);

}  // namespace gavel::playground

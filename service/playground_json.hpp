// The playground API's answers as JSON: the REPL's answers (playground/rendering.hpp) as data.
#pragma once

#include <string>

#include <gavel/gavel.hpp>

#include "playground/command_parser.hpp"
#include "playground/state.hpp"

namespace gavel::service {

// {"answers": [ANSWER, ...]}: each question decided, its one-line reason, the decision as
// `gavel decide --explain` prints it (with its trace when `trace`), and the request decided.
std::string answers_json(Decider& decider, const playground::State& state, bool trace);

// Why a question is not allowed, with each way's changed state (docs/playground.md).
std::string why_not_json(Decider& decider, const playground::PolicyWords& words, const playground::State& state,
                         std::size_t question);

// {"rows": [...]}: every question in both states, with the rule that made the difference;
// with `done` (a change given as a command) also the changed state and what the change did.
std::string what_if_json(Decider& decider, const playground::State& state, const playground::State& changed,
                         const std::string* done);

// [{"name", "title", "text"}]: the rule files shipped with gavel.
std::string bundled_policies_json();

}  // namespace gavel::service

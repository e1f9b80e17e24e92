// The playground's what-if engine: a state's questions decided, two states compared question
// by question, a change (`A and B`) applied to a copy of a state, and why-not with the state
// each way leads to. Nothing here prints: playground/rendering.hpp words the results.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gavel/gavel.hpp"
#include "playground/command_parser.hpp"
#include "playground/state.hpp"

namespace gavel::playground {

// A question decided on the facts, with its trace (the reasons are read from it).
Decision decide_question(Decider& decider, const Question& q, const Facts& f, bool explain = false);
// Every question of a state, in order.
std::vector<Decision> decide_state(Decider& decider, const State& s, bool explain = false);

// `s` under a change written as words, several joined by `and` (`what if A and B`); `done`
// gets what it did, in words ("consent for newsletter withdrawn on 2026-03-01 and …").
// Refuses (Refused) a change it cannot make.
State changed_state(const PolicyWords& names, const State& s, const std::vector<std::string>& change,
                    std::string* done = nullptr);

// A question decided in two states, and the rules that made the difference.
struct Comparison {
  Decision now, then;
  bool flipped = false;             // allow became deny or deny allow, or one of them is refused
  std::vector<std::string> gained;  // what decides `then` and did not decide `now`
  std::vector<std::string> lost;    // what decided `now` and no longer decides `then`
};
Comparison compare(const Decision& now, const Decision& then);
// Each question of `before` against the same question of `after`, in order.
std::vector<Comparison> compare_states(Decider& decider, const State& before, const State& after);

// The questions of `before` whose decision differs in `after` (by question number, 0-based).
std::vector<std::size_t> flips(Decider& decider, const State& before, const State& after);

// Why a question is not allowed, and where each way of allowing it leads.
struct WhyNotAnswer {
  Request request;
  Decision decision;              // as it is (with its trace)
  std::optional<WhyNot> answer;   // none when it is allowed or refused
  // One per way of `answer`: the state after its changes, or none when a change is not one
  // the playground can state (the way's commands are then only advice).
  std::vector<std::optional<State>> states;
};
WhyNotAnswer why_not_question(Decider& decider, const PolicyWords& names, const State& s, std::size_t question);

// The scenario file `gavel test` replays for a state's questions, naming the policy as
// `policy_file`; a question the policy refuses is left out, its number and reason put in
// `left_out`.
std::string scenario_json(Decider& decider, const State& s, const std::string& policy_file,
                          std::vector<std::pair<std::size_t, std::string>>* left_out = nullptr);

}  // namespace gavel::playground

// What if, why and why not: the questions asked again under a change, side by side; the
// questions that flip after a change; the full reasons of a decision and the changes that
// would turn a deny into an allow.
#include "playground/session_impl.hpp"

namespace gavel::playground {

void Session::Impl::what_if(const std::vector<std::string>& change) {
  std::string done;
  const State changed = changed_state(*this, state, change, &done);
  if (state.questions.empty()) {
    print("what if {}: no question to ask again", done);
    return;
  }
  const auto rows = what_if_rows(state, compare_states(*decider, state, changed));
  print("what if {}:", join(change, " "));
  out += what_if_table(rows, colour);
}

void Session::Impl::print_flips(const State& before, const State& after) {
  for (const std::size_t i : flips(*decider, before, after))
    print("  q{} now {}", i + 1, reason(decide(after.questions[i], after.facts)));
}

void Session::Impl::why(const std::vector<std::string>& w) {
  Words in{w, 1, "why [qN]` or `why not [qN]"};
  const bool not_ = in.peek() && *in.peek() == "not";
  if (not_) ++in.i, in.usage = "why not [qN]";
  const std::size_t i = question_index(in);
  const Question& q = state.questions[i];
  if (!not_) {
    const Decision d = decide(q, state.facts, true);
    if (d.error) throw Refused{reason(d), {}};
    out += d.explanation;
    if (!d.explanation.empty() && d.explanation.back() != '\n') out += '\n';
    return;
  }
  const WhyNotAnswer w_not = why_not_question(*decider, *this, state, i);
  const Decision& d = w_not.decision;
  if (d.error) throw Refused{reason(d), {}};
  print("q{} {}", i + 1, reason(d));
  if (d.allow) return print("It is allowed: nothing needs to change.");
  const auto& answer = w_not.answer;
  out += answer ? answer->explanation : "No answer.\n";
  if (answer && answer->possible()) {
    std::vector<std::string> commands;
    for (const auto& c : answer->ways.front().changes) commands.push_back(c.command);
    print("Try it: `what if {}`", join(commands, " and "));
  }
}

}  // namespace gavel::playground

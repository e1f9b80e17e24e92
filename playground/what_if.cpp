// What if, why and why not: the questions asked again under a change, side by side; the
// questions that flip after a change; the full reasons of a decision and the changes that
// would turn a deny into an allow.
#include "playground/session_impl.hpp"

#include <algorithm>

namespace gavel::playground {

void Session::Impl::what_if(const std::vector<std::string>& change) {
  if (change.empty()) throw Refused{"expected a change after `what if`", {}};
  // Several changes at once: `what if A and B` (`and` is never a name).
  State changed = state;
  std::vector<std::string> done_parts, part;
  for (std::size_t i = 0; i <= change.size(); ++i) {
    if (i < change.size() && change[i] != "and") {
      part.push_back(change[i]);
      continue;
    }
    if (part.empty()) throw Refused{"expected a change on each side of `and`", "write `what if CHANGE and CHANGE`"};
    done_parts.push_back(apply(changed, part, true));
    part.clear();
  }
  const std::string done = join(done_parts, " and ");
  if (state.questions.empty()) {
    print("what if {}: no question to ask again", done);
    return;
  }
  struct Row {
    std::string label, now, then, note;
  };
  std::vector<Row> rows;
  std::size_t width = 8;
  for (std::size_t i = 0; i < state.questions.size(); ++i) {
    const Decision a = decide(state.questions[i], state.facts);
    const Decision b = decide(changed.questions[i], changed.facts);
    Row row{fmt::format("q{} {}", i + 1, state.questions[i].text()), a.error ? "error" : a.allow ? "allow" : "deny",
            b.error ? "error" : b.allow ? "allow" : "deny", ""};
    if (b.error) {
      row.note = reason(b);
    } else if (a.error || a.allow != b.allow) {
      // The rule that made the difference: what decides now, and what no longer does.
      std::vector<std::string> gone;
      for (const auto& id : a.decided_by)
        if (!contains(b.decided_by, id)) gone.push_back(id);
      row.note = b.allow ? "allowed" : "denied";
      if (!b.decided_by.empty()) {
        row.note += " by " + join(b.decided_by);
        if (auto because = because_of(b, b.decided_by.front()); !because.empty()) row.note += ": " + because;
      } else if (!b.trace.empty()) {
        row.note += ": " + b.trace.back().title;
      }
      if (!gone.empty()) row.note += fmt::format(" ({} no longer decides)", join(gone));
    } else if (a.decided_by != b.decided_by) {
      std::vector<std::string> added, removed;
      for (const auto& id : b.decided_by)
        if (!contains(a.decided_by, id)) added.push_back(id);
      for (const auto& id : a.decided_by)
        if (!contains(b.decided_by, id)) removed.push_back(id);
      row.note = "the same decision";
      if (!added.empty()) row.note += ", now also by " + join(added);
      if (!removed.empty()) row.note += fmt::format("{} no longer by {}", added.empty() ? "," : ";", join(removed));
    } else {
      row.note = "no change";
    }
    width = std::max(width, row.label.size());
    rows.push_back(std::move(row));
  }
  print("what if {}:", join(change, " "));
  auto pad = [](std::string s, std::size_t n) { return s + std::string(n > s.size() ? n - s.size() : 0, ' '); };
  auto painted = [&](const std::string& d, std::size_t n) {
    std::string s = d == "error" || !colour ? d : paint(d == "allow");
    return s + std::string(n > d.size() ? n - d.size() : 0, ' ');
  };
  print("  {}  {}  {}", pad("question", width), pad("now", 5), "what if");
  for (const auto& r : rows)
    print("  {}  {}  {}  {}", pad(r.label, width), painted(r.now, 5), painted(r.then, 5), r.note);
}

void Session::Impl::print_flips(const State& before, const State& after) {
  for (std::size_t i = 0; i < after.questions.size() && i < before.questions.size(); ++i) {
    const Decision a = decide(before.questions[i], before.facts);
    const Decision b = decide(after.questions[i], after.facts);
    if (a.error || b.error || a.allow != b.allow) print("  q{} now {}", i + 1, reason(b));
  }
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
  const Request r = request_of(q, state.facts);
  const Decision d = decider->decide(r, {.trace = true});
  if (d.error) throw Refused{reason(d), {}};
  print("q{} {}", i + 1, reason(d));
  if (d.allow) return print("It is allowed: nothing needs to change.");
  auto answer = why_not(*decider, r);
  out += answer ? answer->explanation : "No answer.\n";
  if (answer && answer->possible()) {
    std::vector<std::string> commands;
    for (const auto& c : answer->ways.front().changes) commands.push_back(c.command);
    print("Try it: `what if {}`", join(commands, " and "));
  }
}

}  // namespace gavel::playground

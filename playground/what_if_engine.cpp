// Deciding a state's questions, comparing two states, why-not with each way's state, and the
// scenario file of a state.
#include "playground/what_if_engine.hpp"

#include <fmt/format.h>

#include "playground/rendering.hpp"

namespace gavel::playground {

Decision decide_question(Decider& decider, const Question& q, const Facts& f, bool explain) {
  return decider.decide(request_of(q, f), {.trace = true, .explain = explain});
}

std::vector<Decision> decide_state(Decider& decider, const State& s, bool explain) {
  std::vector<Decision> out;
  out.reserve(s.questions.size());
  for (const auto& q : s.questions) out.push_back(decide_question(decider, q, s.facts, explain));
  return out;
}

State changed_state(const PolicyWords& names, const State& s, const std::vector<std::string>& change,
                    std::string* done) {
  if (change.empty()) throw Refused{"expected a change after `what if`", {}};
  // Several changes at once: `what if A and B` (`and` is never a name).
  State changed = s;
  std::vector<std::string> done_parts, part;
  for (std::size_t i = 0; i <= change.size(); ++i) {
    if (i < change.size() && change[i] != "and") {
      part.push_back(change[i]);
      continue;
    }
    if (part.empty()) throw Refused{"expected a change on each side of `and`", "write `what if CHANGE and CHANGE`"};
    done_parts.push_back(apply_change(names, changed, part, true));
    part.clear();
  }
  if (done) *done = join(done_parts, " and ");
  return changed;
}

Comparison compare(const Decision& now, const Decision& then) {
  Comparison c;
  c.now = now;
  c.then = then;
  c.flipped = now.error || then.error || now.allow != then.allow;
  for (const auto& id : then.decided_by)
    if (!contains(now.decided_by, id)) c.gained.push_back(id);
  for (const auto& id : now.decided_by)
    if (!contains(then.decided_by, id)) c.lost.push_back(id);
  return c;
}

std::vector<Comparison> compare_states(Decider& decider, const State& before, const State& after) {
  std::vector<Comparison> out;
  for (std::size_t i = 0; i < after.questions.size() && i < before.questions.size(); ++i)
    out.push_back(compare(decide_question(decider, before.questions[i], before.facts),
                          decide_question(decider, after.questions[i], after.facts)));
  return out;
}

std::vector<std::size_t> flips(Decider& decider, const State& before, const State& after) {
  std::vector<std::size_t> out;
  const auto rows = compare_states(decider, before, after);
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows[i].flipped) out.push_back(i);
  return out;
}

WhyNotAnswer why_not_question(Decider& decider, const PolicyWords& names, const State& s, std::size_t question) {
  WhyNotAnswer out;
  out.request = request_of(s.questions.at(question), s.facts);
  out.decision = decider.decide(out.request, {.trace = true});
  if (out.decision.error || out.decision.allow) return out;
  out.answer = why_not(decider, out.request);
  if (!out.answer) return out;
  for (const auto& way : out.answer->ways) {
    std::vector<std::string> words;
    for (const auto& c : way.changes) {
      if (!words.empty()) words.push_back("and");
      for (auto& w : tokenize(c.command)) words.push_back(std::move(w));
    }
    try {
      out.states.push_back(changed_state(names, s, words));
    } catch (const Refused&) {
      out.states.push_back(std::nullopt);
    }
  }
  return out;
}

std::string scenario_json(Decider& decider, const State& s, const std::string& policy_file,
                          std::vector<std::pair<std::size_t, std::string>>* left_out) {
  std::string json = "{\n  \"policy\": ";
  append_json_string(json, policy_file);
  json += ",\n  \"cases\": [";
  std::size_t saved = 0;
  for (std::size_t i = 0; i < s.questions.size(); ++i) {
    const Question& q = s.questions[i];
    const Request r = request_of(q, s.facts);
    const Decision d = decider.decide(r);
    if (d.error) {
      if (left_out) left_out->emplace_back(i, reason(d));
      continue;
    }
    json += saved++ ? ",\n    {" : "\n    {";
    json += "\n      \"name\": ";
    append_json_string(json, fmt::format("q{}: {} on {}", i + 1, q.text(), r.at));
    json += ",\n      \"request\": " + to_json(r);
    json += fmt::format(",\n      \"expect\": {{\"decision\": \"{}\", \"decided_by\": [", d.allow ? "allow" : "deny");
    for (std::size_t k = 0; k < d.decided_by.size(); ++k) {
      if (k) json += ", ";
      append_json_string(json, d.decided_by[k]);
    }
    json += "], \"missing\": [";
    for (std::size_t k = 0; k < d.missing.size(); ++k) {
      if (k) json += ", ";
      append_json_string(json, d.missing[k]);
    }
    json += "], \"obligations\": [";
    for (std::size_t k = 0; k < d.obligations.size(); ++k) {
      const auto& o = d.obligations[k];
      json += fmt::format("{}{{\"kind\": \"{}\", \"by\": {}}}", k ? ", " : "", o.kind,
                          o.by ? fmt::format("\"{}\"", *o.by) : "null");
    }
    json += "]";
    if (d.due) json += fmt::format(", \"due\": \"{}\"", *d.due);
    if (d.extended_due) json += fmt::format(", \"extended_due\": \"{}\"", *d.extended_due);
    json += "}\n    }";
  }
  json += "\n  ]\n}\n";
  return json;
}

}  // namespace gavel::playground

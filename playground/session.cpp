// The session: one policy, the facts and the questions; each command dispatched to the part of
// the session that does its job (see playground/session_impl.hpp), and its refusal shown.
#include "playground/session_impl.hpp"

#include <algorithm>

namespace gavel::playground {

void Session::Impl::use(std::shared_ptr<const Policy> p) {
  policy = std::move(p);
  decider.emplace(policy);
  vocab = vocabulary(*policy);
}

void Session::Impl::run(const std::vector<std::string>& w, std::string_view line) {
  const std::string& head = w[0];
  if (head == "help") return help(w);
  if (head == "quit" || head == "exit") return;
  if (head == "may" || head == "request") {
    Question q = parse_question(w);
    const Decision d = decide(q, state.facts);
    if (d.error) {
      auto help = d.error->help.empty() ? std::string() : d.error->help;
      throw Refused{fmt::format("the question is refused: `{}`: {}", d.error->field, d.error->message), help};
    }
    remember(std::string(line));
    state.questions.push_back(q);
    print("q{} {}", state.questions.size(), reason(d));
    return;
  }
  if (head == "ask") {
    Words{w, 1, "ask"}.end();
    if (state.questions.empty()) print("no question asked yet");
    for (std::size_t i = 0; i < state.questions.size(); ++i)
      print("q{} {} {}", i + 1, state.questions[i].text(), reason(decide(state.questions[i], state.facts)));
    return;
  }
  if (head == "why") return why(w);
  if (head == "json") {
    Words in{w, 1, "json [qN]` or `json request [qN]"};
    const bool request = in.peek() && *in.peek() == "request";
    if (request) ++in.i, in.usage = "json request [qN]";
    const std::size_t i = question_index(in);
    const std::string json = to_json(request_of(state.questions[i], state.facts));
    if (request) return print("{}", json);  // what `gavel decide POLICY -` reads
    std::string response;
    decider->decide_json(json, response);
    print("{}", response);
    return;
  }
  if (head == "facts") {
    Words{w, 1, "facts"}.end();
    return print_facts();
  }
  if (head == "rule") {
    Words in{w, 1, "rule [ID]"};
    if (in.done()) {
      for (const auto& r : vocab.rules) print("{}: {}", r.id, r.title);
      return;
    }
    const std::string id = name(in.next("a rule id"), rule_ids(), "rule");
    in.end();
    return print_rule(id);
  }
  if (head == "what") {
    Words in{w, 1, "what if CHANGE"};
    in.keyword("if");
    if (in.done()) in.next("a change, like `consent withdrawn newsletter 2026-03-01`");
    return what_if(std::vector<std::string>(w.begin() + 2, w.end()));
  }
  if (head == "undo") {
    Words{w, 1, "undo"}.end();
    if (history.empty()) throw Refused{"nothing to undo", {}};
    State before = state;
    state = std::move(history.back().first);
    print("undone: {}", history.back().second);
    history.pop_back();
    return print_flips(before, state);
  }
  if (head == "load" || head == "reload") {
    Words in{w, 1, head == "load" ? "load FILE" : "reload"};
    std::string path = policy_path;
    if (head == "load") path = in.next("a rule file");
    in.end();
    return load(path);
  }
  if (head == "save") {
    Words in{w, 1, "save FILE[, replacing it]"};
    const std::string path = in.next("a file name");
    Existing existing = Existing::keep;
    if (!in.done()) {
      in.keyword("replacing");
      in.keyword("it");
      existing = Existing::replace;
    }
    in.end();
    return save(path, existing);
  }
  // A change of the facts or of the day.
  State before = state;
  const std::string done = apply(state, w, false);
  history.emplace_back(std::move(before), std::string(line));
  print("ok: {}", done);
  print_flips(history.back().first, state);
}

void Session::Impl::print_rule(const std::string& id) {
  for (const auto& r : vocab.rules) {
    if (r.id != id) continue;
    print("rule {} ({}, {}): {}", r.id, r.conclusion, r.source, r.title);
    if (!r.cites.empty()) print("  cites: {}", join(r.cites, "; "));
    if (!r.says.empty()) print("  says: \"{}\"", r.says);
    print("  when: {}", r.when.empty() ? "always" : r.when);
    if (!r.exceptions.empty()) print("  unless: {}", join(r.exceptions, "; "));
    if (!r.overrides.empty()) print("  overrides: {}", join(r.overrides));
  }
}

void Session::Impl::print_facts() {
  const Facts& f = state.facts;
  print("today {}", f.today);
  std::size_t n = 0;
  for (const auto& [purpose, c] : f.consent) {
    ++n;
    if (c.never_given) {
      print("consent never given {}", purpose);
      continue;
    }
    print("{}consent given {} {}", c.explicit_consent ? "explicit " : "", purpose, c.given);
    if (c.withdrawn) print("consent withdrawn {} {}", purpose, *c.withdrawn);
  }
  for (const auto& [purpose, basis] : f.bases) print("basis of record {} {}", purpose, basis), ++n;
  for (const auto& o : f.objections) print("objected to {} {}", o.to, o.at), ++n;
  if (f.restriction) {
    ++n;
    if (f.restriction->until) print("restricted since {} until {}", f.restriction->since, *f.restriction->until);
    else print("restricted since {}", f.restriction->since);
  }
  if (f.unlawful) print("unlawful"), ++n;
  for (const auto& [name, date] : f.dates) print("{} {}", name, date.value_or("not yet")), ++n;
  for (const auto& [fact, since] : f.recorded) {
    if (since) print("{} since {}", fact, *since);
    else print("not {}", fact);
    ++n;
  }
  if (f.born) print("born {}", *f.born), ++n;
  if (f.age) print("age {}", *f.age), ++n;
  for (const auto& c : f.context) print("assert {}", c), ++n;
  if (n == 0) print("# no facts about the person or the context yet");
  if (state.questions.empty()) return print("# no question asked yet");
  for (std::size_t i = 0; i < state.questions.size(); ++i) print("{}  # q{}", state.questions[i].text(), i + 1);
}

Session::Session(std::string policy_path, std::shared_ptr<const Policy> policy, std::string today, bool colour)
    : impl_(std::make_unique<Impl>()) {
  impl_->policy_path = std::move(policy_path);
  impl_->use(std::move(policy));
  impl_->colour = colour;
  impl_->state.facts.today = std::move(today);
}

Session::~Session() = default;

const State& Session::state() const { return impl_->state; }

Output Session::execute(std::string_view command) {
  auto& s = *impl_;
  s.out.clear();
  const auto words = tokenize(command);
  if (words.empty() || words[0][0] == '#') return {};
  Output result;
  try {
    const std::string& head = words[0];
    auto known = command_words();
    const bool is_command = contains(known, head) || contains(s.vocab.dates, head) ||
                            contains(s.vocab.recorded_facts, head) || head == "recipient" ||
                            head == "country" || head == "data" || head == "no";
    if (!is_command) {
      auto candidates = s.command_words_with_dates();
      auto near = did_you_mean(head, candidates);
      throw Refused{fmt::format("unknown command `{}`", head),
                    near.empty() ? "`help` lists every command" : near + " (`help` lists every command)"};
    }
    s.run(words, command);
    result.quit = head == "quit" || head == "exit";
  } catch (const Refused& r) {
    s.out += fmt::format("error: {}\n", r.message);
    if (!r.help.empty()) s.out += fmt::format("  = help: {}\n", r.help);
    result.ok = false;
  }
  result.text = std::move(s.out);
  return result;
}

}  // namespace gavel::playground

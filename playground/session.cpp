#include "playground/session.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "engine/dates/date.hpp"
#include "grammar/diagnostics.hpp"

namespace gavel::playground {

namespace {

namespace fs = std::filesystem;

// A command the session refuses, with what was expected.
struct Refused {
  std::string message;
  std::string help;
};

struct CommandHelp {
  std::string_view word;  // the first word, for `help WORD`
  std::string_view usage;
  std::string_view example;
  std::string_view meaning;
};

// Every command, in the order `help` lists them.
const std::vector<CommandHelp>& command_table() {
  static const std::vector<CommandHelp> table = {
      {"today", "today DATE", "today 2026-11-26", "the day the questions are asked on"},
      {"consent", "consent given PURPOSE DATE", "consent given newsletter 2024-01-10", "the person consented to a purpose"},
      {"consent", "consent withdrawn PURPOSE DATE", "consent withdrawn newsletter 2026-03-01",
       "the person withdrew that consent"},
      {"objected", "objected to PURPOSE|GROUP DATE", "objected to direct_marketing 2026-02-01",
       "the person objected to a purpose or a group of purposes"},
      {"restricted", "restricted since DATE [until DATE]", "restricted since 2026-10-01 until 2026-12-31",
       "processing is restricted for that period"},
      {"unlawful", "unlawful | not unlawful", "unlawful", "the data was (or was not) found to be processed unlawfully"},
      {"DATE_NAME", "DATE_NAME DATE", "last_contact 2025-05-01", "a date retention counts from (see `help dates`)"},
      {"assert", "assert FACT", "assert legal_claims", "the controller asserts a fact about the action"},
      {"retract", "retract FACT", "retract legal_claims", "the controller no longer asserts it"},
      {"forget", "forget consent PURPOSE | objection TARGET | restriction | DATE_NAME | questions | everything",
       "forget objection direct_marketing", "remove a fact (or the questions, or all)"},
      {"may", "may ACTION DATA for PURPOSE [with RECIPIENT] [in COUNTRY]?",
       "may communicate identity, contact_details for newsletter with salesforce?",
       "ask whether an action is allowed today: the decision and its main reason"},
      {"request", "request RIGHT for PURPOSE [received DATE]", "request erasure for newsletter received 2026-08-05",
       "ask whether a rights request must be granted, and by when"},
      {"ask", "ask", "ask", "ask every question of the session again"},
      {"why", "why [qN]", "why q1", "the full reasons of a decision (the last question by default)"},
      {"why", "why not [qN]", "why not q1", "for a deny: the smallest changes that would make it an allow"},
      {"json", "json [qN]", "json q1", "the response exactly as `gavel decide` returns it"},
      {"json", "json request [qN]", "json request q1", "the request as JSON, for `gavel decide POLICY -`"},
      {"facts", "facts", "facts", "the day, the facts and the questions of the session, as commands"},
      {"rule", "rule [ID]", "rule retention-over",
       "a rule of the policy: its conclusion, condition, exceptions and citations (without ID: every rule)"},
      {"what", "what if CHANGE [and CHANGE]", "what if consent withdrawn newsletter 2026-03-01",
       "ask every question again under a change, side by side, keeping the facts; CHANGE is a fact command, "
       "`today DATE`, `recipient R`, `no recipient`, `country CC`, `no country` or `data A, B`"},
      {"undo", "undo", "undo", "step back the last change to the day, the facts or the questions"},
      {"load", "load FILE", "load rules/flexis.gavel", "use another policy (the current one stays if it has errors)"},
      {"reload", "reload", "reload", "read the policy file again after editing it"},
      {"save", "save FILE", "save session.json", "write the questions and their answers as a scenario for `gavel test`"},
      {"help", "help [COMMAND]", "help what", "this list, or the commands starting with a word"},
      {"quit", "quit", "quit", "leave the playground (also `exit`, or Ctrl-D)"},
  };
  return table;
}

std::vector<std::string> tokenize(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false, in_word = false;
  auto flush = [&] {
    if (in_word) words.push_back(word);
    word.clear();
    in_word = false;
  };
  for (char c : line) {
    if (quoted) {
      if (c == '"') quoted = false;
      else word += c;
    } else if (c == '"') {
      quoted = in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
      flush();
    } else {
      word += c;
      in_word = true;
    }
  }
  flush();
  // A question mark ends a question; it is not part of the last name.
  if (!words.empty() && words.back() == "?") words.pop_back();
  else if (!words.empty() && words.back().size() > 1 && words.back().back() == '?') words.back().pop_back();
  return words;
}

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  return fmt::format("{}", fmt::join(items, sep));
}

bool contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& names) {
  const std::vector<std::string_view> views(names.begin(), names.end());
  auto near = nearest_name(word, views);
  return near.empty() ? std::string() : fmt::format("did you mean `{}`?", near);
}

std::string check_date(const std::string& text, std::string_view what) {
  if (dates::parse_date(text)) return text;
  throw Refused{fmt::format("expected {} in YYYY-MM-DD form, got `{}`: {}", what, text, dates::date_error_message(text)),
                "dates are written like 2026-11-26"};
}

}  // namespace

std::string Question::text() const {
  if (action == "request")
    return fmt::format("request {} for {}{}", right.value_or("?"), purpose,
                       received ? fmt::format(" received {}", *received) : std::string());
  std::string out = fmt::format("may {} {} for {}", action, join(data), purpose);
  if (recipient) out += " with " + *recipient;
  if (country) out += " in " + *country;
  return out + "?";
}

bool continues(std::string_view text) {
  bool quoted = false;
  for (char c : text)
    if (c == '"') quoted = !quoted;
  if (quoted) return true;
  auto end = text.find_last_not_of(" \t\r");
  return end != std::string_view::npos && text[end] == '\\';
}

void join_continuation(std::string& text, std::string_view next) {
  bool quoted = false;
  for (char c : text)
    if (c == '"') quoted = !quoted;
  if (!quoted) text.erase(text.find_last_of('\\'));
  // One space where the lines meet, inside a quote as outside it.
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  const auto start = next.find_first_not_of(" \t");
  text += ' ';
  if (start != std::string_view::npos) text += next.substr(start);
}

struct Session::Impl {
  std::string policy_path;
  std::shared_ptr<const Policy> policy;
  std::optional<Decider> decider;
  Vocabulary vocab;
  bool colour = false;
  State state;
  std::vector<std::pair<State, std::string>> history;  // for `undo`: the state before each change
  std::string out;
  bool ok = true;

  void use(std::shared_ptr<const Policy> p) {
    policy = std::move(p);
    decider.emplace(policy);
    vocab = vocabulary(*policy);
  }

  template <class... Args>
  void print(fmt::format_string<Args...> format, Args&&... args) {
    out += fmt::format(format, std::forward<Args>(args)...);
    out += '\n';
  }

  std::string paint(bool allow) const {
    if (!colour) return allow ? "allow" : "deny";
    return allow ? "\x1b[32mallow\x1b[0m" : "\x1b[31mdeny\x1b[0m";
  }

  // ---- names ----------------------------------------------------------------------------

  std::vector<std::string> purpose_names() const {
    std::vector<std::string> out;
    for (const auto& p : vocab.purposes) out.push_back(p.name);
    return out;
  }
  std::vector<std::string> target_names() const {
    auto out = purpose_names();
    out.insert(out.end(), vocab.groups.begin(), vocab.groups.end());
    return out;
  }
  std::vector<std::string> recipient_names() const {
    std::vector<std::string> out;
    for (const auto& r : vocab.recipients) out.push_back(r.name);
    return out;
  }
  std::vector<std::string> country_codes() const {
    std::vector<std::string> out;
    for (const auto& l : vocab.country_lists)
      for (const auto& c : l.members)
        if (!contains(out, c)) out.push_back(c);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<std::string> processing_actions() const {
    std::vector<std::string> out = vocab.actions;
    std::erase(out, "request");
    return out;
  }

  static std::string name(const std::string& word, const std::vector<std::string>& names, std::string_view kind) {
    if (contains(names, word)) return word;
    throw Refused{fmt::format("unknown {} `{}`", kind, word),
                  [&] {
                    auto near = did_you_mean(word, names);
                    return near.empty() ? fmt::format("the policy knows: {}", join(names)) : near;
                  }()};
  }

  // ---- words ----------------------------------------------------------------------------

  struct Words {
    const std::vector<std::string>& w;
    std::size_t i = 0;
    std::string usage;
    bool done() const { return i >= w.size(); }
    const std::string* peek() const { return done() ? nullptr : &w[i]; }
    std::string next(std::string_view what) {
      if (done()) throw Refused{fmt::format("expected {} at the end", what), fmt::format("write `{}`", usage)};
      return w[i++];
    }
    void keyword(std::string_view k) {
      if (done() || w[i] != k)
        throw Refused{fmt::format("expected `{}`{}", k, done() ? " at the end" : fmt::format(", got `{}`", w[i])),
                      fmt::format("write `{}`", usage)};
      ++i;
    }
    void end() {
      if (!done())
        throw Refused{fmt::format("unexpected `{}` after the command", w[i]), fmt::format("write `{}`", usage)};
    }
  };

  // ---- facts ----------------------------------------------------------------------------

  // Applies a change of the facts, of the day or (in a what-if only) of the questions.
  // Returns what it did, in words.
  std::string apply(State& s, const std::vector<std::string>& w, bool what_if) {
    Facts& f = s.facts;
    const std::string& head = w[0];
    if (head == "today") {
      Words in{w, 1, "today DATE"};
      f.today = check_date(in.next("a date"), "a date");
      in.end();
      return fmt::format("today is {}", f.today);
    }
    if (head == "consent") {
      Words in{w, 1, "consent given PURPOSE DATE` or `consent withdrawn PURPOSE DATE"};
      const std::string how = in.next("`given` or `withdrawn`");
      if (how != "given" && how != "withdrawn")
        throw Refused{fmt::format("expected `given` or `withdrawn` after `consent`, got `{}`", how),
                      "write `consent given newsletter 2024-01-10` or `consent withdrawn newsletter 2026-03-01`"};
      in.usage = how == "given" ? "consent given PURPOSE DATE" : "consent withdrawn PURPOSE DATE";
      const std::string purpose = name(in.next("a purpose"), purpose_names(), "purpose");
      const std::string day = check_date(in.next("a date"), "a date");
      in.end();
      if (how == "given") {
        f.consent[purpose] = ConsentRecord{day, std::nullopt};
        return fmt::format("consent for {} given on {}", purpose, day);
      }
      auto it = f.consent.find(purpose);
      if (it == f.consent.end())
        throw Refused{fmt::format("no consent for {} to withdraw", purpose),
                      fmt::format("state it first: `consent given {} DATE`", purpose)};
      if (day < it->second.given)
        throw Refused{fmt::format("consent for {} was given on {}: it cannot be withdrawn before, on {}", purpose,
                                  it->second.given, day),
                      {}};
      it->second.withdrawn = day;
      return fmt::format("consent for {} withdrawn on {}", purpose, day);
    }
    if (head == "objected") {
      Words in{w, 1, "objected to PURPOSE|GROUP DATE"};
      in.keyword("to");
      const std::string target = name(in.next("a purpose or a group"), target_names(), "purpose or group");
      const std::string day = check_date(in.next("a date"), "a date");
      in.end();
      std::erase_if(f.objections, [&](const Objection& o) { return o.to == target; });
      f.objections.push_back({target, day});
      return fmt::format("objection to {} on {}", target, day);
    }
    if (head == "restricted") {
      Words in{w, 1, "restricted since DATE [until DATE]"};
      in.keyword("since");
      Restriction r{check_date(in.next("a date"), "a date"), std::nullopt};
      if (!in.done()) {
        in.keyword("until");
        r.until = check_date(in.next("a date"), "a date");
        if (*r.until < r.since)
          throw Refused{fmt::format("a restriction cannot end on {}, before it starts on {}", *r.until, r.since), {}};
      }
      in.end();
      f.restriction = r;
      return r.until ? fmt::format("restricted from {} through {}", r.since, *r.until)
                     : fmt::format("restricted from {} on", r.since);
    }
    if (head == "unlawful") {
      Words{w, 1, "unlawful"}.end();
      f.unlawful = true;
      return "the data was found to be processed unlawfully";
    }
    if (head == "not") {
      Words in{w, 1, "not unlawful"};
      in.keyword("unlawful");
      in.end();
      f.unlawful = false;
      return "the data is not found to be processed unlawfully";
    }
    if (head == "assert" || head == "retract") {
      Words in{w, 1, head == "assert" ? "assert FACT" : "retract FACT"};
      const std::string fact = name(in.next("a context fact"), vocab.context_facts, "context fact");
      in.end();
      std::erase(f.context, fact);
      if (head == "assert") f.context.push_back(fact);
      return fmt::format("{} {}", head == "assert" ? "asserting" : "not asserting", fact);
    }
    if (contains(vocab.dates, head)) {
      Words in{w, 1, "DATE_NAME DATE"};
      in.usage = head + " DATE";
      f.dates[head] = check_date(in.next("a date"), "a date");
      in.end();
      return fmt::format("{} is {}", head, f.dates[head]);
    }
    if (head == "forget") {
      Words in{w, 1, "forget consent PURPOSE | objection TARGET | restriction | DATE_NAME | questions | everything"};
      const std::string what = in.next("what to forget");
      if (what == "consent") {
        const std::string purpose = name(in.next("a purpose"), purpose_names(), "purpose");
        in.end();
        if (!f.consent.erase(purpose)) throw Refused{fmt::format("no consent for {} to forget", purpose), {}};
        return fmt::format("no consent record for {}", purpose);
      }
      if (what == "objection") {
        const std::string target = name(in.next("a purpose or a group"), target_names(), "purpose or group");
        in.end();
        if (!std::erase_if(f.objections, [&](const Objection& o) { return o.to == target; }))
          throw Refused{fmt::format("no objection to {} to forget", target), {}};
        return fmt::format("no objection to {}", target);
      }
      in.end();
      if (what == "restriction") {
        f.restriction.reset();
        return "no restriction";
      }
      if (what == "unlawful") {
        f.unlawful = false;
        return "the data is not found to be processed unlawfully";
      }
      if (contains(vocab.dates, what)) {
        f.dates.erase(what);
        return fmt::format("{} unknown", what);
      }
      if (what == "questions" && !what_if) {
        s.questions.clear();
        return "no questions";
      }
      if (what == "everything" && !what_if) {
        s = State{Facts{f.today, {}, {}, {}, false, {}, {}}, {}};
        return "no facts, no questions";
      }
      std::vector<std::string> things{"consent", "objection", "restriction", "unlawful", "questions", "everything"};
      things.insert(things.end(), vocab.dates.begin(), vocab.dates.end());
      throw Refused{fmt::format("cannot forget `{}`", what), did_you_mean(what, things).empty()
                                                               ? fmt::format("write `{}`", in.usage)
                                                               : did_you_mean(what, things)};
    }
    // Changes of the question: only to ask the questions again under them.
    const bool question_change = head == "recipient" || head == "country" || head == "data" || head == "no";
    if (question_change && !what_if)
      throw Refused{fmt::format("`{}` changes the questions: try it with `what if {}`", head, join(w, " ")),
                    "or ask a new question: `may ACTION DATA for PURPOSE [with RECIPIENT] [in COUNTRY]?`"};
    if (question_change) {
      auto each = [&](auto&& change) {
        for (auto& q : s.questions)
          if (q.action != "request") change(q);
      };
      if (head == "recipient") {
        Words in{w, 1, "recipient RECIPIENT"};
        const std::string r = name(in.next("a recipient"), recipient_names(), "recipient");
        in.end();
        each([&](Question& q) { q.recipient = r; });
        return fmt::format("the data goes to {}", r);
      }
      if (head == "country") {
        Words in{w, 1, "country CC"};
        const std::string c = in.next("a country code");
        in.end();
        each([&](Question& q) { q.country = c; });
        return fmt::format("the data goes to {}", c);
      }
      if (head == "data") {
        Words in{w, 1, "data CATEGORY, …"};
        std::vector<std::string> data;
        while (!in.done()) data.push_back(name(in.next("a category"), vocab.categories, "category"));
        if (data.empty()) in.next("a data category");
        each([&](Question& q) { q.data = data; });
        return fmt::format("the data is {}", join(data));
      }
      Words in{w, 1, "no recipient` or `no country"};
      const std::string what = in.next("`recipient` or `country`");
      in.end();
      if (what == "recipient") {
        each([&](Question& q) { q.recipient.reset(); });
        return "no recipient";
      }
      if (what == "country") {
        each([&](Question& q) { q.country.reset(); });
        return "no country";
      }
      throw Refused{fmt::format("expected `no recipient` or `no country`, got `no {}`", what), {}};
    }
    throw Refused{fmt::format("`{}` is not a change of the facts", head),
                  "a change is a fact command (`help` lists them), `today DATE`, `recipient R`, `no recipient`, "
                  "`country CC`, `no country` or `data A, B`"};
  }

  // ---- questions ------------------------------------------------------------------------

  Question parse_question(const std::vector<std::string>& w) {
    Question q;
    if (w[0] == "may") {
      Words in{w, 1, "may ACTION DATA for PURPOSE [with RECIPIENT] [in COUNTRY]?"};
      q.action = name(in.next("an action"), processing_actions(), "action");
      while (in.peek() && *in.peek() != "for") {
        if (*in.peek() == "and") {  // identity, contact_details and company
          ++in.i;
          continue;
        }
        q.data.push_back(name(in.next("data"), vocab.categories, "category"));
      }
      if (q.data.empty())
        throw Refused{"expected the data categories after the action", fmt::format("write `{}`", in.usage)};
      in.keyword("for");
      q.purpose = name(in.next("a purpose"), purpose_names(), "purpose");
      while (!in.done()) {
        const std::string word = in.next("`with` or `in`");
        if (word == "with") q.recipient = name(in.next("a recipient"), recipient_names(), "recipient");
        else if (word == "in") q.country = in.next("a country code");
        else throw Refused{fmt::format("expected `with RECIPIENT` or `in COUNTRY`, got `{}`", word),
                           fmt::format("write `{}`", in.usage)};
      }
      return q;
    }
    Words in{w, 1, "request RIGHT for PURPOSE [received DATE]"};
    q.action = "request";
    q.right = name(in.next("a right"), vocab.rights, "right");
    in.keyword("for");
    q.purpose = name(in.next("a purpose"), purpose_names(), "purpose");
    if (!in.done()) {
      in.keyword("received");
      q.received = check_date(in.next("a date"), "a date");
    }
    in.end();
    return q;
  }

  static Request request_of(const Question& q, const Facts& f) {
    Request r;
    r.action = q.action;
    r.purpose = q.purpose;
    r.data = q.data;
    r.recipient = q.recipient;
    r.country = q.country;
    r.at = f.today;
    r.right = q.right;
    if (q.action == "request") r.received = q.received.value_or(f.today);
    r.consent = f.consent;
    r.objections = f.objections;
    r.restriction = f.restriction;
    r.unlawful = f.unlawful;
    r.dates = f.dates;
    r.context = f.context;
    return r;
  }

  Decision decide(const Question& q, const Facts& f, bool explain = false) {
    return decider->decide(request_of(q, f), {.trace = true, .explain = explain});
  }

  static std::string because_of(const Decision& d, const std::string& id) {
    for (const auto& t : d.trace)
      if (t.rule == id && !t.because.empty()) return join(t.because, "; ");
    return {};
  }

  // "allow by newsletter.consent: consent for `newsletter` given on 2024-01-10 …"
  std::string reason(const Decision& d) const {
    if (d.error) return fmt::format("refused: `{}`: {}", d.error->field, d.error->message);
    std::string out = paint(d.allow);
    if (!d.decided_by.empty()) {
      out += " by " + join(d.decided_by);
      if (auto b = because_of(d, d.decided_by.front()); !b.empty()) out += ": " + b;
    } else if (!d.trace.empty()) {
      out += ": " + d.trace.back().title;
    }
    if (!d.conflicts.empty()) out += fmt::format(" (rules `{}` and `{}` conflict)", d.conflicts[0].first, d.conflicts[0].second);
    if (d.due) out += fmt::format("; answer due {}, extended {}", *d.due, d.extended_due.value_or("-"));
    return out;
  }

  // Prints the questions whose decision differs between two states.
  void print_flips(const State& before, const State& after) {
    for (std::size_t i = 0; i < after.questions.size() && i < before.questions.size(); ++i) {
      const Decision a = decide(before.questions[i], before.facts);
      const Decision b = decide(after.questions[i], after.facts);
      if (a.error || b.error || a.allow != b.allow) print("  q{} now {}", i + 1, reason(b));
    }
  }

  std::size_t question_index(Words& in) {
    if (state.questions.empty())
      throw Refused{"no question asked yet",
                    "ask one: `may communicate identity for newsletter?` or `request erasure for newsletter`"};
    if (in.done()) return state.questions.size() - 1;
    std::string word = in.next("a question");
    in.end();
    std::string_view digits = word;
    if (!digits.empty() && digits[0] == 'q') digits.remove_prefix(1);
    std::size_t n = 0;
    for (char c : digits) n = c >= '0' && c <= '9' ? n * 10 + std::size_t(c - '0') : 0;
    if (digits.empty() || n == 0 || n > state.questions.size())
      throw Refused{fmt::format("no question `{}`", word),
                    fmt::format("the questions are q1 … q{} (`facts` lists them)", state.questions.size())};
    return n - 1;
  }

  // ---- commands -------------------------------------------------------------------------

  void remember(std::string command) { history.emplace_back(state, std::move(command)); }

  void run(const std::vector<std::string>& w, std::string_view line) {
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
    if (head == "why") {
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
      return;
    }
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
      Words in{w, 1, "save FILE"};
      const std::string path = in.next("a file name");
      in.end();
      return save(path);
    }
    // A change of the facts or of the day.
    State before = state;
    const std::string done = apply(state, w, false);
    history.emplace_back(std::move(before), std::string(line));
    print("ok: {}", done);
    print_flips(history.back().first, state);
  }

  void what_if(const std::vector<std::string>& change) {
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

  std::vector<std::string> rule_ids() const {
    std::vector<std::string> out;
    for (const auto& r : vocab.rules) out.push_back(r.id);
    return out;
  }

  void print_rule(const std::string& id) {
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

  void print_facts() {
    const Facts& f = state.facts;
    print("today {}", f.today);
    std::size_t n = 0;
    for (const auto& [purpose, c] : f.consent) {
      print("consent given {} {}", purpose, c.given), ++n;
      if (c.withdrawn) print("consent withdrawn {} {}", purpose, *c.withdrawn);
    }
    for (const auto& o : f.objections) print("objected to {} {}", o.to, o.at), ++n;
    if (f.restriction) {
      ++n;
      if (f.restriction->until) print("restricted since {} until {}", f.restriction->since, *f.restriction->until);
      else print("restricted since {}", f.restriction->since);
    }
    if (f.unlawful) print("unlawful"), ++n;
    for (const auto& [name, date] : f.dates) print("{} {}", name, date), ++n;
    for (const auto& c : f.context) print("assert {}", c), ++n;
    if (n == 0) print("# no facts about the person or the context yet");
    if (state.questions.empty()) return print("# no question asked yet");
    for (std::size_t i = 0; i < state.questions.size(); ++i) print("{}  # q{}", state.questions[i].text(), i + 1);
  }

  void help(const std::vector<std::string>& w) {
    Words in{w, 1, "help [COMMAND]"};
    std::string topic;
    if (!in.done()) topic = in.next("a command");
    in.end();
    if (topic == "dates" || contains(vocab.dates, topic)) {
      print("The dates retention counts from, each set with `NAME DATE` (e.g. `{} 2025-05-01`): {}",
            vocab.dates.empty() ? "DATE_NAME" : vocab.dates.front(), join(vocab.dates));
      return;
    }
    std::size_t shown = 0;
    for (const auto& c : command_table()) {
      if (!topic.empty() && c.word != topic) continue;
      ++shown;
      print("  {}", c.usage);
      print("      {}; e.g. `{}`", c.meaning, c.example);
    }
    if (!topic.empty() && shown == 0) {
      std::vector<std::string> words;
      for (const auto& c : command_table()) words.emplace_back(c.word);
      throw Refused{fmt::format("no command `{}`", topic),
                    did_you_mean(topic, words).empty() ? "`help` lists every command" : did_you_mean(topic, words)};
    }
    if (topic.empty()) {
      print("Names complete with Tab; a line ending in `\\` continues on the next one.");
      print("Context facts: {}", join(vocab.context_facts));
    }
  }

  // ---- policy files ---------------------------------------------------------------------

  void load(const std::string& path) {
    auto loaded = load_policy_file(path);
    out += loaded.report;
    if (!loaded.ok()) {
      throw Refused{fmt::format("`{}` has errors: still using `{}`", path, policy_path), {}};
    }
    policy_path = path;
    use(loaded.policy);
    const auto purposes = vocab.purposes.size(), rules = vocab.rules.size();
    print("loaded {}: {} purpose{}, {} rule{}", path, purposes, purposes == 1 ? "" : "s", rules, rules == 1 ? "" : "s");
    for (std::size_t i = 0; i < state.questions.size(); ++i)
      print("q{} {}", i + 1, reason(decide(state.questions[i], state.facts)));
  }

  void save(const std::string& path) {
    if (state.questions.empty()) throw Refused{"no question to save", "ask one first: `may …?` or `request …`"};
    std::error_code ec;
    const fs::path file = fs::absolute(path, ec);
    fs::path policy = fs::relative(fs::absolute(policy_path, ec), file.parent_path(), ec);
    if (ec || policy.empty()) policy = fs::absolute(policy_path);
    std::string json = "{\n  \"policy\": ";
    append_json_string(json, policy.generic_string());
    json += ",\n  \"cases\": [";
    std::size_t saved = 0;
    for (std::size_t i = 0; i < state.questions.size(); ++i) {
      const Question& q = state.questions[i];
      const Request r = request_of(q, state.facts);
      const Decision d = decider->decide(r);
      if (d.error) {
        print("  q{} is not saved: {}", i + 1, reason(d));
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
    std::ofstream file_out(path, std::ios::binary);
    if (!file_out || !(file_out << json)) throw Refused{fmt::format("cannot write `{}`", path), {}};
    const std::string shown = path.find_first_of(" \t'") == std::string::npos ? path : fmt::format("\"{}\"", path);
    print("saved {} case{} to {}: replay with `gavel test {}`", saved, saved == 1 ? "" : "s", path, shown);
  }

  // ---- completion -----------------------------------------------------------------------

  std::vector<std::string> next_words(const std::vector<std::string>& w) const {
    if (w.empty()) return command_words_with_dates();
    const std::string& head = w[0];
    const std::size_t n = w.size();
    const std::string& last = w.back();
    auto ids = [&] {
      std::vector<std::string> out = target_names();
      for (const auto* list : {&vocab.categories, &vocab.dates, &vocab.context_facts}) out.insert(out.end(), list->begin(), list->end());
      auto r = recipient_names();
      out.insert(out.end(), r.begin(), r.end());
      return out;
    };
    if (head == "what") {
      if (n == 1) return {"if"};
      auto from = std::find(w.rbegin(), w.rend() - 2, "and").base();  // after the last `and`, or after `if`
      std::vector<std::string> rest(from, w.end());
      if (rest.empty()) {
        auto out = change_words();
        return out;
      }
      return next_words(rest);
    }
    if (head == "consent") {
      if (n == 1) return {"given", "withdrawn"};
      if (n == 2) return purpose_names();
      return {};
    }
    if (head == "objected") return n == 1 ? std::vector<std::string>{"to"} : n == 2 ? target_names() : std::vector<std::string>{};
    if (head == "restricted") return n == 1 ? std::vector<std::string>{"since"} : n == 3 ? std::vector<std::string>{"until"} : std::vector<std::string>{};
    if (head == "not") return n == 1 ? std::vector<std::string>{"unlawful"} : std::vector<std::string>{};
    if (head == "assert" || head == "retract") return n == 1 ? vocab.context_facts : std::vector<std::string>{};
    if (head == "forget") {
      if (n == 1) {
        std::vector<std::string> out{"consent", "objection", "restriction", "unlawful", "questions", "everything"};
        out.insert(out.end(), vocab.dates.begin(), vocab.dates.end());
        return out;
      }
      if (n == 2 && w[1] == "consent") return purpose_names();
      if (n == 2 && w[1] == "objection") return target_names();
      return {};
    }
    if (head == "may") {
      if (n == 1) return processing_actions();
      if (last == "for") return purpose_names();
      if (last == "with") return recipient_names();
      if (last == "in") return country_codes();
      if (contains(w, "for")) return {"with", "in"};
      auto out = vocab.categories;
      if (n > 2) out.push_back("for");
      return out;
    }
    if (head == "request") {
      if (n == 1) return vocab.rights;
      if (n == 2) return {"for"};
      if (n == 3) return purpose_names();
      if (n == 4) return {"received"};
      return {};
    }
    if (head == "why") {
      std::vector<std::string> out = n == 1 ? std::vector<std::string>{"not"} : std::vector<std::string>{};
      for (std::size_t i = 0; i < state.questions.size(); ++i) out.push_back(fmt::format("q{}", i + 1));
      return out;
    }
    if (head == "json") {
      std::vector<std::string> out = n == 1 ? std::vector<std::string>{"request"} : std::vector<std::string>{};
      for (std::size_t i = 0; i < state.questions.size(); ++i) out.push_back(fmt::format("q{}", i + 1));
      return out;
    }
    if (head == "help") return n == 1 ? Session::command_words() : std::vector<std::string>{};
    if (head == "rule") return n == 1 ? rule_ids() : std::vector<std::string>{};
    if (head == "recipient") return recipient_names();
    if (head == "country") return country_codes();
    if (head == "data") return vocab.categories;
    if (head == "no") return {"recipient", "country"};
    if (head == "load" || head == "save" || head == "today" || contains(vocab.dates, head)) return {};
    return ids();
  }

  std::vector<std::string> command_words_with_dates() const {
    auto out = Session::command_words();
    out.insert(out.end(), vocab.dates.begin(), vocab.dates.end());
    return out;
  }

  std::vector<std::string> change_words() const {
    std::vector<std::string> out{"today", "consent", "objected", "restricted", "unlawful", "not", "assert", "retract",
                                 "forget", "recipient", "country", "data", "no"};
    out.insert(out.end(), vocab.dates.begin(), vocab.dates.end());
    return out;
  }
};

Session::Session(std::string policy_path, std::shared_ptr<const Policy> policy, std::string today, bool colour)
    : impl_(std::make_unique<Impl>()) {
  impl_->policy_path = std::move(policy_path);
  impl_->use(std::move(policy));
  impl_->colour = colour;
  impl_->state.facts.today = std::move(today);
}

Session::~Session() = default;

const State& Session::state() const { return impl_->state; }

std::vector<std::string> Session::command_words() {
  return {"today", "consent", "objected", "restricted", "unlawful", "not",   "assert", "retract",
          "forget", "may",    "request",  "ask",        "why",      "json",  "facts",  "rule",
          "what",  "undo",    "load",     "reload",     "save",     "help",  "quit",   "exit"};
}

Output Session::execute(std::string_view command) {
  auto& s = *impl_;
  s.out.clear();
  const auto words = tokenize(command);
  if (words.empty() || words[0][0] == '#') return {};
  Output result;
  try {
    const std::string& head = words[0];
    auto known = command_words();
    const bool is_command = contains(known, head) || contains(s.vocab.dates, head) || head == "recipient" ||
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

std::vector<std::string> Session::complete(std::string_view line, std::string_view word) const {
  auto words = tokenize(line.substr(0, line.size() - word.size()));
  std::vector<std::string> out;
  for (auto& candidate : impl_->next_words(words))
    if (candidate.starts_with(word) && !contains(out, candidate)) out.push_back(std::move(candidate));
  return out;
}

}  // namespace gavel::playground

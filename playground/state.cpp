// The playground's state: a question as its command, the request it makes of the facts, and
// the changes of the facts and of the day as the fact commands and `what if` state them.
#include "playground/state.hpp"

#include <algorithm>

#include "playground/command_parser.hpp"

namespace gavel::playground {

std::string Question::text() const {
  if (action == "request")
    return fmt::format("request {} for {}{}", right.value_or("?"), purpose,
                       received ? fmt::format(" received {}", *received) : std::string());
  std::string out = fmt::format("may {} {} for {}", action, join(data), purpose);
  if (recipient) out += " with " + *recipient;
  if (country) out += " in " + *country;
  return out + "?";
}

Request request_of(const Question& q, const Facts& f) {
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
  r.facts = f.recorded;
  r.born = f.born;
  r.age = f.age;
  r.bases = f.bases;
  r.context = f.context;
  return r;
}


std::string apply_change(const PolicyWords& names, State& s, const std::vector<std::string>& w, bool what_if) {
  const Vocabulary& vocab = names.vocab;
  Facts& f = s.facts;
  const std::string& head = w[0];
  if (head == "today") {
    Words in{w, 1, "today DATE"};
    f.today = check_date(in.next("a date"), "a date");
    in.end();
    return fmt::format("today is {}", f.today);
  }
  if (head == "explicit") {
    Words in{w, 1, "explicit consent given PURPOSE DATE"};
    in.keyword("consent");
    in.keyword("given");
    const std::string purpose = names.name(in.next("a purpose"), names.purpose_names(), "purpose");
    const std::string day = check_date(in.next("a date"), "a date");
    in.end();
    f.consent[purpose] = ConsentRecord{day, std::nullopt, false, true};
    return fmt::format("explicit consent for {} given on {}", purpose, day);
  }
  if (head == "consent") {
    Words in{w, 1, "consent given PURPOSE DATE`, `consent withdrawn PURPOSE DATE` or `consent never given PURPOSE"};
    const std::string how = in.next("`given`, `withdrawn` or `never`");
    if (how != "given" && how != "withdrawn" && how != "never")
      throw Refused{fmt::format("expected `given`, `withdrawn` or `never` after `consent`, got `{}`", how),
                    "write `consent given newsletter 2024-01-10`, `consent withdrawn newsletter 2026-03-01` or "
                    "`consent never given newsletter`"};
    if (how == "never") {
      in.usage = "consent never given PURPOSE";
      in.keyword("given");
      const std::string purpose = names.name(in.next("a purpose"), names.purpose_names(), "purpose");
      in.end();
      f.consent[purpose] = ConsentRecord{{}, std::nullopt, true, false};
      return fmt::format("the person never consented to {}", purpose);
    }
    in.usage = how == "given" ? "consent given PURPOSE DATE" : "consent withdrawn PURPOSE DATE";
    const std::string purpose = names.name(in.next("a purpose"), names.purpose_names(), "purpose");
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
    if (it->second.never_given)
      throw Refused{fmt::format("the person never consented to {}: there is no consent to withdraw", purpose),
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
    const std::string target = names.name(in.next("a purpose or a group"), names.target_names(), "purpose or group");
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
  if (auto done = apply_person_fact(names, f, w)) return *done;
  if (head == "not") {
    Words in{w, 1, "not unlawful"};
    in.keyword("unlawful");
    in.end();
    f.unlawful = false;
    return "the data is not found to be processed unlawfully";
  }
  if (head == "assert" || head == "retract") {
    Words in{w, 1, head == "assert" ? "assert FACT" : "retract FACT"};
    const std::string word = in.next("a context fact");
    if (contains(vocab.recorded_facts, word))
      throw Refused{fmt::format("`{}` is recorded for the person, not asserted for each action", word),
                    fmt::format("write `{0} since DATE`, `not {0}` or `forget {0}`", word)};
    auto asserted = vocab.context_facts;
    asserted.insert(asserted.end(), vocab.asserted_facts.begin(), vocab.asserted_facts.end());
    const std::string fact = names.name(word, asserted, "context fact");
    in.end();
    std::erase(f.context, fact);
    if (head == "assert") f.context.push_back(fact);
    return fmt::format("{} {}", head == "assert" ? "asserting" : "not asserting", fact);
  }
  if (contains(vocab.dates, head)) {
    Words in{w, 1, "DATE_NAME DATE"};
    in.usage = head + " DATE` or `" + head + " not yet";
    const std::string word = in.next("a date");
    if (word == "not") {
      in.keyword("yet");
      in.end();
      f.dates[head] = std::nullopt;
      return fmt::format("{} has not happened yet", head);
    }
    const std::string day = check_date(word, "a date");
    in.end();
    f.dates[head] = day;
    return fmt::format("{} is {}", head, day);
  }
  if (head == "forget") {
    Words in{w, 1, std::string(forget_usage)};
    const std::string what = in.next("what to forget");
    if (auto done = forget_person_fact(names, f, in, what)) return *done;
    if (what == "consent") {
      const std::string purpose = names.name(in.next("a purpose"), names.purpose_names(), "purpose");
      in.end();
      if (!f.consent.erase(purpose)) throw Refused{fmt::format("no consent for {} to forget", purpose), {}};
      return fmt::format("no consent record for {}", purpose);
    }
    if (what == "objection") {
      const std::string target = names.name(in.next("a purpose or a group"), names.target_names(), "purpose or group");
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
      Facts none;
      none.today = f.today;
      s = State{std::move(none), {}};
      return "no facts, no questions";
    }
    const auto things = names.forget_words();
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
      const std::string r = names.name(in.next("a recipient"), names.recipient_names(), "recipient");
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
      while (!in.done()) data.push_back(names.name(in.next("a category"), vocab.categories, "category"));
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

}  // namespace gavel::playground

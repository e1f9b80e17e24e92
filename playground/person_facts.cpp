// The facts of the person that the policy's own declarations call for: the basis of record of
// a purpose chosen `one per person`, the facts `recorded for the person`, the date of birth or
// the age. Each may be stated, stated not to hold (where the request has a `null` for it) or
// forgotten (not known).
#include "playground/command_parser.hpp"

#include <charconv>

namespace gavel::playground {

namespace {

// The oldest age a request may give (docs/request.md, `subject.age`).
constexpr int oldest_age = 150;

}  // namespace

std::optional<std::string> apply_person_fact(const PolicyWords& names, Facts& f, const std::vector<std::string>& w) {
  const Vocabulary& vocab = names.vocab;
  const std::string& head = w[0];
  if (head == "basis") {
    Words in{w, 1, "basis of record PURPOSE BASIS"};
    in.keyword("of");
    in.keyword("record");
    const std::string word = in.next("a purpose");
    const auto chosen = names.per_person_purposes();
    if (!contains(chosen, word)) {
      names.name(word, names.purpose_names(), "purpose");  // refuses a name the policy does not declare
      throw Refused{fmt::format("the bases of {} are not chosen one per person: it has no basis of record", word),
                    chosen.empty() ? std::string("no purpose of the policy chooses its basis one per person")
                                   : fmt::format("the purposes whose basis is chosen one per person: {}", join(chosen))};
    }
    const std::string basis = in.next("a lawful basis");
    const auto bases = names.bases_of(word);
    if (!contains(bases, basis)) {
      const auto near = did_you_mean(basis, bases);
      throw Refused{fmt::format("{} has no basis `{}`", word, basis),
                    near.empty() ? fmt::format("its bases: {}", join(bases)) : near};
    }
    in.end();
    f.bases[word] = basis;
    return fmt::format("the basis of record for {} is {}", word, basis);
  }
  if (head == "born") {
    Words in{w, 1, "born DATE"};
    const std::string day = check_date(in.next("a date of birth"), "a date of birth");
    in.end();
    if (day > f.today)
      throw Refused{fmt::format("a date of birth after today ({}): `{}`", f.today, day),
                    "the person is born on or before the day of the questions"};
    f.born = day;
    f.age.reset();
    return fmt::format("born on {}", day);
  }
  if (head == "age") {
    Words in{w, 1, "age N"};
    const std::string word = in.next("an age in whole years");
    in.end();
    int years = -1;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), years);
    if (ec != std::errc() || end != word.data() + word.size() || years < 0 || years > oldest_age)
      throw Refused{fmt::format("expected an age in whole years, 0 to {}, got `{}`", oldest_age, word),
                    "write `age 15`"};
    f.age = years;
    f.born.reset();
    return fmt::format("aged {} today", years);
  }
  if (head == "not" && w.size() > 1 && w[1] != "unlawful") {
    Words in{w, 1, "not unlawful` or `not FACT"};
    const std::string fact = names.recorded_fact(in.next("a fact"));
    in.end();
    f.recorded[fact] = std::nullopt;
    return fmt::format("{} does not hold", fact);
  }
  if (contains(vocab.recorded_facts, head)) {
    Words in{w, 1, head + " since DATE"};
    in.keyword("since");
    const std::string day = check_date(in.next("a date"), "a date");
    in.end();
    f.recorded[head] = day;
    return fmt::format("{} holds since {}", head, day);
  }
  return std::nullopt;
}

std::optional<std::string> forget_person_fact(const PolicyWords& names, Facts& f, Words& in, const std::string& what) {
  const Vocabulary& vocab = names.vocab;
  if (what == "basis") {
    in.usage = "forget basis PURPOSE";
    const std::string purpose = names.name(in.next("a purpose"), names.purpose_names(), "purpose");
    in.end();
    if (!f.bases.erase(purpose)) throw Refused{fmt::format("no basis of record for {} to forget", purpose), {}};
    return fmt::format("the basis of record for {} unknown", purpose);
  }
  if (what == "born" || what == "age") {
    in.end();
    f.born.reset();
    f.age.reset();
    return "the date of birth and the age unknown";
  }
  if (contains(vocab.recorded_facts, what)) {
    in.end();
    f.recorded.erase(what);
    return fmt::format("{} unknown", what);
  }
  return std::nullopt;
}

}  // namespace gavel::playground

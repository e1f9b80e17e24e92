// The playground's command language as words: the tokenizer, names and dates as the commands
// write them, and the reading of a question.
#include "playground/command_parser.hpp"

#include <algorithm>

namespace gavel::playground {

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

std::string join(const std::vector<std::string>& items, std::string_view sep) {
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

std::string quote_if_needed(const std::string& path) {
  return path.find_first_of(" \t'") == std::string::npos ? path : fmt::format("\"{}\"", path);
}

std::string check_date(const std::string& text, std::string_view what) {
  const std::string why = date_error(text);
  if (why.empty()) return text;
  throw Refused{fmt::format("expected {} in YYYY-MM-DD form, got `{}`: {}", what, text, why),
                "dates are written like 2026-11-26"};
}

std::string PolicyWords::name(const std::string& word, const std::vector<std::string>& names, std::string_view kind) {
  if (contains(names, word)) return word;
  throw Refused{fmt::format("unknown {} `{}`", kind, word),
                [&] {
                  auto near = did_you_mean(word, names);
                  return near.empty() ? fmt::format("the policy knows: {}", join(names)) : near;
                }()};
}

std::vector<std::string> PolicyWords::purpose_names() const {
  std::vector<std::string> out;
  for (const auto& p : vocab.purposes) out.push_back(p.name);
  return out;
}

std::vector<std::string> PolicyWords::target_names() const {
  auto out = purpose_names();
  out.insert(out.end(), vocab.groups.begin(), vocab.groups.end());
  return out;
}

std::vector<std::string> PolicyWords::recipient_names() const {
  std::vector<std::string> out;
  for (const auto& r : vocab.recipients) out.push_back(r.name);
  return out;
}

std::vector<std::string> PolicyWords::country_codes() const {
  std::vector<std::string> out;
  for (const auto& l : vocab.country_lists)
    for (const auto& c : l.members)
      if (!contains(out, c)) out.push_back(c);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> PolicyWords::processing_actions() const {
  std::vector<std::string> out = vocab.actions;
  std::erase(out, "request");
  return out;
}

std::vector<std::string> PolicyWords::rule_ids() const {
  std::vector<std::string> out;
  for (const auto& r : vocab.rules) out.push_back(r.id);
  return out;
}

std::vector<std::string> PolicyWords::per_person_purposes() const {
  std::vector<std::string> out;
  for (const auto& p : vocab.purposes)
    if (p.one_per_person) out.push_back(p.name);
  return out;
}

std::vector<std::string> PolicyWords::bases_of(const std::string& purpose) const {
  const auto* p = vocab.purpose(purpose);
  return p ? p->bases : std::vector<std::string>{};
}

std::string PolicyWords::recorded_fact(const std::string& word) const {
  if (contains(vocab.recorded_facts, word)) return word;
  if (contains(vocab.asserted_facts, word) || contains(vocab.context_facts, word))
    throw Refused{fmt::format("`{}` is asserted for each action, not recorded for the person", word),
                  fmt::format("write `assert {0}` or `retract {0}`", word)};
  std::vector<std::string> negated{"unlawful"};
  negated.insert(negated.end(), vocab.recorded_facts.begin(), vocab.recorded_facts.end());
  auto near = did_you_mean(word, negated);
  if (vocab.recorded_facts.empty())
    throw Refused{fmt::format("expected `unlawful`, got `{}`", word), "write `not unlawful`"};
  throw Refused{fmt::format("expected `unlawful` or a fact recorded for the person, got `{}`", word),
                near.empty() ? fmt::format("the policy records: {}", join(vocab.recorded_facts)) : near};
}

std::vector<std::string> PolicyWords::forget_words() const {
  std::vector<std::string> out{"consent", "objection", "basis", "restriction", "unlawful", "born", "age"};
  out.insert(out.end(), vocab.dates.begin(), vocab.dates.end());
  out.insert(out.end(), vocab.recorded_facts.begin(), vocab.recorded_facts.end());
  out.push_back("questions");
  out.push_back("everything");
  return out;
}

Question PolicyWords::parse_question(const std::vector<std::string>& w) const {
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

}  // namespace gavel::playground

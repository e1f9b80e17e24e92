// The words Tab may complete: the next word of each command, and the names the policy declares.
#include "playground/session_impl.hpp"

#include <algorithm>

namespace gavel::playground {

std::vector<std::string> Session::Impl::next_words(const std::vector<std::string>& w) const {
  if (w.empty()) return command_words_with_dates();
  const std::string& head = w[0];
  const std::size_t n = w.size();
  const std::string& last = w.back();
  auto ids = [&] {
    std::vector<std::string> out = target_names();
    for (const auto* list : {&vocab.categories, &vocab.dates, &vocab.context_facts, &vocab.asserted_facts,
                             &vocab.recorded_facts})
      out.insert(out.end(), list->begin(), list->end());
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
    if (n == 1) return {"given", "withdrawn", "never"};
    if (w[1] == "never") return n == 2 ? std::vector<std::string>{"given"} : n == 3 ? purpose_names() : std::vector<std::string>{};
    if (n == 2) return purpose_names();
    return {};
  }
  if (head == "explicit") {
    if (n == 1) return {"consent"};
    if (n == 2) return {"given"};
    if (n > 3) return {};
    // The purposes whose special data rests on explicit consent, when the policy has any.
    std::vector<std::string> out;
    for (const auto& p : vocab.purposes)
      if (p.explicit_consent) out.push_back(p.name);
    return out.empty() ? purpose_names() : out;
  }
  if (head == "basis") {
    if (n == 1) return {"of"};
    if (n == 2) return {"record"};
    if (n == 3) return per_person_purposes();
    if (n == 4) return bases_of(w[3]);
    return {};
  }
  if (contains(vocab.recorded_facts, head)) return n == 1 ? std::vector<std::string>{"since"} : std::vector<std::string>{};
  if (contains(vocab.dates, head)) {
    if (n == 1) return {"not"};
    if (n == 2 && w[1] == "not") return {"yet"};
    return {};
  }
  if (head == "objected") return n == 1 ? std::vector<std::string>{"to"} : n == 2 ? target_names() : std::vector<std::string>{};
  if (head == "restricted") return n == 1 ? std::vector<std::string>{"since"} : n == 3 ? std::vector<std::string>{"until"} : std::vector<std::string>{};
  if (head == "not") {
    if (n > 1) return {};
    std::vector<std::string> out{"unlawful"};
    out.insert(out.end(), vocab.recorded_facts.begin(), vocab.recorded_facts.end());
    return out;
  }
  if (head == "assert" || head == "retract") {
    if (n > 1) return {};
    auto out = vocab.context_facts;
    out.insert(out.end(), vocab.asserted_facts.begin(), vocab.asserted_facts.end());
    return out;
  }
  if (head == "forget") {
    if (n == 1) return forget_words();
    if (n == 2 && w[1] == "consent") return purpose_names();
    if (n == 2 && w[1] == "objection") return target_names();
    if (n == 2 && w[1] == "basis") return per_person_purposes();
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
  if (head == "load" || head == "save" || head == "today" || head == "born" || head == "age") return {};
  return ids();
}

std::vector<std::string> Session::Impl::command_words_with_dates() const {
  auto out = Session::command_words();
  out.insert(out.end(), vocab.dates.begin(), vocab.dates.end());
  out.insert(out.end(), vocab.recorded_facts.begin(), vocab.recorded_facts.end());
  return out;
}

std::vector<std::string> Session::Impl::change_words() const {
  std::vector<std::string> out{"today", "consent",  "explicit", "basis",  "objected", "restricted", "unlawful",
                               "not",   "born",     "age",      "assert", "retract",  "forget",     "recipient",
                               "country", "data",   "no"};
  out.insert(out.end(), vocab.dates.begin(), vocab.dates.end());
  out.insert(out.end(), vocab.recorded_facts.begin(), vocab.recorded_facts.end());
  return out;
}

std::vector<std::string> Session::complete(std::string_view line, std::string_view word) const {
  auto words = tokenize(line.substr(0, line.size() - word.size()));
  std::vector<std::string> out;
  for (auto& candidate : impl_->next_words(words))
    if (candidate.starts_with(word) && !contains(out, candidate)) out.push_back(std::move(candidate));
  return out;
}

}  // namespace gavel::playground

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

std::vector<std::string> Session::Impl::command_words_with_dates() const {
  auto out = Session::command_words();
  out.insert(out.end(), vocab.dates.begin(), vocab.dates.end());
  return out;
}

std::vector<std::string> Session::Impl::change_words() const {
  std::vector<std::string> out{"today", "consent", "objected", "restricted", "unlawful", "not", "assert", "retract",
                               "forget", "recipient", "country", "data", "no"};
  out.insert(out.end(), vocab.dates.begin(), vocab.dates.end());
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

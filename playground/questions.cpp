// The question a command names (`qN`).
#include "playground/session_impl.hpp"

#include <algorithm>
#include <charconv>

namespace gavel::playground {

// "the questions are q1 … q3", to help with a question id that names none of them.
std::string Session::Impl::questions_asked() const {
  const std::size_t n = state.questions.size();
  if (n == 1) return "the only question is q1 (`facts` lists it)";
  if (n == 2) return "the questions are q1 and q2 (`facts` lists them)";
  return fmt::format("the questions are q1 … q{} (`facts` lists them)", n);
}

// A question id is `q` and the question's number, written as `facts` writes it: decimal
// digits without a sign or a leading zero. Anything else names no question, rather than
// the one its digits might be read as.
std::size_t Session::Impl::question_index(Words& in) {
  if (state.questions.empty())
    throw Refused{"no question asked yet",
                  "ask one: `may communicate identity for newsletter?` or `request erasure for newsletter`"};
  if (in.done()) return state.questions.size() - 1;
  std::string word = in.next("a question");
  in.end();
  const std::string_view digits = std::string_view(word).substr(word.empty() ? 0 : 1);
  const bool well_formed = word.size() > 1 && word[0] == 'q' && (digits[0] != '0' || digits.size() == 1) &&
                           std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!well_formed)
    throw Refused{fmt::format("expected a question id like `q1`, got `{}`", word), questions_asked()};
  // More digits than the number of questions has cannot name one (and cannot overflow).
  const std::string count = std::to_string(state.questions.size());
  std::size_t n = 0;
  if (digits.size() <= count.size()) std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (n == 0 || n > state.questions.size())
    throw Refused{fmt::format("no question `{}`", word), questions_asked()};
  return n - 1;
}

}  // namespace gavel::playground

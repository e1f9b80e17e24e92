// Questions: reading `may …?` and `request …`, the request each makes of the facts, and the
// one-line reason of a decision.
#include "playground/session_impl.hpp"

#include <algorithm>
#include <charconv>

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

Question Session::Impl::parse_question(const std::vector<std::string>& w) {
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

Request Session::Impl::request_of(const Question& q, const Facts& f) {
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

Decision Session::Impl::decide(const Question& q, const Facts& f, bool explain) {
  return decider->decide(request_of(q, f), {.trace = true, .explain = explain});
}

std::string Session::Impl::because_of(const Decision& d, const std::string& id) {
  for (const auto& t : d.trace)
    if (t.rule == id && !t.because.empty()) return join(t.because, "; ");
  return {};
}

std::string Session::Impl::reason(const Decision& d) const {
  if (d.error) return fmt::format("refused: `{}`: {}", d.error->field, d.error->message);
  std::string out = paint(d.allow);
  if (!d.missing.empty()) {
    // Undetermined: it turns on facts not given, which the person at the keyboard can state.
    out += ", undetermined: not known: " + join(d.missing);
  } else if (!d.decided_by.empty()) {
    out += " by " + join(d.decided_by);
    if (auto b = because_of(d, d.decided_by.front()); !b.empty()) out += ": " + b;
  } else if (!d.trace.empty()) {
    out += ": " + d.trace.back().title;
  }
  if (!d.conflicts.empty()) out += fmt::format(" (rules `{}` and `{}` conflict)", d.conflicts[0].first, d.conflicts[0].second);
  if (d.due) out += fmt::format("; answer due {}, extended {}", *d.due, d.extended_due.value_or("-"));
  return out;
}

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

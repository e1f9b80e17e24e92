// Questions: reading `may …?` and `request …`, the request each makes of the facts, and the
// one-line reason of a decision.
#include "playground/session_impl.hpp"

#include <algorithm>

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

std::size_t Session::Impl::question_index(Words& in) {
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

}  // namespace gavel::playground

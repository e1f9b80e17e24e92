// The playground's model: what is known about the person and the context (Facts), the
// questions asked about them (Question), both together (State), and a change of a state as
// the fact commands and `what if` write it. The REPL's Session and the service's playground
// API share it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gavel/gavel.hpp"

namespace gavel::playground {

// What is known about the person and the context, and the day.
// Each is absent when it is not known, as in a request (docs/request.md).
struct Facts {
  std::string today;  // YYYY-MM-DD
  std::map<std::string, ConsentRecord> consent;  // by purpose; never_given: the person never consented
  std::vector<Objection> objections;
  std::optional<Restriction> restriction;
  bool unlawful = false;
  std::map<std::string, std::optional<std::string>> dates;  // none: the event has not happened yet
  std::vector<std::string> context;  // asserted context facts, in the order asserted
  std::map<std::string, std::optional<std::string>> recorded;  // the person's facts: since, or none (does not hold)
  std::optional<std::string> born;
  std::optional<int> age;                    // instead of `born`
  std::map<std::string, std::string> bases;  // by purpose chosen `one per person`: the basis of record
};

// A question: a processing action, or a rights request.
struct Question {
  std::string action;  // a processing action, or `request`
  std::string purpose;
  std::vector<std::string> data;
  std::optional<std::string> recipient;
  std::optional<std::string> country;
  std::optional<std::string> right;
  std::optional<std::string> received;  // none: the day of the facts
  std::string text() const;             // as the command that asks it
};

struct State {
  Facts facts;
  std::vector<Question> questions;
};

// The request a question makes of the facts, on their day.
Request request_of(const Question& q, const Facts& f);

// The names of a policy as the commands write them (playground/command_parser.hpp).
struct PolicyWords;

// Applies a change of the facts, of the day or (in a what-if only) of the questions, written as
// its command's words (`consent withdrawn newsletter 2026-03-01`). Returns what it did, in
// words; refuses (throws Refused, playground/command_parser.hpp) a change it cannot make.
std::string apply_change(const PolicyWords& names, State& s, const std::vector<std::string>& words, bool what_if);

}  // namespace gavel::playground

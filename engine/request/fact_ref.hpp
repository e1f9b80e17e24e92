// A fact of the person's record that a request may leave unknown, and how a response names it
// (`missing`, `unknown`): the one place where those paths are spelled. The engine names facts
// by id, the reference evaluator by name; both write them through fact_path().
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace gavel::request {

struct FactRef {
  enum class Kind : std::uint8_t {
    consent,          // subject.consent.P: id is the purpose
    date,             // subject.dates.D: id is the date
    record_fact,      // subject.facts.F: id is the declared fact recorded for the person
    born,             // subject.born (or subject.age): no id
    basis_of_record,  // subject.bases.P: id is the purpose
  };
  Kind kind = Kind::consent;
  std::uint32_t id = 0;

  friend bool operator==(const FactRef&, const FactRef&) = default;
};

// The request field a kind of fact is given in; all but `born` are followed by a name.
constexpr std::string_view fact_path_prefix(FactRef::Kind kind) {
  constexpr std::array<std::string_view, 5> prefix = {"subject.consent.", "subject.dates.", "subject.facts.",
                                                      "subject.born", "subject.bases."};
  return prefix[static_cast<std::size_t>(kind)];
}

// `subject.consent.newsletter`, `subject.dates.last_contact`, `subject.born`: `name` is the
// purpose, date or fact (ignored for `born`). Declared names need no escaping in JSON.
inline void append_fact_path(std::string& out, FactRef::Kind kind, std::string_view name) {
  out += fact_path_prefix(kind);
  if (kind != FactRef::Kind::born) out += name;
}

inline std::string fact_path(FactRef::Kind kind, std::string_view name) {
  std::string out;
  append_fact_path(out, kind, name);
  return out;
}

}  // namespace gavel::request

// Structured generation for the differential target: a small random policy (as rule-file text,
// so that it goes through the real parser and checker) and random requests against it, both
// read from the fuzzer's bytes. Every choice is a byte, so libFuzzer's mutations move between
// policies and requests that stay valid.
//
// The policy is built to pass the checker: names are declared before use in one namespace
// (c0 categories, d0 dates, p0 purposes, g0 groups, r0 recipients, home/adequate/far countries
// lists, whose members may carry validity dates, the declared right h0, the framework fw0),
// consent is only tested where a rule's purposes rest on consent, a basis is only defeated
// where one of its purposes lists it, `until consent withdrawn` only on consent purposes.
// Overrides may form a cycle, which the checker refuses: such inputs are skipped.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/dates/date.hpp"
#include "gavel/gavel.hpp"
#include "grammar/syntax_tree.hpp"

namespace gavel::fuzz {

// The fuzzer's bytes as a stream of choices; past the end every choice is 0.
class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t byte() {
    if (!size_) return 0;
    --size_;
    return *data_++;
  }
  unsigned pick(unsigned count) { return count ? byte() % count : 0; }  // 0 .. count-1
  bool one_in(unsigned n) { return pick(n) == 0; }
  bool empty() const { return size_ == 0; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
};

struct Model {
  unsigned categories = 0, dates = 0, purposes = 0, groups = 0, recipients = 0, rules = 0;
  std::vector<std::uint8_t> bases;            // per purpose, bit per syntax::Basis
  std::vector<bool> retains;                  // per purpose
  std::vector<bool> archives;                 // per purpose: `then archive for PERIOD`
  std::vector<std::vector<unsigned>> members;  // per group
  unsigned special = 0;                       // bit per special category
  std::vector<std::uint8_t> record_bases;     // per purpose: its bases when chosen one per person, else 0
  std::string text;                           // the rule file
};

inline const char* const country_pool[] = {"FR", "DE", "IT", "US", "GB", "JP", "CH", "CN"};
inline constexpr unsigned country_pool_size = 8;
inline const char* const list_names[] = {"home", "adequate", "far"};
inline const char* const unit_names[] = {"days", "weeks", "months", "years"};

class Generator {
 public:
  explicit Generator(Bytes& in) : in_(in) {}

  Model policy() {
    Model m;
    m.categories = 1 + in_.pick(4);
    m.dates = 1 + in_.pick(3);
    m.purposes = 1 + in_.pick(4);
    m.groups = in_.pick(3);
    m.recipients = in_.pick(3);
    m.rules = 1 + in_.pick(8);
    std::string& t = m.text;
    const bool calendar = in_.one_in(2);
    t += "controller \"Fuzz\" {\n  established in home\n";
    if (calendar) t += "  holidays cal\n";
    // The authority a refused rights request names, with or without where to complain.
    if (in_.one_in(2)) t += std::string("  authority \"A\"") + (in_.one_in(2) ? " \"at A\"" : "") + "\n";
    t += "}\n";
    for (auto list : list_names) {
      t += "countries " + std::string(list) + " \"list\" { ";
      const unsigned mask = in_.byte() | 1u;
      bool first = true;
      for (unsigned i = 0; i < country_pool_size; ++i)
        if (mask >> i & 1u) {
          t += first ? "" : ", ";
          t += country_pool[i];
          t += validity();
          first = false;
        }
      t += " }\n";
    }
    // A declared right beside the eight built in, and a framework recipients may be certified under.
    t += "right h0 \"a right of the policy's own\"\n";
    t += "framework fw0 \"a framework\" cites \"Decision 1\"\n";
    if (calendar) {
      t += "calendar cal \"holidays\" {\n";
      for (unsigned i = 0, n = 1 + in_.pick(3); i < n; ++i) {
        if (in_.one_in(2))
          t += "  holiday \"h\" on " + std::to_string(1 + in_.pick(28)) + " " + month() + "\n";
        else
          t += "  holiday \"h\" on " + std::to_string(in_.pick(60)) + " days " + (in_.one_in(3) ? "before" : "after") +
               " Easter\n";
      }
      t += "}\n";
    }
    for (unsigned i = 0; i < m.categories; ++i) t += "category c" + std::to_string(i) + " \"c\"\n";
    for (unsigned i = 0; i < m.dates; ++i) t += "date d" + std::to_string(i) + " \"d\"\n";
    person_declarations(m);
    for (unsigned p = 0; p < m.purposes; ++p) {
      t += "purpose p" + std::to_string(p) + " \"p\" {\n  basis ";
      std::uint8_t bases = 0;
      for (unsigned i = 0, n = 1 + in_.pick(3); i < n; ++i) {
        const unsigned b = in_.pick(6);
        t += (i ? " or " : "") + std::string(syntax::basis_names[b]);
        bases |= std::uint8_t(1u << b);
      }
      m.bases.push_back(bases);
      t += "\n  data ";
      const unsigned data = in_.byte() | 1u;
      bool first = true;
      for (unsigned c = 0; c < m.categories; ++c)
        if (data >> c & 1u) {
          t += (first ? "c" : ", c") + std::to_string(c);
          first = false;
        }
      t += "\n";
      const unsigned terms = in_.pick(3);
      m.retains.push_back(terms > 0);
      for (unsigned i = 0; i < terms; ++i) {
        t += i == 0 ? "  retain " : (in_.one_in(2) ? ", " : " or ");
        if ((bases & 1u) && in_.one_in(3)) {
          t += "until consent withdrawn";
        } else {
          // A maximum (perhaps `at most`), or a minimum; from a date or the date of birth
          // (`subject.born`), or the end of its year or month.
          const unsigned bound = in_.pick(4);
          t += bound == 0 ? "at most " : bound == 1 ? "at least " : "";
          const unsigned from = in_.pick(5);
          const std::string anchor = in_.one_in(4) ? "birth" : "d" + std::to_string(in_.pick(m.dates));
          t += period() + (from == 0 ? " after end of year of " : from == 1 ? " after end of month of " : " after ") +
               anchor;
        }
      }
      if (terms) t += "\n";
      m.archives.push_back(false);
      switch (in_.pick(4)) {
        case 0: t += "  then erase\n"; break;
        case 1: t += "  then archive\n"; break;
        case 2:
          if (terms) {
            t += "  then archive for " + period() + "\n";
            m.archives.back() = true;
          }
          break;
        default: break;
      }
      if (in_.one_in(3)) t += "  processed by automated means\n";
      person_lines(m, bases, data);
      t += "}\n";
    }
    for (unsigned g = 0; g < m.groups; ++g) {
      t += "group g" + std::to_string(g) + " \"g\" { ";
      const unsigned mask = in_.byte() | 1u;
      std::vector<unsigned> members;
      for (unsigned p = 0; p < m.purposes; ++p)
        if (mask >> p & 1u) members.push_back(p);
      if (members.empty()) members.push_back(0);
      for (std::size_t i = 0; i < members.size(); ++i) t += (i ? ", p" : "p") + std::to_string(members[i]);
      t += " }\n";
      m.members.push_back(members);
    }
    for (unsigned r = 0; r < m.recipients; ++r) {
      t += "recipient r" + std::to_string(r) + " \"r\"";
      if (in_.one_in(3)) {
        t += "\n";
        continue;
      }
      t += " { receives ";
      const unsigned mask = in_.byte() | 1u;
      bool first = true;
      for (unsigned c = 0; c < m.categories; ++c)
        if (mask >> c & 1u) {
          t += (first ? "c" : ", c") + std::to_string(c);
          first = false;
        }
      if (in_.one_in(2)) t += " certified under fw0" + validity();
      t += " }\n";
    }
    if (!in_.one_in(3)) {
      t += "respond within " + period();
      if (in_.one_in(2)) t += ", extendable by " + period();
      t += "\n";
    }
    for (unsigned r = 0; r < m.rules; ++r) rule(m, r);
    return m;
  }

  Request request(const Model& m) {
    Request r;
    const unsigned action = in_.pick(9);
    const bool rights = action == 8;
    r.action = rights ? "request" : std::string(syntax::action_names[action]);
    r.purpose = "p" + std::to_string(in_.pick(m.purposes));
    const unsigned data = in_.byte();
    for (unsigned c = 0; c < m.categories; ++c)
      if (data >> c & 1u) r.data.push_back("c" + std::to_string(c));
    if (r.data.empty() && !rights) r.data.push_back("c" + std::to_string(in_.pick(m.categories)));
    if (m.recipients && in_.one_in(2)) r.recipient = "r" + std::to_string(in_.pick(m.recipients));
    if (in_.one_in(2)) r.country = country_pool[in_.pick(country_pool_size)];
    base_ = bases_[in_.pick(4)];
    r.at = date(0);
    if (rights) {
      const unsigned right = in_.pick(9);
      r.right = right == 8 ? std::string("h0") : std::string(syntax::right_names[right]);
      r.received = date(0);
    }
    for (unsigned p = 0; p < m.purposes; ++p) {
      if (!in_.one_in(2)) continue;
      ConsentRecord c;
      if (in_.one_in(4)) {  // null: never consented, known
        c.never_given = true;
        r.consent["p" + std::to_string(p)] = c;
        continue;
      }
      const int given = offset();
      c.given = date(given);
      if (in_.one_in(2)) c.withdrawn = date(given + int(in_.pick(64)) + (in_.one_in(2) ? 365 : 0));
      r.consent["p" + std::to_string(p)] = c;
    }
    for (unsigned i = 0, n = in_.pick(3); i < n; ++i) {
      const unsigned target = in_.pick(m.purposes + m.groups);
      r.objections.push_back({target < m.purposes ? "p" + std::to_string(target) : "g" + std::to_string(target - m.purposes),
                              date(offset())});
    }
    if (in_.one_in(3)) {
      const int since = offset();
      Restriction s{date(since), std::nullopt};
      if (in_.one_in(2)) s.until = date(since + int(in_.pick(64)));
      r.restriction = s;
    }
    r.unlawful = in_.one_in(4);
    // Absent (unknown), null (not happened), or a day, possibly after `at` (not happened yet).
    for (unsigned d = 0; d < m.dates; ++d)
      if (!in_.one_in(4)) r.dates["d" + std::to_string(d)] = in_.one_in(5) ? std::nullopt : std::optional(date(offset()));
    for (auto fact : syntax::context_fact_names)
      if (in_.one_in(4)) r.context.emplace_back(fact);
    person_request(m, r);
    return r;
  }

 private:
  // The policy's own facts (f0 asserted per action, f1 recorded for the person), and some of
  // the categories already written marked `special`.
  void person_declarations(Model& m) {
    m.text += "fact f0 \"asserted\" asserted per action\nfact f1 \"recorded\" recorded for the person\n";
    m.special = in_.one_in(2) ? (in_.byte() & ((1u << m.categories) - 1)) : 0;
    for (unsigned c = 0; c < m.categories; ++c)
      if (m.special >> c & 1u) {
        const std::string plain = "category c" + std::to_string(c) + " \"c\"\n";
        const auto at = m.text.find(plain);
        if (at != std::string::npos) m.text.replace(at, plain.size(), "category c" + std::to_string(c) + " \"c\" special\n");
      }
  }

  // `one per person` on a purpose with several bases; `special data under` where its data has
  // a special category (the checker requires one).
  void person_lines(Model& m, std::uint8_t bases, unsigned data) {
    const bool several = (bases & (bases - 1)) != 0;
    const bool chosen = several && in_.one_in(2);
    if (chosen) {
      const auto line = m.text.rfind("\n  data ");
      if (line != std::string::npos) m.text.insert(line, ", one per person");
    }
    m.record_bases.push_back(chosen ? bases : 0);
    if (!(data & m.special & ((1u << m.categories) - 1))) return;
    static const char* const conditions[] = {"explicit consent", "f0", "f1"};
    m.text += "  special data under ";
    for (unsigned i = 0, n = 1 + in_.pick(2); i < n; ++i) m.text += (i ? " or " : "") + std::string(conditions[in_.pick(3)]);
    m.text += "\n";
  }

  // A condition on the policy's own facts, the age or the basis of record (where the rule's
  // purposes choose theirs one per person).
  std::string person_condition(std::uint8_t record_bases) {
    switch (in_.pick(5)) {
      case 0: return "f0";
      case 1: return "f1";
      case 2: return "age under " + std::to_string(in_.pick(20));
      case 3: return "age at least " + std::to_string(in_.pick(20));
      default: {
        std::vector<unsigned> listed;
        for (unsigned b = 0; b < 6; ++b)
          if (record_bases >> b & 1u) listed.push_back(b);
        if (listed.empty()) return "f1";
        return "basis of record is " + std::string(syntax::basis_names[listed[in_.pick(unsigned(listed.size()))]]);
      }
    }
  }

  // f0 asserted or not; f1 absent (unknown), null (does not hold) or from a day; the age
  // stated, from a date of birth, or not known; the basis of record of purposes that choose
  // one per person, or not known; consent records explicit or not.
  void person_request(const Model& m, Request& r) {
    if (in_.one_in(3)) r.context.emplace_back("f0");
    switch (in_.pick(3)) {
      case 0: r.facts["f1"] = std::nullopt; break;
      case 1: r.facts["f1"] = date(offset()); break;
      default: break;
    }
    switch (in_.pick(3)) {
      case 0: r.age = int(in_.pick(20)); break;
      case 1:  // now and then close enough for a term `after birth` to end near `at`
        r.born = in_.one_in(2) ? date(-std::abs(offset())) : date(-int(in_.pick(20)) * 365 - int(in_.pick(365)));
        break;
      default: break;
    }
    for (unsigned p = 0; p < m.purposes; ++p) {
      if (!m.record_bases[p] || in_.one_in(3)) continue;
      std::vector<unsigned> listed;
      for (unsigned b = 0; b < 6; ++b)
        if (m.record_bases[p] >> b & 1u) listed.push_back(b);
      r.bases["p" + std::to_string(p)] = std::string(syntax::basis_names[listed[in_.pick(unsigned(listed.size()))]]);
    }
    for (auto& [purpose, record] : r.consent) record.explicit_consent = !record.never_given && in_.one_in(2);
  }

  std::string month() { return month_names_[in_.pick(12)]; }

  std::string period() {
    const unsigned unit = in_.pick(4);
    const unsigned count = 1 + in_.pick(unit == 0 ? 60 : unit == 1 ? 8 : unit == 2 ? 24 : 4);
    return std::to_string(count) + " " + unit_names[unit];
  }

  // Days from the request's base date: near it, or a whole number of years and months away,
  // so that periods end close to the day of the action.
  int offset() {
    const int near = int(std::int8_t(in_.byte()));
    switch (in_.pick(4)) {
      case 0: return near;
      case 1: return near - 365 * int(1 + in_.pick(4));
      case 2: return near - 30 * int(1 + in_.pick(24));
      default: return -int(in_.pick(4)) * 365 - int(in_.pick(12)) * 30 - int(in_.pick(4));
    }
  }

  std::string date(int days) {
    return dates::to_string(dates::add_days(base_, days));
  }

  // The validity of a list member or a certification: none, `from`, `until` or both, on days
  // near the requests' base dates so that `at` falls on either side of them.
  std::string validity() {
    static const char* const days[] = {"2024-02-29", "2025-12-27", "2025-12-31", "2026-01-31", "2026-06-15", "2026-06-16"};
    switch (in_.pick(6)) {
      case 0: return std::string(" from ") + days[in_.pick(6)];
      case 1: return std::string(" until ") + days[in_.pick(6)];
      case 2: {
        const unsigned from = in_.pick(6);
        return std::string(" from ") + days[from] + " until " + days[from + in_.pick(6 - from)];
      }
      default: return "";
    }
  }

  // One to two purposes or groups, written as a list into `text`; the purposes they stand for,
  // one bit each.
  unsigned purpose_targets(const Model& m, std::string& text) {
    unsigned named = 0;
    for (unsigned i = 0, n = 1 + in_.pick(2); i < n; ++i) {
      const unsigned target = in_.pick(m.purposes + m.groups);
      text += i ? ", " : "";
      if (target < m.purposes) {
        text += "p" + std::to_string(target);
        named |= 1u << target;
      } else {
        text += "g" + std::to_string(target - m.purposes);
        for (unsigned p : m.members[target - m.purposes]) named |= 1u << p;
      }
    }
    return named;
  }

  // The purposes a rule's `for` names (all of them for `every`), as a bit set.
  unsigned scope_of(const Model& m, std::string& text) {
    const unsigned kind = in_.pick(5);
    unsigned scope = 0;
    if (kind <= 1) return (1u << m.purposes) - 1;  // no `for`
    if (kind == 4) {
      text += " for any purpose except ";
      return ((1u << m.purposes) - 1) & ~purpose_targets(m, text);
    }
    if (kind == 2) {
      text += " for ";
      scope |= purpose_targets(m, text);
      return scope;
    }
    text += " for purposes based on ";
    for (unsigned i = 0, n = 1 + in_.pick(2); i < n; ++i) {
      const unsigned b = in_.pick(6);
      text += (i ? " or " : "") + std::string(syntax::basis_names[b]);
      for (unsigned p = 0; p < m.purposes; ++p)
        if (m.bases[p] >> b & 1u) scope |= 1u << p;
    }
    return scope;
  }

  std::string actions() {
    std::string t;
    switch (in_.pick(3)) {
      case 0: return "any action";
      case 1:
        t = "any action except ";
        for (unsigned i = 0, n = 1 + in_.pick(2); i < n; ++i) t += (i ? ", " : "") + std::string(syntax::action_names[in_.pick(8)]);
        return t;
      default:
        for (unsigned i = 0, n = 1 + in_.pick(3); i < n; ++i) t += (i ? ", " : "") + std::string(syntax::action_names[in_.pick(8)]);
        return t;
    }
  }

  void rule(Model& m, unsigned index) {
    std::string head = "rule x" + std::to_string(index) + " \"rule\"\n  cites \"Art. 1\"\n  ";
    std::string conclusion;
    unsigned scope = 0;
    std::uint8_t bases = 0;
    bool retains = false;
    const unsigned kind = in_.pick(10);
    auto finish_scope = [&](std::string& text) {
      scope = scope_of(m, text);
      for (unsigned p = 0; p < m.purposes; ++p)
        if (scope >> p & 1u) {
          bases |= m.bases[p];
          retains = retains || m.retains[p];
        }
    };
    switch (kind) {
      case 0: case 1: case 2: conclusion = "deny " + actions(); finish_scope(conclusion); break;
      case 3: case 4: case 5: conclusion = "allow " + actions(); finish_scope(conclusion); break;
      case 6: {
        std::string target;
        finish_scope(target);
        std::vector<unsigned> listed;
        for (unsigned b = 0; b < 6; ++b)
          if (bases >> b & 1u) listed.push_back(b);
        if (listed.empty()) {
          conclusion = "deny any action" + target;
        } else {
          conclusion = "defeat basis " + std::string(syntax::basis_names[listed[in_.pick(unsigned(listed.size()))]]) + target;
        }
        break;
      }
      case 7: case 8: {
        std::string target;
        finish_scope(target);
        unsigned right = in_.pick(9);
        if (right == static_cast<unsigned>(syntax::Right::withdraw_consent) && !(bases & 1u)) right = 0;
        conclusion = std::string(kind == 7 ? "grant " : "refuse ") +
                     (right == 8 ? std::string("h0") : std::string(syntax::right_names[right])) + target;
        // A grant's own answer term, in place of `respond within`.
        if (kind == 7 && in_.one_in(3))
          conclusion += in_.one_in(2) ? std::string("\n  effective on receipt") : "\n  answer within " + period();
        break;
      }
      default: {
        std::string target;
        finish_scope(target);
        bool archives = false;
        for (unsigned p = 0; p < m.purposes; ++p)
          if (scope >> p & 1u) archives = archives || m.archives[p];
        const unsigned what = in_.pick(4);
        conclusion = std::string("oblige ") +
                     (what == 0                ? "erase"
                      : what == 1 || !retains ? "archive"
                      : what == 3 && archives ? "end of archive"
                                              : "end of retention") +
                     target;
        break;
      }
    }
    const bool consent = bases & 1u;
    record_bases_ = 0;
    for (unsigned p = 0; p < m.purposes; ++p)
      if (scope >> p & 1u) record_bases_ |= m.record_bases[p];
    std::string t = head + conclusion + "\n";
    if (!in_.one_in(4)) t += "  when " + condition(m, consent, 3) + "\n";
    if (const unsigned n = in_.pick(3)) {
      t += "  unless ";
      for (unsigned i = 0; i < n; ++i) t += (i ? ", " : "") + condition(m, consent, 2);
      t += "\n";
    }
    if (m.rules > 1 && in_.one_in(3)) {
      t += "  overrides ";
      for (unsigned i = 0, n = 1 + in_.pick(2); i < n; ++i) {
        unsigned target = in_.pick(m.rules);
        if (target == index) target = (index + 1) % m.rules;
        t += (i ? ", x" : "x") + std::to_string(target);
      }
      t += "\n";
    }
    m.text += t;
  }

  std::string condition(const Model& m, bool consent, int depth) {
    if (depth > 0 && in_.one_in(3)) {
      switch (in_.pick(3)) {
        case 0: return "not " + wrap(condition(m, consent, depth - 1));
        case 1: return wrap(condition(m, consent, depth - 1)) + " and " + wrap(condition(m, consent, depth - 1));
        default: return wrap(condition(m, consent, depth - 1)) + " or " + wrap(condition(m, consent, depth - 1));
      }
    }
    if (in_.one_in(6)) return person_condition(record_bases_);
    switch (in_.pick(18)) {
      case 16: {
        const unsigned target = in_.pick(m.purposes + m.groups);
        return "purpose is " + (target < m.purposes ? "p" + std::to_string(target) : "g" + std::to_string(target - m.purposes));
      }
      case 17: return "recipient certified under fw0";
      case 0: return consent ? "consent given" : "restricted";
      case 1: return consent ? "consent withdrawn" : "unlawful";
      case 2: return "objected to purpose";
      case 3: {
        const unsigned target = in_.pick(m.purposes + m.groups);
        return "objected to " + (target < m.purposes ? "p" + std::to_string(target) : "g" + std::to_string(target - m.purposes));
      }
      case 4: return "restricted";
      case 5: return "unlawful";
      case 6: return in_.one_in(3) ? "archive period over" : "retention over";
      case 7: return "data outside purpose";
      case 8: return "data includes c" + std::to_string(in_.pick(m.categories));
      case 9: return m.recipients ? "recipient is r" + std::to_string(in_.pick(m.recipients)) : "unlawful";
      case 10: return "recipient may not receive data";
      case 11: return "country in " + std::string(list_names[in_.pick(3)]);
      case 12: return "country outside " + std::string(list_names[in_.pick(3)]);
      case 13: return "basis is " + std::string(syntax::basis_names[in_.pick(6)]);
      case 14: return "processed by automated means";
      default: return std::string(syntax::context_fact_names[in_.pick(9)]);
    }
  }

  static std::string wrap(const std::string& c) {
    return c.find(' ') == std::string::npos || c.rfind("not ", 0) == 0 ? c : "(" + c + ")";
  }

  Bytes& in_;
  std::uint8_t record_bases_ = 0;  // the bases of record of the rule being written
  dates::Date base_{};
  const dates::Date bases_[4] = {dates::from_ymd(2026, 6, 15), dates::from_ymd(2024, 2, 29), dates::from_ymd(2026, 1, 31),
                                 dates::from_ymd(2025, 12, 31)};
  const char* const month_names_[12] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
};

// The request as the JSON contract, so that the JSON decoder is compared with the struct path.
inline std::string to_json(const Request& r) {
  auto q = [](const std::string& s) { return "\"" + s + "\""; };
  std::string j = "{\"action\":" + q(r.action) + ",\"purpose\":" + q(r.purpose) + ",\"data\":[";
  for (std::size_t i = 0; i < r.data.size(); ++i) j += (i ? "," : "") + q(r.data[i]);
  j += "]";
  if (r.recipient) j += ",\"recipient\":" + q(*r.recipient);
  if (r.country) j += ",\"country\":" + q(*r.country);
  j += ",\"at\":" + q(r.at);
  if (r.right) j += ",\"right\":" + q(*r.right);
  if (r.received) j += ",\"received\":" + q(*r.received);
  j += ",\"subject\":{\"consent\":{";
  bool first = true;
  for (const auto& [p, c] : r.consent) {
    j += (first ? "" : ",") + q(p) + ":" +
         (c.never_given ? std::string("null")
                        : "{\"given\":" + q(c.given) + ",\"withdrawn\":" + (c.withdrawn ? q(*c.withdrawn) : "null") +
                              (c.explicit_consent ? ",\"explicit\":true}" : "}"));
    first = false;
  }
  j += "},\"objections\":[";
  for (std::size_t i = 0; i < r.objections.size(); ++i)
    j += (i ? "," : "") + std::string("{\"to\":") + q(r.objections[i].to) + ",\"at\":" + q(r.objections[i].at) + "}";
  j += "],\"restriction\":";
  j += r.restriction ? "{\"since\":" + q(r.restriction->since) + ",\"until\":" +
                           (r.restriction->until ? q(*r.restriction->until) : "null") + "}"
                     : "null";
  j += std::string(",\"unlawful\":") + (r.unlawful ? "true" : "false") + ",\"dates\":{";
  first = true;
  for (const auto& [d, v] : r.dates) {
    j += (first ? "" : ",") + q(d) + ":" + (v ? q(*v) : "null");
    first = false;
  }
  j += "}";
  if (!r.facts.empty()) {
    j += ",\"facts\":{";
    first = true;
    for (const auto& [f, since] : r.facts) {
      j += (first ? "" : ",") + q(f) + ":" + (since ? q(*since) : "null");
      first = false;
    }
    j += "}";
  }
  if (r.born) j += ",\"born\":" + q(*r.born);
  if (r.age) j += ",\"age\":" + std::to_string(*r.age);
  if (!r.bases.empty()) {
    j += ",\"bases\":{";
    first = true;
    for (const auto& [p, b] : r.bases) {
      j += (first ? "" : ",") + q(p) + ":" + q(b);
      first = false;
    }
    j += "}";
  }
  j += "},\"context\":{";
  for (std::size_t i = 0; i < r.context.size(); ++i) j += (i ? "," : "") + q(r.context[i]) + ":true";
  return j + "}}";
}

}  // namespace gavel::fuzz

// Why not: for a denied request, the smallest sets of changes that make it an allow.
//
// The candidates come from the request and from what the policy declares (its purposes,
// groups, dates, recipients and country lists, and the fixed context facts), never from what
// a particular policy says: each candidate is decided by the real engine, single changes
// first, then pairs of changes to different facts. When none makes an allow, the rules that
// denied under every candidate are the answer.
//
// Its work is bounded: at most max_singles single changes and max_pairs pairs are decided,
// and apart from those decisions every step is linear in the rules that deny the request
// and in the size of the request (hash sets and marks, never a search inside a loop), so a
// policy whose 100,000 rules all deny costs what deciding it a few hundred times costs.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "engine/dates/date.hpp"
#include "gavel/gavel.hpp"

namespace gavel {

namespace {

// Bounds on the requests decided: beyond them, the search reports what it found.
constexpr std::size_t max_singles = 1000;
constexpr std::size_t max_pairs = 20000;
// Bounds on the lists the prose shows; the WhyNot lists hold them all.
constexpr std::size_t ways_in_prose = 12;
constexpr std::size_t rules_in_prose = 50;  // the rules that stand or deny, and their reasons

struct Candidate {
  std::string slot;  // two changes to the same slot are never paired
  Change change;
  std::function<void(Request&)> apply;
};

std::string day_before(const std::string& day) {
  auto d = dates::parse_date(day);
  return d ? dates::to_string(dates::add_days(*d, -1)) : day;
}

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  return fmt::format("{}", fmt::join(items, sep));
}

// The policy's own facts: asserted for the action, or on the person's record from the day;
// explicit consent where special data may rest on it; another basis of record.
void person_fact_candidates(const Vocabulary& v, const Vocabulary::Purpose& purpose, const Request& r,
                            std::vector<Candidate>& out) {
  const std::string& T = r.at;
  const std::string& P = r.purpose;
  for (const auto& fact : v.asserted_facts) {
    if (std::find(r.context.begin(), r.context.end(), fact) != r.context.end())
      out.push_back({"context " + fact, {"retract " + fact, ""}, [fact](Request& q) {
                       q.context.erase(std::remove(q.context.begin(), q.context.end(), fact), q.context.end());
                     }});
    else
      out.push_back({"context " + fact, {"assert " + fact, ""}, [fact](Request& q) { q.context.push_back(fact); }});
  }
  for (const auto& fact : v.recorded_facts) {
    auto it = r.facts.find(fact);
    const bool holds = it != r.facts.end() && it->second && *it->second <= T;
    if (holds)
      out.push_back({"fact " + fact, {"not " + fact, "no longer on the person's record"},
                     [fact](Request& q) { q.facts[fact] = std::nullopt; }});
    else
      out.push_back({"fact " + fact, {fmt::format("{} since {}", fact, T), "on the person's record"},
                     [fact, T](Request& q) { q.facts[fact] = T; }});
  }
  if (purpose.explicit_consent) {
    auto rec = r.consent.find(P);
    if (rec == r.consent.end() || !rec->second.explicit_consent || T < rec->second.given)
      out.push_back({"consent", {fmt::format("explicit consent given {} {}", P, T), "GDPR Art. 9(2)(a)"},
                     [P, T](Request& q) { q.consent[P] = ConsentRecord{T, std::nullopt, false, true}; }});
  }
  if (purpose.one_per_person) {
    auto current = r.bases.find(P);
    for (const auto& basis : purpose.bases)
      if (current == r.bases.end() || current->second != basis)
        out.push_back({"basis of record", {fmt::format("basis of record {} {}", P, basis), ""},
                       [P, basis](Request& q) { q.bases[P] = basis; }});
  }
}

std::vector<Candidate> candidates(const Vocabulary& v, const Request& r) {
  std::vector<Candidate> out;
  const std::string& T = r.at;
  const std::string& P = r.purpose;
  const auto* purpose = v.purpose(P);
  if (!purpose) return out;

  // Consent for the purpose: given (again) on the day, or withdrawn on it.
  auto rec = r.consent.find(P);
  const bool holds = rec != r.consent.end() && !rec->second.never_given && rec->second.given <= T &&
                     !(rec->second.withdrawn && *rec->second.withdrawn <= T);
  if (!holds)
    out.push_back({"consent", {fmt::format("consent given {} {}", P, T), ""},
                   [P, T](Request& q) { q.consent[P] = ConsentRecord{T, std::nullopt}; }});
  else
    out.push_back({"consent", {fmt::format("consent withdrawn {} {}", P, T), ""},
                   [P, T](Request& q) { q.consent[P].withdrawn = T; }});

  // An objection to the purpose, or to a group.
  std::unordered_set<std::string_view> objected;
  for (const auto& o : r.objections)
    if (o.at <= T) objected.insert(o.to);
  std::vector<std::string> targets{P};
  targets.insert(targets.end(), v.groups.begin(), v.groups.end());
  for (const auto& target : targets) {
    if (!objected.contains(target))
      out.push_back({"objection " + target, {fmt::format("objected to {} {}", target, T), ""},
                     [target, T](Request& q) { q.objections.push_back({target, T}); }});
  }

  // A restriction lifted the day before, or one starting on the day.
  const bool restricted =
      r.restriction && r.restriction->since <= T && (!r.restriction->until || T <= *r.restriction->until);
  if (restricted) {
    if (r.restriction->since < T) {
      const std::string until = day_before(T);
      out.push_back({"restriction",
                     {fmt::format("restricted since {} until {}", r.restriction->since, until), "the restriction lifted"},
                     [until](Request& q) { q.restriction->until = until; }});
    } else {
      out.push_back({"restriction", {"forget restriction", "the restriction lifted"},
                     [](Request& q) { q.restriction.reset(); }});
    }
  } else {
    out.push_back({"restriction", {fmt::format("restricted since {}", T), ""},
                   [T](Request& q) { q.restriction = Restriction{T, std::nullopt}; }});
  }

  if (!r.unlawful)
    out.push_back({"unlawful", {"unlawful", "the data found to be processed unlawfully"},
                   [](Request& q) { q.unlawful = true; }});

  // A retention date moved to the day: a new contact, a new event, a new connection.
  for (const auto& date : v.dates) {
    auto it = r.dates.find(date);
    if (it != r.dates.end() && it->second == T) continue;
    out.push_back({"date " + date, {fmt::format("{} {}", date, T), ""}, [date, T](Request& q) { q.dates[date] = T; }});
  }

  // What the controller asserts about the action.
  for (const auto& fact : v.context_facts) {
    // It changes whom a granted request is told to (GDPR Art. 19), never a decision.
    if (fact == "disproportionate_effort") continue;
    const bool asserted = std::find(r.context.begin(), r.context.end(), fact) != r.context.end();
    if (asserted)
      out.push_back({"context " + fact, {"retract " + fact, ""}, [fact](Request& q) {
                       q.context.erase(std::remove(q.context.begin(), q.context.end(), fact), q.context.end());
                     }});
    else
      out.push_back({"context " + fact, {"assert " + fact, ""}, [fact](Request& q) { q.context.push_back(fact); }});
  }

  person_fact_candidates(v, *purpose, r, out);

  if (r.action == "request") return out;

  // The question: who receives the data, where it goes, which data.
  if (r.recipient) {
    out.push_back({"recipient", {"no recipient", "the controller's own staff"},
                   [](Request& q) { q.recipient.reset(); }});
    for (const auto& other : v.recipients)
      if (other.name != *r.recipient)
        out.push_back({"recipient", {"recipient " + other.name, ""},
                       [name = other.name](Request& q) { q.recipient = name; }});
  }
  if (r.country) {
    out.push_back({"country", {"no country", v.home.empty() ? "" : fmt::format("stays in `{}`", v.home)},
                   [](Request& q) { q.country.reset(); }});
    for (const auto& list : v.country_lists) {
      if (list.members.empty() ||
          std::find(list.members.begin(), list.members.end(), *r.country) != list.members.end())
        continue;
      const std::string code = list.members.front();
      out.push_back({"country", {"country " + code, fmt::format("a country of `{}`", list.name)},
                     [code](Request& q) { q.country = code; }});
    }
  }
  std::set<std::vector<std::string>> data_sets;
  auto add_data = [&](std::vector<std::string> keep, std::string note) {
    if (keep.empty() || keep == r.data || !data_sets.insert(keep).second) return;
    out.push_back({"data", {"data " + join(keep), std::move(note)}, [keep](Request& q) { q.data = keep; }});
  };
  auto keep_if = [&](const std::vector<std::string>& list) {
    const std::unordered_set<std::string_view> allowed(list.begin(), list.end());
    std::vector<std::string> keep;
    for (const auto& c : r.data)
      if (allowed.contains(c)) keep.push_back(c);
    return keep;
  };
  add_data(keep_if(purpose->data), fmt::format("only the data of `{}`", P));
  if (r.recipient)
    if (const auto* recipient = v.recipient(*r.recipient))
      add_data(keep_if(recipient->receives), fmt::format("only the data `{}` receives", recipient->name));
  if (r.data.size() > 1)
    for (const auto& drop : r.data) {
      std::vector<std::string> keep;
      for (const auto& c : r.data)
        if (c != drop) keep.push_back(c);
      add_data(keep, fmt::format("without {}", drop));
    }
  return out;
}

std::string describe(const Change& c) {
  return c.note.empty() ? fmt::format("`{}`", c.command) : fmt::format("`{}` ({})", c.command, c.note);
}

// The first rules_in_prose of `items`, joined, then how many more there are.
std::string join_listed(const std::vector<std::string>& items, std::string_view sep) {
  if (items.size() <= rules_in_prose) return join(items, sep);
  const std::vector<std::string> first(items.begin(), items.begin() + std::ptrdiff_t(rules_in_prose));
  return fmt::format("{}{}and {} more", join(first, sep), sep, items.size() - rules_in_prose);
}

std::string prose(const Vocabulary& v, const WhyNot& w, bool singles_cut) {
  std::string out;
  if (w.possible()) {
    const std::size_t size = w.ways.front().changes.size();
    out = fmt::format("It would be allowed with {} change{}, in {} way{}:\n", size == 1 ? "one" : "two",
                      size == 1 ? "" : "s", w.ways.size(), w.ways.size() == 1 ? "" : "s");
    for (std::size_t i = 0; i < w.ways.size() && i < ways_in_prose; ++i) {
      std::vector<std::string> parts;
      for (const auto& c : w.ways[i].changes) parts.push_back(describe(c));
      out += fmt::format("- {}: then allowed by {}\n", join(parts, " and "), join(w.ways[i].decided_by));
    }
    if (w.ways.size() > ways_in_prose) out += fmt::format("- and {} more ways\n", w.ways.size() - ways_in_prose);
    if (singles_cut)
      out += fmt::format("The search stopped at its bound of {} single changes.\n", max_singles);
    return out;
  }
  out = fmt::format("No change of one or two facts, or of the question, makes it an allow ({} requests tried{}).\n",
                    w.tried,
                    w.exhaustive  ? ""
                    : singles_cut ? "; the search stopped at its bound before trying every change"
                                  : "; the search stopped at its bound before trying every pair");
  std::unordered_map<std::string_view, const Vocabulary::Rule*> rules;
  if (!w.blocking.empty())
    for (const auto& rule : v.rules) rules.try_emplace(rule.id, &rule);
  for (std::size_t i = 0; i < w.blocking.size() && i < rules_in_prose; ++i) {
    const auto& id = w.blocking[i];
    const auto found = rules.find(id);
    if (found == rules.end()) {
      out += fmt::format("- The lawful basis {} fails under every change tried.\n", id);
      continue;
    }
    const auto* rule = found->second;
    out += fmt::format("- Rule `{}` (\"{}\") denies it under every change tried", rule->id, rule->title);
    if (rule->exceptions.empty())
      out += ": it has no exception.\n";
    else
      out += fmt::format("; its exceptions ({}) hold under none of them.\n", join(rule->exceptions));
  }
  if (w.blocking.size() > rules_in_prose)
    out += fmt::format("- and {} more rules deny it under every change tried.\n",
                       w.blocking.size() - rules_in_prose);
  if (w.blocking.empty() && !w.denied_by.empty())
    out += fmt::format("- No one rule stands under every change: each is denied by some rule; now by {}.\n",
                       join_listed(w.denied_by, ", "));
  if (w.blocking.empty() && w.denied_by.empty() && !w.because.empty())
    out += fmt::format("- {} under any change tried.\n", w.because.front());
  else if (!w.because.empty())
    out += fmt::format("Because: {}.\n", join_listed(w.because, "; "));
  return out;
}

// What denied the request as it is (its decided_by) and still denies under every candidate
// decided so far, as marks over those ids: a denial costs a step per id it names and per id
// of the original, never a search of one list for each id of the other.
class Standing {
 public:
  explicit Standing(const std::vector<std::string>& ids)
      : ids_(ids),
        first_of_(ids.size()),
        stands_(ids.size(), true),
        named_by_(ids.size(), 0),
        left_(ids.size()) {
    position_.reserve(ids.size());
    for (std::size_t k = 0; k < ids.size(); ++k)
      first_of_[k] = position_.try_emplace(ids[k], k).first->second;
  }

  // Keeps only what `decided_by`, a later denial, also names. Decisions list their rules in
  // policy order, so the id after the last one found is tried first: the hash table is
  // consulted only where the two lists part.
  void keep_only(const std::vector<std::string>& decided_by) {
    if (left_ == 0) return;
    ++denial_;
    std::size_t next = 0;
    for (const auto& id : decided_by) {
      if (next < ids_.size() && ids_[next] == id) {
        named_by_[first_of_[next++]] = denial_;
      } else if (auto it = position_.find(id); it != position_.end()) {
        named_by_[it->second] = denial_;
        next = it->second + 1;
      }
    }
    for (std::size_t k = 0; k < ids_.size(); ++k)
      if (stands_[k] && named_by_[first_of_[k]] != denial_) stands_[k] = false, --left_;
  }

  // In the order of the original decision.
  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    out.reserve(left_);
    for (std::size_t k = 0; k < ids_.size(); ++k)
      if (stands_[k]) out.push_back(ids_[k]);
    return out;
  }

 private:
  const std::vector<std::string>& ids_;
  std::unordered_map<std::string_view, std::size_t> position_;  // id -> its first position
  std::vector<std::size_t> first_of_;                           // position -> first position of its id
  std::vector<bool> stands_;
  std::vector<std::uint32_t> named_by_;  // per first position: the last denial that named it
  std::uint32_t denial_ = 0;
  std::size_t left_;
};

// For each candidate, the end of the run of candidates that share its slot. candidates()
// keeps a slot's changes together, so the pairs of i start past its run: the pairs never
// made (two recipients, two countries) cost no step each.
std::vector<std::size_t> slot_run_ends(const std::vector<Candidate>& cands) {
  std::vector<std::size_t> end(cands.size());
  for (std::size_t i = cands.size(); i-- > 0;)
    end[i] = i + 1 < cands.size() && cands[i + 1].slot == cands[i].slot ? end[i + 1] : i + 1;
  return end;
}

}  // namespace

std::optional<WhyNot> why_not(Decider& decider, const Request& request) {
  const Decision original = decider.decide(request, {.trace = true});
  if (original.error || original.allow) return std::nullopt;
  const Vocabulary v = vocabulary(*decider.policy());
  auto cands = candidates(v, request);
  const bool singles_cut = cands.size() > max_singles;
  if (singles_cut) cands.erase(cands.begin() + std::ptrdiff_t(max_singles), cands.end());

  WhyNot out;
  out.exhaustive = !singles_cut;
  Standing standing(original.decided_by);  // denying under every candidate so far
  auto attempt = [&](std::initializer_list<const Candidate*> changes) {
    Request r = request;
    for (const auto* c : changes) c->apply(r);
    const Decision d = decider.decide(r);
    ++out.tried;
    if (d.error) return;
    if (d.allow) {
      WhyNot::Way way;
      for (const auto* c : changes) way.changes.push_back(c->change);
      way.decided_by = d.decided_by;
      out.ways.push_back(std::move(way));
      return;
    }
    standing.keep_only(d.decided_by);
  };

  for (const auto& c : cands) attempt({&c});
  if (out.ways.empty()) {
    const auto run_end = slot_run_ends(cands);
    std::size_t pairs = 0;
    for (std::size_t i = 0; i < cands.size() && pairs < max_pairs; ++i)
      for (std::size_t j = run_end[i]; j < cands.size() && pairs < max_pairs; ++j)
        if (cands[i].slot != cands[j].slot) attempt({&cands[i], &cands[j]}), ++pairs;
    out.exhaustive = out.exhaustive && pairs < max_pairs;
  }
  if (out.ways.empty()) {
    out.blocking = standing.ids();
    if (out.blocking.empty()) out.denied_by = original.decided_by;
    // The reasons of the trace's steps for those rules, each once, in the trace's order.
    std::unordered_set<std::string_view> named(out.blocking.begin(), out.blocking.end());
    named.insert(out.denied_by.begin(), out.denied_by.end());
    std::unordered_set<std::string_view> given;
    for (const auto& t : original.trace)
      if (named.contains(t.rule))
        for (const auto& b : t.because)
          if (given.insert(b).second) out.because.push_back(b);
    // Nothing decided it (a rights request no rule grants): the trace's last word says why.
    if (out.blocking.empty() && out.denied_by.empty() && !original.trace.empty())
      out.because.push_back(original.trace.back().title);
  }
  out.explanation = prose(v, out, singles_cut);
  return out;
}

}  // namespace gavel

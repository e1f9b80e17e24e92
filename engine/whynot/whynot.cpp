// Why not: for a denied request, the smallest sets of changes that make it an allow.
//
// The candidates come from the request and from what the policy declares (its purposes,
// groups, dates, recipients and country lists, and the fixed context facts), never from what
// a particular policy says: each candidate is decided by the real engine, single changes
// first, then pairs of changes to different facts. When none makes an allow, the rules that
// denied under every candidate are the answer.
#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "engine/dates/date.hpp"
#include "gavel/gavel.hpp"

namespace gavel {

namespace {

// Bound on the pairs decided: beyond it, the search reports what it found.
constexpr std::size_t max_pairs = 20000;
constexpr std::size_t ways_in_prose = 12;

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

std::vector<Candidate> candidates(const Vocabulary& v, const Request& r) {
  std::vector<Candidate> out;
  const std::string& T = r.at;
  const std::string& P = r.purpose;
  const auto* purpose = v.purpose(P);
  if (!purpose) return out;

  // Consent for the purpose: given (again) on the day, or withdrawn on it.
  auto rec = r.consent.find(P);
  const bool holds = rec != r.consent.end() && rec->second.given <= T &&
                     !(rec->second.withdrawn && *rec->second.withdrawn <= T);
  if (!holds)
    out.push_back({"consent", {fmt::format("consent given {} {}", P, T), ""},
                   [P, T](Request& q) { q.consent[P] = ConsentRecord{T, std::nullopt}; }});
  else
    out.push_back({"consent", {fmt::format("consent withdrawn {} {}", P, T), ""},
                   [P, T](Request& q) { q.consent[P].withdrawn = T; }});

  // An objection to the purpose, or to a group.
  std::vector<std::string> targets{P};
  targets.insert(targets.end(), v.groups.begin(), v.groups.end());
  for (const auto& target : targets) {
    const bool objected = std::any_of(r.objections.begin(), r.objections.end(),
                                      [&](const Objection& o) { return o.to == target && o.at <= T; });
    if (!objected)
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
    const bool asserted = std::find(r.context.begin(), r.context.end(), fact) != r.context.end();
    if (asserted)
      out.push_back({"context " + fact, {"retract " + fact, ""}, [fact](Request& q) {
                       q.context.erase(std::remove(q.context.begin(), q.context.end(), fact), q.context.end());
                     }});
    else
      out.push_back({"context " + fact, {"assert " + fact, ""}, [fact](Request& q) { q.context.push_back(fact); }});
  }

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
  std::vector<std::vector<std::string>> data_sets;
  auto add_data = [&](std::vector<std::string> keep, std::string note) {
    if (keep.empty() || keep == r.data || std::find(data_sets.begin(), data_sets.end(), keep) != data_sets.end())
      return;
    data_sets.push_back(keep);
    out.push_back({"data", {"data " + join(keep), std::move(note)}, [keep](Request& q) { q.data = keep; }});
  };
  auto keep_if = [&](const std::vector<std::string>& allowed) {
    std::vector<std::string> keep;
    for (const auto& c : r.data)
      if (std::find(allowed.begin(), allowed.end(), c) != allowed.end()) keep.push_back(c);
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

std::string prose(const Vocabulary& v, const WhyNot& w) {
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
    return out;
  }
  out = fmt::format("No change of one or two facts, or of the question, makes it an allow ({} requests tried{}).\n",
                    w.tried, w.exhaustive ? "" : "; the search stopped at its bound before trying every pair");
  for (const auto& id : w.blocking) {
    auto rule = std::find_if(v.rules.begin(), v.rules.end(), [&](const Vocabulary::Rule& r) { return r.id == id; });
    if (rule == v.rules.end()) {
      out += fmt::format("- The lawful basis {} fails under every change tried.\n", id);
      continue;
    }
    out += fmt::format("- Rule `{}` (\"{}\") denies it under every change tried", rule->id, rule->title);
    if (rule->exceptions.empty())
      out += ": it has no exception.\n";
    else
      out += fmt::format("; its exceptions ({}) hold under none of them.\n", join(rule->exceptions));
  }
  if (w.blocking.empty() && !w.denied_by.empty())
    out += fmt::format("- No one rule stands under every change: each is denied by some rule; now by {}.\n",
                       join(w.denied_by));
  if (w.blocking.empty() && w.denied_by.empty() && !w.because.empty())
    out += fmt::format("- {} under any change tried.\n", w.because.front());
  else if (!w.because.empty())
    out += fmt::format("Because: {}.\n", join(w.because, "; "));
  return out;
}

}  // namespace

std::optional<WhyNot> why_not(Decider& decider, const Request& request) {
  const Decision original = decider.decide(request, {.trace = true});
  if (original.error || original.allow) return std::nullopt;
  const Vocabulary v = vocabulary(*decider.policy());
  const auto cands = candidates(v, request);

  WhyNot out;
  std::vector<std::string> standing = original.decided_by;  // denying under every candidate so far
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
    std::erase_if(standing, [&](const std::string& id) {
      return std::find(d.decided_by.begin(), d.decided_by.end(), id) == d.decided_by.end();
    });
  };

  for (const auto& c : cands) attempt({&c});
  if (out.ways.empty()) {
    std::size_t pairs = 0;
    for (std::size_t i = 0; i < cands.size() && pairs < max_pairs; ++i)
      for (std::size_t j = i + 1; j < cands.size() && pairs < max_pairs; ++j)
        if (cands[i].slot != cands[j].slot) attempt({&cands[i], &cands[j]}), ++pairs;
    out.exhaustive = pairs < max_pairs;
  }
  if (out.ways.empty()) {
    out.blocking = standing;
    if (standing.empty()) out.denied_by = original.decided_by;
    for (const auto& t : original.trace)
      if (std::find(out.blocking.begin(), out.blocking.end(), t.rule) != out.blocking.end() ||
          std::find(out.denied_by.begin(), out.denied_by.end(), t.rule) != out.denied_by.end())
        for (const auto& b : t.because)
          if (std::find(out.because.begin(), out.because.end(), b) == out.because.end()) out.because.push_back(b);
    // Nothing decided it (a rights request no rule grants): the trace's last word says why.
    if (out.blocking.empty() && out.denied_by.empty() && !original.trace.empty())
      out.because.push_back(original.trace.back().title);
  }
  out.explanation = prose(v, out);
  return out;
}

}  // namespace gavel

#include "cli/request_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>


namespace gavel::generate {
namespace {

using compile::Id;
using dates::Date;

constexpr Date first_day = dates::from_ymd(2023, 1, 1);
constexpr Date last_day = dates::from_ymd(2028, 12, 31);

Date clamp_day(std::int64_t days) {
  return Date{std::int32_t(std::clamp<std::int64_t>(days, first_day.days, last_day.days))};
}

// Countries outside the EU/EEA often named in transfers; those the policy lists are dropped.
constexpr std::string_view common_third_countries[] = {"US", "CN", "IN", "BR", "RU", "SG", "AU", "ZA", "TR", "MA"};

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

template <class... Args>
void put(std::string& out, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
}

}  // namespace

RequestGenerator::RequestGenerator(const compile::CompiledPolicy& policy, std::uint64_t seed, Mix mix)
    : policy_(policy), mix_(mix) {
  for (auto& s : state_) s = splitmix64(seed);
  for (auto code : common_third_countries) {
    const auto index = *compile::country_index(code);
    bool listed = false;
    for (const auto& list : policy.country_lists) listed |= list.members.test(index);
    if (!listed) third_countries_.push_back(index);
  }
  for (Id t = Id(policy.purposes.size()); t < policy.objection_target_names.size(); ++t) groups_.push_back(t);
}

// xoshiro256**: small, fast, and the same sequence on every platform.
std::uint64_t RequestGenerator::bits() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double RequestGenerator::uniform() { return double(bits() >> 11) * 0x1.0p-53; }

int RequestGenerator::between(int lo, int hi) { return lo + int(bits() % std::uint64_t(hi - lo + 1)); }

void RequestGenerator::write_date(std::string& out, Date d) {
  char text[10];
  dates::format_date(d, text);
  out += '"';
  out.append(text, 10);
  out += '"';
}

void RequestGenerator::next(std::string& out) {
  const auto& p = policy_;
  const Id purpose = Id(between(0, int(p.purposes.size()) - 1));
  const auto& P = p.purposes[purpose];
  const Date at{between(first_day.days, last_day.days)};

  // ---- action ----
  const bool rights = chance(mix_.rights_requests);
  out += R"({"action":)";
  if (rights) {
    out += R"("request")";
  } else if (chance(mix_.archive_erase)) {
    out += chance(0.5) ? R"("archive")" : R"("erase")";
  } else {
    // Weighted like the traffic of a CRM: mostly use and communicate, some collection and
    // storage, few disclosures and transfers.
    static constexpr std::pair<compile::Action, int> weights[] = {
        {compile::Action::use, 3},      {compile::Action::communicate, 3}, {compile::Action::store, 2},
        {compile::Action::collect, 2},  {compile::Action::disclose, 1},    {compile::Action::transfer, 1}};
    int x = between(1, 12);
    compile::Action a = compile::Action::use;
    for (auto [action, w] : weights)
      if ((x -= w) <= 0) {
        a = action;
        break;
      }
    put(out, R"("{}")", syntax::name_of(a));
  }
  put(out, R"(,"purpose":"{}")", P.name);

  // ---- recipient and data ----
  Id recipient = compile::no_id;
  if (!rights && !p.recipients.empty() && chance(0.5)) recipient = Id(between(0, int(p.recipients.size()) - 1));
  std::vector<Id> pool;
  P.data.for_each([&](Id c) {
    if (recipient == compile::no_id || p.recipients[recipient].receives.contains(c)) pool.push_back(c);
  });
  if (pool.empty() || chance(0.03)) {
    pool.clear();
    P.data.for_each([&](Id c) { pool.push_back(c); });
  }
  if (!rights) {
    // A few distinct categories, in declaration order.
    std::vector<Id> data;
    const int k = pool.empty() ? 0 : between(1, std::min<int>(4, int(pool.size())));
    for (int i = 0; i < k; ++i) std::swap(pool[std::size_t(i)], pool[std::size_t(between(i, int(pool.size()) - 1))]);
    data.assign(pool.begin(), pool.begin() + k);
    std::sort(data.begin(), data.end());
    if (chance(0.05) || data.empty()) {  // data foreign to the purpose
      std::vector<Id> foreign;
      for (Id c = 0; c < p.category_names.size(); ++c)
        if (!P.data.contains(c)) foreign.push_back(c);
      if (!foreign.empty()) data.push_back(foreign[std::size_t(between(0, int(foreign.size()) - 1))]);
    }
    if (data.empty()) data.push_back(0);
    out += R"(,"data":[)";
    for (std::size_t i = 0; i < data.size(); ++i) put(out, R"({}"{}")", i ? "," : "", p.category_names[data[i]]);
    out += ']';
    if (recipient != compile::no_id) put(out, R"(,"recipient":"{}")", p.recipients[recipient].name);
  }

  // ---- country: absent (where the controller is established), home, another list, elsewhere ----
  const double where = uniform();
  auto pick_from = [&](const compile::CountryList& list) -> std::optional<compile::CountryIndex> {
    const auto n = list.members.count();
    if (n == 0) return std::nullopt;
    std::size_t k = std::size_t(between(0, int(n) - 1));
    for (std::size_t i = 0; i < compile::country_slots; ++i)
      if (list.members.test(i) && k-- == 0) return compile::CountryIndex(i);
    return std::nullopt;
  };
  std::optional<compile::CountryIndex> country;
  if (rights || where < 0.55) {
  } else if (where < 0.75 && p.home_countries != compile::no_id) {
    country = pick_from(p.country_lists[p.home_countries]);
  } else if (where < 0.88 && !p.country_lists.empty()) {
    country = pick_from(p.country_lists[std::size_t(between(0, int(p.country_lists.size()) - 1))]);
  } else if (!third_countries_.empty()) {
    country = third_countries_[std::size_t(between(0, int(third_countries_.size()) - 1))];
  }
  if (country) put(out, R"(,"country":"{}{}")", char('A' + *country / 26), char('A' + *country % 26));

  out += R"(,"at":)";
  write_date(out, at);
  if (rights) {
    // The policy's rights: the eight built in, then its declared ones.
    put(out, R"(,"right":"{}")", p.right_names[std::size_t(between(0, int(p.right_names.size()) - 1))]);
    out += R"(,"received":)";
    write_date(out, clamp_day(at.days - (chance(0.5) ? 0 : between(1, 20))));
  }

  // ---- subject ----
  out += R"(,"subject":{"consent":{)";
  bool first = true;
  for (Id q = 0; q < p.purposes.size(); ++q) {
    const auto& Q = p.purposes[q];
    const double likely = q != purpose                      ? 0.15
                          : !Q.has(compile::Basis::consent) ? 0.15
                          : Q.basis_list.size() > 1         ? 0.6
                                                            : 0.93;
    if (!chance(likely)) continue;
    std::int64_t given = chance(0.92) ? at.days - between(0, 900) : at.days + between(1, 300);
    if (chance(0.02)) given = at.days;  // boundary: given on the day of the action
    const Date g = clamp_day(given);
    put(out, R"({}"{}":{{"given":)", first ? "" : ",", Q.name);
    first = false;
    write_date(out, g);
    out += R"(,"withdrawn":)";
    if (chance(0.2))  // boundary: withdrawn on the day of the action, when that is not before the consent
      write_date(out, chance(0.04) && at >= g ? at : clamp_day(g.days + between(1, 1500)));
    else
      out += "null";
    out += '}';
  }
  out += R"(},"objections":[)";
  if (chance(0.18)) {
    const int k = chance(0.8) ? 1 : 2;
    for (int i = 0; i < k; ++i) {
      const double x = uniform();
      Id to = purpose;
      if (x < 0.375 && !groups_.empty()) to = groups_[std::size_t(between(0, int(groups_.size()) - 1))];
      else if (x >= 0.875) to = Id(between(0, int(p.purposes.size()) - 1));
      const Date on = chance(0.03) ? at : clamp_day(at.days + between(-700, 250));  // boundary: that day
      put(out, R"({}{{"to":"{}","at":)", i ? "," : "", p.objection_target_names[to]);
      write_date(out, on);
      out += '}';
    }
  }
  out += ']';
  if (chance(0.1)) {
    const Date since = chance(0.03) ? at : clamp_day(at.days + between(-400, 120));
    out += R"(,"restriction":{"since":)";
    write_date(out, since);
    out += R"(,"until":)";
    if (chance(0.5))
      write_date(out, chance(0.05) && at >= since ? at : clamp_day(since.days + between(0, 500)));
    else
      out += "null";
    out += '}';
  } else if (chance(0.5)) {
    out += R"(,"restriction":null)";
  }
  const bool unlawful = chance(0.008);
  if (unlawful || chance(0.8)) put(out, R"(,"unlawful":{})", unlawful);

  // Retention anchors: the purpose's own almost always, the others now and then.
  out += R"(,"dates":{)";
  first = true;
  for (Id d = 0; d < p.date_names.size(); ++d) {
    const compile::RetentionTerm* term = nullptr;
    for (const auto& t : P.retention)
      if (t.kind == syntax::RetentionTerm::Kind::period_after && t.anchor == d) term = &t;
    if (!chance(term ? 0.985 : 0.3)) continue;
    const double mode = uniform();
    Date anchor{};
    if (term && mode < 0.06) {  // boundary: the retention period ends within two days of `at`
      anchor = clamp_day(dates::add_period(at, -term->count, term->unit).days + between(-2, 2));
    } else if (term && mode < 0.09) {  // 29 February anchors and the days around them
      static constexpr Date leap[] = {dates::from_ymd(2024, 2, 29), dates::from_ymd(2024, 2, 28),
                                      dates::from_ymd(2024, 3, 1), dates::from_ymd(2028, 2, 29)};
      anchor = leap[between(0, 3)];
    } else {
      const int span = term ? int((dates::add_period(at, term->count, term->unit).days - at.days) * 1.12) : 1200;
      anchor = clamp_day(at.days - between(0, span));
    }
    put(out, R"({}"{}":)", first ? "" : ",", p.date_names[d]);
    first = false;
    write_date(out, anchor);
  }
  out += '}';
  // The date of birth, when a retention term counts from it: never after `at`.
  for (const auto& t : P.retention)
    if (t.kind == syntax::RetentionTerm::Kind::period_after && t.anchor == compile::birth_anchor) {
      if (chance(0.985)) {
        const int span = int((dates::add_period(at, t.count, t.unit).days - at.days) * 1.12);
        out += R"(,"born":)";
        write_date(out, clamp_day(at.days - between(0, span)));
      }
      break;
    }
  out += '}';

  // ---- context: each fact mostly false, often left out when false ----
  static constexpr double asserted[] = {0.05, 0.05, 0.10, 0.06, 0.05, 0.45, 0.05, 0.02, 0.02};
  // The facts after these (`disproportionate_effort`) only concern the answer to a rights request.
  static_assert(std::size(asserted) + 1 == syntax::context_fact_names.size());
  out += R"(,"context":{)";
  first = true;
  for (std::size_t f = 0; f < std::size(asserted); ++f) {
    const bool v = chance(asserted[f]);
    if (!v && !chance(f < 6 ? 0.85 : 0.2)) continue;
    put(out, R"({}"{}":{})", first ? "" : ",", syntax::context_fact_names[f], v);
    first = false;
  }
  out += "}}";
}

// A person as a controller's records hold them: consents given over the years, some
// withdrawn; the dates retention counts from, most in the past, some events not yet happened
// (null) and a few never recorded (left out); now and then an objection, a restriction, a
// finding of unlawfulness, a basis of record, the facts the policy records, a date of birth.
void RequestGenerator::next_subject(std::string& out) {
  const auto& p = policy_;
  constexpr Date oldest = dates::from_ymd(2012, 1, 1);
  const Date newest{subject_epoch.days - 1};
  // Recent days more often than old ones, as a customer base that grows.
  auto past_day = [&](Date from) {
    const double u = uniform();
    const auto span = double(newest.days - from.days);
    return Date{from.days + std::int32_t(span * (1.0 - u * u))};
  };
  put(out, R"({{"id":{},"subject":{{)", ++subjects_);
  const char* sep = "";
  // ---- consent, for the purposes that may rest on it ----
  bool any = false;
  for (const auto& q : p.purposes) {
    if (!q.has(compile::Basis::consent) || !chance(0.55)) continue;
    put(out, R"({}"{}":)", any ? "," : R"("consent":{)", q.name);
    any = true;
    if (chance(0.05)) {  // asked, and never given
      out += "null";
      continue;
    }
    const Date given = past_day(oldest);
    out += R"({"given":)";
    write_date(out, given);
    if (chance(0.3)) {
      out += R"(,"withdrawn":)";
      write_date(out, past_day(given));
    }
    out += '}';
  }
  if (any) {
    out += '}';
    sep = ",";
  }
  // ---- objections: to a purpose or a group ----
  if (chance(0.08) && !p.objection_target_names.empty()) {
    const Id to = Id(between(0, int(p.objection_target_names.size()) - 1));
    put(out, R"({}"objections":[{{"to":"{}","at":)", sep, p.objection_target_names[to]);
    write_date(out, past_day(dates::from_ymd(2020, 1, 1)));
    out += "}]";
    sep = ",";
  }
  if (chance(0.03)) {
    const Date since = past_day(dates::from_ymd(2023, 1, 1));
    put(out, R"({}"restriction":{{"since":)", sep);
    write_date(out, since);
    if (chance(0.5)) {
      out += R"(,"until":)";
      write_date(out, clamp_day(since.days + between(30, 900)));
    }
    out += '}';
    sep = ",";
  }
  if (chance(0.01)) {
    put(out, R"({}"unlawful":true)", sep);
    sep = ",";
  }
  // ---- the dates retention counts from: mostly given, some not happened, few unknown ----
  any = false;
  for (const auto& name : p.date_names) {
    if (chance(0.02)) continue;  // not recorded: what turns on it is not known
    put(out, R"({}"{}":)", any ? "," : fmt::format(R"({}"dates":{{)", sep), name);
    any = true;
    if (chance(0.15)) out += "null";
    else write_date(out, past_day(oldest));
  }
  if (any) {
    out += '}';
    sep = ",";
  }
  // ---- the facts the policy records for a person, the basis of record, the date of birth ----
  any = false;
  for (const auto& f : p.facts) {
    if (!f.recorded || !chance(0.7)) continue;
    put(out, R"({}"{}":)", any ? "," : fmt::format(R"({}"facts":{{)", sep), f.name);
    any = true;
    if (chance(0.8)) out += "null";
    else write_date(out, past_day(oldest));
  }
  if (any) {
    out += '}';
    sep = ",";
  }
  any = false;
  for (const auto& q : p.purposes) {
    if (!q.one_per_person || !chance(0.8)) continue;
    put(out, R"({}"{}":"{}")", any ? "," : fmt::format(R"({}"bases":{{)", sep), q.name,
        syntax::name_of(q.basis_list[std::size_t(between(0, int(q.basis_list.size()) - 1))]));
    any = true;
  }
  if (any) {
    out += '}';
    sep = ",";
  }
  bool birth = false;
  for (const auto& q : p.purposes)
    for (const auto& t : q.retention) birth |= t.anchor == compile::birth_anchor;
  if (birth && chance(0.97)) {
    put(out, R"({}"born":)", sep);
    write_date(out, Date{between(dates::from_ymd(1940, 1, 1).days, newest.days)});
  }
  out += '}';
  // ---- context: what the controller asserts of this person, now and then ----
  const bool claims = chance(0.03), obligation = chance(0.03);
  if (claims || obligation) {
    out += R"(,"context":{)";
    if (claims) out += R"("legal_claims":true)";
    if (obligation) out += claims ? R"(,"legal_obligation":true)" : R"("legal_obligation":true)";
    out += '}';
  }
  out += '}';
}

}  // namespace gavel::generate

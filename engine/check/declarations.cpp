// Declarations: the names a file declares, what each declaration refers to, and the gaps
// (a purpose without a basis, a category no purpose uses, …).
#include <algorithm>
#include <bit>
#include <tuple>
#include <unordered_set>

#include <fmt/format.h>

#include "engine/check/context.hpp"
#include "engine/dates/date.hpp"
#include "grammar/countries.hpp"

namespace gavel::check::detail {
namespace {

using syntax::Basis;

constexpr std::uint8_t basis_bit(Basis b) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(b)); }

void check_period(Context& ctx, const syntax::Period& period) {
  if (period.count <= 0)
    ctx.error(Code::check_empty_period, period.span, fmt::format("period `{}` is empty", describe(period)),
              "a period counts at least 1 day, week, month or year");
  else if (!dates::period_end(dates::min_date, period.count, period.unit))
    ctx.error(Code::check_period_too_long, period.span,
              fmt::format("period `{}` is longer than the dates gavel supports ({} to {})", describe(period),
                          dates::to_string(dates::min_date), dates::to_string(dates::max_date)),
              fmt::format("every date counted with it would be after {}: a request that needs one is refused",
                          dates::to_string(dates::max_date)));
}

// The source text of a span, each run of spaces, tabs and line ends as one space.
std::string written(const Context& ctx, const Span& span) {
  const std::string_view text = ctx.policy.source.text;
  std::string out;
  for (std::size_t i = span.begin; i < span.end && i < text.size(); ++i) {
    const bool blank = text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r';
    if (!blank) out += text[i];
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A holiday falls on a day of every year (docs/language.md, "calendar"): an Easter holiday
// that leaves the year of its Easter in some year would be a holiday of another year.
// Fixed days that do not exist are refused by the parser.
void check_calendar(Context& ctx, const syntax::Calendar& calendar) {
  for (const auto& h : calendar.holidays) {
    if (h.kind != syntax::Holiday::Kind::easter_relative || dates::easter_offset_stays_in_year(h.easter_offset))
      continue;
    const int year = dates::first_year_left_by_easter_offset(h.easter_offset);
    const dates::Date day{dates::easter_sunday(year).days + h.easter_offset};
    ctx.error(Code::check_easter_outside_year, h.date_span,
              fmt::format("`{}` does not stay in the year of its Easter: in {} it would fall on {}",
                          written(ctx, h.date_span), year, dates::to_string(day)),
              fmt::format("a holiday falls on a day of every year; as Easter Sunday falls between 22 March and "
                          "25 April, that is from {} days before Easter to {} days after it",
                          -dates::min_easter_offset, dates::max_easter_offset));
  }
}

// Warns about a name listed twice in one list ("category `identity` is listed twice in purpose `x`").
void warn_repeated(Context& ctx, const std::vector<syntax::Name>& names, std::string_view what,
                   std::string_view owner) {
  std::unordered_set<std::string_view> seen;
  for (const auto& n : names)
    if (!seen.insert(n.text).second)
      ctx.warning(Code::check_listed_twice, n.span, fmt::format("{} `{}` is listed twice in {}", what, n.text, owner),
                  fmt::format("remove the second `{}`", n.text));
}

// The code a writer most likely meant by one that ISO 3166-1 does not assign.
std::string meant_country(std::string_view code) {
  // Codes in common use that ISO 3166-1 assigns otherwise: the United Kingdom is `GB`, and
  // the EU's own code for Greece, `EL`, is `GR`.
  if (code == "UK") return "GB";
  if (code == "EL") return "GR";
  const std::string swapped{code[1], code[0]};
  if (is_assigned_country(swapped)) return swapped;
  // A code one letter away, when only one is: among two-letter codes, several are a guess.
  std::string near;
  for (std::size_t i = 0; i + 1 < iso_3166_alpha2.size(); i += 3) {
    const std::string_view candidate = iso_3166_alpha2.substr(i, 2);
    if ((candidate[0] == code[0]) == (candidate[1] == code[1])) continue;
    if (!near.empty()) return {};
    near = candidate;
  }
  return near;
}

// A day written in the file: reported when it is not one; nullopt then.
std::optional<dates::Date> checked_day(Context& ctx, const syntax::DateLiteral& day) {
  if (auto d = dates::parse_date(day.text)) return d;
  ctx.error(Code::check_invalid_date, day.span, fmt::format("`{}` is not a date gavel can use: {}", day.text, dates::date_error_message(day.text)),
            "dates are written year-month-day, e.g. `2025-12-27`");
  return std::nullopt;
}

// `from D until D`: both days exist, and the first is not after the second. Returns the days
// (a day not written, or not a date, as the first or last day gavel supports).
Validity check_validity(Context& ctx, const syntax::Validity& valid, std::string_view what) {
  std::optional<dates::Date> from, until;
  if (valid.from) from = checked_day(ctx, *valid.from);
  if (valid.until) until = checked_day(ctx, *valid.until);
  if (from && until && *from > *until)
    ctx.error(Code::check_dates_reversed, valid.until->span,
              fmt::format("{} is valid until `{}`, before it is valid from `{}`", what, valid.until->text,
                          valid.from->text),
              "the validity dates are inclusive: `from` comes first, `until` is the last day");
  return {from.value_or(dates::min_date), until.value_or(dates::max_date)};
}

void check_countries(Context& ctx, const syntax::Countries& list, std::vector<Validity>& member_dates) {
  std::unordered_set<std::string_view> seen;
  for (const auto& member : list.members) {
    if (!is_assigned_country(member.code)) {
      const std::string meant = meant_country(member.code);
      ctx.error(Code::check_invalid_country, member.span,
                fmt::format("`{}` in countries list `{}` is not a country code of ISO 3166-1", member.code,
                            list.name.text),
                meant.empty() ? std::string("write the two-letter ISO 3166-1 alpha-2 code of the country, e.g. `FR`")
                              : fmt::format("did you mean `{}`?", meant));
    } else if (!seen.insert(member.code).second) {
      ctx.warning(Code::check_listed_twice, member.span, fmt::format("`{}` is listed twice in countries list `{}`", member.code, list.name.text),
                  fmt::format("keep one `{}`, with the dates it counts", member.code));
    }
    member_dates.push_back(check_validity(ctx, member.valid, fmt::format("`{}`", member.code)));
  }
}

// Only the first controller's names are the policy's (a second one is an error).
void check_controller(Context& ctx, const syntax::Controller& c, bool first) {
  auto& resolved = ctx.resolved;
  if (c.established_in) {
    const Symbol* s = ctx.resolve(*c.established_in, Role::established_in);
    if (s && first) resolved.home_countries = s->index;
  } else
    ctx.error(Code::check_no_establishment, c.legal_name.span, fmt::format("controller `{}` does not say where it is established", c.legal_name.value),
              "add `established in LIST`, naming the `countries` list of its establishment");
  if (c.holidays)
    if (const Symbol* s = ctx.resolve(*c.holidays, Role::holidays); s && first) resolved.holidays = s->index;
}

// GDPR Art. 9: processing a special category needs, besides a lawful basis, a condition of
// Art. 9(2) the purpose names; a condition named where no special data is processed is idle.
void check_special_data(Context& ctx, const syntax::Purpose& p, const std::string& owner, PurposeNames& names) {
  for (const auto& c : p.special_under) {
    const Symbol* s = c.kind == syntax::SpecialCondition::Kind::fact ? ctx.resolve(c.fact, Role::special_fact) : nullptr;
    names.special_facts.push_back(s ? s->index : no_declaration);
  }
  const syntax::Name* first_special = nullptr;
  for (const auto& d : p.data) {
    const Symbol* s = ctx.find(d.text);
    if (s && s->kind == Kind::category && ctx.policy.categories[s->index].special) {
      first_special = &d;
      break;
    }
  }
  if (first_special && p.special_under.empty()) {
    const auto& facts = ctx.declared[static_cast<std::size_t>(Kind::fact)];
    ctx.error(Code::check_special_without_condition, first_special->span,
              fmt::format("{} processes special category `{}` without a condition of GDPR Art. 9(2)", owner,
                          first_special->text),
              facts.empty() ? std::string("add `special data under explicit consent`, or declare the fact it relies "
                                          "on (`fact FACT \"…\" asserted per action`) and add "
                                          "`special data under FACT`")
                            : fmt::format("add `special data under explicit consent` or `special data under {}`",
                                          facts.front()));
  }
  if (!first_special && p.special_span) {
    ctx.warning(Code::check_condition_without_special, *p.special_span,
                fmt::format("{} names a condition of GDPR Art. 9(2), but processes no special category", owner),
                "mark its special categories `special` (`category health \"…\" special`), or remove this line");
  }
}

// `one per person` picks one of several bases for each person: with one basis it says nothing.
void check_one_per_person(Context& ctx, const syntax::Purpose& p, const std::string& owner) {
  if (!p.one_per_person) return;
  std::uint8_t bases = 0;
  for (const auto& b : p.bases) bases |= basis_bit(b.basis);
  if (std::popcount(bases) < 2)
    ctx.warning(Code::check_single_basis_per_person, *p.one_per_person, fmt::format("`one per person` in {}, which has a single basis", owner),
                "`one per person` says which of several bases each person's processing rests on: list them "
                "(`basis consent or legitimate_interest, one per person`), or remove it");
}

void check_purpose(Context& ctx, const syntax::Purpose& p, std::uint32_t index) {
  const std::string owner = fmt::format("purpose `{}`", p.name.text);
  std::uint8_t bases = 0;
  for (const auto& b : p.bases) {
    if (bases & basis_bit(b.basis))
      ctx.warning(Code::check_listed_twice, b.span, fmt::format("basis `{}` is listed twice in {}", syntax::name_of(b.basis), owner),
                  fmt::format("remove the second `{}`", syntax::name_of(b.basis)));
    bases |= basis_bit(b.basis);
  }
  ctx.purpose_bases[index] = bases;
  PurposeNames& names = ctx.resolved.purposes[index];

  for (const auto& d : p.data) {
    const Symbol* s = ctx.resolve(d, Role::purpose_data);
    if (s) ctx.category_collected[s->index] = true;
    names.data.push_back(s ? s->index : no_declaration);
  }
  warn_repeated(ctx, p.data, "category", owner);

  for (const auto& term : p.retention) {
    names.anchors.push_back(no_declaration);
    if (term.kind == syntax::RetentionTerm::Kind::period_after) {
      check_period(ctx, term.period);
      // `birth` is the person's date of birth, `subject.born`: no `date` to resolve.
      if (term.anchor.text != syntax::birth_anchor)
        if (const Symbol* s = ctx.resolve(term.anchor, Role::retain_anchor)) names.anchors.back() = s->index;
    } else if (!(bases & basis_bit(Basis::consent))) {
      ctx.error(Code::check_consent_term_without_consent, term.span, fmt::format("`until consent withdrawn` in {}, which has no `consent` basis", owner),
                "add `consent` to its `basis`, or remove this term");
    }
    // Consent can end a retention early, never hold data longer: a minimum cannot wait for it.
    if (term.minimum && term.kind == syntax::RetentionTerm::Kind::until_consent_withdrawn)
      ctx.error(Code::check_consent_term_minimum, term.span, fmt::format("`at least until consent withdrawn` in {}: a withdrawal ends retention, it "
                                       "cannot be a minimum",
                                       owner),
                "write `until consent withdrawn` (a maximum), or a minimum period such as `at least 1 year after D`");
  }
  check_special_data(ctx, p, owner, names);
  check_one_per_person(ctx, p, owner);

  if (p.archive_for) {
    check_period(ctx, *p.archive_for);
    if (p.retention.empty())
      ctx.error(Code::check_archive_without_retention, *p.then_span, fmt::format("`then archive for` in {}, which has no `retain` line", owner),
                "add a `retain` line: the archive period starts when retention ends");
  }
  ctx.purpose_archives[index] = p.archive_for.has_value();
  ctx.purpose_retains[index] = !p.retention.empty();
  if (!p.retention.empty()) ctx.has_purpose_with_retention = true;

  if (p.bases.empty())
    ctx.warning(Code::check_incomplete_purpose, p.name.span, fmt::format("{} has no lawful basis", owner),
                "add a `basis` line, e.g. `basis consent` or `basis legitimate_interest`");
  if (p.data.empty())
    ctx.warning(Code::check_incomplete_purpose, p.name.span, fmt::format("{} lists no data", owner),
                "add a `data` line naming the categories it processes");
  if (p.retention.empty()) {
    const auto& dates = ctx.declared[static_cast<std::size_t>(Kind::date)];
    ctx.warning(Code::check_incomplete_purpose, p.name.span, fmt::format("{} has no retention period", owner),
                dates.empty() ? std::string("declare a `date` to count from and add a `retain` line, e.g. "
                                            "`retain 3 years after last_contact`")
                              : fmt::format("add a `retain` line, e.g. `retain 3 years after {}`", dates.front()));
  }
}

}  // namespace

void declare_all(Context& ctx) {
  const auto& p = ctx.policy;
  // Declared in file order, so that "already declared at line N" names the first one.
  std::vector<std::tuple<std::uint32_t, Kind, std::uint32_t, const syntax::Name*>> names;
  auto add = [&](const auto& decls, Kind kind) {
    for (std::uint32_t i = 0; i < decls.size(); ++i)
      names.emplace_back(decls[i].name.span.begin, kind, i, &decls[i].name);
  };
  add(p.categories, Kind::category);
  add(p.dates, Kind::date);
  add(p.countries, Kind::countries);
  add(p.calendars, Kind::calendar);
  add(p.purposes, Kind::purpose);
  add(p.groups, Kind::group);
  add(p.recipients, Kind::recipient);
  add(p.rights, Kind::right);
  add(p.frameworks, Kind::framework);
  add(p.facts, Kind::fact);
  std::stable_sort(names.begin(), names.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  ctx.symbols.reserve(names.size());
  for (const auto& [begin, kind, index, name] : names) ctx.declare(*name, kind, index);

  ctx.rule_index.reserve(p.rules.size());
  for (std::uint32_t i = 0; i < p.rules.size(); ++i) ctx.declare_rule(p.rules[i].id, i);

  if (p.controllers.empty()) {
    ctx.error(Code::check_no_controller, Span{0, p.source.text.empty() ? 0u : 1u, 1, 1}, "the policy declares no controller",
              "add `controller \"NAME\" { established in LIST }`: a policy is the policy of one controller");
  }
  for (std::size_t i = 1; i < p.controllers.size(); ++i)
    ctx.error(Code::check_second_controller, p.controllers[i].span,
              fmt::format("a second controller: `{}` is already the controller, at line {}",
                          p.controllers.front().legal_name.value, p.controllers.front().span.line),
              "a policy is the policy of exactly one controller: keep one `controller` block");
  for (std::size_t i = 1; i < p.deadlines.size(); ++i)
    ctx.error(Code::check_second_deadline, p.deadlines[i].span,
              fmt::format("a second `respond within`: the deadline is already set at line {}",
                          p.deadlines.front().span.line),
              "keep one `respond within` line");
}

void check_declarations(Context& ctx) {
  const auto& p = ctx.policy;
  for (std::size_t i = 0; i < p.controllers.size(); ++i) check_controller(ctx, p.controllers[i], i == 0);
  for (const auto& c : p.calendars) check_calendar(ctx, c);
  ctx.resolved.country_dates.assign(p.countries.size(), {});
  for (std::size_t i = 0; i < p.countries.size(); ++i) check_countries(ctx, p.countries[i], ctx.resolved.country_dates[i]);
  // A retention term `after birth` counts from `subject.born`; a date of that name could never
  // be counted from, and its request field would shadow nothing the reader expects.
  for (const auto& d : p.dates)
    if (d.name.text == syntax::birth_anchor)
      ctx.error(Code::check_reserved_name, d.name.span,
                "`birth` cannot be declared as a `date`: in a retention term it is the person's date of birth, "
                "given in a request as `subject.born`",
                "remove this declaration and write `retain … after birth`, or give the date another name, e.g. "
                "`birth_registered`");

  ctx.purpose_bases.assign(p.purposes.size(), 0);
  ctx.purpose_retains.assign(p.purposes.size(), false);
  ctx.purpose_archives.assign(p.purposes.size(), false);
  ctx.category_collected.assign(p.categories.size(), false);
  ctx.purpose_one_per_person.assign(p.purposes.size(), false);
  ctx.resolved.purposes.assign(p.purposes.size(), {});
  for (std::uint32_t i = 0; i < p.purposes.size(); ++i) {
    check_purpose(ctx, p.purposes[i], i);
    ctx.purpose_one_per_person[i] = p.purposes[i].one_per_person.has_value();
  }

  ctx.group_members.assign(p.groups.size(), {});
  for (std::uint32_t i = 0; i < p.groups.size(); ++i) {
    const auto& g = p.groups[i];
    auto& members = ctx.group_members[i];
    for (const auto& m : g.members)
      if (const Symbol* s = ctx.resolve(m, Role::group_member)) members.push_back(s->index);
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    warn_repeated(ctx, g.members, "purpose", fmt::format("group `{}`", g.name.text));
  }

  ctx.resolved.recipients.assign(p.recipients.size(), {});
  for (std::uint32_t i = 0; i < p.recipients.size(); ++i) {
    const auto& r = p.recipients[i];
    RecipientNames& names = ctx.resolved.recipients[i];
    for (const auto& c : r.receives) {
      const Symbol* s = ctx.resolve(c, Role::receives);
      names.receives.push_back(s ? s->index : no_declaration);
      // A category governed by another policy is collected there: receiving it is no gap here.
      if (s && !ctx.category_collected[s->index] && !p.categories[s->index].governed_by)
        ctx.warning(Code::check_unused, c.span, fmt::format("recipient `{}` may receive `{}`, which no purpose collects", r.name.text, c.text),
                    fmt::format("add `{}` to the `data` of the purposes whose data it receives, mark it `governed by` the "
                                "policy it falls under, or remove it here",
                                c.text));
    }
    warn_repeated(ctx, r.receives, "category", fmt::format("recipient `{}`", r.name.text));
    for (const auto& c : r.certifications) {
      const Symbol* s = ctx.resolve(c.framework, Role::certified_under);
      names.frameworks.push_back(s ? s->index : no_declaration);
      const std::string what =
          fmt::format("the certification of recipient `{}` under `{}`", r.name.text, c.framework.text);
      names.certified.push_back(check_validity(ctx, c.valid, what));
    }
  }

  for (const auto& d : p.deadlines) {
    check_period(ctx, d.within);
    if (d.extension) check_period(ctx, *d.extension);
  }
  for (const auto& r : p.rules)
    if (r.term && r.term->kind == syntax::ResponseTerm::Kind::within) check_period(ctx, r.term->within);
}

void check_unused(Context& ctx) {
  const auto& p = ctx.policy;
  auto maybe_meant = [&](Kind kind) { return ctx.unresolved_kinds & (1u << static_cast<unsigned>(kind)); };
  auto unused = [&](const syntax::Name& name, Kind kind) {
    if (maybe_meant(kind)) return false;
    const Symbol* s = ctx.find(name.text);
    // Only the declaration that owns the name (a duplicate is already an error).
    return s && s->kind == kind && s->span.begin == name.span.begin && !s->used;
  };
  for (std::uint32_t i = 0; i < p.categories.size(); ++i) {
    const auto& c = p.categories[i];
    const Symbol* s = ctx.find(c.name.text);
    if (s && s->kind == Kind::category && s->index == i && !ctx.category_collected[i] && !c.governed_by &&
        !maybe_meant(Kind::category))
      ctx.warning(Code::check_unused, c.name.span, fmt::format("category `{}` is not used by any purpose", c.name.text),
                  "add it to the `data` of the purposes that process it, mark it `governed by` the policy it falls "
                  "under, or remove it");
  }
  for (const auto& d : p.dates)
    if (d.name.text != syntax::birth_anchor && unused(d.name, Kind::date))
      ctx.warning(Code::check_unused, d.name.span, fmt::format("date `{}` is not used by any retention", d.name.text),
                  fmt::format("count a retention from it (`retain 3 years after {}`), or remove it", d.name.text));
  for (const auto& c : p.countries)
    if (unused(c.name, Kind::countries))
      ctx.warning(Code::check_unused, c.name.span, fmt::format("countries list `{}` is never used", c.name.text),
                  "name it in `established in`, `country in` or `country outside`, or remove it");
  for (const auto& c : p.calendars)
    if (unused(c.name, Kind::calendar))
      ctx.warning(Code::check_unused, c.name.span, fmt::format("calendar `{}` is never used", c.name.text),
                  fmt::format("name it in the controller's `holidays {}`, or remove it", c.name.text));
  for (std::uint32_t i = 0; i < p.rights.size(); ++i) {
    const auto& r = p.rights[i];
    const Symbol* s = ctx.find(r.name.text);
    if (s && s->kind == Kind::right && s->index == i && !ctx.right_granted[i] && !maybe_meant(Kind::right))
      ctx.warning(Code::check_unused, r.name.span, fmt::format("right `{}` is granted by no rule", r.name.text),
                  fmt::format("a request for it is never granted: add a rule `grant {}` where the law grants it, "
                              "or remove it",
                              r.name.text));
  }
  for (const auto& f : p.frameworks)
    if (unused(f.name, Kind::framework))
      ctx.warning(Code::check_unused, f.name.span, fmt::format("framework `{}` is never used", f.name.text),
                  fmt::format("certify a recipient under it (`certified under {}`), or remove it", f.name.text));
  for (const auto& f : p.facts)
    if (unused(f.name, Kind::fact))
      ctx.warning(Code::check_unused, f.name.span, fmt::format("fact `{}` is never used", f.name.text),
                  fmt::format("test it in a rule (`when {}`), name it in `special data under {}`, or remove it",
                              f.name.text, f.name.text));
  for (const auto& g : p.groups)
    if (unused(g.name, Kind::group))
      ctx.warning(Code::check_unused, g.name.span, fmt::format("group `{}` is never used", g.name.text),
                  fmt::format("name it in a rule's `for` or in `objected to {}`, or remove it", g.name.text));
}

}  // namespace gavel::check::detail

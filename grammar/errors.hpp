// What gavel says when a rule file does not follow the grammar: one message for every
// failure point of grammar/grammar.hpp (every `expect<R>`), all in this table.
//
// Style (as every gavel diagnostic): lowercase, no final period, the user's words in
// backticks. Two placeholders are filled in when the error is reported:
//   {item}   the declaration or rule being read, e.g. "rule `restriction`"
//   {found}  what stands where the error is, e.g. "`consnt`" or "the end of the file"
// `words` is the vocabulary expected there: when the word found is a near miss of one of
// them, the help line says "did you mean `…`?".
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "grammar/grammar.hpp"
#include "grammar/syntax_tree.hpp"

namespace gavel::grammar {

struct error_info {
  enum class Hint {
    words,       // suggest the nearest of `words`
    name,        // a name is expected: say so when a keyword stands there
    country,     // a country code is expected: suggest the capitalised code
    rule_order,  // the parts of a rule are out of order
    block,       // the end of a `{ … }` block: its `}` may be missing
    paren,       // a `)` is expected: say which `(` it closes
  };
  const char* message = nullptr;
  std::span<const std::string_view> words = {};
  Hint hint = Hint::words;
  const char* help = nullptr;  // when nothing more specific can be said
};

namespace vocabulary {
inline constexpr std::array<std::string_view, 13> declarations = {
    "rule",      "purpose",    "category", "date",  "countries", "calendar",
    "group",     "recipient",  "controller", "respond", "right", "framework", "fact"};
inline constexpr std::array<std::string_view, 9> actions = {"collect", "store",       "use",     "disclose", "transfer",
                                                             "communicate", "archive", "erase", "any"};
inline constexpr std::array<std::string_view, 12> months = {"January", "February", "March",     "April",
                                                            "May",     "June",     "July",      "August",
                                                            "September", "October", "November", "December"};
inline constexpr std::array<std::string_view, 14> month_or_days = {
    "January", "February", "March",   "April",    "May",      "June", "July",
    "August",  "September", "October", "November", "December", "days", "day"};
inline constexpr std::array<std::string_view, 8> units = {"day",    "days",  "week", "weeks",
                                                          "month", "months", "year", "years"};
inline constexpr std::array<std::string_view, 22> predicates = {
    "age",
    "consent",          "objected",       "restricted",         "unlawful",         "purpose",
    "retention",        "data",           "recipient",          "country",
    "basis",            "processed",      "not",                "legal_claims",
    "legal_obligation", "compelling_grounds", "protect_rights_of_others", "public_interest",
    "standard_contractual_clauses", "contract", "vital_interests", "public_task"};
inline constexpr std::array<std::string_view, 7> conclusions = {"deny",   "allow",  "defeat", "grant",
                                                                "refuse", "oblige", "says"};
inline constexpr std::array<std::string_view, 5> controller_lines = {"address", "contact", "authority", "established",
                                                                     "holidays"};
inline constexpr std::array<std::string_view, 6> purpose_lines = {"basis", "data", "retain", "then", "processed",
                                                                  "special"};
inline constexpr std::array<std::string_view, 3> recipient_lines = {"activity", "receives", "certified"};
inline constexpr std::array<std::string_view, 3> obligations = {"erase", "archive", "end"};
inline constexpr std::array<std::string_view, 2> erase_or_archive = {"erase", "archive"};
inline constexpr std::array<std::string_view, 2> retention_starts = {"until", "at"};
inline constexpr std::array<std::string_view, 2> and_or = {"and", "or"};
inline constexpr std::array<std::string_view, 2> given_or_withdrawn = {"given", "withdrawn"};
inline constexpr std::array<std::string_view, 2> after_or_before = {"after", "before"};
inline constexpr std::array<std::string_view, 2> outside_or_includes = {"outside", "includes"};
inline constexpr std::array<std::string_view, 3> is_or_may = {"is", "may", "certified"};
inline constexpr std::array<std::string_view, 2> in_or_outside = {"in", "outside"};
inline constexpr std::array<std::string_view, 2> asserted_or_recorded = {"asserted", "recorded"};
inline constexpr std::array<std::string_view, 2> is_or_of = {"is", "of"};
inline constexpr std::array<std::string_view, 2> under_or_at = {"under", "at"};
inline constexpr std::array<std::string_view, 1> one = {"one"};
inline constexpr std::array<std::string_view, 1> explicit_word = {"explicit"};
inline constexpr std::array<std::string_view, 1> holiday = {"holiday"};
inline constexpr std::array<std::string_view, 1> cites = {"cites"};
inline constexpr std::array<std::string_view, 1> easter = {"Easter"};
// After a rule's conclusion: its clauses, or the next declaration.
inline constexpr std::array<std::string_view, 15> rule_tail = {
    "when",      "unless",   "overrides", "for",   "rule",      "purpose",    "category",
    "date",      "countries", "calendar", "group", "recipient", "controller", "respond", "fact"};
}  // namespace vocabulary

// The table. A failure point without an entry does not compile (see `control` in parser.cpp).
template <typename Rule>
inline constexpr error_info error_message = {};

#define GAVEL_ERROR(rule, ...) \
  template <>              \
  inline constexpr error_info error_message<peg::rule> = {__VA_ARGS__}

using H = error_info::Hint;
namespace v = vocabulary;

// ---- lexical
GAVEL_ERROR(text_literal, "unterminated text: the closing `\"` is missing");
GAVEL_ERROR(escaped, "unknown escape in text: only `\\\"` and `\\\\` may follow a backslash");
GAVEL_ERROR(period_unit, "expected `days`, `weeks`, `months` or `years` after the number in {item}, found {found}",
            v::units);

// ---- the file
GAVEL_ERROR(item, "expected a declaration or a rule, found {found}", v::declarations);

// ---- controller
GAVEL_ERROR(controller_name, "expected `\"` to start the name of the controller after `controller`");
GAVEL_ERROR(controller_open, "expected `{` after the name of {item}, found {found}");
GAVEL_ERROR(controller_close,
            "expected `address`, `contact`, `authority`, `established in`, `holidays` or `}` in {item}, found {found}",
            v::controller_lines, H::block);
GAVEL_ERROR(address_text, "expected `\"` to start the address of {item}");
GAVEL_ERROR(contact_text, "expected `\"` to start the contact of {item}");
GAVEL_ERROR(authority_text, "expected `\"` to start the supervisory authority of {item}");
GAVEL_ERROR(kw_in, "expected `in` after `established`");
GAVEL_ERROR(established_list, "expected the name of a `countries` list after `established in`, found {found}", {},
            H::name);
GAVEL_ERROR(holidays_calendar, "expected the name of a `calendar` after `holidays`, found {found}", {}, H::name);

// ---- category, date
GAVEL_ERROR(category_name, "expected a name for the category after `category`, found {found}", {}, H::name);
GAVEL_ERROR(category_description, "expected `\"` to start the description of {item}");
GAVEL_ERROR(governed_by_word, "expected `by` after `governed` in {item}");
GAVEL_ERROR(category_governor, "expected `\"` to start the name of the policy that governs {item}, e.g. `governed by \"Cookie Policy\"`");
GAVEL_ERROR(date_name, "expected a name for the date after `date`, found {found}", {}, H::name);
GAVEL_ERROR(date_description, "expected `\"` to start the description of {item}");

// ---- fact
GAVEL_ERROR(fact_name, "expected a name for the fact after `fact`, found {found}", {}, H::name);
GAVEL_ERROR(fact_description, "expected `\"` to start the description of {item}");
GAVEL_ERROR(fact_form,
            "expected `asserted per action` or `recorded for the person` after the description of {item}, found "
            "{found}",
            v::asserted_or_recorded, H::words,
            "say who states the fact: the controller, for each action (`asserted per action`), or the person's "
            "record, with the day since which it holds (`recorded for the person`)");
GAVEL_ERROR(fact_per, "expected `per action` after `asserted` in {item}, found {found}");
GAVEL_ERROR(fact_action, "expected `action` after `asserted per` in {item}, found {found}");
GAVEL_ERROR(fact_for, "expected `for the person` after `recorded` in {item}, found {found}");
GAVEL_ERROR(fact_the, "expected `the person` after `recorded for` in {item}, found {found}");
GAVEL_ERROR(fact_person, "expected `person` after `recorded for the` in {item}, found {found}");

// ---- countries
GAVEL_ERROR(countries_name, "expected a name for the list after `countries`, found {found}", {}, H::name);
GAVEL_ERROR(countries_title, "expected `\"` to start the title of {item}");
GAVEL_ERROR(countries_open, "expected `{` after the title of {item}, found {found}");
GAVEL_ERROR(country_member, "expected a country code, two capital letters such as `FR`, in {item}, found {found}", {},
            H::country);
GAVEL_ERROR(countries_close, "expected `,` or `}` after a country code in {item}, found {found}", {}, H::block);

// ---- calendar
GAVEL_ERROR(calendar_name, "expected a name for the calendar after `calendar`, found {found}", {}, H::name);
GAVEL_ERROR(calendar_title, "expected `\"` to start the title of {item}");
GAVEL_ERROR(calendar_open, "expected `{` after the title of {item}, found {found}");
GAVEL_ERROR(calendar_close, "expected `holiday` or `}` in {item}, found {found}", v::holiday, H::block);
GAVEL_ERROR(holiday_name, "expected `\"` to start the name of the holiday in {item}");
GAVEL_ERROR(holiday_on, "expected `on` after the name of the holiday in {item}, found {found}");
GAVEL_ERROR(holiday_date,
            "expected the day of the holiday, such as `1 January` or `1 day after Easter`, in {item}, found {found}");
GAVEL_ERROR(holiday_when,
            "expected a month such as `January`, or `days after Easter`, after the day of the holiday in {item}, found "
            "{found}",
            v::month_or_days);
GAVEL_ERROR(easter_direction, "expected `after` or `before` in {item}, found {found}", v::after_or_before);
GAVEL_ERROR(kw_easter, "expected `Easter` in {item}, found {found}", v::easter);

// ---- purpose
GAVEL_ERROR(purpose_name, "expected a name for the purpose after `purpose`, found {found}", {}, H::name);
GAVEL_ERROR(purpose_title, "expected `\"` to start the title of {item}");
GAVEL_ERROR(purpose_open, "expected `{` after the title of {item}, found {found}");
GAVEL_ERROR(purpose_close,
            "expected `basis`, `data`, `retain`, `then`, `processed by automated means`, `special data under` or `}` "
            "in {item}, found {found}",
            v::purpose_lines, H::block);
GAVEL_ERROR(kw_one, "expected `one per person` after `,` in the `basis` line of {item}, found {found}", v::one);
GAVEL_ERROR(one_per, "expected `per person` after `one` in {item}, found {found}");
GAVEL_ERROR(one_person, "expected `person` after `one per` in {item}, found {found}");
GAVEL_ERROR(special_data_word, "expected `data under` after `special` in {item}, found {found}");
GAVEL_ERROR(special_under, "expected `under` after `special data` in {item}, found {found}");
GAVEL_ERROR(first_special_condition,
            "expected a condition of GDPR Art. 9(2), `explicit consent` or a declared fact, after `special data under` "
            "in {item}, found {found}",
            v::explicit_word, H::name);
GAVEL_ERROR(next_special_condition,
            "expected a condition of GDPR Art. 9(2), `explicit consent` or a declared fact, after `or` in {item}, "
            "found {found}",
            v::explicit_word, H::name);
GAVEL_ERROR(explicit_consent_word, "expected `consent` after `explicit` in {item}, found {found}");
GAVEL_ERROR(first_basis, "expected a lawful basis such as `consent` or `legitimate_interest` after `basis`",
            syntax::basis_names);
GAVEL_ERROR(next_basis, "expected a lawful basis such as `consent` or `contract` after `or`", syntax::basis_names);
GAVEL_ERROR(first_category, "expected a data category after `data` in {item}, found {found}", {}, H::name);
GAVEL_ERROR(next_category, "expected a data category after `,` in {item}, found {found}", {}, H::name);
GAVEL_ERROR(first_term,
            "expected how long the data is kept, such as `3 years after last_contact` or `until consent withdrawn`, "
            "after `retain` in {item}",
            v::retention_starts);
GAVEL_ERROR(next_term,
            "expected a retention term such as `3 years after last_contact` or `until consent withdrawn` in {item}",
            v::retention_starts);
GAVEL_ERROR(kw_after, "expected `after` and the date the period counts from, as in `3 years after last_contact`, "
                      "in {item}, found {found}");
GAVEL_ERROR(anchor_date, "expected the name of a `date` in {item}, found {found}", {}, H::name);
GAVEL_ERROR(period_anchor,
            "expected the name of a `date`, or `end of year of` a date, after `after` in {item}, found {found}", {},
            H::name);
GAVEL_ERROR(end_of_kw_of, "expected `of year of` or `of month of` and a date after `end` in {item}");
GAVEL_ERROR(calendar_unit, "expected `year` or `month` after `end of` in {item}, found {found}");
GAVEL_ERROR(unit_of_kw_of, "expected `of` and the name of a `date` after `end of year` (or `month`) in {item}");
GAVEL_ERROR(at_bound, "expected `most` or `least` after `at` in {item}, found {found}");
GAVEL_ERROR(least_term, "expected a period such as `10 years after end of year of last_invoice` after `at least` in "
                        "{item}, found {found}");
GAVEL_ERROR(archive_period, "expected a period such as `5 years` after `then archive for` in {item}, found {found}");
GAVEL_ERROR(kw_period, "expected `period over` after `archive` in {item}");
GAVEL_ERROR(archive_kw_over, "expected `over` after `archive period` in {item}");
GAVEL_ERROR(end_of_what, "expected `retention` or `archive` after `oblige end of` in {item}, found {found}");
GAVEL_ERROR(period_after, "expected a period such as `3 years after last_contact` after `at most` in {item}");
GAVEL_ERROR(kw_consent, "expected `consent withdrawn` after `until` in {item}");
GAVEL_ERROR(kw_withdrawn, "expected `withdrawn` after `until consent` in {item}");
GAVEL_ERROR(end_of_retention, "expected `erase` or `archive` after `then` in {item}, found {found}",
            v::erase_or_archive);
GAVEL_ERROR(kw_by, "expected `by automated means` after `processed` in {item}");
GAVEL_ERROR(kw_automated, "expected `automated means` after `processed by` in {item}");
GAVEL_ERROR(kw_means, "expected `means` after `processed by automated` in {item}");

// ---- group
GAVEL_ERROR(group_name, "expected a name for the group after `group`, found {found}", {}, H::name);
GAVEL_ERROR(group_title, "expected `\"` to start the title of {item}");
GAVEL_ERROR(group_open, "expected `{` after the title of {item}, found {found}");
GAVEL_ERROR(group_member, "expected the name of a purpose in {item}, found {found}", {}, H::name);
GAVEL_ERROR(group_close, "expected `,` or `}` after a purpose in {item}, found {found}", {}, H::block);

// ---- recipient
GAVEL_ERROR(recipient_name, "expected a name for the recipient after `recipient`, found {found}", {}, H::name);
GAVEL_ERROR(recipient_title, "expected `\"` to start the title of {item}");
GAVEL_ERROR(activity_text, "expected `\"` to start the activity of {item}");
GAVEL_ERROR(received_category, "expected a data category after `receives` in {item}, found {found}", {}, H::name);
GAVEL_ERROR(recipient_close, "expected `activity`, `receives`, `certified under` or `}` in {item}, found {found}",
            v::recipient_lines, H::block);
GAVEL_ERROR(under_framework, "expected `under` after `certified` in {item}");
GAVEL_ERROR(certifying_framework, "expected the name of a `framework` after `certified under` in {item}, found {found}",
            {}, H::name);

// ---- validity dates (countries members, certifications)
GAVEL_ERROR(valid_from_date, "expected a date such as `2021-12-17` after `from` in {item}, found {found}", {}, H::words,
            "dates are written year-month-day, e.g. `from 2021-12-17`");
GAVEL_ERROR(valid_until_date, "expected a date such as `2025-12-27` after `until` in {item}, found {found}", {},
            H::words, "dates are written year-month-day, e.g. `until 2025-12-27`");

// ---- right, framework
GAVEL_ERROR(right_decl_name, "expected a name for the right after `right`, found {found}", {}, H::name);
GAVEL_ERROR(right_description, "expected `\"` to start the description of {item}");
GAVEL_ERROR(framework_name, "expected a name for the framework after `framework`, found {found}", {}, H::name);
GAVEL_ERROR(framework_title, "expected `\"` to start the title of {item}");
GAVEL_ERROR(framework_citation, "expected `\"` to start a citation in {item}");

// ---- respond within
GAVEL_ERROR(kw_within, "expected `within` after `respond`");
GAVEL_ERROR(response_period, "expected a period such as `1 month` after `respond within`, found {found}");
GAVEL_ERROR(kw_extendable, "expected `extendable by` after `,` in `respond within`, found {found}");
GAVEL_ERROR(extendable_by, "expected `by` after `extendable`");
GAVEL_ERROR(extension_period, "expected a period such as `2 months` after `extendable by`, found {found}");

// ---- rules
GAVEL_ERROR(rule_id, "expected an id for the rule after `rule`, found {found}", {}, H::name);
GAVEL_ERROR(rule_title, "expected `\"` to start the title of {item}");
GAVEL_ERROR(cites_clause, "expected `cites` and the article or clause that {item} encodes, found {found}", v::cites,
            H::words, "every rule says where it comes from, e.g. `cites \"GDPR Art. 21(3)\"`, before its conclusion");
GAVEL_ERROR(citation, "expected `\"` to start a citation in {item}");
GAVEL_ERROR(says_text, "expected `\"` to start the words of the clause after `says` in {item}");
GAVEL_ERROR(conclusion,
            "expected a conclusion (`deny`, `allow`, `defeat basis`, `grant`, `refuse` or `oblige`) in {item}, found "
            "{found}",
            v::conclusions);
GAVEL_ERROR(actions, "expected `any action` or an action such as `use` or `store` in {item}, found {found}",
            v::actions);
GAVEL_ERROR(kw_action, "expected `action` after `any` in {item}");
GAVEL_ERROR(excepted_action,
            "expected an action (`collect`, `store`, `use`, `disclose`, `transfer`, `communicate`, `archive` or "
            "`erase`) in {item}, found {found}",
            v::actions);
GAVEL_ERROR(listed_action,
            "expected an action (`collect`, `store`, `use`, `disclose`, `transfer`, `communicate`, `archive` or "
            "`erase`) in {item}, found {found}",
            v::actions);
GAVEL_ERROR(purpose_target,
            "expected a purpose, a group, `any purpose except` or `purposes based on` after `for` in {item}, found "
            "{found}",
            {}, H::name);
GAVEL_ERROR(any_purpose_word, "expected `purpose` after `for any` in {item}");
GAVEL_ERROR(excepted_purpose, "expected a purpose or a group after `except` in {item}, found {found}", {}, H::name);
GAVEL_ERROR(next_purpose, "expected a purpose or a group after `,` in {item}, found {found}", {}, H::name);
GAVEL_ERROR(kw_based, "expected `based on` after `for purposes` in {item}");
GAVEL_ERROR(kw_on, "expected `on` after `for purposes based` in {item}");
GAVEL_ERROR(based_on_basis, "expected a lawful basis such as `consent` or `contract` in {item}, found {found}",
            syntax::basis_names);
GAVEL_ERROR(kw_basis, "expected `basis` after `defeat` in {item}");
GAVEL_ERROR(defeated_basis,
            "expected a lawful basis such as `consent` or `legitimate_interest` after `defeat basis` in {item}, found "
            "{found}",
            syntax::basis_names);
GAVEL_ERROR(granted_right,
            "expected a right (`access`, `rectification`, `erasure`, `restriction`, `portability`, `objection`, "
            "`withdraw_consent`, `post_mortem` or one the policy declares) after `grant` in {item}, found {found}",
            syntax::right_names);
GAVEL_ERROR(refused_right,
            "expected a right (`access`, `rectification`, `erasure`, `restriction`, `portability`, `objection`, "
            "`withdraw_consent`, `post_mortem` or one the policy declares) after `refuse` in {item}, found {found}",
            syntax::right_names);
GAVEL_ERROR(obligation, "expected `erase`, `archive` or `end of retention` after `oblige` in {item}, found {found}",
            v::obligations);
GAVEL_ERROR(kw_of, "expected `of retention` after `oblige end` in {item}");
GAVEL_ERROR(kw_retention, "expected `retention` after `oblige end of` in {item}");
GAVEL_ERROR(overridden_rule, "expected the id of a rule after `overrides` in {item}, found {found}", {}, H::name);
GAVEL_ERROR(receipt_on, "expected `on receipt` after `effective` in {item}, found {found}");
GAVEL_ERROR(kw_receipt, "expected `receipt` after `effective on` in {item}, found {found}");
GAVEL_ERROR(answer_within, "expected `within` after `answer` in {item}, found {found}");
GAVEL_ERROR(answer_period, "expected a period such as `15 days` after `answer within` in {item}, found {found}");
GAVEL_ERROR(rule_end, "expected `when`, `unless`, `overrides` or the end of {item}, found {found}", v::rule_tail,
            H::rule_order);

// ---- conditions
GAVEL_ERROR(when_condition,
            "expected a condition such as `consent given` or `restricted` after `when` in {item}, found {found}",
            v::predicates);
GAVEL_ERROR(exception_condition,
            "expected an exception, a condition such as `legal_claims`, after `unless` in {item}, found {found}",
            v::predicates);
GAVEL_ERROR(condition, "expected a condition after `(` in {item}, found {found}", v::predicates);
GAVEL_ERROR(unary, "expected a condition in {item}, found {found}", v::predicates);
GAVEL_ERROR(conjunction, "expected a condition after `or` in {item}, found {found}", v::predicates);
GAVEL_ERROR(close_paren, "expected `and`, `or` or `)` in {item}, found {found}", v::and_or, H::paren);
GAVEL_ERROR(consent_state, "expected `given` or `withdrawn` after `consent` in {item}, found {found}",
            v::given_or_withdrawn);
GAVEL_ERROR(kw_to, "expected `to` after `objected` in {item}");
GAVEL_ERROR(objected_target,
            "expected `purpose` or the name of a purpose or group after `objected to` in {item}, found {found}", {},
            H::name);
GAVEL_ERROR(kw_over, "expected `over` after `retention` in {item}");
GAVEL_ERROR(data_test, "expected `outside purpose` or `includes` after `data` in {item}, found {found}",
            v::outside_or_includes);
GAVEL_ERROR(kw_purpose, "expected `purpose` after `data outside` in {item}");
GAVEL_ERROR(included_category, "expected a data category after `data includes` in {item}, found {found}", {},
            H::name);
GAVEL_ERROR(recipient_test,
            "expected `is`, `may not receive data` or `certified under` after `recipient` in {item}, found {found}",
            v::is_or_may);
GAVEL_ERROR(certified_under, "expected `under` after `recipient certified` in {item}");
GAVEL_ERROR(certified_framework_ref,
            "expected the name of a `framework` after `recipient certified under` in {item}, found {found}", {},
            H::name);
GAVEL_ERROR(purpose_is_word, "expected `is` after `purpose` in {item}");
GAVEL_ERROR(tested_purpose, "expected a purpose or a group after `purpose is` in {item}, found {found}", {}, H::name);
GAVEL_ERROR(recipient_ref, "expected the name of a recipient after `recipient is` in {item}, found {found}", {},
            H::name);
GAVEL_ERROR(kw_not, "expected `not receive data` after `recipient may` in {item}");
GAVEL_ERROR(kw_receive, "expected `receive data` after `recipient may not` in {item}");
GAVEL_ERROR(kw_data, "expected `data` after `recipient may not receive` in {item}");
GAVEL_ERROR(country_test, "expected `in` or `outside` after `country` in {item}, found {found}", v::in_or_outside);
GAVEL_ERROR(countries_ref, "expected the name of a `countries` list after `country in` or `country outside` in {item}, "
                           "found {found}",
            {}, H::name);
GAVEL_ERROR(basis_test, "expected `is` or `of record is` after `basis` in {item}, found {found}", v::is_or_of);
GAVEL_ERROR(record_word, "expected `record is` after `basis of` in {item}, found {found}");
GAVEL_ERROR(record_is, "expected `is` after `basis of record` in {item}, found {found}");
GAVEL_ERROR(recorded_basis,
            "expected a lawful basis such as `consent` after `basis of record is` in {item}, found {found}",
            syntax::basis_names);
GAVEL_ERROR(age_test, "expected `under N` or `at least N` after `age` in {item}, found {found}", v::under_or_at);
GAVEL_ERROR(age_least, "expected `least` after `age at` in {item}, found {found}");
GAVEL_ERROR(age_years, "expected a number of years, such as `16`, in {item}, found {found}");
GAVEL_ERROR(tested_basis, "expected a lawful basis such as `consent` after `basis is` in {item}, found {found}",
            syntax::basis_names);

#undef GAVEL_ERROR

}  // namespace gavel::grammar

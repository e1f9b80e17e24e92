// The grammar of gavel rule files (docs/language.md), as PEGTL rules and nothing else:
// every rule is an empty type saying what it matches. What a match builds is in
// grammar/parser.cpp (the actions); what a failure says is in grammar/errors.hpp.
//
// Line ends are `\n` or `\r\n` here: parse() hands the grammar a lone `\r` (old Mac files) as
// `\n`, so that a `//` comment ends there and lines are counted alike in every file.
//
// Padding (spaces, tabs, newlines and `//` comments) is consumed AFTER every token, never
// before, so that each rule starts at the first byte of its first token and an error is
// reported exactly where the unexpected word begins. The file's leading padding is eaten
// once by `policy`.
//
// Failure points are `expect<R>`: either R matches, or the parse of the current declaration
// stops with the message `error_message<R>` at the position where R was tried.
//
// Values are captured by actions on the small unpadded leaves (`name_word`, `text_literal`,
// `number_digits`, `basis_word`, …); the padded wrappers around them (`rule_id`, `rule_title`,
// …) exist to give each place its own error message and its own action.
//
// Only grammar/parser.cpp and the grammar's own tests include this header.
#pragma once

#include <tao/pegtl.hpp>

namespace gavel::grammar::peg {

using namespace tao::pegtl;

// R, or an error whose message is error_message<R>, reported at the start of R.
template <typename R>
struct expect : sor<R, raise<R>> {};

// ---- lexical structure ----------------------------------------------------------------

struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_', '_', '-'> {};
struct ident : seq<ident_first, star<ident_other>> {};

struct comment : seq<two<'/'>, until<eolf>> {};
struct pad : star<sor<space, comment>> {};

// A whole word: `day` does not match the start of `days`, nor `rule` the start of `rule-1`.
template <typename S>
struct word : seq<S, not_at<ident_other>> {};
// A keyword token: the word and the padding after it.
template <typename S>
struct key : seq<word<S>, pad> {};

#define GAVEL_WORD(text) word<TAO_PEGTL_STRING(text)>
#define GAVEL_KEY(id, text) \
  struct id : key<TAO_PEGTL_STRING(text)> {}

// The reserved words of docs/language.md that give a declaration, rule or condition its
// shape (plus `country`, which starts two conditions).
struct structural_keyword
    : sor<GAVEL_WORD("controller"), GAVEL_WORD("address"), GAVEL_WORD("contact"), GAVEL_WORD("authority"),
          GAVEL_WORD("established"), GAVEL_WORD("in"), GAVEL_WORD("holidays"), GAVEL_WORD("category"), GAVEL_WORD("governed"),
          GAVEL_WORD("date"), GAVEL_WORD("countries"), GAVEL_WORD("country"), GAVEL_WORD("calendar"),
          GAVEL_WORD("holiday"), GAVEL_WORD("on"), GAVEL_WORD("after"), GAVEL_WORD("before"), GAVEL_WORD("Easter"),
          GAVEL_WORD("purpose"), GAVEL_WORD("purposes"), GAVEL_WORD("basis"), GAVEL_WORD("data"),
          GAVEL_WORD("retain"), GAVEL_WORD("until"), GAVEL_WORD("consent"), GAVEL_WORD("withdrawn"),
          GAVEL_WORD("given"), GAVEL_WORD("at"), GAVEL_WORD("most"), GAVEL_WORD("then"), GAVEL_WORD("erase"),
          GAVEL_WORD("archive"), GAVEL_WORD("processed"), GAVEL_WORD("by"), GAVEL_WORD("automated"),
          GAVEL_WORD("means"), GAVEL_WORD("group"), GAVEL_WORD("recipient"), GAVEL_WORD("activity"),
          GAVEL_WORD("receives"), GAVEL_WORD("respond"), GAVEL_WORD("within"), GAVEL_WORD("extendable"),
          GAVEL_WORD("rule"), GAVEL_WORD("cites"), GAVEL_WORD("says"), GAVEL_WORD("deny"), GAVEL_WORD("allow"),
          GAVEL_WORD("defeat"), GAVEL_WORD("grant"), GAVEL_WORD("refuse"), GAVEL_WORD("oblige"),
          GAVEL_WORD("for"), GAVEL_WORD("any"), GAVEL_WORD("action"), GAVEL_WORD("except"), GAVEL_WORD("based"),
          GAVEL_WORD("when"), GAVEL_WORD("unless"), GAVEL_WORD("overrides"), GAVEL_WORD("and"), GAVEL_WORD("or"),
          GAVEL_WORD("not"), GAVEL_WORD("objected"), GAVEL_WORD("to"), GAVEL_WORD("restricted"),
          GAVEL_WORD("unlawful"), GAVEL_WORD("retention"), GAVEL_WORD("over"), GAVEL_WORD("outside"),
          GAVEL_WORD("may"), GAVEL_WORD("receive"), GAVEL_WORD("is"), GAVEL_WORD("includes"), GAVEL_WORD("day"),
          GAVEL_WORD("days"), GAVEL_WORD("week"), GAVEL_WORD("weeks"), GAVEL_WORD("month"), GAVEL_WORD("months"),
          GAVEL_WORD("year"), GAVEL_WORD("years"), GAVEL_WORD("end"), GAVEL_WORD("of"),
          // declared rights, frameworks, dated members
          GAVEL_WORD("right"), GAVEL_WORD("framework"), GAVEL_WORD("certified"), GAVEL_WORD("under"),
          GAVEL_WORD("from"),
          // the policy's own facts, special categories, age, bases of record
          GAVEL_WORD("fact"), GAVEL_WORD("asserted"), GAVEL_WORD("recorded"), GAVEL_WORD("special"),
          GAVEL_WORD("explicit"), GAVEL_WORD("age")> {};

// The fixed vocabulary: month names, actions, lawful bases, rights and context facts.
struct vocabulary_word
    : sor<GAVEL_WORD("January"), GAVEL_WORD("February"), GAVEL_WORD("March"), GAVEL_WORD("April"),
          GAVEL_WORD("May"), GAVEL_WORD("June"), GAVEL_WORD("July"), GAVEL_WORD("August"),
          GAVEL_WORD("September"), GAVEL_WORD("October"), GAVEL_WORD("November"), GAVEL_WORD("December"),
          // actions (`archive`, `erase` above)
          GAVEL_WORD("collect"), GAVEL_WORD("store"), GAVEL_WORD("use"), GAVEL_WORD("disclose"),
          GAVEL_WORD("transfer"), GAVEL_WORD("communicate"),
          // lawful bases (`consent` above)
          GAVEL_WORD("contract"), GAVEL_WORD("legal_obligation"), GAVEL_WORD("vital_interests"),
          GAVEL_WORD("public_task"), GAVEL_WORD("legitimate_interest"),
          // rights
          GAVEL_WORD("access"), GAVEL_WORD("rectification"), GAVEL_WORD("erasure"), GAVEL_WORD("restriction"),
          GAVEL_WORD("portability"), GAVEL_WORD("objection"), GAVEL_WORD("withdraw_consent"),
          GAVEL_WORD("post_mortem"),
          // context facts (the bases above)
          GAVEL_WORD("legal_claims"), GAVEL_WORD("compelling_grounds"), GAVEL_WORD("protect_rights_of_others"),
          GAVEL_WORD("public_interest"), GAVEL_WORD("standard_contractual_clauses")> {};

struct keyword : sor<structural_keyword, vocabulary_word> {};

// The words that start a declaration or a rule: where recovery resumes after an error.
// `purpose is` at the start of a line continues a condition, not a declaration.
struct top_keyword
    : sor<GAVEL_WORD("rule"), seq<GAVEL_WORD("purpose"), not_at<pad, GAVEL_WORD("is")>>, GAVEL_WORD("category"),
          GAVEL_WORD("date"), GAVEL_WORD("countries"), GAVEL_WORD("calendar"), GAVEL_WORD("group"),
          GAVEL_WORD("recipient"), GAVEL_WORD("controller"), GAVEL_WORD("respond"), GAVEL_WORD("right"),
          GAVEL_WORD("framework"), GAVEL_WORD("fact")> {};

// Names: not a keyword.
struct name_word : seq<not_at<keyword>, ident> {};
struct name : seq<name_word, pad> {};
// Rule ids live apart (only after `rule` and `overrides`), so a word of the fixed
// vocabulary may be one: `rule restriction "…"`, as in docs/language.md.
struct rule_name_word : seq<not_at<structural_keyword>, ident> {};
struct rule_name : seq<rule_name_word, pad> {};

// Text: between double quotes, may span lines; `\"` and `\\` are the only escapes.
struct escaped : one<'"', '\\'> {};
struct escape : seq<one<'\\'>, expect<escaped>> {};
struct text_char : sor<escape, not_one<'\\'>> {};
struct text_literal : seq<one<'"'>, until<one<'"'>, text_char>> {};
struct text : seq<at<one<'"'>>, expect<text_literal>, pad> {};

// Numbers: whole, decimal; the action refuses more than 4 digits.
struct number_digits : plus<digit> {};
struct number : seq<number_digits, not_at<ident_other>, pad> {};

struct comma : seq<one<','>, pad> {};
struct open_brace : seq<one<'{'>, pad> {};
struct close_brace : seq<one<'}'>, pad> {};
struct open_paren : seq<one<'('>, pad> {};
struct close_paren : seq<one<')'>, pad> {};

// ---- keywords used as tokens --------------------------------------------------------------

GAVEL_KEY(kw_controller, "controller");
GAVEL_KEY(kw_address, "address");
GAVEL_KEY(kw_contact, "contact");
GAVEL_KEY(kw_authority, "authority");
GAVEL_KEY(kw_established, "established");
GAVEL_KEY(kw_in, "in");
GAVEL_KEY(kw_holidays, "holidays");
GAVEL_KEY(kw_category, "category");
GAVEL_KEY(kw_governed, "governed");
GAVEL_KEY(kw_date, "date");
GAVEL_KEY(kw_countries, "countries");
GAVEL_KEY(kw_country, "country");
GAVEL_KEY(kw_calendar, "calendar");
GAVEL_KEY(kw_holiday, "holiday");
GAVEL_KEY(kw_on, "on");
GAVEL_KEY(kw_after, "after");
GAVEL_KEY(kw_before, "before");
GAVEL_KEY(kw_easter, "Easter");
GAVEL_KEY(kw_purpose, "purpose");
GAVEL_KEY(kw_purposes, "purposes");
GAVEL_KEY(kw_basis, "basis");
GAVEL_KEY(kw_data, "data");
GAVEL_KEY(kw_retain, "retain");
GAVEL_KEY(kw_until, "until");
GAVEL_KEY(kw_consent, "consent");
GAVEL_KEY(kw_withdrawn, "withdrawn");
GAVEL_KEY(kw_given, "given");
GAVEL_KEY(kw_at, "at");
GAVEL_KEY(kw_most, "most");
GAVEL_KEY(kw_least, "least");
GAVEL_KEY(kw_calendar_year, "year");
GAVEL_KEY(kw_calendar_month, "month");
GAVEL_KEY(kw_period, "period");
GAVEL_KEY(kw_then, "then");
GAVEL_KEY(kw_erase, "erase");
GAVEL_KEY(kw_archive, "archive");
GAVEL_KEY(kw_processed, "processed");
GAVEL_KEY(kw_by, "by");
GAVEL_KEY(kw_automated, "automated");
GAVEL_KEY(kw_means, "means");
GAVEL_KEY(kw_group, "group");
GAVEL_KEY(kw_recipient, "recipient");
GAVEL_KEY(kw_activity, "activity");
GAVEL_KEY(kw_receives, "receives");
GAVEL_KEY(kw_respond, "respond");
GAVEL_KEY(kw_within, "within");
GAVEL_KEY(kw_extendable, "extendable");
GAVEL_KEY(kw_effective, "effective");
GAVEL_KEY(kw_receipt, "receipt");
GAVEL_KEY(kw_answer, "answer");
GAVEL_KEY(kw_rule, "rule");
GAVEL_KEY(kw_cites, "cites");
GAVEL_KEY(kw_says, "says");
GAVEL_KEY(kw_deny, "deny");
GAVEL_KEY(kw_allow, "allow");
GAVEL_KEY(kw_defeat, "defeat");
GAVEL_KEY(kw_grant, "grant");
GAVEL_KEY(kw_refuse, "refuse");
GAVEL_KEY(kw_oblige, "oblige");
GAVEL_KEY(kw_for, "for");
GAVEL_KEY(kw_any, "any");
GAVEL_KEY(kw_action, "action");
GAVEL_KEY(kw_except, "except");
GAVEL_KEY(kw_based, "based");
GAVEL_KEY(kw_when, "when");
GAVEL_KEY(kw_unless, "unless");
GAVEL_KEY(kw_overrides, "overrides");
GAVEL_KEY(kw_and, "and");
GAVEL_KEY(kw_or, "or");
GAVEL_KEY(kw_not, "not");
GAVEL_KEY(kw_objected, "objected");
GAVEL_KEY(kw_to, "to");
GAVEL_KEY(kw_restricted, "restricted");
GAVEL_KEY(kw_unlawful, "unlawful");
GAVEL_KEY(kw_retention, "retention");
GAVEL_KEY(kw_over, "over");
GAVEL_KEY(kw_outside, "outside");
GAVEL_KEY(kw_may, "may");
GAVEL_KEY(kw_receive, "receive");
GAVEL_KEY(kw_is, "is");
GAVEL_KEY(kw_includes, "includes");
GAVEL_KEY(kw_end, "end");
GAVEL_KEY(kw_of, "of");
GAVEL_KEY(kw_right, "right");
GAVEL_KEY(kw_framework, "framework");
GAVEL_KEY(kw_certified, "certified");
GAVEL_KEY(kw_under, "under");
GAVEL_KEY(kw_from, "from");
GAVEL_KEY(kw_fact, "fact");
GAVEL_KEY(kw_asserted, "asserted");
GAVEL_KEY(kw_recorded, "recorded");
GAVEL_KEY(kw_per, "per");
GAVEL_KEY(kw_the, "the");
GAVEL_KEY(kw_person, "person");
GAVEL_KEY(kw_one, "one");
GAVEL_KEY(kw_record, "record");
GAVEL_KEY(kw_special, "special");
GAVEL_KEY(kw_explicit, "explicit");
GAVEL_KEY(kw_age, "age");

// ---- the fixed vocabulary ------------------------------------------------------------------

struct basis_word
    : sor<GAVEL_WORD("consent"), GAVEL_WORD("contract"), GAVEL_WORD("legal_obligation"),
          GAVEL_WORD("vital_interests"), GAVEL_WORD("public_task"), GAVEL_WORD("legitimate_interest")> {};
struct basis_name : seq<basis_word, pad> {};

struct action_word
    : sor<GAVEL_WORD("collect"), GAVEL_WORD("store"), GAVEL_WORD("use"), GAVEL_WORD("disclose"),
          GAVEL_WORD("transfer"), GAVEL_WORD("communicate"), GAVEL_WORD("archive"), GAVEL_WORD("erase")> {};
struct action_name : seq<action_word, pad> {};

struct right_word
    : sor<GAVEL_WORD("access"), GAVEL_WORD("rectification"), GAVEL_WORD("erasure"), GAVEL_WORD("restriction"),
          GAVEL_WORD("portability"), GAVEL_WORD("objection"), GAVEL_WORD("withdraw_consent"),
          GAVEL_WORD("post_mortem")> {};
struct right_name : seq<right_word, pad> {};

struct fact_word
    : sor<GAVEL_WORD("legal_claims"), GAVEL_WORD("legal_obligation"), GAVEL_WORD("compelling_grounds"),
          GAVEL_WORD("protect_rights_of_others"), GAVEL_WORD("public_interest"),
          GAVEL_WORD("standard_contractual_clauses"), GAVEL_WORD("contract"), GAVEL_WORD("vital_interests"),
          GAVEL_WORD("public_task")> {};

struct month_word
    : sor<GAVEL_WORD("January"), GAVEL_WORD("February"), GAVEL_WORD("March"), GAVEL_WORD("April"),
          GAVEL_WORD("May"), GAVEL_WORD("June"), GAVEL_WORD("July"), GAVEL_WORD("August"),
          GAVEL_WORD("September"), GAVEL_WORD("October"), GAVEL_WORD("November"), GAVEL_WORD("December")> {};
struct month_name : seq<month_word, pad> {};

struct unit_word
    : sor<GAVEL_WORD("days"), GAVEL_WORD("day"), GAVEL_WORD("weeks"), GAVEL_WORD("week"), GAVEL_WORD("months"),
          GAVEL_WORD("month"), GAVEL_WORD("years"), GAVEL_WORD("year")> {};
struct period_unit : seq<unit_word, pad> {};
// `1 month`, `3 years`: singular or plural whatever the number.
struct period : seq<number, expect<period_unit>> {};

struct country_code_word : seq<upper, upper, not_at<ident_other>> {};
struct country_code : seq<country_code_word, pad> {};

// A day, `2025-12-27`: the checker says whether it exists.
struct date_literal_text : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>, not_at<ident_other>> {};
struct date_literal : seq<date_literal_text, pad> {};
// Validity dates, inclusive: `from 2021-12-17`, `until 2025-12-27`.
struct valid_from_date : date_literal {};
struct valid_until_date : date_literal {};
struct valid_from : seq<kw_from, expect<valid_from_date>> {};
struct valid_until : seq<kw_until, expect<valid_until_date>> {};
struct validity : seq<opt<valid_from>, opt<valid_until>> {};

// ---- controller -----------------------------------------------------------------------------

struct controller_name : text {};
struct address_text : text {};
struct contact_text : text {};
struct authority_text : text {};
// Where a complaint is lodged (a web page, a postal address): optional, after the name.
struct authority_address : text {};
struct established_list : name {};
struct holidays_calendar : name {};
struct controller_address : seq<kw_address, expect<address_text>> {};
struct controller_contact : seq<kw_contact, expect<contact_text>> {};
struct controller_authority : seq<kw_authority, expect<authority_text>, opt<authority_address>> {};
struct controller_established : seq<kw_established, expect<kw_in>, expect<established_list>> {};
struct controller_holidays : seq<kw_holidays, expect<holidays_calendar>> {};
struct controller_line
    : sor<controller_address, controller_contact, controller_authority, controller_established, controller_holidays> {
};
struct controller_open : open_brace {};
struct controller_close : close_brace {};
struct controller_decl
    : seq<kw_controller, expect<controller_name>, expect<controller_open>, star<controller_line>,
          expect<controller_close>> {};

// ---- category, date -------------------------------------------------------------------------

struct category_name : name {};
struct category_description : text {};
struct category_description_end : success {};  // keeps the description before another text
struct category_governor : text {};
struct governed_by_word : kw_by {};
struct category_governance : seq<kw_governed, expect<governed_by_word>, expect<category_governor>> {};
// `special`: a special category of personal data (GDPR Art. 9(1)).
struct category_special : kw_special {};
struct category_decl
    : seq<kw_category, expect<category_name>, expect<category_description>, category_description_end,
          opt<category_special>, opt<category_governance>> {};

struct date_name : name {};
struct date_description : text {};
struct date_decl : seq<kw_date, expect<date_name>, expect<date_description>> {};

// ---- fact -----------------------------------------------------------------------------------
// `fact NAME "…" asserted per action` (the request's `context`) or `recorded for the person`
// (the request's `subject.facts`, a date since which it holds).

struct fact_name : name {};
struct fact_description : text {};
struct fact_per : kw_per {};
struct fact_action : kw_action {};
struct asserted_per_action : seq<kw_asserted, expect<fact_per>, expect<fact_action>> {};
struct fact_for : kw_for {};
struct fact_the : kw_the {};
struct fact_person : kw_person {};
struct recorded_for_person : seq<kw_recorded, expect<fact_for>, expect<fact_the>, expect<fact_person>> {};
struct fact_form : sor<asserted_per_action, recorded_for_person> {};
struct fact_decl : seq<kw_fact, expect<fact_name>, expect<fact_description>, expect<fact_form>> {};

// ---- countries ------------------------------------------------------------------------------

struct countries_name : name {};
struct countries_title : text {};
struct countries_open : open_brace {};
struct country_member : seq<country_code, validity> {};
struct countries_close : close_brace {};
struct countries_decl
    : seq<kw_countries, expect<countries_name>, expect<countries_title>, expect<countries_open>,
          expect<country_member>, star<comma, expect<country_member>>, expect<countries_close>> {};

// ---- calendar -------------------------------------------------------------------------------

struct calendar_name : name {};
struct calendar_title : text {};
struct calendar_open : open_brace {};
struct calendar_close : close_brace {};
struct holiday_name : text {};
struct holiday_on : kw_on {};
struct days_unit : seq<sor<GAVEL_WORD("days"), GAVEL_WORD("day")>, pad> {};
struct easter_after : kw_after {};
struct easter_before : kw_before {};
struct easter_direction : sor<easter_after, easter_before> {};
struct easter_offset : seq<days_unit, expect<easter_direction>, expect<kw_easter>> {};
struct holiday_when : sor<month_name, easter_offset> {};
struct holiday_day : number {};
struct holiday_date : seq<holiday_day, expect<holiday_when>> {};
struct holiday_line : seq<kw_holiday, expect<holiday_name>, expect<holiday_on>, expect<holiday_date>> {};
struct calendar_decl
    : seq<kw_calendar, expect<calendar_name>, expect<calendar_title>, expect<calendar_open>, star<holiday_line>,
          expect<calendar_close>> {};

// ---- purpose --------------------------------------------------------------------------------

struct purpose_name : name {};
struct purpose_title : text {};
struct purpose_open : open_brace {};
struct purpose_close : close_brace {};

struct first_basis : basis_name {};
struct next_basis : basis_name {};
struct one_per : kw_per {};
struct one_person : kw_person {};
struct one_per_person : seq<comma, expect<kw_one>, expect<one_per>, expect<one_person>> {};
struct basis_line : seq<kw_basis, expect<first_basis>, star<kw_or, expect<next_basis>>, opt<one_per_person>> {};

struct first_category : name {};
struct next_category : name {};
struct data_line : seq<kw_data, expect<first_category>, star<comma, expect<next_category>>> {};

struct anchor_date : name {};
// `end of year of D`, `end of month of D`: the period counts from the last day of D's year
// (month). `end` is reserved, so it cannot be a date's name.
struct end_of_year : kw_calendar_year {};
struct end_of_month : kw_calendar_month {};
struct calendar_unit : sor<end_of_year, end_of_month> {};
struct end_of_kw_of : kw_of {};
struct unit_of_kw_of : kw_of {};
struct end_of_calendar_unit : seq<kw_end, expect<end_of_kw_of>, expect<calendar_unit>, expect<unit_of_kw_of>,
                                  expect<anchor_date>> {};
struct period_anchor : sor<end_of_calendar_unit, anchor_date> {};
struct retention_period : period {};
struct period_after : seq<retention_period, expect<kw_after>, expect<period_anchor>> {};
struct at_most_period : seq<kw_most, expect<period_after>> {};
struct until_withdrawn : seq<kw_until, expect<kw_consent>, expect<kw_withdrawn>> {};
struct least_term : sor<until_withdrawn, period_after> {};
struct at_least_term : seq<kw_least, expect<least_term>> {};
struct at_bound : sor<at_most_period, at_least_term> {};
struct bounded_term : seq<kw_at, expect<at_bound>> {};
struct retention_term : sor<until_withdrawn, bounded_term, period_after> {};
struct first_term : retention_term {};
struct next_term : retention_term {};
struct term_separator : sor<comma, kw_or> {};
struct retain_line : seq<kw_retain, expect<first_term>, star<term_separator, expect<next_term>>> {};

struct then_erase : kw_erase {};
struct archive_period : period {};
struct archive_for : seq<kw_for, expect<archive_period>> {};
struct then_archive : seq<kw_archive, opt<archive_for>> {};
struct end_of_retention : sor<then_erase, then_archive> {};
struct then_line : seq<kw_then, expect<end_of_retention>> {};

struct automated_words : seq<kw_processed, expect<kw_by>, expect<kw_automated>, expect<kw_means>> {};
struct automated_line : automated_words {};

// `special data under C or C …`: the conditions of GDPR Art. 9(2) the purpose relies on.
struct special_data_word : kw_data {};
struct special_under : kw_under {};
struct explicit_consent_word : kw_consent {};
struct explicit_consent : seq<kw_explicit, expect<explicit_consent_word>> {};
struct special_fact : name {};
struct special_condition : sor<explicit_consent, special_fact> {};
struct first_special_condition : special_condition {};
struct next_special_condition : special_condition {};
struct special_line
    : seq<kw_special, expect<special_data_word>, expect<special_under>, expect<first_special_condition>,
          star<kw_or, expect<next_special_condition>>> {};

struct purpose_line : sor<basis_line, data_line, retain_line, then_line, automated_line, special_line> {};
struct purpose_decl
    : seq<kw_purpose, expect<purpose_name>, expect<purpose_title>, expect<purpose_open>, star<purpose_line>,
          expect<purpose_close>> {};

// ---- group ----------------------------------------------------------------------------------

struct group_name : name {};
struct group_title : text {};
struct group_open : open_brace {};
struct group_member : name {};
struct group_close : close_brace {};
struct group_decl
    : seq<kw_group, expect<group_name>, expect<group_title>, expect<group_open>, expect<group_member>,
          star<comma, expect<group_member>>, expect<group_close>> {};

// ---- recipient ------------------------------------------------------------------------------

struct recipient_name : name {};
struct recipient_title : text {};
struct activity_text : text {};
struct received_category : name {};
struct recipient_activity : seq<kw_activity, expect<activity_text>> {};
struct recipient_receives : seq<kw_receives, expect<received_category>, star<comma, expect<received_category>>> {};
struct certifying_framework : name {};
struct under_framework : kw_under {};
struct recipient_certified : seq<kw_certified, expect<under_framework>, expect<certifying_framework>, validity> {};
struct recipient_line : sor<recipient_activity, recipient_receives, recipient_certified> {};
struct recipient_close : close_brace {};
struct recipient_body : seq<open_brace, star<recipient_line>, expect<recipient_close>> {};
struct recipient_decl : seq<kw_recipient, expect<recipient_name>, expect<recipient_title>, opt<recipient_body>> {};

// ---- right, framework --------------------------------------------------------------------

struct right_decl_name : name {};
struct right_description : text {};
struct right_decl : seq<kw_right, expect<right_decl_name>, expect<right_description>> {};

struct framework_name : name {};
struct framework_title : text {};
struct framework_citation : text {};
struct framework_cites : seq<kw_cites, expect<framework_citation>, star<comma, expect<framework_citation>>> {};
struct framework_decl : seq<kw_framework, expect<framework_name>, expect<framework_title>, opt<framework_cites>> {};

// ---- respond within -------------------------------------------------------------------------

struct response_period : period {};
struct extension_period : period {};
struct extendable_by : kw_by {};
struct extension : seq<comma, expect<kw_extendable>, expect<extendable_by>, expect<extension_period>> {};
struct respond_decl : seq<kw_respond, expect<kw_within>, expect<response_period>, opt<extension>> {};

// ---- conditions -----------------------------------------------------------------------------
// `not` binds tightest, then `and`, then `or`; the actions bound the nesting (max_nesting).

struct condition;

struct consent_given : kw_given {};
struct consent_withdrawn : kw_withdrawn {};
struct consent_state : sor<consent_given, consent_withdrawn> {};
struct consent_predicate : seq<kw_consent, expect<consent_state>> {};

struct objected_purpose : kw_purpose {};
struct objected_name : name {};
struct objected_target : sor<objected_purpose, objected_name> {};
struct objected_predicate : seq<kw_objected, expect<kw_to>, expect<objected_target>> {};

struct restricted_predicate : kw_restricted {};
struct unlawful_predicate : kw_unlawful {};
struct retention_predicate : seq<kw_retention, expect<kw_over>> {};
struct archive_kw_over : kw_over {};
struct archive_predicate : seq<kw_archive, expect<kw_period>, expect<archive_kw_over>> {};

struct data_outside : seq<kw_outside, expect<kw_purpose>> {};
struct included_category : name {};
struct data_includes : seq<kw_includes, expect<included_category>> {};
struct data_test : sor<data_outside, data_includes> {};
struct data_predicate : seq<kw_data, expect<data_test>> {};

struct recipient_ref : name {};
struct recipient_is : seq<kw_is, expect<recipient_ref>> {};
struct recipient_may_not : seq<kw_may, expect<kw_not>, expect<kw_receive>, expect<kw_data>> {};
struct certified_framework_ref : name {};
struct certified_under : kw_under {};
struct recipient_certified_under : seq<kw_certified, expect<certified_under>, expect<certified_framework_ref>> {};
struct recipient_test : sor<recipient_is, recipient_may_not, recipient_certified_under> {};
struct recipient_predicate : seq<kw_recipient, expect<recipient_test>> {};

struct countries_ref : name {};
struct country_in : seq<kw_in, expect<countries_ref>> {};
struct country_outside : seq<kw_outside, expect<countries_ref>> {};
struct country_test : sor<country_in, country_outside> {};
struct country_predicate : seq<kw_country, expect<country_test>> {};

struct tested_basis : basis_name {};
struct basis_is_test : seq<kw_is, expect<tested_basis>> {};
struct record_word : kw_record {};
struct record_is : kw_is {};
struct recorded_basis : basis_name {};
struct basis_of_record : seq<kw_of, expect<record_word>, expect<record_is>, expect<recorded_basis>> {};
struct basis_test : sor<basis_is_test, basis_of_record> {};
struct basis_predicate : seq<kw_basis, expect<basis_test>> {};

// `age under 16`, `age at least 16` (whole years; `years` may follow, for reading).
struct age_years_word : seq<sor<GAVEL_WORD("years"), GAVEL_WORD("year")>, pad> {};
struct age_years : seq<number, opt<age_years_word>> {};
struct age_under : seq<kw_under, expect<age_years>> {};
struct age_least : kw_least {};
struct age_at_least : seq<kw_at, expect<age_least>, expect<age_years>> {};
struct age_test : sor<age_under, age_at_least> {};
struct age_predicate : seq<kw_age, expect<age_test>> {};

// A fact the policy declares, by its bare name (`when parental_consent`). Only where a
// condition may end, so that a mistyped predicate (`consnt given`) is still a syntax error.
// `declared_fact_guard` refuses a near miss of a built-in condition (`unlawfull`) that no
// `fact` declares, so that it gets the condition's did-you-mean (grammar/parser.cpp).
struct declared_fact_guard : success {};
struct declared_fact_predicate
    : seq<declared_fact_guard, name, at<sor<eof, one<')', ','>, kw_and, kw_or, GAVEL_WORD("unless"), GAVEL_WORD("overrides"),
                      top_keyword>>> {};

struct automated_predicate : automated_words {};

struct tested_purpose : name {};
struct purpose_is_word : kw_is {};
struct purpose_predicate : seq<kw_purpose, expect<purpose_is_word>, expect<tested_purpose>> {};

struct context_predicate : seq<fact_word, pad> {};

struct predicate
    : sor<consent_predicate, objected_predicate, restricted_predicate, unlawful_predicate, retention_predicate,
          archive_predicate, data_predicate, recipient_predicate, country_predicate, basis_predicate, automated_predicate,
          purpose_predicate, context_predicate, age_predicate, declared_fact_predicate> {};

struct paren_open : open_paren {};
struct nested_condition : seq<expect<condition>, expect<close_paren>> {};
struct parenthesised : seq<paren_open, nested_condition> {};
struct primary : sor<parenthesised, predicate> {};
struct unary;
struct not_keyword : kw_not {};
struct negated : expect<unary> {};
struct negation : seq<not_keyword, negated> {};
struct unary : sor<negation, primary> {};
struct operand_mark : success {};  // where the operands of one `and` / `or` begin
struct conjunction : seq<operand_mark, unary, star<kw_and, expect<unary>>> {};
struct disjunction : seq<operand_mark, conjunction, star<kw_or, expect<conjunction>>> {};
struct condition : seq<disjunction> {};  // its own node, so the `or` action runs

// ---- rules ----------------------------------------------------------------------------------

struct rule_id : rule_name {};
struct rule_title : text {};
struct citation : text {};
struct cites_clause : seq<kw_cites, expect<citation>, star<comma, expect<citation>>> {};
struct says_text : text {};
struct says_clause : seq<kw_says, expect<says_text>> {};

struct excepted_action : action_name {};
struct listed_action : action_name {};
struct any_action : seq<kw_any, expect<kw_action>, opt<kw_except, expect<excepted_action>, star<comma, expect<excepted_action>>>> {};
struct listed_actions : seq<listed_action, star<comma, expect<listed_action>>> {};
struct actions : sor<any_action, listed_actions> {};

struct based_on_basis : basis_name {};
struct based_on : seq<kw_purposes, expect<kw_based>, expect<kw_on>, expect<based_on_basis>, star<kw_or, expect<based_on_basis>>> {};
struct first_purpose : name {};
struct next_purpose : name {};
struct purpose_list : seq<first_purpose, star<comma, expect<next_purpose>>> {};
struct any_purpose_word : kw_purpose {};
struct excepted_purpose : name {};
struct excepted_purposes : seq<kw_except, expect<excepted_purpose>, star<comma, expect<excepted_purpose>>> {};
struct any_purpose : seq<kw_any, expect<any_purpose_word>, opt<excepted_purposes>> {};
struct purpose_target : sor<based_on, any_purpose, purpose_list> {};
struct purpose_set : seq<kw_for, expect<purpose_target>> {};

struct defeated_basis : basis_name {};
// A right of the eight built in, or one the policy declares (`right NAME "…"`).
struct declared_right_name : name {};
struct some_right : sor<right_name, declared_right_name> {};
struct granted_right : some_right {};
struct refused_right : some_right {};
struct oblige_erase : kw_erase {};
struct oblige_archive : kw_archive {};
struct oblige_end_of_retention : kw_retention {};
struct oblige_end_of_archive : kw_archive {};
struct end_of_what : sor<oblige_end_of_retention, oblige_end_of_archive> {};
struct oblige_end : seq<kw_end, expect<kw_of>, expect<end_of_what>> {};
struct obligation : sor<oblige_erase, oblige_archive, oblige_end> {};

struct deny_conclusion : seq<kw_deny, expect<actions>, opt<purpose_set>> {};
struct allow_conclusion : seq<kw_allow, expect<actions>, opt<purpose_set>> {};
struct defeat_conclusion : seq<kw_defeat, expect<kw_basis>, expect<defeated_basis>, opt<purpose_set>> {};
struct grant_conclusion : seq<kw_grant, expect<granted_right>, opt<purpose_set>> {};
struct refuse_conclusion : seq<kw_refuse, expect<refused_right>, opt<purpose_set>> {};
struct oblige_conclusion : seq<kw_oblige, expect<obligation>, opt<purpose_set>> {};
struct conclusion
    : sor<deny_conclusion, allow_conclusion, defeat_conclusion, grant_conclusion, refuse_conclusion,
          oblige_conclusion> {};

// A rights rule's own answer term, in place of `respond within` (GDPR Art. 7(3): a withdrawal
// of consent takes effect when it is made).
struct receipt_on : kw_on {};
struct on_receipt : seq<kw_effective, expect<receipt_on>, expect<kw_receipt>> {};
struct answer_within : kw_within {};
struct answer_period : period {};
struct answer_term : seq<kw_answer, expect<answer_within>, expect<answer_period>> {};
struct response_term : sor<on_receipt, answer_term> {};

struct when_condition : condition {};
struct when_clause : seq<kw_when, expect<when_condition>> {};
struct exception_condition : condition {};
struct unless_clause : seq<kw_unless, expect<exception_condition>, star<comma, expect<exception_condition>>> {};
struct overridden_rule : rule_name {};
struct overrides_clause : seq<kw_overrides, expect<overridden_rule>, star<comma, expect<overridden_rule>>> {};

// A rule ends where the next declaration (or the file) begins: anything else is a mistake in it.
struct rule_end : at<sor<eof, top_keyword>> {};

struct rule_decl
    : seq<kw_rule, expect<rule_id>, expect<rule_title>, expect<cites_clause>, opt<says_clause>, expect<conclusion>,
          opt<response_term>, opt<when_clause>, opt<unless_clause>, opt<overrides_clause>, expect<rule_end>> {};

// ---- the file -------------------------------------------------------------------------------

struct item
    : sor<controller_decl, category_decl, date_decl, fact_decl, countries_decl, calendar_decl, purpose_decl, group_decl,
          recipient_decl, respond_decl, rule_decl, right_decl, framework_decl> {};

// Thrown (after recording its diagnostic) when a declaration cannot be read to its end.
struct item_failed {};

struct item_start : success {};
struct guarded_item : try_catch_type<item_failed, item_start, expect<item>> {};

// After a mistake: skip the rest of the line, then every line until one that starts (in its
// first column) with a keyword that starts a declaration or a rule.
struct skip_line : sor<eol, seq<any, until<eolf>>> {};
struct recovery : seq<skip_line, until<sor<eof, at<top_keyword>>, skip_line>> {};

// A UTF-8 byte order mark, as some editors write at the start of a file.
struct byte_order_mark : string<'\xEF', '\xBB', '\xBF'> {};
struct policy : seq<opt<byte_order_mark>, pad, until<eof, sor<guarded_item, recovery>>> {};

#undef GAVEL_KEY
#undef GAVEL_WORD

}  // namespace gavel::grammar::peg

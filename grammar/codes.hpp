// The stable codes of gavel's errors: every diagnostic of a rule file and every refusal of a
// request carries one beside its message, so that a program can tell them apart without
// reading the words (which may be improved). A code, once published, keeps its meaning; a new
// kind of error gets a new line here and one in docs/errors.md (a test checks the two agree,
// and that every code here is reported somewhere in the sources).
//
// Codes are `area.what`, lowercase: `file` (reading a rule file), `syntax` (the grammar),
// `check` (the checker), `request` (a request's shape, names and dates).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

// X(identifier, "code", "meaning")
#define GAVEL_ERROR_CODES(X)                                                                                      \
  X(none, "", "no code: never reported")                                                                          \
  X(file_unreadable, "file.unreadable", "the rule file cannot be read; the operating system's reason follows")    \
  X(file_too_large, "file.too_large", "the rule file is larger than a rule file may be (8 MiB)")                  \
  X(file_internal_error, "file.internal_error", "gavel failed while reading the file: a bug to report")               \
  X(syntax_expected, "syntax.expected", "the text does not follow the grammar: something else was expected here") \
  X(syntax_too_many_errors, "syntax.too_many_errors", "so many syntax errors that reading stopped")              \
  X(syntax_too_many_items, "syntax.too_many_items", "more declarations and rules than a rule file may hold")     \
  X(syntax_non_ascii_name, "syntax.non_ascii_name", "a name with letters outside ASCII")                         \
  X(syntax_number_too_large, "syntax.number_too_large", "a number of more than 4 digits")                        \
  X(syntax_too_deep, "syntax.too_deep", "conditions nest deeper than a rule may")                                              \
  X(syntax_repeated_line, "syntax.repeated_line", "a line given twice in one declaration")                       \
  X(syntax_no_such_day, "syntax.no_such_day", "a holiday on a day that does not exist every year")               \
  X(check_already_declared, "check.already_declared", "a name or rule id declared twice")                        \
  X(check_unknown_name, "check.unknown_name", "a name that nothing declares")                                    \
  X(check_wrong_kind, "check.wrong_kind", "a name declared as something else than what is expected here")        \
  X(check_listed_twice, "check.listed_twice", "the same name listed twice in one list (warning)")                \
  X(check_empty_period, "check.empty_period", "a period of zero days, weeks, months or years")                   \
  X(check_period_too_long, "check.period_too_long", "a period longer than the dates gavel supports")             \
  X(check_easter_outside_year, "check.easter_outside_year", "a holiday counted from Easter that leaves its year") \
  X(check_invalid_date, "check.invalid_date", "a date that is not a real day gavel supports")                    \
  X(check_dates_reversed, "check.dates_reversed", "valid until a day before it is valid from")                   \
  X(check_invalid_country, "check.invalid_country", "a country code that is not in ISO 3166-1")                  \
  X(check_no_establishment, "check.no_establishment", "the controller does not say where it is established")    \
  X(check_no_controller, "check.no_controller", "the policy declares no controller")                             \
  X(check_second_controller, "check.second_controller", "a second controller in one policy")                     \
  X(check_second_deadline, "check.second_deadline", "a second `respond within`")                                 \
  X(check_reserved_name, "check.reserved_name", "a name the language reserves (`birth`) declared")               \
  X(check_special_without_condition, "check.special_without_condition",                                         \
    "special category data without a condition of GDPR Art. 9(2)")                                               \
  X(check_condition_without_special, "check.condition_without_special",                                         \
    "a condition of GDPR Art. 9(2) on a purpose with no special category (warning)")                             \
  X(check_single_basis_per_person, "check.single_basis_per_person",                                             \
    "`one per person` on a purpose with one basis (warning)")                                                    \
  X(check_consent_term_without_consent, "check.consent_term_without_consent",                                   \
    "a retention or test about consent where no purpose has a `consent` basis")                                  \
  X(check_consent_term_minimum, "check.consent_term_minimum", "`at least until consent withdrawn`")              \
  X(check_archive_without_retention, "check.archive_without_retention",                                         \
    "an archive period or its end without a retention")                                                          \
  X(check_incomplete_purpose, "check.incomplete_purpose",                                                       \
    "a purpose without a lawful basis, data or retention (warning)")                                             \
  X(check_unused, "check.unused", "a declaration nothing uses (warning)")                                         \
  X(check_override_cycle, "check.override_cycle", "rules that override each other in a cycle")                  \
  X(check_overrides_itself, "check.overrides_itself", "a rule that overrides itself")                            \
  X(check_override_disjoint, "check.override_disjoint",                                                         \
    "a rule overrides one that never concerns the same request (warning)")                                       \
  X(check_never_applies, "check.never_applies", "a rule that can never apply (warning)")                         \
  X(check_age_out_of_range, "check.age_out_of_range", "an age test outside the ages a request states")           \
  X(check_basis_not_listed, "check.basis_not_listed", "a rule about a basis none of its purposes has")           \
  X(check_conflict, "check.conflict", "rules with opposite conclusions on overlapping cases (warning)")           \
  X(check_term_without_grant, "check.term_without_grant", "an answer term on a rule that grants no right")    \
  X(request_too_large, "request.too_large", "the request is larger than 64 KiB")                                 \
  X(request_too_deep, "request.too_deep", "the request nests objects and arrays more than 16 deep")              \
  X(request_invalid_json, "request.invalid_json", "the request is not valid JSON")                               \
  X(request_not_object, "request.not_object", "the request is not a JSON object")                                \
  X(request_wrong_type, "request.wrong_type", "a field's value is not of the type the contract says")            \
  X(request_out_of_bounds, "request.out_of_bounds", "a number outside its bounds")                               \
  X(request_too_many_items, "request.too_many_items", "a list or map of more than 1024 entries")                 \
  X(request_unknown_field, "request.unknown_field", "a field that is not part of the contract")                  \
  X(request_duplicate_field, "request.duplicate_field", "a field given twice")                                   \
  X(request_missing_field, "request.missing_field", "a required field is missing")                               \
  X(request_misplaced_field, "request.misplaced_field", "`right` or `received` on a request that is not a rights request") \
  X(request_empty_data, "request.empty_data", "`data` names no category")                                        \
  X(request_invalid_date, "request.invalid_date", "a date that is not YYYY-MM-DD or not a real day gavel supports") \
  X(request_date_out_of_range, "request.date_out_of_range",                                                     \
    "a date the decision would report falls after 2999-12-31")                                                    \
  X(request_dates_reversed, "request.dates_reversed",                                                           \
    "dates in the wrong order: a withdrawal before its consent, a birth after the action, a restriction ending before it starts") \
  X(request_born_and_age, "request.born_and_age", "both `subject.born` and `subject.age`")                        \
  X(request_unknown_action, "request.unknown_action", "an action that is not one of the language's")             \
  X(request_unknown_purpose, "request.unknown_purpose", "a purpose the policy does not declare")                 \
  X(request_unknown_category, "request.unknown_category", "a data category the policy does not declare")         \
  X(request_unknown_recipient, "request.unknown_recipient", "a recipient the policy does not declare")           \
  X(request_unknown_objection_target, "request.unknown_objection_target",                                       \
    "an objection to a purpose or group the policy does not declare")                                            \
  X(request_unknown_date, "request.unknown_date", "a retention date the policy does not declare")                \
  X(request_invalid_country, "request.invalid_country", "not an assigned ISO 3166-1 alpha-2 country code")       \
  X(request_unknown_right, "request.unknown_right", "a right that is neither built in nor declared")             \
  X(request_unknown_context_fact, "request.unknown_context_fact", "a context fact that is not known")            \
  X(request_unknown_fact, "request.unknown_fact", "a recorded fact the policy does not declare")                 \
  X(request_fact_misplaced, "request.fact_misplaced",                                                           \
    "a fact given in `context` that is recorded for the person, or the other way round")                         \
  X(request_basis_not_per_person, "request.basis_not_per_person",                                               \
    "a basis of record for a purpose that does not choose its basis per person")                                 \
  X(request_unknown_basis, "request.unknown_basis", "a basis of record that is not a basis of the purpose")

namespace gavel {

enum class Code : std::uint16_t {
#define GAVEL_CODE_ENUM(id, code, meaning) id,
  GAVEL_ERROR_CODES(GAVEL_CODE_ENUM)
#undef GAVEL_CODE_ENUM
};

struct CodeInfo {
  std::string_view code;     // `request.unknown_purpose`
  std::string_view meaning;  // for docs/errors.md and `gavel` users
};

inline constexpr CodeInfo code_table[] = {
#define GAVEL_CODE_INFO(id, code, meaning) {code, meaning},
    GAVEL_ERROR_CODES(GAVEL_CODE_INFO)
#undef GAVEL_CODE_INFO
};

inline constexpr std::string_view code_name(Code c) { return code_table[static_cast<std::size_t>(c)].code; }

}  // namespace gavel

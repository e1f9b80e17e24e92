// Decode stage: a JSON request (the contract of PRODUCT.md) -> Facts, against one compiled
// policy. Every field is validated; anything unknown, malformed or missing is a DecodeError
// naming the field — never a guess, never an allow.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "engine/compile/compiled_policy.hpp"
#include "engine/request/facts.hpp"
#include "engine/request/request_text.hpp"

namespace gavel::request {

// Where a value sits in a request: `subject.consent.` + `newsletter` + `.given`, or
// `subject.objections` + [2] + `.to`. Spelt out only for an error, so that decoding a good
// request builds no strings.
struct FieldPath {
  std::string_view head;
  int index = -1;  // [index] after head, when >= 0
  std::string_view name = {};
  std::string_view tail = {};
  FieldPath(std::string_view h) : head(h) {}  // NOLINT: a plain field name converts implicitly
  FieldPath(const std::string& h) : head(h) {}  // NOLINT
  FieldPath(const char* h) : head(h) {}  // NOLINT
  FieldPath(std::string_view h, int i, std::string_view n = {}, std::string_view t = {})
      : head(h), index(i), name(n), tail(t) {}
  std::string str() const;
};

// Resolves the names and dates of a request against a policy: a RequestText, from the JSON
// reader or from the C++ API's struct, becomes Facts, so that both accept and refuse exactly
// the same things.
class Resolver {
 public:
  explicit Resolver(const compile::CompiledPolicy& policy) : policy_(policy) {}

  // Each returns nullopt and fills `error` when the value is not acceptable.
  std::optional<Date> date(std::string_view text, const FieldPath& field, DecodeError& error) const;
  std::optional<Id> purpose(std::string_view name, const FieldPath& field, DecodeError& error) const;
  std::optional<Id> category(std::string_view name, const FieldPath& field, DecodeError& error) const;
  std::optional<Id> recipient(std::string_view name, const FieldPath& field, DecodeError& error) const;
  std::optional<Id> objection_target(std::string_view name, const FieldPath& field, DecodeError& error) const;
  std::optional<Id> date_name(std::string_view name, const FieldPath& field, DecodeError& error) const;
  std::optional<compile::CountryIndex> country(std::string_view code, const FieldPath& field,
                                               DecodeError& error) const;
  // action is one of the processing actions or `request`; sets facts.rights_request.
  bool action(std::string_view name, const FieldPath& field, Facts& facts, DecodeError& error) const;
  std::optional<compile::Right> right(std::string_view name, const FieldPath& field, DecodeError& error) const;
  std::optional<syntax::ContextFact> context_fact(std::string_view name, const FieldPath& field,
                                                  DecodeError& error) const;
  // A name in `context`: a context fact of the language, or a fact the policy declares
  // `asserted per action` (then `declared` is its id).
  bool context_name(std::string_view name, const FieldPath& field, std::optional<syntax::ContextFact>& builtin,
                    Id& declared, DecodeError& error) const;
  std::optional<Id> recorded_fact(std::string_view name, const FieldPath& field, DecodeError& error) const;
  std::optional<compile::Basis> basis_of_record(Id purpose, std::string_view name, const FieldPath& field,
                                                DecodeError& error) const;
  // Every name and date of `text`, then the checks that span fields: facts (after
  // facts.reset) or false with `error` filled.
  bool resolve(const RequestText& text, Facts& facts, DecodeError& error) const;

  // The checks that span fields: required fields present, right/received only on requests,
  // withdrawal not before consent, restriction not ending before it starts.
  bool complete(Facts& facts, bool has_data, bool has_right, bool has_received, DecodeError& error) const;

 private:
  // subject.facts, subject.born, subject.age, subject.bases.
  bool resolve_person(const RequestText& text, Facts& facts, DecodeError& error) const;

  const compile::CompiledPolicy& policy_;
};

// Decodes JSON requests: the one reader (reader.hpp), then the resolver. Holds a reusable
// parser, so keep one per thread.
class JsonDecoder {
 public:
  JsonDecoder();
  ~JsonDecoder();
  JsonDecoder(JsonDecoder&&) noexcept;
  JsonDecoder& operator=(JsonDecoder&&) noexcept;

  // Fills `facts` (after facts.reset) or returns the first error found.
  std::optional<DecodeError> decode(const compile::CompiledPolicy& policy, std::string_view json, Facts& facts);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gavel::request

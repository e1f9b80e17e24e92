// Decode stage: a JSON request (the contract of PRODUCT.md) -> Facts, against one compiled
// policy. Every field is validated; anything unknown, malformed or missing is a DecodeError
// naming the field — never a guess, never an allow.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "engine/compile/compiled_policy.hpp"
#include "engine/request/facts.hpp"

namespace gavel::request {

// Resolves the names and dates of a request against a policy. Shared by the JSON decoder
// and by the C++ API's struct request, so both accept and refuse exactly the same things.
class Resolver {
 public:
  explicit Resolver(const compile::CompiledPolicy& policy) : policy_(policy) {}

  // Each returns nullopt and fills `error` when the value is not acceptable.
  std::optional<Date> date(std::string_view text, std::string_view field, DecodeError& error) const;
  std::optional<Id> purpose(std::string_view name, std::string_view field, DecodeError& error) const;
  std::optional<Id> category(std::string_view name, std::string_view field, DecodeError& error) const;
  std::optional<Id> recipient(std::string_view name, std::string_view field, DecodeError& error) const;
  std::optional<Id> objection_target(std::string_view name, std::string_view field, DecodeError& error) const;
  std::optional<Id> date_name(std::string_view name, std::string_view field, DecodeError& error) const;
  std::optional<compile::CountryIndex> country(std::string_view code, std::string_view field,
                                               DecodeError& error) const;
  // action is one of the processing actions or `request`; sets facts.rights_request.
  bool action(std::string_view name, std::string_view field, Facts& facts, DecodeError& error) const;
  std::optional<compile::Right> right(std::string_view name, std::string_view field, DecodeError& error) const;
  std::optional<syntax::ContextFact> context_fact(std::string_view name, std::string_view field,
                                                  DecodeError& error) const;
  // The checks that span fields: required fields present, right/received only on requests,
  // withdrawal not before consent, restriction not ending before it starts.
  bool complete(Facts& facts, bool has_data, bool has_right, bool has_received, DecodeError& error) const;

 private:
  const compile::CompiledPolicy& policy_;
};

// Decodes JSON requests. Holds a reusable parser, so keep one per thread.
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

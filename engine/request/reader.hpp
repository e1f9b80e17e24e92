// The one reader of the JSON request contract: JSON text -> RequestText, walking the field
// table of engine/request/contract.hpp. It refuses, with the field's path, a request that is
// not JSON, is too large or too deep, has a field the contract does not know or a key given
// twice at any depth, a value of the wrong type, or a record without a required field. Names
// and dates are left to the resolver (decoder.hpp), which needs the policy.
//
//   RequestReader reader;            // one per thread: it keeps a reusable parser
//   RequestText text;
//   if (auto error = reader.read(json, text)) …   // error->field, error->message
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "engine/request/facts.hpp"
#include "engine/request/request_text.hpp"

namespace gavel::request {

class RequestReader {
 public:
  RequestReader();
  ~RequestReader();
  RequestReader(RequestReader&&) noexcept;
  RequestReader& operator=(RequestReader&&) noexcept;

  // Fills `out` (after out.clear()), or returns the first error found. The views in `out`
  // stay valid until the next read. A UTF-8 byte order mark before the request is skipped.
  std::optional<DecodeError> read(std::string_view json, RequestText& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gavel::request

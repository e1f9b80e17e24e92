// Inside the public API: the compiled policy behind a gavel::Policy, for the API functions
// that read what a policy declares (vocabulary, why-not) without widening the public header.
#pragma once

#include "engine/compile/compiled_policy.hpp"
#include "engine/request/request_text.hpp"
#include "gavel/gavel.hpp"

namespace gavel::api {

const compile::CompiledPolicy& compiled_of(const Policy& policy);

// The struct request as the reader would have read its JSON (views into `r`).
void text_of(const Request& r, request::RequestText& out);

}  // namespace gavel::api

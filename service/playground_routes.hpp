// The playground: its page (GET /, GET /assets/...) and its API (/v1/playground/...), stateless
// JSON over HTTP beside /v1/decide (docs/playground.md, "The playground's API"). Every call
// carries the policy text and the state it needs; the compiled policies are cached by the
// SHA-256 of their text.
#pragma once

#include <string_view>

#include "service/routes.hpp"

namespace gavel::service {

// Whether `path` is the playground's; `response` is filled when it is.
bool answer_playground(Worker& worker, const HttpRequest& request, std::string_view path, HttpResponse& response);

// The playground's bounds (the body, the policy text in it).
inline constexpr std::size_t max_playground_body = 2u << 20;
inline constexpr std::size_t max_playground_policy = 1u << 20;

}  // namespace gavel::service

// The C interface (include/gavel/gavel.h) over the public C++ API (include/gavel/gavel.hpp),
// and nothing else: every entry point checks its arguments, catches every exception, and
// hands back strings the caller frees with gavel_string_free.
#include "gavel/gavel.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <string_view>

#include "capi/json_out.hpp"
#include "gavel/gavel.hpp"

struct gavel_policy {
  std::shared_ptr<const gavel::Policy> policy;
};

struct gavel_decider {
  explicit gavel_decider(std::shared_ptr<const gavel::Policy> p) : decider(std::move(p)) {}
  gavel::Decider decider;
  std::string response;  // reused: deciding in a loop allocates only the string handed out
};

namespace {

// A copy of `text` in malloc'ed memory, NUL-terminated, for the caller to own.
gavel_status hand_out(std::string_view text, char** out, std::size_t* length) {
  if (out == nullptr) return GAVEL_OK;
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) return GAVEL_OUT_OF_MEMORY;
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  *out = copy;
  if (length != nullptr) *length = text.size();
  return GAVEL_OK;
}

void clear(char** out, std::size_t* length) {
  if (out != nullptr) *out = nullptr;
  if (length != nullptr) *length = 0;
}

// Runs `body`; no exception leaves it.
template <class Body>
gavel_status guarded(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return GAVEL_OUT_OF_MEMORY;
  } catch (...) {
    return GAVEL_INTERNAL_ERROR;
  }
}

gavel_status loaded(gavel::LoadResult result, gavel_policy** policy, char** diagnostics, std::size_t* length) {
  if (diagnostics != nullptr) {
    const gavel_status s = hand_out(gavel::capi::diagnostics_json(result), diagnostics, length);
    if (s != GAVEL_OK) return s;
  }
  if (!result.ok()) return GAVEL_POLICY_ERROR;
  *policy = new gavel_policy{std::move(result.policy)};
  return GAVEL_OK;
}

}  // namespace

extern "C" {

const char* gavel_version(void) { return GAVEL_VERSION; }

const char* gavel_status_name(gavel_status status) {
  switch (status) {
    case GAVEL_OK: return "GAVEL_OK";
    case GAVEL_POLICY_ERROR: return "GAVEL_POLICY_ERROR";
    case GAVEL_REQUEST_ERROR: return "GAVEL_REQUEST_ERROR";
    case GAVEL_NOT_DENIED: return "GAVEL_NOT_DENIED";
    case GAVEL_NULL_ARGUMENT: return "GAVEL_NULL_ARGUMENT";
    case GAVEL_INVALID_ARGUMENT: return "GAVEL_INVALID_ARGUMENT";
    case GAVEL_OUT_OF_MEMORY: return "GAVEL_OUT_OF_MEMORY";
    case GAVEL_INTERNAL_ERROR: return "GAVEL_INTERNAL_ERROR";
  }
  return "GAVEL_UNKNOWN_STATUS";
}

gavel_status gavel_policy_load_file(const char* path, gavel_policy** policy, char** diagnostics,
                                    size_t* diagnostics_length) {
  clear(diagnostics, diagnostics_length);
  if (policy == nullptr) return GAVEL_NULL_ARGUMENT;
  *policy = nullptr;
  if (path == nullptr) return GAVEL_NULL_ARGUMENT;
  return guarded([&] { return loaded(gavel::load_policy_file(path), policy, diagnostics, diagnostics_length); });
}

gavel_status gavel_policy_load_text(const char* text, size_t length, const char* name, gavel_policy** policy,
                                    char** diagnostics, size_t* diagnostics_length) {
  clear(diagnostics, diagnostics_length);
  if (policy == nullptr) return GAVEL_NULL_ARGUMENT;
  *policy = nullptr;
  if (text == nullptr) return GAVEL_NULL_ARGUMENT;
  return guarded([&] {
    return loaded(gavel::load_policy(std::string_view(text, length), name != nullptr ? name : "<policy>"), policy,
                  diagnostics, diagnostics_length);
  });
}

gavel_status gavel_policy_free(gavel_policy* policy) {
  delete policy;
  return GAVEL_OK;
}

gavel_status gavel_decider_new(const gavel_policy* policy, gavel_decider** decider) {
  if (decider == nullptr) return GAVEL_NULL_ARGUMENT;
  *decider = nullptr;
  if (policy == nullptr || policy->policy == nullptr) return GAVEL_NULL_ARGUMENT;
  return guarded([&] {
    *decider = new gavel_decider(policy->policy);
    return GAVEL_OK;
  });
}

gavel_status gavel_decider_free(gavel_decider* decider) {
  delete decider;
  return GAVEL_OK;
}

gavel_status gavel_decide(gavel_decider* decider, const char* request, size_t length, unsigned options,
                          char** response, size_t* response_length) {
  clear(response, response_length);
  if (decider == nullptr || request == nullptr || response == nullptr) return GAVEL_NULL_ARGUMENT;
  if ((options & ~unsigned(GAVEL_TRACE | GAVEL_EXPLAIN)) != 0) return GAVEL_INVALID_ARGUMENT;
  return guarded([&] {
    const bool decided = decider->decider.decide_json(
        std::string_view(request, length), decider->response,
        {.trace = (options & GAVEL_TRACE) != 0, .explain = (options & GAVEL_EXPLAIN) != 0});
    const gavel_status s = hand_out(decider->response, response, response_length);
    return s != GAVEL_OK ? s : decided ? GAVEL_OK : GAVEL_REQUEST_ERROR;
  });
}

gavel_status gavel_why_not(gavel_decider* decider, const char* request, size_t length, char** answer,
                           size_t* answer_length) {
  clear(answer, answer_length);
  if (decider == nullptr || request == nullptr || answer == nullptr) return GAVEL_NULL_ARGUMENT;
  return guarded([&] {
    const std::string_view json(request, length);
    // A refused request is answered as gavel_decide answers it, by the library's one writer.
    const auto refuse = [&](const gavel::RequestError& error) {
      std::string out;
      gavel::append_error_json(out, error);
      return hand_out(out, answer, answer_length) == GAVEL_OK ? GAVEL_REQUEST_ERROR : GAVEL_OUT_OF_MEMORY;
    };
    gavel::RequestError shape;
    const auto parsed = gavel::parse_request(json, shape);
    if (!parsed) return refuse(shape);
    // The names and dates are checked when deciding: a request that names what the policy
    // does not declare is refused here as gavel_decide refuses it.
    const gavel::Decision decision = decider->decider.decide(*parsed);
    if (decision.error) return refuse(*decision.error);
    if (decision.allow) return GAVEL_NOT_DENIED;
    const auto why = gavel::why_not(decider->decider, *parsed);
    if (!why) return GAVEL_NOT_DENIED;
    return hand_out(gavel::capi::why_not_json(*why), answer, answer_length);
  });
}

gavel_status gavel_string_free(char* string) {
  std::free(string);
  return GAVEL_OK;
}

}  // extern "C"

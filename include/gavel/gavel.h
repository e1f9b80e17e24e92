/* gavel: may this processing action happen, now, for this person? The C interface.
 *
 * For every language that can call C (Python's ctypes, Go's cgo, Rust, Java's FFM, …). It is
 * the C++ API of <gavel/gavel.hpp> with JSON in and JSON out: load a policy once, give each
 * thread a decider, and ask it for decisions with the request contract of docs/request.md.
 *
 *   gavel_policy* policy = NULL;
 *   char* diagnostics = NULL;
 *   if (gavel_policy_load_file("rules/flexis.gavel", &policy, &diagnostics, NULL) != GAVEL_OK) {
 *     fprintf(stderr, "%s\n", diagnostics);   // {"diagnostics":[…],"report":"…"}
 *     gavel_string_free(diagnostics);
 *     return 2;
 *   }
 *   gavel_string_free(diagnostics);
 *   gavel_decider* decider = NULL;
 *   gavel_decider_new(policy, &decider);
 *   char* response = NULL;
 *   size_t length = 0;
 *   gavel_status s = gavel_decide(decider, json, strlen(json), GAVEL_TRACE, &response, &length);
 *   // GAVEL_OK: response is the decision ({"decision":"allow",…}); GAVEL_REQUEST_ERROR: {"error":…}
 *   gavel_string_free(response);
 *   gavel_decider_free(decider);
 *   gavel_policy_free(policy);
 *
 * Threads: a gavel_policy is immutable once loaded and may be shared by any number of threads.
 * A gavel_decider is not thread-safe: use one per thread (a decider keeps the policy alive, so
 * the policy may be freed before its deciders). Deciders of one policy run in parallel.
 *
 * Ownership: every `char**` output is a NUL-terminated UTF-8 string that gavel allocated and the
 * caller owns; free it with gavel_string_free (and nothing else). Its length, without the NUL,
 * goes to the matching `size_t*` when that is not NULL. On any status an output is either NULL
 * or such a string. Strings gavel returns as `const char*` (gavel_version, gavel_status_name)
 * are static: never free them. Inputs are only read, during the call; none is kept.
 *
 * Errors: every function but gavel_version and gavel_status_name returns a gavel_status. An
 * argument the function needs that is NULL is GAVEL_NULL_ARGUMENT, never a crash; no C++
 * exception crosses this interface (an internal failure is GAVEL_OUT_OF_MEMORY or
 * GAVEL_INTERNAL_ERROR). A mistake in a rule file or a request is data: a JSON document with a
 * stable `code` for each error (docs/errors.md).
 */
#ifndef GAVEL_GAVEL_H
#define GAVEL_GAVEL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define GAVEL_API __attribute__((visibility("default")))
#else
#define GAVEL_API
#endif

typedef enum gavel_status {
  GAVEL_OK = 0,                /* done: a policy loaded, a decision made (allow or deny) */
  GAVEL_POLICY_ERROR = 1,      /* the rule file has errors (or cannot be read): see the diagnostics */
  GAVEL_REQUEST_ERROR = 2,     /* the request is malformed: the output is {"error": {…}}, never an allow */
  GAVEL_NOT_DENIED = 3,        /* gavel_why_not of a request the policy allows: nothing to change */
  GAVEL_NULL_ARGUMENT = 4,     /* a pointer the function needs is NULL */
  GAVEL_INVALID_ARGUMENT = 5,  /* an argument out of its range (an unknown option bit) */
  GAVEL_OUT_OF_MEMORY = 6,
  GAVEL_INTERNAL_ERROR = 7     /* a failure inside gavel: a bug to report */
} gavel_status;

/* Options of gavel_decide, or-ed together. */
enum {
  GAVEL_TRACE = 1u,   /* the response has "trace": every rule and basis consulted, and why */
  GAVEL_EXPLAIN = 2u  /* the response has "explanation": the trace as prose */
};

/* A compiled policy: immutable, shared by threads. */
typedef struct gavel_policy gavel_policy;
/* Decides requests against one policy: one per thread. */
typedef struct gavel_decider gavel_decider;

/* The version of gavel, e.g. "0.1.0". Static. */
GAVEL_API const char* gavel_version(void);

/* The name of a status, e.g. "GAVEL_REQUEST_ERROR"; "GAVEL_UNKNOWN_STATUS" for another value.
 * Static. */
GAVEL_API const char* gavel_status_name(gavel_status status);

/* Loads the rule file at `path` (parse, check, compile). On GAVEL_OK `*policy` is the policy
 * (warnings may come with it); on GAVEL_POLICY_ERROR it is NULL. `diagnostics`, when not NULL,
 * receives {"diagnostics":[{"file","line","column","severity","error","message","help","code"}…],
 * "report": the diagnostics as `gavel check` prints them} on GAVEL_OK and GAVEL_POLICY_ERROR.
 * A file that cannot be read is a diagnostic with the operating system's reason. */
GAVEL_API gavel_status gavel_policy_load_file(const char* path, gavel_policy** policy, char** diagnostics,
                                              size_t* diagnostics_length);

/* The same for a policy's text, `length` bytes (not NUL-terminated necessarily); `name` is what
 * diagnostics call it (NULL: "<policy>"). */
GAVEL_API gavel_status gavel_policy_load_text(const char* text, size_t length, const char* name,
                                              gavel_policy** policy, char** diagnostics,
                                              size_t* diagnostics_length);

/* Releases the caller's hold on a policy (NULL: nothing). Deciders made from it keep it until
 * they are freed. Returns GAVEL_OK. */
GAVEL_API gavel_status gavel_policy_free(gavel_policy* policy);

/* A decider of `policy`, to `*decider`. */
GAVEL_API gavel_status gavel_decider_new(const gavel_policy* policy, gavel_decider** decider);

/* Frees a decider (NULL: nothing). Returns GAVEL_OK. */
GAVEL_API gavel_status gavel_decider_free(gavel_decider* decider);

/* Decides the JSON request `request` of `length` bytes. `options`: GAVEL_TRACE, GAVEL_EXPLAIN.
 * GAVEL_OK: `*response` is the decision, {"decision": "allow" or "deny", "decided_by": […], …}; GAVEL_REQUEST_ERROR:
 * it is {"error": {"field", "message", "help", "code"}}. A request over 64 KiB is refused as
 * malformed, without being read. */
GAVEL_API gavel_status gavel_decide(gavel_decider* decider, const char* request, size_t length, unsigned options,
                                    char** response, size_t* response_length);

/* Why not: for a request the policy denies, the smallest sets of changes that make it an allow.
 * GAVEL_OK: `*answer` is {"possible": bool, "ways": [{"changes": [{"command", "note"}…],
 * "decided_by": […]}…], "blocking": […], "denied_by": […], "because": […], "tried": n,
 * "exhaustive": bool, "explanation": "…"}; GAVEL_NOT_DENIED: the request is allowed, `*answer`
 * is NULL; GAVEL_REQUEST_ERROR: {"error": …} as gavel_decide gives it. */
GAVEL_API gavel_status gavel_why_not(gavel_decider* decider, const char* request, size_t length, char** answer,
                                     size_t* answer_length);

/* Frees a string gavel returned (NULL: nothing). Returns GAVEL_OK. */
GAVEL_API gavel_status gavel_string_free(char* string);

#ifdef __cplusplus
}
#endif

#endif /* GAVEL_GAVEL_H */

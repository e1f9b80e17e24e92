/* The extension's two halves meet here, in plain C types only.
 *
 * policy_cache.cpp holds the C++ side: the compiled policies of this backend, each with its
 * decider, and the calls into libgavel. It never calls PostgreSQL and never lets an exception
 * out: each function returns a status, and the text it points to stays valid until the next
 * call. gavel_pg.c holds the PostgreSQL side: it reads the arguments, calls these functions,
 * and raises the SQL errors itself, with no C++ object on the stack. */
#ifndef GAVEL_PG_POLICY_CACHE_H
#define GAVEL_PG_POLICY_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum GavelPgStatus {
  GAVEL_PG_OK = 0,
  GAVEL_PG_REFUSED = 1,        /* a malformed request: the error fields are set */
  GAVEL_PG_POLICY_ERRORS = 2,  /* the policy has errors: report and errors are set */
  GAVEL_PG_INTERNAL = 3        /* an internal failure (out of memory): message is set */
} GavelPgStatus;

typedef struct GavelPgText {
  const char *data;
  size_t len;
} GavelPgText;

typedef struct GavelPgOutcome {
  GavelPgStatus status;
  bool allow;
  GavelPgText response;       /* the response object, or {"error": ...}, when asked for */
  GavelPgText field, message, help, code;  /* a refused request */
  GavelPgText report;         /* the policy's diagnostics, as `gavel check` writes them */
  int errors;                 /* how many of them are errors */
  GavelPgText internal;       /* an internal failure */
} GavelPgOutcome;

/* The id of the cached policy compiled from `text`, or 0 when none is cached. Ids are never
 * reused, so an id kept by a caller finds nothing once its policy has been evicted. */
uint64_t gavel_pg_find_policy(const char *text, size_t len);
bool gavel_pg_has_policy(uint64_t id);

/* Compiles `text` and caches it, evicting the least recently used policy beyond `capacity`.
 * GAVEL_PG_OK with *id set, GAVEL_PG_POLICY_ERRORS or GAVEL_PG_INTERNAL. */
GavelPgStatus gavel_pg_compile_policy(const char *text, size_t len, int capacity, uint64_t *id,
                                      GavelPgOutcome *out);

/* Decides a request (JSON text) with the cached policy `id` (which must exist). With
 * `want_response`, the response JSON (or the {"error": ...} object of a refused request) is in
 * out->response and the error fields are not set; without it, out->allow or the error fields. */
void gavel_pg_decide(uint64_t id, const char *request, size_t len, bool want_response,
                     GavelPgOutcome *out);

/* One obligation due for a person (gavel::DueObligation): `by` empty for without undue delay. */
typedef struct GavelPgObligation {
  GavelPgText purpose, duty, by, rule, title, source;
  const GavelPgText *data;
  size_t data_count;
  const GavelPgText *cites;
  size_t cites_count;
} GavelPgObligation;

/* The obligations due on `day` (YYYY-MM-DD) for the person whose `subject` object (and
 * `context` object, or none when context_len is 0) is given, with the cached policy `id`:
 * GAVEL_PG_OK with *obligations and *count set (valid until the next call), GAVEL_PG_REFUSED
 * with the error fields, or GAVEL_PG_INTERNAL. */
void gavel_pg_obligations(uint64_t id, const char *subject, size_t subject_len, const char *context,
                          size_t context_len, const char *day, const GavelPgObligation **obligations,
                          size_t *count, GavelPgOutcome *out);

/* How many policies are cached, and the bytes of their texts. */
int gavel_pg_cached_policies(size_t *text_bytes);

#ifdef __cplusplus
}
#endif

#endif

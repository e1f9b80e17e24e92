/* The C interface used from C, compiled as C11 with -Wall -Werror -pedantic: the header is C,
 * and a C program loads a policy, decides a request and reads why not. Exits 0 when every
 * check holds, else prints what failed. */
#include <gavel/gavel.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;

static void expect(int holds, const char* what) {
  if (!holds) {
    fprintf(stderr, "failed: %s\n", what);
    ++failures;
  }
}

int main(int argc, char** argv) {
  gavel_policy* policy = NULL;
  gavel_decider* decider = NULL;
  char* out = NULL;
  size_t length = 0;
  const char* allowed =
      "{\"action\":\"communicate\",\"purpose\":\"newsletter\",\"data\":[\"identity\",\"contact_details\"],"
      "\"at\":\"2026-11-26\",\"subject\":{\"consent\":{\"newsletter\":{\"given\":\"2024-01-10\"}},"
      "\"dates\":{\"last_contact\":\"2025-05-01\"}}}";
  const char* withdrawn =
      "{\"action\":\"communicate\",\"purpose\":\"newsletter\",\"data\":[\"identity\"],\"at\":\"2026-11-26\","
      "\"subject\":{\"consent\":{\"newsletter\":{\"given\":\"2024-01-10\",\"withdrawn\":\"2025-01-01\"}},"
      "\"dates\":{\"last_contact\":\"2025-05-01\"}}}";
  if (argc != 2) {
    fprintf(stderr, "usage: %s POLICY\n", argv[0]);
    return 2;
  }
  expect(strlen(gavel_version()) > 0, "gavel_version is a string");
  expect(gavel_policy_load_file(argv[1], &policy, NULL, NULL) == GAVEL_OK, "the policy loads");
  expect(gavel_decider_new(policy, &decider) == GAVEL_OK, "a decider");
  expect(gavel_decide(decider, allowed, strlen(allowed), GAVEL_TRACE, &out, &length) == GAVEL_OK, "decided");
  expect(out != NULL && strncmp(out, "{\"decision\":\"allow\"", 19) == 0, "allowed");
  expect(out != NULL && strlen(out) == length, "the length is the string's");
  gavel_string_free(out);
  expect(gavel_decide(decider, "{", 1, 0, &out, &length) == GAVEL_REQUEST_ERROR, "malformed");
  expect(out != NULL && strstr(out, "\"code\":\"request.invalid_json\"") != NULL, "the error has its code");
  gavel_string_free(out);
  expect(gavel_why_not(decider, withdrawn, strlen(withdrawn), &out, &length) == GAVEL_OK, "why not");
  expect(out != NULL && strncmp(out, "{\"possible\":", 12) == 0, "a why-not answer");
  gavel_string_free(out);
  expect(gavel_decide(NULL, allowed, strlen(allowed), 0, &out, &length) == GAVEL_NULL_ARGUMENT, "null decider");
  gavel_decider_free(decider);
  gavel_policy_free(policy);
  if (failures == 0) printf("ok\n");
  return failures == 0 ? 0 : 1;
}

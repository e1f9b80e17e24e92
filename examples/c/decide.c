/* Decides one JSON request against a policy through gavel's C interface, and prints the
 * response (and, for a deny, what would have to change).
 *
 *   make && ./decide ../../rules/flexis.gavel ../requests/newsletter-allowed.json
 *
 * Exit status: 0 allowed, 1 denied, 2 a malformed request or a policy with errors. */
#include <gavel/gavel.h>

#include <stdio.h>
#include <stdlib.h>

/* The whole file at `path`, NUL-terminated, in memory the caller frees; NULL when unreadable. */
static char* read_file(const char* path, size_t* length) {
  FILE* in = fopen(path, "rb");
  char* text = NULL;
  size_t size = 0, capacity = 0, n = 0;
  if (in == NULL) return NULL;
  do {
    if (size + 4096 + 1 > capacity) {
      char* grown = realloc(text, capacity = 2 * capacity + 4096 + 1);
      if (grown == NULL) {
        free(text);
        fclose(in);
        return NULL;
      }
      text = grown;
    }
    n = fread(text + size, 1, 4096, in);
    size += n;
  } while (n > 0);
  fclose(in);
  text[size] = '\0';
  *length = size;
  return text;
}

int main(int argc, char** argv) {
  gavel_policy* policy = NULL;
  gavel_decider* decider = NULL;
  char* diagnostics = NULL;
  char* response = NULL;
  char* request = NULL;
  size_t length = 0;
  gavel_status status;
  int exit_code = 2;

  if (argc != 3) {
    fprintf(stderr, "usage: %s POLICY REQUEST.json\n", argv[0]);
    return 2;
  }
  if (gavel_policy_load_file(argv[1], &policy, &diagnostics, NULL) != GAVEL_OK) {
    fprintf(stderr, "%s\n", diagnostics != NULL ? diagnostics : "gavel: cannot load the policy");
    gavel_string_free(diagnostics);
    return 2;
  }
  gavel_string_free(diagnostics);
  request = read_file(argv[2], &length);
  if (request == NULL) {
    perror(argv[2]);
    gavel_policy_free(policy);
    return 2;
  }
  gavel_decider_new(policy, &decider);
  status = gavel_decide(decider, request, length, 0, &response, NULL);
  if (status == GAVEL_OK || status == GAVEL_REQUEST_ERROR) printf("%s\n", response);
  else fprintf(stderr, "gavel: %s\n", gavel_status_name(status));
  gavel_string_free(response);
  if (status == GAVEL_OK) {
    char* answer = NULL;
    exit_code = 0;
    if (gavel_why_not(decider, request, length, &answer, NULL) == GAVEL_OK) {
      printf("why not: %s\n", answer);
      exit_code = 1;
    }
    gavel_string_free(answer);
  }
  free(request);
  gavel_decider_free(decider);
  gavel_policy_free(policy);
  return exit_code;
}

/* Decisions per second through the C interface (gavel_decide), on N threads sharing one
 * policy, each with its own decider; beside abi_cpp.cpp on the same traffic (bench/abi.sh).
 *
 *   abi_bench_c POLICY REQUESTS.jsonl THREADS SECONDS */
#define _POSIX_C_SOURCE 200809L
#include <gavel/gavel.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char** requests;
static size_t* lengths;
static size_t count;
static gavel_policy* policy;
static atomic_int stop;

static void* work(void* out) {
  gavel_decider* decider = NULL;
  long n = 0;
  gavel_decider_new(policy, &decider);
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
    size_t i;
    for (i = 0; i < count; ++i) {
      char* response = NULL;
      gavel_decide(decider, requests[i], lengths[i], 0, &response, NULL);
      gavel_string_free(response);
      ++n;
    }
  }
  gavel_decider_free(decider);
  *(long*)out = n;
  return NULL;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char** argv) {
  FILE* in;
  char* line = NULL;
  size_t capacity = 0, size = 0;
  ssize_t got;
  int threads, t;
  double seconds, start, elapsed, cpu;
  clock_t cpu_start;
  long total = 0;
  pthread_t* workers;
  long* decided;
  struct timespec pause;
  if (argc != 5) {
    fprintf(stderr, "usage: %s POLICY REQUESTS.jsonl THREADS SECONDS\n", argv[0]);
    return 2;
  }
  if (gavel_policy_load_file(argv[1], &policy, NULL, NULL) != GAVEL_OK) return 2;
  in = fopen(argv[2], "r");
  if (in == NULL) return 2;
  while ((got = getline(&line, &capacity, in)) > 0) {
    if (line[got - 1] == '\n') line[--got] = '\0';
    if (got == 0) continue;
    if (count == size) {
      size = size * 2 + 1024;
      requests = realloc(requests, size * sizeof *requests);
      lengths = realloc(lengths, size * sizeof *lengths);
    }
    requests[count] = strdup(line);
    lengths[count++] = (size_t)got;
  }
  fclose(in);
  threads = atoi(argv[3]);
  seconds = atof(argv[4]);
  workers = calloc((size_t)threads, sizeof *workers);
  decided = calloc((size_t)threads, sizeof *decided);
  start = now();
  cpu_start = clock();
  for (t = 0; t < threads; ++t) pthread_create(&workers[t], NULL, work, &decided[t]);
  pause.tv_sec = (time_t)seconds;
  pause.tv_nsec = (long)((seconds - (double)pause.tv_sec) * 1e9);
  nanosleep(&pause, NULL);
  atomic_store(&stop, 1);
  for (t = 0; t < threads; ++t) pthread_join(workers[t], NULL);
  elapsed = now() - start;
  cpu = (double)(clock() - cpu_start) / CLOCKS_PER_SEC;
  for (t = 0; t < threads; ++t) total += decided[t];
  printf("C interface         %d thread%s  %9.0f decisions/s  %9.0f per CPU second\n", threads,
         threads == 1 ? " " : "s", (double)total / elapsed, (double)total / cpu);
  gavel_policy_free(policy);
  return 0;
}

# gavel sweep: rows as JSON lines and CSV against golden files, refused lines, the output file
# written whole, a write that fails, and a sweep interrupted then resumed (sweep_resume.py).
set(sweep_policy tests/cli/sweep/policy.gavel)
gavel_golden("sweep with refused lines" sweep-subjects.jsonl
  ARGS sweep ${sweep_policy} --on 2026-01-15 tests/cli/sweep/subjects.jsonl --threads 1)
# Several threads: the same rows, in input order.
gavel_golden("sweep with three threads" sweep-subjects.jsonl
  ARGS sweep ${sweep_policy} --on 2026-01-15 tests/cli/sweep/subjects.jsonl --threads 3)
gavel_golden("sweep --format csv" sweep-subjects.csv
  ARGS sweep ${sweep_policy} --on 2026-01-15 tests/cli/sweep/subjects.jsonl --format csv --threads 2)
gavel_golden("sweep from standard input" sweep-stdin.jsonl
  ARGS sweep ${sweep_policy} --on 2026-01-15 - --threads 2 STDIN ${CMAKE_CURRENT_SOURCE_DIR}/sweep/subjects.jsonl)
gavel_golden("sweep with a day that is not one" sweep-bad-day.txt
  ARGS sweep ${sweep_policy} --on 2026-02-30 tests/cli/sweep/subjects.jsonl)
gavel_golden("sweep --resume without --output" sweep-resume-stdout.txt
  ARGS sweep ${sweep_policy} --on 2026-01-15 tests/cli/sweep/subjects.jsonl --resume)
gavel_golden("sweep with a missing subjects file" sweep-missing-input.txt
  ARGS sweep ${sweep_policy} --on 2026-01-15 no/such/subjects.jsonl)
gavel_golden("sweep with a folder as the subjects file" sweep-directory-input.txt
  ARGS sweep ${sweep_policy} --on 2026-01-15 tests/cli)
gavel_golden("sweep with a policy that has errors" sweep-broken-policy.txt
  ARGS sweep tests/corpus/check/duplicate-name.gavel --on 2026-01-15 tests/cli/sweep/subjects.jsonl)
gavel_golden("sweep with a line over the bound" sweep-long-line.txt
  ARGS sweep ${sweep_policy} --on 2026-01-15 - STDIN ${CMAKE_CURRENT_BINARY_DIR}/sweep-long-line.jsonl)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/sweep-long-line.jsonl
  "{\"id\":\"long\",${padding}\"subject\":{}}\n"
  "{\"id\":\"after\",\"subject\":{\"unlawful\":true}}\n")
if(EXISTS /dev/full)
  gavel_golden("sweep to a full disk" sweep-full-disk.txt STDOUT /dev/full
    ARGS sweep ${sweep_policy} --on 2026-01-15 tests/cli/sweep/subjects.jsonl)
  gavel_golden("sweep --output to a full disk" sweep-full-output.txt
    ARGS sweep ${sweep_policy} --on 2026-01-15 tests/cli/sweep/subjects.jsonl --output /dev/full)
endif()
if(Python3_Interpreter_FOUND)
  add_test(NAME "cli: sweep interrupted and resumed gives the rows of an uninterrupted sweep"
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/sweep_resume.py
      $<TARGET_FILE:gavel> ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/sweep-resume)
  set_tests_properties("cli: sweep interrupted and resumed gives the rows of an uninterrupted sweep"
    PROPERTIES TIMEOUT 300)
endif()

# ---- gavel generate --subjects: the same people for the same seed, none refused -------------
gavel_golden("generate --subjects" generate-subjects.jsonl
  ARGS generate --subjects 6 --seed 16 --policy ${sweep_policy})
gavel_golden("generate --subjects with --count" generate-subjects-and-count.txt
  ARGS generate --subjects 6 --count 6)
foreach(policy flexis tilleuls valsaone)
  add_test(NAME "cli: generate --subjects for ${policy}: every person is swept"
    COMMAND sh -c "\"$1\" generate --subjects 5000 --seed 5 --policy \"$2\" | \"$1\" sweep \"$2\" --on 2026-12-01 - > /dev/null"
      sh $<TARGET_FILE:gavel> rules/${policy}.gavel
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties("cli: generate --subjects for ${policy}: every person is swept" PROPERTIES TIMEOUT 60
    PASS_REGULAR_EXPRESSION "^gavel: 5000 subjects swept on 2026-12-01: [0-9]+ obligations due, 0 refused\n$")
endforeach()

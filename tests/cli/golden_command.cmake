# Runs one gavel command from the project root and compares what it prints (standard output,
# the exit status, then standard error) with a golden file (tests/golden.cmake).
#   cmake -DGAVEL=… -DROOT=… -DWORK=build/dir -DARGS="decide|rules/flexis.gavel|…" -DGOLDEN=… [-DSTDIN=file]
#         [-DSTDOUT=file] -P golden_command.cmake
# With STDOUT (e.g. /dev/full), standard output goes to that file and only the exit status and
# standard error are compared.
string(REPLACE "|" ";" ARGS "${ARGS}")
set(redirect)
if(DEFINED STDIN)
  list(APPEND redirect INPUT_FILE ${STDIN})
endif()
if(DEFINED STDOUT)
  list(APPEND redirect OUTPUT_FILE ${STDOUT})
else()
  list(APPEND redirect OUTPUT_VARIABLE out)
endif()
execute_process(COMMAND ${GAVEL} ${ARGS} WORKING_DIRECTORY ${ROOT} ${redirect}
  ERROR_VARIABLE err RESULT_VARIABLE status)
set(actual "${out}exit: ${status}\n")
if(NOT err STREQUAL "")
  set(actual "${actual}--- standard error\n${err}")
endif()
include("${CMAKE_CURRENT_LIST_DIR}/../golden.cmake")
gavel_compare_golden("${actual}" "${GOLDEN}" "${WORK}" "ctest -R cli")

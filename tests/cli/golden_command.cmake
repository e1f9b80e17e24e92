# Runs one gavel command from the project root and compares what it prints (standard output,
# the exit status, then standard error) with a golden file (tests/golden.cmake).
#   cmake -DGAVEL=… -DROOT=… -DWORK=build/dir -DARGS="decide|rules/flexis.gavel|…" -DGOLDEN=… [-DSTDIN=file] -P golden_command.cmake
string(REPLACE "|" ";" ARGS "${ARGS}")
if(DEFINED STDIN)
  execute_process(COMMAND ${GAVEL} ${ARGS} WORKING_DIRECTORY ${ROOT} INPUT_FILE ${STDIN}
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
else()
  execute_process(COMMAND ${GAVEL} ${ARGS} WORKING_DIRECTORY ${ROOT}
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
endif()
set(actual "${out}exit: ${status}\n")
if(NOT err STREQUAL "")
  set(actual "${actual}--- standard error\n${err}")
endif()
include("${CMAKE_CURRENT_LIST_DIR}/../golden.cmake")
gavel_compare_golden("${actual}" "${GOLDEN}" "${WORK}" "ctest -R cli")

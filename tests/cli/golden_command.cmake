# Runs one gavel command from the project root and compares what it prints (standard output,
# the exit status, then standard error) with a golden file. With GAVEL_UPDATE_GOLDEN=1 in the environment the
# golden file is rewritten instead; review the diff before committing it.
#   cmake -DGAVEL=… -DROOT=… -DARGS="decide|rules/flexis.gavel|…" -DGOLDEN=… [-DSTDIN=file] -P golden_command.cmake
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
if("$ENV{GAVEL_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE ${GOLDEN} "${actual}")
  message(STATUS "rewrote ${GOLDEN}")
  return()
endif()
if(NOT EXISTS ${GOLDEN})
  message(FATAL_ERROR "no golden file ${GOLDEN}; the command printed:\n${actual}\nstandard error:\n${err}")
endif()
file(READ ${GOLDEN} expected)
if(NOT actual STREQUAL expected)
  file(WRITE ${GOLDEN}.actual "${actual}")
  execute_process(COMMAND diff -u ${GOLDEN} ${GOLDEN}.actual OUTPUT_VARIABLE diff)
  message(FATAL_ERROR "gavel ${ARGS}: output differs from ${GOLDEN}\n${diff}\n"
    "the actual output is in ${GOLDEN}.actual; GAVEL_UPDATE_GOLDEN=1 ctest -R cli rewrites the goldens")
endif()

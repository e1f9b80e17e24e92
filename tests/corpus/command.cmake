# One behaviour of the `gavel` command line: run it with ARGS (separated by |) from the corpus folder
# and require the exit code EXIT, and that standard output matches STDOUT and standard error
# matches STDERR (regular expressions, optional).
cmake_minimum_required(VERSION 3.25)
string(REPLACE "|" ";" ARGS "${ARGS}")
execute_process(
  COMMAND "${GAVEL}" ${ARGS}
  WORKING_DIRECTORY "${CORPUS}"
  OUTPUT_VARIABLE output
  ERROR_VARIABLE errors
  RESULT_VARIABLE code)
set(failures "")
if(NOT code STREQUAL EXIT)
  string(APPEND failures "exit code ${code}, expected ${EXIT}\n")
endif()
if(DEFINED STDOUT AND NOT output MATCHES "${STDOUT}")
  string(APPEND failures "standard output does not match: ${STDOUT}\n")
endif()
if(DEFINED STDERR AND NOT errors MATCHES "${STDERR}")
  string(APPEND failures "standard error does not match: ${STDERR}\n")
endif()
if(failures)
  message(NOTICE "---- gavel ${ARGS}\n---- standard output ----\n${output}---- standard error ----\n${errors}")
  message(FATAL_ERROR "${failures}")
endif()

# One golden test: run `gavel check --color never FILE` from the corpus folder and compare
# "exit: CODE\n" followed by its standard output with FILE's .expected neighbour.
#
#   cmake -DGAVEL=path/to/gavel -DCORPUS=tests/corpus -DFILE=syntax/x.gavel -DWORK=build/dir -P golden.cmake
#
# With the environment variable GAVEL_UPDATE_GOLDEN=1 the .expected file is (re)written
# instead of compared.
cmake_minimum_required(VERSION 3.25)

execute_process(
  COMMAND "${GAVEL}" check --color never "${FILE}"
  WORKING_DIRECTORY "${CORPUS}"
  OUTPUT_VARIABLE output
  ERROR_VARIABLE errors
  RESULT_VARIABLE code)
set(actual "exit: ${code}\n${output}")

string(REGEX REPLACE "\\.gavel$" ".expected" expected_name "${FILE}")
set(expected_file "${CORPUS}/${expected_name}")

if(NOT "$ENV{GAVEL_UPDATE_GOLDEN}" STREQUAL "" AND NOT "$ENV{GAVEL_UPDATE_GOLDEN}" STREQUAL "0")
  file(WRITE "${expected_file}" "${actual}")
  message(STATUS "wrote ${expected_name}")
  return()
endif()

if(NOT EXISTS "${expected_file}")
  message(NOTICE "---- actual output ----\n${actual}")
  message(FATAL_ERROR
    "no golden file ${expected_name}; write it with: GAVEL_UPDATE_GOLDEN=1 ctest -R 'corpus: ${FILE}'")
endif()

file(READ "${expected_file}" expected)
if(NOT expected STREQUAL actual)
  string(MAKE_C_IDENTIFIER "${FILE}" id)
  set(actual_file "${WORK}/${id}.actual")
  file(WRITE "${actual_file}" "${actual}")
  find_program(DIFF diff)
  set(difference "")
  if(DIFF)
    execute_process(COMMAND "${DIFF}" -u "${expected_file}" "${actual_file}" OUTPUT_VARIABLE difference)
  endif()
  # Plain messages are printed as they are (FATAL_ERROR would re-wrap the text).
  message(NOTICE
    "---- actual output (also in ${actual_file}) ----\n${actual}"
    "---- diff, expected -> actual ----\n${difference}"
    "---- standard error ----\n${errors}")
  message(FATAL_ERROR
    "${FILE}: the output differs from ${expected_name}; if the new output is right, "
    "write it with: GAVEL_UPDATE_GOLDEN=1 ctest -R 'corpus: ${FILE}'")
endif()

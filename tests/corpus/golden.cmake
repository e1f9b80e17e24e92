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

if(NOT errors STREQUAL "")
  message(NOTICE "---- standard error ----\n${errors}")
endif()
include("${CMAKE_CURRENT_LIST_DIR}/../golden.cmake")
gavel_compare_golden("${actual}" "${expected_file}" "${WORK}" "ctest -R 'corpus: ${FILE}'")

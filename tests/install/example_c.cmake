# Included by install_test.cmake: builds examples/c/ with make and `pkg-config --cflags --libs
# gavel` from the installed gavel.pc only, runs it on each of the first C_REQUESTS requests of
# TRAFFIC (one process each: it decides one request file) and sets DECIDED to the response it
# printed first for each (a deny's why-not follows it), one per line, and EXAMPLE_EXPECTED to
# what `gavel decide --batch` wrote for those requests.
find_program(MAKE_PROGRAM NAMES make gmake REQUIRED)
find_program(PKG_CONFIG_PROGRAM pkg-config REQUIRED)
find_program(SH sh REQUIRED)
file(MAKE_DIRECTORY "${EXAMPLE_WORK}")
run("building examples/c with make and pkg-config"
  COMMAND ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${PREFIX}/lib/pkgconfig PKG_CONFIG=${PKG_CONFIG_PROGRAM}
    ${MAKE_PROGRAM} -s -f ${SOURCE}/examples/c/Makefile "CFLAGS=-std=c11 -Wall -Wextra -Werror -pedantic ${EXAMPLE_FLAGS}"
  WORKING_DIRECTORY "${EXAMPLE_WORK}")
file(WRITE "${EXAMPLE_WORK}/expected-all.jsonl" "${EXPECTED}")
# JSON lines are split by the shell, not by CMake (whose lists read brackets and semicolons).
# The program finds libgavel where it was installed, as a user's would with ldconfig or rpath.
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${PREFIX}/lib ${SH} -c [=[
    head -n "$1" "$2" | while IFS= read -r line; do
      printf '%s' "$line" > request.json
      ./decide "$3" request.json > answer.txt; status=$?
      [ $status -le 1 ] || { echo "refused (exit $status): $line" >&2; exit 2; }
      head -n 1 answer.txt
    done]=] decide-traffic ${C_REQUESTS} ${TRAFFIC} ${POLICY}
  WORKING_DIRECTORY "${EXAMPLE_WORK}"
  OUTPUT_VARIABLE DECIDED ERROR_VARIABLE err RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "examples/c failed on the generated traffic (${status}): ${err}")
endif()
execute_process(COMMAND head -n ${C_REQUESTS} "${EXAMPLE_WORK}/expected-all.jsonl" OUTPUT_VARIABLE EXAMPLE_EXPECTED)

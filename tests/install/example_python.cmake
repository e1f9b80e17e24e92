# Included by install_test.cmake: the installed Python package, found with PYTHONPATH on the
# prefix's dist-packages and loading the installed libgavel (no GAVEL_LIBRARY): runs
# examples/python/decide.py once, then decides TRAFFIC with Policy.decide and sets DECIDED to
# the answers written as gavel writes JSON.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
file(GLOB packages LIST_DIRECTORIES true "${PREFIX}/lib*/python3*/dist-packages")
if(NOT packages)
  message(FATAL_ERROR "`cmake --install` did not install the Python package under ${PREFIX}/lib/python3/dist-packages")
endif()
list(GET packages 0 packages)
file(MAKE_DIRECTORY "${EXAMPLE_WORK}")
file(STRINGS "${TRAFFIC}" first_request LIMIT_COUNT 1)
file(WRITE "${EXAMPLE_WORK}/request.json" "${first_request}")
set(python_env ${CMAKE_COMMAND} -E env --unset=GAVEL_LIBRARY PYTHONPATH=${packages} PYTHONDONTWRITEBYTECODE=1)
execute_process(COMMAND ${python_env} ${Python3_EXECUTABLE} ${SOURCE}/examples/python/decide.py ${POLICY}
    "${EXAMPLE_WORK}/request.json"
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
if(status GREATER 1 OR NOT out MATCHES "\"decision\"")
  message(FATAL_ERROR "examples/python/decide.py failed (${status}): ${err}")
endif()
file(WRITE "${EXAMPLE_WORK}/decide_all.py" [=[
import json, sys
import gavel
policy = gavel.load(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as requests:
    for line in requests:
        if line.strip():
            print(json.dumps(policy.decide(line), separators=(",", ":"), ensure_ascii=False))
]=])
execute_process(COMMAND ${python_env} ${Python3_EXECUTABLE} "${EXAMPLE_WORK}/decide_all.py" ${POLICY} ${TRAFFIC}
  OUTPUT_VARIABLE DECIDED ERROR_VARIABLE err RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the installed Python package failed (${status}): ${err}")
endif()

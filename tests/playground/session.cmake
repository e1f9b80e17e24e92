# Replays one playground session and compares its transcript with a golden file.
#   cmake -DGAVEL=… -DROOT=… -DSESSION=sessions/x.txt -DGOLDEN=sessions/x.expected -DWORK=scratch -P session.cmake
# The session runs in WORK, a fresh folder with a copy of the bundled policies (rules/*.gavel)
# and of tests/playground/policies/, so that `load`, `save` and the paths it prints are the same on
# every machine. When the session saved scenario files (`save NAME.json`), each is replayed
# with `gavel test` and its output appended. GAVEL_UPDATE_GOLDEN=1 rewrites the golden file.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/rules)
file(GLOB bundled ${ROOT}/rules/*.gavel)
file(COPY ${bundled} DESTINATION ${WORK}/rules)
file(COPY ${ROOT}/tests/playground/policies DESTINATION ${WORK})
get_filename_component(name ${SESSION} NAME)
execute_process(COMMAND ${GAVEL} repl rules/flexis.gavel --today 2026-11-26 --echo
  WORKING_DIRECTORY ${WORK} INPUT_FILE ${SESSION} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
set(actual "$ gavel repl rules/flexis.gavel --today 2026-11-26 --echo < ${name}\n${out}exit: ${status}\n")
if(NOT err STREQUAL "")
  set(actual "${actual}--- standard error\n${err}")
endif()
file(GLOB saved RELATIVE ${WORK} ${WORK}/*.json)
list(SORT saved)
foreach(scenario ${saved})
  execute_process(COMMAND ${GAVEL} test ${scenario} WORKING_DIRECTORY ${WORK}
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
  set(shown "${scenario}")
  if(scenario MATCHES " ")
    set(shown "\"${scenario}\"")
  endif()
  set(actual "${actual}$ gavel test ${shown}\n${out}${err}exit: ${status}\n")
endforeach()
include("${CMAKE_CURRENT_LIST_DIR}/../golden.cmake")
gavel_compare_golden("${actual}" "${GOLDEN}" "${WORK}" "ctest -R playground")

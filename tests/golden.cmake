# The comparison every golden test ends with (cmake -P scripts include this file).
#
# gavel_compare_golden(ACTUAL GOLDEN WORK RERUN): compares the text ACTUAL with the file
# GOLDEN. On a mismatch the actual text is written to WORK (a build folder, never the source
# tree), a diff is printed, and the test fails saying RERUN — the command that rewrites the
# golden once the new output has been checked by eye. With GAVEL_UPDATE_GOLDEN set (to
# anything but 0) the golden file is rewritten instead of compared.
function(gavel_compare_golden actual golden work rerun)
  if(NOT "$ENV{GAVEL_UPDATE_GOLDEN}" STREQUAL "" AND NOT "$ENV{GAVEL_UPDATE_GOLDEN}" STREQUAL "0")
    file(WRITE "${golden}" "${actual}")
    message(STATUS "wrote ${golden}")
    return()
  endif()
  if(NOT EXISTS "${golden}")
    message(NOTICE "---- actual output ----\n${actual}")
    message(FATAL_ERROR "no golden file ${golden}; write it with: GAVEL_UPDATE_GOLDEN=1 ${rerun}")
  endif()
  file(READ "${golden}" expected)
  if(work STREQUAL "")
    set(work "${CMAKE_CURRENT_BINARY_DIR}")  # where ctest runs the test: its build folder
  endif()
  if(NOT expected STREQUAL actual)
    get_filename_component(name "${golden}" NAME)
    file(MAKE_DIRECTORY "${work}")
    set(actual_file "${work}/${name}.actual")
    file(WRITE "${actual_file}" "${actual}")
    find_program(DIFF diff)
    set(difference "")
    if(DIFF)
      execute_process(COMMAND "${DIFF}" -u "${golden}" "${actual_file}" OUTPUT_VARIABLE difference)
    endif()
    # Plain messages are printed as they are (FATAL_ERROR would re-wrap the text).
    message(NOTICE
      "---- actual output (also in ${actual_file}) ----\n${actual}"
      "---- diff, expected -> actual ----\n${difference}")
    message(FATAL_ERROR "the output differs from ${golden}; if the new output is right, "
      "write it with: GAVEL_UPDATE_GOLDEN=1 ${rerun}")
  endif()
endfunction()

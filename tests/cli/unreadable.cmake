# A request, a batch and a scenario file without read permission: each command names the file
# and gives the OS's reason. Skipped where permissions do not stop reading (root).
#   cmake -DGAVEL=… -DROOT=… -DWORK=build/dir -P unreadable.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(file "${WORK}/unreadable.json")
file(COPY_FILE "${ROOT}/examples/requests/newsletter-allowed.json" "${file}")
file(CHMOD "${file}" PERMISSIONS OWNER_WRITE)
execute_process(COMMAND cat "${file}" RESULT_VARIABLE readable OUTPUT_QUIET ERROR_QUIET)
if(readable EQUAL 0)
  message(NOTICE "skipped: permissions do not stop this user from reading")
  return()
endif()

function(expect_refusal expected)
  execute_process(COMMAND "${GAVEL}" ${ARGN} WORKING_DIRECTORY "${ROOT}"
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
  string(FIND "${out}${err}" "${expected}" at)
  if(NOT status EQUAL 2 OR at EQUAL -1)
    message(FATAL_ERROR "gavel ${ARGN}: expected exit 2 and `${expected}`, got exit ${status}:\n${out}${err}")
  endif()
endfunction()

expect_refusal("gavel: cannot read the request `${file}`: Permission denied" decide rules/flexis.gavel "${file}")
expect_refusal("gavel: cannot read the batch file `${file}`: Permission denied" decide rules/flexis.gavel --batch "${file}")
expect_refusal("BROKEN ${file}: cannot read the file: Permission denied" test "${file}")

# cmake -DBUILD=… -DSOURCE=… -DWORK=… -DCXX=… -DGENERATOR=… -DEXAMPLES="cpp;…" [-DEXAMPLE_FLAGS=…]
#       -P install_test.cmake
#
# Installs the build BUILD to WORK/prefix, checks what is there, and builds and runs each
# example against it (tests/install/example_<name>.cmake), as a user would.
cmake_minimum_required(VERSION 3.25)

# run(<what> COMMAND …): runs a command, failing the test with its output when it fails.
function(run what)
  execute_process(${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${what} failed (${status}):\n${out}\n${err}")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK}")
set(PREFIX "${WORK}/prefix")
run("cmake --install" COMMAND ${CMAKE_COMMAND} --install "${BUILD}" --prefix "${PREFIX}")

# What is installed: the library (shared, with its soname links, and static), the package
# files, the program and the docs.
foreach(file bin/gavel lib/libgavel.so lib/libgavel.a lib/cmake/gavel/gavelConfig.cmake
             lib/cmake/gavel/gavelConfigVersion.cmake lib/pkgconfig/gavel.pc share/doc/gavel/README.md
             share/doc/gavel/embedding.md share/doc/gavel/request.md)
  if(NOT EXISTS "${PREFIX}/${file}")
    message(FATAL_ERROR "`cmake --install` did not install `${file}`")
  endif()
endforeach()
file(GLOB sonames "${PREFIX}/lib/libgavel.so.*")
if(NOT sonames)
  message(FATAL_ERROR "the shared library has no versioned file (libgavel.so.<version>)")
endif()

# No internal header is reachable: include/ holds the public headers of the source tree's
# include/gavel/ and nothing else, and each compiles alone with only the installed folder on
# the include path.
file(GLOB_RECURSE installed RELATIVE "${PREFIX}/include" "${PREFIX}/include/*")
file(GLOB_RECURSE public RELATIVE "${SOURCE}/include" "${SOURCE}/include/gavel/*.h" "${SOURCE}/include/gavel/*.hpp")
list(SORT installed)
list(SORT public)
if(NOT installed STREQUAL public)
  message(FATAL_ERROR "the installed include/ holds:\n  ${installed}\nbut the public headers are:\n  ${public}")
endif()
foreach(header IN LISTS installed)
  if(header MATCHES "\\.hpp$")
    set(source "${WORK}/header_alone.cpp")
    set(flags -std=c++20 -x c++)
  else()
    set(source "${WORK}/header_alone.c")
    set(flags -x c)
  endif()
  file(WRITE "${source}" "#include <${header}>\n")
  run("compiling <${header}> alone against the installed include/"
    COMMAND ${CXX} ${flags} -fsyntax-only -I${PREFIX}/include "${source}")
endforeach()

# The traffic every example decides, and what the installed program decides for it.
set(GAVEL "${PREFIX}/bin/gavel")
set(POLICY "${SOURCE}/rules/flexis.gavel")
set(TRAFFIC "${WORK}/traffic.jsonl")
run("gavel generate" COMMAND ${GAVEL} generate --policy ${POLICY} --count 500 --seed 12 --output ${TRAFFIC})
execute_process(COMMAND ${GAVEL} decide ${POLICY} --batch - INPUT_FILE ${TRAFFIC}
  OUTPUT_VARIABLE EXPECTED ERROR_VARIABLE err RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR EXPECTED STREQUAL "")
  message(FATAL_ERROR "gavel decide --batch on the generated traffic failed (${status}): ${err}")
endif()
set(C_REQUESTS 60)  # examples/c decides one request a process

foreach(example IN LISTS EXAMPLES)
  message(STATUS "example ${example}")
  set(EXAMPLE_WORK "${WORK}/example-${example}")
  # Sets DECIDED: the example's output for TRAFFIC, one response a line; and EXAMPLE_EXPECTED
  # when it decided only some of the requests.
  unset(DECIDED)
  set(EXAMPLE_EXPECTED "${EXPECTED}")
  include("${CMAKE_CURRENT_LIST_DIR}/example_${example}.cmake")
  if(NOT DECIDED STREQUAL EXAMPLE_EXPECTED)
    file(WRITE "${EXAMPLE_WORK}/decided.jsonl" "${DECIDED}")
    file(WRITE "${EXAMPLE_WORK}/expected.jsonl" "${EXAMPLE_EXPECTED}")
    message(FATAL_ERROR "the ${example} example does not decide as `gavel decide --batch`: compare "
      "${EXAMPLE_WORK}/decided.jsonl with ${EXAMPLE_WORK}/expected.jsonl")
  endif()
endforeach()

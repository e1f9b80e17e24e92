# cmake -DCOMPILER=… -DINCLUDES=<dir;dir…> -DHEADER=<path> -DEXPECT=REACHABLE|UNREACHABLE
#       -DWORK=<folder> -P include_test.cmake
# Compiles `#include "<HEADER>"` with the include path INCLUDES (and nothing else), and checks
# that the header is found (REACHABLE: the file compiles) or that the compiler refuses it for
# the one reason that it is not on the path (UNREACHABLE): any other failure fails the test.
cmake_minimum_required(VERSION 3.25)
string(MAKE_C_IDENTIFIER "${HEADER}" stem)
set(source "${WORK}/include_${stem}.cpp")
file(WRITE "${source}" "#include \"${HEADER}\"\n")
set(flags)
foreach(dir IN LISTS INCLUDES)
  if(NOT dir STREQUAL "")  # a bare -I would take the source file for a folder
    list(APPEND flags "-I${dir}")
  endif()
endforeach()
execute_process(
  COMMAND "${COMPILER}" -std=c++20 -fsyntax-only ${flags} "${source}"
  RESULT_VARIABLE status ERROR_VARIABLE errors OUTPUT_VARIABLE output)
if(EXPECT STREQUAL "REACHABLE")
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "`${HEADER}` should compile with this include path:\n${INCLUDES}\n${errors}")
  endif()
elseif(EXPECT STREQUAL "UNREACHABLE")
  if(status EQUAL 0)
    message(FATAL_ERROR "`${HEADER}` is reachable, but the stage does not link the one it belongs to:\n${INCLUDES}")
  endif()
  string(REGEX MATCH "${HEADER}: No such file or directory" refused "${errors}")
  if(NOT refused)
    message(FATAL_ERROR "`${HEADER}` failed to compile for another reason than not being found:\n${errors}")
  endif()
else()
  message(FATAL_ERROR "EXPECT must be REACHABLE or UNREACHABLE, not `${EXPECT}`")
endif()

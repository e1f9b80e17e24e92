# cmake -DLIBRARY=libgavel.so [-DC_FUNCTIONS=gavel_version;…] -P exports_test.cmake
# Fails if the shared library exports a symbol of the engine's inside (gavel::<namespace>::…),
# of a dependency it links privately, or anything but the C interface (gavel_*) and what is
# declared in namespace gavel (a standard template instantiated inside, std::vector<…>, is
# not), or if it exports none of the public API.
cmake_minimum_required(VERSION 3.25)
find_program(NM NAMES nm REQUIRED)
execute_process(COMMAND ${NM} -D -C --defined-only ${LIBRARY}
  OUTPUT_VARIABLE symbols RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cannot list the symbols of `${LIBRARY}`: ${errors}")
endif()
string(REPLACE "\n" ";" lines "${symbols}")
set(inside)
foreach(line IN LISTS lines)
  if(line MATCHES "gavel::[a-z_]+::|fmt::|simdjson::|tao::pegtl")
    list(APPEND inside "${line}")
  endif()
endforeach()
# By mangled name, which says what a symbol is declared in (its demangled name may begin with
# a return type: `gavel::syntax::Action& std::vector<…>::emplace_back<…>(…)`).
execute_process(COMMAND ${NM} -D --defined-only ${LIBRARY} OUTPUT_VARIABLE mangled RESULT_VARIABLE status)
string(REPLACE "\n" ";" mangled_lines "${mangled}")
foreach(line IN LISTS mangled_lines)
  if(NOT line MATCHES " [A-Za-z] ([^ ]+)$")
    continue()
  endif()
  set(name "${CMAKE_MATCH_1}")
  if(NOT name MATCHES "^(gavel_|_ZNK?5gavel|_ZT[ISV]N5gavel)")
    execute_process(COMMAND c++filt "${name}" OUTPUT_VARIABLE readable OUTPUT_STRIP_TRAILING_WHITESPACE)
    list(APPEND inside "${readable}")
  endif()
endforeach()
if(inside)
  list(LENGTH inside count)
  list(SUBLIST inside 0 20 first)
  list(JOIN first "\n  " shown)
  message(FATAL_ERROR "`${LIBRARY}` exports ${count} symbols of the inside, e.g.:\n  ${shown}")
endif()
set(public_api "gavel::load_policy_file" "gavel::Decider::decide_json" "gavel::append_json_string"
               "gavel::append_error_json"
               "gavel::why_not" "gavel::vocabulary" "gavel::request_json_schema")
foreach(function IN LISTS C_FUNCTIONS)
  string(REGEX MATCH " T ${function}\n" found "${symbols}")
  if(NOT found)
    message(FATAL_ERROR "`${LIBRARY}` does not export the C function `${function}`")
  endif()
endforeach()
foreach(public IN LISTS public_api)
  # A function returning std::string is demangled with its ABI tag: name[abi:cxx11](…).
  string(REGEX MATCH " T ${public}(\\[abi:cxx11\\])?\\(" found "${symbols}")
  if(NOT found)
    message(FATAL_ERROR "`${LIBRARY}` does not export `${public}`")
  endif()
endforeach()

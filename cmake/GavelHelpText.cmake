# cmake -DGAVEL=<program> -DOUTPUT=<file> -P GavelHelpText.cmake
# Writes the `gavel` program's help, then that of each of its commands, into one text file:
# what is installed as share/doc/gavel/gavel-help.txt beside the docs.
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND ${GAVEL} help OUTPUT_VARIABLE text RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "`gavel help` failed (${status})")
endif()
set(help "${text}")
# The commands are the lines of the "Subcommands:" section: two spaces, the name, its summary.
string(REGEX REPLACE ".*\nSubcommands:\n" "" commands "${text}")
string(REGEX MATCHALL "(^|\n)  [a-z-]+ " names "${commands}")
foreach(name IN LISTS names)
  string(STRIP "${name}" name)
  if(name STREQUAL "help")
    continue()
  endif()
  execute_process(COMMAND ${GAVEL} help ${name} OUTPUT_VARIABLE text RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "`gavel help ${name}` failed (${status})")
  endif()
  string(APPEND help "\n---- gavel ${name}\n\n${text}")
endforeach()
file(WRITE "${OUTPUT}" "${help}")

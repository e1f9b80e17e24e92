# One library per stage of the pipeline, each seeing only the headers of the stages it links.
#
# The sources include internal headers by their path from the project root
# ("engine/check/checker.hpp"). Rather than putting the root on the include path (which made
# every header reachable from everywhere), each stage gets a tree of its own in the build
# folder holding links to its headers only, at the same relative paths:
#
#   ${CMAKE_BINARY_DIR}/stage/gavel_check/engine/check/checker.hpp -> engine/check/checker.hpp
#
# A stage that includes a header of a stage it does not link (check including an evaluate
# header) then fails to compile: the build keeps data flowing one way.

# gavel_stage_headers(<target> DIR <folder> [ONLY <file>...] [EXCEPT <file>...] [PRIVATE])
#
# Puts the headers of <folder> (a path from the project root) on <target>'s include path,
# PUBLIC unless PRIVATE is given: every *.hpp and *.h there (found again when a header is
# added, CONFIGURE_DEPENDS), or only the files ONLY names, less those EXCEPT names. May be
# called again for another folder.
function(gavel_stage_headers target)
  cmake_parse_arguments(STAGE "PRIVATE" "DIR" "ONLY;EXCEPT" ${ARGN})
  if(NOT STAGE_DIR)
    message(FATAL_ERROR "gavel_stage_headers(${target}): DIR is required")
  endif()
  set(source ${PROJECT_SOURCE_DIR}/${STAGE_DIR})
  set(root ${CMAKE_BINARY_DIR}/stage/${target})
  set(staged ${root}/${STAGE_DIR})
  if(STAGE_ONLY)
    set(names ${STAGE_ONLY})
  else()
    file(GLOB headers CONFIGURE_DEPENDS RELATIVE ${source} ${source}/*.hpp ${source}/*.h)
    set(names ${headers})
  endif()
  if(STAGE_EXCEPT)
    list(REMOVE_ITEM names ${STAGE_EXCEPT})
  endif()
  # A header moved to another stage or removed must not stay reachable from here.
  file(GLOB old RELATIVE ${staged} ${staged}/*)
  foreach(name IN LISTS old)
    if(NOT name IN_LIST names)
      file(REMOVE ${staged}/${name})
    endif()
  endforeach()
  file(MAKE_DIRECTORY ${staged})
  foreach(name IN LISTS names)
    if(NOT EXISTS ${source}/${name})
      message(FATAL_ERROR "gavel_stage_headers(${target}): no header ${STAGE_DIR}/${name}")
    endif()
    file(CREATE_LINK ${source}/${name} ${staged}/${name} SYMBOLIC)
  endforeach()
  set(scope PUBLIC)
  get_target_property(type ${target} TYPE)
  if(STAGE_PRIVATE)
    set(scope PRIVATE)
  elseif(type STREQUAL "INTERFACE_LIBRARY")
    set(scope INTERFACE)
  elseif(type STREQUAL "EXECUTABLE")
    set(scope PRIVATE)
  endif()
  target_include_directories(${target} ${scope} $<BUILD_INTERFACE:${root}>)
endfunction()

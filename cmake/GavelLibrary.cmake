# libgavel: the stages linked into one library, shared (versioned, with a soname) and static,
# and how it installs: the public headers, a CMake package (find_package(gavel) -> gavel::gavel),
# pkg-config's gavel.pc, the `gavel` program and the docs.
#
# Its private dependencies (PEGTL, fmt, simdjson) are linked into it: a program using the
# shared library needs none of their headers. Only what the public headers declare with
# GAVEL_API is exported from it; the rest is hidden.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# What goes into the library: the stages, then any further part (the C ABI) that appends its
# target to this list before this file is included.
list(PREPEND GAVEL_LIBRARY_PARTS
  gavel_base gavel_grammar gavel_dates gavel_check gavel_compile gavel_request gavel_evaluate gavel_api)

set(gavel_objects)
foreach(part IN LISTS GAVEL_LIBRARY_PARTS)
  list(APPEND gavel_objects $<TARGET_OBJECTS:${part}>)
endforeach()

# A 0.x library breaks its ABI with each minor version: the soname says it (libgavel.so.0.1).
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(gavel_soversion ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
else()
  set(gavel_soversion ${PROJECT_VERSION_MAJOR})
endif()

foreach(kind SHARED STATIC)
  string(TOLOWER ${kind} suffix)
  set(lib gavel_${suffix})
  add_library(${lib} ${kind} ${gavel_objects})
  target_include_directories(${lib} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${lib} PRIVATE fmt::fmt simdjson::simdjson)
  target_compile_features(${lib} INTERFACE cxx_std_20)
  set_target_properties(${lib} PROPERTIES
    OUTPUT_NAME gavel
    ARCHIVE_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib
    LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib
    LINKER_LANGUAGE CXX)
endforeach()
set_target_properties(gavel_shared PROPERTIES
  EXPORT_NAME gavel
  VERSION ${PROJECT_VERSION}
  SOVERSION ${gavel_soversion})
# Only the C interface and the public C++ API are exported (cmake/gavel.map says why).
target_link_options(gavel_shared PRIVATE LINKER:--version-script=${PROJECT_SOURCE_DIR}/cmake/gavel.map)
set_property(TARGET gavel_shared APPEND PROPERTY LINK_DEPENDS ${PROJECT_SOURCE_DIR}/cmake/gavel.map)
# Every symbol resolved at link time, not when a program loads it — except under the
# sanitizers, whose runtime clang links into programs only.
if(NOT GAVEL_SANITIZE AND NOT GAVEL_FUZZ)
  target_link_options(gavel_shared PRIVATE LINKER:--no-undefined)
endif()
set_target_properties(gavel_static PROPERTIES EXPORT_NAME gavel_static)
add_library(gavel::gavel ALIAS gavel_shared)
# The C interface's name for the library its tests and the Python package load.
if(TARGET gavel_capi)
  add_library(gavel_c ALIAS gavel_shared)
endif()
add_library(gavel::gavel_static ALIAS gavel_static)

# ---- install ------------------------------------------------------------------------------

install(TARGETS gavel_shared EXPORT gavelTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT development)
install(TARGETS gavel_static EXPORT gavelStaticTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
# The public headers only: include/ holds nothing else.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/gavel DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  COMPONENT development FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")

set(gavel_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/gavel)
install(EXPORT gavelTargets NAMESPACE gavel:: DESTINATION ${gavel_cmake_dir} COMPONENT development)
install(EXPORT gavelStaticTargets NAMESPACE gavel:: DESTINATION ${gavel_cmake_dir} COMPONENT development)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/gavelConfig.cmake.in
  ${CMAKE_BINARY_DIR}/gavelConfig.cmake INSTALL_DESTINATION ${gavel_cmake_dir})
# Before 1.0, a minor version may break what the one before offered.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(gavel_compatibility SameMinorVersion)
else()
  set(gavel_compatibility SameMajorVersion)
endif()
write_basic_package_version_file(${CMAKE_BINARY_DIR}/gavelConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ${gavel_compatibility})
install(FILES ${CMAKE_BINARY_DIR}/gavelConfig.cmake ${CMAKE_BINARY_DIR}/gavelConfigVersion.cmake
  DESTINATION ${gavel_cmake_dir} COMPONENT development)

file(RELATIVE_PATH gavel_pc_to_prefix /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" gavel_pc_to_prefix "${gavel_pc_to_prefix}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/gavel.pc.in ${CMAKE_BINARY_DIR}/gavel.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/gavel.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT development)

# The docs: the language, the request contract, embedding, and the README.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)

# The program, and its help (every command's options) as a text beside the docs.
if(TARGET gavel)
  install(TARGETS gavel RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/gavel-help.txt
    COMMAND ${CMAKE_COMMAND} -DGAVEL=$<TARGET_FILE:gavel> -DOUTPUT=${CMAKE_BINARY_DIR}/gavel-help.txt
      -P ${PROJECT_SOURCE_DIR}/cmake/GavelHelpText.cmake
    DEPENDS gavel ${PROJECT_SOURCE_DIR}/cmake/GavelHelpText.cmake
    COMMENT "Writing the help of every gavel command")
  add_custom_target(gavel_help_text ALL DEPENDS ${CMAKE_BINARY_DIR}/gavel-help.txt)
  install(FILES ${CMAKE_BINARY_DIR}/gavel-help.txt DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
endif()

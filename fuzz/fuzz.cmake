# Included by the top-level CMakeLists.txt when GAVEL_FUZZ=ON, before any library is defined:
# every gavel library is instrumented for libFuzzer's coverage and built with AddressSanitizer
# and UndefinedBehaviorSanitizer; the fuzz targets themselves link libFuzzer's main (fuzz/).
# clang only: configure with -DCMAKE_CXX_COMPILER=clang++-14 (scripts/fuzz-smoke.sh does).
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "GAVEL_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++-14")
endif()
set(GAVEL_TESTS OFF CACHE BOOL "" FORCE)  # the fuzz build is only the fuzz targets
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)

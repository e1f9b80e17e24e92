# Decisions/s through the C++ API, the C interface and Python, one thread and several
# (bench/abi.sh runs them). Plain programs: no Google Benchmark, so that the three measure
# the same loop.
add_executable(abi_bench_cpp ${CMAKE_CURRENT_LIST_DIR}/abi_cpp.cpp)
target_link_libraries(abi_bench_cpp PRIVATE gavel_engine gavel_warnings)
enable_language(C)
add_executable(abi_bench_c ${CMAKE_CURRENT_LIST_DIR}/abi_c.c)
target_link_libraries(abi_bench_c PRIVATE gavel_c)
find_package(Threads REQUIRED)
target_link_libraries(abi_bench_cpp PRIVATE Threads::Threads)
target_link_libraries(abi_bench_c PRIVATE Threads::Threads)
set_target_properties(abi_bench_cpp abi_bench_c PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})

# Included by install_test.cmake: builds examples/cpp/ with find_package(gavel) against PREFIX
# only, once with the shared library and once with the static one, runs each on TRAFFIC, and
# sets DECIDED to what the shared build wrote (the static one must write the same).
foreach(kind shared static)
  set(dir "${EXAMPLE_WORK}/${kind}")
  set(static OFF)
  if(kind STREQUAL "static")
    set(static ON)
  endif()
  run("configuring examples/cpp (${kind})"
    COMMAND ${CMAKE_COMMAND} -S "${SOURCE}/examples/cpp" -B "${dir}" -G "${GENERATOR}"
      -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
      -DGAVEL_EXAMPLE_STATIC=${static} "-DCMAKE_CXX_FLAGS=${EXAMPLE_FLAGS}")
  run("building examples/cpp (${kind})" COMMAND ${CMAKE_COMMAND} --build "${dir}")
  execute_process(COMMAND "${dir}/decide" ${POLICY} INPUT_FILE ${TRAFFIC}
    OUTPUT_VARIABLE decided ERROR_VARIABLE err RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "examples/cpp (${kind}) failed (${status}): ${err}")
  endif()
  if(kind STREQUAL "shared")
    set(DECIDED "${decided}")
  elseif(NOT decided STREQUAL DECIDED)
    message(FATAL_ERROR "examples/cpp decides otherwise linked with libgavel.a than with libgavel.so")
  endif()
endforeach()

# cmake -DBUILD_DIR=DIR -DTARGET=T -DEXPECT=pass|fail [-DHEADER=H]
#       -P CheckBuild.cmake
# Builds the probe T in DIR (test/Boundaries/CMakeLists.txt). With
# EXPECT=pass the build must succeed; with EXPECT=fail it must fail because
# the header H is not found.

execute_process(
  COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGET}
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)

if(EXPECT STREQUAL "pass")
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${TARGET} must build, but did not:\n${output}")
  endif()
  message(STATUS "${TARGET} built")
  return()
endif()

if(result EQUAL 0)
  message(FATAL_ERROR "${TARGET} built, but it includes ${HEADER}, which "
    "its include directories must not provide")
endif()
# clang: 'H' file not found; gcc: H: No such file or directory.
string(FIND "${output}" "'${HEADER}' file not found" clang_pos)
string(FIND "${output}" "${HEADER}: No such file" gcc_pos)
if(clang_pos EQUAL -1 AND gcc_pos EQUAL -1)
  message(FATAL_ERROR "${TARGET} failed, but not on the missing ${HEADER}:\n"
    "${output}")
endif()
message(STATUS "${TARGET} failed to compile, as it must: ${HEADER} not found")

# Builds a Nabla program against the ASan+UBSan runtime and runs it with
# LeakSanitizer on; fails on a non-zero exit or any sanitizer report.
#   cmake -DNABLA=... -DTRANSLATE=mlir-translate -DCXX=clang++ \
#         -DRUNTIME_DIR=build/lib/asan -DPROGRAM=prog.nabla -DWORK=dir \
#         -DARGS="--a=1;--b=2" -P RunLeakCheck.cmake

function(run what)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${WORK}
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${what} failed (${status}):\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
run("nabla emit" ${NABLA} emit --stage=llvm ${PROGRAM} -o ${WORK}/prog.mlir)
run("mlir-translate" ${TRANSLATE} --mlir-to-llvmir ${WORK}/prog.mlir
    -o ${WORK}/prog.ll)
run("linking" ${CXX} -O2 -Wno-override-module -fsanitize=address,undefined
    ${WORK}/prog.ll ${RUNTIME_DIR}/libnrt_main.a ${RUNTIME_DIR}/libnrt.a
    -lopenblas -lz -lm -lpthread -o ${WORK}/prog)
# Leak checking is ASan's default on Linux; it is spelled out so that an
# ASAN_OPTIONS in the caller's environment cannot turn it off.
run("the program" ${CMAKE_COMMAND} -E env
    ASAN_OPTIONS=detect_leaks=1
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    ${WORK}/prog ${ARGS})
if(err MATCHES "Sanitizer|runtime error")
  message(FATAL_ERROR "sanitizer report:\n${err}")
endif()
message("${out}")

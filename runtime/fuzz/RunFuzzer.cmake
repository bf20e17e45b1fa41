# Runs one runtime fuzzer for a fixed number of executions, as a ctest:
#   cmake -DFUZZER=bin/nrt-fuzz-npy -DSEEDS=corpus/npy -DWORK=dir -DRUNS=N
#         -P RunFuzzer.cmake
# WORK is emptied and holds the new corpus entries and any crash file; the
# seed directory is only read. A fixed seed makes a failure reproduce.

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/corpus)
execute_process(
  COMMAND ${FUZZER} -runs=${RUNS} -seed=1 -max_len=4096 -timeout=10
          -rss_limit_mb=2048 ${WORK}/corpus ${SEEDS}
  WORKING_DIRECTORY ${WORK}
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${FUZZER} failed (${status}); the input that failed "
                      "is in ${WORK}")
endif()

//===- Timer.cpp - Monotonic time -----------------------------------------===//
//
// nrt_time_seconds for timing training loops and benchmarks.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <time.h>

extern "C" double nrt_time_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) +
         1e-9 * static_cast<double>(ts.tv_nsec);
}

NRT_CIFACE_ALIAS(double, nrt_time_seconds, (void))

//===- TimerTest.cpp - nrt_time_seconds -----------------------------------===//
//
// The clock is monotonic and measures sleeps.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "gtest/gtest.h"

TEST(Timer, MonotonicAndMeasuresSleep) {
  double a = nrt_time_seconds();
  usleep(20000);
  double b = _mlir_ciface_nrt_time_seconds();
  EXPECT_GE(b - a, 0.015);
  EXPECT_LT(b - a, 5.0);
  double prev = nrt_time_seconds();
  for (int i = 0; i < 1000; ++i) {
    double now = nrt_time_seconds();
    EXPECT_GE(now, prev);
    prev = now;
  }
}

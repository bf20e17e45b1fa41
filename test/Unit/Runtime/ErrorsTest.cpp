//===- ErrorsTest.cpp - nrt_fatal and nrt_fail ----------------------------===//
//
// Errors print `error: <message>` on stderr and exit with status 1.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "gtest/gtest.h"

using namespace nrt_test;

TEST(Errors, FatalFormatsAndExitsWithOne) {
  EXPECT_EXIT(nrt_fatal("bad thing %d in '%s'", 42, "x"),
              testing::ExitedWithCode(1), "^error: bad thing 42 in 'x'\n$");
}

TEST(Errors, FailTakesMemrefString) {
  std::string msg = "shape mismatch: 3 vs 4";
  auto m = str(msg);
  EXPECT_EXIT(_mlir_ciface_nrt_fail(&m), testing::ExitedWithCode(1),
              "^error: shape mismatch: 3 vs 4\n$");
  EXPECT_EXIT(nrt_fail("abc", 2), testing::ExitedWithCode(1), "^error: ab\n$");
}

TEST(Errors, FatalFlushesStdoutFirst) {
  // The child's buffered stdout must not be lost on exit.
  TempDir dir;
  std::string path = dir.path("stdout");
  auto printThenFail = [&] {
    if (!std::freopen(path.c_str(), "w", stdout))
      std::abort();
    std::printf("partial output");
    nrt_fatal("stop");
  };
  EXPECT_EXIT(printThenFail(), testing::ExitedWithCode(1), "error: stop");
  EXPECT_EQ(readFile(path), "partial output");
}

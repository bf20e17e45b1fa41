//===- MemoryTest.cpp - nrt_alloc and memrefCopy --------------------------===//
//
// Aligned allocation, and memrefCopy on contiguous, strided (transposed),
// rank-0 and empty memrefs.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <numeric>

using namespace nrt_test;

TEST(Memory, AllocIsAlignedAndFreeable) {
  for (int64_t bytes : {0, 1, 63, 64, 1000, 1 << 20}) {
    void *p = nrt_alloc(bytes);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 64, 0u) << bytes;
    std::free(p); // generated code frees with plain free()
  }
  nrt_free(nullptr);
  nrt_free(nrt_alloc(16));
}

TEST(Memory, NegativeAllocIsAnError) {
  EXPECT_EXIT(nrt_alloc(-5), testing::ExitedWithCode(1),
              "error: cannot allocate a negative number of bytes");
}

TEST(MemrefCopy, ContiguousCopy) {
  std::vector<float> src(12), dst(12, 0);
  std::iota(src.begin(), src.end(), 0.0f);
  auto s = descriptor<float, 2>(src.data(), {3, 4});
  auto d = descriptor<float, 2>(dst.data(), {3, 4});
  auto us = unranked(s), ud = unranked(d);
  memrefCopy(sizeof(float), &us, &ud);
  EXPECT_EQ(src, dst);
}

TEST(MemrefCopy, TransposedViewToContiguous) {
  // src is a 2x3 row-major matrix; view it transposed as 3x2 with strides
  // [1, 3] and copy into a dense 3x2 buffer.
  std::vector<int32_t> src = {0, 1, 2, 3, 4, 5};
  std::vector<int32_t> dst(6, -1);
  NrtMemRef<int32_t, 2> s{src.data(), src.data(), 0, {3, 2}, {1, 3}};
  auto d = descriptor<int32_t, 2>(dst.data(), {3, 2});
  auto us = unranked(s), ud = unranked(d);
  memrefCopy(sizeof(int32_t), &us, &ud);
  EXPECT_EQ(dst, (std::vector<int32_t>{0, 3, 1, 4, 2, 5}));
}

TEST(MemrefCopy, StridedSubviewWithOffsetIntoStridedDestination) {
  // A 4x5 source; copy the 2x3 block at (1, 1) into every other column of
  // a 2x6 destination.
  std::vector<double> src(20);
  std::iota(src.begin(), src.end(), 0.0);
  std::vector<double> dst(12, -1.0);
  NrtMemRef<double, 2> s{src.data(), src.data(), 6, {2, 3}, {5, 1}};
  NrtMemRef<double, 2> d{dst.data(), dst.data(), 1, {2, 3}, {6, 2}};
  auto us = unranked(s), ud = unranked(d);
  memrefCopy(sizeof(double), &us, &ud);
  EXPECT_EQ(dst,
            (std::vector<double>{-1, 6, -1, 7, -1, 8, -1, 11, -1, 12, -1, 13}));
}

TEST(MemrefCopy, Rank3Transpose) {
  // [2, 3, 4] -> permutation (2, 0, 1): shape [4, 2, 3].
  std::vector<int64_t> src(24), dst(24, -1);
  std::iota(src.begin(), src.end(), 0);
  NrtMemRef<int64_t, 3> s{src.data(), src.data(), 0, {4, 2, 3}, {1, 12, 4}};
  auto d = descriptor<int64_t, 3>(dst.data(), {4, 2, 3});
  auto us = unranked(s), ud = unranked(d);
  memrefCopy(sizeof(int64_t), &us, &ud);
  for (int64_t k = 0; k < 4; ++k)
    for (int64_t i = 0; i < 2; ++i)
      for (int64_t j = 0; j < 3; ++j)
        EXPECT_EQ(dst[k * 6 + i * 3 + j], src[i * 12 + j * 4 + k]);
}

TEST(MemrefCopy, RankZeroAndEmpty) {
  float a = 2.5f, b = 0.0f;
  auto s = descriptor<float, 0>(&a, {});
  auto d = descriptor<float, 0>(&b, {});
  auto us = unranked(s), ud = unranked(d);
  memrefCopy(sizeof(float), &us, &ud);
  EXPECT_EQ(b, 2.5f);

  float x = 1.0f, y = 7.0f;
  auto es = descriptor<float, 2>(&x, {0, 3});
  auto ed = descriptor<float, 2>(&y, {0, 3});
  auto ues = unranked(es), ued = unranked(ed);
  memrefCopy(sizeof(float), &ues, &ued);
  EXPECT_EQ(y, 7.0f);
}

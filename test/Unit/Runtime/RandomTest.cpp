//===- RandomTest.cpp - Philox-4x32-10 random numbers ---------------------===//
//
// Known-answer vectors from the Random123 distribution, statistics of the
// uniform and normal streams, and the fill / fold-in / permutation entry
// points.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

using namespace nrt_test;

TEST(Philox, KnownAnswers) {
  struct Case {
    uint32_t ctr[4], key[2], expected[4];
  } cases[] = {
      {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
      {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
       {0xffffffff, 0xffffffff},
       {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
      {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
       {0xa4093822, 0x299f31d0},
       {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
  };
  for (const Case &c : cases) {
    uint32_t out[4];
    nrt_philox4x32_10(c.ctr, c.key, out);
    for (int i = 0; i < 4; ++i)
      EXPECT_EQ(out[i], c.expected[i]) << std::hex << "word " << i;
  }
}

TEST(Philox, ElementFormulas) {
  // Element i uses counter (lo32(i), hi32(i), 0, 0) and the key words.
  int64_t key = static_cast<int64_t>(0x299f31d0a4093822ULL);
  int64_t index = static_cast<int64_t>(0x85a308d3243f6a88ULL);
  uint32_t ctr[4] = {0x243f6a88, 0x85a308d3, 0, 0};
  uint32_t k[2] = {0xa4093822, 0x299f31d0};
  uint32_t w[4];
  nrt_philox4x32_10(ctr, k, w);
  EXPECT_EQ(nrt_philox_uniform_f32(key, index),
            static_cast<float>(w[0] >> 8) * 0x1.0p-24f);
  double u1 = (static_cast<double>(w[0] >> 8) + 1) * 0x1.0p-24;
  double u2 = static_cast<double>(w[1] >> 8) * 0x1.0p-24;
  EXPECT_EQ(nrt_philox_normal_f32(key, index),
            static_cast<float>(std::sqrt(-2 * std::log(u1)) *
                               std::cos(2 * M_PI * u2)));
  uint64_t b01 = (static_cast<uint64_t>(w[1]) << 32) | w[0];
  EXPECT_EQ(nrt_philox_uniform_f64(key, index),
            static_cast<double>(b01 >> 11) * 0x1.0p-53);
  // fold_in: counter (lo32(data), hi32(data), 1, 0).
  uint32_t fctr[4] = {0x243f6a88, 0x85a308d3, 1, 0};
  nrt_philox4x32_10(fctr, k, w);
  EXPECT_EQ(static_cast<uint64_t>(nrt_rng_fold_in(key, index)),
            (static_cast<uint64_t>(w[1]) << 32) | w[0]);
  EXPECT_EQ(_mlir_ciface_nrt_rng_fold_in(key, index),
            nrt_rng_fold_in(key, index));
}

TEST(Philox, UniformStatistics) {
  const int64_t n = 1000000;
  std::vector<float> v(n);
  auto d = descriptor<float, 1>(v.data(), {n});
  auto u = unranked(d);
  _mlir_ciface_nrt_random_uniform_f32(42, &u);
  double sum = 0, sq = 0;
  for (float x : v) {
    ASSERT_GE(x, 0.0f);
    ASSERT_LT(x, 1.0f);
    sum += x;
    sq += x * x;
  }
  double mean = sum / n, var = sq / n - mean * mean;
  EXPECT_NEAR(mean, 0.5, 0.002);
  EXPECT_NEAR(var, 1.0 / 12.0, 0.001);
}

TEST(Philox, NormalStatistics) {
  const int64_t n = 1000000;
  for (bool f64 : {false, true}) {
    std::vector<double> v(n);
    if (f64) {
      auto d = descriptor<double, 1>(v.data(), {n});
      auto u = unranked(d);
      _mlir_ciface_nrt_random_normal_f64(7, &u);
    } else {
      std::vector<float> f(n);
      auto d = descriptor<float, 1>(f.data(), {n});
      auto u = unranked(d);
      _mlir_ciface_nrt_random_normal_f32(7, &u);
      std::copy(f.begin(), f.end(), v.begin());
    }
    double sum = 0, sq = 0, fourth = 0;
    int64_t beyond2 = 0;
    for (double x : v) {
      ASSERT_TRUE(std::isfinite(x));
      sum += x;
      sq += x * x;
      fourth += x * x * x * x;
      beyond2 += std::fabs(x) > 2;
    }
    double mean = sum / n, var = sq / n - mean * mean;
    EXPECT_NEAR(mean, 0.0, 0.005) << (f64 ? "f64" : "f32");
    EXPECT_NEAR(var, 1.0, 0.01) << (f64 ? "f64" : "f32");
    EXPECT_NEAR(fourth / n, 3.0, 0.05) << "kurtosis";
    EXPECT_NEAR(static_cast<double>(beyond2) / n, 0.0455, 0.002);
  }
}

TEST(Philox, FillMatchesScalarHelpersInRowMajorOrder) {
  // A transposed (strided) destination still gets element i at row-major
  // logical index i.
  std::vector<float> buf(6);
  NrtMemRef<float, 2> t{buf.data(), buf.data(), 0, {3, 2}, {1, 3}};
  auto u = unranked(t);
  _mlir_ciface_nrt_random_uniform_f32(99, &u);
  for (int64_t i = 0; i < 3; ++i)
    for (int64_t j = 0; j < 2; ++j)
      EXPECT_EQ(buf[j * 3 + i], nrt_philox_uniform_f32(99, i * 2 + j));
  std::vector<double> n(5);
  auto dn = descriptor<double, 1>(n.data(), {5});
  auto un = unranked(dn);
  _mlir_ciface_nrt_random_normal_f64(-5, &un);
  for (int64_t i = 0; i < 5; ++i)
    EXPECT_EQ(n[i], _mlir_ciface_nrt_philox_normal_f64(-5, i));
  std::vector<double> uf(5);
  auto du = descriptor<double, 1>(uf.data(), {5});
  auto uu = unranked(du);
  _mlir_ciface_nrt_random_uniform_f64(3, &uu);
  for (int64_t i = 0; i < 5; ++i)
    EXPECT_EQ(uf[i], nrt_philox_uniform_f64(3, i));
}

TEST(Philox, Reproducible) {
  // Fixed values: a change here changes every program's random numbers.
  EXPECT_EQ(nrt_philox_uniform_f32(0, 0),
            static_cast<float>(0x6627e8d5u >> 8) * 0x1.0p-24f);
  float a = nrt_philox_normal_f32(1234, 5678);
  float b = nrt_philox_normal_f32(1234, 5678);
  EXPECT_EQ(a, b);
  EXPECT_NE(nrt_rng_fold_in(1, 0), nrt_rng_fold_in(1, 1));
  EXPECT_NE(nrt_rng_fold_in(1, 0), nrt_rng_fold_in(2, 0));
  EXPECT_EQ(nrt_rng_fold_in(1, 0), nrt_rng_fold_in(1, 0));
}

TEST(Philox, Permutation) {
  const int64_t n = 1000;
  std::vector<int64_t> p(n), q(n);
  auto dp = descriptor<int64_t, 1>(p.data(), {n});
  auto dq = descriptor<int64_t, 1>(q.data(), {n});
  auto up = unranked(dp), uq = unranked(dq);
  _mlir_ciface_nrt_random_permutation_i64(11, &up);
  _mlir_ciface_nrt_random_permutation_i64(11, &uq);
  EXPECT_EQ(p, q);
  std::vector<int64_t> sorted = p;
  std::sort(sorted.begin(), sorted.end());
  for (int64_t i = 0; i < n; ++i)
    ASSERT_EQ(sorted[i], i);
  int64_t fixed = 0;
  for (int64_t i = 0; i < n; ++i)
    fixed += p[i] == i;
  EXPECT_LT(fixed, 10); // about 1 expected
  _mlir_ciface_nrt_random_permutation_i64(12, &uq);
  EXPECT_NE(p, q);
  std::vector<int32_t> small(3);
  auto ds = descriptor<int32_t, 1>(small.data(), {3});
  auto us = unranked(ds);
  std::set<std::vector<int32_t>> seen;
  for (int64_t key = 0; key < 200; ++key) {
    _mlir_ciface_nrt_random_permutation_i32(key, &us);
    seen.insert(small);
  }
  EXPECT_EQ(seen.size(), 6u); // every permutation of 3 occurs
}

//===- PrintTest.cpp - Printing text, scalars and tensors -----------------===//
//
// The exact output format of print: float spelling, NumPy-style nesting,
// summaries beyond 1000 elements, strided views, booleans.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>
#include <numeric>

using namespace nrt_test;

TEST(Print, FloatScalars) {
  auto out = captureStdout([] {
    for (float v : {0.5f, 3.0f, 1e-7f, -0.0f, 0.1f, 1234567.0f, 100.0f, -2.25f})
      nrt_print_f32(v), nrt_print_text(" ", 1);
    nrt_print_f64(1.0 / 3.0);
    nrt_print_text(" ", 1);
    nrt_print_f64(std::numeric_limits<double>::infinity());
    nrt_print_text(" ", 1);
    nrt_print_f64(-std::numeric_limits<double>::infinity());
    nrt_print_text(" ", 1);
    nrt_print_f32(std::nanf(""));
  });
  EXPECT_EQ(out, "0.5 3.0 1e-07 -0.0 0.1 1.23457e+06 100.0 -2.25 0.333333 inf "
                 "-inf nan");
}

TEST(Print, IntegerAndBoolScalars) {
  auto out = captureStdout([] {
    nrt_print_i32(-7);
    nrt_print_text(" ", 1);
    _mlir_ciface_nrt_print_i64(INT64_MIN);
    nrt_print_text(" ", 1);
    nrt_print_i1(1);
    nrt_print_text(" ", 1);
    nrt_print_i1(0);
    nrt_print_text(" ", 1);
    nrt_print_i1(0xfe); // only the low bit counts
  });
  EXPECT_EQ(out, "-7 -9223372036854775808 true false false");
}

TEST(Print, TextAndNewline) {
  std::string text = "loss: {}";
  auto s = str(text);
  auto out = captureStdout([&] {
    _mlir_ciface_nrt_print_text(&s);
    nrt_print_newline();
    _mlir_ciface_nrt_print_newline();
  });
  EXPECT_EQ(out, "loss: {}\n\n");
}

TEST(Print, TextWithStrideAndOffset) {
  std::string backing = "xhxexlxlxo";
  NrtMemRef<char, 1> s{&backing[0], &backing[0], 1, {5}, {2}};
  EXPECT_EQ(captureStdout([&] { _mlir_ciface_nrt_print_text(&s); }), "hello");
}

TEST(Print, Matrix) {
  std::vector<float> data = {1, 2, 3, 4};
  auto d = descriptor<float, 2>(data.data(), {2, 2});
  auto u = unranked(d);
  EXPECT_EQ(captureStdout([&] { _mlir_ciface_nrt_print_tensor_f32(&u); }),
            "[[1.0, 2.0], [3.0, 4.0]]");
}

TEST(Print, RankZeroIsAScalar) {
  double v = 0.25;
  auto d = descriptor<double, 0>(&v, {});
  auto u = unranked(d);
  EXPECT_EQ(captureStdout([&] { _mlir_ciface_nrt_print_tensor_f64(&u); }),
            "0.25");
}

TEST(Print, IntegerAndBoolTensors) {
  std::vector<int64_t> ints = {1, -2, 3};
  auto di = descriptor<int64_t, 1>(ints.data(), {3});
  auto ui = unranked(di);
  std::vector<int32_t> i32 = {5, 6, 7, 8, 9, 10};
  auto d32 = descriptor<int32_t, 3>(i32.data(), {1, 2, 3});
  auto u32 = unranked(d32);
  std::vector<uint8_t> bools = {1, 0, 1};
  auto db = descriptor<uint8_t, 1>(bools.data(), {3});
  auto ub = unranked(db);
  auto out = captureStdout([&] {
    _mlir_ciface_nrt_print_tensor_i64(&ui);
    _mlir_ciface_nrt_print_tensor_i32(&u32);
    _mlir_ciface_nrt_print_tensor_i1(&ub);
  });
  EXPECT_EQ(out, "[1, -2, 3][[[5, 6, 7], [8, 9, 10]]][true, false, true]");
}

TEST(Print, EmptyAxes) {
  float dummy = 0;
  auto d = descriptor<float, 2>(&dummy, {2, 0});
  auto u = unranked(d);
  auto e = descriptor<float, 1>(&dummy, {0});
  auto ue = unranked(e);
  EXPECT_EQ(captureStdout([&] {
              _mlir_ciface_nrt_print_tensor_f32(&u);
              _mlir_ciface_nrt_print_tensor_f32(&ue);
            }),
            "[[], []][]");
}

TEST(Print, TransposedView) {
  std::vector<int32_t> data = {0, 1, 2, 3, 4, 5}; // 2x3
  NrtMemRef<int32_t, 2> t{data.data(), data.data(), 0, {3, 2}, {1, 3}};
  auto u = unranked(t);
  EXPECT_EQ(captureStdout([&] { _mlir_ciface_nrt_print_tensor_i32(&u); }),
            "[[0, 3], [1, 4], [2, 5]]");
}

TEST(Print, ThousandElementsAreNotSummarised) {
  std::vector<int32_t> data(1000);
  std::iota(data.begin(), data.end(), 0);
  auto d = descriptor<int32_t, 1>(data.data(), {1000});
  auto u = unranked(d);
  std::string out =
      captureStdout([&] { _mlir_ciface_nrt_print_tensor_i32(&u); });
  EXPECT_EQ(out.find("..."), std::string::npos);
  EXPECT_EQ(out.substr(0, 10), "[0, 1, 2, ");
}

TEST(Print, LargeTensorsAreSummarised) {
  std::vector<float> v(1001);
  std::iota(v.begin(), v.end(), 0.0f);
  auto d = descriptor<float, 1>(v.data(), {1001});
  auto u = unranked(d);
  EXPECT_EQ(captureStdout([&] { _mlir_ciface_nrt_print_tensor_f32(&u); }),
            "[0.0, 1.0, 2.0, ..., 998.0, 999.0, 1000.0]");

  std::vector<int32_t> m(40 * 30);
  std::iota(m.begin(), m.end(), 0);
  auto dm = descriptor<int32_t, 2>(m.data(), {40, 30});
  auto um = unranked(dm);
  EXPECT_EQ(captureStdout([&] { _mlir_ciface_nrt_print_tensor_i32(&um); }),
            "[[0, 1, 2, ..., 27, 28, 29], [30, 31, 32, ..., 57, 58, 59], "
            "[60, 61, 62, ..., 87, 88, 89], ..., "
            "[1110, 1111, 1112, ..., 1137, 1138, 1139], "
            "[1140, 1141, 1142, ..., 1167, 1168, 1169], "
            "[1170, 1171, 1172, ..., 1197, 1198, 1199]]");

  // Short axes of a large tensor are shown whole.
  std::vector<int32_t> w(2 * 600);
  std::iota(w.begin(), w.end(), 0);
  auto dw = descriptor<int32_t, 2>(w.data(), {2, 600});
  auto uw = unranked(dw);
  EXPECT_EQ(captureStdout([&] { _mlir_ciface_nrt_print_tensor_i32(&uw); }),
            "[[0, 1, 2, ..., 597, 598, 599], [600, 601, 602, ..., 1197, "
            "1198, 1199]]");
}

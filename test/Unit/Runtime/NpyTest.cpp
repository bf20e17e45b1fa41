//===- NpyTest.cpp - NumPy .npy reader and writer -------------------------===//
//
// Files of every supported version and dtype written here byte by byte,
// conversions, round trips, and bad headers.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "nrt/TensorIO.h"

#include "gtest/gtest.h"

#include <cstring>

using namespace nrt_test;

/// An .npy file of the given version with header dict `dict` and raw data.
static std::string npyFile(int major, const std::string &dict,
                           const std::string &data) {
  std::string header = dict;
  size_t pre = major == 1 ? 10 : 12;
  while ((pre + header.size() + 1) % 64)
    header += ' ';
  header += '\n';
  std::string s = "\x93NUMPY";
  s += static_cast<char>(major);
  s += '\0';
  uint32_t n = static_cast<uint32_t>(header.size());
  s += static_cast<char>(n & 0xff);
  s += static_cast<char>((n >> 8) & 0xff);
  if (major != 1) {
    s += static_cast<char>((n >> 16) & 0xff);
    s += static_cast<char>(n >> 24);
  }
  return s + header + data;
}

template <typename T> static std::string rawBytes(const std::vector<T> &v) {
  return std::string(reinterpret_cast<const char *>(v.data()),
                     v.size() * sizeof(T));
}

TEST(Npy, ReadsVersionsOneTwoAndThree) {
  TempDir dir;
  std::vector<float> values = {1.5f, -2, 3, 4, 5, 6};
  for (int major : {1, 2, 3}) {
    std::string path = dir.path("v" + std::to_string(major) + ".npy");
    writeFile(path, npyFile(major,
                            "{'descr': '<f4', 'fortran_order': False, "
                            "'shape': (2, 3), }",
                            rawBytes(values)));
    nrt::Array<float> a = nrt::readNpyAs<float>(path, 2);
    EXPECT_EQ(a.shape, (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(std::vector<float>(a.data.get(), a.data.get() + 6), values);
  }
}

TEST(Npy, DtypesAndConversions) {
  TempDir dir;
  std::string p8 = dir.path("f8.npy"), pi = dir.path("i8.npy"),
              pu = dir.path("u1.npy"), p4 = dir.path("i4.npy");
  writeFile(p8, npyFile(1,
                        "{\"descr\": \"<f8\", \"fortran_order\": False, "
                        "\"shape\": (3,)}",
                        rawBytes(std::vector<double>{0.25, -1, 1e300})));
  writeFile(pi, npyFile(1,
                        "{'shape': (2,), 'fortran_order': False, 'descr': "
                        "'<i8'}",
                        rawBytes(std::vector<int64_t>{-3, 1LL << 40})));
  writeFile(pu, npyFile(1,
                        "{'descr': '|u1', 'fortran_order': False, "
                        "'shape': (4,), }",
                        std::string("\x00\x01\xfe\xff", 4)));
  writeFile(p4, npyFile(1,
                        "{'descr': '<i4', 'fortran_order': False, "
                        "'shape': (1, 2), }",
                        rawBytes(std::vector<int32_t>{7, -8})));
  auto d = nrt::readNpyAs<double>(p8, 1);
  EXPECT_EQ(d.data[0], 0.25);
  EXPECT_EQ(d.data[2], 1e300);
  auto f = nrt::readNpyAs<float>(p8, 1);
  EXPECT_EQ(f.data[1], -1.0f);
  auto i64 = nrt::readNpyAs<int64_t>(pi, 1);
  EXPECT_EQ(i64.data[1], 1LL << 40);
  auto fromInt = nrt::readNpyAs<double>(pi, 1);
  EXPECT_EQ(fromInt.data[0], -3.0);
  auto u = nrt::readNpyAs<int32_t>(pu, 1);
  EXPECT_EQ(u.data[2], 254);
  auto uf = nrt::readNpyAs<float>(pu, 1);
  EXPECT_EQ(uf.data[3], 255.0f);
  auto i32 = nrt::readNpyAs<int64_t>(p4, 2);
  EXPECT_EQ(i32.data[1], -8);

  EXPECT_EXIT(nrt::readNpyAs<int32_t>(pi, 1), testing::ExitedWithCode(1),
              "i8.npy: element 1 \\(1099511627776\\) does not fit");
  EXPECT_EXIT(nrt::readNpyAs<int32_t>(p8, 1), testing::ExitedWithCode(1),
              "f8.npy: cannot read NPY dtype '<f8' as i32");
  EXPECT_EXIT(nrt::readNpyAs<float>(p4, 1), testing::ExitedWithCode(1),
              "i4.npy: NPY array has shape \\[1, 2\\] \\(rank 2\\), expected "
              "rank 1");
}

TEST(Npy, ScalarAndEmptyShapes) {
  TempDir dir;
  std::string ps = dir.path("s.npy"), pe = dir.path("e.npy");
  writeFile(ps, npyFile(1,
                        "{'descr': '<f4', 'fortran_order': False, "
                        "'shape': (), }",
                        rawBytes(std::vector<float>{9})));
  writeFile(pe, npyFile(1,
                        "{'descr': '<f4', 'fortran_order': False, "
                        "'shape': (0, 5), }",
                        ""));
  nrt::NpyArray s = nrt::readNpy(ps);
  EXPECT_TRUE(s.shape.empty());
  nrt::NpyArray e = nrt::readNpy(pe);
  EXPECT_EQ(e.shape, (std::vector<int64_t>{0, 5}));
}

TEST(Npy, WriteThenReadThroughTheCInterface) {
  TempDir dir;
  std::string path = dir.path("out.npy");
  auto ps = str(path);
  // A transposed 3x2 view of a 2x3 matrix.
  std::vector<double> m = {1, 2, 3, 4, 5, 6};
  NrtMemRef<double, 2> t{m.data(), m.data(), 0, {3, 2}, {1, 3}};
  auto ut = unranked(t);
  _mlir_ciface_nrt_write_npy_f64(&ps, &ut);
  std::string bytes = readFile(path);
  ASSERT_GE(bytes.size(), 10u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
  size_t headerLen = static_cast<unsigned char>(bytes[8]) |
                     (static_cast<unsigned char>(bytes[9]) << 8);
  EXPECT_EQ((10 + headerLen) % 64, 0u);
  EXPECT_NE(bytes.find("{'descr': '<f8', 'fortran_order': False, 'shape': "
                       "(3, 2), }"),
            std::string::npos);
  NrtMemRef<double, 2> r;
  _mlir_ciface_nrt_read_npy_f64_2d(&r, &ps);
  ASSERT_EQ(r.sizes[0], 3);
  ASSERT_EQ(r.sizes[1], 2);
  EXPECT_EQ(std::vector<double>(r.aligned, r.aligned + 6),
            (std::vector<double>{1, 4, 2, 5, 3, 6}));
  std::free(r.allocated);

  // A 1-D array is written with the tuple `(n,)`.
  std::vector<int32_t> v = {4, 5, 6};
  auto dv = descriptor<int32_t, 1>(v.data(), {3});
  auto uv = unranked(dv);
  _mlir_ciface_nrt_write_npy_i32(&ps, &uv);
  EXPECT_NE(readFile(path).find("'shape': (3,), }"), std::string::npos);
  NrtMemRef<int64_t, 1> r1;
  _mlir_ciface_nrt_read_npy_i64_1d(&r1, &ps);
  EXPECT_EQ(r1.aligned[2], 6);
  std::free(r1.allocated);
}

TEST(Npy, FortranOrderIsReadInCOrder) {
  TempDir dir;
  std::string path = dir.path("f.npy");
  // [[1, 2, 3], [4, 5, 6]] stored column by column.
  writeFile(path, npyFile(1,
                          "{'descr': '<f8', 'fortran_order': True, "
                          "'shape': (2, 3), }",
                          rawBytes(std::vector<double>{1, 4, 2, 5, 3, 6})));
  nrt::NpyArray a = nrt::readNpy(path);
  ASSERT_EQ(a.shape, (std::vector<int64_t>{2, 3}));
  const double *v = reinterpret_cast<const double *>(a.data.get());
  EXPECT_EQ(std::vector<double>(v, v + 6),
            (std::vector<double>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(nrt::readNpyAs<float>(path, 2).data[1], 2.0f);
}

TEST(Npy, BadFiles) {
  TempDir dir;
  auto bad = [&](const std::string &name, const std::string &bytes) {
    std::string path = dir.path(name);
    writeFile(path, bytes);
    return path;
  };
  std::string good =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
  std::string data = rawBytes(std::vector<float>{1, 2});

  EXPECT_EXIT(nrt::readNpy(dir.path("missing.npy")), testing::ExitedWithCode(1),
              "missing.npy: cannot open: No such file");
  EXPECT_EXIT(nrt::readNpy(bad("magic.npy", "PK\x03\x04 not numpy at all")),
              testing::ExitedWithCode(1),
              "magic.npy: bad NPY magic string at offset 0");
  EXPECT_EXIT(nrt::readNpy(bad("short.npy", "\x93NUM")),
              testing::ExitedWithCode(1),
              "short.npy: truncated: expected at least 10 bytes");
  std::string v9 = npyFile(1, good, data);
  v9[6] = 9;
  EXPECT_EXIT(nrt::readNpy(bad("v9.npy", v9)), testing::ExitedWithCode(1),
              "v9.npy: unsupported NPY format version 9.0 at offset 6");
  EXPECT_EXIT(
      nrt::readNpy(bad("hlen.npy", npyFile(1, good, data).substr(0, 30))),
      testing::ExitedWithCode(1),
      "hlen.npy: truncated: the NPY header length 118 at offset 8 runs "
      "past the end of the file");
  // Malformed headers, each with the message that names the problem.
  struct HeaderCase {
    const char *file, *header, *message;
  };
  const HeaderCase headers[] = {
      {"dict.npy", "{'descr': '<f4' 'fortran_order': False}",
       "dict.npy: bad NPY header at offset 26: expected ',' or '}'"},
      {"key.npy",
       "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}",
       "key.npy: bad NPY header at offset [0-9]+: unexpected key 'extra'"},
      {"nokey.npy", "{'descr': '<f4', 'shape': (2,)}",
       "nokey.npy: bad NPY header at offset [0-9]+: missing key "
       "'fortran_order'"},
      {"shape.npy",
       "{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }",
       "shape.npy: bad NPY header at offset 64: expected a dimension size, "
       "found 'x'"},
      {"dtype.npy", "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }",
       "dtype.npy: bad NPY header at offset 20: unsupported dtype '>f4'"},
  };
  for (const HeaderCase &c : headers)
    EXPECT_EXIT(nrt::readNpy(bad(c.file, npyFile(1, c.header, data))),
                testing::ExitedWithCode(1), c.message);
  EXPECT_EXIT(
      nrt::readNpy(bad("trunc.npy", npyFile(1, good, data.substr(0, 5)))),
      testing::ExitedWithCode(1),
      "trunc.npy: truncated: expected 8 bytes of array data \\(shape "
      "\\[2\\], dtype '<f4'\\) at offset 128, found 5");
  EXPECT_EXIT(nrt::readNpy(bad("extra.npy", npyFile(1, good, data + "zz"))),
              testing::ExitedWithCode(1),
              "extra.npy: 2 unexpected bytes at offset 136 after the array "
              "data");
}

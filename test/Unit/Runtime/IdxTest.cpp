//===- IdxTest.cpp - IDX reader and the Fashion-MNIST loader --------------===//
//
// Good files (gzipped and plain) written here, every kind of bad file, and
// the real Fashion-MNIST when Debian's package is installed.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "nrt/TensorIO.h"

#include "gtest/gtest.h"

#include <algorithm>

using namespace nrt_test;

/// The bytes of a 3-D ubyte IDX file of `n` images of rows x cols pixels,
/// pixel (i, r, c) = (i + r * cols + c) % 256.
static std::string imagesIdx(uint32_t n, uint32_t rows, uint32_t cols) {
  std::string s = be32(0x803) + be32(n) + be32(rows) + be32(cols);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t p = 0; p < rows * cols; ++p)
      s += static_cast<char>((i + p) % 256);
  return s;
}

static std::string labelsIdx(uint32_t n, int classes = 10) {
  std::string s = be32(0x801) + be32(n);
  for (uint32_t i = 0; i < n; ++i)
    s += static_cast<char>(i % classes);
  return s;
}

/// A miniature Fashion-MNIST directory.
static void writeDataset(const TempDir &dir, uint32_t nTrain, uint32_t nTest,
                         uint32_t nTrainLabels) {
  writeGzip(dir.path("train-images-idx3-ubyte.gz"), imagesIdx(nTrain, 28, 28));
  writeGzip(dir.path("train-labels-idx1-ubyte.gz"), labelsIdx(nTrainLabels));
  writeGzip(dir.path("t10k-images-idx3-ubyte.gz"), imagesIdx(nTest, 28, 28));
  writeGzip(dir.path("t10k-labels-idx1-ubyte.gz"), labelsIdx(nTest));
}

TEST(Idx, ReadsGzippedAndPlainFiles) {
  TempDir dir;
  std::string bytes = imagesIdx(3, 2, 4);
  writeGzip(dir.path("a.gz"), bytes);
  writeFile(dir.path("a.idx"), bytes);
  for (const char *name : {"a.gz", "a.idx"}) {
    nrt::Array<uint8_t> a = nrt::readIdxUbyte(dir.path(name), 3);
    EXPECT_EQ(a.shape, (std::vector<int64_t>{3, 2, 4}));
    EXPECT_EQ(a.data[0], 0);
    EXPECT_EQ(a.data[8 + 3], 4); // image 1, pixel 3
    nrt::Array<float> f = nrt::readIdxImages(dir.path(name));
    EXPECT_EQ(f.shape, (std::vector<int64_t>{3, 8}));
    EXPECT_FLOAT_EQ(f.data[8 + 3], 4.0f / 255.0f);
  }
}

TEST(Idx, CInterfaceReturnsOwnedRowMajorBuffers) {
  TempDir dir;
  writeGzip(dir.path("x.gz"), imagesIdx(5, 3, 3));
  writeGzip(dir.path("y.gz"), labelsIdx(5));
  std::string xp = dir.path("x.gz"), yp = dir.path("y.gz");
  auto xs = str(xp), ys = str(yp);
  NrtMemRef<float, 2> x;
  NrtMemRef<int32_t, 1> y;
  _mlir_ciface_nrt_read_idx_images_f32(&x, &xs);
  _mlir_ciface_nrt_read_idx_labels_i32(&y, &ys);
  EXPECT_EQ(x.allocated, x.aligned);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(x.aligned) % 64, 0u);
  EXPECT_EQ(x.offset, 0);
  EXPECT_EQ(x.sizes[0], 5);
  EXPECT_EQ(x.sizes[1], 9);
  EXPECT_EQ(x.strides[0], 9);
  EXPECT_EQ(x.strides[1], 1);
  EXPECT_FLOAT_EQ(x.aligned[2 * 9 + 1], 3.0f / 255.0f);
  EXPECT_EQ(y.sizes[0], 5);
  EXPECT_EQ(y.aligned[4], 4);
  std::free(x.allocated);
  std::free(y.allocated);
}

TEST(Idx, MissingFile) {
  EXPECT_EXIT(nrt::readIdxUbyte("/nonexistent/train-images-idx3-ubyte.gz", 3),
              testing::ExitedWithCode(1),
              "error: /nonexistent/train-images-idx3-ubyte.gz: cannot open: "
              "No such file or directory");
}

TEST(Idx, WrongMagic) {
  TempDir dir;
  std::string bytes = imagesIdx(2, 2, 2);
  bytes[3] = 4; // a 4-D array
  writeGzip(dir.path("train-images-idx3-ubyte.gz"), bytes);
  EXPECT_EXIT(nrt::readIdxImages(dir.path("train-images-idx3-ubyte.gz")),
              testing::ExitedWithCode(1),
              "error: .*/train-images-idx3-ubyte.gz: bad IDX magic number "
              "0x00000804 at offset 0 \\(expected 0x00000803 for a 3-D "
              "unsigned byte array\\)");
  writeFile(dir.path("labels"), be32(0x0c01) + be32(0)); // int32 labels
  EXPECT_EXIT(nrt::readIdxLabels(dir.path("labels")),
              testing::ExitedWithCode(1),
              "labels: bad IDX magic number 0x00000c01 at offset 0 "
              "\\(expected 0x00000801");
}

TEST(Idx, TruncatedData) {
  TempDir dir;
  std::string bytes = imagesIdx(3, 28, 28);
  writeFile(dir.path("x.idx"), bytes.substr(0, 16 + 1000));
  EXPECT_EXIT(nrt::readIdxImages(dir.path("x.idx")), testing::ExitedWithCode(1),
              "x.idx: truncated: expected 2352 bytes of image data at "
              "offset 16, found 1000");
  writeFile(dir.path("h.idx"), bytes.substr(0, 9));
  EXPECT_EXIT(nrt::readIdxImages(dir.path("h.idx")), testing::ExitedWithCode(1),
              "h.idx: truncated: expected 12 bytes of IDX dimensions at "
              "offset 4, found 5");
  writeFile(dir.path("empty.idx"), "");
  EXPECT_EXIT(nrt::readIdxImages(dir.path("empty.idx")),
              testing::ExitedWithCode(1),
              "empty.idx: truncated: expected 4 bytes of IDX magic number at "
              "offset 0, found 0");
}

TEST(Idx, NoImagesOfAnOverflowingSize) {
  // Zero images of 2^32-1 x 2^32-1 pixels: no data is missing, but the
  // pixels per image overflow int64_t (found by nrt-fuzz-idx).
  TempDir dir;
  writeFile(dir.path("x.idx"),
            be32(0x803) + be32(0) + be32(0xffffffff) + be32(0xffffffff));
  EXPECT_EXIT(nrt::readIdxImages(dir.path("x.idx")), testing::ExitedWithCode(1),
              "x.idx: images of 4294967295x4294967295 pixels \\(IDX "
              "dimensions at offset 8\\) are too large");
  // Zero images of a representable size are an empty data set.
  writeFile(dir.path("empty.idx"),
            be32(0x803) + be32(0) + be32(65536) + be32(65536));
  nrt::Array<float> images = nrt::readIdxImages(dir.path("empty.idx"));
  EXPECT_EQ(images.shape, (std::vector<int64_t>{0, int64_t(1) << 32}));
}

TEST(Idx, HugeSizesInTheHeaderAreNotTrusted) {
  // 65535^3 bytes claimed, 3 present: an error, not an allocation of 280 TB.
  TempDir dir;
  writeGzip(dir.path("huge.gz"),
            be32(0x803) + be32(65535) + be32(65535) + be32(65535) + "abc");
  EXPECT_EXIT(nrt::readIdxUbyte(dir.path("huge.gz"), 3),
              testing::ExitedWithCode(1),
              "huge.gz: truncated: expected 281462092005375 bytes of array "
              "data at offset 16, found 3");
}

TEST(Idx, LargerThanTheInitialBuffer) {
  // 64 MB + 4 KB of labels grow the buffer past its first 64 MB.
  TempDir dir;
  const uint32_t n = (64u << 20) + 4096;
  std::string bytes = be32(0x801) + be32(n);
  bytes.resize(8 + n, '\x07');
  bytes[8 + n - 1] = 9;
  writeFile(dir.path("big.idx"), bytes);
  nrt::Array<uint8_t> a = nrt::readIdxUbyte(dir.path("big.idx"), 1);
  ASSERT_EQ(a.shape[0], n);
  EXPECT_EQ(a.data[0], 7);
  EXPECT_EQ(a.data[(64u << 20) + 5], 7);
  EXPECT_EQ(a.data[n - 1], 9);
}

TEST(Idx, TruncatedGzip) {
  TempDir dir;
  writeGzip(dir.path("full.gz"), imagesIdx(100, 28, 28));
  std::string gz = readFile(dir.path("full.gz"));
  writeFile(dir.path("cut.gz"), gz.substr(0, gz.size() / 2));
  EXPECT_EXIT(nrt::readIdxImages(dir.path("cut.gz")),
              testing::ExitedWithCode(1),
              "cut.gz: truncated: expected 78400 bytes of image data at "
              "offset 16, found [0-9]+");
}

TEST(Idx, CorruptGzip) {
  TempDir dir;
  writeGzip(dir.path("full.gz"), imagesIdx(100, 28, 28));
  std::string gz = readFile(dir.path("full.gz"));
  for (size_t i = 40; i < 80; ++i)
    gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  writeFile(dir.path("bad.gz"), gz);
  EXPECT_EXIT(nrt::readIdxImages(dir.path("bad.gz")),
              testing::ExitedWithCode(1),
              "bad.gz: (corrupt gzip data after [0-9]+ bytes of uncompressed "
              "data|truncated)");
}

TEST(Idx, TrailingData) {
  TempDir dir;
  writeGzip(dir.path("y.gz"), labelsIdx(4) + "xx");
  EXPECT_EXIT(nrt::readIdxLabels(dir.path("y.gz")), testing::ExitedWithCode(1),
              "y.gz: unexpected data at offset 12 after the 4 bytes of label "
              "data");
}

TEST(FashionMnist, LoadsAMiniatureDataset) {
  TempDir dir;
  writeDataset(dir, 7, 3, 7);
  std::string d = dir.str();
  auto ds = str(d);
  NrtImageDataset r;
  _mlir_ciface_nrt_data_fashion_mnist(&r, &ds);
  EXPECT_EQ(r.trainX.sizes[0], 7);
  EXPECT_EQ(r.trainX.sizes[1], 784);
  EXPECT_EQ(r.trainX.strides[0], 784);
  EXPECT_EQ(r.trainY.sizes[0], 7);
  EXPECT_EQ(r.testX.sizes[0], 3);
  EXPECT_EQ(r.testY.sizes[0], 3);
  EXPECT_FLOAT_EQ(r.trainX.aligned[784 * 2 + 5], 7.0f / 255.0f);
  EXPECT_EQ(r.trainY.aligned[6], 6);
  EXPECT_EQ(r.testY.aligned[2], 2);
  for (void *p : {static_cast<void *>(r.trainX.allocated),
                  static_cast<void *>(r.trainY.allocated),
                  static_cast<void *>(r.testX.allocated),
                  static_cast<void *>(r.testY.allocated)})
    std::free(p);
}

TEST(FashionMnist, LabelCountMismatch) {
  TempDir dir;
  writeDataset(dir, 7, 3, 6);
  EXPECT_EXIT(nrt::readFashionMnist(dir.str()), testing::ExitedWithCode(1),
              "error: .*/train-labels-idx1-ubyte.gz: 6 labels \\(IDX "
              "dimension at offset 4\\), but .*/train-images-idx3-ubyte.gz "
              "has 7 images");
}

TEST(FashionMnist, LabelOutOfRange) {
  TempDir dir;
  writeDataset(dir, 2, 2, 2);
  writeGzip(dir.path("t10k-labels-idx1-ubyte.gz"),
            be32(0x801) + be32(2) + std::string("\x01\x0c", 2));
  EXPECT_EXIT(nrt::readFashionMnist(dir.str()), testing::ExitedWithCode(1),
              "t10k-labels-idx1-ubyte.gz: label 12 at offset 9 is out of "
              "range \\(expected 0..9\\)");
}

TEST(FashionMnist, WrongImageSize) {
  TempDir dir;
  writeDataset(dir, 2, 2, 2);
  writeGzip(dir.path("train-images-idx3-ubyte.gz"), imagesIdx(2, 32, 32));
  EXPECT_EXIT(nrt::readFashionMnist(dir.str()), testing::ExitedWithCode(1),
              "train-images-idx3-ubyte.gz: images are 32x32 pixels .*"
              "expected 28x28");
}

TEST(FashionMnist, MissingDirectory) {
  EXPECT_EXIT(nrt::readFashionMnist("/nonexistent/fmnist"),
              testing::ExitedWithCode(1),
              "error: /nonexistent/fmnist/train-images-idx3-ubyte.gz: "
              "cannot open");
}

TEST(FashionMnist, RealDataset) {
  const std::string dir = "/usr/share/datasets/fashion-mnist";
  if (!fileExists(dir + "/train-images-idx3-ubyte.gz"))
    GTEST_SKIP() << dir << " is not installed (dataset-fashion-mnist)";
  NrtImageDataset r;
  _mlir_ciface_nrt_data_fashion_mnist(&r, nullptr); // empty = the default
  ASSERT_EQ(r.trainX.sizes[0], 60000);
  ASSERT_EQ(r.trainX.sizes[1], 784);
  ASSERT_EQ(r.trainY.sizes[0], 60000);
  ASSERT_EQ(r.testX.sizes[0], 10000);
  ASSERT_EQ(r.testX.sizes[1], 784);
  ASSERT_EQ(r.testY.sizes[0], 10000);
  auto check = [](const NrtMemRef<float, 2> &x,
                  const NrtMemRef<int32_t, 1> &y) {
    int64_t n = x.sizes[0] * x.sizes[1];
    auto [lo, hi] = std::minmax_element(x.aligned, x.aligned + n);
    EXPECT_EQ(*lo, 0.0f);
    EXPECT_EQ(*hi, 1.0f);
    std::vector<int64_t> counts(10, 0);
    for (int64_t i = 0; i < y.sizes[0]; ++i) {
      ASSERT_GE(y.aligned[i], 0);
      ASSERT_LE(y.aligned[i], 9);
      ++counts[y.aligned[i]];
    }
    for (int64_t c : counts) // Fashion-MNIST is balanced
      EXPECT_EQ(c, y.sizes[0] / 10);
  };
  check(r.trainX, r.trainY);
  check(r.testX, r.testY);
  std::free(r.trainX.allocated);
  std::free(r.trainY.allocated);
  std::free(r.testX.allocated);
  std::free(r.testY.allocated);
}

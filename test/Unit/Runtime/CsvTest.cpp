//===- CsvTest.cpp - Numeric CSV reader -----------------------------------===//
//
// Headers, quoting, blank lines, 1-D and 2-D results, integer parsing, and
// errors with line numbers and byte offsets.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "nrt/TensorIO.h"

#include "gtest/gtest.h"

using namespace nrt_test;

TEST(Csv, HeaderQuotesAndBlankLines) {
  TempDir dir;
  std::string path = dir.path("data.csv");
  writeFile(path, "x, y ,\"z\"\r\n1, 2.5, -3\r\n\r\n \"4\" ,5e-1,6\n7,8,9");
  nrt::Array<float> a = nrt::readCsv<float>(path, 2);
  EXPECT_EQ(a.shape, (std::vector<int64_t>{3, 3}));
  EXPECT_EQ(std::vector<float>(a.data.get(), a.data.get() + 9),
            (std::vector<float>{1, 2.5f, -3, 4, 0.5f, 6, 7, 8, 9}));
}

TEST(Csv, NoHeader) {
  TempDir dir;
  std::string path = dir.path("n.csv");
  writeFile(path, "1,2\n3,4\n");
  auto ps = str(path);
  NrtMemRef<double, 2> r;
  _mlir_ciface_nrt_read_csv_f64_2d(&r, &ps);
  EXPECT_EQ(r.sizes[0], 2);
  EXPECT_EQ(r.sizes[1], 2);
  EXPECT_EQ(r.strides[0], 2);
  EXPECT_EQ(r.aligned[3], 4.0);
  std::free(r.allocated);
}

TEST(Csv, OneDimensional) {
  TempDir dir;
  std::string col = dir.path("col.csv"), row = dir.path("row.csv"),
              both = dir.path("both.csv");
  writeFile(col, "label\n3\n1\n4\n");
  writeFile(row, "5,6,7\n");
  writeFile(both, "1,2\n3,4\n");
  auto cs = str(col), rs = str(row);
  NrtMemRef<int32_t, 1> c;
  _mlir_ciface_nrt_read_csv_i32_1d(&c, &cs);
  EXPECT_EQ(c.sizes[0], 3);
  EXPECT_EQ(c.aligned[2], 4);
  std::free(c.allocated);
  NrtMemRef<int64_t, 1> r;
  _mlir_ciface_nrt_read_csv_i64_1d(&r, &rs);
  EXPECT_EQ(r.sizes[0], 3);
  EXPECT_EQ(r.aligned[0], 5);
  std::free(r.allocated);
  EXPECT_EXIT(nrt::readCsv<float>(both, 1), testing::ExitedWithCode(1),
              "both.csv: CSV has 2 rows of 2 fields; a 1-D tensor needs one "
              "column or one row");
}

TEST(Csv, EmptyAndHeaderOnly) {
  TempDir dir;
  std::string e = dir.path("e.csv"), h = dir.path("h.csv");
  writeFile(e, "");
  writeFile(h, "a,b,c\n");
  EXPECT_EQ(nrt::readCsv<float>(e, 2).shape, (std::vector<int64_t>{0, 0}));
  EXPECT_EQ(nrt::readCsv<float>(h, 2).shape, (std::vector<int64_t>{0, 3}));
  EXPECT_EQ(nrt::readCsv<float>(h, 1).shape, (std::vector<int64_t>{0}));
}

/// A file's content and the error reading it must give.
struct BadCsv {
  const char *content, *message;
};

/// Writes each case to `path` and expects reading it as T to fail so.
template <typename T>
static void expectErrors(const std::string &path,
                         std::initializer_list<BadCsv> cases) {
  for (const BadCsv &c : cases) {
    writeFile(path, c.content);
    EXPECT_EXIT(nrt::readCsv<T>(path, 2), testing::ExitedWithCode(1),
                c.message);
  }
}

TEST(Csv, RaggedRow) {
  TempDir dir;
  expectErrors<float>(
      dir.path("ragged.csv"),
      {{"a,b,c\n1,2,3\n4,5,6\n7,8\n",
        "error: .*/ragged.csv: line 4 \\(byte offset 18\\): expected 3 "
        "fields as in line 2, found 2"},
       {"a,b\n1,2,3\n", "ragged.csv: line 2 \\(byte offset 4\\): expected 2 "
                        "fields as in the header, found 3"}});
}

TEST(Csv, BadFields) {
  TempDir dir;
  std::string path = dir.path("bad.csv");
  expectErrors<double>(
      path, {{"1,2\n3,abc\n", "bad.csv: line 2, field 2 \\(byte offset 6\\): "
                              "expected a number, found 'abc'"},
             {"1,2\n3,\n", "bad.csv: line 2, field 2 \\(byte offset 6\\): "
                           "expected a number, found ''"}});
  expectErrors<int32_t>(
      path, {{"1,2.5\n", "bad.csv: line 1, field 2 \\(byte offset 2\\): "
                         "expected an integer, found '2.5'"},
             {"1,3000000000\n", "bad.csv: line 1, field 2 \\(byte offset "
                                "2\\): 3000000000 does not fit in i32"}});
  EXPECT_EQ(nrt::readCsv<int64_t>(path, 2).data[1], 3000000000LL);
  EXPECT_EXIT(nrt::readCsv<float>(dir.path("none.csv"), 2),
              testing::ExitedWithCode(1), "none.csv: cannot open");
}

//===- TensorIO.h - Nabla runtime C++ readers and writers -------*- C++ -*-===//
//
// The C++ side of the data readers (IDX, NPY, CSV): each returns an owned,
// row-major buffer and its shape. The C ABI in nrt.h wraps these for
// generated code; C++ callers (tests, tools) may use them directly. Every
// function fails through nrt_fatal on bad input; none throws.
//
//===----------------------------------------------------------------------===//

#ifndef NRT_TENSORIO_H
#define NRT_TENSORIO_H

#include "nrt/nrt.h"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace nrt {

/// Releases memory from nrt_alloc.
struct FreeDeleter {
  void operator()(void *ptr) const { nrt_free(ptr); }
};

/// A row-major array in memory from nrt_alloc (64-byte aligned).
template <typename T> struct Array {
  std::vector<int64_t> shape;
  std::unique_ptr<T[], FreeDeleter> data;

  int64_t numElements() const {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    return n;
  }
};

//===----------------------------------------------------------------------===//
// IDX (Idx.cpp)
//===----------------------------------------------------------------------===//

/// Reads an unsigned-byte IDX file (magic 0x00000800 | rank), gzipped or
/// plain, whose rank must be `rank`. `what` names the payload in messages
/// ("image data", "label data").
NRT_API Array<uint8_t> readIdxUbyte(const std::string &path, int rank,
                                    const char *what = "array data");

/// Reads a 3-D IDX file of N images of R x C pixels as floats in [0, 1]
/// (pixel / 255) of shape [N, R*C].
NRT_API Array<float> readIdxImages(const std::string &path);

/// Reads a 1-D IDX file of labels; if `numClasses` > 0, every label must be
/// below it.
NRT_API Array<int32_t> readIdxLabels(const std::string &path,
                                     int numClasses = 0);

/// The four arrays of an image classification data set.
struct ImageDataset {
  Array<float> trainX;
  Array<int32_t> trainY;
  Array<float> testX;
  Array<int32_t> testY;
};

/// Reads Fashion-MNIST (or MNIST) from `dir` (see nrt_data_fashion_mnist).
NRT_API ImageDataset readFashionMnist(const std::string &dir);

//===----------------------------------------------------------------------===//
// NPY (Npy.cpp)
//===----------------------------------------------------------------------===//

/// The element types NPY files may hold here.
enum class NpyType { F32, F64, I32, I64, U8 };

/// An array read from an .npy file, in its stored type.
struct NpyArray {
  NpyType type;
  std::vector<int64_t> shape;
  std::unique_ptr<uint8_t[], FreeDeleter> data;
};

/// Where the array of an .npy file lies, once its header and size are
/// checked: the stored type, the shape and the offset of the C-order data.
struct NpyLayout {
  NpyType type;
  std::vector<int64_t> shape;
  int64_t dataOffset = 0;
  int64_t byteSize = 0;
  /// The data is in Fortran (column-major) order; readNpy gives C order.
  bool fortran = false;
};

/// Checks an .npy file (every malformed part is a located error) and says
/// where its array lies.
NRT_API NpyLayout readNpyLayout(const std::string &path);

/// Whether the file at `path` starts with the NPY magic string.
NRT_API bool isNpyFile(const std::string &path);

/// Reads an .npy file in its stored element type, in C order (a Fortran
/// order array is transposed).
NRT_API NpyArray readNpy(const std::string &path);

/// Reads an .npy file of rank `rank` converted to T (float, double, int32_t
/// or int64_t) under the rules of nrt_read_npy_*.
template <typename T> Array<T> readNpyAs(const std::string &path, int rank);

/// Writes a C-order array to an .npy file (version 1.0), atomically.
NRT_API void writeNpy(const std::string &path, NpyType type,
                      const std::vector<int64_t> &shape, const void *data);

//===----------------------------------------------------------------------===//
// CSV (Csv.cpp)
//===----------------------------------------------------------------------===//

/// Reads a numeric CSV file as T (float, double, int32_t or int64_t) of
/// rank 1 or 2 under the rules of nrt_read_csv_*.
template <typename T> Array<T> readCsv(const std::string &path, int rank);

extern template NRT_API Array<float> readNpyAs<float>(const std::string &, int);
extern template NRT_API Array<double> readNpyAs<double>(const std::string &,
                                                        int);
extern template NRT_API Array<int32_t> readNpyAs<int32_t>(const std::string &,
                                                          int);
extern template NRT_API Array<int64_t> readNpyAs<int64_t>(const std::string &,
                                                          int);
extern template NRT_API Array<float> readCsv<float>(const std::string &, int);
extern template NRT_API Array<double> readCsv<double>(const std::string &, int);
extern template NRT_API Array<int32_t> readCsv<int32_t>(const std::string &,
                                                        int);
extern template NRT_API Array<int64_t> readCsv<int64_t>(const std::string &,
                                                        int);

} // namespace nrt

#endif // NRT_TENSORIO_H

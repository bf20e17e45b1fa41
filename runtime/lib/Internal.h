//===- Internal.h - Helpers shared by the runtime sources -------*- C++ -*-===//
//
// Views of memref descriptors, strided iteration, result descriptors, file
// helpers and the hooks between printing, progress bars and errors. Not
// installed; nothing here is part of the ABI.
//
//===----------------------------------------------------------------------===//

#ifndef NRT_LIB_INTERNAL_H
#define NRT_LIB_INTERNAL_H

#include "nrt/TensorIO.h"
#include "nrt/nrt.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace nrt {

//===----------------------------------------------------------------------===//
// Memref views
//===----------------------------------------------------------------------===//

/// The string a `memref<?xi8>` descriptor holds (honouring offset and
/// stride). A null descriptor is the empty string.
std::string toString(const NrtMemRef<char, 1> *str);

/// A type-erased view of an unranked memref.
struct StridedView {
  int64_t rank = 0;
  char *data = nullptr; ///< aligned + offset * elemSize
  const int64_t *sizes = nullptr;
  const int64_t *strides = nullptr;
  int64_t elemSize = 0;

  int64_t numElements() const;
  std::vector<int64_t> shape() const { return {sizes, sizes + rank}; }
  /// Whether the elements are dense in row-major order.
  bool isContiguous() const;
};

/// Views `m`; fails if the rank is negative or the descriptor is null.
StridedView viewOf(const NrtUnrankedMemRef *m, int64_t elemSize);

/// Calls `fn(char *element, int64_t index)` for every element of `view` in
/// row-major order, `index` counting from 0.
template <typename Fn> void forEachElement(const StridedView &view, Fn fn) {
  int64_t n = view.numElements();
  if (n == 0)
    return;
  if (view.isContiguous()) {
    for (int64_t i = 0; i < n; ++i)
      fn(view.data + i * view.elemSize, i);
    return;
  }
  std::vector<int64_t> index(view.rank, 0);
  int64_t offset = 0; // in elements
  for (int64_t i = 0; i < n; ++i) {
    fn(view.data + offset * view.elemSize, i);
    for (int64_t axis = view.rank - 1; axis >= 0; --axis) {
      offset += view.strides[axis];
      if (++index[axis] < view.sizes[axis])
        break;
      offset -= view.strides[axis] * view.sizes[axis];
      index[axis] = 0;
    }
  }
}

/// Copies the elements of `src` in row-major order into the dense `dst`.
void gatherContiguous(const StridedView &src, void *dst);

/// Copies the dense `src` into the elements of `dst` in row-major order.
void scatterContiguous(const void *src, const StridedView &dst);

/// Points `result` at a freshly allocated row-major buffer of `shape`.
template <typename T, int N>
void setResult(NrtMemRef<T, N> *result, T *data, const int64_t *shape) {
  result->allocated = data;
  result->aligned = data;
  result->offset = 0;
  if constexpr (N > 0) {
    int64_t stride = 1;
    for (int i = N - 1; i >= 0; --i) {
      result->sizes[i] = shape[i];
      result->strides[i] = stride;
      stride *= shape[i];
    }
  }
}

/// Hands the buffer of `array` (of rank N) to `result`.
template <typename T, int N>
void setResult(NrtMemRef<T, N> *result, Array<T> &array) {
  setResult(result, array.data.release(), array.shape.data());
}

/// Defines the C entry point `_mlir_ciface_nrt_read_<FORMAT>_<SUFFIX>_<R>d`,
/// which reads the file at `path` with `READ<T>(path, R)` into a rank-R
/// memref of T.
#define NRT_DEFINE_FILE_READER(FORMAT, READ, SUFFIX, T, R)                     \
  extern "C" void _mlir_ciface_nrt_read_##FORMAT##_##SUFFIX##_##R##d(          \
      NrtMemRef<T, R> *result, NrtMemRef<char, 1> *path) {                     \
    Array<T> array = READ<T>(toString(path), R);                               \
    setResult(result, array);                                                  \
  }
/// The readers of FORMAT for every element type at rank R.
#define NRT_DEFINE_FILE_READERS(FORMAT, READ, R)                               \
  NRT_DEFINE_FILE_READER(FORMAT, READ, f32, float, R)                          \
  NRT_DEFINE_FILE_READER(FORMAT, READ, f64, double, R)                         \
  NRT_DEFINE_FILE_READER(FORMAT, READ, i32, int32_t, R)                        \
  NRT_DEFINE_FILE_READER(FORMAT, READ, i64, int64_t, R)

/// Allocates an array of `shape` with nrt_alloc, for callers that write
/// every element (no zero-filling pass over large data sets).
template <typename T>
Array<T> makeUninitializedArray(std::vector<int64_t> shape) {
  Array<T> array;
  array.shape = std::move(shape);
  int64_t bytes = array.numElements() * static_cast<int64_t>(sizeof(T));
  array.data.reset(static_cast<T *>(nrt_alloc(bytes)));
  return array;
}

/// Allocates a zero-initialised array of `shape` with nrt_alloc.
template <typename T> Array<T> makeArray(std::vector<int64_t> shape) {
  Array<T> array;
  array.shape = std::move(shape);
  int64_t bytes = array.numElements() * static_cast<int64_t>(sizeof(T));
  array.data.reset(static_cast<T *>(nrt_alloc(bytes)));
  std::memset(array.data.get(), 0, static_cast<size_t>(bytes));
  return array;
}

/// `[2, 3]`.
std::string shapeString(const std::vector<int64_t> &shape);

/// Multiplies the dimensions of `shape` (each >= 0) and `elemSize`;
/// false if the product overflows or exceeds 2^62.
bool checkedByteSize(const std::vector<int64_t> &shape, int64_t elemSize,
                     int64_t &bytes);

//===----------------------------------------------------------------------===//
// Files
//===----------------------------------------------------------------------===//

/// Writes a file so that a crash never leaves a partial file at `path`:
/// the data goes to `<path>.tmp.<pid>`, which commit() fsyncs and renames
/// over `path` before fsyncing the directory. Errors are fatal.
class AtomicFile {
public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile &) = delete;
  AtomicFile &operator=(const AtomicFile &) = delete;

  void write(const void *data, size_t size);
  void commit();
  const std::string &tempPath() const { return tmpPath; }

private:
  std::string path;
  std::string tmpPath;
  int fd = -1;
};

/// The message for errno `err`.
std::string errnoMessage(int err);

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

/// Called by nrt_fatal with the formatted message (without `error: `)
/// before it prints and exits.
using FatalHook = void (*)(const std::string &message);

/// Installs `hook` (null removes it). The fuzzers install one that throws,
/// so that one process can feed millions of bad inputs to a reader; a hook
/// that returns leaves nrt_fatal to print and exit as usual. Readers must
/// therefore release what they hold through destructors, never by cleanup
/// code that an error would skip. Not for generated programs.
void setFatalHook(FatalHook hook);

//===----------------------------------------------------------------------===//
// Hooks between printing, progress bars and errors
//===----------------------------------------------------------------------===//

/// Called before anything else writes to stdout or stderr while a progress
/// bar may be on the terminal: clears the bar's line, or with `keepBar` ends
/// it with a newline so it stays visible (Progress.cpp).
void progressYieldLine(bool keepBar = false);

} // namespace nrt

/// Defines `_mlir_ciface_<name>` as an alias of the C function `name`.
#define NRT_CIFACE_ALIAS(ret, name, params)                                    \
  extern "C" NRT_API ret _mlir_ciface_##name params                            \
      __attribute__((alias(#name)));

#endif // NRT_LIB_INTERNAL_H

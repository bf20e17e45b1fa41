//===- IO.h - Nabla runtime C ABI: files and data sets ----------*- C++ -*-===//
//
// The entry points that read and write files: data sets (IDX), NumPy and CSV
// tensor files, and checkpoints in safetensors format. The calling
// conventions, ownership and error rules are those of nrt/Core.h.
//
//===----------------------------------------------------------------------===//

#ifndef NRT_IO_H
#define NRT_IO_H

#include "nrt/Core.h"

#ifdef __cplusplus
/// The four results of `nrt_data_fashion_mnist` (an image classification
/// data set), laid out as func-to-llvm packs several memref results.
struct NrtImageDataset {
  NrtMemRef<float, 2> trainX;
  NrtMemRef<int32_t, 1> trainY;
  NrtMemRef<float, 2> testX;
  NrtMemRef<int32_t, 1> testY;
};
#define NRT_IMAGE_DATASET NrtImageDataset
#else
#define NRT_IMAGE_DATASET void
#endif

#ifdef __cplusplus
extern "C" {
#endif

//===----------------------------------------------------------------------===//
// Data sets and tensor files (Idx.cpp, Npy.cpp, Csv.cpp)
//===----------------------------------------------------------------------===//
//
// Every reader validates its input and fails with an error naming the file,
// the byte offset and what was expected and found. All results are owned by
// the caller (see "Ownership" above).
//
// Prefetching: a runtime function `nrt_X` whose calls take only constant
// strings may have an entry point `nrt_X_prefetch(strings, lengths, count)`
// that starts the work in the background; `nabla run` calls it with the
// string arguments of every such call while it compiles the program, and
// the later `nrt_X` call takes the result. The compiler knows no function
// by name: an entry point's existence is the mark.

/// Loads Fashion-MNIST (or MNIST: same files) from the directory `dir`:
/// train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
/// t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (gzipped or
/// plain). Images become f32 in [0, 1] of shape [N, 784] (pixel / 255), labels
/// i32 of shape [N]. Checks that images are 28x28, labels are in 0..9 and the
/// image and label counts of each split match. An empty `dir` means
/// /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist).
/// MLIR: `func.func private @nrt_data_fashion_mnist(memref<?xi8>) ->
///   (memref<?x784xf32>, memref<?xi32>, memref<?x784xf32>, memref<?xi32>)`;
/// the four results come back through `result`.
/// Starts reading Fashion-MNIST from `strings[0]` in a background thread;
/// the next nrt_data_fashion_mnist call for the same directory takes the
/// result. A prefetch entry point (see "Prefetching" above).
NRT_API void nrt_data_fashion_mnist_prefetch(const char *const *strings,
                                             const int64_t *lengths,
                                             int64_t count);

NRT_API void _mlir_ciface_nrt_data_fashion_mnist(NRT_IMAGE_DATASET *result,
                                                 NRT_MEMREF(char, 1) * dir);

/// Reads a 3-D unsigned-byte IDX file (gzipped or plain) of N images of
/// R x C pixels as f32 in [0, 1] of shape [N, R*C].
/// MLIR: `@nrt_read_idx_images_f32(memref<?xi8>) -> memref<?x?xf32>`.
NRT_API void _mlir_ciface_nrt_read_idx_images_f32(NRT_MEMREF(float, 2) * result,
                                                  NRT_MEMREF(char, 1) * path);

/// Reads a 1-D unsigned-byte IDX file (gzipped or plain) as i32 of shape [N].
/// MLIR: `@nrt_read_idx_labels_i32(memref<?xi8>) -> memref<?xi32>`.
NRT_API void _mlir_ciface_nrt_read_idx_labels_i32(NRT_MEMREF(int32_t, 1) *
                                                      result,
                                                  NRT_MEMREF(char, 1) * path);

/// Reads a NumPy .npy file (format versions 1, 2 and 3; dtypes '<f4',
/// '<f8', '<i4', '<i8', '|u1'; C order) whose rank must be R, converting the
/// elements to the result type: any dtype to f32/f64; integer dtypes to
/// i32/i64 (a value that does not fit is an error); float dtypes to integer
/// results are an error. `fortran_order: True` is an error.
/// MLIR: `@nrt_read_npy_f32_2d(memref<?xi8>) -> memref<?x?xf32>`, etc.
#define NRT_DECLARE_READ_NPY(SUFFIX, T, R)                                     \
  NRT_API void _mlir_ciface_nrt_read_npy_##SUFFIX##_##R##d(                    \
      NRT_MEMREF(T, R) * result, NRT_MEMREF(char, 1) * path);
NRT_DECLARE_READ_NPY(f32, float, 1)
NRT_DECLARE_READ_NPY(f32, float, 2)
NRT_DECLARE_READ_NPY(f32, float, 3)
NRT_DECLARE_READ_NPY(f32, float, 4)
NRT_DECLARE_READ_NPY(f64, double, 1)
NRT_DECLARE_READ_NPY(f64, double, 2)
NRT_DECLARE_READ_NPY(f64, double, 3)
NRT_DECLARE_READ_NPY(f64, double, 4)
NRT_DECLARE_READ_NPY(i32, int32_t, 1)
NRT_DECLARE_READ_NPY(i32, int32_t, 2)
NRT_DECLARE_READ_NPY(i32, int32_t, 3)
NRT_DECLARE_READ_NPY(i32, int32_t, 4)
NRT_DECLARE_READ_NPY(i64, int64_t, 1)
NRT_DECLARE_READ_NPY(i64, int64_t, 2)
NRT_DECLARE_READ_NPY(i64, int64_t, 3)
NRT_DECLARE_READ_NPY(i64, int64_t, 4)
#undef NRT_DECLARE_READ_NPY

/// Writes `tensor` (any rank and strides) to a version-1.0 .npy file in C
/// order ('<f4', '<f8', '<i4', '<i8'), atomically (temporary file + rename).
/// MLIR: `@nrt_write_npy_f32(memref<?xi8>, memref<*xf32>)`, etc.
NRT_API void _mlir_ciface_nrt_write_npy_f32(NRT_MEMREF(char, 1) * path,
                                            NrtUnrankedMemRef *tensor);
NRT_API void _mlir_ciface_nrt_write_npy_f64(NRT_MEMREF(char, 1) * path,
                                            NrtUnrankedMemRef *tensor);
NRT_API void _mlir_ciface_nrt_write_npy_i32(NRT_MEMREF(char, 1) * path,
                                            NrtUnrankedMemRef *tensor);
NRT_API void _mlir_ciface_nrt_write_npy_i64(NRT_MEMREF(char, 1) * path,
                                            NrtUnrankedMemRef *tensor);

/// Reads a numeric CSV file: fields separated by ',', optionally quoted with
/// '"', surrounded by optional spaces; blank lines are skipped. The first
/// non-blank line is a header (and skipped) if any of its fields is not a
/// number. Every row must have as many fields as the first data row. A 2-D
/// result has shape [rows, columns]; a 1-D result needs one column (shape
/// [rows]) or one row (shape [columns]). Integer results need integer
/// fields. Errors give the line number and byte offset.
/// MLIR: `@nrt_read_csv_f32_2d(memref<?xi8>) -> memref<?x?xf32>`, etc.
#define NRT_DECLARE_READ_CSV(SUFFIX, T, R)                                     \
  NRT_API void _mlir_ciface_nrt_read_csv_##SUFFIX##_##R##d(                    \
      NRT_MEMREF(T, R) * result, NRT_MEMREF(char, 1) * path);
NRT_DECLARE_READ_CSV(f32, float, 1)
NRT_DECLARE_READ_CSV(f32, float, 2)
NRT_DECLARE_READ_CSV(f64, double, 1)
NRT_DECLARE_READ_CSV(f64, double, 2)
NRT_DECLARE_READ_CSV(i32, int32_t, 1)
NRT_DECLARE_READ_CSV(i32, int32_t, 2)
NRT_DECLARE_READ_CSV(i64, int64_t, 1)
NRT_DECLARE_READ_CSV(i64, int64_t, 2)
#undef NRT_DECLARE_READ_CSV

//===----------------------------------------------------------------------===//
// Checkpoints in safetensors format (Safetensors.cpp)
//===----------------------------------------------------------------------===//
//
// File layout: an 8-byte little-endian header length N, N bytes of JSON
// `{"__metadata__": {...}, "<name>": {"dtype": "F32", "shape": [..],
// "data_offsets": [begin, end]}, ...}` padded with spaces so the data starts
// at a multiple of 8, then the tensor data (little-endian, C order, offsets
// relative to the start of the data). Files load with the `safetensors`
// package (PyTorch, NumPy, JAX).

/// Starts a checkpoint that will be written to `path`. Tensors added with
/// `nrt_ckpt_add_*` are copied into memory; nothing touches the disk until
/// `nrt_ckpt_commit`. MLIR: `@nrt_ckpt_open_write(memref<?xi8>) -> !llvm.ptr`.
NRT_API void *nrt_ckpt_open_write(const char *path, int64_t len);
NRT_API void *_mlir_ciface_nrt_ckpt_open_write(NRT_MEMREF(char, 1) * path);

/// Adds a tensor (any rank, any strides; copied to C order) under `name`
/// with dtype F32, F64, I32, I64 or BOOL. A repeated name is an error.
/// MLIR: `@nrt_ckpt_add_f32(!llvm.ptr, memref<?xi8>, memref<*xf32>)`, etc.
NRT_API void _mlir_ciface_nrt_ckpt_add_f32(void *ckpt,
                                           NRT_MEMREF(char, 1) * name,
                                           NrtUnrankedMemRef *tensor);
NRT_API void _mlir_ciface_nrt_ckpt_add_f64(void *ckpt,
                                           NRT_MEMREF(char, 1) * name,
                                           NrtUnrankedMemRef *tensor);
NRT_API void _mlir_ciface_nrt_ckpt_add_i32(void *ckpt,
                                           NRT_MEMREF(char, 1) * name,
                                           NrtUnrankedMemRef *tensor);
NRT_API void _mlir_ciface_nrt_ckpt_add_i64(void *ckpt,
                                           NRT_MEMREF(char, 1) * name,
                                           NrtUnrankedMemRef *tensor);
NRT_API void _mlir_ciface_nrt_ckpt_add_i1(void *ckpt,
                                          NRT_MEMREF(char, 1) * name,
                                          NrtUnrankedMemRef *tensor);

/// Adds a string entry to the header's `__metadata__` (a later value for
/// the same key replaces the earlier one). `format: pt` is always written.
NRT_API void nrt_ckpt_add_metadata(void *ckpt, const char *key, int64_t keyLen,
                                   const char *value, int64_t valueLen);
NRT_API void _mlir_ciface_nrt_ckpt_add_metadata(void *ckpt,
                                                NRT_MEMREF(char, 1) * key,
                                                NRT_MEMREF(char, 1) * value);

/// Writes the checkpoint and releases the handle. The data goes to
/// `<path>.tmp.<pid>` in the same directory, which is fsync'ed and renamed
/// over `path`; then the directory is fsync'ed. A process killed at any
/// point leaves either the previous file or the complete new one at `path`.
/// Tensors are stored by decreasing element size, then by name (as the
/// reference `safetensors` writer does), so every tensor is aligned.
/// Also `_mlir_ciface_nrt_ckpt_commit`.
NRT_API void nrt_ckpt_commit(void *ckpt);
NRT_API void _mlir_ciface_nrt_ckpt_commit(void *ckpt);

/// Opens a checkpoint for reading and validates its header: length within
/// the file, well-formed JSON, known dtypes, shapes whose element count
/// matches the byte size, offsets inside the data and not overlapping.
/// MLIR: `@nrt_ckpt_open_read(memref<?xi8>) -> !llvm.ptr`.
NRT_API void *nrt_ckpt_open_read(const char *path, int64_t len);
NRT_API void *_mlir_ciface_nrt_ckpt_open_read(NRT_MEMREF(char, 1) * path);

/// Whether the checkpoint holds a tensor called `name`.
NRT_API bool nrt_ckpt_has(void *ckpt, const char *name, int64_t len);
NRT_API bool _mlir_ciface_nrt_ckpt_has(void *ckpt, NRT_MEMREF(char, 1) * name);

/// Reads tensor `name` into the caller's buffer `out` (any strides). Fails
/// if there is no such tensor (listing the names there are), if its shape is
/// not the shape of `out` (naming both), or if its dtype does not convert:
/// F16/BF16/F32/F64 read into f32 and f64; I8..I64/U8..U64/BOOL read into
/// i32 and i64 (values must fit); BOOL (or integers, as != 0) into i1.
/// MLIR: `@nrt_ckpt_read_f32(!llvm.ptr, memref<?xi8>, memref<*xf32>)`, etc.
NRT_API void _mlir_ciface_nrt_ckpt_read_f32(void *ckpt,
                                            NRT_MEMREF(char, 1) * name,
                                            NrtUnrankedMemRef *out);
NRT_API void _mlir_ciface_nrt_ckpt_read_f64(void *ckpt,
                                            NRT_MEMREF(char, 1) * name,
                                            NrtUnrankedMemRef *out);
NRT_API void _mlir_ciface_nrt_ckpt_read_i32(void *ckpt,
                                            NRT_MEMREF(char, 1) * name,
                                            NrtUnrankedMemRef *out);
NRT_API void _mlir_ciface_nrt_ckpt_read_i64(void *ckpt,
                                            NRT_MEMREF(char, 1) * name,
                                            NrtUnrankedMemRef *out);
NRT_API void _mlir_ciface_nrt_ckpt_read_i1(void *ckpt,
                                           NRT_MEMREF(char, 1) * name,
                                           NrtUnrankedMemRef *out);

/// The form that allocates the result, for programs that know the rank but
/// maybe not every size: reads tensor `name` into a new buffer. `expected`
/// holds R sizes, -1 where any size is accepted; a tensor of another rank or
/// size is an error naming both shapes (`[784, ?]`). Dtypes convert as for
/// `nrt_ckpt_read_f32`. R is 0 to 8; T is f32, f64, i32, i64 or i1.
/// MLIR: `@nrt_ckpt_read_f32_2(i64, memref<?xi8>, memref<?xi64>) ->
///   memref<?x?xf32>` (the handle may be declared i64 or !llvm.ptr).
#define NRT_DECLARE_CKPT_READ_RANK(SUFFIX, T, R)                               \
  NRT_API void _mlir_ciface_nrt_ckpt_read_##SUFFIX##_##R(                      \
      NRT_MEMREF(T, R) * result, void *ckpt, NRT_MEMREF(char, 1) * name,       \
      NRT_MEMREF(int64_t, 1) * expected);
#define NRT_DECLARE_CKPT_READ_RANKS(SUFFIX, T)                                 \
  NRT_DECLARE_CKPT_READ_RANK(SUFFIX, T, 0)                                     \
  NRT_DECLARE_CKPT_READ_RANK(SUFFIX, T, 1)                                     \
  NRT_DECLARE_CKPT_READ_RANK(SUFFIX, T, 2)                                     \
  NRT_DECLARE_CKPT_READ_RANK(SUFFIX, T, 3)                                     \
  NRT_DECLARE_CKPT_READ_RANK(SUFFIX, T, 4)                                     \
  NRT_DECLARE_CKPT_READ_RANK(SUFFIX, T, 5)                                     \
  NRT_DECLARE_CKPT_READ_RANK(SUFFIX, T, 6)                                     \
  NRT_DECLARE_CKPT_READ_RANK(SUFFIX, T, 7)                                     \
  NRT_DECLARE_CKPT_READ_RANK(SUFFIX, T, 8)
NRT_DECLARE_CKPT_READ_RANKS(f32, float)
NRT_DECLARE_CKPT_READ_RANKS(f64, double)
NRT_DECLARE_CKPT_READ_RANKS(i32, int32_t)
NRT_DECLARE_CKPT_READ_RANKS(i64, int64_t)
NRT_DECLARE_CKPT_READ_RANKS(i1, uint8_t)
#undef NRT_DECLARE_CKPT_READ_RANKS
#undef NRT_DECLARE_CKPT_READ_RANK

/// Closes a checkpoint opened for reading. Also `_mlir_ciface_nrt_ckpt_close`.
NRT_API void nrt_ckpt_close(void *ckpt);
NRT_API void _mlir_ciface_nrt_ckpt_close(void *ckpt);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // NRT_IO_H

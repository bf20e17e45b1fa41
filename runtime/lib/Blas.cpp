//===- Blas.cpp - Matrix products through OpenBLAS ------------------------===//
//
// `nrt_matmul_{f32,f64}`: C = op(A) @ op(B) for 2-D strided views, as
// generated code calls them (a fresh, caller-owned result). Views whose rows or
// columns are contiguous go to GEMM directly (as transposes where needed);
// others are packed first.
//
//===----------------------------------------------------------------------===//

#include "nrt/nrt.h"

#include <cblas.h>

#include <cstring>
#include <utility>

namespace {
/// How a strided 2-D view is handed to GEMM: its data pointer, whether it
/// is transposed, and its leading dimension; `packed` owns a copy if needed.
template <typename T> struct GemmOperand {
  const T *data = nullptr;
  bool transposed = false;
  int64_t ld = 1;
  T *packed = nullptr;
  ~GemmOperand() { nrt_free(packed); }
};

template <typename T>
void prepare(const NrtMemRef<T, 2> &m, GemmOperand<T> &op) {
  int64_t rows = m.sizes[0], cols = m.sizes[1];
  const T *base = m.aligned + m.offset;
  if (m.strides[1] == 1 && m.strides[0] >= (cols > 1 ? cols : 1)) {
    op.data = base;
    op.ld = m.strides[0] > 0 ? m.strides[0] : 1;
    return;
  }
  if (m.strides[0] == 1 && m.strides[1] >= (rows > 1 ? rows : 1)) {
    op.data = base;
    op.transposed = true;
    op.ld = m.strides[1] > 0 ? m.strides[1] : 1;
    return;
  }
  // Broadcast or otherwise strided views: copy to a dense row-major block.
  op.packed = static_cast<T *>(nrt_alloc((rows * cols + 1) * sizeof(T)));
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      op.packed[i * cols + j] = base[i * m.strides[0] + j * m.strides[1]];
  op.data = op.packed;
  op.ld = cols > 0 ? cols : 1;
}

template <typename T>
void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int64_t m, int64_t n,
          int64_t k, const T *a, int64_t lda, const T *b, int64_t ldb, T *c,
          int64_t ldc);

template <>
void gemm<float>(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int64_t m, int64_t n,
                 int64_t k, const float *a, int64_t lda, const float *b,
                 int64_t ldb, float *c, int64_t ldc) {
  cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, 1.0f, a, lda, b, ldb, 0.0f, c,
              ldc);
}

template <>
void gemm<double>(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int64_t m, int64_t n,
                  int64_t k, const double *a, int64_t lda, const double *b,
                  int64_t ldb, double *c, int64_t ldc) {
  cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, 1.0, a, lda, b, ldb, 0.0, c, ldc);
}

/// The transpose of a 2-D view, as a view (no copy).
template <typename T> NrtMemRef<T, 2> transposed(const NrtMemRef<T, 2> &v) {
  NrtMemRef<T, 2> t = v;
  std::swap(t.sizes[0], t.sizes[1]);
  std::swap(t.strides[0], t.strides[1]);
  return t;
}

template <typename T>
void matmul(NrtMemRef<T, 2> *result, NrtMemRef<T, 2> *aIn, NrtMemRef<T, 2> *bIn,
            int64_t transA, int64_t transB) {
  NrtMemRef<T, 2> aView = transA ? transposed(*aIn) : *aIn;
  NrtMemRef<T, 2> bView = transB ? transposed(*bIn) : *bIn;
  NrtMemRef<T, 2> *a = &aView, *b = &bView;
  int64_t m = a->sizes[0], k = a->sizes[1], n = b->sizes[1];
  if (b->sizes[0] != k)
    nrt_fatal("matrix product of shapes [%lld, %lld] and [%lld, %lld]: the "
              "inner dimensions differ",
              static_cast<long long>(m), static_cast<long long>(k),
              static_cast<long long>(b->sizes[0]), static_cast<long long>(n));
  T *c = static_cast<T *>(nrt_alloc((m * n > 0 ? m * n : 1) * sizeof(T)));
  result->allocated = c;
  result->aligned = c;
  result->offset = 0;
  result->sizes[0] = m;
  result->sizes[1] = n;
  result->strides[0] = n;
  result->strides[1] = 1;
  if (m == 0 || n == 0)
    return;
  if (k == 0) {
    std::memset(c, 0, m * n * sizeof(T));
    return;
  }
  GemmOperand<T> opA, opB;
  prepare(*a, opA);
  prepare(*b, opB);
  gemm<T>(opA.transposed ? CblasTrans : CblasNoTrans,
          opB.transposed ? CblasTrans : CblasNoTrans, m, n, k, opA.data, opA.ld,
          opB.data, opB.ld, c, n);
}
} // namespace

// C = op(A) @ op(B), where op transposes when the flag is non-zero (the
// compiler folds `transpose` into the product this way).
extern "C" NRT_API void _mlir_ciface_nrt_matmul_f32(NrtMemRef<float, 2> *result,
                                                    NrtMemRef<float, 2> *a,
                                                    NrtMemRef<float, 2> *b,
                                                    int64_t transA,
                                                    int64_t transB) {
  matmul(result, a, b, transA, transB);
}

extern "C" NRT_API void
_mlir_ciface_nrt_matmul_f64(NrtMemRef<double, 2> *result,
                            NrtMemRef<double, 2> *a, NrtMemRef<double, 2> *b,
                            int64_t transA, int64_t transB) {
  matmul(result, a, b, transA, transB);
}

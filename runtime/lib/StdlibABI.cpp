//===- StdlibABI.cpp - Entry points of the standard library's extern fns --===//
//
// `extern fn` declarations in stdlib/*.nabla call `nrt_<module>_<name>`.
// Their arguments arrive as the compiler passes tensors: strings first (as
// `memref<?xi8>`), then every other argument as a memref descriptor (a
// scalar is a rank-0 memref); a result comes back through the first
// pointer, in a buffer the runtime allocates and the caller frees.
//
//===----------------------------------------------------------------------===//

#include "nrt/nrt.h"

#include <vector>

namespace {
template <typename T> void setScalar(NrtMemRef<T, 0> *result, T value) {
  T *p = static_cast<T *>(nrt_alloc(sizeof(T)));
  *p = value;
  result->allocated = p;
  result->aligned = p;
  result->offset = 0;
}

template <typename T> T scalarOf(const NrtMemRef<T, 0> *m) {
  return m->aligned[m->offset];
}

const char *textOf(const NrtMemRef<char, 1> *s) {
  return s->aligned + s->offset;
}
} // namespace

//===----------------------------------------------------------------------===//
// args: program options (`--name=value`)
//===----------------------------------------------------------------------===//

extern "C" NRT_API void _mlir_ciface_nrt_args_int(NrtMemRef<int64_t, 0> *result,
                                                  NrtMemRef<char, 1> *name,
                                                  NrtMemRef<int64_t, 0> *dflt) {
  setScalar(result, nrt_arg_i64(textOf(name), name->sizes[0], scalarOf(dflt)));
}

extern "C" NRT_API void
_mlir_ciface_nrt_args_float(NrtMemRef<double, 0> *result,
                            NrtMemRef<char, 1> *name,
                            NrtMemRef<double, 0> *dflt) {
  setScalar(result, nrt_arg_f64(textOf(name), name->sizes[0], scalarOf(dflt)));
}

extern "C" NRT_API void _mlir_ciface_nrt_args_flag(NrtMemRef<bool, 0> *result,
                                                   NrtMemRef<char, 1> *name) {
  setScalar(result, nrt_arg_flag(textOf(name), name->sizes[0]));
}

//===----------------------------------------------------------------------===//
// data: shuffling
//===----------------------------------------------------------------------===//

extern "C" NRT_API void
_mlir_ciface_nrt_data_permutation(NrtMemRef<int64_t, 1> *result,
                                  NrtMemRef<int64_t, 0> *key,
                                  NrtMemRef<int64_t, 0> *n) {
  int64_t count = scalarOf(n);
  if (count < 0)
    nrt_fatal("data.permutation: negative size %lld",
              static_cast<long long>(count));
  auto *p = static_cast<int64_t *>(nrt_alloc((count + 1) * sizeof(int64_t)));
  result->allocated = p;
  result->aligned = p;
  result->offset = 0;
  result->sizes[0] = count;
  result->strides[0] = 1;
  NrtUnrankedMemRef out{1, result};
  _mlir_ciface_nrt_random_permutation_i64(scalarOf(key), &out);
}

//===----------------------------------------------------------------------===//
// progress: a progress bar (drawn only on a terminal)
//===----------------------------------------------------------------------===//

extern "C" NRT_API void
_mlir_ciface_nrt_progress_start(NrtMemRef<int64_t, 0> *result,
                                NrtMemRef<char, 1> *label,
                                NrtMemRef<int64_t, 0> *total) {
  void *bar =
      nrt_progress_begin(scalarOf(total), textOf(label), label->sizes[0]);
  setScalar(result, static_cast<int64_t>(reinterpret_cast<intptr_t>(bar)));
}

extern "C" NRT_API void
_mlir_ciface_nrt_progress_update(NrtMemRef<int64_t, 0> *bar,
                                 NrtMemRef<float, 0> *loss) {
  nrt_progress_step(
      reinterpret_cast<void *>(static_cast<intptr_t>(scalarOf(bar))),
      static_cast<double>(scalarOf(loss)));
}

extern "C" NRT_API void
_mlir_ciface_nrt_progress_finish(NrtMemRef<int64_t, 0> *bar) {
  nrt_progress_end(
      reinterpret_cast<void *>(static_cast<intptr_t>(scalarOf(bar))));
}

//===----------------------------------------------------------------------===//
// time: a monotonic clock
//===----------------------------------------------------------------------===//

extern "C" NRT_API void
_mlir_ciface_nrt_time_now(NrtMemRef<double, 0> *result) {
  setScalar(result, nrt_time_seconds());
}

//===----------------------------------------------------------------------===//
// args.choice and core.check
//===----------------------------------------------------------------------===//

extern "C" NRT_API void _mlir_ciface_nrt_args_choice(
    NrtMemRef<int64_t, 0> *result, NrtMemRef<char, 1> *name,
    NrtMemRef<char, 1> *choices, NrtMemRef<char, 1> *dflt) {
  setScalar(result,
            nrt_arg_choice(textOf(name), name->sizes[0], textOf(choices),
                           choices->sizes[0], textOf(dflt), dflt->sizes[0]));
}

extern "C" NRT_API void _mlir_ciface_nrt_core_check(NrtMemRef<char, 1> *message,
                                                    NrtMemRef<bool, 0> *cond) {
  if (!scalarOf(cond))
    nrt_fatal("%.*s", static_cast<int>(message->sizes[0]), textOf(message));
}

//===----------------------------------------------------------------------===//
// linalg: dense solves and the tridiagonal eigenproblem (Linalg.cpp)
//===----------------------------------------------------------------------===//

namespace {
/// A contiguous copy of a strided f64 tensor of rank R.
template <int R> std::vector<double> contiguous(const NrtMemRef<double, R> *m) {
  int64_t count = 1;
  for (int d = 0; d < R; ++d)
    count *= m->sizes[d];
  std::vector<double> out(static_cast<size_t>(count));
  for (int64_t flat = 0; flat < count; ++flat) {
    int64_t rest = flat, offset = m->offset;
    for (int d = R - 1; d >= 0; --d) {
      offset += (rest % m->sizes[d]) * m->strides[d];
      rest /= m->sizes[d];
    }
    out[static_cast<size_t>(flat)] = m->aligned[offset];
  }
  return out;
}

template <int R>
double *allocResult(NrtMemRef<double, R> *result, const int64_t (&sizes)[R]) {
  int64_t count = 1;
  for (int d = R - 1; d >= 0; --d) {
    result->sizes[d] = sizes[d];
    result->strides[d] = count;
    count *= sizes[d];
  }
  auto *p = static_cast<double *>(nrt_alloc((count + 1) * sizeof(double)));
  result->allocated = p;
  result->aligned = p;
  result->offset = 0;
  return p;
}
} // namespace

extern "C" NRT_API void
_mlir_ciface_nrt_linalg_solve(NrtMemRef<double, 1> *result,
                              NrtMemRef<double, 2> *a,
                              NrtMemRef<double, 1> *b) {
  int64_t n = a->sizes[0];
  if (a->sizes[1] != n || b->sizes[0] != n)
    nrt_fatal("linalg.solve: the matrix is %lldx%lld and the right-hand side "
              "has %lld elements; it needs a square matrix of their size",
              static_cast<long long>(a->sizes[0]),
              static_cast<long long>(a->sizes[1]),
              static_cast<long long>(b->sizes[0]));
  std::vector<double> matrix = contiguous(a), rhs = contiguous(b);
  double *x = allocResult(result, {n});
  nrt_linalg_solve(matrix.data(), rhs.data(), x, n, "linalg.solve");
}

extern "C" NRT_API void
_mlir_ciface_nrt_linalg_eigh_tridiagonal(NrtMemRef<double, 2> *result,
                                         NrtMemRef<double, 1> *diag,
                                         NrtMemRef<double, 1> *off) {
  int64_t n = diag->sizes[0];
  if (off->sizes[0] + 1 < n)
    nrt_fatal("linalg.eigh_tridiagonal: %lld diagonal values need at least "
              "%lld off-diagonal values, found %lld",
              static_cast<long long>(n), static_cast<long long>(n - 1),
              static_cast<long long>(off->sizes[0]));
  std::vector<double> d = contiguous(diag), e = contiguous(off);
  std::vector<double> values(static_cast<size_t>(n)), weights(values.size());
  nrt_linalg_eigh_tridiagonal(d.data(), e.data(), values.data(), weights.data(),
                              n);
  double *out = allocResult(result, {n, 2});
  for (int64_t i = 0; i < n; ++i) {
    out[2 * i] = values[static_cast<size_t>(i)];
    out[2 * i + 1] = weights[static_cast<size_t>(i)];
  }
}

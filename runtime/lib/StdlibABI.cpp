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

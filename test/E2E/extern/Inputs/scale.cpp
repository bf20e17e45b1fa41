//===- scale.cpp - A user's library for test/E2E/extern -------------------===//
//
// Defines the extern functions of user_extern.nabla through the runtime's C
// interface: results are allocated with nrt_alloc (the program frees them).
//
//===----------------------------------------------------------------------===//

#include "nrt/nrt.h"
#include <cstring>
extern "C" void _mlir_ciface_scale(NrtMemRef<float, 1> *result,
                                   NrtMemRef<float, 1> *x,
                                   NrtMemRef<double, 0> *factor) {
  int64_t n = x->sizes[0];
  auto *out = static_cast<float *>(nrt_alloc(n * sizeof(float)));
  for (int64_t i = 0; i < n; ++i)
    out[i] =
        x->aligned[x->offset + i * x->strides[0]] * float(*factor->aligned);
  *result = {out, out, 0, {n}, {1}};
}
extern "C" void _mlir_ciface_count_bytes(NrtMemRef<int64_t, 0> *result,
                                         NrtMemRef<char, 1> *path) {
  auto *out = static_cast<int64_t *>(nrt_alloc(sizeof(int64_t)));
  *out = path->sizes[0];
  *result = {out, out, 0};
}

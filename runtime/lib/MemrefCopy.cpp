//===- MemrefCopy.cpp - memref.copy of strided memrefs --------------------===//
//
// `memrefCopy`, the function MLIR's memref-to-llvm lowering calls to copy
// memrefs that are not contiguous. Same symbol and semantics as in
// mlir/lib/ExecutionEngine/CRunnerUtils.cpp, so AOT binaries need no MLIR
// runtime library.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <cstring>
#include <vector>

using namespace nrt;

extern "C" void memrefCopy(int64_t elemSize, NrtUnrankedMemRef *srcArg,
                           NrtUnrankedMemRef *dstArg) {
  StridedView src = viewOf(srcArg, elemSize);
  StridedView dst = viewOf(dstArg, elemSize);
  int64_t rank = src.rank;
  for (int64_t i = 0; i < rank; ++i)
    if (src.sizes[i] == 0)
      return;
  if (rank == 0) {
    std::memcpy(dst.data, src.data, static_cast<size_t>(elemSize));
    return;
  }
  if (src.isContiguous() && dst.isContiguous()) {
    std::memmove(dst.data, src.data,
                 static_cast<size_t>(src.numElements() * elemSize));
    return;
  }
  // Walk the outer rank-1 axes; copy the innermost axis as one block when
  // both sides are dense along it.
  int64_t inner = src.sizes[rank - 1];
  bool innerDense = src.strides[rank - 1] == 1 && dst.strides[rank - 1] == 1;
  std::vector<int64_t> index(static_cast<size_t>(rank), 0);
  int64_t srcOff = 0, dstOff = 0; // in elements
  for (;;) {
    if (innerDense) {
      std::memcpy(dst.data + dstOff * elemSize, src.data + srcOff * elemSize,
                  static_cast<size_t>(inner * elemSize));
    } else {
      for (int64_t i = 0; i < inner; ++i)
        std::memcpy(dst.data + (dstOff + i * dst.strides[rank - 1]) * elemSize,
                    src.data + (srcOff + i * src.strides[rank - 1]) * elemSize,
                    static_cast<size_t>(elemSize));
    }
    int64_t axis = rank - 2;
    for (; axis >= 0; --axis) {
      srcOff += src.strides[axis];
      dstOff += dst.strides[axis];
      if (++index[axis] < src.sizes[axis])
        break;
      srcOff -= src.strides[axis] * src.sizes[axis];
      dstOff -= dst.strides[axis] * src.sizes[axis];
      index[axis] = 0;
    }
    if (axis < 0)
      return;
  }
}

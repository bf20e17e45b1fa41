//===- Broadcast.cpp - NumPy broadcasting of tensor shapes ----------------===//
//
// Implements the broadcast shape rule declared in nabla/IR/Broadcast.h.
//
//===----------------------------------------------------------------------===//

#include "nabla/IR/Broadcast.h"

#include "mlir/IR/BuiltinTypeInterfaces.h"

#include <algorithm>

using namespace mlir;

FailureOr<SmallVector<int64_t>>
mlir::nabla::broadcastShapes(ArrayRef<int64_t> lhs, ArrayRef<int64_t> rhs) {
  size_t rank = std::max(lhs.size(), rhs.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    // Walk from the right; a missing dimension behaves like 1.
    int64_t l = i < lhs.size() ? lhs[lhs.size() - 1 - i] : 1;
    int64_t r = i < rhs.size() ? rhs[rhs.size() - 1 - i] : 1;
    int64_t &out = result[rank - 1 - i];
    if (l == r || r == 1)
      out = l;
    else if (l == 1)
      out = r;
    else if (ShapedType::isDynamic(l))
      out = r;
    else if (ShapedType::isDynamic(r))
      out = l;
    else
      return failure();
  }
  return result;
}

bool mlir::nabla::isBroadcastableTo(ArrayRef<int64_t> from,
                                    ArrayRef<int64_t> to) {
  if (from.size() > to.size())
    return false;
  ArrayRef<int64_t> aligned = to.take_back(from.size());
  for (auto [f, t] : llvm::zip_equal(from, aligned)) {
    if (f == t || f == 1 || ShapedType::isDynamic(f) ||
        ShapedType::isDynamic(t))
      continue;
    return false;
  }
  return true;
}

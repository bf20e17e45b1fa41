//===- Broadcast.h - NumPy broadcasting of tensor shapes --------*- C++ -*-===//
//
// The shape rule shared by the broadcasting ops, their verifiers, shape
// inference, autodiff (reducing adjoints back to operand shapes) and lowering.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_IR_BROADCAST_H
#define NABLA_IR_BROADCAST_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::nabla {

/// Broadcasts two shapes with the NumPy rule: dimensions are aligned on the
/// right and the shorter shape is padded with 1s on the left. Two dimensions
/// are compatible if they are equal, if either is 1, or if either is dynamic
/// (`ShapedType::kDynamic`). The result dimension is the one that is not 1; it
/// is dynamic if both are dynamic, or if one is dynamic and the other is 1.
/// Returns failure if some pair of dimensions is incompatible.
FailureOr<SmallVector<int64_t>> broadcastShapes(ArrayRef<int64_t> lhs,
                                                ArrayRef<int64_t> rhs);

/// Returns true if a tensor of shape `from` can be broadcast to shape `to`:
/// `from` has no more dimensions than `to`, and each dimension of `from`
/// (aligned on the right) is 1, dynamic, or equal to the one of `to` or the
/// one of `to` is dynamic.
bool isBroadcastableTo(ArrayRef<int64_t> from, ArrayRef<int64_t> to);

} // namespace mlir::nabla

#endif // NABLA_IR_BROADCAST_H

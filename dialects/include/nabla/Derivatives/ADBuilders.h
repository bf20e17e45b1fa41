//===- ADBuilders.h - Builders shared by AD rules and driver -*- C++ -*-===//
//
// Small builders for derivative code: zeros, broadcasting elementwise
// arithmetic that computes its own result type, summing an adjoint back to an
// operand shape, and expanding a reduced tensor back to its input shape.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_DERIVATIVES_ADBUILDERS_H
#define NABLA_DERIVATIVES_ADBUILDERS_H

#include "nabla/IR/NablaOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"

namespace mlir::nabla::ad {

/// Returns true if `type` is a ranked tensor of floats: the only values that
/// carry tangents and adjoints.
bool isDifferentiableType(Type type);

/// A rank-0 constant tensor of `elementType` holding `value`.
Value scalarConstant(OpBuilder &b, Location loc, Type elementType,
                     double value);

/// The `index` sizes of the dynamic dimensions of the tensor `like`, in order
/// (one `tensor.dim` each).
SmallVector<Value> dynamicSizesOf(OpBuilder &b, Location loc, Value like);

/// A tensor of zeros with the type of `like`. A static shape gives a splat
/// constant; a dynamic one a `nabla.splat` sized by `tensor.dim` of `like`.
/// Scalars of integer, index or float type give an `arith.constant` zero.
Value zerosLike(OpBuilder &b, Location loc, Value like);

/// Returns `value` if it is non-null, else zeros like `like`.
Value orZeros(OpBuilder &b, Location loc, Value value, Value like);

/// Casts `value` to `type` with `tensor.cast` when the types differ (they
/// must differ only in static versus dynamic sizes).
Value castTo(OpBuilder &b, Location loc, Value value, Type type);

/// Broadcasts `value` to the shape of `like` (sizes from `like`), keeping its
/// element type. Shapes that differ only in `?` versus static sizes are
/// treated as equal and get a cast.
Value broadcastLike(OpBuilder &b, Location loc, Value value, Value like);

/// Sums `adjoint` over the axes along which a tensor of type `target` was
/// broadcast to the adjoint's shape: the extra leading axes, and the axes
/// where `target` has size 1 and the adjoint does not. A `?` against a `?`
/// (or a static size) counts as equal sizes: no sum, only a cast.
Value sumToType(OpBuilder &b, Location loc, Value adjoint,
                RankedTensorType target);

/// Elementwise ops with NumPy broadcasting; the result type is the broadcast
/// of the operand types. Either operand of `add` may be null (zero).
Value add(OpBuilder &b, Location loc, Value lhs, Value rhs);
Value sub(OpBuilder &b, Location loc, Value lhs, Value rhs);
Value mul(OpBuilder &b, Location loc, Value lhs, Value rhs);
Value div(OpBuilder &b, Location loc, Value lhs, Value rhs);
Value pow(OpBuilder &b, Location loc, Value lhs, Value rhs);
Value neg(OpBuilder &b, Location loc, Value value);
Value cmp(OpBuilder &b, Location loc, CmpPredicate predicate, Value lhs,
          Value rhs);
Value select(OpBuilder &b, Location loc, Value cond, Value onTrue,
             Value onFalse);

/// Converts `value` elementwise to `elementType`.
Value convertTo(OpBuilder &b, Location loc, Value value, Type elementType);

/// `nabla.reduce_sum` over `axes` (sorted).
Value reduceSum(OpBuilder &b, Location loc, Value value, ArrayRef<int64_t> axes,
                bool keepdims);

/// Broadcasts `reduced`, the result of reducing `input` over `axes` (with or
/// without `keepdims`), back to the type of `input`.
Value expandReduced(OpBuilder &b, Location loc, Value reduced, Value input,
                    ArrayRef<int64_t> axes, bool keepdims);

/// `nabla.transpose` by `permutation`; returns `value` for the identity.
Value transpose(OpBuilder &b, Location loc, Value value,
                ArrayRef<int64_t> permutation);

} // namespace mlir::nabla::ad

#endif // NABLA_DERIVATIVES_ADBUILDERS_H

//===- LoweringUtils.h - Helpers shared by nabla lowerings ------*- C++ -*-===//
//
// Building linalg.generic ops over broadcasting operands, empty tensors with
// dynamic sizes, and neutral scalars.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_CONVERSION_LOWERINGUTILS_H
#define NABLA_LIB_CONVERSION_LOWERINGUTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mlir::nabla {

using ScalarBodyFn =
    function_ref<Value(OpBuilder &, Location, ValueRange /*scalar args*/)>;

/// The map from the iteration space of a result of type `result` to the
/// elements of a broadcasting `operand` (NumPy rule: right-aligned, size-1
/// dimensions read element 0).
AffineMap broadcastIndexingMap(RankedTensorType operand,
                               RankedTensorType result);

/// The sizes of the dynamic dimensions of `result`, read from operands that
/// broadcast to it.
SmallVector<Value> broadcastDynamicSizes(OpBuilder &b, Location loc,
                                         RankedTensorType result,
                                         ValueRange operands);

/// All sizes of `value` as index values (constants where static).
SmallVector<OpFoldResult> tensorSizes(OpBuilder &b, Location loc, Value value);

/// The dynamic sizes of `value`'s type, as index values.
SmallVector<Value> dynamicSizesOf(OpBuilder &b, Location loc, Value value);

/// `linalg.generic` computing `body` elementwise over broadcasting operands.
Value buildElementwise(OpBuilder &b, Location loc, RankedTensorType result,
                       ValueRange operands, ScalarBodyFn body);

/// A scalar constant of `type` (float or integer).
Value scalarConstant(OpBuilder &b, Location loc, Type type, double value);

/// Largest finite / -inf style bounds for max/min reductions.
Value lowestValue(OpBuilder &b, Location loc, Type type);
Value highestValue(OpBuilder &b, Location loc, Type type);

/// Converts a scalar between element types with NumPy semantics.
Value convertScalar(OpBuilder &b, Location loc, Value v, Type to);

/// Extracts the i64 scalar of a rank-0 tensor and casts it to index.
Value scalarTensorToIndex(OpBuilder &b, Location loc, Value tensor);

} // namespace mlir::nabla

#endif // NABLA_LIB_CONVERSION_LOWERINGUTILS_H

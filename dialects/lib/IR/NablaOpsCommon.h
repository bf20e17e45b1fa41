//===- NablaOpsCommon.h - Helpers shared by the op verifiers ----*- C++ -*-===//
//
// Private to dialects/lib/IR: diagnostics helpers used by the verifiers of
// several op families.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_IR_NABLAOPSCOMMON_H
#define NABLA_LIB_IR_NABLAOPSCOMMON_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

#include <string>

namespace mlir::nabla::detail {

/// Formats a shape as `[4, ?, 3]` for diagnostics.
std::string formatShape(ArrayRef<int64_t> shape);

/// Formats an integer list (axes, indices) as `[1, 0]` for diagnostics.
std::string formatList(ArrayRef<int64_t> values);

/// Reports `<what> <value> is out of range for rank <rank>` unless
/// 0 <= value < rank.
LogicalResult verifyAxis(Operation *op, int64_t value, int64_t rank,
                         StringRef what = "axis");

/// Checks that there is one `index` operand per dynamic dimension of `type`.
LogicalResult verifyDynamicSizes(Operation *op, ValueRange dynamicSizes,
                                 RankedTensorType type);

/// Checks that `type` has exactly the shape `expected`: equal rank, and each
/// dimension equal, dynamic dimensions included.
LogicalResult verifyResultShape(Operation *op, ArrayRef<int64_t> expected,
                                RankedTensorType type);

} // namespace mlir::nabla::detail

#endif // NABLA_LIB_IR_NABLAOPSCOMMON_H

//===- NablaOps.cpp - Nabla creation, elementwise and random ops ----------===//
//
// Verifiers and folders of the creation, elementwise and random ops, the
// helpers shared by all op verifiers, and the generated op definitions.
// Reduction, contraction and shape ops are in NablaShapeOps.cpp; transform
// and I/O ops in NablaTransformOps.cpp and NablaIOOps.cpp.
//
//===----------------------------------------------------------------------===//

#include "nabla/IR/NablaOps.h"

#include "NablaOpsCommon.h"
#include "nabla/IR/Broadcast.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::nabla;
using namespace mlir::nabla::detail;

//===----------------------------------------------------------------------===//
// Shared verifier helpers
//===----------------------------------------------------------------------===//

std::string mlir::nabla::detail::formatShape(ArrayRef<int64_t> shape) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(shape, os, [&](int64_t dim) {
    if (ShapedType::isDynamic(dim))
      os << '?';
    else
      os << dim;
  });
  os << ']';
  return text;
}

std::string mlir::nabla::detail::formatList(ArrayRef<int64_t> values) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(values, os);
  os << ']';
  return text;
}

LogicalResult mlir::nabla::detail::verifyAxis(Operation *op, int64_t value,
                                              int64_t rank, StringRef what) {
  if (value >= 0 && value < rank)
    return success();
  return op->emitOpError() << what << " " << value
                           << " is out of range for rank " << rank;
}

LogicalResult mlir::nabla::detail::verifyDynamicSizes(Operation *op,
                                                      ValueRange dynamicSizes,
                                                      RankedTensorType type) {
  int64_t expected = type.getNumDynamicDims();
  if (static_cast<int64_t>(dynamicSizes.size()) == expected)
    return success();
  return op->emitOpError() << "expected " << expected
                           << " dynamic sizes for result type " << type
                           << ", found " << dynamicSizes.size();
}

LogicalResult mlir::nabla::detail::verifyResultShape(Operation *op,
                                                     ArrayRef<int64_t> expected,
                                                     RankedTensorType type) {
  if (type.getShape() == expected)
    return success();
  return op->emitOpError() << "expected result shape " << formatShape(expected)
                           << ", found " << formatShape(type.getShape());
}

//===----------------------------------------------------------------------===//
// BroadcastsOperands trait
//===----------------------------------------------------------------------===//

LogicalResult
mlir::OpTrait::nabla::impl::verifyBroadcastsOperands(Operation *op) {
  // ODS type constraints, verified before this trait, make every operand and
  // the result a ranked tensor.
  SmallVector<int64_t> shape;
  for (Type type : op->getOperandTypes()) {
    FailureOr<SmallVector<int64_t>> joined = mlir::nabla::broadcastShapes(
        shape, cast<RankedTensorType>(type).getShape());
    if (succeeded(joined)) {
      shape = std::move(*joined);
      continue;
    }
    InFlightDiagnostic diag = op->emitOpError() << "operand shapes ";
    unsigned numOperands = op->getNumOperands();
    for (auto [i, operandType] : llvm::enumerate(op->getOperandTypes())) {
      if (i > 0)
        diag << (i + 1 == numOperands ? " and " : ", ");
      diag << formatShape(cast<RankedTensorType>(operandType).getShape());
    }
    return diag << " are not broadcast-compatible";
  }
  return verifyResultShape(op, shape,
                           cast<RankedTensorType>(op->getResult(0).getType()));
}

//===----------------------------------------------------------------------===//
// Creation ops
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// IotaOp
//===----------------------------------------------------------------------===//

LogicalResult GeluOp::verify() {
  if (getApproximate() != "none" && getApproximate() != "tanh")
    return emitOpError("approximate must be \"none\" or \"tanh\", found \"")
           << getApproximate() << "\"";
  return success();
}

LogicalResult IotaOp::verify() {
  RankedTensorType type = getType();
  if (failed(verifyAxis(*this, getDimension(), type.getRank(), "dimension")))
    return failure();
  return verifyDynamicSizes(*this, getDynamicSizes(), type);
}

//===----------------------------------------------------------------------===//
// SplatOp
//===----------------------------------------------------------------------===//

LogicalResult SplatOp::verify() {
  return verifyDynamicSizes(*this, getDynamicSizes(), getType());
}

//===----------------------------------------------------------------------===//
// Elementwise binary ops
//===----------------------------------------------------------------------===//

/// Returns true if `attr` is a splat elements attribute whose every element
/// equals `value` (0 or 1). Any float zero counts, so `x + -0.0` folds too.
static bool isSplatOf(Attribute attr, int64_t value) {
  auto elements = dyn_cast_if_present<DenseElementsAttr>(attr);
  if (!elements || !elements.isSplat())
    return false;
  if (isa<FloatType>(elements.getElementType())) {
    APFloat splat = elements.getSplatValue<APFloat>();
    return value == 0 ? splat.isZero()
                      : splat.isExactlyValue(static_cast<double>(value));
  }
  if (isa<IntegerType>(elements.getElementType())) {
    APInt splat = elements.getSplatValue<APInt>();
    return value == 0 ? splat.isZero() : splat.isOne();
  }
  return false;
}

/// Folds `op(x, c)` to `x` when `c` is a splat of `value` and `x` already has
/// the result type, so that broadcasting `c` cannot change the shape. With
/// `commutative`, `op(c, x)` folds too.
static OpFoldResult foldIdentityOperand(Operation *op, Value lhs, Value rhs,
                                        Attribute lhsAttr, Attribute rhsAttr,
                                        int64_t value, bool commutative) {
  Type resultType = op->getResult(0).getType();
  if (lhs.getType() == resultType && isSplatOf(rhsAttr, value))
    return lhs;
  if (commutative && rhs.getType() == resultType && isSplatOf(lhsAttr, value))
    return rhs;
  return {};
}

//===----------------------------------------------------------------------===//
// AddOp
//===----------------------------------------------------------------------===//

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  return foldIdentityOperand(*this, getLhs(), getRhs(), adaptor.getLhs(),
                             adaptor.getRhs(), /*value=*/0,
                             /*commutative=*/true);
}

//===----------------------------------------------------------------------===//
// MulOp
//===----------------------------------------------------------------------===//

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  return foldIdentityOperand(*this, getLhs(), getRhs(), adaptor.getLhs(),
                             adaptor.getRhs(), /*value=*/1,
                             /*commutative=*/true);
}

//===----------------------------------------------------------------------===//
// SubOp
//===----------------------------------------------------------------------===//

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  return foldIdentityOperand(*this, getLhs(), getRhs(), adaptor.getLhs(),
                             adaptor.getRhs(), /*value=*/0,
                             /*commutative=*/false);
}

//===----------------------------------------------------------------------===//
// Elementwise unary ops
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// ConvertOp
//===----------------------------------------------------------------------===//

OpFoldResult ConvertOp::fold(FoldAdaptor) {
  if (getOperand().getType() == getType())
    return getOperand();
  return {};
}

//===----------------------------------------------------------------------===//
// StopGradientOp
//===----------------------------------------------------------------------===//

OpFoldResult StopGradientOp::fold(FoldAdaptor) {
  // stop_gradient is idempotent: stop_gradient(stop_gradient(x)) is the inner
  // stop_gradient(x).
  if (getOperand().getDefiningOp<StopGradientOp>())
    return getOperand();
  return {};
}

//===----------------------------------------------------------------------===//
// Random ops
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// RandomNormalOp
//===----------------------------------------------------------------------===//

LogicalResult RandomNormalOp::verify() {
  return verifyDynamicSizes(*this, getDynamicSizes(), getType());
}

//===----------------------------------------------------------------------===//
// RandomUniformOp
//===----------------------------------------------------------------------===//

LogicalResult RandomUniformOp::verify() {
  return verifyDynamicSizes(*this, getDynamicSizes(), getType());
}

//===----------------------------------------------------------------------===//
// Generated definitions
//===----------------------------------------------------------------------===//

#include "nabla/IR/NablaOpsEnums.cpp.inc"

#define GET_OP_CLASSES
#include "nabla/IR/NablaOps.cpp.inc"

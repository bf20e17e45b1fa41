//===- NablaShapeOps.cpp - Nabla reduction, contraction and shape ops -----===//
//
// Verifiers (the shape rules) and folders of the reduction, contraction and
// shape ops of the nabla dialect.
//
//===----------------------------------------------------------------------===//

#include "nabla/IR/NablaOps.h"

#include "NablaOpsCommon.h"
#include "nabla/IR/Broadcast.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace mlir::nabla;
using namespace mlir::nabla::detail;

/// Returns the shape of `shape` reduced over the sorted `axes`: reduced
/// dimensions are dropped, or kept with size 1 when `keepdims` is set.
static SmallVector<int64_t>
reducedShape(ArrayRef<int64_t> shape, ArrayRef<int64_t> axes, bool keepdims) {
  SmallVector<int64_t> result;
  for (auto [dim, size] : llvm::enumerate(shape)) {
    if (!llvm::is_contained(axes, static_cast<int64_t>(dim)))
      result.push_back(size);
    else if (keepdims)
      result.push_back(1);
  }
  return result;
}

/// Verifies `attrName` has `rank` entries.
static LogicalResult verifyListSize(Operation *op, StringRef attrName,
                                    ArrayRef<int64_t> values, int64_t rank) {
  if (static_cast<int64_t>(values.size()) == rank)
    return success();
  return op->emitOpError() << "expected '" << attrName << "' of size " << rank
                           << " (the operand rank), found " << values.size();
}

/// Returns the size of a dimension that must agree between two shapes: the
/// static one if either is static.
static int64_t joinDims(int64_t lhs, int64_t rhs) {
  return ShapedType::isDynamic(lhs) ? rhs : lhs;
}

/// Returns true if two dimension sizes may be equal at run time.
static bool dimsAgree(int64_t lhs, int64_t rhs) {
  return lhs == rhs || ShapedType::isDynamic(lhs) || ShapedType::isDynamic(rhs);
}

//===----------------------------------------------------------------------===//
// Reduction ops
//===----------------------------------------------------------------------===//

/// Shared verifier of reduce_sum, reduce_mean, reduce_max and reduce_min.
template <typename OpTy> static LogicalResult verifyReduceOp(OpTy op) {
  ArrayRef<int64_t> inputShape = op.getInput().getType().getShape();
  int64_t rank = inputShape.size();
  ArrayRef<int64_t> axes = op.getAxes();
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (failed(verifyAxis(op, axis, rank)))
      return failure();
    if (i > 0 && axes[i - 1] >= axis)
      return op.emitOpError() << "expected 'axes' to be sorted and unique, "
                                 "found "
                              << formatList(axes);
  }
  return verifyResultShape(op, reducedShape(inputShape, axes, op.getKeepdims()),
                           op.getType());
}

//===----------------------------------------------------------------------===//
// ArgmaxOp
//===----------------------------------------------------------------------===//

LogicalResult ArgmaxOp::verify() {
  ArrayRef<int64_t> inputShape = getInput().getType().getShape();
  int64_t axis = getAxis();
  if (failed(verifyAxis(*this, axis, inputShape.size())))
    return failure();
  return verifyResultShape(*this, reducedShape(inputShape, axis, getKeepdims()),
                           getType());
}

//===----------------------------------------------------------------------===//
// LogSoftmaxOp
//===----------------------------------------------------------------------===//

LogicalResult LogSoftmaxOp::verify() {
  return verifyAxis(*this, getAxis(), getType().getRank());
}

//===----------------------------------------------------------------------===//
// ReduceMaxOp
//===----------------------------------------------------------------------===//

LogicalResult ReduceMaxOp::verify() { return verifyReduceOp(*this); }

//===----------------------------------------------------------------------===//
// ReduceMeanOp
//===----------------------------------------------------------------------===//

LogicalResult ReduceMeanOp::verify() { return verifyReduceOp(*this); }

//===----------------------------------------------------------------------===//
// ReduceMinOp
//===----------------------------------------------------------------------===//

LogicalResult ReduceMinOp::verify() { return verifyReduceOp(*this); }

//===----------------------------------------------------------------------===//
// ReduceSumOp
//===----------------------------------------------------------------------===//

LogicalResult ReduceSumOp::verify() { return verifyReduceOp(*this); }

//===----------------------------------------------------------------------===//
// SoftmaxOp
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxOp::verify() {
  return verifyAxis(*this, getAxis(), getType().getRank());
}

//===----------------------------------------------------------------------===//
// Contraction ops
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::verify() {
  ArrayRef<int64_t> lhs = getLhs().getType().getShape();
  ArrayRef<int64_t> rhs = getRhs().getType().getShape();
  int64_t rank = lhs.size();
  if ((rank != 2 && rank != 3) || static_cast<int64_t>(rhs.size()) != rank)
    return emitOpError() << "expected operands of equal rank 2 or 3, found "
                            "ranks "
                         << lhs.size() << " and " << rhs.size();
  SmallVector<int64_t> expected;
  if (rank == 3) {
    if (!dimsAgree(lhs[0], rhs[0]))
      return emitOpError() << "batch dimensions do not match: lhs shape "
                           << formatShape(lhs) << " and rhs shape "
                           << formatShape(rhs);
    expected.push_back(joinDims(lhs[0], rhs[0]));
  }
  if (!dimsAgree(lhs[rank - 1], rhs[rank - 2]))
    return emitOpError() << "contracting dimensions do not match: lhs shape "
                         << formatShape(lhs) << " and rhs shape "
                         << formatShape(rhs);
  expected.push_back(lhs[rank - 2]);
  expected.push_back(rhs[rank - 1]);
  return verifyResultShape(*this, expected, getType());
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// BroadcastToOp
//===----------------------------------------------------------------------===//

LogicalResult BroadcastToOp::verify() {
  RankedTensorType resultType = getType();
  if (failed(verifyDynamicSizes(*this, getDynamicSizes(), resultType)))
    return failure();
  ArrayRef<int64_t> operandShape = getOperand().getType().getShape();
  if (!isBroadcastableTo(operandShape, resultType.getShape()))
    return emitOpError() << "operand shape " << formatShape(operandShape)
                         << " cannot be broadcast to result shape "
                         << formatShape(resultType.getShape());
  return success();
}

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::verify() {
  // SameOperandsAndResultElementType has checked there is an input.
  auto firstType = cast<RankedTensorType>(getInputs().front().getType());
  int64_t rank = firstType.getRank();
  int64_t axis = getAxis();
  if (failed(verifyAxis(*this, axis, rank)))
    return failure();

  SmallVector<int64_t> expected(firstType.getShape());
  for (auto [i, input] : llvm::enumerate(getInputs())) {
    auto type = cast<RankedTensorType>(input.getType());
    if (type.getRank() != rank)
      return emitOpError() << "expected all inputs to have rank " << rank
                           << ", found rank " << type.getRank() << " for input "
                           << i;
    if (i == 0)
      continue;
    for (auto [dim, size] : llvm::enumerate(type.getShape())) {
      int64_t &joined = expected[dim];
      if (static_cast<int64_t>(dim) == axis) {
        joined = ShapedType::isDynamic(joined) || ShapedType::isDynamic(size)
                     ? ShapedType::kDynamic
                     : joined + size;
        continue;
      }
      if (!dimsAgree(joined, size))
        return emitOpError() << "expected dimension " << dim << " of input "
                             << i << " to be " << joined << ", found " << size;
      joined = joinDims(joined, size);
    }
  }
  return verifyResultShape(*this, expected, getType());
}

//===----------------------------------------------------------------------===//
// DynamicSliceOp
//===----------------------------------------------------------------------===//

LogicalResult DynamicSliceOp::verify() {
  ArrayRef<int64_t> shape = getOperand().getType().getShape();
  int64_t rank = shape.size();
  if (static_cast<int64_t>(getStartIndices().size()) != rank)
    return emitOpError() << "expected " << rank
                         << " start indices (the operand rank), found "
                         << getStartIndices().size();
  ArrayRef<int64_t> sizes = getSliceSizes();
  if (failed(verifyListSize(*this, "slice_sizes", sizes, rank)))
    return failure();
  for (auto [dim, size] : llvm::enumerate(sizes)) {
    bool fits = ShapedType::isDynamic(shape[dim]) || size <= shape[dim];
    if (size < 0 || !fits)
      return emitOpError() << "slice size " << size
                           << " is out of range for dimension " << dim
                           << " of shape " << formatShape(shape);
  }
  return verifyResultShape(*this, sizes, getType());
}

//===----------------------------------------------------------------------===//
// DynamicUpdateSliceOp
//===----------------------------------------------------------------------===//

LogicalResult DynamicUpdateSliceOp::verify() {
  ArrayRef<int64_t> shape = getOperand().getType().getShape();
  ArrayRef<int64_t> updateShape = getUpdate().getType().getShape();
  int64_t rank = shape.size();
  if (static_cast<int64_t>(updateShape.size()) != rank)
    return emitOpError() << "expected update of rank " << rank
                         << " (the operand rank), found rank "
                         << updateShape.size();
  if (static_cast<int64_t>(getStartIndices().size()) != rank)
    return emitOpError() << "expected " << rank
                         << " start indices (the operand rank), found "
                         << getStartIndices().size();
  for (auto [dim, sizes] :
       llvm::enumerate(llvm::zip_equal(updateShape, shape))) {
    auto [updateSize, size] = sizes;
    if (!ShapedType::isDynamic(updateSize) && !ShapedType::isDynamic(size) &&
        updateSize > size)
      return emitOpError() << "update shape " << formatShape(updateShape)
                           << " does not fit in operand shape "
                           << formatShape(shape) << " in dimension " << dim;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// OneHotOp
//===----------------------------------------------------------------------===//

LogicalResult OneHotOp::verify() {
  int64_t depth = getDepth();
  if (depth <= 0)
    return emitOpError() << "expected a positive 'depth', found " << depth;
  SmallVector<int64_t> expected(getLabels().getType().getShape());
  expected.push_back(depth);
  return verifyResultShape(*this, expected, getType());
}

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  RankedTensorType operandType = getOperand().getType();
  RankedTensorType resultType = getType();
  int64_t numDynamic = resultType.getNumDynamicDims();
  if (numDynamic > 1)
    return emitOpError()
           << "expected at most one dynamic dimension in the result, found "
           << numDynamic;
  if (!operandType.hasStaticShape())
    return success();

  int64_t count = operandType.getNumElements();
  if (numDynamic == 0) {
    if (resultType.getNumElements() != count)
      return emitOpError() << "expected result shape "
                           << formatShape(resultType.getShape()) << " to have "
                           << count << " elements like operand shape "
                           << formatShape(operandType.getShape()) << ", found "
                           << resultType.getNumElements();
    return success();
  }
  // One dynamic result dimension: the static ones must divide the count.
  int64_t staticCount = 1;
  for (int64_t size : resultType.getShape())
    if (!ShapedType::isDynamic(size))
      staticCount *= size;
  if (staticCount != 0 && count % staticCount != 0)
    return emitOpError() << "operand shape "
                         << formatShape(operandType.getShape()) << " (" << count
                         << " elements) cannot be reshaped to result "
                         << "shape " << formatShape(resultType.getShape());
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getOperand().getType() == getType())
    return getOperand();
  // reshape(reshape(x)) is reshape(x): only the final shape matters.
  if (auto inner = getOperand().getDefiningOp<ReshapeOp>()) {
    Value source = inner.getOperand();
    if (source.getType() == getType())
      return source;
    getOperandMutable().assign(source);
    return getResult();
  }
  return {};
}

/// The shape of take's result and of scatter_add's updates: the operand's
/// shape with dimension `axis` replaced by the shape of the indices.
static FailureOr<SmallVector<int64_t>> gatheredShape(Operation *op,
                                                     ShapedType operand,
                                                     int64_t axis,
                                                     ShapedType indices) {
  ArrayRef<int64_t> shape = operand.getShape();
  if (failed(verifyAxis(op, axis, shape.size())))
    return failure();
  SmallVector<int64_t> gathered(shape.take_front(axis));
  llvm::append_range(gathered, indices.getShape());
  llvm::append_range(gathered, shape.drop_front(axis + 1));
  return gathered;
}

//===----------------------------------------------------------------------===//
// ScatterAddOp
//===----------------------------------------------------------------------===//

LogicalResult ScatterAddOp::verify() {
  FailureOr<SmallVector<int64_t>> gathered = gatheredShape(
      *this, getOperand().getType(), getAxis(), getIndices().getType());
  if (failed(gathered))
    return failure();
  SmallVector<int64_t> expected = std::move(*gathered);
  ArrayRef<int64_t> updates = getUpdates().getType().getShape();
  bool matches = updates.size() == expected.size();
  for (size_t dim = 0; matches && dim < expected.size(); ++dim)
    matches = dimsAgree(updates[dim], expected[dim]);
  if (!matches)
    return emitOpError() << "expected updates of shape "
                         << formatShape(expected) << ", found "
                         << formatShape(updates);
  return success();
}

//===----------------------------------------------------------------------===//
// SliceOp
//===----------------------------------------------------------------------===//

LogicalResult SliceOp::verify() {
  ArrayRef<int64_t> shape = getOperand().getType().getShape();
  int64_t rank = shape.size();
  ArrayRef<int64_t> starts = getStartIndices();
  ArrayRef<int64_t> limits = getLimitIndices();
  ArrayRef<int64_t> strides = getStrides();
  if (failed(verifyListSize(*this, "start_indices", starts, rank)) ||
      failed(verifyListSize(*this, "limit_indices", limits, rank)) ||
      failed(verifyListSize(*this, "strides", strides, rank)))
    return failure();

  SmallVector<int64_t> expected;
  for (int64_t dim = 0; dim < rank; ++dim) {
    int64_t start = starts[dim], limit = limits[dim], stride = strides[dim];
    if (stride < 1)
      return emitOpError() << "expected a positive stride in dimension " << dim
                           << ", found " << stride;
    if (start < 0 || limit < start)
      return emitOpError() << "expected 0 <= start <= limit in dimension "
                           << dim << ", found start " << start << " and limit "
                           << limit;
    if (!ShapedType::isDynamic(shape[dim]) && limit > shape[dim])
      return emitOpError() << "limit " << limit
                           << " is out of range for dimension " << dim
                           << " of size " << shape[dim];
    expected.push_back(llvm::divideCeil(limit - start, stride));
  }

  ArrayRef<int64_t> resultShape = getType().getShape();
  bool matches = static_cast<int64_t>(resultShape.size()) == rank;
  for (int64_t dim = 0; matches && dim < rank; ++dim)
    matches = ShapedType::isDynamic(resultShape[dim]) ||
              resultShape[dim] == expected[dim];
  if (!matches)
    return emitOpError() << "expected result shape " << formatShape(expected)
                         << ", found " << formatShape(resultShape);
  return success();
}

//===----------------------------------------------------------------------===//
// TakeOp
//===----------------------------------------------------------------------===//

LogicalResult TakeOp::verify() {
  FailureOr<SmallVector<int64_t>> gathered = gatheredShape(
      *this, getOperand().getType(), getAxis(), getIndices().getType());
  if (failed(gathered))
    return failure();
  SmallVector<int64_t> expected = std::move(*gathered);
  return verifyResultShape(*this, expected, getType());
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

static bool isIdentityPermutation(ArrayRef<int64_t> permutation) {
  for (auto [i, dim] : llvm::enumerate(permutation))
    if (dim != static_cast<int64_t>(i))
      return false;
  return true;
}

LogicalResult TransposeOp::verify() {
  ArrayRef<int64_t> shape = getOperand().getType().getShape();
  int64_t rank = shape.size();
  ArrayRef<int64_t> permutation = getPermutation();
  if (failed(verifyListSize(*this, "permutation", permutation, rank)))
    return failure();
  llvm::SmallBitVector seen(rank);
  for (int64_t dim : permutation) {
    if (dim < 0 || dim >= rank || seen.test(dim))
      return emitOpError() << "expected 'permutation' to be a permutation of "
                              "0.."
                           << rank - 1 << ", found " << formatList(permutation);
    seen.set(dim);
  }
  SmallVector<int64_t> expected;
  for (int64_t dim : permutation)
    expected.push_back(shape[dim]);
  return verifyResultShape(*this, expected, getType());
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  ArrayRef<int64_t> permutation = getPermutation();
  if (isIdentityPermutation(permutation) && getOperand().getType() == getType())
    return getOperand();
  // transpose(transpose(x, inner), outer) is transpose(x, inner o outer):
  // result dimension i is dimension inner[outer[i]] of x.
  if (auto inner = getOperand().getDefiningOp<TransposeOp>()) {
    ArrayRef<int64_t> innerPermutation = inner.getPermutation();
    SmallVector<int64_t> composed;
    for (int64_t dim : permutation)
      composed.push_back(innerPermutation[dim]);
    Value source = inner.getOperand();
    if (isIdentityPermutation(composed) && source.getType() == getType())
      return source;
    getOperandMutable().assign(source);
    setPermutation(composed);
    return getResult();
  }
  return {};
}

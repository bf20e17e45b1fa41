//===- Tape.cpp - Per-iteration storage for reverse-mode loops ------------===//
//
// Implements the tape helpers declared in Tape.h.
//
//===----------------------------------------------------------------------===//

#include "Tape.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

#include <algorithm>

using namespace mlir;

Value nabla::ad::buildTripCount(OpBuilder &b, Location loc, Value lowerBound,
                                Value upperBound, Value step) {
  std::optional<int64_t> lb = getConstantIntValue(lowerBound);
  std::optional<int64_t> ub = getConstantIntValue(upperBound);
  std::optional<int64_t> st = getConstantIntValue(step);
  if (lb && ub && st && *st > 0) {
    // `for %i = 0 to N step 1` runs N times.
    if (*lb == 0 && *st == 1 && *ub >= 0)
      return upperBound;
    int64_t count = std::max<int64_t>(0, llvm::divideCeil(*ub - *lb, *st));
    return arith::ConstantIndexOp::create(b, loc, count);
  }
  Value span = arith::SubIOp::create(b, loc, upperBound, lowerBound);
  Value count = arith::CeilDivSIOp::create(b, loc, span, step);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  return arith::MaxSIOp::create(b, loc, count, zero);
}

Value nabla::ad::buildTape(OpBuilder &b, Location loc, Value like,
                           Value count) {
  std::optional<int64_t> staticCount = getConstantIntValue(count);
  SmallVector<int64_t> shape{staticCount ? *staticCount : ShapedType::kDynamic};
  SmallVector<Value> sizes;
  if (!staticCount)
    sizes.push_back(count);
  Type elementType = like.getType();
  if (auto type = dyn_cast<RankedTensorType>(like.getType())) {
    elementType = type.getElementType();
    for (auto [dim, size] : llvm::enumerate(type.getShape())) {
      shape.push_back(size);
      if (ShapedType::isDynamic(size))
        sizes.push_back(tensor::DimOp::create(b, loc, like, dim));
    }
  }
  return tensor::EmptyOp::create(b, loc, shape, elementType, sizes);
}

/// Offsets, sizes and strides of entry `index` of `tape`, whose entries have
/// the sizes of `entry` (dimension d of an entry is dimension d + 1 of the
/// tape).
static void entrySlice(OpBuilder &b, Location loc, Value tape, Value index,
                       SmallVectorImpl<OpFoldResult> &offsets,
                       SmallVectorImpl<OpFoldResult> &sizes,
                       SmallVectorImpl<OpFoldResult> &strides) {
  auto type = cast<RankedTensorType>(tape.getType());
  offsets.assign(type.getRank(), b.getIndexAttr(0));
  offsets[0] = index;
  strides.assign(type.getRank(), b.getIndexAttr(1));
  sizes.push_back(b.getIndexAttr(1));
  for (int64_t dim = 1; dim < type.getRank(); ++dim) {
    int64_t size = type.getDimSize(dim);
    if (ShapedType::isDynamic(size))
      sizes.push_back(tensor::DimOp::create(b, loc, tape, dim).getResult());
    else
      sizes.push_back(b.getIndexAttr(size));
  }
}

Value nabla::ad::pushToTape(OpBuilder &b, Location loc, Value tape, Value value,
                            Value index) {
  if (!isa<RankedTensorType>(value.getType()))
    return tensor::InsertOp::create(b, loc, value, tape, index);
  SmallVector<OpFoldResult> offsets, sizes, strides;
  entrySlice(b, loc, tape, index, offsets, sizes, strides);
  return tensor::InsertSliceOp::create(b, loc, value, tape, offsets, sizes,
                                       strides);
}

Value nabla::ad::readFromTape(OpBuilder &b, Location loc, Value tape, Type type,
                              Value index) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType)
    return tensor::ExtractOp::create(b, loc, tape, index);
  SmallVector<OpFoldResult> offsets, sizes, strides;
  entrySlice(b, loc, tape, index, offsets, sizes, strides);
  return tensor::ExtractSliceOp::create(b, loc, tensorType, tape, offsets,
                                        sizes, strides);
}

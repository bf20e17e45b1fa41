//===- LoweringUtils.cpp - Helpers shared by nabla lowerings --------------===//
//
// Broadcast indexing maps, empty tensors, neutral scalars and conversions.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "nabla/Conversion/RuntimeCalls.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"

#include <limits>

using namespace mlir;
using namespace mlir::nabla;

AffineMap mlir::nabla::broadcastIndexingMap(RankedTensorType operand,
                                            RankedTensorType result) {
  MLIRContext *ctx = operand.getContext();
  int64_t rank = result.getRank(), opRank = operand.getRank();
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < opRank; ++i) {
    int64_t j = i + (rank - opRank);
    if (operand.getDimSize(i) == 1 && result.getDimSize(j) != 1)
      exprs.push_back(getAffineConstantExpr(0, ctx));
    else
      exprs.push_back(getAffineDimExpr(j, ctx));
  }
  return AffineMap::get(rank, 0, exprs, ctx);
}

SmallVector<Value> mlir::nabla::broadcastDynamicSizes(OpBuilder &b,
                                                      Location loc,
                                                      RankedTensorType result,
                                                      ValueRange operands) {
  SmallVector<Value> sizes;
  int64_t rank = result.getRank();
  for (int64_t j = 0; j < rank; ++j) {
    if (!result.isDynamicDim(j))
      continue;
    Value size;
    for (Value operand : operands) {
      auto type = cast<RankedTensorType>(operand.getType());
      int64_t i = j - (rank - type.getRank());
      if (i < 0 || type.getDimSize(i) == 1)
        continue;
      size = tensor::DimOp::create(b, loc, operand, i);
      break;
    }
    if (!size) // every operand has size 1 there
      size = arith::ConstantIndexOp::create(b, loc, 1);
    sizes.push_back(size);
  }
  return sizes;
}

SmallVector<OpFoldResult> mlir::nabla::tensorSizes(OpBuilder &b, Location loc,
                                                   Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<OpFoldResult> sizes;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (type.isDynamicDim(i))
      sizes.push_back(tensor::DimOp::create(b, loc, value, i).getResult());
    else
      sizes.push_back(b.getIndexAttr(type.getDimSize(i)));
  }
  return sizes;
}

SmallVector<Value> mlir::nabla::dynamicSizesOf(OpBuilder &b, Location loc,
                                               Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<Value> sizes;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      sizes.push_back(tensor::DimOp::create(b, loc, value, i));
  return sizes;
}

/// Stops the program when a size known only at run time differs from the
/// size of the result in that dimension: such sizes do not broadcast, and
/// the generic would read past the end of the smaller operand.
static void checkRunTimeSizes(OpBuilder &b, Location loc,
                              RankedTensorType result, ValueRange operands,
                              ArrayRef<Value> dynamicSizes) {
  int64_t rank = result.getRank();
  unsigned nextDynamic = 0;
  for (int64_t j = 0; j < rank; ++j) {
    Value want =
        result.isDynamicDim(j)
            ? dynamicSizes[nextDynamic++]
            : arith::ConstantIndexOp::create(b, loc, result.getDimSize(j))
                  .getResult();
    for (Value operand : operands) {
      auto type = cast<RankedTensorType>(operand.getType());
      int64_t i = j - (rank - type.getRank());
      if (i < 0 || !type.isDynamicDim(i))
        continue;
      Value size = tensor::DimOp::create(b, loc, operand, i);
      if (size == want)
        continue;
      Value same =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, size, want);
      emitRuntimeCheck(b, loc, same,
                       "sizes {0} and {1} of dimension " + std::to_string(j) +
                           " do not match (sizes known only at run time must "
                           "be equal: they do not broadcast)",
                       ValueRange{size, want});
    }
  }
}

Value mlir::nabla::buildElementwise(OpBuilder &b, Location loc,
                                    RankedTensorType result,
                                    ValueRange operands, ScalarBodyFn body) {
  SmallVector<Value> sizes = broadcastDynamicSizes(b, loc, result, operands);
  checkRunTimeSizes(b, loc, result, operands, sizes);
  Value init = tensor::EmptyOp::create(b, loc, result.getShape(),
                                       result.getElementType(), sizes);
  SmallVector<AffineMap> maps;
  for (Value operand : operands)
    maps.push_back(broadcastIndexingMap(
        cast<RankedTensorType>(operand.getType()), result));
  maps.push_back(b.getMultiDimIdentityMap(result.getRank()));
  SmallVector<utils::IteratorType> iterators(result.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{result}, operands, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value v = body(nb, nloc, args.drop_back());
        linalg::YieldOp::create(nb, nloc, v);
      });
  return generic.getResult(0);
}

Value mlir::nabla::scalarConstant(OpBuilder &b, Location loc, Type type,
                                  double value) {
  if (auto ft = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(ft, value));
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(type, static_cast<int64_t>(value)));
}

Value mlir::nabla::lowestValue(OpBuilder &b, Location loc, Type type) {
  if (auto ft = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc, b.getFloatAttr(ft, -std::numeric_limits<double>::infinity()));
  unsigned width = type.getIntOrFloatBitWidth();
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(type, APInt::getSignedMinValue(width)));
}

Value mlir::nabla::highestValue(OpBuilder &b, Location loc, Type type) {
  if (auto ft = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc, b.getFloatAttr(ft, std::numeric_limits<double>::infinity()));
  unsigned width = type.getIntOrFloatBitWidth();
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(type, APInt::getSignedMaxValue(width)));
}

Value mlir::nabla::convertScalar(OpBuilder &b, Location loc, Value v, Type to) {
  Type from = v.getType();
  if (from == to)
    return v;
  bool fromFloat = isa<FloatType>(from), toFloat = isa<FloatType>(to);
  bool fromBool = from.isInteger(1), toBool = to.isInteger(1);
  if (toBool) {
    if (fromFloat)
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, v,
                                   scalarConstant(b, loc, from, 0));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, v,
                                 scalarConstant(b, loc, from, 0));
  }
  if (fromFloat && toFloat) {
    if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth())
      return arith::ExtFOp::create(b, loc, to, v);
    return arith::TruncFOp::create(b, loc, to, v);
  }
  if (!fromFloat && toFloat) {
    if (fromBool)
      return arith::UIToFPOp::create(b, loc, to, v);
    return arith::SIToFPOp::create(b, loc, to, v);
  }
  if (fromFloat && !toFloat)
    return arith::FPToSIOp::create(b, loc, to, v);
  if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth()) {
    if (fromBool)
      return arith::ExtUIOp::create(b, loc, to, v);
    return arith::ExtSIOp::create(b, loc, to, v);
  }
  return arith::TruncIOp::create(b, loc, to, v);
}

Value mlir::nabla::scalarTensorToIndex(OpBuilder &b, Location loc,
                                       Value tensor) {
  Value scalar = tensor::ExtractOp::create(b, loc, tensor, ValueRange{});
  return arith::IndexCastOp::create(b, loc, b.getIndexType(), scalar);
}

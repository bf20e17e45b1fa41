//===- IndexCheckPatterns.cpp - Run-time index checks to scalar code ------===//
//
// `nabla.check_index` becomes a comparison of the index (or of the smallest
// and largest of a tensor of indices) with the dimension's size, and a call
// that stops the program with a located error when it is out of range.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "nabla/Conversion/Passes.h"
#include "nabla/Conversion/RuntimeCalls.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::nabla;

/// The smallest and the largest entry of an integer tensor, as i64 (the
/// largest i64 and the smallest for an empty tensor).
static std::pair<Value, Value> indexRange(OpBuilder &b, Location loc,
                                          Value indices) {
  auto type = cast<RankedTensorType>(indices.getType());
  Type i64 = b.getI64Type();
  auto scalar = RankedTensorType::get({}, i64);
  Value emptyScalar = tensor::EmptyOp::create(b, loc, scalar, ValueRange{});
  Value lo =
      linalg::FillOp::create(b, loc, highestValue(b, loc, i64), emptyScalar)
          .getResult(0);
  Value hi =
      linalg::FillOp::create(b, loc, lowestValue(b, loc, i64), emptyScalar)
          .getResult(0);
  int64_t rank = type.getRank();
  SmallVector<AffineMap> maps{b.getMultiDimIdentityMap(rank),
                              AffineMap::get(rank, 0, {}, b.getContext()),
                              AffineMap::get(rank, 0, {}, b.getContext())};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::reduction);
  auto reduce = linalg::GenericOp::create(
      b, loc, TypeRange{scalar, scalar}, ValueRange{indices},
      ValueRange{lo, hi}, maps, iterators,
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value v = args[0];
        if (v.getType() != i64)
          v = arith::ExtSIOp::create(nb, l, i64, v);
        Value newLo = arith::MinSIOp::create(nb, l, args[1], v);
        Value newHi = arith::MaxSIOp::create(nb, l, args[2], v);
        linalg::YieldOp::create(nb, l, ValueRange{newLo, newHi});
      });
  Value min = tensor::ExtractOp::create(b, loc, reduce.getResult(0));
  Value max = tensor::ExtractOp::create(b, loc, reduce.getResult(1));
  return {min, max};
}

namespace {
struct CheckIndexLowering : OpConversionPattern<CheckIndexOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CheckIndexOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value indices = adaptor.getIndices();
    auto type = cast<RankedTensorType>(indices.getType());
    Type i64 = rewriter.getI64Type();
    int64_t axis = op.getAxis();
    Value size = arith::IndexCastOp::create(
        rewriter, loc, i64,
        tensor::DimOp::create(rewriter, loc, adaptor.getOperand(), axis));
    Value zero = arith::ConstantIntOp::create(rewriter, loc, i64, 0);
    Value span = arith::ConstantIntOp::create(rewriter, loc, i64, op.getSpan());
    std::string dimension =
        "dimension " + std::to_string(axis) + " of size {1}";

    if (type.getRank() != 0) {
      // Every index of a gather: only the extremes can be out of range.
      auto [min, max] = indexRange(rewriter, loc, indices);
      Value lowOk = arith::CmpIOp::create(rewriter, loc,
                                          arith::CmpIPredicate::sge, min, zero);
      Value highOk = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::slt, max, size);
      Value ok = arith::AndIOp::create(rewriter, loc, lowOk, highOk);
      Value bad = arith::SelectOp::create(rewriter, loc, lowOk, max, min);
      emitRuntimeCheck(rewriter, loc, ok,
                       "index {0} of 'take' is out of range for " + dimension,
                       ValueRange{bad, size});
      rewriter.replaceOp(op, indices);
      return success();
    }

    Value index = tensor::ExtractOp::create(rewriter, loc, indices);
    if (index.getType() != i64)
      index = arith::ExtSIOp::create(rewriter, loc, i64, index);
    Value checked = index;
    if (op.getWrap()) {
      Value negative = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::slt, index, zero);
      Value fromEnd = arith::AddIOp::create(rewriter, loc, index, size);
      checked =
          arith::SelectOp::create(rewriter, loc, negative, fromEnd, index);
    }
    Value end = arith::AddIOp::create(rewriter, loc, checked, span);
    Value lowOk = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::sge, checked, zero);
    Value highOk = arith::CmpIOp::create(rewriter, loc,
                                         arith::CmpIPredicate::sle, end, size);
    Value ok = arith::AndIOp::create(rewriter, loc, lowOk, highOk);
    if (op.getSpan() == 1)
      emitRuntimeCheck(rewriter, loc, ok,
                       "index {0} is out of range for " + dimension,
                       ValueRange{index, size});
    else
      emitRuntimeCheck(
          rewriter, loc, ok, "slice {0}..{2} is out of range for " + dimension,
          ValueRange{index, size,
                     arith::AddIOp::create(rewriter, loc, index, span)});
    if (type.getElementType() != i64)
      checked = arith::TruncIOp::create(rewriter, loc, type.getElementType(),
                                        checked);
    rewriter.replaceOpWithNewOp<tensor::FromElementsOp>(op, type, checked);
    return success();
  }
};
} // namespace

void mlir::nabla::populateIndexCheckLoweringPatterns(
    RewritePatternSet &patterns) {
  patterns.add<CheckIndexLowering>(patterns.getContext());
}

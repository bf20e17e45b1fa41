//===- ReductionPatterns.cpp - Reductions to linalg -----------------------===//
//
// reduce_sum/mean/max/min and argmax as reducing linalg.generic ops;
// softmax and log_softmax composed from them with the max subtracted first.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "nabla/Conversion/Passes.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::nabla;

namespace {
enum class ReduceKind { Sum, Max, Min };
} // namespace

/// Reassociation from a reduced shape to the same shape with size-1 dims
/// kept at `axes` (rank `rank`).
static SmallVector<ReassociationIndices>
keepdimsReassociation(int64_t rank, ArrayRef<int64_t> axes) {
  SmallVector<ReassociationIndices> groups;
  if (static_cast<int64_t>(axes.size()) == rank)
    return groups; // from rank 0: no groups
  ReassociationIndices pending;
  for (int64_t i = 0; i < rank; ++i) {
    pending.push_back(i);
    if (!llvm::is_contained(axes, i)) {
      groups.push_back(pending);
      pending.clear();
    }
  }
  // Trailing reduced dims join the last group.
  groups.back().append(pending.begin(), pending.end());
  return groups;
}

/// Re-inserts size-1 dims at `axes` into `reduced` (the result of reducing a
/// tensor of type `inputType`).
static Value expandKeepdims(OpBuilder &b, Location loc, Value reduced,
                            RankedTensorType inputType,
                            ArrayRef<int64_t> axes) {
  auto reducedType = cast<RankedTensorType>(reduced.getType());
  SmallVector<int64_t> shape;
  SmallVector<OpFoldResult> outputShape;
  int64_t src = 0;
  for (int64_t i = 0; i < inputType.getRank(); ++i) {
    if (llvm::is_contained(axes, i)) {
      shape.push_back(1);
      outputShape.push_back(b.getIndexAttr(1));
      continue;
    }
    int64_t size = reducedType.getDimSize(src);
    shape.push_back(size);
    if (ShapedType::isDynamic(size))
      outputShape.push_back(
          tensor::DimOp::create(b, loc, reduced, src).getResult());
    else
      outputShape.push_back(b.getIndexAttr(size));
    ++src;
  }
  auto type = RankedTensorType::get(shape, reducedType.getElementType());
  return tensor::ExpandShapeOp::create(
      b, loc, type, reduced, keepdimsReassociation(inputType.getRank(), axes),
      outputShape);
}

/// One step of a reduction: a + b, max(a, b) or min(a, b).
static Value combine(OpBuilder &b, Location loc, ReduceKind kind, Value x,
                     Value y) {
  bool isFloat = isa<FloatType>(x.getType());
  switch (kind) {
  case ReduceKind::Sum:
    return isFloat ? arith::AddFOp::create(b, loc, x, y).getResult()
                   : arith::AddIOp::create(b, loc, x, y).getResult();
  case ReduceKind::Max:
    return isFloat ? arith::MaximumFOp::create(b, loc, x, y).getResult()
                   : arith::MaxSIOp::create(b, loc, x, y).getResult();
  case ReduceKind::Min:
    return isFloat ? arith::MinimumFOp::create(b, loc, x, y).getResult()
                   : arith::MinSIOp::create(b, loc, x, y).getResult();
  }
  return x;
}

/// Reduces `input` over `axes` with `kind`; keeps size-1 dims if asked.
static Value reduce(OpBuilder &b, Location loc, Value input,
                    ArrayRef<int64_t> axes, bool keepdims, ReduceKind kind) {
  auto inputType = cast<RankedTensorType>(input.getType());
  Type elem = inputType.getElementType();
  int64_t rank = inputType.getRank();
  SmallVector<int64_t> shape;
  SmallVector<Value> dynSizes;
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t i = 0; i < rank; ++i) {
    bool reduced = llvm::is_contained(axes, i);
    iterators.push_back(reduced ? utils::IteratorType::reduction
                                : utils::IteratorType::parallel);
    if (reduced)
      continue;
    shape.push_back(inputType.getDimSize(i));
    if (inputType.isDynamicDim(i))
      dynSizes.push_back(tensor::DimOp::create(b, loc, input, i));
    outExprs.push_back(b.getAffineDimExpr(i));
  }
  auto outType = RankedTensorType::get(shape, elem);
  Value neutral = kind == ReduceKind::Sum   ? scalarConstant(b, loc, elem, 0)
                  : kind == ReduceKind::Max ? lowestValue(b, loc, elem)
                                            : highestValue(b, loc, elem);
  Value init = tensor::EmptyOp::create(b, loc, shape, elem, dynSizes);
  init = linalg::FillOp::create(b, loc, neutral, init).getResult(0);
  SmallVector<AffineMap> maps{
      b.getMultiDimIdentityMap(rank),
      AffineMap::get(rank, 0, outExprs, b.getContext())};
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{outType}, ValueRange{input}, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value r = combine(nb, nloc, kind, args[0], args[1]);
        linalg::YieldOp::create(nb, nloc, r);
      });
  Value result = generic.getResult(0);
  if (keepdims)
    result = expandKeepdims(b, loc, result, inputType, axes);
  return result;
}

/// The number of elements reduced over `axes`, as a scalar of `elem` type.
static Value reducedCount(OpBuilder &b, Location loc, Value input,
                          ArrayRef<int64_t> axes, Type elem) {
  Value count = arith::ConstantIndexOp::create(b, loc, 1);
  for (int64_t axis : axes) {
    Value dim = tensor::DimOp::create(b, loc, input, axis);
    count = arith::MulIOp::create(b, loc, count, dim);
  }
  Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), count);
  return convertScalar(b, loc, i64, elem);
}

namespace {
template <typename OpTy, ReduceKind kind>
struct ReduceLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value r = reduce(rewriter, op.getLoc(), adaptor.getInput(), op.getAxes(),
                     op.getKeepdims(), kind);
    rewriter.replaceOp(op, r);
    return success();
  }
};

struct ReduceMeanLowering : OpConversionPattern<ReduceMeanOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReduceMeanOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value sum = reduce(rewriter, loc, adaptor.getInput(), op.getAxes(),
                       op.getKeepdims(), ReduceKind::Sum);
    auto type = cast<RankedTensorType>(sum.getType());
    Value count = reducedCount(rewriter, loc, adaptor.getInput(), op.getAxes(),
                               type.getElementType());
    Value mean =
        buildElementwise(rewriter, loc, type, ValueRange{sum},
                         [&](OpBuilder &b, Location l, ValueRange args) {
                           return arith::DivFOp::create(b, l, args[0], count);
                         });
    rewriter.replaceOp(op, mean);
    return success();
  }
};

struct ArgmaxLowering : OpConversionPattern<ArgmaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ArgmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    Type elem = inputType.getElementType();
    Type indexElem = cast<RankedTensorType>(op.getType()).getElementType();
    int64_t axis = op.getAxis();
    int64_t rank = inputType.getRank();
    SmallVector<int64_t> shape;
    SmallVector<Value> dynSizes;
    SmallVector<AffineExpr> outExprs;
    SmallVector<utils::IteratorType> iterators;
    for (int64_t i = 0; i < rank; ++i) {
      iterators.push_back(i == axis ? utils::IteratorType::reduction
                                    : utils::IteratorType::parallel);
      if (i == axis)
        continue;
      shape.push_back(inputType.getDimSize(i));
      if (inputType.isDynamicDim(i))
        dynSizes.push_back(tensor::DimOp::create(rewriter, loc, input, i));
      outExprs.push_back(rewriter.getAffineDimExpr(i));
    }
    Value values =
        tensor::EmptyOp::create(rewriter, loc, shape, elem, dynSizes);
    values = linalg::FillOp::create(rewriter, loc,
                                    lowestValue(rewriter, loc, elem), values)
                 .getResult(0);
    Value indices =
        tensor::EmptyOp::create(rewriter, loc, shape, indexElem, dynSizes);
    indices =
        linalg::FillOp::create(
            rewriter, loc, scalarConstant(rewriter, loc, indexElem, 0), indices)
            .getResult(0);
    AffineMap outMap = AffineMap::get(rank, 0, outExprs, getContext());
    SmallVector<AffineMap> maps{rewriter.getMultiDimIdentityMap(rank), outMap,
                                outMap};
    bool isFloat = isa<FloatType>(elem);
    auto generic = linalg::GenericOp::create(
        rewriter, loc,
        TypeRange{RankedTensorType::get(shape, elem),
                  RankedTensorType::get(shape, indexElem)},
        ValueRange{input}, ValueRange{values, indices}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], best = args[1], bestIndex = args[2];
          Value index = linalg::IndexOp::create(b, l, axis);
          index = arith::IndexCastOp::create(b, l, indexElem, index);
          // The first maximum wins; a NaN counts as the maximum.
          Value better = isFloat ? arith::CmpFOp::create(
                                       b, l, arith::CmpFPredicate::UGT, x, best)
                                       .getResult()
                                 : arith::CmpIOp::create(
                                       b, l, arith::CmpIPredicate::sgt, x, best)
                                       .getResult();
          if (isFloat) {
            Value bestIsNan = arith::CmpFOp::create(
                b, l, arith::CmpFPredicate::UNO, best, best);
            Value notNan = arith::XOrIOp::create(
                b, l, bestIsNan,
                arith::ConstantOp::create(b, l, b.getBoolAttr(true)));
            better = arith::AndIOp::create(b, l, better, notNan);
          }
          Value newBest = arith::SelectOp::create(b, l, better, x, best);
          Value newIndex =
              arith::SelectOp::create(b, l, better, index, bestIndex);
          linalg::YieldOp::create(b, l, ValueRange{newBest, newIndex});
        });
    Value result = generic.getResult(1);
    if (op.getKeepdims())
      result = expandKeepdims(rewriter, loc, result, inputType, {axis});
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// softmax(x) = exp(x - max) / sum(exp(x - max)); log_softmax(x) =
/// x - max - log(sum(exp(x - max))).
template <typename OpTy, bool isLog>
struct SoftmaxLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t axis = op.getAxis();
    Value max = reduce(rewriter, loc, x, {axis}, true, ReduceKind::Max);
    Value shifted =
        buildElementwise(rewriter, loc, type, ValueRange{x, max},
                         [&](OpBuilder &b, Location l, ValueRange args) {
                           return arith::SubFOp::create(b, l, args[0], args[1]);
                         });
    Value e = buildElementwise(rewriter, loc, type, ValueRange{shifted},
                               [&](OpBuilder &b, Location l, ValueRange args) {
                                 return math::ExpOp::create(b, l, args[0]);
                               });
    Value sum = reduce(rewriter, loc, e, {axis}, true, ReduceKind::Sum);
    Value result;
    if (isLog) {
      result = buildElementwise(
          rewriter, loc, type, ValueRange{shifted, sum},
          [&](OpBuilder &b, Location l, ValueRange args) {
            Value logSum = math::LogOp::create(b, l, args[1]);
            return arith::SubFOp::create(b, l, args[0], logSum);
          });
    } else {
      result = buildElementwise(rewriter, loc, type, ValueRange{e, sum},
                                [&](OpBuilder &b, Location l, ValueRange args) {
                                  return arith::DivFOp::create(b, l, args[0],
                                                               args[1]);
                                });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};
} // namespace

void mlir::nabla::populateReductionLoweringPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ReduceLowering<ReduceSumOp, ReduceKind::Sum>,
               ReduceLowering<ReduceMaxOp, ReduceKind::Max>,
               ReduceLowering<ReduceMinOp, ReduceKind::Min>, ReduceMeanLowering,
               ArgmaxLowering, SoftmaxLowering<SoftmaxOp, false>,
               SoftmaxLowering<LogSoftmaxOp, true>>(patterns.getContext());
}

//===- ShapePatterns.cpp - Shape and data-movement ops to tensor/linalg ---===//
//
// reshape, transpose, slices, concat, take (gather), one_hot, broadcast_to
// and iota.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "nabla/Conversion/Passes.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::nabla;

/// clamp(start, 0, dim - size) for a start given as a rank-0 i64 tensor.
static Value clampedStart(OpBuilder &b, Location loc, Value startTensor,
                          Value dim, int64_t size) {
  Value start = scalarTensorToIndex(b, loc, startTensor);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value sizeV = arith::ConstantIndexOp::create(b, loc, size);
  Value hi = arith::SubIOp::create(b, loc, dim, sizeV);
  hi = arith::MaxSIOp::create(b, loc, hi, zero);
  Value s = arith::MaxSIOp::create(b, loc, start, zero);
  return arith::MinSIOp::create(b, loc, s, hi);
}

namespace {
struct ReshapeLowering : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getOperand();
    auto inType = cast<RankedTensorType>(input.getType());
    auto outType = cast<RankedTensorType>(op.getType());
    // The one dynamic result size is the element count over the others.
    SmallVector<Value> sizes;
    Value total = arith::ConstantIndexOp::create(rewriter, loc, 1);
    for (int64_t i = 0; i < inType.getRank(); ++i)
      total = arith::MulIOp::create(
          rewriter, loc, total, tensor::DimOp::create(rewriter, loc, input, i));
    int64_t known = 1;
    for (int64_t s : outType.getShape())
      if (!ShapedType::isDynamic(s))
        known *= s;
    for (int64_t s : outType.getShape()) {
      if (ShapedType::isDynamic(s)) {
        Value k = arith::ConstantIndexOp::create(rewriter, loc, known);
        sizes.push_back(arith::DivSIOp::create(rewriter, loc, total, k));
      } else {
        sizes.push_back(arith::ConstantIndexOp::create(rewriter, loc, s));
      }
    }
    Value shape;
    if (sizes.empty()) {
      shape = tensor::EmptyOp::create(rewriter, loc, ArrayRef<int64_t>{0},
                                      rewriter.getIndexType());
    } else {
      shape = tensor::FromElementsOp::create(rewriter, loc, sizes);
    }
    rewriter.replaceOpWithNewOp<tensor::ReshapeOp>(op, outType, input, shape);
    return success();
  }
};

struct TransposeLowering : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto outType = cast<RankedTensorType>(op.getType());
    SmallVector<Value> dynSizes;
    ArrayRef<int64_t> perm = op.getPermutation();
    for (int64_t i = 0; i < outType.getRank(); ++i)
      if (outType.isDynamicDim(i))
        dynSizes.push_back(tensor::DimOp::create(
            rewriter, loc, adaptor.getOperand(), perm[i]));
    Value init = tensor::EmptyOp::create(rewriter, loc, outType.getShape(),
                                         outType.getElementType(), dynSizes);
    auto t = linalg::TransposeOp::create(rewriter, loc, adaptor.getOperand(),
                                         init, perm);
    rewriter.replaceOp(op, t.getResult());
    return success();
  }
};

struct SliceLowering : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getOperand();
    auto outType = cast<RankedTensorType>(op.getType());
    // Limits are static, so every size is ceil((limit - start) / stride),
    // even where the result type leaves it dynamic.
    SmallVector<OpFoldResult> offsets, sizes, strides;
    SmallVector<int64_t> shape;
    for (int64_t i = 0; i < outType.getRank(); ++i) {
      int64_t start = op.getStartIndices()[i];
      int64_t stride = op.getStrides()[i];
      int64_t size = llvm::divideCeil(op.getLimitIndices()[i] - start, stride);
      auto inType = cast<RankedTensorType>(input.getType());
      if (inType.isDynamicDim(i) && stride == 1) {
        // The bounds were checked at run time (nabla.check_index); keep the
        // slice inside the tensor anyway, so the IR stays valid when the
        // size folds to a constant too small for it.
        Value dim = tensor::DimOp::create(rewriter, loc, input, i);
        Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
        Value hi = arith::SubIOp::create(
            rewriter, loc, dim,
            arith::ConstantIndexOp::create(rewriter, loc, size));
        hi = arith::MaxSIOp::create(rewriter, loc, hi, zero);
        offsets.push_back(
            arith::MinSIOp::create(
                rewriter, loc,
                arith::ConstantIndexOp::create(rewriter, loc, start), hi)
                .getResult());
      } else {
        offsets.push_back(rewriter.getIndexAttr(start));
      }
      strides.push_back(rewriter.getIndexAttr(stride));
      sizes.push_back(rewriter.getIndexAttr(size));
      shape.push_back(size);
    }
    auto staticType = RankedTensorType::get(shape, outType.getElementType());
    Value slice = tensor::ExtractSliceOp::create(
        rewriter, loc, staticType, input, offsets, sizes, strides);
    if (staticType != outType)
      slice = tensor::CastOp::create(rewriter, loc, outType, slice);
    rewriter.replaceOp(op, slice);
    return success();
  }
};

struct DynamicSliceLowering : OpConversionPattern<DynamicSliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DynamicSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getOperand();
    SmallVector<OpFoldResult> offsets, sizes, strides;
    for (auto [i, start] : llvm::enumerate(adaptor.getStartIndices())) {
      int64_t size = op.getSliceSizes()[i];
      Value dim = tensor::DimOp::create(rewriter, loc, input, i);
      offsets.push_back(clampedStart(rewriter, loc, start, dim, size));
      sizes.push_back(rewriter.getIndexAttr(size));
      strides.push_back(rewriter.getIndexAttr(1));
    }
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, cast<RankedTensorType>(op.getType()), input, offsets, sizes,
        strides);
    return success();
  }
};

struct DynamicUpdateSliceLowering : OpConversionPattern<DynamicUpdateSliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DynamicUpdateSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getOperand();
    Value update = adaptor.getUpdate();
    auto updateType = cast<RankedTensorType>(update.getType());
    SmallVector<OpFoldResult> offsets, sizes, strides;
    for (auto [i, start] : llvm::enumerate(adaptor.getStartIndices())) {
      Value dim = tensor::DimOp::create(rewriter, loc, input, i);
      Value updDim = tensor::DimOp::create(rewriter, loc, update, i);
      // Clamp with the update's size (static or not).
      Value s = scalarTensorToIndex(rewriter, loc, start);
      Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
      Value hi = arith::SubIOp::create(rewriter, loc, dim, updDim);
      hi = arith::MaxSIOp::create(rewriter, loc, hi, zero);
      s = arith::MaxSIOp::create(rewriter, loc, s, zero);
      offsets.push_back(
          arith::MinSIOp::create(rewriter, loc, s, hi).getResult());
      if (updateType.isDynamicDim(i))
        sizes.push_back(updDim);
      else
        sizes.push_back(rewriter.getIndexAttr(updateType.getDimSize(i)));
      strides.push_back(rewriter.getIndexAttr(1));
    }
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(op, update, input,
                                                       offsets, sizes, strides);
    return success();
  }
};

struct ConcatLowering : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto outType = cast<RankedTensorType>(op.getType());
    int64_t axis = op.getAxis();
    ValueRange inputs = adaptor.getInputs();
    // Result sizes: the first input's, with the axis summed.
    SmallVector<Value> dynSizes;
    for (int64_t i = 0; i < outType.getRank(); ++i) {
      if (!outType.isDynamicDim(i))
        continue;
      if (i != axis) {
        dynSizes.push_back(tensor::DimOp::create(rewriter, loc, inputs[0], i));
        continue;
      }
      Value total = arith::ConstantIndexOp::create(rewriter, loc, 0);
      for (Value in : inputs)
        total = arith::AddIOp::create(
            rewriter, loc, total, tensor::DimOp::create(rewriter, loc, in, i));
      dynSizes.push_back(total);
    }
    Value result = tensor::EmptyOp::create(rewriter, loc, outType.getShape(),
                                           outType.getElementType(), dynSizes);
    Value offset = arith::ConstantIndexOp::create(rewriter, loc, 0);
    for (Value in : inputs) {
      SmallVector<OpFoldResult> offsets(outType.getRank(),
                                        rewriter.getIndexAttr(0));
      offsets[axis] = offset;
      SmallVector<OpFoldResult> sizes = tensorSizes(rewriter, loc, in);
      SmallVector<OpFoldResult> strides(outType.getRank(),
                                        rewriter.getIndexAttr(1));
      result = tensor::InsertSliceOp::create(rewriter, loc, in, result, offsets,
                                             sizes, strides);
      offset =
          arith::AddIOp::create(rewriter, loc, offset,
                                tensor::DimOp::create(rewriter, loc, in, axis));
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// result[pre..., idx..., post...] = x[pre..., indices[idx...], post...],
/// with the index clamped into range.
struct TakeLowering : OpConversionPattern<TakeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TakeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getOperand();
    Value indices = adaptor.getIndices();
    auto xType = cast<RankedTensorType>(x.getType());
    auto idxType = cast<RankedTensorType>(indices.getType());
    auto outType = cast<RankedTensorType>(op.getType());
    int64_t axis = op.getAxis();
    int64_t idxRank = idxType.getRank();
    int64_t rank = outType.getRank();
    SmallVector<Value> dynSizes;
    for (int64_t i = 0; i < rank; ++i) {
      if (!outType.isDynamicDim(i))
        continue;
      if (i < axis)
        dynSizes.push_back(tensor::DimOp::create(rewriter, loc, x, i));
      else if (i < axis + idxRank)
        dynSizes.push_back(
            tensor::DimOp::create(rewriter, loc, indices, i - axis));
      else
        dynSizes.push_back(
            tensor::DimOp::create(rewriter, loc, x, i - idxRank + 1));
    }
    Value init = tensor::EmptyOp::create(rewriter, loc, outType.getShape(),
                                         outType.getElementType(), dynSizes);
    SmallVector<AffineExpr> idxExprs;
    for (int64_t i = 0; i < idxRank; ++i)
      idxExprs.push_back(rewriter.getAffineDimExpr(axis + i));
    SmallVector<AffineMap> maps{AffineMap::get(rank, 0, idxExprs, getContext()),
                                rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Value axisDim = tensor::DimOp::create(rewriter, loc, x, axis);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{outType}, ValueRange{indices},
        ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value i = arith::IndexCastOp::create(b, l, b.getIndexType(), args[0]);
          Value zero = arith::ConstantIndexOp::create(b, l, 0);
          Value one = arith::ConstantIndexOp::create(b, l, 1);
          Value last = arith::SubIOp::create(b, l, axisDim, one);
          i = arith::MaxSIOp::create(b, l, i, zero);
          i = arith::MinSIOp::create(b, l, i, last);
          SmallVector<Value> coords;
          for (int64_t d = 0; d < axis; ++d)
            coords.push_back(linalg::IndexOp::create(b, l, d));
          coords.push_back(i);
          for (int64_t d = axis + idxRank; d < rank; ++d)
            coords.push_back(linalg::IndexOp::create(b, l, d));
          Value v = tensor::ExtractOp::create(b, l, x, coords);
          linalg::YieldOp::create(b, l, v);
        });
    (void)xType;
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// For each position j of the (1-D) indices: result[.., indices[j], ..] +=
/// updates[.., j, ..], in order, so repeated indices accumulate.
struct ScatterAddLowering : OpConversionPattern<ScatterAddOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ScatterAddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value operand = adaptor.getOperand(), indices = adaptor.getIndices(),
          updates = adaptor.getUpdates();
    auto idxType = cast<RankedTensorType>(indices.getType());
    if (idxType.getRank() != 1)
      return op.emitOpError("indices of rank ")
             << idxType.getRank() << " are not supported yet (expected rank 1)";
    auto type = cast<RankedTensorType>(operand.getType());
    int64_t axis = op.getAxis(), rank = type.getRank();
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value count = tensor::DimOp::create(rewriter, loc, indices, 0);
    Value axisDim = tensor::DimOp::create(rewriter, loc, operand, axis);
    Value last = arith::SubIOp::create(rewriter, loc, axisDim, one);
    // The slice shape: the operand's, with 1 at `axis`.
    SmallVector<int64_t> sliceShape(type.getShape());
    sliceShape[axis] = 1;
    auto sliceType = RankedTensorType::get(sliceShape, type.getElementType());
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, count, one, ValueRange{operand},
        [&](OpBuilder &b, Location l, Value j, ValueRange iter) {
          Value acc = iter[0];
          Value raw = tensor::ExtractOp::create(b, l, indices, ValueRange{j});
          Value i = arith::IndexCastOp::create(b, l, b.getIndexType(), raw);
          i = arith::MaxSIOp::create(b, l, i, zero);
          i = arith::MinSIOp::create(b, l, i, last);
          SmallVector<OpFoldResult> sizes = tensorSizes(b, l, acc);
          sizes[axis] = b.getIndexAttr(1);
          SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
          SmallVector<OpFoldResult> accOffsets(rank, b.getIndexAttr(0));
          accOffsets[axis] = i;
          SmallVector<OpFoldResult> updOffsets(rank, b.getIndexAttr(0));
          updOffsets[axis] = j;
          Value current = tensor::ExtractSliceOp::create(
              b, l, sliceType, acc, accOffsets, sizes, strides);
          Value update = tensor::ExtractSliceOp::create(
              b, l, sliceType, updates, updOffsets, sizes, strides);
          Value sum = buildElementwise(
              b, l, sliceType, ValueRange{current, update},
              [](OpBuilder &nb, Location nl, ValueRange args) -> Value {
                if (isa<FloatType>(args[0].getType()))
                  return arith::AddFOp::create(nb, nl, args[0], args[1]);
                return arith::AddIOp::create(nb, nl, args[0], args[1]);
              });
          Value next = tensor::InsertSliceOp::create(b, l, sum, acc, accOffsets,
                                                     sizes, strides);
          scf::YieldOp::create(b, l, next);
        });
    rewriter.replaceOp(op, loop.getResult(0));
    return success();
  }
};

struct OneHotLowering : OpConversionPattern<OneHotOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OneHotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value labels = adaptor.getLabels();
    auto outType = cast<RankedTensorType>(op.getType());
    int64_t rank = outType.getRank();
    Value init = tensor::EmptyOp::create(rewriter, loc, outType.getShape(),
                                         outType.getElementType(),
                                         dynamicSizesOf(rewriter, loc, labels));
    SmallVector<AffineExpr> exprs;
    for (int64_t i = 0; i + 1 < rank; ++i)
      exprs.push_back(rewriter.getAffineDimExpr(i));
    SmallVector<AffineMap> maps{AffineMap::get(rank, 0, exprs, getContext()),
                                rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Type elem = outType.getElementType();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{outType}, ValueRange{labels}, ValueRange{init},
        maps, iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          Value j = linalg::IndexOp::create(b, l, rank - 1);
          j = arith::IndexCastOp::create(b, l, args[0].getType(), j);
          Value eq =
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, args[0], j);
          Value r =
              arith::SelectOp::create(b, l, eq, scalarConstant(b, l, elem, 1),
                                      scalarConstant(b, l, elem, 0));
          linalg::YieldOp::create(b, l, r);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct BroadcastToLowering : OpConversionPattern<BroadcastToOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BroadcastToOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto outType = cast<RankedTensorType>(op.getType());
    Value input = adaptor.getOperand();
    Value init = tensor::EmptyOp::create(rewriter, loc, outType.getShape(),
                                         outType.getElementType(),
                                         adaptor.getDynamicSizes());
    SmallVector<AffineMap> maps{
        broadcastIndexingMap(cast<RankedTensorType>(input.getType()), outType),
        rewriter.getMultiDimIdentityMap(outType.getRank())};
    SmallVector<utils::IteratorType> iterators(outType.getRank(),
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{outType}, ValueRange{input}, ValueRange{init},
        maps, iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          linalg::YieldOp::create(b, l, args[0]);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct IotaLowering : OpConversionPattern<IotaOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(IotaOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto outType = cast<RankedTensorType>(op.getType());
    Value init = tensor::EmptyOp::create(rewriter, loc, outType.getShape(),
                                         outType.getElementType(),
                                         adaptor.getDynamicSizes());
    SmallVector<AffineMap> maps{
        rewriter.getMultiDimIdentityMap(outType.getRank())};
    SmallVector<utils::IteratorType> iterators(outType.getRank(),
                                               utils::IteratorType::parallel);
    int64_t dimension = op.getDimension();
    Type elem = outType.getElementType();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{outType}, ValueRange{}, ValueRange{init}, maps,
        iterators, [&](OpBuilder &b, Location l, ValueRange) {
          Value i = linalg::IndexOp::create(b, l, dimension);
          Value i64 = arith::IndexCastOp::create(b, l, b.getI64Type(), i);
          linalg::YieldOp::create(b, l, convertScalar(b, l, i64, elem));
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};
} // namespace

void mlir::nabla::populateShapeLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<ReshapeLowering, TransposeLowering, SliceLowering,
               DynamicSliceLowering, DynamicUpdateSliceLowering, ConcatLowering,
               TakeLowering, ScatterAddLowering, OneHotLowering,
               BroadcastToLowering, IotaLowering>(patterns.getContext());
}

//===- ShapeAD.cpp - AD rules of the shape ops ----------------------------===//
//
// broadcast_to, concat, dynamic_slice, dynamic_update_slice, reshape,
// scatter_add, slice, take and transpose. All are linear, so the tangent rule
// applies the op to the tangents and the adjoint rule applies its transpose:
// a sum for a broadcast, a slice for a concat, a scatter for a gather, an
// update into zeros for a slice. one_hot takes integer labels and has no
// derivative.
//
//===----------------------------------------------------------------------===//

#include "NoDerivativeModel.h"
#include "nabla/Derivatives/ADBuilders.h"
#include "nabla/Derivatives/ADModels.h"
#include "nabla/IR/NablaOps.h"
#include "nabla/Interfaces/DifferentiableOpInterface.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::nabla;
using namespace mlir::nabla::ad;

/// The size of each dimension of `value`: an attribute when static, a
/// `tensor.dim` when dynamic.
static SmallVector<OpFoldResult> mixedSizesOf(OpBuilder &b, Location loc,
                                              Value value) {
  SmallVector<OpFoldResult> sizes;
  auto type = cast<RankedTensorType>(value.getType());
  for (auto [dim, size] : llvm::enumerate(type.getShape())) {
    if (ShapedType::isDynamic(size))
      sizes.push_back(tensor::DimOp::create(b, loc, value, dim).getResult());
    else
      sizes.push_back(b.getIndexAttr(size));
  }
  return sizes;
}

namespace {
/// Shared shape of the linear single-result models: `Derived` provides
/// `tangent(op, b, operandTangents)` and `adjoints(op, b, g, operandAdjoints)`,
/// called only when some input is non-zero.
template <typename Derived, typename OpTy>
struct LinearModel
    : public DifferentiableOpInterface::ExternalModel<Derived, OpTy> {
  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    if (llvm::all_of(operandTangents, [](Value v) { return !v; })) {
      resultTangents.push_back(Value());
      return success();
    }
    FailureOr<Value> tangent =
        Derived::tangent(cast<OpTy>(op), b, operandTangents);
    if (failed(tangent))
      return failure();
    resultTangents.push_back(*tangent);
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    Value g = resultAdjoints[0];
    if (!g || !isDifferentiableType(op->getResult(0).getType())) {
      operandAdjoints.append(op->getNumOperands(), Value());
      return success();
    }
    operandAdjoints.resize(op->getNumOperands());
    return Derived::adjoints(cast<OpTy>(op), b, g, operandAdjoints);
  }
};

//===----------------------------------------------------------------------===//
// BroadcastToOp
//===----------------------------------------------------------------------===//

struct BroadcastToModel : public LinearModel<BroadcastToModel, BroadcastToOp> {
  static FailureOr<Value> tangent(BroadcastToOp op, OpBuilder &b,
                                  ArrayRef<Value> tangents) {
    return Value(BroadcastToOp::create(b, op.getLoc(), op.getType(),
                                       tangents[0], op.getDynamicSizes()));
  }
  static LogicalResult adjoints(BroadcastToOp op, OpBuilder &b, Value g,
                                MutableArrayRef<Value> adjoints) {
    adjoints[0] = sumToType(b, op.getLoc(), g, op.getOperand().getType());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

struct ConcatModel : public LinearModel<ConcatModel, ConcatOp> {
  static FailureOr<Value> tangent(ConcatOp op, OpBuilder &b,
                                  ArrayRef<Value> tangents) {
    SmallVector<Value> parts;
    for (auto [input, tangent] : llvm::zip_equal(op.getInputs(), tangents))
      parts.push_back(orZeros(b, op.getLoc(), tangent, input));
    return Value(ConcatOp::create(b, op.getLoc(), op.getType(), parts,
                                  op.getAxisAttr()));
  }
  static LogicalResult adjoints(ConcatOp op, OpBuilder &b, Value g,
                                MutableArrayRef<Value> adjoints) {
    Location loc = op.getLoc();
    int64_t axis = op.getAxis();
    // Each input's adjoint is its block of `g`, at the running offset along
    // the axis.
    OpFoldResult offset = b.getIndexAttr(0);
    for (auto [i, input] : llvm::enumerate(op.getInputs())) {
      auto type = cast<RankedTensorType>(input.getType());
      SmallVector<OpFoldResult> sizes = mixedSizesOf(b, loc, input);
      SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
      offsets[axis] = offset;
      SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
      adjoints[i] = tensor::ExtractSliceOp::create(b, loc, type, g, offsets,
                                                   sizes, strides);
      // Advance the offset, folding when both parts are static.
      std::optional<int64_t> staticOffset = getConstantIntValue(offset);
      std::optional<int64_t> staticSize = getConstantIntValue(sizes[axis]);
      if (staticOffset && staticSize) {
        offset = b.getIndexAttr(*staticOffset + *staticSize);
        continue;
      }
      offset = arith::AddIOp::create(
                   b, loc, getValueOrCreateConstantIndexOp(b, loc, offset),
                   getValueOrCreateConstantIndexOp(b, loc, sizes[axis]))
                   .getResult();
    }
    return success();
  }
};

//===----------------------------------------------------------------------===//
// DynamicSliceOp
//===----------------------------------------------------------------------===//

struct DynamicSliceModel
    : public LinearModel<DynamicSliceModel, DynamicSliceOp> {
  static FailureOr<Value> tangent(DynamicSliceOp op, OpBuilder &b,
                                  ArrayRef<Value> tangents) {
    return Value(DynamicSliceOp::create(b, op.getLoc(), op.getType(),
                                        tangents[0], op.getStartIndices(),
                                        op.getSliceSizesAttr()));
  }
  static LogicalResult adjoints(DynamicSliceOp op, OpBuilder &b, Value g,
                                MutableArrayRef<Value> adjoints) {
    // Both ops clamp the start indices the same way.
    Location loc = op.getLoc();
    Value zeros = zerosLike(b, loc, op.getOperand());
    adjoints[0] = DynamicUpdateSliceOp::create(b, loc, zeros.getType(), zeros,
                                               g, op.getStartIndices());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// DynamicUpdateSliceOp
//===----------------------------------------------------------------------===//

struct DynamicUpdateSliceModel
    : public LinearModel<DynamicUpdateSliceModel, DynamicUpdateSliceOp> {
  static FailureOr<Value> tangent(DynamicUpdateSliceOp op, OpBuilder &b,
                                  ArrayRef<Value> tangents) {
    Location loc = op.getLoc();
    Value operand = orZeros(b, loc, tangents[0], op.getOperand());
    Value update = orZeros(b, loc, tangents[1], op.getUpdate());
    return Value(DynamicUpdateSliceOp::create(b, loc, op.getType(), operand,
                                              update, op.getStartIndices()));
  }

  /// The block of `g` that `op` overwrote, start indices clamped like the op
  /// clamps them.
  static Value updatedBlock(DynamicUpdateSliceOp op, OpBuilder &b, Value g) {
    Location loc = op.getLoc();
    auto updateType = op.getUpdate().getType();
    if (updateType.hasStaticShape())
      return DynamicSliceOp::create(b, loc, updateType, g, op.getStartIndices(),
                                    updateType.getShape());
    // Dynamic block sizes: clamp by hand and take a tensor.extract_slice.
    SmallVector<OpFoldResult> sizes = mixedSizesOf(b, loc, op.getUpdate());
    SmallVector<OpFoldResult> offsets;
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    for (auto [dim, start] : llvm::enumerate(op.getStartIndices())) {
      Value index = tensor::ExtractOp::create(b, loc, start, ValueRange());
      index = arith::IndexCastOp::create(b, loc, b.getIndexType(), index);
      Value limit = arith::SubIOp::create(
          b, loc, tensor::DimOp::create(b, loc, g, dim),
          getValueOrCreateConstantIndexOp(b, loc, sizes[dim]));
      index = arith::MinSIOp::create(b, loc, index, limit);
      offsets.push_back(
          arith::MaxSIOp::create(b, loc, index, zero).getResult());
    }
    SmallVector<OpFoldResult> strides(updateType.getRank(), b.getIndexAttr(1));
    return tensor::ExtractSliceOp::create(b, loc, updateType, g, offsets, sizes,
                                          strides);
  }

  static LogicalResult adjoints(DynamicUpdateSliceOp op, OpBuilder &b, Value g,
                                MutableArrayRef<Value> adjoints) {
    Location loc = op.getLoc();
    Value zeros = zerosLike(b, loc, op.getUpdate());
    adjoints[0] = DynamicUpdateSliceOp::create(b, loc, op.getType(), g, zeros,
                                               op.getStartIndices());
    adjoints[1] = updatedBlock(op, b, g);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

/// `value` reshaped to the type of `like`. `nabla.reshape` allows one dynamic
/// result dimension; with more, `tensor.reshape` takes the sizes of `like`.
static Value reshapeLike(OpBuilder &b, Location loc, Value value, Value like) {
  auto type =
      cast<RankedTensorType>(like.getType())
          .clone(cast<RankedTensorType>(value.getType()).getElementType());
  if (type.getNumDynamicDims() <= 1)
    return ReshapeOp::create(b, loc, type, value);
  SmallVector<Value> sizes;
  for (OpFoldResult size : mixedSizesOf(b, loc, like))
    sizes.push_back(getValueOrCreateConstantIndexOp(b, loc, size));
  Value shape = tensor::FromElementsOp::create(
      b, loc, RankedTensorType::get({type.getRank()}, b.getIndexType()), sizes);
  return tensor::ReshapeOp::create(b, loc, type, value, shape);
}

struct ReshapeModel : public LinearModel<ReshapeModel, ReshapeOp> {
  static FailureOr<Value> tangent(ReshapeOp op, OpBuilder &b,
                                  ArrayRef<Value> tangents) {
    return Value(ReshapeOp::create(b, op.getLoc(), op.getType(), tangents[0]));
  }
  static LogicalResult adjoints(ReshapeOp op, OpBuilder &b, Value g,
                                MutableArrayRef<Value> adjoints) {
    adjoints[0] = reshapeLike(b, op.getLoc(), g, op.getOperand());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// ScatterAddOp
//===----------------------------------------------------------------------===//

struct ScatterAddModel : public LinearModel<ScatterAddModel, ScatterAddOp> {
  static FailureOr<Value> tangent(ScatterAddOp op, OpBuilder &b,
                                  ArrayRef<Value> tangents) {
    Location loc = op.getLoc();
    Value operand = orZeros(b, loc, tangents[0], op.getOperand());
    if (!tangents[2])
      return operand;
    return Value(ScatterAddOp::create(b, loc, op.getType(), operand,
                                      op.getIndices(), tangents[2],
                                      op.getAxisAttr()));
  }
  static LogicalResult adjoints(ScatterAddOp op, OpBuilder &b, Value g,
                                MutableArrayRef<Value> adjoints) {
    adjoints[0] = g;
    adjoints[2] = TakeOp::create(b, op.getLoc(), op.getUpdates().getType(), g,
                                 op.getIndices(), op.getAxisAttr());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// SliceOp
//===----------------------------------------------------------------------===//

struct SliceModel : public LinearModel<SliceModel, SliceOp> {
  static FailureOr<Value> tangent(SliceOp op, OpBuilder &b,
                                  ArrayRef<Value> tangents) {
    return Value(SliceOp::create(
        b, op.getLoc(), op.getType(), tangents[0], op.getStartIndicesAttr(),
        op.getLimitIndicesAttr(), op.getStridesAttr()));
  }
  static LogicalResult adjoints(SliceOp op, OpBuilder &b, Value g,
                                MutableArrayRef<Value> adjoints) {
    // Scatter `g` back to the strided positions it came from.
    Location loc = op.getLoc();
    Value zeros = zerosLike(b, loc, op.getOperand());
    SmallVector<OpFoldResult> offsets, strides;
    for (auto [start, stride] :
         llvm::zip_equal(op.getStartIndices(), op.getStrides())) {
      offsets.push_back(b.getIndexAttr(start));
      strides.push_back(b.getIndexAttr(stride));
    }
    adjoints[0] = tensor::InsertSliceOp::create(
        b, loc, g, zeros, offsets, mixedSizesOf(b, loc, g), strides);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// TakeOp
//===----------------------------------------------------------------------===//

struct TakeModel : public LinearModel<TakeModel, TakeOp> {
  static FailureOr<Value> tangent(TakeOp op, OpBuilder &b,
                                  ArrayRef<Value> tangents) {
    return Value(TakeOp::create(b, op.getLoc(), op.getType(), tangents[0],
                                op.getIndices(), op.getAxisAttr()));
  }
  static LogicalResult adjoints(TakeOp op, OpBuilder &b, Value g,
                                MutableArrayRef<Value> adjoints) {
    Location loc = op.getLoc();
    Value zeros = zerosLike(b, loc, op.getOperand());
    adjoints[0] = ScatterAddOp::create(b, loc, zeros.getType(), zeros,
                                       op.getIndices(), g, op.getAxisAttr());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

struct TransposeModel : public LinearModel<TransposeModel, TransposeOp> {
  static FailureOr<Value> tangent(TransposeOp op, OpBuilder &b,
                                  ArrayRef<Value> tangents) {
    return Value(TransposeOp::create(b, op.getLoc(), op.getType(), tangents[0],
                                     op.getPermutationAttr()));
  }
  static LogicalResult adjoints(TransposeOp op, OpBuilder &b, Value g,
                                MutableArrayRef<Value> adjoints) {
    ArrayRef<int64_t> permutation = op.getPermutation();
    SmallVector<int64_t> inverse(permutation.size());
    for (auto [i, dim] : llvm::enumerate(permutation))
      inverse[dim] = i;
    adjoints[0] = castTo(b, op.getLoc(), transpose(b, op.getLoc(), g, inverse),
                         op.getOperand().getType());
    return success();
  }
};
} // namespace

void mlir::nabla::attachShapeADModels(MLIRContext *context) {
  BroadcastToOp::attachInterface<BroadcastToModel>(*context);
  ConcatOp::attachInterface<ConcatModel>(*context);
  DynamicSliceOp::attachInterface<DynamicSliceModel>(*context);
  DynamicUpdateSliceOp::attachInterface<DynamicUpdateSliceModel>(*context);
  attachNoDerivativeModels<OneHotOp>(context);
  ReshapeOp::attachInterface<ReshapeModel>(*context);
  ScatterAddOp::attachInterface<ScatterAddModel>(*context);
  SliceOp::attachInterface<SliceModel>(*context);
  TakeOp::attachInterface<TakeModel>(*context);
  TransposeOp::attachInterface<TransposeModel>(*context);
}

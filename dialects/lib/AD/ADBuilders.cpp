//===- ADBuilders.cpp - Builders shared by AD rules and the driver --------===//
//
// Implements the derivative-code builders declared in
// nabla/Derivatives/ADBuilders.h.
//
//===----------------------------------------------------------------------===//

#include "nabla/Derivatives/ADBuilders.h"

#include "nabla/IR/Broadcast.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/STLExtras.h"

#include <cassert>

using namespace mlir;
using namespace mlir::nabla;

bool ad::isDifferentiableType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && isa<FloatType>(tensor.getElementType());
}

Value ad::scalarConstant(OpBuilder &b, Location loc, Type elementType,
                         double value) {
  auto type = RankedTensorType::get({}, elementType);
  Attribute element = isa<FloatType>(elementType)
                          ? Attribute(b.getFloatAttr(elementType, value))
                          : Attribute(b.getIntegerAttr(
                                elementType, static_cast<int64_t>(value)));
  return ConstantOp::create(b, loc, DenseElementsAttr::get(type, element));
}

SmallVector<Value> ad::dynamicSizesOf(OpBuilder &b, Location loc, Value like) {
  SmallVector<Value> sizes;
  auto type = cast<RankedTensorType>(like.getType());
  for (auto [dim, size] : llvm::enumerate(type.getShape()))
    if (ShapedType::isDynamic(size))
      sizes.push_back(tensor::DimOp::create(b, loc, like, dim));
  return sizes;
}

Value ad::zerosLike(OpBuilder &b, Location loc, Value like) {
  Type type = like.getType();
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType)
    return arith::ConstantOp::create(b, loc, type, b.getZeroAttr(type));
  Type elementType = tensorType.getElementType();
  Attribute zero = b.getZeroAttr(elementType);
  if (tensorType.hasStaticShape())
    return ConstantOp::create(b, loc, DenseElementsAttr::get(tensorType, zero));
  Value scalar = ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(RankedTensorType::get({}, elementType), zero));
  return SplatOp::create(b, loc, tensorType, scalar,
                         dynamicSizesOf(b, loc, like));
}

Value ad::orZeros(OpBuilder &b, Location loc, Value value, Value like) {
  return value ? value : zerosLike(b, loc, like);
}

Value ad::castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

Value ad::broadcastLike(OpBuilder &b, Location loc, Value value, Value like) {
  if (value.getType() == like.getType())
    return value;
  auto likeType = cast<RankedTensorType>(like.getType());
  auto valueType = cast<RankedTensorType>(value.getType());
  // Only the shape comes from `like`; the element type stays.
  auto type = likeType.clone(valueType.getElementType());
  if (valueType == type)
    return value;
  // Equal ranks whose sizes differ only in `?` versus a size other than 1
  // are taken as equal sizes: a cast, not a broadcast.
  bool sameSizes = valueType.getRank() == type.getRank();
  for (int64_t dim = 0; sameSizes && dim < type.getRank(); ++dim) {
    int64_t from = valueType.getDimSize(dim), to = type.getDimSize(dim);
    sameSizes = from == to || ShapedType::isDynamic(from) ||
                (ShapedType::isDynamic(to) && from != 1);
  }
  if (sameSizes)
    return castTo(b, loc, value, type);
  return BroadcastToOp::create(b, loc, type, value,
                               dynamicSizesOf(b, loc, like));
}

Value ad::sumToType(OpBuilder &b, Location loc, Value adjoint,
                    RankedTensorType target) {
  auto type = cast<RankedTensorType>(adjoint.getType());
  ArrayRef<int64_t> shape = type.getShape();
  int64_t lead = type.getRank() - target.getRank();
  assert(lead >= 0 && "adjoint has lower rank than its operand");
  SmallVector<int64_t> unitAxes;
  for (auto [i, size] : llvm::enumerate(target.getShape()))
    if (size == 1 && shape[lead + i] != 1)
      unitAxes.push_back(lead + i);
  Value sum = adjoint;
  if (!unitAxes.empty())
    sum = reduceSum(b, loc, sum, unitAxes, /*keepdims=*/true);
  if (lead > 0)
    sum = reduceSum(b, loc, sum, llvm::to_vector(llvm::seq<int64_t>(0, lead)),
                    /*keepdims=*/false);
  return castTo(b, loc, sum, target);
}

/// The type of a broadcasting elementwise op on `lhs` and `rhs` with result
/// element type `elementType`.
static RankedTensorType broadcastType(Value lhs, Value rhs, Type elementType) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(lhsType.getShape(), rhsType.getShape());
  assert(succeeded(shape) && "derivative operands must broadcast");
  return RankedTensorType::get(*shape, elementType);
}

template <typename OpTy>
static Value binary(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  Type elementType = cast<RankedTensorType>(lhs.getType()).getElementType();
  return OpTy::create(b, loc, broadcastType(lhs, rhs, elementType), lhs, rhs);
}

Value ad::add(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  if (!lhs)
    return rhs;
  if (!rhs)
    return lhs;
  return binary<AddOp>(b, loc, lhs, rhs);
}

Value ad::sub(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  return binary<SubOp>(b, loc, lhs, rhs);
}

Value ad::mul(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  return binary<MulOp>(b, loc, lhs, rhs);
}

Value ad::div(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  return binary<DivOp>(b, loc, lhs, rhs);
}

Value ad::pow(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  return binary<PowOp>(b, loc, lhs, rhs);
}

Value ad::neg(OpBuilder &b, Location loc, Value value) {
  return NegOp::create(b, loc, value.getType(), value);
}

Value ad::cmp(OpBuilder &b, Location loc, CmpPredicate predicate, Value lhs,
              Value rhs) {
  return CmpOp::create(b, loc, broadcastType(lhs, rhs, b.getI1Type()),
                       predicate, lhs, rhs);
}

Value ad::select(OpBuilder &b, Location loc, Value cond, Value onTrue,
                 Value onFalse) {
  Type elementType = cast<RankedTensorType>(onTrue.getType()).getElementType();
  RankedTensorType type = broadcastType(cond, onTrue, elementType);
  FailureOr<SmallVector<int64_t>> shape = broadcastShapes(
      type.getShape(), cast<RankedTensorType>(onFalse.getType()).getShape());
  assert(succeeded(shape) && "select operands must broadcast");
  return SelectOp::create(b, loc, RankedTensorType::get(*shape, elementType),
                          cond, onTrue, onFalse);
}

Value ad::convertTo(OpBuilder &b, Location loc, Value value, Type elementType) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getElementType() == elementType)
    return value;
  return ConvertOp::create(b, loc, type.clone(elementType), value);
}

Value ad::reduceSum(OpBuilder &b, Location loc, Value value,
                    ArrayRef<int64_t> axes, bool keepdims) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  for (auto [dim, size] : llvm::enumerate(type.getShape())) {
    if (!llvm::is_contained(axes, static_cast<int64_t>(dim)))
      shape.push_back(size);
    else if (keepdims)
      shape.push_back(1);
  }
  return ReduceSumOp::create(b, loc, type.clone(shape), value, axes, keepdims);
}

Value ad::expandReduced(OpBuilder &b, Location loc, Value reduced, Value input,
                        ArrayRef<int64_t> axes, bool keepdims) {
  auto inputType = cast<RankedTensorType>(input.getType());
  auto reducedType = cast<RankedTensorType>(reduced.getType());
  auto type = inputType.clone(reducedType.getElementType());
  if (axes.empty())
    return castTo(b, loc, reduced, type);
  if (keepdims)
    return BroadcastToOp::create(b, loc, type, reduced,
                                 dynamicSizesOf(b, loc, input));

  // Broadcasting aligns on the right, so broadcast to the reduced axes
  // followed by the kept ones, then transpose the reduced axes back into
  // place.
  ArrayRef<int64_t> inputShape = inputType.getShape();
  SmallVector<int64_t> order(axes);
  for (int64_t dim = 0; dim < inputType.getRank(); ++dim)
    if (!llvm::is_contained(axes, dim))
      order.push_back(dim);
  SmallVector<int64_t> shape;
  SmallVector<Value> sizes;
  for (int64_t dim : order) {
    shape.push_back(inputShape[dim]);
    if (ShapedType::isDynamic(inputShape[dim]))
      sizes.push_back(tensor::DimOp::create(b, loc, input, dim));
  }
  Value broadcast =
      BroadcastToOp::create(b, loc, type.clone(shape), reduced, sizes);
  // Result dimension `dim` is dimension `position of dim in order`.
  SmallVector<int64_t> permutation(order.size());
  for (auto [position, dim] : llvm::enumerate(order))
    permutation[dim] = position;
  return castTo(b, loc, transpose(b, loc, broadcast, permutation), type);
}

Value ad::transpose(OpBuilder &b, Location loc, Value value,
                    ArrayRef<int64_t> permutation) {
  bool identity = true;
  for (auto [i, dim] : llvm::enumerate(permutation))
    identity &= dim == static_cast<int64_t>(i);
  if (identity)
    return value;
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  for (int64_t dim : permutation)
    shape.push_back(type.getDimSize(dim));
  return TransposeOp::create(b, loc, type.clone(shape), value, permutation);
}

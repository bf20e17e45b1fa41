//===- MLIRGenCreation.cpp - The construction and random builtins ---------===//
//
// zeros, ones, full, zeros_like and ones_like (of tensors and of parameter
// trees), arange, and the random numbers from an explicit key: key, split,
// random_normal and random_uniform.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace nabla {

SmallVector<Value> MLIRGenImpl::dynamicSizes(const Expr *shapeExpr,
                                             const Type &result, Location at) {
  SmallVector<Value> sizes;
  auto *array = shapeExpr ? dyn_cast<ArrayLitExpr>(shapeExpr) : nullptr;
  for (auto [i, d] : llvm::enumerate(result.shape)) {
    if (d.isStatic())
      continue;
    if (array && i < array->elems.size()) {
      sizes.push_back(toIndex(genTensor(*array->elems[i]), at));
      continue;
    }
    if (d.kind == Dim::Symbolic)
      if (Value v = dimSize(d.name, at)) {
        sizes.push_back(v);
        continue;
      }
    fail(shapeExpr ? shapeExpr->loc : llvm::SMLoc(),
         "internal error: no size for dimension " + std::to_string(i));
    sizes.push_back(arith::ConstantIndexOp::create(builder, at, 0));
  }
  return sizes;
}

/// A tensor of `x`'s type (its run-time sizes included) filled with `value`.
static Value splatLike(OpBuilder &b, Location at, Value x, double value) {
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      sizes.push_back(tensor::DimOp::create(b, at, x, d));
  mlir::Type element = type.getElementType();
  TypedAttr scalarAttr =
      isa<FloatType>(element)
          ? TypedAttr(b.getFloatAttr(element, value))
          : TypedAttr(b.getIntegerAttr(element, static_cast<int64_t>(value)));
  Value scalar = mlir::nabla::ConstantOp::create(
      b, at,
      cast<ElementsAttr>(DenseElementsAttr::get(
          RankedTensorType::get({}, element), scalarAttr)));
  return mlir::nabla::SplatOp::create(b, at, type, scalar, sizes);
}

RValue MLIRGenImpl::genCreationBuiltin(const CallExpr &call, BuiltinId id) {
  Location at = loc(call.loc);
  switch (id) {
  case BuiltinId::Zeros:
  case BuiltinId::Ones:
  case BuiltinId::Full: {
    const Expr *shapeExpr = call.ordered[0];
    Value scalar = id == BuiltinId::Full
                       ? genTensor(*call.ordered[1])
                       : constantScalar(call.type.dtype,
                                        id == BuiltinId::Ones ? 1 : 0, at);
    SmallVector<Value> sizes = dynamicSizes(shapeExpr, call.type, at);
    return builtinValue(
        call, mlir::nabla::SplatOp::create(builder, at, tensorType(call.type),
                                           scalar, sizes));
  }
  case BuiltinId::ZerosLike:
  case BuiltinId::OnesLike: {
    double value = id == BuiltinId::OnesLike ? 1 : 0;
    RValue like = gen(*call.ordered[0]);
    if (failed)
      return {};
    return genTreeOp(
        call.type, {like},
        [&](ArrayRef<Value> v, mlir::Type) {
          return splatLike(builder, at, v[0], value);
        },
        at);
  }
  case BuiltinId::Arange: {
    SmallVector<Value> sizes;
    if (!call.type.shape[0].isStatic())
      sizes.push_back(toIndex(genTensor(*call.ordered[0]), at));
    return builtinValue(call, mlir::nabla::IotaOp::create(builder, at,
                                                          tensorType(call.type),
                                                          0, sizes));
  }
  default:
    break;
  }
  return noLowering(call);
}

RValue MLIRGenImpl::genRandomBuiltin(const CallExpr &call, BuiltinId id) {
  Location at = loc(call.loc);
  Value key = genTensor(*call.ordered[0]);
  if (failed)
    return {};
  mlir::Type type = tensorType(call.type);
  switch (id) {
  case BuiltinId::Key:
    return builtinValue(call, key);
  case BuiltinId::Split:
    return builtinValue(
        call, mlir::nabla::FoldInOp::create(builder, at, type, key,
                                            genTensor(*call.ordered[1])));
  case BuiltinId::RandomNormal:
    return builtinValue(call,
                        mlir::nabla::RandomNormalOp::create(
                            builder, at, type, key,
                            dynamicSizes(call.ordered[1], call.type, at)));
  case BuiltinId::RandomUniform:
    return builtinValue(call,
                        mlir::nabla::RandomUniformOp::create(
                            builder, at, type, key,
                            dynamicSizes(call.ordered[1], call.type, at)));
  default:
    return noLowering(call);
  }
}

} // namespace nabla

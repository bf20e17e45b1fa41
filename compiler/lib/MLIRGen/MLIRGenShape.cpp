//===- MLIRGenShape.cpp - The shape and data movement builtins ------------===//
//
// reshape, transpose, concat, take (its indices checked at run time), dim
// and one_hot.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace nabla {

RValue MLIRGenImpl::genShapeBuiltin(const CallExpr &call, BuiltinId id) {
  Location at = loc(call.loc);
  if (id == BuiltinId::Concat) {
    auto *array = cast<ArrayLitExpr>(call.ordered[0]);
    SmallVector<Value> inputs;
    for (auto &e : array->elems)
      inputs.push_back(genTensor(*e));
    return builtinValue(call, mlir::nabla::ConcatOp::create(
                                  builder, at, tensorType(call.type), inputs,
                                  call.attrs<builtin::Axis>().axis));
  }
  Value x = genTensor(*call.ordered[0]);
  if (failed)
    return {};
  if (id == BuiltinId::DimOf) {
    Value d =
        tensor::DimOp::create(builder, at, x, call.attrs<builtin::Axis>().axis);
    return builtinValue(call, indexToTensor(d, at));
  }
  mlir::Type type = tensorType(call.type);
  switch (id) {
  case BuiltinId::Reshape:
    return builtinValue(call,
                        mlir::nabla::ReshapeOp::create(builder, at, type, x));
  case BuiltinId::Transpose:
    return builtinValue(call, mlir::nabla::TransposeOp::create(
                                  builder, at, type, x,
                                  call.attrs<builtin::Permutation>().perm));
  case BuiltinId::Take: {
    // nabla.take clamps; a user's indices must be in range.
    int64_t axis = call.attrs<builtin::Axis>().axis;
    Value indices = genTensor(*call.ordered[1]);
    indices = mlir::nabla::CheckIndexOp::create(builder, at, indices.getType(),
                                                indices, x, axis, /*span=*/1,
                                                /*wrap=*/false);
    return builtinValue(
        call, mlir::nabla::TakeOp::create(builder, at, type, x, indices, axis));
  }
  case BuiltinId::OneHot:
    return builtinValue(
        call, mlir::nabla::OneHotOp::create(
                  builder, at, type, x, call.attrs<builtin::Depth>().depth));
  default:
    break;
  }
  return noLowering(call);
}

} // namespace nabla

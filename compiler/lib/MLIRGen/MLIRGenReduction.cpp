//===- MLIRGenReduction.cpp - The reduction builtins ----------------------===//
//
// sum, mean, max, min and argmax over the axes Sema computed, softmax and
// log_softmax along one; sum, max and min of a parameter tree reduce every
// leaf to an f64 scalar and combine them.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "nabla/IR/NablaOps.h"

using namespace mlir;

namespace nabla {

using ReduceBuilder = Value (*)(OpBuilder &, Location, mlir::Type, Value,
                                ArrayRef<int64_t>, bool);

template <typename OpTy>
static Value buildReduce(OpBuilder &b, Location at, mlir::Type type, Value x,
                         ArrayRef<int64_t> axes, bool keepdims) {
  return OpTy::create(b, at, type, x, axes, keepdims);
}

/// The reduction op of sum, mean, max and min.
static ReduceBuilder reduceBuilder(BuiltinId id) {
  switch (id) {
  case BuiltinId::Sum:
    return buildReduce<mlir::nabla::ReduceSumOp>;
  case BuiltinId::Mean:
    return buildReduce<mlir::nabla::ReduceMeanOp>;
  case BuiltinId::Max:
    return buildReduce<mlir::nabla::ReduceMaxOp>;
  case BuiltinId::Min:
    return buildReduce<mlir::nabla::ReduceMinOp>;
  default:
    return nullptr;
  }
}

/// sum, max or min of every element of every leaf of a tree, in f64.
static Value reduceTree(OpBuilder &b, Location at, BuiltinId id,
                        ArrayRef<Value> leaves) {
  auto f64 = RankedTensorType::get({}, b.getF64Type());
  Value total;
  for (Value leaf : leaves) {
    auto lt = cast<RankedTensorType>(leaf.getType());
    SmallVector<int64_t> axes;
    for (int64_t i = 0; i < lt.getRank(); ++i)
      axes.push_back(i);
    auto st = RankedTensorType::get({}, lt.getElementType());
    Value r = reduceBuilder(id)(b, at, st, leaf, axes, false);
    if (st != f64)
      r = mlir::nabla::ConvertOp::create(b, at, f64, r);
    if (!total)
      total = r;
    else if (id == BuiltinId::Sum)
      total = mlir::nabla::AddOp::create(b, at, f64, total, r);
    else if (id == BuiltinId::Max)
      total = mlir::nabla::MaxOp::create(b, at, f64, total, r);
    else
      total = mlir::nabla::MinOp::create(b, at, f64, total, r);
  }
  return total;
}

RValue MLIRGenImpl::genReductionBuiltin(const CallExpr &call, BuiltinId id) {
  Location at = loc(call.loc);
  const Expr &operand = *call.ordered[0];
  if (concrete(operand.type).isTree() || containsTypeParam(operand.type)) {
    RValue tree = gen(operand);
    if (failed)
      return {};
    Value total = reduceTree(builder, at, id, tree.leaves);
    return builtinValue(call,
                        total ? total : constantScalar(DType::F64, 0, at));
  }
  mlir::Type type = tensorType(call.type);
  Value x = genTensor(operand);
  if (failed)
    return {};
  if (id == BuiltinId::Softmax || id == BuiltinId::LogSoftmax) {
    int64_t axis = call.attrs<builtin::Axis>().axis;
    if (id == BuiltinId::Softmax)
      return builtinValue(
          call, mlir::nabla::SoftmaxOp::create(builder, at, type, x, axis));
    return builtinValue(
        call, mlir::nabla::LogSoftmaxOp::create(builder, at, type, x, axis));
  }
  const auto &reduction = call.attrs<builtin::Reduction>();
  ArrayRef<int64_t> axes = reduction.axes;
  bool keepdims = reduction.keepdims;
  if (id == BuiltinId::Argmax)
    return builtinValue(call,
                        mlir::nabla::ArgmaxOp::create(builder, at, type, x,
                                                      axes.front(), keepdims));
  if (ReduceBuilder build = reduceBuilder(id))
    return builtinValue(call, build(builder, at, type, x, axes, keepdims));
  return noLowering(call);
}

} // namespace nabla

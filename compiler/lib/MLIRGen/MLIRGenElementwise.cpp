//===- MLIRGenElementwise.cpp - The elementwise builtins ------------------===//
//
// Every builtin that Builtins.def gives as one elementwise op becomes that op
// through one generic builder: its tensor parameters are the operands, its
// constant parameters the attributes of the same names. The elementwise
// tests, where and the element type conversions are built here too.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "nabla/IR/NablaOps.h"

#include <limits>

using namespace mlir;

namespace nabla {

/// The name of the op of an elementwise builtin, from its row in
/// Builtins.def.
static StringRef elementwiseOpName(BuiltinId id) {
  switch (id) {
#define NABLA_BUILTIN(ID, NAME, FAMILY, ...)
#define NABLA_ELEMENTWISE(ID, NAME, OP, DOMAIN, ...)                           \
  case BuiltinId::ID:                                                          \
    return mlir::nabla::OP::getOperationName();
#include "nabla/Frontend/Builtins.def"
  default:
    return {};
  }
}

/// The op of the elementwise builtin of `call` applied to `operands`.
static Value buildElementwiseOp(OpBuilder &b, Location at, const CallExpr &call,
                                ValueRange operands, mlir::Type type) {
  OperationState state(at, elementwiseOpName(call.builtin));
  state.addOperands(operands);
  state.addTypes(type);
  for (const builtin::OpAttributes::Value &attr :
       call.attrs<builtin::OpAttributes>().values) {
    if (auto *number = std::get_if<double>(&attr.value))
      state.addAttribute(attr.name, b.getF64FloatAttr(*number));
    else
      state.addAttribute(attr.name,
                         b.getStringAttr(std::get<std::string>(attr.value)));
  }
  return b.create(state)->getResult(0);
}

RValue MLIRGenImpl::genElementwiseBuiltin(const CallExpr &call, BuiltinId id) {
  Location at = loc(call.loc);
  ElementwiseRule rule = builtinInfo(id).elementwise;
  if (rule == ElementwiseRule::Float || rule == ElementwiseRule::Numeric) {
    SmallVector<RValue> operands;
    bool tree = false;
    for (auto [param, arg] : llvm::zip(builtinInfo(id).params, call.ordered)) {
      if (param.kind != BuiltinParam::Required)
        continue;
      operands.push_back(gen(*arg));
      Type t = concrete(arg->type);
      tree |= t.isTree() || containsTypeParam(arg->type);
    }
    if (failed)
      return {};
    if (tree)
      return genTreeOp(
          call.type, operands,
          [&](ArrayRef<Value> leaves, mlir::Type type) {
            return buildElementwiseOp(builder, at, call, leaves, type);
          },
          at);
    SmallVector<Value> values;
    for (const RValue &operand : operands)
      values.push_back(operand.leaves.front());
    return builtinValue(call, buildElementwiseOp(builder, at, call, values,
                                                 tensorType(call.type)));
  }

  mlir::Type type = tensorType(call.type);
  Value x = genTensor(*call.ordered[0]);
  if (failed)
    return {};
  switch (id) {
  case BuiltinId::IsNan:
    // NaN is the one value unequal to itself.
    return builtinValue(
        call, mlir::nabla::CmpOp::create(builder, at, type,
                                         mlir::nabla::CmpPredicate::ne, x, x));
  case BuiltinId::IsInf:
  case BuiltinId::IsFinite: {
    // |x| == inf, or |x| < inf (false for NaN).
    auto xType = cast<RankedTensorType>(x.getType());
    Value magnitude = mlir::nabla::AbsOp::create(builder, at, xType, x);
    DType dtype = xType.getElementType().isF64() ? DType::F64 : DType::F32;
    Value inf =
        constantScalar(dtype, std::numeric_limits<double>::infinity(), at);
    return builtinValue(
        call, mlir::nabla::CmpOp::create(builder, at, type,
                                         id == BuiltinId::IsInf
                                             ? mlir::nabla::CmpPredicate::eq
                                             : mlir::nabla::CmpPredicate::lt,
                                         magnitude, inf));
  }
  case BuiltinId::Where:
    return builtinValue(
        call, mlir::nabla::SelectOp::create(builder, at, type, x,
                                            genTensor(*call.ordered[1]),
                                            genTensor(*call.ordered[2])));
  case BuiltinId::CastF32:
  case BuiltinId::CastF64:
  case BuiltinId::CastI32:
  case BuiltinId::CastI64:
  case BuiltinId::CastBool:
    if (x.getType() == type)
      return builtinValue(call, x);
    return builtinValue(call,
                        mlir::nabla::ConvertOp::create(builder, at, type, x));
  default:
    break;
  }
  return noLowering(call);
}

} // namespace nabla

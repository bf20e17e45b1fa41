//===- MLIRGenTransforms.cpp - The differentiation builtins ---------------===//
//
// grad, value_and_grad, jacobian, per_example_grad and custom_vjp give
// function values; jvp, vjp and hvp apply a transform at a point;
// stop_gradient and tree_map work leaf by leaf.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "nabla/IR/NablaOps.h"

using namespace mlir;

namespace nabla {

RValue MLIRGenImpl::genTransformCall(const CallExpr &call, BuiltinId id) {
  Location at = loc(call.loc);
  RValue out{call.type};
  std::string symbol = materialize(call.target);
  if (failed)
    return out;
  auto func = module.lookupSymbol<func::FuncOp>(symbol);
  FunctionType fnType = func.getFunctionType();
  RValue primals = gen(*call.ordered[1]);
  RValue second = gen(*call.ordered[2]);
  if (failed)
    return out;
  // Primals and tangents take the callee's parameter types.
  SmallVector<int64_t> all;
  for (unsigned i = 0; i < fnType.getNumInputs(); ++i)
    all.push_back(i);
  SmallVector<Value> operands;
  for (auto [v, t] : llvm::zip(primals.leaves, fnType.getInputs()))
    operands.push_back(castTo(v, t, at));
  auto callee = FlatSymbolRefAttr::get(context, symbol);
  SmallVector<mlir::Type> resultTypes;
  if (id == BuiltinId::Vjp) {
    for (auto [v, t] : llvm::zip(second.leaves, fnType.getResults()))
      operands.push_back(castTo(v, t, at));
    resultTypes.append(fnType.getResults().begin(), fnType.getResults().end());
    resultTypes.append(fnType.getInputs().begin(), fnType.getInputs().end());
    auto op =
        mlir::nabla::VjpOp::create(builder, at, resultTypes, callee,
                                   builder.getDenseI64ArrayAttr(all), operands);
    out.leaves.append(op.getResults().begin(), op.getResults().end());
  } else {
    for (auto [v, t] : llvm::zip(second.leaves, fnType.getInputs()))
      operands.push_back(castTo(v, t, at));
    if (id == BuiltinId::Jvp) {
      resultTypes.append(fnType.getResults().begin(),
                         fnType.getResults().end());
      resultTypes.append(fnType.getResults().begin(),
                         fnType.getResults().end());
      auto op = mlir::nabla::JvpOp::create(builder, at, resultTypes, callee,
                                           builder.getDenseI64ArrayAttr(all),
                                           operands);
      out.leaves.append(op.getResults().begin(), op.getResults().end());
    } else {
      if (all.size() != 1) {
        fail(call.loc, "'hvp' of a function with several parameter tensors "
                       "is not supported yet; pass one tensor");
        return out;
      }
      auto op = mlir::nabla::HvpOp::create(
          builder, at, fnType.getInput(0), callee,
          builder.getDenseI64ArrayAttr(all), operands);
      out.leaves.push_back(op.getResult());
    }
  }
  return castLeaves(std::move(out), call.type, at);
}

RValue MLIRGenImpl::genTransformBuiltin(const CallExpr &call, BuiltinId id) {
  Location at = loc(call.loc);
  RValue out{call.type};
  switch (id) {
  case BuiltinId::Jvp:
  case BuiltinId::Vjp:
  case BuiltinId::Hvp:
    return genTransformCall(call, id);
  case BuiltinId::StopGradient: {
    RValue v = gen(*call.ordered[0]);
    for (Value leaf : v.leaves)
      out.leaves.push_back(mlir::nabla::StopGradientOp::create(
          builder, at, leaf.getType(), leaf));
    return out;
  }
  case BuiltinId::TreeMap:
    break;
  default:
    // A function value: generated where it is called.
    out.fn = call.target;
    return out;
  }
  {
    const FnDecl &decl = *call.args[0].value->type.fnValue->decl;
    std::vector<RValue> trees;
    for (size_t i = 1; i < call.args.size(); ++i)
      trees.push_back(gen(*call.args[i].value));
    if (failed)
      return out;
    Type tree = concrete(call.args[1].value->type);
    std::vector<Type> leaves;
    if (!tensorLeaves(tree, leaves) ||
        leaves.size() != trees.front().leaves.size()) {
      fail(call.loc, "'tree_map' maps trees of tensors, found " + tree.str());
      return out;
    }
    out.type = tree;
    for (auto [i, leaf] : llvm::enumerate(leaves)) {
      TypeBindings typeArgs;
      bool fits = true;
      for (const Param &p : decl.params)
        fits = fits && matchConcrete(p.resolved, leaf, typeArgs);
      if (!fits) {
        fail(call.loc, "'tree_map' cannot apply '" + decl.name +
                           "' to the leaf " + leaf.str() + " of " + tree.str());
        return out;
      }
      std::string symbol = requestFunction(decl, {}, typeArgs);
      if (failed)
        return out;
      auto func = module.lookupSymbol<func::FuncOp>(symbol);
      SmallVector<Value> operands;
      for (auto [t, type] :
           llvm::zip(trees, func.getFunctionType().getInputs()))
        operands.push_back(castTo(t.leaves[i], type, at));
      auto result = func::CallOp::create(builder, at, func, operands);
      out.leaves.push_back(
          castTo(result.getResult(0), trees.front().leaves[i].getType(), at));
    }
    return out;
  }
}

} // namespace nabla

//===- SemaTransforms.cpp - Type rules of the function transforms ---------===//
//
// grad, value_and_grad, jacobian, per_example_grad, jvp, vjp, hvp, tree_map,
// custom_vjp and stop_gradient: the builtins that take functions or stop
// derivatives.
//
//===----------------------------------------------------------------------===//

#include "BuiltinArgs.h"
#include "SemaImpl.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

using namespace nabla;

/// Whether values of this type can carry derivatives: float tensors, and
/// structs and tuples made of them.
static bool isDifferentiable(const Type &t) { return treeLeavesAreFloat(t); }

Type SemaChecker::checkTransformBuiltin(CallExpr &call, BuiltinId id,
                                        BuiltinArgs &args) {
  switch (id) {
  case BuiltinId::CustomVjp:
    return checkCustomVjp(call, args);
  case BuiltinId::TreeMap:
    return checkTreeMap(call);
  case BuiltinId::StopGradient: {
    Type t = args.check(0);
    if (t.isError())
      return t;
    if (t.isFunction() || t.isStr() || t.isVoid()) {
      error(args.get(0)->loc,
            "'stop_gradient' needs a value, found " + t.str());
      return Type::error();
    }
    return t;
  }
  default:
    return checkTransform(call, id, args);
  }
}

Type SemaChecker::checkTransform(CallExpr &call, BuiltinId id,
                                 BuiltinArgs &args) {
  llvm::StringRef name = builtinName(id);
  bool isFnTransform = id == BuiltinId::Grad || id == BuiltinId::ValueAndGrad ||
                       id == BuiltinId::Jacobian ||
                       id == BuiltinId::PerExampleGrad;
  Type fnType = check(*args.get(0));
  if (fnType.isError())
    return fnType;
  if (!fnType.isFunction() || !fnType.fnValue) {
    error(args.get(0)->loc,
          "'" + name + "' needs a function, found " + fnType.str());
    return Type::error();
  }
  if (const FnDecl *decl = fnType.fnValue->kind == FnValue::Decl
                               ? fnType.fnValue->decl
                               : nullptr;
      decl && (decl->isExtern || decl->hasFunctionParams())) {
    error(args.get(0)->loc,
          "'" + name + "' cannot transform '" + decl->name + "': it " +
              (decl->isExtern ? "is 'extern'" : "takes function parameters"));
    return Type::error();
  }
  const std::vector<Type> &params = fnType.elems;
  if (params.empty()) {
    error(args.get(0)->loc, "'" + name +
                                "' needs a function with at least "
                                "one parameter");
    return Type::error();
  }
  if (isFnTransform) {
    std::vector<int64_t> wrt{0};
    if (Expr *wrtExpr = args.get(1)) {
      std::optional<std::vector<int64_t>> axes = evalAxes(
          *wrtExpr, static_cast<int64_t>(params.size()),
          id != BuiltinId::Jacobian && id != BuiltinId::PerExampleGrad);
      if (!axes)
        return Type::error();
      wrt = *axes;
    }
    for (int64_t i : wrt) {
      if (!isDifferentiable(params[i])) {
        error(call.loc, "cannot differentiate with respect to argument " +
                            std::to_string(i) + " of '" +
                            fnType.fnValue->str() + "': its type " +
                            params[i].str() +
                            " holds values that are not float tensors");
        return Type::error();
      }
    }
    auto value = std::make_shared<FnValue>();
    value->kind = id == BuiltinId::Grad           ? FnValue::Grad
                  : id == BuiltinId::ValueAndGrad ? FnValue::ValueAndGrad
                  : id == BuiltinId::Jacobian     ? FnValue::Jacobian
                                                  : FnValue::PerExampleGrad;
    value->inner = fnType.fnValue;
    value->wrt = wrt;
    call.target = value;
    return fnValueType(value, call.loc);
  }

  // jvp / vjp / hvp: apply at a point.
  call.target = fnType.fnValue;
  Expr *primals = args.get(1);
  Expr *second = args.get(2);
  Type primalType = check(*primals);
  Type secondType = check(*second);
  if (primalType.isError() || secondType.isError())
    return Type::error();
  Type paramsType = params.size() == 1 ? params.front() : Type::tuple(params);
  if (params.size() == 1 && primalType.isScalar() && paramsType.isScalar())
    adoptLiteral(*primals, paramsType.dtype);
  for (const Type &p : params) {
    if (!isDifferentiable(p)) {
      error(call.loc, "'" + name + "' differentiates every argument of '" +
                          fnType.fnValue->str() + "', but " + p.str() +
                          " holds values that are not float tensors");
      return Type::error();
    }
  }
  bool generic = fnType.fnValue->kind != FnValue::Param;
  Bindings bindings;
  conflict.clear();
  if (!unify(paramsType, primals->type, bindings, generic, primals->loc)) {
    error(primals->loc, "primals of '" + name +
                            "' must match the parameters "
                            "of '" +
                            fnType.fnValue->str() + "': expected " +
                            paramsType.str() + ", found " +
                            primals->type.str() +
                            (params.size() > 1 ? " (pass a tuple of all "
                                                 "arguments)"
                                               : ""));
    return Type::error();
  }
  Type out = generic ? substitute(*fnType.result, bindings) : *fnType.result;
  Type primalsConcrete = primals->type;
  if (out.isVoid() || !isDifferentiable(out)) {
    error(call.loc, "'" + name +
                        "' needs a function with a float result, "
                        "found " +
                        out.str());
    return Type::error();
  }
  if (id == BuiltinId::Vjp) {
    if (out.isScalar() && second->type.isScalar())
      adoptLiteral(*second, out.dtype);
    if (!isAssignable(out, second->type)) {
      error(second->loc, "the cotangent of 'vjp' must have the type of the "
                         "result " +
                             out.str() + ", found " + second->type.str());
      return Type::error();
    }
    return Type::tuple({out, primalsConcrete});
  }
  if (paramsType.isScalar() && second->type.isScalar())
    adoptLiteral(*second, paramsType.dtype);
  if (!isAssignable(primalsConcrete, second->type)) {
    error(second->loc, "the tangents of '" + name +
                           "' must have the type of "
                           "the primals " +
                           primalsConcrete.str() + ", found " +
                           second->type.str());
    return Type::error();
  }
  if (id == BuiltinId::Jvp)
    return Type::tuple({out, out});
  // hvp
  if (!(out.isScalar() && isFloat(out.dtype))) {
    error(call.loc, "'hvp' needs a function that returns a float scalar, "
                    "found " +
                        out.str());
    return Type::error();
  }
  return primalsConcrete;
}

/// tree_map(f, t1, ..., tn): f applied leaf by leaf to trees of one type;
/// f takes one tensor per tree and returns a tensor of the leaf's type. A
/// generic f is specialised for each leaf type.
Type SemaChecker::checkTreeMap(CallExpr &call) {
  bool ok = true;
  for (CallArg &arg : call.args) {
    if (!arg.name.empty()) {
      error(arg.loc, "'tree_map' takes no named arguments");
      ok = false;
    }
    ok &= !check(*arg.value).isError();
  }
  if (!ok)
    return Type::error();
  if (call.args.size() < 2) {
    error(call.loc, "'tree_map' needs a function and at least one tree");
    return Type::error();
  }
  const Type &fnType = call.args[0].value->type;
  const FnDecl *decl = fnType.isFunction() && fnType.fnValue &&
                               fnType.fnValue->kind == FnValue::Decl
                           ? fnType.fnValue->decl
                           : nullptr;
  if (!decl || decl->isExtern || decl->hasFunctionParams()) {
    error(call.args[0].value->loc,
          "'tree_map' needs a function declared with 'fn' (not extern, "
          "without function parameters), found " +
              fnType.str());
    return Type::error();
  }
  size_t trees = call.args.size() - 1;
  if (decl->params.size() != trees) {
    error(call.args[0].value->loc,
          "'" + decl->name + "' takes " + std::to_string(decl->params.size()) +
              " argument(s), but 'tree_map' passes one leaf of each of " +
              std::to_string(trees) + " tree(s)");
    return Type::error();
  }
  const Type &tree = call.args[1].value->type;
  for (size_t i = 2; i < call.args.size(); ++i)
    if (!(call.args[i].value->type == tree)) {
      error(call.args[i].value->loc,
            "the trees of 'tree_map' must have one type: " + tree.str() +
                " and " + call.args[i].value->type.str());
      return Type::error();
    }
  if (tree.isTypeParam())
    return tree; // checked leaf by leaf when the caller is specialised
  std::vector<Type> leaves;
  if (!tensorLeaves(tree, leaves)) {
    error(call.args[1].value->loc,
          "'tree_map' maps trees of tensors, found " + tree.str());
    return Type::error();
  }
  for (const Type &leaf : leaves) {
    Bindings bindings;
    bool fits = true;
    for (const Param &p : decl->params)
      fits =
          fits && unify(p.resolved, leaf, bindings, /*generic=*/true, call.loc);
    Type result = fits ? substitute(decl->resolvedResult, bindings) : Type();
    if (!fits || !result.isTensor() || result.dtype != leaf.dtype ||
        result.rank() != leaf.rank()) {
      error(call.loc, "'tree_map' cannot apply '" + decl->name +
                          "' to the "
                          "leaf " +
                          leaf.str() + " of " + tree.str() +
                          (fits ? ": it returns " + result.str() +
                                      ", not a tensor of the leaf's type"
                                : ": its parameters do not accept it"));
      return Type::error();
    }
  }
  return tree;
}

/// Whether `type` is a tensor or a tree of tensors, which `load` can read.
bool SemaChecker::isStorable(const Type &type) {
  // A type parameter is checked when the function is specialised.
  if (type.isTensor() || type.isTypeParam())
    return true;
  if (type.isStruct()) {
    for (size_t i = 0; i < type.decl->fields.size(); ++i)
      if (!isStorable(type.fieldType(i)))
        return false;
    return true;
  }
  if (type.isTuple())
    return llvm::all_of(type.elems,
                        [&](const Type &e) { return isStorable(e); });
  return false;
}

Type SemaChecker::checkCustomVjp(CallExpr &call, BuiltinArgs &args) {
  Type types[3];
  for (int i = 0; i < 3; ++i) {
    types[i] = check(*args.get(i));
    if (types[i].isError())
      return Type::error();
    if (!types[i].isFunction() || !types[i].fnValue ||
        types[i].fnValue->kind != FnValue::Decl ||
        types[i].fnValue->decl->isExtern ||
        types[i].fnValue->decl->hasFunctionParams() ||
        !types[i].fnValue->decl->typeParams.empty()) {
      error(args.get(i)->loc,
            "argument '" +
                std::string(builtinInfo(BuiltinId::CustomVjp).params[i].name) +
                "' of 'custom_vjp' must name a function "
                "(not generic, not extern), found " +
                types[i].str());
      return Type::error();
    }
  }
  const Type &f = types[0], &fwd = types[1], &bwd = types[2];
  const Type &out = *f.result;
  for (const Type &p : f.elems)
    if (!treeLeavesAreFloat(p)) {
      error(args.get(0)->loc, "'custom_vjp' needs a function of float "
                              "arguments, found " +
                                  f.str());
      return Type::error();
    }
  // fwd(args) -> (result, residuals)
  bool fwdOk = fwd.elems == f.elems && fwd.result->isTuple() &&
               fwd.result->elems.size() == 2 && fwd.result->elems[0] == out;
  if (!fwdOk) {
    error(args.get(1)->loc,
          "'fwd' of 'custom_vjp' must take the arguments of '" +
              f.fnValue->str() + "' and return (" + out.str() +
              ", residuals), found " + fwd.str());
    return Type::error();
  }
  // bwd(residuals, result cotangent) -> argument cotangents
  const Type &residuals = fwd.result->elems[1];
  Type grads = f.elems.size() == 1 ? f.elems[0] : Type::tuple(f.elems);
  bool bwdOk = bwd.elems.size() == 2 && bwd.elems[0] == residuals &&
               bwd.elems[1] == out && *bwd.result == grads;
  if (!bwdOk) {
    error(args.get(2)->loc, "'bwd' of 'custom_vjp' must take (" +
                                residuals.str() + ", " + out.str() +
                                ") and return " + grads.str() + ", found " +
                                bwd.str());
    return Type::error();
  }
  auto value = std::make_shared<FnValue>();
  value->kind = FnValue::CustomVjp;
  value->inner = f.fnValue;
  value->fwd = fwd.fnValue;
  value->bwd = bwd.fnValue;
  call.target = value;
  return fnValueType(value, call.loc);
}

//===- SemaCall.cpp - Calls, generic dimensions, function values ----------===//
//
// Matches arguments to parameters, binds the symbolic dimensions of the
// callee at each call site, and types compile-time function values.
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

#include "llvm/ADT/STLExtras.h"

using namespace nabla;

//===----------------------------------------------------------------------===//
// Function values
//===----------------------------------------------------------------------===//

Type SemaChecker::functionTypeOf(const FnDecl &fn) {
  std::vector<Type> params;
  for (const Param &p : fn.params)
    params.push_back(p.resolved);
  return Type::function(std::move(params), fn.resolvedResult);
}

/// The types of the arguments at `wrt`, as one type or a tuple.
static Type selectWrt(const std::vector<Type> &params,
                      const std::vector<int64_t> &wrt) {
  if (wrt.size() == 1)
    return params[wrt.front()];
  std::vector<Type> elems;
  for (int64_t i : wrt)
    elems.push_back(params[i]);
  return Type::tuple(std::move(elems));
}

Type SemaChecker::perExampleGradType(const FnValue &value, llvm::SMLoc at) {
  Type inner = fnValueType(value.inner, at);
  if (inner.isError())
    return inner;
  const Type &out = *inner.result;
  std::string name = "per_example_grad(" + value.inner->str() + ")";
  if (!(out.isScalar() && isFloat(out.dtype))) {
    error(at, "'" + name +
                  "' needs a function that returns a float scalar, "
                  "found " +
                  out.str());
    return Type::error();
  }
  // The gradient of one example is flattened into a row: the leaves of
  // the differentiated argument in order, with static sizes and one
  // element type.
  int64_t wrt = value.wrt.front();
  std::vector<Type> leaves;
  if (!tensorLeaves(inner.elems[wrt], leaves) || leaves.empty()) {
    error(at, "'" + name +
                  "' differentiates a tensor or a tree of tensors, "
                  "found " +
                  inner.elems[wrt].str());
    return Type::error();
  }
  int64_t width = 0;
  for (const Type &leaf : leaves) {
    if (leaf.dtype != leaves.front().dtype) {
      error(at, "'" + name + "': the leaves of " + inner.elems[wrt].str() +
                    " mix element types " + dtypeName(leaves.front().dtype) +
                    " and " + dtypeName(leaf.dtype));
      return Type::error();
    }
    int64_t count = 1;
    for (const Dim &d : leaf.shape) {
      if (!d.isStatic()) {
        error(at, "'" + name + "' needs the sizes of " +
                      inner.elems[wrt].str() +
                      " known at compile time, found " + leaf.str());
        return Type::error();
      }
      count *= d.size;
    }
    width += count;
  }
  // Every other argument is a batch: a tensor whose first dimension counts
  // the examples (one size for all) and whose other sizes are static.
  std::optional<Dim> batch;
  for (auto [i, param] : llvm::enumerate(inner.elems)) {
    if (static_cast<int64_t>(i) == wrt)
      continue;
    bool ok = param.isTensor() && param.rank() >= 1;
    for (size_t d = 1; ok && d < param.shape.size(); ++d)
      ok = param.shape[d].isStatic();
    if (!ok) {
      error(at, "'" + name +
                    "' splits every other argument into examples "
                    "along its first dimension; argument " +
                    std::to_string(i) + " has type " + param.str() +
                    " (it needs a tensor whose other sizes are static)");
      return Type::error();
    }
    const Dim &first = param.shape.front();
    if (first.isStatic() && first.size != 1) {
      error(at, "'" + name +
                    "' passes each example as a batch of one, but "
                    "argument " +
                    std::to_string(i) + " of type " + param.str() +
                    " needs exactly " + std::to_string(first.size) +
                    " examples; give its first dimension a name");
      return Type::error();
    }
    if (!batch)
      batch = first;
  }
  if (!batch) {
    error(at, "'" + name + "' needs an argument that holds the examples");
    return Type::error();
  }
  Type result =
      Type::function(inner.elems, Type::tensor(leaves.front().dtype,
                                               {*batch, Dim::fixed(width)}));
  return result;
}

Type SemaChecker::fnValueType(const std::shared_ptr<FnValue> &value,
                              llvm::SMLoc at) {
  Type result;
  switch (value->kind) {
  case FnValue::Decl:
    result = functionTypeOf(*value->decl);
    break;
  case FnValue::Param: {
    const LocalInfo *local = lookupLocal(value->paramName);
    result = local ? local->type : Type::error();
    break;
  }
  case FnValue::CustomVjp:
    // Called like the primal function; only its derivative differs.
    result = fnValueType(value->inner, at);
    break;
  case FnValue::PerExampleGrad:
    result = perExampleGradType(*value, at);
    break;
  case FnValue::Grad:
  case FnValue::ValueAndGrad:
  case FnValue::Jacobian: {
    Type inner = fnValueType(value->inner, at);
    if (inner.isError())
      return inner;
    const Type &out = *inner.result;
    if (value->kind != FnValue::Jacobian &&
        !(out.isScalar() && isFloat(out.dtype))) {
      error(at,
            "'" +
                std::string(value->kind == FnValue::Grad ? "grad"
                                                         : "value_and_grad") +
                "' needs a function that returns a float scalar, but '" +
                value->inner->str() + "' returns " + out.str());
      return Type::error();
    }
    Type grads = selectWrt(inner.elems, value->wrt);
    if (value->kind == FnValue::Grad) {
      result = Type::function(inner.elems, grads);
    } else if (value->kind == FnValue::ValueAndGrad) {
      result = Type::function(inner.elems, Type::tuple({out, grads}));
    } else {
      const Type &arg = inner.elems[value->wrt.front()];
      if (!out.isFloatTensor() || !arg.isFloatTensor()) {
        error(at, "'jacobian' needs a function from a float tensor to a "
                  "float tensor, found argument " +
                      arg.str() + " and result " + out.str());
        return Type::error();
      }
      Shape shape = out.shape;
      shape.insert(shape.end(), arg.shape.begin(), arg.shape.end());
      result = Type::function(inner.elems, Type::tensor(out.dtype, shape));
    }
    break;
  }
  }
  if (!result.isError())
    result.fnValue = value;
  return result;
}

/// Whether the symbolic dimensions of a function value's type are generic
/// (bound per call) or those of the enclosing function (fixed).
static bool isGeneric(const FnValue &value) {
  if (value.kind == FnValue::Decl)
    return true;
  if (value.kind == FnValue::Param)
    return false;
  return isGeneric(*value.inner);
}

bool SemaChecker::fnTypesCompatible(const Type &param, const Type &arg) {
  if (!param.isFunction() || !arg.isFunction())
    return false;
  if (param.elems.size() != arg.elems.size())
    return false;
  // Sizes are checked when the specialised body is built; here dtypes, ranks
  // and kinds must agree.
  std::function<bool(const Type &, const Type &)> similar =
      [&](const Type &a, const Type &b) -> bool {
    if (a.getKind() != b.getKind())
      return false;
    if (a.isTensor()) {
      if (a.dtype != b.dtype || a.rank() != b.rank())
        return false;
      for (auto [x, y] : llvm::zip(a.shape, b.shape))
        if (x.isStatic() && y.isStatic() && x.size != y.size)
          return false;
      return true;
    }
    if (a.isTuple() || a.isFunction()) {
      if (a.elems.size() != b.elems.size())
        return false;
      for (auto [x, y] : llvm::zip(a.elems, b.elems))
        if (!similar(x, y))
          return false;
      if (a.isFunction())
        return similar(*a.result, *b.result);
      return true;
    }
    if (a.isStruct())
      return a.decl == b.decl;
    return true;
  };
  for (auto [p, a] : llvm::zip(param.elems, arg.elems))
    if (!similar(p, a))
      return false;
  return similar(*param.result, *arg.result);
}

//===----------------------------------------------------------------------===//
// Generic dimensions
//===----------------------------------------------------------------------===//

bool SemaChecker::unify(const Type &param, const Type &arg, Bindings &bindings,
                        bool generic, llvm::SMLoc at) {
  if (param.isError() || arg.isError())
    return true;
  if (param.isTypeParam() && generic) {
    // A type parameter of the callee takes the argument's type.
    auto [it, inserted] = bindings.types.try_emplace(param.name, arg);
    return inserted || it->second == arg;
  }
  if (param.getKind() != arg.getKind())
    return false;
  switch (param.getKind()) {
  case Type::Tensor: {
    if (param.dtype != arg.dtype || param.rank() != arg.rank())
      return false;
    for (auto [p, a] : llvm::zip(param.shape, arg.shape)) {
      switch (p.kind) {
      case Dim::Dynamic:
        break;
      case Dim::Static:
        if (a.kind == Dim::Dynamic)
          break;
        if (a != p)
          return false;
        break;
      case Dim::Symbolic: {
        if (!generic) {
          if (a.kind != Dim::Dynamic && a != p)
            return false;
          break;
        }
        auto it = bindings.dims.find(p.name);
        if (it == bindings.dims.end()) {
          bindings.dims[p.name] = DimBinding{a, at};
          break;
        }
        Dim &bound = it->second.dim;
        if (bound.kind == Dim::Dynamic) {
          bound = a;
          it->second.loc = at;
        } else if (a.kind != Dim::Dynamic && a != bound) {
          conflict = p.name;
          return false;
        }
        break;
      }
      }
    }
    return true;
  }
  case Type::Tuple:
    if (param.elems.size() != arg.elems.size())
      return false;
    for (auto [p, a] : llvm::zip(param.elems, arg.elems))
      if (!unify(p, a, bindings, generic, at))
        return false;
    return true;
  case Type::Struct:
    if (param.decl != arg.decl || param.elems.size() != arg.elems.size())
      return false;
    for (auto [p, a] : llvm::zip(param.elems, arg.elems))
      if (!unify(p, a, bindings, generic, at))
        return false;
    return true;
  case Type::Function:
    return fnTypesCompatible(param, arg);
  case Type::TypeParam:
    return param.name == arg.name;
  default:
    return true;
  }
}

Type SemaChecker::substitute(const Type &type, const Bindings &bindings) {
  Type t = substituteTypeParams(type, bindings.types);
  switch (t.getKind()) {
  case Type::Tensor:
    for (Dim &d : t.shape) {
      if (d.kind != Dim::Symbolic)
        continue;
      auto it = bindings.dims.find(d.name);
      d = it == bindings.dims.end() ? Dim::dynamic() : it->second.dim;
    }
    return t;
  case Type::Tuple:
    for (Type &e : t.elems)
      e = substitute(e, bindings);
    return t;
  default:
    return t;
  }
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

bool SemaChecker::orderArgs(CallExpr &call, const FnDecl &fn) {
  call.ordered.assign(fn.params.size(), nullptr);
  bool ok = true;
  bool seenNamed = false;
  size_t position = 0;
  for (CallArg &arg : call.args) {
    if (arg.name.empty()) {
      if (seenNamed) {
        error(arg.loc, "positional argument after a named argument");
        ok = false;
        continue;
      }
      if (position >= fn.params.size()) {
        error(arg.loc, "too many arguments in call to '" + fn.name +
                           "': it takes " + std::to_string(fn.params.size()))
                .attachNote(loc(fn.loc))
            << "'" << fn.name << "' is declared here";
        return false;
      }
      call.ordered[position++] = arg.value.get();
      continue;
    }
    seenNamed = true;
    auto it = llvm::find_if(fn.params,
                            [&](const Param &p) { return p.name == arg.name; });
    if (it == fn.params.end()) {
      std::string names;
      for (const Param &p : fn.params)
        names += (names.empty() ? "'" : ", '") + p.name + "'";
      error(arg.loc,
            "'" + fn.name + "' has no parameter named '" + arg.name +
                "' (its parameters: " + (names.empty() ? "none" : names) + ")");
      ok = false;
      continue;
    }
    size_t index = it - fn.params.begin();
    if (call.ordered[index]) {
      error(arg.loc, "argument '" + arg.name + "' is given twice");
      ok = false;
      continue;
    }
    call.ordered[index] = arg.value.get();
  }
  for (auto [i, p] : llvm::enumerate(fn.params)) {
    if (call.ordered[i])
      continue;
    if (p.defaultValue) {
      call.ordered[i] = p.defaultValue.get();
      continue;
    }
    error(call.loc,
          "missing argument '" + p.name + "' in call to '" + fn.name + "'")
            .attachNote(loc(p.loc))
        << "parameter '" << p.name << "' is declared here";
    ok = false;
  }
  return ok;
}

/// Reports an argument that does not fit its parameter.
static void reportArgMismatch(SemaChecker &sema, llvm::SMLoc at,
                              llvm::StringRef paramName,
                              llvm::StringRef calleeName, const Type &param,
                              const Type &arg, const Bindings &bindings,
                              const std::string &conflict) {
  auto diag =
      sema.error(at, "argument '" + paramName + "' of '" + calleeName +
                         "' expects " + param.str() + ", found " + arg.str());
  auto it = bindings.dims.find(conflict);
  if (it != bindings.dims.end())
    diag.attachNote(sema.loc(it->second.loc))
        << "'" << conflict << "' was bound to " << it->second.dim.str()
        << " here";
}

/// Whether `expr` is a number or array literal, which adopts the element
/// type of the parameter it is passed to.
static bool isLiteral(const Expr &expr) {
  if (isa<IntLitExpr, FloatLitExpr, ArrayLitExpr>(expr))
    return true;
  auto *unary = dyn_cast<UnaryExpr>(&expr);
  return unary && unary->op == UnaryOp::Neg && isLiteral(*unary->operand);
}

/// The parameter positions in the order their arguments are checked: a
/// literal passed to a bare type parameter comes last, so that it can take
/// the type the other arguments bind.
static std::vector<size_t> literalsLast(const FnDecl &fn,
                                        llvm::ArrayRef<const Expr *> ordered) {
  std::vector<size_t> order, later;
  for (size_t i = 0; i < fn.params.size(); ++i) {
    bool deferrable = i < ordered.size() && ordered[i] &&
                      isLiteral(*ordered[i]) &&
                      fn.params[i].resolved.isTypeParam();
    (deferrable ? later : order).push_back(i);
  }
  order.insert(order.end(), later.begin(), later.end());
  return order;
}

Type SemaChecker::checkUserCall(CallExpr &call, const FnDecl &fn,
                                bool argsChecked) {
  call.callKind = fn.isExtern ? CallKind::ExternFn : CallKind::UserFn;
  auto value = std::make_shared<FnValue>();
  value->decl = &fn;
  call.target = value;
  if (!orderArgs(call, fn)) {
    for (CallArg &arg : call.args)
      check(*arg.value);
    return Type::error();
  }
  Bindings bindings;
  bool ok = true;
  for (size_t i : literalsLast(fn, call.ordered)) {
    const Param &param = fn.params[i];
    Expr *arg = const_cast<Expr *>(call.ordered[i]);
    bool isDefault = arg == param.defaultValue.get();
    Type t = isDefault || argsChecked ? arg->type : check(*arg);
    if (t.isError() || param.resolved.isError()) {
      ok = false;
      continue;
    }
    if (param.resolved.isFunction()) {
      if (!t.isFunction() || !t.fnValue) {
        error(arg->loc, "argument '" + param.name + "' of '" + fn.name +
                            "' expects a function " + param.resolved.str() +
                            ", found " + t.str());
        ok = false;
      } else if (!fnTypesCompatible(param.resolved, t)) {
        error(arg->loc, "argument '" + param.name + "' of '" + fn.name +
                            "' expects a function " + param.resolved.str() +
                            ", found '" + t.fnValue->str() + "' of type " +
                            t.str());
        ok = false;
      }
      continue;
    }
    // A literal for a type parameter takes the type the other arguments
    // bound it to: `update(state, 2.0)` with `x: T`.
    adoptLiteralTo(*arg, substitute(param.resolved, bindings));
    conflict.clear();
    if (!unify(param.resolved, arg->type, bindings, /*generic=*/true,
               arg->loc)) {
      reportArgMismatch(*this, arg->loc, param.name, fn.name, param.resolved,
                        arg->type, bindings, conflict);
      ok = false;
    }
  }
  if (!ok)
    return Type::error();
  for (const std::string &param : fn.typeParams) {
    if (!bindings.types.count(param)) {
      error(call.loc, "cannot tell the type parameter '" + param + "' of '" +
                          fn.name + "' from the arguments");
      return Type::error();
    }
  }
  call.typeArgs = bindings.types;
  return substitute(fn.resolvedResult, bindings);
}

Type SemaChecker::callFunctionValue(CallExpr &call, const Type &fnType,
                                    std::vector<const Expr *> &args,
                                    bool generic, llvm::StringRef calleeName) {
  if (args.size() != fnType.elems.size()) {
    error(call.loc, "'" + calleeName + "' takes " +
                        std::to_string(fnType.elems.size()) +
                        " argument(s), found " + std::to_string(args.size()));
    return Type::error();
  }
  Bindings bindings;
  bool ok = true;
  for (auto [i, argPtr] : llvm::enumerate(args)) {
    Expr *arg = const_cast<Expr *>(argPtr);
    const Type &param = fnType.elems[i];
    if (arg->type.isError()) {
      ok = false;
      continue;
    }
    adoptLiteralTo(*arg, param);
    conflict.clear();
    if (!unify(param, arg->type, bindings, generic, arg->loc)) {
      reportArgMismatch(*this, arg->loc, "#" + std::to_string(i), calleeName,
                        param, arg->type, bindings, conflict);
      ok = false;
    }
  }
  if (!ok)
    return Type::error();
  if (generic && !bindings.types.empty() && call.target)
    call.target = withTypeArgs(call.target, bindings.types);
  return generic ? substitute(*fnType.result, bindings) : *fnType.result;
}

std::shared_ptr<FnValue>
SemaChecker::withTypeArgs(const std::shared_ptr<FnValue> &value,
                          const TypeBindings &types) {
  auto copy = std::make_shared<FnValue>(*value);
  if (value->kind == FnValue::Decl) {
    for (const std::string &param : value->decl->typeParams)
      if (auto it = types.find(param); it != types.end())
        copy->typeArgs[param] = it->second;
    return copy;
  }
  if (value->inner)
    copy->inner = withTypeArgs(value->inner, types);
  return copy;
}

bool SemaChecker::fitsOverload(const CallExpr &call, const FnDecl &fn,
                               OverloadFit *deferred) {
  std::vector<const Expr *> ordered(fn.params.size(), nullptr);
  size_t position = 0;
  for (const CallArg &arg : call.args) {
    size_t index = position;
    if (arg.name.empty()) {
      if (position++ >= fn.params.size())
        return false;
    } else {
      auto it = llvm::find_if(
          fn.params, [&](const Param &p) { return p.name == arg.name; });
      if (it == fn.params.end())
        return false;
      index = it - fn.params.begin();
    }
    if (ordered[index])
      return false;
    ordered[index] = arg.value.get();
  }
  for (auto [i, param] : llvm::enumerate(fn.params))
    if (!ordered[i])
      ordered[i] = param.defaultValue.get();
  Bindings bindings;
  std::vector<std::pair<const Type *, const Type *>> wildcards;
  for (size_t i : literalsLast(fn, ordered)) {
    const Param &param = fn.params[i];
    const Expr *arg = ordered[i];
    if (!arg || param.resolved.isError())
      return false;
    if (param.resolved.isFunction()) {
      if (!arg->type.isFunction() || !arg->type.fnValue ||
          !fnTypesCompatible(param.resolved, arg->type))
        return false;
      continue;
    }
    // In deferred mode an argument whose type involves the caller's type
    // parameters fits for now; the caller's specialisation decides.
    if (deferred && containsTypeParam(arg->type)) {
      wildcards.emplace_back(&param.resolved, &arg->type);
      continue;
    }
    Type argType = arg->type;
    Type bound = substitute(param.resolved, bindings);
    if (isLiteral(*arg) && argType.isTensor() && bound.isTensor() &&
        argType.rank() == bound.rank())
      argType.dtype = bound.dtype;
    if (!unify(param.resolved, argType, bindings, /*generic=*/true, arg->loc))
      return false;
  }
  if (!deferred)
    return llvm::all_of(fn.typeParams, [&](const std::string &param) {
      return bindings.types.count(param) != 0;
    });
  // The result, written with the caller's type parameters: each wildcard
  // argument stands for the parameter type it must have.
  std::vector<std::pair<Type, Type>> patterns;
  for (auto [param, arg] : wildcards) {
    Type pattern = substitute(*param, bindings);
    if (containsTypeParam(pattern))
      return false;
    patterns.emplace_back(pattern, *arg);
  }
  deferred->ordered = ordered;
  deferred->result =
      replaceSubtypes(substitute(fn.resolvedResult, bindings), patterns);
  return true;
}

const FnDecl *
SemaChecker::resolveOverload(CallExpr &call,
                             llvm::ArrayRef<const FnDecl *> candidates,
                             llvm::StringRef shownName, Type *deferredType) {
  bool argsOk = true;
  for (CallArg &arg : call.args)
    argsOk &= !check(*arg.value).isError();
  if (!argsOk)
    return nullptr;
  llvm::SmallVector<const FnDecl *> valid;
  for (const FnDecl *fn : candidates)
    if (!fn->redefinition)
      valid.push_back(fn);
  candidates = valid;
  llvm::SmallVector<const FnDecl *> fitting;
  for (const FnDecl *fn : candidates)
    if (fitsOverload(call, *fn))
      fitting.push_back(fn);
  if (fitting.size() == 1)
    return fitting.front();
  std::string types;
  for (const CallArg &arg : call.args)
    types += (types.empty() ? "" : ", ") +
             (arg.name.empty() ? "" : arg.name + ": ") + arg.value->type.str();
  bool generic = llvm::any_of(call.args, [](const CallArg &arg) {
    return containsTypeParam(arg.value->type);
  });
  if (fitting.empty() && generic) {
    // Arguments of a type parameter: keep every overload that may fit and
    // choose when the caller is specialised. They must agree on the result.
    std::optional<Type> result;
    for (const FnDecl *fn : candidates) {
      OverloadFit fit;
      if (!fitsOverload(call, *fn, &fit))
        continue;
      if (result && !(*result == fit.result)) {
        error(call.loc, "the overloads of '" + shownName +
                            "' that may fit the arguments (" + types +
                            ") return different types (" + result->str() +
                            " and " + fit.result.str() +
                            "), so the call cannot be typed before its "
                            "type parameters are known");
        return nullptr;
      }
      result = fit.result;
      call.deferredOverloads.push_back({fn, fit.ordered});
    }
    if (result) {
      *deferredType = *result;
      return call.deferredOverloads.front().decl;
    }
  }
  auto diag =
      error(call.loc,
            (fitting.empty() ? "no overload of '" : "several overloads of '") +
                shownName + (fitting.empty() ? "' fits" : "' fit") +
                " the arguments (" + types + ")");
  for (const FnDecl *fn : fitting.empty() ? candidates : fitting) {
    std::string params;
    for (const Param &p : fn->params)
      params += (params.empty() ? "" : ", ") + p.name + ": " +
                p.resolved.str() + (p.defaultValue ? " = ..." : "");
    diag.attachNote(loc(fn->loc))
        << "candidate: " << fn->name << "(" << params << ")";
  }
  return nullptr;
}

/// Finishes a call whose overload is chosen per specialisation.
static Type deferredCall(CallExpr &call, const Type &type) {
  call.callKind = CallKind::UserFn;
  auto value = std::make_shared<FnValue>();
  value->decl = call.deferredOverloads.front().decl;
  call.target = value;
  call.ordered = call.deferredOverloads.front().ordered;
  return type;
}

Type SemaChecker::checkCall(CallExpr &call) {
  if (auto *name = dyn_cast<NameExpr>(call.callee.get())) {
    const LocalInfo *local = lookupLocal(name->name);
    if (!local) {
      auto overloads = currentModule->lookupFns(name->name);
      if (overloads.size() > 1) {
        Type deferred;
        const FnDecl *fn =
            resolveOverload(call, overloads, name->name, &deferred);
        if (!fn)
          return Type::error();
        name->resolved = NameKind::Function;
        name->fn = fn;
        if (!call.deferredOverloads.empty())
          return deferredCall(call, deferred);
        return checkUserCall(call, *fn, /*argsChecked=*/true);
      }
      if (const FnDecl *fn = currentModule->lookupFn(name->name)) {
        name->resolved = NameKind::Function;
        name->fn = fn;
        return checkUserCall(call, *fn);
      }
      if (std::optional<BuiltinId> id = lookupBuiltin(name->name)) {
        name->resolved = NameKind::Builtin;
        call.callKind = CallKind::Builtin;
        call.builtin = *id;
        return checkBuiltin(call, *id);
      }
      if (currentModule->lookupStruct(name->name)) {
        error(call.loc, "struct '" + name->name + "' is constructed with '" +
                            name->name + " { field: value, ... }', not called");
        return Type::error();
      }
      error(name->loc, "unknown function '" + name->name + "'");
      for (CallArg &arg : call.args)
        check(*arg.value);
      return Type::error();
    }
  }
  if (auto *field = dyn_cast<FieldExpr>(call.callee.get())) {
    auto *base = dyn_cast<NameExpr>(field->base.get());
    if (base && !lookupLocal(base->name) &&
        isImported(*currentModule, base->name)) {
      const Module *module = program.findModule(base->name);
      auto overloads = module ? module->lookupFns(field->field)
                              : llvm::SmallVector<const FnDecl *>();
      if (overloads.size() > 1) {
        Type deferred;
        const FnDecl *fn = resolveOverload(
            call, overloads, base->name + "." + field->field, &deferred);
        if (!fn)
          return Type::error();
        base->resolved = NameKind::Module;
        field->moduleMember =
            std::make_unique<NameExpr>(field->fieldLoc, field->field);
        field->moduleMember->resolved = NameKind::Function;
        field->moduleMember->fn = fn;
        auto value = std::make_shared<FnValue>();
        value->decl = fn;
        field->type = fnValueType(value, field->loc);
        if (!call.deferredOverloads.empty())
          return deferredCall(call, deferred);
        return checkUserCall(call, *fn, /*argsChecked=*/true);
      }
    }
    if (base && !lookupLocal(base->name)) {
      Type t = check(*field);
      if (t.isError()) {
        for (CallArg &arg : call.args)
          check(*arg.value);
        return t;
      }
      if (field->moduleMember)
        return checkUserCall(call, *field->moduleMember->fn);
    }
  }
  // A call through a function value: a parameter, a local, or a transform.
  Type callee =
      call.callee->type.isFunction() ? call.callee->type : check(*call.callee);
  std::vector<const Expr *> args;
  bool argsOk = true;
  for (CallArg &arg : call.args) {
    if (!arg.name.empty()) {
      error(arg.loc, "arguments of a function value are positional; remove '" +
                         arg.name + ":'");
      argsOk = false;
    }
    argsOk &= !check(*arg.value).isError();
    args.push_back(arg.value.get());
  }
  if (callee.isError())
    return callee;
  if (!callee.isFunction() || !callee.fnValue) {
    error(call.loc, "a value of type " + callee.str() + " cannot be called");
    return Type::error();
  }
  if (!argsOk)
    return Type::error();
  call.ordered = args;
  call.target = callee.fnValue;
  call.callKind = callee.fnValue->kind == FnValue::Decl
                      ? (callee.fnValue->decl->isExtern ? CallKind::ExternFn
                                                        : CallKind::UserFn)
                      : CallKind::FnValue;
  return callFunctionValue(call, callee, args, isGeneric(*callee.fnValue),
                           callee.fnValue->str());
}

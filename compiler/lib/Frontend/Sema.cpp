//===- Sema.cpp - Declarations and statements -----------------------------===//
//
// Resolves struct and function declarations of every module, then checks
// function bodies statement by statement.
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace nabla;

bool nabla::checkProgram(Program &program, DiagnosticReporter &diags) {
  SemaChecker checker(program, diags);
  return checker.run();
}

bool SemaChecker::run() {
  unsigned errorsBefore = diags.errorCount();
  // Duplicate names within a module.
  for (auto &module : program.modules) {
    llvm::StringMap<llvm::SMLoc> seen;
    auto declare = [&](llvm::StringRef name, llvm::SMLoc at,
                       llvm::StringRef what) {
      auto [it, inserted] = seen.try_emplace(name, at);
      if (!inserted) {
        error(at, what + " '" + name + "' is already defined")
                .attachNote(loc(it->second))
            << "previous definition is here";
      } else if (lookupBuiltin(name) && what == "function") {
        error(at, "function '" + name + "' has the name of a builtin");
      }
    };
    for (auto &s : module->structs)
      declare(s->name, s->loc, "struct");
    // A function name may be declared several times (overloads, chosen at
    // each call by the argument types); extern functions cannot overload.
    llvm::StringMap<std::pair<unsigned, const FnDecl *>> overloads;
    for (auto &f : module->fns) {
      auto [it, first] = overloads.try_emplace(f->name, 0, f.get());
      if (first) {
        declare(f->name, f->loc, "function");
        continue;
      }
      f->overload = ++it->second.first;
      if (f->isExtern || it->second.second->isExtern)
        error(f->loc, "function '" + f->name +
                          "' is already defined; extern functions cannot "
                          "be overloaded")
                .attachNote(loc(it->second.second->loc))
            << "previous definition is here";
    }
  }
  for (auto &module : program.modules) {
    currentModule = module.get();
    for (auto &s : module->structs)
      resolveStruct(*s);
  }
  for (auto &module : program.modules) {
    currentModule = module.get();
    for (auto &f : module->fns)
      resolveSignature(*f);
  }
  // Overloads must differ in their parameter types.
  for (auto &module : program.modules) {
    for (auto &f : module->fns) {
      if (!f->overload)
        continue;
      for (const FnDecl *other : module->lookupFns(f->name)) {
        if (other == f.get())
          break;
        bool same =
            other->params.size() == f->params.size() &&
            llvm::all_of(llvm::zip(other->params, f->params), [](auto pair) {
              return std::get<0>(pair).resolved == std::get<1>(pair).resolved;
            });
        if (same) {
          f->redefinition = true;
          error(f->loc, "function '" + f->name +
                            "' is already defined with the same parameter "
                            "types")
                  .attachNote(loc(other->loc))
              << "previous definition is here";
          break;
        }
      }
    }
  }
  // Defaults are evaluated at the call site, without access to parameters,
  // so they are typed before any call is checked.
  for (auto &module : program.modules) {
    currentModule = module.get();
    for (auto &f : module->fns) {
      currentFn = f.get();
      for (Param &param : f->params) {
        if (!param.defaultValue || param.resolved.isError())
          continue;
        currentSymbols.clear();
        scopes.clear();
        pushScope();
        expectType(*param.defaultValue, param.resolved,
                   "default value of parameter '" + param.name + "'");
        popScope();
      }
    }
  }
  currentFn = nullptr;
  for (auto &module : program.modules) {
    currentModule = module.get();
    for (auto &f : module->fns)
      if (!f->isExtern)
        checkBody(*f);
  }
  return diags.errorCount() == errorsBefore;
}

//===----------------------------------------------------------------------===//
// Types and declarations
//===----------------------------------------------------------------------===//

static std::optional<DType> dtypeFromName(llvm::StringRef name) {
  if (name == "f32")
    return DType::F32;
  if (name == "f64")
    return DType::F64;
  if (name == "i32")
    return DType::I32;
  if (name == "i64")
    return DType::I64;
  if (name == "bool")
    return DType::Bool;
  return std::nullopt;
}

const StructDecl *SemaChecker::lookupStruct(llvm::StringRef name,
                                            llvm::SMLoc at) {
  std::pair<llvm::StringRef, llvm::StringRef> parts = name.split('.');
  llvm::StringRef moduleName = parts.first, structName = parts.second;
  if (structName.empty()) {
    if (const StructDecl *decl = currentModule->lookupStruct(name))
      return decl;
    error(at, "unknown type '" + name + "'");
    return nullptr;
  }
  bool imported = llvm::any_of(currentModule->imports, [&](auto &imp) {
    return imp.name == moduleName;
  });
  const Module *module = program.findModule(moduleName);
  if (!imported || !module) {
    error(at, "unknown module '" + moduleName + "' (add 'import " + moduleName +
                  "')");
    return nullptr;
  }
  if (const StructDecl *decl = module->lookupStruct(structName))
    return decl;
  error(at, "module '" + moduleName + "' has no struct '" + structName + "'");
  return nullptr;
}

Type SemaChecker::resolveType(const TypeExpr &type, bool allowSymbols,
                              bool symbolsAreDynamic) {
  switch (type.kind) {
  case TypeExpr::Tuple: {
    std::vector<Type> elems;
    for (auto &e : type.elems) {
      Type t = resolveType(*e, allowSymbols, symbolsAreDynamic);
      if (t.isError())
        return t;
      elems.push_back(std::move(t));
    }
    return Type::tuple(std::move(elems));
  }
  case TypeExpr::Fn: {
    std::vector<Type> params;
    for (auto &e : type.elems) {
      Type t = resolveType(*e, allowSymbols, symbolsAreDynamic);
      if (t.isError())
        return t;
      params.push_back(std::move(t));
    }
    Type result = Type::voidTy();
    if (type.result) {
      result = resolveType(*type.result, allowSymbols, symbolsAreDynamic);
      if (result.isError())
        return result;
    }
    return Type::function(std::move(params), std::move(result));
  }
  case TypeExpr::Named:
    break;
  }
  if (llvm::is_contained(currentTypeParams, type.name)) {
    if (type.dims) {
      error(type.loc, "type parameter '" + type.name + "' cannot have a shape");
      return Type::error();
    }
    return Type::typeParam(type.name);
  }
  if (std::optional<DType> dtype = dtypeFromName(type.name)) {
    if (*dtype == DType::F32)
      dtype = defaultFloat();
    Shape shape;
    if (type.dims) {
      for (const DimExpr &d : *type.dims) {
        if (d.size) {
          if (*d.size < 0) {
            error(d.loc, "dimension must be non-negative");
            return Type::error();
          }
          shape.push_back(Dim::fixed(*d.size));
        } else if (!allowSymbols) {
          error(d.loc, "symbolic dimension '" + d.name +
                           "' is not allowed here (expected an integer)");
          return Type::error();
        } else if (symbolsAreDynamic) {
          shape.push_back(Dim::dynamic());
        } else {
          shape.push_back(Dim::symbol(d.name));
        }
      }
    }
    return Type::tensor(*dtype, std::move(shape));
  }
  if (type.name == "str" || type.name == "key") {
    if (type.dims) {
      error(type.loc, "type '" + type.name + "' cannot have a shape");
      return Type::error();
    }
    return type.name == "str" ? Type::string() : Type::key();
  }
  const StructDecl *decl = lookupStruct(type.name, type.loc);
  if (!decl)
    return Type::error();
  if (decl->typeParams.empty()) {
    if (type.dims) {
      error(type.loc, "type '" + type.name + "' cannot have a shape");
      return Type::error();
    }
    return Type::structTy(decl);
  }
  // A generic struct: `Adam[T]` names its type arguments.
  size_t given = type.dims ? type.dims->size() : 0;
  if (given != decl->typeParams.size()) {
    error(type.loc, "struct '" + type.name + "' takes " +
                        std::to_string(decl->typeParams.size()) +
                        " type argument(s), found " + std::to_string(given));
    return Type::error();
  }
  std::vector<Type> args;
  for (const DimExpr &d : *type.dims) {
    if (d.size) {
      error(d.loc, "a type argument must be a type name, found " +
                       std::to_string(*d.size));
      return Type::error();
    }
    TypeExpr named;
    named.kind = TypeExpr::Named;
    named.loc = d.loc;
    named.name = d.name;
    Type arg = resolveType(named, allowSymbols, symbolsAreDynamic);
    if (arg.isError())
      return arg;
    args.push_back(std::move(arg));
  }
  return Type::structTy(decl, std::move(args));
}

void SemaChecker::resolveStruct(StructDecl &decl) {
  currentTypeParams = decl.typeParams;
  llvm::StringMap<llvm::SMLoc> seen;
  for (FieldDecl &field : decl.fields) {
    auto [it, inserted] = seen.try_emplace(field.name, field.loc);
    if (!inserted) {
      error(field.loc, "field '" + field.name + "' is already declared in '" +
                           decl.name + "'")
              .attachNote(loc(it->second))
          << "previous declaration is here";
    }
    // Symbolic sizes of struct fields are sizes known at run time.
    field.resolved = resolveType(*field.type, /*allowSymbols=*/true,
                                 /*symbolsAreDynamic=*/true);
    const Type &t = field.resolved;
    if (t.isFunction() || t.isStr()) {
      error(field.loc, "field '" + field.name + "' has type " + t.str() +
                           ", but struct fields must be tensors, keys, "
                           "tuples or structs");
      field.resolved = Type::error();
    }
  }
  // Reject structs that contain themselves (directly, through tuples or
  // through other structs). A cycle that does not pass through `decl` is
  // reported at the structs on it.
  std::function<bool(const Type &)> refersToDecl;
  std::function<bool(const StructDecl &)> contains =
      [&](const StructDecl &s) -> bool {
    if (llvm::is_contained(resolving, &s))
      return false;
    resolving.push_back(&s);
    bool found = llvm::any_of(
        s.fields, [&](const FieldDecl &f) { return refersToDecl(f.resolved); });
    resolving.pop_back();
    return found;
  };
  refersToDecl = [&](const Type &t) -> bool {
    if (t.isStruct())
      return t.decl == &decl || contains(*t.decl);
    if (t.isTuple())
      return llvm::any_of(t.elems, refersToDecl);
    return false;
  };
  resolving.clear();
  for (const FieldDecl &f : decl.fields) {
    if (refersToDecl(f.resolved)) {
      error(f.loc, "struct '" + decl.name +
                       "' contains itself through field '" + f.name + "'");
      break;
    }
  }
}

void SemaChecker::resolveSignature(FnDecl &fn) {
  currentTypeParams = fn.typeParams;
  llvm::StringMap<llvm::SMLoc> symbols;
  llvm::StringMap<llvm::SMLoc> names;
  for (Param &param : fn.params) {
    auto [it, inserted] = names.try_emplace(param.name, param.loc);
    if (!inserted) {
      error(param.loc, "parameter '" + param.name + "' is already declared")
              .attachNote(loc(it->second))
          << "previous declaration is here";
    }
    param.resolved = resolveType(*param.type, /*allowSymbols=*/true,
                                 /*symbolsAreDynamic=*/false);
    std::function<void(const TypeExpr &)> collect = [&](const TypeExpr &t) {
      if (t.dims && dtypeFromName(t.name))
        for (const DimExpr &d : *t.dims)
          if (!d.size)
            symbols.try_emplace(d.name, d.loc);
      for (auto &e : t.elems)
        collect(*e);
      if (t.result)
        collect(*t.result);
    };
    collect(*param.type);
    if (param.resolved.isStr() && !fn.isExtern) {
      error(param.loc, "parameter '" + param.name +
                           "' has type str, which only 'extern fn' "
                           "declarations may take");
    }
    if (param.resolved.isFunction() && fn.isExtern) {
      error(param.loc, "an 'extern fn' cannot take a function parameter");
    }
  }
  fn.resolvedResult = Type::voidTy();
  if (fn.resultType) {
    fn.resolvedResult = resolveType(*fn.resultType, /*allowSymbols=*/true,
                                    /*symbolsAreDynamic=*/false);
    std::function<void(const TypeExpr &)> checkBound = [&](const TypeExpr &t) {
      // Only tensor types have dimensions; `S[T]` lists type arguments.
      if (t.dims && dtypeFromName(t.name))
        for (const DimExpr &d : *t.dims)
          if (!d.size && !symbols.count(d.name)) {
            // A size no parameter binds is known only at run time: what
            // the runtime (extern) or the body decides.
            continue;
          }
      for (auto &e : t.elems)
        checkBound(*e);
    };
    checkBound(*fn.resultType);
    if (!fn.resolvedResult.isError()) {
      Bindings bound;
      if (!fn.isExtern)
        for (const auto &symbol : symbols)
          bound.dims[symbol.getKey().str()] =
              DimBinding{Dim::symbol(symbol.getKey()), symbol.getValue()};
      fn.resolvedResult = substitute(fn.resolvedResult, bound);
    }
    if (fn.resolvedResult.isFunction()) {
      error(fn.resultType->loc, "functions cannot return functions");
      fn.resolvedResult = Type::error();
    }
  }
}

void SemaChecker::checkBody(FnDecl &fn) {
  currentFn = &fn;
  currentTypeParams = fn.typeParams;
  currentSymbols.clear();
  scopes.clear();
  pushScope();
  for (Param &param : fn.params) {
    // Sizes named only inside a function-typed parameter are not bound by
    // any tensor argument, so they cannot be used as values.
    std::function<void(const TypeExpr &)> collect = [&](const TypeExpr &t) {
      if (t.kind == TypeExpr::Fn)
        return;
      if (t.dims && dtypeFromName(t.name))
        for (const DimExpr &d : *t.dims)
          if (!d.size)
            currentSymbols.try_emplace(d.name, d.loc);
      for (auto &e : t.elems)
        collect(*e);
    };
    collect(*param.type);
    Type t = param.resolved;
    if (t.isFunction()) {
      auto value = std::make_shared<FnValue>();
      value->kind = FnValue::Param;
      value->paramName = param.name;
      t.fnValue = value;
    }
    declareLocal(param.name, t, /*isVar=*/false, param.loc);
  }
  checkBlock(*fn.body, /*isFnBody=*/true);
  popScope();
  currentFn = nullptr;
}

//===----------------------------------------------------------------------===//
// Scopes
//===----------------------------------------------------------------------===//

const LocalInfo *SemaChecker::lookupLocal(llvm::StringRef name) const {
  for (auto it = scopes.rbegin(); it != scopes.rend(); ++it) {
    auto found = it->find(name);
    if (found != it->end())
      return &found->second;
  }
  return nullptr;
}

void SemaChecker::declareLocal(llvm::StringRef name, const Type &type,
                               bool isVar, llvm::SMLoc at) {
  if (name == "_")
    return;
  scopes.back()[name] = LocalInfo{type, isVar, at};
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

void SemaChecker::checkBlock(BlockStmt &block, bool isFnBody) {
  pushScope();
  for (size_t i = 0; i < block.stmts.size(); ++i)
    checkStmt(*block.stmts[i], isFnBody && i + 1 == block.stmts.size());
  if (isFnBody && !currentFn->resolvedResult.isVoid() &&
      !currentFn->resolvedResult.isError() &&
      (block.stmts.empty() || !isa<ReturnStmt>(*block.stmts.back()))) {
    error(block.endLoc, "function '" + currentFn->name +
                            "' must end with "
                            "'return' of a value of type " +
                            currentFn->resolvedResult.str());
  }
  popScope();
}

void SemaChecker::bindPattern(Pattern &pattern, const Type &type, bool isVar) {
  pattern.type = type;
  if (!pattern.isTuple) {
    if (type.isVoid()) {
      error(pattern.loc, "cannot bind '" + pattern.name +
                             "' to the result of a call that returns nothing");
      declareLocal(pattern.name, Type::error(), isVar, pattern.loc);
      return;
    }
    if (isVar && (type.isStr() || type.isFunction())) {
      error(pattern.loc,
            "'var' cannot hold a value of type " + type.str() + "; use 'let'");
    }
    declareLocal(pattern.name, type, isVar, pattern.loc);
    return;
  }
  if (type.isError()) {
    for (Pattern &p : pattern.elems)
      bindPattern(p, type, isVar);
    return;
  }
  if (!type.isTuple() || type.elems.size() != pattern.elems.size()) {
    error(pattern.loc, "cannot destructure a value of type " + type.str() +
                           " into " + std::to_string(pattern.elems.size()) +
                           " names");
    for (Pattern &p : pattern.elems)
      bindPattern(p, Type::error(), isVar);
    return;
  }
  for (auto [p, t] : llvm::zip(pattern.elems, type.elems))
    bindPattern(p, t, isVar);
}

bool nabla::isAssignable(const Type &to, const Type &from) {
  if (to.isError() || from.isError())
    return true;
  if (to.getKind() != from.getKind())
    return false;
  switch (to.getKind()) {
  case Type::Tensor:
    if (to.dtype != from.dtype || to.rank() != from.rank())
      return false;
    for (auto [a, b] : llvm::zip(to.shape, from.shape))
      if (a != b && a.kind != Dim::Dynamic && b.kind != Dim::Dynamic)
        return false;
    return true;
  case Type::Tuple:
    if (to.elems.size() != from.elems.size())
      return false;
    for (auto [a, b] : llvm::zip(to.elems, from.elems))
      if (!isAssignable(a, b))
        return false;
    return true;
  default:
    return to == from;
  }
}

void SemaChecker::checkAssignTarget(Expr &target, const Type &valueType,
                                    llvm::SMLoc valueLoc, Expr *value) {
  if (auto *tuple = dyn_cast<TupleLitExpr>(&target)) {
    if (valueType.isError())
      return;
    if (!valueType.isTuple() || valueType.elems.size() != tuple->elems.size()) {
      error(target.loc, "cannot assign a value of type " + valueType.str() +
                            " to " + std::to_string(tuple->elems.size()) +
                            " targets");
      return;
    }
    std::vector<Type> types;
    for (auto [e, t] : llvm::zip(tuple->elems, valueType.elems)) {
      checkAssignTarget(*e, t, valueLoc);
      types.push_back(e->type);
    }
    target.type = Type::tuple(std::move(types));
    return;
  }
  // The root of the target must be a `var`.
  Expr *root = &target;
  while (auto *field = dyn_cast<FieldExpr>(root))
    root = field->base.get();
  auto *name = dyn_cast<NameExpr>(root);
  if (!name || (!isa<NameExpr>(target) && !isa<FieldExpr>(target))) {
    error(target.loc, "cannot assign to this expression (expected a 'var' "
                      "name, a field of one, or a tuple of those)");
    return;
  }
  const LocalInfo *local = lookupLocal(name->name);
  if (!local) {
    error(name->loc, "unknown variable '" + name->name + "'");
    return;
  }
  if (!local->isVar) {
    error(name->loc, "cannot assign to '" + name->name +
                         "': it is not declared with 'var'")
            .attachNote(loc(local->loc))
        << "'" << name->name << "' is declared here";
    return;
  }
  Type targetType = check(target);
  if (targetType.isError())
    return;
  // A literal takes the element type of the variable: `lr = 0.0`.
  Type assigned = valueType;
  if (value && adoptLiteralTo(*value, targetType))
    assigned = value->type;
  if (!isAssignable(targetType, assigned)) {
    error(valueLoc, "cannot assign a value of type " + valueType.str() +
                        " to '" + name->name + "' of type " + targetType.str());
  }
}

void SemaChecker::checkStmt(Stmt &stmt, bool isLastInFnBody) {
  llvm::TypeSwitch<Stmt *>(&stmt)
      .Case([&](LetStmt *let) {
        Type t;
        if (let->typeAnn) {
          t = resolveType(*let->typeAnn, /*allowSymbols=*/true,
                          /*symbolsAreDynamic=*/false);
          if (!t.isError())
            expectType(*let->init, t, "initial value");
        } else {
          t = check(*let->init);
        }
        bindPattern(let->pattern, t, let->isVar);
      })
      .Case([&](AssignStmt *assign) {
        Type valueType;
        if (assign->op) {
          // `x op= e` is `x = x op e`: check the operator on the target.
          Type targetType = check(*assign->target);
          Type valueT = check(*assign->value);
          if (targetType.isError() || valueT.isError())
            return;
          if (!targetType.isTensor() || !valueT.isTensor()) {
            error(assign->loc, "'" + binaryOpSpelling(*assign->op) +
                                   "=' needs tensors, found " +
                                   targetType.str() + " and " + valueT.str());
            return;
          }
          if (!unifyElementTypes(*assign->target, *assign->value, assign->loc,
                                 binaryOpSpelling(*assign->op)))
            return;
          std::optional<Shape> shape =
              broadcast(assign->target->type, assign->value->type, assign->loc,
                        assign->target.get(), assign->value.get(),
                        binaryOpSpelling(*assign->op));
          if (!shape)
            return;
          valueType = Type::tensor(assign->target->type.dtype, *shape);
        } else {
          valueType = check(*assign->value);
        }
        checkAssignTarget(*assign->target, valueType, assign->value->loc,
                          assign->op ? nullptr : assign->value.get());
      })
      .Case([&](ExprStmt *e) { check(*e->expr); })
      .Case([&](IfStmt *s) {
        expectType(*s->cond, Type::scalar(DType::Bool), "'if' condition");
        checkBlock(*s->thenBlock, false);
        if (s->elseBlock)
          checkBlock(*s->elseBlock, false);
      })
      .Case([&](ForStmt *s) {
        pushScope();
        auto *range = dyn_cast<RangeExpr>(s->iterable.get());
        if (!range) {
          Type t = check(*s->iterable);
          if (!t.isError())
            error(s->iterable->loc,
                  "a 'for' loop iterates over a range 'a..b', found a value "
                  "of type " +
                      t.str());
          bindPattern(s->var, Type::error(), false);
        } else {
          Type lo = check(*range->lo);
          Type hi = check(*range->hi);
          bool ok = true;
          for (auto [e, t] : {std::pair<Expr *, Type>(range->lo.get(), lo),
                              std::pair<Expr *, Type>(range->hi.get(), hi)}) {
            if (!t.isError() && !(t.isScalar() && isInteger(t.dtype))) {
              error(e->loc,
                    "range bounds must be integer scalars, found " + t.str());
              ok = false;
            }
          }
          if (ok && !lo.isError() && !hi.isError() && lo.dtype != hi.dtype) {
            if (!adoptLiteral(*range->lo, hi.dtype) &&
                !adoptLiteral(*range->hi, lo.dtype)) {
              error(range->loc, "range bounds have different types " +
                                    lo.str() + " and " + hi.str());
              ok = false;
            }
          }
          range->type = range->lo->type;
          if (s->var.isTuple) {
            error(s->var.loc, "the variable of a range loop is a single name");
            bindPattern(s->var, Type::error(), false);
          } else {
            bindPattern(s->var, ok ? range->lo->type : Type::error(), false);
          }
        }
        checkBlock(*s->body, false);
        popScope();
      })
      .Case([&](WhileStmt *s) {
        expectType(*s->cond, Type::scalar(DType::Bool), "'while' condition");
        checkBlock(*s->body, false);
      })
      .Case([&](ReturnStmt *r) {
        if (!isLastInFnBody) {
          error(r->loc, "'return' must be the last statement of the function "
                        "body; assign to a 'var' inside branches and loops "
                        "and return it at the end");
        }
        const Type &want = currentFn->resolvedResult;
        if (!r->value) {
          if (!want.isVoid() && !want.isError())
            error(r->loc, "'return' needs a value of type " + want.str());
          return;
        }
        if (want.isVoid()) {
          check(*r->value);
          error(r->value->loc, "function '" + currentFn->name +
                                   "' has no result type but returns a "
                                   "value (add '-> T' to its signature)");
          return;
        }
        if (!want.isError())
          expectType(*r->value, want, "return value");
        else
          check(*r->value);
      })
      .Case([&](BlockStmt *b) { checkBlock(*b, false); });
}

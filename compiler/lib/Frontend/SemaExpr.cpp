//===- SemaExpr.cpp - Types and shapes of expressions ---------------------===//
//
// Literals, names, operators with NumPy broadcasting, matrix products,
// indexing and slicing, field access, array and struct literals.
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace nabla;

Type SemaChecker::check(Expr &expr) {
  Type t =
      llvm::TypeSwitch<Expr *, Type>(&expr)
          .Case([&](IntLitExpr *) { return Type::scalar(DType::I64); })
          .Case([&](FloatLitExpr *) { return Type::scalar(defaultFloat()); })
          .Case([&](BoolLitExpr *) { return Type::scalar(DType::Bool); })
          .Case([&](StringLitExpr *) { return Type::string(); })
          .Case([&](NameExpr *e) { return checkName(*e); })
          .Case([&](UnaryExpr *e) { return checkUnary(*e); })
          .Case([&](BinaryExpr *e) { return checkBinary(*e); })
          .Case([&](CallExpr *e) { return checkCall(*e); })
          .Case([&](IndexExpr *e) { return checkIndex(*e); })
          .Case([&](FieldExpr *e) { return checkField(*e); })
          .Case([&](ArrayLitExpr *e) { return checkArray(*e); })
          .Case([&](StructLitExpr *e) { return checkStructLit(*e); })
          .Case([&](TupleLitExpr *e) {
            std::vector<Type> elems;
            bool bad = false;
            for (auto &el : e->elems) {
              elems.push_back(check(*el));
              bad |= elems.back().isError();
              if (elems.back().isVoid()) {
                error(el->loc, "a call that returns nothing cannot be a "
                               "tuple element");
                bad = true;
              }
            }
            return bad ? Type::error() : Type::tuple(std::move(elems));
          })
          .Case([&](RangeExpr *e) {
            error(e->loc, "a range 'a..b' is only valid as the iterable "
                          "of a 'for' loop or inside an index");
            return Type::error();
          })
          .Default([&](Expr *) { return Type::error(); });
  expr.type = t;
  return t;
}

//===----------------------------------------------------------------------===//
// Names and fields
//===----------------------------------------------------------------------===//

bool nabla::isImported(const Module &module, llvm::StringRef name) {
  return llvm::any_of(module.imports,
                      [&](const ImportDecl &i) { return i.name == name; });
}

/// Reports a reference to an overloaded function outside a call.
static bool rejectOverloadedValue(SemaChecker &sema, const Module &module,
                                  llvm::StringRef name, llvm::StringRef shown,
                                  llvm::SMLoc at) {
  if (module.lookupFns(name).size() < 2)
    return false;
  sema.error(at, "'" + shown +
                     "' is overloaded; only a call can choose between its "
                     "overloads, so it cannot be used as a value");
  return true;
}

Type SemaChecker::checkName(NameExpr &expr) {
  if (const LocalInfo *local = lookupLocal(expr.name)) {
    expr.resolved = NameKind::Local;
    return local->type;
  }
  if (currentSymbols.count(expr.name)) {
    expr.resolved = NameKind::DimSize;
    return Type::scalar(DType::I64);
  }
  if (const FnDecl *fn = currentModule->lookupFn(expr.name)) {
    if (rejectOverloadedValue(*this, *currentModule, expr.name, expr.name,
                              expr.loc))
      return Type::error();
    expr.resolved = NameKind::Function;
    expr.fn = fn;
    auto value = std::make_shared<FnValue>();
    value->decl = fn;
    return fnValueType(value, expr.loc);
  }
  if (isImported(*currentModule, expr.name)) {
    error(expr.loc, "module '" + expr.name +
                        "' is not a value; use 'module.name' to refer to "
                        "one of its functions");
    return Type::error();
  }
  if (lookupBuiltin(expr.name)) {
    error(expr.loc, "builtin '" + expr.name +
                        "' can only be called; wrap it in a function to "
                        "pass it as a value");
    return Type::error();
  }
  if (currentModule->lookupStruct(expr.name)) {
    error(expr.loc, "struct '" + expr.name +
                        "' is a type; construct a value "
                        "with '" +
                        expr.name + " { field: value, ... }'");
    return Type::error();
  }
  if (llvm::is_contained(program.libraryModules, expr.name)) {
    error(expr.loc, "unknown name '" + expr.name + "': '" + expr.name +
                        "' is a module of the standard library; add 'import " +
                        expr.name + "' at the top of the file");
    return Type::error();
  }
  error(expr.loc, "unknown name '" + expr.name + "'");
  return Type::error();
}

Type SemaChecker::checkField(FieldExpr &expr) {
  // `module.member`
  if (auto *base = dyn_cast<NameExpr>(expr.base.get())) {
    if (!lookupLocal(base->name) && isImported(*currentModule, base->name)) {
      base->resolved = NameKind::Module;
      const Module *module = program.findModule(base->name);
      const FnDecl *fn = module ? module->lookupFn(expr.field) : nullptr;
      if (fn &&
          rejectOverloadedValue(*this, *module, expr.field,
                                base->name + "." + expr.field, expr.fieldLoc))
        return Type::error();
      if (!fn) {
        if (module && module->lookupStruct(expr.field))
          error(expr.fieldLoc, "struct '" + base->name + "." + expr.field +
                                   "' is a type; construct a value with '" +
                                   base->name + "." + expr.field + " { ... }'");
        else
          error(expr.fieldLoc, "module '" + base->name + "' has no function '" +
                                   expr.field + "'");
        return Type::error();
      }
      expr.moduleMember = std::make_unique<NameExpr>(expr.fieldLoc, expr.field);
      expr.moduleMember->resolved = NameKind::Function;
      expr.moduleMember->fn = fn;
      auto value = std::make_shared<FnValue>();
      value->decl = fn;
      return fnValueType(value, expr.loc);
    }
  }
  Type base = check(*expr.base);
  if (base.isError())
    return base;
  if (base.isStruct()) {
    int index = base.decl->fieldIndex(expr.field);
    if (index < 0) {
      error(expr.fieldLoc, "struct '" + base.decl->name + "' has no field '" +
                               expr.field + "'")
              .attachNote(loc(base.decl->loc))
          << "'" << base.decl->name << "' is declared here";
      return Type::error();
    }
    expr.index = index;
    return base.fieldType(index);
  }
  if (base.isTuple()) {
    int64_t index;
    if (llvm::StringRef(expr.field).getAsInteger(10, index) || index < 0 ||
        index >= static_cast<int64_t>(base.elems.size())) {
      error(expr.fieldLoc, "tuple of type " + base.str() + " has no element '" +
                               expr.field + "' (valid: 0 to " +
                               std::to_string(base.elems.size() - 1) + ")");
      return Type::error();
    }
    expr.index = static_cast<int>(index);
    return base.elems[index];
  }
  error(expr.fieldLoc,
        "a value of type " + base.str() + " has no field '" + expr.field + "'");
  return Type::error();
}

//===----------------------------------------------------------------------===//
// Literals and element types
//===----------------------------------------------------------------------===//

/// Gives an array literal of number literals the element type `dtype`.
static bool adoptArrayLiteral(SemaChecker &sema, Expr &expr, DType dtype) {
  auto *array = dyn_cast<ArrayLitExpr>(&expr);
  if (!array)
    return sema.adoptLiteral(expr, dtype);
  for (auto &e : array->elems)
    if (!adoptArrayLiteral(sema, *e, dtype))
      return false;
  expr.type.dtype = dtype;
  return true;
}

bool SemaChecker::adoptLiteralTo(Expr &expr, const Type &target) {
  if (!target.isTensor() || !expr.type.isTensor() ||
      expr.type.dtype == target.dtype || expr.type.rank() != target.rank())
    return false;
  if (expr.type.isScalar())
    return adoptLiteral(expr, target.dtype);
  if (!isa<ArrayLitExpr>(expr))
    return false;
  Type saved = expr.type;
  if (adoptArrayLiteral(*this, expr, target.dtype))
    return true;
  expr.type = saved;
  return false;
}

bool SemaChecker::adoptLiteral(Expr &expr, DType dtype) {
  if (isa<IntLitExpr>(expr) && dtype != DType::Bool) {
    expr.type = Type::scalar(dtype);
    return true;
  }
  if (isa<FloatLitExpr>(expr) && isFloat(dtype)) {
    expr.type = Type::scalar(dtype);
    return true;
  }
  if (auto *unary = dyn_cast<UnaryExpr>(&expr)) {
    if (unary->op == UnaryOp::Neg && adoptLiteral(*unary->operand, dtype)) {
      expr.type = Type::scalar(dtype);
      return true;
    }
  }
  return false;
}

void SemaChecker::noteOrigin(mlir::InFlightDiagnostic &diag, const Expr *expr,
                             llvm::StringRef role) {
  if (!expr)
    return;
  if (auto *name = dyn_cast<NameExpr>(expr)) {
    if (name->resolved == NameKind::Local) {
      if (const LocalInfo *local = lookupLocal(name->name)) {
        diag.attachNote(loc(local->loc))
            << role << " '" << name->name << "' has type " << local->type.str()
            << ", declared here";
        return;
      }
    }
  }
  if (auto *field = dyn_cast<FieldExpr>(expr)) {
    if (field->index >= 0 && field->base->type.isStruct()) {
      const FieldDecl &decl = field->base->type.decl->fields[field->index];
      diag.attachNote(loc(decl.loc))
          << role << " '" << field->field << "' has type "
          << decl.resolved.str() << ", declared here";
      return;
    }
  }
  diag.attachNote(loc(expr->loc))
      << role << " has type " << expr->type.str() << ", computed here";
}

bool SemaChecker::unifyElementTypes(Expr &lhs, Expr &rhs, llvm::SMLoc at,
                                    llvm::StringRef what) {
  if (lhs.type.dtype == rhs.type.dtype)
    return true;
  if (adoptLiteral(lhs, rhs.type.dtype) || adoptLiteral(rhs, lhs.type.dtype))
    return true;
  auto diag = error(
      at, "operands of '" + what + "' have different element types " +
              dtypeName(lhs.type.dtype) + " and " + dtypeName(rhs.type.dtype) +
              "; convert one with f32(...), f64(...), "
              "i32(...) or i64(...)");
  noteOrigin(diag, &lhs, "left operand");
  noteOrigin(diag, &rhs, "right operand");
  return false;
}

bool SemaChecker::expectType(Expr &expr, const Type &target,
                             const llvm::Twine &what) {
  Type t = check(expr);
  if (t.isError() || target.isError())
    return false;
  if (target.isScalar() && t.isScalar() && t.dtype != target.dtype &&
      adoptLiteral(expr, target.dtype))
    return true;
  // `[1.0, 2.0]` where f64[2] is expected.
  if (target.isTensor() && t.isTensor() && t.dtype != target.dtype &&
      isa<ArrayLitExpr>(expr) && target.rank() == t.rank()) {
    Type saved = expr.type;
    if (adoptArrayLiteral(*this, expr, target.dtype) &&
        isAssignable(target, expr.type))
      return true;
    expr.type = saved;
  }
  if (isAssignable(target, t))
    return true;
  auto diag = error(expr.loc, what + " has type " + t.str() + ", expected " +
                                  target.str());
  noteOrigin(diag, &expr, "the value");
  return false;
}

//===----------------------------------------------------------------------===//
// Operators
//===----------------------------------------------------------------------===//

Type SemaChecker::checkUnary(UnaryExpr &expr) {
  Type t = check(*expr.operand);
  if (t.isError())
    return t;
  if (expr.op == UnaryOp::Neg) {
    if (t.isTree() && treeLeavesAreFloat(t))
      return t;
    if (!t.isTensor() || t.dtype == DType::Bool) {
      error(expr.loc, "unary '-' needs a numeric tensor, found " + t.str());
      return Type::error();
    }
    return t;
  }
  if (!t.isBoolTensor()) {
    error(expr.loc, "'not' needs a bool value, found " + t.str());
    return Type::error();
  }
  return t;
}

std::optional<Shape> SemaChecker::broadcast(const Type &lhs, const Type &rhs,
                                            llvm::SMLoc at, const Expr *lhsExpr,
                                            const Expr *rhsExpr,
                                            llvm::StringRef what) {
  size_t rank = std::max(lhs.shape.size(), rhs.shape.size());
  Shape result(rank);
  for (size_t i = 0; i < rank; ++i) {
    const Dim one = Dim::fixed(1);
    size_t li = lhs.shape.size(), ri = rhs.shape.size();
    const Dim &a = i < rank - li ? one : lhs.shape[i - (rank - li)];
    const Dim &b = i < rank - ri ? one : rhs.shape[i - (rank - ri)];
    if (a == b || (b.isStatic() && b.size == 1)) {
      result[i] = a;
    } else if (a.isStatic() && a.size == 1) {
      result[i] = b;
    } else if (a.kind == Dim::Dynamic) {
      result[i] = b;
    } else if (b.kind == Dim::Dynamic) {
      result[i] = a;
    } else {
      auto diag = error(at, "cannot broadcast " + lhs.str() + " and " +
                                rhs.str() + " in '" + what + "': dimension " +
                                a.str() + " does not match " + b.str());
      noteOrigin(diag, lhsExpr, "left operand");
      noteOrigin(diag, rhsExpr, "right operand");
      return std::nullopt;
    }
  }
  return result;
}

static bool dimsCompatible(const Dim &a, const Dim &b) {
  return a == b || a.kind == Dim::Dynamic || b.kind == Dim::Dynamic;
}

static const Dim &preferKnown(const Dim &a, const Dim &b) {
  return a.kind == Dim::Dynamic ? b : a;
}

Type SemaChecker::checkMatmul(BinaryExpr &expr, const Type &lhs,
                              const Type &rhs) {
  if (!lhs.isTensor() || !rhs.isTensor() || lhs.dtype == DType::Bool ||
      rhs.dtype == DType::Bool) {
    error(expr.loc, "'@' needs numeric tensors, found " + lhs.str() + " and " +
                        rhs.str());
    return Type::error();
  }
  if (!unifyElementTypes(*expr.lhs, *expr.rhs, expr.loc, "@"))
    return Type::error();
  int64_t lr = lhs.rank(), rr = rhs.rank();
  bool ranksOk =
      (lr >= 1 && lr <= 2 && rr >= 1 && rr <= 2) || (lr == 3 && rr == 3);
  if (!ranksOk) {
    error(expr.loc, "'@' needs operands of rank 1 or 2, or both of rank 3 "
                    "(a batch of matrices), found " +
                        lhs.str() + " @ " + rhs.str());
    return Type::error();
  }
  const Dim &k1 = lhs.shape.back();
  const Dim &k2 = rr == 1 ? rhs.shape[0] : rhs.shape[rr - 2];
  if (!dimsCompatible(k1, k2)) {
    auto diag = error(expr.loc, "shape mismatch in '@': " + lhs.str() + " @ " +
                                    rhs.str() + ": the inner dimensions " +
                                    k1.str() + " and " + k2.str() + " differ");
    noteOrigin(diag, expr.lhs.get(), "left operand");
    noteOrigin(diag, expr.rhs.get(), "right operand");
    return Type::error();
  }
  DType dtype = expr.lhs->type.dtype;
  Shape shape;
  if (lr == 3) {
    if (!dimsCompatible(lhs.shape[0], rhs.shape[0])) {
      auto diag = error(
          expr.loc, "shape mismatch in '@': " + lhs.str() + " @ " + rhs.str() +
                        ": the batch dimensions " + lhs.shape[0].str() +
                        " and " + rhs.shape[0].str() + " differ");
      noteOrigin(diag, expr.lhs.get(), "left operand");
      noteOrigin(diag, expr.rhs.get(), "right operand");
      return Type::error();
    }
    shape.push_back(preferKnown(lhs.shape[0], rhs.shape[0]));
  }
  if (lr >= 2)
    shape.push_back(lhs.shape[lr - 2]);
  if (rr >= 2)
    shape.push_back(rhs.shape[rr - 1]);
  return Type::tensor(dtype, shape);
}

bool nabla::treeLeavesAreFloat(const Type &t) {
  switch (t.getKind()) {
  case Type::Tensor:
    return isFloat(t.dtype);
  case Type::TypeParam:
    return true; // checked when the function is specialised
  case Type::Tuple:
    return llvm::all_of(t.elems, treeLeavesAreFloat);
  case Type::Struct:
    for (size_t i = 0; i < t.decl->fields.size(); ++i)
      if (!treeLeavesAreFloat(t.fieldType(i)))
        return false;
    return true;
  default:
    return false;
  }
}

Type SemaChecker::checkTreeCombination(Expr &lhs, Expr &rhs, llvm::SMLoc at,
                                       llvm::StringRef what) {
  const Type &a = lhs.type, &b = rhs.type;
  const Type &tree = a.isTree() ? a : b;
  Expr &other = a.isTree() ? rhs : lhs;
  if (a.isTree() && b.isTree()) {
    if (a != b) {
      error(at, "operands of '" + what + "' are different parameter trees: " +
                    a.str() + " and " + b.str());
      return Type::error();
    }
  } else if (!other.type.isScalar() || other.type.dtype == DType::Bool) {
    error(other.loc, "a parameter tree combines with a tree of the same type "
                     "or with a number, found " +
                         other.type.str());
    return Type::error();
  }
  if (!treeLeavesAreFloat(tree)) {
    error(at, "'" + what + "' on a parameter tree needs float leaves, but " +
                  tree.str() + " has other leaves");
    return Type::error();
  }
  return tree;
}

Type SemaChecker::checkBinary(BinaryExpr &expr) {
  Type lhs = check(*expr.lhs);
  Type rhs = check(*expr.rhs);
  if (lhs.isError() || rhs.isError())
    return Type::error();
  llvm::StringRef spelling = binaryOpSpelling(expr.op);
  if (lhs.isTree() || rhs.isTree()) {
    // Parameter trees combine leaf by leaf; a number applies to every leaf.
    if (expr.op != BinaryOp::Add && expr.op != BinaryOp::Sub &&
        expr.op != BinaryOp::Mul && expr.op != BinaryOp::Div &&
        expr.op != BinaryOp::Pow) {
      error(expr.loc, "'" + spelling +
                          "' is not defined on parameter trees "
                          "(only + - * / **), found " +
                          lhs.str() + " and " + rhs.str());
      return Type::error();
    }
    return checkTreeCombination(*expr.lhs, *expr.rhs, expr.loc, spelling);
  }
  if (expr.op == BinaryOp::MatMul)
    return checkMatmul(expr, lhs, rhs);
  if (!lhs.isTensor() || !rhs.isTensor()) {
    error(expr.loc, "'" + spelling + "' needs tensor operands, found " +
                        lhs.str() + " and " + rhs.str());
    return Type::error();
  }
  bool logical = expr.op == BinaryOp::And || expr.op == BinaryOp::Or;
  bool comparison = expr.op >= BinaryOp::Eq && expr.op <= BinaryOp::Ge;
  bool equality = expr.op == BinaryOp::Eq || expr.op == BinaryOp::Ne;
  if (logical) {
    if (!lhs.isBoolTensor() || !rhs.isBoolTensor()) {
      error(expr.loc, "'" + spelling + "' needs bool operands, found " +
                          lhs.str() + " and " + rhs.str());
      return Type::error();
    }
  } else if (!equality &&
             (lhs.dtype == DType::Bool || rhs.dtype == DType::Bool)) {
    error(expr.loc, "'" + spelling + "' needs numeric operands, found " +
                        lhs.str() + " and " + rhs.str());
    return Type::error();
  }
  if (!unifyElementTypes(*expr.lhs, *expr.rhs, expr.loc, spelling))
    return Type::error();
  std::optional<Shape> shape =
      broadcast(expr.lhs->type, expr.rhs->type, expr.loc, expr.lhs.get(),
                expr.rhs.get(), spelling);
  if (!shape)
    return Type::error();
  DType dtype = comparison ? DType::Bool : expr.lhs->type.dtype;
  return Type::tensor(dtype, *shape);
}

//===----------------------------------------------------------------------===//
// Indexing
//===----------------------------------------------------------------------===//

bool nabla::sameExpr(const Expr &a, const Expr &b) {
  if (a.getKind() != b.getKind())
    return false;
  if (auto *x = dyn_cast<NameExpr>(&a))
    return x->name == cast<NameExpr>(b).name;
  if (auto *x = dyn_cast<IntLitExpr>(&a))
    return x->value == cast<IntLitExpr>(b).value;
  if (auto *x = dyn_cast<FloatLitExpr>(&a))
    return x->value == cast<FloatLitExpr>(b).value;
  if (auto *x = dyn_cast<UnaryExpr>(&a)) {
    auto &y = cast<UnaryExpr>(b);
    return x->op == y.op && sameExpr(*x->operand, *y.operand);
  }
  if (auto *x = dyn_cast<BinaryExpr>(&a)) {
    auto &y = cast<BinaryExpr>(b);
    return x->op == y.op && sameExpr(*x->lhs, *y.lhs) &&
           sameExpr(*x->rhs, *y.rhs);
  }
  if (auto *x = dyn_cast<FieldExpr>(&a)) {
    auto &y = cast<FieldExpr>(b);
    return x->field == y.field && sameExpr(*x->base, *y.base);
  }
  return false;
}

Type SemaChecker::checkIndex(IndexExpr &expr) {
  Type base = check(*expr.base);
  if (base.isError())
    return base;
  if (!base.isTensor()) {
    error(expr.loc, "only tensors can be indexed, found " + base.str());
    return Type::error();
  }
  if (static_cast<int64_t>(expr.items.size()) > base.rank()) {
    error(expr.loc, std::to_string(expr.items.size()) +
                        " indices given for a tensor of type " + base.str() +
                        " (rank " + std::to_string(base.rank()) + ")");
    return Type::error();
  }
  Shape shape;
  bool ok = true;
  for (size_t i = 0; i < expr.items.size(); ++i) {
    IndexItem &item = expr.items[i];
    const Dim &dim = base.shape[i];
    auto checkInt = [&](Expr &e) {
      Type t = check(e);
      if (t.isError())
        return false;
      if (!t.isScalar() || !isInteger(t.dtype)) {
        error(e.loc, "an index must be an integer scalar, found " + t.str());
        return false;
      }
      return true;
    };
    auto normalize = [&](int64_t v, llvm::SMLoc at,
                         bool isLimit) -> std::optional<int64_t> {
      int64_t written = v;
      if (v < 0) {
        if (!dim.isStatic()) {
          error(at, "negative index " + std::to_string(v) +
                        " needs a dimension of known size, found " + dim.str());
          return std::nullopt;
        }
        v += dim.size;
      }
      if (v < 0 ||
          (dim.isStatic() && (isLimit ? v > dim.size : v >= dim.size))) {
        error(at, "index " + std::to_string(written) + " is out of range for " +
                      "dimension " + std::to_string(i) + " of size " +
                      dim.str() + " in " + base.str());
        return std::nullopt;
      }
      return v;
    };
    if (!item.isRange) {
      if (!checkInt(*item.lo)) {
        ok = false;
        continue;
      }
      if (std::optional<int64_t> c = evalConstInt(*item.lo)) {
        std::optional<int64_t> v = normalize(*c, item.lo->loc, false);
        if (!v) {
          ok = false;
          continue;
        }
        item.start = *v;
      }
      continue; // the dimension is dropped
    }
    if (item.lo && !checkInt(*item.lo)) {
      ok = false;
      continue;
    }
    if (item.hi && !checkInt(*item.hi)) {
      ok = false;
      continue;
    }
    std::optional<int64_t> lo =
        item.lo ? evalConstInt(*item.lo) : std::optional<int64_t>(0);
    std::optional<int64_t> hi;
    if (item.hi)
      hi = evalConstInt(*item.hi);
    if (lo && (!item.hi || hi)) {
      std::optional<int64_t> start = normalize(*lo, item.loc, true);
      if (!start) {
        ok = false;
        continue;
      }
      item.start = *start;
      if (!item.hi) {
        if (dim.isStatic()) {
          shape.push_back(Dim::fixed(dim.size - *start));
        } else if (*start == 0) {
          shape.push_back(dim);
        } else {
          error(item.loc, "an open-ended slice of a dimension of size " +
                              dim.str() +
                              " must start at 0; give the end explicitly");
          ok = false;
        }
        continue;
      }
      std::optional<int64_t> limit = normalize(*hi, item.hi->loc, true);
      if (!limit) {
        ok = false;
        continue;
      }
      if (*limit < *start) {
        error(item.loc, "empty or reversed slice " + std::to_string(*start) +
                            ".." + std::to_string(*limit));
        ok = false;
        continue;
      }
      item.limit = *limit;
      shape.push_back(Dim::fixed(*limit - *start));
      continue;
    }
    // `a .. a + N`: a start known at run time and a constant size.
    auto *plus = item.hi ? dyn_cast<BinaryExpr>(item.hi.get()) : nullptr;
    std::optional<int64_t> size;
    if (item.lo && plus && plus->op == BinaryOp::Add &&
        sameExpr(*plus->lhs, *item.lo))
      size = evalConstInt(*plus->rhs);
    if (!size) {
      error(item.loc, "slice bounds must be integer constants, or have the "
                      "form 'a .. a + N' with a constant N");
      ok = false;
      continue;
    }
    if (*size < 0 || (dim.isStatic() && *size > dim.size)) {
      error(item.loc, "slice size " + std::to_string(*size) +
                          " is out of range for dimension " +
                          std::to_string(i) + " of size " + dim.str());
      ok = false;
      continue;
    }
    item.size = *size;
    shape.push_back(Dim::fixed(*size));
  }
  if (!ok)
    return Type::error();
  // A start known only at run time reads a block of static size, so every
  // dimension taken whole must have a known size.
  bool runtimeStart = llvm::any_of(expr.items, [](const IndexItem &item) {
    return (!item.isRange && !item.start) || (item.isRange && item.size);
  });
  if (runtimeStart) {
    for (size_t i = 0; i < base.shape.size(); ++i) {
      bool whole = i >= expr.items.size() ||
                   (expr.items[i].isRange && !expr.items[i].size &&
                    !expr.items[i].limit);
      if (whole && !base.shape[i].isStatic()) {
        error(expr.loc, "indexing " + base.str() +
                            " at a run-time position needs the dimensions "
                            "taken whole to have known sizes, but dimension " +
                            std::to_string(i) + " has size " +
                            base.shape[i].str());
        return Type::error();
      }
    }
  }
  for (size_t i = expr.items.size(); i < base.shape.size(); ++i)
    shape.push_back(base.shape[i]);
  return Type::tensor(base.dtype, shape);
}

//===----------------------------------------------------------------------===//
// Array and struct literals
//===----------------------------------------------------------------------===//

Type SemaChecker::checkArray(ArrayLitExpr &expr) {
  if (expr.elems.empty()) {
    error(expr.loc, "an empty array literal has no element type; use "
                    "zeros([0]) instead");
    return Type::error();
  }
  std::vector<Type> types;
  for (auto &e : expr.elems) {
    types.push_back(check(*e));
    if (types.back().isError())
      return Type::error();
    if (!types.back().isTensor()) {
      error(e->loc,
            "array elements must be tensors, found " + types.back().str());
      return Type::error();
    }
  }
  // A float element makes integer literals float.
  DType dtype = types.front().dtype;
  for (auto &e : expr.elems)
    if (isFloat(e->type.dtype) && !isFloat(dtype))
      dtype = e->type.dtype;
  for (auto &e : expr.elems) {
    if (e->type.dtype != dtype && !adoptLiteral(*e, dtype)) {
      error(e->loc, "array element has type " + e->type.str() +
                        ", but the array has element type " +
                        dtypeName(dtype).str());
      return Type::error();
    }
  }
  const Type &first = expr.elems.front()->type;
  for (auto &e : expr.elems) {
    if (!isAssignable(first, e->type) || e->type.rank() != first.rank()) {
      error(e->loc, "array element has type " + e->type.str() +
                        ", but the first element has type " + first.str());
      return Type::error();
    }
  }
  Shape shape{Dim::fixed(static_cast<int64_t>(expr.elems.size()))};
  for (const Dim &d : first.shape)
    shape.push_back(d);
  return Type::tensor(dtype, shape);
}

Type SemaChecker::checkStructLit(StructLitExpr &expr) {
  const StructDecl *decl = lookupStruct(expr.name, expr.loc);
  if (!decl) {
    for (auto &f : expr.fields)
      check(*f.value);
    return Type::error();
  }
  expr.ordered.assign(decl->fields.size(), nullptr);
  bool ok = true;
  Bindings bindings;
  for (FieldInit &init : expr.fields) {
    int index = decl->fieldIndex(init.name);
    if (index < 0) {
      error(init.loc,
            "struct '" + decl->name + "' has no field '" + init.name + "'")
              .attachNote(loc(decl->loc))
          << "'" << decl->name << "' is declared here";
      check(*init.value);
      ok = false;
      continue;
    }
    if (expr.ordered[index]) {
      error(init.loc, "field '" + init.name + "' is given twice");
      ok = false;
      continue;
    }
    expr.ordered[index] = init.value.get();
    const Type &declared = decl->fields[index].resolved;
    if (decl->typeParams.empty() || !containsTypeParam(declared)) {
      ok &= expectType(*init.value, declared, "field '" + init.name + "'");
      continue;
    }
    // A field of a generic struct binds its type parameters.
    Type t = check(*init.value);
    if (t.isError()) {
      ok = false;
      continue;
    }
    if (!unify(declared, t, bindings, /*generic=*/true, init.loc)) {
      error(init.value->loc,
            "field '" + init.name + "' has type " + t.str() +
                ", which does not fit " + declared.str() +
                (bindings.types.empty() ? std::string()
                                        : " with the other fields"));
      ok = false;
    }
  }
  std::string missing;
  for (auto [i, f] : llvm::enumerate(decl->fields))
    if (!expr.ordered[i])
      missing += (missing.empty() ? "'" : ", '") + f.name + "'";
  if (!missing.empty()) {
    error(expr.loc,
          "missing field" +
              std::string(missing.find(',') != std::string::npos ? "s " : " ") +
              missing + " in '" + decl->name + "' literal");
    ok = false;
  }
  if (!ok)
    return Type::error();
  std::vector<Type> typeArgs;
  for (const std::string &param : decl->typeParams) {
    auto it = bindings.types.find(param);
    if (it == bindings.types.end()) {
      error(expr.loc, "cannot tell the type parameter '" + param + "' of '" +
                          decl->name + "' from the fields");
      return Type::error();
    }
    typeArgs.push_back(it->second);
  }
  return Type::structTy(decl, std::move(typeArgs));
}

//===- SemaBuiltins.cpp - Type rules of builtin functions -----------------===//
//
// Sends a builtin call to the type rules of its family (Builtins.def), and
// the evaluation of the constant arguments (axes, shapes, numbers) they share.
//
//===----------------------------------------------------------------------===//

#include "BuiltinArgs.h"
#include "SemaImpl.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

using namespace nabla;

std::optional<int64_t> SemaChecker::evalConstInt(const Expr &expr) {
  if (auto *lit = dyn_cast<IntLitExpr>(&expr))
    return lit->value;
  if (auto *unary = dyn_cast<UnaryExpr>(&expr)) {
    if (unary->op == UnaryOp::Neg)
      if (std::optional<int64_t> v = evalConstInt(*unary->operand))
        return -*v;
    return std::nullopt;
  }
  if (auto *binary = dyn_cast<BinaryExpr>(&expr)) {
    std::optional<int64_t> a = evalConstInt(*binary->lhs);
    std::optional<int64_t> b = evalConstInt(*binary->rhs);
    if (!a || !b)
      return std::nullopt;
    int64_t r;
    switch (binary->op) {
    case BinaryOp::Add:
      if (__builtin_add_overflow(*a, *b, &r))
        return std::nullopt;
      return r;
    case BinaryOp::Sub:
      if (__builtin_sub_overflow(*a, *b, &r))
        return std::nullopt;
      return r;
    case BinaryOp::Mul:
      if (__builtin_mul_overflow(*a, *b, &r))
        return std::nullopt;
      return r;
    default:
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<std::vector<int64_t>>
SemaChecker::evalAxes(Expr &expr, int64_t rank, bool allowList) {
  std::vector<const Expr *> items;
  if (auto *array = dyn_cast<ArrayLitExpr>(&expr)) {
    if (!allowList) {
      error(expr.loc, "expected a single axis, found a list");
      return std::nullopt;
    }
    for (auto &e : array->elems)
      items.push_back(e.get());
    expr.type = Type::tensor(DType::I64,
                             {Dim::fixed(static_cast<int64_t>(items.size()))});
  } else {
    items.push_back(&expr);
  }
  std::vector<int64_t> axes;
  for (const Expr *item : items) {
    std::optional<int64_t> v = evalConstInt(*item);
    const_cast<Expr *>(item)->type = Type::scalar(DType::I64);
    if (!v) {
      error(item->loc, "an axis must be an integer constant");
      return std::nullopt;
    }
    int64_t axis = *v < 0 ? *v + rank : *v;
    if (axis < 0 || axis >= rank) {
      error(item->loc, "axis " + std::to_string(*v) +
                           " is out of range for rank " + std::to_string(rank));
      return std::nullopt;
    }
    if (llvm::is_contained(axes, axis)) {
      error(item->loc, "axis " + std::to_string(*v) + " is given twice");
      return std::nullopt;
    }
    axes.push_back(axis);
  }
  std::sort(axes.begin(), axes.end());
  return axes;
}

std::optional<Shape> SemaChecker::evalShape(Expr &expr, bool allowMinusOne) {
  auto *array = dyn_cast<ArrayLitExpr>(&expr);
  if (!array) {
    error(expr.loc, "a shape is written as a list of sizes, like [784, 256]");
    return std::nullopt;
  }
  Shape shape;
  bool seenMinusOne = false;
  for (auto &e : array->elems) {
    Type t = check(*e);
    if (t.isError())
      return std::nullopt;
    if (!t.isScalar() || !isInteger(t.dtype)) {
      error(e->loc, "a size must be an integer scalar, found " + t.str());
      return std::nullopt;
    }
    if (std::optional<int64_t> v = evalConstInt(*e)) {
      if (*v == -1 && allowMinusOne && !seenMinusOne) {
        seenMinusOne = true;
        shape.push_back(Dim{Dim::Static, -1, ""});
        continue;
      }
      if (*v < 0) {
        error(e->loc, "size " + std::to_string(*v) + " is negative" +
                          (allowMinusOne ? " (only one -1 is allowed)" : ""));
        return std::nullopt;
      }
      shape.push_back(Dim::fixed(*v));
      continue;
    }
    auto *name = dyn_cast<NameExpr>(e.get());
    if (name && name->resolved == NameKind::DimSize)
      shape.push_back(Dim::symbol(name->name));
    else
      shape.push_back(Dim::dynamic());
  }
  expr.type = Type::tensor(DType::I64,
                           {Dim::fixed(static_cast<int64_t>(shape.size()))});
  return shape;
}

std::optional<double> SemaChecker::evalConstFloat(const Expr &expr) {
  if (auto *lit = dyn_cast<FloatLitExpr>(&expr))
    return lit->value;
  if (auto *unary = dyn_cast<UnaryExpr>(&expr);
      unary && unary->op == UnaryOp::Neg)
    if (std::optional<double> v = evalConstFloat(*unary->operand))
      return -*v;
  if (std::optional<int64_t> v = evalConstInt(expr))
    return static_cast<double>(*v);
  return std::nullopt;
}

Type SemaChecker::checkBuiltin(CallExpr &call, BuiltinId id) {
  // zeros([2], 1.0) reads like full: say what zeros and ones take.
  if ((id == BuiltinId::Zeros || id == BuiltinId::Ones) &&
      call.args.size() > 1 && call.args[1].name.empty()) {
    error(call.args[1].loc, "'" + builtinName(id) + "' takes only a shape");
    return Type::error();
  }
  BuiltinArgs args(*this, call, id);
  if (!args.valid())
    return Type::error();
  switch (builtinInfo(id).family) {
#define NABLA_FAMILY_CASE(F)                                                   \
  case BuiltinFamily::F:                                                       \
    return check##F##Builtin(call, id, args);
    NABLA_BUILTIN_FAMILIES(NABLA_FAMILY_CASE)
#undef NABLA_FAMILY_CASE
  }
  return Type::error();
}

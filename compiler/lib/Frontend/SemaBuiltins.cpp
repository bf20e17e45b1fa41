//===- SemaBuiltins.cpp - Type rules of builtin functions -----------------===//
//
// The type and shape rule of every builtin; the differentiation transforms,
// tree_map and custom_vjp are in SemaTransforms.cpp.
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

Type SemaChecker::checkBuiltin(CallExpr &call, BuiltinId id) {
  llvm::StringRef name = builtinName(id);
  auto needFloat = [&](Expr &e, const Type &t) {
    if (t.isFloatTensor())
      return true;
    error(e.loc, "'" + name + "' needs a float tensor, found " + t.str());
    return false;
  };
  auto needTensor = [&](Expr &e, const Type &t) {
    if (t.isTensor())
      return true;
    error(e.loc, "'" + name + "' needs a tensor, found " + t.str());
    return false;
  };
  switch (id) {
  case BuiltinId::Relu:
  case BuiltinId::Exp:
  case BuiltinId::Log:
  case BuiltinId::Tanh:
  case BuiltinId::Sigmoid:
  case BuiltinId::Sqrt:
  case BuiltinId::Rsqrt:
  case BuiltinId::Sin:
  case BuiltinId::Cos:
  case BuiltinId::Floor:
  case BuiltinId::Round:
  case BuiltinId::Abs:
  case BuiltinId::Sign:
  case BuiltinId::IsNan:
  case BuiltinId::IsInf:
  case BuiltinId::IsFinite:
  case BuiltinId::StopGradient: {
    static const llvm::StringRef params[] = {"x"};
    BuiltinArgs args(*this, call, name, params, 1);
    if (!args.valid())
      return Type::error();
    Type t = check(*args.get(0));
    if (t.isError())
      return t;
    if (id == BuiltinId::StopGradient) {
      if (t.isFunction() || t.isStr() || t.isVoid()) {
        error(args.get(0)->loc,
              "'stop_gradient' needs a value, found " + t.str());
        return Type::error();
      }
      return t;
    }
    bool predicate = id == BuiltinId::IsNan || id == BuiltinId::IsInf ||
                     id == BuiltinId::IsFinite;
    if (t.isTree() && !predicate) {
      // Elementwise math applies to every leaf of a parameter tree.
      if (!treeLeavesAreFloat(t)) {
        error(args.get(0)->loc, "'" + name +
                                    "' on a parameter tree needs "
                                    "float leaves, but " +
                                    t.str() + " has other leaves");
        return Type::error();
      }
      return t;
    }
    if (id == BuiltinId::Abs || id == BuiltinId::Sign) {
      if (!needTensor(*args.get(0), t))
        return Type::error();
      if (t.dtype == DType::Bool) {
        error(args.get(0)->loc, "'" + name +
                                    "' needs a numeric tensor, "
                                    "found " +
                                    t.str());
        return Type::error();
      }
      return t;
    }
    if (t.isScalar() && adoptLiteral(*args.get(0), defaultFloat()))
      t = args.get(0)->type;
    if (!needFloat(*args.get(0), t))
      return Type::error();
    // isnan, isinf, isfinite test each element: a bool tensor.
    return predicate ? Type::tensor(DType::Bool, t.shape) : t;
  }
  case BuiltinId::Maximum:
  case BuiltinId::Minimum: {
    static const llvm::StringRef params[] = {"a", "b"};
    BuiltinArgs args(*this, call, name, params, 2);
    if (!args.valid())
      return Type::error();
    Type a = check(*args.get(0)), b = check(*args.get(1));
    if (a.isError() || b.isError())
      return Type::error();
    if (a.isTree() || b.isTree())
      return checkTreeCombination(*args.get(0), *args.get(1), call.loc, name);
    if (!needTensor(*args.get(0), a) || !needTensor(*args.get(1), b))
      return Type::error();
    if (!unifyElementTypes(*args.get(0), *args.get(1), call.loc, name))
      return Type::error();
    std::optional<Shape> shape =
        broadcast(args.get(0)->type, args.get(1)->type, call.loc, args.get(0),
                  args.get(1), name);
    if (!shape)
      return Type::error();
    return Type::tensor(args.get(0)->type.dtype, *shape);
  }
  case BuiltinId::Where: {
    static const llvm::StringRef params[] = {"cond", "a", "b"};
    BuiltinArgs args(*this, call, name, params, 3);
    if (!args.valid())
      return Type::error();
    Type c = check(*args.get(0)), a = check(*args.get(1)),
         b = check(*args.get(2));
    if (c.isError() || a.isError() || b.isError())
      return Type::error();
    if (!c.isBoolTensor()) {
      error(args.get(0)->loc,
            "the condition of 'where' must be bool, found " + c.str());
      return Type::error();
    }
    if (!needTensor(*args.get(1), a) || !needTensor(*args.get(2), b))
      return Type::error();
    if (!unifyElementTypes(*args.get(1), *args.get(2), call.loc, name))
      return Type::error();
    std::optional<Shape> ab =
        broadcast(args.get(1)->type, args.get(2)->type, call.loc, args.get(1),
                  args.get(2), name);
    if (!ab)
      return Type::error();
    Type abType = Type::tensor(args.get(1)->type.dtype, *ab);
    std::optional<Shape> all =
        broadcast(c, abType, call.loc, args.get(0), nullptr, name);
    if (!all)
      return Type::error();
    return Type::tensor(abType.dtype, *all);
  }
  case BuiltinId::Sum:
  case BuiltinId::Mean:
  case BuiltinId::Max:
  case BuiltinId::Min:
  case BuiltinId::Argmax: {
    static const llvm::StringRef params[] = {"x", "axis", "keepdims"};
    BuiltinArgs args(*this, call, name, params, 1);
    if (!args.valid())
      return Type::error();
    Type t = check(*args.get(0));
    if (t.isError())
      return t;
    if (t.isTree() && id != BuiltinId::Argmax && id != BuiltinId::Mean) {
      // Over every element of every leaf, accumulated in f64.
      if (args.get(1) || args.get(2)) {
        error(call.loc, "'" + name +
                            "' of a parameter tree reduces over "
                            "everything; it takes no axis");
        return Type::error();
      }
      if (!treeLeavesAreFloat(t)) {
        error(args.get(0)->loc, "'" + name +
                                    "' of a parameter tree needs "
                                    "float leaves, but " +
                                    t.str() + " has other leaves");
        return Type::error();
      }
      call.flag = false;
      return Type::scalar(DType::F64);
    }
    if (!needTensor(*args.get(0), t))
      return Type::error();
    if (t.dtype == DType::Bool) {
      error(args.get(0)->loc,
            "'" + name + "' needs a numeric tensor, found " + t.str());
      return Type::error();
    }
    if (id == BuiltinId::Mean && !needFloat(*args.get(0), t))
      return Type::error();
    if (t.rank() == 0 && id == BuiltinId::Argmax) {
      error(args.get(0)->loc, "'argmax' needs a tensor of rank at least 1");
      return Type::error();
    }
    std::vector<int64_t> axes;
    if (Expr *axisExpr = args.get(1)) {
      std::optional<std::vector<int64_t>> a =
          evalAxes(*axisExpr, t.rank(), id != BuiltinId::Argmax);
      if (!a)
        return Type::error();
      axes = *a;
    } else if (id == BuiltinId::Argmax) {
      axes = {t.rank() - 1};
    } else {
      for (int64_t i = 0; i < t.rank(); ++i)
        axes.push_back(i);
    }
    bool keepdims = false;
    if (Expr *k = args.get(2)) {
      auto *lit = dyn_cast<BoolLitExpr>(k);
      if (!lit) {
        error(k->loc, "'keepdims' must be true or false");
        return Type::error();
      }
      k->type = Type::scalar(DType::Bool);
      keepdims = lit->value;
    }
    call.ints = axes;
    call.flag = keepdims;
    Shape shape;
    for (int64_t i = 0; i < t.rank(); ++i) {
      if (llvm::is_contained(axes, i)) {
        if (keepdims)
          shape.push_back(Dim::fixed(1));
      } else {
        shape.push_back(t.shape[i]);
      }
    }
    return Type::tensor(id == BuiltinId::Argmax ? DType::I64 : t.dtype, shape);
  }
  case BuiltinId::Reshape: {
    static const llvm::StringRef params[] = {"x", "shape"};
    BuiltinArgs args(*this, call, name, params, 2);
    if (!args.valid())
      return Type::error();
    Type t = check(*args.get(0));
    if (t.isError() || !needTensor(*args.get(0), t))
      return Type::error();
    std::optional<Shape> shape = evalShape(*args.get(1), true);
    if (!shape)
      return Type::error();
    bool inputStatic =
        llvm::all_of(t.shape, [](const Dim &d) { return d.isStatic(); });
    int64_t inCount = 1;
    for (const Dim &d : t.shape)
      inCount *= d.isStatic() ? d.size : 1;
    int64_t outCount = 1;
    bool outStatic = true;
    int minusOne = -1;
    for (auto [i, d] : llvm::enumerate(*shape)) {
      if (d.isStatic() && d.size == -1)
        minusOne = static_cast<int>(i);
      else if (d.isStatic())
        outCount *= d.size;
      else
        outStatic = false;
    }
    if (minusOne >= 0 && !(inputStatic && outStatic)) {
      // Symbolic sizes cancel: [B, 6] -> [B, -1] gives [B, 6].
      std::vector<std::string> inSyms, outSyms;
      bool inputDynamic = false;
      for (const Dim &d : t.shape) {
        if (d.kind == Dim::Symbolic)
          inSyms.push_back(d.name);
        inputDynamic |= d.kind == Dim::Dynamic;
      }
      bool cancels = !inputDynamic;
      for (const Dim &d : *shape) {
        if (d.kind == Dim::Dynamic)
          cancels = false;
        if (d.kind != Dim::Symbolic)
          continue;
        auto it = llvm::find(inSyms, d.name);
        if (it == inSyms.end())
          cancels = false;
        else
          inSyms.erase(it);
      }
      if (cancels && outCount != 0 && inCount % outCount == 0) {
        if (inSyms.empty())
          (*shape)[minusOne] = Dim::fixed(inCount / outCount);
        else if (inSyms.size() == 1 && inCount == outCount)
          (*shape)[minusOne] = Dim::symbol(inSyms.front());
      }
      if ((*shape)[minusOne].isStatic() && (*shape)[minusOne].size == -1)
        (*shape)[minusOne] = Dim::dynamic();
    } else if (minusOne >= 0) {
      if (inputStatic && outStatic) {
        if (outCount == 0 || inCount % outCount != 0) {
          error(args.get(1)->loc, "cannot reshape " + t.str() + " (" +
                                      std::to_string(inCount) +
                                      " elements) to " + shapeStr(*shape));
          return Type::error();
        }
        (*shape)[minusOne] = Dim::fixed(inCount / outCount);
      } else {
        (*shape)[minusOne] = Dim::dynamic();
      }
    } else if (inputStatic && outStatic && inCount != outCount) {
      error(args.get(1)->loc, "cannot reshape " + t.str() + " (" +
                                  std::to_string(inCount) + " elements) to " +
                                  shapeStr(*shape) + " (" +
                                  std::to_string(outCount) + " elements)");
      return Type::error();
    }
    if (llvm::count_if(*shape, [](const Dim &d) { return !d.isStatic(); }) >
        1) {
      error(args.get(1)->loc,
            "reshape to " + shapeStr(*shape) +
                ": at most one size of the result may be unknown until run "
                "time");
      return Type::error();
    }
    call.shape = *shape;
    return Type::tensor(t.dtype, *shape);
  }
  case BuiltinId::Transpose: {
    static const llvm::StringRef params[] = {"x", "perm"};
    BuiltinArgs args(*this, call, name, params, 1);
    if (!args.valid())
      return Type::error();
    Type t = check(*args.get(0));
    if (t.isError() || !needTensor(*args.get(0), t))
      return Type::error();
    std::vector<int64_t> perm;
    if (Expr *p = args.get(1)) {
      auto *array = dyn_cast<ArrayLitExpr>(p);
      std::optional<std::vector<int64_t>> axes =
          array ? evalAxes(*p, t.rank(), true) : std::nullopt;
      if (!array && !axes)
        error(p->loc, "'perm' must be a list of axes, like [1, 0]");
      if (!axes)
        return Type::error();
      if (static_cast<int64_t>(array->elems.size()) != t.rank()) {
        error(p->loc, "'perm' must list all " + std::to_string(t.rank()) +
                          " axes of " + t.str());
        return Type::error();
      }
      for (auto &e : array->elems) {
        int64_t v = *evalConstInt(*e);
        perm.push_back(v < 0 ? v + t.rank() : v);
      }
    } else {
      for (int64_t i = t.rank() - 1; i >= 0; --i)
        perm.push_back(i);
    }
    call.ints = perm;
    Shape shape;
    for (int64_t p : perm)
      shape.push_back(t.shape[p]);
    return Type::tensor(t.dtype, shape);
  }
  case BuiltinId::Concat: {
    static const llvm::StringRef params[] = {"xs", "axis"};
    BuiltinArgs args(*this, call, name, params, 1);
    if (!args.valid())
      return Type::error();
    auto *array = dyn_cast<ArrayLitExpr>(args.get(0));
    if (!array || array->elems.empty()) {
      error(args.get(0)->loc, "'concat' takes a non-empty list of tensors, "
                              "like concat([a, b], axis: 0)");
      return Type::error();
    }
    std::vector<Type> types;
    for (auto &e : array->elems) {
      types.push_back(check(*e));
      if (types.back().isError() || !needTensor(*e, types.back()))
        return Type::error();
    }
    const Type &first = types.front();
    if (first.rank() == 0) {
      error(array->elems.front()->loc, "'concat' needs tensors of rank >= 1");
      return Type::error();
    }
    int64_t axis = 0;
    if (Expr *a = args.get(1)) {
      std::optional<std::vector<int64_t>> axes =
          evalAxes(*a, first.rank(), false);
      if (!axes)
        return Type::error();
      axis = axes->front();
    }
    Dim total = Dim::fixed(0);
    for (auto [e, t] : llvm::zip(array->elems, types)) {
      bool same = t.dtype == first.dtype && t.rank() == first.rank();
      for (int64_t i = 0; same && i < t.rank(); ++i)
        if (i != axis && t.shape[i] != first.shape[i] &&
            t.shape[i].kind != Dim::Dynamic &&
            first.shape[i].kind != Dim::Dynamic)
          same = false;
      if (!same) {
        error(e->loc, "'concat' operand has type " + t.str() +
                          ", which does not fit " + first.str() +
                          " along axis " + std::to_string(axis));
        return Type::error();
      }
      if (total.isStatic() && t.shape[axis].isStatic())
        total.size += t.shape[axis].size;
      else
        total = Dim::dynamic();
    }
    array->type = Type::error(); // not a value of its own
    call.ints = {axis};
    Shape shape = first.shape;
    shape[axis] = total;
    return Type::tensor(first.dtype, shape);
  }
  case BuiltinId::Take: {
    static const llvm::StringRef params[] = {"x", "indices", "axis"};
    BuiltinArgs args(*this, call, name, params, 2);
    if (!args.valid())
      return Type::error();
    Type t = check(*args.get(0)), idx = check(*args.get(1));
    if (t.isError() || idx.isError() || !needTensor(*args.get(0), t))
      return Type::error();
    if (!idx.isIntTensor()) {
      error(args.get(1)->loc,
            "'take' needs integer indices, found " + idx.str());
      return Type::error();
    }
    if (t.rank() == 0) {
      error(args.get(0)->loc, "'take' needs a tensor of rank >= 1");
      return Type::error();
    }
    int64_t axis = 0;
    if (Expr *a = args.get(2)) {
      std::optional<std::vector<int64_t>> axes = evalAxes(*a, t.rank(), false);
      if (!axes)
        return Type::error();
      axis = axes->front();
    }
    call.ints = {axis};
    Shape shape(t.shape.begin(), t.shape.begin() + axis);
    shape.insert(shape.end(), idx.shape.begin(), idx.shape.end());
    shape.insert(shape.end(), t.shape.begin() + axis + 1, t.shape.end());
    return Type::tensor(t.dtype, shape);
  }
  case BuiltinId::DimOf: {
    static const llvm::StringRef params[] = {"x", "axis"};
    BuiltinArgs args(*this, call, name, params, 2);
    if (!args.valid())
      return Type::error();
    Type t = check(*args.get(0));
    if (t.isError() || !needTensor(*args.get(0), t))
      return Type::error();
    std::optional<std::vector<int64_t>> axes =
        evalAxes(*args.get(1), t.rank(), false);
    if (!axes)
      return Type::error();
    call.ints = *axes;
    return Type::scalar(DType::I64);
  }
  case BuiltinId::OneHot: {
    static const llvm::StringRef params[] = {"labels", "depth"};
    BuiltinArgs args(*this, call, name, params, 2);
    if (!args.valid())
      return Type::error();
    Type t = check(*args.get(0));
    if (t.isError())
      return t;
    if (!t.isIntTensor()) {
      error(args.get(0)->loc,
            "'one_hot' needs integer labels, found " + t.str());
      return Type::error();
    }
    std::optional<int64_t> depth = evalConstInt(*args.get(1));
    args.get(1)->type = Type::scalar(DType::I64);
    if (!depth || *depth <= 0) {
      error(args.get(1)->loc, "'depth' of 'one_hot' must be a positive "
                              "integer constant");
      return Type::error();
    }
    call.ints = {*depth};
    Shape shape = t.shape;
    shape.push_back(Dim::fixed(*depth));
    return Type::tensor(defaultFloat(), shape);
  }
  case BuiltinId::Softmax:
  case BuiltinId::LogSoftmax: {
    static const llvm::StringRef params[] = {"x", "axis"};
    BuiltinArgs args(*this, call, name, params, 1);
    if (!args.valid())
      return Type::error();
    Type t = check(*args.get(0));
    if (t.isError() || !needFloat(*args.get(0), t))
      return Type::error();
    if (t.rank() == 0) {
      error(args.get(0)->loc, "'" + name + "' needs a tensor of rank >= 1");
      return Type::error();
    }
    int64_t axis = t.rank() - 1;
    if (Expr *a = args.get(1)) {
      std::optional<std::vector<int64_t>> axes = evalAxes(*a, t.rank(), false);
      if (!axes)
        return Type::error();
      axis = axes->front();
    }
    call.ints = {axis};
    return t;
  }
  case BuiltinId::Zeros:
  case BuiltinId::Ones:
  case BuiltinId::Full: {
    static const llvm::StringRef params[] = {"shape", "value"};
    BuiltinArgs args(*this, call, name, params, id == BuiltinId::Full ? 2 : 1);
    if (!args.valid())
      return Type::error();
    if (id != BuiltinId::Full && args.get(1)) {
      error(args.get(1)->loc, "'" + name + "' takes only a shape");
      return Type::error();
    }
    std::optional<Shape> shape = evalShape(*args.get(0), false);
    if (!shape)
      return Type::error();
    DType dtype = defaultFloat();
    if (id == BuiltinId::Full) {
      Type v = check(*args.get(1));
      if (v.isError())
        return v;
      if (!v.isScalar()) {
        error(args.get(1)->loc,
              "the value of 'full' must be a scalar, found " + v.str());
        return Type::error();
      }
      dtype = v.dtype;
    }
    call.shape = *shape;
    return Type::tensor(dtype, *shape);
  }
  case BuiltinId::ZerosLike:
  case BuiltinId::OnesLike: {
    static const llvm::StringRef params[] = {"x"};
    BuiltinArgs args(*this, call, name, params, 1);
    if (!args.valid())
      return Type::error();
    Type t = check(*args.get(0));
    if (t.isError())
      return t;
    if (t.isTree()) {
      if (!treeLeavesAreFloat(t)) {
        error(args.get(0)->loc, "'" + name +
                                    "' on a parameter tree needs "
                                    "float leaves, but " +
                                    t.str() + " has other leaves");
        return Type::error();
      }
      return t;
    }
    if (!needTensor(*args.get(0), t))
      return Type::error();
    return t;
  }
  case BuiltinId::Arange: {
    static const llvm::StringRef params[] = {"n"};
    BuiltinArgs args(*this, call, name, params, 1);
    if (!args.valid())
      return Type::error();
    Type t = check(*args.get(0));
    if (t.isError())
      return t;
    if (!t.isScalar() || !isInteger(t.dtype)) {
      error(args.get(0)->loc,
            "'arange' needs an integer size, found " + t.str());
      return Type::error();
    }
    Dim dim = Dim::dynamic();
    if (std::optional<int64_t> n = evalConstInt(*args.get(0))) {
      if (*n < 0) {
        error(args.get(0)->loc, "'arange' needs a non-negative size");
        return Type::error();
      }
      dim = Dim::fixed(*n);
    } else if (auto *nm = dyn_cast<NameExpr>(args.get(0));
               nm && nm->resolved == NameKind::DimSize) {
      dim = Dim::symbol(nm->name);
    }
    return Type::tensor(DType::I64, {dim});
  }
  case BuiltinId::CastF32:
  case BuiltinId::CastF64:
  case BuiltinId::CastI32:
  case BuiltinId::CastI64:
  case BuiltinId::CastBool: {
    static const llvm::StringRef params[] = {"x"};
    BuiltinArgs args(*this, call, name, params, 1);
    if (!args.valid())
      return Type::error();
    Type t = check(*args.get(0));
    if (t.isError() || !needTensor(*args.get(0), t))
      return Type::error();
    DType to = id == BuiltinId::CastF32   ? defaultFloat()
               : id == BuiltinId::CastF64 ? DType::F64
               : id == BuiltinId::CastI32 ? DType::I32
               : id == BuiltinId::CastI64 ? DType::I64
                                          : DType::Bool;
    // `f64(0.1)` and `f64([0.6, 0.8])` are the f64 literals, not rounded
    // through f32.
    if (isFloat(to) && adoptLiteralTo(*args.get(0), Type::tensor(to, t.shape)))
      t = args.get(0)->type;
    return Type::tensor(to, t.shape);
  }
  case BuiltinId::Key: {
    static const llvm::StringRef params[] = {"seed"};
    BuiltinArgs args(*this, call, name, params, 1);
    if (!args.valid())
      return Type::error();
    Type t = check(*args.get(0));
    if (t.isError())
      return t;
    if (!t.isScalar() || !isInteger(t.dtype)) {
      error(args.get(0)->loc, "'key' needs an integer seed, found " + t.str());
      return Type::error();
    }
    adoptLiteral(*args.get(0), DType::I64);
    if (args.get(0)->type.dtype != DType::I64) {
      error(args.get(0)->loc,
            "'key' needs an i64 seed, found " + args.get(0)->type.str());
      return Type::error();
    }
    return Type::key();
  }
  case BuiltinId::Split: {
    static const llvm::StringRef params[] = {"key", "index"};
    BuiltinArgs args(*this, call, name, params, 2);
    if (!args.valid())
      return Type::error();
    Type k = check(*args.get(0)), i = check(*args.get(1));
    if (k.isError() || i.isError())
      return Type::error();
    if (!k.isKey()) {
      error(args.get(0)->loc, "'split' needs a key, found " + k.str());
      return Type::error();
    }
    if (!i.isScalar() || !isInteger(i.dtype)) {
      error(args.get(1)->loc,
            "'split' needs an integer index, found " + i.str());
      return Type::error();
    }
    adoptLiteral(*args.get(1), DType::I64);
    if (args.get(1)->type.dtype != DType::I64) {
      error(args.get(1)->loc, "'split' needs an i64 index; convert with "
                              "i64(...)");
      return Type::error();
    }
    return Type::key();
  }
  case BuiltinId::RandomNormal:
  case BuiltinId::RandomUniform: {
    static const llvm::StringRef params[] = {"key", "shape"};
    BuiltinArgs args(*this, call, name, params, 2);
    if (!args.valid())
      return Type::error();
    Type k = check(*args.get(0));
    if (k.isError())
      return k;
    if (!k.isKey()) {
      error(args.get(0)->loc, "'" + name + "' needs a key, found " + k.str() +
                                  " (make one with key(seed))");
      return Type::error();
    }
    std::optional<Shape> shape = evalShape(*args.get(1), false);
    if (!shape)
      return Type::error();
    call.shape = *shape;
    return Type::tensor(defaultFloat(), *shape);
  }
  case BuiltinId::Grad:
  case BuiltinId::ValueAndGrad:
  case BuiltinId::Jvp:
  case BuiltinId::Vjp:
  case BuiltinId::Hvp:
  case BuiltinId::Jacobian:
  case BuiltinId::PerExampleGrad:
    return checkTransform(call, id);
  case BuiltinId::CustomVjp:
    return checkCustomVjp(call);
  case BuiltinId::Print: {
    bool ok = true;
    for (CallArg &arg : call.args) {
      if (!arg.name.empty()) {
        error(arg.loc, "'print' takes no named arguments");
        ok = false;
      }
      Type t = check(*arg.value);
      if (t.isError()) {
        ok = false;
        continue;
      }
      if (!t.isTensor() && !t.isStr()) {
        error(arg.loc, "'print' prints tensors and strings, found " + t.str());
        ok = false;
      }
    }
    return ok ? Type::voidTy() : Type::error();
  }
  case BuiltinId::Save:
  case BuiltinId::Load: {
    // save(path, value) writes a checkpoint; load(path, like) reads one
    // back into a value of like's type.
    bool isSave = id == BuiltinId::Save;
    static const llvm::StringRef saveParams[] = {"path", "value"};
    static const llvm::StringRef loadParams[] = {"path", "like"};
    BuiltinArgs args(*this, call, name, isSave ? saveParams : loadParams, 2);
    if (!args.valid())
      return Type::error();
    Type p = check(*args.get(0)), v = check(*args.get(1));
    if (p.isError() || v.isError())
      return Type::error();
    if (!p.isStr()) {
      error(args.get(0)->loc,
            "'" + name + "' needs a path string, found " + p.str());
      return Type::error();
    }
    if (isSave && !v.isStruct() && !v.isTensor() && !v.isTuple()) {
      error(args.get(1)->loc, "'save' stores tensors, structs or tuples, "
                              "found " +
                                  v.str());
      return Type::error();
    }
    if (!isSave && !isStorable(v)) {
      error(args.get(1)->loc, "'load' reads tensors, structs or tuples of "
                              "tensors, found " +
                                  v.str());
      return Type::error();
    }
    return isSave ? Type::voidTy() : v;
  }
  case BuiltinId::TreeMap:
    return checkTreeMap(call);
  case BuiltinId::Flatten:
  case BuiltinId::Unflatten: {
    // flatten(x): the leaves of a tree of float tensors with static sizes,
    // reshaped to rows and concatenated; unflatten(v, like) is its inverse.
    bool isFlatten = id == BuiltinId::Flatten;
    static const llvm::StringRef flattenParams[] = {"x"};
    static const llvm::StringRef unflattenParams[] = {"v", "like"};
    BuiltinArgs args = isFlatten
                           ? BuiltinArgs(*this, call, name, flattenParams, 1)
                           : BuiltinArgs(*this, call, name, unflattenParams, 2);
    if (!args.valid())
      return Type::error();
    Expr *treeExpr = args.get(isFlatten ? 0 : 1);
    Type tree = check(*treeExpr);
    Type vector = isFlatten ? Type::voidTy() : check(*args.get(0));
    if (tree.isError() || vector.isError())
      return Type::error();
    if (!isFlatten && tree.isTypeParam())
      return tree; // checked when the function is specialised
    std::vector<Type> leaves;
    int64_t width = 0;
    bool ok = tensorLeaves(tree, leaves) && !leaves.empty();
    for (const Type &leaf : leaves) {
      ok = ok && isFloat(leaf.dtype) && leaf.dtype == leaves.front().dtype;
      int64_t count = 1;
      for (const Dim &d : leaf.shape) {
        ok = ok && d.isStatic();
        count *= d.size;
      }
      width += count;
    }
    if (!ok) {
      error(treeExpr->loc, "'" + name +
                               "' needs a tree of float tensors of one "
                               "element type with static sizes, found " +
                               tree.str());
      return Type::error();
    }
    Type flat = Type::tensor(leaves.front().dtype, {Dim::fixed(width)});
    if (isFlatten)
      return flat;
    // Any float vector of that length; it takes the leaves' element type.
    adoptLiteralTo(*args.get(0), flat);
    const Type &v = args.get(0)->type;
    if (!v.isFloatTensor() || v.rank() != 1 || !v.shape.front().isStatic() ||
        v.shape.front().size != width) {
      error(args.get(0)->loc, "'unflatten' needs a float vector of " +
                                  std::to_string(width) + " elements for " +
                                  tree.str() + ", found " + v.str());
      return Type::error();
    }
    return tree;
  }
  }
  return Type::error();
}

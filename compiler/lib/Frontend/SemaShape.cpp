//===- SemaShape.cpp - Type rules of the shape builtins ------------------===//
//
// reshape, transpose, concat, take, dim and one_hot.
//
//===----------------------------------------------------------------------===//

#include "BuiltinArgs.h"
#include "SemaImpl.h"

#include "llvm/ADT/STLExtras.h"

using namespace nabla;

Type SemaChecker::checkShapeBuiltin(CallExpr &call, BuiltinId id,
                                    BuiltinArgs &args) {
  switch (id) {
  case BuiltinId::Reshape: {
    Type t = args.check(0);
    if (t.isError() || !requireTensor(id, *args.get(0), t))
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
    return Type::tensor(t.dtype, *shape);
  }
  case BuiltinId::Transpose: {
    Type t = args.check(0);
    if (t.isError() || !requireTensor(id, *args.get(0), t))
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
    call.payload = builtin::Permutation{perm};
    Shape shape;
    for (int64_t p : perm)
      shape.push_back(t.shape[p]);
    return Type::tensor(t.dtype, shape);
  }
  case BuiltinId::Concat: {
    auto *array = dyn_cast<ArrayLitExpr>(args.get(0));
    if (!array || array->elems.empty()) {
      error(args.get(0)->loc, "'concat' takes a non-empty list of tensors, "
                              "like concat([a, b], axis: 0)");
      return Type::error();
    }
    std::vector<Type> types;
    for (auto &e : array->elems) {
      types.push_back(check(*e));
      if (types.back().isError() || !requireTensor(id, *e, types.back()))
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
    call.payload = builtin::Axis{axis};
    Shape shape = first.shape;
    shape[axis] = total;
    return Type::tensor(first.dtype, shape);
  }
  case BuiltinId::Take: {
    Type t = check(*args.get(0)), idx = check(*args.get(1));
    if (t.isError() || idx.isError() || !requireTensor(id, *args.get(0), t))
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
    call.payload = builtin::Axis{axis};
    Shape shape(t.shape.begin(), t.shape.begin() + axis);
    shape.insert(shape.end(), idx.shape.begin(), idx.shape.end());
    shape.insert(shape.end(), t.shape.begin() + axis + 1, t.shape.end());
    return Type::tensor(t.dtype, shape);
  }
  case BuiltinId::DimOf: {
    Type t = args.check(0);
    if (t.isError() || !requireTensor(id, *args.get(0), t))
      return Type::error();
    std::optional<std::vector<int64_t>> axes =
        evalAxes(*args.get(1), t.rank(), false);
    if (!axes)
      return Type::error();
    call.payload = builtin::Axis{axes->front()};
    return Type::scalar(DType::I64);
  }
  case BuiltinId::OneHot: {
    Type t = args.check(0);
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
    call.payload = builtin::Depth{*depth};
    Shape shape = t.shape;
    shape.push_back(Dim::fixed(*depth));
    return Type::tensor(defaultFloat(), shape);
  }
  default:
    break;
  }
  llvm_unreachable("not a shape builtin");
}

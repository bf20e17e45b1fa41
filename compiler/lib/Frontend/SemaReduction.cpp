//===- SemaReduction.cpp - Type rules of the reduction builtins ----------===//
//
// sum, mean, max, min and argmax over axes, and softmax along one.
//
//===----------------------------------------------------------------------===//

#include "BuiltinArgs.h"
#include "SemaImpl.h"

#include "llvm/ADT/STLExtras.h"

using namespace nabla;

Type SemaChecker::checkReductionBuiltin(CallExpr &call, BuiltinId id,
                                        BuiltinArgs &args) {
  switch (id) {
  case BuiltinId::Sum:
  case BuiltinId::Mean:
  case BuiltinId::Max:
  case BuiltinId::Min:
  case BuiltinId::Argmax: {
    Type t = args.check(0);
    if (t.isError())
      return t;
    if (t.isTree() && id != BuiltinId::Argmax && id != BuiltinId::Mean) {
      // Over every element of every leaf, accumulated in f64.
      if (args.get(1) || args.get(2)) {
        error(call.loc, "'" + builtinName(id) +
                            "' of a parameter tree reduces over "
                            "everything; it takes no axis");
        return Type::error();
      }
      if (!treeLeavesAreFloat(t)) {
        error(args.get(0)->loc, "'" + builtinName(id) +
                                    "' of a parameter tree needs "
                                    "float leaves, but " +
                                    t.str() + " has other leaves");
        return Type::error();
      }
      return Type::scalar(DType::F64);
    }
    if (!requireTensor(id, *args.get(0), t))
      return Type::error();
    if (t.dtype == DType::Bool) {
      error(args.get(0)->loc, "'" + builtinName(id) +
                                  "' needs a numeric tensor, found " + t.str());
      return Type::error();
    }
    if (id == BuiltinId::Mean && !requireFloat(id, *args.get(0), t))
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
    call.payload = builtin::Reduction{axes, keepdims};
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
  case BuiltinId::Softmax:
  case BuiltinId::LogSoftmax: {
    Type t = args.check(0);
    if (t.isError() || !requireFloat(id, *args.get(0), t))
      return Type::error();
    if (t.rank() == 0) {
      error(args.get(0)->loc,
            "'" + builtinName(id) + "' needs a tensor of rank >= 1");
      return Type::error();
    }
    int64_t axis = t.rank() - 1;
    if (Expr *a = args.get(1)) {
      std::optional<std::vector<int64_t>> axes = evalAxes(*a, t.rank(), false);
      if (!axes)
        return Type::error();
      axis = axes->front();
    }
    call.payload = builtin::Axis{axis};
    return t;
  }
  default:
    break;
  }
  llvm_unreachable("not a reduction builtin");
}

//===- SemaCreation.cpp - Type rules of the creation builtins ------------===//
//
// zeros, ones, full, zeros_like, ones_like and arange.
//
//===----------------------------------------------------------------------===//

#include "BuiltinArgs.h"
#include "SemaImpl.h"

using namespace nabla;

Type SemaChecker::checkCreationBuiltin(CallExpr &call, BuiltinId id,
                                       BuiltinArgs &args) {
  switch (id) {
  case BuiltinId::Zeros:
  case BuiltinId::Ones:
  case BuiltinId::Full: {
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
    return Type::tensor(dtype, *shape);
  }
  case BuiltinId::ZerosLike:
  case BuiltinId::OnesLike: {
    Type t = args.check(0);
    if (t.isError())
      return t;
    if (t.isTree()) {
      if (!treeLeavesAreFloat(t)) {
        error(args.get(0)->loc, "'" + builtinName(id) +
                                    "' on a parameter tree needs "
                                    "float leaves, but " +
                                    t.str() + " has other leaves");
        return Type::error();
      }
      return t;
    }
    if (!requireTensor(id, *args.get(0), t))
      return Type::error();
    return t;
  }
  case BuiltinId::Arange: {
    Type t = args.check(0);
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
  default:
    break;
  }
  llvm_unreachable("not a creation builtin");
}

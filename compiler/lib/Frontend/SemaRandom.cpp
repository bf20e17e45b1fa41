//===- SemaRandom.cpp - Type rules of the random builtins ----------------===//
//
// key, split, random_normal and random_uniform: random numbers from an
// explicit key.
//
//===----------------------------------------------------------------------===//

#include "BuiltinArgs.h"
#include "SemaImpl.h"

using namespace nabla;

Type SemaChecker::checkRandomBuiltin(CallExpr &call, BuiltinId id,
                                     BuiltinArgs &args) {
  switch (id) {
  case BuiltinId::Key: {
    Type t = args.check(0);
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
    Type k = args.check(0);
    if (k.isError())
      return k;
    if (!k.isKey()) {
      error(args.get(0)->loc, "'" + builtinName(id) + "' needs a key, found " +
                                  k.str() + " (make one with key(seed))");
      return Type::error();
    }
    std::optional<Shape> shape = evalShape(*args.get(1), false);
    if (!shape)
      return Type::error();
    return Type::tensor(defaultFloat(), *shape);
  }
  default:
    break;
  }
  llvm_unreachable("not a random builtin");
}

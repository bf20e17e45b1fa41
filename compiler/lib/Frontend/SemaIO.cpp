//===- SemaIO.cpp - Type rules of the input and output builtins ----------===//
//
// print, save, load, flatten and unflatten.
//
//===----------------------------------------------------------------------===//

#include "BuiltinArgs.h"
#include "SemaImpl.h"

using namespace nabla;

Type SemaChecker::checkIOBuiltin(CallExpr &call, BuiltinId id,
                                 BuiltinArgs &args) {
  switch (id) {
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
    Type p = check(*args.get(0)), v = check(*args.get(1));
    if (p.isError() || v.isError())
      return Type::error();
    if (!p.isStr()) {
      error(args.get(0)->loc,
            "'" + builtinName(id) + "' needs a path string, found " + p.str());
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
  case BuiltinId::Flatten:
  case BuiltinId::Unflatten: {
    // flatten(x): the leaves of a tree of float tensors with static sizes,
    // reshaped to rows and concatenated; unflatten(v, like) is its inverse.
    bool isFlatten = id == BuiltinId::Flatten;
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
      error(treeExpr->loc, "'" + builtinName(id) +
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
  default:
    break;
  }
  llvm_unreachable("not an input or output builtin");
}

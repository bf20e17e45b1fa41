//===- MLIRGenBuiltins.cpp - Builtin functions ----------------------------===//
//
// Sends a builtin call to the generator of its family (Builtins.def):
// MLIRGenElementwise.cpp, MLIRGenReduction.cpp, MLIRGenShape.cpp,
// MLIRGenCreation.cpp (with the random builtins), MLIRGenTransforms.cpp and
// MLIRGenIO.cpp.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

namespace nabla {

RValue MLIRGenImpl::genBuiltin(const CallExpr &call, BuiltinId id) {
  switch (builtinInfo(id).family) {
#define NABLA_FAMILY_CASE(F)                                                   \
  case BuiltinFamily::F:                                                       \
    return gen##F##Builtin(call, id);
    NABLA_BUILTIN_FAMILIES(NABLA_FAMILY_CASE)
#undef NABLA_FAMILY_CASE
  }
  return RValue();
}

RValue MLIRGenImpl::builtinValue(const CallExpr &call, mlir::Value leaf) {
  RValue out{call.type};
  out.leaves.push_back(leaf);
  return out;
}

RValue MLIRGenImpl::noLowering(const CallExpr &call) {
  fail(call.loc, "internal error: builtin '" + builtinName(call.builtin) +
                     "' has no lowering");
  return RValue();
}

} // namespace nabla

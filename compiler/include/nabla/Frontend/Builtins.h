//===- Builtins.h - Builtin functions of the Nabla language -----*- C++ -*-===//
//
// The builtin functions known to Sema and MLIRGen, defined once in
// Builtins.def: name, family and parameters. The type rules of a family live
// in SemaFAMILY.cpp, its IR in MLIRGenFAMILY.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_FRONTEND_BUILTINS_H
#define NABLA_FRONTEND_BUILTINS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace nabla {

enum class BuiltinId {
#define NABLA_BUILTIN(ID, NAME, FAMILY, ...) ID,
#include "nabla/Frontend/Builtins.def"
};

/// The groups whose type rules and IR are written together: family F has
/// SemaChecker::checkFBuiltin and MLIRGenImpl::genFBuiltin.
#define NABLA_BUILTIN_FAMILIES(X)                                              \
  X(Elementwise) X(Reduction) X(Shape) X(Creation) X(Random) X(Transform) X(IO)

enum class BuiltinFamily {
#define NABLA_FAMILY_ENUMERATOR(F) F,
  NABLA_BUILTIN_FAMILIES(NABLA_FAMILY_ENUMERATOR)
#undef NABLA_FAMILY_ENUMERATOR
};

/// How the generic elementwise rule treats a builtin: Custom when its
/// family's code handles it by name.
enum class ElementwiseRule { Custom, Float, Numeric, Predicate };

struct BuiltinParam {
  enum Kind {
    Required, // a value the call must give
    Optional, // a value the family defaults (defaultText says to what)
    F64,      // a float constant, `defaultValue` when not given
    Choice,   // a string constant among `choices` ("a|b"), else defaultText
    Rest,     // any number of further positional arguments
  };
  const char *name;
  Kind kind;
  const char *defaultText;
  double defaultValue;
  const char *choices;
};

struct BuiltinInfo {
  BuiltinId id;
  llvm::StringRef name;
  BuiltinFamily family;
  ElementwiseRule elementwise;
  llvm::ArrayRef<BuiltinParam> params;

  /// The number of leading parameters a call must give.
  size_t numRequired() const;
};

/// The builtin with this name, if any.
std::optional<BuiltinId> lookupBuiltin(llvm::StringRef name);
const BuiltinInfo &builtinInfo(BuiltinId id);
llvm::StringRef builtinName(BuiltinId id);

} // namespace nabla

#endif // NABLA_FRONTEND_BUILTINS_H

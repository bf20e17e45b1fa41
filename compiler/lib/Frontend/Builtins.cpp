//===- Builtins.cpp - The builtin table -----------------------------------===//
//
// Builds the table of builtins from Builtins.def.
//
//===----------------------------------------------------------------------===//

#include "nabla/Frontend/Builtins.h"

#include "llvm/ADT/STLExtras.h"

using namespace nabla;

// The parameter list of each builtin.
#define NABLA_BUILTIN(ID, NAME, FAMILY, ...)                                   \
  static const BuiltinParam k##ID##Params[] = {__VA_ARGS__};
#define NABLA_PARAM(NAME)                                                      \
  BuiltinParam { #NAME, BuiltinParam::Required, "", 0, "" }
#define NABLA_OPTIONAL(NAME, DEFAULT)                                          \
  BuiltinParam { #NAME, BuiltinParam::Optional, DEFAULT, 0, "" }
#define NABLA_F64(NAME, VALUE)                                                 \
  BuiltinParam { #NAME, BuiltinParam::F64, #VALUE, VALUE, "" }
#define NABLA_CHOICE(NAME, DEFAULT, CHOICES)                                   \
  BuiltinParam { #NAME, BuiltinParam::Choice, DEFAULT, 0, CHOICES }
#define NABLA_REST(NAME)                                                       \
  BuiltinParam { #NAME, BuiltinParam::Rest, "", 0, "" }
#include "nabla/Frontend/Builtins.def"

static const BuiltinInfo kBuiltins[] = {
#define NABLA_BUILTIN(ID, NAME, FAMILY, ...)                                   \
  {BuiltinId::ID, NAME, BuiltinFamily::FAMILY, ElementwiseRule::Custom,        \
   k##ID##Params},
#define NABLA_ELEMENTWISE(ID, NAME, OP, DOMAIN, ...)                           \
  {BuiltinId::ID, NAME, BuiltinFamily::Elementwise, ElementwiseRule::DOMAIN,   \
   k##ID##Params},
#define NABLA_PREDICATE(ID, NAME, ...)                                         \
  {BuiltinId::ID, NAME, BuiltinFamily::Elementwise,                            \
   ElementwiseRule::Predicate, k##ID##Params},
#include "nabla/Frontend/Builtins.def"
};

size_t BuiltinInfo::numRequired() const {
  return llvm::count_if(params, [](const BuiltinParam &p) {
    return p.kind == BuiltinParam::Required;
  });
}

std::optional<BuiltinId> nabla::lookupBuiltin(llvm::StringRef name) {
  for (const BuiltinInfo &info : kBuiltins)
    if (name == info.name)
      return info.id;
  return std::nullopt;
}

const BuiltinInfo &nabla::builtinInfo(BuiltinId id) {
  // The rows are in the enum's order.
  return kBuiltins[static_cast<size_t>(id)];
}

llvm::StringRef nabla::builtinName(BuiltinId id) {
  return builtinInfo(id).name;
}

//===- BuiltinArgs.h - Builtin call arguments by name -----------*- C++ -*-===//
//
// Matches the arguments of a builtin call (positional and named) to the
// builtin's parameters in Builtins.def, for the type rules in Sema*.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_FRONTEND_BUILTINARGS_H
#define NABLA_LIB_FRONTEND_BUILTINARGS_H

#include "SemaImpl.h"

namespace nabla {

/// Arguments of a builtin call matched to its parameter names, as
/// Builtins.def lists them.
class BuiltinArgs {
public:
  /// Also records the arguments in parameter order in `call.ordered` (null
  /// where one is not given). A builtin with any number of arguments
  /// (NABLA_REST) matches them itself.
  BuiltinArgs(SemaChecker &sema, CallExpr &call, BuiltinId id)
      : BuiltinArgs(sema, call, builtinInfo(id).name, paramNames(id),
                    builtinInfo(id).numRequired(), takesRest(id)) {
    if (ok && !takesRest(id))
      call.ordered.assign(slots.begin(), slots.end());
  }

  Expr *get(size_t i) const { return slots[i]; }
  bool valid() const { return ok; }
  /// The type of argument `i` (a required one); an error type when the
  /// arguments did not match or the argument has an error.
  Type check(size_t i) {
    if (!ok || !slots[i])
      return Type::error();
    return sema.check(*slots[i]);
  }

private:
  static bool takesRest(BuiltinId id) {
    return llvm::any_of(builtinInfo(id).params, [](const BuiltinParam &p) {
      return p.kind == BuiltinParam::Rest;
    });
  }
  static std::vector<llvm::StringRef> paramNames(BuiltinId id) {
    std::vector<llvm::StringRef> names;
    for (const BuiltinParam &p : builtinInfo(id).params)
      names.push_back(p.name);
    return names;
  }

  BuiltinArgs(SemaChecker &sema, CallExpr &call, llvm::StringRef name,
              std::vector<llvm::StringRef> paramList, size_t required,
              bool rest)
      : sema(sema), name(name), params(std::move(paramList)) {
    slots.assign(params.size(), nullptr);
    if (rest)
      return;
    size_t position = 0;
    for (CallArg &arg : call.args) {
      if (arg.name.empty()) {
        if (position >= params.size()) {
          sema.error(arg.loc, "too many arguments to '" + name +
                                  "': it takes at most " +
                                  std::to_string(params.size()));
          ok = false;
          return;
        }
        slots[position++] = arg.value.get();
        continue;
      }
      auto it = llvm::find(params, arg.name);
      if (it == params.end()) {
        std::string names;
        for (llvm::StringRef p : params)
          names += (names.empty() ? "'" : ", '") + p.str() + "'";
        sema.error(arg.loc, "'" + name + "' has no parameter named '" +
                                arg.name + "' (its parameters: " + names + ")");
        ok = false;
        continue;
      }
      size_t index = it - params.begin();
      if (slots[index]) {
        sema.error(arg.loc, "argument '" + arg.name + "' is given twice");
        ok = false;
        continue;
      }
      slots[index] = arg.value.get();
    }
    for (size_t i = 0; i < required; ++i) {
      if (!slots[i]) {
        sema.error(call.loc, "missing argument '" + params[i] +
                                 "' in call to '" + name + "'");
        ok = false;
      }
    }
  }
  SemaChecker &sema;
  llvm::StringRef name;
  std::vector<llvm::StringRef> params;
  std::vector<Expr *> slots;
  bool ok = true;
};

} // namespace nabla

#endif // NABLA_LIB_FRONTEND_BUILTINARGS_H

//===- Differentiator.h - Generates derivative functions --------*- C++ -*-===//
//
// The autodiff driver: generates forward-mode (`@f_jvp`) and reverse-mode
// (`@f_vjp`, and the split `@f_vjp_fwd` / `@f_vjp_bwd` pair used at call
// sites) derivative functions in a module, caches them, and expands the
// nabla function transform ops into calls to them.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_AD_DIFFERENTIATOR_H
#define NABLA_AD_DIFFERENTIATOR_H

#include "nabla/Derivatives/ADDriver.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseSet.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mlir::nabla {

/// The attribute names of the user-provided derivative rules of a function.
/// `nabla.custom_vjp = {fwd = @f_fwd, bwd = @f_bwd}`: `@f_fwd` takes the
/// arguments of `@f` and returns its results followed by residuals; `@f_bwd`
/// takes the residuals followed by one cotangent per result of `@f` and
/// returns one cotangent per argument of `@f`.
/// `nabla.custom_jvp = @f_jvp`: `@f_jvp` takes the arguments of `@f`
/// followed by one tangent per argument and returns the results of `@f`
/// followed by one tangent per result.
constexpr llvm::StringLiteral kCustomVjpAttrName = "nabla.custom_vjp";
constexpr llvm::StringLiteral kCustomJvpAttrName = "nabla.custom_jvp";

class Differentiator {
public:
  explicit Differentiator(ModuleOp module);

  /// `@f_jvp`: takes the arguments of `f` followed by one tangent per `wrt`
  /// argument, and returns the results of `f` followed by one tangent per
  /// result (the signature of `nabla.jvp`). `requester` is the op that needs
  /// it, where errors that are not about one op of `f` are reported.
  FailureOr<func::FuncOp> getJvp(func::FuncOp f, ArrayRef<int64_t> wrt,
                                 Operation *requester);

  /// `@f_vjp`: takes the arguments of `f` followed by one cotangent per
  /// result, and returns the results of `f` followed by one cotangent per
  /// `wrt` argument (the signature of `nabla.vjp`).
  FailureOr<func::FuncOp> getVjp(func::FuncOp f, ArrayRef<int64_t> wrt,
                                 Operation *requester);

  /// The fwd/bwd pair of `f` for a call site: its custom_vjp rule if it has
  /// one, else `@f_vjp_fwd` and `@f_vjp_bwd` generated for `wrt`.
  FailureOr<VjpPair> getVjpPair(func::FuncOp f, ArrayRef<int64_t> wrt,
                                Operation *requester);

  /// Replaces one nabla transform op (grad, value_and_grad, jvp, vjp, hvp,
  /// jacobian) by calls to generated functions.
  LogicalResult expand(Operation *transform);

  /// Erases the generated functions that nothing calls any more.
  void eraseUnusedFunctions();

  /// Creates a private function at the end of the module, renamed if `name`
  /// is taken, and records it as generated.
  func::FuncOp createFunction(Location loc, const Twine &name,
                              FunctionType type);

  /// Erases a function this driver created.
  void eraseFunction(func::FuncOp func);

  /// Looks up a function by symbol.
  func::FuncOp lookupFunction(StringRef name) {
    return symbolTable.lookup<func::FuncOp>(name);
  }

  /// Removes derivative code that nothing uses from a generated function:
  /// dead ops, and loop-carried values (tapes) that nothing reads. Ops in
  /// `tracked` that are erased leave it; loops that are rebuilt are replaced
  /// in it by their new version.
  static void eraseDeadOps(func::FuncOp func,
                           llvm::DenseSet<Operation *> *tracked = nullptr);

private:
  using Key = std::pair<std::string, std::vector<int64_t>>;

  ModuleOp module;
  SymbolTable symbolTable;
  std::map<Key, func::FuncOp> jvps;
  std::map<Key, func::FuncOp> vjps;
  std::map<Key, VjpPair> pairs;
  llvm::DenseSet<Operation *> splitting;
  SmallVector<Operation *> generated;
};

} // namespace mlir::nabla

#endif // NABLA_AD_DIFFERENTIATOR_H

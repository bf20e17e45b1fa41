//===- SemaImpl.h - Internals of semantic analysis --------------*- C++ -*-===//
//
// The checker shared by Sema*.cpp: scopes, the function being checked, and
// the helpers for shapes, calls and diagnostics.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_FRONTEND_SEMAIMPL_H
#define NABLA_LIB_FRONTEND_SEMAIMPL_H

#include "nabla/Frontend/Builtins.h"
#include "nabla/Frontend/Sema.h"

#include "llvm/ADT/StringMap.h"

#include <map>

namespace nabla {

class BuiltinArgs;

struct LocalInfo {
  Type type;
  bool isVar = false;
  llvm::SMLoc loc;
};

/// Where a symbolic dimension of a callee was bound during one call.
struct DimBinding {
  Dim dim;
  llvm::SMLoc loc;
};
/// What one call binds: the callee's symbolic dimensions and type
/// parameters.
/// Whether `module` imports a module called `name`.
bool isImported(const Module &module, llvm::StringRef name);

struct Bindings {
  std::map<std::string, DimBinding> dims;
  TypeBindings types;
};

/// Whether a value of type `from` may be stored where `to` is declared:
/// equal, or equal up to sizes only known at run time.
bool isAssignable(const Type &to, const Type &from);
/// Whether every leaf of a parameter tree is a float tensor.
bool treeLeavesAreFloat(const Type &t);
/// Whether two expressions are written the same way (for `a .. a + N`).
bool sameExpr(const Expr &a, const Expr &b);

class SemaChecker {
public:
  SemaChecker(Program &program, DiagnosticReporter &diags)
      : program(program), diags(diags) {}
  bool run();

  // Declarations (Sema.cpp).
  void resolveStruct(StructDecl &decl);
  void resolveSignature(FnDecl &fn);
  void checkBody(FnDecl &fn);
  Type resolveType(const TypeExpr &type, bool allowSymbols,
                   bool symbolsAreDynamic);
  const StructDecl *lookupStruct(llvm::StringRef name, llvm::SMLoc loc);
  const FnDecl *lookupFnInModule(const Module &module, llvm::StringRef name);

  // Statements (Sema.cpp).
  void checkBlock(BlockStmt &block, bool isFnBody);
  void checkStmt(Stmt &stmt, bool isLastInFnBody);
  void bindPattern(Pattern &pattern, const Type &type, bool isVar);
  void checkAssignTarget(Expr &target, const Type &valueType,
                         llvm::SMLoc valueLoc, Expr *value = nullptr);

  // Expressions (SemaExpr.cpp).
  Type check(Expr &expr);
  Type checkName(NameExpr &expr);
  Type checkUnary(UnaryExpr &expr);
  Type checkBinary(BinaryExpr &expr);
  Type checkIndex(IndexExpr &expr);
  Type checkField(FieldExpr &expr);
  Type checkArray(ArrayLitExpr &expr);
  Type checkStructLit(StructLitExpr &expr);
  std::optional<Shape> broadcast(const Type &lhs, const Type &rhs,
                                 llvm::SMLoc at, const Expr *lhsExpr,
                                 const Expr *rhsExpr, llvm::StringRef what);
  Type checkMatmul(BinaryExpr &expr, const Type &lhs, const Type &rhs);
  /// `tree op tree` or `tree op number`, leaf by leaf.
  Type checkTreeCombination(Expr &lhs, Expr &rhs, llvm::SMLoc at,
                            llvm::StringRef what);
  /// Gives an untyped numeric literal the element type `dtype`.
  bool adoptLiteral(Expr &expr, DType dtype);
  /// Gives a number or array literal the element type of `target`.
  bool adoptLiteralTo(Expr &expr, const Type &target);
  /// Makes `expr` acceptable where `target` is expected, or reports why not.
  bool expectType(Expr &expr, const Type &target, const llvm::Twine &what);
  bool unifyElementTypes(Expr &lhs, Expr &rhs, llvm::SMLoc at,
                         llvm::StringRef what);
  void noteOrigin(mlir::InFlightDiagnostic &diag, const Expr *expr,
                  llvm::StringRef role);

  // Calls (SemaCall.cpp).
  Type checkCall(CallExpr &call);
  /// `argsChecked`: the argument expressions are already typed.
  Type checkUserCall(CallExpr &call, const FnDecl &fn,
                     bool argsChecked = false);
  /// Picks the overload of a function named at a call that fits the
  /// arguments, or reports why none or several do.
  /// A call whose arguments involve type parameters may leave the choice to
  /// the caller's specialisation: then `call.deferredOverloads` lists the
  /// overloads that may fit and `*deferredType` is the call's type.
  const FnDecl *resolveOverload(CallExpr &call,
                                llvm::ArrayRef<const FnDecl *> candidates,
                                llvm::StringRef shownName, Type *deferredType);
  struct OverloadFit {
    std::vector<const Expr *> ordered;
    Type result;
  };
  /// Whether `fn` fits the (typed) arguments of `call`. With `deferred`,
  /// arguments whose types involve type parameters fit any parameter, and
  /// the result type is computed in terms of them.
  bool fitsOverload(const CallExpr &call, const FnDecl &fn,
                    OverloadFit *deferred = nullptr);
  /// A copy of the function value `value` whose generic function is bound
  /// to the type arguments in `types` (those of its own type parameters).
  std::shared_ptr<FnValue> withTypeArgs(const std::shared_ptr<FnValue> &value,
                                        const TypeBindings &types);
  Type callFunctionValue(CallExpr &call, const Type &fnType,
                         std::vector<const Expr *> &args, bool generic,
                         llvm::StringRef calleeName);
  bool orderArgs(CallExpr &call, const FnDecl &fn);
  bool unify(const Type &param, const Type &arg, Bindings &bindings,
             bool generic, llvm::SMLoc at);
  Type substitute(const Type &type, const Bindings &bindings);
  bool fnTypesCompatible(const Type &param, const Type &arg);
  Type functionTypeOf(const FnDecl &fn);
  Type fnValueType(const std::shared_ptr<FnValue> &value, llvm::SMLoc at);
  Type perExampleGradType(const FnValue &value, llvm::SMLoc at);

  // Builtins (SemaBuiltins.cpp dispatches to the family's Sema*.cpp).
  Type checkBuiltin(CallExpr &call, BuiltinId id);
  std::optional<Shape> evalShape(Expr &expr, bool allowMinusOne);
  std::optional<int64_t> evalConstInt(const Expr &expr);
  std::optional<double> evalConstFloat(const Expr &expr);
  std::optional<std::vector<int64_t>> evalAxes(Expr &expr, int64_t rank,
                                               bool allowList);
  /// Reports "'builtin' needs a tensor / a float tensor" unless `t` is one.
  bool requireTensor(BuiltinId id, const Expr &e, const Type &t);
  bool requireFloat(BuiltinId id, const Expr &e, const Type &t);
  bool requireNumeric(BuiltinId id, const Expr &e, const Type &t);
#define NABLA_FAMILY_CHECKER(F)                                                \
  Type check##F##Builtin(CallExpr &call, BuiltinId id, BuiltinArgs &args);
  NABLA_BUILTIN_FAMILIES(NABLA_FAMILY_CHECKER)
#undef NABLA_FAMILY_CHECKER
  Type checkTransform(CallExpr &call, BuiltinId id, BuiltinArgs &args);
  Type checkCustomVjp(CallExpr &call, BuiltinArgs &args);
  bool isStorable(const Type &type);
  Type checkTreeMap(CallExpr &call);

  // Scopes.
  void pushScope() { scopes.emplace_back(); }
  void popScope() { scopes.pop_back(); }
  const LocalInfo *lookupLocal(llvm::StringRef name) const;
  void declareLocal(llvm::StringRef name, const Type &type, bool isVar,
                    llvm::SMLoc loc);

  mlir::InFlightDiagnostic error(llvm::SMLoc at, const llvm::Twine &message) {
    return diags.error(at, message);
  }
  mlir::Location loc(llvm::SMLoc at) const { return diags.loc(at); }
  /// f32, or f64 when the program is read with f32 promoted.
  DType defaultFloat() const {
    return program.promoteF32 ? DType::F64 : DType::F32;
  }

  Program &program;
  DiagnosticReporter &diags;
  const Module *currentModule = nullptr;
  FnDecl *currentFn = nullptr;
  /// Symbolic dimensions of the current function and the parameter that
  /// introduced each.
  llvm::StringMap<llvm::SMLoc> currentSymbols;
  std::vector<llvm::StringMap<LocalInfo>> scopes;
  /// The symbol whose binding conflicted in the last failed unify().
  std::string conflict;
  /// Structs being resolved, to reject a struct that contains itself.
  std::vector<const StructDecl *> resolving;
  /// Type parameters in scope (of the struct or function being checked).
  std::vector<std::string> currentTypeParams;
};

} // namespace nabla

#endif // NABLA_LIB_FRONTEND_SEMAIMPL_H

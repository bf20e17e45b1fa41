//===- MLIRGenImpl.h - Internals of MLIRGen ---------------------*- C++ -*-===//
//
// The generator shared by MLIRGen*.cpp: language values as trees of MLIR
// values, scopes of variables, and the functions still to generate.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_MLIRGEN_MLIRGENIMPL_H
#define NABLA_LIB_MLIRGEN_MLIRGENIMPL_H

#include "nabla/Frontend/Builtins.h"
#include "nabla/MLIRGen/MLIRGen.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringMap.h"

#include <deque>

namespace nabla {

/// A language value at the MLIR level: its leaf tensors in declaration
/// order (structs and tuples are flattened), or a compile-time string or
/// function.
struct RValue {
  Type type;
  llvm::SmallVector<mlir::Value, 4> leaves;
  std::string str;
  std::shared_ptr<FnValue> fn;
};

struct Variable {
  RValue value;
  bool isVar = false;
};

/// One specialisation of a function to generate: the function parameters
/// bound to concrete function values.
struct PendingFunction {
  const FnDecl *decl = nullptr;
  std::string symbol;
  std::map<std::string, std::shared_ptr<FnValue>> fnArgs;
  /// The type arguments of a generic function.
  TypeBindings typeArgs;
  /// For a transform wrapper: the transform to apply instead of a body.
  std::shared_ptr<FnValue> wrapper;
};

class MLIRGenImpl {
public:
  MLIRGenImpl(Program &program, DiagnosticReporter &diags);
  mlir::OwningOpRef<mlir::ModuleOp> run();

  // Types.
  /// `type` with the current specialisation's type arguments substituted.
  Type concrete(const Type &type) const;
  mlir::Type elementType(DType dtype);
  mlir::RankedTensorType tensorType(const Type &type);
  void leafTypes(const Type &type, llvm::SmallVectorImpl<mlir::Type> &out);
  size_t leafCount(const Type &type);
  mlir::Value castTo(mlir::Value value, mlir::Type type, mlir::Location loc);
  RValue castLeaves(RValue value, const Type &to, mlir::Location loc);

  // Functions (MLIRGen.cpp).
  std::string requestFunction(const FnDecl &decl,
                              const std::vector<const Expr *> &args,
                              const TypeBindings &typeArgs = {});
  std::string materialize(const std::shared_ptr<FnValue> &value);
  std::string materializeCustomVjp(const FnValue &value,
                                   const std::string &symbol);
  std::shared_ptr<FnValue> resolve(const std::shared_ptr<FnValue> &value);
  void genFunction(const PendingFunction &pending);
  void genWrapper(const PendingFunction &pending, mlir::func::FuncOp func);
  void emitDimChecks(const FnDecl &decl, mlir::func::FuncOp func);
  mlir::func::FuncOp declareExtern(const FnDecl &decl);

  // Statements (MLIRGen.cpp).
  void genBlock(const BlockStmt &block);
  void genStmt(const Stmt &stmt);
  void bindPattern(const Pattern &pattern, const RValue &value, bool isVar);
  void assign(const Expr &target, RValue value, mlir::Location loc);
  std::vector<std::string> assignedVars(const BlockStmt &block);
  Variable *lookupVar(llvm::StringRef name);

  // Expressions (MLIRGenExpr.cpp).
  RValue gen(const Expr &expr);
  mlir::Value genTensor(const Expr &expr);
  RValue genBinary(const BinaryExpr &expr);
  /// Applies `leafOp` to matching leaves of tree operands (a scalar operand
  /// is converted to each leaf's element type and reused).
  RValue genTreeOp(
      const Type &result, llvm::ArrayRef<RValue> operands,
      llvm::function_ref<mlir::Value(llvm::ArrayRef<mlir::Value>, mlir::Type)>
          leafOp,
      mlir::Location loc);
  RValue genIndex(const IndexExpr &expr);
  RValue genField(const FieldExpr &expr);
  RValue genArray(const ArrayLitExpr &expr);
  RValue genCall(const CallExpr &call);
  RValue genDeferredOverloadCall(const CallExpr &call);
  /// Calls the function `symbol` (casting the arguments to its parameter
  /// types) and gives the results the leaf types of `result`.
  RValue callSymbol(llvm::StringRef symbol, llvm::ArrayRef<mlir::Value> args,
                    const Type &result, mlir::Location loc);
  RValue callFunction(const std::shared_ptr<FnValue> &fn,
                      llvm::ArrayRef<mlir::Value> args, const Type &result,
                      mlir::Location loc);
  RValue genExternCall(const CallExpr &call, const FnDecl &decl);
  mlir::Value constantScalar(DType dtype, double value, mlir::Location loc);
  mlir::Value extractScalar(mlir::Value tensor, mlir::Location loc);
  mlir::Value toIndex(mlir::Value tensor, mlir::Location loc);
  mlir::Value indexToTensor(mlir::Value index, mlir::Location loc);
  mlir::Value dimSize(llvm::StringRef symbol, mlir::Location loc);

  // Builtins (MLIRGenBuiltins.cpp dispatches to the family's file).
  RValue genBuiltin(const CallExpr &call, BuiltinId id);
#define NABLA_FAMILY_GENERATOR(F)                                              \
  RValue gen##F##Builtin(const CallExpr &call, BuiltinId id);
  NABLA_BUILTIN_FAMILIES(NABLA_FAMILY_GENERATOR)
#undef NABLA_FAMILY_GENERATOR
  RValue genTransformCall(const CallExpr &call, BuiltinId id);
  /// The value of a builtin call that is the one tensor `leaf`.
  RValue builtinValue(const CallExpr &call, mlir::Value leaf);
  /// Reports a builtin that its family's generator does not know.
  RValue noLowering(const CallExpr &call);
  llvm::SmallVector<mlir::Value>
  dynamicSizes(const Expr *shapeExpr, const Type &result, mlir::Location loc);
  llvm::SmallVector<int64_t> wrtLeaves(const Type &fnType,
                                       llvm::ArrayRef<int64_t> wrt);

  mlir::Location loc(llvm::SMLoc at) { return diags.loc(at); }
  void fail(llvm::SMLoc at, const llvm::Twine &message) {
    diags.error(at, message);
    failed = true;
  }

  Program &program;
  DiagnosticReporter &diags;
  mlir::MLIRContext *context;
  mlir::OpBuilder builder;
  mlir::ModuleOp module;
  bool failed = false;

  std::deque<PendingFunction> worklist;
  llvm::StringMap<bool> requested;
  // State of the function being generated.
  const PendingFunction *current = nullptr;
  std::vector<llvm::StringMap<Variable>> scopes;
  /// Symbolic dimension -> (function argument, dimension index).
  llvm::StringMap<std::pair<mlir::Value, int64_t>> symbolDims;
};

} // namespace nabla

#endif // NABLA_LIB_MLIRGEN_MLIRGENIMPL_H

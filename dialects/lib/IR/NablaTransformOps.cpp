//===- NablaTransformOps.cpp - Nabla function transform ops ---------------===//
//
// Symbol verification of custom_vjp, grad, hvp, jacobian, jvp,
// per_example_grad, value_and_grad and vjp: each checks its callee and derives
// the operand and result types it expects from the callee's signature.
//
//===----------------------------------------------------------------------===//

#include "nabla/IR/NablaOps.h"

#include "NablaOpsCommon.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallBitVector.h"

#include <string>

using namespace mlir;
using namespace mlir::nabla;
using namespace mlir::nabla::detail;

/// Looks `callee` up from `op` and returns it if it is a `func.func`.
static FailureOr<func::FuncOp> lookupFunc(Operation *op,
                                          FlatSymbolRefAttr callee,
                                          SymbolTableCollection &symbolTable) {
  Operation *symbol = symbolTable.lookupNearestSymbolFrom(op, callee);
  if (!symbol)
    return op->emitOpError() << "'" << callee << "' does not reference a "
                             << "symbol in scope";
  auto func = dyn_cast<func::FuncOp>(symbol);
  if (!func)
    return op->emitOpError()
           << "expected '" << callee << "' to be a 'func.func', found '"
           << symbol->getName() << "'";
  return func;
}

/// Checks that `wrt` holds unique argument indices of a function with
/// `numArgs` arguments, and exactly one index when `single` is set.
static LogicalResult verifyWrt(Operation *op, ArrayRef<int64_t> wrt,
                               unsigned numArgs, bool single) {
  if (wrt.empty())
    return op->emitOpError() << "expected at least one 'wrt' index";
  if (single && wrt.size() != 1)
    return op->emitOpError()
           << "expected exactly one 'wrt' index, found " << wrt.size();
  llvm::SmallBitVector seen(numArgs);
  for (int64_t index : wrt) {
    if (index < 0 || index >= static_cast<int64_t>(numArgs))
      return op->emitOpError()
             << "'wrt' index " << index << " is out of range for " << numArgs
             << " arguments";
    if (seen.test(index))
      return op->emitOpError()
             << "'wrt' index " << index << " appears more than once";
    seen.set(index);
  }
  return success();
}

/// The function a transform differentiates, once `wrt` is checked against
/// its arguments.
static FailureOr<func::FuncOp>
lookupDifferentiated(Operation *op, FlatSymbolRefAttr callee,
                     ArrayRef<int64_t> wrt, bool single,
                     SymbolTableCollection &symbolTable) {
  FailureOr<func::FuncOp> func = lookupFunc(op, callee, symbolTable);
  if (failed(func) ||
      failed(verifyWrt(op, wrt, func->getNumArguments(), single)))
    return failure();
  return func;
}

/// Checks that `func` returns exactly one rank-0 float tensor.
static LogicalResult verifyScalarResult(Operation *op, func::FuncOp func) {
  ArrayRef<Type> results = func.getFunctionType().getResults();
  if (results.size() == 1) {
    auto type = dyn_cast<RankedTensorType>(results.front());
    if (type && type.getRank() == 0 && isa<FloatType>(type.getElementType()))
      return success();
  }
  InFlightDiagnostic diag = op->emitOpError()
                            << "expected '@" << func.getSymName()
                            << "' to return exactly one rank-0 float tensor, "
                               "found ";
  if (results.empty())
    return diag << "no results";
  llvm::interleaveComma(results, diag);
  return diag;
}

/// Checks `found` against `expected`; `kind` is "operand" or "result" and
/// `origin` says where the expected types come from.
static LogicalResult verifyTypes(Operation *op, StringRef kind, TypeRange found,
                                 ArrayRef<Type> expected, const Twine &origin) {
  if (found.size() != expected.size())
    return op->emitOpError() << "expected " << expected.size() << " " << kind
                             << "s (" << origin << "), found " << found.size();
  for (auto [i, pair] : llvm::enumerate(llvm::zip_equal(found, expected))) {
    auto [foundType, expectedType] = pair;
    if (foundType != expectedType)
      return op->emitOpError()
             << "expected " << kind << " #" << i << " to have type "
             << expectedType << " (" << origin << "), found " << foundType;
  }
  return success();
}

/// Returns the types of the arguments of `func` listed in `wrt`.
static SmallVector<Type> wrtTypes(func::FuncOp func, ArrayRef<int64_t> wrt) {
  SmallVector<Type> types;
  for (int64_t index : wrt)
    types.push_back(func.getArgumentTypes()[index]);
  return types;
}

/// Returns a short description of a function, e.g. `'@loss'`.
static std::string quoted(func::FuncOp func) {
  return ("'@" + func.getSymName() + "'").str();
}

/// Checks that the operands of `op` are the arguments of `func` followed by
/// `extraOperands`, and its results the results of `func` followed by
/// `extraResults` (jvp: tangents; vjp: cotangents).
static LogicalResult verifyExtendedSignature(Operation *op, func::FuncOp func,
                                             ArrayRef<Type> extraOperands,
                                             StringRef operandsWhat,
                                             ArrayRef<Type> extraResults,
                                             StringRef resultsWhat) {
  std::string name = quoted(func);
  SmallVector<Type> operands(func.getArgumentTypes());
  llvm::append_range(operands, extraOperands);
  if (failed(verifyTypes(op, "operand", op->getOperandTypes(), operands,
                         "the arguments of " + name + " and " + operandsWhat)))
    return failure();
  SmallVector<Type> results(func.getResultTypes());
  llvm::append_range(results, extraResults);
  return verifyTypes(op, "result", op->getResultTypes(), results,
                     "the results of " + name + " and " + resultsWhat);
}

/// Checks what grad, value_and_grad and per_example_grad share: `callee` is
/// a function that returns one rank-0 float tensor, `wrt` lists its
/// arguments, and the operands of `op` are its arguments. Returns the
/// function.
static FailureOr<func::FuncOp>
verifyScalarTransform(Operation *op, FlatSymbolRefAttr callee,
                      ArrayRef<int64_t> wrt,
                      SymbolTableCollection &symbolTable) {
  FailureOr<func::FuncOp> func =
      lookupDifferentiated(op, callee, wrt, /*single=*/false, symbolTable);
  if (failed(func))
    return failure();
  ArrayRef<Type> args = func->getArgumentTypes();
  if (failed(verifyScalarResult(op, *func)) ||
      failed(verifyTypes(op, "operand", op->getOperandTypes(), args,
                         "the arguments of " + quoted(*func))))
    return failure();
  return func;
}

//===----------------------------------------------------------------------===//
// CustomVjpOp
//===----------------------------------------------------------------------===//

LogicalResult
CustomVjpOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  FailureOr<func::FuncOp> func =
      lookupFunc(*this, getCalleeAttr(), symbolTable);
  if (failed(func))
    return failure();
  FailureOr<func::FuncOp> fwd = lookupFunc(*this, getFwdAttr(), symbolTable);
  if (failed(fwd))
    return failure();
  FailureOr<func::FuncOp> bwd = lookupFunc(*this, getBwdAttr(), symbolTable);
  if (failed(bwd))
    return failure();
  ArrayRef<Type> args = func->getArgumentTypes();
  ArrayRef<Type> results = func->getResultTypes();
  std::string name = quoted(*func);
  if (failed(verifyTypes(*this, "operand", getOperandTypes(), args,
                         "the arguments of " + name)) ||
      failed(verifyTypes(*this, "result", getResultTypes(), results,
                         "the results of " + name)))
    return failure();
  FunctionType fwdType = fwd->getFunctionType();
  if (fwdType.getInputs() != args || fwdType.getNumResults() < results.size() ||
      fwdType.getResults().take_front(results.size()) != results)
    return emitOpError() << "expected 'fwd' function " << quoted(*fwd)
                         << " to take the arguments of " << name
                         << " and return its results followed by residuals, "
                            "found "
                         << fwdType;
  SmallVector<Type> bwdInputs(fwdType.getResults().drop_front(results.size()));
  llvm::append_range(bwdInputs, results);
  FunctionType bwdType = bwd->getFunctionType();
  if (bwdType.getInputs() != ArrayRef<Type>(bwdInputs) ||
      bwdType.getResults() != args)
    return emitOpError() << "expected 'bwd' function " << quoted(*bwd)
                         << " to take the residuals and one cotangent per "
                            "result of "
                         << name << " and return one cotangent per argument, "
                         << "found " << bwdType;
  return success();
}

//===----------------------------------------------------------------------===//
// GradOp
//===----------------------------------------------------------------------===//

LogicalResult GradOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  FailureOr<func::FuncOp> func =
      verifyScalarTransform(*this, getCalleeAttr(), getWrt(), symbolTable);
  if (failed(func))
    return failure();
  return verifyTypes(*this, "result", getResultTypes(),
                     wrtTypes(*func, getWrt()),
                     "the 'wrt' arguments of " + quoted(*func));
}

//===----------------------------------------------------------------------===//
// HvpOp
//===----------------------------------------------------------------------===//

LogicalResult HvpOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  FailureOr<func::FuncOp> func = lookupDifferentiated(
      *this, getCalleeAttr(), getWrt(), /*single=*/true, symbolTable);
  if (failed(func))
    return failure();
  ArrayRef<Type> args = func->getArgumentTypes();
  std::string name = quoted(*func);
  if (failed(verifyScalarResult(*this, *func)))
    return failure();
  SmallVector<Type> tangent = wrtTypes(*func, getWrt());
  SmallVector<Type> operands(args);
  llvm::append_range(operands, tangent);
  if (failed(verifyTypes(*this, "operand", getOperandTypes(), operands,
                         "the arguments of " + name +
                             " and a tangent for the 'wrt' argument")))
    return failure();
  return verifyTypes(*this, "result", getOperation()->getResultTypes(), tangent,
                     "the type of the 'wrt' argument of " + name);
}

//===----------------------------------------------------------------------===//
// JacobianOp
//===----------------------------------------------------------------------===//

LogicalResult JacobianOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  FailureOr<func::FuncOp> func = lookupDifferentiated(
      *this, getCalleeAttr(), getWrt(), /*single=*/true, symbolTable);
  if (failed(func))
    return failure();
  ArrayRef<Type> args = func->getArgumentTypes();
  ArrayRef<Type> results = func->getResultTypes();
  std::string name = quoted(*func);
  if (failed(verifyTypes(*this, "operand", getOperandTypes(), args,
                         "the arguments of " + name)))
    return failure();
  auto resultType = results.size() == 1
                        ? dyn_cast<RankedTensorType>(results.front())
                        : RankedTensorType();
  if (!resultType)
    return emitOpError() << "expected " << name
                         << " to return exactly one ranked tensor, found "
                         << results.size() << " results";
  // The operands, ranked tensors by their ODS constraint, match the args.
  auto argType = cast<RankedTensorType>(args[getWrt().front()]);
  SmallVector<int64_t> shape(resultType.getShape());
  llvm::append_range(shape, argType.getShape());
  Type expected = RankedTensorType::get(shape, resultType.getElementType());
  return verifyTypes(
      *this, "result", getOperation()->getResultTypes(), expected,
      "the result shape of " + name + " followed by the 'wrt' argument shape");
}

//===----------------------------------------------------------------------===//
// JvpOp
//===----------------------------------------------------------------------===//

LogicalResult JvpOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  FailureOr<func::FuncOp> func = lookupDifferentiated(
      *this, getCalleeAttr(), getWrt(), /*single=*/false, symbolTable);
  if (failed(func))
    return failure();
  return verifyExtendedSignature(
      *this, *func, wrtTypes(*func, getWrt()), "one tangent per 'wrt' argument",
      func->getResultTypes(), "one tangent per result");
}

//===----------------------------------------------------------------------===//
// PerExampleGradOp
//===----------------------------------------------------------------------===//

LogicalResult
PerExampleGradOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  FailureOr<func::FuncOp> func =
      verifyScalarTransform(*this, getCalleeAttr(), getWrt(), symbolTable);
  if (failed(func))
    return failure();
  ArrayRef<Type> args = func->getArgumentTypes();
  std::string name = quoted(*func);
  // The operands, ranked tensors by their ODS constraint, match the args.
  Type element;
  int64_t width = 0;
  for (int64_t index : getWrt()) {
    auto type = cast<RankedTensorType>(args[index]);
    if (!type.hasStaticShape() || (element && type.getElementType() != element))
      return emitOpError() << "expected the 'wrt' arguments of " << name
                           << " to have static shapes and one element type, "
                           << "found " << type << " (argument #" << index
                           << ")";
    element = type.getElementType();
    width += type.getNumElements();
  }
  std::optional<int64_t> examples;
  for (auto [index, arg] : llvm::enumerate(args)) {
    if (llvm::is_contained(getWrt(), static_cast<int64_t>(index)))
      continue;
    // The expansion calls the callee on batches of one.
    auto type = cast<RankedTensorType>(arg);
    if (type.getRank() == 0 ||
        (!type.isDynamicDim(0) && type.getDimSize(0) != 1))
      return emitOpError() << "expected argument #" << index << " of " << name
                           << ", a batch of examples, to have a dynamic first "
                           << "dimension or one of size 1, found " << type;
    if (!examples)
      examples = type.getDimSize(0);
  }
  if (!examples)
    return emitOpError() << "expected an argument of " << name
                         << " outside 'wrt' to hold the examples";
  Type expected = RankedTensorType::get({*examples, width}, element);
  return verifyTypes(
      *this, "result", getOperation()->getResultTypes(), expected,
      "one row of flattened 'wrt' gradients per example of " + name);
}

//===----------------------------------------------------------------------===//
// ValueAndGradOp
//===----------------------------------------------------------------------===//

LogicalResult
ValueAndGradOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  FailureOr<func::FuncOp> func =
      verifyScalarTransform(*this, getCalleeAttr(), getWrt(), symbolTable);
  if (failed(func))
    return failure();
  SmallVector<Type> expected(func->getResultTypes());
  llvm::append_range(expected, wrtTypes(*func, getWrt()));
  return verifyTypes(*this, "result", getResultTypes(), expected,
                     "the result of " + quoted(*func) +
                         " and one gradient per 'wrt' argument");
}

//===----------------------------------------------------------------------===//
// VjpOp
//===----------------------------------------------------------------------===//

LogicalResult VjpOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  FailureOr<func::FuncOp> func = lookupDifferentiated(
      *this, getCalleeAttr(), getWrt(), /*single=*/false, symbolTable);
  if (failed(func))
    return failure();
  return verifyExtendedSignature(
      *this, *func, func->getResultTypes(), "one cotangent per result",
      wrtTypes(*func, getWrt()), "one cotangent per 'wrt' argument");
}

//===- NablaIOOps.cpp - Nabla I/O ops -------------------------------------===//
//
// Verifiers of the I/O ops (check_index, check_numerics, load, print,
// runtime_call, save):
// index checks, format string placeholders, checkpoint names and runtime
// function declarations.
//
//===----------------------------------------------------------------------===//

#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::nabla;

/// Checks that `names` holds one unique name per value; `kind` names the
/// values ("tensor" or "result") in the diagnostic.
static LogicalResult verifyNames(Operation *op, ArrayAttr names,
                                 size_t numValues, StringRef kind) {
  if (numValues == 0)
    return op->emitOpError() << "expected at least one " << kind;
  if (names.size() != numValues)
    return op->emitOpError() << "expected " << numValues << " names, one per "
                             << kind << ", found " << names.size();
  llvm::StringSet<> seen;
  for (StringRef name : names.getAsValueRange<StringAttr>())
    if (!seen.insert(name).second)
      return op->emitOpError()
             << "name '" << name << "' appears more than once";
  return success();
}

//===----------------------------------------------------------------------===//
// CheckIndexOp
//===----------------------------------------------------------------------===//

LogicalResult CheckIndexOp::verify() {
  int64_t rank = getOperand().getType().getRank();
  int64_t axis = static_cast<int64_t>(getAxis());
  if (axis < 0 || axis >= rank)
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << rank;
  if (getSpan() < 0)
    return emitOpError() << "span " << getSpan() << " is negative";
  if (getSpan() != 1 && getIndices().getType().getRank() != 0)
    return emitOpError() << "a span other than 1 needs a scalar start";
  return success();
}

//===----------------------------------------------------------------------===//
// CheckNumericsOp
//===----------------------------------------------------------------------===//

LogicalResult CheckNumericsOp::verify() {
  if (getLoops().size() != getIterations().size())
    return emitOpError() << "expected one loop description per iteration, "
                            "found "
                         << getLoops().size() << " for "
                         << getIterations().size();
  return success();
}

//===----------------------------------------------------------------------===//
// LoadOp
//===----------------------------------------------------------------------===//

LogicalResult LoadOp::verify() {
  return verifyNames(*this, getNames(), getNumResults(), "result");
}

//===----------------------------------------------------------------------===//
// PrintOp
//===----------------------------------------------------------------------===//

/// Counts the `{}` placeholders in a print format; `{{` and `}}` are escaped
/// braces and count for nothing.
static size_t countPlaceholders(StringRef format) {
  size_t count = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    StringRef rest = format.drop_front(i);
    if (rest.starts_with("{}")) {
      ++count;
      ++i;
    } else if (rest.starts_with("{{") || rest.starts_with("}}")) {
      ++i;
    }
  }
  return count;
}

LogicalResult PrintOp::verify() {
  size_t placeholders = countPlaceholders(getFormat());
  if (placeholders == getNumOperands())
    return success();
  return emitOpError() << "expected " << placeholders
                       << " operands for the '{}' placeholders in the format, "
                          "found "
                       << getNumOperands();
}

//===----------------------------------------------------------------------===//
// RuntimeCallOp
//===----------------------------------------------------------------------===//

LogicalResult
RuntimeCallOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto func =
      symbolTable.lookupNearestSymbolFrom<func::FuncOp>(*this, getCalleeAttr());
  if (!func || !func.isDeclaration() || !func.isPrivate())
    return emitOpError() << "expected '" << getCalleeAttr()
                         << "' to be a private 'func.func' declaration";
  FunctionType type = func.getFunctionType();
  if (getOperandTypes() != type.getInputs())
    return emitOpError() << "expected operand types " << type.getInputs()
                         << " (the arguments of '" << getCalleeAttr()
                         << "'), found " << getOperandTypes();
  if (getResultTypes() != type.getResults())
    return emitOpError() << "expected result types " << type.getResults()
                         << " (the results of '" << getCalleeAttr()
                         << "'), found " << getResultTypes();
  return success();
}

//===----------------------------------------------------------------------===//
// SaveOp
//===----------------------------------------------------------------------===//

LogicalResult SaveOp::verify() {
  return verifyNames(*this, getNames(), getTensors().size(), "tensor");
}

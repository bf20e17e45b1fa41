//===- RuleContracts.cpp - Checks of derivative rules ---------------------===//
//
// Implements the checks of RuleContracts.h. The messages name the rule, what
// it built and what was expected.
//
//===----------------------------------------------------------------------===//

#include "RuleContracts.h"

using namespace mlir;
using namespace mlir::nabla;

LogicalResult ad::checkRuleCount(Operation *op, RuleKind kind, size_t count) {
  bool tangent = kind == RuleKind::Tangent;
  unsigned expected = tangent ? op->getNumResults() : op->getNumOperands();
  if (count == expected)
    return success();
  return op->emitError() << (tangent ? "tangent" : "adjoint") << " rule of '"
                         << op->getName() << "' returned " << count
                         << (tangent ? " tangents for " : " adjoints for ")
                         << expected << (tangent ? " results" : " operands");
}

LogicalResult ad::checkRuleType(Operation *op, RuleKind kind, Value built,
                                Value primal) {
  if (built.getType() == primal.getType())
    return success();
  bool tangent = kind == RuleKind::Tangent;
  return op->emitError() << (tangent ? "tangent" : "adjoint") << " rule of '"
                         << op->getName()
                         << (tangent ? "' built a tangent of type "
                                     : "' built an adjoint of type ")
                         << built.getType()
                         << (tangent ? " for a result of type "
                                     : " for an operand of type ")
                         << primal.getType();
}

FailureOr<func::FuncOp> ad::getCustomJvp(Differentiator &diff, func::FuncOp f,
                                         Operation *requester) {
  auto rule = f->getAttrOfType<FlatSymbolRefAttr>(kCustomJvpAttrName);
  if (!rule)
    return func::FuncOp();
  func::FuncOp custom = diff.lookupFunction(rule.getValue());
  if (!custom)
    return requester->emitError()
           << "'" << kCustomJvpAttrName << "' of '@" << f.getSymName()
           << "' names unknown '" << rule << "'";
  return custom;
}

FailureOr<std::optional<VjpPair>> ad::getCustomVjp(Differentiator &diff,
                                                   func::FuncOp f) {
  Attribute attr = f->getAttr(kCustomVjpAttrName);
  if (!attr)
    return std::optional<VjpPair>();
  auto dict = dyn_cast<DictionaryAttr>(attr);
  auto fwdRef = dict ? dict.getAs<FlatSymbolRefAttr>("fwd") : nullptr;
  auto bwdRef = dict ? dict.getAs<FlatSymbolRefAttr>("bwd") : nullptr;
  if (!fwdRef || !bwdRef)
    return f.emitError() << "expected '" << kCustomVjpAttrName
                         << "' to be a dictionary with symbols 'fwd' and "
                            "'bwd'";
  VjpPair pair;
  pair.fwd = diff.lookupFunction(fwdRef.getValue());
  pair.bwd = diff.lookupFunction(bwdRef.getValue());
  if (!pair.fwd || !pair.bwd)
    return f.emitError() << "'" << kCustomVjpAttrName
                         << "' names an unknown function";
  FunctionType type = f.getFunctionType();
  FunctionType fwdType = pair.fwd.getFunctionType();
  FunctionType bwdType = pair.bwd.getFunctionType();
  unsigned numResults = type.getNumResults();
  bool fwdOk = fwdType.getInputs() == type.getInputs() &&
               fwdType.getNumResults() >= numResults &&
               fwdType.getResults().take_front(numResults) == type.getResults();
  if (!fwdOk)
    return f.emitError() << "custom_vjp 'fwd' function '@"
                         << pair.fwd.getSymName() << "' has type " << fwdType
                         << ": expected the arguments of '@" << f.getSymName()
                         << "' to its results followed by residuals";
  pair.numResiduals = fwdType.getNumResults() - numResults;
  SmallVector<Type> bwdInputs(fwdType.getResults().drop_front(numResults));
  llvm::append_range(bwdInputs, type.getResults());
  if (bwdType.getInputs() != ArrayRef<Type>(bwdInputs) ||
      bwdType.getResults() != type.getInputs())
    return f.emitError() << "custom_vjp 'bwd' function '@"
                         << pair.bwd.getSymName() << "' has type " << bwdType
                         << ": expected the residuals and one cotangent per "
                            "result to one cotangent per argument";
  for (unsigned i = 0; i < type.getNumInputs(); ++i)
    pair.wrt.push_back(i);
  return std::optional<VjpPair>(std::move(pair));
}

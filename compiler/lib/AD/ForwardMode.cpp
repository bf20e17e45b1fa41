//===- ForwardMode.cpp - Generation of @f_jvp functions -------------------===//
//
// Forward mode: clones the primal function op by op and, after each op with
// an active result, asks the op's DifferentiableOpInterface for the result
// tangents. Ops with regions and calls build their own tangent code through
// ControlFlowADOpInterface, calling back into this driver (TangentDriver)
// for their nested blocks and their callees' `@callee_jvp` (or custom_jvp).
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/Differentiator.h"

#include "RuleContracts.h"
#include "nabla/AD/ActivityAnalysis.h"
#include "nabla/Derivatives/ADBuilders.h"
#include "nabla/Interfaces/ControlFlowADOpInterface.h"
#include "nabla/Interfaces/DifferentiableOpInterface.h"

#include "DerivativeLocations.h"

#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::nabla;

namespace {
class JvpEmitter : public TangentDriver {
public:
  JvpEmitter(Differentiator &diff, func::FuncOp primal, ArrayRef<int64_t> wrt)
      : diff(diff), primal(primal), wrt(wrt), activity(primal, wrt) {}

  /// Fills the body of `jvp`, whose signature is already set.
  LogicalResult emit(func::FuncOp jvp);

  bool isActive(Value value) const override { return activity.isActive(value); }
  IRMapping &mapping() override { return map; }
  LogicalResult emitBlock(Block &block, OpBuilder &b) override;
  FailureOr<func::FuncOp>
  getCalleeJvp(Operation *call, StringRef callee,
               SmallVectorImpl<int64_t> &tangentOperands) override;

  /// The tangent of the primal value `value`, or zeros of its type.
  Value tangentOrZeros(OpBuilder &b, Location loc, Value value) override {
    if (Value tangent = tangents.lookup(value))
      return tangent;
    return ad::zerosLike(b, loc, map.lookup(value));
  }

  /// Records `tangent` for `value` if `value` is active.
  void setTangent(Value value, Value tangent) override {
    if (tangent && activity.isActive(value))
      tangents[value] = tangent;
  }

private:
  LogicalResult emitOp(Operation *op, OpBuilder &b);
  LogicalResult emitGeneric(Operation *op, OpBuilder &b);

  Differentiator &diff;
  func::FuncOp primal;
  ArrayRef<int64_t> wrt;
  ActivityAnalysis activity;
  IRMapping map;
  DenseMap<Value, Value> tangents;
};
} // namespace

LogicalResult JvpEmitter::emit(func::FuncOp jvp) {
  Block *entry = jvp.addEntryBlock();
  unsigned numArgs = primal.getNumArguments();
  for (unsigned i = 0; i < numArgs; ++i)
    map.map(primal.getArgument(i), entry->getArgument(i));
  for (auto [k, index] : llvm::enumerate(wrt))
    setTangent(primal.getArgument(index), entry->getArgument(numArgs + k));

  OpBuilder b = OpBuilder::atBlockEnd(entry);
  Block &body = primal.front();
  if (failed(emitBlock(body, b)))
    return failure();
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  SmallVector<Value> results;
  for (Value value : ret.getOperands())
    results.push_back(map.lookup(value));
  for (Value value : ret.getOperands())
    results.push_back(tangentOrZeros(b, ret.getLoc(), value));
  func::ReturnOp::create(b, ret.getLoc(), results);
  return success();
}

LogicalResult JvpEmitter::emitBlock(Block &block, OpBuilder &b) {
  for (Operation &op : block.without_terminator())
    if (failed(emitOp(&op, b)))
      return failure();
  return success();
}

LogicalResult JvpEmitter::emitOp(Operation *op, OpBuilder &b) {
  if (!activity.hasActiveResult(op)) {
    b.clone(*op, map);
    return success();
  }
  if (auto controlFlow = dyn_cast<ControlFlowADOpInterface>(op))
    return controlFlow.emitTangents(b, *this);
  return emitGeneric(op, b);
}

LogicalResult JvpEmitter::emitGeneric(Operation *op, OpBuilder &b) {
  Operation *clone = b.clone(*op, map);
  auto differentiable = dyn_cast<DifferentiableOpInterface>(clone);
  if (!differentiable)
    return op->emitError() << "cannot differentiate through '" << op->getName()
                           << "'";
  SmallVector<Value> operandTangents;
  for (Value operand : op->getOperands())
    operandTangents.push_back(tangents.lookup(operand));
  SmallVector<Value> resultTangents;
  ad::DerivativeOpsScope marked(b, op->getLoc());
  if (failed(differentiable.buildTangents(b, operandTangents, resultTangents)))
    return failure();
  if (failed(
          ad::checkRuleCount(op, ad::RuleKind::Tangent, resultTangents.size())))
    return failure();
  for (auto [result, tangent] :
       llvm::zip_equal(op->getResults(), resultTangents)) {
    if (tangent &&
        failed(ad::checkRuleType(op, ad::RuleKind::Tangent, tangent, result)))
      return failure();
    setTangent(result, tangent);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

FailureOr<func::FuncOp>
JvpEmitter::getCalleeJvp(Operation *call, StringRef callee,
                         SmallVectorImpl<int64_t> &tangentOperands) {
  func::FuncOp function = diff.lookupFunction(callee);
  if (!function)
    return call->emitError() << "cannot differentiate through call to unknown "
                                "function '@"
                             << callee << "'";
  FailureOr<func::FuncOp> custom = ad::getCustomJvp(diff, function, call);
  if (failed(custom))
    return failure();
  if (*custom) {
    // The custom rule takes a tangent for every argument.
    for (unsigned i = 0; i < call->getNumOperands(); ++i)
      tangentOperands.push_back(i);
    return *custom;
  }
  for (auto [i, operand] : llvm::enumerate(call->getOperands()))
    if (activity.isActive(operand))
      tangentOperands.push_back(i);
  return diff.getJvp(function, tangentOperands, call);
}

//===----------------------------------------------------------------------===//
// Differentiator::getJvp
//===----------------------------------------------------------------------===//

FailureOr<func::FuncOp> Differentiator::getJvp(func::FuncOp f,
                                               ArrayRef<int64_t> wrt,
                                               Operation *requester) {
  Key key{f.getSymName().str(), std::vector<int64_t>(wrt.begin(), wrt.end())};
  if (auto it = jvps.find(key); it != jvps.end())
    return it->second;
  if (f->hasAttr(kCustomVjpAttrName) && !f->hasAttr(kCustomJvpAttrName))
    return requester->emitError()
           << "cannot differentiate '@" << f.getSymName()
           << "' in forward mode: it has a '" << kCustomVjpAttrName
           << "' rule but no '" << kCustomJvpAttrName << "' rule";
  if (f.isExternal())
    return requester->emitError() << "cannot differentiate external function '@"
                                  << f.getSymName() << "'";

  FunctionType type = f.getFunctionType();
  SmallVector<Type> inputs(type.getInputs());
  for (int64_t index : wrt)
    inputs.push_back(type.getInput(index));
  SmallVector<Type> results(type.getResults());
  llvm::append_range(results, type.getResults());
  func::FuncOp jvp =
      createFunction(f.getLoc(), f.getSymName() + "_jvp",
                     FunctionType::get(f.getContext(), inputs, results));
  // Cached before its body exists, so that recursion finds it.
  jvps[key] = jvp;

  FailureOr<func::FuncOp> custom = ad::getCustomJvp(*this, f, requester);
  if (failed(custom))
    return failure();
  if (*custom) {
    // Forward to the custom rule, with zero tangents for the other arguments.
    Block *entry = jvp.addEntryBlock();
    OpBuilder b = OpBuilder::atBlockEnd(entry);
    unsigned numArgs = f.getNumArguments();
    SmallVector<Value> operands(entry->getArguments().take_front(numArgs));
    SmallVector<Value> argTangents(numArgs);
    for (auto [k, index] : llvm::enumerate(wrt))
      argTangents[index] = entry->getArgument(numArgs + k);
    for (unsigned i = 0; i < numArgs; ++i)
      operands.push_back(
          ad::orZeros(b, f.getLoc(), argTangents[i], entry->getArgument(i)));
    auto call = func::CallOp::create(b, f.getLoc(), *custom, operands);
    func::ReturnOp::create(b, f.getLoc(), call.getResults());
    return jvp;
  }

  JvpEmitter emitter(*this, f, wrt);
  if (failed(emitter.emit(jvp)))
    return failure();
  eraseDeadOps(jvp);
  return jvp;
}

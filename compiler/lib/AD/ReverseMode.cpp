//===- ReverseMode.cpp - Generation of @f_vjp functions -------------------===//
//
// Reverse mode: a forward sweep clones the primal function, then a reverse
// sweep walks its ops backwards and asks each op's DifferentiableOpInterface
// for the adjoints of its operands. For straight-line code the forward
// sweep's SSA values are the tape. Ops with regions and calls go through
// ControlFlowADOpInterface: their forward sweep saves what their reverse
// sweep needs (loop states, call residuals) and both call back into this
// driver (AdjointDriver) for their nested blocks and their callees' fwd/bwd
// pairs.
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/Differentiator.h"

#include "RuleContracts.h"
#include "SplitVjp.h"
#include "nabla/AD/ActivityAnalysis.h"
#include "nabla/Derivatives/ADBuilders.h"
#include "nabla/Interfaces/ControlFlowADOpInterface.h"
#include "nabla/Interfaces/DifferentiableOpInterface.h"

#include "DerivativeLocations.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;
using namespace mlir::nabla;

namespace {
class VjpEmitter : public AdjointDriver {
public:
  VjpEmitter(Differentiator &diff, func::FuncOp primal, ArrayRef<int64_t> wrt)
      : diff(diff), primal(primal), wrt(wrt), activity(primal, wrt) {}

  /// Fills the body of `vjp`, whose signature is already set, and collects
  /// the top-level ops of its forward sweep in `forwardOps`.
  LogicalResult emit(func::FuncOp vjp, llvm::DenseSet<Operation *> &forwardOps);

  bool isActive(Value value) const override { return activity.isActive(value); }
  SmallVector<Value> activeFreeValues(Operation *op) const override {
    return activity.activeFreeValues(op);
  }
  LogicalResult forwardSweep(Block &block, OpBuilder &b, SweepScope &scope,
                             SweepMode mode) override;
  LogicalResult reverseSweep(Block &block, OpBuilder &b, SweepScope &scope,
                             Adjoints &adjoints) override;
  FailureOr<VjpPair> getCalleeVjpPair(Operation *call, StringRef callee,
                                      ArrayRef<int64_t> wrt) override;

private:
  LogicalResult forwardOp(Operation *op, OpBuilder &b, SweepScope &scope,
                          SweepMode mode);
  LogicalResult reverseGeneric(Operation *op, OpBuilder &b, SweepScope &scope,
                               Adjoints &adjoints);

  Differentiator &diff;
  func::FuncOp primal;
  ArrayRef<int64_t> wrt;
  ActivityAnalysis activity;
};
} // namespace

LogicalResult VjpEmitter::emit(func::FuncOp vjp,
                               llvm::DenseSet<Operation *> &forwardOps) {
  Block *entry = vjp.addEntryBlock();
  unsigned numArgs = primal.getNumArguments();
  SweepScope scope;
  for (unsigned i = 0; i < numArgs; ++i)
    scope.map.map(primal.getArgument(i), entry->getArgument(i));

  OpBuilder b = OpBuilder::atBlockEnd(entry);
  Block &body = primal.front();
  if (failed(forwardSweep(body, b, scope, kTaping)))
    return failure();
  for (Operation &op : *entry)
    forwardOps.insert(&op);

  // Seed the results with the incoming cotangents.
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  Location loc = ret.getLoc();
  Adjoints adjoints;
  for (auto [i, value] : llvm::enumerate(ret.getOperands()))
    if (activity.isActive(value))
      adjoints.add(b, loc, value, entry->getArgument(numArgs + i));
  if (failed(reverseSweep(body, b, scope, adjoints)))
    return failure();

  SmallVector<Value> results;
  for (Value value : ret.getOperands())
    results.push_back(scope.map.lookup(value));
  for (int64_t index : wrt)
    results.push_back(
        adjoints.lookupOrZeros(b, loc, primal.getArgument(index), scope));
  func::ReturnOp::create(b, loc, results);
  return success();
}

//===----------------------------------------------------------------------===//
// Forward sweep
//===----------------------------------------------------------------------===//

LogicalResult VjpEmitter::forwardSweep(Block &block, OpBuilder &b,
                                       SweepScope &scope, SweepMode mode) {
  for (Operation &op : block.without_terminator())
    if (failed(forwardOp(&op, b, scope, mode)))
      return failure();
  return success();
}

LogicalResult VjpEmitter::forwardOp(Operation *op, OpBuilder &b,
                                    SweepScope &scope, SweepMode mode) {
  if (mode.replay && op->getNumResults() == 0 && !isMemoryEffectFree(op))
    return success();
  bool active = mode.tape && activity.hasActiveResult(op);
  if (active)
    if (auto controlFlow = dyn_cast<ControlFlowADOpInterface>(op))
      return controlFlow.emitTapedPrimal(b, *this, scope);
  Operation *clone = b.clone(*op, scope.map);
  if (!active)
    return success();
  scope.clones[op] = clone;
  if (!isa<DifferentiableOpInterface>(clone))
    return op->emitError() << "cannot differentiate through '" << op->getName()
                           << "'";
  return success();
}

FailureOr<VjpPair> VjpEmitter::getCalleeVjpPair(Operation *call,
                                                StringRef callee,
                                                ArrayRef<int64_t> wrt) {
  func::FuncOp function = diff.lookupFunction(callee);
  if (!function)
    return call->emitError() << "cannot differentiate through call to unknown "
                                "function '@"
                             << callee << "'";
  return diff.getVjpPair(function, wrt, call);
}

//===----------------------------------------------------------------------===//
// Reverse sweep
//===----------------------------------------------------------------------===//

LogicalResult VjpEmitter::reverseSweep(Block &block, OpBuilder &b,
                                       SweepScope &scope, Adjoints &adjoints) {
  for (Operation &op : llvm::reverse(block.without_terminator())) {
    if (!activity.hasActiveResult(&op))
      continue;
    LogicalResult status = success();
    if (auto controlFlow = dyn_cast<ControlFlowADOpInterface>(op))
      status = controlFlow.emitAdjoints(b, *this, scope, adjoints);
    else
      status = reverseGeneric(&op, b, scope, adjoints);
    if (failed(status))
      return failure();
  }
  return success();
}

LogicalResult VjpEmitter::reverseGeneric(Operation *op, OpBuilder &b,
                                         SweepScope &scope,
                                         Adjoints &adjoints) {
  SmallVector<Value> resultAdjoints;
  for (Value result : op->getResults())
    resultAdjoints.push_back(activity.isActive(result) ? adjoints.lookup(result)
                                                       : Value());
  if (llvm::all_of(resultAdjoints, [](Value v) { return !v; }))
    return success();
  auto differentiable =
      cast<DifferentiableOpInterface>(scope.clones.lookup(op));
  SmallVector<Value> operandAdjoints;
  // The adjoint rule's ops and the accumulation of their results.
  ad::DerivativeOpsScope marked(b, op->getLoc());
  if (failed(differentiable.buildAdjoints(b, resultAdjoints, operandAdjoints)))
    return failure();
  if (failed(ad::checkRuleCount(op, ad::RuleKind::Adjoint,
                                operandAdjoints.size())))
    return failure();
  for (auto [operand, adjoint] :
       llvm::zip_equal(op->getOperands(), operandAdjoints)) {
    if (!adjoint || !activity.isActive(operand))
      continue;
    if (failed(ad::checkRuleType(op, ad::RuleKind::Adjoint, adjoint, operand)))
      return failure();
    adjoints.add(b, op->getLoc(), operand, adjoint);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Differentiator::getVjp, Differentiator::getVjpPair
//===----------------------------------------------------------------------===//

/// The signature of `@f_vjp`: the arguments of `f` and one cotangent per
/// result, to the results of `f` and one cotangent per `wrt` argument.
static FunctionType vjpType(func::FuncOp f, ArrayRef<int64_t> wrt) {
  FunctionType type = f.getFunctionType();
  SmallVector<Type> inputs(type.getInputs());
  llvm::append_range(inputs, type.getResults());
  SmallVector<Type> results(type.getResults());
  for (int64_t index : wrt)
    results.push_back(type.getInput(index));
  return FunctionType::get(f.getContext(), inputs, results);
}

FailureOr<func::FuncOp> Differentiator::getVjp(func::FuncOp f,
                                               ArrayRef<int64_t> wrt,
                                               Operation *requester) {
  Key key{f.getSymName().str(), std::vector<int64_t>(wrt.begin(), wrt.end())};
  if (auto it = vjps.find(key); it != vjps.end())
    return it->second;
  FailureOr<std::optional<VjpPair>> custom = ad::getCustomVjp(*this, f);
  if (failed(custom))
    return failure();
  if (!*custom && f.isExternal())
    return requester->emitError() << "cannot differentiate external function '@"
                                  << f.getSymName() << "'";

  func::FuncOp vjp =
      createFunction(f.getLoc(), f.getSymName() + "_vjp", vjpType(f, wrt));
  vjps[key] = vjp;
  if (*custom) {
    // fwd, then bwd on the residuals and the incoming cotangents.
    Block *entry = vjp.addEntryBlock();
    OpBuilder b = OpBuilder::atBlockEnd(entry);
    Location loc = f.getLoc();
    unsigned numArgs = f.getNumArguments();
    unsigned numResults = f.getNumResults();
    auto fwd = func::CallOp::create(b, loc, (*custom)->fwd,
                                    entry->getArguments().take_front(numArgs));
    SmallVector<Value> operands(fwd.getResults().drop_front(numResults));
    llvm::append_range(operands, entry->getArguments().drop_front(numArgs));
    auto bwd = func::CallOp::create(b, loc, (*custom)->bwd, operands);
    SmallVector<Value> results(fwd.getResults().take_front(numResults));
    for (int64_t index : wrt)
      results.push_back(bwd.getResult(index));
    func::ReturnOp::create(b, loc, results);
    return vjp;
  }

  VjpEmitter emitter(*this, f, wrt);
  llvm::DenseSet<Operation *> forwardOps;
  if (failed(emitter.emit(vjp, forwardOps)))
    return failure();
  eraseDeadOps(vjp);
  return vjp;
}

FailureOr<VjpPair> Differentiator::getVjpPair(func::FuncOp f,
                                              ArrayRef<int64_t> wrt,
                                              Operation *requester) {
  Key key{f.getSymName().str(), std::vector<int64_t>(wrt.begin(), wrt.end())};
  if (auto it = pairs.find(key); it != pairs.end())
    return it->second;
  FailureOr<std::optional<VjpPair>> custom = ad::getCustomVjp(*this, f);
  if (failed(custom))
    return failure();
  if (*custom)
    return pairs[key] = **custom;
  if (f.isExternal())
    return requester->emitError()
           << "cannot differentiate through call to external function '@"
           << f.getSymName() << "'";
  if (splitting.contains(f))
    return requester->emitError()
           << "cannot differentiate recursive function '@" << f.getSymName()
           << "' in reverse mode";

  splitting.insert(f);
  func::FuncOp combined = createFunction(
      f.getLoc(), f.getSymName() + "_vjp_combined", vjpType(f, wrt));
  VjpEmitter emitter(*this, f, wrt);
  llvm::DenseSet<Operation *> forwardOps;
  LogicalResult status = emitter.emit(combined, forwardOps);
  splitting.erase(f);
  if (failed(status))
    return failure();
  // The clean-up replaces loops; `forwardOps` follows.
  eraseDeadOps(combined, &forwardOps);
  VjpPair pair = ad::splitVjp(*this, f, combined, forwardOps);
  for (int64_t index : wrt)
    pair.wrt.push_back(index);
  eraseFunction(combined);
  eraseDeadOps(pair.fwd);
  eraseDeadOps(pair.bwd);
  return pairs[key] = pair;
}

//===- ReverseMode.cpp - Generation of @f_vjp functions -------------------===//
//
// Reverse mode: a forward sweep clones the primal function, then a reverse
// sweep walks its ops backwards and asks each op's DifferentiableOpInterface
// for the adjoints of its operands. For straight-line code the forward
// sweep's SSA values are the tape. Loops save the state each iteration
// starts from (Tape.h) and their reverse loop recomputes each iteration from
// it before differentiating it; scf.if recomputes the branch taken. Calls
// use the callee's fwd/bwd pair: the forward sweep calls `@callee_vjp_fwd`,
// which also returns the residuals the reverse sweep passes to
// `@callee_vjp_bwd`.
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/Differentiator.h"

#include "SplitVjp.h"
#include "Tape.h"
#include "nabla/AD/ADBuilders.h"
#include "nabla/AD/ActivityAnalysis.h"
#include "nabla/Interfaces/DifferentiableOpInterface.h"

#include "DerivativeLocations.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;
using namespace mlir::nabla;

namespace {
/// How a forward sweep treats the ops it clones.
struct SweepMode {
  /// Loops save their per-iteration state and calls go through their fwd
  /// function, because a reverse sweep of the same block follows.
  bool tape;
  /// The block already ran once: skip ops that only have side effects
  /// (print, save, assert).
  bool replay;
};

constexpr SweepMode kTaping{/*tape=*/true, /*replay=*/false};
constexpr SweepMode kPrimal{/*tape=*/false, /*replay=*/false};
constexpr SweepMode kReplay{/*tape=*/false, /*replay=*/true};
constexpr SweepMode kRecompute{/*tape=*/true, /*replay=*/true};

/// What the forward sweep saved for one loop.
struct LoopTape {
  Value tripCount;
  /// scf.for only: the bounds, to rebuild the induction variable.
  Value lowerBound, step;
  /// One tape per loop-carried position (null for positions not taped).
  SmallVector<Value> tapes;
  /// scf.while only: the before-region arguments after the last iteration.
  SmallVector<Value> finalState;
};

/// What the forward sweep saved for one call.
struct CallTape {
  func::FuncOp bwd;
  SmallVector<Value> residuals;
  SmallVector<int64_t> wrt;
};

/// The state of one forward sweep of a block: what each primal value and op
/// became, and what loops and calls saved for their reverse sweep.
struct Scope {
  IRMapping map;
  DenseMap<Operation *, Operation *> clones;
  DenseMap<Operation *, LoopTape> loops;
  DenseMap<Operation *, CallTape> calls;

  /// A scope for a nested block that sees every value of this one.
  Scope nested() const {
    Scope scope;
    scope.map = map;
    return scope;
  }
};

/// Accumulated adjoints, keyed by primal value.
class Adjoints {
public:
  Value lookup(Value value) const { return map.lookup(value); }
  void add(OpBuilder &b, Location loc, Value value, Value adjoint) {
    if (!adjoint)
      return;
    Value &slot = map[value];
    slot = slot ? ad::add(b, loc, slot, adjoint) : adjoint;
  }
  void set(Value value, Value adjoint) { map[value] = adjoint; }

private:
  DenseMap<Value, Value> map;
};

class VjpEmitter {
public:
  VjpEmitter(Differentiator &diff, func::FuncOp primal, ArrayRef<int64_t> wrt)
      : diff(diff), primal(primal), wrt(wrt), activity(primal, wrt) {}

  /// Fills the body of `vjp`, whose signature is already set, and collects
  /// the top-level ops of its forward sweep in `forwardOps`.
  LogicalResult emit(func::FuncOp vjp, llvm::DenseSet<Operation *> &forwardOps);

private:
  LogicalResult forwardSweep(Block &block, OpBuilder &b, Scope &scope,
                             SweepMode mode);
  LogicalResult forwardOp(Operation *op, OpBuilder &b, Scope &scope,
                          SweepMode mode);
  LogicalResult forwardFor(scf::ForOp op, OpBuilder &b, Scope &scope);
  LogicalResult forwardWhile(scf::WhileOp op, OpBuilder &b, Scope &scope);
  LogicalResult forwardCall(func::CallOp op, OpBuilder &b, Scope &scope);

  LogicalResult reverseSweep(Block &block, OpBuilder &b, Scope &scope,
                             Adjoints &adjoints);
  LogicalResult reverseGeneric(Operation *op, OpBuilder &b, Scope &scope,
                               Adjoints &adjoints);
  LogicalResult reverseFor(scf::ForOp op, OpBuilder &b, Scope &scope,
                           Adjoints &adjoints);
  LogicalResult reverseWhile(scf::WhileOp op, OpBuilder &b, Scope &scope,
                             Adjoints &adjoints);
  LogicalResult reverseIf(scf::IfOp op, OpBuilder &b, Scope &scope,
                          Adjoints &adjoints);
  LogicalResult reverseCall(func::CallOp op, OpBuilder &b, Scope &scope,
                            Adjoints &adjoints);

  /// The adjoint of `value` in `adjoints`, or zeros like its clone.
  Value adjointOrZeros(OpBuilder &b, Location loc, const Adjoints &adjoints,
                       const Scope &scope, Value value) {
    return ad::orZeros(b, loc, adjoints.lookup(value), scope.map.lookup(value));
  }

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
  Scope scope;
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
        adjointOrZeros(b, loc, adjoints, scope, primal.getArgument(index)));
  func::ReturnOp::create(b, loc, results);
  return success();
}

//===----------------------------------------------------------------------===//
// Forward sweep
//===----------------------------------------------------------------------===//

LogicalResult VjpEmitter::forwardSweep(Block &block, OpBuilder &b, Scope &scope,
                                       SweepMode mode) {
  for (Operation &op : block.without_terminator())
    if (failed(forwardOp(&op, b, scope, mode)))
      return failure();
  return success();
}

LogicalResult VjpEmitter::forwardOp(Operation *op, OpBuilder &b, Scope &scope,
                                    SweepMode mode) {
  if (mode.replay && op->getNumResults() == 0 && !isMemoryEffectFree(op))
    return success();
  bool active = mode.tape && activity.hasActiveResult(op);
  if (active) {
    if (auto forOp = dyn_cast<scf::ForOp>(op))
      return forwardFor(forOp, b, scope);
    if (auto whileOp = dyn_cast<scf::WhileOp>(op))
      return forwardWhile(whileOp, b, scope);
    if (auto call = dyn_cast<func::CallOp>(op))
      return forwardCall(call, b, scope);
  }
  Operation *clone = b.clone(*op, scope.map);
  if (!active)
    return success();
  scope.clones[op] = clone;
  // scf.if is differentiated by recomputing its branches.
  if (!isa<scf::IfOp>(op) && !isa<DifferentiableOpInterface>(clone))
    return op->emitError() << "cannot differentiate through '" << op->getName()
                           << "'";
  return success();
}

/// `(iv - lb) / step`, the number of the iteration.
static Value iterationNumber(OpBuilder &b, Location loc, Value iv,
                             Value lowerBound, Value step) {
  std::optional<int64_t> lb = getConstantIntValue(lowerBound);
  std::optional<int64_t> st = getConstantIntValue(step);
  if (lb && st && *lb == 0 && *st == 1)
    return iv;
  Value offset = arith::SubIOp::create(b, loc, iv, lowerBound);
  return arith::DivUIOp::create(b, loc, offset, step);
}

LogicalResult VjpEmitter::forwardFor(scf::ForOp op, OpBuilder &b,
                                     Scope &scope) {
  Location loc = op.getLoc();
  Value lb = scope.map.lookup(op.getLowerBound());
  Value ub = scope.map.lookup(op.getUpperBound());
  Value step = scope.map.lookup(op.getStep());
  if (!op.getInductionVar().getType().isIndex())
    return op.emitError() << "cannot differentiate a loop whose induction "
                             "variable is not an 'index'";
  Value count = ad::buildTripCount(b, loc, lb, ub, step);

  // Tape every loop-carried value the body reads.
  unsigned numCarried = op.getNumRegionIterArgs();
  SmallVector<unsigned> taped;
  SmallVector<Value> inits;
  for (Value init : op.getInitArgs())
    inits.push_back(scope.map.lookup(init));
  for (auto [i, arg] : llvm::enumerate(op.getRegionIterArgs())) {
    if (arg.use_empty())
      continue;
    taped.push_back(i);
    inits.push_back(ad::buildTape(b, loc, inits[i], count));
  }

  LogicalResult status = success();
  auto loop = scf::ForOp::create(
      b, loc, lb, ub, step, inits,
      [&](OpBuilder &nb, Location, Value iv, ValueRange args) {
        Value k = iterationNumber(nb, loc, iv, lb, step);
        SmallVector<Value> tapes;
        for (auto [t, i] : llvm::enumerate(taped))
          tapes.push_back(
              ad::pushToTape(nb, loc, args[numCarried + t], args[i], k));
        Scope body = scope.nested();
        body.map.map(op.getInductionVar(), iv);
        body.map.map(op.getRegionIterArgs(), args.take_front(numCarried));
        status = forwardSweep(*op.getBody(), nb, body, kPrimal);
        SmallVector<Value> yields;
        for (Value value : op.getYieldedValues())
          yields.push_back(body.map.lookupOrDefault(value));
        llvm::append_range(yields, tapes);
        scf::YieldOp::create(nb, loc, yields);
      });
  if (failed(status))
    return failure();

  for (auto [i, result] : llvm::enumerate(op.getResults()))
    scope.map.map(result, loop.getResult(i));
  LoopTape tape;
  tape.tripCount = count;
  tape.lowerBound = lb;
  tape.step = step;
  tape.tapes.resize(numCarried);
  for (auto [t, i] : llvm::enumerate(taped))
    tape.tapes[i] = loop.getResult(numCarried + t);
  scope.loops[op] = std::move(tape);
  scope.clones[op] = loop;
  return success();
}

LogicalResult VjpEmitter::forwardWhile(scf::WhileOp op, OpBuilder &b,
                                       Scope &scope) {
  Location loc = op.getLoc();
  Type indexType = b.getIndexType();
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  unsigned numBefore = op.getBeforeArguments().size();
  unsigned numAfter = op.getAfterArguments().size();
  SmallVector<Value> inits;
  for (Value init : op.getInits())
    inits.push_back(scope.map.lookup(init));

  // First the primal loop, counting its iterations.
  SmallVector<Value> countedInits(inits);
  countedInits.push_back(zero);
  SmallVector<Type> countedResults(op.getResultTypes());
  countedResults.push_back(indexType);
  auto counted = scf::WhileOp::create(b, loc, countedResults, countedInits);
  {
    OpBuilder::InsertionGuard guard(b);
    SmallVector<Location> locs(countedInits.size(), loc);
    Block *before = b.createBlock(&counted.getBefore(), {},
                                  TypeRange(ValueRange(countedInits)), locs);
    Scope body = scope.nested();
    body.map.map(op.getBeforeArguments(),
                 before->getArguments().take_front(numBefore));
    if (failed(forwardSweep(op.getBefore().front(), b, body, kPrimal)))
      return failure();
    scf::ConditionOp condition = op.getConditionOp();
    SmallVector<Value> forwarded;
    for (Value value : condition.getArgs())
      forwarded.push_back(body.map.lookupOrDefault(value));
    forwarded.push_back(before->getArgument(numBefore));
    scf::ConditionOp::create(
        b, loc, body.map.lookupOrDefault(condition.getCondition()), forwarded);

    SmallVector<Location> afterLocs(countedResults.size(), loc);
    Block *after =
        b.createBlock(&counted.getAfter(), {}, countedResults, afterLocs);
    body.map.map(op.getAfterArguments(),
                 after->getArguments().take_front(numAfter));
    if (failed(forwardSweep(op.getAfter().front(), b, body, kPrimal)))
      return failure();
    SmallVector<Value> yields;
    for (Value value : op.getYieldOp().getOperands())
      yields.push_back(body.map.lookupOrDefault(value));
    yields.push_back(
        arith::AddIOp::create(b, loc, after->getArgument(numAfter), one));
    scf::YieldOp::create(b, loc, yields);
  }
  for (auto [i, result] : llvm::enumerate(op.getResults()))
    scope.map.map(result, counted.getResult(i));
  Value count = counted.getResult(numAfter);

  // Then replay the iterations as an scf.for that tapes the state each one
  // starts from.
  SmallVector<unsigned> taped;
  SmallVector<Value> replayInits(inits);
  for (auto [i, arg] : llvm::enumerate(op.getBeforeArguments())) {
    if (arg.use_empty())
      continue;
    taped.push_back(i);
    replayInits.push_back(ad::buildTape(b, loc, inits[i], count));
  }
  LogicalResult status = success();
  auto replay = scf::ForOp::create(
      b, loc, zero, count, one, replayInits,
      [&](OpBuilder &nb, Location, Value k, ValueRange args) {
        SmallVector<Value> tapes;
        for (auto [t, i] : llvm::enumerate(taped))
          tapes.push_back(
              ad::pushToTape(nb, loc, args[numBefore + t], args[i], k));
        Scope body = scope.nested();
        body.map.map(op.getBeforeArguments(), args.take_front(numBefore));
        status = forwardSweep(op.getBefore().front(), nb, body, kReplay);
        for (auto [arg, value] : llvm::zip_equal(op.getAfterArguments(),
                                                 op.getConditionOp().getArgs()))
          body.map.map(arg, body.map.lookupOrDefault(value));
        if (succeeded(status))
          status = forwardSweep(op.getAfter().front(), nb, body, kReplay);
        SmallVector<Value> yields;
        for (Value value : op.getYieldOp().getOperands())
          yields.push_back(body.map.lookupOrDefault(value));
        llvm::append_range(yields, tapes);
        scf::YieldOp::create(nb, loc, yields);
      });
  if (failed(status))
    return failure();

  LoopTape tape;
  tape.tripCount = count;
  tape.tapes.resize(numBefore);
  for (auto [t, i] : llvm::enumerate(taped))
    tape.tapes[i] = replay.getResult(numBefore + t);
  for (unsigned i = 0; i < numBefore; ++i)
    tape.finalState.push_back(replay.getResult(i));
  scope.loops[op] = std::move(tape);
  scope.clones[op] = counted;
  return success();
}

LogicalResult VjpEmitter::forwardCall(func::CallOp op, OpBuilder &b,
                                      Scope &scope) {
  func::FuncOp callee = diff.lookupFunction(op.getCallee());
  if (!callee)
    return op.emitError() << "cannot differentiate through call to unknown "
                             "function '@"
                          << op.getCallee() << "'";
  SmallVector<int64_t> activeArgs;
  for (auto [i, operand] : llvm::enumerate(op.getOperands()))
    if (activity.isActive(operand))
      activeArgs.push_back(i);
  FailureOr<VjpPair> pair = diff.getVjpPair(callee, activeArgs, op);
  if (failed(pair))
    return failure();
  SmallVector<Value> operands;
  for (Value operand : op.getOperands())
    operands.push_back(scope.map.lookup(operand));
  auto call = func::CallOp::create(b, op.getLoc(), pair->fwd, operands);
  unsigned numResults = op.getNumResults();
  for (auto [i, result] : llvm::enumerate(op.getResults()))
    scope.map.map(result, call.getResult(i));
  CallTape tape;
  tape.bwd = pair->bwd;
  tape.wrt = pair->wrt;
  llvm::append_range(tape.residuals, call.getResults().drop_front(numResults));
  scope.calls[op] = std::move(tape);
  scope.clones[op] = call;
  return success();
}

//===----------------------------------------------------------------------===//
// Reverse sweep
//===----------------------------------------------------------------------===//

LogicalResult VjpEmitter::reverseSweep(Block &block, OpBuilder &b, Scope &scope,
                                       Adjoints &adjoints) {
  for (Operation &op : llvm::reverse(block.without_terminator())) {
    if (!activity.hasActiveResult(&op))
      continue;
    LogicalResult status = success();
    if (auto forOp = dyn_cast<scf::ForOp>(op))
      status = reverseFor(forOp, b, scope, adjoints);
    else if (auto whileOp = dyn_cast<scf::WhileOp>(op))
      status = reverseWhile(whileOp, b, scope, adjoints);
    else if (auto ifOp = dyn_cast<scf::IfOp>(op))
      status = reverseIf(ifOp, b, scope, adjoints);
    else if (auto call = dyn_cast<func::CallOp>(op))
      status = reverseCall(call, b, scope, adjoints);
    else
      status = reverseGeneric(&op, b, scope, adjoints);
    if (failed(status))
      return failure();
  }
  return success();
}

LogicalResult VjpEmitter::reverseGeneric(Operation *op, OpBuilder &b,
                                         Scope &scope, Adjoints &adjoints) {
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
  if (operandAdjoints.size() != op->getNumOperands())
    return op->emitError() << "adjoint rule of '" << op->getName()
                           << "' returned " << operandAdjoints.size()
                           << " adjoints for " << op->getNumOperands()
                           << " operands";
  for (auto [operand, adjoint] :
       llvm::zip_equal(op->getOperands(), operandAdjoints)) {
    if (!adjoint || !activity.isActive(operand))
      continue;
    if (adjoint.getType() != operand.getType())
      return op->emitError()
             << "adjoint rule of '" << op->getName()
             << "' built an adjoint of type " << adjoint.getType()
             << " for an operand of type " << operand.getType();
    adjoints.add(b, op->getLoc(), operand, adjoint);
  }
  return success();
}

LogicalResult VjpEmitter::reverseFor(scf::ForOp op, OpBuilder &b, Scope &scope,
                                     Adjoints &adjoints) {
  Location loc = op.getLoc();
  const LoopTape &tape = scope.loops[op];
  SmallVector<unsigned> active;
  for (auto [i, arg] : llvm::enumerate(op.getRegionIterArgs()))
    if (activity.isActive(arg))
      active.push_back(i);
  SmallVector<Value> free = activity.activeFreeValues(op);

  // Carried: the adjoints of the active loop-carried values, then those of
  // the values the body reads from outside.
  SmallVector<Value> inits;
  for (unsigned i : active)
    inits.push_back(adjointOrZeros(b, loc, adjoints, scope, op.getResult(i)));
  for (Value value : free)
    inits.push_back(adjointOrZeros(b, loc, adjoints, scope, value));
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value last = arith::SubIOp::create(b, loc, tape.tripCount, one);

  LogicalResult status = success();
  auto loop = scf::ForOp::create(
      b, loc, zero, tape.tripCount, one, inits,
      [&](OpBuilder &nb, Location, Value j, ValueRange args) {
        // Iteration k = N - 1 - j, recomputed from its saved state.
        Value k = arith::SubIOp::create(nb, loc, last, j);
        Scope body = scope.nested();
        Value iv = op.getInductionVar();
        if (!iv.use_empty())
          body.map.map(iv, arith::AddIOp::create(
                               nb, loc, tape.lowerBound,
                               arith::MulIOp::create(nb, loc, k, tape.step)));
        for (auto [i, arg] : llvm::enumerate(op.getRegionIterArgs()))
          if (tape.tapes[i])
            body.map.map(arg, ad::readFromTape(nb, loc, tape.tapes[i],
                                               arg.getType(), k));
        status = forwardSweep(*op.getBody(), nb, body, kRecompute);
        Adjoints bodyAdjoints;
        for (auto [c, i] : llvm::enumerate(active))
          bodyAdjoints.add(nb, loc, op.getYieldedValues()[i], args[c]);
        if (succeeded(status))
          status = reverseSweep(*op.getBody(), nb, body, bodyAdjoints);
        SmallVector<Value> yields;
        for (auto [c, i] : llvm::enumerate(active))
          yields.push_back(ad::orZeros(
              nb, loc, bodyAdjoints.lookup(op.getRegionIterArgs()[i]),
              args[c]));
        for (auto [d, value] : llvm::enumerate(free))
          yields.push_back(ad::add(nb, loc, args[active.size() + d],
                                   bodyAdjoints.lookup(value)));
        scf::YieldOp::create(nb, loc, yields);
      });
  if (failed(status))
    return failure();

  for (auto [d, value] : llvm::enumerate(free))
    adjoints.set(value, loop.getResult(active.size() + d));
  for (auto [c, i] : llvm::enumerate(active))
    if (activity.isActive(op.getInitArgs()[i]))
      adjoints.add(b, loc, op.getInitArgs()[i], loop.getResult(c));
  return success();
}

LogicalResult VjpEmitter::reverseWhile(scf::WhileOp op, OpBuilder &b,
                                       Scope &scope, Adjoints &adjoints) {
  Location loc = op.getLoc();
  const LoopTape &tape = scope.loops[op];
  SmallVector<unsigned> activeBefore, activeAfter;
  for (auto [i, arg] : llvm::enumerate(op.getBeforeArguments()))
    if (activity.isActive(arg))
      activeBefore.push_back(i);
  for (auto [i, arg] : llvm::enumerate(op.getAfterArguments()))
    if (activity.isActive(arg))
      activeAfter.push_back(i);
  SmallVector<Value> free = activity.activeFreeValues(op);
  Block &beforeBlock = op.getBefore().front();
  Block &afterBlock = op.getAfter().front();
  scf::ConditionOp condition = op.getConditionOp();

  // The last evaluation of the condition region, at the final state, passed
  // the results on.
  Scope exit = scope.nested();
  exit.map.map(op.getBeforeArguments(), tape.finalState);
  if (failed(forwardSweep(beforeBlock, b, exit, kRecompute)))
    return failure();
  Adjoints exitAdjoints;
  for (unsigned i : activeAfter)
    exitAdjoints.add(b, loc, condition.getArgs()[i],
                     adjoints.lookup(op.getResult(i)));
  if (failed(reverseSweep(beforeBlock, b, exit, exitAdjoints)))
    return failure();

  SmallVector<Value> inits;
  for (unsigned i : activeBefore)
    inits.push_back(ad::orZeros(b, loc,
                                exitAdjoints.lookup(op.getBeforeArguments()[i]),
                                tape.finalState[i]));
  for (Value value : free)
    inits.push_back(ad::orZeros(
        b, loc,
        ad::add(b, loc, adjoints.lookup(value), exitAdjoints.lookup(value)),
        scope.map.lookup(value)));

  // Then every iteration, last first: recompute the condition and body
  // regions from the saved state and differentiate them.
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value last = arith::SubIOp::create(b, loc, tape.tripCount, one);
  LogicalResult status = success();
  auto loop = scf::ForOp::create(
      b, loc, zero, tape.tripCount, one, inits,
      [&](OpBuilder &nb, Location, Value j, ValueRange args) {
        Value k = arith::SubIOp::create(nb, loc, last, j);
        Scope body = scope.nested();
        for (auto [i, arg] : llvm::enumerate(op.getBeforeArguments()))
          if (tape.tapes[i])
            body.map.map(arg, ad::readFromTape(nb, loc, tape.tapes[i],
                                               arg.getType(), k));
        status = forwardSweep(beforeBlock, nb, body, kRecompute);
        for (auto [arg, value] :
             llvm::zip_equal(op.getAfterArguments(), condition.getArgs()))
          body.map.map(arg, body.map.lookupOrDefault(value));
        if (succeeded(status))
          status = forwardSweep(afterBlock, nb, body, kRecompute);
        Adjoints bodyAdjoints;
        for (auto [c, i] : llvm::enumerate(activeBefore))
          bodyAdjoints.add(nb, loc, op.getYieldOp().getOperand(i), args[c]);
        if (succeeded(status))
          status = reverseSweep(afterBlock, nb, body, bodyAdjoints);
        for (unsigned i : activeAfter)
          bodyAdjoints.add(nb, loc, condition.getArgs()[i],
                           bodyAdjoints.lookup(op.getAfterArguments()[i]));
        if (succeeded(status))
          status = reverseSweep(beforeBlock, nb, body, bodyAdjoints);
        SmallVector<Value> yields;
        for (auto [c, i] : llvm::enumerate(activeBefore))
          yields.push_back(ad::orZeros(
              nb, loc, bodyAdjoints.lookup(op.getBeforeArguments()[i]),
              args[c]));
        for (auto [d, value] : llvm::enumerate(free))
          yields.push_back(ad::add(nb, loc, args[activeBefore.size() + d],
                                   bodyAdjoints.lookup(value)));
        scf::YieldOp::create(nb, loc, yields);
      });
  if (failed(status))
    return failure();

  for (auto [d, value] : llvm::enumerate(free))
    adjoints.set(value, loop.getResult(activeBefore.size() + d));
  for (auto [c, i] : llvm::enumerate(activeBefore))
    if (activity.isActive(op.getInits()[i]))
      adjoints.add(b, loc, op.getInits()[i], loop.getResult(c));
  return success();
}

LogicalResult VjpEmitter::reverseIf(scf::IfOp op, OpBuilder &b, Scope &scope,
                                    Adjoints &adjoints) {
  Location loc = op.getLoc();
  SmallVector<Value> free = activity.activeFreeValues(op);
  if (free.empty())
    return success();
  SmallVector<Type> types;
  for (Value value : free)
    types.push_back(value.getType());
  auto ifOp =
      scf::IfOp::create(b, loc, types, scope.map.lookup(op.getCondition()),
                        /*addThenBlock=*/true, /*addElseBlock=*/true);
  OpBuilder::InsertionGuard guard(b);
  auto emitBranch = [&](Block &from, Block *to) -> LogicalResult {
    b.setInsertionPointToStart(to);
    Scope branch = scope.nested();
    if (failed(forwardSweep(from, b, branch, kRecompute)))
      return failure();
    auto yield = cast<scf::YieldOp>(from.getTerminator());
    Adjoints branchAdjoints;
    for (auto [result, value] :
         llvm::zip_equal(op.getResults(), yield.getOperands()))
      if (activity.isActive(result))
        branchAdjoints.add(b, loc, value, adjoints.lookup(result));
    if (failed(reverseSweep(from, b, branch, branchAdjoints)))
      return failure();
    SmallVector<Value> yields;
    for (Value value : free)
      yields.push_back(adjointOrZeros(b, loc, branchAdjoints, scope, value));
    scf::YieldOp::create(b, loc, yields);
    return success();
  };
  if (failed(emitBranch(*op.thenBlock(), ifOp.thenBlock())) ||
      failed(emitBranch(*op.elseBlock(), ifOp.elseBlock())))
    return failure();
  b.setInsertionPointAfter(ifOp);
  for (auto [value, adjoint] : llvm::zip_equal(free, ifOp.getResults()))
    adjoints.add(b, loc, value, adjoint);
  return success();
}

LogicalResult VjpEmitter::reverseCall(func::CallOp op, OpBuilder &b,
                                      Scope &scope, Adjoints &adjoints) {
  Location loc = op.getLoc();
  const CallTape &tape = scope.calls[op];
  SmallVector<Value> operands(tape.residuals);
  for (Value result : op.getResults())
    operands.push_back(adjointOrZeros(b, loc, adjoints, scope, result));
  auto call = func::CallOp::create(b, loc, tape.bwd, operands);
  for (auto [k, index] : llvm::enumerate(tape.wrt)) {
    Value operand = op.getOperand(index);
    if (activity.isActive(operand))
      adjoints.add(b, loc, operand, call.getResult(k));
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

/// Reads and checks the custom_vjp rule of `f`, if it has one.
static FailureOr<std::optional<VjpPair>> getCustomVjp(Differentiator &diff,
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

FailureOr<func::FuncOp> Differentiator::getVjp(func::FuncOp f,
                                               ArrayRef<int64_t> wrt,
                                               Operation *requester) {
  Key key{f.getSymName().str(), std::vector<int64_t>(wrt.begin(), wrt.end())};
  if (auto it = vjps.find(key); it != vjps.end())
    return it->second;
  FailureOr<std::optional<VjpPair>> custom = getCustomVjp(*this, f);
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
  FailureOr<std::optional<VjpPair>> custom = getCustomVjp(*this, f);
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

//===- ControlFlowAD.cpp - AD of the scf region ops -----------------------===//
//
// The derivatives of scf.for, scf.while and scf.if, as ControlFlowAD
// specializations behind the shared model of ControlFlowModel.h. Forward
// mode carries tangents next to the primal values. Reverse mode tapes the
// state each loop iteration starts from and runs a reverse loop that
// recomputes each iteration from it before differentiating it; scf.if
// recomputes the branch taken. The loop logic they share is in LoopAD.cpp.
//
//===----------------------------------------------------------------------===//

#include "ControlFlowModel.h"
#include "LoopAD.h"
#include "Tape.h"
#include "nabla/Derivatives/ADBuilders.h"
#include "nabla/Derivatives/ADModels.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::nabla;
using namespace mlir::nabla::ad;

//===----------------------------------------------------------------------===//
// scf::ForOp
//===----------------------------------------------------------------------===//

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

namespace mlir::nabla::ad {
template <> struct ControlFlowAD<scf::ForOp> {
  static void propagateVaried(scf::ForOp op, ActivitySet &varied) {
    for (auto [init, arg, yielded, result] :
         llvm::zip_equal(op.getInitArgs(), op.getRegionIterArgs(),
                         op.getYieldedValues(), op.getResults()))
      flowActivity(varied, {init, yielded}, {arg, result});
  }

  static void propagateUseful(scf::ForOp op, ActivitySet &useful) {
    for (auto [init, arg, yielded, result] :
         llvm::zip_equal(op.getInitArgs(), op.getRegionIterArgs(),
                         op.getYieldedValues(), op.getResults()))
      flowActivity(useful, {arg, result}, {init, arg, yielded, result});
  }

  static LogicalResult emitTangents(scf::ForOp op, OpBuilder &b,
                                    TangentDriver &driver) {
    Location loc = op.getLoc();
    IRMapping &map = driver.mapping();
    SmallVector<unsigned> active = activePositions(
        op.getRegionIterArgs(), [&](Value v) { return driver.isActive(v); });
    SmallVector<Value> inits =
        withTangents(b, loc, driver, op.getInitArgs(), active);
    LogicalResult status = success();
    auto loop = scf::ForOp::create(
        b, loc, map.lookup(op.getLowerBound()), map.lookup(op.getUpperBound()),
        map.lookup(op.getStep()), inits,
        [&](OpBuilder &nb, Location, Value iv, ValueRange args) {
          map.map(op.getInductionVar(), iv);
          mapWithTangents(driver, op.getRegionIterArgs(), args, active);
          status = driver.emitBlock(*op.getBody(), nb);
          SmallVector<Value> yields =
              withTangents(nb, loc, driver, op.getYieldedValues(),
                           succeeded(status) ? active : ArrayRef<unsigned>());
          scf::YieldOp::create(nb, loc, yields);
        });
    if (failed(status))
      return failure();
    mapWithTangents(driver, op.getResults(), loop.getResults(), active);
    return success();
  }

  static LogicalResult emitTapedPrimal(scf::ForOp op, OpBuilder &b,
                                       AdjointDriver &driver,
                                       SweepScope &scope) {
    Value lb = scope.map.lookup(op.getLowerBound());
    Value ub = scope.map.lookup(op.getUpperBound());
    Value step = scope.map.lookup(op.getStep());
    if (!op.getInductionVar().getType().isIndex())
      return op.emitError() << "cannot differentiate a loop whose induction "
                               "variable is not an 'index'";
    Location loc = op.getLoc();
    Value count = buildTripCount(b, loc, lb, ub, step);

    // Tape every loop-carried value the body reads.
    unsigned numCarried = op.getNumRegionIterArgs();
    SmallVector<Value> inits;
    for (Value init : op.getInitArgs())
      inits.push_back(scope.map.lookup(init));
    StateTaping taping(b, loc, op.getRegionIterArgs(), count, inits);

    LogicalResult status = success();
    auto loop = scf::ForOp::create(
        b, loc, lb, ub, step, inits,
        [&](OpBuilder &nb, Location, Value iv, ValueRange args) {
          Value k = iterationNumber(nb, loc, iv, lb, step);
          SmallVector<Value> tapes = taping.push(nb, loc, args, k);
          SweepScope body = scope.nested();
          body.map.map(op.getInductionVar(), iv);
          body.map.map(op.getRegionIterArgs(), args.take_front(numCarried));
          status = driver.forwardSweep(*op.getBody(), nb, body, kPrimal);
          SmallVector<Value> yields;
          for (Value value : op.getYieldedValues())
            yields.push_back(body.map.lookupOrDefault(value));
          llvm::append_range(yields, tapes);
          scf::YieldOp::create(nb, loc, yields);
        });
    if (failed(status))
      return failure();

    scope.map.map(op.getResults(), loop.getResults().take_front(numCarried));
    scope.tapes[op] = LoopTape{count, lb, step, taping.tapes(loop), {}}.pack();
    return success();
  }

  static LogicalResult emitAdjoints(scf::ForOp op, OpBuilder &b,
                                    AdjointDriver &driver, SweepScope &scope,
                                    Adjoints &adjoints) {
    SmallVector<unsigned> active = activePositions(
        op.getRegionIterArgs(), [&](Value v) { return driver.isActive(v); });
    SmallVector<Value> free = driver.activeFreeValues(op);
    Location loc = op.getLoc();
    LoopTape tape =
        LoopTape::unpack(scope.tapes[op], op.getNumRegionIterArgs());

    // Carried: the adjoints of the active loop-carried values, then those of
    // the values the body reads from outside.
    SmallVector<Value> carried;
    for (unsigned i : active)
      carried.push_back(adjoints.lookupOrZeros(b, loc, op.getResult(i), scope));
    for (Value value : free)
      carried.push_back(adjoints.lookupOrZeros(b, loc, value, scope));

    auto recompute = [&](OpBuilder &nb, Value k, SweepScope &body) {
      Value iv = op.getInductionVar();
      if (!iv.use_empty())
        body.map.map(iv, arith::AddIOp::create(
                             nb, loc, tape.lowerBound,
                             arith::MulIOp::create(nb, loc, k, tape.step)));
      readState(nb, loc, body, op.getRegionIterArgs(), tape.tapes, k);
      return driver.forwardSweep(*op.getBody(), nb, body, kRecompute);
    };
    auto reverse = [&](OpBuilder &nb, SweepScope &body,
                       Adjoints &bodyAdjoints) {
      return driver.reverseSweep(*op.getBody(), nb, body, bodyAdjoints);
    };
    return buildReverseLoop(b, op, driver, scope, adjoints, tape.tripCount,
                            carried, op.getInitArgs(), op.getRegionIterArgs(),
                            op.getYieldedValues(), active, free,
                            ReverseIteration{recompute, reverse});
  }
};

//===----------------------------------------------------------------------===//
// scf::WhileOp
//===----------------------------------------------------------------------===//

template <> struct ControlFlowAD<scf::WhileOp> {
  static void propagateVaried(scf::WhileOp op, ActivitySet &varied) {
    for (auto [init, arg, yielded] :
         llvm::zip_equal(op.getInits(), op.getBeforeArguments(),
                         op.getYieldOp().getOperands()))
      flowActivity(varied, {init, yielded}, {arg});
    for (auto [forwarded, arg, result] :
         llvm::zip_equal(op.getConditionOp().getArgs(), op.getAfterArguments(),
                         op.getResults()))
      flowActivity(varied, {forwarded}, {arg, result});
  }

  static void propagateUseful(scf::WhileOp op, ActivitySet &useful) {
    for (auto [init, arg, yielded] :
         llvm::zip_equal(op.getInits(), op.getBeforeArguments(),
                         op.getYieldOp().getOperands()))
      flowActivity(useful, {init, arg, yielded}, {init, arg, yielded});
    for (auto [forwarded, arg, result] :
         llvm::zip_equal(op.getConditionOp().getArgs(), op.getAfterArguments(),
                         op.getResults()))
      flowActivity(useful, {forwarded, arg, result}, {forwarded, arg, result});
  }

  static LogicalResult emitTangents(scf::WhileOp op, OpBuilder &b,
                                    TangentDriver &driver) {
    Location loc = op.getLoc();
    IRMapping &map = driver.mapping();
    auto isActive = [&](Value v) { return driver.isActive(v); };
    SmallVector<unsigned> activeBefore =
        activePositions(op.getBeforeArguments(), isActive);
    SmallVector<unsigned> activeAfter =
        activePositions(op.getAfterArguments(), isActive);

    SmallVector<Value> inits =
        withTangents(b, loc, driver, op.getInits(), activeBefore);
    SmallVector<Type> resultTypes(op.getResultTypes());
    for (unsigned i : activeAfter)
      resultTypes.push_back(op.getResult(i).getType());

    auto loop = scf::WhileOp::create(b, loc, resultTypes, inits);
    OpBuilder::InsertionGuard guard(b);

    // Builds the block of `to` with arguments of `types`, which carry the
    // arguments of the block of `from` and the tangents of those at
    // `active`, and clones the ops of `from` into it.
    auto emitRegion = [&](Region &from, Region &to, TypeRange types,
                          ArrayRef<unsigned> active) {
      SmallVector<Location> locs(types.size(), loc);
      Block *block = b.createBlock(&to, {}, types, locs);
      mapWithTangents(driver, from.getArguments(), block->getArguments(),
                      active);
      return driver.emitBlock(from.front(), b);
    };

    // Before region: primal condition plus the tangents of the forwarded
    // values.
    if (failed(emitRegion(op.getBefore(), loop.getBefore(),
                          TypeRange(ValueRange(inits)), activeBefore)))
      return failure();
    scf::ConditionOp condition = op.getConditionOp();
    SmallVector<Value> forwarded =
        withTangents(b, loc, driver, condition.getArgs(), activeAfter);
    scf::ConditionOp::create(b, condition.getLoc(),
                             map.lookup(condition.getCondition()), forwarded);

    // After region: primal body plus the tangents of the next iteration.
    if (failed(emitRegion(op.getAfter(), loop.getAfter(), resultTypes,
                          activeAfter)))
      return failure();
    scf::YieldOp yield = op.getYieldOp();
    SmallVector<Value> yields =
        withTangents(b, loc, driver, yield.getOperands(), activeBefore);
    scf::YieldOp::create(b, yield.getLoc(), yields);

    mapWithTangents(driver, op.getResults(), loop.getResults(), activeAfter);
    return success();
  }

  static LogicalResult emitTapedPrimal(scf::WhileOp op, OpBuilder &b,
                                       AdjointDriver &driver,
                                       SweepScope &scope) {
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
      SweepScope body = scope.nested();
      body.map.map(op.getBeforeArguments(),
                   before->getArguments().take_front(numBefore));
      if (failed(driver.forwardSweep(op.getBefore().front(), b, body, kPrimal)))
        return failure();
      scf::ConditionOp condition = op.getConditionOp();
      SmallVector<Value> forwarded;
      for (Value value : condition.getArgs())
        forwarded.push_back(body.map.lookupOrDefault(value));
      forwarded.push_back(before->getArgument(numBefore));
      scf::ConditionOp::create(
          b, loc, body.map.lookupOrDefault(condition.getCondition()),
          forwarded);

      SmallVector<Location> afterLocs(countedResults.size(), loc);
      Block *after =
          b.createBlock(&counted.getAfter(), {}, countedResults, afterLocs);
      body.map.map(op.getAfterArguments(),
                   after->getArguments().take_front(numAfter));
      if (failed(driver.forwardSweep(op.getAfter().front(), b, body, kPrimal)))
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
    SmallVector<Value> replayInits(inits);
    StateTaping taping(b, loc, op.getBeforeArguments(), count, replayInits);
    LogicalResult status = success();
    auto replay = scf::ForOp::create(
        b, loc, zero, count, one, replayInits,
        [&](OpBuilder &nb, Location, Value k, ValueRange args) {
          SmallVector<Value> tapes = taping.push(nb, loc, args, k);
          SweepScope body = scope.nested();
          body.map.map(op.getBeforeArguments(), args.take_front(numBefore));
          status =
              driver.forwardSweep(op.getBefore().front(), nb, body, kReplay);
          for (auto [arg, value] : llvm::zip_equal(
                   op.getAfterArguments(), op.getConditionOp().getArgs()))
            body.map.map(arg, body.map.lookupOrDefault(value));
          if (succeeded(status))
            status =
                driver.forwardSweep(op.getAfter().front(), nb, body, kReplay);
          SmallVector<Value> yields;
          for (Value value : op.getYieldOp().getOperands())
            yields.push_back(body.map.lookupOrDefault(value));
          llvm::append_range(yields, tapes);
          scf::YieldOp::create(nb, loc, yields);
        });
    if (failed(status))
      return failure();

    // The state after the last iteration, for the last condition.
    SmallVector<Value> finalState(replay.getResults().take_front(numBefore));
    scope.tapes[op] =
        LoopTape{count, {}, {}, taping.tapes(replay), finalState}.pack();
    return success();
  }

  static LogicalResult emitAdjoints(scf::WhileOp op, OpBuilder &b,
                                    AdjointDriver &driver, SweepScope &scope,
                                    Adjoints &adjoints) {
    Location loc = op.getLoc();
    LoopTape tape =
        LoopTape::unpack(scope.tapes[op], op.getBeforeArguments().size());
    auto isActive = [&](Value v) { return driver.isActive(v); };
    SmallVector<unsigned> activeBefore =
        activePositions(op.getBeforeArguments(), isActive);
    SmallVector<unsigned> activeAfter =
        activePositions(op.getAfterArguments(), isActive);
    SmallVector<Value> free = driver.activeFreeValues(op);
    Block &beforeBlock = op.getBefore().front();
    Block &afterBlock = op.getAfter().front();
    scf::ConditionOp condition = op.getConditionOp();

    // The last evaluation of the condition region, at the final state,
    // passed the results on.
    SweepScope exit = scope.nested();
    exit.map.map(op.getBeforeArguments(), tape.finalState);
    if (failed(driver.forwardSweep(beforeBlock, b, exit, kRecompute)))
      return failure();
    Adjoints exitAdjoints;
    for (unsigned i : activeAfter)
      exitAdjoints.add(b, loc, condition.getArgs()[i],
                       adjoints.lookup(op.getResult(i)));
    if (failed(driver.reverseSweep(beforeBlock, b, exit, exitAdjoints)))
      return failure();

    SmallVector<Value> carried;
    for (unsigned i : activeBefore)
      carried.push_back(orZeros(b, loc,
                                exitAdjoints.lookup(op.getBeforeArguments()[i]),
                                tape.finalState[i]));
    for (Value value : free)
      carried.push_back(orZeros(
          b, loc,
          add(b, loc, adjoints.lookup(value), exitAdjoints.lookup(value)),
          scope.map.lookup(value)));

    // Then every iteration, last first: recompute the condition and body
    // regions from the saved state and differentiate them.
    auto recompute = [&](OpBuilder &nb, Value k, SweepScope &body) {
      readState(nb, loc, body, op.getBeforeArguments(), tape.tapes, k);
      LogicalResult status =
          driver.forwardSweep(beforeBlock, nb, body, kRecompute);
      for (auto [arg, value] :
           llvm::zip_equal(op.getAfterArguments(), condition.getArgs()))
        body.map.map(arg, body.map.lookupOrDefault(value));
      if (succeeded(status))
        status = driver.forwardSweep(afterBlock, nb, body, kRecompute);
      return status;
    };
    auto reverse = [&](OpBuilder &nb, SweepScope &body,
                       Adjoints &bodyAdjoints) {
      LogicalResult status =
          driver.reverseSweep(afterBlock, nb, body, bodyAdjoints);
      for (unsigned i : activeAfter)
        bodyAdjoints.add(nb, loc, condition.getArgs()[i],
                         bodyAdjoints.lookup(op.getAfterArguments()[i]));
      if (succeeded(status))
        status = driver.reverseSweep(beforeBlock, nb, body, bodyAdjoints);
      return status;
    };
    return buildReverseLoop(b, op, driver, scope, adjoints, tape.tripCount,
                            carried, op.getInits(), op.getBeforeArguments(),
                            op.getYieldOp().getOperands(), activeBefore, free,
                            ReverseIteration{recompute, reverse});
  }
};

} // namespace mlir::nabla::ad

//===----------------------------------------------------------------------===//
// scf::IfOp
//===----------------------------------------------------------------------===//

/// The values the branches of `op` yield for its result `i`.
static SmallVector<Value> branchValues(scf::IfOp op, unsigned i) {
  SmallVector<Value> values{op.thenYield().getOperand(i)};
  if (op.elseBlock())
    values.push_back(op.elseYield().getOperand(i));
  return values;
}

namespace mlir::nabla::ad {
template <> struct ControlFlowAD<scf::IfOp> {
  static void propagateVaried(scf::IfOp op, ActivitySet &varied) {
    for (auto [i, result] : llvm::enumerate(op.getResults()))
      flowActivity(varied, branchValues(op, i), {result});
  }

  static void propagateUseful(scf::IfOp op, ActivitySet &useful) {
    for (auto [i, result] : llvm::enumerate(op.getResults()))
      flowActivity(useful, {result}, branchValues(op, i));
  }

  static LogicalResult emitTangents(scf::IfOp op, OpBuilder &b,
                                    TangentDriver &driver) {
    Location loc = op.getLoc();
    SmallVector<unsigned> active = activePositions(
        op.getResults(), [&](Value v) { return driver.isActive(v); });
    SmallVector<Type> resultTypes(op.getResultTypes());
    for (unsigned i : active)
      resultTypes.push_back(op.getResult(i).getType());

    auto ifOp = scf::IfOp::create(b, loc, resultTypes,
                                  driver.mapping().lookup(op.getCondition()),
                                  /*addThenBlock=*/true, /*addElseBlock=*/true);
    OpBuilder::InsertionGuard guard(b);
    auto emitBranch = [&](Block &from, Block *to) -> LogicalResult {
      b.setInsertionPointToStart(to);
      if (failed(driver.emitBlock(from, b)))
        return failure();
      auto yield = cast<scf::YieldOp>(from.getTerminator());
      SmallVector<Value> yields =
          withTangents(b, loc, driver, yield.getOperands(), active);
      scf::YieldOp::create(b, yield.getLoc(), yields);
      return success();
    };
    // An scf.if with active results has results, hence an else branch.
    if (failed(emitBranch(*op.thenBlock(), ifOp.thenBlock())) ||
        failed(emitBranch(*op.elseBlock(), ifOp.elseBlock())))
      return failure();
    mapWithTangents(driver, op.getResults(), ifOp.getResults(), active);
    return success();
  }

  /// Taped as it is: the reverse sweep recomputes the branch taken.
  static LogicalResult emitTapedPrimal(scf::IfOp op, OpBuilder &b,
                                       AdjointDriver &, SweepScope &scope) {
    b.clone(*op.getOperation(), scope.map);
    return success();
  }

  static LogicalResult emitAdjoints(scf::IfOp op, OpBuilder &b,
                                    AdjointDriver &driver, SweepScope &scope,
                                    Adjoints &adjoints) {
    Location loc = op.getLoc();
    SmallVector<Value> free = driver.activeFreeValues(op);
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
      SweepScope branch = scope.nested();
      if (failed(driver.forwardSweep(from, b, branch, kRecompute)))
        return failure();
      auto yield = cast<scf::YieldOp>(from.getTerminator());
      Adjoints branchAdjoints;
      for (auto [result, value] :
           llvm::zip_equal(op.getResults(), yield.getOperands()))
        if (driver.isActive(result))
          branchAdjoints.add(b, loc, value, adjoints.lookup(result));
      if (failed(driver.reverseSweep(from, b, branch, branchAdjoints)))
        return failure();
      SmallVector<Value> yields;
      for (Value value : free)
        yields.push_back(branchAdjoints.lookupOrZeros(b, loc, value, scope));
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
};
} // namespace mlir::nabla::ad

void mlir::nabla::attachControlFlowADModels(MLIRContext *context) {
  scf::ForOp::attachInterface<ControlFlowModel<scf::ForOp>>(*context);
  scf::WhileOp::attachInterface<ControlFlowModel<scf::WhileOp>>(*context);
  scf::IfOp::attachInterface<ControlFlowModel<scf::IfOp>>(*context);
}

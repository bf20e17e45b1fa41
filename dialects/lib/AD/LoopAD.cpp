//===- LoopAD.cpp - Loop-carried values in AD models ----------------------===//
//
// Implements the helpers declared in LoopAD.h that the scf.for and scf.while
// models share.
//
//===----------------------------------------------------------------------===//

#include "LoopAD.h"

#include "Tape.h"
#include "nabla/Derivatives/ADBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::nabla;

void ad::flowActivity(ActivitySet &set, ArrayRef<Value> from,
                      ArrayRef<Value> to) {
  if (llvm::none_of(from, [&](Value value) { return set.contains(value); }))
    return;
  for (Value value : to)
    set.mark(value);
}

SmallVector<unsigned>
ad::activePositions(ValueRange values,
                    llvm::function_ref<bool(Value)> isActive) {
  SmallVector<unsigned> active;
  for (auto [i, value] : llvm::enumerate(values))
    if (isActive(value))
      active.push_back(i);
  return active;
}

SmallVector<Value> ad::withTangents(OpBuilder &b, Location loc,
                                    TangentDriver &driver, ValueRange values,
                                    ArrayRef<unsigned> active) {
  SmallVector<Value> result;
  for (Value value : values)
    result.push_back(driver.mapping().lookup(value));
  for (unsigned i : active)
    result.push_back(driver.tangentOrZeros(b, loc, values[i]));
  return result;
}

void ad::mapWithTangents(TangentDriver &driver, ValueRange values,
                         ValueRange clones, ArrayRef<unsigned> active) {
  unsigned count = values.size();
  for (auto [value, clone] : llvm::zip(values, clones.take_front(count)))
    driver.mapping().map(value, clone);
  for (auto [k, i] : llvm::enumerate(active))
    driver.setTangent(values[i], clones[count + k]);
}

//===----------------------------------------------------------------------===//
// LoopTape, StateTaping
//===----------------------------------------------------------------------===//

SmallVector<Value> ad::LoopTape::pack() const {
  SmallVector<Value> values{tripCount, lowerBound, step};
  llvm::append_range(values, tapes);
  llvm::append_range(values, finalState);
  return values;
}

ad::LoopTape ad::LoopTape::unpack(ArrayRef<Value> values,
                                  unsigned numPositions) {
  LoopTape tape;
  tape.tripCount = values[0];
  tape.lowerBound = values[1];
  tape.step = values[2];
  llvm::append_range(tape.tapes, values.slice(3, numPositions));
  llvm::append_range(tape.finalState, values.drop_front(3 + numPositions));
  return tape;
}

ad::StateTaping::StateTaping(OpBuilder &b, Location loc, ValueRange state,
                             Value count, SmallVectorImpl<Value> &inits)
    : numState(state.size()) {
  for (auto [i, arg] : llvm::enumerate(state)) {
    if (arg.use_empty())
      continue;
    taped.push_back(i);
    inits.push_back(buildTape(b, loc, inits[i], count));
  }
}

SmallVector<Value> ad::StateTaping::push(OpBuilder &b, Location loc,
                                         ValueRange args, Value k) const {
  SmallVector<Value> tapes;
  for (auto [t, i] : llvm::enumerate(taped))
    tapes.push_back(pushToTape(b, loc, args[numState + t], args[i], k));
  return tapes;
}

SmallVector<Value> ad::StateTaping::tapes(Operation *loop) const {
  SmallVector<Value> tapes(numState);
  for (auto [t, i] : llvm::enumerate(taped))
    tapes[i] = loop->getResult(numState + t);
  return tapes;
}

void ad::readState(OpBuilder &b, Location loc, SweepScope &scope,
                   ValueRange state, ArrayRef<Value> tapes, Value k) {
  for (auto [i, arg] : llvm::enumerate(state))
    if (tapes[i])
      scope.map.map(arg, readFromTape(b, loc, tapes[i], arg.getType(), k));
}

//===----------------------------------------------------------------------===//
// buildReverseLoop
//===----------------------------------------------------------------------===//

LogicalResult ad::buildReverseLoop(OpBuilder &b, Operation *op,
                                   AdjointDriver &driver, SweepScope &scope,
                                   Adjoints &adjoints, Value tripCount,
                                   ArrayRef<Value> carried, ValueRange inits,
                                   ValueRange state, ValueRange yielded,
                                   ArrayRef<unsigned> active,
                                   ArrayRef<Value> free,
                                   const ReverseIteration &iteration) {
  Location loc = op->getLoc();
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value last = arith::SubIOp::create(b, loc, tripCount, one);
  LogicalResult status = success();
  auto loop = scf::ForOp::create(
      b, loc, zero, tripCount, one, carried,
      [&](OpBuilder &nb, Location, Value j, ValueRange args) {
        // Iteration k = N - 1 - j, recomputed from its saved state.
        Value k = arith::SubIOp::create(nb, loc, last, j);
        SweepScope body = scope.nested();
        status = iteration.recompute(nb, k, body);
        Adjoints bodyAdjoints;
        for (auto [c, i] : llvm::enumerate(active))
          bodyAdjoints.add(nb, loc, yielded[i], args[c]);
        if (succeeded(status))
          status = iteration.reverse(nb, body, bodyAdjoints);
        SmallVector<Value> yields;
        for (auto [c, i] : llvm::enumerate(active))
          yields.push_back(
              orZeros(nb, loc, bodyAdjoints.lookup(state[i]), args[c]));
        for (auto [d, value] : llvm::enumerate(free))
          yields.push_back(add(nb, loc, args[active.size() + d],
                               bodyAdjoints.lookup(value)));
        scf::YieldOp::create(nb, loc, yields);
      });
  if (failed(status))
    return failure();

  for (auto [d, value] : llvm::enumerate(free))
    adjoints.set(value, loop.getResult(active.size() + d));
  for (auto [c, i] : llvm::enumerate(active))
    if (driver.isActive(inits[i]))
      adjoints.add(b, loc, inits[i], loop.getResult(c));
  return success();
}

//===- LoopAD.h - Loop-carried values in AD models --------------*- C++ -*-===//
//
// Private to dialects/lib/AD: what the scf.for and scf.while models
// (ControlFlowAD.cpp) share: activity that flows through loop-carried
// positions, primal values carried next to their tangents, the tapes of
// per-iteration state, and the reverse loop that runs the iterations last
// first.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_AD_LOOPAD_H
#define NABLA_LIB_AD_LOOPAD_H

#include "nabla/Derivatives/ADDriver.h"

#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlir::nabla::ad {

/// Activity through one loop-carried position (or branch result): if any of
/// `from` is in `set`, marks all of `to`.
void flowActivity(ActivitySet &set, ArrayRef<Value> from, ArrayRef<Value> to);

/// The positions of `values` that are active.
SmallVector<unsigned> activePositions(ValueRange values,
                                      llvm::function_ref<bool(Value)> isActive);

/// The clones of the primal `values`, then the tangents of those at
/// `active`.
SmallVector<Value> withTangents(OpBuilder &b, Location loc,
                                TangentDriver &driver, ValueRange values,
                                ArrayRef<unsigned> active);

/// Maps the primal `values` to the first `values.size()` of `clones` and
/// gives those at `active` the tangents that follow, in order.
void mapWithTangents(TangentDriver &driver, ValueRange values,
                     ValueRange clones, ArrayRef<unsigned> active);

/// What the forward sweep of reverse mode saved for one loop, as stored in
/// SweepScope::tapes.
struct LoopTape {
  Value tripCount;
  /// scf.for only: the bounds, to rebuild the induction variable.
  Value lowerBound, step;
  /// One tape per loop-carried position (null for positions not taped).
  SmallVector<Value> tapes;
  /// scf.while only: the before-region arguments after the last iteration.
  SmallVector<Value> finalState;

  SmallVector<Value> pack() const;
  /// The tape of a loop with `numPositions` loop-carried positions.
  static LoopTape unpack(ArrayRef<Value> values, unsigned numPositions);
};

/// Tapes the state each iteration of a loop starts from: one tape per
/// region argument in `state` that the loop reads, carried by the taping
/// loop after its primal loop-carried values.
class StateTaping {
public:
  /// `inits` starts with the initial values of `state`; appends one tape of
  /// `count` entries like the initial value per argument the loop reads.
  StateTaping(OpBuilder &b, Location loc, ValueRange state, Value count,
              SmallVectorImpl<Value> &inits);
  /// In the taping loop's body, whose arguments are `args`: writes the state
  /// at iteration `k`; returns the new tapes, to yield after the primal
  /// values.
  SmallVector<Value> push(OpBuilder &b, Location loc, ValueRange args,
                          Value k) const;
  /// The tapes per position of `state`, from the results of the taping
  /// `loop`.
  SmallVector<Value> tapes(Operation *loop) const;

private:
  unsigned numState;
  SmallVector<unsigned> taped;
};

/// Maps each argument of `state` that has a tape to its entry `k`.
void readState(OpBuilder &b, Location loc, SweepScope &scope, ValueRange state,
               ArrayRef<Value> tapes, Value k);

/// How the reverse loop of a primal loop recomputes and differentiates one
/// iteration `k` in the scope `body`.
struct ReverseIteration {
  /// Maps the state of iteration `k` and recomputes it.
  llvm::function_ref<LogicalResult(OpBuilder &, Value k, SweepScope &body)>
      recompute;
  /// Differentiates the recomputed iteration, its yielded values seeded.
  llvm::function_ref<LogicalResult(OpBuilder &, SweepScope &body,
                                   Adjoints &bodyAdjoints)>
      reverse;
};

/// The reverse loop of the primal loop `op`: an scf.for over its `tripCount`
/// iterations, last first. It carries the adjoints of the positions `active`
/// of the loop-carried state (`inits`, the region arguments `state` and the
/// values `yielded` for the next iteration), then those of `free`, the
/// active values the regions read from outside; `carried` holds their
/// initial values, in that order. Afterwards, adds the adjoints of `inits`
/// and sets those of `free` in `adjoints`.
LogicalResult buildReverseLoop(OpBuilder &b, Operation *op,
                               AdjointDriver &driver, SweepScope &scope,
                               Adjoints &adjoints, Value tripCount,
                               ArrayRef<Value> carried, ValueRange inits,
                               ValueRange state, ValueRange yielded,
                               ArrayRef<unsigned> active, ArrayRef<Value> free,
                               const ReverseIteration &iteration);

} // namespace mlir::nabla::ad

#endif // NABLA_LIB_AD_LOOPAD_H

//===- ADDriver.h - What control-flow AD models see of the driver -*- C++ -*-//
//
// The autodiff driver (compiler/lib/AD) as the ControlFlowADOpInterface
// models of region and call ops see it: abstract callbacks through which a
// model differentiates the blocks nested in its op and reaches the derivative
// functions of a callee, and the state of one reverse-mode sweep they share.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_DERIVATIVES_ADDRIVER_H
#define NABLA_DERIVATIVES_ADDRIVER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::nabla {

/// One of the two sets that activity analysis grows to a fixed point:
/// the varied values (flowing forward) or the useful ones (flowing
/// backward).
class ActivitySet {
public:
  virtual ~ActivitySet();
  virtual bool contains(Value value) const = 0;
  /// Adds `value` if it can carry a derivative.
  virtual void mark(Value value) = 0;
};

/// A function split for reverse mode at a call site: `fwd` takes the
/// arguments and returns the results followed by `numResiduals` residuals;
/// `bwd` takes the residuals followed by one cotangent per result and returns
/// the cotangents of the arguments listed in `wrt`, in that order.
struct VjpPair {
  func::FuncOp fwd;
  func::FuncOp bwd;
  unsigned numResiduals = 0;
  SmallVector<int64_t> wrt;
};

/// The forward-mode driver: one mapping from primal values to their clones
/// and one from primal values to their tangents.
class TangentDriver {
public:
  virtual ~TangentDriver();
  /// True if the primal `value` carries a tangent.
  virtual bool isActive(Value value) const = 0;
  /// Primal values to the values they became in the derivative function.
  virtual IRMapping &mapping() = 0;
  /// The tangent of the primal `value`, or zeros like its clone.
  virtual Value tangentOrZeros(OpBuilder &b, Location loc, Value value) = 0;
  /// Records `tangent` (null: zero) for the primal `value` if it is active.
  virtual void setTangent(Value value, Value tangent) = 0;
  /// Clones the ops of `block` but its terminator at `b`, with their
  /// tangents.
  virtual LogicalResult emitBlock(Block &block, OpBuilder &b) = 0;
  /// The function through which the tangents of `call` go: the custom_jvp
  /// rule of `callee` (which takes a tangent for every argument) or its
  /// generated `@callee_jvp` (for the active arguments). Appends the
  /// operands whose tangents it takes to `tangentOperands`.
  virtual FailureOr<func::FuncOp>
  getCalleeJvp(Operation *call, StringRef callee,
               SmallVectorImpl<int64_t> &tangentOperands) = 0;
};

/// How a forward sweep of reverse mode treats the ops it clones.
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

/// The state of one forward sweep of a block: what each primal value and op
/// became, and what region and call ops saved for their reverse sweep.
struct SweepScope {
  IRMapping map;
  DenseMap<Operation *, Operation *> clones;
  /// Per op, the values its forward sweep saved (entries may be null).
  DenseMap<Operation *, SmallVector<Value>> tapes;

  /// A scope for a nested block that sees every value of this one.
  SweepScope nested() const {
    SweepScope scope;
    scope.map = map;
    return scope;
  }
};

/// Accumulated adjoints, keyed by primal value.
class Adjoints {
public:
  Value lookup(Value value) const { return map.lookup(value); }
  /// The adjoint of `value`, or zeros like its clone in `scope`.
  Value lookupOrZeros(OpBuilder &b, Location loc, Value value,
                      const SweepScope &scope) const;
  /// Adds `adjoint` (null: zero) to the adjoint of `value`.
  void add(OpBuilder &b, Location loc, Value value, Value adjoint);
  void set(Value value, Value adjoint) { map[value] = adjoint; }

private:
  DenseMap<Value, Value> map;
};

/// The reverse-mode driver: forward sweeps that clone (and tape) the primal
/// ops of a block, and reverse sweeps that accumulate their adjoints.
class AdjointDriver {
public:
  virtual ~AdjointDriver();
  /// True if the primal `value` carries an adjoint.
  virtual bool isActive(Value value) const = 0;
  /// The active values used inside the regions of `op` but defined outside
  /// it, in order of first use.
  virtual SmallVector<Value> activeFreeValues(Operation *op) const = 0;
  /// Clones the ops of `block` but its terminator at `b` into `scope`.
  virtual LogicalResult forwardSweep(Block &block, OpBuilder &b,
                                     SweepScope &scope, SweepMode mode) = 0;
  /// Adds the adjoints of the operands of the ops of `block` (but its
  /// terminator) to `adjoints`, last op first; `scope` is the forward sweep
  /// of `block`.
  virtual LogicalResult reverseSweep(Block &block, OpBuilder &b,
                                     SweepScope &scope, Adjoints &adjoints) = 0;
  /// The fwd/bwd pair of `callee` for `call`, differentiated with respect
  /// to the arguments `wrt`.
  virtual FailureOr<VjpPair> getCalleeVjpPair(Operation *call, StringRef callee,
                                              ArrayRef<int64_t> wrt) = 0;
};

} // namespace mlir::nabla

#endif // NABLA_DERIVATIVES_ADDRIVER_H

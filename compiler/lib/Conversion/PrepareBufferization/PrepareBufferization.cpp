//===- PrepareBufferization.cpp - Tensor IR One-Shot Bufferize accepts ----===//
//
// Two rewrites at the tensor level so that One-Shot Bufferize keeps one
// buffer per value:
// - each tensor yielded by scf.for / scf.while is materialized into its
//   iteration argument (free when computed in place, a copy otherwise)
//   when it provably has that argument's shape;
// - a function never returns one tensor twice, nor a loop or `if` result
//   that may be one of its arguments (callers assume returned buffers do
//   not alias), so such return operands get a copy.
//
//===----------------------------------------------------------------------===//

#include "nabla/Conversion/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::nabla {
#define GEN_PASS_DEF_PREPAREBUFFERIZATION
#include "nabla/Conversion/Passes.h.inc"
} // namespace mlir::nabla

using namespace mlir;

/// Whether `v` is already `dest` carried through nested loops: result `i`
/// of an inner scf.for bufferizes to the buffer of its init operand `i`.
static bool carriedFrom(Value v, Value dest) {
  while (v != dest) {
    auto result = dyn_cast<OpResult>(v);
    if (!result)
      return false;
    if (auto loop = dyn_cast<scf::ForOp>(result.getOwner()))
      v = loop.getInitArgs()[result.getResultNumber()];
    else if (auto loop = dyn_cast<scf::WhileOp>(result.getOwner()))
      v = loop.getInits()[result.getResultNumber()];
    else
      return false;
  }
  return true;
}

/// Whether `v` provably has the shape of `dest` at run time. A loop may
/// carry a tensor whose size changes from one iteration to the next (say
/// `w = concat([w, w])`); materializing it into the previous iteration's
/// buffer would write past its end.
static bool sameShape(Value v, Value dest) {
  auto type = cast<RankedTensorType>(v.getType());
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (!type.isDynamicDim(i))
      continue;
    FailureOr<bool> equal = ValueBoundsConstraintSet::areEqual(
        ValueBoundsConstraintSet::Variable(v, i),
        ValueBoundsConstraintSet::Variable(dest, i));
    if (failed(equal) || !*equal)
      return false;
  }
  return true;
}

/// Replaces each tensor operand of `yield` by a copy into `dests[i]`.
static void materialize(Operation *yield, ValueRange dests) {
  OpBuilder b(yield);
  for (auto [operand, dest] : llvm::zip(yield->getOpOperands(), dests)) {
    Value v = operand.get();
    if (!isa<RankedTensorType>(v.getType()) || carriedFrom(v, dest) ||
        v.getType() != dest.getType() || !sameShape(v, dest))
      continue;
    auto m = bufferization::MaterializeInDestinationOp::create(
        b, yield->getLoc(), v, dest);
    operand.set(m.getResult());
  }
}

/// Gives every repeated tensor operand of a return its own copy.
/// Whether `v` may be a function argument on some path but not always:
/// the result of a region op (an `if` that returns an argument in one
/// branch). Callers cannot bufferize results that alias an argument without
/// being it.
static bool mayAliasArgument(Value v) {
  auto result = dyn_cast<OpResult>(v);
  return result && isa<scf::IfOp, scf::ForOp, scf::WhileOp>(result.getOwner());
}

static void copyRepeatedResults(func::ReturnOp ret) {
  OpBuilder b(ret);
  llvm::DenseSet<Value> seen;
  for (OpOperand &operand : ret->getOpOperands()) {
    Value v = operand.get();
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (!type || (seen.insert(v).second && !mayAliasArgument(v)))
      continue;
    // A copying alloc_tensor takes its sizes from the copied tensor.
    auto copy = bufferization::AllocTensorOp::create(b, ret.getLoc(), type,
                                                     ValueRange{}, v);
    operand.set(copy.getResult());
  }
}

namespace {
struct PrepareBufferizationPass
    : mlir::nabla::impl::PrepareBufferizationBase<PrepareBufferizationPass> {
  void runOnOperation() override {
    getOperation().walk([](scf::ForOp loop) {
      materialize(loop.getBody()->getTerminator(), loop.getRegionIterArgs());
    });
    getOperation().walk([](scf::WhileOp loop) {
      // The after region yields the next values of the before region's
      // arguments; its own arguments carry the same buffers.
      materialize(loop.getAfterBody()->getTerminator(),
                  loop.getAfterArguments());
    });
    getOperation().walk(copyRepeatedResults);
  }
};
} // namespace

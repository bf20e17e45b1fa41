//===- MaterializeLoopResults.cpp - Loop results into iteration buffers ---===//
//
// Wraps each tensor yielded by scf.for / scf.while in
// bufferization.materialize_in_destination so that One-Shot Bufferize can
// keep one buffer per loop-carried value.
//
//===----------------------------------------------------------------------===//

#include "nabla/Conversion/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace mlir::nabla {
#define GEN_PASS_DEF_MATERIALIZELOOPRESULTS
#include "nabla/Conversion/Passes.h.inc"
} // namespace mlir::nabla

using namespace mlir;

/// Replaces each tensor operand of `yield` by a copy into `dests[i]`.
static void materialize(Operation *yield, ValueRange dests) {
  OpBuilder b(yield);
  for (auto [operand, dest] : llvm::zip(yield->getOpOperands(), dests)) {
    Value v = operand.get();
    if (!isa<RankedTensorType>(v.getType()) || v == dest ||
        v.getType() != dest.getType())
      continue;
    auto m = bufferization::MaterializeInDestinationOp::create(
        b, yield->getLoc(), v, dest);
    operand.set(m.getResult());
  }
}

namespace {
struct MaterializeLoopResultsPass
    : mlir::nabla::impl::MaterializeLoopResultsBase<
          MaterializeLoopResultsPass> {
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
  }
};
} // namespace

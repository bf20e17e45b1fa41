//===- DerivativeLocations.h - Marking derivative code ----------*- C++ -*-===//
//
// Ops that an AD rule builds get the location of the primal op they
// differentiate, marked as derivative code (a FusedLoc with the metadata
// "derivative"), so diagnostics and `--check-numerics` can say "in the
// derivative of `sqrt(w * w)`".
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_AD_DERIVATIVELOCATIONS_H
#define NABLA_LIB_AD_DERIVATIVELOCATIONS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace mlir::nabla::ad {

/// While it lives, records the ops built at `b`'s insertion point; when it
/// ends, gives them (and the ops nested in them) `primal` marked as
/// derivative code.
class DerivativeOpsScope {
public:
  DerivativeOpsScope(OpBuilder &b, Location primal)
      : block(b.getInsertionBlock()), end(b.getInsertionPoint()),
        loc(FusedLoc::get(primal.getContext(), {primal},
                          StringAttr::get(primal.getContext(), "derivative"))) {
    if (block && end != block->begin())
      last = &*std::prev(end);
  }
  DerivativeOpsScope(const DerivativeOpsScope &) = delete;
  DerivativeOpsScope &operator=(const DerivativeOpsScope &) = delete;
  ~DerivativeOpsScope() {
    if (!block)
      return;
    auto it = last ? std::next(last->getIterator()) : block->begin();
    for (; it != end; ++it)
      it->walk([&](Operation *op) { op->setLoc(loc); });
  }

private:
  Block *block;
  Block::iterator end;
  Operation *last = nullptr;
  Location loc;
};

} // namespace mlir::nabla::ad

#endif // NABLA_LIB_AD_DERIVATIVELOCATIONS_H

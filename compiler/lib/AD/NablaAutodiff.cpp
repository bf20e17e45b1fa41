//===- NablaAutodiff.cpp - The nabla-autodiff pass ------------------------===//
//
// Expands the function transforms of a module, innermost first: a transform
// is expanded once the function it differentiates no longer reaches another
// transform, so that grad of grad differentiates an already expanded grad.
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/Passes.h"

#include "nabla/AD/Differentiator.h"
#include "nabla/IR/NablaOps.h"

#include "llvm/ADT/DenseMap.h"

namespace mlir::nabla {
#define GEN_PASS_DEF_NABLAAUTODIFF
#include "nabla/AD/Passes.h.inc"
} // namespace mlir::nabla

using namespace mlir;
using namespace mlir::nabla;

/// True for the function transforms; the pass expands all but those with
/// their own expansion pass, which must have run before.
static bool isTransform(Operation *op) {
  return op->hasTrait<OpTrait::nabla::FunctionTransform>();
}

namespace {
/// Answers whether a function contains a transform or calls (directly, or
/// through a transform's callee) one that does.
class TransformReachability {
public:
  explicit TransformReachability(ModuleOp module) : symbols(module) {}

  bool reaches(func::FuncOp func) {
    auto [it, inserted] = memo.try_emplace(func, false);
    if (!inserted)
      return it->second;
    bool found = false;
    func.walk([&](Operation *op) {
      if (isTransform(op)) {
        found = true;
        return WalkResult::interrupt();
      }
      auto callee = op->getAttrOfType<FlatSymbolRefAttr>("callee");
      if (!callee)
        return WalkResult::advance();
      auto target = symbols.lookup<func::FuncOp>(callee.getValue());
      if (target && reaches(target)) {
        found = true;
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    return memo[func] = found;
  }

private:
  SymbolTable symbols;
  DenseMap<Operation *, bool> memo;
};

struct NablaAutodiffPass
    : public nabla::impl::NablaAutodiffBase<NablaAutodiffPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    Differentiator diff(module);
    while (true) {
      SmallVector<Operation *> pending;
      module.walk([&](Operation *op) {
        if (isTransform(op))
          pending.push_back(op);
      });
      if (pending.empty())
        break;
      TransformReachability reachability(module);
      bool progress = false;
      for (Operation *op : pending) {
        auto callee = op->getAttrOfType<FlatSymbolRefAttr>("callee");
        auto func = diff.lookupFunction(callee.getValue());
        if (func && reachability.reaches(func))
          continue;
        if (failed(diff.expand(op)))
          return signalPassFailure();
        progress = true;
      }
      if (!progress) {
        pending.front()->emitError()
            << "cannot expand this transform: the function it "
               "differentiates reaches itself through function transforms";
        return signalPassFailure();
      }
    }
    diff.eraseUnusedFunctions();
  }
};
} // namespace

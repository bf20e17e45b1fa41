//===- ActivityAnalysis.cpp - Which values carry derivatives --------------===//
//
// Two fixed points over the function: "varied" flows forward from the
// differentiated arguments, "useful" flows backward from the returned
// values. Ops with regions (and calls) propagate through their
// ControlFlowADOpInterface model, which ties loop-carried positions
// together; every other op propagates from all its operands to all its
// results.
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/ActivityAnalysis.h"

#include "nabla/Derivatives/ADBuilders.h"
#include "nabla/IR/NablaOps.h"
#include "nabla/Interfaces/ControlFlowADOpInterface.h"

#include "llvm/ADT/SetVector.h"

using namespace mlir;
using namespace mlir::nabla;

ActivityAnalysis::ActivityAnalysis(func::FuncOp func,
                                   ArrayRef<int64_t> independent) {
  for (int64_t index : independent) {
    Value arg = func.getArgument(index);
    if (ad::isDifferentiableType(arg.getType()))
      varied.insert(arg);
  }
  propagateVaried(func);
  propagateUseful(func);
}

bool ActivityAnalysis::hasActiveResult(Operation *op) const {
  return llvm::any_of(op->getResults(),
                      [&](Value result) { return isActive(result); });
}

SmallVector<Value> ActivityAnalysis::activeFreeValues(Operation *op) const {
  llvm::SetVector<Value> free;
  op->walk([&](Operation *nested) {
    if (nested == op)
      return;
    for (Value operand : nested->getOperands()) {
      Region *region = operand.getParentRegion();
      bool inside = region && op->isAncestor(region->getParentOp());
      if (!inside && isActive(operand))
        free.insert(operand);
    }
  });
  return free.takeVector();
}

namespace {
/// One set of the analysis as a ControlFlowADOpInterface model sees it:
/// marks only values that can carry a derivative, and records whether any
/// mark changed the set.
class MarkingSet : public ActivitySet {
public:
  explicit MarkingSet(llvm::DenseSet<Value> &set) : set(set) {}
  bool contains(Value value) const override { return set.contains(value); }
  void mark(Value value) override {
    if (ad::isDifferentiableType(value.getType()) && set.insert(value).second)
      changed = true;
  }
  bool changed = false;

private:
  llvm::DenseSet<Value> &set;
};
} // namespace

/// Grows `set` to a fixed point over `func`, forward (varied: from operands
/// to results) or backward (useful: from results to operands). Ops with a
/// ControlFlowADOpInterface model propagate through it.
static void propagate(func::FuncOp func, MarkingSet &set, bool forward) {
  set.changed = true;
  while (set.changed) {
    set.changed = false;
    func.walk([&](Operation *op) {
      if (isa<StopGradientOp>(op) || op->hasTrait<OpTrait::IsTerminator>())
        return;
      if (auto controlFlow = dyn_cast<ControlFlowADOpInterface>(op))
        return forward ? controlFlow.propagateVaried(set)
                       : controlFlow.propagateUseful(set);
      ValueRange from = forward ? ValueRange(op->getOperands())
                                : ValueRange(op->getResults());
      ValueRange to = forward ? ValueRange(op->getResults())
                              : ValueRange(op->getOperands());
      if (llvm::any_of(from, [&](Value value) { return set.contains(value); }))
        for (Value value : to)
          set.mark(value);
    });
  }
}

void ActivityAnalysis::propagateVaried(func::FuncOp func) {
  MarkingSet set(varied);
  propagate(func, set, /*forward=*/true);
}

void ActivityAnalysis::propagateUseful(func::FuncOp func) {
  MarkingSet set(useful);
  func.walk([&](func::ReturnOp op) {
    for (Value operand : op.getOperands())
      set.mark(operand);
  });
  propagate(func, set, /*forward=*/false);
}

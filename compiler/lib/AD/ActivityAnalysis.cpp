//===- ActivityAnalysis.cpp - Which values carry derivatives --------------===//
//
// Two fixed points over the function: "varied" flows forward from the
// differentiated arguments, "useful" flows backward from the returned
// values. Region ops of the scf dialect tie their loop-carried positions
// together; every other op propagates from all its operands to all its
// results.
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/ActivityAnalysis.h"

#include "nabla/AD/ADBuilders.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
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

/// Marks `value` in `set` if it can carry a derivative; sets `changed`.
static void mark(llvm::DenseSet<Value> &set, Value value, bool &changed) {
  if (ad::isDifferentiableType(value.getType()) && set.insert(value).second)
    changed = true;
}

void ActivityAnalysis::propagateVaried(func::FuncOp func) {
  bool changed = true;
  auto isVaried = [&](Value value) { return varied.contains(value); };
  while (changed) {
    changed = false;
    func.walk([&](Operation *op) {
      if (isa<StopGradientOp>(op) || op->hasTrait<OpTrait::IsTerminator>())
        return;
      if (auto forOp = dyn_cast<scf::ForOp>(op)) {
        for (auto [init, arg, yielded, result] :
             llvm::zip_equal(forOp.getInitArgs(), forOp.getRegionIterArgs(),
                             forOp.getYieldedValues(), forOp.getResults())) {
          if (isVaried(init) || isVaried(yielded)) {
            mark(varied, arg, changed);
            mark(varied, result, changed);
          }
        }
        return;
      }
      if (auto whileOp = dyn_cast<scf::WhileOp>(op)) {
        for (auto [init, arg, yielded] :
             llvm::zip_equal(whileOp.getInits(), whileOp.getBeforeArguments(),
                             whileOp.getYieldOp().getOperands()))
          if (isVaried(init) || isVaried(yielded))
            mark(varied, arg, changed);
        for (auto [forwarded, arg, result] :
             llvm::zip_equal(whileOp.getConditionOp().getArgs(),
                             whileOp.getAfterArguments(), whileOp.getResults()))
          if (isVaried(forwarded)) {
            mark(varied, arg, changed);
            mark(varied, result, changed);
          }
        return;
      }
      if (auto ifOp = dyn_cast<scf::IfOp>(op)) {
        for (auto [i, result] : llvm::enumerate(ifOp.getResults())) {
          bool fromThen = isVaried(ifOp.thenYield().getOperand(i));
          bool fromElse =
              ifOp.elseBlock() && isVaried(ifOp.elseYield().getOperand(i));
          if (fromThen || fromElse)
            mark(varied, result, changed);
        }
        return;
      }
      if (llvm::any_of(op->getOperands(), isVaried))
        for (Value result : op->getResults())
          mark(varied, result, changed);
    });
  }
}

void ActivityAnalysis::propagateUseful(func::FuncOp func) {
  bool changed = true;
  auto isUseful = [&](Value value) { return useful.contains(value); };
  func.walk([&](func::ReturnOp op) {
    for (Value operand : op.getOperands())
      mark(useful, operand, changed);
  });
  while (changed) {
    changed = false;
    func.walk([&](Operation *op) {
      if (isa<StopGradientOp>(op) || op->hasTrait<OpTrait::IsTerminator>())
        return;
      if (auto forOp = dyn_cast<scf::ForOp>(op)) {
        for (auto [init, arg, yielded, result] :
             llvm::zip_equal(forOp.getInitArgs(), forOp.getRegionIterArgs(),
                             forOp.getYieldedValues(), forOp.getResults())) {
          if (!isUseful(arg) && !isUseful(result))
            continue;
          for (Value value : {init, Value(arg), yielded, Value(result)})
            mark(useful, value, changed);
        }
        return;
      }
      if (auto whileOp = dyn_cast<scf::WhileOp>(op)) {
        for (auto [init, arg, yielded] :
             llvm::zip_equal(whileOp.getInits(), whileOp.getBeforeArguments(),
                             whileOp.getYieldOp().getOperands())) {
          if (!isUseful(init) && !isUseful(arg) && !isUseful(yielded))
            continue;
          for (Value value : {init, Value(arg), yielded})
            mark(useful, value, changed);
        }
        for (auto [forwarded, arg, result] : llvm::zip_equal(
                 whileOp.getConditionOp().getArgs(),
                 whileOp.getAfterArguments(), whileOp.getResults())) {
          if (!isUseful(forwarded) && !isUseful(arg) && !isUseful(result))
            continue;
          for (Value value : {forwarded, Value(arg), Value(result)})
            mark(useful, value, changed);
        }
        return;
      }
      if (auto ifOp = dyn_cast<scf::IfOp>(op)) {
        for (auto [i, result] : llvm::enumerate(ifOp.getResults())) {
          if (!isUseful(result))
            continue;
          mark(useful, ifOp.thenYield().getOperand(i), changed);
          if (ifOp.elseBlock())
            mark(useful, ifOp.elseYield().getOperand(i), changed);
        }
        return;
      }
      if (llvm::any_of(op->getResults(), isUseful))
        for (Value operand : op->getOperands())
          mark(useful, operand, changed);
    });
  }
}

//===- Differentiator.cpp - Bookkeeping of generated functions ------------===//
//
// Creation, lookup and clean-up of the derivative functions the driver
// generates. The generators themselves are in ForwardMode.cpp and
// ReverseMode.cpp, the expansion of transform ops in ExpandTransforms.cpp.
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/Differentiator.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Iterators.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;
using namespace mlir::nabla;

Differentiator::Differentiator(ModuleOp module)
    : module(module), symbolTable(module) {}

func::FuncOp Differentiator::createFunction(Location loc, const Twine &name,
                                            FunctionType type) {
  auto func = func::FuncOp::create(loc, name.str(), type);
  func.setPrivate();
  symbolTable.insert(func);
  generated.push_back(func);
  return func;
}

void Differentiator::eraseFunction(func::FuncOp func) {
  llvm::erase(generated, func.getOperation());
  symbolTable.erase(func);
}

void Differentiator::eraseUnusedFunctions() {
  bool changed = true;
  while (changed) {
    changed = false;
    SmallVector<Operation *> candidates(llvm::reverse(generated));
    for (Operation *op : candidates) {
      auto func = cast<func::FuncOp>(op);
      if (!SymbolTable::symbolKnownUseEmpty(func, module))
        continue;
      eraseFunction(func);
      changed = true;
    }
  }
}

/// Turns the loop-carried values of an scf.for that nothing reads into
/// pass-through ones: the result is unused and the value only feeds its own
/// next iteration through side-effect-free ops (a tape the reverse sweep
/// turned out not to need, a counter whose condition was dropped).
static bool dropUnreadLoopCarried(scf::ForOp op) {
  bool changed = false;
  Block *body = op.getBody();
  auto yield = cast<scf::YieldOp>(body->getTerminator());
  for (auto [i, arg] : llvm::enumerate(op.getRegionIterArgs())) {
    Value yielded = yield.getOperand(i);
    if (!op.getResult(i).use_empty() || yielded == arg)
      continue;
    // The ops of the body that compute the yielded value.
    llvm::SetVector<Operation *> slice;
    SmallVector<Operation *> worklist;
    if (Operation *def = yielded.getDefiningOp();
        def && def->getBlock() == body)
      worklist.push_back(def);
    bool pure = true;
    while (pure && !worklist.empty()) {
      Operation *current = worklist.pop_back_val();
      if (!slice.insert(current))
        continue;
      pure = isMemoryEffectFree(current) && current->getNumRegions() == 0;
      for (Value operand : current->getOperands())
        if (Operation *def = operand.getDefiningOp();
            def && def->getBlock() == body)
          worklist.push_back(def);
    }
    unsigned position = i;
    auto onlyFeedsPosition = [&](Value value) {
      return llvm::all_of(value.getUses(), [&](OpOperand &use) {
        return slice.contains(use.getOwner()) ||
               (use.getOwner() == yield && use.getOperandNumber() == position);
      });
    };
    if (!pure || !onlyFeedsPosition(arg) ||
        !llvm::all_of(slice, [&](Operation *current) {
          return llvm::all_of(current->getResults(), onlyFeedsPosition);
        }))
      continue;
    yield.setOperand(i, arg);
    changed = true;
  }
  return changed;
}

/// Removes the loop-carried values of an scf.for that the body yields back
/// unchanged: their uses take the init value instead. The loop is rebuilt;
/// returns the new one, or null if nothing changed.
static scf::ForOp dropPassThroughIterArgs(scf::ForOp op) {
  auto yield = cast<scf::YieldOp>(op.getBody()->getTerminator());
  SmallVector<unsigned> kept;
  for (auto [i, arg] : llvm::enumerate(op.getRegionIterArgs()))
    if (yield.getOperand(i) != arg)
      kept.push_back(i);
  if (kept.size() == op.getNumRegionIterArgs())
    return nullptr;

  SmallVector<Value> inits;
  for (unsigned i : kept)
    inits.push_back(op.getInitArgs()[i]);
  OpBuilder b(op);
  auto loop = scf::ForOp::create(b, op.getLoc(), op.getLowerBound(),
                                 op.getUpperBound(), op.getStep(), inits);
  Block *body = loop.getBody();
  // Without iter args the builder added a terminator; the old one moves in.
  if (!body->empty())
    body->back().erase();
  Block *old = op.getBody();
  old->getArgument(0).replaceAllUsesWith(loop.getInductionVar());
  for (auto [i, arg] : llvm::enumerate(op.getRegionIterArgs())) {
    auto it = llvm::find(kept, i);
    arg.replaceAllUsesWith(it == kept.end()
                               ? op.getInitArgs()[i]
                               : loop.getRegionIterArgs()[it - kept.begin()]);
  }
  body->getOperations().splice(body->end(), old->getOperations());
  SmallVector<Value> yields;
  for (unsigned i : kept)
    yields.push_back(yield.getOperand(i));
  yield->setOperands(yields);
  for (auto [i, result] : llvm::enumerate(op.getResults())) {
    auto it = llvm::find(kept, i);
    result.replaceAllUsesWith(it == kept.end()
                                  ? op.getInitArgs()[i]
                                  : loop.getResult(it - kept.begin()));
  }
  op.erase();
  return loop;
}

void Differentiator::eraseDeadOps(func::FuncOp func,
                                  llvm::DenseSet<Operation *> *tracked) {
  bool changed = true;
  while (changed) {
    changed = false;
    func.walk<WalkOrder::PostOrder, ReverseIterator>([&](Operation *op) {
      if (op == func.getOperation() || !isOpTriviallyDead(op))
        return;
      if (tracked)
        tracked->erase(op);
      op->erase();
      changed = true;
    });
    SmallVector<scf::ForOp> loops;
    func.walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops) {
      changed |= dropUnreadLoopCarried(loop);
      Operation *old = loop.getOperation();
      bool wasTracked = tracked && tracked->erase(old);
      scf::ForOp rebuilt = dropPassThroughIterArgs(loop);
      if (wasTracked)
        tracked->insert(rebuilt ? rebuilt.getOperation() : old);
      changed |= static_cast<bool>(rebuilt);
    }
  }
}

//===- SplitVjp.cpp - Split @f_vjp into a fwd/bwd pair --------------------===//
//
// Implements splitVjp (SplitVjp.h): the forward sweep of a generated
// `@f_vjp` becomes `@f_vjp_fwd`, its reverse sweep `@f_vjp_bwd`, and the
// values that cross from one to the other become residuals.
//
//===----------------------------------------------------------------------===//

#include "SplitVjp.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;
using namespace mlir::nabla;

/// True if `op` is cheaper to clone into the bwd function than to pass as a
/// residual: a constant or an empty tensor of static shape.
static bool isRematerializable(Operation *op) {
  return op->getNumOperands() == 0 && op->getNumRegions() == 0 &&
         isMemoryEffectFree(op);
}

VjpPair mlir::nabla::ad::splitVjp(Differentiator &diff, func::FuncOp f,
                                  func::FuncOp combined,
                                  llvm::DenseSet<Operation *> &forwardOps) {
  Block &entry = combined.front();
  unsigned numArgs = f.getNumArguments();
  unsigned numResults = f.getNumResults();
  auto ret = cast<func::ReturnOp>(entry.getTerminator());

  // Sizes the reverse part reads from forward tensors are computed in the
  // forward part, so that the sizes and not the tensors become residuals.
  auto isForwardValue = [&](Value value) {
    if (auto arg = dyn_cast<BlockArgument>(value))
      return arg.getOwner() == &entry && arg.getArgNumber() < numArgs;
    Operation *def = value.getDefiningOp();
    return def && def->getBlock() == &entry && forwardOps.contains(def);
  };
  Operation *lastForward = nullptr;
  for (Operation &op : entry)
    if (forwardOps.contains(&op))
      lastForward = &op;
  auto moveToForward = [&](Operation *op) {
    if (lastForward)
      op->moveAfter(lastForward);
    else
      op->moveBefore(&entry.front());
    lastForward = op;
    forwardOps.insert(op);
  };
  for (Operation &op : llvm::make_early_inc_range(entry)) {
    auto dim = dyn_cast<tensor::DimOp>(op);
    if (!dim || forwardOps.contains(dim) || !isForwardValue(dim.getSource()))
      continue;
    Operation *indexDef = dim.getIndex().getDefiningOp();
    if (!indexDef || indexDef->getBlock() != &entry ||
        !isRematerializable(indexDef))
      continue;
    if (!forwardOps.contains(indexDef))
      moveToForward(indexDef);
    moveToForward(dim);
  }

  // The values the reverse part reads from the forward part.
  llvm::SetVector<Value> residuals;
  llvm::SetVector<Operation *> rematerialized;
  auto visit = [&](Value value) {
    if (auto arg = dyn_cast<BlockArgument>(value)) {
      if (arg.getOwner() == &entry && arg.getArgNumber() < numArgs)
        residuals.insert(value);
      return;
    }
    Operation *def = value.getDefiningOp();
    if (!def || def->getBlock() != &entry || !forwardOps.contains(def))
      return;
    if (isRematerializable(def))
      rematerialized.insert(def);
    else
      residuals.insert(value);
  };
  for (Operation &op : entry) {
    if (forwardOps.contains(&op) || &op == ret)
      continue;
    op.walk([&](Operation *nested) {
      for (Value operand : nested->getOperands())
        visit(operand);
    });
  }
  for (Value value : ret.getOperands().drop_front(numResults))
    visit(value);

  VjpPair pair;
  pair.numResiduals = residuals.size();
  MLIRContext *ctx = f.getContext();
  FunctionType type = f.getFunctionType();

  // fwd: the forward sweep, returning the results and the residuals.
  SmallVector<Type> fwdResults(type.getResults());
  for (Value value : residuals)
    fwdResults.push_back(value.getType());
  pair.fwd =
      diff.createFunction(f.getLoc(), f.getSymName() + "_vjp_fwd",
                          FunctionType::get(ctx, type.getInputs(), fwdResults));
  {
    Block *block = pair.fwd.addEntryBlock();
    OpBuilder b = OpBuilder::atBlockEnd(block);
    IRMapping map;
    for (unsigned i = 0; i < numArgs; ++i)
      map.map(entry.getArgument(i), block->getArgument(i));
    for (Operation &op : entry)
      if (forwardOps.contains(&op))
        b.clone(op, map);
    SmallVector<Value> results;
    for (Value value : ret.getOperands().take_front(numResults))
      results.push_back(map.lookup(value));
    for (Value value : residuals)
      results.push_back(map.lookup(value));
    func::ReturnOp::create(b, ret.getLoc(), results);
  }

  // bwd: the reverse sweep, from the residuals and the cotangents.
  SmallVector<Type> bwdInputs;
  for (Value value : residuals)
    bwdInputs.push_back(value.getType());
  llvm::append_range(bwdInputs, type.getResults());
  SmallVector<Type> bwdResults(
      TypeRange(ret.getOperands().drop_front(numResults)));
  pair.bwd = diff.createFunction(f.getLoc(), f.getSymName() + "_vjp_bwd",
                                 FunctionType::get(ctx, bwdInputs, bwdResults));
  {
    Block *block = pair.bwd.addEntryBlock();
    OpBuilder b = OpBuilder::atBlockEnd(block);
    IRMapping map;
    for (auto [i, value] : llvm::enumerate(residuals))
      map.map(value, block->getArgument(i));
    for (unsigned i = 0; i < numResults; ++i)
      map.map(entry.getArgument(numArgs + i),
              block->getArgument(residuals.size() + i));
    for (Operation &op : entry)
      if (rematerialized.contains(&op))
        b.clone(op, map);
    for (Operation &op : entry)
      if (!forwardOps.contains(&op) && &op != ret)
        b.clone(op, map);
    SmallVector<Value> results;
    for (Value value : ret.getOperands().drop_front(numResults))
      results.push_back(map.lookup(value));
    func::ReturnOp::create(b, ret.getLoc(), results);
  }
  return pair;
}

//===- PrepareBufferization.cpp - Tensor IR One-Shot Bufferize accepts ----===//
//
// Two rewrites at the tensor level so that One-Shot Bufferize keeps one
// buffer per value:
// - each tensor yielded by scf.for / scf.while is materialized into its
//   iteration argument (free when computed in place, a copy otherwise)
//   when it provably has that argument's shape;
// - a function never returns one tensor twice, nor a loop or `if` result
//   that may be one of its arguments (callers assume returned buffers do
//   not alias), so such return operands get a copy;
// - a private function no longer returns a tensor that is always one of
//   its arguments: its callers use their own operand instead, so no call
//   result aliases an operand (a loop that passes its carried values
//   through a call in another order would otherwise have no valid buffer
//   plan).
//
//===----------------------------------------------------------------------===//

#include "nabla/Conversion/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"
#include "llvm/ADT/BitVector.h"
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
    // Another carried value of this loop (values passed round in a new
    // order): copying it in place would overwrite what a later copy reads;
    // One-Shot Bufferize copies it out of place instead.
    auto carried = dyn_cast<BlockArgument>(v);
    if (carried && carried.getOwner() == yield->getBlock())
      continue;
    if (llvm::is_contained(yield->getOperands(), dest))
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

/// The argument that result `i` of `func` always is, if any.
static BlockArgument returnedArgument(func::FuncOp func, unsigned i) {
  BlockArgument found;
  bool first = true;
  WalkResult walk = func.walk([&](func::ReturnOp ret) {
    auto arg = dyn_cast<BlockArgument>(ret.getOperand(i));
    if (!arg || arg.getOwner() != &func.getBody().front() ||
        (!first && arg != found))
      return WalkResult::interrupt();
    found = arg;
    first = false;
    return WalkResult::advance();
  });
  return walk.wasInterrupted() ? BlockArgument() : found;
}

static void forwardReturnedArguments(ModuleOp module) {
  SmallVector<func::FuncOp> funcs(module.getOps<func::FuncOp>());
  for (func::FuncOp callee : funcs) {
    if (callee.isExternal() || !callee.isPrivate())
      continue;
    // Results that are always one of the arguments.
    SmallVector<std::pair<unsigned, unsigned>> forwarded; // result, argument
    for (unsigned i = 0; i < callee.getNumResults(); ++i) {
      if (!isa<RankedTensorType>(callee.getResultTypes()[i]))
        continue;
      BlockArgument arg = returnedArgument(callee, i);
      if (arg && arg.getType() == callee.getResultTypes()[i])
        forwarded.emplace_back(i, arg.getArgNumber());
    }
    if (forwarded.empty())
      continue;
    std::optional<SymbolTable::UseRange> uses =
        SymbolTable::getSymbolUses(callee, module);
    if (!uses || llvm::any_of(*uses, [](const SymbolTable::SymbolUse &use) {
          return !isa<func::CallOp>(use.getUser());
        }))
      continue;
    llvm::BitVector dropped(callee.getNumResults());
    for (auto [result, argument] : forwarded)
      dropped.set(result);
    for (const SymbolTable::SymbolUse &use : *uses) {
      auto call = cast<func::CallOp>(use.getUser());
      for (auto [result, argument] : forwarded)
        call.getResult(result).replaceAllUsesWith(call.getOperand(argument));
      OpBuilder b(call);
      SmallVector<Type> types;
      for (unsigned i = 0; i < call.getNumResults(); ++i)
        if (!dropped.test(i))
          types.push_back(call.getResult(i).getType());
      auto replacement = func::CallOp::create(
          b, call.getLoc(), call.getCallee(), types, call.getOperands());
      unsigned next = 0;
      for (unsigned i = 0; i < call.getNumResults(); ++i)
        if (!dropped.test(i))
          call.getResult(i).replaceAllUsesWith(replacement.getResult(next++));
      call.erase();
    }
    callee.walk([&](func::ReturnOp ret) {
      SmallVector<Value> kept;
      for (unsigned i = 0; i < ret.getNumOperands(); ++i)
        if (!dropped.test(i))
          kept.push_back(ret.getOperand(i));
      OpBuilder b(ret);
      func::ReturnOp::create(b, ret.getLoc(), kept);
      ret.erase();
    });
    SmallVector<Type> results;
    for (unsigned i = 0; i < callee.getNumResults(); ++i)
      if (!dropped.test(i))
        results.push_back(callee.getResultTypes()[i]);
    callee.setType(FunctionType::get(module.getContext(),
                                     callee.getArgumentTypes(), results));
  }
}

namespace {
struct PrepareBufferizationPass
    : mlir::nabla::impl::PrepareBufferizationBase<PrepareBufferizationPass> {
  void runOnOperation() override {
    forwardReturnedArguments(getOperation());
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

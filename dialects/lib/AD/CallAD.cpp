//===- CallAD.cpp - AD of func.call ---------------------------------------===//
//
// The ControlFlowADOpInterface model of func.call. Forward mode calls the
// callee's `@callee_jvp` (or its custom_jvp rule). Reverse mode uses the
// callee's fwd/bwd pair: the forward sweep calls `@callee_vjp_fwd`, which
// also returns the residuals the reverse sweep passes to `@callee_vjp_bwd`.
// The driver (nabla/Derivatives/ADDriver.h) finds or generates those functions.
//
//===----------------------------------------------------------------------===//

#include "ControlFlowModel.h"
#include "LoopAD.h"
#include "nabla/Derivatives/ADModels.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

using namespace mlir;
using namespace mlir::nabla;
using namespace mlir::nabla::ad;

namespace mlir::nabla::ad {
template <> struct ControlFlowAD<func::CallOp> {
  /// Like any op without regions: results depend on all operands.
  static void propagateVaried(func::CallOp op, ActivitySet &varied) {
    flowActivity(varied, SmallVector<Value>(op->getOperands()),
                 SmallVector<Value>(op->getResults()));
  }

  static void propagateUseful(func::CallOp op, ActivitySet &useful) {
    flowActivity(useful, SmallVector<Value>(op->getResults()),
                 SmallVector<Value>(op->getOperands()));
  }

  static LogicalResult emitTangents(func::CallOp op, OpBuilder &b,
                                    TangentDriver &driver) {
    Location loc = op.getLoc();
    SmallVector<int64_t> tangentOperands;
    FailureOr<func::FuncOp> jvp =
        driver.getCalleeJvp(op, op.getCallee(), tangentOperands);
    if (failed(jvp))
      return failure();
    SmallVector<Value> operands;
    for (Value operand : op.getOperands())
      operands.push_back(driver.mapping().lookup(operand));
    for (int64_t i : tangentOperands)
      operands.push_back(driver.tangentOrZeros(b, loc, op.getOperand(i)));
    if (TypeRange(jvp->getFunctionType().getInputs()) !=
        TypeRange(ValueRange(operands)))
      return op.emitError()
             << "forward-mode rule '@" << jvp->getSymName() << "' of '@"
             << op.getCallee() << "' has type " << jvp->getFunctionType()
             << ", which does not take the arguments and "
                "their tangents";
    auto call = func::CallOp::create(b, loc, *jvp, operands);
    unsigned numResults = op.getNumResults();
    if (call.getNumResults() != 2 * numResults)
      return op.emitError()
             << "forward-mode rule '@" << jvp->getSymName() << "' must return "
             << 2 * numResults << " values: the results and their tangents";
    mapWithTangents(driver, op.getResults(), call.getResults(),
                    llvm::to_vector(llvm::seq<unsigned>(numResults)));
    return success();
  }

  /// The arguments of `op` to differentiate the callee with respect to.
  static SmallVector<int64_t> activeArgs(func::CallOp op,
                                         AdjointDriver &driver) {
    SmallVector<int64_t> args;
    for (auto [i, operand] : llvm::enumerate(op.getOperands()))
      if (driver.isActive(operand))
        args.push_back(i);
    return args;
  }

  static LogicalResult emitTapedPrimal(func::CallOp op, OpBuilder &b,
                                       AdjointDriver &driver,
                                       SweepScope &scope) {
    FailureOr<VjpPair> pair =
        driver.getCalleeVjpPair(op, op.getCallee(), activeArgs(op, driver));
    if (failed(pair))
      return failure();
    SmallVector<Value> operands;
    for (Value operand : op.getOperands())
      operands.push_back(scope.map.lookup(operand));
    auto call = func::CallOp::create(b, op.getLoc(), pair->fwd, operands);
    unsigned numResults = op.getNumResults();
    scope.map.map(op.getResults(), call.getResults().take_front(numResults));
    // The tape of a call: its residuals.
    scope.tapes[op] =
        SmallVector<Value>(call.getResults().drop_front(numResults));
    return success();
  }

  static LogicalResult emitAdjoints(func::CallOp op, OpBuilder &b,
                                    AdjointDriver &driver, SweepScope &scope,
                                    Adjoints &adjoints) {
    Location loc = op.getLoc();
    // The same pair as the forward sweep's (the driver caches it).
    FailureOr<VjpPair> pair =
        driver.getCalleeVjpPair(op, op.getCallee(), activeArgs(op, driver));
    if (failed(pair))
      return failure();
    SmallVector<Value> operands(scope.tapes[op]);
    for (Value result : op.getResults())
      operands.push_back(adjoints.lookupOrZeros(b, loc, result, scope));
    auto call = func::CallOp::create(b, loc, pair->bwd, operands);
    for (auto [k, index] : llvm::enumerate(pair->wrt)) {
      Value operand = op.getOperand(index);
      if (driver.isActive(operand))
        adjoints.add(b, loc, operand, call.getResult(k));
    }
    return success();
  }
};
} // namespace mlir::nabla::ad

void mlir::nabla::attachCallADModels(MLIRContext *context) {
  func::CallOp::attachInterface<ControlFlowModel<func::CallOp>>(*context);
}

//===- ExpandTransforms.cpp - Transform ops to derivative calls -----------===//
//
// Replaces each nabla function transform by calls to generated functions:
// jvp and vjp call `@f_jvp` / `@f_vjp` directly; grad and value_and_grad
// call `@f_vjp` with a unit cotangent; hvp is forward over reverse, a call
// to the jvp of `@f_vjp`; jacobian loops over basis vectors, with one jvp
// per input element when the input is the smaller side and one vjp per
// output element otherwise.
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/Differentiator.h"

#include "nabla/Derivatives/ADBuilders.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::nabla;

/// A unit cotangent for the single rank-0 float result of `f`.
static Value unitCotangent(OpBuilder &b, Location loc, func::FuncOp f) {
  auto type = cast<RankedTensorType>(f.getResultTypes().front());
  return ad::scalarConstant(b, loc, type.getElementType(), 1.0);
}

/// Replaces `op` by a call to `func` with `operands`, taking the call
/// results from `firstResult` on.
static void replaceWithCall(Operation *op, func::FuncOp func,
                            ValueRange operands, unsigned firstResult = 0) {
  OpBuilder b(op);
  auto call = func::CallOp::create(b, op->getLoc(), func, operands);
  op->replaceAllUsesWith(
      call.getResults().slice(firstResult, op->getNumResults()));
  op->erase();
}

/// `value` reshaped to the static `type`, if it does not have it already.
static Value reshapeTo(OpBuilder &b, Location loc, Value value,
                       RankedTensorType type) {
  if (value.getType() == type)
    return value;
  return ReshapeOp::create(b, loc, type, value);
}

/// Expands `nabla.jacobian` into a loop over basis vectors of the smaller of
/// the input and the output.
static LogicalResult expandJacobian(Differentiator &diff, JacobianOp op,
                                    func::FuncOp f) {
  Location loc = op.getLoc();
  int64_t wrt = op.getWrt().front();
  auto resultType = cast<RankedTensorType>(f.getResultTypes().front());
  auto argType = cast<RankedTensorType>(f.getArgumentTypes()[wrt]);
  if (!resultType.hasStaticShape() || !argType.hasStaticShape())
    return op.emitError() << "'nabla.jacobian' needs static shapes, found "
                          << resultType << " and " << argType;
  if (!ad::isDifferentiableType(resultType) ||
      !ad::isDifferentiableType(argType))
    return op.emitError() << "'nabla.jacobian' needs float tensors, found "
                          << resultType << " and " << argType;

  int64_t numArgElements = argType.getNumElements();
  int64_t numResultElements = resultType.getNumElements();
  bool forward = numArgElements < numResultElements;
  FailureOr<func::FuncOp> derivative = forward
                                           ? diff.getJvp(f, op.getWrt(), op)
                                           : diff.getVjp(f, op.getWrt(), op);
  if (failed(derivative))
    return failure();
  // Row k of `rows` is the derivative along basis vector k of the seed side.
  int64_t numRows = forward ? numArgElements : numResultElements;
  int64_t numCols = forward ? numResultElements : numArgElements;
  RankedTensorType seedType = forward ? argType : resultType;
  RankedTensorType vectorType = forward ? resultType : argType;
  Type elementType = vectorType.getElementType();
  auto rowsType = RankedTensorType::get({numRows, numCols}, elementType);
  auto rowType = RankedTensorType::get({1, numCols}, elementType);
  auto i64Type =
      RankedTensorType::get({}, IntegerType::get(op.getContext(), 64));

  OpBuilder b(op);
  Value zeroIndex = arith::ConstantIndexOp::create(b, loc, 0);
  Value oneIndex = arith::ConstantIndexOp::create(b, loc, 1);
  Value count = arith::ConstantIndexOp::create(b, loc, numRows);
  Value zeroI64 = ad::scalarConstant(b, loc, i64Type.getElementType(), 0);
  Value init = ConstantOp::create(
      b, loc, DenseElementsAttr::get(rowsType, b.getZeroAttr(elementType)));
  unsigned numArgs = f.getNumArguments();
  auto loop = scf::ForOp::create(
      b, loc, zeroIndex, count, oneIndex, ValueRange{init},
      [&](OpBuilder &nb, Location, Value k, ValueRange args) {
        Value index = arith::IndexCastOp::create(nb, loc, nb.getI64Type(), k);
        Value label = tensor::FromElementsOp::create(nb, loc, i64Type, index);
        Value basis = OneHotOp::create(
            nb, loc,
            RankedTensorType::get({numRows}, seedType.getElementType()), label,
            numRows);
        SmallVector<Value> operands(op.getOperands().take_front(numArgs));
        operands.push_back(reshapeTo(nb, loc, basis, seedType));
        auto call = func::CallOp::create(nb, loc, *derivative, operands);
        Value row = reshapeTo(nb, loc, call.getResult(1), rowType);
        Value rows = DynamicUpdateSliceOp::create(
            nb, loc, rowsType, args[0], row, ValueRange{label, zeroI64});
        scf::YieldOp::create(nb, loc, rows);
      });
  // Forward mode filled one column of the Jacobian per row.
  Value matrix = loop.getResult(0);
  if (forward)
    matrix = ad::transpose(b, loc, matrix, {1, 0});
  auto type = cast<RankedTensorType>(op.getType());
  matrix = ad::convertTo(b, loc, matrix, type.getElementType());
  Value jacobian = reshapeTo(b, loc, matrix, type);
  op.replaceAllUsesWith(jacobian);
  op.erase();
  return success();
}

LogicalResult Differentiator::expand(Operation *transform) {
  auto calleeAttr = transform->getAttrOfType<FlatSymbolRefAttr>("callee");
  func::FuncOp f = lookupFunction(calleeAttr.getValue());
  if (!f)
    return transform->emitError() << "unknown function " << calleeAttr;
  return TypeSwitch<Operation *, LogicalResult>(transform)
      .Case<JvpOp>([&](JvpOp op) -> LogicalResult {
        FailureOr<func::FuncOp> jvp = getJvp(f, op.getWrt(), op);
        if (failed(jvp))
          return failure();
        replaceWithCall(op, *jvp, op.getOperands());
        return success();
      })
      .Case<VjpOp>([&](VjpOp op) -> LogicalResult {
        FailureOr<func::FuncOp> vjp = getVjp(f, op.getWrt(), op);
        if (failed(vjp))
          return failure();
        replaceWithCall(op, *vjp, op.getOperands());
        return success();
      })
      .Case<GradOp, ValueAndGradOp>([&](auto op) -> LogicalResult {
        FailureOr<func::FuncOp> vjp = getVjp(f, op.getWrt(), op);
        if (failed(vjp))
          return failure();
        OpBuilder b(op);
        SmallVector<Value> operands(op.getOperands());
        operands.push_back(unitCotangent(b, op.getLoc(), f));
        // grad drops the value, value_and_grad keeps it.
        unsigned first = isa<GradOp>(op.getOperation()) ? 1 : 0;
        replaceWithCall(op, *vjp, operands, first);
        return success();
      })
      .Case<HvpOp>([&](HvpOp op) -> LogicalResult {
        // jvp of (x, ct) -> (f(x), ct * grad f(x)) along (v, 0), at ct = 1.
        FailureOr<func::FuncOp> vjp = getVjp(f, op.getWrt(), op);
        if (failed(vjp))
          return failure();
        FailureOr<func::FuncOp> jvp = getJvp(*vjp, op.getWrt(), op);
        if (failed(jvp))
          return failure();
        OpBuilder b(op);
        unsigned numArgs = f.getNumArguments();
        SmallVector<Value> operands(op.getOperands().take_front(numArgs));
        operands.push_back(unitCotangent(b, op.getLoc(), f));
        operands.push_back(op.getOperands().back());
        // Results: f(x), grad f(x), their tangents.
        replaceWithCall(op, *jvp, operands, /*firstResult=*/3);
        return success();
      })
      .Case<JacobianOp>(
          [&](JacobianOp op) { return expandJacobian(*this, op, f); })
      .Case<CustomVjpOp, PerExampleGradOp>([&](Operation *op) {
        return op->emitOpError()
               << "must be expanded by its own pass before nabla-autodiff "
                  "(nabla-expand-custom-vjp, nabla-expand-per-example-grad)";
      })
      .Default([&](Operation *op) {
        return op->emitError() << "not a function transform";
      });
}

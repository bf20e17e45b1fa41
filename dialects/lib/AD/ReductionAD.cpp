//===- ReductionAD.cpp - AD rules of the reduction ops --------------------===//
//
// reduce_sum, reduce_mean, reduce_max, reduce_min, softmax and log_softmax.
// Adjoints of reductions broadcast the result adjoint back over the reduced
// axes; max and min split it evenly among the elements that attain the
// extremum. argmax has an integer result and no derivative.
//
//===----------------------------------------------------------------------===//

#include "NoDerivativeModel.h"
#include "nabla/Derivatives/ADBuilders.h"
#include "nabla/Derivatives/ADModels.h"
#include "nabla/IR/NablaOps.h"
#include "nabla/Interfaces/DifferentiableOpInterface.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::nabla;
using namespace mlir::nabla::ad;

/// The number of elements each result element of `op` averages, as a rank-0
/// tensor of the input's element type.
static Value reducedCount(OpBuilder &b, ReduceMeanOp op) {
  Location loc = op.getLoc();
  RankedTensorType type = op.getInput().getType();
  int64_t count = 1;
  Value dynamicCount;
  for (int64_t axis : op.getAxes()) {
    int64_t size = type.getDimSize(axis);
    if (!ShapedType::isDynamic(size)) {
      count *= size;
      continue;
    }
    Value dim = tensor::DimOp::create(b, loc, op.getInput(), axis);
    dynamicCount =
        dynamicCount ? arith::MulIOp::create(b, loc, dynamicCount, dim) : dim;
  }
  Type elementType = type.getElementType();
  Value result =
      scalarConstant(b, loc, elementType, static_cast<double>(count));
  if (!dynamicCount)
    return result;
  Value asI64 =
      arith::IndexCastOp::create(b, loc, b.getI64Type(), dynamicCount);
  Value tensor = tensor::FromElementsOp::create(
      b, loc, RankedTensorType::get({}, b.getI64Type()), asI64);
  Value converted = convertTo(b, loc, tensor, elementType);
  return count == 1 ? converted : mul(b, loc, converted, result);
}

namespace {
//===----------------------------------------------------------------------===//
// ReduceMaxOp, ReduceMinOp
//===----------------------------------------------------------------------===//

/// max and min pass the derivative to the elements equal to the extremum,
/// split evenly among ties.
template <typename OpTy>
struct ExtremumModel
    : public DifferentiableOpInterface::ExternalModel<ExtremumModel<OpTy>,
                                                      OpTy> {
  /// The float mask of the extremal elements and, per result element, their
  /// count.
  static std::pair<Value, Value> mask(OpTy op, OpBuilder &b) {
    Location loc = op.getLoc();
    Value input = op.getInput();
    Value expanded = expandReduced(b, loc, op.getResult(), input, op.getAxes(),
                                   op.getKeepdims());
    Value mask =
        convertTo(b, loc, cmp(b, loc, CmpPredicate::eq, input, expanded),
                  op.getType().getElementType());
    Value count = reduceSum(b, loc, mask, op.getAxes(), op.getKeepdims());
    return {mask, count};
  }

  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    auto reduce = cast<OpTy>(op);
    Value xt = operandTangents[0];
    if (!xt) {
      resultTangents.push_back(Value());
      return success();
    }
    Location loc = op->getLoc();
    auto [m, count] = mask(reduce, b);
    Value picked = reduceSum(b, loc, mul(b, loc, m, xt), reduce.getAxes(),
                             reduce.getKeepdims());
    resultTangents.push_back(
        castTo(b, loc, div(b, loc, picked, count), reduce.getType()));
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    auto reduce = cast<OpTy>(op);
    Value g = resultAdjoints[0];
    if (!g) {
      operandAdjoints.push_back(Value());
      return success();
    }
    Location loc = op->getLoc();
    auto [m, count] = mask(reduce, b);
    Value share =
        expandReduced(b, loc, div(b, loc, g, count), reduce.getInput(),
                      reduce.getAxes(), reduce.getKeepdims());
    operandAdjoints.push_back(
        castTo(b, loc, mul(b, loc, m, share), reduce.getInput().getType()));
    return success();
  }
};

/// The tangent of a linear reduction (sum, mean) is the same reduction of
/// the operand's tangent.
template <typename OpTy>
static LogicalResult
linearReductionTangent(Operation *op, OpBuilder &b,
                       ArrayRef<Value> operandTangents,
                       SmallVectorImpl<Value> &resultTangents) {
  auto reduce = cast<OpTy>(op);
  Value xt = operandTangents[0];
  resultTangents.push_back(
      xt ? Value(OpTy::create(b, op->getLoc(), reduce.getType(), xt,
                              reduce.getAxes(), reduce.getKeepdims()))
         : Value());
  return success();
}

//===----------------------------------------------------------------------===//
// ReduceMeanOp
//===----------------------------------------------------------------------===//

struct ReduceMeanModel
    : public DifferentiableOpInterface::ExternalModel<ReduceMeanModel,
                                                      ReduceMeanOp> {
  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    return linearReductionTangent<ReduceMeanOp>(op, b, operandTangents,
                                                resultTangents);
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    auto reduce = cast<ReduceMeanOp>(op);
    Value g = resultAdjoints[0];
    if (!g) {
      operandAdjoints.push_back(Value());
      return success();
    }
    Location loc = op->getLoc();
    Value scaled = div(b, loc, g, reducedCount(b, reduce));
    operandAdjoints.push_back(expandReduced(b, loc, scaled, reduce.getInput(),
                                            reduce.getAxes(),
                                            reduce.getKeepdims()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// ReduceSumOp
//===----------------------------------------------------------------------===//

struct ReduceSumModel
    : public DifferentiableOpInterface::ExternalModel<ReduceSumModel,
                                                      ReduceSumOp> {
  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    return linearReductionTangent<ReduceSumOp>(op, b, operandTangents,
                                               resultTangents);
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    auto reduce = cast<ReduceSumOp>(op);
    Value g = resultAdjoints[0];
    operandAdjoints.push_back(
        g ? expandReduced(b, op->getLoc(), g, reduce.getInput(),
                          reduce.getAxes(), reduce.getKeepdims())
          : Value());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// LogSoftmaxOp
//===----------------------------------------------------------------------===//

// y = x - logsumexp(x): J v = v - sum(softmax(x) v), J^T g = g - softmax(x)
// sum(g), with softmax(x) = exp(y).
struct LogSoftmaxModel
    : public DifferentiableOpInterface::ExternalModel<LogSoftmaxModel,
                                                      LogSoftmaxOp> {
  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    auto logSoftmax = cast<LogSoftmaxOp>(op);
    Value xt = operandTangents[0];
    if (!xt) {
      resultTangents.push_back(Value());
      return success();
    }
    Location loc = op->getLoc();
    Value y = logSoftmax.getResult();
    Value p = ExpOp::create(b, loc, y.getType(), y);
    int64_t axis = logSoftmax.getAxis();
    Value mean = reduceSum(b, loc, mul(b, loc, p, xt), axis, /*keepdims=*/true);
    resultTangents.push_back(
        castTo(b, loc, sub(b, loc, xt, mean), y.getType()));
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    auto logSoftmax = cast<LogSoftmaxOp>(op);
    Value g = resultAdjoints[0];
    if (!g) {
      operandAdjoints.push_back(Value());
      return success();
    }
    Location loc = op->getLoc();
    Value y = logSoftmax.getResult();
    Value p = ExpOp::create(b, loc, y.getType(), y);
    int64_t axis = logSoftmax.getAxis();
    Value total = reduceSum(b, loc, g, axis, /*keepdims=*/true);
    operandAdjoints.push_back(
        castTo(b, loc, sub(b, loc, g, mul(b, loc, p, total)), y.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// SoftmaxOp
//===----------------------------------------------------------------------===//

// J v = y (v - sum(y v)); J is symmetric, so J^T g = y (g - sum(y g)).
struct SoftmaxModel
    : public DifferentiableOpInterface::ExternalModel<SoftmaxModel, SoftmaxOp> {
  static Value apply(SoftmaxOp op, OpBuilder &b, Value v) {
    if (!v)
      return Value();
    Location loc = op.getLoc();
    Value y = op.getResult();
    int64_t axis = op.getAxis();
    Value inner = reduceSum(b, loc, mul(b, loc, y, v), axis, /*keepdims=*/true);
    return castTo(b, loc, mul(b, loc, y, sub(b, loc, v, inner)), y.getType());
  }

  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    resultTangents.push_back(apply(cast<SoftmaxOp>(op), b, operandTangents[0]));
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    operandAdjoints.push_back(apply(cast<SoftmaxOp>(op), b, resultAdjoints[0]));
    return success();
  }
};
} // namespace

void mlir::nabla::attachReductionADModels(MLIRContext *context) {
  attachNoDerivativeModels<ArgmaxOp>(context);
  LogSoftmaxOp::attachInterface<LogSoftmaxModel>(*context);
  ReduceMaxOp::attachInterface<ExtremumModel<ReduceMaxOp>>(*context);
  ReduceMeanOp::attachInterface<ReduceMeanModel>(*context);
  ReduceMinOp::attachInterface<ExtremumModel<ReduceMinOp>>(*context);
  ReduceSumOp::attachInterface<ReduceSumModel>(*context);
  SoftmaxOp::attachInterface<SoftmaxModel>(*context);
}

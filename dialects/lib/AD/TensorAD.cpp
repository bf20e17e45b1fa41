//===- TensorAD.cpp - AD rules of the upstream tensor ops -----------------===//
//
// The tensor ops that reach the autodiff pass carrying floats: tensor.cast
// from the front end, and tensor.empty / extract_slice / insert_slice /
// reshape from derivative code itself (loop tapes, slice adjoints), which
// nested differentiation (hvp, grad of grad) must differentiate again. All
// are linear; tensor.empty has no derivative.
//
//===----------------------------------------------------------------------===//

#include "NoDerivativeModel.h"
#include "nabla/Derivatives/ADBuilders.h"
#include "nabla/Derivatives/ADModels.h"
#include "nabla/Interfaces/DifferentiableOpInterface.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::nabla;
using namespace mlir::nabla::ad;

namespace {
//===----------------------------------------------------------------------===//
// tensor::CastOp
//===----------------------------------------------------------------------===//

struct CastModel
    : public DifferentiableOpInterface::ExternalModel<CastModel,
                                                      tensor::CastOp> {
  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    Value t = operandTangents[0];
    resultTangents.push_back(
        t ? castTo(b, op->getLoc(), t, op->getResult(0).getType()) : Value());
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    Value g = resultAdjoints[0];
    operandAdjoints.push_back(
        g ? castTo(b, op->getLoc(), g, op->getOperand(0).getType()) : Value());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// tensor::ExtractSliceOp
//===----------------------------------------------------------------------===//

struct ExtractSliceModel
    : public DifferentiableOpInterface::ExternalModel<ExtractSliceModel,
                                                      tensor::ExtractSliceOp> {
  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    Value t = operandTangents[0];
    if (!t) {
      resultTangents.push_back(Value());
      return success();
    }
    Operation *clone = b.clone(*op);
    clone->setOperand(0, t);
    resultTangents.push_back(clone->getResult(0));
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    auto slice = cast<tensor::ExtractSliceOp>(op);
    operandAdjoints.append(op->getNumOperands(), Value());
    Value g = resultAdjoints[0];
    if (!g)
      return success();
    Location loc = op->getLoc();
    Value zeros = zerosLike(b, loc, slice.getSource());
    operandAdjoints[0] = tensor::InsertSliceOp::create(
        b, loc, g, zeros, slice.getMixedOffsets(), slice.getMixedSizes(),
        slice.getMixedStrides());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// tensor::InsertSliceOp
//===----------------------------------------------------------------------===//

struct InsertSliceModel
    : public DifferentiableOpInterface::ExternalModel<InsertSliceModel,
                                                      tensor::InsertSliceOp> {
  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    auto insert = cast<tensor::InsertSliceOp>(op);
    Value st = operandTangents[0], dt = operandTangents[1];
    if (!st && !dt) {
      resultTangents.push_back(Value());
      return success();
    }
    Location loc = op->getLoc();
    resultTangents.push_back(tensor::InsertSliceOp::create(
        b, loc, orZeros(b, loc, st, insert.getSource()),
        orZeros(b, loc, dt, insert.getDest()), insert.getMixedOffsets(),
        insert.getMixedSizes(), insert.getMixedStrides()));
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    auto insert = cast<tensor::InsertSliceOp>(op);
    operandAdjoints.append(op->getNumOperands(), Value());
    Value g = resultAdjoints[0];
    if (!g)
      return success();
    Location loc = op->getLoc();
    // The source gets the block it wrote; the destination everything else.
    operandAdjoints[0] = tensor::ExtractSliceOp::create(
        b, loc, insert.getSourceType(), g, insert.getMixedOffsets(),
        insert.getMixedSizes(), insert.getMixedStrides());
    operandAdjoints[1] = tensor::InsertSliceOp::create(
        b, loc, zerosLike(b, loc, insert.getSource()), g,
        insert.getMixedOffsets(), insert.getMixedSizes(),
        insert.getMixedStrides());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// tensor::ReshapeOp
//===----------------------------------------------------------------------===//

struct TensorReshapeModel
    : public DifferentiableOpInterface::ExternalModel<TensorReshapeModel,
                                                      tensor::ReshapeOp> {
  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    auto reshape = cast<tensor::ReshapeOp>(op);
    Value t = operandTangents[0];
    resultTangents.push_back(
        t ? Value(tensor::ReshapeOp::create(b, op->getLoc(), reshape.getType(),
                                            t, reshape.getShape()))
          : Value());
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    auto reshape = cast<tensor::ReshapeOp>(op);
    operandAdjoints.append(op->getNumOperands(), Value());
    Value g = resultAdjoints[0];
    if (!g)
      return success();
    Location loc = op->getLoc();
    Value source = reshape.getSource();
    auto sourceType = cast<RankedTensorType>(source.getType());
    SmallVector<Value> sizes;
    for (int64_t dim = 0; dim < sourceType.getRank(); ++dim)
      sizes.push_back(tensor::DimOp::create(b, loc, source, dim));
    Value shape = tensor::FromElementsOp::create(
        b, loc, RankedTensorType::get({sourceType.getRank()}, b.getIndexType()),
        sizes);
    operandAdjoints[0] =
        tensor::ReshapeOp::create(b, loc, sourceType, g, shape);
    return success();
  }
};
} // namespace

void mlir::nabla::attachTensorADModels(MLIRContext *context) {
  tensor::CastOp::attachInterface<CastModel>(*context);
  attachNoDerivativeModels<tensor::EmptyOp>(context);
  tensor::ExtractSliceOp::attachInterface<ExtractSliceModel>(*context);
  tensor::InsertSliceOp::attachInterface<InsertSliceModel>(*context);
  tensor::ReshapeOp::attachInterface<TensorReshapeModel>(*context);
}

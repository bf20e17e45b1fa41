//===- CreationAD.cpp - AD rules of the creation ops ----------------------===//
//
// constant, iota and the random ops produce values that depend on nothing
// differentiable. splat is linear in its scalar: its adjoint sums the
// result adjoint over every element.
//
//===----------------------------------------------------------------------===//

#include "NoDerivativeModel.h"
#include "nabla/Derivatives/ADBuilders.h"
#include "nabla/Derivatives/ADModels.h"
#include "nabla/IR/NablaOps.h"
#include "nabla/Interfaces/DifferentiableOpInterface.h"

#include "llvm/ADT/Sequence.h"

using namespace mlir;
using namespace mlir::nabla;
using namespace mlir::nabla::ad;

namespace {
//===----------------------------------------------------------------------===//
// SplatOp
//===----------------------------------------------------------------------===//

struct SplatModel
    : public DifferentiableOpInterface::ExternalModel<SplatModel, SplatOp> {
  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    auto splat = cast<SplatOp>(op);
    Value st = operandTangents[0];
    resultTangents.push_back(
        st ? Value(SplatOp::create(b, op->getLoc(), splat.getType(), st,
                                   splat.getDynamicSizes()))
           : Value());
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    auto splat = cast<SplatOp>(op);
    operandAdjoints.append(op->getNumOperands(), Value());
    Value g = resultAdjoints[0];
    if (!g || !isDifferentiableType(splat.getType()))
      return success();
    int64_t rank = splat.getType().getRank();
    Value total = rank == 0
                      ? g
                      : reduceSum(b, op->getLoc(), g,
                                  llvm::to_vector(llvm::seq<int64_t>(0, rank)),
                                  /*keepdims=*/false);
    operandAdjoints[0] =
        castTo(b, op->getLoc(), total, splat.getScalar().getType());
    return success();
  }
};
} // namespace

void mlir::nabla::attachCreationADModels(MLIRContext *context) {
  attachNoDerivativeModels<ConstantOp, IotaOp, RandomNormalOp, RandomUniformOp>(
      context);
  SplatOp::attachInterface<SplatModel>(*context);
}

//===- NoDerivativeModel.h - Model of ops without a derivative --*- C++ -*-===//
//
// Private to dialects/lib/AD: the model of ops whose results do not depend
// differentiably on their operands (constants, random numbers, integer
// results). Both rules return zeros (null values).
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_AD_NODERIVATIVEMODEL_H
#define NABLA_LIB_AD_NODERIVATIVEMODEL_H

#include "nabla/Interfaces/DifferentiableOpInterface.h"

namespace mlir::nabla::ad {

template <typename OpTy>
struct NoDerivativeModel
    : public DifferentiableOpInterface::ExternalModel<NoDerivativeModel<OpTy>,
                                                      OpTy> {
  LogicalResult buildTangents(Operation *op, OpBuilder &,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    resultTangents.append(op->getNumResults(), Value());
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    operandAdjoints.append(op->getNumOperands(), Value());
    return success();
  }
};

/// Attaches NoDerivativeModel to each of `OpTys`.
template <typename... OpTys> void attachNoDerivativeModels(MLIRContext *ctx) {
  (OpTys::template attachInterface<NoDerivativeModel<OpTys>>(*ctx), ...);
}

} // namespace mlir::nabla::ad

#endif // NABLA_LIB_AD_NODERIVATIVEMODEL_H

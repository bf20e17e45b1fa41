//===- ControlFlowModel.h - One model for region and call ops ---*- C++ -*-===//
//
// Private to dialects/lib/AD: the ControlFlowADOpInterface external model
// that every region and call op shares. It hands the op, cast to its class,
// to the static functions of ControlFlowAD<OpTy>, which ControlFlowAD.cpp
// (scf.for, scf.while, scf.if) and CallAD.cpp (func.call) specialize.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_AD_CONTROLFLOWMODEL_H
#define NABLA_LIB_AD_CONTROLFLOWMODEL_H

#include "nabla/Interfaces/ControlFlowADOpInterface.h"

namespace mlir::nabla::ad {

/// The derivative of `OpTy`: static functions named like the methods of
/// ControlFlowADOpInterface that take the op as an `OpTy`.
template <typename OpTy> struct ControlFlowAD;

template <typename OpTy>
struct ControlFlowModel
    : public ControlFlowADOpInterface::ExternalModel<ControlFlowModel<OpTy>,
                                                     OpTy> {
  using AD = ControlFlowAD<OpTy>;

  void propagateVaried(Operation *op, ActivitySet &varied) const {
    AD::propagateVaried(cast<OpTy>(op), varied);
  }
  void propagateUseful(Operation *op, ActivitySet &useful) const {
    AD::propagateUseful(cast<OpTy>(op), useful);
  }
  LogicalResult emitTangents(Operation *op, OpBuilder &b,
                             TangentDriver &driver) const {
    return AD::emitTangents(cast<OpTy>(op), b, driver);
  }
  LogicalResult emitTapedPrimal(Operation *op, OpBuilder &b,
                                AdjointDriver &driver,
                                SweepScope &scope) const {
    return AD::emitTapedPrimal(cast<OpTy>(op), b, driver, scope);
  }
  LogicalResult emitAdjoints(Operation *op, OpBuilder &b, AdjointDriver &driver,
                             SweepScope &scope, Adjoints &adjoints) const {
    return AD::emitAdjoints(cast<OpTy>(op), b, driver, scope, adjoints);
  }
};

} // namespace mlir::nabla::ad

#endif // NABLA_LIB_AD_CONTROLFLOWMODEL_H

//===- ADModels.h - Attach the AD rules to ops ------------------*- C++ -*-===//
//
// One function per op family attaches that family's DifferentiableOpInterface
// (or, for region and call ops, ControlFlowADOpInterface) external models.
// InitAll.cpp calls them when the dialects load.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_DERIVATIVES_ADMODELS_H
#define NABLA_DERIVATIVES_ADMODELS_H

namespace mlir {
class MLIRContext;

namespace nabla {

/// Creation ops: constant, iota, splat, random_normal, random_uniform.
void attachCreationADModels(MLIRContext *context);
/// Elementwise unary ops and convert.
void attachElementwiseADModels(MLIRContext *context);
/// Elementwise binary ops and select.
void attachBinaryADModels(MLIRContext *context);
/// Reductions, softmax, log_softmax and argmax.
void attachReductionADModels(MLIRContext *context);
/// matmul.
void attachContractionADModels(MLIRContext *context);
/// Shape ops: broadcast_to, concat, slices, reshape, take, scatter_add, ...
void attachShapeADModels(MLIRContext *context);
/// scf.for, scf.while and scf.if (ControlFlowADOpInterface).
void attachControlFlowADModels(MLIRContext *context);
/// func.call (ControlFlowADOpInterface).
void attachCallADModels(MLIRContext *context);
/// Upstream tensor ops that derivative code and the front end use: cast,
/// empty, extract_slice, insert_slice.
void attachTensorADModels(MLIRContext *context);

} // namespace nabla
} // namespace mlir

#endif // NABLA_DERIVATIVES_ADMODELS_H

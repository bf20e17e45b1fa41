//===- InitAll.cpp - Register everything Nabla adds to MLIR ---------------===//
//
// Registers the nabla dialect, the dialects its ops, transforms and
// derivative code use, the AD rules (DifferentiableOpInterface external
// models) of the nabla ops and of the upstream tensor ops, the
// ControlFlowADOpInterface models of scf.for / scf.while / scf.if and
// func.call, and the bufferization model of `nabla.runtime_call`.
//
//===----------------------------------------------------------------------===//

#include "nabla/InitAll.h"

#include "nabla/Derivatives/ADModels.h"
#include "nabla/IR/NablaDialect.h"
#include "nabla/Transforms/BufferizableOpInterfaceImpl.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"

void mlir::nabla::registerAllNablaDialects(DialectRegistry &registry) {
  registry.insert<NablaDialect, arith::ArithDialect, func::FuncDialect,
                  scf::SCFDialect, tensor::TensorDialect>();

  registry.addExtension(+[](MLIRContext *context, NablaDialect *) {
    attachBinaryADModels(context);
    attachContractionADModels(context);
    attachCreationADModels(context);
    attachElementwiseADModels(context);
    attachReductionADModels(context);
    attachShapeADModels(context);
  });
  registry.addExtension(+[](MLIRContext *context, tensor::TensorDialect *) {
    attachTensorADModels(context);
  });
  registry.addExtension(+[](MLIRContext *context, scf::SCFDialect *) {
    attachControlFlowADModels(context);
  });
  registry.addExtension(+[](MLIRContext *context, func::FuncDialect *) {
    attachCallADModels(context);
  });
  registerBufferizableOpInterfaceExternalModels(registry);
}

//===- InitAll.cpp - Register everything Nabla adds to MLIR ---------------===//
//
// Registers the nabla dialect and the dialects its ops and transforms use.
//
//===----------------------------------------------------------------------===//

#include "nabla/InitAll.h"

#include "nabla/IR/NablaDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"

void mlir::nabla::registerAllNablaDialects(DialectRegistry &registry) {
  registry.insert<NablaDialect, func::FuncDialect>();
}

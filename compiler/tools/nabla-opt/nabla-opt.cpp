//===- nabla-opt.cpp - The nabla IR test tool -----------------------------===//
//
// mlir-opt with every upstream dialect, pass and extension plus the nabla
// dialect, the nabla passes and the registered pipelines
// (`--nabla-cpu-pipeline`, `--nabla-<phase>-phase`); lit tests run passes and
// round-trips through it.
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/Passes.h"
#include "nabla/Conversion/Passes.h"
#include "nabla/InitAll.h"
#include "nabla/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::nabla::registerNablaADPasses();
  mlir::nabla::registerNablaConversionPasses();
  mlir::nabla::registerNablaPipelines();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::nabla::registerAllNablaDialects(registry);

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Nabla optimizer driver\n", registry));
}

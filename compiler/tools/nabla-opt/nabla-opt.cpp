//===- nabla-opt.cpp - The nabla IR test tool -----------------------------===//
//
// mlir-opt with every upstream dialect, pass and extension plus the nabla
// dialect and the nabla passes; lit tests run passes and round-trips through
// it.
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/Passes.h"
#include "nabla/Conversion/Passes.h"
#include "nabla/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::nabla::registerNablaADPasses();
  mlir::nabla::registerNablaConversionPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::nabla::registerAllNablaDialects(registry);

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Nabla optimizer driver\n", registry));
}

//===- ConvertNablaToLinalg.cpp - The convert-nabla-to-linalg pass --------===//
//
// Assembles the lowering patterns of every op family; any nabla compute op
// left over is an error.
//
//===----------------------------------------------------------------------===//

#include "nabla/Conversion/Passes.h"
#include "nabla/IR/NablaDialect.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"

namespace mlir::nabla {
#define GEN_PASS_DEF_CONVERTNABLATOLINALG
#include "nabla/Conversion/Passes.h.inc"
} // namespace mlir::nabla

using namespace mlir;
using namespace mlir::nabla;

namespace {
struct ConvertNablaToLinalgPass
    : mlir::nabla::impl::ConvertNablaToLinalgBase<ConvertNablaToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect,
                           arith::ArithDialect, math::MathDialect,
                           scf::SCFDialect, cf::ControlFlowDialect,
                           func::FuncDialect>();
    target.addIllegalDialect<NablaDialect>();
    // I/O and transforms are handled by other passes.
    target.addLegalOp<PrintOp, SaveOp, LoadOp, RuntimeCallOp>();
    RewritePatternSet patterns(ctx);
    populateElementwiseLoweringPatterns(patterns);
    populateReductionLoweringPatterns(patterns);
    populateContractionLoweringPatterns(patterns);
    populateShapeLoweringPatterns(patterns);
    populateIndexCheckLoweringPatterns(patterns);
    populateRandomLoweringPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

//===- ConvertNablaToRuntime.cpp - The convert-nabla-to-runtime pass ------===//
//
// Applies the runtime-call patterns (I/O, float products, run-time checks);
// other nabla ops are left for convert-nabla-to-linalg.
//
//===----------------------------------------------------------------------===//

#include "nabla/Conversion/Passes.h"
#include "nabla/IR/NablaDialect.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"

namespace mlir::nabla {
#define GEN_PASS_DEF_CONVERTNABLATORUNTIME
#include "nabla/Conversion/Passes.h.inc"
} // namespace mlir::nabla

using namespace mlir;
using namespace mlir::nabla;

namespace {
struct ConvertNablaToRuntimePass
    : mlir::nabla::impl::ConvertNablaToRuntimeBase<ConvertNablaToRuntimePass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target
        .addLegalDialect<func::FuncDialect, tensor::TensorDialect,
                         arith::ArithDialect, scf::SCFDialect, NablaDialect>();
    target.addIllegalOp<PrintOp, SaveOp, LoadOp, CheckOp, CheckNumericsOp,
                        cf::AssertOp>();
    // Calls that return tensors stay `nabla.runtime_call`s, with their
    // string arguments as operands: bufferization knows their results are
    // fresh buffers. The pattern also gives the callee its C interface.
    target.addDynamicallyLegalOp<RuntimeCallOp>([](RuntimeCallOp op) {
      auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
          op, op.getCalleeAttr());
      return op.getStringArgs().empty() && callee &&
             callee->hasAttr("llvm.emit_c_interface") &&
             llvm::any_of(op->getResultTypes(), llvm::IsaPred<TensorType>);
    });
    target.addDynamicallyLegalOp<MatmulOp>([](MatmulOp op) {
      auto type = cast<RankedTensorType>(op.getType());
      Type elem = type.getElementType();
      return !(type.getRank() == 2 && (elem.isF32() || elem.isF64()));
    });
    RewritePatternSet patterns(ctx);
    populateRuntimeLoweringPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

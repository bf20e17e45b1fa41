//===- CPUPipeline.cpp - From the nabla dialect to the LLVM dialect -------===//
//
// The CPU pipeline as a list of named phases. Each phase is a textual pass
// pipeline so `nabla-opt` can run it alone.
//
//===----------------------------------------------------------------------===//

#include "nabla/Pipelines/Pipelines.h"

#include "nabla/AD/Passes.h"
#include "nabla/Conversion/Passes.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;

namespace nabla {

std::optional<Phase> parsePhase(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Phase>>(name)
      .Case("nabla", Phase::Nabla)
      .Case("ad", Phase::AD)
      .Case("linalg", Phase::Linalg)
      .Case("bufferized", Phase::Bufferized)
      .Case("llvm", Phase::LLVM)
      .Default(std::nullopt);
}

llvm::StringRef phaseName(Phase phase) {
  switch (phase) {
  case Phase::Nabla:
    return "nabla";
  case Phase::AD:
    return "ad";
  case Phase::Linalg:
    return "linalg";
  case Phase::Bufferized:
    return "bufferized";
  case Phase::LLVM:
    return "llvm";
  }
  return "?";
}

/// Canonicalisation without the scf.for pattern that folds tensor.cast into
/// loop-carried values: it assumes a carried tensor keeps its size, which a
/// loop such as `w = concat([w, w])` breaks.
#define NABLA_CANONICALIZE                                                     \
  "canonicalize{disable-patterns=\"(anonymous "                                \
  "namespace)::ForOpTensorCastFolder\"}"

/// The pass pipeline of each phase after `nabla`.
static const char *phasePipeline(Phase phase) {
  switch (phase) {
  case Phase::Nabla:
    return "";
  case Phase::AD:
    return "nabla-autodiff,symbol-dce," NABLA_CANONICALIZE ",cse";
  case Phase::Linalg:
    return "convert-nabla-to-runtime,convert-nabla-to-"
           "linalg," NABLA_CANONICALIZE
           ",func.func(linalg-fuse-elementwise-ops)," NABLA_CANONICALIZE ",cse";
  case Phase::Bufferized:
    return "nabla-prepare-bufferization,"
           "one-shot-bufferize{bufferize-function-boundaries "
           "function-boundary-type-conversion=identity-layout-map "
           "allow-return-allocs-from-loops}," NABLA_CANONICALIZE
           // buffer-deallocation-pipeline, with the deallocs of a block
           // merged before they are lowered.
           ",ownership-based-buffer-deallocation," NABLA_CANONICALIZE
           ",buffer-deallocation-simplification,nabla-merge-deallocations,"
           "bufferization-lower-deallocations,cse," NABLA_CANONICALIZE
           "," NABLA_CANONICALIZE;
  case Phase::LLVM:
    return "convert-bufferization-to-memref,"
           "func.func(convert-linalg-to-loops),expand-strided-metadata,"
           "lower-affine,convert-scf-to-cf,convert-math-to-llvm,"
           "convert-math-to-funcs,convert-math-to-libm,convert-cf-to-llvm,"
           "convert-arith-to-llvm,convert-index-to-llvm,"
           "finalize-memref-to-llvm{use-generic-functions},"
           "convert-func-to-llvm,"
           "convert-ub-to-llvm,reconcile-unrealized-casts";
  }
  return "";
}

void registerPipelineDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
}

/// The `bufferization.access` hints on runtime declarations have done their
/// work once buffers exist; LLVM would not know them.
static void dropBufferizationHints(ModuleOp module) {
  module.walk([](func::FuncOp f) {
    for (unsigned i = 0; i < f.getNumArguments(); ++i)
      f.removeArgAttr(i, "bufferization.access");
  });
}

/// The program's entry point gets a name that cannot clash with C's main.
static void renameMain(ModuleOp module) {
  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main || main.isPrivate())
    return;
  if (failed(SymbolTable::replaceAllSymbolUses(
          main, StringAttr::get(module.getContext(), "nabla_main"), module)))
    return;
  main.setSymName("nabla_main");
}

LogicalResult runCPUPipeline(ModuleOp module, Phase last,
                             const CPUPipelineOptions &options) {
  static bool registered = [] {
    registerAllPasses();
    mlir::nabla::registerNablaADPasses();
    mlir::nabla::registerNablaConversionPasses();
    return true;
  }();
  (void)registered;
  if (options.renameMain)
    renameMain(module);
  for (Phase phase :
       {Phase::AD, Phase::Linalg, Phase::Bufferized, Phase::LLVM}) {
    if (static_cast<int>(phase) > static_cast<int>(last))
      break;
    if (phase == Phase::AD && !mlir::PassInfo::lookup("nabla-autodiff")) {
      // Without the autodiff pass, programs without transforms still run.
      bool hasTransforms = false;
      module.walk([&](Operation *op) {
        if (isa<mlir::nabla::GradOp, mlir::nabla::ValueAndGradOp,
                mlir::nabla::JvpOp, mlir::nabla::VjpOp, mlir::nabla::HvpOp,
                mlir::nabla::JacobianOp>(op))
          hasTransforms = true;
      });
      if (hasTransforms) {
        module.emitError("differentiation is not available in this build");
        return failure();
      }
      continue;
    }
    if (phase == Phase::LLVM)
      dropBufferizationHints(module);
    std::string pipeline = phasePipeline(phase);
    // The program's options are declared and checked at the start of its
    // entry point, which has its final name by now.
    if (phase == Phase::Linalg)
      pipeline =
          std::string(options.checkNumerics ? "nabla-check-numerics," : "") +
          "nabla-declare-program-options{entry=" +
          (options.renameMain ? "nabla_main" : "main") + "}," + pipeline;
    PassManager pm(module.getContext());
    if (failed(parsePassPipeline(pipeline, pm))) {
      module.emitError("internal error: bad pipeline for phase '")
          << phaseName(phase) << "'";
      return failure();
    }
    if (failed(pm.run(module)))
      return failure();
  }
  return success();
}

} // namespace nabla

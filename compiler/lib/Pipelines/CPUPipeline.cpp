//===- CPUPipeline.cpp - From the nabla dialect to the LLVM dialect -------===//
//
// The CPU pipeline as named phases, each built by a typed OpPassManager
// builder and registered (`nabla-opt --nabla-cpu-pipeline`, one
// `--nabla-<phase>-phase` per phase). The driver runs the phases up to the
// one asked for in one pass manager, with MLIR's pass-manager options
// (`--mlir-timing`, `--mlir-print-ir-after-all`, ...).
//
//===----------------------------------------------------------------------===//

#include "nabla/Pipelines/Pipelines.h"

#include "nabla/AD/Passes.h"
#include "nabla/Conversion/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Support/Timing.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;

namespace mlir::nabla {

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

//===----------------------------------------------------------------------===//
// Canonicalization
//===----------------------------------------------------------------------===//

/// The scf.for canonicalization that folds tensor.cast into loop-carried
/// values: it assumes a carried tensor keeps its size, which a loop such as
/// `w = concat([w, w])` breaks. Upstream names it only by its C++ type, so
/// `checkPipelinePatterns` makes sure the name still finds it.
static constexpr llvm::StringLiteral kForOpTensorCastFolder =
    "(anonymous namespace)::ForOpTensorCastFolder";

LogicalResult checkPipelinePatterns(MLIRContext *context) {
  context->getOrLoadDialect<scf::SCFDialect>();
  RewritePatternSet patterns(context);
  scf::ForOp::getCanonicalizationPatterns(patterns, context);
  for (const std::unique_ptr<RewritePattern> &p : patterns.getNativePatterns())
    if (p->getDebugName() == kForOpTensorCastFolder)
      return success();
  return emitError(UnknownLoc::get(context))
         << "internal error: the scf.for canonicalization pattern '"
         << kForOpTensorCastFolder
         << "' the pipeline disables no longer exists upstream; find its "
            "new name in scf.for's canonicalization patterns";
}

/// Canonicalization without `kForOpTensorCastFolder`.
static std::unique_ptr<Pass> createNablaCanonicalizerPass() {
  return createCanonicalizerPass(GreedyRewriteConfig(),
                                 {kForOpTensorCastFolder.str()});
}

//===----------------------------------------------------------------------===//
// Phases
//===----------------------------------------------------------------------===//

void buildADPhase(OpPassManager &pm) {
  pm.addPass(mlir::nabla::createNablaExpandCustomVjp());
  pm.addPass(mlir::nabla::createNablaExpandPerExampleGrad());
  pm.addPass(mlir::nabla::createNablaAutodiff());
  pm.addPass(createSymbolDCEPass());
  pm.addPass(createNablaCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void buildLinalgPhase(OpPassManager &pm, const CPUPipelineOptions &options) {
  if (options.checkNumerics)
    pm.addPass(mlir::nabla::createCheckNumerics());
  // The program's options are declared and checked at the start of its
  // entry point, which has its final name by now.
  mlir::nabla::DeclareProgramOptionsOptions declare;
  declare.entry = options.renameMain ? "nabla_main" : "main";
  pm.addPass(mlir::nabla::createDeclareProgramOptions(declare));
  pm.addPass(mlir::nabla::createConvertNablaToRuntime());
  pm.addPass(mlir::nabla::createConvertNablaToLinalg());
  pm.addPass(createNablaCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(createLinalgElementwiseOpFusionPass());
  pm.addPass(createNablaCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void buildBufferizePhase(OpPassManager &pm) {
  pm.addPass(mlir::nabla::createPrepareBufferization());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  bufferize.allowReturnAllocsFromLoops = true;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  pm.addPass(createNablaCanonicalizerPass());
  // buffer-deallocation-pipeline, with the deallocs of a block merged
  // before they are lowered.
  pm.addPass(bufferization::createOwnershipBasedBufferDeallocationPass());
  pm.addPass(createNablaCanonicalizerPass());
  pm.addPass(bufferization::createBufferDeallocationSimplificationPass());
  pm.addPass(mlir::nabla::createMergeDeallocations());
  pm.addPass(bufferization::createLowerDeallocationsPass());
  pm.addPass(createCSEPass());
  pm.addPass(createNablaCanonicalizerPass());
  pm.addPass(createNablaCanonicalizerPass());
}

namespace {
/// The `bufferization.access` hints on runtime declarations have done their
/// work once buffers exist; LLVM would not know them.
struct DropBufferizationHintsPass
    : PassWrapper<DropBufferizationHintsPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(DropBufferizationHintsPass)
  StringRef getArgument() const final {
    return "nabla-drop-bufferization-hints";
  }
  StringRef getDescription() const final {
    return "remove bufferization.access argument attributes";
  }
  void runOnOperation() override {
    getOperation().walk([](func::FuncOp f) {
      for (unsigned i = 0; i < f.getNumArguments(); ++i)
        f.removeArgAttr(i, "bufferization.access");
    });
  }
};
} // namespace

void buildLLVMPhase(OpPassManager &pm) {
  pm.addPass(std::make_unique<DropBufferizationHintsPass>());
  pm.addPass(createConvertBufferizationToMemRefPass());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToFuncs());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  // Generated code allocates through the runtime's buffer cache.
  FinalizeMemRefToLLVMConversionPassOptions memrefOptions;
  memrefOptions.useGenericFunctions = true;
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefOptions));
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void buildCPUPipeline(OpPassManager &pm, Phase last,
                      const CPUPipelineOptions &options) {
  auto upTo = [&](Phase phase) {
    return static_cast<int>(phase) <= static_cast<int>(last);
  };
  if (upTo(Phase::AD))
    buildADPhase(pm);
  if (upTo(Phase::Linalg))
    buildLinalgPhase(pm, options);
  if (upTo(Phase::Bufferized))
    buildBufferizePhase(pm);
  if (upTo(Phase::LLVM))
    buildLLVMPhase(pm);
}

//===----------------------------------------------------------------------===//
// Registration and the driver's entry point
//===----------------------------------------------------------------------===//

namespace {
struct CPUPipelineCLOptions : PassPipelineOptions<CPUPipelineCLOptions> {
  PassOptions::Option<bool> checkNumerics{
      *this, "check-numerics",
      llvm::cl::desc("check every float tensor for NaN and Inf"),
      llvm::cl::init(false)};
  PassOptions::Option<std::string> entry{
      *this, "entry",
      llvm::cl::desc("the entry function (main, or nabla_main once renamed)"),
      llvm::cl::init("main")};

  CPUPipelineOptions get() const {
    CPUPipelineOptions options;
    options.checkNumerics = checkNumerics;
    options.renameMain = entry == "nabla_main";
    return options;
  }
};
} // namespace

void registerNablaPipelines() {
  PassPipelineRegistration<CPUPipelineCLOptions>(
      "nabla-cpu-pipeline",
      "the whole CPU pipeline: from the nabla dialect to the LLVM dialect",
      [](OpPassManager &pm, const CPUPipelineCLOptions &cl) {
        buildCPUPipeline(pm, Phase::LLVM, cl.get());
      });
  PassPipelineRegistration<>("nabla-ad-phase",
                             "phase 'ad': derivatives generated, cleaned up",
                             buildADPhase);
  PassPipelineRegistration<CPUPipelineCLOptions>(
      "nabla-linalg-phase",
      "phase 'linalg': nabla lowered to runtime calls and linalg",
      [](OpPassManager &pm, const CPUPipelineCLOptions &cl) {
        buildLinalgPhase(pm, cl.get());
      });
  PassPipelineRegistration<>("nabla-bufferize-phase",
                             "phase 'bufferized': tensors to buffers, "
                             "deallocations placed",
                             buildBufferizePhase);
  PassPipelineRegistration<>("nabla-llvm-phase",
                             "phase 'llvm': buffers and control flow to the "
                             "LLVM dialect",
                             buildLLVMPhase);
}

void registerPipelineDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
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
  if (last == Phase::Nabla)
    return success();
  if (failed(checkPipelinePatterns(module.getContext())))
    return failure();
  if (options.renameMain)
    renameMain(module);
  PassManager pm(module.getContext());
  buildCPUPipeline(pm, last, options);
  // --mlir-timing, --mlir-print-ir-after-all, --mlir-pass-statistics, ...
  // when the tool registered them.
  if (failed(applyPassManagerCLOptions(pm)))
    return failure();
  applyDefaultTimingPassManagerCLOptions(pm);
  return pm.run(module);
}

} // namespace mlir::nabla

//===- Pipelines.h - Compilation pipelines as named phases ------*- C++ -*-===//
//
// The phases after MLIRGen, each printable with `nabla emit --stage=<phase>`:
// ad (derivatives generated), linalg (nabla lowered), bufferized, llvm. Each
// is built by a typed pass-manager builder and registered as a pipeline.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_PIPELINES_PIPELINES_H
#define NABLA_PIPELINES_PIPELINES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace mlir::nabla {

/// The phases, in order. `nabla` is MLIRGen's output.
enum class Phase { Nabla, AD, Linalg, Bufferized, LLVM };

/// The phase called `name`, if any.
std::optional<Phase> parsePhase(llvm::StringRef name);
llvm::StringRef phaseName(Phase phase);

struct CPUPipelineOptions {
  /// Rename the program's `main` to `nabla_main` (for the AOT wrapper and
  /// the JIT entry point).
  bool renameMain = true;
  /// Check every float tensor the program computes for NaN and Inf
  /// (`--check-numerics`, the `nabla-check-numerics` pass).
  bool checkNumerics = false;
};

/// The passes of each phase.
void buildADPhase(mlir::OpPassManager &pm);
void buildLinalgPhase(mlir::OpPassManager &pm,
                      const CPUPipelineOptions &options);
void buildBufferizePhase(mlir::OpPassManager &pm);
void buildLLVMPhase(mlir::OpPassManager &pm);

/// The phases after `nabla` up to and including `last`.
void buildCPUPipeline(mlir::OpPassManager &pm, Phase last,
                      const CPUPipelineOptions &options);

/// Registers `nabla-cpu-pipeline` (every phase; options `check-numerics`
/// and `entry`) and one pipeline per phase: `nabla-ad-phase`,
/// `nabla-linalg-phase`, `nabla-bufferize-phase`, `nabla-llvm-phase`.
void registerNablaPipelines();

/// Fails with an error if an upstream pattern the pipeline disables by name
/// no longer exists under that name.
mlir::LogicalResult checkPipelinePatterns(mlir::MLIRContext *context);

/// Runs the CPU pipeline on `module` up to and including `last` in one pass
/// manager, with MLIR's pass-manager command-line options applied when the
/// tool registered them (`--mlir-timing`, `--mlir-print-ir-after-all`).
mlir::LogicalResult runCPUPipeline(mlir::ModuleOp module, Phase last,
                                   const CPUPipelineOptions &options);

/// Registers the dialects and LLVM translations the pipelines need.
void registerPipelineDialects(mlir::DialectRegistry &registry);

} // namespace mlir::nabla

#endif // NABLA_PIPELINES_PIPELINES_H

//===- Pipelines.h - Compilation pipelines as named phases ------*- C++ -*-===//
//
// The phases after MLIRGen, each printable with `nabla emit --stage=<phase>`:
// ad (derivatives generated), linalg (nabla lowered), bufferized, llvm.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_PIPELINES_PIPELINES_H
#define NABLA_PIPELINES_PIPELINES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace nabla {

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

/// Runs the CPU pipeline on `module` up to and including `last`.
mlir::LogicalResult runCPUPipeline(mlir::ModuleOp module, Phase last,
                                   const CPUPipelineOptions &options);

/// Registers the dialects and LLVM translations the pipelines need.
void registerPipelineDialects(mlir::DialectRegistry &registry);

} // namespace nabla

#endif // NABLA_PIPELINES_PIPELINES_H

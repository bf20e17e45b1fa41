//===- Target.h - Running and emitting compiled programs --------*- C++ -*-===//
//
// The two ways a program runs: in-process through the ORC JIT (`nabla run`)
// and as a standalone executable linked with the runtime (`nabla build`).
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_TARGET_TARGET_H
#define NABLA_TARGET_TARGET_H

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <string>
#include <vector>

namespace mlir::nabla {

struct TargetOptions {
  /// The CPU to generate code for; "native" is the host.
  std::string cpu = "native";
  /// Where libnrt.so / libnrt.a / libnrt_main.a are.
  std::string runtimeLibDir;
  /// Libraries that define the program's own `extern fn`s (`--link`):
  /// shared libraries for `run`; any file the linker takes for `build`.
  std::vector<std::string> linkLibraries;
};

/// Compiles `module` (in the LLVM dialect) with the JIT, with the runtime
/// library loaded. Null after printing an error.
std::unique_ptr<mlir::ExecutionEngine>
createJITEngine(mlir::ModuleOp module, const TargetOptions &options);

/// Compiles `module` (in the LLVM dialect) with the JIT and runs
/// `nabla_main`, passing `args` to the runtime's argument parser. Returns
/// the program's exit status, or failure if it could not be compiled.
mlir::FailureOr<int> runJIT(mlir::ModuleOp module,
                            const std::vector<std::string> &args,
                            const TargetOptions &options);

/// Emits an object file for `module` (in the LLVM dialect) and links it with
/// the runtime into the executable `output`.
mlir::LogicalResult buildExecutable(mlir::ModuleOp module,
                                    llvm::StringRef output,
                                    const TargetOptions &options);

/// For every runtime call in `module` (in the nabla dialect) whose
/// arguments are all constant strings and whose function `nrt_X` has a
/// prefetch entry point `nrt_X_prefetch` in the runtime, starts that work in
/// the runtime's background threads, so that it is done when the program
/// makes the call after compilation (`nabla run`; e.g. reading a data set).
void prefetchRuntimeCalls(mlir::ModuleOp module, const TargetOptions &options);

/// The directory of the runtime libraries next to the running `nabla`.
std::string defaultRuntimeLibDir(const char *argv0);

} // namespace mlir::nabla

#endif // NABLA_TARGET_TARGET_H

//===- Compilation.h - Loading, checking and compiling a program *- C++ -*-===//
//
// One compilation: the source manager with the main file and the standard
// library modules it imports, the checked program, and the MLIR it becomes.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_DRIVER_COMPILATION_H
#define NABLA_DRIVER_COMPILATION_H

#include "nabla/Frontend/Sema.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <string>

namespace nabla {

/// Where the standard library is: `--stdlib`, else $NABLA_STDLIB_PATH, else
/// the directory configured at build time.
std::string defaultStdlibDir();

class Compilation {
public:
  Compilation(mlir::MLIRContext &context, llvm::SourceMgr &sourceMgr,
              std::string stdlibDir);

  /// Parses the main buffer and every module it imports (transitively).
  /// Returns false after reporting errors.
  bool parse(std::unique_ptr<llvm::MemoryBuffer> mainBuffer);
  /// Same, for a main buffer already in the source manager.
  bool parse(unsigned mainBufferId);
  /// Runs Sema over the whole program.
  bool check();
  /// Generates the `nabla` dialect module (after a successful check()).
  mlir::OwningOpRef<mlir::ModuleOp> generate();

  Program &getProgram() { return program; }
  DiagnosticReporter &getDiagnostics() { return diags; }

private:
  bool loadModule(llvm::StringRef name, llvm::SMLoc importLoc,
                  const Module *&out);

  llvm::SourceMgr &sourceMgr;
  DiagnosticReporter diags;
  std::string stdlibDir;
  Program program;
};

/// Runs the front end (parse, check, generate and verify the nabla IR) on an
/// in-memory buffer and reports whether it succeeded. Every failure is a
/// diagnostic; used by the robustness test and the fuzzer.
bool runFrontendOnBuffer(llvm::StringRef source, llvm::StringRef name,
                         llvm::StringRef stdlibDir, bool printDiagnostics);

} // namespace nabla

#endif // NABLA_DRIVER_COMPILATION_H

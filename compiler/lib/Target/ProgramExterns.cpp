//===- ProgramExterns.cpp - The program's own extern functions ------------===//
//
// Finds the C-interface declarations of a program's own `extern fn`s in the
// LLVM dialect, for `--link` and for the messages when one is missing.
//
//===----------------------------------------------------------------------===//

#include "ProgramExterns.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

using namespace mlir::nabla;

std::vector<ProgramExtern>
mlir::nabla::findProgramExterns(mlir::ModuleOp module) {
  std::vector<ProgramExtern> found;
  constexpr llvm::StringLiteral prefix = "_mlir_ciface_";
  module.walk([&](mlir::LLVM::LLVMFuncOp f) {
    llvm::StringRef symbol = f.getSymName();
    if (!f.isExternal() || !symbol.starts_with(prefix))
      return;
    llvm::StringRef name = symbol.drop_front(prefix.size());
    if (name.starts_with("nrt_"))
      return;
    found.push_back({name.str(), symbol.str(), f.getLoc()});
  });
  return found;
}

std::string mlir::nabla::programExterns(mlir::ModuleOp module) {
  std::string names;
  for (const ProgramExtern &e : findProgramExterns(module))
    names += (names.empty() ? "'" : ", '") + e.name + "'";
  return names;
}

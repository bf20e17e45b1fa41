//===- ProgramExterns.h - The program's own extern functions ----*- C++ -*-===//
//
// The `extern fn`s a program declares itself (not the standard library's),
// which a library given with `--link` must define.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_TARGET_PROGRAMEXTERNS_H
#define NABLA_LIB_TARGET_PROGRAMEXTERNS_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Location.h"

#include <string>
#include <vector>

namespace mlir::nabla {

/// One extern function of the program: its name in the source, the C
/// symbol that defines it, and where it is declared.
struct ProgramExtern {
  std::string name;
  std::string symbol;
  mlir::Location loc;
};

/// The program's own extern functions in `module` (LLVM dialect): the
/// declarations `_mlir_ciface_<name>` that are not the runtime's
/// (`_mlir_ciface_nrt_*`).
std::vector<ProgramExtern> findProgramExterns(mlir::ModuleOp module);

/// Their names, comma-separated, for messages.
std::string programExterns(mlir::ModuleOp module);

} // namespace mlir::nabla

#endif // NABLA_LIB_TARGET_PROGRAMEXTERNS_H

//===- MLIRGen.h - Typed AST to the nabla dialect ---------------*- C++ -*-===//
//
// Builds an MLIR module of `func` + `nabla` (+ `scf`, `tensor`) ops from a
// program that Sema has checked.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_MLIRGEN_MLIRGEN_H
#define NABLA_MLIRGEN_MLIRGEN_H

#include "nabla/Frontend/Diagnostics.h"
#include "nabla/Frontend/Sema.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace nabla {

/// Generates the module for `program`: `main` and every other function of
/// the main file that is not generic (no type or function parameters), plus
/// the specialisations of what they call.
/// Returns null after reporting an error.
mlir::OwningOpRef<mlir::ModuleOp> generateModule(Program &program,
                                                 DiagnosticReporter &diags);

} // namespace nabla

#endif // NABLA_MLIRGEN_MLIRGEN_H

//===- CheckGrad.h - nabla check-grad ---------------------------*- C++ -*-===//
//
// Checks the derivatives the compiler generates for one function: reverse
// mode against central finite differences in f64, and forward mode against
// reverse mode, at random inputs of the function's declared shapes.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_CHECKGRAD_CHECKGRAD_H
#define NABLA_CHECKGRAD_CHECKGRAD_H

#include "nabla/Frontend/AST.h"
#include "nabla/Target/Target.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <map>
#include <string>

namespace nabla {

struct CheckGradOptions {
  /// Sizes of symbolic dimensions (`--dim B=4`); others get `defaultDim`.
  std::map<std::string, int64_t> dims;
  int64_t defaultDim = 3;
  /// Integer inputs are drawn from [0, intRange); 0 picks the smallest
  /// static size (at least 2) in the signature, e.g. the class count.
  int64_t intRange = 0;
  uint64_t seed = 1;
  /// Elements of each tensor compared with finite differences.
  int64_t maxElements = 64;
  double tolerance = 1e-6;
  mlir::nabla::TargetOptions target;
};

/// Runs the check of `fn` in `module` (the program's nabla IR, generated
/// with f32 read as f64), printing a table to `os`. Returns the exit status:
/// 0 when every argument passes, 1 otherwise.
int runCheckGrad(const FnDecl &fn, mlir::ModuleOp module,
                 const CheckGradOptions &options, llvm::raw_ostream &os);

} // namespace nabla

#endif // NABLA_CHECKGRAD_CHECKGRAD_H

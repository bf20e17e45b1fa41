//===- Diagnostics.cpp - Source locations for front-end errors ------------===//
//
// SMLoc -> FileLineColLoc, and error reporting through MLIR diagnostics.
//
//===----------------------------------------------------------------------===//

#include "nabla/Frontend/Diagnostics.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace nabla;

mlir::Location DiagnosticReporter::loc(llvm::SMLoc at) const {
  unsigned bufferId = at.isValid() ? sourceMgr.FindBufferContainingLoc(at) : 0;
  if (bufferId == 0)
    return mlir::UnknownLoc::get(context);
  auto [line, col] = sourceMgr.getLineAndColumn(at, bufferId);
  llvm::StringRef file =
      sourceMgr.getMemoryBuffer(bufferId)->getBufferIdentifier();
  return mlir::FileLineColLoc::get(context, file, line, col);
}

mlir::InFlightDiagnostic DiagnosticReporter::error(llvm::SMLoc at,
                                                   const llvm::Twine &message) {
  ++errors;
  return mlir::emitError(loc(at), message);
}

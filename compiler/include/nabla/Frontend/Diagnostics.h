//===- Diagnostics.h - Source locations for front-end errors ----*- C++ -*-===//
//
// Maps source positions (SMLoc in a SourceMgr buffer) to MLIR FileLineColLoc
// and reports front-end errors through MLIR's diagnostic engine.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_FRONTEND_DIAGNOSTICS_H
#define NABLA_FRONTEND_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"

namespace nabla {

class DiagnosticReporter {
public:
  DiagnosticReporter(llvm::SourceMgr &sourceMgr, mlir::MLIRContext *context)
      : sourceMgr(sourceMgr), context(context) {}

  mlir::Location loc(llvm::SMLoc loc) const;
  mlir::InFlightDiagnostic error(llvm::SMLoc at, const llvm::Twine &message);
  unsigned errorCount() const { return errors; }
  mlir::MLIRContext *getContext() const { return context; }
  llvm::SourceMgr &getSourceMgr() const { return sourceMgr; }

private:
  llvm::SourceMgr &sourceMgr;
  mlir::MLIRContext *context;
  unsigned errors = 0;
};

} // namespace nabla

#endif // NABLA_FRONTEND_DIAGNOSTICS_H

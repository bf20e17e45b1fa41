//===- TargetMachine.h - The host target machine ----------------*- C++ -*-===//
//
// Creates the LLVM TargetMachine for `--cpu` (default: the host CPU).
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_TARGET_TARGETMACHINE_H
#define NABLA_LIB_TARGET_TARGETMACHINE_H

#include "mlir/Support/LLVM.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace mlir::nabla {

/// The target machine for `cpu` ("native" = host), with PIC relocation so
/// objects link into position-independent executables. Null after printing
/// an error to `error`.
std::unique_ptr<llvm::TargetMachine> createTargetMachine(llvm::StringRef cpu,
                                                         std::string &error);

} // namespace mlir::nabla

#endif // NABLA_LIB_TARGET_TARGETMACHINE_H

// A runtime source that includes an MLIR header. Must not compile: the
// runtime depends on nothing from LLVM or MLIR.

#include "mlir/IR/MLIRContext.h"

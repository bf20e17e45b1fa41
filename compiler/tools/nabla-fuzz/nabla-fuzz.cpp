//===- nabla-fuzz.cpp - libFuzzer target for the front end ----------------===//
//
// Runs parse, Sema and MLIRGen on each input. Build with clang-22 (it is part
// of the normal build) and run, for example:
//   build/bin/nabla-fuzz -max_total_time=600 corpus/ examples/
//
//===----------------------------------------------------------------------===//

#include "nabla/Driver/Compilation.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef source(reinterpret_cast<const char *>(data), size);
  nabla::runFrontendOnBuffer(source, "fuzz.nabla", nabla::defaultStdlibDir(),
                             /*printDiagnostics=*/false);
  return 0;
}

//===- Sema.h - Semantic analysis of Nabla programs -------------*- C++ -*-===//
//
// Name resolution, type and shape inference and checking for every module of
// a program. Fills in the types and resolutions of the AST in place.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_FRONTEND_SEMA_H
#define NABLA_FRONTEND_SEMA_H

#include "nabla/Frontend/AST.h"
#include "nabla/Frontend/Diagnostics.h"

#include <memory>
#include <vector>

namespace nabla {

/// A whole program: the main module first, then the modules it imports.
struct Program {
  std::vector<std::unique_ptr<Module>> modules;
  /// Read every f32 in the program as f64 (for `nabla check-grad`, which
  /// compares derivatives with finite differences in double precision).
  bool promoteF32 = false;
  /// The modules the standard library offers, for the hint of an unknown
  /// name that is one of them.
  std::vector<std::string> libraryModules;
  Module &main() { return *modules.front(); }
  const Module *findModule(llvm::StringRef name) const {
    for (const auto &m : modules)
      if (m->name == name)
        return m.get();
    return nullptr;
  }
};

/// Checks `program`. Returns false if any error was reported.
bool checkProgram(Program &program, DiagnosticReporter &diags);

} // namespace nabla

#endif // NABLA_FRONTEND_SEMA_H

//===- Compilation.cpp - Loading, checking and compiling a program --------===//
//
// Resolves `import` declarations against the standard library directory and
// runs the front-end phases in order.
//
//===----------------------------------------------------------------------===//

#include "nabla/Driver/Compilation.h"

#include "nabla/Frontend/Parser.h"
#include "nabla/InitAll.h"
#include "nabla/MLIRGen/MLIRGen.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstdlib>
#include <deque>

#ifndef NABLA_STDLIB_DIR
#define NABLA_STDLIB_DIR "stdlib"
#endif

using namespace nabla;

std::string nabla::defaultStdlibDir() {
  if (const char *env = std::getenv("NABLA_STDLIB_PATH"))
    if (*env)
      return env;
  return NABLA_STDLIB_DIR;
}

Compilation::Compilation(mlir::MLIRContext &context, llvm::SourceMgr &sourceMgr,
                         std::string stdlibDir)
    : sourceMgr(sourceMgr), diags(sourceMgr, &context),
      stdlibDir(std::move(stdlibDir)) {}

bool Compilation::loadModule(llvm::StringRef name, llvm::SMLoc importLoc,
                             const Module *&out) {
  if ((out = program.findModule(name)))
    return true;
  llvm::SmallString<256> path(stdlibDir);
  llvm::sys::path::append(path, name + ".nabla");
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    diags.error(importLoc, "no module named '" + name +
                               "' in the standard library (looked for " + path +
                               ")");
    return false;
  }
  unsigned id = sourceMgr.AddNewSourceBuffer(std::move(*buffer), importLoc);
  auto module = std::make_unique<Module>();
  module->name = name.str();
  module->path = path.str().str();
  Parser parser(sourceMgr.getMemoryBuffer(id)->getBuffer(), diags);
  bool ok = parser.parseModule(*module);
  out = module.get();
  program.modules.push_back(std::move(module));
  return ok;
}

bool Compilation::parse(std::unique_ptr<llvm::MemoryBuffer> mainBuffer) {
  return parse(
      sourceMgr.AddNewSourceBuffer(std::move(mainBuffer), llvm::SMLoc()));
}

bool Compilation::parse(unsigned id) {
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(stdlibDir, ec), end;
       !ec && it != end; it.increment(ec))
    if (llvm::sys::path::extension(it->path()) == ".nabla")
      program.libraryModules.push_back(llvm::sys::path::stem(it->path()).str());
  auto main = std::make_unique<Module>();
  main->path = sourceMgr.getMemoryBuffer(id)->getBufferIdentifier().str();
  Parser parser(sourceMgr.getMemoryBuffer(id)->getBuffer(), diags);
  bool ok = parser.parseModule(*main);
  program.modules.push_back(std::move(main));
  // Load imports breadth-first; modules are loaded once.
  for (size_t i = 0; i < program.modules.size(); ++i) {
    Module &module = *program.modules[i];
    llvm::StringMap<llvm::SMLoc> seen;
    for (ImportDecl &imp : module.imports) {
      if (!seen.try_emplace(imp.name, imp.loc).second) {
        diags.error(imp.loc, "module '" + imp.name + "' is imported twice");
        ok = false;
        continue;
      }
      const Module *loaded = nullptr;
      ok &= loadModule(imp.name, imp.loc, loaded);
      imp.module = loaded;
    }
  }
  return ok;
}

bool Compilation::check() { return checkProgram(program, diags); }

mlir::OwningOpRef<mlir::ModuleOp> Compilation::generate() {
  return generateModule(program, diags);
}

bool nabla::runFrontendOnBuffer(llvm::StringRef source, llvm::StringRef name,
                                llvm::StringRef stdlibDir,
                                bool printDiagnostics) {
  mlir::DialectRegistry registry;
  mlir::nabla::registerAllNablaDialects(registry);
  mlir::MLIRContext context(registry);
  context.disableMultithreading();
  llvm::SourceMgr sourceMgr;
  unsigned diagnostics = 0;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &diag) {
    if (diag.getSeverity() == mlir::DiagnosticSeverity::Error)
      ++diagnostics;
    if (printDiagnostics)
      llvm::errs() << diag.getLocation() << ": " << diag << "\n";
    return mlir::success();
  });
  Compilation compilation(context, sourceMgr, stdlibDir.str());
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(source, name);
  bool ok = compilation.parse(std::move(buffer)) && compilation.check() &&
            compilation.generate();
  // Every failure must have said why.
  if (!ok && diagnostics == 0) {
    llvm::errs() << "internal error: the front end failed on '" << name
                 << "' without a diagnostic\n";
    std::abort();
  }
  return ok;
}

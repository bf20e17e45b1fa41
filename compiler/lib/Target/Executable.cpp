//===- Executable.cpp - Standalone executables ----------------------------===//
//
// `nabla build`: LLVM IR at -O3, an object file for the target CPU, and a
// link with the runtime (libnrt.a, libnrt_main.a) by clang++-22. The result
// depends only on libc, libm, libstdc++, zlib and OpenBLAS.
//
//===----------------------------------------------------------------------===//

#include "ProgramExterns.h"
#include "TargetMachine.h"

#include "nabla/Target/Target.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir::nabla;

mlir::LogicalResult mlir::nabla::buildExecutable(mlir::ModuleOp module,
                                                 llvm::StringRef output,
                                                 const TargetOptions &options) {
  std::string error;
  std::unique_ptr<llvm::TargetMachine> tm =
      createTargetMachine(options.cpu, error);
  if (!tm) {
    llvm::errs() << "nabla: " << error << "\n";
    return mlir::failure();
  }
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, llvmContext, "nabla");
  if (!llvmModule) {
    llvm::errs() << "nabla: translation to LLVM IR failed\n";
    return mlir::failure();
  }
  llvmModule->setDataLayout(tm->createDataLayout());
  llvmModule->setTargetTriple(tm->getTargetTriple());
  auto optimize = mlir::makeOptimizingTransformer(3, 0, tm.get());
  if (llvm::Error err = optimize(llvmModule.get())) {
    llvm::errs() << "nabla: optimisation failed: "
                 << llvm::toString(std::move(err)) << "\n";
    return mlir::failure();
  }

  // The object goes to a temporary file next to the output.
  llvm::SmallString<256> object;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("nabla", "o", object)) {
    llvm::errs() << "nabla: cannot create a temporary file: " << ec.message()
                 << "\n";
    return mlir::failure();
  }
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(object, ec, llvm::sys::fs::OF_None);
    if (ec) {
      llvm::errs() << "nabla: cannot write " << object << ": " << ec.message()
                   << "\n";
      return mlir::failure();
    }
    llvm::legacy::PassManager pm;
    if (tm->addPassesToEmitFile(pm, os, nullptr,
                                llvm::CodeGenFileType::ObjectFile)) {
      llvm::errs() << "nabla: the target cannot emit object files\n";
      return mlir::failure();
    }
    pm.run(*llvmModule);
  }

  llvm::ErrorOr<std::string> clang = llvm::sys::findProgramByName("clang++-22");
  if (!clang) {
    llvm::errs() << "nabla: clang++-22 is needed to link executables\n";
    llvm::sys::fs::remove(object);
    return mlir::failure();
  }
  llvm::SmallString<256> nrt(options.runtimeLibDir),
      nrtMain(options.runtimeLibDir);
  llvm::sys::path::append(nrt, "libnrt.a");
  llvm::sys::path::append(nrtMain, "libnrt_main.a");
  std::string outputStr = output.str();
  std::vector<std::string> rpaths;
  std::vector<llvm::StringRef> argv = {*clang,    "-fuse-ld=lld", "-o",
                                       outputStr, object,         nrtMain};
  // The program's own extern functions come first: they may call the
  // runtime (nrt_alloc for their results).
  for (const std::string &lib : options.linkLibraries)
    argv.push_back(lib);
  for (llvm::StringRef lib :
       {llvm::StringRef(nrt), llvm::StringRef("-lopenblas"),
        llvm::StringRef("-lz"), llvm::StringRef("-lm"),
        llvm::StringRef("-lpthread")})
    argv.push_back(lib);
  // A library on the command line that a shared object was loaded from is
  // found again at run time next to where it was.
  for (const std::string &lib : options.linkLibraries)
    if (llvm::StringRef(lib).ends_with(".so")) {
      llvm::SmallString<256> dir(lib);
      llvm::sys::fs::make_absolute(dir);
      llvm::sys::path::remove_filename(dir);
      rpaths.push_back("-Wl,-rpath," + std::string(dir));
    }
  for (const std::string &r : rpaths)
    argv.push_back(r);
  std::string linkError;
  int status = llvm::sys::ExecuteAndWait(*clang, argv, std::nullopt, {}, 0, 0,
                                         &linkError);
  llvm::sys::fs::remove(object);
  if (status != 0) {
    llvm::errs() << "nabla: linking " << output << " failed"
                 << (linkError.empty() ? "" : ": " + linkError) << "\n";
    std::string externs = programExterns(module);
    if (!externs.empty())
      llvm::errs() << "nabla: note: the program's extern functions (" << externs
                   << ") must be defined by a library given with --link\n";
    return mlir::failure();
  }
  return mlir::success();
}

//===- JIT.cpp - Running a program with the ORC JIT -----------------------===//
//
// `nabla run`: the LLVM-dialect module is compiled at -O3 for the host and
// `nabla_main` is called with the runtime (libnrt.so) loaded.
//
//===----------------------------------------------------------------------===//

#include "TargetMachine.h"

#include "nabla/Target/Target.h"

#include "nabla/IR/NablaOps.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>

using namespace nabla;

std::string nabla::defaultRuntimeLibDir(const char *argv0) {
  std::string exe =
      llvm::sys::fs::getMainExecutable(argv0, (void *)&defaultRuntimeLibDir);
  llvm::SmallString<256> dir(llvm::sys::path::parent_path(exe));
  llvm::sys::path::append(dir, "..", "lib");
  return std::string(dir);
}

void nabla::prefetchDataSets(mlir::ModuleOp module,
                             const TargetOptions &options) {
  llvm::SmallString<256> runtime(options.runtimeLibDir);
  llvm::sys::path::append(runtime, "libnrt.so");
  using Prefetch = void (*)(const char *, int64_t);
  Prefetch prefetch = nullptr;
  module.walk([&](mlir::nabla::RuntimeCallOp call) {
    if (call.getCallee() != "nrt_data_fashion_mnist" ||
        call.getStringArgs().size() != 1)
      return;
    if (!prefetch) {
      // The engine loads the same library later and shares its state.
      std::string error;
      auto lib = llvm::sys::DynamicLibrary::getPermanentLibrary(runtime.c_str(),
                                                                &error);
      if (!lib.isValid())
        return;
      prefetch = reinterpret_cast<Prefetch>(
          lib.getAddressOfSymbol("nrt_data_prefetch_fashion_mnist"));
      if (!prefetch)
        return;
    }
    llvm::StringRef dir =
        llvm::cast<mlir::StringAttr>(call.getStringArgs()[0]).getValue();
    prefetch(dir.data(), static_cast<int64_t>(dir.size()));
  });
}

std::unique_ptr<mlir::ExecutionEngine>
nabla::createJITEngine(mlir::ModuleOp module, const TargetOptions &options) {
  std::string error;
  std::unique_ptr<llvm::TargetMachine> tm =
      createTargetMachine(options.cpu, error);
  if (!tm) {
    llvm::errs() << "nabla: " << error << "\n";
    return nullptr;
  }
  llvm::SmallString<256> runtime(options.runtimeLibDir);
  llvm::sys::path::append(runtime, "libnrt.so");
  if (!llvm::sys::fs::exists(runtime)) {
    llvm::errs() << "nabla: the runtime library " << runtime << " is missing\n";
    return nullptr;
  }
  // -O2 and default code generation: -O3 adds compile time for no gain
  // here (matrix products run in BLAS), and `nabla run` should start fast.
  auto transformer = mlir::makeOptimizingTransformer(2, 0, tm.get());
  llvm::StringRef libs[] = {runtime};
  mlir::ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Default;
  engineOptions.sharedLibPaths = libs;
  auto engine =
      mlir::ExecutionEngine::create(module, engineOptions, std::move(tm));
  if (!engine) {
    llvm::errs() << "nabla: JIT compilation failed: "
                 << llvm::toString(engine.takeError()) << "\n";
    return nullptr;
  }
  return std::move(*engine);
}

mlir::FailureOr<int> nabla::runJIT(mlir::ModuleOp module,
                                   const std::vector<std::string> &args,
                                   const TargetOptions &options) {
  std::unique_ptr<mlir::ExecutionEngine> engine =
      createJITEngine(module, options);
  if (!engine)
    return mlir::failure();
  // Hand the program its arguments (argv[0] is the program name).
  using SetArgs = void (*)(int, char **);
  auto setArgs = reinterpret_cast<SetArgs>(
      llvm::sys::DynamicLibrary::SearchForAddressOfSymbol("nrt_set_args"));
  if (setArgs) {
    std::vector<char *> argv;
    for (const std::string &a : args)
      argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    setArgs(static_cast<int>(args.size()), argv.data());
  }
  if (llvm::Error err = engine->invokePacked("nabla_main")) {
    llvm::errs() << "nabla: cannot run the program: "
                 << llvm::toString(std::move(err)) << "\n";
    return mlir::failure();
  }
  // Options the program never asked for are errors, as in `nabla build`.
  using ArgsCheck = void (*)();
  if (auto check = reinterpret_cast<ArgsCheck>(
          llvm::sys::DynamicLibrary::SearchForAddressOfSymbol(
              "nrt_args_check")))
    check();
  std::fflush(stdout);
  return 0;
}

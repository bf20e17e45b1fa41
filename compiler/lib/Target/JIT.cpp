//===- JIT.cpp - Running a program with the ORC JIT -----------------------===//
//
// `nabla run`: the LLVM-dialect module is compiled at -O3 for the host and
// `nabla_main` is called with the runtime (libnrt.so) loaded.
//
//===----------------------------------------------------------------------===//

#include "ProgramExterns.h"
#include "TargetMachine.h"

#include "nabla/Target/Target.h"

#include "nabla/IR/NablaOps.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>

using namespace mlir::nabla;

std::string mlir::nabla::defaultRuntimeLibDir(const char *argv0) {
  std::string exe =
      llvm::sys::fs::getMainExecutable(argv0, (void *)&defaultRuntimeLibDir);
  llvm::SmallString<256> dir(llvm::sys::path::parent_path(exe));
  llvm::sys::path::append(dir, "..", "lib");
  return std::string(dir);
}

void mlir::nabla::prefetchRuntimeCalls(mlir::ModuleOp module,
                                       const TargetOptions &options) {
  llvm::SmallString<256> runtime(options.runtimeLibDir);
  llvm::sys::path::append(runtime, "libnrt.so");
  using Prefetch = void (*)(const char *const *, const int64_t *, int64_t);
  std::optional<llvm::sys::DynamicLibrary> lib;
  llvm::StringSet<> started;
  module.walk([&](mlir::nabla::RuntimeCallOp call) {
    // Only calls whose arguments are all known now.
    if (call.getNumOperands() != 0 || call.getStringArgs().empty())
      return;
    std::vector<std::string> strings;
    std::string key = call.getCallee().str();
    for (mlir::Attribute a : call.getStringArgs()) {
      strings.push_back(llvm::cast<mlir::StringAttr>(a).getValue().str());
      key += '\0' + strings.back();
    }
    if (!started.insert(key).second)
      return;
    if (!lib) {
      // The engine loads the same library later and shares its state.
      std::string error;
      lib = llvm::sys::DynamicLibrary::getPermanentLibrary(runtime.c_str(),
                                                           &error);
    }
    if (!lib->isValid())
      return;
    auto prefetch = reinterpret_cast<Prefetch>(lib->getAddressOfSymbol(
        (call.getCallee() + "_prefetch").str().c_str()));
    if (!prefetch)
      return;
    std::vector<const char *> pointers;
    std::vector<int64_t> lengths;
    for (const std::string &s : strings) {
      pointers.push_back(s.data());
      lengths.push_back(static_cast<int64_t>(s.size()));
    }
    prefetch(pointers.data(), lengths.data(),
             static_cast<int64_t>(strings.size()));
  });
}

std::unique_ptr<mlir::ExecutionEngine>
mlir::nabla::createJITEngine(mlir::ModuleOp module,
                             const TargetOptions &options) {
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

/// An ORC JIT that compiles each function when it is first called, so a
/// program pays only for the code it runs: a program that specialises its
/// training loop for every optimizer it may be asked for compiles only the
/// one chosen. Each function is optimized (-O2) on its own.
static llvm::Expected<std::unique_ptr<llvm::orc::LLLazyJIT>>
createLazyJIT(mlir::ModuleOp module, const TargetOptions &options) {
  std::string error;
  std::unique_ptr<llvm::TargetMachine> tm =
      createTargetMachine(options.cpu, error);
  if (!tm)
    return llvm::createStringError(error);
  llvm::SmallString<256> runtime(options.runtimeLibDir);
  llvm::sys::path::append(runtime, "libnrt.so");
  if (!llvm::sys::fs::exists(runtime))
    return llvm::createStringError("the runtime library " + runtime.str() +
                                   " is missing");
  auto context = std::make_unique<llvm::LLVMContext>();
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, *context);
  if (!llvmModule)
    return llvm::createStringError("cannot translate the program to LLVM IR");
  // Functions are compiled one by one, each in its own module: helpers
  // that MLIR emits with local or link-once linkage (such as
  // __mlir_math_ipowi_i64) must be visible to the others.
  for (llvm::Function &f : *llvmModule)
    if (!f.isDeclaration() &&
        (f.hasLocalLinkage() || f.hasLinkOnceLinkage() || f.hasWeakLinkage())) {
      f.setLinkage(llvm::GlobalValue::ExternalLinkage);
      f.setVisibility(llvm::GlobalValue::DefaultVisibility);
    }
  llvmModule->setDataLayout(tm->createDataLayout());
  llvmModule->setTargetTriple(tm->getTargetTriple());

  llvm::orc::JITTargetMachineBuilder machine(tm->getTargetTriple());
  machine.setCPU(tm->getTargetCPU().str());
  std::vector<std::string> features;
  llvm::SmallVector<llvm::StringRef> parts;
  tm->getTargetFeatureString().split(parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef f : parts)
    features.push_back(f.str());
  machine.addFeatures(features);
  machine.setCodeGenOptLevel(llvm::CodeGenOptLevel::Default);
  machine.setRelocationModel(llvm::Reloc::PIC_);
  auto jit = llvm::orc::LLLazyJITBuilder()
                 .setJITTargetMachineBuilder(std::move(machine))
                 .create();
  if (!jit)
    return jit.takeError();
  // The optimizer keeps using the target machine: it lives as long as the
  // transform.
  std::shared_ptr<llvm::TargetMachine> target = std::move(tm);
  auto optimize = mlir::makeOptimizingTransformer(2, 0, target.get());
  (*jit)->getIRTransformLayer().setTransform(
      [optimize, target](llvm::orc::ThreadSafeModule module,
                         const llvm::orc::MaterializationResponsibility &)
          -> llvm::Expected<llvm::orc::ThreadSafeModule> {
        llvm::Error err =
            module.withModuleDo([&](llvm::Module &m) { return optimize(&m); });
        if (err)
          return std::move(err);
        return std::move(module);
      });
  // Runtime symbols come from libnrt.so, loaded once for the process.
  auto library = llvm::orc::DynamicLibrarySearchGenerator::Load(
      runtime.c_str(), (*jit)->getDataLayout().getGlobalPrefix());
  if (!library)
    return library.takeError();
  (*jit)->getMainJITDylib().addGenerator(std::move(*library));
  // Libraries that define the program's own extern functions.
  for (const std::string &lib : options.linkLibraries) {
    if (!llvm::sys::fs::exists(lib))
      return llvm::createStringError("the library '" + lib +
                                     "' given with --link does not exist");
    // A path, not a name for the loader's search.
    llvm::SmallString<256> path(lib);
    llvm::sys::fs::make_absolute(path);
    auto user = llvm::orc::DynamicLibrarySearchGenerator::Load(
        path.c_str(), (*jit)->getDataLayout().getGlobalPrefix());
    if (!user)
      return user.takeError();
    (*jit)->getMainJITDylib().addGenerator(std::move(*user));
  }
  auto process = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
      (*jit)->getDataLayout().getGlobalPrefix());
  if (!process)
    return process.takeError();
  (*jit)->getMainJITDylib().addGenerator(std::move(*process));
  if (llvm::Error err = (*jit)->addLazyIRModule(llvm::orc::ThreadSafeModule(
          std::move(llvmModule), std::move(context))))
    return std::move(err);
  return jit;
}

mlir::FailureOr<int> mlir::nabla::runJIT(mlir::ModuleOp module,
                                         const std::vector<std::string> &args,
                                         const TargetOptions &options) {
  auto jit = createLazyJIT(module, options);
  if (!jit) {
    llvm::errs() << "nabla: JIT compilation failed: "
                 << llvm::toString(jit.takeError()) << "\n";
    return mlir::failure();
  }
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
  // Every extern function of the program must be defined before it runs:
  // the lazy JIT would otherwise fail at the first call.
  bool missing = false;
  for (const ProgramExtern &e : findProgramExterns(module)) {
    if (auto found = (*jit)->lookup(e.symbol)) {
      continue;
    } else {
      llvm::consumeError(found.takeError());
    }
    mlir::emitError(e.loc) << "extern function '" << e.name
                           << "' is not defined: no library defines the "
                              "symbol '"
                           << e.symbol
                           << "'; pass the library that defines it with "
                              "--link=PATH";
    missing = true;
  }
  if (missing)
    return mlir::failure();
  auto entry = (*jit)->lookup("nabla_main");
  if (!entry) {
    llvm::errs() << "nabla: cannot run the program: "
                 << llvm::toString(entry.takeError()) << "\n";
    return mlir::failure();
  }
  // A fault in the program is the program's error, not a compiler crash:
  // its handlers replace LLVM's crash reporter while it runs.
  using InstallHandlers = void (*)();
  if (auto install = reinterpret_cast<InstallHandlers>(
          llvm::sys::DynamicLibrary::SearchForAddressOfSymbol(
              "nrt_install_fault_handlers")))
    install();
  entry->toPtr<void()>()();
  // Options the program never asked for are errors, as in `nabla build`.
  // Usually `nrt_args_validate` has rejected them before the body of `main`
  // ran; this catches those of a program whose options could not all be
  // declared (nabla-declare-program-options).
  using ArgsCheck = void (*)();
  if (auto check = reinterpret_cast<ArgsCheck>(
          llvm::sys::DynamicLibrary::SearchForAddressOfSymbol(
              "nrt_args_check")))
    check();
  std::fflush(stdout);
  return 0;
}

//===- nabla.cpp - The Nabla compiler driver ------------------------------===//
//
// `nabla check`, `nabla emit --stage=...`, `nabla run` (JIT) and `nabla
// build` (AOT). A thin main: the work is in the Driver, Pipelines and Target
// libraries.
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/Passes.h"
#include "nabla/CheckGrad/CheckGrad.h"
#include "nabla/Conversion/Passes.h"
#include "nabla/Driver/Compilation.h"
#include "nabla/Frontend/ASTDump.h"
#include "nabla/InitAll.h"
#include "nabla/Pipelines/Pipelines.h"
#include "nabla/Target/Target.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace nabla;

static llvm::cl::OptionCategory category("nabla options");
static llvm::cl::opt<std::string> inputFile(llvm::cl::Positional,
                                            llvm::cl::desc("<file.nabla>"),
                                            llvm::cl::cat(category));
static llvm::cl::opt<std::string>
    stage("stage",
          llvm::cl::desc("what 'emit' prints: ast, nabla, ad, linalg, "
                         "bufferized or llvm"),
          llvm::cl::init("nabla"), llvm::cl::cat(category));
static llvm::cl::opt<std::string>
    outputFile("o", llvm::cl::desc("output file (default: stdout)"),
               llvm::cl::init("-"), llvm::cl::cat(category));
static llvm::cl::opt<std::string>
    stdlibDir("stdlib", llvm::cl::desc("standard library directory"),
              llvm::cl::init(""), llvm::cl::cat(category));
static llvm::cl::opt<std::string>
    cpu("cpu", llvm::cl::desc("target CPU for run and build (default: native)"),
        llvm::cl::init("native"), llvm::cl::cat(category));
static llvm::cl::opt<std::string>
    checkFunction("fn", llvm::cl::desc("check-grad: the function to check"),
                  llvm::cl::init(""), llvm::cl::cat(category));
static llvm::cl::list<std::string>
    dimSizes("dim",
             llvm::cl::desc("check-grad: size of a symbolic dimension, "
                            "NAME=SIZE (default 3)"),
             llvm::cl::cat(category));
static llvm::cl::opt<uint64_t> seed("seed",
                                    llvm::cl::desc("check-grad: random seed"),
                                    llvm::cl::init(1), llvm::cl::cat(category));
static llvm::cl::opt<int64_t> intRange(
    "int-range",
    llvm::cl::desc("check-grad: integer inputs are drawn from [0, N) "
                   "(default: the smallest static size in the signature)"),
    llvm::cl::init(0), llvm::cl::cat(category));
static llvm::cl::list<std::string> linkLibraries(
    "link",
    llvm::cl::desc("run/build: a library that defines the program's extern "
                   "functions (repeatable)"),
    llvm::cl::cat(category));
static llvm::cl::opt<bool> checkNumerics(
    "check-numerics",
    llvm::cl::desc("run/build/emit: stop at the first NaN or Inf the program "
                   "computes and report where it came from"),
    llvm::cl::init(false), llvm::cl::cat(category));
static llvm::cl::opt<bool> verifyDiagnostics(
    "verify-diagnostics",
    llvm::cl::desc("check the diagnostics against expected-error comments"),
    llvm::cl::init(false), llvm::cl::cat(category));

static const char *kUsage = R"(usage: nabla <command> [options] FILE

commands:
  check FILE                  type-check a program
  emit --stage=STAGE FILE     print the program after a compilation phase:
                                ast         the checked syntax tree
                                nabla       the nabla MLIR dialect
                                ad          after differentiation
                                linalg      lowered to linalg/tensor/arith
                                bufferized  after bufferization
                                llvm        the LLVM dialect
  run FILE [-- ARGS]          compile with the JIT and run main
  build FILE -o EXE           compile to a standalone executable
  check-grad FILE --fn NAME   compare the derivatives of NAME with finite
                              differences (f64) and forward with reverse mode
                              [--dim B=4 ...] [--seed N] [--int-range N]

options:
  --stdlib=DIR                standard library directory
  --cpu=NAME                  target CPU for run and build (default: native)
  --check-numerics            run/build/emit: stop at the first NaN or Inf
                              the program computes (forward or in a
                              derivative) and report where it came from
  --link=LIB                  run/build: a library (.so for run; .so, .a or .o
                              for build) that defines the program's own
                              extern functions; repeatable
  -o FILE                     write the output to FILE
  --verify-diagnostics        compare diagnostics with expected-error comments
  --mlir-timing, --mlir-print-ir-after-all, --mlir-pass-statistics, ...
                              MLIR's pass-manager options, for the pipeline
                              of run, build and emit
)";

/// `nabla check-grad FILE --fn NAME`.
static int runCheckGradCommand(Compilation &compilation, const char *argv0) {
  const FnDecl *fn = compilation.getProgram().main().lookupFn(checkFunction);
  if (!fn) {
    llvm::errs() << "nabla: no function '" << checkFunction << "' in "
                 << inputFile << "\n";
    return 1;
  }
  if (!fn->typeParams.empty() || fn->hasFunctionParams() || fn->isExtern) {
    llvm::errs() << "nabla: check-grad needs a function that is not generic "
                    "or extern and takes no function parameters\n";
    return 1;
  }
  CheckGradOptions options;
  for (const std::string &spec : dimSizes) {
    auto [name, size] = llvm::StringRef(spec).split('=');
    int64_t value;
    if (name.empty() || size.getAsInteger(10, value) || value <= 0) {
      llvm::errs() << "nabla: --dim expects NAME=SIZE with a positive size, "
                      "found '"
                   << spec << "'\n";
      return 1;
    }
    options.dims[name.str()] = value;
  }
  options.seed = seed;
  options.intRange = intRange;
  options.target.cpu = cpu;
  options.target.runtimeLibDir = mlir::nabla::defaultRuntimeLibDir(argv0);
  mlir::OwningOpRef<mlir::ModuleOp> module = compilation.generate();
  if (!module)
    return 1;
  return runCheckGrad(*fn, *module, options, llvm::outs());
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  if (argc < 2 || llvm::StringRef(argv[1]) == "--help" ||
      llvm::StringRef(argv[1]) == "-h" || llvm::StringRef(argv[1]) == "help") {
    llvm::outs() << kUsage;
    return argc < 2 ? 1 : 0;
  }
  llvm::StringRef command = argv[1];
  if (command != "check" && command != "emit" && command != "run" &&
      command != "build" && command != "check-grad") {
    llvm::errs() << "nabla: unknown command '" << command << "'\n" << kUsage;
    return 1;
  }
  // Parse the options that follow the command; what follows `--` belongs to
  // the program.
  std::vector<const char *> args{argv[0]};
  std::vector<std::string> programArgs;
  int i = 2;
  for (; i < argc && llvm::StringRef(argv[i]) != "--"; ++i)
    args.push_back(argv[i]);
  for (++i; i < argc; ++i)
    programArgs.push_back(argv[i]);
  // MLIR's pass-manager options (--mlir-timing, --mlir-print-ir-after-all,
  // --mlir-pass-statistics, ...) apply to the pipeline of run, build and
  // emit.
  // Passes are named by --mlir-print-ir-after=PASS and friends: registered
  // before those options are.
  mlir::registerAllPasses();
  mlir::nabla::registerNablaADPasses();
  mlir::nabla::registerNablaConversionPasses();
  mlir::nabla::registerNablaPipelines();
  mlir::registerPassManagerCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
  llvm::cl::HideUnrelatedOptions(category);
  if (!llvm::cl::ParseCommandLineOptions(static_cast<int>(args.size()),
                                         args.data(), "Nabla compiler\n",
                                         &llvm::errs()))
    return 1;
  if (inputFile.empty()) {
    llvm::errs() << "nabla: no input file\n" << kUsage;
    return 1;
  }
  std::optional<mlir::nabla::Phase> phase = mlir::nabla::Phase::LLVM;
  if (command == "emit" && stage != "ast") {
    phase = mlir::nabla::parsePhase(stage);
    if (!phase) {
      llvm::errs() << "nabla: unknown stage '" << stage
                   << "' (available: ast, nabla, ad, linalg, bufferized, "
                      "llvm)\n";
      return 1;
    }
  }
  if (command == "build" && outputFile == "-") {
    llvm::errs() << "nabla: 'build' needs an output file: -o EXE\n";
    return 1;
  }

  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(inputFile, /*IsText=*/true);
  if (!buffer) {
    llvm::errs() << "nabla: cannot read '" << inputFile
                 << "': " << buffer.getError().message() << "\n";
    return 1;
  }

  mlir::DialectRegistry registry;
  mlir::nabla::registerAllNablaDialects(registry);
  mlir::nabla::registerPipelineDialects(registry);
  mlir::MLIRContext context(registry);
  // `run` reads data sets on the second core while it compiles.
  if (command == "run")
    context.disableMultithreading();
  llvm::SourceMgr sourceMgr;
  // The file is in the source manager before the diagnostic handlers exist,
  // so the verifier reads its expected-* comments up front.
  unsigned mainBuffer =
      sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  std::unique_ptr<mlir::SourceMgrDiagnosticHandler> printer;
  std::unique_ptr<mlir::SourceMgrDiagnosticVerifierHandler> verifier;
  if (verifyDiagnostics)
    verifier = std::make_unique<mlir::SourceMgrDiagnosticVerifierHandler>(
        sourceMgr, &context);
  else
    printer =
        std::make_unique<mlir::SourceMgrDiagnosticHandler>(sourceMgr, &context);

  Compilation compilation(context, sourceMgr,
                          stdlibDir.empty() ? defaultStdlibDir()
                                            : stdlibDir.getValue());
  if (command == "check-grad") {
    if (checkFunction.empty()) {
      llvm::errs() << "nabla: check-grad needs --fn NAME\n";
      return 1;
    }
    // Finite differences are taken in double precision.
    compilation.getProgram().promoteF32 = true;
  }
  bool ok = compilation.parse(mainBuffer) && compilation.check();
  mlir::OwningOpRef<mlir::ModuleOp> module;
  if (ok && command != "check" && stage != "ast") {
    module = compilation.generate();
    ok = static_cast<bool>(module);
    // Data sets (any runtime work with a prefetch entry point) load on the
    // second core while the program compiles.
    if (ok && command == "run") {
      mlir::nabla::TargetOptions prefetchOptions;
      prefetchOptions.runtimeLibDir =
          mlir::nabla::defaultRuntimeLibDir(argv[0]);
      mlir::nabla::prefetchRuntimeCalls(*module, prefetchOptions);
    }
    if (ok && *phase != mlir::nabla::Phase::Nabla) {
      mlir::nabla::CPUPipelineOptions pipelineOptions;
      pipelineOptions.checkNumerics = checkNumerics;
      ok = mlir::succeeded(
          mlir::nabla::runCPUPipeline(*module, *phase, pipelineOptions));
    }
  }
  if (verifyDiagnostics)
    return mlir::failed(verifier->verify()) ? 1 : 0;
  if (!ok)
    return 1;
  if (command == "check")
    return 0;
  if (command == "check-grad")
    return runCheckGradCommand(compilation, argv[0]);

  mlir::nabla::TargetOptions targetOptions;
  targetOptions.cpu = cpu;
  targetOptions.runtimeLibDir = mlir::nabla::defaultRuntimeLibDir(argv[0]);
  targetOptions.linkLibraries.assign(linkLibraries.begin(),
                                     linkLibraries.end());
  if (command == "run") {
    programArgs.insert(programArgs.begin(), inputFile);
    mlir::FailureOr<int> status =
        mlir::nabla::runJIT(*module, programArgs, targetOptions);
    return mlir::failed(status) ? 1 : *status;
  }
  if (command == "build")
    return mlir::failed(
               mlir::nabla::buildExecutable(*module, outputFile, targetOptions))
               ? 1
               : 0;

  std::string error;
  auto output = mlir::openOutputFile(outputFile, &error);
  if (!output) {
    llvm::errs() << "nabla: " << error << "\n";
    return 1;
  }
  if (stage == "ast")
    dumpModule(compilation.getProgram().main(), output->os());
  else
    module->print(output->os());
  output->keep();
  return 0;
}

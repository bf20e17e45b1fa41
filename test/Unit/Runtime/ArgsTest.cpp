//===- ArgsTest.cpp - Program options -------------------------------------===//
//
// Parsing `--name=value` / `--name value`, defaults, flags, malformed
// values, unknown options in strict and collect-on-use mode, the check
// before the program runs (declarations, nrt_args_validate, `--help`), and
// the AOT main wrapper (libnrt_main.a) end to end.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "gtest/gtest.h"

#include <sys/wait.h>

using namespace nrt_test;

namespace {
/// Holds argv storage for nrt_set_args.
struct Argv {
  explicit Argv(std::vector<std::string> args) : strings(std::move(args)) {
    strings.insert(strings.begin(), "prog");
    for (std::string &s : strings)
      ptrs.push_back(&s[0]);
    ptrs.push_back(nullptr);
    nrt_set_args(static_cast<int>(strings.size()), ptrs.data());
  }
  std::vector<std::string> strings;
  std::vector<char *> ptrs;
};
} // namespace

static int64_t argI64(const char *name, int64_t dflt) {
  return nrt_arg_i64(name, static_cast<int64_t>(strlen(name)), dflt);
}
static double argF64(const char *name, double dflt) {
  return nrt_arg_f64(name, static_cast<int64_t>(strlen(name)), dflt);
}
static bool argFlag(const char *name) {
  return nrt_arg_flag(name, static_cast<int64_t>(strlen(name)));
}

TEST(Args, ValuesDefaultsAndForms) {
  Argv argv({"--epochs=5", "--lr", "-0.25", "--name", "mlp", "--verbose",
             "--epochs", "7", "--quiet=false"});
  EXPECT_EQ(argI64("epochs", 1), 7); // the last occurrence wins
  EXPECT_EQ(argF64("lr", 0.1), -0.25);
  EXPECT_EQ(argI64("batch", 64), 64);
  EXPECT_EQ(argF64("momentum", 0.9), 0.9);
  EXPECT_TRUE(argFlag("verbose"));
  EXPECT_FALSE(argFlag("quiet"));
  EXPECT_FALSE(argFlag("debug"));
  EXPECT_STREQ(nrt_arg_str("name", 4, "x"), "mlp");
  EXPECT_STREQ(nrt_arg_str("out", 3, "model.safetensors"), "model.safetensors");
  nrt_args_check(); // everything given was asked for
}

TEST(Args, CInterface) {
  Argv argv({"--data=/tmp/d", "--steps=3", "--eval"});
  std::string data = "data", steps = "steps", eval = "eval", dflt = "none",
              out = "out";
  auto d = str(data), s = str(steps), e = str(eval), df = str(dflt),
       o = str(out);
  NrtMemRef<char, 1> r;
  _mlir_ciface_nrt_arg_str(&r, &d, &df);
  EXPECT_EQ(std::string(r.aligned, r.sizes[0]), "/tmp/d");
  EXPECT_EQ(r.strides[0], 1);
  std::free(r.allocated);
  _mlir_ciface_nrt_arg_str(&r, &o, &df);
  EXPECT_EQ(std::string(r.aligned, r.sizes[0]), "none");
  std::free(r.allocated);
  EXPECT_EQ(_mlir_ciface_nrt_arg_i64(&s, 1), 3);
  EXPECT_EQ(_mlir_ciface_nrt_arg_f64(&s, 1.0), 3.0);
  EXPECT_TRUE(_mlir_ciface_nrt_arg_flag(&e));
  _mlir_ciface_nrt_args_check();
}

TEST(Args, MalformedValues) {
  EXPECT_EXIT(
      {
        Argv argv({"--epochs=ten"});
        argF64("lr", 0.1);
        argI64("epochs", 1);
      },
      testing::ExitedWithCode(1),
      "error: option '--epochs' expects an integer, found 'ten' \\(this "
      "program accepts: --lr <float>, --epochs <int>\\)");
  EXPECT_EXIT(
      {
        Argv argv({"--lr=fast"});
        argF64("lr", 0.1);
      },
      testing::ExitedWithCode(1),
      "option '--lr' expects a number, found 'fast'");
  EXPECT_EXIT(
      {
        Argv argv({"--lr"});
        argF64("lr", 0.1);
      },
      testing::ExitedWithCode(1), "option '--lr' needs a number");
  EXPECT_EXIT(
      {
        Argv argv({"--verbose=maybe"});
        argFlag("verbose");
      },
      testing::ExitedWithCode(1),
      "option '--verbose' is a flag: write --verbose or "
      "--verbose=true\\|false, "
      "not '--verbose=maybe'");
  EXPECT_EXIT(
      {
        Argv argv({"--epochs=99999999999999999999"});
        argI64("epochs", 1);
      },
      testing::ExitedWithCode(1), "option '--epochs' expects an integer");
}

TEST(Args, UnexpectedArguments) {
  EXPECT_EXIT(Argv({"data.csv"}), testing::ExitedWithCode(1),
              "error: unexpected argument 'data.csv' \\(options are written "
              "--name=value or --name value\\)");
  EXPECT_EXIT(Argv({"--a=1", "-x"}), testing::ExitedWithCode(1),
              "unexpected argument '-x'");
  EXPECT_EXIT(Argv({"--=3"}), testing::ExitedWithCode(1),
              "malformed option '--=3'");
}

TEST(Args, UnknownOptionStrictMode) {
  // Declared names: the check runs at the first query.
  EXPECT_EXIT(
      {
        Argv argv({"--epochs=2", "--lrr=0.1"});
        nrt_arg_declare("epochs", 6);
        nrt_arg_declare("lr", 2);
        argI64("epochs", 1);
        std::printf("not reached\n");
      },
      testing::ExitedWithCode(1),
      "error: unknown option '--lrr' \\(this program accepts: --epochs "
      "<int>, --lr\\)");
  // Known options pass, and later queries of declared names work.
  Argv argv({"--epochs=2", "--lr=0.5"});
  std::string lr = "lr";
  auto l = str(lr);
  _mlir_ciface_nrt_arg_declare(&l);
  nrt_arg_declare("epochs", 6);
  EXPECT_EQ(argI64("epochs", 1), 2);
  EXPECT_EQ(argF64("lr", 0.1), 0.5);
}

TEST(Args, UnknownOptionCollectOnUse) {
  // Without declarations the check waits for nrt_args_check.
  EXPECT_EXIT(
      {
        Argv argv({"--epochs=2", "--bogus"});
        argI64("epochs", 1);
        std::fprintf(stderr, "queries pass\n");
        nrt_args_check();
      },
      testing::ExitedWithCode(1),
      "queries pass\nerror: unknown option '--bogus' \\(this program "
      "accepts: --epochs <int>\\)");
  EXPECT_EXIT(
      {
        Argv argv({"--x=1"});
        nrt_args_check();
      },
      testing::ExitedWithCode(1),
      "unknown option '--x' \\(this program accepts no options\\)");
}

/// Runs the AOT probe program with `args`; returns its exit status and
/// fills `out` with its stdout and stderr.
static int runProbe(const std::string &args, std::string &out) {
  TempDir dir;
  std::string cmd = std::string(NRT_MAIN_PROBE) + " " + args + " > " +
                    dir.path("out") + " 2>&1";
  int status = std::system(cmd.c_str());
  out = readFile(dir.path("out"));
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(Args, AotMainWrapper) {
  std::string out;
  EXPECT_EQ(runProbe("--epochs 3 --lr=0.5", out), 0);
  EXPECT_EQ(out, "epochs=3 lr=0.5\n");
  EXPECT_EQ(runProbe("", out), 0);
  EXPECT_EQ(out, "epochs=10 lr=0.01\n");
  // The probe declares nothing: names are collected on use and checked
  // when nabla_main returns.
  EXPECT_EQ(runProbe("--epoch=3", out), 1);
  EXPECT_EQ(out, "epochs=10 lr=0.01\nerror: unknown option '--epoch' (this "
                 "program accepts: --epochs <int>, --lr <float>)\n");
  EXPECT_EQ(runProbe("--epochs=x", out), 1);
  EXPECT_EQ(out, "error: option '--epochs' expects an integer, found 'x' "
                 "(this program accepts: --epochs <int>)\n");
}

static int64_t argChoice(const char *name, const char *choices,
                         const char *dflt) {
  return nrt_arg_choice(name, static_cast<int64_t>(strlen(name)), choices,
                        static_cast<int64_t>(strlen(choices)), dflt,
                        static_cast<int64_t>(strlen(dflt)));
}

TEST(Args, Choice) {
  {
    Argv argv({});
    EXPECT_EQ(argChoice("optimizer", "sgd,adam,adamw", "adam"), 1);
  }
  {
    Argv argv({"--optimizer=adamw"});
    EXPECT_EQ(argChoice("optimizer", "sgd,adam,adamw", "adam"), 2);
  }
  {
    Argv argv({"--optimizer", "sgd"});
    EXPECT_EQ(argChoice("optimizer", "sgd,adam,adamw", "adam"), 0);
  }
  EXPECT_EXIT(
      {
        Argv argv({"--optimizer=lion"});
        argChoice("optimizer", "sgd,adam,adamw", "adam");
      },
      testing::ExitedWithCode(1),
      "error: option '--optimizer' does not accept 'lion'; choose one of: "
      "sgd,adam,adamw");
  EXPECT_EXIT(
      {
        Argv argv({"--optimizer"});
        argChoice("optimizer", "sgd,adam", "adam");
      },
      testing::ExitedWithCode(1),
      "option '--optimizer' needs a value, one of: sgd,adam");
  EXPECT_EXIT(
      {
        Argv argv({});
        argChoice("optimizer", "sgd,adam", "lion");
      },
      testing::ExitedWithCode(1),
      "the default 'lion' of '--optimizer' is not one of: sgd,adam");
}

//===----------------------------------------------------------------------===//
// Declarations and nrt_args_validate
//===----------------------------------------------------------------------===//

/// Declares the options of a typical training program, as the compiler's
/// nabla-declare-program-options pass does at the start of `main`.
static void declareTrainingOptions() {
  nrt_arg_declare_i64("epochs", 6, 5);
  nrt_arg_declare_f64("lr", 2, 0.001);
  nrt_arg_declare_flag("resume", 6);
  nrt_arg_declare_choice("optimizer", 9, "sgd,adam", 8, "adam", 4);
  nrt_arg_declare_computed("steps", 5, "int", 3);
}

TEST(Args, ValidateAcceptsDeclaredOptions) {
  Argv argv({"--epochs=2", "--lr", "0.5", "--resume", "--optimizer=sgd",
             "--steps=7"});
  declareTrainingOptions();
  nrt_args_validate();
  // The queries return the values as before, and the check after the run
  // finds nothing either.
  EXPECT_EQ(argI64("epochs", 5), 2);
  EXPECT_EQ(argF64("lr", 0.001), 0.5);
  EXPECT_TRUE(argFlag("resume"));
  EXPECT_EQ(argChoice("optimizer", "sgd,adam", "adam"), 0);
  EXPECT_EQ(argI64("steps", 100), 7);
  nrt_args_check();
  // Without options every query gets its default.
  Argv none({});
  declareTrainingOptions();
  nrt_args_validate();
  EXPECT_EQ(argI64("epochs", 5), 5);
  EXPECT_EQ(argChoice("optimizer", "sgd,adam", "adam"), 1);
  EXPECT_FALSE(argFlag("resume"));
}

TEST(Args, ValidateRejectsUnknownOptionsBeforeTheProgramRuns) {
  // A close name is suggested; nothing after the check runs.
  EXPECT_EXIT(
      {
        Argv argv({"--epoch=1"});
        declareTrainingOptions();
        nrt_args_validate();
        std::fprintf(stderr, "not reached\n");
      },
      testing::ExitedWithCode(1),
      "^error: unknown option '--epoch'; did you mean '--epochs'\\?\n$");
  // A swap of two letters is one edit.
  EXPECT_EXIT(
      {
        Argv argv({"--resmue"});
        declareTrainingOptions();
        nrt_args_validate();
      },
      testing::ExitedWithCode(1),
      "^error: unknown option '--resmue'; did you mean '--resume'\\?\n$");
  // Nothing close: the options the program accepts.
  EXPECT_EXIT(
      {
        Argv argv({"--epochs=2", "--batch=64"});
        declareTrainingOptions();
        nrt_args_validate();
      },
      testing::ExitedWithCode(1),
      "^error: unknown option '--batch' \\(this program accepts: --epochs "
      "<int>, --lr <float>, --resume, --optimizer <string>, --steps "
      "<int>\\)\n$");
  EXPECT_EXIT(
      {
        Argv argv({"--x"});
        nrt_args_validate();
      },
      testing::ExitedWithCode(1),
      "^error: unknown option '--x' \\(this program accepts no options\\)\n$");
}

TEST(Args, ValidateRejectsMalformedValues) {
  auto validate = [](std::vector<std::string> args) {
    Argv argv(std::move(args));
    declareTrainingOptions();
    nrt_args_validate();
    std::fprintf(stderr, "not reached\n");
  };
  EXPECT_EXIT(validate({"--epochs=abc"}), testing::ExitedWithCode(1),
              "^error: option '--epochs' expects an integer, found 'abc' "
              "\\(this program accepts: [^\n]*\\)\n$");
  EXPECT_EXIT(validate({"--epochs"}), testing::ExitedWithCode(1),
              "^error: option '--epochs' needs an integer value, as in "
              "--epochs=10");
  EXPECT_EXIT(validate({"--steps=1.5"}), testing::ExitedWithCode(1),
              "^error: option '--steps' expects an integer, found '1.5'");
  EXPECT_EXIT(validate({"--lr=fast"}), testing::ExitedWithCode(1),
              "^error: option '--lr' expects a number, found 'fast'");
  EXPECT_EXIT(validate({"--resume=maybe"}), testing::ExitedWithCode(1),
              "^error: option '--resume' is a flag: write --resume or "
              "--resume=true\\|false, not '--resume=maybe'");
  EXPECT_EXIT(validate({"--optimizer=lion"}), testing::ExitedWithCode(1),
              "^error: option '--optimizer' does not accept 'lion'; choose "
              "one of: sgd,adam\n$");
  EXPECT_EXIT(validate({"--optimizer"}), testing::ExitedWithCode(1),
              "^error: option '--optimizer' needs a value, one of: "
              "sgd,adam\n$");
}

/// Runs nrt_args_validate on `args` with stdout sent to stderr, where the
/// death test reads it.
static void validateToStderr(std::vector<std::string> args, void (*declare)()) {
  dup2(STDERR_FILENO, STDOUT_FILENO);
  Argv argv(std::move(args));
  declare();
  nrt_args_validate();
  std::printf("not reached\n");
  std::fflush(stdout);
}

TEST(Args, ValidateHelp) {
  // --help lists the options by name and exits with status 0, even with
  // other (wrong) options.
  EXPECT_EXIT(validateToStderr({"--epoch=3", "--help"}, declareTrainingOptions),
              testing::ExitedWithCode(0),
              "^options \\(--name=value or --name value\\):\n"
              "  --epochs=<int>        default: 5\n"
              "  --lr=<float>          default: 0.001\n"
              "  --optimizer=<choice>  one of: sgd, adam; default: adam\n"
              "  --resume              flag\n"
              "  --steps=<int>         default: computed by the program\n"
              "  --help                print this list and exit\n$");
  EXPECT_EXIT(validateToStderr({"--help"}, [] {}), testing::ExitedWithCode(0),
              "^options \\(--name=value or --name value\\):\n"
              "  --help  print this list and exit\n$");
  // A program that reads --help itself gets it like any other flag.
  Argv argv({"--help"});
  nrt_arg_declare_flag("help", 4);
  nrt_args_validate();
  EXPECT_TRUE(argFlag("help"));
}

TEST(Args, DeclarationsMerge) {
  // The same option read in two places: listed once. Another default makes
  // it depend on where the program reads it; another kind is a second
  // declaration whose check also applies.
  EXPECT_EXIT(validateToStderr({"--help"},
                               [] {
                                 nrt_arg_declare_i64("n", 1, 3);
                                 nrt_arg_declare_i64("n", 1, 3);
                                 nrt_arg_declare_f64("lr", 2, 0.5);
                                 nrt_arg_declare_f64("lr", 2, 0.25);
                                 nrt_arg_declare_f64("tol", 3, 1e-8);
                               }),
              testing::ExitedWithCode(0),
              "^options \\(--name=value or --name value\\):\n"
              "  --lr=<float>   default: computed by the program\n"
              "  --n=<int>      default: 3\n"
              "  --tol=<float>  default: 1e-08\n"
              "  --help         print this list and exit\n$");
  EXPECT_EXIT(
      {
        Argv argv({"--n=2.5"});
        nrt_arg_declare_f64("n", 1, 0.5);
        nrt_arg_declare_i64("n", 1, 3);
        nrt_args_validate();
      },
      testing::ExitedWithCode(1),
      "option '--n' expects an integer, found '2.5'");
}

TEST(Args, DeclarationsCInterface) {
  std::string epochs = "epochs", lr = "lr", resume = "resume", opt = "opt",
              choices = "sgd,adam", adam = "adam", steps = "steps",
              kind = "int";
  auto e = str(epochs), l = str(lr), r = str(resume), o = str(opt),
       c = str(choices), a = str(adam), s = str(steps), k = str(kind);
  int64_t five = 5;
  double rate = 0.5;
  NrtMemRef<int64_t, 0> fiveRef{&five, &five, 0};
  NrtMemRef<double, 0> rateRef{&rate, &rate, 0};
  Argv argv({"--epochs=2", "--opt=sgd", "--steps=4", "--resume"});
  _mlir_ciface_nrt_args_declare_int(&e, &fiveRef);
  _mlir_ciface_nrt_args_declare_float(&l, &rateRef);
  _mlir_ciface_nrt_args_declare_flag(&r);
  _mlir_ciface_nrt_args_declare_choice(&o, &c, &a);
  _mlir_ciface_nrt_args_declare_computed(&s, &k);
  _mlir_ciface_nrt_args_validate();
  EXPECT_EQ(argI64("epochs", 5), 2);
  EXPECT_EQ(argChoice("opt", "sgd,adam", "adam"), 0);
  EXPECT_EXIT(
      {
        Argv bad({"--lr=x"});
        _mlir_ciface_nrt_args_declare_float(&l, &rateRef);
        _mlir_ciface_nrt_args_validate();
      },
      testing::ExitedWithCode(1), "option '--lr' expects a number, found 'x'");
}

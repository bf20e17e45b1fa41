//===- CheckGrad.cpp - nabla check-grad -----------------------------------===//
//
// Adds three entry points around the checked function (its value, its
// vector-Jacobian product and its Jacobian-vector product), compiles them
// with the JIT and compares, per argument:
// - reverse mode (Jᵀw) against central finite differences of ⟨w, f(x)⟩,
//   with Richardson extrapolation, on up to `maxElements` elements;
// - forward against reverse mode: ⟨J·v, w⟩ = ⟨v, Jᵀ·w⟩ for random v, w.
//
//===----------------------------------------------------------------------===//

#include "nabla/CheckGrad/CheckGrad.h"

#include "nabla/IR/NablaOps.h"
#include "nabla/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>

using namespace mlir;

// Inside namespace nabla, `Type` is the front end's type of a value and the
// IR's types are written `mlir::Type`.
namespace nabla {
namespace {
/// One leaf tensor of an argument, as the host holds it: an f64, i64, i32
/// or bool buffer and its memref descriptor.
struct Leaf {
  unsigned arg = 0;
  DType dtype = DType::F64;
  std::vector<int64_t> shape;
  std::vector<double> f64;
  std::vector<int64_t> i64;
  std::vector<int32_t> i32;
  std::vector<uint8_t> i1;
  std::vector<int64_t> desc;

  int64_t numel() const {
    int64_t n = 1;
    for (int64_t s : shape)
      n *= s;
    return n;
  }
  bool isFloat() const { return dtype == DType::F64 || dtype == DType::F32; }
  void *data() {
    switch (dtype) {
    case DType::I64:
      return i64.data();
    case DType::I32:
      return i32.data();
    case DType::Bool:
      return i1.data();
    default:
      return f64.data();
    }
  }
  /// Descriptor: allocated, aligned, offset, sizes, strides (row major).
  void *descriptor() {
    desc.assign(3 + 2 * shape.size(), 0);
    auto ptr = reinterpret_cast<int64_t>(data());
    desc[0] = desc[1] = ptr;
    int64_t stride = 1;
    for (size_t i = shape.size(); i-- > 0;) {
      desc[3 + i] = shape[i];
      desc[3 + shape.size() + i] = stride;
      stride *= shape[i];
    }
    return desc.data();
  }
};

/// A result read back from a call: its shape and f64 values (row major).
struct Result {
  std::vector<int64_t> sizes;
  std::vector<double> values;
};

class Checker {
public:
  Checker(const FnDecl &fn, const CheckGradOptions &options,
          llvm::raw_ostream &os)
      : fn(fn), options(options), os(os), rng(options.seed) {}

  int run(ModuleOp module);

private:
  bool makeInputs();
  void addLeaves(const Type &type, unsigned arg);
  bool addEntryPoints(ModuleOp module, bool reverse, bool forward);
  std::vector<Result> call(llvm::StringRef name, std::vector<Leaf *> arguments,
                           llvm::ArrayRef<unsigned> resultRanks);
  double objective();

  const FnDecl &fn;
  const CheckGradOptions &options;
  llvm::raw_ostream &os;
  std::mt19937_64 rng;
  std::vector<Leaf> inputs;
  std::vector<unsigned> floatLeaves; // indices into inputs (the wrt leaves)
  std::vector<unsigned> resultRanks;
  std::vector<Leaf> cotangents; // w, one per result leaf
  std::unique_ptr<ExecutionEngine> engine, forwardEngine;
  std::string error;
};
} // namespace

//===----------------------------------------------------------------------===//
// Inputs
//===----------------------------------------------------------------------===//

void Checker::addLeaves(const Type &type, unsigned arg) {
  if (type.isStruct()) {
    for (size_t i = 0; i < type.decl->fields.size(); ++i)
      addLeaves(type.fieldType(i), arg);
    return;
  }
  if (type.isTuple()) {
    for (const Type &e : type.elems)
      addLeaves(e, arg);
    return;
  }
  Leaf leaf;
  leaf.arg = arg;
  leaf.dtype = type.isKey() ? DType::I64 : type.dtype;
  for (const Dim &d : type.shape) {
    if (d.isStatic()) {
      leaf.shape.push_back(d.size);
      continue;
    }
    auto it = d.kind == Dim::Symbolic ? options.dims.find(d.name)
                                      : options.dims.end();
    leaf.shape.push_back(it != options.dims.end() ? it->second
                                                  : options.defaultDim);
  }
  inputs.push_back(std::move(leaf));
}

bool Checker::makeInputs() {
  for (auto [i, p] : llvm::enumerate(fn.params)) {
    if (p.resolved.isFunction() || p.resolved.isStr()) {
      error = "parameter '" + p.name + "' is a function or a string";
      return false;
    }
    addLeaves(p.resolved, i);
  }
  int64_t intRange = options.intRange;
  if (intRange <= 0) {
    intRange = 0;
    for (const Param &p : fn.params) {
      std::function<void(const Type &)> scan = [&](const Type &t) {
        if (t.isStruct())
          for (size_t i = 0; i < t.decl->fields.size(); ++i)
            scan(t.fieldType(i));
        for (const Dim &d : t.shape)
          if (d.isStatic() && d.size >= 2 &&
              (intRange == 0 || d.size < intRange))
            intRange = d.size;
        if (t.isTuple())
          for (const Type &e : t.elems)
            scan(e);
      };
      scan(p.resolved);
    }
    if (intRange == 0)
      intRange = 2;
  }
  std::normal_distribution<double> normal;
  std::uniform_int_distribution<int64_t> ints(0, intRange - 1);
  for (auto [i, leaf] : llvm::enumerate(inputs)) {
    int64_t n = leaf.numel();
    switch (leaf.dtype) {
    case DType::I64:
      for (int64_t j = 0; j < n; ++j)
        leaf.i64.push_back(ints(rng));
      break;
    case DType::I32:
      for (int64_t j = 0; j < n; ++j)
        leaf.i32.push_back(static_cast<int32_t>(ints(rng)));
      break;
    case DType::Bool:
      for (int64_t j = 0; j < n; ++j)
        leaf.i1.push_back(ints(rng) % 2);
      break;
    default:
      for (int64_t j = 0; j < n; ++j)
        leaf.f64.push_back(normal(rng));
      floatLeaves.push_back(i);
    }
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

bool Checker::addEntryPoints(ModuleOp module, bool reverse, bool forward) {
  auto target = module.lookupSymbol<func::FuncOp>(fn.symbolName());
  if (!target) {
    error = "function '" + fn.name + "' was not generated";
    return false;
  }
  FunctionType type = target.getFunctionType();
  resultRanks.clear();
  for (mlir::Type t : type.getResults()) {
    auto rt = cast<RankedTensorType>(t);
    if (!rt.getElementType().isF64()) {
      error = "a result of '" + fn.name + "' is not a float tensor";
      return false;
    }
    resultRanks.push_back(rt.getRank());
  }
  OpBuilder b(module.getContext());
  b.setInsertionPointToEnd(module.getBody());
  Location loc = target.getLoc();
  auto callee = FlatSymbolRefAttr::get(target.getSymNameAttr());
  SmallVector<int64_t> wrt(floatLeaves.begin(), floatLeaves.end());
  auto makeEntry = [&](llvm::StringRef name, SmallVector<mlir::Type> inputs,
                       SmallVector<mlir::Type> results, auto body) {
    auto f =
        func::FuncOp::create(b, loc, name, b.getFunctionType(inputs, results));
    f->setAttr("llvm.emit_c_interface", b.getUnitAttr());
    OpBuilder::InsertionGuard guard(b);
    Block *entry = f.addEntryBlock();
    b.setInsertionPointToStart(entry);
    func::ReturnOp::create(b, loc, body(entry->getArguments()));
  };
  SmallVector<mlir::Type> args(type.getInputs());
  SmallVector<mlir::Type> outs(type.getResults());
  if (reverse) {
    makeEntry("__check_value", args, outs, [&](ValueRange a) {
      return func::CallOp::create(b, loc, target, a).getResults();
    });
    SmallVector<mlir::Type> vjpIn = args, vjpOut = outs;
    vjpIn.append(outs.begin(), outs.end());
    for (unsigned i : floatLeaves)
      vjpOut.push_back(args[i]);
    makeEntry("__check_vjp", vjpIn, vjpOut, [&](ValueRange a) {
      return mlir::nabla::VjpOp::create(b, loc, vjpOut, callee,
                                        b.getDenseI64ArrayAttr(wrt), a)
          .getResults();
    });
  }
  if (forward) {
    SmallVector<mlir::Type> jvpIn = args, jvpOut = outs;
    for (unsigned i : floatLeaves)
      jvpIn.push_back(args[i]);
    jvpOut.append(outs.begin(), outs.end());
    makeEntry("__check_jvp", jvpIn, jvpOut, [&](ValueRange a) {
      return mlir::nabla::JvpOp::create(b, loc, jvpOut, callee,
                                        b.getDenseI64ArrayAttr(wrt), a)
          .getResults();
    });
  }
  return true;
}

std::vector<Result> Checker::call(llvm::StringRef name,
                                  std::vector<Leaf *> arguments,
                                  llvm::ArrayRef<unsigned> ranks) {
  // The C interface returns all memref results through one pointer to a
  // struct of descriptors, passed first.
  size_t words = 0;
  for (unsigned r : ranks)
    words += 3 + 2 * r;
  std::vector<int64_t> resultStruct(words, 0);
  void *resultPtr = resultStruct.data();
  std::vector<void *> descriptors;
  for (Leaf *leaf : arguments)
    descriptors.push_back(leaf->descriptor());
  std::vector<void *> packed{&resultPtr};
  for (void *&d : descriptors)
    packed.push_back(&d);
  ExecutionEngine *target =
      name == "__check_jvp" ? forwardEngine.get() : engine.get();
  if (llvm::Error err =
          target->invokePacked(("_mlir_ciface_" + name).str(), packed)) {
    error = llvm::toString(std::move(err));
    return {};
  }
  std::vector<Result> results;
  size_t at = 0;
  for (unsigned r : ranks) {
    const int64_t *d = resultStruct.data() + at;
    auto *allocated = reinterpret_cast<double *>(d[0]);
    auto *aligned = reinterpret_cast<const double *>(d[1]);
    int64_t offset = d[2];
    std::vector<int64_t> sizes(d + 3, d + 3 + r),
        strides(d + 3 + r, d + 3 + 2 * r);
    Result res;
    res.sizes = sizes;
    int64_t n = 1;
    for (int64_t s : sizes)
      n *= s;
    for (int64_t linear = 0; linear < n; ++linear) {
      int64_t rest = linear, index = offset;
      for (size_t k = r; k-- > 0;) {
        index += (rest % sizes[k]) * strides[k];
        rest /= sizes[k];
      }
      res.values.push_back(aligned[index]);
    }
    results.push_back(std::move(res));
    // Results that are not inputs were allocated by the compiled code.
    bool isInput = false;
    for (Leaf *leaf : arguments)
      isInput |= leaf->data() == allocated;
    if (!isInput)
      std::free(allocated);
    at += 3 + 2 * r;
  }
  return results;
}

/// ⟨w, f(x)⟩ at the current inputs.
double Checker::objective() {
  std::vector<Leaf *> args;
  for (Leaf &leaf : inputs)
    args.push_back(&leaf);
  std::vector<Result> outs = call("__check_value", args, resultRanks);
  double s = 0;
  for (auto [out, w] : llvm::zip(outs, cotangents))
    for (size_t i = 0; i < out.values.size() && i < w.f64.size(); ++i)
      s += out.values[i] * w.f64[i];
  return s;
}

//===----------------------------------------------------------------------===//
// The check
//===----------------------------------------------------------------------===//

static double relError(double a, double b, double floor) {
  double scale = std::max({std::fabs(a), std::fabs(b), floor});
  return scale == 0 ? 0 : std::fabs(a - b) / scale;
}

int Checker::run(ModuleOp module) {
  auto fail = [&](const std::string &message) {
    llvm::errs() << "check-grad: error: " << message << "\n";
    return 1;
  };
  if (fn.resolvedResult.isVoid())
    return fail("'" + fn.name +
                "' returns nothing; there is nothing to "
                "differentiate");
  if (!makeInputs())
    return fail(error);
  if (floatLeaves.empty())
    return fail("'" + fn.name + "' has no float arguments to differentiate");
  // Forward mode is compiled on its own: a function with a custom_vjp but
  // no custom_jvp has none, and the check then covers reverse mode only.
  OwningOpRef<ModuleOp> forwardModule(cast<ModuleOp>(module->clone()));
  if (!addEntryPoints(module, /*reverse=*/true, /*forward=*/false))
    return fail(error);
  mlir::nabla::CPUPipelineOptions pipeline;
  if (failed(mlir::nabla::runCPUPipeline(module, mlir::nabla::Phase::LLVM,
                                         pipeline)))
    return fail("compiling '" + fn.name + "' failed");
  engine = mlir::nabla::createJITEngine(module, options.target);
  if (!engine)
    return 1;
  std::string forwardProblem;
  if (addEntryPoints(*forwardModule, /*reverse=*/false, /*forward=*/true)) {
    ScopedDiagnosticHandler quiet(module.getContext(), [&](Diagnostic &d) {
      if (forwardProblem.empty())
        forwardProblem = d.str();
      return success();
    });
    if (succeeded(mlir::nabla::runCPUPipeline(
            *forwardModule, mlir::nabla::Phase::LLVM, pipeline)))
      forwardEngine =
          mlir::nabla::createJITEngine(*forwardModule, options.target);
  }

  std::vector<Leaf *> args;
  for (Leaf &leaf : inputs)
    args.push_back(&leaf);
  // Output shapes, then a random cotangent w of the same shapes.
  std::vector<Result> outs = call("__check_value", args, resultRanks);
  if (!error.empty())
    return fail(error);
  std::normal_distribution<double> normal;
  for (const Result &out : outs) {
    Leaf w;
    w.dtype = DType::F64;
    w.shape = out.sizes;
    for (size_t i = 0; i < out.values.size(); ++i)
      w.f64.push_back(normal(rng));
    cotangents.push_back(std::move(w));
  }
  // Reverse mode: (f(x), Jᵀw).
  std::vector<Leaf *> vjpArgs = args;
  for (Leaf &w : cotangents)
    vjpArgs.push_back(&w);
  std::vector<unsigned> vjpRanks = resultRanks;
  for (unsigned i : floatLeaves)
    vjpRanks.push_back(inputs[i].shape.size());
  std::vector<Result> vjp = call("__check_vjp", vjpArgs, vjpRanks);
  if (!error.empty())
    return fail(error);

  struct ArgReport {
    int64_t checked = 0, total = 0, kinks = 0;
    double fdError = 0, modeError = 0;
    bool floatArg = false;
  };
  std::vector<ArgReport> reports(fn.params.size());
  double s0 = objective();
  for (auto [k, leafIndex] : llvm::enumerate(floatLeaves)) {
    Leaf &leaf = inputs[leafIndex];
    const std::vector<double> &grad = vjp[resultRanks.size() + k].values;
    ArgReport &report = reports[leaf.arg];
    report.floatArg = true;
    int64_t n = leaf.numel();
    report.total += n;
    double maxGrad = 0;
    for (double g : grad)
      maxGrad = std::max(maxGrad, std::fabs(g));
    std::vector<int64_t> elements;
    for (int64_t e = 0; e < n; ++e)
      elements.push_back(e);
    if (n > options.maxElements) {
      std::shuffle(elements.begin(), elements.end(), rng);
      elements.resize(options.maxElements);
    }
    // Differences below the rounding noise of the objective (about
    // eps·|s|/h) say nothing; so does a tiny entry next to large ones.
    double noise = 1e6 * 2.2e-16 * (std::fabs(s0) + 1) / 1e-3;
    double floor = std::max(1e-3 * maxGrad, noise) + 1e-300;
    for (int64_t e : elements) {
      double x0 = leaf.f64[e];
      auto centralDifference = [&](double step) {
        leaf.f64[e] = x0 + step;
        double up = objective();
        leaf.f64[e] = x0 - step;
        double down = objective();
        leaf.f64[e] = x0;
        return (up - down) / (2 * step);
      };
      // Richardson extrapolation cancels the h² error term.
      auto richardson = [&](double h) {
        return (4 * centralDifference(h / 2) - centralDifference(h)) / 3;
      };
      // Where the function has a kink (relu, max, abs) within the step,
      // the estimates at two step sizes disagree: such an element says
      // nothing about the derivative and is skipped (and counted).
      double h = 1e-3 * std::max(1.0, std::fabs(x0));
      double coarse = richardson(h);
      double fd = richardson(h / 2);
      if (relError(coarse, fd, floor) > options.tolerance / 100) {
        ++report.kinks;
        continue;
      }
      report.fdError = std::max(report.fdError, relError(fd, grad[e], floor));
      ++report.checked;
    }
  }
  // Forward against reverse mode, one argument at a time.
  for (auto [argIndex, report] : llvm::enumerate(reports)) {
    if (!report.floatArg || !forwardEngine)
      continue;
    std::vector<Leaf> tangents;
    double rhs = 0; // ⟨v, Jᵀw⟩
    for (auto [k, leafIndex] : llvm::enumerate(floatLeaves)) {
      const Leaf &leaf = inputs[leafIndex];
      Leaf v;
      v.dtype = DType::F64;
      v.shape = leaf.shape;
      const std::vector<double> &grad = vjp[resultRanks.size() + k].values;
      for (int64_t e = 0; e < leaf.numel(); ++e) {
        double value = leaf.arg == argIndex ? normal(rng) : 0.0;
        v.f64.push_back(value);
        rhs += value * grad[e];
      }
      tangents.push_back(std::move(v));
    }
    std::vector<Leaf *> jvpArgs = args;
    for (Leaf &v : tangents)
      jvpArgs.push_back(&v);
    std::vector<unsigned> jvpRanks = resultRanks;
    jvpRanks.insert(jvpRanks.end(), resultRanks.begin(), resultRanks.end());
    std::vector<Result> jvp = call("__check_jvp", jvpArgs, jvpRanks);
    if (!error.empty())
      return fail(error);
    double lhs = 0; // ⟨J·v, w⟩
    for (size_t r = 0; r < resultRanks.size(); ++r)
      for (size_t i = 0; i < jvp[resultRanks.size() + r].values.size(); ++i)
        lhs += jvp[resultRanks.size() + r].values[i] * cotangents[r].f64[i];
    report.modeError = relError(lhs, rhs, 1e-12);
  }

  // The table.
  os << "check-grad '" << fn.name << "': reverse mode vs central finite "
     << "differences (f64), forward vs reverse mode; tolerance "
     << llvm::format("%.0e", options.tolerance) << " relative\n";
  os << llvm::format("%-16s %-22s %-22s %-22s %s\n", "argument", "checked",
                     "reverse vs FD", "<Jv,w> vs <v,J^T w>", "verdict");
  if (!forwardEngine)
    os << "(forward mode is not available: "
       << (forwardProblem.empty() ? std::string("it failed to compile")
                                  : forwardProblem)
       << ")\n";
  int status = 0;
  std::string failureText;
  llvm::raw_string_ostream failures(failureText);
  for (auto [i, report] : llvm::enumerate(reports)) {
    const Param &p = fn.params[i];
    if (!report.floatArg) {
      os << llvm::format("%-16s %-22s %-22s %-22s %s\n", p.name.c_str(), "-",
                         "-", "-", "not differentiated (no float leaves)");
      continue;
    }
    bool pass = report.fdError <= options.tolerance &&
                report.modeError <= options.tolerance;
    std::string checked =
        std::to_string(report.checked) + "/" + std::to_string(report.total);
    if (report.kinks)
      checked += " (" + std::to_string(report.kinks) + " at kinks)";
    std::string mode = forwardEngine
                           ? llvm::formatv("{0:e3}", report.modeError).str()
                           : std::string("no forward mode");
    os << llvm::format("%-16s %-22s %-22.3e %-22s %s\n", p.name.c_str(),
                       checked.c_str(), report.fdError, mode.c_str(),
                       pass ? "pass" : "FAIL");
    if (!pass) {
      status = 1;
      failures << "check-grad: FAIL: the derivative of '" << fn.name
               << "' with respect to argument '" << p.name
               << "' is wrong (max relative error "
               << llvm::format("%.3e",
                               std::max(report.fdError, report.modeError))
               << ")\n";
    }
  }
  // The verdicts follow the table, on the same stream.
  os << failures.str();
  os.flush();
  return status;
}

int runCheckGrad(const FnDecl &fn, ModuleOp module,
                 const CheckGradOptions &options, llvm::raw_ostream &os) {
  Checker checker(fn, options, os);
  return checker.run(module);
}

} // namespace nabla

//===- DeclareProgramOptions.cpp - Check program options before main -----===//
//
// Declares every option the program reads (`args.int/float/flag/choice`) to
// the runtime at the start of `main`, then validates the arguments, so that
// unknown options, malformed values and `--help` are answered before it runs.
//
//===----------------------------------------------------------------------===//

#include "nabla/Conversion/Passes.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "llvm/ADT/Sequence.h"

#include <tuple>

namespace mlir::nabla {
#define GEN_PASS_DEF_DECLAREPROGRAMOPTIONS
#include "nabla/Conversion/Passes.h.inc"
} // namespace mlir::nabla

using namespace mlir;
using namespace mlir::nabla;

namespace {
/// The kinds of option, one per query of the `args` module.
enum class OptionKind { Int, Float, Flag, Choice };

/// A query function of the `args` module and what a call of it carries.
struct Query {
  StringRef callee;
  OptionKind kind;
  unsigned numStrings;  ///< name (and choices, default for a choice)
  unsigned numOperands; ///< the default, for int and float
};

/// The `extern fn`s of stdlib/args.nabla as MLIRGen calls them.
constexpr Query kQueries[] = {
    {"nrt_args_int", OptionKind::Int, 1, 1},
    {"nrt_args_float", OptionKind::Float, 1, 1},
    {"nrt_args_flag", OptionKind::Flag, 1, 0},
    {"nrt_args_choice", OptionKind::Choice, 3, 0},
};

/// The runtime's own queries, which take the name as an operand: a program
/// that calls them directly reads options the pass cannot name.
constexpr StringLiteral kRuntimeQueries[] = {"nrt_arg_i64", "nrt_arg_f64",
                                             "nrt_arg_flag", "nrt_arg_str",
                                             "nrt_arg_choice"};

/// One option to declare.
struct ProgramOption {
  std::string name;
  OptionKind kind;
  /// The default (a rank-0 elements attribute) of an int or float option,
  /// null when the program computes it.
  Attribute dflt;
  std::string choices, choiceDefault;

  bool operator==(const ProgramOption &o) const {
    return name == o.name && kind == o.kind && dflt == o.dflt &&
           choices == o.choices && choiceDefault == o.choiceDefault;
  }
};
} // namespace

/// The value of `v` if it is a constant scalar, or a negated one (MLIRGen
/// writes `-3` as `nabla.neg` of a constant); null otherwise.
static Attribute constantScalar(Value v) {
  bool negate = false;
  if (auto neg = v.getDefiningOp<NegOp>()) {
    v = neg.getOperand();
    negate = true;
  }
  DenseElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)) || !attr.isSplat() ||
      cast<ShapedType>(attr.getType()).getRank() != 0)
    return nullptr;
  if (!negate)
    return attr;
  if (isa<FloatType>(attr.getElementType()))
    return DenseElementsAttr::get(attr.getType(),
                                  -attr.getSplatValue<APFloat>());
  return DenseElementsAttr::get(attr.getType(), -attr.getSplatValue<APInt>());
}

/// The option a call of a query declares, or failure when its name is not
/// a constant string.
static FailureOr<ProgramOption> optionOf(RuntimeCallOp call,
                                         const Query &query) {
  ArrayAttr strings = call.getStringArgs();
  if (strings.size() != query.numStrings ||
      call.getNumOperands() != query.numOperands)
    return failure();
  ProgramOption option;
  option.kind = query.kind;
  option.name = cast<StringAttr>(strings[0]).getValue().str();
  if (query.kind == OptionKind::Choice) {
    option.choices = cast<StringAttr>(strings[1]).getValue().str();
    option.choiceDefault = cast<StringAttr>(strings[2]).getValue().str();
  }
  if (query.numOperands)
    option.dflt = constantScalar(call.getOperand(0));
  return option;
}

/// Declares (once) the runtime function `name` with `inputs`.
static func::FuncOp declareRuntime(OpBuilder &b, ModuleOp module,
                                   StringRef name, TypeRange inputs) {
  if (auto f = module.lookupSymbol<func::FuncOp>(name))
    return f;
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(module.getBody());
  auto f = func::FuncOp::create(b, module.getLoc(), name,
                                b.getFunctionType(inputs, {}));
  f.setPrivate();
  return f;
}

/// Calls the runtime function `name` with `strings` and `operands`.
static void callRuntime(OpBuilder &b, ModuleOp module, Location loc,
                        StringRef name, ArrayRef<StringRef> strings,
                        ValueRange operands) {
  func::FuncOp f = declareRuntime(b, module, name, operands.getTypes());
  SmallVector<Attribute> attrs;
  for (StringRef s : strings)
    attrs.push_back(b.getStringAttr(s));
  RuntimeCallOp::create(b, loc, TypeRange{},
                        FlatSymbolRefAttr::get(f.getSymNameAttr()),
                        b.getArrayAttr(attrs), operands);
}

/// The declaration call of `option`.
static void declare(OpBuilder &b, ModuleOp module, Location loc,
                    const ProgramOption &option) {
  StringRef name = option.name;
  switch (option.kind) {
  case OptionKind::Flag:
    return callRuntime(b, module, loc, "nrt_args_declare_flag", {name}, {});
  case OptionKind::Choice:
    return callRuntime(b, module, loc, "nrt_args_declare_choice",
                       {name, option.choices, option.choiceDefault}, {});
  case OptionKind::Int:
  case OptionKind::Float: {
    bool isInt = option.kind == OptionKind::Int;
    if (!option.dflt)
      return callRuntime(b, module, loc, "nrt_args_declare_computed",
                         {name, isInt ? "int" : "float"}, {});
    Value dflt = ConstantOp::create(b, loc, cast<ElementsAttr>(option.dflt));
    return callRuntime(b, module, loc,
                       isInt ? "nrt_args_declare_int"
                             : "nrt_args_declare_float",
                       {name}, dflt);
  }
  }
}

namespace {
struct DeclareProgramOptionsPass
    : mlir::nabla::impl::DeclareProgramOptionsBase<DeclareProgramOptionsPass> {
  using DeclareProgramOptionsBase::DeclareProgramOptionsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto main = module.lookupSymbol<func::FuncOp>(entry);
    // Nothing to do without an entry point, or when it checks already.
    if (!main || main.isDeclaration() ||
        module.lookupSymbol("nrt_args_validate"))
      return;
    SmallVector<ProgramOption> options;
    bool allNamed = true;
    module.walk([&](Operation *op) {
      StringRef callee;
      if (auto call = dyn_cast<RuntimeCallOp>(op)) {
        callee = call.getCallee();
        for (const Query &query : kQueries) {
          if (callee != query.callee)
            continue;
          FailureOr<ProgramOption> option = optionOf(call, query);
          if (failed(option)) {
            allNamed = false;
          } else if (!llvm::is_contained(options, *option)) {
            options.push_back(std::move(*option));
          }
          return;
        }
      } else if (auto call = dyn_cast<CallOpInterface>(op)) {
        auto symbol =
            dyn_cast_if_present<SymbolRefAttr>(call.getCallableForCallee());
        if (!symbol)
          return;
        callee = symbol.getLeafReference().getValue();
        for (const Query &query : kQueries)
          allNamed &= callee != query.callee;
      } else {
        return;
      }
      allNamed &= !llvm::is_contained(kRuntimeQueries, callee);
    });
    // An option whose name only the running program knows cannot be
    // declared; such a program keeps the check after it has run.
    if (!allNamed)
      return;
    // By name; options of one name in the order they were found.
    auto order = llvm::to_vector(llvm::seq<unsigned>(0, options.size()));
    llvm::sort(order, [&](unsigned a, unsigned b) {
      return std::tie(options[a].name, a) < std::tie(options[b].name, b);
    });
    auto b = OpBuilder::atBlockBegin(&main.getBody().front());
    Location loc = main.getLoc();
    for (unsigned i : order)
      declare(b, module, loc, options[i]);
    callRuntime(b, module, loc, "nrt_args_validate", {}, {});
  }
};
} // namespace

//===- MLIRGen.cpp - Functions and statements -----------------------------===//
//
// Generates one func.func per function (and per specialisation of a function
// that takes function parameters), and structured control flow (scf.if,
// scf.for, scf.while) carrying the `var`s a statement assigns.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "nabla/IR/NablaDialect.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cctype>

using namespace mlir;

namespace nabla {

mlir::OwningOpRef<mlir::ModuleOp> generateModule(Program &program,
                                                 DiagnosticReporter &diags) {
  MLIRGenImpl gen(program, diags);
  return gen.run();
}

MLIRGenImpl::MLIRGenImpl(Program &program, DiagnosticReporter &diags)
    : program(program), diags(diags), context(diags.getContext()),
      builder(diags.getContext()) {
  context->loadDialect<mlir::nabla::NablaDialect, func::FuncDialect,
                       arith::ArithDialect, scf::SCFDialect,
                       tensor::TensorDialect, cf::ControlFlowDialect>();
}

OwningOpRef<ModuleOp> MLIRGenImpl::run() {
  OwningOpRef<ModuleOp> owned = ModuleOp::create(
      loc(program.main().fns.empty() ? llvm::SMLoc()
                                     : program.main().fns.front()->loc));
  module = *owned;
  for (const auto &fn : program.main().fns)
    if (!fn->isExtern && !fn->hasFunctionParams() && fn->typeParams.empty())
      requestFunction(*fn, {});
  while (!worklist.empty() && !failed) {
    PendingFunction pending = worklist.front();
    worklist.pop_front();
    genFunction(pending);
  }
  if (failed)
    return nullptr;
  if (mlir::failed(verify(module))) {
    // A verifier error here is a compiler bug; the diagnostic says where.
    return nullptr;
  }
  return owned;
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

mlir::Type MLIRGenImpl::elementType(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return builder.getF32Type();
  case DType::F64:
    return builder.getF64Type();
  case DType::I32:
    return builder.getI32Type();
  case DType::I64:
    return builder.getI64Type();
  case DType::Bool:
    return builder.getI1Type();
  }
  return builder.getF32Type();
}

Type MLIRGenImpl::concrete(const Type &type) const {
  if (!current || current->typeArgs.empty())
    return type;
  return substituteTypeParams(type, current->typeArgs);
}

RankedTensorType MLIRGenImpl::tensorType(const Type &generic) {
  Type type = concrete(generic);
  if (type.isKey())
    return RankedTensorType::get({}, builder.getI64Type());
  SmallVector<int64_t> shape;
  for (const Dim &d : type.shape)
    shape.push_back(d.isStatic() ? d.size : ShapedType::kDynamic);
  return RankedTensorType::get(shape, elementType(type.dtype));
}

void MLIRGenImpl::leafTypes(const Type &generic,
                            SmallVectorImpl<mlir::Type> &out) {
  Type type = concrete(generic);
  switch (type.getKind()) {
  case Type::Tensor:
  case Type::Key:
    out.push_back(tensorType(type));
    return;
  case Type::Tuple:
    for (const Type &e : type.elems)
      leafTypes(e, out);
    return;
  case Type::Struct:
    for (size_t i = 0; i < type.decl->fields.size(); ++i)
      leafTypes(type.fieldType(i), out);
    return;
  default:
    return;
  }
}

size_t MLIRGenImpl::leafCount(const Type &type) {
  SmallVector<mlir::Type> types;
  leafTypes(type, types);
  return types.size();
}

Value MLIRGenImpl::castTo(Value value, mlir::Type type, Location at) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(builder, at, type, value);
}

RValue MLIRGenImpl::castLeaves(RValue value, const Type &generic, Location at) {
  Type to = concrete(generic);
  SmallVector<mlir::Type> types;
  leafTypes(to, types);
  if (types.size() == value.leaves.size())
    for (auto [leaf, type] : llvm::zip(value.leaves, types))
      leaf = castTo(leaf, type, at);
  value.type = to;
  return value;
}

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

/// A symbol-safe spelling of a type, for specialised function names.
static std::string mangleType(const Type &type) {
  std::string s = type.str();
  for (char &c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.')
      c = '_';
  return s;
}

/// A symbol-safe name for a function value.
static std::string mangle(const FnValue &value) {
  auto wrtSuffix = [&]() {
    std::string s;
    for (int64_t i : value.wrt)
      s += "_" + std::to_string(i);
    return s;
  };
  switch (value.kind) {
  case FnValue::Decl: {
    std::string s = value.decl->symbolName();
    for (const auto &[param, type] : value.typeArgs)
      s += "$" + mangleType(type);
    return s;
  }
  case FnValue::Param:
    return value.paramName;
  case FnValue::Grad:
    return mangle(*value.inner) + "$grad" + wrtSuffix();
  case FnValue::ValueAndGrad:
    return mangle(*value.inner) + "$value_and_grad" + wrtSuffix();
  case FnValue::Jacobian:
    return mangle(*value.inner) + "$jacobian" + wrtSuffix();
  case FnValue::PerExampleGrad:
    return mangle(*value.inner) + "$per_example_grad" + wrtSuffix();
  case FnValue::CustomVjp:
    return mangle(*value.inner) + "$custom_vjp$" + mangle(*value.fwd) + "$" +
           mangle(*value.bwd);
  }
  return "?";
}

std::shared_ptr<FnValue>
MLIRGenImpl::resolve(const std::shared_ptr<FnValue> &value) {
  switch (value->kind) {
  case FnValue::Decl: {
    if (value->typeArgs.empty())
      return value;
    // Type arguments that name the caller's type parameters become the
    // concrete types of this specialisation.
    auto copy = std::make_shared<FnValue>(*value);
    for (auto &[param, type] : copy->typeArgs)
      type = concrete(type);
    return copy;
  }
  case FnValue::Param: {
    auto it = current ? current->fnArgs.find(value->paramName)
                      : decltype(current->fnArgs)::const_iterator();
    if (current && it != current->fnArgs.end())
      return it->second;
    return value;
  }
  default: {
    auto copy = std::make_shared<FnValue>(*value);
    copy->inner = resolve(value->inner);
    return copy;
  }
  }
}

/// How many transforms are stacked on a function value.
static unsigned transformDepth(const FnValue &value) {
  return value.inner ? 1 + transformDepth(*value.inner) : 0;
}
static constexpr unsigned kMaxTransformDepth = 16;

/// The function value a transform ultimately calls.
static const FnValue *rootValue(const FnValue &value) {
  if (value.kind == FnValue::Decl)
    return &value;
  if (value.inner)
    return rootValue(*value.inner);
  return nullptr;
}

std::string MLIRGenImpl::requestFunction(const FnDecl &decl,
                                         const std::vector<const Expr *> &args,
                                         const TypeBindings &typeArgs) {
  PendingFunction pending;
  pending.decl = &decl;
  pending.symbol = decl.symbolName();
  for (const std::string &param : decl.typeParams) {
    auto it = typeArgs.find(param);
    if (it == typeArgs.end()) {
      fail(decl.loc, "internal error: no type argument for '" + param + "'");
      return pending.symbol;
    }
    Type arg = concrete(it->second);
    pending.typeArgs[param] = arg;
    pending.symbol += "$" + mangleType(arg);
  }
  for (auto [i, param] : llvm::enumerate(decl.params)) {
    if (!param.resolved.isFunction())
      continue;
    std::shared_ptr<FnValue> value =
        i < args.size() && args[i] ? args[i]->type.fnValue : nullptr;
    if (!value) {
      fail(decl.loc, "function parameter '" + param.name + "' of '" +
                         decl.name + "' has no compile-time value here");
      return pending.symbol;
    }
    value = resolve(value);
    if (transformDepth(*value) > kMaxTransformDepth) {
      // E.g. a function that calls itself with grad of its own parameter:
      // every call would need a new specialisation.
      fail(decl.loc, "specialising '" + decl.name +
                         "' does not terminate: it passes ever deeper "
                         "transforms of a function to itself");
      return pending.symbol;
    }
    pending.fnArgs[param.name] = value;
    pending.symbol += "$" + mangle(*value);
  }
  if (requested.count(pending.symbol))
    return pending.symbol;
  requested[pending.symbol] = true;

  SmallVector<mlir::Type> inputs, results;
  for (const Param &p : decl.params)
    leafTypes(substituteTypeParams(p.resolved, pending.typeArgs), inputs);
  leafTypes(substituteTypeParams(decl.resolvedResult, pending.typeArgs),
            results);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(module.getBody());
  auto func = func::FuncOp::create(builder, loc(decl.loc), pending.symbol,
                                   builder.getFunctionType(inputs, results));
  if (decl.name != "main" || !decl.module->name.empty())
    func.setPrivate();
  worklist.push_back(std::move(pending));
  return worklist.back().symbol;
}

std::string MLIRGenImpl::materialize(const std::shared_ptr<FnValue> &input) {
  std::shared_ptr<FnValue> value = resolve(input);
  if (value->kind == FnValue::Decl) {
    if (value->decl->hasFunctionParams() || value->decl->isExtern) {
      fail(value->decl->loc,
           "'" + value->decl->name +
               "' cannot be transformed: it takes function parameters or is "
               "'extern'");
      return value->decl->symbolName();
    }
    return requestFunction(*value->decl, {}, value->typeArgs);
  }
  if (value->kind == FnValue::Param) {
    fail(value->decl ? value->decl->loc : llvm::SMLoc(),
         "function parameter '" + value->paramName + "' is unbound");
    return value->paramName;
  }
  std::string symbol = mangle(*value);
  if (requested.count(symbol))
    return symbol;
  if (value->kind == FnValue::CustomVjp)
    return materializeCustomVjp(*value, symbol);
  std::string innerSymbol = materialize(value->inner);
  if (failed)
    return symbol;
  auto inner = module.lookupSymbol<func::FuncOp>(innerSymbol);
  FunctionType innerType = inner.getFunctionType();
  const FnValue *rootFn = rootValue(*value);
  const FnDecl *root = rootFn->decl;
  Type fnType = Type::function({}, Type::voidTy());
  // A generic function's parameters as the specialisation sees them.
  for (const Param &p : root->params)
    fnType.elems.push_back(substituteTypeParams(p.resolved, rootFn->typeArgs));
  SmallVector<int64_t> leaves = wrtLeaves(fnType, value->wrt);
  SmallVector<mlir::Type> results;
  if (value->kind == FnValue::ValueAndGrad)
    results.push_back(innerType.getResult(0));
  if (value->kind == FnValue::PerExampleGrad) {
    // One row per example: the gradient leaves flattened and concatenated.
    int64_t width = 0;
    for (int64_t i : leaves)
      width += cast<RankedTensorType>(innerType.getInput(i)).getNumElements();
    int64_t examples = ShapedType::kDynamic;
    for (unsigned i = 0; i < innerType.getNumInputs(); ++i)
      if (!llvm::is_contained(leaves, i)) {
        examples = cast<RankedTensorType>(innerType.getInput(i)).getDimSize(0);
        break;
      }
    auto elem = cast<RankedTensorType>(innerType.getInput(leaves.front()))
                    .getElementType();
    results.push_back(RankedTensorType::get({examples, width}, elem));
  } else if (value->kind == FnValue::Jacobian) {
    auto out = cast<RankedTensorType>(innerType.getResult(0));
    auto arg = cast<RankedTensorType>(innerType.getInput(leaves.front()));
    SmallVector<int64_t> shape(out.getShape());
    shape.append(arg.getShape().begin(), arg.getShape().end());
    results.push_back(RankedTensorType::get(shape, out.getElementType()));
  } else {
    for (int64_t i : leaves)
      results.push_back(innerType.getInput(i));
  }
  requested[symbol] = true;
  PendingFunction pending;
  pending.symbol = symbol;
  pending.wrapper = value;
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(module.getBody());
  auto func = func::FuncOp::create(
      builder, inner.getLoc(), symbol,
      builder.getFunctionType(innerType.getInputs(), results));
  func.setPrivate();
  worklist.push_back(std::move(pending));
  return symbol;
}

/// A function whose body is a `nabla.custom_vjp` of the primal with the
/// user's rule.
std::string MLIRGenImpl::materializeCustomVjp(const FnValue &value,
                                              const std::string &symbol) {
  std::string primal = materialize(value.inner);
  std::string fwd = materialize(value.fwd);
  std::string bwd = materialize(value.bwd);
  if (failed)
    return symbol;
  requested[symbol] = true;
  auto inner = module.lookupSymbol<func::FuncOp>(primal);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(module.getBody());
  Location at = inner.getLoc();
  auto func =
      func::FuncOp::create(builder, at, symbol, inner.getFunctionType());
  func.setPrivate();
  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  auto op = mlir::nabla::CustomVjpOp::create(
      builder, at, inner.getResultTypes(), FlatSymbolRefAttr::get(inner),
      FlatSymbolRefAttr::get(context, fwd),
      FlatSymbolRefAttr::get(context, bwd), entry->getArguments());
  func::ReturnOp::create(builder, at, op.getResults());
  return symbol;
}

SmallVector<int64_t> MLIRGenImpl::wrtLeaves(const Type &fnType,
                                            ArrayRef<int64_t> wrt) {
  SmallVector<int64_t> starts;
  int64_t offset = 0;
  for (const Type &p : fnType.elems) {
    starts.push_back(offset);
    offset += static_cast<int64_t>(leafCount(p));
  }
  SmallVector<int64_t> leaves;
  for (int64_t i : wrt)
    for (size_t j = 0; j < leafCount(fnType.elems[i]); ++j)
      leaves.push_back(starts[i] + static_cast<int64_t>(j));
  return leaves;
}

void MLIRGenImpl::genWrapper(const PendingFunction &pending,
                             func::FuncOp func) {
  const FnValue &value = *pending.wrapper;
  std::string inner = materialize(value.inner);
  const FnValue *rootFn = rootValue(value);
  Type fnType = Type::function({}, Type::voidTy());
  for (const Param &p : rootFn->decl->params)
    fnType.elems.push_back(substituteTypeParams(p.resolved, rootFn->typeArgs));
  SmallVector<int64_t> leaves = wrtLeaves(fnType, value.wrt);
  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  Location at = func.getLoc();
  auto callee = FlatSymbolRefAttr::get(context, inner);
  SmallVector<Value> args(entry->getArguments());
  TypeRange results = func.getFunctionType().getResults();
  Operation *op = nullptr;
  switch (value.kind) {
  case FnValue::Grad:
    op =
        mlir::nabla::GradOp::create(builder, at, results, callee,
                                    builder.getDenseI64ArrayAttr(leaves), args);
    break;
  case FnValue::ValueAndGrad:
    op = mlir::nabla::ValueAndGradOp::create(
        builder, at, results, callee, builder.getDenseI64ArrayAttr(leaves),
        args);
    break;
  case FnValue::Jacobian:
    op = mlir::nabla::JacobianOp::create(builder, at, results.front(), callee,
                                         builder.getDenseI64ArrayAttr(leaves),
                                         args);
    break;
  case FnValue::PerExampleGrad:
    // The label names the transform in the run-time batch size check.
    op = mlir::nabla::PerExampleGradOp::create(
        builder, at, results.front(), callee,
        builder.getDenseI64ArrayAttr(leaves),
        builder.getStringAttr(value.str()), args);
    break;
  default:
    break;
  }
  func::ReturnOp::create(builder, at, op->getResults());
}

void MLIRGenImpl::emitDimChecks(const FnDecl &decl, func::FuncOp func) {
  symbolDims.clear();
  // The parameter that first bound each symbolic dimension.
  std::map<std::string, std::string> boundBy;
  unsigned argIndex = 0;
  for (const Param &p : decl.params) {
    // Only tensor and tuple parameters carry symbolic dimensions; struct
    // fields have run-time sizes.
    std::function<void(const Type &)> walk = [&](const Type &t) {
      if (t.isTypeParam()) {
        // A type argument's sizes belong to the caller: skip its leaves.
        argIndex += leafCount(concrete(t));
        return;
      }
      if (t.isTuple()) {
        for (const Type &e : t.elems)
          walk(e);
        return;
      }
      if (t.isStruct()) {
        argIndex += leafCount(t);
        return;
      }
      if (!t.isTensor() && !t.isKey())
        return;
      Value arg = func.getArgument(argIndex++);
      if (!t.isTensor())
        return;
      for (auto [i, d] : llvm::enumerate(t.shape)) {
        if (d.kind != Dim::Symbolic)
          continue;
        auto it = symbolDims.find(d.name);
        if (it == symbolDims.end()) {
          symbolDims[d.name] = {arg, static_cast<int64_t>(i)};
          boundBy[d.name] = p.name;
          continue;
        }
        Location at = loc(p.loc);
        Value first = tensor::DimOp::create(builder, at, it->second.first,
                                            it->second.second);
        Value here =
            tensor::DimOp::create(builder, at, arg, static_cast<int64_t>(i));
        Value same = arith::CmpIOp::create(
            builder, at, arith::CmpIPredicate::eq, first, here);
        mlir::nabla::CheckOp::create(
            builder, at, same,
            "'" + decl.name + "': the sizes bound to '" + d.name +
                "' by its arguments differ: {0} (at '" + boundBy[d.name] +
                "') and {1} (at '" + p.name + "')",
            ValueRange{first, here});
      }
    };
    walk(p.resolved);
  }
}

void MLIRGenImpl::genFunction(const PendingFunction &pending) {
  auto func = module.lookupSymbol<func::FuncOp>(pending.symbol);
  OpBuilder::InsertionGuard guard(builder);
  current = &pending;
  if (pending.wrapper) {
    genWrapper(pending, func);
    current = nullptr;
    return;
  }
  const FnDecl &decl = *pending.decl;
  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  scopes.clear();
  scopes.emplace_back();
  emitDimChecks(decl, func);
  unsigned argIndex = 0;
  for (const Param &p : decl.params) {
    RValue value;
    value.type = p.resolved;
    if (p.resolved.isFunction()) {
      value.fn = pending.fnArgs.at(p.name);
    } else {
      size_t n = leafCount(p.resolved);
      for (size_t i = 0; i < n; ++i)
        value.leaves.push_back(func.getArgument(argIndex++));
    }
    scopes.back()[p.name] = Variable{value, false};
  }
  genBlock(*decl.body);
  Block &last = func.getBody().back();
  if (last.empty() || !last.back().hasTrait<OpTrait::IsTerminator>()) {
    builder.setInsertionPointToEnd(&last);
    func::ReturnOp::create(builder, loc(decl.body->endLoc));
  }
  scopes.clear();
  current = nullptr;
}

func::FuncOp MLIRGenImpl::declareExtern(const FnDecl &decl) {
  // The standard library's externs are the runtime's `nrt_<module>_<name>`;
  // a program's own are its name, defined by a library it links
  // (`--link`). Either is called through its C interface,
  // `_mlir_ciface_<symbol>`.
  std::string symbol = decl.module->name.empty()
                           ? decl.name
                           : "nrt_" + decl.module->name + "_" + decl.name;
  if (auto existing = module.lookupSymbol<func::FuncOp>(symbol))
    return existing;
  SmallVector<mlir::Type> inputs, results;
  for (const Param &p : decl.params)
    leafTypes(p.resolved, inputs);
  leafTypes(decl.resolvedResult, results);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(module.getBody());
  auto func = func::FuncOp::create(builder, loc(decl.loc), symbol,
                                   builder.getFunctionType(inputs, results));
  func.setPrivate();
  return func;
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

Variable *MLIRGenImpl::lookupVar(llvm::StringRef name) {
  for (auto it = scopes.rbegin(); it != scopes.rend(); ++it) {
    auto found = it->find(name);
    if (found != it->end())
      return &found->second;
  }
  return nullptr;
}

void MLIRGenImpl::genBlock(const BlockStmt &block) {
  scopes.emplace_back();
  for (const StmtPtr &stmt : block.stmts) {
    if (failed)
      break;
    genStmt(*stmt);
  }
  scopes.pop_back();
}

/// Splits the leaves of a tuple value into its elements.
static std::vector<RValue> splitTuple(MLIRGenImpl &gen, const RValue &value) {
  std::vector<RValue> parts;
  size_t offset = 0;
  for (const Type &t : value.type.elems) {
    RValue part;
    part.type = t;
    size_t n = gen.leafCount(t);
    part.leaves.append(value.leaves.begin() + offset,
                       value.leaves.begin() + offset + n);
    offset += n;
    parts.push_back(std::move(part));
  }
  return parts;
}

void MLIRGenImpl::bindPattern(const Pattern &pattern, const RValue &value,
                              bool isVar) {
  if (!pattern.isTuple) {
    if (pattern.name != "_")
      scopes.back()[pattern.name] = Variable{value, isVar};
    return;
  }
  std::vector<RValue> parts = splitTuple(*this, value);
  for (auto [p, v] : llvm::zip(pattern.elems, parts))
    bindPattern(p, v, isVar);
}

void MLIRGenImpl::assign(const Expr &target, RValue value, Location at) {
  if (auto *tuple = dyn_cast<TupleLitExpr>(&target)) {
    std::vector<RValue> parts = splitTuple(*this, value);
    for (auto [e, v] : llvm::zip(tuple->elems, parts))
      assign(*e, v, at);
    return;
  }
  // Collect the field path from the root variable.
  SmallVector<const FieldExpr *> path;
  const Expr *root = &target;
  while (auto *field = dyn_cast<FieldExpr>(root)) {
    path.push_back(field);
    root = field->base.get();
  }
  Variable *var = lookupVar(cast<NameExpr>(root)->name);
  RValue &whole = var->value;
  // Find the leaf range the path designates.
  size_t offset = 0;
  Type t = whole.type;
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    const FieldExpr *field = *it;
    t = concrete(t);
    if (t.isStruct()) {
      for (int i = 0; i < field->index; ++i)
        offset += leafCount(t.fieldType(i));
      t = t.fieldType(field->index);
    } else {
      for (int i = 0; i < field->index; ++i)
        offset += leafCount(t.elems[i]);
      t = t.elems[field->index];
    }
  }
  value = castLeaves(std::move(value), t, at);
  for (size_t i = 0; i < value.leaves.size(); ++i)
    whole.leaves[offset + i] = value.leaves[i];
}

/// Names assigned anywhere in `block` (including nested blocks).
std::vector<std::string> MLIRGenImpl::assignedVars(const BlockStmt &block) {
  std::vector<std::string> names;
  std::function<void(const Expr &)> addTarget = [&](const Expr &e) {
    if (auto *tuple = dyn_cast<TupleLitExpr>(&e)) {
      for (auto &el : tuple->elems)
        addTarget(*el);
      return;
    }
    const Expr *root = &e;
    while (auto *field = dyn_cast<FieldExpr>(root))
      root = field->base.get();
    if (auto *name = dyn_cast<NameExpr>(root))
      if (!llvm::is_contained(names, name->name))
        names.push_back(name->name);
  };
  std::function<void(const BlockStmt &)> walk = [&](const BlockStmt &b) {
    for (const StmtPtr &s : b.stmts) {
      llvm::TypeSwitch<const Stmt *>(s.get())
          .Case([&](const AssignStmt *a) { addTarget(*a->target); })
          .Case([&](const IfStmt *i) {
            walk(*i->thenBlock);
            if (i->elseBlock)
              walk(*i->elseBlock);
          })
          .Case([&](const ForStmt *f) { walk(*f->body); })
          .Case([&](const WhileStmt *w) { walk(*w->body); })
          .Case([&](const BlockStmt *inner) { walk(*inner); });
    }
  };
  walk(block);
  // Keep only variables that exist outside the block.
  std::vector<std::string> outer;
  for (const std::string &n : names)
    if (lookupVar(n))
      outer.push_back(n);
  return outer;
}

namespace {
/// The carried variables of a control-flow statement and their leaves.
struct Carried {
  std::vector<std::string> names;
  std::vector<RValue> values;
  SmallVector<Value> leaves() const {
    SmallVector<Value> out;
    for (const RValue &v : values)
      out.append(v.leaves.begin(), v.leaves.end());
    return out;
  }
};
} // namespace

void MLIRGenImpl::genStmt(const Stmt &stmt) {
  Location at = loc(stmt.loc);
  auto snapshot = [&](const std::vector<std::string> &names) {
    Carried c;
    c.names = names;
    for (const std::string &n : names)
      c.values.push_back(lookupVar(n)->value);
    return c;
  };
  auto currentLeaves = [&](const Carried &c) {
    SmallVector<Value> out;
    for (auto [n, old] : llvm::zip(c.names, c.values)) {
      RValue v = castLeaves(lookupVar(n)->value, old.type, at);
      SmallVector<mlir::Type> types;
      leafTypes(old.type, types);
      for (auto [leaf, type] : llvm::zip(v.leaves, types))
        out.push_back(castTo(leaf, type, at));
    }
    return out;
  };
  auto rebind = [&](const Carried &c, ValueRange leaves) {
    size_t offset = 0;
    for (auto [n, old] : llvm::zip(c.names, c.values)) {
      RValue v = old;
      for (size_t i = 0; i < v.leaves.size(); ++i)
        v.leaves[i] = leaves[offset + i];
      offset += v.leaves.size();
      lookupVar(n)->value = v;
    }
  };
  auto carriedTypes = [&](const Carried &c) {
    SmallVector<mlir::Type> types;
    for (const RValue &v : c.values)
      leafTypes(v.type, types);
    return types;
  };

  llvm::TypeSwitch<const Stmt *>(&stmt)
      .Case([&](const LetStmt *let) {
        RValue value = gen(*let->init);
        if (failed)
          return;
        value = castLeaves(std::move(value), let->pattern.type, at);
        bindPattern(let->pattern, value, let->isVar);
      })
      .Case([&](const AssignStmt *a) {
        RValue value;
        if (a->op) {
          // Evaluate `target op value` with the operands already typed.
          Value lhs = genTensor(*a->target);
          Value rhs = genTensor(*a->value);
          if (failed)
            return;
          value.type = a->target->type;
          mlir::Type type = tensorType(a->target->type);
          Value r;
          switch (*a->op) {
          case BinaryOp::Add:
            r = mlir::nabla::AddOp::create(builder, at, lhs.getType(), lhs,
                                           rhs);
            break;
          case BinaryOp::Sub:
            r = mlir::nabla::SubOp::create(builder, at, lhs.getType(), lhs,
                                           rhs);
            break;
          case BinaryOp::Mul:
            r = mlir::nabla::MulOp::create(builder, at, lhs.getType(), lhs,
                                           rhs);
            break;
          default:
            r = mlir::nabla::DivOp::create(builder, at, lhs.getType(), lhs,
                                           rhs);
            break;
          }
          value.leaves.push_back(castTo(r, type, at));
        } else {
          value = gen(*a->value);
        }
        if (failed)
          return;
        assign(*a->target, std::move(value), at);
      })
      .Case([&](const ExprStmt *e) { gen(*e->expr); })
      .Case([&](const ReturnStmt *r) {
        SmallVector<Value> results;
        if (r->value) {
          RValue value = gen(*r->value);
          if (failed)
            return;
          value =
              castLeaves(std::move(value), current->decl->resolvedResult, at);
          results.append(value.leaves.begin(), value.leaves.end());
        }
        func::ReturnOp::create(builder, at, results);
      })
      .Case([&](const BlockStmt *b) { genBlock(*b); })
      .Case([&](const IfStmt *s) {
        Value cond = genTensor(*s->cond);
        if (failed)
          return;
        cond = extractScalar(cond, at);
        std::vector<std::string> names = assignedVars(*s->thenBlock);
        if (s->elseBlock)
          for (const std::string &n : assignedVars(*s->elseBlock))
            if (!llvm::is_contained(names, n))
              names.push_back(n);
        Carried before = snapshot(names);
        auto ifOp = scf::IfOp::create(builder, at, carriedTypes(before), cond,
                                      /*withElseRegion=*/true);
        // Without results, the builder ends both regions with an empty
        // scf.yield; the yields are created below instead.
        for (Region *region : {&ifOp.getThenRegion(), &ifOp.getElseRegion()})
          if (!region->front().empty())
            region->front().back().erase();
        {
          OpBuilder::InsertionGuard guard(builder);
          builder.setInsertionPointToStart(&ifOp.getThenRegion().front());
          genBlock(*s->thenBlock);
          if (failed)
            return;
          scf::YieldOp::create(builder, at, currentLeaves(before));
          rebind(before, before.leaves());
          builder.setInsertionPointToStart(&ifOp.getElseRegion().front());
          if (s->elseBlock)
            genBlock(*s->elseBlock);
          if (failed)
            return;
          scf::YieldOp::create(builder, at, currentLeaves(before));
        }
        rebind(before, ifOp.getResults());
      })
      .Case([&](const ForStmt *s) {
        auto *range = cast<RangeExpr>(s->iterable.get());
        Value lo = genTensor(*range->lo);
        Value hi = genTensor(*range->hi);
        if (failed)
          return;
        Value loIdx = toIndex(lo, at), hiIdx = toIndex(hi, at);
        Value step = arith::ConstantIndexOp::create(builder, at, 1);
        Carried before = snapshot(assignedVars(*s->body));
        auto forOp = scf::ForOp::create(builder, at, loIdx, hiIdx, step,
                                        before.leaves());
        {
          OpBuilder::InsertionGuard guard(builder);
          builder.setInsertionPointToStart(forOp.getBody());
          rebind(before, forOp.getRegionIterArgs());
          scopes.emplace_back();
          Value iv = indexToTensor(forOp.getInductionVar(), at);
          RValue ivValue;
          ivValue.type = range->lo->type;
          ivValue.leaves.push_back(
              castTo(iv.getType() == tensorType(range->lo->type)
                         ? iv
                         : mlir::nabla::ConvertOp::create(
                               builder, at, tensorType(range->lo->type), iv)
                               .getResult(),
                     tensorType(range->lo->type), at));
          bindPattern(s->var, ivValue, false);
          genBlock(*s->body);
          scopes.pop_back();
          if (failed)
            return;
          SmallVector<Value> yielded = currentLeaves(before);
          // scf.for builds an empty yield only when there are no iter_args.
          Block *body = forOp.getBody();
          if (!body->empty() && isa<scf::YieldOp>(body->back())) {
            Operation *term = &body->back();
            builder.setInsertionPoint(term);
            scf::YieldOp::create(builder, at, yielded);
            term->erase();
          } else {
            builder.setInsertionPointToEnd(body);
            scf::YieldOp::create(builder, at, yielded);
          }
        }
        rebind(before, forOp.getResults());
      })
      .Case([&](const WhileStmt *s) {
        Carried before = snapshot(assignedVars(*s->body));
        SmallVector<mlir::Type> types = carriedTypes(before);
        auto whileOp =
            scf::WhileOp::create(builder, at, types, before.leaves());
        {
          OpBuilder::InsertionGuard guard(builder);
          SmallVector<Location> locs(types.size(), at);
          Block *cond =
              builder.createBlock(&whileOp.getBefore(), {}, types, locs);
          rebind(before, cond->getArguments());
          Value c = genTensor(*s->cond);
          if (failed)
            return;
          scf::ConditionOp::create(builder, at, extractScalar(c, at),
                                   cond->getArguments());
          Block *body =
              builder.createBlock(&whileOp.getAfter(), {}, types, locs);
          rebind(before, body->getArguments());
          genBlock(*s->body);
          if (failed)
            return;
          scf::YieldOp::create(builder, at, currentLeaves(before));
        }
        rebind(before, whileOp.getResults());
      });
}

} // namespace nabla

//===- AST.cpp - Abstract syntax tree helpers -----------------------------===//
//
// Lookups and printing helpers of AST nodes.
//
//===----------------------------------------------------------------------===//

#include "nabla/Frontend/AST.h"

#include "llvm/ADT/STLExtras.h"

using namespace nabla;

llvm::StringRef nabla::binaryOpSpelling(BinaryOp op) {
  switch (op) {
  case BinaryOp::Add:
    return "+";
  case BinaryOp::Sub:
    return "-";
  case BinaryOp::Mul:
    return "*";
  case BinaryOp::Div:
    return "/";
  case BinaryOp::Mod:
    return "%";
  case BinaryOp::Pow:
    return "**";
  case BinaryOp::MatMul:
    return "@";
  case BinaryOp::Eq:
    return "==";
  case BinaryOp::Ne:
    return "!=";
  case BinaryOp::Lt:
    return "<";
  case BinaryOp::Le:
    return "<=";
  case BinaryOp::Gt:
    return ">";
  case BinaryOp::Ge:
    return ">=";
  case BinaryOp::And:
    return "and";
  case BinaryOp::Or:
    return "or";
  }
  return "?";
}

static std::string wrtStr(const std::vector<int64_t> &wrt) {
  std::string s;
  for (int64_t i : wrt)
    s += (s.empty() ? "" : ",") + std::to_string(i);
  return s;
}

std::string FnValue::str() const {
  switch (kind) {
  case Decl:
    return decl ? decl->symbolName() : "?";
  case Param:
    return paramName;
  case Grad:
    return "grad(" + inner->str() + ", wrt: " + wrtStr(wrt) + ")";
  case ValueAndGrad:
    return "value_and_grad(" + inner->str() + ", wrt: " + wrtStr(wrt) + ")";
  case Jacobian:
    return "jacobian(" + inner->str() + ", wrt: " + wrtStr(wrt) + ")";
  case PerExampleGrad:
    return "per_example_grad(" + inner->str() + ", wrt: " + wrtStr(wrt) + ")";
  case CustomVjp:
    return "custom_vjp(" + inner->str() + ", " + fwd->str() + ", " +
           bwd->str() + ")";
  }
  return "?";
}

int StructDecl::fieldIndex(llvm::StringRef field) const {
  for (auto [i, f] : llvm::enumerate(fields))
    if (f.name == field)
      return static_cast<int>(i);
  return -1;
}

std::string FnDecl::symbolName() const {
  std::string base =
      !module || module->name.empty() ? name : module->name + "." + name;
  if (overload)
    base += "#" + std::to_string(overload);
  return base;
}

bool FnDecl::hasFunctionParams() const {
  return llvm::any_of(params,
                      [](const Param &p) { return p.resolved.isFunction(); });
}

const FnDecl *Module::lookupFn(llvm::StringRef name) const {
  for (const auto &fn : fns)
    if (fn->name == name)
      return fn.get();
  return nullptr;
}

llvm::SmallVector<const FnDecl *>
Module::lookupFns(llvm::StringRef name) const {
  llvm::SmallVector<const FnDecl *> found;
  for (const auto &fn : fns)
    if (fn->name == name)
      found.push_back(fn.get());
  return found;
}

const StructDecl *Module::lookupStruct(llvm::StringRef name) const {
  for (const auto &s : structs)
    if (s->name == name)
      return s.get();
  return nullptr;
}

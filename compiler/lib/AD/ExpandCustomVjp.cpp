//===- ExpandCustomVjp.cpp - The nabla-expand-custom-vjp pass -------------===//
//
// Turns each nabla.custom_vjp op into a call of a function that carries its
// rule as the `nabla.custom_vjp` attribute nabla-autodiff reads.
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/Passes.h"

#include "nabla/AD/Differentiator.h"
#include "nabla/IR/NablaOps.h"

#include "llvm/ADT/STLExtras.h"

#include <map>
#include <tuple>

namespace mlir::nabla {
#define GEN_PASS_DEF_NABLAEXPANDCUSTOMVJP
#include "nabla/AD/Passes.h.inc"
} // namespace mlir::nabla

using namespace mlir;
using namespace mlir::nabla;

/// True if `op` is all its function does: the function passes its arguments
/// to `op` in order and returns the op's results.
static bool isWholeFunction(CustomVjpOp op, func::FuncOp func) {
  if (!func || !llvm::hasSingleElement(func.getBody()))
    return false;
  Block &body = func.getBody().front();
  auto ret = dyn_cast<func::ReturnOp>(body.getTerminator());
  return &body.front() == op.getOperation() &&
         op->getNextNode() == body.getTerminator() && ret &&
         llvm::equal(op.getOperands(), body.getArguments()) &&
         llvm::equal(ret.getOperands(), op.getResults()) &&
         !func->hasAttr(kCustomVjpAttrName);
}

/// The attribute that gives a function the rule of `op`.
static DictionaryAttr ruleAttr(CustomVjpOp op) {
  Builder b(op.getContext());
  return b.getDictionaryAttr({b.getNamedAttr("fwd", op.getFwdAttr()),
                              b.getNamedAttr("bwd", op.getBwdAttr())});
}

namespace {
struct NablaExpandCustomVjpPass
    : public nabla::impl::NablaExpandCustomVjpBase<NablaExpandCustomVjpPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    // One function per rule (callee, fwd, bwd) for ops that are not a whole
    // function.
    std::map<std::tuple<StringRef, StringRef, StringRef>, func::FuncOp>
        outlined;
    SmallVector<CustomVjpOp> ops;
    module.walk([&](CustomVjpOp op) { ops.push_back(op); });
    for (CustomVjpOp op : ops) {
      // The op's verifier checked that the callee is a func.func.
      auto callee = symbols.lookup<func::FuncOp>(op.getCallee());
      auto parent = op->getParentOfType<func::FuncOp>();
      StringRef target = callee.getSymName();
      if (isWholeFunction(op, parent)) {
        parent->setAttr(kCustomVjpAttrName, ruleAttr(op));
      } else {
        func::FuncOp &rule =
            outlined[{op.getCallee(), op.getFwd(), op.getBwd()}];
        if (!rule)
          rule = outline(op, callee, symbols);
        target = rule.getSymName();
      }
      OpBuilder b(op);
      auto call = func::CallOp::create(b, op.getLoc(), target,
                                       op.getResultTypes(), op.getOperands());
      op.replaceAllUsesWith(call.getResults());
      op.erase();
    }
  }

  /// A private function at the end of the module with the rule of `op` that
  /// calls `callee`.
  static func::FuncOp outline(CustomVjpOp op, func::FuncOp callee,
                              SymbolTable &symbols) {
    Location at = callee.getLoc();
    auto rule =
        func::FuncOp::create(at, (callee.getSymName() + "_custom_vjp").str(),
                             callee.getFunctionType());
    rule.setPrivate();
    rule->setAttr(kCustomVjpAttrName, ruleAttr(op));
    // Renamed if the name is taken.
    symbols.insert(rule);
    Block *entry = rule.addEntryBlock();
    auto b = OpBuilder::atBlockBegin(entry);
    auto call = func::CallOp::create(b, at, callee, entry->getArguments());
    func::ReturnOp::create(b, at, call.getResults());
    return rule;
  }
};
} // namespace

//===- ExpandPerExampleGrad.cpp - The nabla-expand-per-example-grad pass --===//
//
// Expands each nabla.per_example_grad into a loop over the examples that
// takes nabla.grad of the callee on batches of one.
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/Passes.h"

#include "nabla/IR/NablaOps.h"

#include "llvm/ADT/STLExtras.h"

namespace mlir::nabla {
#define GEN_PASS_DEF_NABLAEXPANDPEREXAMPLEGRAD
#include "nabla/AD/Passes.h.inc"
} // namespace mlir::nabla

using namespace mlir;
using namespace mlir::nabla;

/// A rank-0 constant of `elementType`.
static Value scalarConstant(OpBuilder &b, Location at, Type elementType,
                            double value) {
  auto type = RankedTensorType::get({}, elementType);
  Attribute attr =
      isa<FloatType>(elementType)
          ? DenseElementsAttr::get(type, b.getFloatAttr(elementType, value))
          : DenseElementsAttr::get(
                type,
                b.getIntegerAttr(elementType, static_cast<int64_t>(value)));
  return ConstantOp::create(b, at, cast<ElementsAttr>(attr));
}

/// Replaces `op` by a loop over the examples that slices example i out of
/// every batch, takes `nabla.grad` of the callee there, and writes the
/// flattened gradient to row i of the result.
static void expand(PerExampleGradOp op, func::FuncOp callee) {
  OpBuilder b(op);
  Location at = op.getLoc();
  ArrayRef<int64_t> wrt = op.getWrt();
  auto isWrt = [&](size_t i) {
    return llvm::is_contained(wrt, static_cast<int64_t>(i));
  };
  SmallVector<Value> args(op.getOperands());
  auto resultType = cast<RankedTensorType>(op.getType());
  std::string label = op.getLabel()
                          ? op.getLabel()->str()
                          : ("per_example_grad(@" + op.getCallee() + ")").str();
  Value batched;
  for (auto [i, arg] : llvm::enumerate(args))
    if (!isWrt(i)) {
      batched = arg;
      break;
    }
  Value count = tensor::DimOp::create(b, at, batched, 0);
  // Every batched argument holds the same number of examples.
  for (auto [i, arg] : llvm::enumerate(args)) {
    if (isWrt(i) || arg == batched)
      continue;
    Value here = tensor::DimOp::create(b, at, arg, 0);
    Value same =
        arith::CmpIOp::create(b, at, arith::CmpIPredicate::eq, count, here);
    CheckOp::create(b, at, same,
                    "'" + label +
                        "': its batch arguments hold different numbers "
                        "of examples: {0} and {1}",
                    ValueRange{count, here});
  }
  SmallVector<Value> dynamicSizes;
  if (resultType.isDynamicDim(0))
    dynamicSizes.push_back(count);
  Value zeros = SplatOp::create(
      b, at, resultType, scalarConstant(b, at, resultType.getElementType(), 0),
      dynamicSizes);
  Value lo = arith::ConstantIndexOp::create(b, at, 0);
  Value one = arith::ConstantIndexOp::create(b, at, 1);
  auto loop = scf::ForOp::create(b, at, lo, count, one, ValueRange{zeros});
  b.setInsertionPointToStart(loop.getBody());
  Value i64 =
      arith::IndexCastOp::create(b, at, b.getI64Type(), loop.getInductionVar());
  Value index = tensor::FromElementsOp::create(
      b, at, RankedTensorType::get({}, b.getI64Type()), ValueRange{i64});
  Value zero = scalarConstant(b, at, b.getI64Type(), 0);
  SmallVector<Value> operands;
  for (auto [i, arg] : llvm::enumerate(args)) {
    if (isWrt(i)) {
      operands.push_back(arg);
      continue;
    }
    // Example i as a batch of one.
    auto type = cast<RankedTensorType>(arg.getType());
    SmallVector<int64_t> sizes(type.getShape());
    sizes.front() = 1;
    SmallVector<Value> starts(type.getRank(), zero);
    starts.front() = index;
    Value slice = DynamicSliceOp::create(
        b, at, RankedTensorType::get(sizes, type.getElementType()), arg, starts,
        sizes);
    Type argType = callee.getArgumentTypes()[i];
    if (slice.getType() != argType)
      slice = tensor::CastOp::create(b, at, argType, slice);
    operands.push_back(slice);
  }
  SmallVector<Type> gradTypes;
  for (int64_t i : wrt)
    gradTypes.push_back(callee.getArgumentTypes()[i]);
  auto grad = GradOp::create(b, at, gradTypes, op.getCalleeAttr(),
                             op.getWrtAttr(), operands);
  SmallVector<Value> pieces;
  for (Value leaf : grad.getResults()) {
    auto type = cast<RankedTensorType>(leaf.getType());
    pieces.push_back(
        ReshapeOp::create(b, at,
                          RankedTensorType::get({1, type.getNumElements()},
                                                type.getElementType()),
                          leaf));
  }
  Value row = pieces.size() == 1
                  ? pieces.front()
                  : ConcatOp::create(
                        b, at,
                        RankedTensorType::get({1, resultType.getDimSize(1)},
                                              resultType.getElementType()),
                        pieces, 1)
                        .getResult();
  Value position = ReshapeOp::create(
      b, at, RankedTensorType::get({1}, b.getI64Type()), index);
  Value written = ScatterAddOp::create(
      b, at, resultType, loop.getRegionIterArgs().front(), position, row, 0);
  scf::YieldOp::create(b, at, written);
  op.replaceAllUsesWith(loop.getResult(0));
  op.erase();
}

namespace {
struct NablaExpandPerExampleGradPass
    : public nabla::impl::NablaExpandPerExampleGradBase<
          NablaExpandPerExampleGradPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<PerExampleGradOp> ops;
    module.walk([&](PerExampleGradOp op) { ops.push_back(op); });
    for (PerExampleGradOp op : ops) {
      // The op's verifier checked that the callee is a func.func.
      auto callee = symbols.lookup<func::FuncOp>(op.getCallee());
      expand(op, callee);
    }
  }
};
} // namespace

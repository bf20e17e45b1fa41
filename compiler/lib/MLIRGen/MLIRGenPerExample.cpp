//===- MLIRGenPerExample.cpp - per_example_grad as a loop -----------------===//
//
// The body MLIRGen builds for `per_example_grad(f)`: a loop over the examples
// that calls `grad(f)` on batches of one.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace nabla {

/// The body of `per_example_grad(f)`: a loop over the examples that slices
/// example i out of every batched argument, calls `grad(f)` on it, and
/// writes the flattened gradient to row i of the result.
Value MLIRGenImpl::genPerExampleGrad(const FnValue &value,
                                     ArrayRef<int64_t> wrtLeaves,
                                     ArrayRef<Value> args, TypeRange results) {
  Location at = args.front().getLoc();
  auto gradValue = std::make_shared<FnValue>();
  gradValue->kind = FnValue::Grad;
  gradValue->inner = value.inner;
  gradValue->wrt = value.wrt;
  auto gradFunc = module.lookupSymbol<func::FuncOp>(materialize(gradValue));
  auto resultType = cast<RankedTensorType>(results.front());
  Value batched;
  for (auto [i, arg] : llvm::enumerate(args))
    if (!llvm::is_contained(wrtLeaves, static_cast<int64_t>(i))) {
      batched = arg;
      break;
    }
  Value count = tensor::DimOp::create(builder, at, batched, 0);
  // Every batched argument holds the same number of examples.
  for (auto [i, arg] : llvm::enumerate(args)) {
    if (llvm::is_contained(wrtLeaves, static_cast<int64_t>(i)) ||
        arg == batched)
      continue;
    Value here = tensor::DimOp::create(builder, at, arg, 0);
    Value same = arith::CmpIOp::create(builder, at, arith::CmpIPredicate::eq,
                                       count, here);
    mlir::nabla::CheckOp::create(
        builder, at, same,
        "'" + value.str() +
            "': its batch arguments hold different numbers "
            "of examples: {0} and {1}",
        ValueRange{count, here});
  }
  SmallVector<Value> dynamicSizes;
  if (resultType.isDynamicDim(0))
    dynamicSizes.push_back(count);
  DType dtype = resultType.getElementType().isF64() ? DType::F64 : DType::F32;
  Value zeros = mlir::nabla::SplatOp::create(
      builder, at, resultType, constantScalar(dtype, 0, at), dynamicSizes);
  Value lo = arith::ConstantIndexOp::create(builder, at, 0);
  Value one = arith::ConstantIndexOp::create(builder, at, 1);
  auto loop =
      scf::ForOp::create(builder, at, lo, count, one, ValueRange{zeros});
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(loop.getBody());
  Value index = indexToTensor(loop.getInductionVar(), at);
  Value zero = constantScalar(DType::I64, 0, at);
  SmallVector<Value> operands;
  for (auto [i, arg] : llvm::enumerate(args)) {
    if (llvm::is_contained(wrtLeaves, static_cast<int64_t>(i))) {
      operands.push_back(arg);
      continue;
    }
    // Example i as a batch of one.
    auto type = cast<RankedTensorType>(arg.getType());
    SmallVector<int64_t> sizes(type.getShape());
    sizes.front() = 1;
    SmallVector<Value> starts(type.getRank(), zero);
    starts.front() = index;
    operands.push_back(mlir::nabla::DynamicSliceOp::create(
        builder, at, RankedTensorType::get(sizes, type.getElementType()), arg,
        starts, sizes));
  }
  for (auto [operand, type] :
       llvm::zip(operands, gradFunc.getFunctionType().getInputs()))
    operand = castTo(operand, type, at);
  auto call = func::CallOp::create(builder, at, gradFunc, operands);
  SmallVector<Value> pieces;
  for (Value leaf : call.getResults()) {
    auto type = cast<RankedTensorType>(leaf.getType());
    pieces.push_back(mlir::nabla::ReshapeOp::create(
        builder, at,
        RankedTensorType::get({1, type.getNumElements()},
                              type.getElementType()),
        leaf));
  }
  Value row = pieces.size() == 1
                  ? pieces.front()
                  : mlir::nabla::ConcatOp::create(
                        builder, at,
                        RankedTensorType::get({1, resultType.getDimSize(1)},
                                              resultType.getElementType()),
                        pieces, 1)
                        .getResult();
  Value position = mlir::nabla::ReshapeOp::create(
      builder, at, RankedTensorType::get({1}, builder.getI64Type()), index);
  Value written = mlir::nabla::ScatterAddOp::create(
      builder, at, resultType, loop.getRegionIterArgs().front(), position, row,
      0);
  scf::YieldOp::create(builder, at, written);
  return loop.getResult(0);
}

} // namespace nabla

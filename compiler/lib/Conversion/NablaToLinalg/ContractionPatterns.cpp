//===- ContractionPatterns.cpp - Matrix products to linalg ----------------===//
//
// nabla.matmul (2-D and batched 3-D) as linalg.matmul / linalg.batch_matmul
// on a zero-filled accumulator. Float products usually go to the runtime's
// GEMM first (convert-nabla-to-runtime); this covers the rest.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "nabla/Conversion/Passes.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::nabla;

namespace {
struct MatmulLowering : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    auto outType = cast<RankedTensorType>(op.getType());
    int64_t rank = outType.getRank();
    SmallVector<Value> dynSizes;
    for (int64_t i = 0; i < rank; ++i) {
      if (!outType.isDynamicDim(i))
        continue;
      if (i == rank - 1)
        dynSizes.push_back(tensor::DimOp::create(rewriter, loc, rhs, i));
      else
        dynSizes.push_back(tensor::DimOp::create(rewriter, loc, lhs, i));
    }
    Type elem = outType.getElementType();
    Value init = tensor::EmptyOp::create(rewriter, loc, outType.getShape(),
                                         elem, dynSizes);
    init = linalg::FillOp::create(rewriter, loc,
                                  scalarConstant(rewriter, loc, elem, 0), init)
               .getResult(0);
    Value result;
    if (rank == 2)
      result = linalg::MatmulOp::create(rewriter, loc, TypeRange{outType},
                                        ValueRange{lhs, rhs}, ValueRange{init})
                   .getResult(0);
    else
      result =
          linalg::BatchMatmulOp::create(rewriter, loc, TypeRange{outType},
                                        ValueRange{lhs, rhs}, ValueRange{init})
              .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};
} // namespace

void mlir::nabla::populateContractionLoweringPatterns(
    RewritePatternSet &patterns) {
  patterns.add<MatmulLowering>(patterns.getContext());
}

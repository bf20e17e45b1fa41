//===- ContractionAD.cpp - AD rules of the contraction ops ----------------===//
//
// matmul, plain and batched: C = A B gives dC = dA B + A dB, and the adjoints
// A' = C' B^T and B' = A^T C' (transposing the two trailing dimensions).
//
//===----------------------------------------------------------------------===//

#include "nabla/Derivatives/ADBuilders.h"
#include "nabla/Derivatives/ADModels.h"
#include "nabla/IR/NablaOps.h"
#include "nabla/Interfaces/DifferentiableOpInterface.h"

using namespace mlir;
using namespace mlir::nabla;
using namespace mlir::nabla::ad;

/// `nabla.matmul` of `lhs` and `rhs`, plain or batched, with its result type.
static Value matmul(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  int64_t rank = lhsType.getRank();
  SmallVector<int64_t> shape;
  if (rank == 3) {
    int64_t batch = lhsType.getDimSize(0);
    shape.push_back(ShapedType::isDynamic(batch) ? rhsType.getDimSize(0)
                                                 : batch);
  }
  shape.push_back(lhsType.getDimSize(rank - 2));
  shape.push_back(rhsType.getDimSize(rank - 1));
  return MatmulOp::create(b, loc, lhsType.clone(shape), lhs, rhs);
}

/// Swaps the two trailing dimensions of a rank-2 or rank-3 tensor.
static Value transposeMatrix(OpBuilder &b, Location loc, Value value) {
  if (cast<RankedTensorType>(value.getType()).getRank() == 2)
    return transpose(b, loc, value, {1, 0});
  return transpose(b, loc, value, {0, 2, 1});
}

namespace {
struct MatmulModel
    : public DifferentiableOpInterface::ExternalModel<MatmulModel, MatmulOp> {
  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    auto matmulOp = cast<MatmulOp>(op);
    Location loc = op->getLoc();
    Value tangent;
    if (Value lt = operandTangents[0])
      tangent = matmul(b, loc, lt, matmulOp.getRhs());
    if (Value rt = operandTangents[1])
      tangent = add(b, loc, tangent, matmul(b, loc, matmulOp.getLhs(), rt));
    resultTangents.push_back(
        tangent ? castTo(b, loc, tangent, matmulOp.getType()) : Value());
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    auto matmulOp = cast<MatmulOp>(op);
    Value g = resultAdjoints[0];
    if (!g || !isDifferentiableType(matmulOp.getType())) {
      operandAdjoints.append(2, Value());
      return success();
    }
    Location loc = op->getLoc();
    Value lhs = matmulOp.getLhs(), rhs = matmulOp.getRhs();
    operandAdjoints.push_back(
        castTo(b, loc, matmul(b, loc, g, transposeMatrix(b, loc, rhs)),
               lhs.getType()));
    operandAdjoints.push_back(
        castTo(b, loc, matmul(b, loc, transposeMatrix(b, loc, lhs), g),
               rhs.getType()));
    return success();
  }
};
} // namespace

void mlir::nabla::attachContractionADModels(MLIRContext *context) {
  MatmulOp::attachInterface<MatmulModel>(*context);
}

//===- BinaryAD.cpp - AD rules of the elementwise binary ops --------------===//
//
// add, sub, mul, div, pow, max, min and select. After broadcasting their
// Jacobians are diagonal, so one function per operand, "v times the partial
// derivative", serves both modes: applied to the operand tangent in forward
// mode, and to the result adjoint in reverse mode, where the product is then
// summed back over the broadcast axes to the operand's shape.
//
//===----------------------------------------------------------------------===//

#include "nabla/Derivatives/ADBuilders.h"
#include "nabla/Derivatives/ADModels.h"
#include "nabla/IR/NablaOps.h"
#include "nabla/Interfaces/DifferentiableOpInterface.h"

using namespace mlir;
using namespace mlir::nabla;
using namespace mlir::nabla::ad;

namespace {
/// What a partial-derivative entry sees: the operands `lhs` and `rhs`, the
/// result `y`, and the value `v` to multiply.
struct BinaryState {
  OpBuilder &b;
  Location loc;
  Value lhs, rhs, y, v;

  Value zero() const {
    return scalarConstant(
        b, loc, cast<RankedTensorType>(y.getType()).getElementType(), 0.0);
  }
};

/// The model shared by the broadcasting binary ops. `Partials` provides
/// `lhs(state)` and `rhs(state)`: `v` times d y / d lhs and d y / d rhs.
template <typename OpTy, typename Partials>
struct BinaryModel : public DifferentiableOpInterface::ExternalModel<
                         BinaryModel<OpTy, Partials>, OpTy> {
  /// What the partials see when they multiply `v`.
  static BinaryState stateOf(Operation *op, OpBuilder &b, Value v) {
    return BinaryState{
        b, op->getLoc(), op->getOperand(0), op->getOperand(1), op->getResult(0),
        v};
  }

  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    Value tangent;
    if (Value lt = operandTangents[0])
      tangent = Partials::lhs(stateOf(op, b, lt));
    if (Value rt = operandTangents[1])
      tangent =
          add(b, op->getLoc(), tangent, Partials::rhs(stateOf(op, b, rt)));
    resultTangents.push_back(
        tangent ? broadcastLike(b, op->getLoc(), tangent, op->getResult(0))
                : Value());
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    Value g = resultAdjoints[0];
    BinaryState state = stateOf(op, b, g);
    if (!g || !isDifferentiableType(state.y.getType())) {
      operandAdjoints.append(2, Value());
      return success();
    }
    // Each partial, broadcast to the result and summed back to its operand.
    auto sumTo = [&](Value adjoint, Value operand) -> Value {
      if (!adjoint)
        return Value();
      return sumToType(b, state.loc,
                       broadcastLike(b, state.loc, adjoint, state.y),
                       cast<RankedTensorType>(operand.getType()));
    };
    operandAdjoints.push_back(sumTo(Partials::lhs(state), state.lhs));
    operandAdjoints.push_back(sumTo(Partials::rhs(state), state.rhs));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Partial derivatives
//===----------------------------------------------------------------------===//

struct AddPartials {
  static Value lhs(const BinaryState &s) { return s.v; }
  static Value rhs(const BinaryState &s) { return s.v; }
};

struct SubPartials {
  static Value lhs(const BinaryState &s) { return s.v; }
  static Value rhs(const BinaryState &s) { return neg(s.b, s.loc, s.v); }
};

struct MulPartials {
  static Value lhs(const BinaryState &s) { return mul(s.b, s.loc, s.v, s.rhs); }
  static Value rhs(const BinaryState &s) { return mul(s.b, s.loc, s.lhs, s.v); }
};

// y = a / b: dy/da = 1 / b, dy/db = -y / b.
struct DivPartials {
  static Value lhs(const BinaryState &s) { return div(s.b, s.loc, s.v, s.rhs); }
  static Value rhs(const BinaryState &s) {
    return neg(s.b, s.loc, div(s.b, s.loc, mul(s.b, s.loc, s.v, s.y), s.rhs));
  }
};

// y = a ^ b: dy/da = b a^(b - 1), dy/db = y log(a).
struct PowPartials {
  static Value lhs(const BinaryState &s) {
    Type elementType = cast<RankedTensorType>(s.y.getType()).getElementType();
    Value exponent =
        sub(s.b, s.loc, s.rhs, scalarConstant(s.b, s.loc, elementType, 1.0));
    Value power = pow(s.b, s.loc, s.lhs, exponent);
    return mul(s.b, s.loc, s.v, mul(s.b, s.loc, s.rhs, power));
  }
  static Value rhs(const BinaryState &s) {
    Value log = LogOp::create(s.b, s.loc, s.lhs.getType(), s.lhs);
    return mul(s.b, s.loc, s.v, mul(s.b, s.loc, s.y, log));
  }
};

/// max and min route the derivative to the operand they pick; ties go to
/// `lhs`. `Predicate` is `ge` for max and `le` for min.
template <CmpPredicate Predicate> struct PickPartials {
  static Value picksLhs(const BinaryState &s) {
    return cmp(s.b, s.loc, Predicate, s.lhs, s.rhs);
  }
  static Value lhs(const BinaryState &s) {
    return select(s.b, s.loc, picksLhs(s), s.v, s.zero());
  }
  static Value rhs(const BinaryState &s) {
    return select(s.b, s.loc, picksLhs(s), s.zero(), s.v);
  }
};

//===----------------------------------------------------------------------===//
// SelectOp
//===----------------------------------------------------------------------===//

struct SelectModel
    : public DifferentiableOpInterface::ExternalModel<SelectModel, SelectOp> {
  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    auto select = cast<SelectOp>(op);
    Location loc = op->getLoc();
    Value tt = operandTangents[1], ft = operandTangents[2];
    if (!tt && !ft) {
      resultTangents.push_back(Value());
      return success();
    }
    Value zero = scalarConstant(b, loc, select.getType().getElementType(), 0.0);
    Value tangent =
        ad::select(b, loc, select.getCond(), tt ? tt : zero, ft ? ft : zero);
    resultTangents.push_back(broadcastLike(b, loc, tangent, select));
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    auto select = cast<SelectOp>(op);
    Location loc = op->getLoc();
    operandAdjoints.push_back(Value());
    Value g = resultAdjoints[0];
    if (!g || !isDifferentiableType(select.getType())) {
      operandAdjoints.append(2, Value());
      return success();
    }
    Value zero = scalarConstant(b, loc, select.getType().getElementType(), 0.0);
    auto route = [&](Value onTrue, Value onFalse, Value operand) {
      Value picked = ad::select(b, loc, select.getCond(), onTrue, onFalse);
      return sumToType(b, loc, broadcastLike(b, loc, picked, select),
                       cast<RankedTensorType>(operand.getType()));
    };
    operandAdjoints.push_back(route(g, zero, select.getOnTrue()));
    operandAdjoints.push_back(route(zero, g, select.getOnFalse()));
    return success();
  }
};
} // namespace

void mlir::nabla::attachBinaryADModels(MLIRContext *context) {
  AddOp::attachInterface<BinaryModel<AddOp, AddPartials>>(*context);
  DivOp::attachInterface<BinaryModel<DivOp, DivPartials>>(*context);
  MaxOp::attachInterface<BinaryModel<MaxOp, PickPartials<CmpPredicate::ge>>>(
      *context);
  MinOp::attachInterface<BinaryModel<MinOp, PickPartials<CmpPredicate::le>>>(
      *context);
  MulOp::attachInterface<BinaryModel<MulOp, MulPartials>>(*context);
  PowOp::attachInterface<BinaryModel<PowOp, PowPartials>>(*context);
  SelectOp::attachInterface<SelectModel>(*context);
  SubOp::attachInterface<BinaryModel<SubOp, SubPartials>>(*context);
}

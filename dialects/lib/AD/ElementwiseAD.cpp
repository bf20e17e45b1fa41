//===- ElementwiseAD.cpp - AD rules of the elementwise unary ops ----------===//
//
// One templated model serves every elementwise unary op: its Jacobian is
// diagonal, so the tangent and the adjoint are both the incoming value times
// the op's partial derivative, which a table gives per op. convert has its
// own model because it changes the element type.
//
//===----------------------------------------------------------------------===//

#include "nabla/Derivatives/ADBuilders.h"
#include "nabla/Derivatives/ADModels.h"
#include "nabla/IR/NablaOps.h"
#include "nabla/Interfaces/DifferentiableOpInterface.h"

using namespace mlir;
using namespace mlir::nabla;
using namespace mlir::nabla::ad;

//===----------------------------------------------------------------------===//
// Partial derivatives
//===----------------------------------------------------------------------===//

namespace {
/// What a partial-derivative entry sees: the op's operand `x`, its result
/// `y`, and the value `v` (a tangent or an adjoint) to multiply, plus
/// shorthands for the ops the entries build.
struct UnaryState {
  OpBuilder &b;
  Operation *op;
  Location loc;
  Value x, y, v;

  /// The op's float attribute `name`.
  double attr(StringRef name) const {
    return cast<FloatAttr>(op->getAttr(name)).getValueAsDouble();
  }

  /// A rank-0 constant of the operand's element type.
  Value c(double value) const {
    return scalarConstant(
        b, loc, cast<RankedTensorType>(x.getType()).getElementType(), value);
  }
  Value add(Value l, Value r) const { return ad::add(b, loc, l, r); }
  Value mul(Value l, Value r) const { return ad::mul(b, loc, l, r); }
  Value div(Value l, Value r) const { return ad::div(b, loc, l, r); }
  Value sub(Value l, Value r) const { return ad::sub(b, loc, l, r); }
  Value neg(Value value) const { return ad::neg(b, loc, value); }
  template <typename OpTy> Value unary(Value value) const {
    return OpTy::create(b, loc, value.getType(), value);
  }
};
} // namespace

/// `v` times d y / d x, one entry per unary op. A null result means the
/// derivative is zero (almost everywhere).
template <typename OpTy> static Value applyPartial(const UnaryState &s);

// |x|' = sign(x)
template <> Value applyPartial<AbsOp>(const UnaryState &s) {
  return s.mul(s.v, s.unary<SignOp>(s.x));
}
// cos' = -sin
template <> Value applyPartial<CosOp>(const UnaryState &s) {
  return s.mul(s.v, s.neg(s.unary<SinOp>(s.x)));
}
// exp' = exp = y
template <> Value applyPartial<ExpOp>(const UnaryState &s) {
  return s.mul(s.v, s.y);
}
template <> Value applyPartial<FloorOp>(const UnaryState &) { return {}; }
// log' = 1 / x
template <> Value applyPartial<LogOp>(const UnaryState &s) {
  return s.div(s.v, s.x);
}
template <> Value applyPartial<NegOp>(const UnaryState &s) {
  return s.neg(s.v);
}
// relu' = [x > 0]
template <> Value applyPartial<ReluOp>(const UnaryState &s) {
  Value positive = ad::cmp(s.b, s.loc, CmpPredicate::gt, s.x, s.c(0.0));
  return ad::select(s.b, s.loc, positive, s.v, s.c(0.0));
}
template <> Value applyPartial<RoundOp>(const UnaryState &) { return {}; }
// (x^-1/2)' = -1/2 x^-3/2 = -1/2 y / x
template <> Value applyPartial<RsqrtOp>(const UnaryState &s) {
  return s.mul(s.v, s.mul(s.c(-0.5), s.div(s.y, s.x)));
}
// sigmoid' = y (1 - y)
template <> Value applyPartial<SigmoidOp>(const UnaryState &s) {
  return s.mul(s.v, s.mul(s.y, s.sub(s.c(1.0), s.y)));
}
template <> Value applyPartial<SignOp>(const UnaryState &) { return {}; }
// sin' = cos
template <> Value applyPartial<SinOp>(const UnaryState &s) {
  return s.mul(s.v, s.unary<CosOp>(s.x));
}
// sqrt' = 1 / (2 y)
template <> Value applyPartial<SqrtOp>(const UnaryState &s) {
  return s.div(s.mul(s.v, s.c(0.5)), s.y);
}
template <> Value applyPartial<StopGradientOp>(const UnaryState &) {
  return {};
}
// tanh' = 1 - y^2
template <> Value applyPartial<TanhOp>(const UnaryState &s) {
  return s.mul(s.v, s.sub(s.c(1.0), s.mul(s.y, s.y)));
}

// softplus' = sigmoid(x)
template <> Value applyPartial<SoftplusOp>(const UnaryState &s) {
  return s.mul(s.v, s.unary<SigmoidOp>(s.x));
}
// gelu(x) = x Phi(x): gelu' = Phi(x) + x phi(x), phi the normal density.
// With the tanh approximation, gelu = x/2 (1 + t), t = tanh(k (x + c x^3)):
// gelu' = (1 + t)/2 + x/2 (1 - t^2) k (1 + 3 c x^2).
template <> Value applyPartial<GeluOp>(const UnaryState &s) {
  if (cast<GeluOp>(s.op).isTanhApproximation()) {
    const double k = 0.7978845608028654; // sqrt(2 / pi)
    const double c = 0.044715;
    Value x2 = s.mul(s.x, s.x);
    Value inner = s.mul(s.c(k), s.add(s.x, s.mul(s.c(c), s.mul(x2, s.x))));
    Value t = s.unary<TanhOp>(inner);
    Value half = s.mul(s.c(0.5), s.add(s.c(1.0), t));
    Value slope = s.mul(s.mul(s.c(0.5 * k), s.x),
                        s.mul(s.sub(s.c(1.0), s.mul(t, t)),
                              s.add(s.c(1.0), s.mul(s.c(3.0 * c), x2))));
    return s.mul(s.v, s.add(half, slope));
  }
  const double invSqrt2 = 0.7071067811865476;
  const double invSqrt2Pi = 0.3989422804014327; // 1 / sqrt(2 pi)
  Value cdf = s.mul(s.c(0.5),
                    s.add(s.c(1.0), s.unary<ErfOp>(s.mul(s.x, s.c(invSqrt2)))));
  Value density =
      s.mul(s.c(invSqrt2Pi), s.unary<ExpOp>(s.mul(s.c(-0.5), s.mul(s.x, s.x))));
  return s.mul(s.v, s.add(cdf, s.mul(s.x, density)));
}
// leaky_relu' = 1 where x > 0, else slope
template <> Value applyPartial<LeakyReluOp>(const UnaryState &s) {
  Value positive = ad::cmp(s.b, s.loc, CmpPredicate::gt, s.x, s.c(0.0));
  return ad::select(s.b, s.loc, positive, s.v,
                    s.mul(s.v, s.c(s.attr("slope"))));
}
// elu' = 1 where x > 0, else alpha exp(x) = y + alpha
template <> Value applyPartial<EluOp>(const UnaryState &s) {
  Value positive = ad::cmp(s.b, s.loc, CmpPredicate::gt, s.x, s.c(0.0));
  return ad::select(s.b, s.loc, positive, s.v,
                    s.mul(s.v, s.add(s.y, s.c(s.attr("alpha")))));
}
// log1p' = 1 / (1 + x)
template <> Value applyPartial<Log1pOp>(const UnaryState &s) {
  return s.div(s.v, s.add(s.c(1.0), s.x));
}
// expm1' = exp(x) = y + 1
template <> Value applyPartial<Expm1Op>(const UnaryState &s) {
  return s.mul(s.v, s.add(s.y, s.c(1.0)));
}
// erf' = 2 / sqrt(pi) exp(-x^2)
template <> Value applyPartial<ErfOp>(const UnaryState &s) {
  const double twoOverSqrtPi = 1.1283791670955126;
  Value gauss = s.unary<ExpOp>(s.neg(s.mul(s.x, s.x)));
  return s.mul(s.v, s.mul(s.c(twoOverSqrtPi), gauss));
}

//===----------------------------------------------------------------------===//
// Unary model
//===----------------------------------------------------------------------===//

namespace {
template <typename OpTy>
struct UnaryModel
    : public DifferentiableOpInterface::ExternalModel<UnaryModel<OpTy>, OpTy> {
  static Value apply(Operation *op, OpBuilder &b, Value v) {
    if (!v)
      return Value();
    UnaryState state{b, op, op->getLoc(), op->getOperand(0), op->getResult(0),
                     v};
    return applyPartial<OpTy>(state);
  }

  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    resultTangents.push_back(apply(op, b, operandTangents[0]));
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    operandAdjoints.push_back(apply(op, b, resultAdjoints[0]));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// ConvertOp
//===----------------------------------------------------------------------===//

/// Float to float conversion is the identity up to rounding; conversions
/// from or to integers have no derivative.
struct ConvertModel
    : public DifferentiableOpInterface::ExternalModel<ConvertModel, ConvertOp> {
  static Value convertLike(OpBuilder &b, Location loc, Value v, Value like) {
    if (!v || !isDifferentiableType(like.getType()))
      return Value();
    return convertTo(b, loc, v,
                     cast<RankedTensorType>(like.getType()).getElementType());
  }

  LogicalResult buildTangents(Operation *op, OpBuilder &b,
                              ArrayRef<Value> operandTangents,
                              SmallVectorImpl<Value> &resultTangents) const {
    resultTangents.push_back(
        convertLike(b, op->getLoc(), operandTangents[0], op->getResult(0)));
    return success();
  }

  LogicalResult buildAdjoints(Operation *op, OpBuilder &b,
                              ArrayRef<Value> resultAdjoints,
                              SmallVectorImpl<Value> &operandAdjoints) const {
    operandAdjoints.push_back(
        convertLike(b, op->getLoc(), resultAdjoints[0], op->getOperand(0)));
    return success();
  }
};
} // namespace

template <typename... OpTys> static void attachUnaryModels(MLIRContext *ctx) {
  (OpTys::template attachInterface<UnaryModel<OpTys>>(*ctx), ...);
}

void mlir::nabla::attachElementwiseADModels(MLIRContext *context) {
  attachUnaryModels<AbsOp, CosOp, EluOp, ErfOp, ExpOp, Expm1Op, FloorOp, GeluOp,
                    LeakyReluOp, LogOp, Log1pOp, NegOp, ReluOp, RoundOp,
                    RsqrtOp, SigmoidOp, SignOp, SinOp, SoftplusOp, SqrtOp,
                    StopGradientOp, TanhOp>(context);
  ConvertOp::attachInterface<ConvertModel>(*context);
}

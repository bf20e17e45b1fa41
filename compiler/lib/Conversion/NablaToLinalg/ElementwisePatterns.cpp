//===- ElementwisePatterns.cpp - Elementwise nabla ops to linalg ----------===//
//
// One templated pattern builds a broadcasting linalg.generic; each op adds
// only its scalar body. Also constants, splats and stop_gradient.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "nabla/Conversion/Passes.h"
#include "nabla/Conversion/RuntimeCalls.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

#include <limits>

using namespace mlir;
using namespace mlir::nabla;

namespace {
/// Builds the scalar result of an elementwise op from scalar operands.
using ScalarFn = Value (*)(Operation *, OpBuilder &, Location, ValueRange);

template <typename OpTy, ScalarFn fn>
struct ElementwiseLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return fn(op, b, loc, args);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Integer division: the program stops with a located error when a divisor
/// is zero (a hardware trap otherwise), and INT_MIN / -1 wraps to INT_MIN
/// (it traps too) instead of taking the process down.
struct IntegerDivLowering : OpConversionPattern<DivOp> {
  IntegerDivLowering(MLIRContext *ctx)
      : OpConversionPattern<DivOp>(ctx, /*benefit=*/2) {}
  LogicalResult
  matchAndRewrite(DivOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!isa<IntegerType>(resultType.getElementType()))
      return rewriter.notifyMatchFailure(op, "not an integer division");
    Location loc = op.getLoc();
    Value divisor = adaptor.getRhs();
    DenseIntElementsAttr constant;
    bool knownNonZero =
        matchPattern(divisor, m_Constant(&constant)) &&
        llvm::none_of(constant.getValues<APInt>(),
                      [](const APInt &v) { return v.isZero(); });
    if (!knownNonZero) {
      auto divisorType = cast<RankedTensorType>(divisor.getType());
      int64_t rank = divisorType.getRank();
      auto flagType = RankedTensorType::get({}, rewriter.getI1Type());
      Value init =
          tensor::EmptyOp::create(rewriter, loc, flagType, ValueRange{});
      Value none =
          arith::ConstantOp::create(rewriter, loc, rewriter.getBoolAttr(false));
      init = linalg::FillOp::create(rewriter, loc, none, init).getResult(0);
      SmallVector<AffineMap> maps{
          rewriter.getMultiDimIdentityMap(rank),
          AffineMap::get(rank, 0, {}, rewriter.getContext())};
      SmallVector<utils::IteratorType> iterators(
          rank, utils::IteratorType::reduction);
      auto anyZero = linalg::GenericOp::create(
          rewriter, loc, TypeRange{flagType}, ValueRange{divisor},
          ValueRange{init}, maps, iterators,
          [&](OpBuilder &b, Location l, ValueRange args) {
            Value zero = scalarConstant(b, l, args[0].getType(), 0);
            Value isZero = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                                 args[0], zero);
            linalg::YieldOp::create(
                b, l, arith::OrIOp::create(b, l, args[1], isZero).getResult());
          });
      Value found =
          tensor::ExtractOp::create(rewriter, loc, anyZero.getResult(0));
      Value ok = arith::XOrIOp::create(
          rewriter, loc, found,
          arith::ConstantOp::create(rewriter, loc, rewriter.getBoolAttr(true)));
      emitRuntimeCheck(rewriter, loc, ok, "integer division by zero", {});
    }
    Value result = buildElementwise(
        rewriter, loc, resultType, adaptor.getOperands(),
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Type type = args[0].getType();
          Value zero = scalarConstant(b, l, type, 0);
          Value one = scalarConstant(b, l, type, 1);
          Value minusOne = scalarConstant(b, l, type, -1);
          Value isMinusOne = arith::CmpIOp::create(
              b, l, arith::CmpIPredicate::eq, args[1], minusOne);
          Value isZero = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                               args[1], zero);
          Value unsafe = arith::OrIOp::create(b, l, isMinusOne, isZero);
          Value safe = arith::SelectOp::create(b, l, unsafe, one, args[1]);
          Value q = arith::DivSIOp::create(b, l, args[0], safe);
          Value negated = arith::SubIOp::create(b, l, zero, args[0]);
          return arith::SelectOp::create(b, l, isMinusOne, negated, q);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};
} // namespace

static bool isFloatValue(Value v) { return isa<FloatType>(v.getType()); }

/// Picks the float or the signed-integer arith op.
template <typename FloatOp, typename IntOp>
static Value floatOrInt(Operation *, OpBuilder &b, Location loc,
                        ValueRange args) {
  if (isFloatValue(args[0]))
    return FloatOp::create(b, loc, args[0], args[1]);
  return IntOp::create(b, loc, args[0], args[1]);
}

template <typename MathOp>
static Value unaryMath(Operation *, OpBuilder &b, Location loc,
                       ValueRange args) {
  return MathOp::create(b, loc, args[0]);
}

static Value buildPow(Operation *, OpBuilder &b, Location loc,
                      ValueRange args) {
  if (isFloatValue(args[0]))
    return math::PowFOp::create(b, loc, args[0], args[1]);
  return math::IPowIOp::create(b, loc, args[0], args[1]);
}

static Value buildNeg(Operation *, OpBuilder &b, Location loc,
                      ValueRange args) {
  if (isFloatValue(args[0]))
    return arith::NegFOp::create(b, loc, args[0]);
  Value zero = scalarConstant(b, loc, args[0].getType(), 0);
  return arith::SubIOp::create(b, loc, zero, args[0]);
}

static Value buildAbs(Operation *, OpBuilder &b, Location loc,
                      ValueRange args) {
  if (isFloatValue(args[0]))
    return math::AbsFOp::create(b, loc, args[0]);
  return math::AbsIOp::create(b, loc, args[0]);
}

static Value buildSigmoid(Operation *, OpBuilder &b, Location loc,
                          ValueRange args) {
  Type t = args[0].getType();
  Value one = scalarConstant(b, loc, t, 1);
  Value negX = arith::NegFOp::create(b, loc, args[0]);
  Value e = math::ExpOp::create(b, loc, negX);
  Value denom = arith::AddFOp::create(b, loc, one, e);
  return arith::DivFOp::create(b, loc, one, denom);
}

static Value buildRelu(Operation *, OpBuilder &b, Location loc,
                       ValueRange args) {
  Value zero = scalarConstant(b, loc, args[0].getType(), 0);
  return arith::MaximumFOp::create(b, loc, args[0], zero);
}

/// A float constant of `like`'s type.
static Value floatConstant(OpBuilder &b, Location loc, Value like,
                           double value) {
  return scalarConstant(b, loc, like.getType(), value);
}

/// log(1 + x) and exp(x) - 1 keep their digits near 0 when computed from the
/// rounded u = 1 + x, or u = exp(x), as log(u) * x / (u - 1), or
/// (u - 1) * x / log(u): the ratio cancels the rounding of u. At u == 1 the
/// result is x itself; `plain` is the direct formula, taken where `usePlain`.
static Value roundingCorrected(OpBuilder &b, Location loc, Value x, Value u,
                               bool logOfU, Value plain, Value usePlain) {
  Value one = floatConstant(b, loc, x, 1);
  Value uMinusOne = arith::SubFOp::create(b, loc, u, one);
  Value logU = math::LogOp::create(b, loc, u);
  Value numerator = logOfU ? logU : uMinusOne;
  Value denominator = logOfU ? uMinusOne : logU;
  Value corrected = arith::DivFOp::create(
      b, loc, arith::MulFOp::create(b, loc, numerator, x), denominator);
  Value r = arith::SelectOp::create(b, loc, usePlain, plain, corrected);
  Value exact =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, u, one);
  return arith::SelectOp::create(b, loc, exact, x, r);
}

static Value buildLog1p(Operation *, OpBuilder &b, Location loc,
                        ValueRange args) {
  Value x = args[0];
  Value u = arith::AddFOp::create(b, loc, floatConstant(b, loc, x, 1), x);
  // u = inf (x = inf): log(u), not inf * inf / inf.
  Value logU = math::LogOp::create(b, loc, u);
  Value infinite = arith::CmpFOp::create(
      b, loc, arith::CmpFPredicate::OEQ, u,
      floatConstant(b, loc, x, std::numeric_limits<double>::infinity()));
  return roundingCorrected(b, loc, x, u, /*logOfU=*/true, logU, infinite);
}

static Value buildExpm1(Operation *, OpBuilder &b, Location loc,
                        ValueRange args) {
  Value x = args[0];
  Value u = math::ExpOp::create(b, loc, x);
  // Away from 0, u - 1 loses nothing (and stays right where u is 0 or inf).
  Value uMinusOne =
      arith::SubFOp::create(b, loc, u, floatConstant(b, loc, x, 1));
  Value far = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT,
                                    math::AbsFOp::create(b, loc, x),
                                    floatConstant(b, loc, x, 0.5));
  return roundingCorrected(b, loc, x, u, /*logOfU=*/false, uMinusOne, far);
}

/// log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)).
static Value buildSoftplus(Operation *op, OpBuilder &b, Location loc,
                           ValueRange args) {
  Value x = args[0];
  Value positive =
      arith::MaximumFOp::create(b, loc, x, floatConstant(b, loc, x, 0));
  Value negAbs = arith::NegFOp::create(b, loc, math::AbsFOp::create(b, loc, x));
  Value e = math::ExpOp::create(b, loc, negAbs);
  return arith::AddFOp::create(b, loc, positive, buildLog1p(op, b, loc, e));
}

/// x Phi(x) = x/2 erfc(-x / sqrt(2)), or its tanh approximation
/// x/2 (1 + tanh(u)) = x sigmoid(2u), u = sqrt(2 / pi) (x + 0.044715 x^3).
/// Both forms keep their digits for negative x, where 1 + erf and 1 + tanh
/// cancel.
static Value buildGelu(Operation *op, OpBuilder &b, Location loc,
                       ValueRange args) {
  Value x = args[0];
  if (cast<GeluOp>(op).isTanhApproximation()) {
    Value x3 =
        arith::MulFOp::create(b, loc, x, arith::MulFOp::create(b, loc, x, x));
    Value poly = arith::AddFOp::create(
        b, loc, x,
        arith::MulFOp::create(b, loc, floatConstant(b, loc, x, 0.044715), x3));
    Value twoU = arith::MulFOp::create(
        b, loc, floatConstant(b, loc, x, 2 * 0.7978845608028654), poly);
    return arith::MulFOp::create(b, loc, x, buildSigmoid(op, b, loc, twoU));
  }
  Value erfc = math::ErfcOp::create(
      b, loc,
      arith::MulFOp::create(b, loc, x,
                            floatConstant(b, loc, x, -0.7071067811865476)));
  Value halfX = arith::MulFOp::create(b, loc, floatConstant(b, loc, x, 0.5), x);
  return arith::MulFOp::create(b, loc, halfX, erfc);
}

/// x where x > 0, else `scale` times `negativePart` (NaN stays NaN).
static Value positiveOrScaled(OpBuilder &b, Location loc, Value x, double scale,
                              Value negativePart) {
  Value positive = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                                         floatConstant(b, loc, x, 0));
  Value scaled = arith::MulFOp::create(b, loc, floatConstant(b, loc, x, scale),
                                       negativePart);
  return arith::SelectOp::create(b, loc, positive, x, scaled);
}

/// x where x > 0, else `slope` x.
static Value buildLeakyRelu(Operation *op, OpBuilder &b, Location loc,
                            ValueRange args) {
  double slope = cast<LeakyReluOp>(op).getSlope().convertToDouble();
  return positiveOrScaled(b, loc, args[0], slope, args[0]);
}

/// x where x > 0, else `alpha` (exp(x) - 1).
static Value buildElu(Operation *op, OpBuilder &b, Location loc,
                      ValueRange args) {
  double alpha = cast<EluOp>(op).getAlpha().convertToDouble();
  return positiveOrScaled(b, loc, args[0], alpha,
                          buildExpm1(op, b, loc, args[0]));
}

static Value buildSign(Operation *, OpBuilder &b, Location loc,
                       ValueRange args) {
  Value x = args[0];
  Type t = x.getType();
  Value zero = scalarConstant(b, loc, t, 0);
  Value one = scalarConstant(b, loc, t, 1);
  Value minusOne = scalarConstant(b, loc, t, -1);
  Value pos, neg;
  if (isFloatValue(x)) {
    pos = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, zero);
    neg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, zero);
  } else {
    pos = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, x, zero);
    neg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, x, zero);
  }
  // sign(0) = 0 and sign(NaN) = NaN: keep x when neither holds.
  Value r = arith::SelectOp::create(b, loc, neg, minusOne, x);
  return arith::SelectOp::create(b, loc, pos, one, r);
}

static Value buildNot(Operation *, OpBuilder &b, Location loc,
                      ValueRange args) {
  Value t = arith::ConstantOp::create(b, loc, b.getBoolAttr(true));
  return arith::XOrIOp::create(b, loc, args[0], t);
}

static Value buildCmp(Operation *op, OpBuilder &b, Location loc,
                      ValueRange args) {
  CmpPredicate pred = cast<CmpOp>(op).getPredicate();
  if (isFloatValue(args[0])) {
    arith::CmpFPredicate p;
    switch (pred) {
    case CmpPredicate::eq:
      p = arith::CmpFPredicate::OEQ;
      break;
    case CmpPredicate::ne:
      p = arith::CmpFPredicate::UNE;
      break;
    case CmpPredicate::lt:
      p = arith::CmpFPredicate::OLT;
      break;
    case CmpPredicate::le:
      p = arith::CmpFPredicate::OLE;
      break;
    case CmpPredicate::gt:
      p = arith::CmpFPredicate::OGT;
      break;
    case CmpPredicate::ge:
      p = arith::CmpFPredicate::OGE;
      break;
    }
    return arith::CmpFOp::create(b, loc, p, args[0], args[1]);
  }
  arith::CmpIPredicate p;
  switch (pred) {
  case CmpPredicate::eq:
    p = arith::CmpIPredicate::eq;
    break;
  case CmpPredicate::ne:
    p = arith::CmpIPredicate::ne;
    break;
  case CmpPredicate::lt:
    p = arith::CmpIPredicate::slt;
    break;
  case CmpPredicate::le:
    p = arith::CmpIPredicate::sle;
    break;
  case CmpPredicate::gt:
    p = arith::CmpIPredicate::sgt;
    break;
  case CmpPredicate::ge:
    p = arith::CmpIPredicate::sge;
    break;
  }
  return arith::CmpIOp::create(b, loc, p, args[0], args[1]);
}

static Value buildSelect(Operation *, OpBuilder &b, Location loc,
                         ValueRange args) {
  return arith::SelectOp::create(b, loc, args[0], args[1], args[2]);
}

static Value buildConvert(Operation *op, OpBuilder &b, Location loc,
                          ValueRange args) {
  Type to = cast<RankedTensorType>(op->getResult(0).getType()).getElementType();
  return convertScalar(b, loc, args[0], to);
}

namespace {
struct ConstantLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, op.getType(), cast<TypedAttr>(op.getValue()));
    return success();
  }
};

struct SplatLowering : OpConversionPattern<SplatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SplatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value scalar = tensor::ExtractOp::create(rewriter, loc, adaptor.getScalar(),
                                             ValueRange{});
    Value init = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                         type.getElementType(),
                                         adaptor.getDynamicSizes());
    rewriter.replaceOpWithNewOp<linalg::FillOp>(op, scalar, init);
    return success();
  }
};

struct StopGradientLowering : OpConversionPattern<StopGradientOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(StopGradientOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getOperand());
    return success();
  }
};
} // namespace

void mlir::nabla::populateElementwiseLoweringPatterns(
    RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<
      ElementwiseLowering<AddOp, floatOrInt<arith::AddFOp, arith::AddIOp>>,
      ElementwiseLowering<SubOp, floatOrInt<arith::SubFOp, arith::SubIOp>>,
      ElementwiseLowering<MulOp, floatOrInt<arith::MulFOp, arith::MulIOp>>,
      ElementwiseLowering<DivOp, floatOrInt<arith::DivFOp, arith::DivSIOp>>,
      ElementwiseLowering<MaxOp, floatOrInt<arith::MaximumFOp, arith::MaxSIOp>>,
      ElementwiseLowering<MinOp, floatOrInt<arith::MinimumFOp, arith::MinSIOp>>,
      ElementwiseLowering<PowOp, buildPow>,
      ElementwiseLowering<AndOp, floatOrInt<arith::AndIOp, arith::AndIOp>>,
      ElementwiseLowering<OrOp, floatOrInt<arith::OrIOp, arith::OrIOp>>,
      ElementwiseLowering<CmpOp, buildCmp>,
      ElementwiseLowering<SelectOp, buildSelect>,
      ElementwiseLowering<ConvertOp, buildConvert>,
      ElementwiseLowering<NegOp, buildNeg>,
      ElementwiseLowering<AbsOp, buildAbs>,
      ElementwiseLowering<ExpOp, unaryMath<math::ExpOp>>,
      ElementwiseLowering<LogOp, unaryMath<math::LogOp>>,
      ElementwiseLowering<TanhOp, unaryMath<math::TanhOp>>,
      ElementwiseLowering<SqrtOp, unaryMath<math::SqrtOp>>,
      ElementwiseLowering<RsqrtOp, unaryMath<math::RsqrtOp>>,
      ElementwiseLowering<SinOp, unaryMath<math::SinOp>>,
      ElementwiseLowering<CosOp, unaryMath<math::CosOp>>,
      ElementwiseLowering<FloorOp, unaryMath<math::FloorOp>>,
      ElementwiseLowering<RoundOp, unaryMath<math::RoundEvenOp>>,
      ElementwiseLowering<SigmoidOp, buildSigmoid>,
      ElementwiseLowering<ReluOp, buildRelu>,
      ElementwiseLowering<SignOp, buildSign>,
      ElementwiseLowering<SoftplusOp, buildSoftplus>,
      ElementwiseLowering<GeluOp, buildGelu>,
      ElementwiseLowering<LeakyReluOp, buildLeakyRelu>,
      ElementwiseLowering<EluOp, buildElu>,
      ElementwiseLowering<Log1pOp, buildLog1p>,
      ElementwiseLowering<Expm1Op, buildExpm1>,
      ElementwiseLowering<ErfOp, unaryMath<math::ErfOp>>,
      ElementwiseLowering<NotOp, buildNot>, ConstantLowering, SplatLowering,
      StopGradientLowering, IntegerDivLowering>(ctx);
}

//===- RandomPatterns.cpp - Counter-based random numbers ------------------===//
//
// Philox-4x32-10 computed inline: element i of a random tensor hashes the
// counter (lo32(i), hi32(i), 0, 0) under the key (lo32(key), hi32(key)).
// The same arithmetic on every target gives the same numbers everywhere.
//   uniform = (w0 >> 8) * 2^-24                        in [0, 1)
//   normal  = sqrt(-2 ln u1) * cos(2 pi u2),  u1 = ((w0 >> 8) + 1) * 2^-24,
//                                             u2 = (w1 >> 8) * 2^-24
//   fold_in(key, data) = w0 | w1 << 32 of the block at counter
//                        (lo32(data), hi32(data), 1, 0) under `key` (the 1
//                        keeps derived keys apart from random streams).
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "nabla/Conversion/Passes.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <array>

using namespace mlir;
using namespace mlir::nabla;

namespace {
using Words = std::array<Value, 4>;
} // namespace

static Value i32Const(OpBuilder &b, Location loc, uint32_t v) {
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(b.getI32Type(), static_cast<int32_t>(v)));
}

/// Splits an i64 into (lo32, hi32).
static std::pair<Value, Value> split64(OpBuilder &b, Location loc, Value v) {
  Value lo = arith::TruncIOp::create(b, loc, b.getI32Type(), v);
  Value shift = arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(32));
  Value hi = arith::ShRUIOp::create(b, loc, v, shift);
  hi = arith::TruncIOp::create(b, loc, b.getI32Type(), hi);
  return {lo, hi};
}

/// The Philox-4x32-10 block function.
static Words philox(OpBuilder &b, Location loc, Words ctr, Value k0, Value k1) {
  Value m0 = i32Const(b, loc, 0xD2511F53u), m1 = i32Const(b, loc, 0xCD9E8D57u);
  Value w0 = i32Const(b, loc, 0x9E3779B9u), w1 = i32Const(b, loc, 0xBB67AE85u);
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 = arith::AddIOp::create(b, loc, k0, w0);
      k1 = arith::AddIOp::create(b, loc, k1, w1);
    }
    auto p0 = arith::MulUIExtendedOp::create(b, loc, m0, ctr[0]);
    auto p1 = arith::MulUIExtendedOp::create(b, loc, m1, ctr[2]);
    Value x0 = arith::XOrIOp::create(b, loc, p1.getHigh(), ctr[1]);
    x0 = arith::XOrIOp::create(b, loc, x0, k0);
    Value x2 = arith::XOrIOp::create(b, loc, p0.getHigh(), ctr[3]);
    x2 = arith::XOrIOp::create(b, loc, x2, k1);
    ctr = {x0, p1.getLow(), x2, p0.getLow()};
  }
  return ctr;
}

/// (w >> 8) * 2^-24 (+ 2^-24 when `open0`): a float in [0, 1) or (0, 1].
static Value unitFloat(OpBuilder &b, Location loc, Value w, bool open0) {
  Value eight = i32Const(b, loc, 8);
  Value m = arith::ShRUIOp::create(b, loc, w, eight);
  if (open0)
    m = arith::AddIOp::create(b, loc, m, i32Const(b, loc, 1));
  Value f = arith::UIToFPOp::create(b, loc, b.getF32Type(), m);
  Value scale =
      arith::ConstantOp::create(b, loc, b.getF32FloatAttr(1.0f / 16777216.0f));
  return arith::MulFOp::create(b, loc, f, scale);
}

namespace {
template <typename OpTy, bool normal>
struct RandomLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto outType = cast<RankedTensorType>(op.getType());
    int64_t rank = outType.getRank();
    Value key = tensor::ExtractOp::create(rewriter, loc, adaptor.getKey(),
                                          ValueRange{});
    std::pair<Value, Value> keyWords = split64(rewriter, loc, key);
    Value k0 = keyWords.first, k1 = keyWords.second;
    Value init = tensor::EmptyOp::create(rewriter, loc, outType.getShape(),
                                         outType.getElementType(),
                                         adaptor.getDynamicSizes());
    // Row-major element strides, for the linear counter.
    SmallVector<Value> sizes;
    for (int64_t i = 0; i < rank; ++i)
      sizes.push_back(tensor::DimOp::create(rewriter, loc, init, i));
    SmallVector<AffineMap> maps{rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Type elem = outType.getElementType();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{outType}, ValueRange{}, ValueRange{init}, maps,
        iterators, [&](OpBuilder &b, Location l, ValueRange) {
          Value linear = arith::ConstantIndexOp::create(b, l, 0);
          for (int64_t d = 0; d < rank; ++d) {
            linear = arith::MulIOp::create(b, l, linear, sizes[d]);
            linear = arith::AddIOp::create(b, l, linear,
                                           linalg::IndexOp::create(b, l, d));
          }
          Value i64 = arith::IndexCastOp::create(b, l, b.getI64Type(), linear);
          auto [c0, c1] = split64(b, l, i64);
          Value zero = i32Const(b, l, 0);
          Words w = philox(b, l, {c0, c1, zero, zero}, k0, k1);
          Value r;
          if (!normal) {
            r = unitFloat(b, l, w[0], false);
          } else {
            Value u1 = unitFloat(b, l, w[0], true);
            Value u2 = unitFloat(b, l, w[1], false);
            Value lnU1 = math::LogOp::create(b, l, u1);
            Value minus2 =
                arith::ConstantOp::create(b, l, b.getF32FloatAttr(-2.0f));
            Value radius = math::SqrtOp::create(
                b, l, arith::MulFOp::create(b, l, minus2, lnU1));
            Value twoPi = arith::ConstantOp::create(
                b, l, b.getF32FloatAttr(6.28318530717958647692f));
            Value angle = arith::MulFOp::create(b, l, twoPi, u2);
            r = arith::MulFOp::create(b, l, radius,
                                      math::CosOp::create(b, l, angle));
          }
          linalg::YieldOp::create(b, l, convertScalar(b, l, r, elem));
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct FoldInLowering : OpConversionPattern<FoldInOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FoldInOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value key = tensor::ExtractOp::create(rewriter, loc, adaptor.getKey(),
                                          ValueRange{});
    Value data = tensor::ExtractOp::create(rewriter, loc, adaptor.getData(),
                                           ValueRange{});
    auto [k0, k1] = split64(rewriter, loc, key);
    auto [c0, c1] = split64(rewriter, loc, data);
    Value zero = i32Const(rewriter, loc, 0);
    Value one = i32Const(rewriter, loc, 1);
    Words w = philox(rewriter, loc, {c0, c1, one, zero}, k0, k1);
    Type i64 = rewriter.getI64Type();
    Value lo = arith::ExtUIOp::create(rewriter, loc, i64, w[0]);
    Value hi = arith::ExtUIOp::create(rewriter, loc, i64, w[1]);
    Value shift = arith::ConstantOp::create(rewriter, loc,
                                            rewriter.getI64IntegerAttr(32));
    hi = arith::ShLIOp::create(rewriter, loc, hi, shift);
    Value newKey = arith::OrIOp::create(rewriter, loc, lo, hi);
    rewriter.replaceOpWithNewOp<tensor::FromElementsOp>(
        op, cast<RankedTensorType>(op.getType()), ValueRange{newKey});
    return success();
  }
};
} // namespace

void mlir::nabla::populateRandomLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<RandomLowering<RandomUniformOp, false>,
               RandomLowering<RandomNormalOp, true>, FoldInLowering>(
      patterns.getContext());
}

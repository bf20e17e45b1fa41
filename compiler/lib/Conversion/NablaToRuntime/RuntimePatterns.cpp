//===- RuntimePatterns.cpp - nabla I/O ops to runtime calls ---------------===//
//
// Each I/O op (and each run-time check) becomes calls of `nrt_*` functions,
// declared on first use with `llvm.emit_c_interface` (memrefs are passed as
// descriptor pointers to `_mlir_ciface_nrt_*`). Strings are `tensor<?xi8>`
// constants. A call that returns tensors is a `nabla.runtime_call` (the
// runtime returns fresh buffers; bufferization turns it into a func.call),
// any other a func.call.
//
//===----------------------------------------------------------------------===//

#include "nabla/Conversion/Passes.h"
#include "nabla/Conversion/RuntimeCalls.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace mlir::nabla;

/// `value` as an unranked tensor, for runtime functions of any rank.
static Value unranked(OpBuilder &b, Location loc, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  return tensor::CastOp::create(
      b, loc, UnrankedTensorType::get(type.getElementType()), value);
}

namespace {
struct PrintLowering : OpConversionPattern<PrintOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PrintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto module = op->getParentOfType<ModuleOp>();
    StringRef format = op.getFormat();
    ValueRange operands = adaptor.getOperands();
    size_t next = 0;
    std::string text;
    auto flushText = [&]() {
      if (text.empty())
        return;
      auto f = declareRuntime(rewriter, module, "nrt_print_text",
                              {stringType(rewriter)}, {});
      func::CallOp::create(rewriter, loc, f,
                           ValueRange{stringTensor(rewriter, loc, text)});
      text.clear();
    };
    for (size_t i = 0; i < format.size(); ++i) {
      if (format.substr(i).starts_with("{{") ||
          format.substr(i).starts_with("}}")) {
        text.push_back(format[i]);
        ++i;
        continue;
      }
      if (format.substr(i).starts_with("{}") && next < operands.size()) {
        flushText();
        Value v = operands[next++];
        Type elem = cast<RankedTensorType>(v.getType()).getElementType();
        Value u = unranked(rewriter, loc, v);
        auto f = declareRuntime(rewriter, module,
                                "nrt_print_tensor_" + elementSuffix(elem),
                                {u.getType()}, {});
        func::CallOp::create(rewriter, loc, f, ValueRange{u});
        ++i;
        continue;
      }
      text.push_back(format[i]);
    }
    flushText();
    auto nl = declareRuntime(rewriter, module, "nrt_print_newline", {}, {});
    func::CallOp::create(rewriter, loc, nl, ValueRange{});
    rewriter.eraseOp(op);
    return success();
  }
};

struct SaveLowering : OpConversionPattern<SaveOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SaveOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto module = op->getParentOfType<ModuleOp>();
    Type i64 = rewriter.getI64Type();
    auto open = declareRuntime(rewriter, module, "nrt_ckpt_open_write",
                               {stringType(rewriter)}, {i64});
    Value handle = func::CallOp::create(
                       rewriter, loc, open,
                       ValueRange{stringTensor(rewriter, loc, op.getPath())})
                       .getResult(0);
    for (auto [name, value] :
         llvm::zip(op.getNames().getAsValueRange<StringAttr>(),
                   adaptor.getTensors())) {
      Type elem = cast<RankedTensorType>(value.getType()).getElementType();
      Value u = unranked(rewriter, loc, value);
      auto add = declareRuntime(rewriter, module,
                                "nrt_ckpt_add_" + elementSuffix(elem),
                                {i64, stringType(rewriter), u.getType()}, {});
      func::CallOp::create(
          rewriter, loc, add,
          ValueRange{handle, stringTensor(rewriter, loc, name), u});
    }
    auto commit =
        declareRuntime(rewriter, module, "nrt_ckpt_commit", {i64}, {});
    func::CallOp::create(rewriter, loc, commit, ValueRange{handle});
    rewriter.eraseOp(op);
    return success();
  }
};

/// Each tensor comes back from `nrt_ckpt_read_<type>_<rank>`, which checks
/// its shape against the expected one (-1 for sizes known at run time).
struct LoadLowering : OpConversionPattern<LoadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LoadOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto module = op->getParentOfType<ModuleOp>();
    Type i64 = rewriter.getI64Type();
    auto open = declareRuntime(rewriter, module, "nrt_ckpt_open_read",
                               {stringType(rewriter)}, {i64});
    Value handle = func::CallOp::create(
                       rewriter, loc, open,
                       ValueRange{stringTensor(rewriter, loc, op.getPath())})
                       .getResult(0);
    SmallVector<Value> results;
    for (auto [name, result] : llvm::zip(
             op.getNames().getAsValueRange<StringAttr>(), op.getResults())) {
      auto type = cast<RankedTensorType>(result.getType());
      SmallVector<int64_t> expected;
      for (int64_t s : type.getShape())
        expected.push_back(ShapedType::isDynamic(s) ? -1 : s);
      auto shapeType =
          RankedTensorType::get({static_cast<int64_t>(expected.size())}, i64);
      Value shape = arith::ConstantOp::create(
          rewriter, loc,
          DenseElementsAttr::get(shapeType, ArrayRef<int64_t>(expected)));
      shape = tensor::CastOp::create(
          rewriter, loc, RankedTensorType::get({ShapedType::kDynamic}, i64),
          shape);
      SmallVector<int64_t> dynShape(type.getRank(), ShapedType::kDynamic);
      auto dynType = RankedTensorType::get(dynShape, type.getElementType());
      auto read = declareRuntime(
          rewriter, module,
          "nrt_ckpt_read_" + elementSuffix(type.getElementType()) + "_" +
              std::to_string(type.getRank()),
          {i64, stringType(rewriter), shape.getType()}, {dynType});
      Value v =
          RuntimeCallOp::create(
              rewriter, loc, read.getResultTypes(), read.getSymName(),
              rewriter.getStrArrayAttr({}),
              ValueRange{handle, stringTensor(rewriter, loc, name), shape})
              .getResult(0);
      results.push_back(tensor::CastOp::create(rewriter, loc, type, v));
    }
    auto close = declareRuntime(rewriter, module, "nrt_ckpt_close", {i64}, {});
    func::CallOp::create(rewriter, loc, close, ValueRange{handle});
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// A call of an `extern fn`: string arguments become leading `tensor<?xi8>`
/// parameters of the declaration.
struct RuntimeCallLowering : OpConversionPattern<RuntimeCallOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RuntimeCallOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto module = op->getParentOfType<ModuleOp>();
    auto callee = module.lookupSymbol<func::FuncOp>(op.getCallee());
    if (!callee)
      return rewriter.notifyMatchFailure(op, "callee is not declared");
    SmallVector<Value> operands;
    for (Attribute s : op.getStringArgs())
      operands.push_back(
          stringTensor(rewriter, loc, cast<StringAttr>(s).getValue()));
    operands.append(adaptor.getOperands().begin(), adaptor.getOperands().end());
    if (!callee->hasAttr("llvm.emit_c_interface")) {
      SmallVector<Type> inputs(op.getStringArgs().size(), stringType(rewriter));
      auto oldType = callee.getFunctionType();
      inputs.append(oldType.getInputs().begin(), oldType.getInputs().end());
      callee.setFunctionType(
          rewriter.getFunctionType(inputs, oldType.getResults()));
      callee->setAttr("llvm.emit_c_interface", rewriter.getUnitAttr());
      markArgumentsReadOnly(callee);
    }
    if (!llvm::any_of(op->getResultTypes(), llvm::IsaPred<TensorType>))
      rewriter.replaceOpWithNewOp<func::CallOp>(op, callee, operands);
    else
      rewriter.replaceOpWithNewOp<RuntimeCallOp>(
          op, op->getResultTypes(), op.getCallee(),
          rewriter.getStrArrayAttr({}), operands);
    return success();
  }
};

/// Float matrix products go to the runtime's BLAS-backed GEMM.
struct MatmulToRuntime : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    Type elem = type.getElementType();
    if (type.getRank() != 2 || !(elem.isF32() || elem.isF64()))
      return rewriter.notifyMatchFailure(op, "not a 2-D float product");
    Location loc = op.getLoc();
    auto module = op->getParentOfType<ModuleOp>();
    auto dyn = RankedTensorType::get(
        {ShapedType::kDynamic, ShapedType::kDynamic}, elem);
    Type i64 = rewriter.getI64Type();
    auto f =
        declareRuntime(rewriter, module, "nrt_matmul_" + elementSuffix(elem),
                       {dyn, dyn, i64, i64}, {dyn});
    // A transposed operand is passed untransposed with a flag: GEMM reads
    // it in either order, so the transpose is never materialised.
    auto untransposed = [&](Value v, Value &flag) -> Value {
      flag = arith::ConstantOp::create(rewriter, loc,
                                       rewriter.getI64IntegerAttr(0));
      auto t = v.getDefiningOp<TransposeOp>();
      if (t && t.getPermutation() == ArrayRef<int64_t>{1, 0}) {
        flag = arith::ConstantOp::create(rewriter, loc,
                                         rewriter.getI64IntegerAttr(1));
        return t.getOperand();
      }
      return v;
    };
    Value transA, transB;
    Value lhs = untransposed(adaptor.getLhs(), transA);
    Value rhs = untransposed(adaptor.getRhs(), transB);
    lhs = tensor::CastOp::create(rewriter, loc, dyn, lhs);
    rhs = tensor::CastOp::create(rewriter, loc, dyn, rhs);
    Value r =
        RuntimeCallOp::create(rewriter, loc, f.getResultTypes(), f.getSymName(),
                              rewriter.getStrArrayAttr({}),
                              ValueRange{lhs, rhs, transA, transB})
            .getResult(0);
    rewriter.replaceOpWithNewOp<tensor::CastOp>(op, type, r);
    return success();
  }
};

/// A failed run-time check (cf.assert, e.g. symbolic sizes that differ at a
/// function's entry) calls nrt_fail, which flushes stdout, prints
/// `error: <message>` on stderr and exits with status 1. The upstream
/// lowering of cf.assert writes the message with puts and aborts, which
/// loses it whenever stdout is not a terminal.
struct AssertToRuntime : OpConversionPattern<cf::AssertOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(cf::AssertOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto module = op->getParentOfType<ModuleOp>();
    auto fail = declareRuntime(rewriter, module, "nrt_fail",
                               {stringType(rewriter)}, {});
    Value isTrue =
        arith::ConstantOp::create(rewriter, loc, rewriter.getBoolAttr(true));
    Value failed =
        arith::XOrIOp::create(rewriter, loc, adaptor.getArg(), isTrue);
    auto ifOp = scf::IfOp::create(rewriter, loc, failed,
                                  /*withElseRegion=*/false);
    rewriter.setInsertionPointToStart(ifOp.thenBlock());
    func::CallOp::create(rewriter, loc, fail,
                         ValueRange{stringTensor(rewriter, loc, op.getMsg())});
    rewriter.eraseOp(op);
    return success();
  }
};

/// A run-time check of the program: the located error names its values.
struct CheckLowering : OpConversionPattern<CheckOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CheckOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    emitRuntimeCheck(rewriter, op.getLoc(), adaptor.getCondition(),
                     op.getMessage(), adaptor.getValues());
    rewriter.eraseOp(op);
    return success();
  }
};

/// `--check-numerics`: count the NaN and Inf of the value; when there are
/// any, report the site, the value, its inputs and the loop iterations, and
/// exit.
struct CheckNumericsLowering : OpConversionPattern<CheckNumericsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CheckNumericsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto module = op->getParentOfType<ModuleOp>();
    Value value = adaptor.getValue();
    Type elem = cast<RankedTensorType>(value.getType()).getElementType();
    if (!elem.isF32() && !elem.isF64()) {
      // The runtime counts f32 and f64 only.
      rewriter.eraseOp(op);
      return success();
    }
    Type i64 = rewriter.getI64Type();
    Value u = unranked(rewriter, loc, value);
    auto count = declareRuntime(rewriter, module,
                                "nrt_count_nonfinite_" + elementSuffix(elem),
                                {u.getType()}, {i64});
    Value n =
        func::CallOp::create(rewriter, loc, count, ValueRange{u}).getResult(0);
    Value zero = arith::ConstantIntOp::create(rewriter, loc, i64, 0);
    Value bad =
        arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::ne, n, zero);
    auto ifOp = scf::IfOp::create(rewriter, loc, bad, /*withElseRegion=*/false);
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(ifOp.thenBlock());
    auto begin = declareRuntime(rewriter, module, "nrt_numerics_begin",
                                {stringType(rewriter)}, {});
    func::CallOp::create(rewriter, loc, begin,
                         ValueRange{stringTensor(rewriter, loc, op.getSite())});
    auto describe = [&](StringRef label, Value tensor) {
      Type t = cast<RankedTensorType>(tensor.getType()).getElementType();
      if (!(t.isF32() || t.isF64() || t.isInteger(32) || t.isInteger(64)))
        return;
      Value ut = unranked(rewriter, loc, tensor);
      auto f = declareRuntime(rewriter, module,
                              "nrt_numerics_tensor_" + elementSuffix(t),
                              {stringType(rewriter), ut.getType()}, {});
      func::CallOp::create(rewriter, loc, f,
                           ValueRange{stringTensor(rewriter, loc, label), ut});
    };
    describe("result", value);
    for (auto [i, input] : llvm::enumerate(adaptor.getInputs()))
      describe("input " + std::to_string(i), input);
    auto iteration = declareRuntime(rewriter, module, "nrt_numerics_iteration",
                                    {stringType(rewriter), i64}, {});
    for (auto [iv, text] :
         llvm::zip(adaptor.getIterations(),
                   op.getLoops().getAsValueRange<StringAttr>()))
      func::CallOp::create(
          rewriter, loc, iteration,
          ValueRange{stringTensor(rewriter, loc, text),
                     arith::IndexCastOp::create(rewriter, loc, i64, iv)});
    auto end = declareRuntime(rewriter, module, "nrt_numerics_end", {}, {});
    func::CallOp::create(rewriter, loc, end, ValueRange{});
    rewriter.eraseOp(op);
    return success();
  }
};
} // namespace

void mlir::nabla::populateRuntimeLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<PrintLowering, SaveLowering, LoadLowering, RuntimeCallLowering,
               MatmulToRuntime, AssertToRuntime, CheckLowering,
               CheckNumericsLowering>(patterns.getContext());
}

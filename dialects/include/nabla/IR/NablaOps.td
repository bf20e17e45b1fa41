//===- NablaOps.td - Nabla dialect operations --------------*- tablegen -*-===//
//
// The ops of the `nabla` dialect, grouped by family (creation, elementwise,
// reduction, contraction, shape, random, transform, I/O), alphabetical inside
// a family. Verifiers and folders live in dialects/lib/IR.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_IR_NABLAOPS_TD
#define NABLA_IR_NABLAOPS_TD

include "nabla/IR/NablaDialect.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def Nabla_CmpPredicate : I64EnumAttr<"CmpPredicate", "comparison predicate", [
    I64EnumAttrCase<"eq", 0>,
    I64EnumAttrCase<"ne", 1>,
    I64EnumAttrCase<"lt", 2>,
    I64EnumAttrCase<"le", 3>,
    I64EnumAttrCase<"gt", 4>,
    I64EnumAttrCase<"ge", 5>
  ]> {
  let cppNamespace = "::mlir::nabla";
}

//===----------------------------------------------------------------------===//
// Op classes
//===----------------------------------------------------------------------===//

/// A broadcasting elementwise binary op whose operands and result share one
/// element type.
class Nabla_BinaryOp<string mnemonic, Type type, list<Trait> traits = []>
    : Nabla_Op<mnemonic, !listconcat([Pure, Nabla_BroadcastsOperands,
                                      SameOperandsAndResultElementType],
                                     traits)> {
  let arguments = (ins type:$lhs, type:$rhs);
  let results = (outs type:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
}

/// An elementwise unary op whose result has the operand's type.
class Nabla_UnaryOp<string mnemonic, Type type, list<Trait> traits = []>
    : Nabla_Op<mnemonic, !listconcat([Pure, SameOperandsAndResultType],
                                     traits)> {
  let arguments = (ins type:$operand);
  let results = (outs type:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

/// A reduction over a sorted set of axes.
class Nabla_ReduceOp<string mnemonic, Type type>
    : Nabla_Op<mnemonic, [Pure, SameOperandsAndResultElementType]> {
  let arguments = (ins type:$input, DenseI64ArrayAttr:$axes,
                       DefaultValuedAttr<BoolAttr, "false">:$keepdims);
  let results = (outs type:$result);
  let assemblyFormat = [{
    $input attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

/// A random tensor drawn from a counter-based generator.
class Nabla_RandomOp<string mnemonic> : Nabla_Op<mnemonic, [Pure]> {
  let arguments = (ins Nabla_I64Scalar:$key, Variadic<Index>:$dynamic_sizes);
  let results = (outs Nabla_FloatTensor:$result);
  let assemblyFormat = [{
    $key (` ` `[` $dynamic_sizes^ `]`)? attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
}

/// A function transform: refers to a `func.func` by symbol and is expanded by
/// the autodiff pass. `wrt` lists the differentiated argument indices.
class Nabla_TransformOp<string mnemonic, dag resultList>
    : Nabla_Op<mnemonic, [Pure, Nabla_FunctionTransform,
                          DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let arguments = (ins FlatSymbolRefAttr:$callee, DenseI64ArrayAttr:$wrt,
                       Variadic<Nabla_AnyTensor>:$operands);
  let results = resultList;
  let assemblyFormat = [{
    $callee `(` $operands `)` attr-dict `:` functional-type($operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Creation ops
//===----------------------------------------------------------------------===//

def Nabla_ConstantOp : Nabla_Op<"constant", [ConstantLike, Pure,
    AllTypesMatch<["value", "result"]>]> {
  let summary = "tensor constant";
  let description = [{
    Produces a tensor whose contents are given by an elements attribute. The
    result type is the type of the attribute.

    ```mlir
    %c = nabla.constant dense<1.0> : tensor<f32>
    %w = nabla.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Nabla_AnyTensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def Nabla_IotaOp : Nabla_Op<"iota", [Pure]> {
  let summary = "tensor of indices along one dimension";
  let description = [{
    Produces a tensor whose element at index `(i0, ..., in)` is `i_dimension`,
    converted to the result element type. One `index` operand gives the size
    of each dynamic result dimension, in order.

    ```mlir
    %i = nabla.iota {dimension = 0 : i64} : tensor<4xi64>
    %j = nabla.iota [%n] {dimension = 1 : i64} : tensor<3x?xf32>
    ```
  }];
  let arguments = (ins I64Attr:$dimension, Variadic<Index>:$dynamic_sizes);
  let results = (outs Nabla_NumericTensor:$result);
  let assemblyFormat = [{
    (` ` `[` $dynamic_sizes^ `]`)? attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
}

def Nabla_SplatOp : Nabla_Op<"splat", [Pure,
    AllElementTypesMatch<["scalar", "result"]>]> {
  let summary = "tensor filled with one scalar";
  let description = [{
    Produces a tensor of the result type whose every element is the value of
    the rank-0 `scalar`. One `index` operand gives the size of each dynamic
    result dimension, in order.

    ```mlir
    %z = nabla.splat %v : (tensor<f32>) -> tensor<2x3xf32>
    %d = nabla.splat %v [%n] : (tensor<f32>) -> tensor<?x10xf32>
    ```
  }];
  let arguments = (ins Nabla_ScalarTensor:$scalar,
                       Variadic<Index>:$dynamic_sizes);
  let results = (outs Nabla_AnyTensor:$result);
  let assemblyFormat = [{
    $scalar (` ` `[` $dynamic_sizes^ `]`)? attr-dict `:`
      `(` type($scalar) `)` `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise binary ops
//===----------------------------------------------------------------------===//

def Nabla_AddOp : Nabla_BinaryOp<"add", Nabla_NumericTensor> {
  let summary = "elementwise addition with broadcasting";
  let description = [{
    Adds two tensors elementwise after broadcasting them to a common shape
    (NumPy rule, dimensions aligned on the right).

    ```mlir
    %r = nabla.add %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
    ```
  }];
  let hasFolder = 1;
}

def Nabla_AndOp : Nabla_BinaryOp<"and", Nabla_BoolTensor> {
  let summary = "elementwise logical and with broadcasting";
  let description = [{
    ```mlir
    %r = nabla.and %a, %b : (tensor<4xi1>, tensor<i1>) -> tensor<4xi1>
    ```
  }];
}

def Nabla_CmpOp : Nabla_Op<"cmp", [Pure, Nabla_BroadcastsOperands,
    AllElementTypesMatch<["lhs", "rhs"]>]> {
  let summary = "elementwise comparison with broadcasting";
  let description = [{
    Compares two tensors elementwise after broadcasting them and yields an
    `i1` tensor. The predicate is one of `eq`, `ne`, `lt`, `le`, `gt`, `ge`.
    Float comparisons are ordered: any comparison with NaN is false except
    `ne`.

    ```mlir
    %r = nabla.cmp lt, %a, %b : (tensor<4xf32>, tensor<f32>) -> tensor<4xi1>
    ```
  }];
  let arguments = (ins Nabla_CmpPredicate:$predicate, Nabla_AnyTensor:$lhs,
                       Nabla_AnyTensor:$rhs);
  let results = (outs Nabla_BoolTensor:$result);
  let assemblyFormat = [{
    $predicate `,` $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
}

def Nabla_DivOp : Nabla_BinaryOp<"div", Nabla_NumericTensor> {
  let summary = "elementwise division with broadcasting";
  let description = [{
    Integer division rounds toward zero.

    ```mlir
    %r = nabla.div %a, %b : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
    ```
  }];
}

def Nabla_MaxOp : Nabla_BinaryOp<"max", Nabla_NumericTensor> {
  let summary = "elementwise maximum with broadcasting";
  let description = [{
    ```mlir
    %r = nabla.max %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    ```
  }];
}

def Nabla_MinOp : Nabla_BinaryOp<"min", Nabla_NumericTensor> {
  let summary = "elementwise minimum with broadcasting";
  let description = [{
    ```mlir
    %r = nabla.min %a, %b : (tensor<4xi64>, tensor<i64>) -> tensor<4xi64>
    ```
  }];
}

def Nabla_MulOp : Nabla_BinaryOp<"mul", Nabla_NumericTensor> {
  let summary = "elementwise multiplication with broadcasting";
  let description = [{
    ```mlir
    %r = nabla.mul %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    ```
  }];
  let hasFolder = 1;
}

def Nabla_OrOp : Nabla_BinaryOp<"or", Nabla_BoolTensor> {
  let summary = "elementwise logical or with broadcasting";
  let description = [{
    ```mlir
    %r = nabla.or %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
    ```
  }];
}

def Nabla_PowOp : Nabla_BinaryOp<"pow", Nabla_NumericTensor> {
  let summary = "elementwise power with broadcasting";
  let description = [{
    Raises `lhs` to the power `rhs`, elementwise.

    ```mlir
    %r = nabla.pow %a, %b : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
    ```
  }];
}

def Nabla_SelectOp : Nabla_Op<"select", [Pure, Nabla_BroadcastsOperands,
    AllElementTypesMatch<["on_true", "on_false", "result"]>]> {
  let summary = "elementwise choice between two tensors";
  let description = [{
    Yields `on_true` where `cond` is true and `on_false` elsewhere. All three
    operands broadcast to the result shape.

    ```mlir
    %r = nabla.select %c, %a, %b
        : (tensor<4xi1>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Nabla_BoolTensor:$cond, Nabla_AnyTensor:$on_true,
                       Nabla_AnyTensor:$on_false);
  let results = (outs Nabla_AnyTensor:$result);
  let assemblyFormat = [{
    $cond `,` $on_true `,` $on_false attr-dict `:`
      functional-type(operands, results)
  }];
}

def Nabla_SubOp : Nabla_BinaryOp<"sub", Nabla_NumericTensor> {
  let summary = "elementwise subtraction with broadcasting";
  let description = [{
    ```mlir
    %r = nabla.sub %a, %b : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
    ```
  }];
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise unary ops
//===----------------------------------------------------------------------===//

def Nabla_AbsOp : Nabla_UnaryOp<"abs", Nabla_NumericTensor> {
  let summary = "elementwise absolute value";
  let description = [{
    ```mlir
    %r = nabla.abs %x : tensor<3xi32>
    ```
  }];
}

def Nabla_ConvertOp : Nabla_Op<"convert", [Pure,
    SameOperandsAndResultShape]> {
  let summary = "elementwise element type conversion";
  let description = [{
    Converts every element to the result element type, keeping the shape.
    Float to integer conversion rounds toward zero; a nonzero value converts
    to `true` in `i1`.

    ```mlir
    %r = nabla.convert %x : (tensor<3xi32>) -> tensor<3xf32>
    ```
  }];
  let arguments = (ins Nabla_AnyTensor:$operand);
  let results = (outs Nabla_AnyTensor:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Nabla_CosOp : Nabla_UnaryOp<"cos", Nabla_FloatTensor> {
  let summary = "elementwise cosine";
  let description = [{
    ```mlir
    %r = nabla.cos %x : tensor<3xf32>
    ```
  }];
}

def Nabla_ExpOp : Nabla_UnaryOp<"exp", Nabla_FloatTensor> {
  let summary = "elementwise natural exponential";
  let description = [{
    ```mlir
    %r = nabla.exp %x : tensor<3xf32>
    ```
  }];
}

def Nabla_FloorOp : Nabla_UnaryOp<"floor", Nabla_FloatTensor> {
  let summary = "elementwise rounding toward negative infinity";
  let description = [{
    ```mlir
    %r = nabla.floor %x : tensor<3xf32>
    ```
  }];
}

def Nabla_LogOp : Nabla_UnaryOp<"log", Nabla_FloatTensor> {
  let summary = "elementwise natural logarithm";
  let description = [{
    ```mlir
    %r = nabla.log %x : tensor<3xf64>
    ```
  }];
}

def Nabla_NegOp : Nabla_UnaryOp<"neg", Nabla_NumericTensor> {
  let summary = "elementwise negation";
  let description = [{
    ```mlir
    %r = nabla.neg %x : tensor<3xf32>
    ```
  }];
}

def Nabla_NotOp : Nabla_UnaryOp<"not", Nabla_BoolTensor> {
  let summary = "elementwise logical not";
  let description = [{
    ```mlir
    %r = nabla.not %x : tensor<3xi1>
    ```
  }];
}

def Nabla_ReluOp : Nabla_UnaryOp<"relu", Nabla_FloatTensor> {
  let summary = "elementwise rectified linear unit, max(x, 0)";
  let description = [{
    ```mlir
    %r = nabla.relu %x : tensor<2x3xf32>
    ```
  }];
}

def Nabla_RoundOp : Nabla_UnaryOp<"round", Nabla_FloatTensor> {
  let summary = "elementwise rounding to nearest, ties to even";
  let description = [{
    ```mlir
    %r = nabla.round %x : tensor<3xf32>
    ```
  }];
}

def Nabla_RsqrtOp : Nabla_UnaryOp<"rsqrt", Nabla_FloatTensor> {
  let summary = "elementwise reciprocal square root";
  let description = [{
    ```mlir
    %r = nabla.rsqrt %x : tensor<3xf32>
    ```
  }];
}

def Nabla_SigmoidOp : Nabla_UnaryOp<"sigmoid", Nabla_FloatTensor> {
  let summary = "elementwise logistic function, 1 / (1 + exp(-x))";
  let description = [{
    ```mlir
    %r = nabla.sigmoid %x : tensor<3xf32>
    ```
  }];
}

def Nabla_SignOp : Nabla_UnaryOp<"sign", Nabla_NumericTensor> {
  let summary = "elementwise sign: -1, 0 or 1";
  let description = [{
    ```mlir
    %r = nabla.sign %x : tensor<3xf32>
    ```
  }];
}

def Nabla_SinOp : Nabla_UnaryOp<"sin", Nabla_FloatTensor> {
  let summary = "elementwise sine";
  let description = [{
    ```mlir
    %r = nabla.sin %x : tensor<3xf32>
    ```
  }];
}

def Nabla_SqrtOp : Nabla_UnaryOp<"sqrt", Nabla_FloatTensor> {
  let summary = "elementwise square root";
  let description = [{
    ```mlir
    %r = nabla.sqrt %x : tensor<3xf32>
    ```
  }];
}

def Nabla_StopGradientOp : Nabla_UnaryOp<"stop_gradient", Nabla_AnyTensor> {
  let summary = "identity that blocks differentiation";
  let description = [{
    Returns its operand unchanged. Automatic differentiation treats the result
    as a constant: no tangent flows forward through it and no adjoint flows
    back.

    ```mlir
    %r = nabla.stop_gradient %x : tensor<3xf32>
    ```
  }];
  let hasFolder = 1;
}

def Nabla_TanhOp : Nabla_UnaryOp<"tanh", Nabla_FloatTensor> {
  let summary = "elementwise hyperbolic tangent";
  let description = [{
    ```mlir
    %r = nabla.tanh %x : tensor<3xf32>
    ```
  }];
}

// Activations and special functions

def Nabla_EluOp : Nabla_UnaryOp<"elu", Nabla_FloatTensor> {
  let summary = "elementwise exponential linear unit";
  let description = [{
    `x` where `x > 0`, else `alpha * (exp(x) - 1)`.

    ```mlir
    %r = nabla.elu %x {alpha = 1.000000e+00 : f64} : tensor<3xf32>
    ```
  }];
  let arguments = (ins Nabla_FloatTensor:$operand, F64Attr:$alpha);
}

def Nabla_ErfOp : Nabla_UnaryOp<"erf", Nabla_FloatTensor> {
  let summary = "elementwise error function";
  let description = [{
    `erf(x) = 2 / sqrt(pi) * integral of exp(-t^2) from 0 to x`.

    ```mlir
    %r = nabla.erf %x : tensor<3xf32>
    ```
  }];
}

def Nabla_Expm1Op : Nabla_UnaryOp<"expm1", Nabla_FloatTensor> {
  let summary = "elementwise exp(x) - 1, accurate near 0";
  let description = [{
    ```mlir
    %r = nabla.expm1 %x : tensor<3xf32>
    ```
  }];
}

def Nabla_GeluOp : Nabla_UnaryOp<"gelu", Nabla_FloatTensor> {
  let summary = "elementwise Gaussian error linear unit";
  let description = [{
    With `approximate = "none"`: `x * Phi(x) = x / 2 * (1 + erf(x / sqrt(2)))`,
    `Phi` the standard normal distribution function. With
    `approximate = "tanh"`:
    `x / 2 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`.

    ```mlir
    %r = nabla.gelu %x {approximate = "tanh"} : tensor<3xf32>
    ```
  }];
  let arguments = (ins Nabla_FloatTensor:$operand, StrAttr:$approximate);
  let extraClassDeclaration = [{
    /// Whether the tanh approximation is asked for.
    bool isTanhApproximation() { return getApproximate() == "tanh"; }
  }];
  let hasVerifier = 1;
}

def Nabla_LeakyReluOp : Nabla_UnaryOp<"leaky_relu", Nabla_FloatTensor> {
  let summary = "elementwise leaky rectified linear unit";
  let description = [{
    `x` where `x > 0`, else `slope * x`.

    ```mlir
    %r = nabla.leaky_relu %x {slope = 1.000000e-02 : f64} : tensor<3xf32>
    ```
  }];
  let arguments = (ins Nabla_FloatTensor:$operand, F64Attr:$slope);
}

def Nabla_Log1pOp : Nabla_UnaryOp<"log1p", Nabla_FloatTensor> {
  let summary = "elementwise log(1 + x), accurate near 0";
  let description = [{
    ```mlir
    %r = nabla.log1p %x : tensor<3xf32>
    ```
  }];
}

def Nabla_SoftplusOp : Nabla_UnaryOp<"softplus", Nabla_FloatTensor> {
  let summary = "elementwise log(1 + exp(x))";
  let description = [{
    Computed as `max(x, 0) + log1p(exp(-|x|))`, which neither overflows for
    large `x` nor loses the result for very negative `x`.

    ```mlir
    %r = nabla.softplus %x : tensor<3xf32>
    ```
  }];
}

//===----------------------------------------------------------------------===//
// Reduction ops
//===----------------------------------------------------------------------===//

def Nabla_ArgmaxOp : Nabla_Op<"argmax", [Pure]> {
  let summary = "index of the largest element along one axis";
  let description = [{
    Returns, for every position outside `axis`, the index of the largest
    element along `axis` (the first one on ties). The axis is removed from
    the shape, or kept with size 1 when `keepdims` is true.

    ```mlir
    %i = nabla.argmax %x {axis = 1 : i64} : (tensor<2x5xf32>) -> tensor<2xi64>
    ```
  }];
  let arguments = (ins Nabla_NumericTensor:$input, I64Attr:$axis,
                       DefaultValuedAttr<BoolAttr, "false">:$keepdims);
  let results = (outs Nabla_IntTensor:$result);
  let assemblyFormat = [{
    $input attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Nabla_LogSoftmaxOp : Nabla_Op<"log_softmax", [Pure,
    SameOperandsAndResultType]> {
  let summary = "logarithm of softmax along one axis";
  let description = [{
    Computes `x - log(sum(exp(x), axis))` in a numerically stable way.

    ```mlir
    %r = nabla.log_softmax %x {axis = 1 : i64} : tensor<8x10xf32>
    ```
  }];
  let arguments = (ins Nabla_FloatTensor:$input, I64Attr:$axis);
  let results = (outs Nabla_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Nabla_ReduceMaxOp : Nabla_ReduceOp<"reduce_max", Nabla_NumericTensor> {
  let summary = "maximum over a set of axes";
  let description = [{
    Takes the maximum over `axes` (sorted, unique, each in range). Reduced
    axes are removed from the shape, or kept with size 1 when `keepdims` is
    true. Empty `axes` reduce nothing.

    ```mlir
    %m = nabla.reduce_max %x {axes = array<i64: 0>} : (tensor<4x3xf32>) -> tensor<3xf32>
    ```
  }];
}

def Nabla_ReduceMeanOp : Nabla_ReduceOp<"reduce_mean", Nabla_FloatTensor> {
  let summary = "mean over a set of axes";
  let description = [{
    Averages over `axes` (sorted, unique, each in range). Reduced axes are
    removed from the shape, or kept with size 1 when `keepdims` is true.

    ```mlir
    %m = nabla.reduce_mean %x {axes = array<i64: 0, 1>, keepdims = true}
        : (tensor<4x3xf32>) -> tensor<1x1xf32>
    ```
  }];
}

def Nabla_ReduceMinOp : Nabla_ReduceOp<"reduce_min", Nabla_NumericTensor> {
  let summary = "minimum over a set of axes";
  let description = [{
    Takes the minimum over `axes` (sorted, unique, each in range). Reduced
    axes are removed from the shape, or kept with size 1 when `keepdims` is
    true.

    ```mlir
    %m = nabla.reduce_min %x {axes = array<i64: 1>} : (tensor<4x3xi32>) -> tensor<4xi32>
    ```
  }];
}

def Nabla_ReduceSumOp : Nabla_ReduceOp<"reduce_sum", Nabla_NumericTensor> {
  let summary = "sum over a set of axes";
  let description = [{
    Sums over `axes` (sorted, unique, each in range). Reduced axes are
    removed from the shape, or kept with size 1 when `keepdims` is true.

    ```mlir
    %s = nabla.reduce_sum %x {axes = array<i64: 0, 1>} : (tensor<4x3xf32>) -> tensor<f32>
    ```
  }];
}

def Nabla_SoftmaxOp : Nabla_Op<"softmax", [Pure, SameOperandsAndResultType]> {
  let summary = "softmax along one axis";
  let description = [{
    Computes `exp(x) / sum(exp(x), axis)` in a numerically stable way.

    ```mlir
    %r = nabla.softmax %x {axis = 1 : i64} : tensor<8x10xf32>
    ```
  }];
  let arguments = (ins Nabla_FloatTensor:$input, I64Attr:$axis);
  let results = (outs Nabla_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Contraction ops
//===----------------------------------------------------------------------===//

def Nabla_MatmulOp : Nabla_Op<"matmul", [Pure,
    SameOperandsAndResultElementType]> {
  let summary = "matrix product, optionally batched";
  let description = [{
    Multiplies `lhs` of shape `[M, K]` by `rhs` of shape `[K, N]`, giving
    `[M, N]`. With rank-3 operands the leading dimension is a batch dimension
    that both operands share: `[B, M, K] x [B, K, N] -> [B, M, N]`.

    ```mlir
    %c = nabla.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    ```
  }];
  let arguments = (ins Nabla_NumericTensor:$lhs, Nabla_NumericTensor:$rhs);
  let results = (outs Nabla_NumericTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

def Nabla_BroadcastToOp : Nabla_Op<"broadcast_to", [Pure,
    AllElementTypesMatch<["operand", "result"]>]> {
  let summary = "broadcast a tensor to a larger shape";
  let description = [{
    Broadcasts `operand` to the result shape with the NumPy rule. One `index`
    operand gives the size of each dynamic result dimension, in order.

    ```mlir
    %r = nabla.broadcast_to %x : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
    %d = nabla.broadcast_to %x [%n] : (tensor<3x1xf32>) -> tensor<3x?xf32>
    ```
  }];
  let arguments = (ins Nabla_AnyTensor:$operand,
                       Variadic<Index>:$dynamic_sizes);
  let results = (outs Nabla_AnyTensor:$result);
  let assemblyFormat = [{
    $operand (` ` `[` $dynamic_sizes^ `]`)? attr-dict `:`
      `(` type($operand) `)` `->` type($result)
  }];
  let hasVerifier = 1;
}

def Nabla_ConcatOp : Nabla_Op<"concat", [Pure,
    SameOperandsAndResultElementType]> {
  let summary = "concatenate tensors along one axis";
  let description = [{
    Joins one or more tensors of equal rank along `axis`. The other
    dimensions must agree.

    ```mlir
    %r = nabla.concat %a, %b {axis = 0 : i64}
        : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<6x3xf32>
    ```
  }];
  let arguments = (ins Variadic<Nabla_AnyTensor>:$inputs, I64Attr:$axis);
  let results = (outs Nabla_AnyTensor:$result);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, results)
  }];
  let hasVerifier = 1;
}

def Nabla_DynamicSliceOp : Nabla_Op<"dynamic_slice", [Pure,
    AllElementTypesMatch<["operand", "result"]>]> {
  let summary = "slice of static size at run-time offsets";
  let description = [{
    Extracts a block of shape `slice_sizes` that starts at `start_indices`,
    one rank-0 `i64` tensor per dimension. Start indices are clamped so that
    the block stays inside the operand.

    ```mlir
    %r = nabla.dynamic_slice %x[%i, %j] {slice_sizes = array<i64: 2, 2>}
        : (tensor<4x4xf32>) -> tensor<2x2xf32>
    ```
  }];
  let arguments = (ins Nabla_AnyTensor:$operand,
                       Variadic<Nabla_I64Scalar>:$start_indices,
                       DenseI64ArrayAttr:$slice_sizes);
  let results = (outs Nabla_AnyTensor:$result);
  let assemblyFormat = [{
    $operand `[` $start_indices `]` attr-dict `:`
      `(` type($operand) `)` `->` type($result)
  }];
  let hasVerifier = 1;
}

def Nabla_DynamicUpdateSliceOp : Nabla_Op<"dynamic_update_slice", [Pure,
    AllTypesMatch<["operand", "result"]>,
    AllElementTypesMatch<["operand", "update"]>]> {
  let summary = "overwrite a block at run-time offsets";
  let description = [{
    Returns `operand` with the block starting at `start_indices` (one rank-0
    `i64` tensor per dimension) replaced by `update`. Start indices are
    clamped so that the block stays inside the operand.

    ```mlir
    %r = nabla.dynamic_update_slice %u into %x[%i, %j]
        : tensor<1x2xf32> into tensor<4x4xf32>
    ```
  }];
  let arguments = (ins Nabla_AnyTensor:$operand, Nabla_AnyTensor:$update,
                       Variadic<Nabla_I64Scalar>:$start_indices);
  let results = (outs Nabla_AnyTensor:$result);
  let assemblyFormat = [{
    $update `into` $operand `[` $start_indices `]` attr-dict `:`
      type($update) `into` type($operand)
  }];
  let hasVerifier = 1;
}

def Nabla_OneHotOp : Nabla_Op<"one_hot", [Pure]> {
  let summary = "one-hot encoding of integer labels";
  let description = [{
    Appends a dimension of size `depth`: element `[..., j]` of the result is
    1.0 when the label at `[...]` equals `j` and 0.0 otherwise.

    ```mlir
    %r = nabla.one_hot %labels {depth = 10 : i64} : (tensor<8xi64>) -> tensor<8x10xf32>
    ```
  }];
  let arguments = (ins Nabla_IntTensor:$labels, I64Attr:$depth);
  let results = (outs Nabla_FloatTensor:$result);
  let assemblyFormat = [{
    $labels attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Nabla_ReshapeOp : Nabla_Op<"reshape", [Pure,
    SameOperandsAndResultElementType]> {
  let summary = "reinterpret a tensor with a new shape";
  let description = [{
    Keeps the elements in row-major order and changes the shape. At most one
    result dimension may be dynamic; its size follows from the element count.

    ```mlir
    %r = nabla.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
    %s = nabla.reshape %y : (tensor<?x4xf32>) -> tensor<?x2x2xf32>
    ```
  }];
  let arguments = (ins Nabla_AnyTensor:$operand);
  let results = (outs Nabla_AnyTensor:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Nabla_ScatterAddOp : Nabla_Op<"scatter_add", [Pure,
    AllTypesMatch<["operand", "result"]>,
    AllElementTypesMatch<["operand", "updates"]>]> {
  let summary = "add slices into a tensor along one axis at integer indices";
  let description = [{
    The transpose of `nabla.take`: returns `operand` with, for every position
    `j` of `indices`, the slice of `updates` at `j` added at position
    `indices[j]` along `axis`. Repeated indices accumulate. `updates` has the
    shape of the matching `take`: `operand.shape[:axis] ++ indices.shape ++
    operand.shape[axis+1:]`. Indices are in `[0, operand.shape[axis])`, as
    for `take`. The autodiff pass builds it as the adjoint of `take`.

    ```mlir
    %r = nabla.scatter_add %table, %ids, %rows {axis = 0 : i64}
        : (tensor<100x16xf32>, tensor<8xi64>, tensor<8x16xf32>)
        -> tensor<100x16xf32>
    ```
  }];
  let arguments = (ins Nabla_NumericTensor:$operand, Nabla_IntTensor:$indices,
                       Nabla_NumericTensor:$updates, I64Attr:$axis);
  let results = (outs Nabla_NumericTensor:$result);
  let assemblyFormat = [{
    $operand `,` $indices `,` $updates attr-dict `:`
      functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Nabla_SliceOp : Nabla_Op<"slice", [Pure,
    SameOperandsAndResultElementType]> {
  let summary = "strided slice with static bounds";
  let description = [{
    Takes elements `start, start + stride, ...` below `limit` in each
    dimension. Result dimension `i` has size
    `ceil((limit[i] - start[i]) / stride[i])`.

    ```mlir
    %r = nabla.slice %x {limit_indices = array<i64: 4, 3>,
                         start_indices = array<i64: 0, 1>,
                         strides = array<i64: 2, 1>}
        : (tensor<4x3xf32>) -> tensor<2x2xf32>
    ```
  }];
  let arguments = (ins Nabla_AnyTensor:$operand,
                       DenseI64ArrayAttr:$start_indices,
                       DenseI64ArrayAttr:$limit_indices,
                       DenseI64ArrayAttr:$strides);
  let results = (outs Nabla_AnyTensor:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Nabla_TakeOp : Nabla_Op<"take", [Pure,
    AllElementTypesMatch<["operand", "result"]>]> {
  let summary = "gather slices along one axis by integer indices";
  let description = [{
    Selects entries of `operand` along `axis` at the positions in `indices`.
    The result shape is `operand.shape[:axis] ++ indices.shape ++
    operand.shape[axis+1:]`.

    ```mlir
    %r = nabla.take %table, %ids {axis = 0 : i64}
        : (tensor<100x16xf32>, tensor<8xi64>) -> tensor<8x16xf32>
    ```
  }];
  let arguments = (ins Nabla_AnyTensor:$operand, Nabla_IntTensor:$indices,
                       I64Attr:$axis);
  let results = (outs Nabla_AnyTensor:$result);
  let assemblyFormat = [{
    $operand `,` $indices attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Nabla_TransposeOp : Nabla_Op<"transpose", [Pure,
    SameOperandsAndResultElementType]> {
  let summary = "permute the dimensions of a tensor";
  let description = [{
    Result dimension `i` is operand dimension `permutation[i]`.

    ```mlir
    %r = nabla.transpose %x {permutation = array<i64: 1, 0>}
        : (tensor<2x3xf32>) -> tensor<3x2xf32>
    ```
  }];
  let arguments = (ins Nabla_AnyTensor:$operand,
                       DenseI64ArrayAttr:$permutation);
  let results = (outs Nabla_AnyTensor:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Random ops
//===----------------------------------------------------------------------===//

def Nabla_FoldInOp : Nabla_Op<"fold_in", [Pure]> {
  let summary = "derive a new PRNG key from a key and an integer";
  let description = [{
    Mixes `data` into `key` and returns a new key. Keys are rank-0 `i64`
    tensors; the same key and data always give the same new key.

    ```mlir
    %k1 = nabla.fold_in %k, %step
    ```
  }];
  let arguments = (ins Nabla_I64Scalar:$key, Nabla_I64Scalar:$data);
  let results = (outs Nabla_I64Scalar:$result);
  let assemblyFormat = "$key `,` $data attr-dict";
  let builders = [
    OpBuilder<(ins "::mlir::Value":$key, "::mlir::Value":$data), [{
      build($_builder, $_state, key.getType(), key, data);
    }]>
  ];
}

def Nabla_RandomNormalOp : Nabla_RandomOp<"random_normal"> {
  let summary = "standard normal samples from a key";
  let description = [{
    Fills the result with samples from N(0, 1) drawn by a counter-based
    generator. The samples depend only on `key` and the shape, so the op is
    deterministic and marked `Pure`: equal keys give equal tensors. One
    `index` operand gives the size of each dynamic result dimension.

    ```mlir
    %w = nabla.random_normal %k : tensor<784x128xf32>
    %n = nabla.random_normal %k [%b] : tensor<?x10xf32>
    ```
  }];
}

def Nabla_RandomUniformOp : Nabla_RandomOp<"random_uniform"> {
  let summary = "uniform samples in [0, 1) from a key";
  let description = [{
    Fills the result with samples from U[0, 1) drawn by a counter-based
    generator. The samples depend only on `key` and the shape, so the op is
    deterministic and marked `Pure`: equal keys give equal tensors. One
    `index` operand gives the size of each dynamic result dimension.

    ```mlir
    %u = nabla.random_uniform %k : tensor<3x3xf32>
    ```
  }];
}

include "nabla/IR/NablaTransformOps.td"
include "nabla/IR/NablaIOOps.td"

#endif // NABLA_IR_NABLAOPS_TD

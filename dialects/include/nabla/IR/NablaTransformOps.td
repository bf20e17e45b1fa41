//===- NablaTransformOps.td - Nabla transform ops ----------*- tablegen -*-===//
//
// Included by NablaOps.td, which defines Nabla_Op and the type constraints.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_IR_NABLATRANSFORMOPS_TD
#define NABLA_IR_NABLATRANSFORMOPS_TD

//===----------------------------------------------------------------------===//
// Transform ops
//===----------------------------------------------------------------------===//

def Nabla_CustomVjpOp : Nabla_Op<"custom_vjp", [Nabla_FunctionTransform,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "call of a function with a user-given reverse-mode rule";
  let description = [{
    Calls `callee` at `operands` and returns its results; reverse mode does
    not differentiate `callee` but uses the rule `fwd`/`bwd`. `fwd` takes the
    arguments of `callee` and returns its results followed by residuals;
    `bwd` takes the residuals followed by one cotangent per result and
    returns one cotangent per argument. Forward mode through the op is an
    error. `nabla-expand-custom-vjp` replaces the op by a call of a function
    that carries the rule as the attribute
    `nabla.custom_vjp = {fwd = @fwd, bwd = @bwd}`, which `nabla-autodiff`
    reads.

    ```mlir
    %y = nabla.custom_vjp @cube(%x) fwd @cube_fwd bwd @cube_bwd
        : (tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, FlatSymbolRefAttr:$fwd,
                       FlatSymbolRefAttr:$bwd,
                       Variadic<Nabla_AnyTensor>:$operands);
  let results = (outs Variadic<Nabla_AnyTensor>:$results);
  let assemblyFormat = [{
    $callee `(` $operands `)` `fwd` $fwd `bwd` $bwd attr-dict `:`
    functional-type($operands, results)
  }];
}

def Nabla_GradOp : Nabla_TransformOp<"grad",
    (outs Variadic<Nabla_AnyTensor>:$results)> {
  let summary = "gradient of a scalar function";
  let description = [{
    Calls the gradient of `callee` at `operands` (the callee's arguments).
    The callee must return exactly one rank-0 float tensor. The results are
    the gradients with respect to the arguments listed in `wrt`, in that
    order, each with its argument's type.

    ```mlir
    %g:2 = nabla.grad @loss(%w, %x) {wrt = array<i64: 0, 1>}
        : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
    ```
  }];
}

def Nabla_HvpOp : Nabla_TransformOp<"hvp",
    (outs Nabla_AnyTensor:$result)> {
  let summary = "Hessian-vector product of a scalar function";
  let description = [{
    Operands are the callee's arguments followed by one tangent for the
    single argument in `wrt`. The callee must return exactly one rank-0 float
    tensor. The result, of the `wrt` argument's type, is the Hessian of the
    callee with respect to that argument applied to the tangent (forward over
    reverse).

    ```mlir
    %hv = nabla.hvp @loss(%w, %x, %v) {wrt = array<i64: 0>}
        : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    ```
  }];
}

def Nabla_JacobianOp : Nabla_TransformOp<"jacobian",
    (outs Nabla_AnyTensor:$result)> {
  let summary = "full Jacobian of a function";
  let description = [{
    The callee has one result of shape `R`; `wrt` names one argument of shape
    `A`. The result has shape `R ++ A` and holds d result / d argument.

    ```mlir
    %j = nabla.jacobian @f(%x) {wrt = array<i64: 0>}
        : (tensor<3xf32>) -> tensor<2x3xf32>
    ```
  }];
}

def Nabla_JvpOp : Nabla_TransformOp<"jvp",
    (outs Variadic<Nabla_AnyTensor>:$results)> {
  let summary = "Jacobian-vector product (forward mode)";
  let description = [{
    Operands are the callee's arguments followed by one tangent per `wrt`
    argument, each of that argument's type. Results are the callee's results
    followed by one tangent per callee result, each of that result's type.

    ```mlir
    %y, %yt = nabla.jvp @f(%x, %xt) {wrt = array<i64: 0>}
        : (tensor<3xf32>, tensor<3xf32>) -> (tensor<2xf32>, tensor<2xf32>)
    ```
  }];
}

def Nabla_PerExampleGradOp : Nabla_Op<"per_example_grad", [Pure,
    Nabla_FunctionTransform,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "gradient of a scalar function for each example of a batch";
  let description = [{
    Operands are the callee's arguments. Those not listed in `wrt` are
    batches: each holds the examples along its first dimension, and all hold
    the same number of them (checked at run time). The callee must return
    exactly one rank-0 float tensor. Row `i` of the result is the gradient
    with respect to the `wrt` arguments of the callee applied to example `i`
    of every batch (as a batch of one), the gradients flattened and
    concatenated in `wrt` order. The `wrt` arguments have static shapes and
    one element type, the result's; the batches' first dimension is dynamic
    or 1. `label`, the transform as the program spells it, names it in the
    run-time error. `nabla-expand-per-example-grad` replaces the op by an
    `scf.for` over the examples that calls `nabla.grad`.

    ```mlir
    %g = nabla.per_example_grad @loss(%w, %x) {wrt = array<i64: 0>}
        : (tensor<3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, DenseI64ArrayAttr:$wrt,
                       OptionalAttr<StrAttr>:$label,
                       Variadic<Nabla_AnyTensor>:$operands);
  let results = (outs Nabla_FloatTensor:$result);
  let assemblyFormat = [{
    $callee `(` $operands `)` attr-dict `:` functional-type($operands, results)
  }];
}

def Nabla_ValueAndGradOp : Nabla_TransformOp<"value_and_grad",
    (outs Variadic<Nabla_AnyTensor>:$results)> {
  let summary = "value and gradient of a scalar function";
  let description = [{
    Like `nabla.grad`, but the first result is the callee's own (rank-0
    float) result, followed by the gradients for the `wrt` arguments.

    ```mlir
    %l, %g = nabla.value_and_grad @loss(%w, %x) {wrt = array<i64: 0>}
        : (tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>)
    ```
  }];
}

def Nabla_VjpOp : Nabla_TransformOp<"vjp",
    (outs Variadic<Nabla_AnyTensor>:$results)> {
  let summary = "vector-Jacobian product (reverse mode)";
  let description = [{
    Operands are the callee's arguments followed by one cotangent per callee
    result, each of that result's type. Results are the callee's results
    followed by one cotangent per `wrt` argument, each of that argument's
    type.

    ```mlir
    %y, %xc = nabla.vjp @f(%x, %yc) {wrt = array<i64: 0>}
        : (tensor<3xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<3xf32>)
    ```
  }];
}

#endif // NABLA_IR_NABLATRANSFORMOPS_TD

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

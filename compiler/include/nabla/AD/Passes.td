//===- Passes.td - Automatic differentiation passes --------*- tablegen -*-===//
//
// The autodiff pass, which expands the nabla function transforms into
// generated derivative functions.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_AD_PASSES_TD
#define NABLA_AD_PASSES_TD

include "mlir/Pass/PassBase.td"

def NablaAutodiff : Pass<"nabla-autodiff", "::mlir::ModuleOp"> {
  let summary = "Expand function transforms into generated derivative "
                "functions";
  let description = [{
    Replaces every `nabla.grad`, `nabla.value_and_grad`, `nabla.jvp`,
    `nabla.vjp`, `nabla.hvp` and `nabla.jacobian` by calls to private
    functions it generates next to the differentiated function:

    - `@f_jvp` (forward mode): the arguments of `@f` followed by one tangent
      per `wrt` argument, to the results of `@f` followed by one tangent per
      result.
    - `@f_vjp` (reverse mode): the arguments of `@f` followed by one
      cotangent per result, to the results of `@f` followed by one cotangent
      per `wrt` argument. `grad` and `value_and_grad` call it with a unit
      cotangent.
    - `hvp` is forward over reverse: a call to the `@f_vjp_jvp` of `@f_vjp`.
    - `jacobian` loops over basis vectors: one jvp per input element when the
      input has fewer elements than the output, else one vjp per output
      element (static shapes only).

    Each op supplies its local derivative through `DifferentiableOpInterface`
    (rules in dialects/lib/AD). Activity analysis skips values that are not
    floats, do not depend on a `wrt` argument, do not reach a result, or come
    out of `nabla.stop_gradient`. A value that needs a derivative but is
    produced by an op without rules is an error at that op
    (`cannot differentiate through 'op'`).

    Reverse mode keeps the forward sweep's SSA values as its tape. `scf.for`
    saves the loop-carried values each iteration starts from in a tensor with
    a leading iteration dimension (`tensor.insert_slice`), then runs a
    reverse loop that reads them back (`tensor.extract_slice`), recomputes
    the iteration and differentiates it. `scf.while` first counts its
    iterations, then replays them as an `scf.for` that tapes the state.
    `scf.if` recomputes its branches inside a reverse `scf.if`. Calls are
    differentiated interprocedurally: the forward sweep calls
    `@callee_vjp_fwd`, which returns the callee's results and the residuals
    its reverse sweep needs, and the reverse sweep calls `@callee_vjp_bwd`
    on them. Forward mode calls `@callee_jvp`. Transforms of functions that
    contain transforms (grad of grad) are expanded innermost first.

    Broadcasting ops sum adjoints over the broadcast axes; a dimension that
    is dynamic in both the operand and the result is taken to have equal
    sizes (no sum).

    Custom rules are function attributes:

    - `nabla.custom_vjp = {fwd = @f_fwd, bwd = @f_bwd}`: `@f_fwd` takes the
      arguments of `@f` and returns its results followed by residuals;
      `@f_bwd` takes the residuals followed by one cotangent per result and
      returns one cotangent per argument. Reverse mode uses them for calls to
      `@f` and for transforms of `@f`.
    - `nabla.custom_jvp = @f_tangent`: takes the arguments of `@f` followed
      by one tangent per argument and returns the results followed by one
      tangent per result. Forward mode through a function with a custom_vjp
      but no custom_jvp is an error.

    Example:

    ```mlir
    func.func private @f(%x: tensor<f32>) -> tensor<f32> {
      %y = nabla.mul %x, %x : (tensor<f32>, tensor<f32>) -> tensor<f32>
      return %y : tensor<f32>
    }
    func.func @main(%x: tensor<f32>) -> tensor<f32> {
      %g = nabla.grad @f(%x) {wrt = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
      return %g : tensor<f32>
    }
    ```

    becomes

    ```mlir
    func.func @main(%x: tensor<f32>) -> tensor<f32> {
      %one = nabla.constant dense<1.0> : tensor<f32>
      %r:2 = call @f_vjp(%x, %one) : (tensor<f32>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
      return %r#1 : tensor<f32>
    }
    func.func private @f_vjp(%x: tensor<f32>, %ct: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
      %y = nabla.mul %x, %x : (tensor<f32>, tensor<f32>) -> tensor<f32>
      %a = nabla.mul %ct, %x : (tensor<f32>, tensor<f32>) -> tensor<f32>
      %b = nabla.mul %x, %ct : (tensor<f32>, tensor<f32>) -> tensor<f32>
      %g = nabla.add %a, %b : (tensor<f32>, tensor<f32>) -> tensor<f32>
      return %y, %g : tensor<f32>, tensor<f32>
    }
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect",
    "::mlir::nabla::NablaDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // NABLA_AD_PASSES_TD

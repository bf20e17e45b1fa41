//===- Passes.td - Automatic differentiation passes --------*- tablegen -*-===//
//
// The autodiff pass, which expands the nabla function transforms into
// generated derivative functions, and the passes that expand custom_vjp and
// per_example_grad into ops it differentiates. The AD phase runs them first.
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
    functions it generates next to the differentiated function. It finds
    transforms by their trait (`FunctionTransform`); `nabla.custom_vjp` and
    `nabla.per_example_grad` carry it too but must have been expanded by
    `nabla-expand-custom-vjp` and `nabla-expand-per-example-grad` first
    (the AD phase runs them before this pass). The generated functions:

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

def NablaExpandCustomVjp : Pass<"nabla-expand-custom-vjp",
                                 "::mlir::ModuleOp"> {
  let summary = "Turn nabla.custom_vjp ops into calls of functions that "
                "carry the rule as an attribute";
  let description = [{
    Replaces every `nabla.custom_vjp @f(...) fwd @f_fwd bwd @f_bwd` by a
    `func.call` of a function whose attribute
    `nabla.custom_vjp = {fwd = @f_fwd, bwd = @f_bwd}` tells `nabla-autodiff`
    to use the rule instead of differentiating it. When the op's function
    only forwards its arguments to the op and returns its results (the
    wrapper MLIRGen makes for `custom_vjp(f, fwd, bwd)`), that function gets
    the attribute and calls `@f`. Otherwise the op becomes a call of a new
    private function `@f_custom_vjp` (one per rule) with the attribute, whose
    body calls `@f`.

    Example:

    ```mlir
    func.func private @g(%x: tensor<f32>) -> tensor<f32> {
      %y = nabla.custom_vjp @f(%x) fwd @f_fwd bwd @f_bwd
          : (tensor<f32>) -> tensor<f32>
      return %y : tensor<f32>
    }
    ```

    becomes

    ```mlir
    func.func private @g(%x: tensor<f32>) -> tensor<f32>
        attributes {nabla.custom_vjp = {bwd = @f_bwd, fwd = @f_fwd}} {
      %y = call @f(%x) : (tensor<f32>) -> tensor<f32>
      return %y : tensor<f32>
    }
    ```
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def NablaExpandPerExampleGrad : Pass<"nabla-expand-per-example-grad",
                                     "::mlir::ModuleOp"> {
  let summary = "Expand nabla.per_example_grad into a loop of nabla.grad";
  let description = [{
    Replaces every `nabla.per_example_grad` by an `scf.for` over the
    examples. It checks at run time that all batch arguments (those not in
    `wrt`) hold the same number of examples (`nabla.check`), then for
    example `i` slices row `i` out of every batch (`nabla.dynamic_slice`, a
    batch of one, `tensor.cast` to the callee's argument type), takes
    `nabla.grad` of the callee there, flattens the gradients, concatenates
    them and adds the row into row `i` of a zero result
    (`nabla.scatter_add`). `nabla-autodiff` then expands the `nabla.grad`.

    Example:

    ```mlir
    %g = nabla.per_example_grad @loss(%w, %x) {wrt = array<i64: 0>}
        : (tensor<3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
    ```

    becomes

    ```mlir
    %c0 = arith.constant 0 : index
    %n = tensor.dim %x, %c0 : tensor<?x3xf32>
    %zero = nabla.constant dense<0.0> : tensor<f32>
    %init = nabla.splat %zero [%n] : (tensor<f32>) -> tensor<?x3xf32>
    %c1 = arith.constant 1 : index
    %g = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %init)
        -> (tensor<?x3xf32>) {
      // %xi: row %i of %x, as tensor<1x3xf32> cast to tensor<?x3xf32>
      %gi = nabla.grad @loss(%w, %xi) {wrt = array<i64: 0>}
          : (tensor<3xf32>, tensor<?x3xf32>) -> tensor<3xf32>
      // %row: %gi reshaped to tensor<1x3xf32>; %at: %i as tensor<1xi64>
      %next = nabla.scatter_add %acc, %at, %row {axis = 0 : i64} : ...
      scf.yield %next : tensor<?x3xf32>
    }
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::nabla::NablaDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // NABLA_AD_PASSES_TD

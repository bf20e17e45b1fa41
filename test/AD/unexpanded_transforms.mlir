// RUN: nabla-opt %s --split-input-file --nabla-autodiff --verify-diagnostics

// custom_vjp and per_example_grad are function transforms (the trait
// nabla-autodiff looks for) with their own expansion passes, which run before
// nabla-autodiff in the AD phase; nabla-autodiff does not expand them.

func.func private @cube(%x: tensor<3xf32>) -> tensor<3xf32>
func.func private @cube_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
func.func private @cube_bwd(%r: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32>

func.func @main(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'nabla.custom_vjp' op must be expanded by its own pass before nabla-autodiff (nabla-expand-custom-vjp, nabla-expand-per-example-grad)}}
  %y = nabla.custom_vjp @cube(%x) fwd @cube_fwd bwd @cube_bwd : (tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

func.func private @loss(%w: tensor<3xf32>, %x: tensor<?x3xf32>) -> tensor<f32>

func.func @main(%w: tensor<3xf32>, %x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{'nabla.per_example_grad' op must be expanded by its own pass before nabla-autodiff (nabla-expand-custom-vjp, nabla-expand-per-example-grad)}}
  %g = nabla.per_example_grad @loss(%w, %x) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %g : tensor<?x3xf32>
}

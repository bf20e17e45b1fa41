// RUN: not nabla-opt %s --convert-nabla-to-linalg --split-input-file 2>&1 | FileCheck %s

// Valid nabla IR that the CPU lowering does not handle yet fails with a
// diagnostic that says why (and no crash).

// CHECK: error: 'nabla.scatter_add' op indices of rank 2 are not supported yet (expected rank 1)
func.func @scatter_add_2d_indices(%t: tensor<5x3xf32>, %ids: tensor<2x2xi64>, %u: tensor<2x2x3xf32>) -> tensor<5x3xf32> {
  %r = nabla.scatter_add %t, %ids, %u {axis = 0 : i64} : (tensor<5x3xf32>, tensor<2x2xi64>, tensor<2x2x3xf32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Adjoint rule of matmul: A' = C' B^T, B' = A^T C'.

// CHECK-LABEL: func.func private @matmul_vjp
// CHECK-SAME: (%[[A:[^:]+]]: tensor<2x3xf32>, %[[B:[^:]+]]: tensor<3x4xf32>, %[[CT:[^:]+]]: tensor<2x4xf32>)
// CHECK: %[[BT:.+]] = nabla.transpose %[[B]] {permutation = array<i64: 1, 0>} : (tensor<3x4xf32>) -> tensor<4x3xf32>
// CHECK: %[[DA:.+]] = nabla.matmul %[[CT]], %[[BT]] : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[AT:.+]] = nabla.transpose %[[A]] {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK: %[[DB:.+]] = nabla.matmul %[[AT]], %[[CT]] : (tensor<3x2xf32>, tensor<2x4xf32>) -> tensor<3x4xf32>
// CHECK: return %{{.+}}, %[[DA]], %[[DB]]
func.func private @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %y = nabla.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
func.func @matmul_caller(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %ct: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %y, %ac, %bc = nabla.vjp @matmul(%a, %b, %ct) {wrt = array<i64: 0, 1>} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>)
  return %ac : tensor<2x3xf32>
}

// -----

// Batched: the two trailing dimensions are transposed.
// CHECK-LABEL: func.func private @batched_vjp
// CHECK-SAME: (%[[A:[^:]+]]: tensor<5x?x3xf32>, %[[B:[^:]+]]: tensor<5x3x4xf32>, %[[CT:[^:]+]]: tensor<5x?x4xf32>)
// CHECK: %[[BT:.+]] = nabla.transpose %[[B]] {permutation = array<i64: 0, 2, 1>} : (tensor<5x3x4xf32>) -> tensor<5x4x3xf32>
// CHECK: %[[DA:.+]] = nabla.matmul %[[CT]], %[[BT]] : (tensor<5x?x4xf32>, tensor<5x4x3xf32>) -> tensor<5x?x3xf32>
// CHECK: %[[AT:.+]] = nabla.transpose %[[A]] {permutation = array<i64: 0, 2, 1>} : (tensor<5x?x3xf32>) -> tensor<5x3x?xf32>
// CHECK: %[[DB:.+]] = nabla.matmul %[[AT]], %[[CT]] : (tensor<5x3x?xf32>, tensor<5x?x4xf32>) -> tensor<5x3x4xf32>
// CHECK: return %{{.+}}, %[[DA]], %[[DB]]
func.func private @batched(%a: tensor<5x?x3xf32>, %b: tensor<5x3x4xf32>) -> tensor<5x?x4xf32> {
  %y = nabla.matmul %a, %b : (tensor<5x?x3xf32>, tensor<5x3x4xf32>) -> tensor<5x?x4xf32>
  return %y : tensor<5x?x4xf32>
}
func.func @batched_caller(%a: tensor<5x?x3xf32>, %b: tensor<5x3x4xf32>, %ct: tensor<5x?x4xf32>) -> tensor<5x3x4xf32> {
  %y, %ac, %bc = nabla.vjp @batched(%a, %b, %ct) {wrt = array<i64: 0, 1>} : (tensor<5x?x3xf32>, tensor<5x3x4xf32>, tensor<5x?x4xf32>) -> (tensor<5x?x4xf32>, tensor<5x?x3xf32>, tensor<5x3x4xf32>)
  return %bc : tensor<5x3x4xf32>
}

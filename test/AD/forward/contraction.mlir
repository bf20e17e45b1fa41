// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Tangent rule of matmul: d(A B) = dA B + A dB.

// CHECK-LABEL: func.func private @matmul_jvp
// CHECK-SAME: (%[[A:[^:]+]]: tensor<2x3xf32>, %[[B:[^:]+]]: tensor<3x4xf32>, %[[TA:[^:]+]]: tensor<2x3xf32>, %[[TB:[^:]+]]: tensor<3x4xf32>)
// CHECK: %[[Y:.+]] = nabla.matmul %[[A]], %[[B]]
// CHECK: %[[L:.+]] = nabla.matmul %[[TA]], %[[B]] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// CHECK: %[[R:.+]] = nabla.matmul %[[A]], %[[TB]] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// CHECK: %[[DY:.+]] = nabla.add %[[L]], %[[R]]
// CHECK: return %[[Y]], %[[DY]]
func.func private @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %y = nabla.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
func.func @matmul_caller(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %y, %t = nabla.jvp @matmul(%a, %b, %a, %b) {wrt = array<i64: 0, 1>} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>)
  return %t : tensor<2x4xf32>
}

// -----

// CHECK-LABEL: func.func private @batched_jvp
// CHECK-SAME: (%[[A:[^:]+]]: tensor<5x?x3xf32>, %[[B:[^:]+]]: tensor<5x3x4xf32>, %[[TB:[^:]+]]: tensor<5x3x4xf32>)
// CHECK: %[[DY:.+]] = nabla.matmul %[[A]], %[[TB]] : (tensor<5x?x3xf32>, tensor<5x3x4xf32>) -> tensor<5x?x4xf32>
// CHECK: return %{{.+}}, %[[DY]]
func.func private @batched(%a: tensor<5x?x3xf32>, %b: tensor<5x3x4xf32>) -> tensor<5x?x4xf32> {
  %y = nabla.matmul %a, %b : (tensor<5x?x3xf32>, tensor<5x3x4xf32>) -> tensor<5x?x4xf32>
  return %y : tensor<5x?x4xf32>
}
func.func @batched_caller(%a: tensor<5x?x3xf32>, %b: tensor<5x3x4xf32>) -> tensor<5x?x4xf32> {
  %y, %t = nabla.jvp @batched(%a, %b, %b) {wrt = array<i64: 1>} : (tensor<5x?x3xf32>, tensor<5x3x4xf32>, tensor<5x3x4xf32>) -> (tensor<5x?x4xf32>, tensor<5x?x4xf32>)
  return %t : tensor<5x?x4xf32>
}

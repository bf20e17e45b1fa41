// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Tangent rule of splat, the one creation op with a differentiable operand.

// CHECK-LABEL: func.func private @splat_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<f32>, %{{[^:]+}}: tensor<?xf32>, %[[T:[^:]+]]: tensor<f32>)
// CHECK: %[[N:.+]] = tensor.dim
// CHECK: %[[DY:.+]] = nabla.splat %[[T]] [%[[N]]] : (tensor<f32>) -> tensor<?x2xf32>
// CHECK: return %{{.+}}, %[[DY]]
func.func private @splat(%s: tensor<f32>, %like: tensor<?xf32>) -> tensor<?x2xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %like, %c0 : tensor<?xf32>
  %y = nabla.splat %s [%n] : (tensor<f32>) -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}
func.func @splat_caller(%s: tensor<f32>, %like: tensor<?xf32>, %ct: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %y2, %t = nabla.jvp @splat(%s, %like, %s) {wrt = array<i64: 0>} : (tensor<f32>, tensor<?xf32>, tensor<f32>) -> (tensor<?x2xf32>, tensor<?x2xf32>)
  return %t : tensor<?x2xf32>
}

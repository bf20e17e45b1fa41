// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Adjoint rules of the creation ops.

// The scalar's cotangent is the sum of the result's.
// CHECK-LABEL: func.func private @splat_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<f32>, %{{[^:]+}}: tensor<?xf32>, %[[CT:[^:]+]]: tensor<?x2xf32>)
// CHECK: %[[DS:.+]] = nabla.reduce_sum %[[CT]] {axes = array<i64: 0, 1>} : (tensor<?x2xf32>) -> tensor<f32>
// CHECK: return %{{.+}}, %[[DS]]
func.func private @splat(%s: tensor<f32>, %like: tensor<?xf32>) -> tensor<?x2xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %like, %c0 : tensor<?xf32>
  %y = nabla.splat %s [%n] : (tensor<f32>) -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}
func.func @splat_caller(%s: tensor<f32>, %like: tensor<?xf32>, %ct: tensor<?x2xf32>) -> tensor<f32> {
  %y, %sc = nabla.vjp @splat(%s, %like, %ct) {wrt = array<i64: 0>} : (tensor<f32>, tensor<?xf32>, tensor<?x2xf32>) -> (tensor<?x2xf32>, tensor<f32>)
  return %sc : tensor<f32>
}

// -----

// Constants, iota and random numbers have no derivative: only zeros reach
// the argument.
// CHECK-LABEL: func.func private @sources_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[K:[^:]+]]: tensor<i64>, %[[CT:[^:]+]]: tensor<3xf32>)
// CHECK: nabla.random_normal %[[K]]
// CHECK-NEXT: nabla.add
// CHECK-NEXT: %[[Y:.+]] = nabla.add
// CHECK-NEXT: %[[DX:.+]] = nabla.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK-NEXT: return %[[Y]], %[[DX]]
func.func private @sources(%x: tensor<3xf32>, %k: tensor<i64>) -> tensor<3xf32> {
  %c = nabla.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %i = nabla.iota {dimension = 0 : i64} : tensor<3xf32>
  %r = nabla.random_normal %k : tensor<3xf32>
  %a = nabla.add %c, %i : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %y = nabla.add %a, %r : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @sources_caller(%x: tensor<3xf32>, %k: tensor<i64>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @sources(%x, %k, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<i64>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

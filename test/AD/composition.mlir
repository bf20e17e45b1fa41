// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Transforms compose. The front end writes grad(grad(f)) as a grad of a
// wrapper function that contains a grad; the pass expands the innermost
// transform first and then differentiates the generated code again. hvp is
// forward over reverse, and jacobian loops over basis vectors.

// Grad of grad: @cube$grad_0 calls @cube_vjp once the inner grad is
// expanded, and its own vjp uses the fwd/bwd pair of @cube_vjp.
// CHECK-LABEL: func.func private @cube$grad_0
// CHECK: call @cube_vjp
// CHECK-LABEL: func.func @main
// CHECK: %[[ONE:.+]] = nabla.constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[R:.+]]:2 = call @cube$grad_0_vjp(%{{.+}}, %[[ONE]])
// CHECK: return %[[R]]#1
// CHECK-LABEL: func.func private @cube_vjp
// CHECK-LABEL: func.func private @cube$grad_0_vjp
// CHECK: %[[F:.+]]:6 = call @cube_vjp_vjp_fwd
// CHECK: call @cube_vjp_vjp_bwd(%[[F]]#2, %[[F]]#3, %[[F]]#4, %[[F]]#5,
// CHECK-LABEL: func.func private @cube_vjp_vjp_fwd
// CHECK-LABEL: func.func private @cube_vjp_vjp_bwd
// CHECK-NOT: nabla.grad
func.func private @cube(%x: tensor<f32>) -> tensor<f32> {
  %a = nabla.mul %x, %x : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %y = nabla.mul %a, %x : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %y : tensor<f32>
}
func.func private @cube$grad_0(%x: tensor<f32>) -> tensor<f32> {
  %g = nabla.grad @cube(%x) {wrt = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}
func.func @main(%x: tensor<f32>) -> tensor<f32> {
  %gg = nabla.grad @cube$grad_0(%x) {wrt = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %gg : tensor<f32>
}

// -----

// jvp of grad: forward mode through the generated @sq_vjp.
// CHECK-LABEL: func.func @main
// CHECK: call @sq$grad_0_jvp
// CHECK-LABEL: func.func private @sq$grad_0_jvp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<f32>, %[[T:[^:]+]]: tensor<f32>)
// CHECK: %[[ONE:.+]] = nabla.constant dense<1.000000e+00>
// CHECK: %[[R:.+]]:4 = call @sq_vjp_jvp(%[[X]], %[[ONE]], %[[T]])
// CHECK: return %[[R]]#1, %[[R]]#3
func.func private @sq(%x: tensor<f32>) -> tensor<f32> {
  %y = nabla.mul %x, %x : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %y : tensor<f32>
}
func.func private @sq$grad_0(%x: tensor<f32>) -> tensor<f32> {
  %g = nabla.grad @sq(%x) {wrt = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}
func.func @main(%x: tensor<f32>) -> tensor<f32> {
  %y, %t = nabla.jvp @sq$grad_0(%x, %x) {wrt = array<i64: 0>} : (tensor<f32>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
  return %t : tensor<f32>
}

// -----

// hvp of 1/2 x^T H x: the jvp of @quad_vjp along (v, 0) at cotangent 1;
// the result is the tangent of the gradient, H v.
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2xf32>, %[[V:[^:]+]]: tensor<2xf32>)
// CHECK: %[[ONE:.+]] = nabla.constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[R:.+]]:4 = call @quad_vjp_jvp(%[[X]], %[[ONE]], %[[V]]) : (tensor<2xf32>, tensor<f32>, tensor<2xf32>) -> (tensor<f32>, tensor<2xf32>, tensor<f32>, tensor<2xf32>)
// CHECK: return %[[R]]#3
// CHECK-LABEL: func.func private @quad_vjp_jvp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2xf32>, %{{[^:]+}}: tensor<f32>, %[[V:[^:]+]]: tensor<2xf32>)
// CHECK: %[[H:.+]] = nabla.constant dense<{{\[}}[2.000000e+00, 1.000000e+00], [1.000000e+00, 3.000000e+00]]>
// CHECK: %[[VC:.+]] = nabla.reshape %[[V]]
// CHECK: nabla.matmul %[[H]], %[[VC]]
// CHECK: %[[HT:.+]] = nabla.transpose %[[H]]
// CHECK: nabla.matmul %[[HT]]
// CHECK: nabla.matmul %[[HT]]
// CHECK: return
func.func private @quad(%x: tensor<2xf32>) -> tensor<f32> {
  %h = nabla.constant dense<[[2.0, 1.0], [1.0, 3.0]]> : tensor<2x2xf32>
  %c = nabla.reshape %x : (tensor<2xf32>) -> tensor<2x1xf32>
  %hx = nabla.matmul %h, %c : (tensor<2x2xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
  %r = nabla.reshape %hx : (tensor<2x1xf32>) -> tensor<2xf32>
  %p = nabla.mul %x, %r : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %s = nabla.reduce_sum %p {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  %half = nabla.constant dense<0.5> : tensor<f32>
  %y = nabla.mul %half, %s : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %y : tensor<f32>
}
func.func @main(%x: tensor<2xf32>, %v: tensor<2xf32>) -> tensor<2xf32> {
  %hv = nabla.hvp @quad(%x, %v) {wrt = array<i64: 0>} : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %hv : tensor<2xf32>
}

// -----

// Jacobian of R^3 -> R^2: the output is smaller, so one vjp per output
// element, seeded with a one-hot cotangent, fills one row each.
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>)
// CHECK: %[[C2:.+]] = arith.constant 2 : index
// CHECK: %[[INIT:.+]] = nabla.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK: %[[J:.+]] = scf.for %[[K:.+]] = %{{.+}} to %[[C2]] step %{{.+}} iter_args(%[[ACC:.+]] = %[[INIT]])
// CHECK:   %[[KI:.+]] = arith.index_cast %[[K]] : index to i64
// CHECK:   %[[KT:.+]] = tensor.from_elements %[[KI]] : tensor<i64>
// CHECK:   %[[SEED:.+]] = nabla.one_hot %[[KT]] {depth = 2 : i64} : (tensor<i64>) -> tensor<2xf32>
// CHECK:   %[[R:.+]]:2 = func.call @model_vjp(%[[X]], %[[SEED]])
// CHECK:   %[[ROW:.+]] = nabla.reshape %[[R]]#1 : (tensor<3xf32>) -> tensor<1x3xf32>
// CHECK:   %[[NEXT:.+]] = nabla.dynamic_update_slice %[[ROW]] into %[[ACC]][%[[KT]], %{{.+}}]
// CHECK:   scf.yield %[[NEXT]]
// CHECK: return %[[J]]
func.func private @model(%x: tensor<3xf32>) -> tensor<2xf32> {
  %a = nabla.slice %x {limit_indices = array<i64: 2>, start_indices = array<i64: 0>, strides = array<i64: 1>} : (tensor<3xf32>) -> tensor<2xf32>
  %b = nabla.slice %x {limit_indices = array<i64: 3>, start_indices = array<i64: 1>, strides = array<i64: 1>} : (tensor<3xf32>) -> tensor<2xf32>
  %m = nabla.mul %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %y = nabla.tanh %m : tensor<2xf32>
  return %y : tensor<2xf32>
}
func.func @main(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %j = nabla.jacobian @model(%x) {wrt = array<i64: 0>} : (tensor<3xf32>) -> tensor<2x3xf32>
  return %j : tensor<2x3xf32>
}

// -----

// Jacobian of R^2 -> R^{3x2}: the input is smaller, so one jvp per input
// element fills one column each.
// CHECK-LABEL: func.func @main
// CHECK: %[[J:.+]] = scf.for
// CHECK:   %[[SEED:.+]] = nabla.one_hot %{{.+}} {depth = 2 : i64} : (tensor<i64>) -> tensor<2xf32>
// CHECK:   %[[R:.+]]:2 = func.call @expand_jvp(%{{.+}}, %[[SEED]])
// CHECK:   nabla.reshape %[[R]]#1 : (tensor<3x2xf32>) -> tensor<1x6xf32>
// CHECK: %[[T:.+]] = nabla.transpose %[[J]] {permutation = array<i64: 1, 0>} : (tensor<2x6xf32>) -> tensor<6x2xf32>
// CHECK: %[[JAC:.+]] = nabla.reshape %[[T]] : (tensor<6x2xf32>) -> tensor<3x2x2xf32>
// CHECK: return %[[JAC]]
func.func private @expand(%x: tensor<2xf32>) -> tensor<3x2xf32> {
  %y = nabla.broadcast_to %x : (tensor<2xf32>) -> tensor<3x2xf32>
  %z = nabla.sin %y : tensor<3x2xf32>
  return %z : tensor<3x2xf32>
}
func.func @main(%x: tensor<2xf32>) -> tensor<3x2x2xf32> {
  %j = nabla.jacobian @expand(%x) {wrt = array<i64: 0>} : (tensor<2xf32>) -> tensor<3x2x2xf32>
  return %j : tensor<3x2x2xf32>
}

// -----

// hvp through a loop: forward mode differentiates the tape writes and reads
// of the reverse sweep.
// CHECK-LABEL: func.func private @power_vjp_jvp
// CHECK: tensor.insert_slice
// CHECK: tensor.insert_slice
// CHECK: tensor.extract_slice
// CHECK: tensor.extract_slice
func.func private @power(%x: tensor<f32>) -> tensor<f32> {
  %c0 = arith.constant 0 : index
  %c3 = arith.constant 3 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %c3 step %c1 iter_args(%acc = %x) -> (tensor<f32>) {
    %m = nabla.mul %acc, %x : (tensor<f32>, tensor<f32>) -> tensor<f32>
    scf.yield %m : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<f32>, %v: tensor<f32>) -> tensor<f32> {
  %hv = nabla.hvp @power(%x, %v) {wrt = array<i64: 0>} : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %hv : tensor<f32>
}

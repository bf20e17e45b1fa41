// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Calls are differentiated interprocedurally. Reverse mode splits the
// callee into @callee_vjp_fwd (results and the residuals its reverse sweep
// needs) and @callee_vjp_bwd (residuals and result cotangents to argument
// cotangents); forward mode calls @callee_jvp. A callee called twice is
// differentiated once.

// CHECK-LABEL: func.func @main
// CHECK: call @twice_vjp
// CHECK: call @twice_jvp

// CHECK-LABEL: func.func private @twice_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[CT:[^:]+]]: tensor<f32>)
// CHECK: %[[A:.+]]:2 = call @square_vjp_fwd(%[[X]]) : (tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
// CHECK: %[[B:.+]]:2 = call @square_vjp_fwd(%[[A]]#0)
// CHECK: %[[Y:.+]] = nabla.reduce_sum %[[B]]#0
// CHECK: %[[DB:.+]] = nabla.broadcast_to %[[CT]]
// CHECK: %[[DA:.+]] = call @square_vjp_bwd(%[[B]]#1, %[[DB]]) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK: %[[DX:.+]] = call @square_vjp_bwd(%[[A]]#1, %[[DA]])
// CHECK: return %[[Y]], %[[DX]]

// The residual of x * x is x itself.
// CHECK-LABEL: func.func private @square_vjp_fwd
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.mul %[[X]], %[[X]]
// CHECK: return %[[Y]], %[[X]]

// CHECK-LABEL: func.func private @square_vjp_bwd
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[CT:[^:]+]]: tensor<3xf32>) -> tensor<3xf32>
// CHECK: %[[L:.+]] = nabla.mul %[[CT]], %[[X]]
// CHECK: %[[R:.+]] = nabla.mul %[[X]], %[[CT]]
// CHECK: %[[DX:.+]] = nabla.add %[[L]], %[[R]]
// CHECK: return %[[DX]]

// CHECK-LABEL: func.func private @twice_jvp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[T:[^:]+]]: tensor<3xf32>)
// CHECK: %[[A:.+]]:2 = call @square_jvp(%[[X]], %[[T]])
// CHECK: %[[B:.+]]:2 = call @square_jvp(%[[A]]#0, %[[A]]#1)
// CHECK: nabla.reduce_sum %[[B]]#1

// CHECK-LABEL: func.func private @square_jvp
// CHECK-NOT: func.func private @square_jvp
func.func private @square(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.mul %x, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func private @twice(%x: tensor<3xf32>) -> tensor<f32> {
  %a = func.call @square(%x) : (tensor<3xf32>) -> tensor<3xf32>
  %b = func.call @square(%a) : (tensor<3xf32>) -> tensor<3xf32>
  %s = nabla.reduce_sum %b {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<f32>) {
  %g = nabla.grad @twice(%x) {wrt = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  %y, %t = nabla.jvp @twice(%x, %x) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<f32>)
  return %g, %t : tensor<3xf32>, tensor<f32>
}

// -----

// Only the active arguments of a call are differentiated: the scale is
// behind stop_gradient, so @scale_vjp_bwd returns the cotangent of %w only
// and %s gets a zero gradient.
// CHECK-LABEL: func.func private @loss_vjp
// CHECK: %[[F:.+]]:2 = call @scale_vjp_fwd
// CHECK: %[[DW:.+]] = call @scale_vjp_bwd(%[[F]]#1, %{{.+}}) : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK: %[[DS:.+]] = nabla.constant dense<0.000000e+00> : tensor<f32>
// CHECK: return %{{.+}}, %[[DW]], %[[DS]]
func.func private @scale(%x: tensor<3xf32>, %s: tensor<f32>) -> tensor<3xf32> {
  %y = nabla.mul %x, %s : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func private @loss(%w: tensor<3xf32>, %s: tensor<f32>) -> tensor<f32> {
  %frozen = nabla.stop_gradient %s : tensor<f32>
  %a = func.call @scale(%w, %frozen) : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %l = nabla.reduce_sum %a {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
func.func @main(%w: tensor<3xf32>, %s: tensor<f32>) -> (tensor<3xf32>, tensor<f32>) {
  %g:2 = nabla.grad @loss(%w, %s) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<f32>) -> (tensor<3xf32>, tensor<f32>)
  return %g#0, %g#1 : tensor<3xf32>, tensor<f32>
}

// -----

// A call inside a loop body: the reverse loop recomputes the iteration, so
// it calls the fwd function again to get the residuals for the bwd one.
// CHECK-LABEL: func.func private @loop_vjp
// CHECK: scf.for
// CHECK:   call @step(
// CHECK: scf.for
// CHECK:   %[[F:.+]]:2 = func.call @step_vjp_fwd
// CHECK:   func.call @step_vjp_bwd(%[[F]]#1
func.func private @step(%x: tensor<f32>) -> tensor<f32> {
  %y = nabla.sin %x : tensor<f32>
  return %y : tensor<f32>
}
func.func private @loop(%x: tensor<f32>) -> tensor<f32> {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%a = %x) -> (tensor<f32>) {
    %b = func.call @step(%a) : (tensor<f32>) -> tensor<f32>
    scf.yield %b : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<f32>) -> tensor<f32> {
  %g = nabla.grad @loop(%x) {wrt = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}

// -----

// A callee whose loop needs no tape (its body is linear in the carried
// value): the clean-up rebuilds the forward loop without the tape, and the
// split still puts it in @sum3_vjp_fwd.
// CHECK-LABEL: func.func private @sum3_vjp_fwd
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2xf32>) -> tensor<2xf32>
// CHECK: %[[R:.+]] = scf.for %{{.+}} iter_args(%{{.+}} = %[[X]]) -> (tensor<2xf32>)
// CHECK-NOT: tensor.insert_slice
// CHECK: return %[[R]]
// CHECK-LABEL: func.func private @sum3_vjp_bwd
// CHECK: scf.for
func.func private @sum3(%x: tensor<2xf32>) -> tensor<2xf32> {
  %c0 = arith.constant 0 : index
  %c3 = arith.constant 3 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %c3 step %c1 iter_args(%acc = %x) -> (tensor<2xf32>) {
    %s = nabla.add %acc, %x : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    scf.yield %s : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}
func.func private @outer(%x: tensor<2xf32>) -> tensor<f32> {
  %y = func.call @sum3(%x) : (tensor<2xf32>) -> tensor<2xf32>
  %s = nabla.reduce_sum %y {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  %g = nabla.grad @outer(%x) {wrt = array<i64: 0>} : (tensor<2xf32>) -> tensor<2xf32>
  return %g : tensor<2xf32>
}

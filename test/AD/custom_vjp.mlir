// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// User-provided rules: `nabla.custom_vjp = {fwd = @f_fwd, bwd = @f_bwd}` on a
// function replaces its reverse-mode derivative. @f_fwd takes the arguments
// and returns the results followed by residuals; @f_bwd takes the residuals
// followed by one cotangent per result and returns one cotangent per
// argument. `nabla.custom_jvp = @f_tangent` replaces the forward-mode one:
// arguments and one tangent per argument to results and their tangents.

// A straight-through rounding: the forward pass rounds, the backward pass
// passes the cotangent through (d/dx round_ste(x) = 1).
// CHECK-LABEL: func.func private @loss_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<f32>, %[[CT:[^:]+]]: tensor<f32>)
// CHECK: %[[R:.+]] = call @round_ste_fwd(%[[X]]) : (tensor<f32>) -> tensor<f32>
// CHECK: %[[DR:.+]] = nabla.mul %[[CT]], %[[X]]
// CHECK: %[[DX1:.+]] = nabla.mul %[[R]], %[[CT]]
// CHECK: %[[DX2:.+]] = call @round_ste_bwd(%[[DR]]) : (tensor<f32>) -> tensor<f32>
// CHECK: %[[DX:.+]] = nabla.add %[[DX1]], %[[DX2]]
// CHECK: return %{{.+}}, %[[DX]]

// A transform of the function itself uses the rule too.
// CHECK-LABEL: func.func private @round_ste_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<f32>, %[[CT:[^:]+]]: tensor<f32>)
// CHECK: %[[Y:.+]] = call @round_ste_fwd(%[[X]])
// CHECK: %[[DX:.+]] = call @round_ste_bwd(%[[CT]])
// CHECK: return %[[Y]], %[[DX]]
func.func private @round_ste(%x: tensor<f32>) -> tensor<f32> attributes {nabla.custom_vjp = {fwd = @round_ste_fwd, bwd = @round_ste_bwd}} {
  %y = nabla.round %x : tensor<f32>
  return %y : tensor<f32>
}
func.func private @round_ste_fwd(%x: tensor<f32>) -> tensor<f32> {
  %y = nabla.round %x : tensor<f32>
  return %y : tensor<f32>
}
func.func private @round_ste_bwd(%ct: tensor<f32>) -> tensor<f32> {
  return %ct : tensor<f32>
}
func.func private @loss(%x: tensor<f32>) -> tensor<f32> {
  %r = func.call @round_ste(%x) : (tensor<f32>) -> tensor<f32>
  %y = nabla.mul %r, %x : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %y : tensor<f32>
}
func.func @main(%x: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  %g = nabla.grad @loss(%x) {wrt = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  %g2 = nabla.grad @round_ste(%x) {wrt = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g, %g2 : tensor<f32>, tensor<f32>
}

// -----

// Guided ReLU (saliency, B.6): residuals flow from fwd to bwd; forward mode
// uses the custom_jvp rule.
// CHECK-LABEL: func.func private @score_vjp
// CHECK: %[[F:.+]]:2 = call @guided_relu_fwd(%{{.+}}) : (tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
// CHECK: %[[B:.+]] = nabla.broadcast_to
// CHECK: %[[DH:.+]] = nabla.mul %[[B]], %{{.+}} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK: %[[DX:.+]] = call @guided_relu_bwd(%[[F]]#1, %[[DH]])
// CHECK: return %{{.+}}, %[[DX]]
// CHECK-LABEL: func.func private @score_jvp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %{{[^:]+}}: tensor<3xf32>, %[[T:[^:]+]]: tensor<3xf32>)
// CHECK: %[[H:.+]]:2 = call @guided_relu_tangent(%[[X]], %[[T]])
// CHECK: nabla.mul %[[H]]#1
func.func private @guided_relu(%x: tensor<3xf32>) -> tensor<3xf32> attributes {nabla.custom_vjp = {fwd = @guided_relu_fwd, bwd = @guided_relu_bwd}, nabla.custom_jvp = @guided_relu_tangent} {
  %y = nabla.relu %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func private @guided_relu_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %y = nabla.relu %x : tensor<3xf32>
  return %y, %x : tensor<3xf32>, tensor<3xf32>
}
func.func private @guided_relu_bwd(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %a = nabla.relu %x : tensor<3xf32>
  %sx = nabla.sign %a : tensor<3xf32>
  %b = nabla.relu %ct : tensor<3xf32>
  %g = nabla.mul %sx, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}
func.func private @guided_relu_tangent(%x: tensor<3xf32>, %t: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %y = nabla.relu %x : tensor<3xf32>
  %s = nabla.sign %y : tensor<3xf32>
  %dt = nabla.mul %s, %t : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y, %dt : tensor<3xf32>, tensor<3xf32>
}
func.func private @score(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<f32> {
  %h = func.call @guided_relu(%x) : (tensor<3xf32>) -> tensor<3xf32>
  %p = nabla.mul %h, %w : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %s = nabla.reduce_sum %p {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %s : tensor<f32>
}
func.func @main(%x: tensor<3xf32>, %w: tensor<3xf32>) -> (tensor<3xf32>, tensor<f32>) {
  %g = nabla.grad @score(%x, %w) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %y, %t = nabla.jvp @score(%x, %w, %x) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<f32>)
  return %g, %t : tensor<3xf32>, tensor<f32>
}

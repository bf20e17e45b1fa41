// RUN: nabla-opt %s --split-input-file --nabla-expand-custom-vjp | FileCheck %s
// RUN: nabla-opt %s --split-input-file --nabla-expand-custom-vjp --nabla-autodiff | FileCheck %s --check-prefix=AD

// nabla-expand-custom-vjp: each `nabla.custom_vjp` becomes a call of a
// function that carries its rule as `nabla.custom_vjp = {fwd, bwd}`, the
// attribute nabla-autodiff reads.

// A function that is only the op (as MLIRGen makes `custom_vjp(f, fwd,
// bwd)`) gets the attribute itself and calls the primal.
// CHECK-LABEL: func.func private @cube$custom_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>) -> tensor<3xf32>
// CHECK-SAME: attributes {nabla.custom_vjp = {bwd = @cube_bwd, fwd = @cube_fwd}}
// CHECK-NEXT: %[[Y:.+]] = call @cube(%[[X]]) : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: return %[[Y]]
// CHECK-NOT: nabla.custom_vjp @

// Its reverse mode is the rule.
// AD-LABEL: func.func private @cube$custom_vjp_vjp
// AD-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[CT:[^:]+]]: tensor<3xf32>)
// AD: %[[F:.+]]:2 = call @cube_fwd(%[[X]])
// AD: %[[DX:.+]] = call @cube_bwd(%[[F]]#1, %[[CT]])
// AD: return %[[F]]#0, %[[DX]]
func.func private @cube(%x: tensor<3xf32>) -> tensor<3xf32> {
  %x2 = nabla.mul %x, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %x3 = nabla.mul %x2, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %x3 : tensor<3xf32>
}
func.func private @cube_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %y = func.call @cube(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %y, %x : tensor<3xf32>, tensor<3xf32>
}
func.func private @cube_bwd(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %three = nabla.constant dense<3.0> : tensor<f32>
  %x2 = nabla.mul %x, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %d = nabla.mul %three, %x2 : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  %g = nabla.mul %d, %ct : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}
func.func private @cube$custom_vjp(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.custom_vjp @cube(%x) fwd @cube_fwd bwd @cube_bwd : (tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %r:2 = nabla.vjp @cube$custom_vjp(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %r#0, %r#1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// Elsewhere, the op becomes a call of a new function per rule, which has the
// attribute and calls the primal.
// CHECK-LABEL: func.func @guided
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>)
// CHECK-NEXT: %[[A:.+]] = call @relu_custom_vjp(%[[X]])
// CHECK-NEXT: %[[B:.+]] = call @relu_custom_vjp(%[[A]])
// CHECK-NEXT: %[[C:.+]] = call @relu_custom_vjp_0(%[[B]])
// CHECK-NEXT: return %[[C]]
// CHECK-LABEL: func.func private @relu_custom_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>) -> tensor<3xf32>
// CHECK-SAME: attributes {nabla.custom_vjp = {bwd = @guided_bwd, fwd = @relu_fwd}}
// CHECK-NEXT: %[[Y:.+]] = call @relu(%[[X]])
// CHECK-NEXT: return %[[Y]]
// CHECK-LABEL: func.func private @relu_custom_vjp_0
// CHECK-SAME: attributes {nabla.custom_vjp = {bwd = @plain_bwd, fwd = @relu_fwd}}
func.func private @relu(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.relu %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func private @relu_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %y = nabla.relu %x : tensor<3xf32>
  return %y, %x : tensor<3xf32>, tensor<3xf32>
}
func.func private @guided_bwd(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %g = nabla.relu %ct : tensor<3xf32>
  return %g : tensor<3xf32>
}
func.func private @plain_bwd(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  return %ct : tensor<3xf32>
}
func.func @guided(%x: tensor<3xf32>) -> tensor<3xf32> {
  %a = nabla.custom_vjp @relu(%x) fwd @relu_fwd bwd @guided_bwd : (tensor<3xf32>) -> tensor<3xf32>
  %b = nabla.custom_vjp @relu(%a) fwd @relu_fwd bwd @guided_bwd : (tensor<3xf32>) -> tensor<3xf32>
  %c = nabla.custom_vjp @relu(%b) fwd @relu_fwd bwd @plain_bwd : (tensor<3xf32>) -> tensor<3xf32>
  return %c : tensor<3xf32>
}

// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Tangent rules of the shape ops: each is linear, so the tangent is the op
// applied to the operand tangents.

// CHECK-LABEL: func.func private @broadcast_to_jvp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3x1xf32>, %{{[^:]+}}: tensor<?xf32>, %[[T:[^:]+]]: tensor<3x1xf32>)
// CHECK: %[[N:.+]] = tensor.dim
// CHECK: %[[DY:.+]] = nabla.broadcast_to %[[T]] [%[[N]]] : (tensor<3x1xf32>) -> tensor<2x3x?xf32>
// CHECK: return %{{.+}}, %[[DY]]
func.func private @broadcast_to(%x: tensor<3x1xf32>, %like: tensor<?xf32>) -> tensor<2x3x?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %like, %c0 : tensor<?xf32>
  %y = nabla.broadcast_to %x [%n] : (tensor<3x1xf32>) -> tensor<2x3x?xf32>
  return %y : tensor<2x3x?xf32>
}
func.func @broadcast_to_caller(%x: tensor<3x1xf32>, %like: tensor<?xf32>, %ct: tensor<2x3x?xf32>) -> tensor<2x3x?xf32> {
  %y2, %t = nabla.jvp @broadcast_to(%x, %like, %x) {wrt = array<i64: 0>} : (tensor<3x1xf32>, tensor<?xf32>, tensor<3x1xf32>) -> (tensor<2x3x?xf32>, tensor<2x3x?xf32>)
  return %t : tensor<2x3x?xf32>
}

// -----

// Inputs without a tangent contribute zeros of their (dynamic) shape.
// CHECK-LABEL: func.func private @concat_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<2x3xf32>, %[[B:[^:]+]]: tensor<?x3xf32>, %{{[^:]+}}: tensor<1x3xf32>, %[[T:[^:]+]]: tensor<2x3xf32>)
// CHECK: %[[Z:.+]] = nabla.constant dense<0.000000e+00> : tensor<f32>
// CHECK: %[[N:.+]] = tensor.dim %[[B]]
// CHECK: %[[ZB:.+]] = nabla.splat %[[Z]] [%[[N]]] : (tensor<f32>) -> tensor<?x3xf32>
// CHECK: %[[ZC:.+]] = nabla.constant dense<0.000000e+00> : tensor<1x3xf32>
// CHECK: %[[DY:.+]] = nabla.concat %[[T]], %[[ZB]], %[[ZC]] {axis = 0 : i64}
// CHECK: return %{{.+}}, %[[DY]]
func.func private @concat(%a: tensor<2x3xf32>, %b: tensor<?x3xf32>, %c: tensor<1x3xf32>) -> tensor<?x3xf32> {
  %y = nabla.concat %a, %b, %c {axis = 0 : i64} : (tensor<2x3xf32>, tensor<?x3xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}
func.func @concat_caller(%a: tensor<2x3xf32>, %b: tensor<?x3xf32>, %c: tensor<1x3xf32>, %ct: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %y2, %t = nabla.jvp @concat(%a, %b, %c, %a) {wrt = array<i64: 0>} : (tensor<2x3xf32>, tensor<?x3xf32>, tensor<1x3xf32>, tensor<2x3xf32>) -> (tensor<?x3xf32>, tensor<?x3xf32>)
  return %t : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func.func private @dynamic_slice_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<4x4xf32>, %[[I:[^:]+]]: tensor<i64>, %[[T:[^:]+]]: tensor<4x4xf32>)
// CHECK: %[[DY:.+]] = nabla.dynamic_slice %[[T]][%[[I]], %[[I]]] {slice_sizes = array<i64: 2, 2>}
// CHECK: return %{{.+}}, %[[DY]]
func.func private @dynamic_slice(%x: tensor<4x4xf32>, %i: tensor<i64>) -> tensor<2x2xf32> {
  %y = nabla.dynamic_slice %x[%i, %i] {slice_sizes = array<i64: 2, 2>} : (tensor<4x4xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}
func.func @dynamic_slice_caller(%x: tensor<4x4xf32>, %i: tensor<i64>, %ct: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %y2, %t = nabla.jvp @dynamic_slice(%x, %i, %x) {wrt = array<i64: 0>} : (tensor<4x4xf32>, tensor<i64>, tensor<4x4xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>)
  return %t : tensor<2x2xf32>
}

// -----

// CHECK-LABEL: func.func private @dynamic_update_slice_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<4x4xf32>, %{{[^:]+}}: tensor<1x2xf32>, %[[I:[^:]+]]: tensor<i64>, %[[T:[^:]+]]: tensor<1x2xf32>)
// CHECK: %[[Z:.+]] = nabla.constant dense<0.000000e+00> : tensor<4x4xf32>
// CHECK: %[[DY:.+]] = nabla.dynamic_update_slice %[[T]] into %[[Z]][%[[I]], %[[I]]]
// CHECK: return %{{.+}}, %[[DY]]
func.func private @dynamic_update_slice(%x: tensor<4x4xf32>, %u: tensor<1x2xf32>, %i: tensor<i64>) -> tensor<4x4xf32> {
  %y = nabla.dynamic_update_slice %u into %x[%i, %i] : tensor<1x2xf32> into tensor<4x4xf32>
  return %y : tensor<4x4xf32>
}
func.func @dynamic_update_slice_caller(%x: tensor<4x4xf32>, %u: tensor<1x2xf32>, %i: tensor<i64>, %ct: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %y2, %t = nabla.jvp @dynamic_update_slice(%x, %u, %i, %u) {wrt = array<i64: 1>} : (tensor<4x4xf32>, tensor<1x2xf32>, tensor<i64>, tensor<1x2xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>)
  return %t : tensor<4x4xf32>
}

// -----

// CHECK-LABEL: func.func private @reshape_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<2x3xf32>, %[[T:[^:]+]]: tensor<2x3xf32>)
// CHECK: %[[DY:.+]] = nabla.reshape %[[T]] : (tensor<2x3xf32>) -> tensor<6xf32>
// CHECK: return %{{.+}}, %[[DY]]
func.func private @reshape(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  %y = nabla.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
  return %y : tensor<6xf32>
}
func.func @reshape_caller(%x: tensor<2x3xf32>, %ct: tensor<6xf32>) -> tensor<6xf32> {
  %y2, %t = nabla.jvp @reshape(%x, %x) {wrt = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<6xf32>, tensor<6xf32>)
  return %t : tensor<6xf32>
}

// -----

// Only the updates have a tangent: they are scattered into zeros.
// CHECK-LABEL: func.func private @scatter_add_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<5x2xf32>, %[[I:[^:]+]]: tensor<3xi64>, %{{[^:]+}}: tensor<3x2xf32>, %[[T:[^:]+]]: tensor<3x2xf32>)
// CHECK: %[[Z:.+]] = nabla.constant dense<0.000000e+00> : tensor<5x2xf32>
// CHECK: %[[DY:.+]] = nabla.scatter_add %[[Z]], %[[I]], %[[T]] {axis = 0 : i64}
// CHECK: return %{{.+}}, %[[DY]]
func.func private @scatter_add(%x: tensor<5x2xf32>, %i: tensor<3xi64>, %u: tensor<3x2xf32>) -> tensor<5x2xf32> {
  %y = nabla.scatter_add %x, %i, %u {axis = 0 : i64} : (tensor<5x2xf32>, tensor<3xi64>, tensor<3x2xf32>) -> tensor<5x2xf32>
  return %y : tensor<5x2xf32>
}
func.func @scatter_add_caller(%x: tensor<5x2xf32>, %i: tensor<3xi64>, %u: tensor<3x2xf32>, %ct: tensor<5x2xf32>) -> tensor<5x2xf32> {
  %y2, %t = nabla.jvp @scatter_add(%x, %i, %u, %u) {wrt = array<i64: 2>} : (tensor<5x2xf32>, tensor<3xi64>, tensor<3x2xf32>, tensor<3x2xf32>) -> (tensor<5x2xf32>, tensor<5x2xf32>)
  return %t : tensor<5x2xf32>
}

// -----

// CHECK-LABEL: func.func private @slice_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<4x3xf32>, %[[T:[^:]+]]: tensor<4x3xf32>)
// CHECK: %[[DY:.+]] = nabla.slice %[[T]] {limit_indices = array<i64: 4, 3>, start_indices = array<i64: 0, 1>, strides = array<i64: 2, 1>}
// CHECK: return %{{.+}}, %[[DY]]
func.func private @slice(%x: tensor<4x3xf32>) -> tensor<2x2xf32> {
  %y = nabla.slice %x {limit_indices = array<i64: 4, 3>, start_indices = array<i64: 0, 1>, strides = array<i64: 2, 1>} : (tensor<4x3xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}
func.func @slice_caller(%x: tensor<4x3xf32>, %ct: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %y2, %t = nabla.jvp @slice(%x, %x) {wrt = array<i64: 0>} : (tensor<4x3xf32>, tensor<4x3xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>)
  return %t : tensor<2x2xf32>
}

// -----

// CHECK-LABEL: func.func private @take_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<100x16xf32>, %[[I:[^:]+]]: tensor<8xi64>, %[[T:[^:]+]]: tensor<100x16xf32>)
// CHECK: %[[DY:.+]] = nabla.take %[[T]], %[[I]] {axis = 0 : i64}
// CHECK: return %{{.+}}, %[[DY]]
func.func private @take(%x: tensor<100x16xf32>, %i: tensor<8xi64>) -> tensor<8x16xf32> {
  %y = nabla.take %x, %i {axis = 0 : i64} : (tensor<100x16xf32>, tensor<8xi64>) -> tensor<8x16xf32>
  return %y : tensor<8x16xf32>
}
func.func @take_caller(%x: tensor<100x16xf32>, %i: tensor<8xi64>, %ct: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %y2, %t = nabla.jvp @take(%x, %i, %x) {wrt = array<i64: 0>} : (tensor<100x16xf32>, tensor<8xi64>, tensor<100x16xf32>) -> (tensor<8x16xf32>, tensor<8x16xf32>)
  return %t : tensor<8x16xf32>
}

// -----

// CHECK-LABEL: func.func private @transpose_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<2x3x?xf32>, %[[T:[^:]+]]: tensor<2x3x?xf32>)
// CHECK: %[[DY:.+]] = nabla.transpose %[[T]] {permutation = array<i64: 2, 0, 1>}
// CHECK: return %{{.+}}, %[[DY]]
func.func private @transpose(%x: tensor<2x3x?xf32>) -> tensor<?x2x3xf32> {
  %y = nabla.transpose %x {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x?xf32>) -> tensor<?x2x3xf32>
  return %y : tensor<?x2x3xf32>
}
func.func @transpose_caller(%x: tensor<2x3x?xf32>, %ct: tensor<?x2x3xf32>) -> tensor<?x2x3xf32> {
  %y2, %t = nabla.jvp @transpose(%x, %x) {wrt = array<i64: 0>} : (tensor<2x3x?xf32>, tensor<2x3x?xf32>) -> (tensor<?x2x3xf32>, tensor<?x2x3xf32>)
  return %t : tensor<?x2x3xf32>
}

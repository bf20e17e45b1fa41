// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Adjoint rules of the shape ops: the transpose of each linear op.

// The cotangent is summed over the broadcast axes: the unit axis keeps its
// place, the new leading axis goes.
// CHECK-LABEL: func.func private @broadcast_to_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<3x1xf32>, %{{[^:]+}}: tensor<?xf32>, %[[CT:[^:]+]]: tensor<2x3x?xf32>)
// CHECK: %[[S:.+]] = nabla.reduce_sum %[[CT]] {axes = array<i64: 2>, keepdims = true} : (tensor<2x3x?xf32>) -> tensor<2x3x1xf32>
// CHECK: %[[DX:.+]] = nabla.reduce_sum %[[S]] {axes = array<i64: 0>} : (tensor<2x3x1xf32>) -> tensor<3x1xf32>
// CHECK: return %{{.+}}, %[[DX]]
func.func private @broadcast_to(%x: tensor<3x1xf32>, %like: tensor<?xf32>) -> tensor<2x3x?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %like, %c0 : tensor<?xf32>
  %y = nabla.broadcast_to %x [%n] : (tensor<3x1xf32>) -> tensor<2x3x?xf32>
  return %y : tensor<2x3x?xf32>
}
func.func @broadcast_to_caller(%x: tensor<3x1xf32>, %like: tensor<?xf32>, %ct: tensor<2x3x?xf32>) -> tensor<3x1xf32> {
  %y, %xc = nabla.vjp @broadcast_to(%x, %like, %ct) {wrt = array<i64: 0>} : (tensor<3x1xf32>, tensor<?xf32>, tensor<2x3x?xf32>) -> (tensor<2x3x?xf32>, tensor<3x1xf32>)
  return %xc : tensor<3x1xf32>
}

// -----

// Each input gets its block of the cotangent; offsets after a dynamic input
// are computed.
// CHECK-LABEL: func.func private @concat_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<2x3xf32>, %[[B:[^:]+]]: tensor<?x3xf32>, %{{[^:]+}}: tensor<1x3xf32>, %[[CT:[^:]+]]: tensor<?x3xf32>)
// CHECK: %[[DA:.+]] = tensor.extract_slice %[[CT]][0, 0] [2, 3] [1, 1] : tensor<?x3xf32> to tensor<2x3xf32>
// CHECK: %[[N:.+]] = tensor.dim %[[B]]
// CHECK: %[[DB:.+]] = tensor.extract_slice %[[CT]][2, 0] [%[[N]], 3] [1, 1] : tensor<?x3xf32> to tensor<?x3xf32>
// CHECK: %[[OFF:.+]] = arith.addi %{{.+}}, %[[N]] : index
// CHECK: %[[DC:.+]] = tensor.extract_slice %[[CT]][%[[OFF]], 0] [1, 3] [1, 1] : tensor<?x3xf32> to tensor<1x3xf32>
// CHECK: return %{{.+}}, %[[DA]], %[[DB]], %[[DC]]
func.func private @concat(%a: tensor<2x3xf32>, %b: tensor<?x3xf32>, %c: tensor<1x3xf32>) -> tensor<?x3xf32> {
  %y = nabla.concat %a, %b, %c {axis = 0 : i64} : (tensor<2x3xf32>, tensor<?x3xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}
func.func @concat_caller(%a: tensor<2x3xf32>, %b: tensor<?x3xf32>, %c: tensor<1x3xf32>, %ct: tensor<?x3xf32>) -> tensor<1x3xf32> {
  %y, %ac, %bc, %cc = nabla.vjp @concat(%a, %b, %c, %ct) {wrt = array<i64: 0, 1, 2>} : (tensor<2x3xf32>, tensor<?x3xf32>, tensor<1x3xf32>, tensor<?x3xf32>) -> (tensor<?x3xf32>, tensor<2x3xf32>, tensor<?x3xf32>, tensor<1x3xf32>)
  return %cc : tensor<1x3xf32>
}

// -----

// CHECK-LABEL: func.func private @dynamic_slice_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<4x4xf32>, %[[I:[^:]+]]: tensor<i64>, %[[CT:[^:]+]]: tensor<2x2xf32>)
// CHECK: %[[Z:.+]] = nabla.constant dense<0.000000e+00> : tensor<4x4xf32>
// CHECK: %[[DX:.+]] = nabla.dynamic_update_slice %[[CT]] into %[[Z]][%[[I]], %[[I]]]
// CHECK: return %{{.+}}, %[[DX]]
func.func private @dynamic_slice(%x: tensor<4x4xf32>, %i: tensor<i64>) -> tensor<2x2xf32> {
  %y = nabla.dynamic_slice %x[%i, %i] {slice_sizes = array<i64: 2, 2>} : (tensor<4x4xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}
func.func @dynamic_slice_caller(%x: tensor<4x4xf32>, %i: tensor<i64>, %ct: tensor<2x2xf32>) -> tensor<4x4xf32> {
  %y, %xc = nabla.vjp @dynamic_slice(%x, %i, %ct) {wrt = array<i64: 0>} : (tensor<4x4xf32>, tensor<i64>, tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<4x4xf32>)
  return %xc : tensor<4x4xf32>
}

// -----

// The operand gets the cotangent with the overwritten block zeroed, the
// update gets that block.
// CHECK-LABEL: func.func private @dynamic_update_slice_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<4x4xf32>, %{{[^:]+}}: tensor<1x2xf32>, %[[I:[^:]+]]: tensor<i64>, %[[CT:[^:]+]]: tensor<4x4xf32>)
// CHECK: %[[Z:.+]] = nabla.constant dense<0.000000e+00> : tensor<1x2xf32>
// CHECK: %[[DX:.+]] = nabla.dynamic_update_slice %[[Z]] into %[[CT]][%[[I]], %[[I]]]
// CHECK: %[[DU:.+]] = nabla.dynamic_slice %[[CT]][%[[I]], %[[I]]] {slice_sizes = array<i64: 1, 2>}
// CHECK: return %{{.+}}, %[[DX]], %[[DU]]
func.func private @dynamic_update_slice(%x: tensor<4x4xf32>, %u: tensor<1x2xf32>, %i: tensor<i64>) -> tensor<4x4xf32> {
  %y = nabla.dynamic_update_slice %u into %x[%i, %i] : tensor<1x2xf32> into tensor<4x4xf32>
  return %y : tensor<4x4xf32>
}
func.func @dynamic_update_slice_caller(%x: tensor<4x4xf32>, %u: tensor<1x2xf32>, %i: tensor<i64>, %ct: tensor<4x4xf32>) -> tensor<1x2xf32> {
  %y, %xc, %uc = nabla.vjp @dynamic_update_slice(%x, %u, %i, %ct) {wrt = array<i64: 0, 1>} : (tensor<4x4xf32>, tensor<1x2xf32>, tensor<i64>, tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<1x2xf32>)
  return %uc : tensor<1x2xf32>
}

// -----

// A dynamic update size: the block is read with tensor.extract_slice at the
// start index clamped like the op clamps it.
// CHECK-LABEL: func.func private @dus_dynamic_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<?xf32>, %[[U:[^:]+]]: tensor<?xf32>, %[[I:[^:]+]]: tensor<i64>, %[[CT:[^:]+]]: tensor<?xf32>)
// CHECK: %[[SIZE:.+]] = tensor.dim %[[U]]
// CHECK: %[[START:.+]] = tensor.extract %[[I]][]
// CHECK: %[[IDX:.+]] = arith.index_cast %[[START]]
// CHECK: %[[DIM:.+]] = tensor.dim %[[CT]]
// CHECK: %[[LIMIT:.+]] = arith.subi %[[DIM]], %[[SIZE]]
// CHECK: %[[MIN:.+]] = arith.minsi %[[IDX]], %[[LIMIT]]
// CHECK: %[[OFF:.+]] = arith.maxsi %[[MIN]], %{{.+}}
// CHECK: %[[DU:.+]] = tensor.extract_slice %[[CT]][%[[OFF]]] [%[[SIZE]]] [1]
// CHECK: return %{{.+}}, %[[DU]]
func.func private @dus_dynamic(%x: tensor<?xf32>, %u: tensor<?xf32>, %i: tensor<i64>) -> tensor<?xf32> {
  %y = nabla.dynamic_update_slice %u into %x[%i] : tensor<?xf32> into tensor<?xf32>
  return %y : tensor<?xf32>
}
func.func @dus_dynamic_caller(%x: tensor<?xf32>, %u: tensor<?xf32>, %i: tensor<i64>, %ct: tensor<?xf32>) -> tensor<?xf32> {
  %y, %uc = nabla.vjp @dus_dynamic(%x, %u, %i, %ct) {wrt = array<i64: 1>} : (tensor<?xf32>, tensor<?xf32>, tensor<i64>, tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>)
  return %uc : tensor<?xf32>
}

// -----

// CHECK-LABEL: func.func private @reshape_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<2x3xf32>, %[[CT:[^:]+]]: tensor<6xf32>)
// CHECK: %[[DX:.+]] = nabla.reshape %[[CT]] : (tensor<6xf32>) -> tensor<2x3xf32>
// CHECK: return %{{.+}}, %[[DX]]
func.func private @reshape(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  %y = nabla.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
  return %y : tensor<6xf32>
}
func.func @reshape_caller(%x: tensor<2x3xf32>, %ct: tensor<6xf32>) -> tensor<2x3xf32> {
  %y, %xc = nabla.vjp @reshape(%x, %ct) {wrt = array<i64: 0>} : (tensor<2x3xf32>, tensor<6xf32>) -> (tensor<6xf32>, tensor<2x3xf32>)
  return %xc : tensor<2x3xf32>
}

// -----

// nabla.reshape allows one dynamic result size: back to [?, ?] the adjoint
// uses tensor.reshape with the sizes of the operand.
// CHECK-LABEL: func.func private @flatten_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x?xf32>, %[[CT:[^:]+]]: tensor<?xf32>)
// CHECK: %[[D0:.+]] = tensor.dim %[[X]], %{{.+}}
// CHECK: %[[D1:.+]] = tensor.dim %[[X]], %{{.+}}
// CHECK: %[[SHAPE:.+]] = tensor.from_elements %[[D0]], %[[D1]] : tensor<2xindex>
// CHECK: %[[DX:.+]] = tensor.reshape %[[CT]](%[[SHAPE]])
// CHECK: return %{{.+}}, %[[DX]]
func.func private @flatten(%x: tensor<?x?xf32>) -> tensor<?xf32> {
  %y = nabla.reshape %x : (tensor<?x?xf32>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}
func.func @flatten_caller(%x: tensor<?x?xf32>, %ct: tensor<?xf32>) -> tensor<?x?xf32> {
  %y, %xc = nabla.vjp @flatten(%x, %ct) {wrt = array<i64: 0>} : (tensor<?x?xf32>, tensor<?xf32>) -> (tensor<?xf32>, tensor<?x?xf32>)
  return %xc : tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func private @scatter_add_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<5x2xf32>, %[[I:[^:]+]]: tensor<3xi64>, %{{[^:]+}}: tensor<3x2xf32>, %[[CT:[^:]+]]: tensor<5x2xf32>)
// CHECK: %[[DU:.+]] = nabla.take %[[CT]], %[[I]] {axis = 0 : i64} : (tensor<5x2xf32>, tensor<3xi64>) -> tensor<3x2xf32>
// CHECK: return %{{.+}}, %[[CT]], %[[DU]]
func.func private @scatter_add(%x: tensor<5x2xf32>, %i: tensor<3xi64>, %u: tensor<3x2xf32>) -> tensor<5x2xf32> {
  %y = nabla.scatter_add %x, %i, %u {axis = 0 : i64} : (tensor<5x2xf32>, tensor<3xi64>, tensor<3x2xf32>) -> tensor<5x2xf32>
  return %y : tensor<5x2xf32>
}
func.func @scatter_add_caller(%x: tensor<5x2xf32>, %i: tensor<3xi64>, %u: tensor<3x2xf32>, %ct: tensor<5x2xf32>) -> tensor<3x2xf32> {
  %y, %xc, %uc = nabla.vjp @scatter_add(%x, %i, %u, %ct) {wrt = array<i64: 0, 2>} : (tensor<5x2xf32>, tensor<3xi64>, tensor<3x2xf32>, tensor<5x2xf32>) -> (tensor<5x2xf32>, tensor<5x2xf32>, tensor<3x2xf32>)
  return %uc : tensor<3x2xf32>
}

// -----

// The cotangent goes back to the strided positions it came from.
// CHECK-LABEL: func.func private @slice_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<4x3xf32>, %[[CT:[^:]+]]: tensor<2x2xf32>)
// CHECK: %[[Z:.+]] = nabla.constant dense<0.000000e+00> : tensor<4x3xf32>
// CHECK: %[[DX:.+]] = tensor.insert_slice %[[CT]] into %[[Z]][0, 1] [2, 2] [2, 1]
// CHECK: return %{{.+}}, %[[DX]]
func.func private @slice(%x: tensor<4x3xf32>) -> tensor<2x2xf32> {
  %y = nabla.slice %x {limit_indices = array<i64: 4, 3>, start_indices = array<i64: 0, 1>, strides = array<i64: 2, 1>} : (tensor<4x3xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}
func.func @slice_caller(%x: tensor<4x3xf32>, %ct: tensor<2x2xf32>) -> tensor<4x3xf32> {
  %y, %xc = nabla.vjp @slice(%x, %ct) {wrt = array<i64: 0>} : (tensor<4x3xf32>, tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<4x3xf32>)
  return %xc : tensor<4x3xf32>
}

// -----

// The gathered rows' cotangents accumulate into the table.
// CHECK-LABEL: func.func private @take_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<100x16xf32>, %[[I:[^:]+]]: tensor<8xi64>, %[[CT:[^:]+]]: tensor<8x16xf32>)
// CHECK: %[[Z:.+]] = nabla.constant dense<0.000000e+00> : tensor<100x16xf32>
// CHECK: %[[DX:.+]] = nabla.scatter_add %[[Z]], %[[I]], %[[CT]] {axis = 0 : i64}
// CHECK: return %{{.+}}, %[[DX]]
func.func private @take(%x: tensor<100x16xf32>, %i: tensor<8xi64>) -> tensor<8x16xf32> {
  %y = nabla.take %x, %i {axis = 0 : i64} : (tensor<100x16xf32>, tensor<8xi64>) -> tensor<8x16xf32>
  return %y : tensor<8x16xf32>
}
func.func @take_caller(%x: tensor<100x16xf32>, %i: tensor<8xi64>, %ct: tensor<8x16xf32>) -> tensor<100x16xf32> {
  %y, %xc = nabla.vjp @take(%x, %i, %ct) {wrt = array<i64: 0>} : (tensor<100x16xf32>, tensor<8xi64>, tensor<8x16xf32>) -> (tensor<8x16xf32>, tensor<100x16xf32>)
  return %xc : tensor<100x16xf32>
}

// -----

// CHECK-LABEL: func.func private @transpose_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<2x3x?xf32>, %[[CT:[^:]+]]: tensor<?x2x3xf32>)
// CHECK: %[[DX:.+]] = nabla.transpose %[[CT]] {permutation = array<i64: 1, 2, 0>} : (tensor<?x2x3xf32>) -> tensor<2x3x?xf32>
// CHECK: return %{{.+}}, %[[DX]]
func.func private @transpose(%x: tensor<2x3x?xf32>) -> tensor<?x2x3xf32> {
  %y = nabla.transpose %x {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x?xf32>) -> tensor<?x2x3xf32>
  return %y : tensor<?x2x3xf32>
}
func.func @transpose_caller(%x: tensor<2x3x?xf32>, %ct: tensor<?x2x3xf32>) -> tensor<2x3x?xf32> {
  %y, %xc = nabla.vjp @transpose(%x, %ct) {wrt = array<i64: 0>} : (tensor<2x3x?xf32>, tensor<?x2x3xf32>) -> (tensor<?x2x3xf32>, tensor<2x3x?xf32>)
  return %xc : tensor<2x3x?xf32>
}

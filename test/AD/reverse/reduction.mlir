// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Adjoint rules of the reductions, softmax and log_softmax.

// The cotangent is broadcast back over the reduced axes: to [2, 4, 3]
// (broadcasting aligns on the right), then the reduced axes are transposed
// back into place.
// CHECK-LABEL: func.func private @reduce_sum_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<2x3x4xf32>, %[[CT:[^:]+]]: tensor<3xf32>)
// CHECK: %[[B:.+]] = nabla.broadcast_to %[[CT]] : (tensor<3xf32>) -> tensor<2x4x3xf32>
// CHECK: %[[DX:.+]] = nabla.transpose %[[B]] {permutation = array<i64: 0, 2, 1>} : (tensor<2x4x3xf32>) -> tensor<2x3x4xf32>
// CHECK: return %{{.+}}, %[[DX]]
func.func private @reduce_sum(%x: tensor<2x3x4xf32>) -> tensor<3xf32> {
  %y = nabla.reduce_sum %x {axes = array<i64: 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @reduce_sum_caller(%x: tensor<2x3x4xf32>, %ct: tensor<3xf32>) -> tensor<2x3x4xf32> {
  %y, %xc = nabla.vjp @reduce_sum(%x, %ct) {wrt = array<i64: 0>} : (tensor<2x3x4xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<2x3x4xf32>)
  return %xc : tensor<2x3x4xf32>
}

// -----

// The count of a dynamic axis comes from tensor.dim.
// CHECK-LABEL: func.func private @reduce_mean_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<?x3xf32>, %[[CT:[^:]+]]: tensor<3xf32>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x3xf32>
// CHECK: %[[NI:.+]] = arith.index_cast %[[N]] : index to i64
// CHECK: %[[NT:.+]] = tensor.from_elements %[[NI]] : tensor<i64>
// CHECK: %[[NF:.+]] = nabla.convert %[[NT]] : (tensor<i64>) -> tensor<f32>
// CHECK: %[[Q:.+]] = nabla.div %[[CT]], %[[NF]]
// CHECK: %[[DIM:.+]] = tensor.dim %[[X]]
// CHECK: %[[DX:.+]] = nabla.broadcast_to %[[Q]] [%[[DIM]]] : (tensor<3xf32>) -> tensor<?x3xf32>
// CHECK: return %{{.+}}, %[[DX]]
func.func private @reduce_mean(%x: tensor<?x3xf32>) -> tensor<3xf32> {
  %y = nabla.reduce_mean %x {axes = array<i64: 0>} : (tensor<?x3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @reduce_mean_caller(%x: tensor<?x3xf32>, %ct: tensor<3xf32>) -> tensor<?x3xf32> {
  %y, %xc = nabla.vjp @reduce_mean(%x, %ct) {wrt = array<i64: 0>} : (tensor<?x3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<?x3xf32>)
  return %xc : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func.func private @reduce_mean_static_vjp
// CHECK: %[[N:.+]] = nabla.constant dense<6.000000e+00> : tensor<f32>
// CHECK: nabla.div %{{.+}}, %[[N]]
func.func private @reduce_mean_static(%x: tensor<2x3xf32>) -> tensor<f32> {
  %y = nabla.reduce_mean %x {axes = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<f32>
  return %y : tensor<f32>
}
func.func @reduce_mean_static_caller(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %g = nabla.grad @reduce_mean_static(%x) {wrt = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %g : tensor<2x3xf32>
}

// -----

// The cotangent is split evenly among the maximal elements.
// CHECK-LABEL: func.func private @reduce_max_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x3xf32>, %[[CT:[^:]+]]: tensor<2x1xf32>)
// CHECK: %[[Y:.+]] = nabla.reduce_max %[[X]]
// CHECK: %[[YB:.+]] = nabla.broadcast_to %[[Y]]
// CHECK: %[[EQ:.+]] = nabla.cmp eq, %[[X]], %[[YB]]
// CHECK: %[[MASK:.+]] = nabla.convert %[[EQ]]
// CHECK: %[[COUNT:.+]] = nabla.reduce_sum %[[MASK]]
// CHECK: %[[SHARE:.+]] = nabla.div %[[CT]], %[[COUNT]]
// CHECK: %[[SB:.+]] = nabla.broadcast_to %[[SHARE]] : (tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK: %[[DX:.+]] = nabla.mul %[[MASK]], %[[SB]]
// CHECK: return %[[Y]], %[[DX]]
func.func private @reduce_max(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %y = nabla.reduce_max %x {axes = array<i64: 1>, keepdims = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %y : tensor<2x1xf32>
}
func.func @reduce_max_caller(%x: tensor<2x3xf32>, %ct: tensor<2x1xf32>) -> tensor<2x3xf32> {
  %y, %xc = nabla.vjp @reduce_max(%x, %ct) {wrt = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x1xf32>) -> (tensor<2x1xf32>, tensor<2x3xf32>)
  return %xc : tensor<2x3xf32>
}

// -----

// Without keepdims the reduced axis is broadcast in front, then transposed.
// CHECK-LABEL: func.func private @reduce_min_vjp
// CHECK: nabla.reduce_min
// CHECK: nabla.broadcast_to %{{.+}} : (tensor<2xf32>) -> tensor<3x2xf32>
// CHECK: nabla.transpose %{{.+}} {permutation = array<i64: 1, 0>} : (tensor<3x2xf32>) -> tensor<2x3xf32>
// CHECK: nabla.cmp eq
func.func private @reduce_min(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %y = nabla.reduce_min %x {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
func.func @reduce_min_caller(%x: tensor<2x3xf32>, %ct: tensor<2xf32>) -> tensor<2x3xf32> {
  %y, %xc = nabla.vjp @reduce_min(%x, %ct) {wrt = array<i64: 0>} : (tensor<2x3xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>)
  return %xc : tensor<2x3xf32>
}

// -----

// J^T g = y (g - sum(y g)).
// CHECK-LABEL: func.func private @softmax_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x3xf32>, %[[CT:[^:]+]]: tensor<2x3xf32>)
// CHECK: %[[Y:.+]] = nabla.softmax %[[X]]
// CHECK: %[[YG:.+]] = nabla.mul %[[Y]], %[[CT]]
// CHECK: %[[S:.+]] = nabla.reduce_sum %[[YG]] {axes = array<i64: 1>, keepdims = true}
// CHECK: %[[D:.+]] = nabla.sub %[[CT]], %[[S]]
// CHECK: %[[DX:.+]] = nabla.mul %[[Y]], %[[D]]
// CHECK: return %[[Y]], %[[DX]]
func.func private @softmax(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = nabla.softmax %x {axis = 1 : i64} : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
func.func @softmax_caller(%x: tensor<2x3xf32>, %ct: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y, %xc = nabla.vjp @softmax(%x, %ct) {wrt = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %xc : tensor<2x3xf32>
}

// -----

// J^T g = g - exp(y) sum(g).
// CHECK-LABEL: func.func private @log_softmax_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x3xf32>, %[[CT:[^:]+]]: tensor<2x3xf32>)
// CHECK: %[[Y:.+]] = nabla.log_softmax %[[X]]
// CHECK: %[[P:.+]] = nabla.exp %[[Y]]
// CHECK: %[[S:.+]] = nabla.reduce_sum %[[CT]] {axes = array<i64: 1>, keepdims = true}
// CHECK: %[[PS:.+]] = nabla.mul %[[P]], %[[S]]
// CHECK: %[[DX:.+]] = nabla.sub %[[CT]], %[[PS]]
// CHECK: return %[[Y]], %[[DX]]
func.func private @log_softmax(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = nabla.log_softmax %x {axis = 1 : i64} : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
func.func @log_softmax_caller(%x: tensor<2x3xf32>, %ct: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y, %xc = nabla.vjp @log_softmax(%x, %ct) {wrt = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %xc : tensor<2x3xf32>
}

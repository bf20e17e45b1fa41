// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Tangent rules of the reductions, softmax and log_softmax.

// CHECK-LABEL: func.func private @reduce_sum_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<2x3x4xf32>, %[[T:[^:]+]]: tensor<2x3x4xf32>)
// CHECK: %[[DY:.+]] = nabla.reduce_sum %[[T]] {axes = array<i64: 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3xf32>
// CHECK: return %{{.+}}, %[[DY]]
func.func private @reduce_sum(%x: tensor<2x3x4xf32>) -> tensor<3xf32> {
  %y = nabla.reduce_sum %x {axes = array<i64: 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @reduce_sum_caller(%x: tensor<2x3x4xf32>) -> tensor<3xf32> {
  %y, %t = nabla.jvp @reduce_sum(%x, %x) {wrt = array<i64: 0>} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %t : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func private @reduce_mean_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<?x3xf32>, %[[T:[^:]+]]: tensor<?x3xf32>)
// CHECK: %[[DY:.+]] = nabla.reduce_mean %[[T]] {axes = array<i64: 0>} : (tensor<?x3xf32>) -> tensor<3xf32>
// CHECK: return %{{.+}}, %[[DY]]
func.func private @reduce_mean(%x: tensor<?x3xf32>) -> tensor<3xf32> {
  %y = nabla.reduce_mean %x {axes = array<i64: 0>} : (tensor<?x3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @reduce_mean_caller(%x: tensor<?x3xf32>) -> tensor<3xf32> {
  %y, %t = nabla.jvp @reduce_mean(%x, %x) {wrt = array<i64: 0>} : (tensor<?x3xf32>, tensor<?x3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %t : tensor<3xf32>
}

// -----

// The tangent is the mean of the tangents at the maximal elements.
// CHECK-LABEL: func.func private @reduce_max_jvp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x3xf32>, %[[T:[^:]+]]: tensor<2x3xf32>)
// CHECK: %[[Y:.+]] = nabla.reduce_max %[[X]]
// CHECK: %[[YB:.+]] = nabla.broadcast_to %[[Y]] : (tensor<2x1xf32>) -> tensor<2x3xf32>
// CHECK: %[[EQ:.+]] = nabla.cmp eq, %[[X]], %[[YB]]
// CHECK: %[[MASK:.+]] = nabla.convert %[[EQ]] : (tensor<2x3xi1>) -> tensor<2x3xf32>
// CHECK: %[[COUNT:.+]] = nabla.reduce_sum %[[MASK]] {axes = array<i64: 1>, keepdims = true}
// CHECK: %[[PICKED:.+]] = nabla.mul %[[MASK]], %[[T]]
// CHECK: %[[SUM:.+]] = nabla.reduce_sum %[[PICKED]] {axes = array<i64: 1>, keepdims = true}
// CHECK: %[[DY:.+]] = nabla.div %[[SUM]], %[[COUNT]]
// CHECK: return %[[Y]], %[[DY]]
func.func private @reduce_max(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %y = nabla.reduce_max %x {axes = array<i64: 1>, keepdims = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %y : tensor<2x1xf32>
}
func.func @reduce_max_caller(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %y, %t = nabla.jvp @reduce_max(%x, %x) {wrt = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<2x1xf32>, tensor<2x1xf32>)
  return %t : tensor<2x1xf32>
}

// -----

// CHECK-LABEL: func.func private @reduce_min_jvp
// CHECK: nabla.reduce_min
// CHECK: nabla.cmp eq
// CHECK: nabla.div
func.func private @reduce_min(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %y = nabla.reduce_min %x {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
func.func @reduce_min_caller(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %y, %t = nabla.jvp @reduce_min(%x, %x) {wrt = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return %t : tensor<2xf32>
}

// -----

// J t = y (t - sum(y t)).
// CHECK-LABEL: func.func private @softmax_jvp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x3xf32>, %[[T:[^:]+]]: tensor<2x3xf32>)
// CHECK: %[[Y:.+]] = nabla.softmax %[[X]]
// CHECK: %[[YT:.+]] = nabla.mul %[[Y]], %[[T]]
// CHECK: %[[S:.+]] = nabla.reduce_sum %[[YT]] {axes = array<i64: 1>, keepdims = true}
// CHECK: %[[D:.+]] = nabla.sub %[[T]], %[[S]]
// CHECK: %[[DY:.+]] = nabla.mul %[[Y]], %[[D]]
// CHECK: return %[[Y]], %[[DY]]
func.func private @softmax(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = nabla.softmax %x {axis = 1 : i64} : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
func.func @softmax_caller(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y, %t = nabla.jvp @softmax(%x, %x) {wrt = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %t : tensor<2x3xf32>
}

// -----

// J t = t - sum(exp(y) t).
// CHECK-LABEL: func.func private @log_softmax_jvp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x3xf32>, %[[T:[^:]+]]: tensor<2x3xf32>)
// CHECK: %[[Y:.+]] = nabla.log_softmax %[[X]]
// CHECK: %[[P:.+]] = nabla.exp %[[Y]]
// CHECK: %[[PT:.+]] = nabla.mul %[[P]], %[[T]]
// CHECK: %[[S:.+]] = nabla.reduce_sum %[[PT]] {axes = array<i64: 1>, keepdims = true}
// CHECK: %[[DY:.+]] = nabla.sub %[[T]], %[[S]]
// CHECK: return %[[Y]], %[[DY]]
func.func private @log_softmax(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = nabla.log_softmax %x {axis = 1 : i64} : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
func.func @log_softmax_caller(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y, %t = nabla.jvp @log_softmax(%x, %x) {wrt = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %t : tensor<2x3xf32>
}

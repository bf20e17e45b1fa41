// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Activity analysis: only float values that depend on a differentiated
// argument and reach a result get derivative code. Integer and boolean
// values, constants, stop_gradient results and dead values get none.

// The labels, the one-hot encoding, argmax and the accuracy term are
// inactive: the reverse sweep differentiates only log_softmax, the product
// with the (constant) one-hot mask, the sum and the negation. The integer
// argument gets a zero cotangent.
// CHECK-LABEL: func.func private @xent_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<4x3xf32>, %{{[^:]+}}: tensor<4xi64>, %[[CT:[^:]+]]: tensor<f32>)
// CHECK: %[[HOT:.+]] = nabla.one_hot
// CHECK: %[[Y:.+]] = nabla.neg
// CHECK-NEXT: %[[DS:.+]] = nabla.neg %[[CT]]
// CHECK-NEXT: %[[DP:.+]] = nabla.broadcast_to %[[DS]]
// CHECK-NEXT: %[[DLOGP:.+]] = nabla.mul %[[DP]], %[[HOT]]
// CHECK-NEXT: nabla.exp
// CHECK-NEXT: nabla.reduce_sum %[[DLOGP]]
// CHECK-NEXT: nabla.mul
// CHECK-NEXT: %[[DX:.+]] = nabla.sub %[[DLOGP]]
// CHECK-NEXT: %[[DL:.+]] = nabla.constant dense<0> : tensor<4xi64>
// CHECK-NEXT: return %[[Y]], %[[DX]], %[[DL]]
func.func private @xent(%logits: tensor<4x3xf32>, %labels: tensor<4xi64>) -> tensor<f32> {
  %logp = nabla.log_softmax %logits {axis = 1 : i64} : tensor<4x3xf32>
  %hot = nabla.one_hot %labels {depth = 3 : i64} : (tensor<4xi64>) -> tensor<4x3xf32>
  %p = nabla.mul %logp, %hot : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %s = nabla.reduce_sum %p {axes = array<i64: 0, 1>} : (tensor<4x3xf32>) -> tensor<f32>
  %guess = nabla.argmax %logits {axis = 1 : i64} : (tensor<4x3xf32>) -> tensor<4xi64>
  %ok = nabla.cmp eq, %guess, %labels : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi1>
  %okf = nabla.convert %ok : (tensor<4xi1>) -> tensor<4xf32>
  %acc = nabla.reduce_sum %okf {axes = array<i64: 0>} : (tensor<4xf32>) -> tensor<f32>
  %y = nabla.add %s, %acc : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %l = nabla.neg %y : tensor<f32>
  return %l : tensor<f32>
}
func.func @main(%x: tensor<4x3xf32>, %l: tensor<4xi64>, %ct: tensor<f32>) -> (tensor<4x3xf32>, tensor<4xi64>) {
  %y, %xc, %lc = nabla.vjp @xent(%x, %l, %ct) {wrt = array<i64: 0, 1>} : (tensor<4x3xf32>, tensor<4xi64>, tensor<f32>) -> (tensor<f32>, tensor<4x3xf32>, tensor<4xi64>)
  return %xc, %lc : tensor<4x3xf32>, tensor<4xi64>
}

// -----

// d/dx [x stop_gradient(x)] = stop_gradient(x): one product, in both modes.
// CHECK-LABEL: func.func private @semi_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<f32>, %[[CT:[^:]+]]: tensor<f32>)
// CHECK: %[[S:.+]] = nabla.stop_gradient %[[X]]
// CHECK-NEXT: %[[Y:.+]] = nabla.mul %[[X]], %[[S]]
// CHECK-NEXT: %[[DX:.+]] = nabla.mul %[[CT]], %[[S]]
// CHECK-NEXT: return %[[Y]], %[[DX]]
// CHECK-LABEL: func.func private @semi_jvp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<f32>, %[[T:[^:]+]]: tensor<f32>)
// CHECK: %[[S:.+]] = nabla.stop_gradient %[[X]]
// CHECK-NEXT: %[[Y:.+]] = nabla.mul %[[X]], %[[S]]
// CHECK-NEXT: %[[DY:.+]] = nabla.mul %[[T]], %[[S]]
// CHECK-NEXT: return %[[Y]], %[[DY]]
func.func private @semi(%x: tensor<f32>) -> tensor<f32> {
  %s = nabla.stop_gradient %x : tensor<f32>
  %y = nabla.mul %x, %s : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %y : tensor<f32>
}
func.func @main(%x: tensor<f32>) -> tensor<f32> {
  %g = nabla.grad @semi(%x) {wrt = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  %y, %t = nabla.jvp @semi(%x, %x) {wrt = array<i64: 0>} : (tensor<f32>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
  return %g : tensor<f32>
}

// -----

// Only %w is differentiated: x * x and exp(x * x) are constants for the
// reverse sweep, and sin(w) reaches no result.
// CHECK-LABEL: func.func private @partial_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<3xf32>, %{{[^:]+}}: tensor<3xf32>, %[[CT:[^:]+]]: tensor<f32>)
// CHECK: %[[E:.+]] = nabla.exp
// CHECK: %[[Y:.+]] = nabla.reduce_sum
// CHECK-NEXT: %[[B:.+]] = nabla.broadcast_to %[[CT]]
// CHECK-NEXT: %[[DW:.+]] = nabla.mul %[[B]], %[[E]]
// CHECK-NEXT: return %[[Y]], %[[DW]]
// CHECK-NOT: nabla.sin
func.func private @partial(%w: tensor<3xf32>, %x: tensor<3xf32>) -> tensor<f32> {
  %xx = nabla.mul %x, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %e = nabla.exp %xx : tensor<3xf32>
  %p = nabla.mul %w, %e : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %s = nabla.reduce_sum %p {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  %unused = nabla.sin %w : tensor<3xf32>
  return %s : tensor<f32>
}
func.func @main(%w: tensor<3xf32>, %x: tensor<3xf32>) -> tensor<3xf32> {
  %g = nabla.grad @partial(%w, %x) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}

// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// A struct parameter reaches the IR as its flattened leaves: the gradient
// of a loss with respect to a 3-layer MLP is the gradient with respect to
// six tensors, wrt = [0..5], returned in order. The input and the integer
// labels are not differentiated.

// CHECK-LABEL: func.func @main
// CHECK: %[[ONE:.+]] = nabla.constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[R:.+]]:7 = call @loss_vjp(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[ONE]])
// CHECK: return %[[R]]#1, %[[R]]#2, %[[R]]#3, %[[R]]#4, %[[R]]#5, %[[R]]#6

// CHECK-LABEL: func.func private @loss_vjp
// CHECK-SAME: -> (tensor<f32>, tensor<4x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8x3xf32>, tensor<3xf32>)
// CHECK: %[[F:.+]]:8 = call @forward_vjp_fwd
// CHECK: %[[G:.+]]:6 = call @forward_vjp_bwd
// CHECK: return %{{.+}}, %[[G]]#0, %[[G]]#1, %[[G]]#2, %[[G]]#3, %[[G]]#4, %[[G]]#5

// The bias adjoints sum over the batch; the weight adjoints are x^T g.
// CHECK-LABEL: func.func private @forward_vjp_bwd
// CHECK-SAME: -> (tensor<4x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8x3xf32>, tensor<3xf32>)
// CHECK-DAG: nabla.reduce_sum %{{.+}} {axes = array<i64: 0>} : (tensor<?x3xf32>) -> tensor<3xf32>
// CHECK-DAG: nabla.matmul %{{.+}}, %{{.+}} : (tensor<8x?xf32>, tensor<?x3xf32>) -> tensor<8x3xf32>
// CHECK-DAG: nabla.matmul %{{.+}}, %{{.+}} : (tensor<4x?xf32>, tensor<?x8xf32>) -> tensor<4x8xf32>
func.func private @forward(%w1: tensor<4x8xf32>, %b1: tensor<8xf32>, %w2: tensor<8x8xf32>, %b2: tensor<8xf32>, %w3: tensor<8x3xf32>, %b3: tensor<3xf32>, %x: tensor<?x4xf32>) -> tensor<?x3xf32> {
  %0 = nabla.matmul %x, %w1 : (tensor<?x4xf32>, tensor<4x8xf32>) -> tensor<?x8xf32>
  %1 = nabla.add %0, %b1 : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32>
  %2 = nabla.relu %1 : tensor<?x8xf32>
  %3 = nabla.matmul %2, %w2 : (tensor<?x8xf32>, tensor<8x8xf32>) -> tensor<?x8xf32>
  %4 = nabla.add %3, %b2 : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32>
  %5 = nabla.relu %4 : tensor<?x8xf32>
  %6 = nabla.matmul %5, %w3 : (tensor<?x8xf32>, tensor<8x3xf32>) -> tensor<?x3xf32>
  %7 = nabla.add %6, %b3 : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return %7 : tensor<?x3xf32>
}
func.func private @loss(%w1: tensor<4x8xf32>, %b1: tensor<8xf32>, %w2: tensor<8x8xf32>, %b2: tensor<8xf32>, %w3: tensor<8x3xf32>, %b3: tensor<3xf32>, %x: tensor<?x4xf32>, %y: tensor<?xi64>) -> tensor<f32> {
  %logits = call @forward(%w1, %b1, %w2, %b2, %w3, %b3, %x) : (tensor<4x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8x3xf32>, tensor<3xf32>, tensor<?x4xf32>) -> tensor<?x3xf32>
  %logp = nabla.log_softmax %logits {axis = 1 : i64} : tensor<?x3xf32>
  %hot = nabla.one_hot %y {depth = 3 : i64} : (tensor<?xi64>) -> tensor<?x3xf32>
  %p = nabla.mul %logp, %hot : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  %s = nabla.reduce_sum %p {axes = array<i64: 1>} : (tensor<?x3xf32>) -> tensor<?xf32>
  %m = nabla.reduce_mean %s {axes = array<i64: 0>} : (tensor<?xf32>) -> tensor<f32>
  %l = nabla.neg %m : tensor<f32>
  return %l : tensor<f32>
}
func.func @main(%w1: tensor<4x8xf32>, %b1: tensor<8xf32>, %w2: tensor<8x8xf32>, %b2: tensor<8xf32>, %w3: tensor<8x3xf32>, %b3: tensor<3xf32>, %x: tensor<?x4xf32>, %y: tensor<?xi64>) -> (tensor<4x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8x3xf32>, tensor<3xf32>) {
  %g:6 = nabla.grad @loss(%w1, %b1, %w2, %b2, %w3, %b3, %x, %y) {wrt = array<i64: 0, 1, 2, 3, 4, 5>} : (tensor<4x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8x3xf32>, tensor<3xf32>, tensor<?x4xf32>, tensor<?xi64>) -> (tensor<4x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8x3xf32>, tensor<3xf32>)
  return %g#0, %g#1, %g#2, %g#3, %g#4, %g#5 : tensor<4x8xf32>, tensor<8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8x3xf32>, tensor<3xf32>
}

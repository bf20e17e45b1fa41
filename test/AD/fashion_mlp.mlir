// RUN: nabla emit --stage=nabla %examples/fashion_mlp.nabla | nabla-opt --nabla-autodiff | FileCheck %s --implicit-check-not=nabla.value_and_grad --implicit-check-not=nabla.grad
//
// The pass over the real example: value_and_grad of the MLP loss with
// respect to its six parameter tensors becomes a call to @loss_vjp, which
// calls the fwd/bwd pairs of @forward and @nn.cross_entropy. The output
// verifies (nabla-opt parses and verifies it) and no transform is left.

// CHECK-LABEL: func.func private @loss$value_and_grad
// CHECK: %[[ONE:.+]] = nabla.constant dense<1.000000e+00> : tensor<f32>
// CHECK: call @loss_vjp(%{{.+}}, %[[ONE]])

// CHECK-LABEL: func.func private @loss_vjp
// CHECK: %[[F:.+]]:8 = call @forward_vjp_fwd
// CHECK: %[[C:.+]]:5 = call @nn.cross_entropy_vjp_fwd
// CHECK: nabla.reduce_mean %[[C]]#0
// CHECK: %[[DC:.+]] = call @nn.cross_entropy_vjp_bwd(%[[C]]#1, %[[C]]#2, %[[C]]#3, %[[C]]#4, %{{.+}})
// CHECK: %[[DL:.+]] = tensor.cast %[[DC]] : tensor<?x?xf32> to tensor<?x10xf32>
// CHECK: %[[G:.+]]:6 = call @forward_vjp_bwd(%[[F]]#1, %[[F]]#2, %[[F]]#3, %[[F]]#4, %[[F]]#5, %[[F]]#6, %[[F]]#7, %[[DL]])
// CHECK: return %{{.+}}, %[[G]]#0, %[[G]]#1, %[[G]]#2, %[[G]]#3, %[[G]]#4, %[[G]]#5

// Three matmuls forward; their weights' adjoints are x^T g in the bwd.
// CHECK-LABEL: func.func private @forward_vjp_fwd
// CHECK-COUNT-3: nabla.matmul
// CHECK-LABEL: func.func private @forward_vjp_bwd
// CHECK-COUNT-5: nabla.matmul

// Sizes, not tensors, are kept for the shapes the reverse sweep needs.
// CHECK-LABEL: func.func private @nn.cross_entropy_vjp_fwd
// CHECK-SAME: -> (tensor<?xf32>, index, index, tensor<?x?xf32>, tensor<?x?xf32>)
// CHECK-LABEL: func.func private @nn.cross_entropy_vjp_bwd
// CHECK: nabla.exp

// RUN: nabla-opt %s --split-input-file --nabla-expand-per-example-grad | FileCheck %s
// RUN: nabla-opt %s --split-input-file --nabla-ad-phase | FileCheck %s --check-prefix=AD

// nabla-expand-per-example-grad: a loop over the examples that takes
// nabla.grad of the callee on each example as a batch of one and writes the
// flattened gradients to the example's row.

// Two batches (checked to hold as many examples), two 'wrt' arguments
// (flattened and concatenated).
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[W:[^:]+]]: tensor<3xf32>, %[[B:[^:]+]]: tensor<f32>, %[[X:[^:]+]]: tensor<?x3xf32>, %[[Y:[^:]+]]: tensor<?xf32>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x3xf32>
// CHECK: %[[M:.+]] = tensor.dim %[[Y]], %{{.+}} : tensor<?xf32>
// CHECK: %[[SAME:.+]] = arith.cmpi eq, %[[N]], %[[M]] : index
// CHECK: nabla.check %[[SAME]], "'per_example_grad(loss, wrt: (0, 1))': its batch arguments hold different numbers of examples: {0} and {1}", %[[N]], %[[M]] : index, index
// CHECK: %[[ZERO:.+]] = nabla.constant dense<0.000000e+00> : tensor<f32>
// CHECK: %[[INIT:.+]] = nabla.splat %[[ZERO]] [%[[N]]] : (tensor<f32>) -> tensor<?x4xf32>
// CHECK: %[[G:.+]] = scf.for %[[I:.+]] = %{{.+}} to %[[N]] step %{{.+}} iter_args(%[[ACC:.+]] = %[[INIT]]) -> (tensor<?x4xf32>) {
// CHECK:   %[[I64:.+]] = arith.index_cast %[[I]] : index to i64
// CHECK:   %[[AT:.+]] = tensor.from_elements %[[I64]] : tensor<i64>
// CHECK:   %[[XI:.+]] = nabla.dynamic_slice %[[X]][%[[AT]], %{{.+}}] {{.*}} -> tensor<1x3xf32>
// CHECK:   %[[XC:.+]] = tensor.cast %[[XI]] : tensor<1x3xf32> to tensor<?x3xf32>
// CHECK:   %[[YI:.+]] = nabla.dynamic_slice %[[Y]][%[[AT]]] {{.*}} -> tensor<1xf32>
// CHECK:   %[[YC:.+]] = tensor.cast %[[YI]] : tensor<1xf32> to tensor<?xf32>
// CHECK:   %[[GI:.+]]:2 = nabla.grad @loss(%[[W]], %[[B]], %[[XC]], %[[YC]]) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<f32>, tensor<?x3xf32>, tensor<?xf32>) -> (tensor<3xf32>, tensor<f32>)
// CHECK:   %[[R0:.+]] = nabla.reshape %[[GI]]#0 : (tensor<3xf32>) -> tensor<1x3xf32>
// CHECK:   %[[R1:.+]] = nabla.reshape %[[GI]]#1 : (tensor<f32>) -> tensor<1x1xf32>
// CHECK:   %[[ROW:.+]] = nabla.concat %[[R0]], %[[R1]] {axis = 1 : i64} : (tensor<1x3xf32>, tensor<1x1xf32>) -> tensor<1x4xf32>
// CHECK:   %[[POS:.+]] = nabla.reshape %[[AT]] : (tensor<i64>) -> tensor<1xi64>
// CHECK:   %[[NEXT:.+]] = nabla.scatter_add %[[ACC]], %[[POS]], %[[ROW]] {axis = 0 : i64}
// CHECK:   scf.yield %[[NEXT]] : tensor<?x4xf32>
// CHECK: return %[[G]]
// CHECK-NOT: nabla.per_example_grad

// In the AD phase, nabla-autodiff expands the nabla.grad in the loop.
// AD-LABEL: func.func @main
// AD: scf.for
// AD: call @loss_vjp
// AD-NOT: nabla.grad
// AD-NOT: nabla.per_example_grad
func.func private @loss(%w: tensor<3xf32>, %b: tensor<f32>, %x: tensor<?x3xf32>, %y: tensor<?xf32>) -> tensor<f32> {
  %xw = nabla.mul %x, %w : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %p = nabla.reduce_sum %xw {axes = array<i64: 1>} : (tensor<?x3xf32>) -> tensor<?xf32>
  %q = nabla.add %p, %b : (tensor<?xf32>, tensor<f32>) -> tensor<?xf32>
  %d = nabla.sub %q, %y : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  %s = nabla.mul %d, %d : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  %l = nabla.reduce_sum %s {axes = array<i64: 0>} : (tensor<?xf32>) -> tensor<f32>
  return %l : tensor<f32>
}
func.func @main(%w: tensor<3xf32>, %b: tensor<f32>, %x: tensor<?x3xf32>, %y: tensor<?xf32>) -> tensor<?x4xf32> {
  %g = nabla.per_example_grad @loss(%w, %b, %x, %y) {label = "per_example_grad(loss, wrt: (0, 1))", wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<f32>, tensor<?x3xf32>, tensor<?xf32>) -> tensor<?x4xf32>
  return %g : tensor<?x4xf32>
}

// -----

// One batch, one 'wrt' argument, no label: no size check, no concat.
// CHECK-LABEL: func.func @single
// CHECK-NOT: nabla.check
// CHECK: scf.for
// CHECK: nabla.grad @dot(%{{.+}}, %{{.+}}) {wrt = array<i64: 1>} : (tensor<?x2xf64>, tensor<2xf64>) -> tensor<2xf64>
// CHECK-NOT: nabla.concat
// CHECK: nabla.scatter_add
func.func private @dot(%x: tensor<?x2xf64>, %t: tensor<2xf64>) -> tensor<f64> {
  %p = nabla.mul %x, %t : (tensor<?x2xf64>, tensor<2xf64>) -> tensor<?x2xf64>
  %l = nabla.reduce_sum %p {axes = array<i64: 0, 1>} : (tensor<?x2xf64>) -> tensor<f64>
  return %l : tensor<f64>
}
func.func @single(%x: tensor<?x2xf64>, %t: tensor<2xf64>) -> tensor<?x2xf64> {
  %g = nabla.per_example_grad @dot(%x, %t) {wrt = array<i64: 1>} : (tensor<?x2xf64>, tensor<2xf64>) -> tensor<?x2xf64>
  return %g : tensor<?x2xf64>
}

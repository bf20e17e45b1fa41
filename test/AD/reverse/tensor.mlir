// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Adjoint rules of the upstream tensor ops that carry floats.

// CHECK-LABEL: func.func private @cast_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<?x3xf32>, %[[CT:[^:]+]]: tensor<?x?xf32>)
// CHECK: %[[DX:.+]] = tensor.cast %[[CT]] : tensor<?x?xf32> to tensor<?x3xf32>
// CHECK: return %{{.+}}, %[[DX]]
func.func private @cast(%x: tensor<?x3xf32>) -> tensor<?x?xf32> {
  %y = tensor.cast %x : tensor<?x3xf32> to tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
func.func @cast_caller(%x: tensor<?x3xf32>, %ct: tensor<?x?xf32>) -> tensor<?x3xf32> {
  %y, %xc = nabla.vjp @cast(%x, %ct) {wrt = array<i64: 0>} : (tensor<?x3xf32>, tensor<?x?xf32>) -> (tensor<?x?xf32>, tensor<?x3xf32>)
  return %xc : tensor<?x3xf32>
}

// -----

// The slice ops that loop tapes use: extract_slice scatters back with
// insert_slice; insert_slice splits the cotangent between source and
// destination.
// CHECK-LABEL: func.func private @slices_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4x3xf32>, %[[R:[^:]+]]: tensor<3xf32>, %[[CT:[^:]+]]: tensor<3xf32>)
// CHECK: %[[DZ:.+]] = tensor.insert_slice %[[CT]] into %{{.+}}[2, 0] [1, 3] [1, 1]
// CHECK: %[[DY:.+]] = tensor.insert_slice %[[CT]] into %{{.+}}[1, 0] [1, 3] [1, 1]
// CHECK: %[[DW:.+]] = nabla.add %[[DZ]], %[[DY]]
// CHECK: %[[DR:.+]] = tensor.extract_slice %[[DW]][2, 0] [1, 3] [1, 1] : tensor<4x3xf32> to tensor<3xf32>
// CHECK: %[[ZR:.+]] = nabla.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK: %[[DX:.+]] = tensor.insert_slice %[[ZR]] into %[[DW]][2, 0] [1, 3] [1, 1]
// CHECK: return %{{.+}}, %[[DX]], %[[DR]]
func.func private @slices(%x: tensor<4x3xf32>, %r: tensor<3xf32>) -> tensor<3xf32> {
  %w = tensor.insert_slice %r into %x[2, 0] [1, 3] [1, 1] : tensor<3xf32> into tensor<4x3xf32>
  %y = tensor.extract_slice %w[1, 0] [1, 3] [1, 1] : tensor<4x3xf32> to tensor<3xf32>
  %z = tensor.extract_slice %w[2, 0] [1, 3] [1, 1] : tensor<4x3xf32> to tensor<3xf32>
  %s = nabla.add %y, %z : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %s : tensor<3xf32>
}
func.func @slices_caller(%x: tensor<4x3xf32>, %r: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc, %rc = nabla.vjp @slices(%x, %r, %ct) {wrt = array<i64: 0, 1>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<4x3xf32>, tensor<3xf32>)
  return %rc : tensor<3xf32>
}

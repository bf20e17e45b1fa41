// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Tangent rules of the upstream tensor ops that carry floats.

// CHECK-LABEL: func.func private @cast_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<?x3xf32>, %[[T:[^:]+]]: tensor<?x3xf32>)
// CHECK: %[[DY:.+]] = tensor.cast %[[T]] : tensor<?x3xf32> to tensor<?x?xf32>
// CHECK: return %{{.+}}, %[[DY]]
func.func private @cast(%x: tensor<?x3xf32>) -> tensor<?x?xf32> {
  %y = tensor.cast %x : tensor<?x3xf32> to tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
func.func @cast_caller(%x: tensor<?x3xf32>, %ct: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %y2, %t = nabla.jvp @cast(%x, %x) {wrt = array<i64: 0>} : (tensor<?x3xf32>, tensor<?x3xf32>) -> (tensor<?x?xf32>, tensor<?x?xf32>)
  return %t : tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func private @slices_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<4x3xf32>, %{{[^:]+}}: tensor<3xf32>, %[[TX:[^:]+]]: tensor<4x3xf32>, %[[TR:[^:]+]]: tensor<3xf32>)
// CHECK: %[[TW:.+]] = tensor.insert_slice %[[TR]] into %[[TX]][2, 0] [1, 3] [1, 1]
// CHECK: %[[DY:.+]] = tensor.extract_slice %[[TW]][1, 0] [1, 3] [1, 1]
// CHECK: return %{{.+}}, %[[DY]]
func.func private @slices(%x: tensor<4x3xf32>, %r: tensor<3xf32>) -> tensor<3xf32> {
  %w = tensor.insert_slice %r into %x[2, 0] [1, 3] [1, 1] : tensor<3xf32> into tensor<4x3xf32>
  %y = tensor.extract_slice %w[1, 0] [1, 3] [1, 1] : tensor<4x3xf32> to tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @slices_caller(%x: tensor<4x3xf32>, %r: tensor<3xf32>) -> tensor<3xf32> {
  %y, %t = nabla.jvp @slices(%x, %r, %x, %r) {wrt = array<i64: 0, 1>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<4x3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %t : tensor<3xf32>
}

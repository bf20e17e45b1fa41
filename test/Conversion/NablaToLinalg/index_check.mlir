// RUN: nabla-opt %s --convert-nabla-to-linalg --split-input-file | FileCheck %s

// nabla.check_index: the index compared with the dimension's size, and a
// located nrt_check_failed call when it is out of range.

// CHECK-LABEL: func.func @scalar_wrap
// CHECK-SAME: (%[[X:.+]]: tensor<?xf32>, %[[I:.+]]: tensor<i64>)
// CHECK: %[[N:.+]] = tensor.dim %[[X]]
// CHECK: %[[NI:.+]] = arith.index_cast %[[N]] : index to i64
// CHECK: %[[V:.+]] = tensor.extract %[[I]][] : tensor<i64>
// CHECK: %[[NEG:.+]] = arith.cmpi slt, %[[V]], %{{.+}} : i64
// CHECK: %[[END:.+]] = arith.addi %[[V]], %[[NI]] : i64
// CHECK: %[[W:.+]] = arith.select %[[NEG]], %[[END]], %[[V]] : i64
// CHECK: scf.if
// CHECK: tensor.from_elements %[[V]], %[[NI]] : tensor<2xi64>
// CHECK: call @nrt_check_failed(%{{.+}}, %{{.+}}, %{{.+}}) : (tensor<?xi8>, tensor<?xi8>, tensor<?xi64>) -> ()
// CHECK: %[[R:.+]] = tensor.from_elements %[[W]] : tensor<i64>
// CHECK: return %[[R]]
func.func @scalar_wrap(%x: tensor<?xf32>, %i: tensor<i64>) -> tensor<i64> {
  %r = nabla.check_index %i into %x {axis = 0 : i64, wrap} : tensor<i64>, tensor<?xf32>
  return %r : tensor<i64>
}

// -----

// A tensor of indices: its smallest and largest entry are checked.
// CHECK-LABEL: func.func @take_indices
// CHECK-SAME: (%[[X:.+]]: tensor<5x2xf32>, %[[IDS:.+]]: tensor<3xi32>)
// CHECK: %[[MM:.+]]:2 = linalg.generic {{.+}} iterator_types = ["reduction"]{{.*}} ins(%[[IDS]] : tensor<3xi32>)
// CHECK: arith.extsi
// CHECK: arith.minsi
// CHECK: arith.maxsi
// CHECK: scf.if
// CHECK: call @nrt_check_failed
// CHECK: return %[[IDS]] : tensor<3xi32>
func.func @take_indices(%x: tensor<5x2xf32>, %ids: tensor<3xi32>) -> tensor<3xi32> {
  %r = nabla.check_index %ids into %x {axis = 0 : i64} : tensor<3xi32>, tensor<5x2xf32>
  return %r : tensor<3xi32>
}

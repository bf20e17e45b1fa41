// RUN: nabla-opt %s --convert-nabla-to-linalg --split-input-file | FileCheck %s

// Shape and data-movement ops: tensor.reshape, linalg.transpose,
// tensor.extract_slice / insert_slice (run-time starts clamped into range),
// concat as a chain of insert_slice, gathers and one_hot as linalg.generic
// with linalg.index, broadcast_to and iota.

// The one dynamic size is the element count divided by the static sizes.
// CHECK-LABEL: func.func @reshape_dynamic(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x4xf32>
// CHECK: %[[D0:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x4xf32>
// CHECK: %[[P0:.+]] = arith.muli %{{.+}}, %[[D0]] : index
// CHECK: %[[D1:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x4xf32>
// CHECK: %[[TOTAL:.+]] = arith.muli %[[P0]], %[[D1]] : index
// CHECK: %[[C4:.+]] = arith.constant 4 : index
// CHECK: %[[N:.+]] = arith.divsi %[[TOTAL]], %[[C4]] : index
// CHECK: %[[C2:.+]] = arith.constant 2 : index
// CHECK: %[[C2B:.+]] = arith.constant 2 : index
// CHECK: %[[SHAPE:.+]] = tensor.from_elements %[[N]], %[[C2]], %[[C2B]] : tensor<3xindex>
// CHECK: %[[R:.+]] = tensor.reshape %[[X]](%[[SHAPE]]) : (tensor<?x4xf32>, tensor<3xindex>) -> tensor<?x2x2xf32>
// CHECK: return %[[R]]
func.func @reshape_dynamic(%x: tensor<?x4xf32>) -> tensor<?x2x2xf32> {
  %r = nabla.reshape %x : (tensor<?x4xf32>) -> tensor<?x2x2xf32>
  return %r : tensor<?x2x2xf32>
}

// -----

// To rank 0: an empty shape tensor.
// CHECK-LABEL: func.func @reshape_to_scalar(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<1x1xf32>
// CHECK: %[[SHAPE:.+]] = tensor.empty() : tensor<0xindex>
// CHECK: tensor.reshape %[[X]](%[[SHAPE]]) : (tensor<1x1xf32>, tensor<0xindex>) -> tensor<f32>
func.func @reshape_to_scalar(%x: tensor<1x1xf32>) -> tensor<f32> {
  %r = nabla.reshape %x : (tensor<1x1xf32>) -> tensor<f32>
  return %r : tensor<f32>
}

// -----

// Result dim 1 is operand dim permutation[1] = 0: its size comes from there.
// CHECK-LABEL: func.func @transpose_dynamic(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x3x4xf32>
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %[[C0]] : tensor<?x3x4xf32>
// CHECK: %[[INIT:.+]] = tensor.empty(%[[N]]) : tensor<4x?x3xf32>
// CHECK: %[[T:.+]] = linalg.transpose ins(%[[X]] : tensor<?x3x4xf32>) outs(%[[INIT]] : tensor<4x?x3xf32>) permutation = [2, 0, 1]
// CHECK: return %[[T]]
func.func @transpose_dynamic(%x: tensor<?x3x4xf32>) -> tensor<4x?x3xf32> {
  %r = nabla.transpose %x {permutation = array<i64: 2, 0, 1>} : (tensor<?x3x4xf32>) -> tensor<4x?x3xf32>
  return %r : tensor<4x?x3xf32>
}

// -----

// CHECK-LABEL: func.func @slice_strided(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<10x4xf32>
// CHECK: %[[S:.+]] = tensor.extract_slice %[[X]][2, 1] [3, 2] [1, 2] : tensor<10x4xf32> to tensor<3x2xf32>
// CHECK: return %[[S]]
func.func @slice_strided(%x: tensor<10x4xf32>) -> tensor<3x2xf32> {
  %r = nabla.slice %x {start_indices = array<i64: 2, 1>, limit_indices = array<i64: 5, 4>, strides = array<i64: 1, 2>} : (tensor<10x4xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

// -----

// The limits are static, so a dynamic result dim still has size
// limit - start (2 here), not the operand's size minus start. The start
// into the dimension of run-time size is kept inside it (min(1, dim - 2);
// the program checked it with nabla.check_index), so the IR stays valid if
// the size folds to a constant.
// CHECK-LABEL: func.func @slice_dynamic_result_type(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x4xf32>
// CHECK: %[[D:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x4xf32>
// CHECK: %[[HI:.+]] = arith.subi %[[D]], %{{.+}} : index
// CHECK: %[[HI0:.+]] = arith.maxsi %[[HI]], %{{.+}} : index
// CHECK: %[[O:.+]] = arith.minsi %{{.+}}, %[[HI0]] : index
// CHECK: %[[S:.+]] = tensor.extract_slice %[[X]][%[[O]], 0] [2, 4] [1, 1] : tensor<?x4xf32> to tensor<2x4xf32>
// CHECK: %[[C:.+]] = tensor.cast %[[S]] : tensor<2x4xf32> to tensor<?x4xf32>
// CHECK: return %[[C]]
func.func @slice_dynamic_result_type(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %r = nabla.slice %x {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 3, 4>, strides = array<i64: 1, 1>} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}

// -----

// Each start is clamped to [0, dim - size].
// CHECK-LABEL: func.func @dynamic_slice_clamp(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<10x784xf32>, %[[S:[a-z0-9]+]]: tensor<i64>, %[[Z:[a-z0-9]+]]: tensor<i64>
// CHECK: %[[DIM:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<10x784xf32>
// CHECK: %[[S64:.+]] = tensor.extract %[[S]][] : tensor<i64>
// CHECK: %[[SIDX:.+]] = arith.index_cast %[[S64]] : i64 to index
// CHECK: %[[ZERO:.+]] = arith.constant 0 : index
// CHECK: %[[SIZE:.+]] = arith.constant 2 : index
// CHECK: %[[HI0:.+]] = arith.subi %[[DIM]], %[[SIZE]] : index
// CHECK: %[[HI:.+]] = arith.maxsi %[[HI0]], %[[ZERO]] : index
// CHECK: %[[LO:.+]] = arith.maxsi %[[SIDX]], %[[ZERO]] : index
// CHECK: %[[OFF0:.+]] = arith.minsi %[[LO]], %[[HI]] : index
// CHECK: tensor.extract %[[Z]][] : tensor<i64>
// CHECK: %[[OFF1:.+]] = arith.minsi
// CHECK: %[[R:.+]] = tensor.extract_slice %[[X]][%[[OFF0]], %[[OFF1]]] [2, 784] [1, 1] : tensor<10x784xf32> to tensor<2x784xf32>
// CHECK: return %[[R]]
func.func @dynamic_slice_clamp(%x: tensor<10x784xf32>, %s: tensor<i64>, %z: tensor<i64>) -> tensor<2x784xf32> {
  %r = nabla.dynamic_slice %x[%s, %z] {slice_sizes = array<i64: 2, 784>} : (tensor<10x784xf32>) -> tensor<2x784xf32>
  return %r : tensor<2x784xf32>
}

// -----

// The clamp uses the update's size.
// CHECK-LABEL: func.func @dynamic_update_slice(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<4x4xf32>, %[[U:[a-z0-9]+]]: tensor<1x2xf32>, %[[I:[a-z0-9]+]]: tensor<i64>, %[[J:[a-z0-9]+]]: tensor<i64>
// CHECK: %[[DIM:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<4x4xf32>
// CHECK: %[[UDIM:.+]] = tensor.dim %[[U]], %{{.+}} : tensor<1x2xf32>
// CHECK: tensor.extract %[[I]][] : tensor<i64>
// CHECK: %[[HI:.+]] = arith.subi %[[DIM]], %[[UDIM]] : index
// CHECK: %[[OFF0:.+]] = arith.minsi
// CHECK: tensor.extract %[[J]][] : tensor<i64>
// CHECK: %[[OFF1:.+]] = arith.minsi
// CHECK: %[[R:.+]] = tensor.insert_slice %[[U]] into %[[X]][%[[OFF0]], %[[OFF1]]] [1, 2] [1, 1] : tensor<1x2xf32> into tensor<4x4xf32>
// CHECK: return %[[R]]
func.func @dynamic_update_slice(%x: tensor<4x4xf32>, %u: tensor<1x2xf32>, %i: tensor<i64>, %j: tensor<i64>) -> tensor<4x4xf32> {
  %r = nabla.dynamic_update_slice %u into %x[%i, %j] : tensor<1x2xf32> into tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

// -----

// CHECK-LABEL: func.func @concat_static(
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<2x3xf32>, %[[B:[a-z0-9]+]]: tensor<4x3xf32>
// CHECK: %[[INIT:.+]] = tensor.empty() : tensor<6x3xf32>
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[R0:.+]] = tensor.insert_slice %[[A]] into %[[INIT]][%[[C0]], 0] [2, 3] [1, 1] : tensor<2x3xf32> into tensor<6x3xf32>
// CHECK: %[[DA:.+]] = tensor.dim %[[A]], %{{.+}} : tensor<2x3xf32>
// CHECK: %[[OFF:.+]] = arith.addi %[[C0]], %[[DA]] : index
// CHECK: %[[R1:.+]] = tensor.insert_slice %[[B]] into %[[R0]][%[[OFF]], 0] [4, 3] [1, 1] : tensor<4x3xf32> into tensor<6x3xf32>
// CHECK: return %[[R1]]
func.func @concat_static(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> tensor<6x3xf32> {
  %r = nabla.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<6x3xf32>
  return %r : tensor<6x3xf32>
}

// -----

// A dynamic concat size is the sum of the input sizes.
// CHECK-LABEL: func.func @concat_dynamic(
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<2x3xf32>, %[[B:[a-z0-9]+]]: tensor<?x3xf32>
// CHECK: %[[DA:.+]] = tensor.dim %[[A]], %{{.+}} : tensor<2x3xf32>
// CHECK: %[[S0:.+]] = arith.addi %{{.+}}, %[[DA]] : index
// CHECK: %[[DB:.+]] = tensor.dim %[[B]], %{{.+}} : tensor<?x3xf32>
// CHECK: %[[TOTAL:.+]] = arith.addi %[[S0]], %[[DB]] : index
// CHECK: %[[INIT:.+]] = tensor.empty(%[[TOTAL]]) : tensor<?x3xf32>
// CHECK: %[[R0:.+]] = tensor.insert_slice %[[A]] into %[[INIT]]
// CHECK: %[[NB:.+]] = tensor.dim %[[B]], %{{.+}} : tensor<?x3xf32>
// CHECK: %[[R1:.+]] = tensor.insert_slice %[[B]] into %[[R0]][%{{.+}}, 0] [%[[NB]], 3] [1, 1] : tensor<?x3xf32> into tensor<?x3xf32>
// CHECK: return %[[R1]]
func.func @concat_dynamic(%a: tensor<2x3xf32>, %b: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %r = nabla.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// -----

// A gather: the generic iterates over the result and reads the table with
// tensor.extract at the clamped index.
// CHECK-DAG: #[[IDX:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @take_rows(
// CHECK-SAME: %[[T:[a-z0-9]+]]: tensor<100x16xf32>, %[[IDS:[a-z0-9]+]]: tensor<8xi64>
// CHECK: %[[INIT:.+]] = tensor.empty() : tensor<8x16xf32>
// CHECK: %[[N:.+]] = tensor.dim %[[T]], %{{.+}} : tensor<100x16xf32>
// CHECK: %[[R:.+]] = linalg.generic {indexing_maps = [#[[IDX]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[IDS]] : tensor<8xi64>) outs(%[[INIT]] : tensor<8x16xf32>)
// CHECK: ^bb0(%[[I:[a-z0-9_]+]]: i64, %{{[a-z0-9_]+}}: f32):
// CHECK: %[[II:.+]] = arith.index_cast %[[I]] : i64 to index
// CHECK: %[[LAST:.+]] = arith.subi %[[N]], %{{.+}} : index
// CHECK: %[[LO:.+]] = arith.maxsi %[[II]], %{{.+}} : index
// CHECK: %[[K:.+]] = arith.minsi %[[LO]], %[[LAST]] : index
// CHECK: %[[J:.+]] = linalg.index 1 : index
// CHECK: %[[V:.+]] = tensor.extract %[[T]][%[[K]], %[[J]]] : tensor<100x16xf32>
// CHECK: linalg.yield %[[V]] : f32
// CHECK: return %[[R]]
func.func @take_rows(%t: tensor<100x16xf32>, %ids: tensor<8xi64>) -> tensor<8x16xf32> {
  %r = nabla.take %t, %ids {axis = 0 : i64} : (tensor<100x16xf32>, tensor<8xi64>) -> tensor<8x16xf32>
  return %r : tensor<8x16xf32>
}

// -----

// CHECK-DAG: #[[IDX:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @take_columns(
// CHECK-SAME: %[[T:[a-z0-9]+]]: tensor<4x3xf32>, %[[IDS:[a-z0-9]+]]: tensor<2xi32>
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #{{.+}}]
// CHECK: ^bb0(%[[I:[a-z0-9_]+]]: i32, %{{[a-z0-9_]+}}: f32):
// CHECK: arith.index_cast %[[I]] : i32 to index
// CHECK: %[[K:.+]] = arith.minsi
// CHECK: %[[ROW:.+]] = linalg.index 0 : index
// CHECK: tensor.extract %[[T]][%[[ROW]], %[[K]]] : tensor<4x3xf32>
func.func @take_columns(%t: tensor<4x3xf32>, %ids: tensor<2xi32>) -> tensor<4x2xf32> {
  %r = nabla.take %t, %ids {axis = 1 : i64} : (tensor<4x3xf32>, tensor<2xi32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}

// -----

// CHECK-DAG: #[[LBL:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @one_hot(
// CHECK-SAME: %[[L:[a-z0-9]+]]: tensor<?xi64>
// CHECK: %[[N:.+]] = tensor.dim %[[L]], %{{.+}} : tensor<?xi64>
// CHECK: %[[INIT:.+]] = tensor.empty(%[[N]]) : tensor<?x10xf32>
// CHECK: linalg.generic {indexing_maps = [#[[LBL]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[L]] : tensor<?xi64>) outs(%[[INIT]] : tensor<?x10xf32>)
// CHECK: ^bb0(%[[LABEL:[a-z0-9_]+]]: i64, %{{[a-z0-9_]+}}: f32):
// CHECK: %[[J:.+]] = linalg.index 1 : index
// CHECK: %[[J64:.+]] = arith.index_cast %[[J]] : index to i64
// CHECK: %[[EQ:.+]] = arith.cmpi eq, %[[LABEL]], %[[J64]] : i64
// CHECK-DAG: %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[V:.+]] = arith.select %[[EQ]], %[[ONE]], %[[ZERO]] : f32
// CHECK: linalg.yield %[[V]]
func.func @one_hot(%l: tensor<?xi64>) -> tensor<?x10xf32> {
  %r = nabla.one_hot %l {depth = 10 : i64} : (tensor<?xi64>) -> tensor<?x10xf32>
  return %r : tensor<?x10xf32>
}

// -----

// CHECK-DAG: #[[SRC:.+]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @broadcast_to(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<3x1xf32>, %[[N:[a-z0-9]+]]: index
// CHECK: %[[INIT:.+]] = tensor.empty(%[[N]]) : tensor<2x3x?xf32>
// CHECK: %[[R:.+]] = linalg.generic {indexing_maps = [#[[SRC]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<3x1xf32>) outs(%[[INIT]] : tensor<2x3x?xf32>)
// CHECK: ^bb0(%[[V:[a-z0-9_]+]]: f32, %{{[a-z0-9_]+}}: f32):
// CHECK-NEXT: linalg.yield %[[V]] : f32
// CHECK: return %[[R]]
func.func @broadcast_to(%x: tensor<3x1xf32>, %n: index) -> tensor<2x3x?xf32> {
  %r = nabla.broadcast_to %x [%n] : (tensor<3x1xf32>) -> tensor<2x3x?xf32>
  return %r : tensor<2x3x?xf32>
}

// -----

// CHECK-LABEL: func.func @iota(
// CHECK-SAME: %[[N:[a-z0-9]+]]: index
// CHECK: %[[E0:.+]] = tensor.empty() : tensor<4xi64>
// CHECK: linalg.generic
// CHECK-SAME: outs(%[[E0]] : tensor<4xi64>)
// CHECK: %[[I:.+]] = linalg.index 0 : index
// CHECK: %[[I64:.+]] = arith.index_cast %[[I]] : index to i64
// CHECK: linalg.yield %[[I64]] : i64
// CHECK: %[[E1:.+]] = tensor.empty(%[[N]]) : tensor<3x?xf32>
// CHECK: linalg.generic
// CHECK-SAME: outs(%[[E1]] : tensor<3x?xf32>)
// CHECK: %[[J:.+]] = linalg.index 1 : index
// CHECK: %[[J64:.+]] = arith.index_cast %[[J]] : index to i64
// CHECK: %[[F:.+]] = arith.sitofp %[[J64]] : i64 to f32
// CHECK: linalg.yield %[[F]] : f32
func.func @iota(%n: index) -> (tensor<4xi64>, tensor<3x?xf32>) {
  %a = nabla.iota {dimension = 0 : i64} : tensor<4xi64>
  %b = nabla.iota [%n] {dimension = 1 : i64} : tensor<3x?xf32>
  return %a, %b : tensor<4xi64>, tensor<3x?xf32>
}

// -----

// scatter_add (the adjoint of take) adds one slice per index, in order, in
// an scf.for over the indices, so repeated indices accumulate; each index is
// clamped like take's.
// CHECK-LABEL: func.func @scatter_add_rows(
// CHECK-SAME: %[[T:[a-z0-9]+]]: tensor<5x3xf32>, %[[IDS:[a-z0-9]+]]: tensor<?xi64>, %[[ROWS:[a-z0-9]+]]: tensor<?x3xf32>
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.+]] = arith.constant 1 : index
// CHECK: %[[N:.+]] = tensor.dim %[[IDS]], %{{.+}} : tensor<?xi64>
// CHECK: %[[D:.+]] = tensor.dim %[[T]], %{{.+}} : tensor<5x3xf32>
// CHECK: %[[LAST:.+]] = arith.subi %[[D]], %[[C1]] : index
// CHECK: %[[R:.+]] = scf.for %[[J:.+]] = %[[C0]] to %[[N]] step %[[C1]] iter_args(%[[ACC:.+]] = %[[T]]) -> (tensor<5x3xf32>) {
// CHECK: %[[RAW:.+]] = tensor.extract %[[IDS]][%[[J]]] : tensor<?xi64>
// CHECK: %[[I0:.+]] = arith.index_cast %[[RAW]] : i64 to index
// CHECK: %[[I1:.+]] = arith.maxsi %[[I0]], %[[C0]] : index
// CHECK: %[[I:.+]] = arith.minsi %[[I1]], %[[LAST]] : index
// CHECK: %[[CUR:.+]] = tensor.extract_slice %[[ACC]][%[[I]], 0] [1, 3] [1, 1] : tensor<5x3xf32> to tensor<1x3xf32>
// CHECK: %[[UPD:.+]] = tensor.extract_slice %[[ROWS]][%[[J]], 0] [1, 3] [1, 1] : tensor<?x3xf32> to tensor<1x3xf32>
// CHECK: %[[SUM:.+]] = linalg.generic
// CHECK-SAME: ins(%[[CUR]], %[[UPD]] : tensor<1x3xf32>, tensor<1x3xf32>)
// CHECK: arith.addf
// CHECK: %[[NEXT:.+]] = tensor.insert_slice %[[SUM]] into %[[ACC]][%[[I]], 0] [1, 3] [1, 1] : tensor<1x3xf32> into tensor<5x3xf32>
// CHECK: scf.yield %[[NEXT]] : tensor<5x3xf32>
// CHECK: return %[[R]]
func.func @scatter_add_rows(%t: tensor<5x3xf32>, %ids: tensor<?xi64>, %rows: tensor<?x3xf32>) -> tensor<5x3xf32> {
  %r = nabla.scatter_add %t, %ids, %rows {axis = 0 : i64} : (tensor<5x3xf32>, tensor<?xi64>, tensor<?x3xf32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// -----

// Along axis 1, on integers.
// CHECK-LABEL: func.func @scatter_add_columns(
// CHECK-SAME: %[[T:[a-z0-9]+]]: tensor<2x4xi32>, %{{.+}}: tensor<3xi64>, %[[COLS:[a-z0-9]+]]: tensor<2x3xi32>
// CHECK: scf.for %[[J:.+]] = %{{.+}} iter_args(%[[ACC:.+]] = %[[T]]) -> (tensor<2x4xi32>)
// CHECK: %[[I:.+]] = arith.minsi
// CHECK: tensor.extract_slice %[[ACC]][0, %[[I]]] [2, 1] [1, 1] : tensor<2x4xi32> to tensor<2x1xi32>
// CHECK: tensor.extract_slice %[[COLS]][0, %[[J]]] [2, 1] [1, 1] : tensor<2x3xi32> to tensor<2x1xi32>
// CHECK: arith.addi
// CHECK: tensor.insert_slice %{{.+}} into %[[ACC]][0, %[[I]]] [2, 1] [1, 1] : tensor<2x1xi32> into tensor<2x4xi32>
func.func @scatter_add_columns(%t: tensor<2x4xi32>, %ids: tensor<3xi64>, %cols: tensor<2x3xi32>) -> tensor<2x4xi32> {
  %r = nabla.scatter_add %t, %ids, %cols {axis = 1 : i64} : (tensor<2x4xi32>, tensor<3xi64>, tensor<2x3xi32>) -> tensor<2x4xi32>
  return %r : tensor<2x4xi32>
}

// RUN: nabla-opt %s --convert-nabla-to-linalg --split-input-file | FileCheck %s

// Reductions become a linalg.generic with reduction iterators on the reduced
// axes over a filled accumulator (0, -inf/INT_MIN, +inf/INT_MAX); keepdims
// re-inserts size-1 dims with tensor.expand_shape. softmax and log_softmax
// subtract the row maximum first.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[KEEP1:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @reduce_sum_axis0(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<4x3xf32>
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E:.+]] = tensor.empty() : tensor<3xf32>
// CHECK: %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<3xf32>)
// CHECK: %[[R:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[KEEP1]]], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<4x3xf32>) outs(%[[ACC]] : tensor<3xf32>)
// CHECK: ^bb0(%[[IN:[a-z0-9_]+]]: f32, %[[OUT:[a-z0-9_]+]]: f32):
// CHECK-NEXT: %[[S:.+]] = arith.addf %[[IN]], %[[OUT]] : f32
// CHECK-NEXT: linalg.yield %[[S]]
// CHECK: return %[[R]]
func.func @reduce_sum_axis0(%x: tensor<4x3xf32>) -> tensor<3xf32> {
  %r = nabla.reduce_sum %x {axes = array<i64: 0>} : (tensor<4x3xf32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// Reducing every axis gives a rank-0 accumulator.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[NONE:.+]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @reduce_sum_all_int(
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i32
// CHECK: linalg.fill ins(%[[ZERO]] : i32) outs(%{{.+}} : tensor<i32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[NONE]]], iterator_types = ["reduction", "reduction"]}
// CHECK: arith.addi
func.func @reduce_sum_all_int(%x: tensor<4x3xi32>) -> tensor<i32> {
  %r = nabla.reduce_sum %x {axes = array<i64: 0, 1>} : (tensor<4x3xi32>) -> tensor<i32>
  return %r : tensor<i32>
}

// -----

// CHECK-LABEL: func.func @reduce_max_keepdims(
// CHECK: %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[ACC:.+]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.+}} : tensor<4xf32>)
// CHECK: %[[R:.+]] = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "reduction"]
// CHECK: arith.maximumf
// CHECK: %[[K:.+]] = tensor.expand_shape %[[R]] {{\[}}[0, 1]] output_shape [4, 1] : tensor<4xf32> into tensor<4x1xf32>
// CHECK: return %[[K]]
func.func @reduce_max_keepdims(%x: tensor<4x3xf32>) -> tensor<4x1xf32> {
  %r = nabla.reduce_max %x {axes = array<i64: 1>, keepdims = true} : (tensor<4x3xf32>) -> tensor<4x1xf32>
  return %r : tensor<4x1xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_min_int(
// CHECK: %[[MAX:.+]] = arith.constant 9223372036854775807 : i64
// CHECK: linalg.fill ins(%[[MAX]] : i64)
// CHECK: arith.minsi
func.func @reduce_min_int(%x: tensor<4x3xi64>) -> tensor<4xi64> {
  %r = nabla.reduce_min %x {axes = array<i64: 1>} : (tensor<4x3xi64>) -> tensor<4xi64>
  return %r : tensor<4xi64>
}

// -----

// mean = sum / count, with the count of a dynamic axis read at run time.
// CHECK-LABEL: func.func @reduce_mean_dynamic(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x3xf32>
// CHECK: %[[SUM:.+]] = linalg.generic
// CHECK-SAME: iterator_types = ["reduction", "parallel"]
// CHECK: arith.addf
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[N:.+]] = tensor.dim %[[X]], %[[C0]] : tensor<?x3xf32>
// CHECK: %[[CNT:.+]] = arith.muli %{{.+}}, %[[N]] : index
// CHECK: %[[CNT64:.+]] = arith.index_cast %[[CNT]] : index to i64
// CHECK: %[[CNTF:.+]] = arith.sitofp %[[CNT64]] : i64 to f32
// CHECK: %[[R:.+]] = linalg.generic
// CHECK-SAME: ins(%[[SUM]] : tensor<3xf32>)
// CHECK: ^bb0(%[[S:[a-z0-9_]+]]: f32, %{{[a-z0-9_]+}}: f32):
// CHECK: arith.divf %[[S]], %[[CNTF]] : f32
// CHECK: return %[[R]]
func.func @reduce_mean_dynamic(%x: tensor<?x3xf32>) -> tensor<3xf32> {
  %r = nabla.reduce_mean %x {axes = array<i64: 0>} : (tensor<?x3xf32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// keepdims over every axis expands a rank-0 sum with no reassociation.
// CHECK-LABEL: func.func @reduce_mean_keepdims_all(
// CHECK: %[[SUM:.+]] = linalg.generic
// CHECK-SAME: iterator_types = ["reduction", "reduction"]
// CHECK: %[[K:.+]] = tensor.expand_shape %[[SUM]] [] output_shape [1, 1] : tensor<f64> into tensor<1x1xf64>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[K]] : tensor<1x1xf64>)
// CHECK: arith.divf %{{.+}}, %{{.+}} : f64
func.func @reduce_mean_keepdims_all(%x: tensor<2x3xf64>) -> tensor<1x1xf64> {
  %r = nabla.reduce_mean %x {axes = array<i64: 0, 1>, keepdims = true} : (tensor<2x3xf64>) -> tensor<1x1xf64>
  return %r : tensor<1x1xf64>
}

// -----

// argmax carries (best value, best index); a strictly greater value (or the
// first NaN) replaces the best, so ties keep the first index.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @argmax(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x5xf32>
// CHECK: %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[VALS:.+]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.+}} : tensor<2xf32>)
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK: %[[IDXS:.+]] = linalg.fill ins(%[[ZERO]] : i64) outs(%{{.+}} : tensor<2xi64>)
// CHECK: %[[R:.+]]:2 = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x5xf32>) outs(%[[VALS]], %[[IDXS]] : tensor<2xf32>, tensor<2xi64>)
// CHECK: ^bb0(%[[V:[a-z0-9_]+]]: f32, %[[BEST:[a-z0-9_]+]]: f32, %[[BESTI:[a-z0-9_]+]]: i64):
// CHECK: %[[J:.+]] = linalg.index 1 : index
// CHECK: %[[J64:.+]] = arith.index_cast %[[J]] : index to i64
// CHECK: %[[GT:.+]] = arith.cmpf ugt, %[[V]], %[[BEST]] : f32
// CHECK: %[[NAN:.+]] = arith.cmpf uno, %[[BEST]], %[[BEST]] : f32
// CHECK: %[[NOTNAN:.+]] = arith.xori %[[NAN]], %{{.+}} : i1
// CHECK: %[[BETTER:.+]] = arith.andi %[[GT]], %[[NOTNAN]] : i1
// CHECK: %[[NV:.+]] = arith.select %[[BETTER]], %[[V]], %[[BEST]] : f32
// CHECK: %[[NI:.+]] = arith.select %[[BETTER]], %[[J64]], %[[BESTI]] : i64
// CHECK: linalg.yield %[[NV]], %[[NI]] : f32, i64
// CHECK: return %[[R]]#1
func.func @argmax(%x: tensor<2x5xf32>) -> tensor<2xi64> {
  %i = nabla.argmax %x {axis = 1 : i64} : (tensor<2x5xf32>) -> tensor<2xi64>
  return %i : tensor<2xi64>
}

// -----

// CHECK-LABEL: func.func @argmax_int_keepdims(
// CHECK: %[[MIN:.+]] = arith.constant -2147483648 : i32
// CHECK: linalg.fill ins(%[[MIN]] : i32)
// CHECK: %[[R:.+]]:2 = linalg.generic
// CHECK-SAME: iterator_types = ["reduction", "parallel"]
// CHECK: linalg.index 0 : index
// CHECK: arith.cmpi sgt
// CHECK-NOT: arith.cmpf
// CHECK: tensor.expand_shape %[[R]]#1 {{\[}}[0, 1]] output_shape [1, 5] : tensor<5xi64> into tensor<1x5xi64>
func.func @argmax_int_keepdims(%x: tensor<2x5xi32>) -> tensor<1x5xi64> {
  %i = nabla.argmax %x {axis = 0 : i64, keepdims = true} : (tensor<2x5xi32>) -> tensor<1x5xi64>
  return %i : tensor<1x5xi64>
}

// -----

// softmax = exp(x - max) / sum(exp(x - max)) along the axis.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROWB:.+]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @softmax(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<2x4xf32>
// CHECK: %[[MAX:.+]] = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "reduction"]
// CHECK: arith.maximumf
// CHECK: %[[MAXK:.+]] = tensor.expand_shape %[[MAX]] {{\[}}[0, 1]] output_shape [2, 1]
// CHECK: %[[SH:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROWB]], #[[ID]]]
// CHECK-SAME: ins(%[[X]], %[[MAXK]] : tensor<2x4xf32>, tensor<2x1xf32>)
// CHECK: arith.subf
// CHECK: %[[E:.+]] = linalg.generic
// CHECK-SAME: ins(%[[SH]] : tensor<2x4xf32>)
// CHECK: math.exp
// CHECK: %[[SUM:.+]] = linalg.generic
// CHECK-SAME: ins(%[[E]] : tensor<2x4xf32>)
// CHECK: arith.addf
// CHECK: %[[SUMK:.+]] = tensor.expand_shape %[[SUM]] {{\[}}[0, 1]] output_shape [2, 1]
// CHECK: %[[R:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROWB]], #[[ID]]]
// CHECK-SAME: ins(%[[E]], %[[SUMK]] : tensor<2x4xf32>, tensor<2x1xf32>)
// CHECK: arith.divf
// CHECK: return %[[R]]
func.func @softmax(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %r = nabla.softmax %x {axis = 1 : i64} : tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

// log_softmax = (x - max) - log(sum(exp(x - max))): no log of a quotient,
// so large inputs stay finite.
// CHECK-DAG: #[[COLB:.+]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @log_softmax(
// CHECK: %[[MAX:.+]] = linalg.generic
// CHECK-SAME: iterator_types = ["reduction", "parallel"]
// CHECK: arith.maximumf
// CHECK: tensor.expand_shape %[[MAX]] {{\[}}[0, 1]] output_shape [1, 4]
// CHECK: %[[SH:.+]] = linalg.generic
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: %[[SUM:.+]] = linalg.generic
// CHECK-SAME: iterator_types = ["reduction", "parallel"]
// CHECK: %[[SUMK:.+]] = tensor.expand_shape %[[SUM]]
// CHECK: %[[R:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #[[COLB]], #{{.+}}]
// CHECK-SAME: ins(%[[SH]], %[[SUMK]] : tensor<2x4xf32>, tensor<1x4xf32>)
// CHECK: ^bb0(%[[A:[a-z0-9_]+]]: f32, %[[B:[a-z0-9_]+]]: f32, %{{[a-z0-9_]+}}: f32):
// CHECK: %[[L:.+]] = math.log %[[B]] : f32
// CHECK: %[[D:.+]] = arith.subf %[[A]], %[[L]] : f32
// CHECK: linalg.yield %[[D]]
// CHECK-NOT: arith.divf
// CHECK: return %[[R]]
func.func @log_softmax(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %r = nabla.log_softmax %x {axis = 0 : i64} : tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

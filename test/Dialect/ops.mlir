// RUN: nabla-opt %s --split-input-file | nabla-opt --split-input-file | FileCheck %s
// RUN: nabla-opt %s --split-input-file --mlir-print-op-generic | nabla-opt --split-input-file | FileCheck %s

// Round-trip of every nabla op: custom form, and through the generic form.

//===----------------------------------------------------------------------===//
// Creation ops
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @constant
// CHECK: nabla.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: nabla.constant dense<7> : tensor<i64>
func.func @constant() -> (tensor<2xf32>, tensor<i64>) {
  %a = nabla.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = nabla.constant dense<7> : tensor<i64>
  return %a, %b : tensor<2xf32>, tensor<i64>
}

// -----

// CHECK-LABEL: func.func @iota
// CHECK-SAME: (%[[N:[a-z0-9]+]]: index)
// CHECK: nabla.iota {dimension = 0 : i64} : tensor<4xi64>
// CHECK: nabla.iota [%[[N]]] {dimension = 1 : i64} : tensor<3x?xf32>
func.func @iota(%n: index) -> (tensor<4xi64>, tensor<3x?xf32>) {
  %a = nabla.iota {dimension = 0 : i64} : tensor<4xi64>
  %b = nabla.iota [%n] {dimension = 1 : i64} : tensor<3x?xf32>
  return %a, %b : tensor<4xi64>, tensor<3x?xf32>
}

// -----

// CHECK-LABEL: func.func @splat
// CHECK-SAME: (%[[V:[a-z0-9]+]]: tensor<f32>, %[[N:[a-z0-9]+]]: index)
// CHECK: nabla.splat %[[V]] : (tensor<f32>) -> tensor<2x3xf32>
// CHECK: nabla.splat %[[V]] [%[[N]]] : (tensor<f32>) -> tensor<?x10xf32>
func.func @splat(%v: tensor<f32>, %n: index) -> (tensor<2x3xf32>, tensor<?x10xf32>) {
  %a = nabla.splat %v : (tensor<f32>) -> tensor<2x3xf32>
  %b = nabla.splat %v [%n] : (tensor<f32>) -> tensor<?x10xf32>
  return %a, %b : tensor<2x3xf32>, tensor<?x10xf32>
}

//===----------------------------------------------------------------------===//
// Elementwise binary ops
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @add
// CHECK-SAME: (%[[A:[a-z0-9]+]]: tensor<4x1xf32>, %[[B:[a-z0-9]+]]: tensor<3xf32>)
// CHECK: %[[R:.+]] = nabla.add %[[A]], %[[B]] : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
// CHECK: return %[[R]]
func.func @add(%a: tensor<4x1xf32>, %b: tensor<3xf32>) -> tensor<4x3xf32> {
  %r = nabla.add %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

// CHECK-LABEL: func.func @add_dynamic
// CHECK: nabla.add %{{.+}}, %{{.+}} : (tensor<?x1xi64>, tensor<1x?xi64>) -> tensor<?x?xi64>
func.func @add_dynamic(%a: tensor<?x1xi64>, %b: tensor<1x?xi64>) -> tensor<?x?xi64> {
  %r = nabla.add %a, %b : (tensor<?x1xi64>, tensor<1x?xi64>) -> tensor<?x?xi64>
  return %r : tensor<?x?xi64>
}

// -----

// CHECK-LABEL: func.func @and
// CHECK: nabla.and %{{.+}}, %{{.+}} : (tensor<4xi1>, tensor<i1>) -> tensor<4xi1>
func.func @and(%a: tensor<4xi1>, %b: tensor<i1>) -> tensor<4xi1> {
  %r = nabla.and %a, %b : (tensor<4xi1>, tensor<i1>) -> tensor<4xi1>
  return %r : tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @cmp
// CHECK-SAME: (%[[A:[a-z0-9]+]]: tensor<4xf32>, %[[B:[a-z0-9]+]]: tensor<f32>)
// CHECK: nabla.cmp eq, %[[A]], %[[B]] : (tensor<4xf32>, tensor<f32>) -> tensor<4xi1>
// CHECK: nabla.cmp ne,
// CHECK: nabla.cmp lt,
// CHECK: nabla.cmp le,
// CHECK: nabla.cmp gt,
// CHECK: nabla.cmp ge,
func.func @cmp(%a: tensor<4xf32>, %b: tensor<f32>) {
  %0 = nabla.cmp eq, %a, %b : (tensor<4xf32>, tensor<f32>) -> tensor<4xi1>
  %1 = nabla.cmp ne, %a, %b : (tensor<4xf32>, tensor<f32>) -> tensor<4xi1>
  %2 = nabla.cmp lt, %a, %b : (tensor<4xf32>, tensor<f32>) -> tensor<4xi1>
  %3 = nabla.cmp le, %a, %b : (tensor<4xf32>, tensor<f32>) -> tensor<4xi1>
  %4 = nabla.cmp gt, %a, %b : (tensor<4xf32>, tensor<f32>) -> tensor<4xi1>
  %5 = nabla.cmp ge, %a, %b : (tensor<4xf32>, tensor<f32>) -> tensor<4xi1>
  return
}

// -----

// CHECK-LABEL: func.func @div
// CHECK: nabla.div %{{.+}}, %{{.+}} : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
func.func @div(%a: tensor<4xf32>, %b: tensor<f32>) -> tensor<4xf32> {
  %r = nabla.div %a, %b : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @max
// CHECK: nabla.max %{{.+}}, %{{.+}} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
func.func @max(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %r = nabla.max %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @min
// CHECK: nabla.min %{{.+}}, %{{.+}} : (tensor<4xi64>, tensor<i64>) -> tensor<4xi64>
func.func @min(%a: tensor<4xi64>, %b: tensor<i64>) -> tensor<4xi64> {
  %r = nabla.min %a, %b : (tensor<4xi64>, tensor<i64>) -> tensor<4xi64>
  return %r : tensor<4xi64>
}

// -----

// CHECK-LABEL: func.func @mul
// CHECK: nabla.mul %{{.+}}, %{{.+}} : (tensor<2x3xf64>, tensor<3xf64>) -> tensor<2x3xf64>
func.func @mul(%a: tensor<2x3xf64>, %b: tensor<3xf64>) -> tensor<2x3xf64> {
  %r = nabla.mul %a, %b : (tensor<2x3xf64>, tensor<3xf64>) -> tensor<2x3xf64>
  return %r : tensor<2x3xf64>
}

// -----

// CHECK-LABEL: func.func @or
// CHECK: nabla.or %{{.+}}, %{{.+}} : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
func.func @or(%a: tensor<4xi1>, %b: tensor<4xi1>) -> tensor<4xi1> {
  %r = nabla.or %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %r : tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @pow
// CHECK: nabla.pow %{{.+}}, %{{.+}} : (tensor<4xf16>, tensor<f16>) -> tensor<4xf16>
func.func @pow(%a: tensor<4xf16>, %b: tensor<f16>) -> tensor<4xf16> {
  %r = nabla.pow %a, %b : (tensor<4xf16>, tensor<f16>) -> tensor<4xf16>
  return %r : tensor<4xf16>
}

// -----

// CHECK-LABEL: func.func @select
// CHECK-SAME: (%[[C:[a-z0-9]+]]: tensor<4xi1>, %[[A:[a-z0-9]+]]: tensor<4xf32>, %[[B:[a-z0-9]+]]: tensor<f32>)
// CHECK: nabla.select %[[C]], %[[A]], %[[B]] : (tensor<4xi1>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
func.func @select(%c: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<f32>) -> tensor<4xf32> {
  %r = nabla.select %c, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @sub
// CHECK: nabla.sub %{{.+}}, %{{.+}} : (tensor<4xbf16>, tensor<bf16>) -> tensor<4xbf16>
func.func @sub(%a: tensor<4xbf16>, %b: tensor<bf16>) -> tensor<4xbf16> {
  %r = nabla.sub %a, %b : (tensor<4xbf16>, tensor<bf16>) -> tensor<4xbf16>
  return %r : tensor<4xbf16>
}

//===----------------------------------------------------------------------===//
// Elementwise unary ops
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @unary_float
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<3xf32>)
// CHECK: nabla.cos %[[X]] : tensor<3xf32>
// CHECK: nabla.exp %[[X]] : tensor<3xf32>
// CHECK: nabla.floor %[[X]] : tensor<3xf32>
// CHECK: nabla.log %[[X]] : tensor<3xf32>
// CHECK: nabla.relu %[[X]] : tensor<3xf32>
// CHECK: nabla.round %[[X]] : tensor<3xf32>
// CHECK: nabla.rsqrt %[[X]] : tensor<3xf32>
// CHECK: nabla.sigmoid %[[X]] : tensor<3xf32>
// CHECK: nabla.sin %[[X]] : tensor<3xf32>
// CHECK: nabla.sqrt %[[X]] : tensor<3xf32>
// CHECK: nabla.tanh %[[X]] : tensor<3xf32>
func.func @unary_float(%x: tensor<3xf32>) {
  %0 = nabla.cos %x : tensor<3xf32>
  %1 = nabla.exp %x : tensor<3xf32>
  %2 = nabla.floor %x : tensor<3xf32>
  %3 = nabla.log %x : tensor<3xf32>
  %4 = nabla.relu %x : tensor<3xf32>
  %5 = nabla.round %x : tensor<3xf32>
  %6 = nabla.rsqrt %x : tensor<3xf32>
  %7 = nabla.sigmoid %x : tensor<3xf32>
  %8 = nabla.sin %x : tensor<3xf32>
  %9 = nabla.sqrt %x : tensor<3xf32>
  %10 = nabla.tanh %x : tensor<3xf32>
  return
}

// -----

// CHECK-LABEL: func.func @activations
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<3xf32>)
// CHECK: nabla.elu %[[X]] {alpha = 5.000000e-01 : f64} : tensor<3xf32>
// CHECK: nabla.erf %[[X]] : tensor<3xf32>
// CHECK: nabla.expm1 %[[X]] : tensor<3xf32>
// CHECK: nabla.gelu %[[X]] {approximate = "none"} : tensor<3xf32>
// CHECK: nabla.gelu %[[X]] {approximate = "tanh"} : tensor<3xf32>
// CHECK: nabla.leaky_relu %[[X]] {slope = 1.000000e-02 : f64} : tensor<3xf32>
// CHECK: nabla.log1p %[[X]] : tensor<3xf32>
// CHECK: nabla.softplus %[[X]] : tensor<3xf32>
func.func @activations(%x: tensor<3xf32>) {
  %0 = nabla.elu %x {alpha = 0.5 : f64} : tensor<3xf32>
  %1 = nabla.erf %x : tensor<3xf32>
  %2 = nabla.expm1 %x : tensor<3xf32>
  %3 = nabla.gelu %x {approximate = "none"} : tensor<3xf32>
  %4 = nabla.gelu %x {approximate = "tanh"} : tensor<3xf32>
  %5 = nabla.leaky_relu %x {slope = 0.01 : f64} : tensor<3xf32>
  %6 = nabla.log1p %x : tensor<3xf32>
  %7 = nabla.softplus %x : tensor<3xf32>
  return
}

// -----

// CHECK-LABEL: func.func @unary_numeric
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<3xi32>, %[[Y:[a-z0-9]+]]: tensor<2x2xf64>)
// CHECK: nabla.abs %[[X]] : tensor<3xi32>
// CHECK: nabla.neg %[[X]] : tensor<3xi32>
// CHECK: nabla.sign %[[X]] : tensor<3xi32>
// CHECK: nabla.abs %[[Y]] : tensor<2x2xf64>
// CHECK: nabla.neg %[[Y]] : tensor<2x2xf64>
// CHECK: nabla.sign %[[Y]] : tensor<2x2xf64>
func.func @unary_numeric(%x: tensor<3xi32>, %y: tensor<2x2xf64>) {
  %0 = nabla.abs %x : tensor<3xi32>
  %1 = nabla.neg %x : tensor<3xi32>
  %2 = nabla.sign %x : tensor<3xi32>
  %3 = nabla.abs %y : tensor<2x2xf64>
  %4 = nabla.neg %y : tensor<2x2xf64>
  %5 = nabla.sign %y : tensor<2x2xf64>
  return
}

// -----

// CHECK-LABEL: func.func @convert
// CHECK: nabla.convert %{{.+}} : (tensor<3xi32>) -> tensor<3xf32>
// CHECK: nabla.convert %{{.+}} : (tensor<3xf32>) -> tensor<3xi1>
func.func @convert(%x: tensor<3xi32>) -> tensor<3xi1> {
  %f = nabla.convert %x : (tensor<3xi32>) -> tensor<3xf32>
  %b = nabla.convert %f : (tensor<3xf32>) -> tensor<3xi1>
  return %b : tensor<3xi1>
}

// -----

// CHECK-LABEL: func.func @not
// CHECK: nabla.not %{{.+}} : tensor<3xi1>
func.func @not(%x: tensor<3xi1>) -> tensor<3xi1> {
  %r = nabla.not %x : tensor<3xi1>
  return %r : tensor<3xi1>
}

// -----

// CHECK-LABEL: func.func @stop_gradient
// CHECK: nabla.stop_gradient %{{.+}} : tensor<?x3xf32>
func.func @stop_gradient(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %r = nabla.stop_gradient %x : tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

//===----------------------------------------------------------------------===//
// Reduction ops
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @argmax
// CHECK: nabla.argmax %{{.+}} {axis = 1 : i64} : (tensor<2x5xf32>) -> tensor<2xi64>
// CHECK: nabla.argmax %{{.+}} {axis = 0 : i64, keepdims = true} : (tensor<2x5xf32>) -> tensor<1x5xi32>
func.func @argmax(%x: tensor<2x5xf32>) -> (tensor<2xi64>, tensor<1x5xi32>) {
  %a = nabla.argmax %x {axis = 1 : i64} : (tensor<2x5xf32>) -> tensor<2xi64>
  %b = nabla.argmax %x {axis = 0 : i64, keepdims = true} : (tensor<2x5xf32>) -> tensor<1x5xi32>
  return %a, %b : tensor<2xi64>, tensor<1x5xi32>
}

// -----

// CHECK-LABEL: func.func @log_softmax
// CHECK: nabla.log_softmax %{{.+}} {axis = 1 : i64} : tensor<8x10xf32>
func.func @log_softmax(%x: tensor<8x10xf32>) -> tensor<8x10xf32> {
  %r = nabla.log_softmax %x {axis = 1 : i64} : tensor<8x10xf32>
  return %r : tensor<8x10xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_max
// CHECK: nabla.reduce_max %{{.+}} {axes = array<i64: 0>} : (tensor<4x3xf32>) -> tensor<3xf32>
func.func @reduce_max(%x: tensor<4x3xf32>) -> tensor<3xf32> {
  %r = nabla.reduce_max %x {axes = array<i64: 0>} : (tensor<4x3xf32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_mean
// CHECK: nabla.reduce_mean %{{.+}} {axes = array<i64: 0, 1>, keepdims = true} : (tensor<4x?xf32>) -> tensor<1x1xf32>
func.func @reduce_mean(%x: tensor<4x?xf32>) -> tensor<1x1xf32> {
  %r = nabla.reduce_mean %x {axes = array<i64: 0, 1>, keepdims = true} : (tensor<4x?xf32>) -> tensor<1x1xf32>
  return %r : tensor<1x1xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_min
// CHECK: nabla.reduce_min %{{.+}} {axes = array<i64: 1>} : (tensor<4x3xi32>) -> tensor<4xi32>
func.func @reduce_min(%x: tensor<4x3xi32>) -> tensor<4xi32> {
  %r = nabla.reduce_min %x {axes = array<i64: 1>} : (tensor<4x3xi32>) -> tensor<4xi32>
  return %r : tensor<4xi32>
}

// -----

// CHECK-LABEL: func.func @reduce_sum
// CHECK: nabla.reduce_sum %{{.+}} {axes = array<i64: 0, 1>} : (tensor<4x3xf32>) -> tensor<f32>
// CHECK: nabla.reduce_sum %{{.+}} {axes = array<i64>} : (tensor<4x3xf32>) -> tensor<4x3xf32>
func.func @reduce_sum(%x: tensor<4x3xf32>) -> (tensor<f32>, tensor<4x3xf32>) {
  %a = nabla.reduce_sum %x {axes = array<i64: 0, 1>} : (tensor<4x3xf32>) -> tensor<f32>
  %b = nabla.reduce_sum %x {axes = array<i64>} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %a, %b : tensor<f32>, tensor<4x3xf32>
}

// -----

// CHECK-LABEL: func.func @softmax
// CHECK: nabla.softmax %{{.+}} {axis = 0 : i64} : tensor<10xf64>
func.func @softmax(%x: tensor<10xf64>) -> tensor<10xf64> {
  %r = nabla.softmax %x {axis = 0 : i64} : tensor<10xf64>
  return %r : tensor<10xf64>
}

//===----------------------------------------------------------------------===//
// Contraction ops
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @matmul
// CHECK: nabla.matmul %{{.+}}, %{{.+}} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// CHECK: nabla.matmul %{{.+}}, %{{.+}} : (tensor<?x2x?xf32>, tensor<5x?x4xf32>) -> tensor<5x2x4xf32>
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<?x2x?xf32>, %d: tensor<5x?x4xf32>) -> (tensor<2x4xf32>, tensor<5x2x4xf32>) {
  %r = nabla.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %s = nabla.matmul %c, %d : (tensor<?x2x?xf32>, tensor<5x?x4xf32>) -> tensor<5x2x4xf32>
  return %r, %s : tensor<2x4xf32>, tensor<5x2x4xf32>
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @broadcast_to
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<3x1xf32>, %[[N:[a-z0-9]+]]: index)
// CHECK: nabla.broadcast_to %[[X]] : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
// CHECK: nabla.broadcast_to %[[X]] [%[[N]]] : (tensor<3x1xf32>) -> tensor<3x?xf32>
func.func @broadcast_to(%x: tensor<3x1xf32>, %n: index) -> (tensor<2x3x4xf32>, tensor<3x?xf32>) {
  %a = nabla.broadcast_to %x : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  %b = nabla.broadcast_to %x [%n] : (tensor<3x1xf32>) -> tensor<3x?xf32>
  return %a, %b : tensor<2x3x4xf32>, tensor<3x?xf32>
}

// -----

// CHECK-LABEL: func.func @concat
// CHECK: nabla.concat %{{.+}}, %{{.+}} {axis = 0 : i64} : (tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
func.func @concat(%a: tensor<2x3xf32>, %b: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %r = nabla.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func.func @dynamic_slice
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<4x4xf32>, %[[I:[a-z0-9]+]]: tensor<i64>, %[[J:[a-z0-9]+]]: tensor<i64>)
// CHECK: nabla.dynamic_slice %[[X]][%[[I]], %[[J]]] {slice_sizes = array<i64: 2, 2>} : (tensor<4x4xf32>) -> tensor<2x2xf32>
func.func @dynamic_slice(%x: tensor<4x4xf32>, %i: tensor<i64>, %j: tensor<i64>) -> tensor<2x2xf32> {
  %r = nabla.dynamic_slice %x[%i, %j] {slice_sizes = array<i64: 2, 2>} : (tensor<4x4xf32>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

// CHECK-LABEL: func.func @dynamic_update_slice
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<4x4xf32>, %[[U:[a-z0-9]+]]: tensor<1x2xf32>, %[[I:[a-z0-9]+]]: tensor<i64>, %[[J:[a-z0-9]+]]: tensor<i64>)
// CHECK: nabla.dynamic_update_slice %[[U]] into %[[X]][%[[I]], %[[J]]] : tensor<1x2xf32> into tensor<4x4xf32>
func.func @dynamic_update_slice(%x: tensor<4x4xf32>, %u: tensor<1x2xf32>, %i: tensor<i64>, %j: tensor<i64>) -> tensor<4x4xf32> {
  %r = nabla.dynamic_update_slice %u into %x[%i, %j] : tensor<1x2xf32> into tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

// -----

// CHECK-LABEL: func.func @one_hot
// CHECK: nabla.one_hot %{{.+}} {depth = 10 : i64} : (tensor<8xi64>) -> tensor<8x10xf32>
func.func @one_hot(%labels: tensor<8xi64>) -> tensor<8x10xf32> {
  %r = nabla.one_hot %labels {depth = 10 : i64} : (tensor<8xi64>) -> tensor<8x10xf32>
  return %r : tensor<8x10xf32>
}

// -----

// CHECK-LABEL: func.func @reshape
// CHECK: nabla.reshape %{{.+}} : (tensor<2x3xf32>) -> tensor<6xf32>
// CHECK: nabla.reshape %{{.+}} : (tensor<6xf32>) -> tensor<?x2xf32>
func.func @reshape(%x: tensor<2x3xf32>) -> tensor<?x2xf32> {
  %a = nabla.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
  %b = nabla.reshape %a : (tensor<6xf32>) -> tensor<?x2xf32>
  return %b : tensor<?x2xf32>
}

// -----

// CHECK-LABEL: func.func @scatter_add
// CHECK: nabla.scatter_add %{{.+}}, %{{.+}}, %{{.+}} {axis = 0 : i64} : (tensor<100x16xf32>, tensor<8xi64>, tensor<8x16xf32>) -> tensor<100x16xf32>
func.func @scatter_add(%table: tensor<100x16xf32>, %ids: tensor<8xi64>, %rows: tensor<8x16xf32>) -> tensor<100x16xf32> {
  %r = nabla.scatter_add %table, %ids, %rows {axis = 0 : i64} : (tensor<100x16xf32>, tensor<8xi64>, tensor<8x16xf32>) -> tensor<100x16xf32>
  return %r : tensor<100x16xf32>
}

// -----

// CHECK-LABEL: func.func @slice
// CHECK: nabla.slice %{{.+}} {limit_indices = array<i64: 4, 3>, start_indices = array<i64: 0, 1>, strides = array<i64: 2, 1>} : (tensor<4x3xf32>) -> tensor<2x2xf32>
func.func @slice(%x: tensor<4x3xf32>) -> tensor<2x2xf32> {
  %r = nabla.slice %x {limit_indices = array<i64: 4, 3>, start_indices = array<i64: 0, 1>, strides = array<i64: 2, 1>} : (tensor<4x3xf32>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

// CHECK-LABEL: func.func @take
// CHECK: nabla.take %{{.+}}, %{{.+}} {axis = 0 : i64} : (tensor<100x16xf32>, tensor<8xi64>) -> tensor<8x16xf32>
func.func @take(%table: tensor<100x16xf32>, %ids: tensor<8xi64>) -> tensor<8x16xf32> {
  %r = nabla.take %table, %ids {axis = 0 : i64} : (tensor<100x16xf32>, tensor<8xi64>) -> tensor<8x16xf32>
  return %r : tensor<8x16xf32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK: nabla.transpose %{{.+}} {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x?xf32>) -> tensor<?x2x3xf32>
func.func @transpose(%x: tensor<2x3x?xf32>) -> tensor<?x2x3xf32> {
  %r = nabla.transpose %x {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x?xf32>) -> tensor<?x2x3xf32>
  return %r : tensor<?x2x3xf32>
}

//===----------------------------------------------------------------------===//
// Random ops
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @fold_in
// CHECK-SAME: (%[[K:[a-z0-9]+]]: tensor<i64>, %[[D:[a-z0-9]+]]: tensor<i64>)
// CHECK: nabla.fold_in %[[K]], %[[D]]
func.func @fold_in(%k: tensor<i64>, %d: tensor<i64>) -> tensor<i64> {
  %r = nabla.fold_in %k, %d
  return %r : tensor<i64>
}

// -----

// CHECK-LABEL: func.func @random_normal
// CHECK-SAME: (%[[K:[a-z0-9]+]]: tensor<i64>, %[[N:[a-z0-9]+]]: index)
// CHECK: nabla.random_normal %[[K]] : tensor<784x128xf32>
// CHECK: nabla.random_normal %[[K]] [%[[N]]] : tensor<?x10xf64>
func.func @random_normal(%k: tensor<i64>, %n: index) -> (tensor<784x128xf32>, tensor<?x10xf64>) {
  %a = nabla.random_normal %k : tensor<784x128xf32>
  %b = nabla.random_normal %k [%n] : tensor<?x10xf64>
  return %a, %b : tensor<784x128xf32>, tensor<?x10xf64>
}

// -----

// CHECK-LABEL: func.func @random_uniform
// CHECK: nabla.random_uniform %{{.+}} : tensor<3x3xf32>
func.func @random_uniform(%k: tensor<i64>) -> tensor<3x3xf32> {
  %r = nabla.random_uniform %k : tensor<3x3xf32>
  return %r : tensor<3x3xf32>
}

//===----------------------------------------------------------------------===//
// Transform ops
//===----------------------------------------------------------------------===//

// -----

func.func private @cube(%x: tensor<3xf32>) -> tensor<3xf32>
func.func private @cube_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
func.func private @cube_bwd(%r: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32>

// CHECK-LABEL: func.func @custom_vjp
// CHECK: nabla.custom_vjp @cube(%{{.+}}) fwd @cube_fwd bwd @cube_bwd : (tensor<3xf32>) -> tensor<3xf32>
func.func @custom_vjp(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.custom_vjp @cube(%x) fwd @cube_fwd bwd @cube_bwd : (tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

func.func private @loss(%w: tensor<3xf32>, %x: tensor<3xf32>) -> tensor<f32>

// CHECK-LABEL: func.func @grad
// CHECK-SAME: (%[[W:[a-z0-9]+]]: tensor<3xf32>, %[[X:[a-z0-9]+]]: tensor<3xf32>)
// CHECK: nabla.grad @loss(%[[W]], %[[X]]) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
// CHECK: nabla.grad @loss(%[[W]], %[[X]]) {wrt = array<i64: 1>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
func.func @grad(%w: tensor<3xf32>, %x: tensor<3xf32>) {
  %g:2 = nabla.grad @loss(%w, %x) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  %h = nabla.grad @loss(%w, %x) {wrt = array<i64: 1>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @loss(%w: tensor<3xf32>, %x: tensor<3xf32>) -> tensor<f32>

// CHECK-LABEL: func.func @hvp
// CHECK: nabla.hvp @loss(%{{.+}}, %{{.+}}, %{{.+}}) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
func.func @hvp(%w: tensor<3xf32>, %x: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<3xf32> {
  %r = nabla.hvp @loss(%w, %x, %v) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

func.func private @f(%x: tensor<3xf32>) -> tensor<2xf32>

// CHECK-LABEL: func.func @jacobian
// CHECK: nabla.jacobian @f(%{{.+}}) {wrt = array<i64: 0>} : (tensor<3xf32>) -> tensor<2x3xf32>
func.func @jacobian(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %j = nabla.jacobian @f(%x) {wrt = array<i64: 0>} : (tensor<3xf32>) -> tensor<2x3xf32>
  return %j : tensor<2x3xf32>
}

// -----

func.func private @f(%x: tensor<3xf32>, %s: tensor<f32>) -> tensor<2xf32>

// CHECK-LABEL: func.func @jvp
// CHECK: nabla.jvp @f(%{{.+}}, %{{.+}}, %{{.+}}) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<f32>, tensor<3xf32>) -> (tensor<2xf32>, tensor<2xf32>)
func.func @jvp(%x: tensor<3xf32>, %s: tensor<f32>, %xt: tensor<3xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %y, %yt = nabla.jvp @f(%x, %s, %xt) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<f32>, tensor<3xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return %y, %yt : tensor<2xf32>, tensor<2xf32>
}

// -----

func.func private @loss(%w: tensor<3xf32>, %b: tensor<f32>, %x: tensor<?x3xf32>, %y: tensor<?xf32>) -> tensor<f32>

// CHECK-LABEL: func.func @per_example_grad
// CHECK: nabla.per_example_grad @loss(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<f32>, tensor<?x3xf32>, tensor<?xf32>) -> tensor<?x4xf32>
// CHECK: nabla.per_example_grad @loss(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) {label = "per_example_grad(loss, wrt: (0, 1))", wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<f32>, tensor<?x3xf32>, tensor<?xf32>) -> tensor<?x4xf32>
func.func @per_example_grad(%w: tensor<3xf32>, %b: tensor<f32>, %x: tensor<?x3xf32>, %y: tensor<?xf32>) {
  %g = nabla.per_example_grad @loss(%w, %b, %x, %y) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<f32>, tensor<?x3xf32>, tensor<?xf32>) -> tensor<?x4xf32>
  %h = nabla.per_example_grad @loss(%w, %b, %x, %y) {label = "per_example_grad(loss, wrt: (0, 1))", wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<f32>, tensor<?x3xf32>, tensor<?xf32>) -> tensor<?x4xf32>
  return
}

// -----

func.func private @loss(%w: tensor<3xf32>, %x: tensor<3xf32>) -> tensor<f32>

// CHECK-LABEL: func.func @value_and_grad
// CHECK: nabla.value_and_grad @loss(%{{.+}}, %{{.+}}) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>)
func.func @value_and_grad(%w: tensor<3xf32>, %x: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>) {
  %l, %g = nabla.value_and_grad @loss(%w, %x) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>)
  return %l, %g : tensor<f32>, tensor<3xf32>
}

// -----

func.func private @f(%x: tensor<3xf32>, %s: tensor<f32>) -> tensor<2xf32>

// CHECK-LABEL: func.func @vjp
// CHECK: nabla.vjp @f(%{{.+}}, %{{.+}}, %{{.+}}) {wrt = array<i64: 1, 0>} : (tensor<3xf32>, tensor<f32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<f32>, tensor<3xf32>)
func.func @vjp(%x: tensor<3xf32>, %s: tensor<f32>, %yc: tensor<2xf32>) {
  %y, %sc, %xc = nabla.vjp @f(%x, %s, %yc) {wrt = array<i64: 1, 0>} : (tensor<3xf32>, tensor<f32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<f32>, tensor<3xf32>)
  return
}

//===----------------------------------------------------------------------===//
// I/O ops
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @load
// CHECK: nabla.load "model.safetensors" ["w", "b"] : tensor<784x10xf32>, tensor<10xf32>
func.func @load() -> (tensor<784x10xf32>, tensor<10xf32>) {
  %w, %b = nabla.load "model.safetensors" ["w", "b"] : tensor<784x10xf32>, tensor<10xf32>
  return %w, %b : tensor<784x10xf32>, tensor<10xf32>
}

// -----

// CHECK-LABEL: func.func @print
// CHECK-SAME: (%[[S:[a-z0-9]+]]: tensor<i64>, %[[L:[a-z0-9]+]]: tensor<f32>)
// CHECK: nabla.print "step {} loss {}" (%[[S]], %[[L]]) : tensor<i64>, tensor<f32>
// CHECK: nabla.print "{{[{][{]}}literal{{[}][}]}}" ()
func.func @print(%step: tensor<i64>, %loss: tensor<f32>) {
  nabla.print "step {} loss {}" (%step, %loss) : tensor<i64>, tensor<f32>
  nabla.print "{{literal}}" ()
  return
}

// -----

func.func private @nrt_read_csv(tensor<i64>) -> tensor<?x3xf32>

// CHECK-LABEL: func.func @runtime_call
// CHECK-SAME: (%[[N:[a-z0-9]+]]: tensor<i64>)
// CHECK: nabla.runtime_call @nrt_read_csv(%[[N]]) {string_args = ["data.csv"]} : (tensor<i64>) -> tensor<?x3xf32>
// CHECK: nabla.runtime_call @nrt_read_csv(%[[N]]) : (tensor<i64>) -> tensor<?x3xf32>
func.func @runtime_call(%n: tensor<i64>) -> (tensor<?x3xf32>, tensor<?x3xf32>) {
  %a = nabla.runtime_call @nrt_read_csv(%n) {string_args = ["data.csv"]} : (tensor<i64>) -> tensor<?x3xf32>
  %b = nabla.runtime_call @nrt_read_csv(%n) : (tensor<i64>) -> tensor<?x3xf32>
  return %a, %b : tensor<?x3xf32>, tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func.func @save
// CHECK-SAME: (%[[W:[a-z0-9]+]]: tensor<784x10xf32>, %[[B:[a-z0-9]+]]: tensor<10xf32>)
// CHECK: nabla.save "model.safetensors" ["w", "b"] %[[W]], %[[B]] : tensor<784x10xf32>, tensor<10xf32>
func.func @save(%w: tensor<784x10xf32>, %b: tensor<10xf32>) {
  nabla.save "model.safetensors" ["w", "b"] %w, %b : tensor<784x10xf32>, tensor<10xf32>
  return
}

// -----

// CHECK-LABEL: func.func @check_index
// CHECK: nabla.check_index %{{.+}} into %{{.+}} {axis = 0 : i64, wrap} : tensor<i64>, tensor<5xf32>
// CHECK: nabla.check_index %{{.+}} into %{{.+}} {axis = 1 : i64, span = 2 : i64} : tensor<i64>, tensor<4x?xf32>
// CHECK: nabla.check_index %{{.+}} into %{{.+}} {axis = 0 : i64} : tensor<3xi32>, tensor<5xf32>
func.func @check_index(%x: tensor<5xf32>, %m: tensor<4x?xf32>, %i: tensor<i64>, %ids: tensor<3xi32>) -> (tensor<i64>, tensor<i64>, tensor<3xi32>) {
  %a = nabla.check_index %i into %x {axis = 0 : i64, wrap} : tensor<i64>, tensor<5xf32>
  %b = nabla.check_index %i into %m {axis = 1 : i64, span = 2 : i64} : tensor<i64>, tensor<4x?xf32>
  %c = nabla.check_index %ids into %x {axis = 0 : i64} : tensor<3xi32>, tensor<5xf32>
  return %a, %b, %c : tensor<i64>, tensor<i64>, tensor<3xi32>
}

// -----

// CHECK-LABEL: func.func @checks
// CHECK: nabla.check %{{.+}}, "sizes {0} and {1} differ", %{{.+}}, %{{.+}} : index, index
// CHECK: nabla.check %{{.+}}, "always"
// CHECK: nabla.check_numerics %{{.+}}, "site" inputs(%{{.+}} : tensor<3xf32>) iterations(%{{.+}}) {loops = ["the loop"]} : tensor<3xf32>
// CHECK: nabla.check_numerics %{{.+}}, "bare" : tensor<3xf32>
func.func @checks(%ok: i1, %a: index, %b: index, %x: tensor<3xf32>) {
  nabla.check %ok, "sizes {0} and {1} differ", %a, %b : index, index
  nabla.check %ok, "always"
  nabla.check_numerics %x, "site" inputs(%x : tensor<3xf32>) iterations(%a) {loops = ["the loop"]} : tensor<3xf32>
  nabla.check_numerics %x, "bare" : tensor<3xf32>
  return
}

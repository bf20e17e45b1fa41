// RUN: nabla-opt %s --split-input-file --canonicalize | FileCheck %s
// RUN: nabla-opt %s --split-input-file --sccp | FileCheck %s --check-prefix=SCCP

// The folders of the nabla ops, one case per rule, plus the cases that must
// not fold.

// CHECK-LABEL: func.func @constant_dedup
// CHECK: %[[C:.+]] = nabla.constant dense<2.000000e+00> : tensor<3xf32>
// CHECK-NOT: nabla.constant
// CHECK: return %[[C]], %[[C]]
func.func @constant_dedup() -> (tensor<3xf32>, tensor<3xf32>) {
  %a = nabla.constant dense<2.0> : tensor<3xf32>
  %b = nabla.constant dense<2.0> : tensor<3xf32>
  return %a, %b : tensor<3xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @convert_identity
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<3xf32>)
// CHECK-NOT: nabla.convert
// CHECK: return %[[X]]
func.func @convert_identity(%x: tensor<3xf32>) -> tensor<3xf32> {
  %r = nabla.convert %x : (tensor<3xf32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @convert_kept
// CHECK: nabla.convert
func.func @convert_kept(%x: tensor<3xf32>) -> tensor<3xf64> {
  %r = nabla.convert %x : (tensor<3xf32>) -> tensor<3xf64>
  return %r : tensor<3xf64>
}

// -----

// CHECK-LABEL: func.func @reshape_same_type
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3xf32>)
// CHECK-NOT: nabla.reshape
// CHECK: return %[[X]]
func.func @reshape_same_type(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = nabla.reshape %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_of_reshape
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3xf32>)
// CHECK: %[[R:.+]] = nabla.reshape %[[X]] : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK-NOT: nabla.reshape
// CHECK: return %[[R]]
func.func @reshape_of_reshape(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %a = nabla.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
  %b = nabla.reshape %a : (tensor<6xf32>) -> tensor<3x2xf32>
  return %b : tensor<3x2xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_round_trip
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3xf32>)
// CHECK-NOT: nabla.reshape
// CHECK: return %[[X]]
func.func @reshape_round_trip(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %a = nabla.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
  %b = nabla.reshape %a : (tensor<6xf32>) -> tensor<2x3xf32>
  return %b : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_identity
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3xf32>)
// CHECK-NOT: nabla.transpose
// CHECK: return %[[X]]
func.func @transpose_identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = nabla.transpose %x {permutation = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_of_transpose
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3x4xf32>)
// CHECK: %[[R:.+]] = nabla.transpose %[[X]] {permutation = array<i64: 2, 1, 0>} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
// CHECK-NOT: nabla.transpose
// CHECK: return %[[R]]
func.func @transpose_of_transpose(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  %a = nabla.transpose %x {permutation = array<i64: 1, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  %b = nabla.transpose %a {permutation = array<i64: 1, 0, 2>} : (tensor<3x4x2xf32>) -> tensor<4x3x2xf32>
  return %b : tensor<4x3x2xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_inverse
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3x4xf32>)
// CHECK-NOT: nabla.transpose
// CHECK: return %[[X]]
func.func @transpose_inverse(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %a = nabla.transpose %x {permutation = array<i64: 1, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  %b = nabla.transpose %a {permutation = array<i64: 2, 0, 1>} : (tensor<3x4x2xf32>) -> tensor<2x3x4xf32>
  return %b : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @stop_gradient_of_stop_gradient
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<3xf32>)
// CHECK: %[[S:.+]] = nabla.stop_gradient %[[X]] : tensor<3xf32>
// CHECK-NOT: nabla.stop_gradient
// CHECK: return %[[S]]
func.func @stop_gradient_of_stop_gradient(%x: tensor<3xf32>) -> tensor<3xf32> {
  %a = nabla.stop_gradient %x : tensor<3xf32>
  %b = nabla.stop_gradient %a : tensor<3xf32>
  return %b : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @add_zero
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3xf32>)
// CHECK-NOT: nabla.add
// CHECK: return %[[X]], %[[X]], %[[X]]
func.func @add_zero(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %zero = nabla.constant dense<0.0> : tensor<2x3xf32>
  %scalar = nabla.constant dense<-0.0> : tensor<f32>
  %a = nabla.add %x, %zero : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %b = nabla.add %zero, %x : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %c = nabla.add %x, %scalar : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %a, %b, %c : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// The zero changes the shape by broadcasting, so the add stays.
// CHECK-LABEL: func.func @add_zero_broadcasting
// CHECK: nabla.add
func.func @add_zero_broadcasting(%x: tensor<3xi64>) -> tensor<2x3xi64> {
  %zero = nabla.constant dense<0> : tensor<2x3xi64>
  %r = nabla.add %x, %zero : (tensor<3xi64>, tensor<2x3xi64>) -> tensor<2x3xi64>
  return %r : tensor<2x3xi64>
}

// -----

// CHECK-LABEL: func.func @sub_zero
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<3xi32>)
// CHECK: %[[R:.+]] = nabla.sub %{{.+}}, %[[X]]
// CHECK: return %[[X]], %[[R]]
func.func @sub_zero(%x: tensor<3xi32>) -> (tensor<3xi32>, tensor<3xi32>) {
  %zero = nabla.constant dense<0> : tensor<3xi32>
  %a = nabla.sub %x, %zero : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  // 0 - x is not x.
  %b = nabla.sub %zero, %x : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %a, %b : tensor<3xi32>, tensor<3xi32>
}

// -----

// CHECK-LABEL: func.func @mul_one
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<3xf64>, %[[Y:[a-z0-9]+]]: tensor<3xi64>)
// CHECK-NOT: nabla.mul
// CHECK: return %[[X]], %[[X]], %[[Y]]
func.func @mul_one(%x: tensor<3xf64>, %y: tensor<3xi64>) -> (tensor<3xf64>, tensor<3xf64>, tensor<3xi64>) {
  %one = nabla.constant dense<1.0> : tensor<3xf64>
  %ione = nabla.constant dense<1> : tensor<i64>
  %a = nabla.mul %x, %one : (tensor<3xf64>, tensor<3xf64>) -> tensor<3xf64>
  %b = nabla.mul %one, %x : (tensor<3xf64>, tensor<3xf64>) -> tensor<3xf64>
  %c = nabla.mul %ione, %y : (tensor<i64>, tensor<3xi64>) -> tensor<3xi64>
  return %a, %b, %c : tensor<3xf64>, tensor<3xf64>, tensor<3xi64>
}

// -----

// CHECK-LABEL: func.func @mul_not_one
// CHECK: nabla.mul
func.func @mul_not_one(%x: tensor<3xf32>) -> tensor<3xf32> {
  %two = nabla.constant dense<2.0> : tensor<3xf32>
  %r = nabla.mul %x, %two : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// SCCP replaces %r, whose value it knows, through the dialect's constant
// materializer.
// SCCP-LABEL: func.func @materialize_constant
// SCCP: %[[C:.+]] = nabla.constant dense<1.000000e+00> : tensor<3xf32>
// SCCP-NOT: nabla.convert
// SCCP: nabla.stop_gradient %[[C]]
func.func @materialize_constant() -> tensor<3xf32> {
  %c = nabla.constant dense<1.0> : tensor<3xf32>
  %r = nabla.convert %c : (tensor<3xf32>) -> tensor<3xf32>
  %s = nabla.stop_gradient %r : tensor<3xf32>
  return %s : tensor<3xf32>
}

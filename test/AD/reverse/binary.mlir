// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Adjoint rules of the broadcasting binary ops and select: the cotangent
// times each partial derivative, summed back over the axes along which the
// operand was broadcast.

// b was broadcast along axis 0: its adjoint sums over it.
// CHECK-LABEL: func.func private @add_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<2x3xf32>, %{{[^:]+}}: tensor<3xf32>, %[[CT:[^:]+]]: tensor<2x3xf32>)
// CHECK: %[[DB:.+]] = nabla.reduce_sum %[[CT]] {axes = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<3xf32>
// CHECK: return %{{.+}}, %[[CT]], %[[DB]]
func.func private @add(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %y = nabla.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
func.func @add_caller(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %ct: tensor<2x3xf32>) -> tensor<3xf32> {
  %y, %ac, %bc = nabla.vjp @add(%a, %b, %ct) {wrt = array<i64: 0, 1>} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<3xf32>)
  return %bc : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func private @sub_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<3xf32>, %{{[^:]+}}: tensor<3xf32>, %[[CT:[^:]+]]: tensor<3xf32>)
// CHECK: %[[DB:.+]] = nabla.neg %[[CT]]
// CHECK: return %{{.+}}, %[[CT]], %[[DB]]
func.func private @sub(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.sub %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @sub_caller(%a: tensor<3xf32>, %b: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %ac, %bc = nabla.vjp @sub(%a, %b, %ct) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %bc : tensor<3xf32>
}

// -----

// a: [4, 1] sums over its unit axis with keepdims; b: [3] sums over the
// leading axis.
// CHECK-LABEL: func.func private @mul_vjp
// CHECK-SAME: (%[[A:[^:]+]]: tensor<4x1xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[CT:[^:]+]]: tensor<4x3xf32>)
// CHECK: %[[GA:.+]] = nabla.mul %[[CT]], %[[B]]
// CHECK: %[[DA:.+]] = nabla.reduce_sum %[[GA]] {axes = array<i64: 1>, keepdims = true} : (tensor<4x3xf32>) -> tensor<4x1xf32>
// CHECK: %[[GB:.+]] = nabla.mul %[[A]], %[[CT]]
// CHECK: %[[DB:.+]] = nabla.reduce_sum %[[GB]] {axes = array<i64: 0>} : (tensor<4x3xf32>) -> tensor<3xf32>
// CHECK: return %{{.+}}, %[[DA]], %[[DB]]
func.func private @mul(%a: tensor<4x1xf32>, %b: tensor<3xf32>) -> tensor<4x3xf32> {
  %y = nabla.mul %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}
func.func @mul_caller(%a: tensor<4x1xf32>, %b: tensor<3xf32>, %ct: tensor<4x3xf32>) -> tensor<4x1xf32> {
  %y, %ac, %bc = nabla.vjp @mul(%a, %b, %ct) {wrt = array<i64: 0, 1>} : (tensor<4x1xf32>, tensor<3xf32>, tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<4x1xf32>, tensor<3xf32>)
  return %ac : tensor<4x1xf32>
}

// -----

// Dynamic sizes: `?` against `?` counts as equal (no sum), a static 1
// against `?` is summed.
// CHECK-LABEL: func.func private @mul_dynamic_vjp
// CHECK-SAME: (%[[A:[^:]+]]: tensor<?x1xf32>, %[[B:[^:]+]]: tensor<?x?xf32>, %[[CT:[^:]+]]: tensor<?x?xf32>)
// CHECK: %[[GA:.+]] = nabla.mul %[[CT]], %[[B]]
// CHECK: %[[DA:.+]] = nabla.reduce_sum %[[GA]] {axes = array<i64: 1>, keepdims = true} : (tensor<?x?xf32>) -> tensor<?x1xf32>
// CHECK: %[[DB:.+]] = nabla.mul %[[A]], %[[CT]] : (tensor<?x1xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
// CHECK: return %{{.+}}, %[[DA]], %[[DB]]
func.func private @mul_dynamic(%a: tensor<?x1xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %y = nabla.mul %a, %b : (tensor<?x1xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
func.func @mul_dynamic_caller(%a: tensor<?x1xf32>, %b: tensor<?x?xf32>, %ct: tensor<?x?xf32>) -> tensor<?x1xf32> {
  %y, %ac, %bc = nabla.vjp @mul_dynamic(%a, %b, %ct) {wrt = array<i64: 0, 1>} : (tensor<?x1xf32>, tensor<?x?xf32>, tensor<?x?xf32>) -> (tensor<?x?xf32>, tensor<?x1xf32>, tensor<?x?xf32>)
  return %ac : tensor<?x1xf32>
}

// -----

// CHECK-LABEL: func.func private @div_vjp
// CHECK-SAME: (%[[A:[^:]+]]: tensor<3xf32>, %[[B:[^:]+]]: tensor<f32>, %[[CT:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.div %[[A]], %[[B]]
// CHECK: %[[DA:.+]] = nabla.div %[[CT]], %[[B]]
// CHECK: %[[M:.+]] = nabla.mul %[[CT]], %[[Y]]
// CHECK: %[[Q:.+]] = nabla.div %[[M]], %[[B]]
// CHECK: %[[N:.+]] = nabla.neg %[[Q]]
// CHECK: %[[DB:.+]] = nabla.reduce_sum %[[N]] {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
// CHECK: return %[[Y]], %[[DA]], %[[DB]]
func.func private @div(%a: tensor<3xf32>, %b: tensor<f32>) -> tensor<3xf32> {
  %y = nabla.div %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @div_caller(%a: tensor<3xf32>, %b: tensor<f32>, %ct: tensor<3xf32>) -> tensor<f32> {
  %y, %ac, %bc = nabla.vjp @div(%a, %b, %ct) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<f32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<f32>)
  return %bc : tensor<f32>
}

// -----

// With respect to the base only: ct b a^(b - 1); no log(a) is built.
// CHECK-LABEL: func.func private @pow_vjp
// CHECK-SAME: (%[[A:[^:]+]]: tensor<3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[CT:[^:]+]]: tensor<3xf32>)
// CHECK: %[[ONE:.+]] = nabla.constant dense<1.000000e+00>
// CHECK: %[[E:.+]] = nabla.sub %[[B]], %[[ONE]]
// CHECK: %[[P:.+]] = nabla.pow %[[A]], %[[E]]
// CHECK: %[[M:.+]] = nabla.mul %[[B]], %[[P]]
// CHECK: %[[DA:.+]] = nabla.mul %[[CT]], %[[M]]
// CHECK-NOT: nabla.log
// CHECK: return %{{.+}}, %[[DA]]
func.func private @pow(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.pow %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @pow_caller(%a: tensor<3xf32>, %b: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %ac = nabla.vjp @pow(%a, %b, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %ac : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func private @max_vjp
// CHECK-SAME: (%[[A:[^:]+]]: tensor<3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[CT:[^:]+]]: tensor<3xf32>)
// CHECK: %[[P:.+]] = nabla.cmp ge, %[[A]], %[[B]]
// CHECK: %[[Z:.+]] = nabla.constant dense<0.000000e+00> : tensor<f32>
// CHECK: %[[DA:.+]] = nabla.select %[[P]], %[[CT]], %[[Z]]
// CHECK: %[[DB:.+]] = nabla.select %{{.+}}, %{{.+}}, %[[CT]]
// CHECK: return %{{.+}}, %[[DA]], %[[DB]]
func.func private @max(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.max %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @max_caller(%a: tensor<3xf32>, %b: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %ac, %bc = nabla.vjp @max(%a, %b, %ct) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %ac : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func private @min_vjp
// CHECK: nabla.cmp le
func.func private @min(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.min %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @min_caller(%a: tensor<3xf32>, %b: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %ac = nabla.vjp @min(%a, %b, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %ac : tensor<3xf32>
}

// -----

// The scalar `b` was broadcast: its share of the cotangent is summed.
// CHECK-LABEL: func.func private @select_vjp
// CHECK-SAME: (%[[C:[^:]+]]: tensor<3xi1>, %{{[^:]+}}: tensor<3xf32>, %{{[^:]+}}: tensor<f32>, %[[CT:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Z:.+]] = nabla.constant dense<0.000000e+00> : tensor<f32>
// CHECK: %[[DA:.+]] = nabla.select %[[C]], %[[CT]], %[[Z]]
// CHECK: %[[GB:.+]] = nabla.select %[[C]], %[[Z]], %[[CT]]
// CHECK: %[[DB:.+]] = nabla.reduce_sum %[[GB]] {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
// CHECK: return %{{.+}}, %[[DA]], %[[DB]]
func.func private @select(%c: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<f32>) -> tensor<3xf32> {
  %y = nabla.select %c, %a, %b : (tensor<3xi1>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @select_caller(%c: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<f32>, %ct: tensor<3xf32>) -> tensor<f32> {
  %y, %ac, %bc = nabla.vjp @select(%c, %a, %b, %ct) {wrt = array<i64: 1, 2>} : (tensor<3xi1>, tensor<3xf32>, tensor<f32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<f32>)
  return %bc : tensor<f32>
}

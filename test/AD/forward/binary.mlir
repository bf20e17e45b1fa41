// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Tangent rules of the broadcasting binary ops and select: each operand
// tangent times its partial derivative, summed.

// CHECK-LABEL: func.func private @add_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<2x3xf32>, %{{[^:]+}}: tensor<3xf32>, %[[TA:[^:]+]]: tensor<2x3xf32>, %[[TB:[^:]+]]: tensor<3xf32>)
// CHECK: %[[T:.+]] = nabla.add %[[TA]], %[[TB]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: return %{{.+}}, %[[T]]
func.func private @add(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %y = nabla.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
func.func @add_caller(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %y, %t = nabla.jvp @add(%a, %b, %a, %b) {wrt = array<i64: 0, 1>} : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %t : tensor<2x3xf32>
}

// -----

// Only the tangent of `b` is given: the one term is broadcast to the result.
// CHECK-LABEL: func.func private @sub_jvp
// CHECK-SAME: (%{{[^:]+}}: tensor<2x3xf32>, %{{[^:]+}}: tensor<3xf32>, %[[TB:[^:]+]]: tensor<3xf32>)
// CHECK: %[[N:.+]] = nabla.neg %[[TB]] : tensor<3xf32>
// CHECK: %[[T:.+]] = nabla.broadcast_to %[[N]] : (tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: return %{{.+}}, %[[T]]
func.func private @sub(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %y = nabla.sub %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
func.func @sub_caller(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %y, %t = nabla.jvp @sub(%a, %b, %b) {wrt = array<i64: 1>} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)
  return %t : tensor<2x3xf32>
}

// -----

// d(a b) = da b + a db.
// CHECK-LABEL: func.func private @mul_jvp
// CHECK-SAME: (%[[A:[^:]+]]: tensor<4x1xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[TA:[^:]+]]: tensor<4x1xf32>, %[[TB:[^:]+]]: tensor<3xf32>)
// CHECK: %[[L:.+]] = nabla.mul %[[TA]], %[[B]]
// CHECK: %[[R:.+]] = nabla.mul %[[A]], %[[TB]]
// CHECK: %[[T:.+]] = nabla.add %[[L]], %[[R]] : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
// CHECK: return %{{.+}}, %[[T]]
func.func private @mul(%a: tensor<4x1xf32>, %b: tensor<3xf32>) -> tensor<4x3xf32> {
  %y = nabla.mul %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}
func.func @mul_caller(%a: tensor<4x1xf32>, %b: tensor<3xf32>) -> tensor<4x3xf32> {
  %y, %t = nabla.jvp @mul(%a, %b, %a, %b) {wrt = array<i64: 0, 1>} : (tensor<4x1xf32>, tensor<3xf32>, tensor<4x1xf32>, tensor<3xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>)
  return %t : tensor<4x3xf32>
}

// -----

// d(a / b) = da / b - db y / b.
// CHECK-LABEL: func.func private @div_jvp
// CHECK-SAME: (%[[A:[^:]+]]: tensor<3xf32>, %[[B:[^:]+]]: tensor<f32>, %[[TA:[^:]+]]: tensor<3xf32>, %[[TB:[^:]+]]: tensor<f32>)
// CHECK: %[[Y:.+]] = nabla.div %[[A]], %[[B]]
// CHECK: %[[L:.+]] = nabla.div %[[TA]], %[[B]]
// CHECK: %[[M:.+]] = nabla.mul %[[TB]], %[[Y]]
// CHECK: %[[Q:.+]] = nabla.div %[[M]], %[[B]]
// CHECK: %[[R:.+]] = nabla.neg %[[Q]]
// CHECK: %[[T:.+]] = nabla.add %[[L]], %[[R]]
// CHECK: return %[[Y]], %[[T]]
func.func private @div(%a: tensor<3xf32>, %b: tensor<f32>) -> tensor<3xf32> {
  %y = nabla.div %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @div_caller(%a: tensor<3xf32>, %b: tensor<f32>) -> tensor<3xf32> {
  %y, %t = nabla.jvp @div(%a, %b, %a, %b) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<f32>, tensor<3xf32>, tensor<f32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %t : tensor<3xf32>
}

// -----

// Along the exponent only: d(a^b) = db y log(a).
// CHECK-LABEL: func.func private @pow_jvp
// CHECK-SAME: (%[[A:[^:]+]]: tensor<3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[TB:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.pow %[[A]], %[[B]]
// CHECK: %[[LOG:.+]] = nabla.log %[[A]]
// CHECK: %[[M:.+]] = nabla.mul %[[Y]], %[[LOG]]
// CHECK: %[[T:.+]] = nabla.mul %[[TB]], %[[M]]
// CHECK: return %[[Y]], %[[T]]
func.func private @pow(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.pow %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @pow_caller(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %y, %t = nabla.jvp @pow(%a, %b, %b) {wrt = array<i64: 1>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %t : tensor<3xf32>
}

// -----

// max picks the tangent of the operand it picks; ties go to the left.
// CHECK-LABEL: func.func private @max_jvp
// CHECK-SAME: (%[[A:[^:]+]]: tensor<3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[TA:[^:]+]]: tensor<3xf32>, %[[TB:[^:]+]]: tensor<3xf32>)
// CHECK: %[[P:.+]] = nabla.cmp ge, %[[A]], %[[B]]
// CHECK: %[[L:.+]] = nabla.select %[[P]], %[[TA]], %{{.+}}
// CHECK: %[[P2:.+]] = nabla.cmp ge, %[[A]], %[[B]]
// CHECK: %[[R:.+]] = nabla.select %[[P2]], %{{.+}}, %[[TB]]
// CHECK: %[[T:.+]] = nabla.add %[[L]], %[[R]]
// CHECK: return %{{.+}}, %[[T]]
func.func private @max(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.max %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @max_caller(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %y, %t = nabla.jvp @max(%a, %b, %a, %b) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %t : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func private @min_jvp
// CHECK: nabla.cmp le
func.func private @min(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.min %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @min_caller(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %y, %t = nabla.jvp @min(%a, %b, %a) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %t : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func private @select_jvp
// CHECK-SAME: (%[[C:[^:]+]]: tensor<3xi1>, %{{[^:]+}}: tensor<3xf32>, %{{[^:]+}}: tensor<f32>, %[[TA:[^:]+]]: tensor<3xf32>, %[[TB:[^:]+]]: tensor<f32>)
// CHECK: %[[T:.+]] = nabla.select %[[C]], %[[TA]], %[[TB]]
// CHECK: return %{{.+}}, %[[T]]
func.func private @select(%c: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<f32>) -> tensor<3xf32> {
  %y = nabla.select %c, %a, %b : (tensor<3xi1>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @select_caller(%c: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<f32>) -> tensor<3xf32> {
  %y, %t = nabla.jvp @select(%c, %a, %b, %a, %b) {wrt = array<i64: 1, 2>} : (tensor<3xi1>, tensor<3xf32>, tensor<f32>, tensor<3xf32>, tensor<f32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %t : tensor<3xf32>
}

// RUN: nabla-opt %s --split-input-file --nabla-autodiff | FileCheck %s

// Adjoint rules of the elementwise unary ops: the cotangent times the partial
// derivative from the table in ElementwiseAD.cpp.

// |x|' = sign(x).
// CHECK-LABEL: func.func private @abs_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.abs %[[X]]
// CHECK: %[[S:.+]] = nabla.sign %[[X]]
// CHECK: %[[D:.+]] = nabla.mul %[[V]], %[[S]]
// CHECK: return %[[Y]], %[[D]]
func.func private @abs(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.abs %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @abs_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @abs(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// cos' = -sin.
// CHECK-LABEL: func.func private @cos_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.cos %[[X]]
// CHECK: %[[S:.+]] = nabla.sin %[[X]]
// CHECK: %[[N:.+]] = nabla.neg %[[S]]
// CHECK: %[[D:.+]] = nabla.mul %[[V]], %[[N]]
// CHECK: return %[[Y]], %[[D]]
func.func private @cos(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.cos %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @cos_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @cos(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// exp' = exp: the primal result is reused.
// CHECK-LABEL: func.func private @exp_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.exp %[[X]]
// CHECK: %[[D:.+]] = nabla.mul %[[V]], %[[Y]]
// CHECK: return %[[Y]], %[[D]]
func.func private @exp(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.exp %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @exp_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @exp(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// zero almost everywhere.
// CHECK-LABEL: func.func private @floor_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.floor %[[X]]
// CHECK: %[[D:.+]] = nabla.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK: return %[[Y]], %[[D]]
func.func private @floor(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.floor %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @floor_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @floor(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// log' = 1 / x.
// CHECK-LABEL: func.func private @log_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.log %[[X]]
// CHECK: %[[D:.+]] = nabla.div %[[V]], %[[X]]
// CHECK: return %[[Y]], %[[D]]
func.func private @log(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.log %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @log_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @log(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// linear.
// CHECK-LABEL: func.func private @neg_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.neg %[[X]]
// CHECK: %[[D:.+]] = nabla.neg %[[V]]
// CHECK: return %[[Y]], %[[D]]
func.func private @neg(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.neg %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @neg_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @neg(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// relu' = [x > 0].
// CHECK-LABEL: func.func private @relu_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.relu %[[X]]
// CHECK: %[[Z:.+]] = nabla.constant dense<0.000000e+00> : tensor<f32>
// CHECK: %[[P:.+]] = nabla.cmp gt, %[[X]], %[[Z]]
// CHECK: %[[D:.+]] = nabla.select %[[P]], %[[V]], %{{.+}}
// CHECK: return %[[Y]], %[[D]]
func.func private @relu(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.relu %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @relu_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @relu(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// zero almost everywhere.
// CHECK-LABEL: func.func private @round_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.round %[[X]]
// CHECK: %[[D:.+]] = nabla.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK: return %[[Y]], %[[D]]
func.func private @round(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.round %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @round_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @round(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// rsqrt' = -1/2 y / x.
// CHECK-LABEL: func.func private @rsqrt_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.rsqrt %[[X]]
// CHECK: %[[H:.+]] = nabla.constant dense<-5.000000e-01>
// CHECK: %[[Q:.+]] = nabla.div %[[Y]], %[[X]]
// CHECK: %[[M:.+]] = nabla.mul %[[H]], %[[Q]]
// CHECK: %[[D:.+]] = nabla.mul %[[V]], %[[M]]
// CHECK: return %[[Y]], %[[D]]
func.func private @rsqrt(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.rsqrt %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @rsqrt_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @rsqrt(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// sigmoid' = y (1 - y).
// CHECK-LABEL: func.func private @sigmoid_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.sigmoid %[[X]]
// CHECK: %[[ONE:.+]] = nabla.constant dense<1.000000e+00>
// CHECK: %[[C:.+]] = nabla.sub %[[ONE]], %[[Y]]
// CHECK: %[[M:.+]] = nabla.mul %[[Y]], %[[C]]
// CHECK: %[[D:.+]] = nabla.mul %[[V]], %[[M]]
// CHECK: return %[[Y]], %[[D]]
func.func private @sigmoid(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.sigmoid %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @sigmoid_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @sigmoid(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// zero almost everywhere.
// CHECK-LABEL: func.func private @sign_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.sign %[[X]]
// CHECK: %[[D:.+]] = nabla.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK: return %[[Y]], %[[D]]
func.func private @sign(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.sign %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @sign_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @sign(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// sin' = cos.
// CHECK-LABEL: func.func private @sin_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.sin %[[X]]
// CHECK: %[[C:.+]] = nabla.cos %[[X]]
// CHECK: %[[D:.+]] = nabla.mul %[[V]], %[[C]]
// CHECK: return %[[Y]], %[[D]]
func.func private @sin(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.sin %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @sin_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @sin(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// sqrt' = 1 / (2 y).
// CHECK-LABEL: func.func private @sqrt_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.sqrt %[[X]]
// CHECK: %[[H:.+]] = nabla.constant dense<5.000000e-01>
// CHECK: %[[M:.+]] = nabla.mul %[[V]], %[[H]]
// CHECK: %[[D:.+]] = nabla.div %[[M]], %[[Y]]
// CHECK: return %[[Y]], %[[D]]
func.func private @sqrt(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.sqrt %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @sqrt_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @sqrt(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// tanh' = 1 - y^2.
// CHECK-LABEL: func.func private @tanh_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.tanh %[[X]]
// CHECK: %[[ONE:.+]] = nabla.constant dense<1.000000e+00>
// CHECK: %[[SQ:.+]] = nabla.mul %[[Y]], %[[Y]]
// CHECK: %[[C:.+]] = nabla.sub %[[ONE]], %[[SQ]]
// CHECK: %[[D:.+]] = nabla.mul %[[V]], %[[C]]
// CHECK: return %[[Y]], %[[D]]
func.func private @tanh(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.tanh %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @tanh_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @tanh(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// Float to float conversion: the cotangent converts back.
// CHECK-LABEL: func.func private @convert_vjp
// CHECK-SAME: (%{{[^:]+}}: tensor<3xf32>, %[[CT:[^:]+]]: tensor<3xf64>)
// CHECK: %[[DX:.+]] = nabla.convert %[[CT]] : (tensor<3xf64>) -> tensor<3xf32>
// CHECK: return %{{.+}}, %[[DX]]
func.func private @convert(%x: tensor<3xf32>) -> tensor<3xf64> {
  %y = nabla.convert %x : (tensor<3xf32>) -> tensor<3xf64>
  return %y : tensor<3xf64>
}
func.func @convert_caller(%x: tensor<3xf32>, %ct: tensor<3xf64>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @convert(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf64>) -> (tensor<3xf64>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// leaky_relu' = 1 where x > 0, else the slope.
// CHECK-LABEL: func.func private @leaky_relu_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.leaky_relu %[[X]] {slope = 2.500000e-01 : f64}
// CHECK: %[[POS:.+]] = nabla.cmp gt, %[[X]]
// CHECK: %[[SLOPE:.+]] = nabla.constant dense<2.500000e-01> : tensor<f32>
// CHECK: %[[SCALED:.+]] = nabla.mul %[[V]], %[[SLOPE]]
// CHECK: %[[D:.+]] = nabla.select %[[POS]], %[[V]], %[[SCALED]]
// CHECK: return %[[Y]], %[[D]]
func.func private @leaky_relu(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.leaky_relu %x {slope = 0.25 : f64} : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @leaky_relu_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @leaky_relu(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

// -----

// erf' = 2 / sqrt(pi) exp(-x^2).
// CHECK-LABEL: func.func private @erf_vjp
// CHECK-SAME: (%[[X:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = nabla.erf %[[X]]
// CHECK: %[[SQ:.+]] = nabla.mul %[[X]], %[[X]]
// CHECK: %[[NEG:.+]] = nabla.neg %[[SQ]]
// CHECK: %[[G:.+]] = nabla.exp %[[NEG]]
// CHECK: %[[C:.+]] = nabla.constant dense<1.12837923> : tensor<f32>
// CHECK: %[[CG:.+]] = nabla.mul %[[C]], %[[G]]
// CHECK: %[[D:.+]] = nabla.mul %[[V]], %[[CG]]
// CHECK: return %[[Y]], %[[D]]
func.func private @erf(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = nabla.erf %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @erf_caller(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %xc = nabla.vjp @erf(%x, %ct) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %xc : tensor<3xf32>
}

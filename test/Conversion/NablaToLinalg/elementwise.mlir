// RUN: nabla-opt %s --convert-nabla-to-linalg --split-input-file | FileCheck %s

// Elementwise ops become one parallel linalg.generic each, whose indexing
// maps broadcast the operands NumPy-style (size-1 dims read element 0,
// missing leading dims are dropped); constants, splats and stop_gradient.

// CHECK-DAG: #[[COL0:.+]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[LAST:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @add_size1_broadcast(
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<4x1xf32>, %[[B:[a-z0-9]+]]: tensor<3xf32>
// CHECK: %[[INIT:.+]] = tensor.empty() : tensor<4x3xf32>
// CHECK: %[[R:.+]] = linalg.generic {indexing_maps = [#[[COL0]], #[[LAST]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<4x1xf32>, tensor<3xf32>) outs(%[[INIT]] : tensor<4x3xf32>)
// CHECK: ^bb0(%[[X:[a-z0-9_]+]]: f32, %[[Y:[a-z0-9_]+]]: f32, %{{[a-z0-9_]+}}: f32):
// CHECK-NEXT: %[[S:.+]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
func.func @add_size1_broadcast(%a: tensor<4x1xf32>, %b: tensor<3xf32>) -> tensor<4x3xf32> {
  %r = nabla.add %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

// A rank-0 operand is read through the map with no results.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[SCALAR:.+]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @add_int_scalar(
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[SCALAR]], #[[ID]]]
// CHECK: arith.addi %{{.+}}, %{{.+}} : i64
// CHECK-NOT: arith.addf
func.func @add_int_scalar(%a: tensor<2x3xi64>, %b: tensor<i64>) -> tensor<2x3xi64> {
  %r = nabla.add %a, %b : (tensor<2x3xi64>, tensor<i64>) -> tensor<2x3xi64>
  return %r : tensor<2x3xi64>
}

// -----

// Missing leading dimensions: a rank-1 operand indexes the last loop only.
// CHECK-DAG: #[[LAST:.+]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @mul_leading_dims(
// CHECK: linalg.generic {indexing_maps = [#[[LAST]], #[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK: arith.mulf
func.func @mul_leading_dims(%a: tensor<5xf32>, %b: tensor<2x3x5xf32>) -> tensor<2x3x5xf32> {
  %r = nabla.mul %a, %b : (tensor<5xf32>, tensor<2x3x5xf32>) -> tensor<2x3x5xf32>
  return %r : tensor<2x3x5xf32>
}

// -----

// The dynamic result size is read from the operand that is not size 1 there.
// CHECK-DAG: #[[ROW0:.+]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @sub_dynamic(
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<1x3xf32>, %[[B:[a-z0-9]+]]: tensor<?x3xf32>
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[N:.+]] = tensor.dim %[[B]], %[[C0]] : tensor<?x3xf32>
// CHECK: %[[INIT:.+]] = tensor.empty(%[[N]]) : tensor<?x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ROW0]], #[[ID]], #[[ID]]]
// CHECK-SAME: outs(%[[INIT]] : tensor<?x3xf32>)
// CHECK: arith.subf
func.func @sub_dynamic(%a: tensor<1x3xf32>, %b: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %r = nabla.sub %a, %b : (tensor<1x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func.func @div_float_int(
// CHECK: arith.divf %{{.+}}, %{{.+}} : f32
// CHECK: arith.divsi %{{.+}}, %{{.+}} : i32
func.func @div_float_int(%a: tensor<3xf32>, %b: tensor<3xi32>) -> (tensor<3xf32>, tensor<3xi32>) {
  %f = nabla.div %a, %a : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %i = nabla.div %b, %b : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %f, %i : tensor<3xf32>, tensor<3xi32>
}

// -----

// Float max/min propagate NaN (maximumf/minimumf); integers are signed.
// CHECK-LABEL: func.func @max_min(
// CHECK: arith.maximumf %{{.+}}, %{{.+}} : f32
// CHECK: arith.minsi %{{.+}}, %{{.+}} : i64
func.func @max_min(%a: tensor<3xf32>, %b: tensor<3xi64>) -> (tensor<3xf32>, tensor<3xi64>) {
  %f = nabla.max %a, %a : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %i = nabla.min %b, %b : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  return %f, %i : tensor<3xf32>, tensor<3xi64>
}

// -----

// CHECK-LABEL: func.func @pow(
// CHECK: math.powf %{{.+}}, %{{.+}} : f32
// CHECK: math.ipowi %{{.+}}, %{{.+}} : i64
func.func @pow(%a: tensor<3xf32>, %b: tensor<3xi64>) -> (tensor<3xf32>, tensor<3xi64>) {
  %f = nabla.pow %a, %a : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %i = nabla.pow %b, %b : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  return %f, %i : tensor<3xf32>, tensor<3xi64>
}

// -----

// CHECK-LABEL: func.func @logic(
// CHECK: arith.andi %{{.+}}, %{{.+}} : i1
// CHECK: arith.ori %{{.+}}, %{{.+}} : i1
// CHECK: ^bb0(%[[X:[a-z0-9_]+]]: i1, %{{[a-z0-9_]+}}: i1):
// CHECK: %[[TRUE:.+]] = arith.constant true
// CHECK: arith.xori %[[X]], %[[TRUE]] : i1
func.func @logic(%a: tensor<3xi1>, %b: tensor<i1>) -> tensor<3xi1> {
  %x = nabla.and %a, %b : (tensor<3xi1>, tensor<i1>) -> tensor<3xi1>
  %y = nabla.or %x, %a : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  %z = nabla.not %y : tensor<3xi1>
  return %z : tensor<3xi1>
}

// -----

// Integer negation is 0 - x.
// CHECK-LABEL: func.func @neg(
// CHECK: arith.negf %{{.+}} : f32
// CHECK: ^bb0(%[[X:[a-z0-9_]+]]: i32, %{{[a-z0-9_]+}}: i32):
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i32
// CHECK: arith.subi %[[ZERO]], %[[X]] : i32
func.func @neg(%a: tensor<3xf32>, %b: tensor<3xi32>) -> (tensor<3xf32>, tensor<3xi32>) {
  %f = nabla.neg %a : tensor<3xf32>
  %i = nabla.neg %b : tensor<3xi32>
  return %f, %i : tensor<3xf32>, tensor<3xi32>
}

// -----

// CHECK-LABEL: func.func @abs(
// CHECK: math.absf %{{.+}} : f32
// CHECK: math.absi %{{.+}} : i32
func.func @abs(%a: tensor<3xf32>, %b: tensor<3xi32>) -> (tensor<3xf32>, tensor<3xi32>) {
  %f = nabla.abs %a : tensor<3xf32>
  %i = nabla.abs %b : tensor<3xi32>
  return %f, %i : tensor<3xf32>, tensor<3xi32>
}

// -----

// One math op per unary op, in program order.
// CHECK-LABEL: func.func @unary_math(
// CHECK: math.exp %{{.+}} : f64
// CHECK: math.log %{{.+}} : f64
// CHECK: math.tanh %{{.+}} : f64
// CHECK: math.sqrt %{{.+}} : f64
// CHECK: math.rsqrt %{{.+}} : f64
// CHECK: math.sin %{{.+}} : f64
// CHECK: math.cos %{{.+}} : f64
// CHECK: math.floor %{{.+}} : f64
func.func @unary_math(%x: tensor<3xf64>) -> tensor<3xf64> {
  %a = nabla.exp %x : tensor<3xf64>
  %b = nabla.log %a : tensor<3xf64>
  %c = nabla.tanh %b : tensor<3xf64>
  %d = nabla.sqrt %c : tensor<3xf64>
  %e = nabla.rsqrt %d : tensor<3xf64>
  %f = nabla.sin %e : tensor<3xf64>
  %g = nabla.cos %f : tensor<3xf64>
  %h = nabla.floor %g : tensor<3xf64>
  return %h : tensor<3xf64>
}

// -----

// round is round-half-to-even, not math.round (half away from zero).
// CHECK-LABEL: func.func @round_half_even(
// CHECK: math.roundeven %{{.+}} : f32
// CHECK-NOT: math.round %
func.func @round_half_even(%x: tensor<3xf32>) -> tensor<3xf32> {
  %r = nabla.round %x : tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// sigmoid(x) = 1 / (1 + exp(-x)).
// CHECK-LABEL: func.func @sigmoid(
// CHECK: ^bb0(%[[X:[a-z0-9_]+]]: f32, %{{[a-z0-9_]+}}: f32):
// CHECK-DAG: %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[NEG:.+]] = arith.negf %[[X]] : f32
// CHECK: %[[E:.+]] = math.exp %[[NEG]] : f32
// CHECK: %[[D:.+]] = arith.addf %[[ONE]], %[[E]] : f32
// CHECK: %[[R:.+]] = arith.divf %[[ONE]], %[[D]] : f32
// CHECK: linalg.yield %[[R]]
func.func @sigmoid(%x: tensor<3xf32>) -> tensor<3xf32> {
  %r = nabla.sigmoid %x : tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @relu(
// CHECK: ^bb0(%[[X:[a-z0-9_]+]]: f32, %{{[a-z0-9_]+}}: f32):
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[R:.+]] = arith.maximumf %[[X]], %[[ZERO]] : f32
// CHECK: linalg.yield %[[R]]
func.func @relu(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = nabla.relu %x : tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

// sign keeps x itself when it is neither > 0 nor < 0 (0 and NaN).
// CHECK-LABEL: func.func @sign_float(
// CHECK: ^bb0(%[[X:[a-z0-9_]+]]: f32, %{{[a-z0-9_]+}}: f32):
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[MONE:.+]] = arith.constant -1.000000e+00 : f32
// CHECK: %[[POS:.+]] = arith.cmpf ogt, %[[X]], %[[ZERO]] : f32
// CHECK: %[[NEG:.+]] = arith.cmpf olt, %[[X]], %[[ZERO]] : f32
// CHECK: %[[S:.+]] = arith.select %[[NEG]], %[[MONE]], %[[X]] : f32
// CHECK: %[[R:.+]] = arith.select %[[POS]], %[[ONE]], %[[S]] : f32
// CHECK: linalg.yield %[[R]]
func.func @sign_float(%x: tensor<3xf32>) -> tensor<3xf32> {
  %r = nabla.sign %x : tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @sign_int(
// CHECK: arith.cmpi sgt, %{{.+}}, %{{.+}} : i64
// CHECK: arith.cmpi slt, %{{.+}}, %{{.+}} : i64
// CHECK-COUNT-2: arith.select
func.func @sign_int(%x: tensor<3xi64>) -> tensor<3xi64> {
  %r = nabla.sign %x : tensor<3xi64>
  return %r : tensor<3xi64>
}

// -----

// Ordered float predicates, except '!=' which is true on NaN (une).
// CHECK-LABEL: func.func @cmp_float(
// CHECK: arith.cmpf oeq
// CHECK: arith.cmpf une
// CHECK: arith.cmpf olt
// CHECK: arith.cmpf ole
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf oge
func.func @cmp_float(%a: tensor<3xf32>, %b: tensor<f32>) -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) {
  %eq = nabla.cmp eq, %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %ne = nabla.cmp ne, %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %lt = nabla.cmp lt, %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %le = nabla.cmp le, %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %gt = nabla.cmp gt, %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %ge = nabla.cmp ge, %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  return %eq, %ne, %lt, %le, %gt, %ge : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>
}

// -----

// Signed integer predicates.
// CHECK-LABEL: func.func @cmp_int(
// CHECK: arith.cmpi eq
// CHECK: arith.cmpi ne
// CHECK: arith.cmpi slt
// CHECK: arith.cmpi sle
// CHECK: arith.cmpi sgt
// CHECK: arith.cmpi sge
func.func @cmp_int(%a: tensor<3xi32>, %b: tensor<3xi32>) -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) {
  %eq = nabla.cmp eq, %a, %b : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi1>
  %ne = nabla.cmp ne, %a, %b : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi1>
  %lt = nabla.cmp lt, %a, %b : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi1>
  %le = nabla.cmp le, %a, %b : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi1>
  %gt = nabla.cmp gt, %a, %b : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi1>
  %ge = nabla.cmp ge, %a, %b : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi1>
  return %eq, %ne, %lt, %le, %gt, %ge : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>
}

// -----

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[SCALAR:.+]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @select_broadcast(
// CHECK-SAME: %[[C:[a-z0-9]+]]: tensor<4xi1>, %[[A:[a-z0-9]+]]: tensor<4xf32>, %[[B:[a-z0-9]+]]: tensor<f32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[SCALAR]], #[[ID]]]
// CHECK-SAME: ins(%[[C]], %[[A]], %[[B]] : tensor<4xi1>, tensor<4xf32>, tensor<f32>)
// CHECK: ^bb0(%[[P:[a-z0-9_]+]]: i1, %[[X:[a-z0-9_]+]]: f32, %[[Y:[a-z0-9_]+]]: f32, %{{[a-z0-9_]+}}: f32):
// CHECK: arith.select %[[P]], %[[X]], %[[Y]] : f32
func.func @select_broadcast(%c: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<f32>) -> tensor<4xf32> {
  %r = nabla.select %c, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @convert_float(
// CHECK: arith.extf %{{.+}} : f32 to f64
// CHECK: arith.truncf %{{.+}} : f64 to f32
func.func @convert_float(%x: tensor<3xf32>, %y: tensor<3xf64>) -> (tensor<3xf64>, tensor<3xf32>) {
  %a = nabla.convert %x : (tensor<3xf32>) -> tensor<3xf64>
  %b = nabla.convert %y : (tensor<3xf64>) -> tensor<3xf32>
  return %a, %b : tensor<3xf64>, tensor<3xf32>
}

// -----

// Float to integer rounds toward zero (fptosi); integers are signed.
// CHECK-LABEL: func.func @convert_int_float(
// CHECK: arith.fptosi %{{.+}} : f32 to i32
// CHECK: arith.sitofp %{{.+}} : i32 to f32
func.func @convert_int_float(%x: tensor<3xf32>, %i: tensor<3xi32>) -> (tensor<3xi32>, tensor<3xf32>) {
  %a = nabla.convert %x : (tensor<3xf32>) -> tensor<3xi32>
  %b = nabla.convert %i : (tensor<3xi32>) -> tensor<3xf32>
  return %a, %b : tensor<3xi32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @convert_int_width(
// CHECK: arith.extsi %{{.+}} : i32 to i64
// CHECK: arith.trunci %{{.+}} : i64 to i32
func.func @convert_int_width(%i: tensor<3xi32>, %j: tensor<3xi64>) -> (tensor<3xi64>, tensor<3xi32>) {
  %a = nabla.convert %i : (tensor<3xi32>) -> tensor<3xi64>
  %b = nabla.convert %j : (tensor<3xi64>) -> tensor<3xi32>
  return %a, %b : tensor<3xi64>, tensor<3xi32>
}

// -----

// true is 1, not -1: booleans widen unsigned.
// CHECK-LABEL: func.func @convert_from_bool(
// CHECK: arith.uitofp %{{.+}} : i1 to f32
// CHECK: arith.extui %{{.+}} : i1 to i64
// CHECK-NOT: arith.sitofp
// CHECK-NOT: arith.extsi
func.func @convert_from_bool(%c: tensor<3xi1>) -> (tensor<3xf32>, tensor<3xi64>) {
  %a = nabla.convert %c : (tensor<3xi1>) -> tensor<3xf32>
  %b = nabla.convert %c : (tensor<3xi1>) -> tensor<3xi64>
  return %a, %b : tensor<3xf32>, tensor<3xi64>
}

// -----

// To bool: nonzero is true (and NaN, through une).
// CHECK-LABEL: func.func @convert_to_bool(
// CHECK: %[[FZERO:.+]] = arith.constant 0.000000e+00 : f64
// CHECK: arith.cmpf une, %{{.+}}, %[[FZERO]] : f64
// CHECK: %[[IZERO:.+]] = arith.constant 0 : i64
// CHECK: arith.cmpi ne, %{{.+}}, %[[IZERO]] : i64
func.func @convert_to_bool(%x: tensor<3xf64>, %i: tensor<3xi64>) -> (tensor<3xi1>, tensor<3xi1>) {
  %a = nabla.convert %x : (tensor<3xf64>) -> tensor<3xi1>
  %b = nabla.convert %i : (tensor<3xi64>) -> tensor<3xi1>
  return %a, %b : tensor<3xi1>, tensor<3xi1>
}

// -----

// CHECK-LABEL: func.func @constant(
// CHECK: %[[C:.+]] = arith.constant dense<{{\[}}[1, 2], [3, 4]]> : tensor<2x2xi64>
// CHECK-NOT: nabla.constant
// CHECK: return %[[C]]
func.func @constant() -> tensor<2x2xi64> {
  %c = nabla.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>
  return %c : tensor<2x2xi64>
}

// -----

// CHECK-LABEL: func.func @splat_dynamic(
// CHECK-SAME: %[[V:[a-z0-9]+]]: tensor<f32>, %[[N:[a-z0-9]+]]: index
// CHECK: %[[S:.+]] = tensor.extract %[[V]][] : tensor<f32>
// CHECK: %[[INIT:.+]] = tensor.empty(%[[N]]) : tensor<?x10xf32>
// CHECK: %[[R:.+]] = linalg.fill ins(%[[S]] : f32) outs(%[[INIT]] : tensor<?x10xf32>)
// CHECK: return %[[R]]
func.func @splat_dynamic(%v: tensor<f32>, %n: index) -> tensor<?x10xf32> {
  %r = nabla.splat %v [%n] : (tensor<f32>) -> tensor<?x10xf32>
  return %r : tensor<?x10xf32>
}

// -----

// CHECK-LABEL: func.func @stop_gradient(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<3xf32>
// CHECK-NOT: nabla.stop_gradient
// CHECK-NOT: linalg.generic
// CHECK: return %[[X]]
func.func @stop_gradient(%x: tensor<3xf32>) -> tensor<3xf32> {
  %r = nabla.stop_gradient %x : tensor<3xf32>
  return %r : tensor<3xf32>
}

// RUN: nabla-opt %s --convert-nabla-to-linalg --split-input-file | FileCheck %s

// Random tensors are Philox-4x32-10 computed inline: one linalg.generic
// whose element i hashes the counter (lo32(i), hi32(i), 0, 0) under the key
// (lo32(key), hi32(key)) with ten rounds of 32x32->64 products
// (arith.mului_extended); fold_in hashes (lo32(data), hi32(data), 1, 0).

// CHECK-LABEL: func.func @random_uniform(
// CHECK-SAME: %[[K:[a-z0-9]+]]: tensor<i64>
// CHECK: %[[KEY:.+]] = tensor.extract %[[K]][] : tensor<i64>
// CHECK: %[[K0:.+]] = arith.trunci %[[KEY]] : i64 to i32
// CHECK: %[[KHI:.+]] = arith.shrui %[[KEY]], %{{.+}} : i64
// CHECK: %[[K1:.+]] = arith.trunci %[[KHI]] : i64 to i32
// CHECK: %[[INIT:.+]] = tensor.empty() : tensor<3x4xf32>
// CHECK: %[[R:.+]] = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel"]
// CHECK-SAME: outs(%[[INIT]] : tensor<3x4xf32>)
// The row-major linear index of the element is the counter.
// CHECK: linalg.index 0 : index
// CHECK: linalg.index 1 : index
// CHECK: %[[LIN:.+]] = arith.index_cast %{{.+}} : index to i64
// CHECK: %[[C0:.+]] = arith.trunci %[[LIN]] : i64 to i32
// CHECK-DAG: %[[M0:.+]] = arith.constant -766435501 : i32
// CHECK-DAG: %[[M1:.+]] = arith.constant -845247145 : i32
// CHECK-DAG: %[[W0:.+]] = arith.constant -1640531527 : i32
// CHECK-DAG: %[[W1:.+]] = arith.constant -1150833019 : i32
// First round: the key words enter unbumped.
// CHECK: %{{.+}}, %[[HI0:.+]] = arith.mului_extended %[[M0]], %[[C0]] : i32
// CHECK: %{{.+}}, %[[HI1:.+]] = arith.mului_extended %[[M1]], %{{.+}} : i32
// CHECK: %[[X:.+]] = arith.xori %[[HI1]], %{{.+}} : i32
// CHECK: arith.xori %[[X]], %[[K0]] : i32
// CHECK: %[[Y:.+]] = arith.xori %[[HI0]], %{{.+}} : i32
// CHECK: arith.xori %[[Y]], %[[K1]] : i32
// Later rounds bump the key by the Weyl constants.
// CHECK: arith.addi %[[K0]], %[[W0]] : i32
// CHECK: arith.addi %[[K1]], %[[W1]] : i32
// CHECK-COUNT-18: arith.mului_extended
// CHECK-NOT: arith.mului_extended
// uniform = (w0 >> 8) * 2^-24.
// CHECK: %[[EIGHT:.+]] = arith.constant 8 : i32
// CHECK: %[[MANT:.+]] = arith.shrui %{{.+}}, %[[EIGHT]] : i32
// CHECK: %[[F:.+]] = arith.uitofp %[[MANT]] : i32 to f32
// CHECK: %[[SCALE:.+]] = arith.constant 5.96046448E-8 : f32
// CHECK: %[[U:.+]] = arith.mulf %[[F]], %[[SCALE]] : f32
// CHECK: linalg.yield %[[U]] : f32
// CHECK: return %[[R]]
func.func @random_uniform(%k: tensor<i64>) -> tensor<3x4xf32> {
  %u = nabla.random_uniform %k : tensor<3x4xf32>
  return %u : tensor<3x4xf32>
}

// -----

// Box-Muller on two words of one block, in f32, then converted.
// CHECK-LABEL: func.func @random_normal_dynamic(
// CHECK-SAME: %[[K:[a-z0-9]+]]: tensor<i64>, %[[N:[a-z0-9]+]]: index
// CHECK: %[[INIT:.+]] = tensor.empty(%[[N]]) : tensor<?xf64>
// CHECK: linalg.generic
// CHECK-SAME: outs(%[[INIT]] : tensor<?xf64>)
// CHECK-COUNT-20: arith.mului_extended
// u1 = ((w0 >> 8) + 1) * 2^-24 is in (0, 1], so log(u1) is finite.
// CHECK: %[[S1:.+]] = arith.shrui
// CHECK: %[[ONE:.+]] = arith.constant 1 : i32
// CHECK: %[[P1:.+]] = arith.addi %[[S1]], %[[ONE]] : i32
// CHECK: %[[F1:.+]] = arith.uitofp %[[P1]] : i32 to f32
// CHECK: %[[U1:.+]] = arith.mulf %[[F1]], %{{.+}} : f32
// CHECK: %[[U2:.+]] = arith.mulf %{{.+}}, %{{.+}} : f32
// CHECK: %[[LN:.+]] = math.log %[[U1]] : f32
// CHECK: %[[M2:.+]] = arith.mulf %{{.+}}, %[[LN]] : f32
// CHECK: %[[RAD:.+]] = math.sqrt %[[M2]] : f32
// CHECK: %[[ANG:.+]] = arith.mulf %{{.+}}, %[[U2]] : f32
// CHECK: %[[COS:.+]] = math.cos %[[ANG]] : f32
// CHECK: %[[Z:.+]] = arith.mulf %[[RAD]], %[[COS]] : f32
// CHECK: %[[Z64:.+]] = arith.extf %[[Z]] : f32 to f64
// CHECK: linalg.yield %[[Z64]] : f64
func.func @random_normal_dynamic(%k: tensor<i64>, %n: index) -> tensor<?xf64> {
  %u = nabla.random_normal %k [%n] : tensor<?xf64>
  return %u : tensor<?xf64>
}

// -----

// fold_in is scalar code: no linalg, and the new key is w0 | w1 << 32.
// CHECK-LABEL: func.func @fold_in(
// CHECK-SAME: %[[K:[a-z0-9]+]]: tensor<i64>, %[[D:[a-z0-9]+]]: tensor<i64>
// CHECK-NOT: linalg.generic
// CHECK-DAG: tensor.extract %[[K]][] : tensor<i64>
// CHECK-DAG: %[[DATA:.+]] = tensor.extract %[[D]][] : tensor<i64>
// CHECK: %[[D0:.+]] = arith.trunci %[[DATA]] : i64 to i32
// CHECK: %[[ONE:.+]] = arith.constant 1 : i32
// CHECK: %[[M0:.+]] = arith.constant -766435501 : i32
// CHECK: %[[M1:.+]] = arith.constant -845247145 : i32
// CHECK: arith.mului_extended %[[M0]], %[[D0]] : i32
// CHECK: arith.mului_extended %[[M1]], %[[ONE]] : i32
// CHECK-COUNT-18: arith.mului_extended
// CHECK: %[[LO:.+]] = arith.extui %{{.+}} : i32 to i64
// CHECK: %[[HI:.+]] = arith.extui %{{.+}} : i32 to i64
// CHECK: %[[SH:.+]] = arith.shli %[[HI]], %{{.+}} : i64
// CHECK: %[[NEW:.+]] = arith.ori %[[LO]], %[[SH]] : i64
// CHECK: %[[R:.+]] = tensor.from_elements %[[NEW]] : tensor<i64>
// CHECK: return %[[R]]
func.func @fold_in(%k: tensor<i64>, %d: tensor<i64>) -> tensor<i64> {
  %r = nabla.fold_in %k, %d
  return %r : tensor<i64>
}

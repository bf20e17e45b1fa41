// RUN: nabla-opt %s --convert-nabla-to-linalg --split-input-file | FileCheck %s

// Matrix products that reach this pass (integers, batches; 2-D float ones
// usually go to the runtime GEMM first) accumulate into a zero-filled
// linalg.matmul / linalg.batch_matmul.

// CHECK-LABEL: func.func @matmul_int(
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<2x3xi32>, %[[B:[a-z0-9]+]]: tensor<3x4xi32>
// CHECK: %[[E:.+]] = tensor.empty() : tensor<2x4xi32>
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i32
// CHECK: %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : i32) outs(%[[E]] : tensor<2x4xi32>)
// CHECK: %[[C:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<2x3xi32>, tensor<3x4xi32>) outs(%[[ACC]] : tensor<2x4xi32>)
// CHECK: return %[[C]]
func.func @matmul_int(%a: tensor<2x3xi32>, %b: tensor<3x4xi32>) -> tensor<2x4xi32> {
  %c = nabla.matmul %a, %b : (tensor<2x3xi32>, tensor<3x4xi32>) -> tensor<2x4xi32>
  return %c : tensor<2x4xi32>
}

// -----

// Rows come from the lhs, columns from the rhs.
// CHECK-LABEL: func.func @matmul_dynamic(
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<?x3xi64>, %[[B:[a-z0-9]+]]: tensor<3x?xi64>
// CHECK: %[[M:.+]] = tensor.dim %[[A]], %{{.+}} : tensor<?x3xi64>
// CHECK: %[[N:.+]] = tensor.dim %[[B]], %{{.+}} : tensor<3x?xi64>
// CHECK: %[[E:.+]] = tensor.empty(%[[M]], %[[N]]) : tensor<?x?xi64>
// CHECK: %[[ACC:.+]] = linalg.fill ins(%{{.+}} : i64) outs(%[[E]] : tensor<?x?xi64>)
// CHECK: linalg.matmul ins(%[[A]], %[[B]] : tensor<?x3xi64>, tensor<3x?xi64>) outs(%[[ACC]] : tensor<?x?xi64>)
func.func @matmul_dynamic(%a: tensor<?x3xi64>, %b: tensor<3x?xi64>) -> tensor<?x?xi64> {
  %c = nabla.matmul %a, %b : (tensor<?x3xi64>, tensor<3x?xi64>) -> tensor<?x?xi64>
  return %c : tensor<?x?xi64>
}

// -----

// CHECK-LABEL: func.func @batch_matmul(
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<?x2x3xf32>, %[[B:[a-z0-9]+]]: tensor<?x3x4xf32>
// CHECK: %[[S:.+]] = tensor.dim %[[A]], %{{.+}} : tensor<?x2x3xf32>
// CHECK: %[[E:.+]] = tensor.empty(%[[S]]) : tensor<?x2x4xf32>
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[ACC:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<?x2x4xf32>)
// CHECK: %[[C:.+]] = linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<?x2x3xf32>, tensor<?x3x4xf32>) outs(%[[ACC]] : tensor<?x2x4xf32>)
// CHECK-NOT: linalg.matmul
// CHECK: return %[[C]]
func.func @batch_matmul(%a: tensor<?x2x3xf32>, %b: tensor<?x3x4xf32>) -> tensor<?x2x4xf32> {
  %c = nabla.matmul %a, %b : (tensor<?x2x3xf32>, tensor<?x3x4xf32>) -> tensor<?x2x4xf32>
  return %c : tensor<?x2x4xf32>
}

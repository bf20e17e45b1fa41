// RUN: nabla-opt %s --nabla-prepare-bufferization --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map allow-return-allocs-from-loops" | FileCheck %s

// A `nabla.runtime_call` returns fresh buffers and only reads its operands,
// so the next value of a loop-carried tensor passed to it can still be
// materialized in the carried buffer (a func.call of the declaration is
// assumed to return a buffer that may alias its operands). It becomes a
// func.call of the bufferized declaration.

func.func private @nrt_matmul_f32(tensor<?x?xf32> {bufferization.access = "read"}, tensor<?x?xf32> {bufferization.access = "read"}, i64, i64) -> tensor<?x?xf32> attributes {llvm.emit_c_interface}

// CHECK: func.func private @nrt_matmul_f32(memref<?x?xf32> {bufferization.access = "read"}, memref<?x?xf32> {bufferization.access = "read"}, i64, i64) -> memref<?x?xf32>
// CHECK-LABEL: func.func @update(
// CHECK-SAME: %[[W:.+]]: memref<2x2xf32>
// CHECK: scf.for {{.+}} iter_args(%[[C:.+]] = %[[W]]) -> (memref<2x2xf32>)
// CHECK: %[[CD:.+]] = memref.cast %[[C]] : memref<2x2xf32> to memref<?x?xf32>
// CHECK: %[[P:.+]] = func.call @nrt_matmul_f32(%[[CD]], %[[CD]], %{{.+}}, %{{.+}}) : (memref<?x?xf32>, memref<?x?xf32>, i64, i64) -> memref<?x?xf32>
// CHECK: %[[PS:.+]] = memref.cast %[[P]] : memref<?x?xf32> to memref<2x2xf32>
// CHECK: linalg.generic {{.+}} ins(%[[C]], %[[PS]] : memref<2x2xf32>, memref<2x2xf32>) outs(%[[N:.+]] : memref<2x2xf32>)
// CHECK: memref.copy %[[N]], %[[C]]
// CHECK: scf.yield %[[C]] : memref<2x2xf32>
func.func @update(%w: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %f = arith.constant 0 : i64
  %r = scf.for %i = %c0 to %c3 step %c1 iter_args(%cur = %w) -> (tensor<2x2xf32>) {
    %d = tensor.cast %cur : tensor<2x2xf32> to tensor<?x?xf32>
    %p = nabla.runtime_call @nrt_matmul_f32(%d, %d, %f, %f) : (tensor<?x?xf32>, tensor<?x?xf32>, i64, i64) -> tensor<?x?xf32>
    %ps = tensor.cast %p : tensor<?x?xf32> to tensor<2x2xf32>
    %e = tensor.empty() : tensor<2x2xf32>
    %n = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%cur, %ps : tensor<2x2xf32>, tensor<2x2xf32>) outs(%e : tensor<2x2xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %s = arith.subf %a, %b : f32
      linalg.yield %s : f32
    } -> tensor<2x2xf32>
    scf.yield %n : tensor<2x2xf32>
  }
  return %r : tensor<2x2xf32>
}

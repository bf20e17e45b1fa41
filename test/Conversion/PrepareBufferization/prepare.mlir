// RUN: nabla-opt %s --nabla-prepare-bufferization --split-input-file | FileCheck %s

// Before One-Shot Bufferize: tensors yielded by scf.for / scf.while are
// materialized into their iteration arguments, and a tensor returned more
// than once gets a copy for each repeat.

// CHECK-LABEL: func.func @for_yield(
// CHECK: scf.for %{{.+}} = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[ACC:.+]] = %{{.+}}) -> (tensor<4xf32>)
// CHECK: %[[Y:.+]] = linalg.add
// CHECK: %[[M:.+]] = bufferization.materialize_in_destination %[[Y]] in %[[ACC]] : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: scf.yield %[[M]] : tensor<4xf32>
func.func @for_yield(%x: tensor<4xf32>, %n: index) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> (tensor<4xf32>) {
    %e = tensor.empty() : tensor<4xf32>
    %y = linalg.add ins(%acc, %acc : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    scf.yield %y : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

// An iteration argument yielded unchanged, and non-tensor values, are left
// alone.
// CHECK-LABEL: func.func @for_yield_unchanged(
// CHECK: scf.for %{{.+}} iter_args(%[[ACC:.+]] = %{{.+}}, %[[T:.+]] = %{{.+}}) -> (tensor<4xf32>, f32)
// CHECK: %[[U:.+]] = arith.addf %[[T]], %[[T]] : f32
// CHECK-NOT: bufferization.materialize_in_destination
// CHECK: scf.yield %[[ACC]], %[[U]] : tensor<4xf32>, f32
func.func @for_yield_unchanged(%x: tensor<4xf32>, %n: index, %s: f32) -> (tensor<4xf32>, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r:2 = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x, %t = %s) -> (tensor<4xf32>, f32) {
    %u = arith.addf %t, %t : f32
    scf.yield %acc, %u : tensor<4xf32>, f32
  }
  return %r#0, %r#1 : tensor<4xf32>, f32
}

// -----

// In scf.while the after region yields into its own arguments' buffers.
// CHECK-LABEL: func.func @while_yield(
// CHECK: scf.condition(%{{.+}}) %{{.+}}, %{{.+}} : tensor<?xf32>, i64
// CHECK: } do {
// CHECK: ^bb0(%[[A:.+]]: tensor<?xf32>, %{{.+}}: i64):
// CHECK: %[[K:.+]] = arith.subi
// CHECK: %[[B:.+]] = linalg.add
// CHECK: %[[M:.+]] = bufferization.materialize_in_destination %[[B]] in %[[A]] : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
// CHECK-NEXT: scf.yield %[[M]], %[[K]] : tensor<?xf32>, i64
func.func @while_yield(%x: tensor<?xf32>, %n: i64) -> tensor<?xf32> {
  %r:2 = scf.while (%a = %x, %k = %n) : (tensor<?xf32>, i64) -> (tensor<?xf32>, i64) {
    %c0 = arith.constant 0 : i64
    %cond = arith.cmpi sgt, %k, %c0 : i64
    scf.condition(%cond) %a, %k : tensor<?xf32>, i64
  } do {
  ^bb0(%a: tensor<?xf32>, %k: i64):
    %c1 = arith.constant 1 : i64
    %k2 = arith.subi %k, %c1 : i64
    %c0 = arith.constant 0 : index
    %d = tensor.dim %a, %c0 : tensor<?xf32>
    %e = tensor.empty(%d) : tensor<?xf32>
    %b = linalg.add ins(%a, %a : tensor<?xf32>, tensor<?xf32>) outs(%e : tensor<?xf32>) -> tensor<?xf32>
    scf.yield %b, %k2 : tensor<?xf32>, i64
  }
  return %r#0 : tensor<?xf32>
}

// -----

// The first occurrence is returned as is; every repeat is a fresh copy. A
// copying alloc_tensor takes no dynamic sizes, even for dynamic shapes.
// CHECK-LABEL: func.func @repeated_results(
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x3xf32>, %[[Y:[a-z0-9]+]]: tensor<2xf32>
// CHECK: %[[X1:.+]] = bufferization.alloc_tensor() copy(%[[X]]) : tensor<?x3xf32>
// CHECK: %[[Y1:.+]] = bufferization.alloc_tensor() copy(%[[Y]]) : tensor<2xf32>
// CHECK: %[[X2:.+]] = bufferization.alloc_tensor() copy(%[[X]]) : tensor<?x3xf32>
// CHECK: return %[[X]], %[[X1]], %[[Y]], %[[Y1]], %[[X2]] :
func.func @repeated_results(%x: tensor<?x3xf32>, %y: tensor<2xf32>) -> (tensor<?x3xf32>, tensor<?x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<?x3xf32>) {
  return %x, %x, %y, %y, %x : tensor<?x3xf32>, tensor<?x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<?x3xf32>
}

// -----

// Distinct results are not copied.
// CHECK-LABEL: func.func @distinct_results(
// CHECK-NOT: bufferization.alloc_tensor
// CHECK: return
func.func @distinct_results(%x: tensor<3xf32>, %y: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  return %x, %y : tensor<3xf32>, tensor<3xf32>
}

// -----

// A carried tensor whose size changes (here it doubles) is not materialized
// into the previous iteration's buffer: that would write past its end.
// CHECK-LABEL: func.func @for_yield_grows(
// CHECK: scf.for
// CHECK: tensor.insert_slice
// CHECK: %[[G:.+]] = tensor.insert_slice
// CHECK-NOT: bufferization.materialize_in_destination
// CHECK: scf.yield %[[G]] : tensor<?xf32>
func.func @for_yield_grows(%x: tensor<?xf32>, %n: index) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> (tensor<?xf32>) {
    %d = tensor.dim %acc, %c0 : tensor<?xf32>
    %d2 = arith.addi %d, %d : index
    %e = tensor.empty(%d2) : tensor<?xf32>
    %a = tensor.insert_slice %acc into %e[0] [%d] [1] : tensor<?xf32> into tensor<?xf32>
    %g = tensor.insert_slice %acc into %a[%d] [%d] [1] : tensor<?xf32> into tensor<?xf32>
    scf.yield %g : tensor<?xf32>
  }
  return %r : tensor<?xf32>
}

// -----

// A dynamic size that provably stays the same (the result is computed into
// a tensor.empty of the argument's size) is still materialized.
// CHECK-LABEL: func.func @for_yield_same_dynamic(
// CHECK: scf.for %{{.+}} iter_args(%[[ACC:.+]] = %{{.+}}) -> (tensor<?x3xf32>)
// CHECK: %[[Y:.+]] = linalg.add
// CHECK: %[[M:.+]] = bufferization.materialize_in_destination %[[Y]] in %[[ACC]]
// CHECK: scf.yield %[[M]]
func.func @for_yield_same_dynamic(%x: tensor<?x3xf32>, %n: index) -> tensor<?x3xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> (tensor<?x3xf32>) {
    %d = tensor.dim %acc, %c0 : tensor<?x3xf32>
    %e = tensor.empty(%d) : tensor<?x3xf32>
    %y = linalg.add ins(%acc, %acc : tensor<?x3xf32>, tensor<?x3xf32>) outs(%e : tensor<?x3xf32>) -> tensor<?x3xf32>
    scf.yield %y : tensor<?x3xf32>
  }
  return %r : tensor<?x3xf32>
}

// -----

// A tensor carried unchanged through an inner loop already lives in the
// outer iteration argument's buffer: no copy.
// CHECK-LABEL: func.func @nested_carried(
// CHECK: scf.for %{{.+}} iter_args(%[[OUTER:.+]] = %{{.+}}) -> (tensor<4xf32>)
// CHECK: %[[INNER:.+]] = scf.for %{{.+}} iter_args(%[[IN:.+]] = %[[OUTER]]) -> (tensor<4xf32>)
// CHECK: bufferization.materialize_in_destination %{{.+}} in %[[IN]]
// CHECK: scf.yield
// CHECK-NOT: bufferization.materialize_in_destination
// CHECK: scf.yield %[[INNER]] : tensor<4xf32>
func.func @nested_carried(%x: tensor<4xf32>, %n: index) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%outer = %x) -> (tensor<4xf32>) {
    %in = scf.for %j = %c0 to %n step %c1 iter_args(%acc = %outer) -> (tensor<4xf32>) {
      %e = tensor.empty() : tensor<4xf32>
      %y = linalg.add ins(%acc, %acc : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
      scf.yield %y : tensor<4xf32>
    }
    scf.yield %in : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

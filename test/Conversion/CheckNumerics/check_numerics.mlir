// RUN: nabla-opt %s --nabla-check-numerics | FileCheck %s
// RUN: nabla-opt %s --nabla-check-numerics --convert-nabla-to-runtime | FileCheck %s --check-prefix=LOWER

// A check after every float-valued nabla op: its site names the op and
// whether it is derivative code (a FusedLoc<"derivative">); inside an
// scf.for it carries the iteration number. Integer ops and constants get
// none.

// CHECK-LABEL: func.func @forward
// CHECK-SAME: (%[[X:.+]]: tensor<3xf32>, %[[N:.+]]: tensor<3xi64>)
// CHECK: %[[L:.+]] = nabla.log %[[X]]
// CHECK-NEXT: nabla.check_numerics %[[L]], "{{.*}}error: --check-numerics: NaN or Inf in the value of {{.*}} (nabla.log){{.*}}" inputs(%[[X]] : tensor<3xf32>) : tensor<3xf32>
// CHECK: nabla.add %{{.+}}, %{{.+}} : (tensor<3xi64>, tensor<3xi64>)
// CHECK-NOT: nabla.check_numerics
// CHECK: return
func.func @forward(%x: tensor<3xf32>, %n: tensor<3xi64>) -> (tensor<3xf32>, tensor<3xi64>) {
  %c = nabla.constant dense<1.0> : tensor<3xf32>
  %l = nabla.log %x : tensor<3xf32>
  %m = nabla.add %n, %n : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  return %l, %m : tensor<3xf32>, tensor<3xi64>
}

// CHECK-LABEL: func.func @derivative
// CHECK: %[[D:.+]] = nabla.div
// CHECK-NEXT: nabla.check_numerics %[[D]], "{{.*}}NaN or Inf in the derivative of {{.*}} (nabla.div)"
func.func @derivative(%x: tensor<3xf32>, %g: tensor<3xf32>) -> tensor<3xf32> {
  %d = nabla.div %g, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32> loc(fused<"derivative">["f.nabla":2:18])
  return %d : tensor<3xf32>
}

// CHECK-LABEL: func.func @in_loop
// CHECK: scf.for %[[I:.+]] = %[[LB:.+]] to %{{.+}} step %[[ST:.+]] iter_args
// CHECK: %[[OFF:.+]] = arith.subi %[[I]], %[[LB]] : index
// CHECK: %[[K:.+]] = arith.divui %[[OFF]], %[[ST]] : index
// CHECK: %[[E:.+]] = nabla.exp
// CHECK-NEXT: nabla.check_numerics %[[E]], {{.*}} iterations(%[[K]]) {loops = ["the loop at {{.*}}"]} : tensor<3xf32>
func.func @in_loop(%x: tensor<3xf32>) -> tensor<3xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%a = %x) -> (tensor<3xf32>) {
    %e = nabla.exp %a : tensor<3xf32>
    scf.yield %e : tensor<3xf32>
  }
  return %r : tensor<3xf32>
}

// LOWER-LABEL: func.func @forward
// LOWER: %[[U:.+]] = tensor.cast %{{.+}} : tensor<3xf32> to tensor<*xf32>
// LOWER: %[[COUNT:.+]] = call @nrt_count_nonfinite_f32(%[[U]]) : (tensor<*xf32>) -> i64
// LOWER: %[[BAD:.+]] = arith.cmpi ne, %[[COUNT]], %{{.+}} : i64
// LOWER: scf.if %[[BAD]] {
// LOWER: call @nrt_numerics_begin(
// LOWER: call @nrt_numerics_tensor_f32(
// LOWER: call @nrt_numerics_tensor_f32(
// LOWER: call @nrt_numerics_end() : () -> ()

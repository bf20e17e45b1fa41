// RUN: nabla-opt %s --nabla-cpu-pipeline | FileCheck %s --check-prefix=CPU \
// RUN:   --implicit-check-not=func.func --implicit-check-not=memref. \
// RUN:   --implicit-check-not=linalg. --implicit-check-not=nabla.
// RUN: nabla-opt %s --nabla-ad-phase | FileCheck %s --check-prefix=AD
// RUN: nabla-opt %s --nabla-ad-phase --nabla-linalg-phase | FileCheck %s --check-prefix=LINALG
// RUN: nabla-opt %s --nabla-ad-phase --nabla-linalg-phase --nabla-bufferize-phase | FileCheck %s --check-prefix=BUF
// RUN: nabla-opt %s --nabla-ad-phase --nabla-linalg-phase --nabla-bufferize-phase --nabla-llvm-phase | FileCheck %s --check-prefix=CPU
// RUN: nabla-opt %s --nabla-cpu-pipeline="check-numerics=true" | FileCheck %s --check-prefix=NUMERICS
//
// The registered pipelines: the whole CPU lowering, and each phase on the
// output of the one before (as `nabla emit --stage=` prints it).

module {
  func.func private @sq(%arg0: tensor<2xf32>) -> tensor<f32> {
    %0 = nabla.mul %arg0, %arg0 : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %1 = nabla.reduce_sum %0 {axes = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
    return %1 : tensor<f32>
  }
  func.func @main() {
    %0 = nabla.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
    %1 = call @sq$grad_0(%0) : (tensor<2xf32>) -> tensor<2xf32>
    nabla.print "{}" (%1) : tensor<2xf32>
    return
  }
  func.func private @sq$grad_0(%arg0: tensor<2xf32>) -> tensor<2xf32> {
    %0 = nabla.grad @sq(%arg0) {wrt = array<i64: 0>} : (tensor<2xf32>) -> tensor<2xf32>
    return %0 : tensor<2xf32>
  }
}

// AD-NOT: nabla.grad
// AD: func.func private @sq_vjp(

// LINALG-LABEL: func.func @main()
// LINALG: call @nrt_args_validate()
// LINALG: call @nrt_print_tensor_f32(
// LINALG: linalg.generic

// BUF: memref.alloc
// BUF-NOT: tensor<

// CPU: llvm.func @main()
// CPU: llvm.call @nrt_print_tensor_f32(

// NUMERICS: llvm.call @_mlir_ciface_nrt_count_nonfinite_f32(

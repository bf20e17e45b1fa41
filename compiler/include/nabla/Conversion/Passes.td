//===- Passes.td - Nabla conversion passes -----------------*- tablegen -*-===//
//
// Lowering of the nabla dialect to upstream dialects and runtime calls.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_CONVERSION_PASSES
#define NABLA_CONVERSION_PASSES

include "mlir/Pass/PassBase.td"

def ConvertNablaToLinalg : Pass<"convert-nabla-to-linalg", "ModuleOp"> {
  let summary = "lower nabla compute ops to linalg, tensor, arith and math";
  let description = [{
    Elementwise ops (with broadcasting) become `linalg.generic`s, reductions
    become reducing `linalg.generic`s, shape ops become `tensor` ops, random
    ops become inline Philox-4x32-10 arithmetic. Run after
    `convert-nabla-to-runtime` (which takes I/O and float matrix products).

    Before:
    ```mlir
    %r = nabla.add %a, %b : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
    ```
    After:
    ```mlir
    %e = tensor.empty() : tensor<4x3xf32>
    %r = linalg.generic {indexing_maps = [(d0, d1) -> (d0, d1), (d0, d1) -> (d1),
                                          (d0, d1) -> (d0, d1)], ...}
        ins(%a, %b : ...) outs(%e : ...) { arith.addf ... }
    ```
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect", "::mlir::cf::ControlFlowDialect"
  ];
}

def ConvertNablaToRuntime : Pass<"convert-nabla-to-runtime", "ModuleOp"> {
  let summary = "lower nabla I/O ops and float matrix products to runtime calls";
  let description = [{
    `nabla.print`, `nabla.save`, `nabla.load` and `nabla.runtime_call` become
    `func.call`s of `nrt_*` functions declared with `llvm.emit_c_interface`
    (tensors passed as memref descriptors after bufferization; strings as
    `tensor<Nxi8>` constants). Float `nabla.matmul` becomes a call of the
    runtime's BLAS-backed GEMM. A `cf.assert` (a run-time check) becomes a
    call of `nrt_fail` under `scf.if`, so its message reaches stderr.

    Before:
    ```mlir
    nabla.print "loss {}" %l : tensor<f32>
    ```
    After:
    ```mlir
    %s = arith.constant dense<[108, 111, 115, 115, 32]> : tensor<5xi8>
    call @nrt_print_text(%s') : (tensor<?xi8>) -> ()
    call @nrt_print_tensor_f32(%u) : (tensor<*xf32>) -> ()
    call @nrt_print_newline() : () -> ()
    ```
  }];
  let dependentDialects = [
    "::mlir::func::FuncDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect", "::mlir::scf::SCFDialect"
  ];
}

def CheckNumerics : Pass<"nabla-check-numerics", "ModuleOp"> {
  let summary = "stop the program at the first NaN or Inf a float op computes";
  let description = [{
    For `--check-numerics`: after every nabla op with a float tensor result
    (forward code and derivative code alike), a `nabla.check_numerics` of
    that result. Its site names the expression the op came from (for ops of
    derivative code, which the autodiff pass marks with a `derivative`
    location: "the derivative of `sqrt(w * w)`"), the op, the source
    location and the source line; its inputs are the op's tensor operands,
    and inside `scf.for` loops of forward code it carries the iteration
    numbers. Run after the autodiff phase, before lowering.

    Before:
    ```mlir
    %r = nabla.log %x : (tensor<3xf32>) -> tensor<3xf32>
    ```
    After:
    ```mlir
    %r = nabla.log %x : (tensor<3xf32>) -> tensor<3xf32>
    nabla.check_numerics %r, "f.nabla:2:13: error: ..." inputs(%x : tensor<3xf32>)
        : tensor<3xf32>
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def DeclareProgramOptions : Pass<"nabla-declare-program-options", "ModuleOp"> {
  let summary = "declare the program's options to the runtime before main runs";
  let description = [{
    Collects every call of `args.int`, `args.float`, `args.flag` and
    `args.choice` (`nabla.runtime_call`s of `nrt_args_*`) in the module, and
    starts the entry function with one `nrt_args_declare_*` call per
    distinct option (name, kind, default, choices; sorted by name) and a
    call of `nrt_args_validate`, which rejects unknown options and malformed
    values and answers `--help` before anything else runs. A default that is
    not a constant (or a negated constant) is declared as computed by the
    program. If some query's name is not a constant string (a call of a
    runtime query such as `nrt_arg_i64`), nothing is declared and the
    program keeps the check after it has run. Run after the autodiff phase
    (whose `symbol-dce` leaves only the functions that may run) and before
    `convert-nabla-to-runtime`.

    Before:
    ```mlir
    func.func @main() {
      %c = nabla.constant dense<5> : tensor<i64>
      %e = nabla.runtime_call @nrt_args_int(%c) {string_args = ["epochs"]}
          : (tensor<i64>) -> tensor<i64>
    ```
    After:
    ```mlir
    func.func @main() {
      %d = nabla.constant dense<5> : tensor<i64>
      nabla.runtime_call @nrt_args_declare_int(%d) {string_args = ["epochs"]}
          : (tensor<i64>) -> ()
      nabla.runtime_call @nrt_args_validate() : () -> ()
      ...
    ```
  }];
  let options = [
    Option<"entry", "entry", "std::string", /*default=*/"\"main\"",
           "the name of the program's entry function">
  ];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::nabla::NablaDialect"];
}

def MergeDeallocations : Pass<"nabla-merge-deallocations"> {
  let summary = "merge the deallocs of a block that retain the same values";
  let description = [{
    Ownership-based deallocation gives every buffer its own
    `bufferization.dealloc` retaining every value the block passes on; each
    lowers to one comparison per retained value. This pass merges the
    deallocs of a block with the same retain list and unused results into
    one at the position of the last, which lowers to one call of the
    dealloc helper instead of code quadratic in the carried state. Run
    after `buffer-deallocation-simplification`, before
    `bufferization-lower-deallocations`.
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

def PrepareBufferization : Pass<"nabla-prepare-bufferization", "ModuleOp"> {
  let summary = "shape tensor IR so One-Shot Bufferize keeps one buffer per value";
  let description = [{
    One-Shot Bufferize needs the tensor yielded by `scf.for`/`scf.while` to
    bufferize to the buffer of its iteration argument, and callers assume
    that the buffers a function returns do not alias each other. This pass
    wraps every yielded tensor in `bufferization.materialize_in_destination`
    into its iteration argument (free when already computed in place), and
    copies return operands that repeat. Run right before bufferization.

    Before:
    ```mlir
    %r = scf.for %i = %lo to %hi step %c1 iter_args(%s = %init) -> (tensor<f32>) {
      %n = ... : tensor<f32>
      scf.yield %n : tensor<f32>
    }
    return %z, %z : tensor<3xf32>, tensor<3xf32>
    ```
    After:
    ```mlir
      %m = bufferization.materialize_in_destination %n in %s
          : (tensor<f32>, tensor<f32>) -> tensor<f32>
      scf.yield %m : tensor<f32>
    ...
    %c = bufferization.alloc_tensor() copy(%z) : tensor<3xf32>
    return %z, %c : tensor<3xf32>, tensor<3xf32>
    ```
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // NABLA_CONVERSION_PASSES

// RUN: nabla-opt %s --nabla-declare-program-options --split-input-file | FileCheck %s
// RUN: nabla-opt %s --pass-pipeline='builtin.module(nabla-declare-program-options{entry=nabla_main})' --split-input-file | FileCheck %s --check-prefix=ENTRY

// Every option the program reads, in any function (here a specialisation
// of a generic function and a stdlib function), is declared once at the
// start of `main`, sorted by name, before anything else; then the
// arguments are validated. Constant and negated-constant defaults are
// declared as such; a default computed by the program is declared as
// computed.

// CHECK-DAG: func.func private @nrt_args_declare_int(tensor<i64>)
// CHECK-DAG: func.func private @nrt_args_declare_float(tensor<f64>)
// CHECK-DAG: func.func private @nrt_args_declare_flag()
// CHECK-DAG: func.func private @nrt_args_declare_choice()
// CHECK-DAG: func.func private @nrt_args_declare_computed()
// CHECK-DAG: func.func private @nrt_args_validate()
// CHECK-LABEL: func.func @main()
// CHECK-NEXT: nabla.runtime_call @nrt_args_declare_computed() {string_args = ["batch", "int"]} : () -> ()
// CHECK-NEXT: %[[E:.+]] = nabla.constant dense<5> : tensor<i64>
// CHECK-NEXT: nabla.runtime_call @nrt_args_declare_int(%[[E]]) {string_args = ["epochs"]} : (tensor<i64>) -> ()
// CHECK-NEXT: %[[LR:.+]] = nabla.constant dense<1.000000e-03> : tensor<f64>
// CHECK-NEXT: nabla.runtime_call @nrt_args_declare_float(%[[LR]]) {string_args = ["lr"]} : (tensor<f64>) -> ()
// CHECK-NEXT: nabla.runtime_call @nrt_args_declare_computed() {string_args = ["momentum", "float"]} : () -> ()
// CHECK-NEXT: nabla.runtime_call @nrt_args_declare_choice() {string_args = ["optimizer", "sgd,adam", "adam"]} : () -> ()
// CHECK-NEXT: nabla.runtime_call @nrt_args_declare_flag() {string_args = ["resume"]} : () -> ()
// CHECK-NEXT: %[[S:.+]] = nabla.constant dense<-3> : tensor<i64>
// CHECK-NEXT: nabla.runtime_call @nrt_args_declare_int(%[[S]]) {string_args = ["shift"]} : (tensor<i64>) -> ()
// CHECK-NEXT: nabla.runtime_call @nrt_args_validate() : () -> ()
// CHECK-NEXT: nabla.constant dense<5> : tensor<i64>
// CHECK-NOT: nrt_args_declare
// CHECK-NOT: nrt_args_validate
// CHECK: func.func private @data.batch(
module {
  func.func private @nrt_args_int(tensor<i64>) -> tensor<i64>
  func.func private @nrt_args_float(tensor<f64>) -> tensor<f64>
  func.func private @nrt_args_flag() -> tensor<i1>
  func.func private @nrt_args_choice() -> tensor<i64>
  func.func @main() {
    %c5 = nabla.constant dense<5> : tensor<i64>
    %e = nabla.runtime_call @nrt_args_int(%c5) {string_args = ["epochs"]} : (tensor<i64>) -> tensor<i64>
    %lr0 = nabla.constant dense<1.0e-3> : tensor<f64>
    %lr = nabla.runtime_call @nrt_args_float(%lr0) {string_args = ["lr"]} : (tensor<f64>) -> tensor<f64>
    %o = nabla.runtime_call @nrt_args_choice() {string_args = ["optimizer", "sgd,adam", "adam"]} : () -> tensor<i64>
    %c3 = nabla.constant dense<3> : tensor<i64>
    %m3 = nabla.neg %c3 : tensor<i64>
    %s = nabla.runtime_call @nrt_args_int(%m3) {string_args = ["shift"]} : (tensor<i64>) -> tensor<i64>
    %t = call @"train$adam"(%e, %lr) : (tensor<i64>, tensor<f64>) -> tensor<i64>
    %b = call @"data.batch"(%e) : (tensor<i64>) -> tensor<i64>
    return
  }
  func.func private @"train$adam"(%e: tensor<i64>, %lr: tensor<f64>) -> tensor<i64> {
    // The same option in a second place is declared once.
    %c5 = nabla.constant dense<5> : tensor<i64>
    %e2 = nabla.runtime_call @nrt_args_int(%c5) {string_args = ["epochs"]} : (tensor<i64>) -> tensor<i64>
    %r = nabla.runtime_call @nrt_args_flag() {string_args = ["resume"]} : () -> tensor<i1>
    %m = nabla.runtime_call @nrt_args_float(%lr) {string_args = ["momentum"]} : (tensor<f64>) -> tensor<f64>
    return %e2 : tensor<i64>
  }
  func.func private @"data.batch"(%n: tensor<i64>) -> tensor<i64> {
    %b = nabla.runtime_call @nrt_args_int(%n) {string_args = ["batch"]} : (tensor<i64>) -> tensor<i64>
    return %b : tensor<i64>
  }
}

// -----

// A program that reads no options still rejects every option (and answers
// --help) before it runs.
// CHECK-LABEL: func.func @main()
// CHECK-NEXT: nabla.runtime_call @nrt_args_validate() : () -> ()
// CHECK-NEXT: nabla.print "hello" ()
module {
  func.func @main() {
    nabla.print "hello" ()
    return
  }
}

// -----

// A query whose name is not a constant (the runtime's own nrt_arg_i64,
// called with the name as an operand) cannot be declared: nothing is
// inserted, and the program keeps the check after it has run.
// CHECK-LABEL: func.func @main(
// CHECK-NOT: nrt_args_declare
// CHECK-NOT: nrt_args_validate
// CHECK: call @nrt_arg_i64
module {
  func.func private @nrt_args_flag() -> tensor<i1>
  func.func private @nrt_arg_i64(memref<?xi8>, i64) -> i64
  func.func @main(%name: memref<?xi8>) {
    %f = nabla.runtime_call @nrt_args_flag() {string_args = ["verbose"]} : () -> tensor<i1>
    %c = arith.constant 1 : i64
    %v = call @nrt_arg_i64(%name, %c) : (memref<?xi8>, i64) -> i64
    return
  }
}

// -----

// The entry point is `main` unless the option names another; the pass
// leaves a module without it alone, and runs only once.
// CHECK-LABEL: func.func @nabla_main()
// CHECK-NEXT: nabla.print "body" ()
// ENTRY-LABEL: func.func @nabla_main()
// ENTRY-NEXT: nabla.runtime_call @nrt_args_validate() : () -> ()
// ENTRY-NEXT: nabla.print "body" ()
module {
  func.func @nabla_main() {
    nabla.print "body" ()
    return
  }
}

// -----

// CHECK-LABEL: func.func @main()
// CHECK-NEXT: nabla.runtime_call @nrt_args_validate() : () -> ()
// CHECK-NEXT: nabla.print "once" ()
module {
  func.func private @nrt_args_validate()
  func.func @main() {
    nabla.runtime_call @nrt_args_validate() : () -> ()
    nabla.print "once" ()
    return
  }
}

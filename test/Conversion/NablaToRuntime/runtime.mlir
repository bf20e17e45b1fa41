// RUN: nabla-opt %s --convert-nabla-to-runtime --split-input-file | FileCheck %s

// I/O ops and 2-D float matrix products become calls of `nrt_*` functions,
// declared once per module with a C interface. Tensor arguments are marked
// read-only for bufferization; strings are `tensor<?xi8>` constants.

// print splits its format at each '{}': text pieces go to nrt_print_text,
// tensors to nrt_print_tensor_<type> as unranked tensors, then a newline.
// '{{' and '}}' print single braces.
// CHECK-DAG: func.func private @nrt_print_newline() attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @nrt_print_tensor_i1(tensor<*xi1> {bufferization.access = "read"}) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @nrt_print_tensor_f32(tensor<*xf32> {bufferization.access = "read"}) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @nrt_print_tensor_i64(tensor<*xi64> {bufferization.access = "read"}) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @nrt_print_text(tensor<?xi8> {bufferization.access = "read"}) attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @print_tensors(
// CHECK-SAME: %[[S:[a-z0-9]+]]: tensor<i64>, %[[L:[a-z0-9]+]]: tensor<2x3xf32>, %[[B:[a-z0-9]+]]: tensor<4xi1>
// "step "
// CHECK: %[[T0:.+]] = arith.constant dense<[115, 116, 101, 112, 32]> : tensor<5xi8>
// CHECK: %[[T0C:.+]] = tensor.cast %[[T0]] : tensor<5xi8> to tensor<?xi8>
// CHECK: call @nrt_print_text(%[[T0C]]) : (tensor<?xi8>) -> ()
// CHECK: %[[SU:.+]] = tensor.cast %[[S]] : tensor<i64> to tensor<*xi64>
// CHECK: call @nrt_print_tensor_i64(%[[SU]]) : (tensor<*xi64>) -> ()
// " loss "
// CHECK: arith.constant dense<[32, 108, 111, 115, 115, 32]> : tensor<6xi8>
// CHECK: call @nrt_print_text(
// CHECK: %[[LU:.+]] = tensor.cast %[[L]] : tensor<2x3xf32> to tensor<*xf32>
// CHECK: call @nrt_print_tensor_f32(%[[LU]])
// " {ok} "
// CHECK: arith.constant dense<[32, 123, 111, 107, 125, 32]> : tensor<6xi8>
// CHECK: call @nrt_print_text(
// CHECK: %[[BU:.+]] = tensor.cast %[[B]] : tensor<4xi1> to tensor<*xi1>
// CHECK: call @nrt_print_tensor_i1(%[[BU]])
// CHECK-NEXT: call @nrt_print_newline() : () -> ()
// CHECK-NOT: nabla.print
func.func @print_tensors(%s: tensor<i64>, %l: tensor<2x3xf32>, %b: tensor<4xi1>) {
  nabla.print "step {} loss {} {{ok}} {}" (%s, %l, %b) : tensor<i64>, tensor<2x3xf32>, tensor<4xi1>
  return
}

// -----

// Two prints share one declaration of each runtime function.
// CHECK-COUNT-1: func.func private @nrt_print_newline()
// CHECK-COUNT-1: func.func private @nrt_print_text(
// CHECK-NOT: func.func private
// CHECK-LABEL: func.func @print_text_twice(
// CHECK: arith.constant dense<[104, 105]> : tensor<2xi8>
// CHECK: call @nrt_print_text(
// CHECK: call @nrt_print_newline()
// CHECK: call @nrt_print_text(
// CHECK: call @nrt_print_newline()
func.func @print_text_twice() {
  nabla.print "hi" ()
  nabla.print "hi" ()
  return
}

// -----

// save opens a checkpoint, adds each tensor under its name, and commits.
// CHECK-DAG: func.func private @nrt_ckpt_commit(i64) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @nrt_ckpt_add_f64(i64, tensor<?xi8> {bufferization.access = "read"}, tensor<*xf64> {bufferization.access = "read"})
// CHECK-DAG: func.func private @nrt_ckpt_add_f32(i64, tensor<?xi8> {bufferization.access = "read"}, tensor<*xf32> {bufferization.access = "read"})
// CHECK-DAG: func.func private @nrt_ckpt_open_write(tensor<?xi8> {bufferization.access = "read"}) -> i64
// CHECK-LABEL: func.func @save(
// CHECK-SAME: %[[W:[a-z0-9]+]]: tensor<784x10xf32>, %[[B:[a-z0-9]+]]: tensor<10xf64>
// "model.safetensors"
// CHECK: %[[PATH:.+]] = arith.constant dense<[109, 111, 100, 101, 108, 46, 115, 97, 102, 101, 116, 101, 110, 115, 111, 114, 115]> : tensor<17xi8>
// CHECK: %[[PATHC:.+]] = tensor.cast %[[PATH]] : tensor<17xi8> to tensor<?xi8>
// CHECK: %[[H:.+]] = call @nrt_ckpt_open_write(%[[PATHC]]) : (tensor<?xi8>) -> i64
// CHECK: %[[WU:.+]] = tensor.cast %[[W]] : tensor<784x10xf32> to tensor<*xf32>
// "w"
// CHECK: %[[WN:.+]] = arith.constant dense<119> : tensor<1xi8>
// CHECK: %[[WNC:.+]] = tensor.cast %[[WN]]
// CHECK: call @nrt_ckpt_add_f32(%[[H]], %[[WNC]], %[[WU]]) : (i64, tensor<?xi8>, tensor<*xf32>) -> ()
// CHECK: %[[BU:.+]] = tensor.cast %[[B]] : tensor<10xf64> to tensor<*xf64>
// "b"
// CHECK: arith.constant dense<98> : tensor<1xi8>
// CHECK: call @nrt_ckpt_add_f64(%[[H]], %{{.+}}, %[[BU]])
// CHECK: call @nrt_ckpt_commit(%[[H]]) : (i64) -> ()
// CHECK-NOT: nabla.save
func.func @save(%w: tensor<784x10xf32>, %b: tensor<10xf64>) {
  nabla.save "model.safetensors" ["w", "b"] %w, %b : tensor<784x10xf32>, tensor<10xf64>
  return
}

// -----

// load reads each tensor with nrt_ckpt_read_<type>_<rank>, passing the
// expected shape (-1 where only known at run time), and casts it back.
// CHECK-DAG: func.func private @nrt_ckpt_close(i64)
// CHECK-DAG: func.func private @nrt_ckpt_read_i32_1(i64, tensor<?xi8> {bufferization.access = "read"}, tensor<?xi64> {bufferization.access = "read"}) -> tensor<?xi32>
// CHECK-DAG: func.func private @nrt_ckpt_read_f32_2(i64, tensor<?xi8> {bufferization.access = "read"}, tensor<?xi64> {bufferization.access = "read"}) -> tensor<?x?xf32>
// CHECK-DAG: func.func private @nrt_ckpt_open_read(tensor<?xi8> {bufferization.access = "read"}) -> i64
// CHECK-LABEL: func.func @load(
// CHECK: %[[H:.+]] = call @nrt_ckpt_open_read(%{{.+}}) : (tensor<?xi8>) -> i64
// CHECK: %[[SHAPE:.+]] = arith.constant dense<[784, 10]> : tensor<2xi64>
// CHECK: %[[SHAPEC:.+]] = tensor.cast %[[SHAPE]] : tensor<2xi64> to tensor<?xi64>
// CHECK: %[[WD:.+]] = nabla.runtime_call @nrt_ckpt_read_f32_2(%[[H]], %{{.+}}, %[[SHAPEC]]) : (i64, tensor<?xi8>, tensor<?xi64>) -> tensor<?x?xf32>
// CHECK: %[[W:.+]] = tensor.cast %[[WD]] : tensor<?x?xf32> to tensor<784x10xf32>
// CHECK: arith.constant dense<-1> : tensor<1xi64>
// CHECK: %[[BD:.+]] = nabla.runtime_call @nrt_ckpt_read_i32_1(%[[H]], %{{.+}}, %{{.+}})
// CHECK: %[[B:.+]] = tensor.cast %[[BD]] : tensor<?xi32> to tensor<?xi32>
// CHECK: call @nrt_ckpt_close(%[[H]]) : (i64) -> ()
// CHECK: return %[[W]], %[[B]]
func.func @load() -> (tensor<784x10xf32>, tensor<?xi32>) {
  %w, %b = nabla.load "model.safetensors" ["w", "b"] : tensor<784x10xf32>, tensor<?xi32>
  return %w, %b : tensor<784x10xf32>, tensor<?xi32>
}

// -----

// String arguments become leading tensor<?xi8> parameters of the callee,
// which gets a C interface.
// CHECK: func.func private @nrt_read_csv(tensor<?xi8> {bufferization.access = "read"}, tensor<i64> {bufferization.access = "read"}) -> tensor<?x3xf32> attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @runtime_call(
// CHECK-SAME: %[[N:[a-z0-9]+]]: tensor<i64>
// "data.csv"
// CHECK: %[[S:.+]] = arith.constant dense<[100, 97, 116, 97, 46, 99, 115, 118]> : tensor<8xi8>
// CHECK: %[[SC:.+]] = tensor.cast %[[S]] : tensor<8xi8> to tensor<?xi8>
// CHECK: %[[T:.+]] = nabla.runtime_call @nrt_read_csv(%[[SC]], %[[N]]) : (tensor<?xi8>, tensor<i64>) -> tensor<?x3xf32>
// CHECK-NOT: nabla.runtime_call
// CHECK: return %[[T]]
func.func private @nrt_read_csv(tensor<i64>) -> tensor<?x3xf32>
func.func @runtime_call(%n: tensor<i64>) -> tensor<?x3xf32> {
  %t = nabla.runtime_call @nrt_read_csv(%n) {string_args = ["data.csv"]} : (tensor<i64>) -> tensor<?x3xf32>
  return %t : tensor<?x3xf32>
}

// -----

// The runtime GEMM takes two flags that say whether to read each operand
// transposed; a plain product passes 0, 0.
// CHECK: func.func private @nrt_matmul_f32(tensor<?x?xf32> {bufferization.access = "read"}, tensor<?x?xf32> {bufferization.access = "read"}, i64, i64) -> tensor<?x?xf32> attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @matmul_f32(
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<4x3xf32>, %[[B:[a-z0-9]+]]: tensor<3x5xf32>
// CHECK-DAG: %[[TA:.+]] = arith.constant 0 : i64
// CHECK-DAG: %[[TB:.+]] = arith.constant 0 : i64
// CHECK-DAG: %[[AD:.+]] = tensor.cast %[[A]] : tensor<4x3xf32> to tensor<?x?xf32>
// CHECK-DAG: %[[BD:.+]] = tensor.cast %[[B]] : tensor<3x5xf32> to tensor<?x?xf32>
// CHECK: %[[CD:.+]] = nabla.runtime_call @nrt_matmul_f32(%[[AD]], %[[BD]], %[[TA]], %[[TB]]) : (tensor<?x?xf32>, tensor<?x?xf32>, i64, i64) -> tensor<?x?xf32>
// CHECK: %[[C:.+]] = tensor.cast %[[CD]] : tensor<?x?xf32> to tensor<4x5xf32>
// CHECK: return %[[C]]
func.func @matmul_f32(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>) -> tensor<4x5xf32> {
  %c = nabla.matmul %a, %b : (tensor<4x3xf32>, tensor<3x5xf32>) -> tensor<4x5xf32>
  return %c : tensor<4x5xf32>
}

// -----

// A 2-D transpose feeding the product is not materialised: GEMM reads the
// untransposed operand with its flag set.
// CHECK: func.func private @nrt_matmul_f64(tensor<?x?xf64> {bufferization.access = "read"}, tensor<?x?xf64> {bufferization.access = "read"}, i64, i64) -> tensor<?x?xf64>
// CHECK-LABEL: func.func @matmul_transposed(
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<3x4xf64>, %[[B:[a-z0-9]+]]: tensor<5x3xf64>
// CHECK-DAG: %[[TA:.+]] = arith.constant 1 : i64
// CHECK-DAG: %[[TB:.+]] = arith.constant 1 : i64
// CHECK-DAG: %[[AD:.+]] = tensor.cast %[[A]] : tensor<3x4xf64> to tensor<?x?xf64>
// CHECK-DAG: %[[BD:.+]] = tensor.cast %[[B]] : tensor<5x3xf64> to tensor<?x?xf64>
// CHECK: nabla.runtime_call @nrt_matmul_f64(%[[AD]], %[[BD]], %[[TA]], %[[TB]]) : (tensor<?x?xf64>, tensor<?x?xf64>, i64, i64) -> tensor<?x?xf64>
// CHECK: tensor.cast %{{.+}} : tensor<?x?xf64> to tensor<4x5xf64>
func.func @matmul_transposed(%a: tensor<3x4xf64>, %b: tensor<5x3xf64>) -> tensor<4x5xf64> {
  %at = nabla.transpose %a {permutation = array<i64: 1, 0>} : (tensor<3x4xf64>) -> tensor<4x3xf64>
  %bt = nabla.transpose %b {permutation = array<i64: 1, 0>} : (tensor<5x3xf64>) -> tensor<3x5xf64>
  %c = nabla.matmul %at, %bt : (tensor<4x3xf64>, tensor<3x5xf64>) -> tensor<4x5xf64>
  return %c : tensor<4x5xf64>
}

// -----

// A run-time size on either side is fine: only the call's types are fixed.
// CHECK: func.func private @nrt_matmul_f64(tensor<?x?xf64>
// CHECK-LABEL: func.func @matmul_f64_dynamic(
// CHECK: %[[R:.+]] = nabla.runtime_call @nrt_matmul_f64(
// CHECK: tensor.cast %[[R]] : tensor<?x?xf64> to tensor<?x5xf64>
func.func @matmul_f64_dynamic(%a: tensor<?x3xf64>, %b: tensor<3x5xf64>) -> tensor<?x5xf64> {
  %c = nabla.matmul %a, %b : (tensor<?x3xf64>, tensor<3x5xf64>) -> tensor<?x5xf64>
  return %c : tensor<?x5xf64>
}

// -----

// Integer and batched products stay for convert-nabla-to-linalg.
// CHECK-NOT: nrt_matmul
// CHECK-LABEL: func.func @matmul_kept(
// CHECK: nabla.matmul %{{.+}}, %{{.+}} : (tensor<4x3xi64>, tensor<3x5xi64>) -> tensor<4x5xi64>
// CHECK: nabla.matmul %{{.+}}, %{{.+}} : (tensor<2x4x3xf32>, tensor<2x3x5xf32>) -> tensor<2x4x5xf32>
// CHECK-NOT: call
func.func @matmul_kept(%a: tensor<4x3xi64>, %b: tensor<3x5xi64>, %c: tensor<2x4x3xf32>, %d: tensor<2x3x5xf32>) -> (tensor<4x5xi64>, tensor<2x4x5xf32>) {
  %x = nabla.matmul %a, %b : (tensor<4x3xi64>, tensor<3x5xi64>) -> tensor<4x5xi64>
  %y = nabla.matmul %c, %d : (tensor<2x4x3xf32>, tensor<2x3x5xf32>) -> tensor<2x4x5xf32>
  return %x, %y : tensor<4x5xi64>, tensor<2x4x5xf32>
}

// -----

// A run-time check reports through nrt_fail (message on stderr, exit 1)
// instead of cf.assert's puts + abort, which loses the message when stdout
// is not a terminal.
// CHECK: func.func private @nrt_fail(tensor<?xi8> {bufferization.access = "read"}) attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @size_check(
// CHECK-SAME: %[[A:[a-z0-9]+]]: index, %[[B:[a-z0-9]+]]: index
// CHECK: %[[EQ:.+]] = arith.cmpi eq, %[[A]], %[[B]] : index
// CHECK: %[[TRUE:.+]] = arith.constant true
// CHECK: %[[NE:.+]] = arith.xori %[[EQ]], %[[TRUE]] : i1
// CHECK: scf.if %[[NE]] {
// "'f': B (at 'w')"
// CHECK-NEXT: %[[MSG:.+]] = arith.constant dense<[39, 102, 39, 58, 32, 66, 32, 40, 97, 116, 32, 39, 119, 39, 41]> : tensor<15xi8>
// CHECK-NEXT: %[[MSGC:.+]] = tensor.cast %[[MSG]] : tensor<15xi8> to tensor<?xi8>
// CHECK-NEXT: func.call @nrt_fail(%[[MSGC]]) : (tensor<?xi8>) -> ()
// CHECK-NEXT: }
// CHECK-NOT: cf.assert
// CHECK: return
func.func @size_check(%a: index, %b: index) {
  %eq = arith.cmpi eq, %a, %b : index
  cf.assert %eq, "'f': B (at 'w')"
  return
}

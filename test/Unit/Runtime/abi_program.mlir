// The runtime's C interface as MLIR's own lowering calls it: this module is
// lowered with mlir-opt, translated, compiled and linked with libnrt_main.a
// and libnrt.a by AbiTest.cpp. It exercises multi-result returns
// (nrt_data_fashion_mnist), memref results (nrt_arg_str, nrt_ckpt_read_*,
// nrt_read_npy_*), unranked arguments, strings, scalars, i64 handles, and
// memref.copy of strided views (which calls memrefCopy).

module {
  memref.global "private" constant @str_data : memref<4xi8> = dense<[100, 97, 116, 97]>
  memref.global "private" constant @str_nodir : memref<12xi8> = dense<[47, 110, 111, 110, 101, 120, 105, 115, 116, 101, 110, 116]>
  memref.global "private" constant @str_labels : memref<14xi8> = dense<[116, 114, 97, 105, 110, 32, 108, 97, 98, 101, 108, 115, 58, 32]>
  memref.global "private" constant @str_pixels : memref<8xi8> = dense<[112, 105, 120, 101, 108, 115, 58, 32]>
  memref.global "private" constant @str_transposed : memref<12xi8> = dense<[116, 114, 97, 110, 115, 112, 111, 115, 101, 100, 58, 32]>
  memref.global "private" constant @str_uniform : memref<9xi8> = dense<[117, 110, 105, 102, 111, 114, 109, 58, 32]>
  memref.global "private" constant @str_out : memref<3xi8> = dense<[111, 117, 116]>
  memref.global "private" constant @str_w : memref<1xi8> = dense<[119]>
  memref.global "private" constant @str_npy : memref<3xi8> = dense<[110, 112, 121]>
  memref.global "private" constant @str_ckpt : memref<12xi8> = dense<[99, 104, 101, 99, 107, 112, 111, 105, 110, 116, 58, 32]>
  memref.global "private" constant @str_npyout : memref<5xi8> = dense<[110, 112, 121, 58, 32]>
  memref.global "private" constant @str_epochs : memref<6xi8> = dense<[101, 112, 111, 99, 104, 115]>
  memref.global "private" constant @str_epochsmsg : memref<8xi8> = dense<[101, 112, 111, 99, 104, 115, 58, 32]>
  memref.global "private" constant @str_normal : memref<8xi8> = dense<[110, 111, 114, 109, 97, 108, 58, 32]>

  func.func private @nrt_arg_declare(memref<?xi8>) attributes {llvm.emit_c_interface}
  func.func private @nrt_arg_i64(memref<?xi8>, i64) -> i64 attributes {llvm.emit_c_interface}
  func.func private @nrt_arg_str(memref<?xi8>, memref<?xi8>) -> memref<?xi8> attributes {llvm.emit_c_interface}
  func.func private @nrt_data_fashion_mnist(memref<?xi8>) -> (memref<?x784xf32>, memref<?xi32>, memref<?x784xf32>, memref<?xi32>) attributes {llvm.emit_c_interface}
  func.func private @nrt_print_text(memref<?xi8>) attributes {llvm.emit_c_interface}
  func.func private @nrt_print_newline() attributes {llvm.emit_c_interface}
  func.func private @nrt_print_tensor_f32(memref<*xf32>) attributes {llvm.emit_c_interface}
  func.func private @nrt_print_tensor_i32(memref<*xi32>) attributes {llvm.emit_c_interface}
  func.func private @nrt_print_i64(i64) attributes {llvm.emit_c_interface}
  func.func private @nrt_print_f32(f32) attributes {llvm.emit_c_interface}
  func.func private @nrt_rng_fold_in(i64, i64) -> i64 attributes {llvm.emit_c_interface}
  func.func private @nrt_philox_uniform_f32(i64, i64) -> f32 attributes {llvm.emit_c_interface}
  func.func private @nrt_random_normal_f32(i64, memref<*xf32>) attributes {llvm.emit_c_interface}
  func.func private @nrt_ckpt_open_write(memref<?xi8>) -> i64 attributes {llvm.emit_c_interface}
  func.func private @nrt_ckpt_add_f32(i64, memref<?xi8>, memref<*xf32>) attributes {llvm.emit_c_interface}
  func.func private @nrt_ckpt_commit(i64) attributes {llvm.emit_c_interface}
  func.func private @nrt_ckpt_open_read(memref<?xi8>) -> i64 attributes {llvm.emit_c_interface}
  func.func private @nrt_ckpt_read_f32_2(i64, memref<?xi8>, memref<?xi64>) -> memref<?x?xf32> attributes {llvm.emit_c_interface}
  func.func private @nrt_ckpt_close(i64) attributes {llvm.emit_c_interface}
  func.func private @nrt_write_npy_f32(memref<?xi8>, memref<*xf32>) attributes {llvm.emit_c_interface}
  func.func private @nrt_read_npy_f32_2d(memref<?xi8>) -> memref<?x?xf32> attributes {llvm.emit_c_interface}

  func.func @nabla_main() {
    %g_data = memref.get_global @str_data : memref<4xi8>
    %s_data = memref.cast %g_data : memref<4xi8> to memref<?xi8>
    %g_nodir = memref.get_global @str_nodir : memref<12xi8>
    %s_nodir = memref.cast %g_nodir : memref<12xi8> to memref<?xi8>
    %g_labels = memref.get_global @str_labels : memref<14xi8>
    %s_labels = memref.cast %g_labels : memref<14xi8> to memref<?xi8>
    %g_pixels = memref.get_global @str_pixels : memref<8xi8>
    %s_pixels = memref.cast %g_pixels : memref<8xi8> to memref<?xi8>
    %g_transposed = memref.get_global @str_transposed : memref<12xi8>
    %s_transposed = memref.cast %g_transposed : memref<12xi8> to memref<?xi8>
    %g_uniform = memref.get_global @str_uniform : memref<9xi8>
    %s_uniform = memref.cast %g_uniform : memref<9xi8> to memref<?xi8>
    %g_normal = memref.get_global @str_normal : memref<8xi8>
    %s_normal = memref.cast %g_normal : memref<8xi8> to memref<?xi8>
    %g_out = memref.get_global @str_out : memref<3xi8>
    %s_out = memref.cast %g_out : memref<3xi8> to memref<?xi8>
    %g_w = memref.get_global @str_w : memref<1xi8>
    %s_w = memref.cast %g_w : memref<1xi8> to memref<?xi8>
    %g_npy = memref.get_global @str_npy : memref<3xi8>
    %s_npy = memref.cast %g_npy : memref<3xi8> to memref<?xi8>
    %g_ckpt = memref.get_global @str_ckpt : memref<12xi8>
    %s_ckpt = memref.cast %g_ckpt : memref<12xi8> to memref<?xi8>
    %g_npyout = memref.get_global @str_npyout : memref<5xi8>
    %s_npyout = memref.cast %g_npyout : memref<5xi8> to memref<?xi8>
    %g_epochs = memref.get_global @str_epochs : memref<6xi8>
    %s_epochs = memref.cast %g_epochs : memref<6xi8> to memref<?xi8>
    %g_epochsmsg = memref.get_global @str_epochsmsg : memref<8xi8>
    %s_epochsmsg = memref.cast %g_epochsmsg : memref<8xi8> to memref<?xi8>
    %c0_i64 = arith.constant 0 : i64
    %c7_i64 = arith.constant 7 : i64
    %c10_i64 = arith.constant 10 : i64
    %c42_i64 = arith.constant 42 : i64

    // Options: strict mode, then a memref result.
    call @nrt_arg_declare(%s_data) : (memref<?xi8>) -> ()
    call @nrt_arg_declare(%s_out) : (memref<?xi8>) -> ()
    call @nrt_arg_declare(%s_npy) : (memref<?xi8>) -> ()
    call @nrt_arg_declare(%s_epochs) : (memref<?xi8>) -> ()
    %epochs = call @nrt_arg_i64(%s_epochs, %c10_i64) : (memref<?xi8>, i64) -> i64
    call @nrt_print_text(%s_epochsmsg) : (memref<?xi8>) -> ()
    call @nrt_print_i64(%epochs) : (i64) -> ()
    call @nrt_print_newline() : () -> ()
    %dir = call @nrt_arg_str(%s_data, %s_nodir) : (memref<?xi8>, memref<?xi8>) -> memref<?xi8>

    // Four memref results at once.
    %x:4 = call @nrt_data_fashion_mnist(%dir) : (memref<?xi8>) -> (memref<?x784xf32>, memref<?xi32>, memref<?x784xf32>, memref<?xi32>)
    %y = memref.cast %x#1 : memref<?xi32> to memref<*xi32>
    call @nrt_print_text(%s_labels) : (memref<?xi8>) -> ()
    call @nrt_print_tensor_i32(%y) : (memref<*xi32>) -> ()
    call @nrt_print_newline() : () -> ()

    // A strided window of the images, copied out through memrefCopy.
    %window = memref.subview %x#0[1, 2] [2, 3] [1, 1] : memref<?x784xf32> to memref<2x3xf32, strided<[784, 1], offset: 786>>
    %pixels = memref.alloc() : memref<2x3xf32>
    memref.copy %window, %pixels : memref<2x3xf32, strided<[784, 1], offset: 786>> to memref<2x3xf32>
    %pu = memref.cast %pixels : memref<2x3xf32> to memref<*xf32>
    call @nrt_print_text(%s_pixels) : (memref<?xi8>) -> ()
    call @nrt_print_tensor_f32(%pu) : (memref<*xf32>) -> ()
    call @nrt_print_newline() : () -> ()

    // A transposed view, copied through memrefCopy.
    %tv = memref.transpose %pixels (d0, d1) -> (d1, d0) : memref<2x3xf32> to memref<3x2xf32, strided<[1, 3]>>
    %t = memref.alloc() : memref<3x2xf32>
    memref.copy %tv, %t : memref<3x2xf32, strided<[1, 3]>> to memref<3x2xf32>
    %tu = memref.cast %t : memref<3x2xf32> to memref<*xf32>
    call @nrt_print_text(%s_transposed) : (memref<?xi8>) -> ()
    call @nrt_print_tensor_f32(%tu) : (memref<*xf32>) -> ()
    call @nrt_print_newline() : () -> ()

    // Random numbers: scalar helpers and a fill.
    %k = call @nrt_rng_fold_in(%c42_i64, %c7_i64) : (i64, i64) -> i64
    %u = call @nrt_philox_uniform_f32(%k, %c0_i64) : (i64, i64) -> f32
    call @nrt_print_text(%s_uniform) : (memref<?xi8>) -> ()
    call @nrt_print_f32(%u) : (f32) -> ()
    call @nrt_print_newline() : () -> ()
    %n = memref.alloc() : memref<2x2xf32>
    %nu = memref.cast %n : memref<2x2xf32> to memref<*xf32>
    call @nrt_random_normal_f32(%k, %nu) : (i64, memref<*xf32>) -> ()
    call @nrt_print_text(%s_normal) : (memref<?xi8>) -> ()
    call @nrt_print_tensor_f32(%nu) : (memref<*xf32>) -> ()
    call @nrt_print_newline() : () -> ()

    // A checkpoint round trip with an i64 handle and an allocated result.
    %path = call @nrt_arg_str(%s_out, %s_nodir) : (memref<?xi8>, memref<?xi8>) -> memref<?xi8>
    %hw = call @nrt_ckpt_open_write(%path) : (memref<?xi8>) -> i64
    call @nrt_ckpt_add_f32(%hw, %s_w, %tu) : (i64, memref<?xi8>, memref<*xf32>) -> ()
    call @nrt_ckpt_commit(%hw) : (i64) -> ()
    %hr = call @nrt_ckpt_open_read(%path) : (memref<?xi8>) -> i64
    %shape = memref.alloc() : memref<2xi64>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c3_i64 = arith.constant 3 : i64
    %cm1_i64 = arith.constant -1 : i64
    memref.store %c3_i64, %shape[%c0] : memref<2xi64>
    memref.store %cm1_i64, %shape[%c1] : memref<2xi64>
    %shaped = memref.cast %shape : memref<2xi64> to memref<?xi64>
    %w = call @nrt_ckpt_read_f32_2(%hr, %s_w, %shaped) : (i64, memref<?xi8>, memref<?xi64>) -> memref<?x?xf32>
    call @nrt_ckpt_close(%hr) : (i64) -> ()
    %wu = memref.cast %w : memref<?x?xf32> to memref<*xf32>
    call @nrt_print_text(%s_ckpt) : (memref<?xi8>) -> ()
    call @nrt_print_tensor_f32(%wu) : (memref<*xf32>) -> ()
    call @nrt_print_newline() : () -> ()

    // NPY round trip.
    %npath = call @nrt_arg_str(%s_npy, %s_nodir) : (memref<?xi8>, memref<?xi8>) -> memref<?xi8>
    call @nrt_write_npy_f32(%npath, %pu) : (memref<?xi8>, memref<*xf32>) -> ()
    %a = call @nrt_read_npy_f32_2d(%npath) : (memref<?xi8>) -> memref<?x?xf32>
    %au = memref.cast %a : memref<?x?xf32> to memref<*xf32>
    call @nrt_print_text(%s_npyout) : (memref<?xi8>) -> ()
    call @nrt_print_tensor_f32(%au) : (memref<*xf32>) -> ()
    call @nrt_print_newline() : () -> ()

    // Everything the runtime returned is released with free().
    memref.dealloc %dir : memref<?xi8>
    memref.dealloc %x#0 : memref<?x784xf32>
    memref.dealloc %x#1 : memref<?xi32>
    memref.dealloc %x#2 : memref<?x784xf32>
    memref.dealloc %x#3 : memref<?xi32>
    memref.dealloc %pixels : memref<2x3xf32>
    memref.dealloc %t : memref<3x2xf32>
    memref.dealloc %n : memref<2x2xf32>
    memref.dealloc %path : memref<?xi8>
    memref.dealloc %shape : memref<2xi64>
    memref.dealloc %w : memref<?x?xf32>
    memref.dealloc %npath : memref<?xi8>
    memref.dealloc %a : memref<?x?xf32>
    return
  }
}

// RUN: nabla-opt %s --split-input-file --verify-diagnostics

// One case per verifier diagnostic of the nabla ops.

//===----------------------------------------------------------------------===//
// Creation ops
//===----------------------------------------------------------------------===//

func.func @constant_type_mismatch() {
  // expected-error @+1 {{failed to verify that all of {value, result} have same type}}
  %0 = "nabla.constant"() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<2xf32>
  return
}

// -----

func.func @iota_dimension_out_of_range() {
  // expected-error @+1 {{dimension 2 is out of range for rank 2}}
  %0 = nabla.iota {dimension = 2 : i64} : tensor<2x3xi64>
  return
}

// -----

func.func @iota_missing_dynamic_size() {
  // expected-error @+1 {{expected 1 dynamic sizes for result type 'tensor<?x3xi64>', found 0}}
  %0 = nabla.iota {dimension = 0 : i64} : tensor<?x3xi64>
  return
}

// -----

func.func @splat_extra_dynamic_size(%v: tensor<f32>, %n: index) {
  // expected-error @+1 {{expected 0 dynamic sizes for result type 'tensor<2xf32>', found 1}}
  %0 = nabla.splat %v [%n] : (tensor<f32>) -> tensor<2xf32>
  return
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

// -----

func.func @add_incompatible_shapes(%a: tensor<2xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{operand shapes [2] and [3] are not broadcast-compatible}}
  %0 = nabla.add %a, %b : (tensor<2xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @add_wrong_result_shape(%a: tensor<4x1xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{expected result shape [4, 3], found [4, 1]}}
  %0 = nabla.add %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x1xf32>
  return
}

// -----

func.func @add_static_result_for_dynamic_dim(%a: tensor<?xf32>, %b: tensor<1xf32>) {
  // expected-error @+1 {{expected result shape [?], found [4]}}
  %0 = nabla.add %a, %b : (tensor<?xf32>, tensor<1xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @select_incompatible_shapes(%c: tensor<2xi1>, %a: tensor<3xf32>, %b: tensor<f32>) {
  // expected-error @+1 {{operand shapes [2], [3] and [] are not broadcast-compatible}}
  %0 = nabla.select %c, %a, %b : (tensor<2xi1>, tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return
}

//===----------------------------------------------------------------------===//
// Reduction ops
//===----------------------------------------------------------------------===//

// -----

func.func @argmax_axis_out_of_range(%x: tensor<2x5xf32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = nabla.argmax %x {axis = 2 : i64} : (tensor<2x5xf32>) -> tensor<2xi64>
  return
}

// -----

func.func @argmax_wrong_result_shape(%x: tensor<2x5xf32>) {
  // expected-error @+1 {{expected result shape [2, 1], found [2]}}
  %0 = nabla.argmax %x {axis = 1 : i64, keepdims = true} : (tensor<2x5xf32>) -> tensor<2xi64>
  return
}

// -----

func.func @log_softmax_axis_out_of_range(%x: tensor<8x10xf32>) {
  // expected-error @+1 {{axis -1 is out of range for rank 2}}
  %0 = nabla.log_softmax %x {axis = -1 : i64} : tensor<8x10xf32>
  return
}

// -----

func.func @reduce_sum_axis_out_of_range(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{axis 3 is out of range for rank 2}}
  %0 = nabla.reduce_sum %x {axes = array<i64: 3>} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @reduce_max_axes_not_sorted(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{expected 'axes' to be sorted and unique, found [1, 0]}}
  %0 = nabla.reduce_max %x {axes = array<i64: 1, 0>} : (tensor<4x3xf32>) -> tensor<f32>
  return
}

// -----

func.func @reduce_min_axes_repeated(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{expected 'axes' to be sorted and unique, found [0, 0]}}
  %0 = nabla.reduce_min %x {axes = array<i64: 0, 0>} : (tensor<4x3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @reduce_mean_wrong_result_shape(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{expected result shape [1, 3], found [3]}}
  %0 = nabla.reduce_mean %x {axes = array<i64: 0>, keepdims = true} : (tensor<4x3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @softmax_axis_out_of_range(%x: tensor<f32>) {
  // expected-error @+1 {{axis 0 is out of range for rank 0}}
  %0 = nabla.softmax %x {axis = 0 : i64} : tensor<f32>
  return
}

//===----------------------------------------------------------------------===//
// Contraction ops
//===----------------------------------------------------------------------===//

// -----

func.func @matmul_rank_mismatch(%a: tensor<2x3xf32>, %b: tensor<1x3x4xf32>) {
  // expected-error @+1 {{expected operands of equal rank 2 or 3, found ranks 2 and 3}}
  %0 = nabla.matmul %a, %b : (tensor<2x3xf32>, tensor<1x3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @matmul_batch_mismatch(%a: tensor<2x2x3xf32>, %b: tensor<5x3x4xf32>) {
  // expected-error @+1 {{batch dimensions do not match: lhs shape [2, 2, 3] and rhs shape [5, 3, 4]}}
  %0 = nabla.matmul %a, %b : (tensor<2x2x3xf32>, tensor<5x3x4xf32>) -> tensor<2x2x4xf32>
  return
}

// -----

func.func @matmul_contracting_mismatch(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{contracting dimensions do not match: lhs shape [2, 3] and rhs shape [4, 5]}}
  %0 = nabla.matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_wrong_result_shape(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{expected result shape [2, 4], found [4, 2]}}
  %0 = nabla.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<4x2xf32>
  return
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

// -----

func.func @broadcast_to_incompatible(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{operand shape [3, 2] cannot be broadcast to result shape [3, 4]}}
  %0 = nabla.broadcast_to %x : (tensor<3x2xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @broadcast_to_missing_dynamic_size(%x: tensor<3x1xf32>) {
  // expected-error @+1 {{expected 1 dynamic sizes for result type 'tensor<3x?xf32>', found 0}}
  %0 = nabla.broadcast_to %x : (tensor<3x1xf32>) -> tensor<3x?xf32>
  return
}

// -----

func.func @concat_no_inputs() {
  // expected-error @+1 {{expected 1 or more operands, but found 0}}
  %0 = "nabla.concat"() <{axis = 0 : i64}> : () -> tensor<2xf32>
  return
}

// -----

func.func @concat_axis_out_of_range(%a: tensor<2xf32>) {
  // expected-error @+1 {{axis 1 is out of range for rank 1}}
  %0 = nabla.concat %a {axis = 1 : i64} : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @concat_rank_mismatch(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{expected all inputs to have rank 2, found rank 1 for input 1}}
  %0 = nabla.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<5x3xf32>
  return
}

// -----

func.func @concat_dim_mismatch(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+1 {{expected dimension 1 of input 1 to be 3, found 4}}
  %0 = nabla.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @concat_wrong_result_shape(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{expected result shape [6, 3], found [5, 3]}}
  %0 = nabla.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<5x3xf32>
  return
}

// -----

func.func @dynamic_slice_wrong_index_count(%x: tensor<4x4xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{expected 2 start indices (the operand rank), found 1}}
  %0 = nabla.dynamic_slice %x[%i] {slice_sizes = array<i64: 2, 2>} : (tensor<4x4xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @dynamic_slice_wrong_sizes_length(%x: tensor<4x4xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{expected 'slice_sizes' of size 2 (the operand rank), found 1}}
  %0 = nabla.dynamic_slice %x[%i, %i] {slice_sizes = array<i64: 2>} : (tensor<4x4xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @dynamic_slice_size_too_large(%x: tensor<4x4xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{slice size 5 is out of range for dimension 0 of shape [4, 4]}}
  %0 = nabla.dynamic_slice %x[%i, %i] {slice_sizes = array<i64: 5, 2>} : (tensor<4x4xf32>) -> tensor<5x2xf32>
  return
}

// -----

func.func @dynamic_slice_wrong_result_shape(%x: tensor<4x4xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{expected result shape [2, 2], found [2, 3]}}
  %0 = nabla.dynamic_slice %x[%i, %i] {slice_sizes = array<i64: 2, 2>} : (tensor<4x4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @dynamic_update_slice_rank_mismatch(%x: tensor<4x4xf32>, %u: tensor<2xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{expected update of rank 2 (the operand rank), found rank 1}}
  %0 = nabla.dynamic_update_slice %u into %x[%i, %i] : tensor<2xf32> into tensor<4x4xf32>
  return
}

// -----

func.func @dynamic_update_slice_wrong_index_count(%x: tensor<4x4xf32>, %u: tensor<1x2xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{expected 2 start indices (the operand rank), found 3}}
  %0 = nabla.dynamic_update_slice %u into %x[%i, %i, %i] : tensor<1x2xf32> into tensor<4x4xf32>
  return
}

// -----

func.func @dynamic_update_slice_too_large(%x: tensor<4x4xf32>, %u: tensor<1x5xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{update shape [1, 5] does not fit in operand shape [4, 4] in dimension 1}}
  %0 = nabla.dynamic_update_slice %u into %x[%i, %i] : tensor<1x5xf32> into tensor<4x4xf32>
  return
}

// -----

func.func @one_hot_zero_depth(%l: tensor<8xi64>) {
  // expected-error @+1 {{expected a positive 'depth', found 0}}
  %0 = nabla.one_hot %l {depth = 0 : i64} : (tensor<8xi64>) -> tensor<8x0xf32>
  return
}

// -----

func.func @one_hot_wrong_result_shape(%l: tensor<8xi64>) {
  // expected-error @+1 {{expected result shape [8, 10], found [10, 8]}}
  %0 = nabla.one_hot %l {depth = 10 : i64} : (tensor<8xi64>) -> tensor<10x8xf32>
  return
}

// -----

func.func @reshape_two_dynamic_dims(%x: tensor<?xf32>) {
  // expected-error @+1 {{expected at most one dynamic dimension in the result, found 2}}
  %0 = nabla.reshape %x : (tensor<?xf32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @reshape_element_count_mismatch(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{expected result shape [4] to have 6 elements like operand shape [2, 3], found 4}}
  %0 = nabla.reshape %x : (tensor<2x3xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @reshape_not_divisible(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{operand shape [2, 3] (6 elements) cannot be reshaped to result shape [?, 4]}}
  %0 = nabla.reshape %x : (tensor<2x3xf32>) -> tensor<?x4xf32>
  return
}

// -----

func.func @slice_wrong_attr_size(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{expected 'limit_indices' of size 2 (the operand rank), found 1}}
  %0 = nabla.slice %x {limit_indices = array<i64: 4>, start_indices = array<i64: 0, 0>, strides = array<i64: 1, 1>} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @slice_zero_stride(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{expected a positive stride in dimension 1, found 0}}
  %0 = nabla.slice %x {limit_indices = array<i64: 4, 3>, start_indices = array<i64: 0, 0>, strides = array<i64: 1, 0>} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @slice_start_after_limit(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{expected 0 <= start <= limit in dimension 0, found start 3 and limit 2}}
  %0 = nabla.slice %x {limit_indices = array<i64: 2, 3>, start_indices = array<i64: 3, 0>, strides = array<i64: 1, 1>} : (tensor<4x3xf32>) -> tensor<0x3xf32>
  return
}

// -----

func.func @scatter_add_axis_out_of_range(%t: tensor<100x16xf32>, %i: tensor<8xi64>, %u: tensor<8x16xf32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = nabla.scatter_add %t, %i, %u {axis = 2 : i64} : (tensor<100x16xf32>, tensor<8xi64>, tensor<8x16xf32>) -> tensor<100x16xf32>
  return
}

// -----

func.func @scatter_add_wrong_updates_shape(%t: tensor<100x16xf32>, %i: tensor<8xi64>, %u: tensor<8x15xf32>) {
  // expected-error @+1 {{expected updates of shape [8, 16], found [8, 15]}}
  %0 = nabla.scatter_add %t, %i, %u {axis = 0 : i64} : (tensor<100x16xf32>, tensor<8xi64>, tensor<8x15xf32>) -> tensor<100x16xf32>
  return
}

// -----

func.func @slice_limit_out_of_range(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{limit 5 is out of range for dimension 0 of size 4}}
  %0 = nabla.slice %x {limit_indices = array<i64: 5, 3>, start_indices = array<i64: 0, 0>, strides = array<i64: 1, 1>} : (tensor<4x3xf32>) -> tensor<5x3xf32>
  return
}

// -----

func.func @slice_wrong_result_shape(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{expected result shape [2, 2], found [2, 3]}}
  %0 = nabla.slice %x {limit_indices = array<i64: 4, 3>, start_indices = array<i64: 0, 1>, strides = array<i64: 2, 1>} : (tensor<4x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @take_axis_out_of_range(%t: tensor<100x16xf32>, %i: tensor<8xi64>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = nabla.take %t, %i {axis = 2 : i64} : (tensor<100x16xf32>, tensor<8xi64>) -> tensor<8x16xf32>
  return
}

// -----

func.func @take_wrong_result_shape(%t: tensor<100x16xf32>, %i: tensor<8xi64>) {
  // expected-error @+1 {{expected result shape [100, 8], found [8, 16]}}
  %0 = nabla.take %t, %i {axis = 1 : i64} : (tensor<100x16xf32>, tensor<8xi64>) -> tensor<8x16xf32>
  return
}

// -----

func.func @transpose_wrong_permutation_size(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{expected 'permutation' of size 2 (the operand rank), found 3}}
  %0 = nabla.transpose %x {permutation = array<i64: 0, 1, 2>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @transpose_not_a_permutation(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{expected 'permutation' to be a permutation of 0..1, found [1, 1]}}
  %0 = nabla.transpose %x {permutation = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @transpose_wrong_result_shape(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{expected result shape [3, 2], found [2, 3]}}
  %0 = nabla.transpose %x {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

//===----------------------------------------------------------------------===//
// Random ops
//===----------------------------------------------------------------------===//

// -----

func.func @random_normal_missing_dynamic_size(%k: tensor<i64>) {
  // expected-error @+1 {{expected 1 dynamic sizes for result type 'tensor<?x10xf32>', found 0}}
  %0 = nabla.random_normal %k : tensor<?x10xf32>
  return
}

// -----

func.func @random_uniform_extra_dynamic_size(%k: tensor<i64>, %n: index) {
  // expected-error @+1 {{expected 0 dynamic sizes for result type 'tensor<3xf32>', found 1}}
  %0 = nabla.random_uniform %k [%n] : tensor<3xf32>
  return
}

//===----------------------------------------------------------------------===//
// Transform ops
//===----------------------------------------------------------------------===//

// -----

func.func private @cube(%x: tensor<3xf32>) -> tensor<3xf32>
func.func private @cube_bwd(%r: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32>

func.func @custom_vjp_unknown_fwd(%x: tensor<3xf32>) {
  // expected-error @+1 {{'@missing' does not reference a symbol in scope}}
  %0 = nabla.custom_vjp @cube(%x) fwd @missing bwd @cube_bwd : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @cube(%x: tensor<3xf32>) -> tensor<3xf32>
func.func private @cube_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
func.func private @cube_bwd(%r: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32>

func.func @custom_vjp_wrong_result_type(%x: tensor<3xf32>) {
  // expected-error @+1 {{expected result #0 to have type 'tensor<3xf32>' (the results of '@cube'), found 'tensor<4xf32>'}}
  %0 = nabla.custom_vjp @cube(%x) fwd @cube_fwd bwd @cube_bwd : (tensor<3xf32>) -> tensor<4xf32>
  return
}

// -----

func.func private @cube(%x: tensor<3xf32>) -> tensor<3xf32>
func.func private @cube_fwd(%x: tensor<3xf32>) -> tensor<2xf32>
func.func private @cube_bwd(%ct: tensor<3xf32>) -> tensor<3xf32>

func.func @custom_vjp_fwd_drops_results(%x: tensor<3xf32>) {
  // expected-error @+1 {{expected 'fwd' function '@cube_fwd' to take the arguments of '@cube' and return its results followed by residuals, found '(tensor<3xf32>) -> tensor<2xf32>'}}
  %0 = nabla.custom_vjp @cube(%x) fwd @cube_fwd bwd @cube_bwd : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @cube(%x: tensor<3xf32>) -> tensor<3xf32>
func.func private @cube_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
func.func private @cube_bwd(%ct: tensor<3xf32>) -> tensor<3xf32>

func.func @custom_vjp_bwd_without_residuals(%x: tensor<3xf32>) {
  // expected-error @+1 {{expected 'bwd' function '@cube_bwd' to take the residuals and one cotangent per result of '@cube' and return one cotangent per argument, found '(tensor<3xf32>) -> tensor<3xf32>'}}
  %0 = nabla.custom_vjp @cube(%x) fwd @cube_fwd bwd @cube_bwd : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @grad_unknown_callee(%w: tensor<3xf32>) {
  // expected-error @+1 {{'@missing' does not reference a symbol in scope}}
  %0 = nabla.grad @missing(%w) {wrt = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

memref.global "private" @table : memref<3xf32>

func.func @grad_callee_not_a_func(%w: tensor<3xf32>) {
  // expected-error @+1 {{expected '@table' to be a 'func.func', found 'memref.global'}}
  %0 = nabla.grad @table(%w) {wrt = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @loss(tensor<3xf32>) -> tensor<f32>

func.func @grad_empty_wrt(%w: tensor<3xf32>) {
  // expected-error @+1 {{expected at least one 'wrt' index}}
  %0 = nabla.grad @loss(%w) {wrt = array<i64>} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @loss(tensor<3xf32>) -> tensor<f32>

func.func @grad_wrt_out_of_range(%w: tensor<3xf32>) {
  // expected-error @+1 {{'wrt' index 1 is out of range for 1 arguments}}
  %0 = nabla.grad @loss(%w) {wrt = array<i64: 1>} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @loss(tensor<3xf32>, tensor<3xf32>) -> tensor<f32>

func.func @grad_wrt_repeated(%w: tensor<3xf32>, %x: tensor<3xf32>) {
  // expected-error @+1 {{'wrt' index 0 appears more than once}}
  %0:2 = nabla.grad @loss(%w, %x) {wrt = array<i64: 0, 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<3xf32>

func.func @grad_non_scalar_callee(%w: tensor<3xf32>) {
  // expected-error @+1 {{expected '@f' to return exactly one rank-0 float tensor, found 'tensor<3xf32>'}}
  %0 = nabla.grad @f(%w) {wrt = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @loss(tensor<3xf32>, tensor<3xf32>) -> tensor<f32>

func.func @grad_wrong_operand_count(%w: tensor<3xf32>) {
  // expected-error @+1 {{expected 2 operands (the arguments of '@loss'), found 1}}
  %0 = nabla.grad @loss(%w) {wrt = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @loss(tensor<3xf32>) -> tensor<f32>

func.func @grad_wrong_operand_type(%w: tensor<4xf32>) {
  // expected-error @+1 {{expected operand #0 to have type 'tensor<3xf32>' (the arguments of '@loss'), found 'tensor<4xf32>'}}
  %0 = nabla.grad @loss(%w) {wrt = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func private @loss(tensor<3xf32>, tensor<2xf32>) -> tensor<f32>

func.func @grad_wrong_result_type(%w: tensor<3xf32>, %x: tensor<2xf32>) {
  // expected-error @+1 {{expected result #0 to have type 'tensor<2xf32>' (the 'wrt' arguments of '@loss'), found 'tensor<3xf32>'}}
  %0 = nabla.grad @loss(%w, %x) {wrt = array<i64: 1>} : (tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @loss(tensor<3xf32>, tensor<3xf32>) -> tensor<f32>

func.func @hvp_two_wrt(%w: tensor<3xf32>, %x: tensor<3xf32>, %v: tensor<3xf32>) {
  // expected-error @+1 {{expected exactly one 'wrt' index, found 2}}
  %0 = nabla.hvp @loss(%w, %x, %v) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @loss(tensor<3xf32>, tensor<2xf32>) -> tensor<f32>

func.func @hvp_missing_tangent(%w: tensor<3xf32>, %x: tensor<2xf32>) {
  // expected-error @+1 {{expected 3 operands (the arguments of '@loss' and a tangent for the 'wrt' argument), found 2}}
  %0 = nabla.hvp @loss(%w, %x) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<2xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @f(tensor<3xf32>) -> (tensor<2xf32>, tensor<2xf32>)

func.func @jacobian_two_results(%x: tensor<3xf32>) {
  // expected-error @+1 {{expected '@f' to return exactly one ranked tensor, found 2 results}}
  %0 = nabla.jacobian @f(%x) {wrt = array<i64: 0>} : (tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<2xf32>

func.func @jacobian_wrong_result_shape(%x: tensor<3xf32>) {
  // expected-error @+1 {{expected result #0 to have type 'tensor<2x3xf32>' (the result shape of '@f' followed by the 'wrt' argument shape), found 'tensor<3x2xf32>'}}
  %0 = nabla.jacobian @f(%x) {wrt = array<i64: 0>} : (tensor<3xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func private @f(tensor<3xf32>, tensor<f32>) -> tensor<2xf32>

func.func @jvp_wrong_tangent_type(%x: tensor<3xf32>, %s: tensor<f32>, %t: tensor<f32>) {
  // expected-error @+1 {{expected operand #2 to have type 'tensor<3xf32>' (the arguments of '@f' and one tangent per 'wrt' argument), found 'tensor<f32>'}}
  %0:2 = nabla.jvp @f(%x, %s, %t) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<f32>, tensor<f32>) -> (tensor<2xf32>, tensor<2xf32>)
  return
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<2xf32>

func.func @jvp_missing_result_tangent(%x: tensor<3xf32>, %t: tensor<3xf32>) {
  // expected-error @+1 {{expected 2 results (the results of '@f' and one tangent per result), found 1}}
  %0 = nabla.jvp @f(%x, %t) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<2xf32>
  return
}

// -----

func.func private @loss(%w: tensor<3xf32>, %x: tensor<?x3xf32>) -> tensor<f32>

func.func @per_example_grad_dynamic_wrt(%w: tensor<3xf32>, %x: tensor<?x3xf32>) {
  // expected-error @+1 {{the 'wrt' arguments of '@loss' to have static shapes and one element type, found 'tensor<?x3xf32>' (argument #1)}}
  %0 = nabla.per_example_grad @loss(%w, %x) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return
}

// -----

func.func private @loss(%w: tensor<3xf32>, %b: tensor<f32>) -> tensor<f32>

func.func @per_example_grad_all_wrt(%w: tensor<3xf32>, %b: tensor<f32>) {
  // expected-error @+1 {{expected an argument of '@loss' outside 'wrt' to hold the examples}}
  %0 = nabla.per_example_grad @loss(%w, %b) {wrt = array<i64: 0, 1>} : (tensor<3xf32>, tensor<f32>) -> tensor<?x4xf32>
  return
}

// -----

func.func private @loss(%w: tensor<3xf32>, %x: tensor<4x3xf32>) -> tensor<f32>

func.func @per_example_grad_static_batch(%w: tensor<3xf32>, %x: tensor<4x3xf32>) {
  // expected-error @+1 {{expected argument #1 of '@loss', a batch of examples, to have a dynamic first dimension or one of size 1, found 'tensor<4x3xf32>'}}
  %0 = nabla.per_example_grad @loss(%w, %x) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func private @loss(%w: tensor<3xf32>, %x: tensor<?x3xf32>) -> tensor<f32>

func.func @per_example_grad_wrong_result_type(%w: tensor<3xf32>, %x: tensor<?x3xf32>) {
  // expected-error @+1 {{expected result #0 to have type 'tensor<?x3xf32>' (one row of flattened 'wrt' gradients per example of '@loss'), found 'tensor<3xf32>'}}
  %0 = nabla.per_example_grad @loss(%w, %x) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<?x3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<2xf32>

func.func @value_and_grad_non_scalar_callee(%x: tensor<3xf32>) {
  // expected-error @+1 {{expected '@f' to return exactly one rank-0 float tensor, found 'tensor<2xf32>'}}
  %0:2 = nabla.value_and_grad @f(%x) {wrt = array<i64: 0>} : (tensor<3xf32>) -> (tensor<2xf32>, tensor<3xf32>)
  return
}

// -----

func.func private @loss(tensor<3xf32>) -> tensor<f32>

func.func @value_and_grad_missing_value(%w: tensor<3xf32>) {
  // expected-error @+1 {{expected 2 results (the result of '@loss' and one gradient per 'wrt' argument), found 1}}
  %0 = nabla.value_and_grad @loss(%w) {wrt = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<2xf32>

func.func @vjp_wrong_cotangent_type(%x: tensor<3xf32>, %c: tensor<3xf32>) {
  // expected-error @+1 {{expected operand #1 to have type 'tensor<2xf32>' (the arguments of '@f' and one cotangent per result), found 'tensor<3xf32>'}}
  %0:2 = nabla.vjp @f(%x, %c) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<2xf32>, tensor<3xf32>)
  return
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<2xf32>

func.func @vjp_wrong_result_type(%x: tensor<3xf32>, %c: tensor<2xf32>) {
  // expected-error @+1 {{expected result #1 to have type 'tensor<3xf32>' (the results of '@f' and one cotangent per 'wrt' argument), found 'tensor<2xf32>'}}
  %0:2 = nabla.vjp @f(%x, %c) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return
}

//===----------------------------------------------------------------------===//
// I/O ops
//===----------------------------------------------------------------------===//

// -----

func.func @load_no_results() {
  // expected-error @+1 {{expected at least one result}}
  "nabla.load"() <{path = "m.safetensors", names = []}> : () -> ()
  return
}

// -----

func.func @load_name_count_mismatch() {
  // expected-error @+1 {{expected 2 names, one per result, found 1}}
  %0:2 = nabla.load "m.safetensors" ["w"] : tensor<3xf32>, tensor<f32>
  return
}

// -----

func.func @load_repeated_name() {
  // expected-error @+1 {{name 'w' appears more than once}}
  %0:2 = nabla.load "m.safetensors" ["w", "w"] : tensor<3xf32>, tensor<f32>
  return
}

// -----

func.func @print_too_few_operands(%x: tensor<3xf32>) {
  // expected-error @+1 {{expected 2 operands for the '{}' placeholders in the format, found 1}}
  nabla.print "x = {} y = {}" (%x) : tensor<3xf32>
  return
}

// -----

func.func @print_escaped_braces(%x: tensor<3xf32>) {
  // expected-error @+1 {{expected 0 operands for the '{}' placeholders in the format, found 1}}
  nabla.print "{{}}" (%x) : tensor<3xf32>
  return
}

// -----

func.func @runtime_call_unknown(%n: tensor<i64>) {
  // expected-error @+1 {{expected '@nrt_missing' to be a private 'func.func' declaration}}
  %0 = nabla.runtime_call @nrt_missing(%n) : (tensor<i64>) -> tensor<3xf32>
  return
}

// -----

func.func @nrt_defined(%n: tensor<i64>) -> tensor<3xf32> {
  %0 = nabla.splat %n : (tensor<i64>) -> tensor<3xi64>
  %1 = nabla.convert %0 : (tensor<3xi64>) -> tensor<3xf32>
  return %1 : tensor<3xf32>
}

func.func @runtime_call_not_a_declaration(%n: tensor<i64>) {
  // expected-error @+1 {{expected '@nrt_defined' to be a private 'func.func' declaration}}
  %0 = nabla.runtime_call @nrt_defined(%n) : (tensor<i64>) -> tensor<3xf32>
  return
}

// -----

func.func private @nrt_read(tensor<i64>) -> tensor<3xf32>

func.func @runtime_call_wrong_operand_types(%n: tensor<i32>) {
  // expected-error @+1 {{expected operand types 'tensor<i64>' (the arguments of '@nrt_read'), found 'tensor<i32>'}}
  %0 = nabla.runtime_call @nrt_read(%n) : (tensor<i32>) -> tensor<3xf32>
  return
}

// -----

func.func private @nrt_read(tensor<i64>) -> tensor<3xf32>

func.func @runtime_call_wrong_result_types(%n: tensor<i64>) {
  // expected-error @+1 {{expected result types 'tensor<3xf32>' (the results of '@nrt_read'), found 'tensor<4xf32>'}}
  %0 = nabla.runtime_call @nrt_read(%n) : (tensor<i64>) -> tensor<4xf32>
  return
}

// -----

func.func @save_no_tensors() {
  // expected-error @+1 {{expected at least one tensor}}
  nabla.save "m.safetensors" []
  return
}

// -----

func.func @save_name_count_mismatch(%w: tensor<3xf32>) {
  // expected-error @+1 {{expected 1 names, one per tensor, found 2}}
  nabla.save "m.safetensors" ["w", "b"] %w : tensor<3xf32>
  return
}

// -----

func.func @save_repeated_name(%w: tensor<3xf32>, %b: tensor<f32>) {
  // expected-error @+1 {{name 'w' appears more than once}}
  nabla.save "m.safetensors" ["w", "w"] %w, %b : tensor<3xf32>, tensor<f32>
  return
}

// -----

func.func @check_index_axis(%x: tensor<5xf32>, %i: tensor<i64>) -> tensor<i64> {
  // expected-error @+1 {{axis 1 is out of range for rank 1}}
  %a = nabla.check_index %i into %x {axis = 1 : i64} : tensor<i64>, tensor<5xf32>
  return %a : tensor<i64>
}

// -----

func.func @check_index_span(%x: tensor<5xf32>, %ids: tensor<2xi64>) -> tensor<2xi64> {
  // expected-error @+1 {{a span other than 1 needs a scalar start}}
  %a = nabla.check_index %ids into %x {axis = 0 : i64, span = 2 : i64} : tensor<2xi64>, tensor<5xf32>
  return %a : tensor<2xi64>
}

// -----

func.func @check_numerics_loops(%x: tensor<3xf32>, %i: index) {
  // expected-error @+1 {{expected one loop description per iteration, found 0 for 1}}
  nabla.check_numerics %x, "site" iterations(%i) : tensor<3xf32>
  return
}

// -----

func.func @gelu_unknown_approximation(%x: tensor<3xf32>) {
  // expected-error @+1 {{approximate must be "none" or "tanh", found "erf"}}
  %0 = nabla.gelu %x {approximate = "erf"} : tensor<3xf32>
  return
}

// -----

func.func @leaky_relu_without_slope(%x: tensor<3xf32>) {
  // expected-error @+1 {{requires attribute 'slope'}}
  %0 = nabla.leaky_relu %x : tensor<3xf32>
  return
}

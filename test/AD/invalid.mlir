// RUN: nabla-opt %s --split-input-file --nabla-autodiff --verify-diagnostics

// Errors of the autodiff pass, reported where the problem is.

func.func private @nrt_mystery(tensor<3xf32>) -> tensor<3xf32>

func.func private @through_runtime(%x: tensor<3xf32>) -> tensor<f32> {
  // expected-error @+1 {{cannot differentiate through 'nabla.runtime_call'}}
  %y = nabla.runtime_call @nrt_mystery(%x) : (tensor<3xf32>) -> tensor<3xf32>
  %s = nabla.reduce_sum %y {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %s : tensor<f32>
}

func.func @main(%x: tensor<3xf32>) -> tensor<3xf32> {
  %g = nabla.grad @through_runtime(%x) {wrt = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}

// -----

// The same op is fine where no derivative flows through it.
func.func private @nrt_mystery(tensor<3xf32>) -> tensor<3xf32>

func.func private @beside_runtime(%x: tensor<3xf32>, %d: tensor<3xf32>) -> tensor<f32> {
  %y = nabla.runtime_call @nrt_mystery(%d) : (tensor<3xf32>) -> tensor<3xf32>
  %p = nabla.mul %x, %y : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %s = nabla.reduce_sum %p {axes = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %s : tensor<f32>
}

func.func @main(%x: tensor<3xf32>, %d: tensor<3xf32>) -> tensor<3xf32> {
  %g = nabla.grad @beside_runtime(%x, %d) {wrt = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}

// -----

func.func private @external(tensor<f32>) -> tensor<f32>

func.func private @calls_external(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{cannot differentiate through call to external function '@external'}}
  %y = func.call @external(%x) : (tensor<f32>) -> tensor<f32>
  return %y : tensor<f32>
}

func.func @main(%x: tensor<f32>) -> tensor<f32> {
  %g = nabla.grad @calls_external(%x) {wrt = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}

// -----

// Forward mode through a function that only has a custom_vjp rule.
func.func private @ste(%x: tensor<f32>) -> tensor<f32> attributes {nabla.custom_vjp = {fwd = @ste_fwd, bwd = @ste_bwd}} {
  %y = nabla.round %x : tensor<f32>
  return %y : tensor<f32>
}
func.func private @ste_fwd(%x: tensor<f32>) -> tensor<f32> {
  %y = nabla.round %x : tensor<f32>
  return %y : tensor<f32>
}
func.func private @ste_bwd(%ct: tensor<f32>) -> tensor<f32> {
  return %ct : tensor<f32>
}

func.func private @uses_ste(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{cannot differentiate '@ste' in forward mode: it has a 'nabla.custom_vjp' rule but no 'nabla.custom_jvp' rule}}
  %y = func.call @ste(%x) : (tensor<f32>) -> tensor<f32>
  return %y : tensor<f32>
}

func.func @main(%x: tensor<f32>, %t: tensor<f32>) -> tensor<f32> {
  %y, %yt = nabla.jvp @uses_ste(%x, %t) {wrt = array<i64: 0>} : (tensor<f32>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
  return %yt : tensor<f32>
}

// -----

// The same, directly on a transform. (hvp of @ste is fine: it is forward
// mode over the custom fwd and bwd functions, which are ordinary code.)
func.func private @ste(%x: tensor<f32>) -> tensor<f32> attributes {nabla.custom_vjp = {fwd = @ste_fwd, bwd = @ste_bwd}} {
  %y = nabla.round %x : tensor<f32>
  return %y : tensor<f32>
}
func.func private @ste_fwd(%x: tensor<f32>) -> tensor<f32> {
  %y = nabla.round %x : tensor<f32>
  return %y : tensor<f32>
}
func.func private @ste_bwd(%ct: tensor<f32>) -> tensor<f32> {
  return %ct : tensor<f32>
}

func.func @main(%x: tensor<f32>, %t: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{cannot differentiate '@ste' in forward mode}}
  %y, %yt = nabla.jvp @ste(%x, %t) {wrt = array<i64: 0>} : (tensor<f32>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
  return %yt : tensor<f32>
}

// -----

// expected-error @+1 {{custom_vjp 'bwd' function '@bad_bwd' has type '(tensor<f32>) -> (tensor<f32>, tensor<f32>)': expected the residuals and one cotangent per result to one cotangent per argument}}
func.func private @bad(%x: tensor<f32>) -> tensor<f32> attributes {nabla.custom_vjp = {fwd = @bad_fwd, bwd = @bad_bwd}} {
  return %x : tensor<f32>
}
func.func private @bad_fwd(%x: tensor<f32>) -> tensor<f32> {
  return %x : tensor<f32>
}
func.func private @bad_bwd(%ct: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  return %ct, %ct : tensor<f32>, tensor<f32>
}

func.func @main(%x: tensor<f32>) -> tensor<f32> {
  %g = nabla.grad @bad(%x) {wrt = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}

// -----

func.func private @recursive(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{cannot differentiate recursive function '@recursive' in reverse mode}}
  %y = func.call @recursive(%x) : (tensor<f32>) -> tensor<f32>
  return %y : tensor<f32>
}

func.func @main(%x: tensor<f32>) -> tensor<f32> {
  %g = nabla.grad @recursive(%x) {wrt = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}

// -----

func.func private @dynamic(%x: tensor<?xf32>) -> tensor<?xf32> {
  return %x : tensor<?xf32>
}

func.func @main(%x: tensor<?xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'nabla.jacobian' needs static shapes, found 'tensor<?xf32>' and 'tensor<?xf32>'}}
  %j = nabla.jacobian @dynamic(%x) {wrt = array<i64: 0>} : (tensor<?xf32>) -> tensor<?x?xf32>
  return %j : tensor<?x?xf32>
}

// -----

// A function that differentiates itself.
func.func @selfish(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{cannot expand this transform: the function it differentiates reaches itself through function transforms}}
  %g = nabla.grad @selfish(%x) {wrt = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}

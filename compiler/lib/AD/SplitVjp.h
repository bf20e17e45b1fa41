//===- SplitVjp.h - Split @f_vjp into a fwd/bwd pair ------------*- C++ -*-===//
//
// Private to compiler/lib/AD: how reverse mode turns a generated `@f_vjp`
// into the `@f_vjp_fwd` / `@f_vjp_bwd` pair that call sites use.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_AD_SPLITVJP_H
#define NABLA_LIB_AD_SPLITVJP_H

#include "nabla/AD/Differentiator.h"

#include "llvm/ADT/DenseSet.h"

namespace mlir::nabla::ad {

/// Splits `combined`, a `@f_vjp` function whose top-level forward-sweep ops
/// are `forwardOps`, into `@f_vjp_fwd` (the forward sweep, returning the
/// results of `f` and the residuals: the forward values the reverse sweep
/// reads) and `@f_vjp_bwd` (the reverse sweep, from the residuals and one
/// cotangent per result). Constants are cloned into `@f_vjp_bwd` rather than
/// passed, and sizes of forward tensors that the reverse sweep reads are
/// computed in the forward sweep, so that the sizes and not the tensors
/// become residuals. The `wrt` of the returned pair is left empty.
VjpPair splitVjp(Differentiator &diff, func::FuncOp f, func::FuncOp combined,
                 llvm::DenseSet<Operation *> &forwardOps);

} // namespace mlir::nabla::ad

#endif // NABLA_LIB_AD_SPLITVJP_H

//===- Passes.h - Nabla conversion passes -----------------------*- C++ -*-===//
//
// Passes and pattern sets that lower the nabla dialect.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_CONVERSION_PASSES_H
#define NABLA_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::nabla {

#define GEN_PASS_DECL
#include "nabla/Conversion/Passes.h.inc"

/// Elementwise ops, constants, casts, selects and fills.
void populateElementwiseLoweringPatterns(RewritePatternSet &patterns);
/// Reductions, argmax, softmax and log_softmax.
void populateReductionLoweringPatterns(RewritePatternSet &patterns);
/// Matrix products that the runtime does not take (integers, batches).
void populateContractionLoweringPatterns(RewritePatternSet &patterns);
/// Reshape, transpose, slices, concat, take, one_hot, broadcast_to, iota.
void populateShapeLoweringPatterns(RewritePatternSet &patterns);
/// nabla.check_index: range checks that stop the program with an error.
void populateIndexCheckLoweringPatterns(RewritePatternSet &patterns);
/// Random numbers and key derivation as inline Philox arithmetic.
void populateRandomLoweringPatterns(RewritePatternSet &patterns);
/// I/O ops and float matrix products as runtime calls.
void populateRuntimeLoweringPatterns(RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "nabla/Conversion/Passes.h.inc"

} // namespace mlir::nabla

#endif // NABLA_CONVERSION_PASSES_H

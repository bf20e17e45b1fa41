//===- Tape.h - Per-iteration storage for reverse-mode loops ----*- C++ -*-===//
//
// Private to dialects/lib/AD: how the reverse sweep of a loop gets back the
// state each iteration started from. A tape is a tensor with a leading
// iteration dimension, written with tensor.insert_slice in the forward loop
// and read with tensor.extract_slice in the reverse loop.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_AD_TAPE_H
#define NABLA_LIB_AD_TAPE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"

namespace mlir::nabla::ad {

/// The number of iterations of `scf.for %i = lb to ub step step`, as an
/// `index`: max(0, ceildiv(ub - lb, step)). A constant when all three are.
Value buildTripCount(OpBuilder &b, Location loc, Value lowerBound,
                     Value upperBound, Value step);

/// An uninitialised tape of `count` entries of the type of `like` (a ranked
/// tensor, whose dynamic sizes it takes, or a scalar).
Value buildTape(OpBuilder &b, Location loc, Value like, Value count);

/// Writes `value` at entry `index` of `tape`; returns the new tape.
Value pushToTape(OpBuilder &b, Location loc, Value tape, Value value,
                 Value index);

/// Reads entry `index` of `tape`, a value of type `type`.
Value readFromTape(OpBuilder &b, Location loc, Value tape, Type type,
                   Value index);

} // namespace mlir::nabla::ad

#endif // NABLA_LIB_AD_TAPE_H

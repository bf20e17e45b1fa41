//===- InitAll.h - Register everything Nabla adds to MLIR -------*- C++ -*-===//
//
// One place that registers the nabla dialect and what it depends on, used by
// nabla-opt and the nabla driver alike.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_INITALL_H
#define NABLA_INITALL_H

namespace mlir {
class DialectRegistry;

namespace nabla {

/// Adds the nabla dialect, the dialects it builds ops of, and the interface
/// models attached to nabla ops to `registry`.
void registerAllNablaDialects(DialectRegistry &registry);

} // namespace nabla
} // namespace mlir

#endif // NABLA_INITALL_H

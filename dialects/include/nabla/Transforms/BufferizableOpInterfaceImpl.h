//===- BufferizableOpInterfaceImpl.h - Bufferizing nabla ops ----*- C++ -*-===//
//
// One-Shot Bufferize models of the nabla ops that survive to bufferization.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_TRANSFORMS_BUFFERIZABLEOPINTERFACEIMPL_H
#define NABLA_TRANSFORMS_BUFFERIZABLEOPINTERFACEIMPL_H

namespace mlir {
class DialectRegistry;

namespace nabla {

/// Attaches the BufferizableOpInterface model of `nabla.runtime_call`: the
/// runtime only reads the tensors it is passed and returns tensors it has
/// just allocated, so a result never aliases an operand.
void registerBufferizableOpInterfaceExternalModels(DialectRegistry &registry);

} // namespace nabla
} // namespace mlir

#endif // NABLA_TRANSFORMS_BUFFERIZABLEOPINTERFACEIMPL_H

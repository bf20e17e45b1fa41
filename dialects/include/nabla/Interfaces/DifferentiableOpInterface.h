//===- DifferentiableOpInterface.h - AD rules of an op ----------*- C++ -*-===//
//
// Declares the op interface through which the autodiff pass asks an op for
// its tangent and adjoint rules (generated from DifferentiableOpInterface.td).
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_INTERFACES_DIFFERENTIABLEOPINTERFACE_H
#define NABLA_INTERFACES_DIFFERENTIABLEOPINTERFACE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/SmallVector.h"

#include "nabla/Interfaces/DifferentiableOpInterface.h.inc"

#endif // NABLA_INTERFACES_DIFFERENTIABLEOPINTERFACE_H

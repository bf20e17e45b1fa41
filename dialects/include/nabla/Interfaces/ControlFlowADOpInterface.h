//===- ControlFlowADOpInterface.h - AD of region and call ops ---*- C++ -*-===//
//
// Declares the op interface through which the autodiff pass differentiates
// ops with regions and calls (generated from ControlFlowADOpInterface.td).
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_INTERFACES_CONTROLFLOWADOPINTERFACE_H
#define NABLA_INTERFACES_CONTROLFLOWADOPINTERFACE_H

#include "nabla/Derivatives/ADDriver.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"

#include "nabla/Interfaces/ControlFlowADOpInterface.h.inc"

#endif // NABLA_INTERFACES_CONTROLFLOWADOPINTERFACE_H

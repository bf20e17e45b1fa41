//===- NablaDialect.h - Nabla dialect declaration ---------------*- C++ -*-===//
//
// Declares the `nabla` dialect class (generated from NablaDialect.td).
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_IR_NABLADIALECT_H
#define NABLA_IR_NABLADIALECT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Dialect.h"

#include "nabla/IR/NablaOpsDialect.h.inc"

#endif // NABLA_IR_NABLADIALECT_H

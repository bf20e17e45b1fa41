//===- Passes.h - Automatic differentiation passes --------------*- C++ -*-===//
//
// Declares the autodiff pass and the custom_vjp and per_example_grad
// expansion passes (generated from Passes.td) and their registration.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_AD_PASSES_H
#define NABLA_AD_PASSES_H

#include "nabla/IR/NablaDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::nabla {

#define GEN_PASS_DECL
#include "nabla/AD/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "nabla/AD/Passes.h.inc"

} // namespace mlir::nabla

#endif // NABLA_AD_PASSES_H

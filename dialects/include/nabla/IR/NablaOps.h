//===- NablaOps.h - Nabla dialect operations --------------------*- C++ -*-===//
//
// Declares the ops of the `nabla` dialect (generated from NablaOps.td), the
// comparison predicate enum and the native traits the ops use.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_IR_NABLAOPS_H
#define NABLA_IR_NABLAOPS_H

#include "nabla/IR/NablaDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::OpTrait::nabla {
namespace impl {
/// Verifies that the op's result shape is the NumPy broadcast of all its
/// operand shapes.
LogicalResult verifyBroadcastsOperands(Operation *op);
} // namespace impl

/// The single result's shape is the broadcast of the shapes of all operands,
/// which are ranked tensors.
template <typename ConcreteType>
class BroadcastsOperands : public TraitBase<ConcreteType, BroadcastsOperands> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return impl::verifyBroadcastsOperands(op);
  }
};

/// A function transform: names a `func.func` by its `callee` symbol and is
/// replaced by a pass before lowering. Passes find transforms with
/// `op->hasTrait<OpTrait::nabla::FunctionTransform>()`.
template <typename ConcreteType>
class FunctionTransform : public TraitBase<ConcreteType, FunctionTransform> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    if (!op->getAttrOfType<FlatSymbolRefAttr>("callee"))
      return op->emitOpError()
             << "expected a 'callee' symbol: it is a function transform";
    return success();
  }
};
} // namespace mlir::OpTrait::nabla

#include "nabla/IR/NablaOpsEnums.h.inc"

#define GET_OP_CLASSES
#include "nabla/IR/NablaOps.h.inc"

#endif // NABLA_IR_NABLAOPS_H

//===- NablaDialect.cpp - Nabla dialect registration ----------------------===//
//
// Registers the nabla ops with the dialect and materializes folded constants
// as `nabla.constant`.
//
//===----------------------------------------------------------------------===//

#include "nabla/IR/NablaDialect.h"

#include "nabla/IR/NablaOps.h"

using namespace mlir;
using namespace mlir::nabla;

#include "nabla/IR/NablaOpsDialect.cpp.inc"

void NablaDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "nabla/IR/NablaOps.cpp.inc"
      >();
}

/// Returns true if `type` is an element type nabla tensors may hold.
static bool isNablaElementType(Type type) {
  return type.isF16() || type.isBF16() || type.isF32() || type.isF64() ||
         type.isSignlessInteger(1) || type.isSignlessInteger(32) ||
         type.isSignlessInteger(64);
}

Operation *NablaDialect::materializeConstant(OpBuilder &builder,
                                             Attribute value, Type type,
                                             Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!elements || !tensorType || elements.getType() != type ||
      !isNablaElementType(tensorType.getElementType()))
    return nullptr;
  return ConstantOp::create(builder, loc, elements);
}

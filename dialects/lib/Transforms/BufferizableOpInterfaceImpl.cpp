//===- BufferizableOpInterfaceImpl.cpp - Bufferizing nabla ops ------------===//
//
// `nabla.runtime_call` is the destination-free call into the runtime: it
// reads its tensor operands and returns fresh allocations. Saying so to
// One-Shot Bufferize (no result aliases an operand) is what lets a loop
// update a carried value in place after calling anything that reaches the
// runtime; a plain `func.call` of a declaration is assumed to return
// buffers that may alias every operand.
//
//===----------------------------------------------------------------------===//

#include "nabla/Transforms/BufferizableOpInterfaceImpl.h"

#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/DialectRegistry.h"

using namespace mlir;
using namespace mlir::bufferization;

namespace {

/// The buffer type a runtime function takes or returns for `type`: the
/// identity layout, as at every function boundary of the program.
static BaseMemRefType boundaryType(TensorType type) {
  if (auto ranked = dyn_cast<RankedTensorType>(type))
    return MemRefType::get(ranked.getShape(), ranked.getElementType());
  return UnrankedMemRefType::get(type.getElementType(), Attribute());
}

struct RuntimeCallOpInterface
    : BufferizableOpInterface::ExternalModel<RuntimeCallOpInterface,
                                             nabla::RuntimeCallOp> {
  bool bufferizesToMemoryRead(Operation *, OpOperand &,
                              const AnalysisState &) const {
    return true;
  }

  bool bufferizesToMemoryWrite(Operation *, OpOperand &,
                               const AnalysisState &) const {
    return false;
  }

  AliasingValueList getAliasingValues(Operation *, OpOperand &,
                                      const AnalysisState &) const {
    return {};
  }

  bool bufferizesToAllocation(Operation *, Value) const { return true; }

  FailureOr<BufferLikeType> getBufferType(Operation *, Value value,
                                          const BufferizationOptions &,
                                          const BufferizationState &,
                                          SmallVector<Value> &) const {
    return cast<BufferLikeType>(
        boundaryType(cast<TensorType>(value.getType())));
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options,
                          BufferizationState &state) const {
    auto call = cast<nabla::RuntimeCallOp>(op);
    if (!call.getStringArgs().empty())
      return call.emitOpError(
          "string arguments must be lowered before bufferization");
    SmallVector<Value> operands;
    for (Value operand : call.getOperands()) {
      auto tensorType = dyn_cast<TensorType>(operand.getType());
      if (!tensorType) {
        operands.push_back(operand);
        continue;
      }
      FailureOr<Value> buffer = getBuffer(rewriter, operand, options, state);
      if (failed(buffer))
        return failure();
      Value v = *buffer;
      BaseMemRefType want = boundaryType(tensorType);
      if (v.getType() != want) {
        auto ranked = dyn_cast<MemRefType>(want);
        if (!ranked) {
          v = memref::CastOp::create(rewriter, op->getLoc(), want, v);
        } else {
          // A strided view (a slice) is copied into a contiguous buffer.
          FailureOr<Value> cast =
              castOrReallocMemRefValue(rewriter, v, ranked, options);
          if (failed(cast))
            return failure();
          v = *cast;
        }
      }
      operands.push_back(v);
    }
    SmallVector<Type> resultTypes;
    for (Type t : call.getResultTypes()) {
      if (auto tensorType = dyn_cast<TensorType>(t))
        resultTypes.push_back(boundaryType(tensorType));
      else
        resultTypes.push_back(t);
    }
    auto newCall = func::CallOp::create(
        rewriter, op->getLoc(), call.getCallee(), resultTypes, operands);
    replaceOpWithBufferizedValues(rewriter, op, newCall.getResults());
    return success();
  }
};

} // namespace

void mlir::nabla::registerBufferizableOpInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, NablaDialect *) {
    RuntimeCallOp::attachInterface<RuntimeCallOpInterface>(*context);
  });
}

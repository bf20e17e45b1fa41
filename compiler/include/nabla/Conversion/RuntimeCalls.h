//===- RuntimeCalls.h - Building calls into the runtime ---------*- C++ -*-===//
//
// Helpers shared by the lowerings that call `nrt_*` functions: declarations
// with a C interface, string constants, and run-time error reports that
// name the source location.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_CONVERSION_RUNTIMECALLS_H
#define NABLA_CONVERSION_RUNTIMECALLS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::nabla {

/// Declares (once) the runtime function `name` with a C interface; its
/// tensor arguments are marked read-only for bufferization.
func::FuncOp declareRuntime(OpBuilder &b, ModuleOp module, StringRef name,
                            TypeRange inputs, TypeRange results);

/// Marks the tensor arguments of `f` read-only for bufferization: the
/// runtime only reads the tensors it is given.
void markArgumentsReadOnly(func::FuncOp f);

/// The type of a string constant: `tensor<?xi8>`.
Type stringType(OpBuilder &b);

/// `text` as a `tensor<?xi8>` constant.
Value stringTensor(OpBuilder &b, Location loc, StringRef text);

/// The runtime's name for an element type: f32, f64, i32, i64 or i1.
std::string elementSuffix(Type type);

/// `file:line:col` of the source position `loc` refers to (looking through
/// names, call sites and fused locations), or "" when it has none.
std::string locationText(Location loc);

/// Emits `if (!ok) nrt_check_failed(where, message, values)`: the program
/// stops with `<where>: error: <message>`, where each `{i}` in `message` is
/// replaced by `values[i]` (index or integer scalars). `where` is the
/// source location of `loc`.
void emitRuntimeCheck(OpBuilder &b, Location loc, Value ok, StringRef message,
                      ValueRange values);

} // namespace mlir::nabla

#endif // NABLA_CONVERSION_RUNTIMECALLS_H

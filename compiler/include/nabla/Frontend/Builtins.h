//===- Builtins.h - Builtin functions of the Nabla language -----*- C++ -*-===//
//
// The builtin functions known to Sema and MLIRGen, looked up by name once.
// Their type rules live in SemaBuiltins.cpp, their IR in MLIRGenBuiltins.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_FRONTEND_BUILTINS_H
#define NABLA_FRONTEND_BUILTINS_H

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace nabla {

enum class BuiltinId {
  // Elementwise math.
  Relu,
  Exp,
  Log,
  Tanh,
  Sigmoid,
  Sqrt,
  Rsqrt,
  Sin,
  Cos,
  Floor,
  Round,
  Abs,
  Sign,
  IsNan,
  IsInf,
  IsFinite,
  Maximum,
  Minimum,
  Where,
  // Reductions.
  Sum,
  Mean,
  Max,
  Min,
  Argmax,
  // Shapes and data movement.
  Reshape,
  Transpose,
  Concat,
  Take,
  DimOf,
  OneHot,
  Softmax,
  LogSoftmax,
  // Construction.
  Zeros,
  Ones,
  Full,
  ZerosLike,
  OnesLike,
  Arange,
  // Element type conversion.
  CastF32,
  CastF64,
  CastI32,
  CastI64,
  CastBool,
  // Random numbers from an explicit key.
  Key,
  Split,
  RandomNormal,
  RandomUniform,
  // Differentiation.
  Grad,
  ValueAndGrad,
  Jvp,
  Vjp,
  Hvp,
  Jacobian,
  PerExampleGrad,
  StopGradient,
  CustomVjp,
  // Input and output.
  Print,
  Save,
  Flatten,
  TreeMap,
  Unflatten,
  Load,
};

/// The builtin with this name, if any.
std::optional<BuiltinId> lookupBuiltin(llvm::StringRef name);
llvm::StringRef builtinName(BuiltinId id);

} // namespace nabla

#endif // NABLA_FRONTEND_BUILTINS_H

//===- Builtins.cpp - Builtin function names ------------------------------===//
//
// One table row per builtin: its name in source code.
//
//===----------------------------------------------------------------------===//

#include "nabla/Frontend/Builtins.h"

#include "llvm/ADT/STLExtras.h"

using namespace nabla;

namespace {
struct BuiltinEntry {
  BuiltinId id;
  const char *name;
};
} // namespace

static const BuiltinEntry kBuiltins[] = {
    {BuiltinId::Relu, "relu"},
    {BuiltinId::Exp, "exp"},
    {BuiltinId::Log, "log"},
    {BuiltinId::Tanh, "tanh"},
    {BuiltinId::Sigmoid, "sigmoid"},
    {BuiltinId::Sqrt, "sqrt"},
    {BuiltinId::Rsqrt, "rsqrt"},
    {BuiltinId::Sin, "sin"},
    {BuiltinId::Cos, "cos"},
    {BuiltinId::Floor, "floor"},
    {BuiltinId::Round, "round"},
    {BuiltinId::Abs, "abs"},
    {BuiltinId::Sign, "sign"},
    {BuiltinId::IsNan, "isnan"},
    {BuiltinId::IsInf, "isinf"},
    {BuiltinId::IsFinite, "isfinite"},
    {BuiltinId::Maximum, "maximum"},
    {BuiltinId::Minimum, "minimum"},
    {BuiltinId::Where, "where"},
    {BuiltinId::Sum, "sum"},
    {BuiltinId::Mean, "mean"},
    {BuiltinId::Max, "max"},
    {BuiltinId::Min, "min"},
    {BuiltinId::Argmax, "argmax"},
    {BuiltinId::Reshape, "reshape"},
    {BuiltinId::Transpose, "transpose"},
    {BuiltinId::Concat, "concat"},
    {BuiltinId::Take, "take"},
    {BuiltinId::DimOf, "dim"},
    {BuiltinId::OneHot, "one_hot"},
    {BuiltinId::Softmax, "softmax"},
    {BuiltinId::LogSoftmax, "log_softmax"},
    {BuiltinId::Zeros, "zeros"},
    {BuiltinId::Ones, "ones"},
    {BuiltinId::Full, "full"},
    {BuiltinId::ZerosLike, "zeros_like"},
    {BuiltinId::OnesLike, "ones_like"},
    {BuiltinId::Arange, "arange"},
    {BuiltinId::CastF32, "f32"},
    {BuiltinId::CastF64, "f64"},
    {BuiltinId::CastI32, "i32"},
    {BuiltinId::CastI64, "i64"},
    {BuiltinId::CastBool, "bool"},
    {BuiltinId::Key, "key"},
    {BuiltinId::Split, "split"},
    {BuiltinId::RandomNormal, "random_normal"},
    {BuiltinId::RandomUniform, "random_uniform"},
    {BuiltinId::Grad, "grad"},
    {BuiltinId::ValueAndGrad, "value_and_grad"},
    {BuiltinId::Jvp, "jvp"},
    {BuiltinId::Vjp, "vjp"},
    {BuiltinId::Hvp, "hvp"},
    {BuiltinId::Jacobian, "jacobian"},
    {BuiltinId::PerExampleGrad, "per_example_grad"},
    {BuiltinId::StopGradient, "stop_gradient"},
    {BuiltinId::CustomVjp, "custom_vjp"},
    {BuiltinId::Print, "print"},
    {BuiltinId::Save, "save"},
    {BuiltinId::Flatten, "flatten"},
    {BuiltinId::TreeMap, "tree_map"},
    {BuiltinId::Unflatten, "unflatten"},
    {BuiltinId::Load, "load"},
};

std::optional<BuiltinId> nabla::lookupBuiltin(llvm::StringRef name) {
  for (const BuiltinEntry &entry : kBuiltins)
    if (name == entry.name)
      return entry.id;
  return std::nullopt;
}

llvm::StringRef nabla::builtinName(BuiltinId id) {
  for (const BuiltinEntry &entry : kBuiltins)
    if (entry.id == id)
      return entry.name;
  return "?";
}

//===- RuleContracts.h - Checks of derivative rules -------------*- C++ -*-===//
//
// Private to compiler/lib/AD: the checks, shared by forward and reverse mode,
// that a derivative rule keeps its contract: what a DifferentiableOpInterface
// rule builds, and the custom_jvp / custom_vjp rules a function names.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_AD_RULECONTRACTS_H
#define NABLA_LIB_AD_RULECONTRACTS_H

#include "nabla/AD/Differentiator.h"

#include <optional>

namespace mlir::nabla::ad {

/// Which rule of DifferentiableOpInterface a check is about.
enum class RuleKind {
  /// buildTangents: one tangent per result.
  Tangent,
  /// buildAdjoints: one adjoint per operand.
  Adjoint,
};

/// Checks that the `kind` rule of `op` built one value per result (tangents)
/// or per operand (adjoints): `count` of them.
LogicalResult checkRuleCount(Operation *op, RuleKind kind, size_t count);

/// Checks that the value `built` by the `kind` rule of `op` for the primal
/// result or operand `primal` has its type.
LogicalResult checkRuleType(Operation *op, RuleKind kind, Value built,
                            Value primal);

/// The custom_jvp rule of `f`, a null function if it has none; errors at
/// `requester` if it names an unknown function.
FailureOr<func::FuncOp> getCustomJvp(Differentiator &diff, func::FuncOp f,
                                     Operation *requester);

/// Reads and checks the custom_vjp rule of `f`, if it has one.
FailureOr<std::optional<VjpPair>> getCustomVjp(Differentiator &diff,
                                               func::FuncOp f);

} // namespace mlir::nabla::ad

#endif // NABLA_LIB_AD_RULECONTRACTS_H

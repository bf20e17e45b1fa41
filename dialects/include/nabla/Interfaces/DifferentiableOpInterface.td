//===- DifferentiableOpInterface.td - AD rules of an op ----*- tablegen -*-===//
//
// The interface through which the autodiff pass asks an op for its local
// derivative: a tangent rule (forward mode) and an adjoint rule (reverse
// mode). Rules live next to the ops, in dialects/lib/AD.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_INTERFACES_DIFFERENTIABLEOPINTERFACE_TD
#define NABLA_INTERFACES_DIFFERENTIABLEOPINTERFACE_TD

include "mlir/IR/OpBase.td"

def Nabla_DifferentiableOpInterface : OpInterface<"DifferentiableOpInterface"> {
  let description = [{
    An op that knows its local derivative. The primal values are the op's own
    operands and results: the autodiff pass calls a rule on the op as it
    exists in the derivative function it is building, with the insertion
    point of `builder` where the derivative code goes. A rule builds only the
    local derivative (with nabla ops, and tensor ops for slices); it never
    walks the function or looks at other ops.

    A null `Value` stands for a zero tangent or adjoint, so that rules can
    skip work for inactive values. A rule that cannot handle a case emits a
    diagnostic at the op and returns `failure()`.

    Every value a rule builds has exactly the type of the primal value it
    belongs to: a result tangent has the result's type and an operand
    adjoint the operand's type (broadcasting ops sum adjoints back over the
    broadcast axes). Integer and boolean operands never get adjoints.
  }];
  let cppNamespace = "::mlir::nabla";

  let methods = [
    InterfaceMethod<[{
      Forward mode. Given one tangent per operand (null: zero), appends one
      tangent per result to `resultTangents` (null: zero).
    }],
    "::mlir::LogicalResult", "buildTangents",
    (ins "::mlir::OpBuilder &":$builder,
         "::mlir::ArrayRef<::mlir::Value>":$operandTangents,
         "::llvm::SmallVectorImpl<::mlir::Value> &":$resultTangents)>,
    InterfaceMethod<[{
      Reverse mode. Given one adjoint per result (null: zero), appends one
      adjoint contribution per operand to `operandAdjoints` (null: no
      contribution).
    }],
    "::mlir::LogicalResult", "buildAdjoints",
    (ins "::mlir::OpBuilder &":$builder,
         "::mlir::ArrayRef<::mlir::Value>":$resultAdjoints,
         "::llvm::SmallVectorImpl<::mlir::Value> &":$operandAdjoints)>,
  ];
}

#endif // NABLA_INTERFACES_DIFFERENTIABLEOPINTERFACE_TD

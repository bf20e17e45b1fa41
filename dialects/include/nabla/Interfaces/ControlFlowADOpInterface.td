//===- ControlFlowADOpInterface.td - AD of region ops --*- tablegen -*-===//
//
// The interface through which the autodiff driver differentiates ops with
// regions (loops, branches) and calls: activity propagation, forward mode and
// both sweeps of reverse mode. Models live in dialects/lib/AD and reach the
// driver through the callbacks of nabla/Derivatives/ADDriver.h.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_INTERFACES_CONTROLFLOWADOPINTERFACE_TD
#define NABLA_INTERFACES_CONTROLFLOWADOPINTERFACE_TD

include "mlir/IR/OpBase.td"

def Nabla_ControlFlowADOpInterface : OpInterface<"ControlFlowADOpInterface"> {
  let description = [{
    An op whose derivative is more than a local rule: its regions (or its
    callee) hold ops that must themselves be differentiated. Unlike a
    DifferentiableOpInterface rule, a model is called on the primal op and
    builds both the primal and the derivative code, handing the nested
    blocks back to the driver it is given.

    A model that cannot handle a case emits a diagnostic at the op and
    returns `failure()`.
  }];
  let cppNamespace = "::mlir::nabla";

  let methods = [
    InterfaceMethod<[{
      Activity analysis, forward: marks in `varied` the values of the op
      (region arguments, results) that depend on varied values.
    }],
    "void", "propagateVaried", (ins "::mlir::nabla::ActivitySet &":$varied)>,
    InterfaceMethod<[{
      Activity analysis, backward: marks in `useful` the values (operands,
      region arguments, yielded values) that useful values depend on.
    }],
    "void", "propagateUseful", (ins "::mlir::nabla::ActivitySet &":$useful)>,
    InterfaceMethod<[{
      Forward mode: builds at `builder` the op's primal code next to the
      tangents of its active results, mapping its results and recording
      their tangents in `driver`.
    }],
    "::mlir::LogicalResult", "emitTangents",
    (ins "::mlir::OpBuilder &":$builder,
         "::mlir::nabla::TangentDriver &":$driver)>,
    InterfaceMethod<[{
      Reverse mode, forward sweep of an op with active results: builds the
      primal code into `scope` and saves in `scope.tapes` what the reverse
      sweep needs (loop states, call residuals).
    }],
    "::mlir::LogicalResult", "emitTapedPrimal",
    (ins "::mlir::OpBuilder &":$builder,
         "::mlir::nabla::AdjointDriver &":$driver,
         "::mlir::nabla::SweepScope &":$scope)>,
    InterfaceMethod<[{
      Reverse mode, reverse sweep: given the adjoints of the op's results in
      `adjoints`, adds those of its operands and of the values its regions
      read from outside. `scope` is the forward sweep that emitTapedPrimal
      filled.
    }],
    "::mlir::LogicalResult", "emitAdjoints",
    (ins "::mlir::OpBuilder &":$builder,
         "::mlir::nabla::AdjointDriver &":$driver,
         "::mlir::nabla::SweepScope &":$scope,
         "::mlir::nabla::Adjoints &":$adjoints)>,
  ];
}

#endif // NABLA_INTERFACES_CONTROLFLOWADOPINTERFACE_TD

//===- ActivityAnalysis.h - Which values carry derivatives ------*- C++ -*-===//
//
// Decides, for one function and a set of differentiated arguments, which
// values need tangents or adjoints: those that are floats, depend on a
// differentiated argument (varied) and influence a result (useful).
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_AD_ACTIVITYANALYSIS_H
#define NABLA_AD_ACTIVITYANALYSIS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::nabla {

/// Activity of the values of one function. A value is active if it is a
/// float tensor, depends on one of the `independent` arguments and some
/// result depends on it. Integer and boolean values are never active, and
/// neither is the result of `nabla.stop_gradient`. Loop-carried values of
/// `scf.for` and `scf.while` and the results of `scf.if` are decided per
/// position: the init value, region argument, yielded value and result of a
/// position are varied or useful together.
class ActivityAnalysis {
public:
  ActivityAnalysis(func::FuncOp func, ArrayRef<int64_t> independent);

  bool isActive(Value value) const {
    return varied.contains(value) && useful.contains(value);
  }

  /// True if some result of `op` is active.
  bool hasActiveResult(Operation *op) const;

  /// The active values used inside the regions of `op` but defined outside
  /// it, in order of first use.
  SmallVector<Value> activeFreeValues(Operation *op) const;

private:
  void propagateVaried(func::FuncOp func);
  void propagateUseful(func::FuncOp func);

  llvm::DenseSet<Value> varied;
  llvm::DenseSet<Value> useful;
};

} // namespace mlir::nabla

#endif // NABLA_AD_ACTIVITYANALYSIS_H

//===- ADDriver.cpp - What control-flow AD models see of the driver -------===//
//
// Implements the parts of nabla/Derivatives/ADDriver.h that are not callbacks:
// the accumulation of adjoints.
//
//===----------------------------------------------------------------------===//

#include "nabla/Derivatives/ADDriver.h"

#include "nabla/Derivatives/ADBuilders.h"

using namespace mlir;
using namespace mlir::nabla;

ActivitySet::~ActivitySet() = default;
TangentDriver::~TangentDriver() = default;
AdjointDriver::~AdjointDriver() = default;

Value Adjoints::lookupOrZeros(OpBuilder &b, Location loc, Value value,
                              const SweepScope &scope) const {
  return ad::orZeros(b, loc, lookup(value), scope.map.lookup(value));
}

void Adjoints::add(OpBuilder &b, Location loc, Value value, Value adjoint) {
  if (!adjoint)
    return;
  Value &slot = map[value];
  slot = slot ? ad::add(b, loc, slot, adjoint) : adjoint;
}

//===- DifferentiableOpInterface.cpp - AD rules of an op ------------------===//
//
// Holds the generated definitions of DifferentiableOpInterface. The rules
// themselves are external models in dialects/lib/AD.
//
//===----------------------------------------------------------------------===//

#include "nabla/Interfaces/DifferentiableOpInterface.h"

#include "nabla/Interfaces/DifferentiableOpInterface.cpp.inc"

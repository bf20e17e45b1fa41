//===- ControlFlowADOpInterface.cpp - AD of region and call ops -----------===//
//
// Holds the generated definitions of ControlFlowADOpInterface. The models
// are external models in dialects/lib/AD.
//
//===----------------------------------------------------------------------===//

#include "nabla/Interfaces/ControlFlowADOpInterface.h"

#include "nabla/Interfaces/ControlFlowADOpInterface.cpp.inc"

// Control for DialectIncludesCompiler.cpp: a dialect source includes dialect
// headers (and, through them, MLIR and generated ones). Must compile.

#include "nabla/Derivatives/ADBuilders.h"
#include "nabla/IR/NablaOps.h"

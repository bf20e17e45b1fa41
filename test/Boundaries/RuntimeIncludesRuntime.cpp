// Control for RuntimeIncludesMLIR.cpp: a runtime source includes the
// runtime's header. Must compile.

#include "nrt/nrt.h"

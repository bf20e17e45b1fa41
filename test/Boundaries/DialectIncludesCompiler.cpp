// A dialect source that includes a compiler header. Must not compile:
// dialects/ depends on nothing in compiler/.

#include "nabla/AD/Passes.h"

//===- MainProbe.cpp - A stand-in for a compiled program ------------------===//
//
// Defines `nabla_main` as generated code would and is linked with
// libnrt_main.a and libnrt.a, like executables from `nabla build`.
//
//===----------------------------------------------------------------------===//

#include "nrt/nrt.h"

#include <cstdio>
#include <cstring>

extern "C" void nabla_main(void) {
  int64_t epochs = nrt_arg_i64("epochs", 6, 10);
  double lr = nrt_arg_f64("lr", 2, 0.01);
  char line[64];
  int n = std::snprintf(line, sizeof(line), "epochs=%lld lr=%g",
                        static_cast<long long>(epochs), lr);
  nrt_print_text(line, n);
  nrt_print_newline();
}

//===- Main.cpp - The entry point of AOT executables ----------------------===//
//
// `main` for executables built by `nabla build`: hands the arguments to the
// runtime, reports faults as errors, runs the program's `nabla_main` (which
// usually checks its options first), then rejects options it never asked
// for. Built into its own library, libnrt_main.a.
//
//===----------------------------------------------------------------------===//

#include "nrt/nrt.h"

#include <cstdio>

extern "C" void nabla_main(void);

int main(int argc, char **argv) {
  nrt_install_fault_handlers();
  nrt_set_args(argc, argv);
  nabla_main();
  nrt_args_check();
  std::fflush(stdout);
  return 0;
}

//===- nrt.h - Nabla runtime C ABI ------------------------------*- C++ -*-===//
//
// Every entry point of the runtime: the core ABI (nrt/Core.h: conventions,
// errors, memory, printing, linear algebra, random numbers, progress, timers,
// program arguments) and files and data sets (nrt/IO.h). Include the one a
// file needs; this header is for code that wants all of it.
//
//===----------------------------------------------------------------------===//

#ifndef NRT_NRT_H
#define NRT_NRT_H

#include "nrt/Core.h"
#include "nrt/IO.h"

#endif // NRT_NRT_H

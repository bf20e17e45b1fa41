//===- Memory.cpp - Aligned allocation ------------------------------------===//
//
// nrt_alloc / nrt_free: 64-byte aligned buffers that plain free() releases,
// so generated code can deallocate what the runtime returns.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <cerrno>
#include <cstdlib>
#include <malloc.h>

namespace {
/// Training loops allocate and free the same large buffers every step. By
/// default glibc serves those with fresh mmap()s (and trims freed heap), so
/// every step pays page faults; keeping freed memory in the heap avoids it.
struct KeepFreedMemory {
  KeepFreedMemory() {
    mallopt(M_MMAP_THRESHOLD, 512 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
  }
} keepFreedMemory;
} // namespace

extern "C" void *nrt_alloc(int64_t bytes) {
  if (bytes < 0)
    nrt_fatal("cannot allocate a negative number of bytes (%lld)",
              static_cast<long long>(bytes));
  size_t size = bytes == 0 ? 1 : static_cast<size_t>(bytes);
  void *ptr = nullptr;
  int err = posix_memalign(&ptr, 64, size);
  if (err != 0 || !ptr)
    nrt_fatal("out of memory: cannot allocate %lld bytes",
              static_cast<long long>(bytes));
  return ptr;
}

extern "C" void nrt_free(void *ptr) { std::free(ptr); }

NRT_CIFACE_ALIAS(void *, nrt_alloc, (int64_t bytes))
NRT_CIFACE_ALIAS(void, nrt_free, (void *ptr))

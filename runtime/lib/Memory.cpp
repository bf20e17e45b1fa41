//===- Memory.cpp - Aligned allocation ------------------------------------===//
//
// nrt_alloc / nrt_free: 64-byte aligned buffers that plain free() also
// releases, recycled by size; generated code allocates through the same
// cache.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <vector>

// Under AddressSanitizer the cache is bypassed: a recycled block would hide
// a use after free, the rounding to 64 bytes would hide small overflows, and
// the cache's own bookkeeping would keep leaked buffers reachable from LSan.
#if defined(__SANITIZE_ADDRESS__)
#define NRT_BUFFER_CACHE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NRT_BUFFER_CACHE 0
#endif
#endif
#ifndef NRT_BUFFER_CACHE
#define NRT_BUFFER_CACHE 1
#endif

namespace {
/// Training loops allocate and free buffers of the same sizes every step.
/// Freed buffers are kept per size and handed out again, so a step pays
/// neither malloc nor the page faults of fresh memory. Blocks come from
/// posix_memalign, so free() on them stays valid.
class BufferCache {
public:
  void *allocate(size_t bytes) {
    if (!NRT_BUFFER_CACHE) {
      void *p = nullptr;
      return posix_memalign(&p, 64, bytes ? bytes : 1) == 0 ? p : nullptr;
    }
    size_t size = roundUp(bytes);
    {
      std::lock_guard<std::mutex> lock(mutex);
      auto it = freeLists.find(size);
      if (it != freeLists.end() && !it->second.empty()) {
        void *p = it->second.back();
        it->second.pop_back();
        cachedBytes -= size;
        sizes[p] = size;
        return p;
      }
    }
    void *p = nullptr;
    if (posix_memalign(&p, 64, size) != 0)
      return nullptr;
    std::lock_guard<std::mutex> lock(mutex);
    sizes[p] = size;
    return p;
  }

  void release(void *p) {
    if (!p)
      return;
    if (!NRT_BUFFER_CACHE) {
      std::free(p);
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mutex);
      auto it = sizes.find(p);
      if (it != sizes.end()) {
        size_t size = it->second;
        sizes.erase(it);
        if (cachedBytes + size <= kMaxCachedBytes) {
          freeLists[size].push_back(p);
          cachedBytes += size;
          return;
        }
      }
    }
    std::free(p);
  }

private:
  static constexpr size_t kMaxCachedBytes = size_t(1) << 30;
  static size_t roundUp(size_t bytes) {
    return bytes == 0 ? 64 : (bytes + 63) / 64 * 64;
  }
  std::mutex mutex;
  std::unordered_map<void *, size_t> sizes;
  std::unordered_map<size_t, std::vector<void *>> freeLists;
  size_t cachedBytes = 0;
};

BufferCache &cache() {
  static BufferCache *instance = new BufferCache(); // lives until exit
  return *instance;
}
} // namespace

// Generated code allocates and frees buffers through these (the memref
// lowering runs with use-generic-functions).
extern "C" NRT_API void *_mlir_memref_to_llvm_alloc(size_t bytes) {
  void *p = cache().allocate(bytes);
  if (!p)
    nrt_fatal("out of memory: cannot allocate %zu bytes", bytes);
  return p;
}

extern "C" NRT_API void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment,
                                                            size_t bytes) {
  if (alignment > 64)
    nrt_fatal("internal error: alignment %zu is not supported", alignment);
  return _mlir_memref_to_llvm_alloc(bytes);
}

extern "C" NRT_API void _mlir_memref_to_llvm_free(void *p) {
  cache().release(p);
}

extern "C" void *nrt_alloc(int64_t bytes) {
  if (bytes < 0)
    nrt_fatal("cannot allocate a negative number of bytes (%lld)",
              static_cast<long long>(bytes));
  void *ptr = cache().allocate(static_cast<size_t>(bytes));
  if (!ptr)
    nrt_fatal("out of memory: cannot allocate %lld bytes",
              static_cast<long long>(bytes));
  return ptr;
}

extern "C" void nrt_free(void *ptr) { cache().release(ptr); }

NRT_CIFACE_ALIAS(void *, nrt_alloc, (int64_t bytes))
NRT_CIFACE_ALIAS(void, nrt_free, (void *ptr))

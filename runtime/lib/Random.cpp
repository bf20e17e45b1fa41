//===- Random.cpp - Counter-based random numbers (Philox-4x32-10) ---------===//
//
// Philox-4x32-10 (Salmon et al., SC'11): every random value is a pure
// function of (key, element index), so results do not depend on threads,
// order of evaluation or target. The exact derivations are in nrt.h.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <cmath>
#include <utility>

using namespace nrt;

namespace {
struct Block {
  uint32_t w[4];
};
} // namespace

static inline Block philox(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3,
                           uint32_t k0, uint32_t k1) {
  constexpr uint32_t kMul0 = 0xD2511F53u, kMul1 = 0xCD9E8D57u;
  constexpr uint32_t kWeyl0 = 0x9E3779B9u, kWeyl1 = 0xBB67AE85u;
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += kWeyl0;
      k1 += kWeyl1;
    }
    uint64_t p0 = static_cast<uint64_t>(kMul0) * c0;
    uint64_t p1 = static_cast<uint64_t>(kMul1) * c2;
    uint32_t hi0 = static_cast<uint32_t>(p0 >> 32),
             lo0 = static_cast<uint32_t>(p0);
    uint32_t hi1 = static_cast<uint32_t>(p1 >> 32),
             lo1 = static_cast<uint32_t>(p1);
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
  }
  return {{c0, c1, c2, c3}};
}

/// The block for element `index` of key `key` in stream `stream` (counter
/// word 2): 0 for tensor elements, 1 for fold-in, 2 for permutations.
static inline Block blockFor(int64_t key, int64_t index, uint32_t stream) {
  uint64_t k = static_cast<uint64_t>(key), i = static_cast<uint64_t>(index);
  return philox(static_cast<uint32_t>(i), static_cast<uint32_t>(i >> 32),
                stream, 0, static_cast<uint32_t>(k),
                static_cast<uint32_t>(k >> 32));
}

static constexpr double kTwoPi = 6.283185307179586476925286766559;

static inline float uniformF32(const Block &b) {
  return static_cast<float>(b.w[0] >> 8) * 0x1.0p-24f;
}

static inline float normalF32(const Block &b) {
  double u1 = (static_cast<double>(b.w[0] >> 8) + 1.0) * 0x1.0p-24;
  double u2 = static_cast<double>(b.w[1] >> 8) * 0x1.0p-24;
  return static_cast<float>(std::sqrt(-2.0 * std::log(u1)) *
                            std::cos(kTwoPi * u2));
}

static inline uint64_t bits(uint32_t lo, uint32_t hi) {
  return (static_cast<uint64_t>(hi) << 32) | lo;
}

static inline double uniformF64(const Block &b) {
  return static_cast<double>(bits(b.w[0], b.w[1]) >> 11) * 0x1.0p-53;
}

static inline double normalF64(const Block &b) {
  double u1 =
      (static_cast<double>(bits(b.w[0], b.w[1]) >> 11) + 1.0) * 0x1.0p-53;
  double u2 = static_cast<double>(bits(b.w[2], b.w[3]) >> 11) * 0x1.0p-53;
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
}

extern "C" void nrt_philox4x32_10(const uint32_t counter[4],
                                  const uint32_t key[2], uint32_t out[4]) {
  Block b =
      philox(counter[0], counter[1], counter[2], counter[3], key[0], key[1]);
  for (int i = 0; i < 4; ++i)
    out[i] = b.w[i];
}

extern "C" int64_t nrt_rng_fold_in(int64_t key, int64_t data) {
  Block b = blockFor(key, data, 1);
  return static_cast<int64_t>(bits(b.w[0], b.w[1]));
}

extern "C" float nrt_philox_uniform_f32(int64_t key, int64_t index) {
  return uniformF32(blockFor(key, index, 0));
}
extern "C" float nrt_philox_normal_f32(int64_t key, int64_t index) {
  return normalF32(blockFor(key, index, 0));
}
extern "C" double nrt_philox_uniform_f64(int64_t key, int64_t index) {
  return uniformF64(blockFor(key, index, 0));
}
extern "C" double nrt_philox_normal_f64(int64_t key, int64_t index) {
  return normalF64(blockFor(key, index, 0));
}

NRT_CIFACE_ALIAS(int64_t, nrt_rng_fold_in, (int64_t key, int64_t data))
NRT_CIFACE_ALIAS(float, nrt_philox_uniform_f32, (int64_t key, int64_t index))
NRT_CIFACE_ALIAS(float, nrt_philox_normal_f32, (int64_t key, int64_t index))
NRT_CIFACE_ALIAS(double, nrt_philox_uniform_f64, (int64_t key, int64_t index))
NRT_CIFACE_ALIAS(double, nrt_philox_normal_f64, (int64_t key, int64_t index))

template <typename T, typename Gen>
static void fill(int64_t key, NrtUnrankedMemRef *out, Gen gen) {
  StridedView view = viewOf(out, sizeof(T));
  forEachElement(view, [&](char *elem, int64_t i) {
    T value = gen(blockFor(key, i, 0));
    std::memcpy(elem, &value, sizeof(T));
  });
}

/// `_mlir_ciface_nrt_random_<KIND>_<SUFFIX>`: fills a memref of T with the
/// numbers GEN draws from the key.
#define NRT_DEFINE_RANDOM_FILL(KIND, SUFFIX, T, GEN)                           \
  extern "C" void _mlir_ciface_nrt_random_##KIND##_##SUFFIX(                   \
      int64_t key, NrtUnrankedMemRef *out) {                                   \
    fill<T>(key, out, GEN);                                                    \
  }
NRT_DEFINE_RANDOM_FILL(uniform, f32, float, uniformF32)
NRT_DEFINE_RANDOM_FILL(normal, f32, float, normalF32)
NRT_DEFINE_RANDOM_FILL(uniform, f64, double, uniformF64)
NRT_DEFINE_RANDOM_FILL(normal, f64, double, normalF64)

template <typename T>
static void permutation(int64_t key, NrtUnrankedMemRef *out) {
  StridedView view = viewOf(out, sizeof(T));
  if (view.rank != 1)
    nrt_fatal("internal error: random permutation into a rank-%lld tensor "
              "(expected rank 1)",
              static_cast<long long>(view.rank));
  int64_t n = view.sizes[0];
  std::vector<T> perm(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i)
    perm[i] = static_cast<T>(i);
  for (int64_t i = n - 1; i > 0; --i) {
    Block b = blockFor(key, i, 2);
    unsigned __int128 product =
        static_cast<unsigned __int128>(bits(b.w[0], b.w[1])) *
        static_cast<uint64_t>(i + 1);
    int64_t j = static_cast<int64_t>(product >> 64);
    std::swap(perm[i], perm[j]);
  }
  scatterContiguous(perm.data(), view);
}

extern "C" void
_mlir_ciface_nrt_random_permutation_i32(int64_t key, NrtUnrankedMemRef *out) {
  permutation<int32_t>(key, out);
}
extern "C" void
_mlir_ciface_nrt_random_permutation_i64(int64_t key, NrtUnrankedMemRef *out) {
  permutation<int64_t>(key, out);
}

//===- Numerics.cpp - Reports of NaN and Inf for --check-numerics ---------===//
//
// Programs built with `--check-numerics` count the NaN and Inf of every
// float tensor they compute; the first tensor that has any is reported
// with where it came from, a summary of it and of its inputs, then the
// program exits with status 1.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>

namespace {

/// Counts of a tensor's non-finite elements and the range of the finite
/// ones.
struct Summary {
  int64_t elements = 0, nans = 0, infs = 0, first = -1;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
};

template <typename T>
Summary summarize(const NrtUnrankedMemRef *m, bool isFloat) {
  Summary s;
  nrt::StridedView view = nrt::viewOf(m, sizeof(T));
  s.elements = view.numElements();
  nrt::forEachElement(view, [&](char *p, int64_t i) {
    double v = static_cast<double>(*reinterpret_cast<T *>(p));
    if (isFloat && std::isnan(v)) {
      ++s.nans;
    } else if (isFloat && std::isinf(v)) {
      ++s.infs;
    } else {
      s.min = std::min(s.min, v);
      s.max = std::max(s.max, v);
      return;
    }
    if (s.first < 0)
      s.first = i;
  });
  return s;
}

/// `[i, j, ...]` of the row-major element `index` of a tensor of `shape`.
std::string indexText(const std::vector<int64_t> &shape, int64_t index) {
  std::vector<int64_t> at(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    at[d] = shape[d] ? index % shape[d] : 0;
    index = shape[d] ? index / shape[d] : 0;
  }
  std::string s = "[";
  for (size_t d = 0; d < at.size(); ++d)
    s += (d ? ", " : "") + std::to_string(at[d]);
  return s + "]";
}

std::string shapeText(const char *type, const std::vector<int64_t> &shape) {
  std::string s = std::string(type) + "[";
  for (size_t d = 0; d < shape.size(); ++d)
    s += (d ? ", " : "") + std::to_string(shape[d]);
  return s + "]";
}

template <typename T>
void describe(const NrtMemRef<char, 1> *label, const NrtUnrankedMemRef *m,
              const char *type, bool isFloat) {
  Summary s = summarize<T>(m, isFloat);
  nrt::StridedView view = nrt::viewOf(m, sizeof(T));
  std::vector<int64_t> shape = view.shape();
  std::string line = "  " + nrt::toString(label) + ": " +
                     shapeText(type, shape) + ", " + std::to_string(s.nans) +
                     " NaN, " + std::to_string(s.infs) + " Inf";
  if (s.first >= 0)
    line += ", first at " + indexText(shape, s.first);
  if (s.elements > s.nans + s.infs) {
    char range[96];
    std::snprintf(range, sizeof(range), "; finite values in [%.6g, %.6g]",
                  s.min, s.max);
    line += range;
  }
  std::fprintf(stderr, "%s\n", line.c_str());
}

} // namespace

extern "C" int64_t
_mlir_ciface_nrt_count_nonfinite_f32(NrtUnrankedMemRef *value) {
  Summary s = summarize<float>(value, true);
  return s.nans + s.infs;
}

extern "C" int64_t
_mlir_ciface_nrt_count_nonfinite_f64(NrtUnrankedMemRef *value) {
  Summary s = summarize<double>(value, true);
  return s.nans + s.infs;
}

extern "C" void _mlir_ciface_nrt_numerics_begin(NrtMemRef<char, 1> *site) {
  nrt::progressYieldLine(/*keepBar=*/true);
  std::fflush(stdout);
  std::fprintf(stderr, "%s\n", nrt::toString(site).c_str());
}

#define NRT_DESCRIBE(suffix, T, isFloat)                                       \
  extern "C" void _mlir_ciface_nrt_numerics_tensor_##suffix(                   \
      NrtMemRef<char, 1> *label, NrtUnrankedMemRef *value) {                   \
    describe<T>(label, value, #suffix, isFloat);                               \
  }
NRT_DESCRIBE(f32, float, true)
NRT_DESCRIBE(f64, double, true)
NRT_DESCRIBE(i32, int32_t, false)
NRT_DESCRIBE(i64, int64_t, false)
#undef NRT_DESCRIBE

extern "C" void _mlir_ciface_nrt_numerics_iteration(NrtMemRef<char, 1> *loop,
                                                    int64_t iteration) {
  std::fprintf(stderr, "  in iteration %" PRId64 " of %s\n", iteration,
               nrt::toString(loop).c_str());
}

extern "C" void _mlir_ciface_nrt_numerics_end(void) {
  std::fflush(stderr);
  std::exit(1);
}

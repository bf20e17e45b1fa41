//===- Print.cpp - Printing text, scalars and tensors ---------------------===//
//
// The output side of `print`: text verbatim, scalars in a short readable
// form, tensors NumPy-style on one line, summarised beyond 1000 elements.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

using namespace nrt;

/// Tensors with more elements than this are summarised.
static constexpr int64_t kSummaryThreshold = 1000;
/// Entries shown at each end of a summarised axis.
static constexpr int64_t kEdgeItems = 3;

static void emit(const char *data, size_t size) {
  progressYieldLine();
  std::fwrite(data, 1, size, stdout);
}

static void appendFloat(std::string &out, double value) {
  if (std::isnan(value)) {
    out += "nan";
    return;
  }
  if (std::isinf(value)) {
    out += value < 0 ? "-inf" : "inf";
    return;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.6g", value);
  out += buf;
  // Keep floats recognisable as floats: 3 -> 3.0.
  if (!std::strpbrk(buf, ".e"))
    out += ".0";
}

static void appendValue(std::string &out, float v) { appendFloat(out, v); }
static void appendValue(std::string &out, double v) { appendFloat(out, v); }
static void appendValue(std::string &out, int32_t v) {
  out += std::to_string(v);
}
static void appendValue(std::string &out, int64_t v) {
  out += std::to_string(v);
}
static void appendValue(std::string &out, uint8_t v) {
  out += v ? "true" : "false";
}

template <typename T>
static void appendTensor(std::string &out, const StridedView &view,
                         int64_t axis, const char *base, bool summarise) {
  if (axis == view.rank) {
    T value;
    std::memcpy(&value, base, sizeof(T));
    appendValue(out, value);
    return;
  }
  int64_t n = view.sizes[axis];
  int64_t stride = view.strides[axis] * view.elemSize;
  bool cut = summarise && n > 2 * kEdgeItems;
  out += '[';
  for (int64_t i = 0; i < n; ++i) {
    if (i > 0)
      out += ", ";
    if (cut && i == kEdgeItems) {
      out += "..., ";
      i = n - kEdgeItems;
    }
    appendTensor<T>(out, view, axis + 1, base + i * stride, summarise);
  }
  out += ']';
}

template <typename T> static void printTensor(NrtUnrankedMemRef *tensor) {
  StridedView view = viewOf(tensor, sizeof(T));
  std::string out;
  appendTensor<T>(out, view, 0, view.data,
                  view.numElements() > kSummaryThreshold);
  emit(out.data(), out.size());
}

template <typename T> static void printScalar(T value) {
  std::string out;
  appendValue(out, value);
  emit(out.data(), out.size());
}

extern "C" void nrt_print_text(const char *text, int64_t len) {
  if (len > 0)
    emit(text, static_cast<size_t>(len));
}

extern "C" void _mlir_ciface_nrt_print_text(NrtMemRef<char, 1> *text) {
  std::string s = toString(text);
  emit(s.data(), s.size());
}

extern "C" void nrt_print_newline(void) {
  emit("\n", 1);
  std::fflush(stdout);
}

extern "C" void _mlir_ciface_nrt_print_tensor_f32(NrtUnrankedMemRef *t) {
  printTensor<float>(t);
}
extern "C" void _mlir_ciface_nrt_print_tensor_f64(NrtUnrankedMemRef *t) {
  printTensor<double>(t);
}
extern "C" void _mlir_ciface_nrt_print_tensor_i32(NrtUnrankedMemRef *t) {
  printTensor<int32_t>(t);
}
extern "C" void _mlir_ciface_nrt_print_tensor_i64(NrtUnrankedMemRef *t) {
  printTensor<int64_t>(t);
}
extern "C" void _mlir_ciface_nrt_print_tensor_i1(NrtUnrankedMemRef *t) {
  printTensor<uint8_t>(t);
}

extern "C" void nrt_print_f32(float value) { printScalar(value); }
extern "C" void nrt_print_f64(double value) { printScalar(value); }
extern "C" void nrt_print_i32(int32_t value) { printScalar(value); }
extern "C" void nrt_print_i64(int64_t value) { printScalar(value); }
extern "C" void nrt_print_i1(uint8_t value) {
  printScalar(static_cast<uint8_t>(value & 1));
}

NRT_CIFACE_ALIAS(void, nrt_print_newline, (void))
NRT_CIFACE_ALIAS(void, nrt_print_f32, (float value))
NRT_CIFACE_ALIAS(void, nrt_print_f64, (double value))
NRT_CIFACE_ALIAS(void, nrt_print_i32, (int32_t value))
NRT_CIFACE_ALIAS(void, nrt_print_i64, (int64_t value))
NRT_CIFACE_ALIAS(void, nrt_print_i1, (uint8_t value))

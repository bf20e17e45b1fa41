//===- Memref.cpp - Views of memref descriptors ---------------------------===//
//
// Reading strings and strided tensors out of the descriptors that generated
// code passes, and the shape helpers the readers share.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <cstddef>
#include <string>

using namespace nrt;

std::string nrt::toString(const NrtMemRef<char, 1> *str) {
  if (!str || !str->aligned || str->sizes[0] <= 0)
    return std::string();
  const char *base = str->aligned + str->offset;
  if (str->strides[0] == 1)
    return std::string(base, static_cast<size_t>(str->sizes[0]));
  std::string out;
  out.reserve(static_cast<size_t>(str->sizes[0]));
  for (int64_t i = 0; i < str->sizes[0]; ++i)
    out.push_back(base[i * str->strides[0]]);
  return out;
}

int64_t StridedView::numElements() const {
  int64_t n = 1;
  for (int64_t i = 0; i < rank; ++i)
    n *= sizes[i];
  return n;
}

bool StridedView::isContiguous() const {
  int64_t expected = 1;
  for (int64_t i = rank - 1; i >= 0; --i) {
    if (sizes[i] != 1 && strides[i] != expected)
      return false;
    expected *= sizes[i];
  }
  return true;
}

StridedView nrt::viewOf(const NrtUnrankedMemRef *m, int64_t elemSize) {
  if (!m || !m->descriptor)
    nrt_fatal("internal error: null memref descriptor passed to the runtime");
  if (m->rank < 0)
    nrt_fatal("internal error: memref of negative rank %lld passed to the "
              "runtime",
              static_cast<long long>(m->rank));
  // Every ranked descriptor starts with allocated, aligned, offset, then
  // rank sizes and rank strides. The sizes and strides are addressed from
  // the start of the descriptor: indexing NrtMemRef<char, 1>::sizes past its
  // one element would be undefined behaviour (and UBSan says so).
  using Descriptor = NrtMemRef<char, 1>;
  auto *desc = static_cast<Descriptor *>(m->descriptor);
  auto *words = reinterpret_cast<const int64_t *>(
      static_cast<const char *>(m->descriptor) + offsetof(Descriptor, sizes));
  StridedView view;
  view.rank = m->rank;
  view.elemSize = elemSize;
  view.data = desc->aligned + desc->offset * elemSize;
  view.sizes = words;
  view.strides = words + m->rank;
  for (int64_t i = 0; i < view.rank; ++i)
    if (view.sizes[i] < 0)
      nrt_fatal("internal error: memref with negative size %lld passed to "
                "the runtime",
                static_cast<long long>(view.sizes[i]));
  return view;
}

void nrt::gatherContiguous(const StridedView &src, void *dst) {
  char *out = static_cast<char *>(dst);
  if (src.isContiguous()) {
    std::memcpy(out, src.data,
                static_cast<size_t>(src.numElements() * src.elemSize));
    return;
  }
  size_t size = static_cast<size_t>(src.elemSize);
  forEachElement(src, [&](char *elem, int64_t i) {
    std::memcpy(out + i * src.elemSize, elem, size);
  });
}

void nrt::scatterContiguous(const void *src, const StridedView &dst) {
  const char *in = static_cast<const char *>(src);
  if (dst.isContiguous()) {
    std::memcpy(dst.data, in,
                static_cast<size_t>(dst.numElements() * dst.elemSize));
    return;
  }
  size_t size = static_cast<size_t>(dst.elemSize);
  forEachElement(dst, [&](char *elem, int64_t i) {
    std::memcpy(elem, in + i * dst.elemSize, size);
  });
}

std::string nrt::shapeString(const std::vector<int64_t> &shape) {
  std::string out = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      out += ", ";
    out += std::to_string(shape[i]);
  }
  return out + "]";
}

bool nrt::checkedByteSize(const std::vector<int64_t> &shape, int64_t elemSize,
                          int64_t &bytes) {
  int64_t n = elemSize;
  for (int64_t d : shape) {
    if (d < 0 || __builtin_mul_overflow(n, d, &n))
      return false;
  }
  if (n > (int64_t(1) << 62))
    return false;
  bytes = n;
  return true;
}

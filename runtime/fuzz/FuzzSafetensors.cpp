//===- FuzzSafetensors.cpp - libFuzzer target for the checkpoint reader ---===//
//
// Opens the input as a safetensors checkpoint; when the header validates,
// reads every tensor into each element type, as generated code would.
//
//===----------------------------------------------------------------------===//

#include "FuzzUtil.h"

#include "Json.h"
#include "nrt/nrt.h"

#include <cstdlib>
#include <cstring>
#include <vector>

namespace {
/// A row-major destination buffer of `shape` and its unranked descriptor,
/// laid out like NrtMemRef<T, rank>: allocated, aligned, offset, sizes,
/// strides.
struct Destination {
  std::vector<char> buffer;
  std::vector<int64_t> descriptor;
  NrtUnrankedMemRef memref;

  Destination(const std::vector<int64_t> &shape, int64_t elemSize) {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    buffer.resize(static_cast<size_t>(n * elemSize) + 1);
    size_t rank = shape.size();
    descriptor.resize(3 + 2 * rank);
    void *data = buffer.data();
    std::memcpy(&descriptor[0], &data, sizeof(data));
    std::memcpy(&descriptor[1], &data, sizeof(data));
    int64_t stride = 1;
    for (size_t i = rank; i-- > 0;) {
      descriptor[3 + i] = shape[i];
      descriptor[3 + rank + i] = stride;
      stride *= shape[i];
    }
    memref = {static_cast<int64_t>(rank), descriptor.data()};
  }
};
} // namespace

using ReadFn = void (*)(void *, NrtMemRef<char, 1> *, NrtUnrankedMemRef *);

static NrtMemRef<char, 1> stringRef(const std::string &s) {
  char *p = const_cast<char *>(s.data());
  return {p, p, 0, {static_cast<int64_t>(s.size())}, {1}};
}

/// Reads every tensor the (validated) header names, in every element type.
static void readAll(void *ckpt, const std::string &path, const uint8_t *data,
                    size_t size) {
  uint64_t headerLen = 0;
  for (int i = 7; i >= 0; --i)
    headerLen = (headerLen << 8) | data[i];
  std::string header(reinterpret_cast<const char *>(data) + 8,
                     static_cast<size_t>(headerLen));
  nrt::JsonValue root;
  size_t errorOffset = 0;
  std::string errorMessage;
  // The reader accepted this header, so the same parser must too.
  if (!nrt::parseJson(header, root, errorOffset, errorMessage))
    std::abort();
  static const struct {
    ReadFn read;
    int64_t elemSize;
  } kReads[] = {{_mlir_ciface_nrt_ckpt_read_f32, 4},
                {_mlir_ciface_nrt_ckpt_read_f64, 8},
                {_mlir_ciface_nrt_ckpt_read_i32, 4},
                {_mlir_ciface_nrt_ckpt_read_i64, 8},
                {_mlir_ciface_nrt_ckpt_read_i1, 1}};
  for (const auto &member : root.members) {
    if (member.first == "__metadata__")
      continue;
    if (!nrt_ckpt_has(ckpt, member.first.data(),
                      static_cast<int64_t>(member.first.size())))
      std::abort();
    std::vector<int64_t> shape;
    for (const nrt::JsonValue &d : member.second.find("shape")->items)
      shape.push_back(d.integer);
    NrtMemRef<char, 1> name = stringRef(member.first);
    for (const auto &r : kReads) {
      Destination out(shape, r.elemSize);
      nrt_fuzz::tryRead(path, [&] { r.read(ckpt, &name, &out.memref); });
    }
    // The allocating form, for rank 1 with any size.
    if (shape.size() == 1) {
      int64_t any = -1;
      NrtMemRef<int64_t, 1> expected{&any, &any, 0, {1}, {1}};
      NrtMemRef<float, 1> result = {};
      nrt_fuzz::tryRead(path, [&] {
        _mlir_ciface_nrt_ckpt_read_f32_1(&result, ckpt, &name, &expected);
      });
      nrt_free(result.allocated);
    }
  }
  // A name that is not there: the error lists the names that are.
  std::string missing = "\x01 not a tensor";
  NrtMemRef<char, 1> name = stringRef(missing);
  Destination out({}, 4);
  nrt_fuzz::tryRead(
      path, [&] { _mlir_ciface_nrt_ckpt_read_f32(ckpt, &name, &out.memref); });
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string &path = nrt_fuzz::writeInput(data, size);
  void *ckpt = nullptr;
  if (!nrt_fuzz::tryRead(path, [&] {
        ckpt =
            nrt_ckpt_open_read(path.data(), static_cast<int64_t>(path.size()));
      }))
    return 0;
  readAll(ckpt, path, data, size);
  nrt_ckpt_close(ckpt);
  return 0;
}

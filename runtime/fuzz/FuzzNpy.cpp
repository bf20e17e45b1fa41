//===- FuzzNpy.cpp - libFuzzer target for the NPY reader ------------------===//
//
// Reads the input as an .npy file as stored, then converted to each tensor
// type a program may ask for.
//
//===----------------------------------------------------------------------===//

#include "FuzzUtil.h"

#include "nrt/TensorIO.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string &path = nrt_fuzz::writeInput(data, size);
  nrt::NpyArray array;
  if (!nrt_fuzz::tryRead(path, [&] { array = nrt::readNpy(path); }))
    return 0;
  // The conversions read the file again; the rank of the stored array lets
  // them get past the rank check to the element conversions.
  int rank = static_cast<int>(array.shape.size());
  nrt_fuzz::tryRead(path, [&] { nrt::readNpyAs<float>(path, rank); });
  nrt_fuzz::tryRead(path, [&] { nrt::readNpyAs<double>(path, rank); });
  nrt_fuzz::tryRead(path, [&] { nrt::readNpyAs<int32_t>(path, rank); });
  nrt_fuzz::tryRead(path, [&] { nrt::readNpyAs<int64_t>(path, rank); });
  nrt_fuzz::tryRead(path, [&] { nrt::readNpyAs<float>(path, rank + 1); });
  return 0;
}

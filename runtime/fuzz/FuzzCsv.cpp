//===- FuzzCsv.cpp - libFuzzer target for the CSV reader ------------------===//
//
// Reads the input as a CSV file into every element type, as 1-D and 2-D
// tensors, and checks that the shape accounts for the data.
//
//===----------------------------------------------------------------------===//

#include "FuzzUtil.h"

#include "nrt/TensorIO.h"

#include <cstdlib>

template <typename T> static void readAs(const std::string &path, int rank) {
  nrt_fuzz::tryRead(path, [&] {
    nrt::Array<T> array = nrt::readCsv<T>(path, rank);
    if (static_cast<int>(array.shape.size()) != rank || !array.data)
      std::abort();
  });
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string &path = nrt_fuzz::writeInput(data, size);
  readAs<float>(path, 2);
  readAs<float>(path, 1);
  readAs<double>(path, 2);
  readAs<int32_t>(path, 2);
  readAs<int64_t>(path, 1);
  return 0;
}

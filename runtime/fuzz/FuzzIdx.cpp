//===- FuzzIdx.cpp - libFuzzer target for the IDX reader ------------------===//
//
// Built twice: nrt-fuzz-idx writes the input as the file (plain IDX, or gzip
// streams that mutations corrupt); nrt-fuzz-idx-gz (NRT_FUZZ_GZIP) gzips it
// first, so the IDX parser is fuzzed behind valid gzip framing.
//
//===----------------------------------------------------------------------===//

#include "FuzzUtil.h"

#include "nrt/TensorIO.h"

#include <cstdlib>
#include <zlib.h>

#ifndef NRT_FUZZ_GZIP
#define NRT_FUZZ_GZIP 0
#endif

/// `data` as one gzip member. The stream is kept from input to input: a
/// fresh one would cost a quarter megabyte of allocation each time.
static std::string gzip(const uint8_t *data, size_t size) {
  static z_stream z;
  static bool initialized = false;
  if (!initialized) {
    // windowBits 15 + 16 asks for a gzip header and trailer.
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
      std::abort();
    initialized = true;
  } else if (deflateReset(&z) != Z_OK) {
    std::abort();
  }
  std::string out(deflateBound(&z, size), '\0');
  z.next_in = const_cast<Bytef *>(data);
  z.avail_in = static_cast<uInt>(size);
  z.next_out = reinterpret_cast<Bytef *>(&out[0]);
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END)
    std::abort();
  out.resize(z.total_out);
  return out;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string path;
  if (NRT_FUZZ_GZIP) {
    std::string file = gzip(data, size);
    path = nrt_fuzz::writeInput(reinterpret_cast<const uint8_t *>(file.data()),
                                file.size());
  } else {
    path = nrt_fuzz::writeInput(data, size);
  }
  // Programs read labels (rank 1) and images (rank 3); the generic reader
  // takes the other ranks. The rank asked for is the one in the magic
  // number, so that mutations reach every reader; for a gzip stream, which
  // hides it, both of the programs' readers try.
  bool gzipped =
      !NRT_FUZZ_GZIP && size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
  int rank = size >= 4 ? data[3] : 0;
  if (gzipped || rank == 1)
    nrt_fuzz::tryRead(path, [&] { nrt::readIdxLabels(path, 10); });
  if (gzipped || rank == 3)
    nrt_fuzz::tryRead(path, [&] { nrt::readIdxImages(path); });
  if (!gzipped && rank != 1 && rank != 3)
    nrt_fuzz::tryRead(path, [&] { nrt::readIdxUbyte(path, rank); });
  return 0;
}

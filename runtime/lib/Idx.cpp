//===- Idx.cpp - IDX files and the Fashion-MNIST loader -------------------===//
//
// Reads unsigned-byte IDX arrays (the MNIST format), gzipped or plain,
// validating the magic number, the rank, and the sizes against the data.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <mutex>
#include <thread>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

using namespace nrt;

#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
// The fuzzers (runtime/fuzz) use tiny buffers, so that their short inputs
// go through the growth loop and zlib's refills, and no input pays for
// large allocations.
static constexpr int64_t kInitialCapacity = 16;
static constexpr unsigned kGzBufferSize = 64;
#else
/// The most memory an IDX read allocates before the data confirms the size
/// in the header.
static constexpr int64_t kInitialCapacity = int64_t(64) << 20;
/// zlib's input buffer: the data sets are read in few, large reads.
static constexpr unsigned kGzBufferSize = 1 << 17;
#endif

namespace {
/// A gzip (or plain) file read sequentially, tracking the uncompressed
/// offset for messages.
class GzReader {
public:
  explicit GzReader(const std::string &path) : path(path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      nrt_fatal("%s: cannot open: %s", path.c_str(),
                errnoMessage(errno).c_str());
    file = gzdopen(fd, "rb");
    if (!file) {
      ::close(fd);
      nrt_fatal("%s: cannot open: out of memory", path.c_str());
    }
    gzbuffer(file, kGzBufferSize);
  }
  ~GzReader() { gzclose(file); }

  /// Reads up to `size` bytes; returns how many were read (fewer only at
  /// the end of the data). Corrupt compressed data is fatal.
  int64_t read(void *data, int64_t size) {
    char *out = static_cast<char *>(data);
    int64_t done = 0;
    while (done < size) {
      int64_t chunk = size - done;
      if (chunk > (1 << 30))
        chunk = 1 << 30;
      int n = gzread(file, out + done, static_cast<unsigned>(chunk));
      if (n < 0 || (n == 0 && !gzeof(file)))
        checkError();
      if (n <= 0)
        break;
      done += n;
    }
    offset += done;
    return done;
  }

  int64_t position() const { return offset; }

private:
  void checkError() {
    int code = Z_OK;
    const char *msg = gzerror(file, &code);
    // Z_BUF_ERROR means the gzip stream ended early: the caller reports the
    // data as truncated.
    if (code == Z_OK || code == Z_BUF_ERROR)
      return;
    if (code == Z_ERRNO)
      nrt_fatal("%s: read error after %lld bytes of uncompressed data: %s",
                path.c_str(), static_cast<long long>(offset),
                errnoMessage(errno).c_str());
    nrt_fatal("%s: corrupt gzip data after %lld bytes of uncompressed data: %s",
              path.c_str(), static_cast<long long>(offset), msg);
  }

  std::string path;
  gzFile file = nullptr;
  int64_t offset = 0;
};
} // namespace

static uint32_t readBigEndian32(const unsigned char *p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) |
         (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

Array<uint8_t> nrt::readIdxUbyte(const std::string &path, int rank,
                                 const char *what) {
  GzReader in(path);
  unsigned char header[4 + 4 * 255];
  int64_t got = in.read(header, 4);
  if (got < 4)
    nrt_fatal("%s: truncated: expected 4 bytes of IDX magic number at offset "
              "0, found %lld",
              path.c_str(), static_cast<long long>(got));
  uint32_t magic = readBigEndian32(header);
  uint32_t expected = 0x00000800u | static_cast<uint32_t>(rank);
  if (magic != expected)
    nrt_fatal("%s: bad IDX magic number 0x%08x at offset 0 (expected 0x%08x "
              "for a %d-D unsigned byte array)",
              path.c_str(), magic, expected, rank);
  got = in.read(header + 4, 4 * rank);
  if (got < 4 * rank)
    nrt_fatal("%s: truncated: expected %d bytes of IDX dimensions at offset "
              "4, found %lld",
              path.c_str(), 4 * rank, static_cast<long long>(got));
  Array<uint8_t> array;
  for (int i = 0; i < rank; ++i)
    array.shape.push_back(readBigEndian32(header + 4 + 4 * i));
  int64_t bytes = 0;
  if (!checkedByteSize(array.shape, 1, bytes))
    nrt_fatal("%s: IDX dimensions %s at offset 4 are too large", path.c_str(),
              shapeString(array.shape).c_str());
  int64_t dataOffset = 4 + 4 * rank;
  // The header's sizes are not trusted with memory before the data is
  // there: the buffer grows as data arrives, so a corrupt header gives a
  // "truncated" error rather than an attempt to allocate terabytes.
  int64_t capacity = std::min<int64_t>(bytes, kInitialCapacity);
  array.data.reset(static_cast<uint8_t *>(nrt_alloc(capacity)));
  got = in.read(array.data.get(), capacity);
  while (got == capacity && capacity < bytes) {
    int64_t grown = std::min<int64_t>(bytes, 2 * capacity);
    std::unique_ptr<uint8_t[], FreeDeleter> bigger(
        static_cast<uint8_t *>(nrt_alloc(grown)));
    std::memcpy(bigger.get(), array.data.get(), static_cast<size_t>(got));
    array.data = std::move(bigger);
    got += in.read(array.data.get() + capacity, grown - capacity);
    capacity = grown;
  }
  if (got < bytes)
    nrt_fatal("%s: truncated: expected %lld bytes of %s at offset %lld, "
              "found %lld",
              path.c_str(), static_cast<long long>(bytes), what,
              static_cast<long long>(dataOffset), static_cast<long long>(got));
  unsigned char extra;
  if (in.read(&extra, 1) != 0)
    nrt_fatal("%s: unexpected data at offset %lld after the %lld bytes of %s "
              "that the IDX dimensions %s give",
              path.c_str(), static_cast<long long>(dataOffset + bytes),
              static_cast<long long>(bytes), what,
              shapeString(array.shape).c_str());
  return array;
}

Array<float> nrt::readIdxImages(const std::string &path) {
  Array<uint8_t> raw = readIdxUbyte(path, 3, "image data");
  // With no images the data is empty whatever the image size, so the size
  // check of readIdxUbyte passes even when rows * columns overflows.
  int64_t imageBytes = 0;
  if (!checkedByteSize({raw.shape[1], raw.shape[2]}, sizeof(float), imageBytes))
    nrt_fatal("%s: images of %lldx%lld pixels (IDX dimensions at offset 8) "
              "are too large",
              path.c_str(), static_cast<long long>(raw.shape[1]),
              static_cast<long long>(raw.shape[2]));
  Array<float> images = makeUninitializedArray<float>(
      {raw.shape[0], raw.shape[1] * raw.shape[2]});
  int64_t n = raw.numElements();
  const uint8_t *in = raw.data.get();
  float *out = images.data.get();
  for (int64_t i = 0; i < n; ++i)
    out[i] = static_cast<float>(in[i]) * (1.0f / 255.0f);
  return images;
}

Array<int32_t> nrt::readIdxLabels(const std::string &path, int numClasses) {
  Array<uint8_t> raw = readIdxUbyte(path, 1, "label data");
  Array<int32_t> labels = makeArray<int32_t>(raw.shape);
  int64_t n = raw.numElements();
  for (int64_t i = 0; i < n; ++i) {
    int label = raw.data[i];
    if (numClasses > 0 && label >= numClasses)
      nrt_fatal("%s: label %d at offset %lld is out of range (expected 0..%d)",
                path.c_str(), label, static_cast<long long>(8 + i),
                numClasses - 1);
    labels.data[i] = label;
  }
  return labels;
}

/// Reads one split and checks that its images and labels agree.
static void readSplit(const std::string &dir, const char *images,
                      const char *labels, Array<float> &x, Array<int32_t> &y) {
  std::string imagePath = dir + "/" + images;
  std::string labelPath = dir + "/" + labels;
  Array<uint8_t> raw = readIdxUbyte(imagePath, 3, "image data");
  if (raw.shape[1] != 28 || raw.shape[2] != 28)
    nrt_fatal("%s: images are %lldx%lld pixels (IDX dimensions at offset 8), "
              "expected 28x28",
              imagePath.c_str(), static_cast<long long>(raw.shape[1]),
              static_cast<long long>(raw.shape[2]));
  x = makeUninitializedArray<float>({raw.shape[0], 784});
  int64_t n = raw.numElements();
  for (int64_t i = 0; i < n; ++i)
    x.data[i] = static_cast<float>(raw.data[i]) * (1.0f / 255.0f);
  raw.data.reset();
  y = readIdxLabels(labelPath, 10);
  if (y.shape[0] != x.shape[0])
    nrt_fatal("%s: %lld labels (IDX dimension at offset 4), but %s has %lld "
              "images",
              labelPath.c_str(), static_cast<long long>(y.shape[0]),
              imagePath.c_str(), static_cast<long long>(x.shape[0]));
}

ImageDataset nrt::readFashionMnist(const std::string &dirArg) {
  std::string dir =
      dirArg.empty() ? "/usr/share/datasets/fashion-mnist" : dirArg;
  while (dir.size() > 1 && dir.back() == '/')
    dir.pop_back();
  ImageDataset data;
  readSplit(dir, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            data.trainX, data.trainY);
  readSplit(dir, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
            data.testX, data.testY);
  return data;
}

namespace {
/// A data set being read in the background while the program compiles
/// (`nabla run` starts it for the data sets a program names).
struct Prefetch {
  std::string dir;
  std::thread reader;
  ImageDataset data;
};
std::mutex prefetchMutex;
Prefetch *prefetched = nullptr;
} // namespace

extern "C" void nrt_data_fashion_mnist_prefetch(const char *const *strings,
                                                const int64_t *lengths,
                                                int64_t count) {
  std::lock_guard<std::mutex> lock(prefetchMutex);
  if (prefetched || count != 1)
    return;
  auto *p = new Prefetch();
  p->dir = std::string(strings[0], static_cast<size_t>(lengths[0]));
  p->reader = std::thread([p] { p->data = readFashionMnist(p->dir); });
  prefetched = p;
}

extern "C" void _mlir_ciface_nrt_data_fashion_mnist(NrtImageDataset *result,
                                                    NrtMemRef<char, 1> *dir) {
  std::string path = toString(dir);
  Prefetch *p = nullptr;
  {
    std::lock_guard<std::mutex> lock(prefetchMutex);
    if (prefetched && prefetched->dir == path)
      std::swap(p, prefetched);
  }
  ImageDataset data;
  if (p) {
    p->reader.join();
    data = std::move(p->data);
    delete p;
  } else {
    data = readFashionMnist(path);
  }
  setResult(&result->trainX, data.trainX);
  setResult(&result->trainY, data.trainY);
  setResult(&result->testX, data.testX);
  setResult(&result->testY, data.testY);
}

extern "C" void
_mlir_ciface_nrt_read_idx_images_f32(NrtMemRef<float, 2> *result,
                                     NrtMemRef<char, 1> *path) {
  Array<float> images = readIdxImages(toString(path));
  setResult(result, images);
}

extern "C" void
_mlir_ciface_nrt_read_idx_labels_i32(NrtMemRef<int32_t, 1> *result,
                                     NrtMemRef<char, 1> *path) {
  Array<int32_t> labels = readIdxLabels(toString(path));
  setResult(result, labels);
}

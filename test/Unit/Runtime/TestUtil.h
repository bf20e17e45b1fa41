//===- TestUtil.h - Helpers for the runtime unit tests ----------*- C++ -*-===//
//
// Temporary directories, file writing, stdout capture and memref
// descriptors built over test data.
//
//===----------------------------------------------------------------------===//

#ifndef NRT_TEST_TESTUTIL_H
#define NRT_TEST_TESTUTIL_H

#include "nrt/nrt.h"

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>
#include <zlib.h>

namespace nrt_test {

/// A fresh directory under $TMPDIR (or /tmp), removed with its contents.
class TempDir {
public:
  TempDir() {
    const char *base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base && *base ? base : "/tmp") + "/nrt-test-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data()))
      std::abort();
    dir = buf.data();
  }
  ~TempDir() {
    std::string cmd = "rm -rf '" + dir + "'";
    if (std::system(cmd.c_str()) != 0)
      std::fprintf(stderr, "cannot remove %s\n", dir.c_str());
  }
  std::string path(const std::string &name) const { return dir + "/" + name; }
  const std::string &str() const { return dir; }

private:
  std::string dir;
};

inline void writeFile(const std::string &path, const std::string &bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void writeGzip(const std::string &path, const std::string &bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

inline bool fileExists(const std::string &path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

/// Runs `fn` with stdout redirected to a file and returns what it printed.
template <typename Fn> std::string captureStdout(Fn fn) {
  std::fflush(stdout);
  char name[] = "/tmp/nrt-stdout-XXXXXX";
  int fd = mkstemp(name);
  int saved = dup(STDOUT_FILENO);
  dup2(fd, STDOUT_FILENO);
  fn();
  std::fflush(stdout);
  dup2(saved, STDOUT_FILENO);
  close(saved);
  close(fd);
  std::string out = readFile(name);
  unlink(name);
  return out;
}

/// A row-major descriptor over `data`.
template <typename T, int N>
NrtMemRef<T, N> descriptor(T *data, const std::vector<int64_t> &shape) {
  NrtMemRef<T, N> d;
  d.allocated = data;
  d.aligned = data;
  d.offset = 0;
  if constexpr (N > 0) {
    int64_t stride = 1;
    for (int i = N - 1; i >= 0; --i) {
      d.sizes[i] = shape[i];
      d.strides[i] = stride;
      stride *= shape[i];
    }
  }
  return d;
}

template <typename T, int N> NrtUnrankedMemRef unranked(NrtMemRef<T, N> &d) {
  return NrtUnrankedMemRef{N, &d};
}

/// A `memref<?xi8>` over the characters of `s` (which must outlive it).
inline NrtMemRef<char, 1> str(const std::string &s) {
  NrtMemRef<char, 1> d;
  d.allocated = const_cast<char *>(s.data());
  d.aligned = d.allocated;
  d.offset = 0;
  d.sizes[0] = static_cast<int64_t>(s.size());
  d.strides[0] = 1;
  return d;
}

/// Big-endian 32-bit integer bytes.
inline std::string be32(uint32_t v) {
  std::string s(4, '\0');
  s[0] = static_cast<char>(v >> 24);
  s[1] = static_cast<char>(v >> 16);
  s[2] = static_cast<char>(v >> 8);
  s[3] = static_cast<char>(v);
  return s;
}

} // namespace nrt_test

#endif // NRT_TEST_TESTUTIL_H

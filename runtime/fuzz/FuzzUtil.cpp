//===- FuzzUtil.cpp - Shared parts of the runtime reader fuzzers ----------===//
//
// The fatal hook that throws, and the scratch file the inputs go through.
//
//===----------------------------------------------------------------------===//

#include "FuzzUtil.h"

#include "Internal.h"

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

using namespace nrt_fuzz;

static std::string scratchPath;

static void removeScratch() { ::unlink(scratchPath.c_str()); }

[[noreturn]] static void throwReaderError(const std::string &message) {
  throw ReaderError{message};
}

// A UBSan report without a stack says little about which input path hit
// it.
extern "C" const char *__ubsan_default_options() {
  return "print_stacktrace=1";
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  nrt::setFatalHook(throwReaderError);
  // One file per process (libFuzzer's -jobs and -fork run several), in
  // $TMPDIR, else in RAM (/dev/shm): truncating a file on a disk can cost
  // more than reading it.
  const char *dir = std::getenv("TMPDIR");
  if (!dir || !*dir)
    dir = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  std::string pattern = std::string(dir) + "/nrt-fuzz-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) {
    std::perror("nrt-fuzz: cannot create a scratch file");
    std::exit(1);
  }
  ::close(fd);
  scratchPath = name.data();
  std::atexit(removeScratch);
  return 0;
}

const std::string &nrt_fuzz::writeInput(const uint8_t *data, size_t size) {
  int fd = ::open(scratchPath.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  size_t done = 0;
  while (fd >= 0 && done < size) {
    ssize_t n = ::write(fd, data + done, size - done);
    if (n <= 0)
      break;
    done += static_cast<size_t>(n);
  }
  if (fd < 0 || done != size || ::close(fd) != 0) {
    std::perror("nrt-fuzz: cannot write the scratch file");
    std::abort();
  }
  return scratchPath;
}

void nrt_fuzz::checkLocated(const std::string &path,
                            const std::string &message) {
  if (message.compare(0, path.size() + 2, path + ": ") == 0)
    return;
  std::fprintf(stderr, "nrt-fuzz: error message without the file name: %s\n",
               message.c_str());
  std::abort();
}

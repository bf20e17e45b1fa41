//===- AtomicFile.cpp - Crash-safe file replacement -----------------------===//
//
// Write to `<path>.tmp.<pid>`, fsync, rename over `path`, fsync the
// directory: a reader of `path` sees the old file or the whole new one.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

using namespace nrt;

AtomicFile::AtomicFile(std::string target) : path(std::move(target)) {
  tmpPath = path + ".tmp." + std::to_string(static_cast<long>(getpid()));
  fd = ::open(tmpPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0)
    nrt_fatal("%s: cannot create temporary file '%s': %s", path.c_str(),
              tmpPath.c_str(), errnoMessage(errno).c_str());
}

AtomicFile::~AtomicFile() {
  if (fd >= 0) {
    ::close(fd);
    ::unlink(tmpPath.c_str());
  }
}

void AtomicFile::write(const void *data, size_t size) {
  const char *p = static_cast<const char *>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      int err = errno;
      ::close(fd);
      fd = -1;
      ::unlink(tmpPath.c_str());
      nrt_fatal("%s: cannot write '%s': %s", path.c_str(), tmpPath.c_str(),
                errnoMessage(err).c_str());
    }
    p += n;
    size -= static_cast<size_t>(n);
  }
}

void AtomicFile::commit() {
  int err = 0;
  if (::fsync(fd) != 0)
    err = errno;
  if (::close(fd) != 0 && !err)
    err = errno;
  fd = -1;
  if (err) {
    ::unlink(tmpPath.c_str());
    nrt_fatal("%s: cannot write '%s': %s", path.c_str(), tmpPath.c_str(),
              errnoMessage(err).c_str());
  }
  if (::rename(tmpPath.c_str(), path.c_str()) != 0) {
    err = errno;
    ::unlink(tmpPath.c_str());
    nrt_fatal("%s: cannot rename '%s' over it: %s", path.c_str(),
              tmpPath.c_str(), errnoMessage(err).c_str());
  }
  // Make the rename itself durable.
  std::string dir = ".";
  size_t slash = path.find_last_of('/');
  if (slash != std::string::npos)
    dir = slash == 0 ? "/" : path.substr(0, slash);
  int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirFd >= 0) {
    ::fsync(dirFd);
    ::close(dirFd);
  }
}

//===- FuzzUtil.h - Shared parts of the runtime reader fuzzers --*- C++ -*-===//
//
// Errors become exceptions so that one process tries millions of inputs, and
// readers that open a path get the input as a file.
//
//===----------------------------------------------------------------------===//

#ifndef NRT_FUZZ_FUZZUTIL_H
#define NRT_FUZZ_FUZZUTIL_H

#include <cstddef>
#include <cstdint>
#include <string>

namespace nrt_fuzz {

/// What nrt_fatal throws once FuzzUtil.cpp has installed its hook.
struct ReaderError {
  std::string message;
};

/// Writes the input to this process's scratch file and returns its path.
const std::string &writeInput(const uint8_t *data, size_t size);

/// Aborts unless `message` starts with `<path>: `.
void checkLocated(const std::string &path, const std::string &message);

/// Runs `read` and returns whether it succeeded. A reader error must start
/// with `<path>: `, as every error of a file reader does; anything else
/// aborts, which libFuzzer reports as a crash.
template <typename Fn> bool tryRead(const std::string &path, Fn read) {
  try {
    read();
    return true;
  } catch (const ReaderError &error) {
    checkLocated(path, error.message);
    return false;
  }
}

} // namespace nrt_fuzz

#endif // NRT_FUZZ_FUZZUTIL_H

//===- Errors.cpp - Fatal errors ------------------------------------------===//
//
// The one way the runtime reports bad input: `error: <message>` on stderr and
// exit status 1, unless a fuzzer has installed a hook (setFatalHook).
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

static nrt::FatalHook fatalHook = nullptr;

void nrt::setFatalHook(FatalHook hook) { fatalHook = hook; }

extern "C" void nrt_fatal(const char *fmt, ...) {
  if (fatalHook) {
    va_list args, copy;
    va_start(args, fmt);
    va_copy(copy, args);
    int n = std::vsnprintf(nullptr, 0, fmt, copy);
    va_end(copy);
    std::string message(n > 0 ? static_cast<size_t>(n) : 0, '\0');
    std::vsnprintf(&message[0], message.size() + 1, fmt, args);
    va_end(args);
    fatalHook(message);
  }
  nrt::progressYieldLine(/*keepBar=*/true);
  std::fflush(stdout);
  std::fputs("error: ", stderr);
  va_list args;
  va_start(args, fmt);
  std::vfprintf(stderr, fmt, args);
  va_end(args);
  std::fputc('\n', stderr);
  std::fflush(stderr);
  std::exit(1);
}

extern "C" void nrt_fail(const char *msg, int64_t len) {
  nrt_fatal("%.*s", static_cast<int>(len < 0 ? 0 : len), msg ? msg : "");
}

extern "C" void _mlir_ciface_nrt_fail(NrtMemRef<char, 1> *msg) {
  std::string text = nrt::toString(msg);
  nrt_fatal("%s", text.c_str());
}

std::string nrt::errnoMessage(int err) { return std::strerror(err); }

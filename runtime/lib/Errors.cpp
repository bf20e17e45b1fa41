//===- Errors.cpp - Fatal errors ------------------------------------------===//
//
// The one way the runtime reports bad input: `error: <message>` on stderr and
// exit status 1, unless a fuzzer has installed a hook (setFatalHook).
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <algorithm>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

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

extern "C" void _mlir_ciface_nrt_check_failed(NrtMemRef<char, 1> *where,
                                              NrtMemRef<char, 1> *message,
                                              NrtMemRef<int64_t, 1> *values) {
  std::string place = nrt::toString(where);
  std::string format = nrt::toString(message);
  std::string text;
  for (size_t i = 0; i < format.size(); ++i) {
    size_t close = format.find('}', i);
    if (format[i] == '{' && close != std::string::npos && close > i + 1 &&
        std::all_of(format.begin() + i + 1, format.begin() + close,
                    [](char c) { return c >= '0' && c <= '9'; })) {
      int64_t k = std::strtoll(format.c_str() + i + 1, nullptr, 10);
      if (values && k < values->sizes[0]) {
        text += std::to_string(
            values->aligned[values->offset + k * values->strides[0]]);
        i = close;
        continue;
      }
    }
    text.push_back(format[i]);
  }
  nrt::progressYieldLine(/*keepBar=*/true);
  std::fflush(stdout);
  if (!place.empty())
    std::fprintf(stderr, "%s: ", place.c_str());
  std::fprintf(stderr, "error: %s\n", text.c_str());
  std::fflush(stderr);
  std::exit(1);
}

/// Writes `text` to stderr from a signal handler (no stdio, no allocation).
static void writeStderr(const char *text) {
  size_t left = std::strlen(text);
  while (left > 0) {
    ssize_t n = ::write(2, text, left);
    if (n <= 0)
      return;
    text += n;
    left -= static_cast<size_t>(n);
  }
}

static void onFault(int sig) {
  const char *what = "an unexpected signal";
  switch (sig) {
  case SIGSEGV:
    what = "invalid memory access or stack overflow (SIGSEGV)";
    break;
  case SIGBUS:
    what = "invalid memory access (SIGBUS)";
    break;
  case SIGFPE:
    what = "arithmetic fault (SIGFPE)";
    break;
  case SIGILL:
    what = "illegal instruction (SIGILL)";
    break;
  }
  // stdout may hold what the program printed before the fault.
  std::fflush(stdout);
  writeStderr("error: the program stopped: ");
  writeStderr(what);
  writeStderr("\n");
  ::_exit(1);
}

extern "C" void nrt_install_fault_handlers(void) {
  // Its own stack, so that a stack overflow is reported too.
  static char *altStack = nullptr;
  if (!altStack) {
    size_t size = 1 << 16;
    altStack = static_cast<char *>(std::malloc(size));
    stack_t ss{};
    ss.ss_sp = altStack;
    ss.ss_size = size;
    ::sigaltstack(&ss, nullptr);
  }
  struct sigaction action {};
  action.sa_handler = onFault;
  action.sa_flags = SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL})
    ::sigaction(sig, &action, nullptr);
}

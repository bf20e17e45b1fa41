//===- ProgressTest.cpp - Progress bars -----------------------------------===//
//
// Silent when stdout is not a terminal; on a pseudo-terminal, drawn with
// label, counts, rate and loss, and redrawn at most 10 times per second.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <pty.h>
#include <sys/wait.h>

using namespace nrt_test;

TEST(Progress, SilentWhenNotATerminal) {
  std::string out = captureStdout([] {
    void *bar = nrt_progress_begin(100, "train", 5);
    for (int i = 0; i < 100; ++i)
      nrt_progress_step(bar, 0.5);
    nrt_progress_end(bar);
    std::string label = "epoch 1";
    auto l = str(label);
    void *b2 = _mlir_ciface_nrt_progress_begin(0, &l);
    _mlir_ciface_nrt_progress_step(b2, std::nan(""));
    _mlir_ciface_nrt_progress_end(b2);
  });
  EXPECT_EQ(out, "");
}

/// Runs `fn` in a child whose stdout is a pseudo-terminal; returns what the
/// terminal received.
template <typename Fn> static std::string onTerminal(Fn fn) {
  int master = -1, slave = -1;
  struct winsize ws = {24, 100, 0, 0};
  if (openpty(&master, &slave, nullptr, nullptr, &ws) != 0)
    return "<no pty>";
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    close(master);
    dup2(slave, STDOUT_FILENO);
    close(slave);
    fn();
    std::fflush(stdout);
    _exit(0);
  }
  close(slave);
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = read(master, buf, sizeof(buf));
    if (n <= 0)
      break; // EIO once the child has exited
    out.append(buf, static_cast<size_t>(n));
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  return out;
}

TEST(Progress, DrawsOnATerminal) {
  std::string out = onTerminal([] {
    void *bar = nrt_progress_begin(50, "train", 5);
    for (int i = 0; i < 50; ++i) {
      usleep(6000);
      nrt_progress_step(bar, i < 25 ? 1.0 : 0.0);
      if (i == 30) {
        nrt_print_text("midway", 6);
        nrt_print_newline();
      }
    }
    nrt_progress_end(bar);
    nrt_print_text("after", 5);
    nrt_print_newline();
  });
  if (out == "<no pty>")
    GTEST_SKIP() << "no pseudo-terminals here";
  EXPECT_NE(out.find("train"), std::string::npos) << out;
  EXPECT_NE(out.find("100%"), std::string::npos) << out;
  EXPECT_NE(out.find("50/50"), std::string::npos) << out;
  EXPECT_NE(out.find("it/s"), std::string::npos) << out;
  EXPECT_NE(out.find("loss 0.5"), std::string::npos) << out; // mean loss
  EXPECT_NE(out.find("ETA"), std::string::npos) << out;
  // Printing clears the bar's line first.
  EXPECT_NE(out.find("\r\033[Kmidway"), std::string::npos) << out;
  EXPECT_NE(out.find("after"), std::string::npos) << out;
  // 50 steps over about 0.3 s: a handful of redraws, not one per step.
  size_t draws = std::count(out.begin(), out.end(), '\r');
  EXPECT_LT(draws, 20u) << out;
}

TEST(Progress, FatalErrorKeepsTheBarLine) {
  std::string out = onTerminal([] {
    if (!std::freopen("/dev/null", "w", stderr))
      std::abort();
    void *bar = nrt_progress_begin(10, "load", 4);
    nrt_progress_step(bar, 1.0);
    nrt_fatal("stop");
  });
  if (out == "<no pty>")
    GTEST_SKIP() << "no pseudo-terminals here";
  EXPECT_NE(out.find("load"), std::string::npos) << out;
  EXPECT_NE(out.find("\n"), std::string::npos) << out;
}

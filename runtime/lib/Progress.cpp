//===- Progress.cpp - Terminal progress bars ------------------------------===//
//
// A one-line progress bar with rate, ETA and mean loss, drawn only when
// stdout is a terminal and redrawn at most 10 times per second.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sys/ioctl.h>
#include <unistd.h>

using namespace nrt;

namespace {
struct ProgressBar {
  int64_t total = 0;
  int64_t done = 0;
  std::string label;
  bool tty = false;
  double start = 0;
  double lastDraw = -1;
  double lossSum = 0;
  int64_t lossCount = 0;
  int barWidth = 0; ///< fixed at the start so the line does not jump
};
} // namespace

/// The bar whose line is currently on the terminal, if any.
static ProgressBar *visibleBar = nullptr;

static constexpr double kRedrawInterval = 0.1;

void nrt::progressYieldLine(bool keepBar) {
  if (!visibleBar)
    return;
  std::fputs(keepBar ? "\n" : "\r\033[K", stdout);
  visibleBar = nullptr;
}

static int terminalWidth() {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
    return ws.ws_col;
  return 80;
}

static std::string formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0)
    return "?";
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof(buf), "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
                  s % 60);
  else
    std::snprintf(buf, sizeof(buf), "%ld:%02ld", s / 60, s % 60);
  return buf;
}

static void draw(ProgressBar &bar, double now, bool final) {
  double elapsed = now - bar.start;
  double rate = elapsed > 0 ? static_cast<double>(bar.done) / elapsed : 0;
  std::string left = bar.label.empty() ? "" : bar.label + "  ";
  char buf[128];
  std::string right;
  if (bar.total > 0) {
    std::snprintf(buf, sizeof(buf), " %lld/%lld",
                  static_cast<long long>(bar.done),
                  static_cast<long long>(bar.total));
    right += buf;
  } else {
    std::snprintf(buf, sizeof(buf), " %lld", static_cast<long long>(bar.done));
    right += buf;
  }
  std::snprintf(buf, sizeof(buf), "  %.1f it/s", rate);
  right += buf;
  if (final)
    right += "  " + formatDuration(elapsed);
  else if (bar.total > 0 && rate > 0)
    right += "  ETA " +
             formatDuration(static_cast<double>(bar.total - bar.done) / rate);
  if (bar.lossCount > 0) {
    std::snprintf(buf, sizeof(buf), "  loss %.4g",
                  bar.lossSum / static_cast<double>(bar.lossCount));
    right += buf;
  }
  std::string line = left;
  if (bar.total > 0) {
    double fraction = std::min(1.0, static_cast<double>(bar.done) /
                                        static_cast<double>(bar.total));
    std::snprintf(buf, sizeof(buf), "%3d%% ",
                  static_cast<int>(fraction * 100.0));
    line += buf;
    int barWidth = bar.barWidth;
    if (barWidth >= 5) {
      int filled = static_cast<int>(fraction * barWidth);
      line += '[';
      for (int i = 0; i < barWidth; ++i)
        line += i < filled ? '=' : (i == filled ? '>' : ' ');
      line += ']';
    }
  }
  line += right;
  int width = terminalWidth() - 1;
  if (static_cast<int>(line.size()) > width)
    line.resize(static_cast<size_t>(width));
  std::fputs("\r", stdout);
  std::fputs(line.c_str(), stdout);
  std::fputs("\033[K", stdout);
  std::fflush(stdout);
  bar.lastDraw = now;
  visibleBar = &bar;
}

extern "C" void *nrt_progress_begin(int64_t total, const char *label,
                                    int64_t len) {
  auto *bar = new ProgressBar;
  bar->total = total;
  bar->label.assign(label ? label : "", len > 0 ? static_cast<size_t>(len) : 0);
  bar->tty = isatty(STDOUT_FILENO) == 1;
  bar->start = nrt_time_seconds();
  if (bar->tty && total > 0) {
    // Room for "  42% " and the widest counts, rate, ETA and loss.
    int digits = static_cast<int>(std::to_string(total).size());
    int reserved = static_cast<int>(bar->label.size()) + 2 + 5 + 2 +
                   (2 * digits + 2) + 14 + 13 + 14;
    bar->barWidth = std::min(30, terminalWidth() - 1 - reserved);
  }
  if (bar->tty) {
    progressYieldLine();
    draw(*bar, bar->start, false);
  }
  return bar;
}

extern "C" void *_mlir_ciface_nrt_progress_begin(int64_t total,
                                                 NrtMemRef<char, 1> *label) {
  std::string text = toString(label);
  return nrt_progress_begin(total, text.data(),
                            static_cast<int64_t>(text.size()));
}

extern "C" void nrt_progress_step(void *handle, double loss) {
  auto *bar = static_cast<ProgressBar *>(handle);
  if (!bar)
    return;
  ++bar->done;
  if (!std::isnan(loss)) {
    bar->lossSum += loss;
    ++bar->lossCount;
  }
  if (!bar->tty)
    return;
  double now = nrt_time_seconds();
  if (now - bar->lastDraw >= kRedrawInterval || bar->done == bar->total)
    draw(*bar, now, false);
}

extern "C" void nrt_progress_end(void *handle) {
  auto *bar = static_cast<ProgressBar *>(handle);
  if (!bar)
    return;
  if (bar->tty) {
    draw(*bar, nrt_time_seconds(), true);
    std::fputc('\n', stdout);
    std::fflush(stdout);
  }
  if (visibleBar == bar)
    visibleBar = nullptr;
  delete bar;
}

NRT_CIFACE_ALIAS(void, nrt_progress_step, (void *bar, double loss))
NRT_CIFACE_ALIAS(void, nrt_progress_end, (void *bar))

//===- FrontendRobustnessTest.cpp - No input crashes the front end --------===//
//
// Feeds the front end thousands of mutated and truncated versions of the
// example and standard library files (fixed seed). Every one must end in
// success or in diagnostics: a crash, an abort or a failure without a
// diagnostic fails the test, a hang hits the ctest timeout.
//
//===----------------------------------------------------------------------===//

#include "nabla/Driver/Compilation.h"

#include "llvm/Support/MemoryBuffer.h"
#include "gtest/gtest.h"

#include <random>
#include <string>
#include <vector>

using namespace nabla;

static std::string readSource(const std::string &relative) {
  std::string path = std::string(NABLA_SOURCE_DIR) + "/" + relative;
  auto buffer = llvm::MemoryBuffer::getFile(path);
  EXPECT_TRUE(static_cast<bool>(buffer)) << "cannot read " << path;
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

/// Pieces of the language to splice into programs.
static const char *const kFragments[] = {"(",       ")",
                                         "[",       "]",
                                         "{",       "}",
                                         ",",       ":",
                                         ";",       ".",
                                         "..",      "->",
                                         "@",       "**",
                                         "=",       "==",
                                         "+=",      "-",
                                         "not ",    " and ",
                                         "fn ",     "let ",
                                         "var ",    "if ",
                                         "else ",   "for ",
                                         " in ",    "while ",
                                         "return ", "struct ",
                                         "import ", "extern ",
                                         "true",    "false",
                                         "\"",      "\"s\"",
                                         "#",       "\n",
                                         "0",       "-1",
                                         "1e309",   "99999999999999999999",
                                         "1.5",     "x",
                                         "B",       "f32",
                                         "i32[",    "f32[B, 784]",
                                         "grad(",   "value_and_grad(loss)",
                                         "jvp(",    "hvp(",
                                         "sum(",    "reshape(",
                                         "MLP {",   "nn.",
                                         "data.",   "_",
                                         "\xff",    "\xe2\x82\xac"};

static std::string mutate(const std::string &source, std::mt19937 &rng) {
  std::string s = source;
  auto pick = [&](size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng);
  };
  int edits = 1 + static_cast<int>(pick(4));
  for (int e = 0; e < edits; ++e) {
    switch (pick(7)) {
    case 0: // truncate
      s.resize(pick(s.size() + 1));
      break;
    case 1: { // delete a span
      size_t at = pick(s.size() + 1);
      s.erase(at, pick(40));
      break;
    }
    case 2: { // insert a fragment
      const char *f = kFragments[pick(std::size(kFragments))];
      s.insert(pick(s.size() + 1), f);
      break;
    }
    case 3: { // duplicate a span
      size_t at = pick(s.size() + 1);
      std::string span = s.substr(at, pick(60));
      s.insert(pick(s.size() + 1), span);
      break;
    }
    case 4: // flip a byte
      if (!s.empty())
        s[pick(s.size())] = static_cast<char>(pick(256));
      break;
    case 5: { // replace a digit run with another number
      size_t at = s.find_first_of("0123456789", pick(s.size() + 1));
      if (at != std::string::npos)
        s.replace(at, 1, std::to_string(pick(3000)));
      break;
    }
    default: { // swap two lines
      std::vector<std::string> lines;
      size_t start = 0;
      for (size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == '\n') {
          lines.push_back(s.substr(start, i - start));
          start = i + 1;
        }
      if (lines.size() > 1)
        std::swap(lines[pick(lines.size())], lines[pick(lines.size())]);
      s.clear();
      for (size_t i = 0; i < lines.size(); ++i)
        s += lines[i] + (i + 1 < lines.size() ? "\n" : "");
      break;
    }
    }
  }
  return s;
}

TEST(FrontendRobustnessTest, OriginalsCompile) {
  std::string stdlib = std::string(NABLA_SOURCE_DIR) + "/stdlib";
  for (const char *file : {"examples/fashion_mlp.nabla"})
    EXPECT_TRUE(runFrontendOnBuffer(readSource(file), file, stdlib, true))
        << file;
}

TEST(FrontendRobustnessTest, MutatedProgramsEndInSuccessOrDiagnostics) {
  std::string stdlib = std::string(NABLA_SOURCE_DIR) + "/stdlib";
  const char *files[] = {"examples/fashion_mlp.nabla", "stdlib/nn.nabla",
                         "stdlib/data.nabla"};
  std::mt19937 rng(20261127);
  int succeeded = 0, diagnosed = 0;
  const int perFile = 600;
  for (const char *file : files) {
    std::string source = readSource(file);
    for (int i = 0; i < perFile; ++i) {
      std::string mutated = mutate(source, rng);
      // runFrontendOnBuffer aborts if it fails without a diagnostic.
      if (runFrontendOnBuffer(mutated, file, stdlib, false))
        ++succeeded;
      else
        ++diagnosed;
    }
  }
  EXPECT_EQ(succeeded + diagnosed, perFile * 3);
  // The mutations must actually exercise the error paths.
  EXPECT_GT(diagnosed, perFile);
  std::printf("mutated programs: %d compiled, %d rejected with diagnostics\n",
              succeeded, diagnosed);
}

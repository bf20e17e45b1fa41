//===- AbiTest.cpp - The C interface as MLIR's lowering calls it ----------===//
//
// Lowers abi_program.mlir with the installed mlir-opt / mlir-translate,
// links it with libnrt_main.a and libnrt.a like `nabla build` does, runs it,
// and compares what it prints. This pins the runtime's signatures to the
// ones func-to-llvm's C interface really produces (results through a
// leading pointer, several results packed in one struct, unranked memrefs,
// i64 handles, memrefCopy). Skipped when the MLIR tools are not installed.
// The sanitized copy links the program against the ASan+UBSan runtime, so
// that it also checks these calls for memory errors and leaks.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "gtest/gtest.h"

#include <sys/wait.h>

using namespace nrt_test;

static std::string imagesIdx(uint32_t n) {
  std::string s = be32(0x803) + be32(n) + be32(28) + be32(28);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t p = 0; p < 784; ++p)
      s += static_cast<char>((i + p) % 256);
  return s;
}

static std::string labelsIdx(uint32_t n) {
  std::string s = be32(0x801) + be32(n);
  for (uint32_t i = 0; i < n; ++i)
    s += static_cast<char>(i % 10);
  return s;
}

static int run(const std::string &cmd) {
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

template <typename T, int N>
static std::string printed(std::vector<T> values, std::vector<int64_t> shape) {
  auto d = descriptor<T, N>(values.data(), shape);
  auto u = unranked(d);
  return captureStdout([&] { _mlir_ciface_nrt_print_tensor_f32(&u); });
}

TEST(Abi, CompiledMlirCallsTheRuntime) {
  std::string tools = NRT_MLIR_TOOLS_DIR;
  std::string mlirOpt = tools + "/mlir-opt";
  std::string translate = tools + "/mlir-translate";
  if (tools.empty() || !fileExists(mlirOpt) || !fileExists(translate))
    GTEST_SKIP() << "mlir-opt / mlir-translate not found in '" << tools << "'";
  TempDir dir;
  writeGzip(dir.path("train-images-idx3-ubyte.gz"), imagesIdx(4));
  writeGzip(dir.path("train-labels-idx1-ubyte.gz"), labelsIdx(4));
  writeGzip(dir.path("t10k-images-idx3-ubyte.gz"), imagesIdx(2));
  writeGzip(dir.path("t10k-labels-idx1-ubyte.gz"), labelsIdx(2));

  std::string log = dir.path("build.log");
  std::string lowered = dir.path("abi.llvm.mlir"), ir = dir.path("abi.ll"),
              exe = dir.path("abi");
  ASSERT_EQ(run(mlirOpt +
                " " NRT_TEST_SOURCE_DIR "/abi_program.mlir "
                "--expand-strided-metadata --finalize-memref-to-llvm "
                "--convert-arith-to-llvm --convert-func-to-llvm "
                "--reconcile-unrealized-casts -o " +
                lowered + " > " + log + " 2>&1"),
            0)
      << readFile(log);
  ASSERT_EQ(run(translate + " --mlir-to-llvmir " + lowered + " -o " + ir +
                " > " + log + " 2>&1"),
            0)
      << readFile(log);
  ASSERT_EQ(run(std::string(NRT_CXX_COMPILER) +
                " -O1 -Wno-override-module " NRT_LINK_FLAGS " " + ir +
                " " NRT_MAIN_LIB " " NRT_STATIC_LIB " -lz -lm -lpthread -o " +
                exe + " > " + log + " 2>&1"),
            0)
      << readFile(log);

  std::string out = dir.path("out.txt");
  int status = run(exe + " --data=" + dir.str() +
                   " --epochs 3 --out=" + dir.path("w.safetensors") +
                   " --npy=" + dir.path("a.npy") + " > " + out + " 2>&1");
  std::string got = readFile(out);
  ASSERT_EQ(status, 0) << got;

  // Pixels of images 1 and 2, columns 2..4: (image + column) / 255.
  std::vector<float> pixels, transposed(6);
  for (int i = 1; i <= 2; ++i)
    for (int c = 2; c <= 4; ++c)
      pixels.push_back(static_cast<float>(i + c) * (1.0f / 255.0f));
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 3; ++c)
      transposed[c * 2 + r] = pixels[r * 3 + c];
  int64_t key = nrt_rng_fold_in(42, 7);
  std::vector<float> normal;
  for (int i = 0; i < 4; ++i)
    normal.push_back(nrt_philox_normal_f32(key, i));
  std::string uniform =
      captureStdout([&] { nrt_print_f32(nrt_philox_uniform_f32(key, 0)); });

  std::string expected =
      "epochs: 3\n"
      "train labels: [0, 1, 2, 3]\n"
      "pixels: " +
      printed<float, 2>(pixels, {2, 3}) + "\n" +
      "transposed: " + printed<float, 2>(transposed, {3, 2}) + "\n" +
      "uniform: " + uniform + "\n" +
      "normal: " + printed<float, 2>(normal, {2, 2}) + "\n" +
      "checkpoint: " + printed<float, 2>(transposed, {3, 2}) + "\n" +
      "npy: " + printed<float, 2>(pixels, {2, 3}) + "\n";
  EXPECT_EQ(got, expected);

  // Strict mode: the program declared its options, so a typo fails at once.
  status = run(exe + " --data=" + dir.str() + " --epoch=3 > " + out + " 2>&1");
  EXPECT_EQ(status, 1);
  EXPECT_EQ(readFile(out), "error: unknown option '--epoch' (this program "
                           "accepts: --data, --out, --npy, --epochs <int>)\n");
}

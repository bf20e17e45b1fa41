//===- SafetensorsTest.cpp - Checkpoints ----------------------------------===//
//
// Round trips of every dtype, the file format as Python sees it, errors for
// missing tensors, wrong shapes and malformed headers, and a writer killed
// in the middle of writing.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "gtest/gtest.h"

#include <cmath>
#include <csignal>
#include <cstring>
#include <sys/wait.h>
#include <type_traits>

using namespace nrt_test;

static void *openWrite(const std::string &path) {
  return nrt_ckpt_open_write(path.data(), static_cast<int64_t>(path.size()));
}
static void *openRead(const std::string &path) {
  return nrt_ckpt_open_read(path.data(), static_cast<int64_t>(path.size()));
}

namespace {
/// The tensors of the round-trip checkpoint.
struct Sample {
  std::vector<float> w1Storage = {0, 1, 2, 3, 4, 5}; // 2x3, saved transposed
  std::vector<float> w1 = {0, 3, 1, 4, 2, 5};        // the 3x2 it holds
  std::vector<double> b = {0.125, -1e-300, 1e300};
  int32_t steps = 42;
  std::vector<int64_t> idx = {-1, 1LL << 40, 3, 4};
  std::vector<uint8_t> mask = {1, 0, 1};
};
} // namespace

static void writeSample(const std::string &path, Sample &s) {
  void *h = openWrite(path);
  std::string w1 = "w1", b = "layer.b", steps = "steps", idx = "idx",
              mask = "mask";
  auto nw1 = str(w1), nb = str(b), ns = str(steps), ni = str(idx),
       nm = str(mask);
  NrtMemRef<float, 2> dw1{
      s.w1Storage.data(), s.w1Storage.data(), 0, {3, 2}, {1, 3}};
  auto db = descriptor<double, 1>(s.b.data(), {3});
  auto ds = descriptor<int32_t, 0>(&s.steps, {});
  auto di = descriptor<int64_t, 2>(s.idx.data(), {2, 2});
  auto dm = descriptor<uint8_t, 1>(s.mask.data(), {3});
  auto uw1 = unranked(dw1), ub = unranked(db), us = unranked(ds),
       ui = unranked(di), um = unranked(dm);
  _mlir_ciface_nrt_ckpt_add_f32(h, &nw1, &uw1);
  _mlir_ciface_nrt_ckpt_add_f64(h, &nb, &ub);
  _mlir_ciface_nrt_ckpt_add_i32(h, &ns, &us);
  _mlir_ciface_nrt_ckpt_add_i64(h, &ni, &ui);
  _mlir_ciface_nrt_ckpt_add_i1(h, &nm, &um);
  std::string key = "epoch", value = "3";
  auto k = str(key), v = str(value);
  _mlir_ciface_nrt_ckpt_add_metadata(h, &k, &v);
  nrt_ckpt_add_metadata(h, "note", 4, "\"quoted\"\n", 9);
  _mlir_ciface_nrt_ckpt_commit(h);
}

TEST(Safetensors, RoundTripEveryDtype) {
  TempDir dir;
  std::string path = dir.path("model.safetensors");
  Sample s;
  writeSample(path, s);
  EXPECT_FALSE(fileExists(path + ".tmp." + std::to_string(getpid())));

  void *h = openRead(path);
  EXPECT_TRUE(nrt_ckpt_has(h, "w1", 2));
  EXPECT_FALSE(nrt_ckpt_has(h, "w2", 2));
  std::string w1 = "w1", b = "layer.b", steps = "steps", idx = "idx",
              mask = "mask";
  auto nw1 = str(w1), nb = str(b), ns = str(steps), ni = str(idx),
       nm = str(mask);
  EXPECT_TRUE(_mlir_ciface_nrt_ckpt_has(h, &nb));

  std::vector<float> rw1(6);
  auto dw1 = descriptor<float, 2>(rw1.data(), {3, 2});
  auto uw1 = unranked(dw1);
  _mlir_ciface_nrt_ckpt_read_f32(h, &nw1, &uw1);
  EXPECT_EQ(rw1, s.w1);

  std::vector<double> rb(3);
  auto db = descriptor<double, 1>(rb.data(), {3});
  auto ub = unranked(db);
  _mlir_ciface_nrt_ckpt_read_f64(h, &nb, &ub);
  EXPECT_EQ(rb, s.b);

  int32_t rs = 0;
  auto ds = descriptor<int32_t, 0>(&rs, {});
  auto us = unranked(ds);
  _mlir_ciface_nrt_ckpt_read_i32(h, &ns, &us);
  EXPECT_EQ(rs, 42);

  // Read into a transposed (strided) destination.
  std::vector<int64_t> ri(4);
  NrtMemRef<int64_t, 2> di{ri.data(), ri.data(), 0, {2, 2}, {1, 2}};
  auto ui = unranked(di);
  _mlir_ciface_nrt_ckpt_read_i64(h, &ni, &ui);
  EXPECT_EQ(ri, (std::vector<int64_t>{-1, 3, 1LL << 40, 4}));

  std::vector<uint8_t> rm(3, 7);
  auto dm = descriptor<uint8_t, 1>(rm.data(), {3});
  auto um = unranked(dm);
  _mlir_ciface_nrt_ckpt_read_i1(h, &nm, &um);
  EXPECT_EQ(rm, s.mask);

  // Conversions: F32 -> f64, I32 -> i64.
  std::vector<double> w1d(6);
  auto dwd = descriptor<double, 2>(w1d.data(), {3, 2});
  auto uwd = unranked(dwd);
  _mlir_ciface_nrt_ckpt_read_f64(h, &nw1, &uwd);
  EXPECT_EQ(w1d[1], 3.0);
  int64_t rs64 = 0;
  auto ds64 = descriptor<int64_t, 0>(&rs64, {});
  auto us64 = unranked(ds64);
  _mlir_ciface_nrt_ckpt_read_i64(h, &ns, &us64);
  EXPECT_EQ(rs64, 42);
  nrt_ckpt_close(h);
}

TEST(Safetensors, AllocatingReadWithExpectedShape) {
  TempDir dir;
  std::string path = dir.path("m.safetensors");
  Sample s;
  writeSample(path, s);
  void *h = openRead(path);
  std::string w1 = "w1", steps = "steps";
  auto nw1 = str(w1), ns = str(steps);
  std::vector<int64_t> expected = {-1, 2};
  auto de = descriptor<int64_t, 1>(expected.data(), {2});
  NrtMemRef<float, 2> r;
  _mlir_ciface_nrt_ckpt_read_f32_2(&r, h, &nw1, &de);
  EXPECT_EQ(r.sizes[0], 3);
  EXPECT_EQ(r.sizes[1], 2);
  EXPECT_EQ(r.strides[0], 2);
  EXPECT_EQ(std::vector<float>(r.aligned, r.aligned + 6), s.w1);
  std::free(r.allocated);
  NrtMemRef<int32_t, 0> r0;
  auto none = descriptor<int64_t, 1>(expected.data(), {0});
  _mlir_ciface_nrt_ckpt_read_i32_0(&r0, h, &ns, &none);
  EXPECT_EQ(*r0.aligned, 42);
  std::free(r0.allocated);

  expected = {3, 5};
  EXPECT_EXIT(_mlir_ciface_nrt_ckpt_read_f32_2(&r, h, &nw1, &de),
              testing::ExitedWithCode(1),
              "m.safetensors: tensor 'w1' has shape \\[3, 2\\], but the "
              "program expects \\[3, 5\\]");
  expected = {-1, -1, -1};
  auto d3 = descriptor<int64_t, 1>(expected.data(), {3});
  NrtMemRef<float, 3> r3;
  EXPECT_EXIT(_mlir_ciface_nrt_ckpt_read_f32_3(&r3, h, &nw1, &d3),
              testing::ExitedWithCode(1),
              "tensor 'w1' has shape \\[3, 2\\], but the program expects "
              "\\[\\?, \\?, \\?\\]");
  nrt_ckpt_close(h);
}

TEST(Safetensors, MissingTensorAndWrongShape) {
  TempDir dir;
  std::string path = dir.path("model.safetensors");
  Sample s;
  writeSample(path, s);
  void *h = openRead(path);
  std::string w3 = "w3", w1 = "w1";
  auto n3 = str(w3), n1 = str(w1);
  std::vector<float> buf(6);
  auto d = descriptor<float, 2>(buf.data(), {2, 3});
  auto u = unranked(d);
  EXPECT_EXIT(_mlir_ciface_nrt_ckpt_read_f32(h, &n3, &u),
              testing::ExitedWithCode(1),
              "error: .*/model.safetensors: no tensor named 'w3' \\(it has: "
              "idx, layer.b, steps, w1, mask\\)");
  EXPECT_EXIT(_mlir_ciface_nrt_ckpt_read_f32(h, &n1, &u),
              testing::ExitedWithCode(1),
              "error: .*/model.safetensors: tensor 'w1' has shape \\[3, 2\\], "
              "but the program expects \\[2, 3\\]");
  auto d32 =
      descriptor<int32_t, 2>(reinterpret_cast<int32_t *>(buf.data()), {3, 2});
  auto u32 = unranked(d32);
  EXPECT_EXIT(_mlir_ciface_nrt_ckpt_read_i32(h, &n1, &u32),
              testing::ExitedWithCode(1),
              "tensor 'w1' has dtype F32, which cannot be read as i32");
  nrt_ckpt_close(h);
  EXPECT_EXIT(openRead(dir.path("absent.safetensors")),
              testing::ExitedWithCode(1),
              "absent.safetensors: cannot open: No such file or directory");
}

TEST(Safetensors, DuplicateNameWhenWriting) {
  TempDir dir;
  std::string path = dir.path("d.safetensors");
  auto saveTwice = [&] {
    void *h = openWrite(path);
    float v = 1;
    auto d = descriptor<float, 0>(&v, {});
    auto u = unranked(d);
    std::string n = "w";
    auto ns = str(n);
    _mlir_ciface_nrt_ckpt_add_f32(h, &ns, &u);
    _mlir_ciface_nrt_ckpt_add_f32(h, &ns, &u);
  };
  EXPECT_EXIT(saveTwice(), testing::ExitedWithCode(1),
              "d.safetensors: tensor 'w' is saved twice");
}

TEST(Safetensors, FileFormatSeenFromPython) {
  if (!fileExists("/usr/bin/python3"))
    GTEST_SKIP() << "/usr/bin/python3 is missing";
  TempDir dir;
  std::string path = dir.path("model.safetensors");
  Sample s;
  writeSample(path, s);
  writeFile(
      dir.path("expected.json"),
      R"({"w1": {"dtype": "F32", "shape": [3, 2], "values": [0, 3, 1, 4, 2, 5]},
                "layer.b": {"dtype": "F64", "shape": [3], "values": [0.125, -1e-300, 1e300]},
                "steps": {"dtype": "I32", "shape": [], "values": [42]},
                "idx": {"dtype": "I64", "shape": [2, 2], "values": [-1, 1099511627776, 3, 4]},
                "mask": {"dtype": "BOOL", "shape": [3], "values": [true, false, true]},
                "__metadata__": {"format": "pt", "epoch": "3", "note": "\"quoted\"\n"}})");
  std::string cmd = "/usr/bin/python3 " NRT_TEST_SOURCE_DIR
                    "/check_safetensors.py " +
                    path + " " + dir.path("expected.json") + " 2>&1";
  FILE *p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[512];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
    out.append(buf, n);
  int status = pclose(p);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << out;
  EXPECT_NE(out.find("ok"), std::string::npos) << out;
}

/// The bytes of a safetensors file with header `json` and `data`.
static std::string stFile(std::string json, const std::string &data,
                          bool pad = true) {
  if (pad)
    while ((8 + json.size()) % 8)
      json += ' ';
  std::string s(8, '\0');
  uint64_t n = json.size();
  for (int i = 0; i < 8; ++i)
    s[i] = static_cast<char>(n >> (8 * i));
  return s + json + data;
}

TEST(Safetensors, MalformedHeaders) {
  TempDir dir;
  auto bad = [&](const std::string &bytes) {
    std::string path = dir.path("bad.safetensors");
    writeFile(path, bytes);
    return path;
  };
  std::string data(24, '\0');
  std::string good =
      R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}})";
  void *ok = openRead(bad(stFile(good, data)));
  ASSERT_NE(ok, nullptr);
  nrt_ckpt_close(ok); // or the sanitized copy reports a leak in every child

  EXPECT_EXIT(openRead(bad("abc")), testing::ExitedWithCode(1),
              "bad.safetensors: truncated: expected an 8-byte header length "
              "at offset 0, found 3 bytes");
  std::string huge = stFile(good, data);
  huge[2] = 0x10;
  EXPECT_EXIT(openRead(bad(huge)), testing::ExitedWithCode(1),
              "bad.safetensors: header length 1048640 at offset 0 runs past "
              "the end of the file \\(96 bytes\\)");
  EXPECT_EXIT(openRead(bad(stFile("[1, 2]", data))), testing::ExitedWithCode(1),
              "bad.safetensors: the safetensors header at offset 8 does not "
              "start with '\\{'");
  EXPECT_EXIT(
      openRead(bad(stFile(R"({"w":{"dtype":"F32",}})", data))),
      testing::ExitedWithCode(1),
      "bad.safetensors: malformed JSON in the safetensors header at offset "
      "28: expected a string key, found '\\}'");
  EXPECT_EXIT(openRead(bad(stFile("{\"a\":" + std::string(200, '['), data))),
              testing::ExitedWithCode(1), "JSON nested too deeply");
  // One tensor entry with a bad dtype, size or place, and its message.
  struct EntryCase {
    const char *header, *message;
  };
  const EntryCase entries[] = {
      {R"({"w":{"dtype":"F99","shape":[2,3],"data_offsets":[0,24]}})",
       "bad.safetensors: tensor 'w': unknown dtype 'F99' \\(expected BOOL, "
       "U8, .*\\) at offset 22"},
      {R"({"w":{"dtype":"F32","shape":[2,4],"data_offsets":[0,24]}})",
       "tensor 'w': shape \\[2, 4\\] of F32 needs 32 bytes, but data_offsets "
       "\\[0, 24\\] span 24 at offset 57"},
      {R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[8,32]}})",
       "tensor 'w': data_offsets \\[8, 32\\] are outside the data section "
       "\\(24 bytes\\)"},
  };
  for (const EntryCase &c : entries)
    EXPECT_EXIT(openRead(bad(stFile(c.header, data))),
                testing::ExitedWithCode(1), c.message);
  EXPECT_EXIT(openRead(bad(stFile(
                  R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                  R"("b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})",
                  data))),
              testing::ExitedWithCode(1),
              "the data of tensors 'a' \\(data_offsets \\[0, 16\\]\\) and 'b' "
              "\\(data_offsets \\[8, 24\\]\\) overlap");
  EXPECT_EXIT(openRead(bad(stFile(R"({"w":[1,2]})", data))),
              testing::ExitedWithCode(1),
              "tensor 'w': expected an object with 'dtype', 'shape' and "
              "'data_offsets' at offset 13");
  EXPECT_EXIT(
      openRead(bad(stFile(R"({"w":{"dtype":"F32","shape":[6]}})", data))),
      testing::ExitedWithCode(1), "tensor 'w': missing 'data_offsets'");
  EXPECT_EXIT(
      openRead(bad(
          stFile(R"({"w":{"dtype":"F32","shape":[-6],"data_offsets":[0,24]}})",
                 data))),
      testing::ExitedWithCode(1),
      "tensor 'w': 'shape' holds '-6', expected a non-negative integer");
  EXPECT_EXIT(openRead(bad(stFile(
                  R"({"w":{"dtype":"F32","shape":[6],"data_offsets":[0,24]},)"
                  R"("w":{"dtype":"F32","shape":[6],"data_offsets":[0,24]}})",
                  data))),
              testing::ExitedWithCode(1), "tensor 'w' appears twice");
  EXPECT_EXIT(openRead(bad(stFile(R"({"__metadata__":{"a":1}})", data))),
              testing::ExitedWithCode(1),
              "'__metadata__' entry 'a' is not a string");
}

TEST(Safetensors, ReadsOtherDtypesWithConversion) {
  // A file as PyTorch might write it: F16, BF16, I16, U8 and U64 tensors.
  TempDir dir;
  std::string data;
  auto put16 = [&](uint16_t v) {
    data.append(reinterpret_cast<char *>(&v), 2);
  };
  for (uint16_t h : {0x3C00, 0xC100, 0x7BFF, 0x0001}) // 1, -2.5, 65504, 2^-24
    put16(h);
  for (uint16_t b : {0x3FC0, 0xBF00}) // 1.5, -0.5
    put16(b);
  for (int16_t v : {-3, 300})
    put16(static_cast<uint16_t>(v));
  data += std::string("\x00\x02", 2);
  for (uint64_t v : {uint64_t(5), uint64_t(1) << 63})
    data.append(reinterpret_cast<char *>(&v), 8);
  std::string path = dir.path("torch.safetensors");
  writeFile(path,
            stFile(R"({"h":{"dtype":"F16","shape":[4],"data_offsets":[0,8]},)"
                   R"("b":{"dtype":"BF16","shape":[2],"data_offsets":[8,12]},)"
                   R"("s":{"dtype":"I16","shape":[2],"data_offsets":[12,16]},)"
                   R"("u":{"dtype":"U8","shape":[2],"data_offsets":[16,18]},)"
                   R"("q":{"dtype":"U64","shape":[2],"data_offsets":[18,34]}})",
                   data));
  void *h = openRead(path);
  auto read = [&](const char *name, auto fn, auto *buf, int64_t n) {
    std::string nm = name;
    auto ns = str(nm);
    using T = std::remove_pointer_t<decltype(buf)>;
    auto d = descriptor<T, 1>(buf, {n});
    auto u = unranked(d);
    fn(h, &ns, &u);
  };
  float hf[4];
  read("h", _mlir_ciface_nrt_ckpt_read_f32, hf, 4);
  EXPECT_EQ(hf[0], 1.0f);
  EXPECT_EQ(hf[1], -2.5f);
  EXPECT_EQ(hf[2], 65504.0f);
  EXPECT_EQ(hf[3], std::ldexp(1.0f, -24));
  double bd[2];
  read("b", _mlir_ciface_nrt_ckpt_read_f64, bd, 2);
  EXPECT_EQ(bd[0], 1.5);
  EXPECT_EQ(bd[1], -0.5);
  int32_t si[2];
  read("s", _mlir_ciface_nrt_ckpt_read_i32, si, 2);
  EXPECT_EQ(si[0], -3);
  EXPECT_EQ(si[1], 300);
  uint8_t ub[2];
  read("u", _mlir_ciface_nrt_ckpt_read_i1, ub, 2);
  EXPECT_EQ(ub[0], 0);
  EXPECT_EQ(ub[1], 1);
  int64_t qi[2];
  EXPECT_EXIT(read("q", _mlir_ciface_nrt_ckpt_read_i64, qi, 2),
              testing::ExitedWithCode(1),
              "torch.safetensors: tensor 'q': element 1 does not fit in i64");
  nrt_ckpt_close(h);
}

TEST(Safetensors, KilledWriterLeavesThePreviousCheckpoint) {
  TempDir dir;
  std::string path = dir.path("model.safetensors");
  Sample s;
  writeSample(path, s);
  std::string before = readFile(path);
  ASSERT_FALSE(before.empty());

  std::fflush(stdout);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // The child overwrites the checkpoint with 256 MB.
    const int64_t n = 64 << 20;
    std::vector<float> big(static_cast<size_t>(n), 1.5f);
    void *h = openWrite(path);
    std::string name = "big";
    auto ns = str(name);
    auto d = descriptor<float, 1>(big.data(), {n});
    auto u = unranked(d);
    _mlir_ciface_nrt_ckpt_add_f32(h, &ns, &u);
    nrt_ckpt_commit(h);
    _exit(0);
  }
  std::string tmp = path + ".tmp." + std::to_string(pid);
  double start = nrt_time_seconds();
  bool sawTemp = false;
  while (nrt_time_seconds() - start < 60) {
    if (fileExists(tmp)) {
      sawTemp = true;
      break;
    }
    int status;
    if (waitpid(pid, &status, WNOHANG) == pid)
      break;
    usleep(100);
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(sawTemp) << "the writer never created " << tmp;
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the writer finished before it could be killed";

  // The checkpoint at `path` is the old one, byte for byte, and loads.
  EXPECT_EQ(readFile(path), before);
  void *h = openRead(path);
  std::string w1 = "w1";
  auto nw1 = str(w1);
  std::vector<float> rw1(6);
  auto dw1 = descriptor<float, 2>(rw1.data(), {3, 2});
  auto uw1 = unranked(dw1);
  _mlir_ciface_nrt_ckpt_read_f32(h, &nw1, &uw1);
  EXPECT_EQ(rw1, s.w1);
  EXPECT_FALSE(nrt_ckpt_has(h, "big", 3));
  nrt_ckpt_close(h);
  // What was killed is only in the temporary file.
  EXPECT_LT(readFile(tmp).size(), static_cast<size_t>(256 << 20) + 8);
}

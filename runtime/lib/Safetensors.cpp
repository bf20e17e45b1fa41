//===- Safetensors.cpp - Checkpoints in safetensors format ----------------===//
//
// Writes checkpoints atomically (temporary file, fsync, rename) and reads
// them back after validating the whole header, so a bad or foreign file is
// a clear error, never a crash or a silently wrong model.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"
#include "Json.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <fcntl.h>
#include <fstream>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "safetensors data is little-endian; so must the host be");

using namespace nrt;

namespace {
enum class Kind { Float, Int, Bool, Other };

enum class DType {
  Bool,
  U8,
  I8,
  F8E5M2,
  F8E4M3,
  I16,
  U16,
  F16,
  BF16,
  I32,
  U32,
  F32,
  F64,
  I64,
  U64
};

struct DTypeInfo {
  DType code;
  const char *name;
  int64_t size;
  Kind kind;
};
} // namespace

static const DTypeInfo kDTypes[] = {
    {DType::Bool, "BOOL", 1, Kind::Bool},
    {DType::U8, "U8", 1, Kind::Int},
    {DType::I8, "I8", 1, Kind::Int},
    {DType::F8E5M2, "F8_E5M2", 1, Kind::Other},
    {DType::F8E4M3, "F8_E4M3", 1, Kind::Other},
    {DType::I16, "I16", 2, Kind::Int},
    {DType::U16, "U16", 2, Kind::Int},
    {DType::F16, "F16", 2, Kind::Float},
    {DType::BF16, "BF16", 2, Kind::Float},
    {DType::I32, "I32", 4, Kind::Int},
    {DType::U32, "U32", 4, Kind::Int},
    {DType::F32, "F32", 4, Kind::Float},
    {DType::F64, "F64", 8, Kind::Float},
    {DType::I64, "I64", 8, Kind::Int},
    {DType::U64, "U64", 8, Kind::Int},
};

static const DTypeInfo *findDType(const std::string &name) {
  for (const DTypeInfo &info : kDTypes)
    if (name == info.name)
      return &info;
  return nullptr;
}

/// Safetensors caps the header at 100 MB.
static constexpr int64_t kMaxHeaderLength = 100000000;
static constexpr uint32_t kWriterMagic = 0x4e525457; // "NRTW"
static constexpr uint32_t kReaderMagic = 0x4e525452; // "NRTR"

//===----------------------------------------------------------------------===//
// Writer
//===----------------------------------------------------------------------===//

namespace {
struct PendingTensor {
  std::string name;
  const DTypeInfo *dtype;
  std::vector<int64_t> shape;
  std::unique_ptr<char[], FreeDeleter> data;
  int64_t bytes;
};

struct CheckpointWriter {
  uint32_t magic = kWriterMagic;
  std::string path;
  std::vector<PendingTensor> tensors;
  std::unordered_set<std::string> names;
  std::vector<std::pair<std::string, std::string>> metadata;
};
} // namespace

static CheckpointWriter *asWriter(void *handle, const char *fn) {
  auto *writer = static_cast<CheckpointWriter *>(handle);
  if (!writer || writer->magic != kWriterMagic)
    nrt_fatal("internal error: %s: not a checkpoint opened for writing", fn);
  return writer;
}

extern "C" void *nrt_ckpt_open_write(const char *path, int64_t len) {
  auto *writer = new CheckpointWriter;
  writer->path.assign(path ? path : "", len > 0 ? static_cast<size_t>(len) : 0);
  if (writer->path.empty())
    nrt_fatal("cannot write a checkpoint to an empty path");
  writer->metadata.emplace_back("format", "pt");
  return writer;
}

extern "C" void *_mlir_ciface_nrt_ckpt_open_write(NrtMemRef<char, 1> *path) {
  std::string p = toString(path);
  return nrt_ckpt_open_write(p.data(), static_cast<int64_t>(p.size()));
}

static void addTensor(void *handle, NrtMemRef<char, 1> *nameArg,
                      NrtUnrankedMemRef *tensor, const char *dtype) {
  CheckpointWriter *writer = asWriter(handle, "nrt_ckpt_add");
  std::string name = toString(nameArg);
  if (name.empty() || name == "__metadata__")
    nrt_fatal("%s: invalid tensor name '%s'", writer->path.c_str(),
              name.c_str());
  if (!writer->names.insert(name).second)
    nrt_fatal("%s: tensor '%s' is saved twice", writer->path.c_str(),
              name.c_str());
  PendingTensor t;
  t.name = name;
  t.dtype = findDType(dtype);
  StridedView view = viewOf(tensor, t.dtype->size);
  t.shape = view.shape();
  t.bytes = view.numElements() * t.dtype->size;
  t.data.reset(static_cast<char *>(nrt_alloc(t.bytes)));
  gatherContiguous(view, t.data.get());
  writer->tensors.push_back(std::move(t));
}

extern "C" void _mlir_ciface_nrt_ckpt_add_f32(void *ckpt,
                                              NrtMemRef<char, 1> *name,
                                              NrtUnrankedMemRef *tensor) {
  addTensor(ckpt, name, tensor, "F32");
}
extern "C" void _mlir_ciface_nrt_ckpt_add_f64(void *ckpt,
                                              NrtMemRef<char, 1> *name,
                                              NrtUnrankedMemRef *tensor) {
  addTensor(ckpt, name, tensor, "F64");
}
extern "C" void _mlir_ciface_nrt_ckpt_add_i32(void *ckpt,
                                              NrtMemRef<char, 1> *name,
                                              NrtUnrankedMemRef *tensor) {
  addTensor(ckpt, name, tensor, "I32");
}
extern "C" void _mlir_ciface_nrt_ckpt_add_i64(void *ckpt,
                                              NrtMemRef<char, 1> *name,
                                              NrtUnrankedMemRef *tensor) {
  addTensor(ckpt, name, tensor, "I64");
}
extern "C" void _mlir_ciface_nrt_ckpt_add_i1(void *ckpt,
                                             NrtMemRef<char, 1> *name,
                                             NrtUnrankedMemRef *tensor) {
  addTensor(ckpt, name, tensor, "BOOL");
}

extern "C" void nrt_ckpt_add_metadata(void *ckpt, const char *key,
                                      int64_t keyLen, const char *value,
                                      int64_t valueLen) {
  CheckpointWriter *writer = asWriter(ckpt, "nrt_ckpt_add_metadata");
  std::string k(key, keyLen > 0 ? static_cast<size_t>(keyLen) : 0);
  std::string v(value, valueLen > 0 ? static_cast<size_t>(valueLen) : 0);
  for (auto &entry : writer->metadata)
    if (entry.first == k) {
      entry.second = v;
      return;
    }
  writer->metadata.emplace_back(k, v);
}

extern "C" void _mlir_ciface_nrt_ckpt_add_metadata(void *ckpt,
                                                   NrtMemRef<char, 1> *key,
                                                   NrtMemRef<char, 1> *value) {
  std::string k = toString(key), v = toString(value);
  nrt_ckpt_add_metadata(ckpt, k.data(), static_cast<int64_t>(k.size()),
                        v.data(), static_cast<int64_t>(v.size()));
}

static bool endsWith(const std::string &s, const char *suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

/// The one tensor a .npy or .csv file can hold.
static const PendingTensor &onlyTensor(const CheckpointWriter &writer,
                                       const char *format) {
  if (writer.tensors.size() != 1)
    nrt_fatal("%s: %s file holds one tensor, but 'save' was given %zu "
              "(a struct or tuple); save it as a .safetensors file",
              writer.path.c_str(), format, writer.tensors.size());
  return writer.tensors.front();
}

/// Writes the one tensor of `writer` as NumPy's .npy (atomically).
static void commitNpy(const CheckpointWriter &writer) {
  const PendingTensor &t = onlyTensor(writer, "an NPY");
  std::string name = t.dtype->name;
  nrt::NpyType type = name == "F32"   ? nrt::NpyType::F32
                      : name == "F64" ? nrt::NpyType::F64
                      : name == "I32" ? nrt::NpyType::I32
                      : name == "I64" ? nrt::NpyType::I64
                                      : nrt::NpyType::U8;
  if (name == "BOOL")
    nrt_fatal("%s: a bool tensor cannot be saved as .npy here; convert it "
              "with i32(...) first",
              writer.path.c_str());
  nrt::writeNpy(writer.path, type, t.shape, t.data.get());
}

template <typename T> static T loadAs(const char *p) {
  T v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

/// Writes the one tensor of `writer` (rank 0 to 2) as CSV: a row per line,
/// a vector as one column, each number as digits that read back to the
/// same value.
static void commitCsv(const CheckpointWriter &writer) {
  const PendingTensor &t = onlyTensor(writer, "a CSV");
  if (t.shape.size() > 2)
    nrt_fatal("%s: CSV holds tensors of rank 0 to 2, but '%s' has shape %s",
              writer.path.c_str(), t.name.c_str(),
              shapeString(t.shape).c_str());
  int64_t cols = t.shape.size() == 2 ? t.shape[1] : 1;
  int64_t count = t.bytes / t.dtype->size;
  std::string text;
  std::string dtype = t.dtype->name;
  for (int64_t i = 0; i < count; ++i) {
    const char *p = t.data.get() + i * t.dtype->size;
    char number[64];
    char *end = number;
    // std::to_chars gives the shortest digits that read back exactly.
    if (dtype == "F32")
      end =
          std::to_chars(number, number + sizeof(number), loadAs<float>(p)).ptr;
    else if (dtype == "F64")
      end =
          std::to_chars(number, number + sizeof(number), loadAs<double>(p)).ptr;
    else if (dtype == "I32")
      end = std::to_chars(number, number + sizeof(number), loadAs<int32_t>(p))
                .ptr;
    else if (dtype == "I64")
      end = std::to_chars(number, number + sizeof(number), loadAs<int64_t>(p))
                .ptr;
    else
      *end++ = *p ? '1' : '0';
    text.append(number, end);
    text += (i + 1) % cols == 0 ? '\n' : ',';
  }
  AtomicFile file(writer.path);
  file.write(text.data(), text.size());
  file.commit();
}

extern "C" void nrt_ckpt_commit(void *ckpt) {
  std::unique_ptr<CheckpointWriter> writer(asWriter(ckpt, "nrt_ckpt_commit"));
  writer->magic = 0;
  // The file's name chooses the format: .npy and .csv hold one tensor.
  if (endsWith(writer->path, ".npy"))
    return commitNpy(*writer);
  if (endsWith(writer->path, ".csv"))
    return commitCsv(*writer);
  // Largest elements first, then by name: every tensor stays aligned and
  // the order matches the reference writer.
  std::vector<PendingTensor *> order;
  for (PendingTensor &t : writer->tensors)
    order.push_back(&t);
  std::sort(order.begin(), order.end(),
            [](const PendingTensor *a, const PendingTensor *b) {
              if (a->dtype->size != b->dtype->size)
                return a->dtype->size > b->dtype->size;
              return a->name < b->name;
            });
  std::string header = "{\"__metadata__\":{";
  for (size_t i = 0; i < writer->metadata.size(); ++i) {
    if (i)
      header += ',';
    header += quoteJson(writer->metadata[i].first) + ":" +
              quoteJson(writer->metadata[i].second);
  }
  header += '}';
  int64_t offset = 0;
  for (PendingTensor *t : order) {
    header += ',' + quoteJson(t->name) + ":{\"dtype\":\"" + t->dtype->name +
              "\",\"shape\":[";
    for (size_t i = 0; i < t->shape.size(); ++i)
      header += (i ? "," : "") + std::to_string(t->shape[i]);
    header += "],\"data_offsets\":[" + std::to_string(offset) + "," +
              std::to_string(offset + t->bytes) + "]}";
    offset += t->bytes;
  }
  header += '}';
  header.append((8 - header.size() % 8) % 8, ' ');
  unsigned char length[8];
  uint64_t n = header.size();
  for (int i = 0; i < 8; ++i)
    length[i] = static_cast<unsigned char>(n >> (8 * i));

  AtomicFile file(writer->path);
  file.write(length, sizeof(length));
  file.write(header.data(), header.size());
  for (PendingTensor *t : order)
    file.write(t->data.get(), static_cast<size_t>(t->bytes));
  file.commit();
}

NRT_CIFACE_ALIAS(void, nrt_ckpt_commit, (void *ckpt))

//===----------------------------------------------------------------------===//
// Reader
//===----------------------------------------------------------------------===//

namespace {
struct TensorEntry {
  std::string name;
  const DTypeInfo *dtype = nullptr;
  std::vector<int64_t> shape;
  int64_t begin = 0, end = 0;
};

struct CheckpointReader {
  uint32_t magic = kReaderMagic;
  std::string path;
  int fd = -1;
  int64_t dataStart = 0;
  std::vector<TensorEntry> tensors; // in header order
  std::unordered_map<std::string, size_t> byName;
  /// Read from an .npy or .csv file: one tensor, named "value".
  bool fromNpy = false;
  /// A CSV file's values, converted when it was opened; the tensor's data
  /// is read from here instead of the file.
  std::string memory;
  bool inMemory = false;
  /// A CSV table of one row or column also reads as a vector.
  bool fromCsv = false;

  // The descriptor goes with the reader, also when an error in
  // nrt_ckpt_open_read unwinds (under a throwing fatal hook).
  ~CheckpointReader() {
    if (fd >= 0)
      ::close(fd);
  }
};

/// Validates a safetensors header and fills the reader's tensor list.
class HeaderValidator {
public:
  HeaderValidator(CheckpointReader &reader, int64_t headerStart)
      : reader(reader), base(headerStart) {}

  [[noreturn]] void fail(const JsonValue &at, const std::string &message) {
    failAt(at.offset, message);
  }
  [[noreturn]] void failAt(size_t offset, const std::string &message) {
    nrt_fatal("%s: %s at offset %lld", reader.path.c_str(), message.c_str(),
              static_cast<long long>(base + static_cast<int64_t>(offset)));
  }

  void validate(const JsonValue &root, int64_t dataSize) {
    if (root.kind != JsonValue::Object)
      fail(root, "the safetensors header is not a JSON object");
    std::unordered_set<std::string> seen;
    for (const auto &member : root.members)
      if (!seen.insert(member.first).second)
        fail(member.second, "tensor '" + member.first + "' appears twice");
    for (const auto &member : root.members) {
      const std::string &name = member.first;
      const JsonValue &value = member.second;
      if (name == "__metadata__") {
        if (value.kind != JsonValue::Object)
          fail(value, "'__metadata__' is not an object");
        for (const auto &entry : value.members)
          if (entry.second.kind != JsonValue::String)
            fail(entry.second,
                 "'__metadata__' entry '" + entry.first + "' is not a string");
        continue;
      }
      reader.tensors.push_back(parseTensor(name, value, dataSize));
    }
    // Non-overlapping data.
    std::vector<const TensorEntry *> byOffset;
    for (const TensorEntry &t : reader.tensors)
      if (t.end > t.begin)
        byOffset.push_back(&t);
    std::sort(byOffset.begin(), byOffset.end(),
              [](const TensorEntry *a, const TensorEntry *b) {
                return a->begin < b->begin;
              });
    for (size_t i = 1; i < byOffset.size(); ++i) {
      const TensorEntry *a = byOffset[i - 1], *b = byOffset[i];
      if (b->begin < a->end)
        nrt_fatal("%s: the data of tensors '%s' (data_offsets [%lld, %lld]) "
                  "and '%s' (data_offsets [%lld, %lld]) overlap",
                  reader.path.c_str(), a->name.c_str(),
                  static_cast<long long>(a->begin),
                  static_cast<long long>(a->end), b->name.c_str(),
                  static_cast<long long>(b->begin),
                  static_cast<long long>(b->end));
    }
  }

private:
  TensorEntry parseTensor(const std::string &name, const JsonValue &value,
                          int64_t dataSize) {
    std::string what = "tensor '" + name + "'";
    if (value.kind != JsonValue::Object)
      fail(value, what + ": expected an object with 'dtype', 'shape' and "
                         "'data_offsets'");
    TensorEntry t;
    t.name = name;
    const JsonValue *dtype = value.find("dtype");
    const JsonValue *shape = value.find("shape");
    const JsonValue *offsets = value.find("data_offsets");
    if (!dtype || !shape || !offsets)
      fail(value, what + ": missing '" +
                      (!dtype   ? "dtype"
                       : !shape ? "shape"
                                : "data_offsets") +
                      "'");
    if (dtype->kind != JsonValue::String)
      fail(*dtype, what + ": 'dtype' is not a string");
    t.dtype = findDType(dtype->text);
    if (!t.dtype) {
      std::string known;
      for (const DTypeInfo &info : kDTypes)
        known += std::string(known.empty() ? "" : ", ") + info.name;
      fail(*dtype, what + ": unknown dtype '" + dtype->text + "' (expected " +
                       known + ")");
    }
    if (shape->kind != JsonValue::Array)
      fail(*shape, what + ": 'shape' is not an array");
    for (const JsonValue &d : shape->items) {
      if (d.kind != JsonValue::Number || !d.isInteger || d.integer < 0)
        fail(d, what + ": 'shape' holds '" +
                    (d.kind == JsonValue::Number ? d.text : "a non-number") +
                    "', expected a non-negative integer");
      t.shape.push_back(d.integer);
    }
    if (offsets->kind != JsonValue::Array || offsets->items.size() != 2)
      fail(*offsets, what + ": 'data_offsets' is not an array of two "
                            "integers");
    for (const JsonValue &o : offsets->items)
      if (o.kind != JsonValue::Number || !o.isInteger || o.integer < 0)
        fail(o, what + ": 'data_offsets' holds '" +
                    (o.kind == JsonValue::Number ? o.text : "a non-number") +
                    "', expected a non-negative integer");
    t.begin = offsets->items[0].integer;
    t.end = offsets->items[1].integer;
    std::string range =
        "[" + std::to_string(t.begin) + ", " + std::to_string(t.end) + "]";
    if (t.begin > t.end || t.end > dataSize)
      fail(*offsets, what + ": data_offsets " + range +
                         " are outside the data section (" +
                         std::to_string(dataSize) + " bytes)");
    int64_t bytes = 0;
    if (!checkedByteSize(t.shape, t.dtype->size, bytes) ||
        bytes != t.end - t.begin)
      fail(*offsets, what + ": shape " + shapeString(t.shape) + " of " +
                         t.dtype->name + " needs " +
                         (checkedByteSize(t.shape, t.dtype->size, bytes)
                              ? std::to_string(bytes)
                              : std::string("too many")) +
                         " bytes, but data_offsets " + range + " span " +
                         std::to_string(t.end - t.begin));
    return t;
  }

  CheckpointReader &reader;
  int64_t base;
};
} // namespace

static CheckpointReader *asReader(void *handle, const char *fn) {
  auto *reader = static_cast<CheckpointReader *>(handle);
  if (!reader || reader->magic != kReaderMagic)
    nrt_fatal("internal error: %s: not a checkpoint opened for reading", fn);
  return reader;
}

static void preadExactly(CheckpointReader &reader, void *data, int64_t n,
                         int64_t offset) {
  if (reader.inMemory) {
    std::memcpy(data, reader.memory.data() + offset, static_cast<size_t>(n));
    return;
  }
  char *out = static_cast<char *>(data);
  while (n > 0) {
    ssize_t got = ::pread(reader.fd, out, static_cast<size_t>(n), offset);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      nrt_fatal("%s: read error at offset %lld: %s", reader.path.c_str(),
                static_cast<long long>(offset),
                got == 0 ? "unexpected end of file (was the file truncated?)"
                         : errnoMessage(errno).c_str());
    out += got;
    n -= got;
    offset += got;
  }
}

/// The safetensors type of an NPY element type.
static const DTypeInfo &dtypeOfNpy(nrt::NpyType type) {
  const char *name = type == nrt::NpyType::F32   ? "F32"
                     : type == nrt::NpyType::F64 ? "F64"
                     : type == nrt::NpyType::I32 ? "I32"
                     : type == nrt::NpyType::I64 ? "I64"
                                                 : "U8";
  for (const DTypeInfo &info : kDTypes)
    if (std::strcmp(info.name, name) == 0)
      return info;
  return kDTypes[0];
}

/// An .npy file read like a checkpoint of one tensor named "value" (the name
/// `load` gives a plain tensor): its checked layout says where the data is.
static void *openNpy(std::unique_ptr<CheckpointReader> reader) {
  nrt::NpyLayout layout = nrt::readNpyLayout(reader->path);
  TensorEntry entry;
  entry.name = "value";
  entry.dtype = &dtypeOfNpy(layout.type);
  entry.shape = layout.shape;
  entry.end = layout.byteSize;
  reader->dataStart = layout.dataOffset;
  if (layout.fortran) {
    // Column-major data: read it whole, in C order, from memory.
    nrt::NpyArray array = nrt::readNpy(reader->path);
    reader->memory.assign(reinterpret_cast<const char *>(array.data.get()),
                          static_cast<size_t>(layout.byteSize));
    reader->inMemory = true;
    reader->dataStart = 0;
  }
  reader->fromNpy = true;
  reader->tensors.push_back(std::move(entry));
  reader->byName.emplace("value", 0);
  return reader.release();
}

/// A .csv file read like a checkpoint of one tensor named "value": the
/// table of rows (a header row is skipped), as i64 when every field is an
/// integer that f64 holds exactly, else as f64.
static void *openCsv(std::unique_ptr<CheckpointReader> reader) {
  nrt::Array<double> table = nrt::readCsv<double>(reader->path, 2);
  int64_t count = table.numElements();
  bool integral = true;
  for (int64_t i = 0; integral && i < count; ++i) {
    double v = table.data[i];
    integral = std::floor(v) == v && std::fabs(v) <= 9007199254740992.0;
  }
  // "1.0" and "1e3" are floats however they round: look at the data rows
  // (those after the header, when readCsv found one) for such a field.
  std::ifstream in(reader->path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line != "\r")
      lines.push_back(line);
  size_t firstData = static_cast<int64_t>(lines.size()) > table.shape[0];
  for (size_t i = firstData; integral && i < lines.size(); ++i)
    integral = lines[i].find_first_of(".eEnN") == std::string::npos;
  TensorEntry entry;
  entry.name = "value";
  entry.shape = table.shape;
  reader->memory.resize(static_cast<size_t>(count) * 8);
  for (int64_t i = 0; i < count; ++i) {
    if (integral) {
      int64_t v = static_cast<int64_t>(table.data[i]);
      std::memcpy(&reader->memory[i * 8], &v, 8);
    } else {
      std::memcpy(&reader->memory[i * 8], &table.data[i], 8);
    }
  }
  for (const DTypeInfo &info : kDTypes)
    if (std::strcmp(info.name, integral ? "I64" : "F64") == 0)
      entry.dtype = &info;
  entry.end = count * 8;
  reader->inMemory = true;
  reader->fromNpy = true;
  reader->fromCsv = true;
  reader->tensors.push_back(std::move(entry));
  reader->byName.emplace("value", 0);
  return reader.release();
}

extern "C" void *nrt_ckpt_open_read(const char *pathArg, int64_t len) {
  std::unique_ptr<CheckpointReader> reader(new CheckpointReader);
  reader->path.assign(pathArg ? pathArg : "",
                      len > 0 ? static_cast<size_t>(len) : 0);
  const char *path = reader->path.c_str();
  reader->fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (reader->fd < 0)
    nrt_fatal("%s: cannot open: %s", path, errnoMessage(errno).c_str());
  struct stat st;
  if (fstat(reader->fd, &st) != 0 || !S_ISREG(st.st_mode))
    nrt_fatal("%s: not a regular file", path);
  if (nrt::isNpyFile(reader->path))
    return openNpy(std::move(reader));
  if (endsWith(reader->path, ".csv"))
    return openCsv(std::move(reader));
  int64_t size = st.st_size;
  if (size < 8)
    nrt_fatal("%s: truncated: expected an 8-byte header length at offset 0, "
              "found %lld bytes",
              path, static_cast<long long>(size));
  unsigned char lengthBytes[8];
  preadExactly(*reader, lengthBytes, 8, 0);
  uint64_t headerLen = 0;
  for (int i = 7; i >= 0; --i)
    headerLen = (headerLen << 8) | lengthBytes[i];
  if (headerLen > static_cast<uint64_t>(size - 8))
    nrt_fatal("%s: header length %llu at offset 0 runs past the end of the "
              "file (%lld bytes); not a safetensors file?",
              path, static_cast<unsigned long long>(headerLen),
              static_cast<long long>(size));
  if (headerLen > static_cast<uint64_t>(kMaxHeaderLength))
    nrt_fatal("%s: header length %llu at offset 0 exceeds the safetensors "
              "limit of %lld bytes",
              path, static_cast<unsigned long long>(headerLen),
              static_cast<long long>(kMaxHeaderLength));
  if (headerLen < 2)
    nrt_fatal("%s: header length %llu at offset 0 is too small for a JSON "
              "object",
              path, static_cast<unsigned long long>(headerLen));
  std::string header(static_cast<size_t>(headerLen), '\0');
  preadExactly(*reader, &header[0], static_cast<int64_t>(headerLen), 8);
  if (header[0] != '{')
    nrt_fatal("%s: the safetensors header at offset 8 does not start with "
              "'{'; not a safetensors file?",
              path);
  JsonValue root;
  size_t errorOffset = 0;
  std::string errorMessage;
  if (!parseJson(header, root, errorOffset, errorMessage))
    nrt_fatal("%s: malformed JSON in the safetensors header at offset %lld: "
              "%s",
              path, static_cast<long long>(8 + errorOffset),
              errorMessage.c_str());
  reader->dataStart = 8 + static_cast<int64_t>(headerLen);
  HeaderValidator(*reader, 8).validate(root, size - reader->dataStart);
  for (size_t i = 0; i < reader->tensors.size(); ++i)
    reader->byName.emplace(reader->tensors[i].name, i);
  return reader.release();
}

extern "C" void *_mlir_ciface_nrt_ckpt_open_read(NrtMemRef<char, 1> *path) {
  std::string p = toString(path);
  return nrt_ckpt_open_read(p.data(), static_cast<int64_t>(p.size()));
}

static const TensorEntry *findTensor(const CheckpointReader &reader,
                                     const std::string &name) {
  auto it = reader.byName.find(name);
  return it == reader.byName.end() ? nullptr : &reader.tensors[it->second];
}

extern "C" bool nrt_ckpt_has(void *ckpt, const char *name, int64_t len) {
  CheckpointReader *reader = asReader(ckpt, "nrt_ckpt_has");
  return findTensor(*reader, std::string(name, len > 0 ? size_t(len) : 0));
}

extern "C" bool _mlir_ciface_nrt_ckpt_has(void *ckpt,
                                          NrtMemRef<char, 1> *name) {
  std::string n = toString(name);
  return nrt_ckpt_has(ckpt, n.data(), static_cast<int64_t>(n.size()));
}

static float halfToFloat(uint16_t h) {
  uint32_t sign = (h >> 15) & 1, exponent = (h >> 10) & 0x1f,
           mantissa = h & 0x3ff;
  float value;
  if (exponent == 0)
    value = std::ldexp(static_cast<float>(mantissa), -24);
  else if (exponent == 31)
    value = mantissa ? std::numeric_limits<float>::quiet_NaN()
                     : std::numeric_limits<float>::infinity();
  else
    value = std::ldexp(static_cast<float>(mantissa | 0x400),
                       static_cast<int>(exponent) - 25);
  return sign ? -value : value;
}

static float bf16ToFloat(uint16_t b) {
  uint32_t bits = static_cast<uint32_t>(b) << 16;
  float value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

/// Element `i` of little-endian raw data of type T.
template <typename T> static T loadRaw(const char *raw, int64_t i) {
  T value;
  std::memcpy(&value, raw + i * int64_t(sizeof(T)), sizeof(T));
  return value;
}

/// Element `i` of raw data of a float dtype, as a double.
static double loadFloat(const DTypeInfo &dtype, const char *raw, int64_t i) {
  switch (dtype.code) {
  case DType::F32:
    return loadRaw<float>(raw, i);
  case DType::F64:
    return loadRaw<double>(raw, i);
  case DType::F16:
    return halfToFloat(loadRaw<uint16_t>(raw, i));
  default:
    return bf16ToFloat(loadRaw<uint16_t>(raw, i));
  }
}

/// Element `i` of raw data of an integer or bool dtype; false if a U64
/// value does not fit in int64_t.
static bool loadInt(const DTypeInfo &dtype, const char *raw, int64_t i,
                    int64_t &value) {
  switch (dtype.code) {
  case DType::Bool:
  case DType::U8:
    value = loadRaw<uint8_t>(raw, i);
    return true;
  case DType::I8:
    value = loadRaw<int8_t>(raw, i);
    return true;
  case DType::I16:
    value = loadRaw<int16_t>(raw, i);
    return true;
  case DType::U16:
    value = loadRaw<uint16_t>(raw, i);
    return true;
  case DType::I32:
    value = loadRaw<int32_t>(raw, i);
    return true;
  case DType::U32:
    value = loadRaw<uint32_t>(raw, i);
    return true;
  case DType::I64:
    value = loadRaw<int64_t>(raw, i);
    return true;
  default: {
    uint64_t u = loadRaw<uint64_t>(raw, i);
    value = static_cast<int64_t>(u);
    return u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  }
  }
}

namespace {
enum class Target { F32, F64, I32, I64, I1 };
} // namespace

static const char *targetName(Target t) {
  switch (t) {
  case Target::F32:
    return "f32";
  case Target::F64:
    return "f64";
  case Target::I32:
    return "i32";
  case Target::I64:
    return "i64";
  case Target::I1:
    return "i1";
  }
  return "?";
}

/// The tensor called `name`; fails listing the names there are.
static const TensorEntry &requireTensor(const CheckpointReader &reader,
                                        const std::string &name) {
  if (const TensorEntry *t = findTensor(reader, name))
    return *t;
  if (reader.fromNpy)
    nrt_fatal("%s: an NPY file holds one tensor, but 'load' reads '%s' of a "
              "struct or tuple from it; load one tensor, or save the value "
              "with 'save' as a .safetensors file",
              reader.path.c_str(), name.c_str());
  std::string names;
  size_t shown = 0;
  for (const TensorEntry &e : reader.tensors) {
    if (shown == 20) {
      names += ", ... (" + std::to_string(reader.tensors.size()) +
               " tensors in all)";
      break;
    }
    names += (shown++ ? ", " : "") + e.name;
  }
  nrt_fatal("%s: no tensor named '%s' (it has: %s)", reader.path.c_str(),
            name.c_str(), names.empty() ? "no tensors" : names.c_str());
}

/// `[784, ?]` for an expected shape with -1 for any size.
static std::string expectedShapeString(const std::vector<int64_t> &shape) {
  std::string out = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    out += (i ? ", " : "") +
           (shape[i] < 0 ? std::string("?") : std::to_string(shape[i]));
  return out + "]";
}

/// Reads tensor `t` into `view` (of its shape), converting to `target`.
static void readInto(CheckpointReader &reader, const TensorEntry &t,
                     const StridedView &view, Target target) {
  const char *path = reader.path.c_str();
  const char *name = t.name.c_str();
  Kind kind = t.dtype->kind;
  bool wantFloat = target == Target::F32 || target == Target::F64;
  bool convertible =
      wantFloat ? kind == Kind::Float : kind == Kind::Int || kind == Kind::Bool;
  if (!convertible)
    nrt_fatal("%s: tensor '%s' has dtype %s, which cannot be read as %s", path,
              name, t.dtype->name, targetName(target));

  int64_t n = view.numElements();
  int64_t elemSize = view.elemSize;
  std::unique_ptr<char[], FreeDeleter> raw(
      static_cast<char *>(nrt_alloc(t.end - t.begin)));
  preadExactly(reader, raw.get(), t.end - t.begin, reader.dataStart + t.begin);
  DType dtype = t.dtype->code;
  bool exact = (target == Target::F32 && dtype == DType::F32) ||
               (target == Target::F64 && dtype == DType::F64) ||
               (target == Target::I32 && dtype == DType::I32) ||
               (target == Target::I64 && dtype == DType::I64);
  if (exact) {
    scatterContiguous(raw.get(), view);
    return;
  }
  std::unique_ptr<char[], FreeDeleter> converted(
      static_cast<char *>(nrt_alloc(n * elemSize)));
  for (int64_t i = 0; i < n; ++i) {
    char *dst = converted.get() + i * elemSize;
    if (wantFloat) {
      double v = loadFloat(*t.dtype, raw.get(), i);
      if (target == Target::F32) {
        float f = static_cast<float>(v);
        std::memcpy(dst, &f, sizeof(f));
      } else {
        std::memcpy(dst, &v, sizeof(v));
      }
      continue;
    }
    int64_t v = 0;
    bool fits = loadInt(*t.dtype, raw.get(), i, v);
    if (target == Target::I1) {
      uint8_t b = v != 0 || !fits;
      std::memcpy(dst, &b, 1);
      continue;
    }
    if (target == Target::I32 && (v < std::numeric_limits<int32_t>::min() ||
                                  v > std::numeric_limits<int32_t>::max()))
      fits = false;
    if (!fits)
      nrt_fatal("%s: tensor '%s': element %lld does not fit in %s", path, name,
                static_cast<long long>(i), targetName(target));
    if (target == Target::I32) {
      int32_t w = static_cast<int32_t>(v);
      std::memcpy(dst, &w, sizeof(w));
    } else {
      std::memcpy(dst, &v, sizeof(v));
    }
  }
  scatterContiguous(converted.get(), view);
}

static void readTensor(void *ckpt, NrtMemRef<char, 1> *nameArg,
                       NrtUnrankedMemRef *out, Target target,
                       int64_t elemSize) {
  CheckpointReader *reader = asReader(ckpt, "nrt_ckpt_read");
  std::string name = toString(nameArg);
  const TensorEntry &t = requireTensor(*reader, name);
  StridedView view = viewOf(out, elemSize);
  if (view.shape() != t.shape)
    nrt_fatal("%s: tensor '%s' has shape %s, but the program expects %s",
              reader->path.c_str(), name.c_str(), shapeString(t.shape).c_str(),
              shapeString(view.shape()).c_str());
  readInto(*reader, t, view, target);
}

/// The form that allocates the result: `expected` holds one size per
/// dimension, -1 where any size is accepted.
template <typename T, int R>
static void readTensorAlloc(NrtMemRef<T, R> *result, void *ckpt,
                            NrtMemRef<char, 1> *nameArg,
                            NrtMemRef<int64_t, 1> *expectedArg, Target target) {
  CheckpointReader *reader = asReader(ckpt, "nrt_ckpt_read");
  std::string name = toString(nameArg);
  TensorEntry t = requireTensor(*reader, name);
  // A CSV table of one column or one row reads as a vector too.
  if (reader->fromCsv && R == 1 && t.shape.size() == 2 &&
      (t.shape[0] == 1 || t.shape[1] == 1))
    t.shape = {t.shape[0] * t.shape[1]};
  std::vector<int64_t> expected;
  if (expectedArg)
    for (int64_t i = 0; i < expectedArg->sizes[0]; ++i)
      expected.push_back(expectedArg->aligned[expectedArg->offset +
                                              i * expectedArg->strides[0]]);
  if (static_cast<int>(expected.size()) != R)
    nrt_fatal("internal error: nrt_ckpt_read of rank %d given %zu expected "
              "sizes",
              R, expected.size());
  bool match = static_cast<int>(t.shape.size()) == R;
  for (int i = 0; match && i < R; ++i)
    match = expected[i] < 0 || expected[i] == t.shape[i];
  if (!match)
    nrt_fatal("%s: tensor '%s' has shape %s, but the program expects %s",
              reader->path.c_str(), name.c_str(), shapeString(t.shape).c_str(),
              expectedShapeString(expected).c_str());
  int64_t bytes = 0;
  checkedByteSize(t.shape, sizeof(T), bytes);
  T *data = static_cast<T *>(nrt_alloc(bytes));
  setResult(result, data, t.shape.data());
  NrtUnrankedMemRef unranked{R, result};
  readInto(*reader, t, viewOf(&unranked, sizeof(T)), target);
}

#define NRT_DEFINE_CKPT_READ_RANK(SUFFIX, T, TARGET, R)                        \
  extern "C" NRT_API void _mlir_ciface_nrt_ckpt_read_##SUFFIX##_##R(           \
      NrtMemRef<T, R> *result, void *ckpt, NrtMemRef<char, 1> *name,           \
      NrtMemRef<int64_t, 1> *expected) {                                       \
    readTensorAlloc<T, R>(result, ckpt, name, expected, TARGET);               \
  }
#define NRT_DEFINE_CKPT_READ_RANKS(SUFFIX, T, TARGET)                          \
  NRT_DEFINE_CKPT_READ_RANK(SUFFIX, T, TARGET, 0)                              \
  NRT_DEFINE_CKPT_READ_RANK(SUFFIX, T, TARGET, 1)                              \
  NRT_DEFINE_CKPT_READ_RANK(SUFFIX, T, TARGET, 2)                              \
  NRT_DEFINE_CKPT_READ_RANK(SUFFIX, T, TARGET, 3)                              \
  NRT_DEFINE_CKPT_READ_RANK(SUFFIX, T, TARGET, 4)                              \
  NRT_DEFINE_CKPT_READ_RANK(SUFFIX, T, TARGET, 5)                              \
  NRT_DEFINE_CKPT_READ_RANK(SUFFIX, T, TARGET, 6)                              \
  NRT_DEFINE_CKPT_READ_RANK(SUFFIX, T, TARGET, 7)                              \
  NRT_DEFINE_CKPT_READ_RANK(SUFFIX, T, TARGET, 8)
NRT_DEFINE_CKPT_READ_RANKS(f32, float, Target::F32)
NRT_DEFINE_CKPT_READ_RANKS(f64, double, Target::F64)
NRT_DEFINE_CKPT_READ_RANKS(i32, int32_t, Target::I32)
NRT_DEFINE_CKPT_READ_RANKS(i64, int64_t, Target::I64)
NRT_DEFINE_CKPT_READ_RANKS(i1, uint8_t, Target::I1)

extern "C" void _mlir_ciface_nrt_ckpt_read_f32(void *ckpt,
                                               NrtMemRef<char, 1> *name,
                                               NrtUnrankedMemRef *out) {
  readTensor(ckpt, name, out, Target::F32, 4);
}
extern "C" void _mlir_ciface_nrt_ckpt_read_f64(void *ckpt,
                                               NrtMemRef<char, 1> *name,
                                               NrtUnrankedMemRef *out) {
  readTensor(ckpt, name, out, Target::F64, 8);
}
extern "C" void _mlir_ciface_nrt_ckpt_read_i32(void *ckpt,
                                               NrtMemRef<char, 1> *name,
                                               NrtUnrankedMemRef *out) {
  readTensor(ckpt, name, out, Target::I32, 4);
}
extern "C" void _mlir_ciface_nrt_ckpt_read_i64(void *ckpt,
                                               NrtMemRef<char, 1> *name,
                                               NrtUnrankedMemRef *out) {
  readTensor(ckpt, name, out, Target::I64, 8);
}
extern "C" void _mlir_ciface_nrt_ckpt_read_i1(void *ckpt,
                                              NrtMemRef<char, 1> *name,
                                              NrtUnrankedMemRef *out) {
  readTensor(ckpt, name, out, Target::I1, 1);
}

extern "C" void nrt_ckpt_close(void *ckpt) {
  CheckpointReader *reader = asReader(ckpt, "nrt_ckpt_close");
  reader->magic = 0;
  delete reader;
}

NRT_CIFACE_ALIAS(void, nrt_ckpt_close, (void *ckpt))

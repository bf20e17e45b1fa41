//===- Npy.cpp - NumPy .npy files -----------------------------------------===//
//
// Reads .npy files (format versions 1.0, 2.0 and 3.0; little-endian f4, f8,
// i4, i8 and u1; C order) with a validating header parser, and writes them.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <cctype>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <type_traits>
#include <unistd.h>

using namespace nrt;

namespace {
struct NpyTypeInfo {
  NpyType type;
  const char *descr;
  int64_t size;
  bool isFloat;
};
} // namespace

static const NpyTypeInfo kNpyTypes[] = {
    {NpyType::F32, "<f4", 4, true},  {NpyType::F64, "<f8", 8, true},
    {NpyType::I32, "<i4", 4, false}, {NpyType::I64, "<i8", 8, false},
    {NpyType::U8, "|u1", 1, false},
};

static const NpyTypeInfo &infoOf(NpyType type) {
  for (const NpyTypeInfo &info : kNpyTypes)
    if (info.type == type)
      return info;
  return kNpyTypes[0];
}

namespace {
/// An open file read with pread, for messages that name offsets.
class InputFile {
public:
  explicit InputFile(const std::string &path) : path(path) {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      nrt_fatal("%s: cannot open: %s", path.c_str(),
                errnoMessage(errno).c_str());
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd); // no destructor runs for a failed constructor
      nrt_fatal("%s: not a regular file", path.c_str());
    }
    size = st.st_size;
  }
  ~InputFile() { ::close(fd); }

  /// Reads exactly `n` bytes at `offset` (the caller checked the size).
  void readAt(void *data, int64_t n, int64_t offset) {
    char *out = static_cast<char *>(data);
    while (n > 0) {
      ssize_t got = ::pread(fd, out, static_cast<size_t>(n), offset);
      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        nrt_fatal("%s: read error at offset %lld: %s", path.c_str(),
                  static_cast<long long>(offset),
                  got == 0 ? "unexpected end of file"
                           : errnoMessage(errno).c_str());
      out += got;
      n -= got;
      offset += got;
    }
  }

  std::string path;
  int fd = -1;
  int64_t size = 0;
};

/// Parses the Python dict literal of an .npy header.
class HeaderParser {
public:
  HeaderParser(const std::string &path, const std::string &text, int64_t base)
      : path(path), text(text), base(base) {}

  void parse(std::string &descr, bool &fortran, std::vector<int64_t> &shape) {
    bool haveDescr = false, haveFortran = false, haveShape = false;
    skipSpace();
    expect('{');
    for (;;) {
      skipSpace();
      if (peek() == '}')
        break;
      size_t keyPos = pos;
      std::string key = parseString();
      skipSpace();
      expect(':');
      skipSpace();
      if (key == "descr") {
        descrPos = pos;
        descr = parseString();
        haveDescr = true;
      } else if (key == "fortran_order") {
        fortran = parseBool();
        haveFortran = true;
      } else if (key == "shape") {
        shape = parseShape();
        haveShape = true;
      } else {
        fail(keyPos, "unexpected key '" + key +
                         "' (expected 'descr', 'fortran_order' and 'shape')");
      }
      skipSpace();
      if (peek() == ',') {
        ++pos;
        continue;
      }
      skipSpace();
      if (peek() != '}')
        fail(pos, "expected ',' or '}'");
    }
    ++pos;
    if (!haveDescr || !haveFortran || !haveShape)
      fail(pos, std::string("missing key '") +
                    (!haveDescr     ? "descr"
                     : !haveFortran ? "fortran_order"
                                    : "shape") +
                    "'");
    skipSpace();
    if (pos != text.size())
      fail(pos, "unexpected text after the header dictionary");
  }

  [[noreturn]] void fail(size_t at, const std::string &what) {
    nrt_fatal("%s: bad NPY header at offset %lld: %s", path.c_str(),
              static_cast<long long>(base + static_cast<int64_t>(at)),
              what.c_str());
  }

  size_t descrPos = 0;

private:
  char peek() const { return pos < text.size() ? text[pos] : '\0'; }
  void skipSpace() {
    while (pos < text.size() &&
           std::isspace(static_cast<unsigned char>(text[pos])))
      ++pos;
  }
  std::string found() const {
    if (pos >= text.size())
      return "the end of the header";
    return std::string("'") + text[pos] + "'";
  }
  void expect(char c) {
    if (peek() != c)
      fail(pos, std::string("expected '") + c + "', found " + found());
    ++pos;
  }
  std::string parseString() {
    char quote = peek();
    if (quote != '\'' && quote != '"')
      fail(pos, "expected a quoted string, found " + found());
    size_t end = text.find(quote, pos + 1);
    if (end == std::string::npos)
      fail(pos, "unterminated string");
    std::string s = text.substr(pos + 1, end - pos - 1);
    pos = end + 1;
    return s;
  }
  bool parseBool() {
    if (text.compare(pos, 4, "True") == 0) {
      pos += 4;
      return true;
    }
    if (text.compare(pos, 5, "False") == 0) {
      pos += 5;
      return false;
    }
    fail(pos, "expected True or False, found " + found());
  }
  std::vector<int64_t> parseShape() {
    std::vector<int64_t> shape;
    expect('(');
    for (;;) {
      skipSpace();
      if (peek() == ')')
        break;
      if (!std::isdigit(static_cast<unsigned char>(peek())))
        fail(pos, "expected a dimension size, found " + found());
      int64_t value = 0;
      while (std::isdigit(static_cast<unsigned char>(peek()))) {
        if (__builtin_mul_overflow(value, 10, &value) ||
            __builtin_add_overflow(value, peek() - '0', &value))
          fail(pos, "dimension size too large");
        ++pos;
      }
      shape.push_back(value);
      skipSpace();
      if (peek() == ',') {
        ++pos;
        continue;
      }
      if (peek() != ')')
        fail(pos, "expected ',' or ')' in the shape, found " + found());
    }
    ++pos;
    return shape;
  }

  const std::string &path;
  const std::string &text;
  int64_t base;
  size_t pos = 0;
};
} // namespace

NpyLayout nrt::readNpyLayout(const std::string &path) {
  InputFile in(path);
  unsigned char pre[12];
  if (in.size < 10)
    nrt_fatal("%s: truncated: expected at least 10 bytes of NPY preamble at "
              "offset 0, found %lld",
              path.c_str(), static_cast<long long>(in.size));
  in.readAt(pre, in.size < 12 ? 10 : 12, 0);
  if (std::memcmp(pre, "\x93NUMPY", 6) != 0)
    nrt_fatal("%s: bad NPY magic string at offset 0 (expected \\x93NUMPY, "
              "found \\x%02x%.5s)",
              path.c_str(), pre[0], reinterpret_cast<const char *>(pre + 1));
  int major = pre[6], minor = pre[7];
  int64_t headerLen, headerStart;
  if (major == 1) {
    headerLen = pre[8] | (pre[9] << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (in.size < 12)
      nrt_fatal("%s: truncated: expected 12 bytes of NPY preamble at offset "
                "0, found %lld",
                path.c_str(), static_cast<long long>(in.size));
    headerLen = int64_t(pre[8]) | (int64_t(pre[9]) << 8) |
                (int64_t(pre[10]) << 16) | (int64_t(pre[11]) << 24);
    headerStart = 12;
  } else {
    nrt_fatal("%s: unsupported NPY format version %d.%d at offset 6 (expected "
              "1.0, 2.0 or 3.0)",
              path.c_str(), major, minor);
  }
  if (headerStart + headerLen > in.size)
    nrt_fatal("%s: truncated: the NPY header length %lld at offset 8 runs "
              "past the end of the file (%lld bytes)",
              path.c_str(), static_cast<long long>(headerLen),
              static_cast<long long>(in.size));
  std::string header(static_cast<size_t>(headerLen), '\0');
  in.readAt(&header[0], headerLen, headerStart);

  std::string descr;
  bool fortran = false;
  NpyLayout array;
  HeaderParser parser(path, header, headerStart);
  parser.parse(descr, fortran, array.shape);
  const NpyTypeInfo *info = nullptr;
  for (const NpyTypeInfo &candidate : kNpyTypes)
    if (descr == candidate.descr)
      info = &candidate;
  if (!info)
    parser.fail(parser.descrPos,
                "unsupported dtype '" + descr +
                    "' (expected '<f4', '<f8', '<i4', '<i8' or '|u1')");
  array.fortran = fortran;
  array.type = info->type;
  int64_t bytes = 0;
  if (!checkedByteSize(array.shape, info->size, bytes))
    nrt_fatal("%s: NPY shape %s is too large", path.c_str(),
              shapeString(array.shape).c_str());
  int64_t dataStart = headerStart + headerLen;
  int64_t available = in.size - dataStart;
  if (available < bytes)
    nrt_fatal("%s: truncated: expected %lld bytes of array data (shape %s, "
              "dtype '%s') at offset %lld, found %lld",
              path.c_str(), static_cast<long long>(bytes),
              shapeString(array.shape).c_str(), info->descr,
              static_cast<long long>(dataStart),
              static_cast<long long>(available));
  if (available > bytes)
    nrt_fatal("%s: %lld unexpected bytes at offset %lld after the array data "
              "(shape %s, dtype '%s')",
              path.c_str(), static_cast<long long>(available - bytes),
              static_cast<long long>(dataStart + bytes),
              shapeString(array.shape).c_str(), info->descr);
  array.dataOffset = dataStart;
  array.byteSize = bytes;
  return array;
}

bool nrt::isNpyFile(const std::string &path) {
  InputFile in(path);
  char magic[6];
  if (in.size < 6)
    return false;
  in.readAt(magic, 6, 0);
  return std::memcmp(magic, "\x93NUMPY", 6) == 0;
}

/// Copies a column-major array of `shape` into row-major order.
static void fortranToC(const uint8_t *src, uint8_t *dst,
                       const std::vector<int64_t> &shape, int64_t elemSize) {
  int64_t count = 1;
  for (int64_t d : shape)
    count *= d;
  size_t rank = shape.size();
  std::vector<int64_t> index(rank, 0);
  for (int64_t c = 0; c < count; ++c) {
    // `index` is element c's position in row-major order; its column-major
    // offset has the first dimension varying fastest.
    int64_t f = 0;
    for (size_t d = rank; d-- > 0;)
      f = f * shape[d] + index[d];
    std::memcpy(dst + c * elemSize, src + f * elemSize,
                static_cast<size_t>(elemSize));
    for (size_t d = rank; d-- > 0;) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
}

NpyArray nrt::readNpy(const std::string &path) {
  NpyLayout layout = readNpyLayout(path);
  NpyArray array;
  array.type = layout.type;
  array.shape = layout.shape;
  array.data.reset(static_cast<uint8_t *>(nrt_alloc(layout.byteSize)));
  InputFile(path).readAt(array.data.get(), layout.byteSize, layout.dataOffset);
  if (layout.fortran && layout.shape.size() > 1) {
    std::unique_ptr<uint8_t[], FreeDeleter> c(
        static_cast<uint8_t *>(nrt_alloc(layout.byteSize)));
    fortranToC(array.data.get(), c.get(), layout.shape,
               infoOf(layout.type).size);
    array.data = std::move(c);
  }
  return array;
}

template <typename Src, typename Dst>
static void convertElements(const std::string &path, const NpyArray &array,
                            Dst *out, int64_t n) {
  const Src *in = reinterpret_cast<const Src *>(array.data.get());
  for (int64_t i = 0; i < n; ++i) {
    Src v;
    std::memcpy(&v, in + i, sizeof(Src));
    if (std::is_integral<Dst>::value && std::is_integral<Src>::value &&
        (static_cast<long double>(v) <
             static_cast<long double>(std::numeric_limits<Dst>::min()) ||
         static_cast<long double>(v) >
             static_cast<long double>(std::numeric_limits<Dst>::max())))
      nrt_fatal("%s: element %lld (%lld) does not fit in a 32-bit integer",
                path.c_str(), static_cast<long long>(i),
                static_cast<long long>(v));
    out[i] = static_cast<Dst>(v);
  }
}

template <typename T> static const char *typeName();
template <> const char *typeName<float>() { return "f32"; }
template <> const char *typeName<double>() { return "f64"; }
template <> const char *typeName<int32_t>() { return "i32"; }
template <> const char *typeName<int64_t>() { return "i64"; }

template <typename T>
Array<T> nrt::readNpyAs(const std::string &path, int rank) {
  NpyArray array = readNpy(path);
  const NpyTypeInfo &info = infoOf(array.type);
  if (static_cast<int>(array.shape.size()) != rank)
    nrt_fatal("%s: NPY array has shape %s (rank %d), expected rank %d",
              path.c_str(), shapeString(array.shape).c_str(),
              static_cast<int>(array.shape.size()), rank);
  if (info.isFloat && std::is_integral<T>::value)
    nrt_fatal("%s: cannot read NPY dtype '%s' as %s (floating-point data "
              "into an integer tensor)",
              path.c_str(), info.descr, typeName<T>());
  Array<T> out;
  out.shape = array.shape;
  int64_t n = out.numElements();
  if (info.size == static_cast<int64_t>(sizeof(T)) &&
      info.isFloat == std::is_floating_point<T>::value) {
    out.data.reset(reinterpret_cast<T *>(array.data.release()));
    return out;
  }
  out.data.reset(static_cast<T *>(nrt_alloc(n * int64_t(sizeof(T)))));
  switch (array.type) {
  case NpyType::F32:
    convertElements<float>(path, array, out.data.get(), n);
    break;
  case NpyType::F64:
    convertElements<double>(path, array, out.data.get(), n);
    break;
  case NpyType::I32:
    convertElements<int32_t>(path, array, out.data.get(), n);
    break;
  case NpyType::I64:
    convertElements<int64_t>(path, array, out.data.get(), n);
    break;
  case NpyType::U8:
    convertElements<uint8_t>(path, array, out.data.get(), n);
    break;
  }
  return out;
}

template Array<float> nrt::readNpyAs<float>(const std::string &, int);
template Array<double> nrt::readNpyAs<double>(const std::string &, int);
template Array<int32_t> nrt::readNpyAs<int32_t>(const std::string &, int);
template Array<int64_t> nrt::readNpyAs<int64_t>(const std::string &, int);

void nrt::writeNpy(const std::string &path, NpyType type,
                   const std::vector<int64_t> &shape, const void *data) {
  const NpyTypeInfo &info = infoOf(type);
  std::string dict = std::string("{'descr': '") + info.descr +
                     "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < shape.size(); ++i)
    dict += (i ? ", " : "") + std::to_string(shape[i]);
  if (shape.size() == 1)
    dict += ",";
  dict += "), }";
  // Pad with spaces and end with '\n' so the data starts at a multiple of
  // 64, as NumPy does.
  size_t total = 10 + dict.size() + 1;
  size_t padded = (total + 63) / 64 * 64;
  dict.append(padded - total, ' ');
  dict += '\n';
  if (dict.size() > 65535)
    nrt_fatal("%s: NPY header too long for format version 1.0", path.c_str());
  unsigned char pre[10] = {0x93,
                           'N',
                           'U',
                           'M',
                           'P',
                           'Y',
                           1,
                           0,
                           static_cast<unsigned char>(dict.size() & 0xff),
                           static_cast<unsigned char>(dict.size() >> 8)};
  int64_t bytes = 0;
  if (!checkedByteSize(shape, info.size, bytes))
    nrt_fatal("%s: NPY shape %s is too large", path.c_str(),
              shapeString(shape).c_str());
  AtomicFile file(path);
  file.write(pre, sizeof(pre));
  file.write(dict.data(), dict.size());
  file.write(data, static_cast<size_t>(bytes));
  file.commit();
}

//===----------------------------------------------------------------------===//
// C ABI
//===----------------------------------------------------------------------===//

NRT_DEFINE_FILE_READERS(npy, readNpyAs, 1)
NRT_DEFINE_FILE_READERS(npy, readNpyAs, 2)
NRT_DEFINE_FILE_READERS(npy, readNpyAs, 3)
NRT_DEFINE_FILE_READERS(npy, readNpyAs, 4)

template <typename T>
static void writeTensor(NrtMemRef<char, 1> *pathArg, NpyType type,
                        NrtUnrankedMemRef *tensor) {
  std::string path = toString(pathArg);
  StridedView view = viewOf(tensor, sizeof(T));
  std::vector<T> data(static_cast<size_t>(view.numElements()));
  gatherContiguous(view, data.data());
  writeNpy(path, type, view.shape(), data.data());
}

extern "C" void _mlir_ciface_nrt_write_npy_f32(NrtMemRef<char, 1> *path,
                                               NrtUnrankedMemRef *tensor) {
  writeTensor<float>(path, NpyType::F32, tensor);
}
extern "C" void _mlir_ciface_nrt_write_npy_f64(NrtMemRef<char, 1> *path,
                                               NrtUnrankedMemRef *tensor) {
  writeTensor<double>(path, NpyType::F64, tensor);
}
extern "C" void _mlir_ciface_nrt_write_npy_i32(NrtMemRef<char, 1> *path,
                                               NrtUnrankedMemRef *tensor) {
  writeTensor<int32_t>(path, NpyType::I32, tensor);
}
extern "C" void _mlir_ciface_nrt_write_npy_i64(NrtMemRef<char, 1> *path,
                                               NrtUnrankedMemRef *tensor) {
  writeTensor<int64_t>(path, NpyType::I64, tensor);
}

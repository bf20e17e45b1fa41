//===- Csv.cpp - Numeric CSV files ----------------------------------------===//
//
// Reads numeric CSV files into 1-D or 2-D tensors: optional header line,
// every row the same number of fields, errors with line and byte offset.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <type_traits>

using namespace nrt;

static std::string readWholeFile(const std::string &path) {
  FILE *f = std::fopen(path.c_str(), "rb");
  if (!f)
    nrt_fatal("%s: cannot open: %s", path.c_str(), errnoMessage(errno).c_str());
  std::string text;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0)
    text.append(buf, n);
  bool failed = std::ferror(f);
  int err = errno;
  std::fclose(f);
  if (failed)
    nrt_fatal("%s: read error after %zu bytes: %s", path.c_str(), text.size(),
              errnoMessage(err).c_str());
  return text;
}

namespace {
/// One field of a line: its text without quotes and surrounding blanks,
/// and its byte offset in the file.
struct Field {
  std::string text;
  int64_t offset;
};
} // namespace

static bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/// Splits the line [begin, end) of `text` at commas.
static std::vector<Field> splitLine(const std::string &text, size_t begin,
                                    size_t end) {
  std::vector<Field> fields;
  size_t start = begin;
  for (size_t i = begin; i <= end; ++i) {
    if (i < end && text[i] != ',')
      continue;
    size_t b = start, e = i;
    while (b < e && isBlank(text[b]))
      ++b;
    while (e > b && isBlank(text[e - 1]))
      --e;
    if (e - b >= 2 && text[b] == '"' && text[e - 1] == '"') {
      ++b;
      --e;
      while (b < e && isBlank(text[b]))
        ++b;
      while (e > b && isBlank(text[e - 1]))
        --e;
    }
    fields.push_back({text.substr(b, e - b), static_cast<int64_t>(b)});
    start = i + 1;
  }
  return fields;
}

static bool parseNumber(const std::string &s, double &value) {
  if (s.empty())
    return false;
  char *end = nullptr;
  errno = 0;
  value = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

/// Parses an integer field; 1 on success, 0 if not an integer, -1 if out
/// of range.
static int parseInteger(const std::string &s, int64_t &value) {
  if (s.empty())
    return 0;
  char *end = nullptr;
  errno = 0;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (end != s.c_str() + s.size())
    return 0;
  if (errno == ERANGE)
    return -1;
  value = v;
  return 1;
}

template <typename T> static const char *csvTypeName() {
  if (std::is_same<T, float>::value)
    return "f32";
  if (std::is_same<T, double>::value)
    return "f64";
  if (std::is_same<T, int32_t>::value)
    return "i32";
  return "i64";
}

template <typename T> Array<T> nrt::readCsv(const std::string &path, int rank) {
  std::string text = readWholeFile(path);
  std::vector<T> values;
  int64_t columns = -1, rows = 0, firstDataLine = 0, lineNo = 0;
  bool sawNonBlank = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos)
      end = text.size();
    size_t lineStart = pos;
    pos = end + 1;
    ++lineNo;
    bool blank = true;
    for (size_t i = lineStart; i < end && blank; ++i)
      blank = isBlank(text[i]);
    if (blank)
      continue;
    std::vector<Field> fields = splitLine(text, lineStart, end);
    if (!sawNonBlank) {
      sawNonBlank = true;
      bool header = false;
      double ignored;
      for (const Field &f : fields)
        header |= !parseNumber(f.text, ignored);
      if (header) {
        columns = static_cast<int64_t>(fields.size());
        continue;
      }
    }
    if (firstDataLine == 0) {
      firstDataLine = lineNo;
      if (columns >= 0 && columns != static_cast<int64_t>(fields.size()))
        nrt_fatal("%s: line %lld (byte offset %lld): expected %lld fields as "
                  "in the header, found %zu",
                  path.c_str(), static_cast<long long>(lineNo),
                  static_cast<long long>(lineStart),
                  static_cast<long long>(columns), fields.size());
      columns = static_cast<int64_t>(fields.size());
    } else if (static_cast<int64_t>(fields.size()) != columns) {
      nrt_fatal("%s: line %lld (byte offset %lld): expected %lld fields as in "
                "line %lld, found %zu",
                path.c_str(), static_cast<long long>(lineNo),
                static_cast<long long>(lineStart),
                static_cast<long long>(columns),
                static_cast<long long>(firstDataLine), fields.size());
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      const Field &f = fields[i];
      if (std::is_integral<T>::value) {
        int64_t v = 0;
        int ok = parseInteger(f.text, v);
        if (ok == 1 && (v < std::numeric_limits<T>::min() ||
                        v > std::numeric_limits<T>::max()))
          ok = -1;
        if (ok == 0)
          nrt_fatal("%s: line %lld, field %zu (byte offset %lld): expected an "
                    "integer, found '%s'",
                    path.c_str(), static_cast<long long>(lineNo), i + 1,
                    static_cast<long long>(f.offset), f.text.c_str());
        if (ok < 0)
          nrt_fatal("%s: line %lld, field %zu (byte offset %lld): %s does not "
                    "fit in %s",
                    path.c_str(), static_cast<long long>(lineNo), i + 1,
                    static_cast<long long>(f.offset), f.text.c_str(),
                    csvTypeName<T>());
        values.push_back(static_cast<T>(v));
      } else {
        double v = 0;
        if (!parseNumber(f.text, v))
          nrt_fatal("%s: line %lld, field %zu (byte offset %lld): expected a "
                    "number, found '%s'",
                    path.c_str(), static_cast<long long>(lineNo), i + 1,
                    static_cast<long long>(f.offset), f.text.c_str());
        values.push_back(static_cast<T>(v));
      }
    }
    ++rows;
  }
  if (columns < 0)
    columns = 0;
  Array<T> array;
  if (rank == 2) {
    array.shape = {rows, columns};
  } else if (rows == 0 || columns == 1) {
    array.shape = {rows};
  } else if (rows == 1) {
    array.shape = {columns};
  } else {
    nrt_fatal("%s: CSV has %lld rows of %lld fields; a 1-D tensor needs one "
              "column or one row",
              path.c_str(), static_cast<long long>(rows),
              static_cast<long long>(columns));
  }
  int64_t bytes = static_cast<int64_t>(values.size() * sizeof(T));
  array.data.reset(static_cast<T *>(nrt_alloc(bytes)));
  if (bytes)
    std::memcpy(array.data.get(), values.data(), static_cast<size_t>(bytes));
  return array;
}

template Array<float> nrt::readCsv<float>(const std::string &, int);
template Array<double> nrt::readCsv<double>(const std::string &, int);
template Array<int32_t> nrt::readCsv<int32_t>(const std::string &, int);
template Array<int64_t> nrt::readCsv<int64_t>(const std::string &, int);

NRT_DEFINE_FILE_READERS(csv, readCsv, 1)
NRT_DEFINE_FILE_READERS(csv, readCsv, 2)

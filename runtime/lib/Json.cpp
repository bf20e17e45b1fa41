//===- Json.cpp - A small validating JSON parser --------------------------===//
//
// Recursive descent over RFC 8259 JSON with a depth limit, so no header can
// exhaust the stack; errors carry the byte offset.
//
//===----------------------------------------------------------------------===//

#include "Json.h"

#include <cstdio>

using namespace nrt;

const JsonValue *JsonValue::find(const std::string &key) const {
  for (const auto &member : members)
    if (member.first == key)
      return &member.second;
  return nullptr;
}

namespace {
class JsonParser {
public:
  explicit JsonParser(const std::string &text) : text(text) {}

  bool parse(JsonValue &out) {
    skipSpace();
    if (!parseValue(out, 0))
      return false;
    skipSpace();
    if (pos != text.size())
      return fail("unexpected text after the JSON value");
    return true;
  }

  size_t errorOffset = 0;
  std::string errorMessage;

private:
  static constexpr int kMaxDepth = 64;

  bool fail(const std::string &message) {
    errorOffset = pos;
    errorMessage = message;
    return false;
  }
  std::string found() const {
    if (pos >= text.size())
      return "the end of the header";
    unsigned char c = static_cast<unsigned char>(text[pos]);
    char buf[16];
    if (c < 0x20 || c >= 0x7f)
      std::snprintf(buf, sizeof(buf), "byte 0x%02x", c);
    else
      std::snprintf(buf, sizeof(buf), "'%c'", c);
    return buf;
  }
  char peek() const { return pos < text.size() ? text[pos] : '\0'; }
  void skipSpace() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' ||
                                 text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }
  bool literal(const char *word) {
    size_t n = std::char_traits<char>::length(word);
    if (text.compare(pos, n, word) != 0)
      return false;
    pos += n;
    return true;
  }

  bool parseValue(JsonValue &out, int depth) {
    if (depth > kMaxDepth)
      return fail("JSON nested too deeply");
    out.offset = pos;
    char c = peek();
    if (c == '{')
      return parseObject(out, depth);
    if (c == '[')
      return parseArray(out, depth);
    if (c == '"') {
      out.kind = JsonValue::String;
      return parseString(out.text);
    }
    if (c == '-' || (c >= '0' && c <= '9'))
      return parseNumber(out);
    if (literal("true")) {
      out.kind = JsonValue::Bool;
      out.boolean = true;
      return true;
    }
    if (literal("false")) {
      out.kind = JsonValue::Bool;
      return true;
    }
    if (literal("null")) {
      out.kind = JsonValue::Null;
      return true;
    }
    return fail("expected a JSON value, found " + found());
  }

  bool parseObject(JsonValue &out, int depth) {
    out.kind = JsonValue::Object;
    ++pos;
    skipSpace();
    if (peek() == '}') {
      ++pos;
      return true;
    }
    for (;;) {
      skipSpace();
      if (peek() != '"')
        return fail("expected a string key, found " + found());
      std::string key;
      if (!parseString(key))
        return false;
      skipSpace();
      if (peek() != ':')
        return fail("expected ':', found " + found());
      ++pos;
      skipSpace();
      out.members.emplace_back(std::move(key), JsonValue());
      if (!parseValue(out.members.back().second, depth + 1))
        return false;
      skipSpace();
      if (peek() == ',') {
        ++pos;
        continue;
      }
      if (peek() == '}') {
        ++pos;
        return true;
      }
      return fail("expected ',' or '}', found " + found());
    }
  }

  bool parseArray(JsonValue &out, int depth) {
    out.kind = JsonValue::Array;
    ++pos;
    skipSpace();
    if (peek() == ']') {
      ++pos;
      return true;
    }
    for (;;) {
      skipSpace();
      out.items.emplace_back();
      if (!parseValue(out.items.back(), depth + 1))
        return false;
      skipSpace();
      if (peek() == ',') {
        ++pos;
        continue;
      }
      if (peek() == ']') {
        ++pos;
        return true;
      }
      return fail("expected ',' or ']', found " + found());
    }
  }

  bool parseNumber(JsonValue &out) {
    out.kind = JsonValue::Number;
    size_t start = pos;
    bool negative = peek() == '-';
    if (negative)
      ++pos;
    if (!(peek() >= '0' && peek() <= '9'))
      return fail("expected a digit, found " + found());
    bool overflow = false;
    int64_t value = 0;
    if (peek() == '0') {
      ++pos;
    } else {
      while (peek() >= '0' && peek() <= '9') {
        int digit = peek() - '0';
        if (__builtin_mul_overflow(value, 10, &value) ||
            __builtin_add_overflow(value, digit, &value))
          overflow = true;
        ++pos;
      }
    }
    bool integral = true;
    if (peek() == '.') {
      integral = false;
      ++pos;
      if (!(peek() >= '0' && peek() <= '9'))
        return fail("expected a digit after '.', found " + found());
      while (peek() >= '0' && peek() <= '9')
        ++pos;
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++pos;
      if (peek() == '+' || peek() == '-')
        ++pos;
      if (!(peek() >= '0' && peek() <= '9'))
        return fail("expected a digit in the exponent, found " + found());
      while (peek() >= '0' && peek() <= '9')
        ++pos;
    }
    out.text = text.substr(start, pos - start);
    out.isInteger = integral && !overflow;
    out.integer = negative ? -value : value;
    return true;
  }

  static void appendUtf8(std::string &out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  bool parseHex4(uint32_t &value) {
    value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = peek();
      int digit;
      if (c >= '0' && c <= '9')
        digit = c - '0';
      else if (c >= 'a' && c <= 'f')
        digit = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        digit = c - 'A' + 10;
      else
        return fail("expected a hex digit in a \\u escape, found " + found());
      value = value * 16 + static_cast<uint32_t>(digit);
      ++pos;
    }
    return true;
  }

  bool parseString(std::string &out) {
    ++pos; // opening quote
    for (;;) {
      if (pos >= text.size())
        return fail("unterminated string");
      unsigned char c = static_cast<unsigned char>(text[pos]);
      if (c == '"') {
        ++pos;
        return true;
      }
      if (c < 0x20)
        return fail("control character " + found() + " in a string");
      if (c != '\\') {
        out += static_cast<char>(c);
        ++pos;
        continue;
      }
      ++pos;
      char e = peek();
      ++pos;
      switch (e) {
      case '"':
      case '\\':
      case '/':
        out += e;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        uint32_t cp;
        if (!parseHex4(cp))
          return false;
        if (cp >= 0xd800 && cp < 0xdc00 && text.compare(pos, 2, "\\u") == 0) {
          pos += 2;
          uint32_t low;
          if (!parseHex4(low))
            return false;
          if (low >= 0xdc00 && low < 0xe000)
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        }
        appendUtf8(out, cp);
        break;
      }
      default:
        --pos;
        return fail("bad escape sequence in a string");
      }
    }
  }

  const std::string &text;
  size_t pos = 0;
};
} // namespace

bool nrt::parseJson(const std::string &text, JsonValue &out,
                    size_t &errorOffset, std::string &errorMessage) {
  JsonParser parser(text);
  if (parser.parse(out))
    return true;
  errorOffset = parser.errorOffset;
  errorMessage = parser.errorMessage;
  return false;
}

std::string nrt::quoteJson(const std::string &text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

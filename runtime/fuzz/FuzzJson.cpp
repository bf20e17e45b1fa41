//===- FuzzJson.cpp - libFuzzer target for the JSON parser ----------------===//
//
// Parses the input as JSON (the parser of safetensors headers): errors must
// point inside the text, and a parsed string must survive quoteJson.
//
//===----------------------------------------------------------------------===//

#include "Json.h"

#include <cstdlib>
#include <string>

/// Checks the offsets of `value` and its children, and that quoting each
/// string and parsing it again gives the string back.
static void check(const nrt::JsonValue &value, const std::string &text) {
  if (value.offset >= text.size())
    std::abort();
  if (value.kind == nrt::JsonValue::String) {
    nrt::JsonValue again;
    size_t offset = 0;
    std::string message;
    if (!nrt::parseJson(nrt::quoteJson(value.text), again, offset, message) ||
        again.kind != nrt::JsonValue::String || again.text != value.text)
      std::abort();
  }
  for (const nrt::JsonValue &item : value.items)
    check(item, text);
  for (const auto &member : value.members)
    check(member.second, text);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  nrt::JsonValue value;
  size_t errorOffset = 0;
  std::string errorMessage;
  if (!nrt::parseJson(text, value, errorOffset, errorMessage)) {
    if (errorOffset > text.size() || errorMessage.empty())
      std::abort();
    return 0;
  }
  check(value, text);
  return 0;
}

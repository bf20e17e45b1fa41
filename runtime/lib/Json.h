//===- Json.h - A small validating JSON parser ------------------*- C++ -*-===//
//
// Parses the JSON headers of safetensors files, recording where each value
// starts so errors can name byte offsets. Not installed.
//
//===----------------------------------------------------------------------===//

#ifndef NRT_LIB_JSON_H
#define NRT_LIB_JSON_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace nrt {

/// A parsed JSON value.
struct JsonValue {
  enum Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Null;
  size_t offset = 0;      ///< where the value starts in the text
  bool boolean = false;   ///< Bool
  bool isInteger = false; ///< Number: an integer that fits in int64_t
  int64_t integer = 0;    ///< Number, when isInteger
  std::string text;       ///< String: the decoded string; Number: its spelling
  std::vector<JsonValue> items;                           ///< Array
  std::vector<std::pair<std::string, JsonValue>> members; ///< Object

  /// The member called `key`, or null.
  const JsonValue *find(const std::string &key) const;
};

/// Parses `text` (the whole of it, surrounding whitespace allowed) into
/// `out`. On failure returns false with the offset and a message.
bool parseJson(const std::string &text, JsonValue &out, size_t &errorOffset,
               std::string &errorMessage);

/// `text` as a JSON string literal, quotes included.
std::string quoteJson(const std::string &text);

} // namespace nrt

#endif // NRT_LIB_JSON_H

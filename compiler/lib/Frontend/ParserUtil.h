//===- ParserUtil.h - Shared by the parser's files -------------*- C++ -*-===//
//
// The bound on nesting that keeps any input from exhausting the stack, and
// how a token is named in a diagnostic.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_LIB_FRONTEND_PARSERUTIL_H
#define NABLA_LIB_FRONTEND_PARSERUTIL_H

#include "nabla/Frontend/Token.h"

#include <string>

namespace nabla {

/// The deepest nesting of expressions, types and blocks the parser accepts.
inline constexpr unsigned kMaxNesting = 200;

/// Counts recursion depth for the duration of a parse function.
struct DepthGuard {
  unsigned &depth;
  explicit DepthGuard(unsigned &depth) : depth(depth) { ++depth; }
  ~DepthGuard() { --depth; }
};

/// A token as a diagnostic names it: `identifier 'x'`, `'('`, ...
inline std::string describe(const Token &tok) {
  switch (tok.kind) {
  case TokenKind::Identifier:
  case TokenKind::IntLiteral:
  case TokenKind::FloatLiteral:
    return (spell(tok.kind) + " '" + tok.text + "'").str();
  case TokenKind::Error:
    return ("invalid character '" + tok.text + "'").str();
  default:
    return spell(tok.kind).str();
  }
}

} // namespace nabla

#endif // NABLA_LIB_FRONTEND_PARSERUTIL_H

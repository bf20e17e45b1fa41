//===- Lexer.h - Nabla lexer ------------------------------------*- C++ -*-===//
//
// Splits a source buffer into tokens. Newlines are significant (they end
// statements) except inside parentheses and brackets.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_FRONTEND_LEXER_H
#define NABLA_FRONTEND_LEXER_H

#include "nabla/Frontend/Token.h"

#include "llvm/ADT/SmallVector.h"

namespace nabla {

class Lexer {
public:
  explicit Lexer(llvm::StringRef buffer)
      : buffer(buffer), cur(buffer.begin()) {}

  /// Returns the next token. An unrecognised character yields an Error token
  /// whose text is that character; the caller reports it.
  Token next();

private:
  Token make(TokenKind kind, const char *start) const;
  Token lexNumber(const char *start);
  Token lexString(const char *start);
  Token lexIdentifier(const char *start);

  llvm::StringRef buffer;
  const char *cur;
  /// Open brackets: a newline ends a statement only at top level or directly
  /// inside braces, never inside (...) or [...].
  llvm::SmallVector<char, 16> groups;
};

} // namespace nabla

#endif // NABLA_FRONTEND_LEXER_H

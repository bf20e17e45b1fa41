//===- Token.h - Nabla source tokens ----------------------------*- C++ -*-===//
//
// The token kinds of the Nabla language and the token record the lexer hands
// to the parser.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_FRONTEND_TOKEN_H
#define NABLA_FRONTEND_TOKEN_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"

namespace nabla {

enum class TokenKind {
  Eof,
  Error,
  Newline,
  Identifier,
  IntLiteral,
  FloatLiteral,
  StringLiteral,
  // Keywords.
  KwAnd,
  KwElse,
  KwExtern,
  KwFalse,
  KwFn,
  KwFor,
  KwIf,
  KwImport,
  KwIn,
  KwLet,
  KwNot,
  KwOr,
  KwReturn,
  KwStruct,
  KwTrue,
  KwVar,
  KwWhile,
  // Punctuation and operators.
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Colon,
  Semicolon,
  Dot,
  DotDot,
  Arrow,
  Plus,
  Minus,
  Star,
  StarStar,
  Slash,
  Percent,
  At,
  Assign,
  PlusAssign,
  MinusAssign,
  StarAssign,
  SlashAssign,
  EqEq,
  NotEq,
  Less,
  LessEq,
  Greater,
  GreaterEq,
};

/// A human-readable spelling of a token kind, for diagnostics.
llvm::StringRef spell(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::Eof;
  /// The characters of the token in the source buffer.
  llvm::StringRef text;
  llvm::SMLoc loc;

  bool is(TokenKind k) const { return kind == k; }
};

} // namespace nabla

#endif // NABLA_FRONTEND_TOKEN_H

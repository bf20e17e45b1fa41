//===- LexerTest.cpp - Tokens of the Nabla language -----------------------===//
//
// Token kinds, newline handling inside brackets, numbers and strings.
//
//===----------------------------------------------------------------------===//

#include "nabla/Frontend/Lexer.h"

#include "gtest/gtest.h"

#include <vector>

using namespace nabla;

static std::vector<TokenKind> kinds(llvm::StringRef source) {
  Lexer lexer(source);
  std::vector<TokenKind> out;
  for (Token t = lexer.next(); !t.is(TokenKind::Eof); t = lexer.next())
    out.push_back(t.kind);
  return out;
}

TEST(LexerTest, KeywordsAndOperators) {
  EXPECT_EQ(kinds("let x = a @ b ** 2"),
            (std::vector<TokenKind>{
                TokenKind::KwLet, TokenKind::Identifier, TokenKind::Assign,
                TokenKind::Identifier, TokenKind::At, TokenKind::Identifier,
                TokenKind::StarStar, TokenKind::IntLiteral}));
  EXPECT_EQ(
      kinds("a += 1; b != c -> d"),
      (std::vector<TokenKind>{
          TokenKind::Identifier, TokenKind::PlusAssign, TokenKind::IntLiteral,
          TokenKind::Semicolon, TokenKind::Identifier, TokenKind::NotEq,
          TokenKind::Identifier, TokenKind::Arrow, TokenKind::Identifier}));
}

TEST(LexerTest, NewlinesAreSkippedInsideBrackets) {
  // Inside (...) the newline is not a token; inside {...} it is.
  EXPECT_EQ(kinds("f(a,\n b)\n"),
            (std::vector<TokenKind>{TokenKind::Identifier, TokenKind::LParen,
                                    TokenKind::Identifier, TokenKind::Comma,
                                    TokenKind::Identifier, TokenKind::RParen,
                                    TokenKind::Newline}));
  EXPECT_EQ(kinds("{\n}"),
            (std::vector<TokenKind>{TokenKind::LBrace, TokenKind::Newline,
                                    TokenKind::RBrace}));
}

TEST(LexerTest, NumbersAndRanges) {
  EXPECT_EQ(kinds("0..10"),
            (std::vector<TokenKind>{TokenKind::IntLiteral, TokenKind::DotDot,
                                    TokenKind::IntLiteral}));
  EXPECT_EQ(
      kinds("1.5 1e-3 2.5e+2 1_000"),
      (std::vector<TokenKind>{TokenKind::FloatLiteral, TokenKind::FloatLiteral,
                              TokenKind::FloatLiteral, TokenKind::IntLiteral}));
  // `t.0` is a field access, not a float.
  EXPECT_EQ(kinds("t.0"),
            (std::vector<TokenKind>{TokenKind::Identifier, TokenKind::Dot,
                                    TokenKind::IntLiteral}));
}

TEST(LexerTest, CommentsStringsAndErrors) {
  EXPECT_EQ(kinds("x # a comment\ny"),
            (std::vector<TokenKind>{TokenKind::Identifier, TokenKind::Newline,
                                    TokenKind::Identifier}));
  Lexer lexer("\"a \\\"b\\\" c\" $ \"open");
  Token s = lexer.next();
  EXPECT_EQ(s.kind, TokenKind::StringLiteral);
  EXPECT_EQ(s.text, "\"a \\\"b\\\" c\"");
  EXPECT_EQ(lexer.next().kind, TokenKind::Error); // '$'
  Token open = lexer.next();
  EXPECT_EQ(open.kind, TokenKind::Error); // unterminated string
  EXPECT_TRUE(open.text.starts_with("\""));
  EXPECT_EQ(lexer.next().kind, TokenKind::Eof);
}

//===- Lexer.cpp - Nabla lexer --------------------------------------------===//
//
// Turns characters into tokens: identifiers and keywords, numbers, strings,
// operators. Comments run from '#' to the end of the line.
//
//===----------------------------------------------------------------------===//

#include "nabla/Frontend/Lexer.h"

#include "llvm/ADT/StringSwitch.h"

#include <cctype>

using namespace nabla;

llvm::StringRef nabla::spell(TokenKind kind) {
  switch (kind) {
  case TokenKind::Eof:
    return "end of file";
  case TokenKind::Error:
    return "invalid character";
  case TokenKind::Newline:
    return "newline";
  case TokenKind::Identifier:
    return "identifier";
  case TokenKind::IntLiteral:
    return "integer literal";
  case TokenKind::FloatLiteral:
    return "float literal";
  case TokenKind::StringLiteral:
    return "string literal";
  case TokenKind::KwAnd:
    return "'and'";
  case TokenKind::KwElse:
    return "'else'";
  case TokenKind::KwExtern:
    return "'extern'";
  case TokenKind::KwFalse:
    return "'false'";
  case TokenKind::KwFn:
    return "'fn'";
  case TokenKind::KwFor:
    return "'for'";
  case TokenKind::KwIf:
    return "'if'";
  case TokenKind::KwImport:
    return "'import'";
  case TokenKind::KwIn:
    return "'in'";
  case TokenKind::KwLet:
    return "'let'";
  case TokenKind::KwNot:
    return "'not'";
  case TokenKind::KwOr:
    return "'or'";
  case TokenKind::KwReturn:
    return "'return'";
  case TokenKind::KwStruct:
    return "'struct'";
  case TokenKind::KwTrue:
    return "'true'";
  case TokenKind::KwVar:
    return "'var'";
  case TokenKind::KwWhile:
    return "'while'";
  case TokenKind::LParen:
    return "'('";
  case TokenKind::RParen:
    return "')'";
  case TokenKind::LBracket:
    return "'['";
  case TokenKind::RBracket:
    return "']'";
  case TokenKind::LBrace:
    return "'{'";
  case TokenKind::RBrace:
    return "'}'";
  case TokenKind::Comma:
    return "','";
  case TokenKind::Colon:
    return "':'";
  case TokenKind::Semicolon:
    return "';'";
  case TokenKind::Dot:
    return "'.'";
  case TokenKind::DotDot:
    return "'..'";
  case TokenKind::Arrow:
    return "'->'";
  case TokenKind::Plus:
    return "'+'";
  case TokenKind::Minus:
    return "'-'";
  case TokenKind::Star:
    return "'*'";
  case TokenKind::StarStar:
    return "'**'";
  case TokenKind::Slash:
    return "'/'";
  case TokenKind::Percent:
    return "'%'";
  case TokenKind::At:
    return "'@'";
  case TokenKind::Assign:
    return "'='";
  case TokenKind::PlusAssign:
    return "'+='";
  case TokenKind::MinusAssign:
    return "'-='";
  case TokenKind::StarAssign:
    return "'*='";
  case TokenKind::SlashAssign:
    return "'/='";
  case TokenKind::EqEq:
    return "'=='";
  case TokenKind::NotEq:
    return "'!='";
  case TokenKind::Less:
    return "'<'";
  case TokenKind::LessEq:
    return "'<='";
  case TokenKind::Greater:
    return "'>'";
  case TokenKind::GreaterEq:
    return "'>='";
  }
  return "token";
}

Token Lexer::make(TokenKind kind, const char *start) const {
  Token tok;
  tok.kind = kind;
  tok.text = llvm::StringRef(start, cur - start);
  tok.loc = llvm::SMLoc::getFromPointer(start);
  return tok;
}

Token Lexer::next() {
  const char *end = buffer.end();
  while (true) {
    // Skip blanks and comments; a newline is a token only where it can end a
    // statement.
    while (cur != end && (*cur == ' ' || *cur == '\t' || *cur == '\r'))
      ++cur;
    if (cur != end && *cur == '#') {
      while (cur != end && *cur != '\n')
        ++cur;
      continue;
    }
    if (cur != end && *cur == '\n') {
      const char *start = cur++;
      if (groups.empty() || groups.back() == '{')
        return make(TokenKind::Newline, start);
      continue;
    }
    break;
  }
  const char *start = cur;
  if (cur == end)
    return make(TokenKind::Eof, start);

  char c = *cur;
  if (std::isalpha(static_cast<unsigned char>(c)) || c == '_')
    return lexIdentifier(start);
  if (std::isdigit(static_cast<unsigned char>(c)))
    return lexNumber(start);
  if (c == '"')
    return lexString(start);

  ++cur;
  auto peekIs = [&](char expected) {
    if (cur != end && *cur == expected) {
      ++cur;
      return true;
    }
    return false;
  };
  switch (c) {
  case '(':
  case '[':
  case '{':
    groups.push_back(c);
    return make(c == '('   ? TokenKind::LParen
                : c == '[' ? TokenKind::LBracket
                           : TokenKind::LBrace,
                start);
  case ')':
  case ']':
  case '}':
    if (!groups.empty())
      groups.pop_back();
    return make(c == ')'   ? TokenKind::RParen
                : c == ']' ? TokenKind::RBracket
                           : TokenKind::RBrace,
                start);
  case ',':
    return make(TokenKind::Comma, start);
  case ':':
    return make(TokenKind::Colon, start);
  case ';':
    return make(TokenKind::Semicolon, start);
  case '.':
    return make(peekIs('.') ? TokenKind::DotDot : TokenKind::Dot, start);
  case '+':
    return make(peekIs('=') ? TokenKind::PlusAssign : TokenKind::Plus, start);
  case '-':
    if (peekIs('>'))
      return make(TokenKind::Arrow, start);
    return make(peekIs('=') ? TokenKind::MinusAssign : TokenKind::Minus, start);
  case '*':
    if (peekIs('*'))
      return make(TokenKind::StarStar, start);
    return make(peekIs('=') ? TokenKind::StarAssign : TokenKind::Star, start);
  case '/':
    return make(peekIs('=') ? TokenKind::SlashAssign : TokenKind::Slash, start);
  case '%':
    return make(TokenKind::Percent, start);
  case '@':
    return make(TokenKind::At, start);
  case '=':
    return make(peekIs('=') ? TokenKind::EqEq : TokenKind::Assign, start);
  case '!':
    if (peekIs('='))
      return make(TokenKind::NotEq, start);
    return make(TokenKind::Error, start);
  case '<':
    return make(peekIs('=') ? TokenKind::LessEq : TokenKind::Less, start);
  case '>':
    return make(peekIs('=') ? TokenKind::GreaterEq : TokenKind::Greater, start);
  default:
    // Consume a whole UTF-8 sequence so the error shows one character.
    while (cur != end && (static_cast<unsigned char>(*cur) & 0xC0) == 0x80)
      ++cur;
    return make(TokenKind::Error, start);
  }
}

Token Lexer::lexIdentifier(const char *start) {
  const char *end = buffer.end();
  while (cur != end &&
         (std::isalnum(static_cast<unsigned char>(*cur)) || *cur == '_'))
    ++cur;
  llvm::StringRef text(start, cur - start);
  TokenKind kind = llvm::StringSwitch<TokenKind>(text)
                       .Case("and", TokenKind::KwAnd)
                       .Case("else", TokenKind::KwElse)
                       .Case("extern", TokenKind::KwExtern)
                       .Case("false", TokenKind::KwFalse)
                       .Case("fn", TokenKind::KwFn)
                       .Case("for", TokenKind::KwFor)
                       .Case("if", TokenKind::KwIf)
                       .Case("import", TokenKind::KwImport)
                       .Case("in", TokenKind::KwIn)
                       .Case("let", TokenKind::KwLet)
                       .Case("not", TokenKind::KwNot)
                       .Case("or", TokenKind::KwOr)
                       .Case("return", TokenKind::KwReturn)
                       .Case("struct", TokenKind::KwStruct)
                       .Case("true", TokenKind::KwTrue)
                       .Case("var", TokenKind::KwVar)
                       .Case("while", TokenKind::KwWhile)
                       .Default(TokenKind::Identifier);
  return make(kind, start);
}

Token Lexer::lexNumber(const char *start) {
  const char *end = buffer.end();
  auto isDigit = [&](const char *p) {
    return p != end && std::isdigit(static_cast<unsigned char>(*p));
  };
  while (isDigit(cur) || (cur != end && *cur == '_'))
    ++cur;
  bool isFloat = false;
  // A '.' followed by a digit continues the number; '..' is a range.
  if (cur != end && *cur == '.' && isDigit(cur + 1)) {
    isFloat = true;
    ++cur;
    while (isDigit(cur) || (cur != end && *cur == '_'))
      ++cur;
  }
  if (cur != end && (*cur == 'e' || *cur == 'E')) {
    const char *p = cur + 1;
    if (p != end && (*p == '+' || *p == '-'))
      ++p;
    if (isDigit(p)) {
      isFloat = true;
      cur = p;
      while (isDigit(cur))
        ++cur;
    }
  }
  return make(isFloat ? TokenKind::FloatLiteral : TokenKind::IntLiteral, start);
}

Token Lexer::lexString(const char *start) {
  const char *end = buffer.end();
  ++cur; // opening quote
  while (cur != end && *cur != '"' && *cur != '\n') {
    if (*cur == '\\' && cur + 1 != end && cur[1] != '\n')
      ++cur;
    ++cur;
  }
  if (cur == end || *cur != '"') {
    // Unterminated: the parser reports it at the opening quote.
    return make(TokenKind::Error, start);
  }
  ++cur; // closing quote
  return make(TokenKind::StringLiteral, start);
}

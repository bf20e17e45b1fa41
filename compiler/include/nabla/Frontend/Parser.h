//===- Parser.h - Nabla parser ----------------------------------*- C++ -*-===//
//
// Recursive-descent parser from tokens to the AST. Errors are reported with
// their location and the parser resynchronises at the next statement or
// declaration, so one run reports every syntax error it can find.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_FRONTEND_PARSER_H
#define NABLA_FRONTEND_PARSER_H

#include "nabla/Frontend/AST.h"
#include "nabla/Frontend/Diagnostics.h"
#include "nabla/Frontend/Lexer.h"

namespace nabla {

class Parser {
public:
  Parser(llvm::StringRef buffer, DiagnosticReporter &diags)
      : lexer(buffer), diags(diags) {
    tok = lexer.next();
    peekTok = lexer.next();
  }

  /// Parses a whole file into `module`. Returns false if any error was
  /// reported (the module still holds what could be parsed).
  bool parseModule(Module &module);

private:
  // Token handling.
  void consume();
  bool consumeIf(TokenKind kind);
  bool expect(TokenKind kind, llvm::StringRef context);
  void skipNewlines();
  void skipToStatementEnd();
  void skipToDeclaration();
  mlir::InFlightDiagnostic errorHere(const llvm::Twine &message);

  // Declarations.
  void parseImport(Module &module);
  std::unique_ptr<StructDecl> parseStruct();
  bool parseTypeParams(std::vector<std::string> &params);
  std::unique_ptr<FnDecl> parseFn(bool isExtern);
  TypeExprPtr parseType();
  /// Types separated by commas up to `)`, which it consumes (`closing` says
  /// what the `)` closes, for the error).
  bool parseTypeList(std::vector<TypeExprPtr> &types, llvm::StringRef closing);

  // Statements.
  BlockPtr parseBlock();
  StmtPtr parseStmt();
  bool parsePattern(Pattern &pattern);
  bool endStatement();

  // Expressions, lowest to highest precedence.
  ExprPtr parseExpr();
  ExprPtr parseExprNoStruct();
  ExprPtr parseOr();
  /// Left-associative binary operators of precedence `level` and tighter
  /// (the levels are a table in Parser.cpp).
  ExprPtr parseBinary(unsigned level);
  ExprPtr parseNot();
  ExprPtr parseUnary();
  ExprPtr parsePower();
  ExprPtr parsePostfix();
  ExprPtr parsePrimary();
  bool parseCallArgs(std::vector<CallArg> &args);
  bool parseIndexItems(std::vector<IndexItem> &items);
  ExprPtr parseStructLit(llvm::SMLoc loc, std::string name);

  Lexer lexer;
  DiagnosticReporter &diags;
  Token tok, peekTok;
  bool allowStructLit = true;
  unsigned depth = 0;
};

} // namespace nabla

#endif // NABLA_FRONTEND_PARSER_H

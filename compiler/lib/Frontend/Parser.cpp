//===- Parser.cpp - Nabla parser ------------------------------------------===//
//
// Recursive descent with precedence levels for expressions. Every loop either
// consumes a token or stops, so no input makes the parser hang; nesting is
// bounded so no input exhausts the stack.
//
//===----------------------------------------------------------------------===//

#include "nabla/Frontend/Parser.h"

#include "ParserUtil.h"

#include "llvm/ADT/StringExtras.h"

#include <cerrno>
#include <cstdlib>

using namespace nabla;

//===----------------------------------------------------------------------===//
// Tokens
//===----------------------------------------------------------------------===//

void Parser::consume() {
  tok = peekTok;
  if (!tok.is(TokenKind::Eof))
    peekTok = lexer.next();
}

bool Parser::consumeIf(TokenKind kind) {
  if (!tok.is(kind))
    return false;
  consume();
  return true;
}

mlir::InFlightDiagnostic Parser::errorHere(const llvm::Twine &message) {
  return diags.error(tok.loc, message);
}

bool Parser::expect(TokenKind kind, llvm::StringRef context) {
  if (consumeIf(kind))
    return true;
  if (tok.is(TokenKind::Error) && tok.text.starts_with("\""))
    errorHere("unterminated string literal");
  else
    errorHere("expected " + spell(kind) + " " + context + ", found " +
              describe(tok));
  return false;
}

void Parser::skipNewlines() {
  while (tok.is(TokenKind::Newline) || tok.is(TokenKind::Semicolon))
    consume();
}

void Parser::skipToStatementEnd() {
  // Skip to the end of the statement, stepping over nested braces.
  int braces = 0;
  while (!tok.is(TokenKind::Eof)) {
    if (braces == 0 &&
        (tok.is(TokenKind::Newline) || tok.is(TokenKind::Semicolon)))
      return;
    if (tok.is(TokenKind::LBrace))
      ++braces;
    if (tok.is(TokenKind::RBrace)) {
      if (braces == 0)
        return;
      --braces;
    }
    consume();
  }
}

void Parser::skipToDeclaration() {
  while (!tok.is(TokenKind::Eof)) {
    if (tok.is(TokenKind::KwFn) || tok.is(TokenKind::KwStruct) ||
        tok.is(TokenKind::KwImport) || tok.is(TokenKind::KwExtern))
      return;
    consume();
  }
}

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

bool Parser::parseModule(Module &module) {
  unsigned errorsBefore = diags.errorCount();
  while (true) {
    skipNewlines();
    if (tok.is(TokenKind::Eof))
      break;
    if (tok.is(TokenKind::KwImport)) {
      parseImport(module);
      continue;
    }
    if (tok.is(TokenKind::KwStruct)) {
      if (auto decl = parseStruct()) {
        decl->module = &module;
        module.structs.push_back(std::move(decl));
      } else {
        skipToDeclaration();
      }
      continue;
    }
    if (tok.is(TokenKind::KwFn) || tok.is(TokenKind::KwExtern)) {
      bool isExtern = consumeIf(TokenKind::KwExtern);
      if (auto fn = parseFn(isExtern)) {
        fn->module = &module;
        module.fns.push_back(std::move(fn));
      } else {
        skipToDeclaration();
      }
      continue;
    }
    errorHere("expected 'fn', 'struct' or 'import' at top level, found " +
              describe(tok));
    consume();
    skipToDeclaration();
  }
  return diags.errorCount() == errorsBefore;
}

void Parser::parseImport(Module &module) {
  ImportDecl decl;
  decl.loc = tok.loc;
  consume(); // import
  if (!tok.is(TokenKind::Identifier)) {
    errorHere("expected a module name after 'import', found " + describe(tok));
    skipToStatementEnd();
    return;
  }
  decl.name = tok.text.str();
  consume();
  if (!tok.is(TokenKind::Newline) && !tok.is(TokenKind::Semicolon) &&
      !tok.is(TokenKind::Eof)) {
    errorHere("expected a newline after the import, found " + describe(tok));
    skipToStatementEnd();
  }
  module.imports.push_back(std::move(decl));
}

bool Parser::parseTypeParams(std::vector<std::string> &params) {
  if (!consumeIf(TokenKind::LBracket))
    return true;
  while (!tok.is(TokenKind::RBracket)) {
    if (!tok.is(TokenKind::Identifier)) {
      errorHere("expected a type parameter name, found " + describe(tok));
      return false;
    }
    params.push_back(tok.text.str());
    consume();
    if (!consumeIf(TokenKind::Comma))
      break;
  }
  if (!expect(TokenKind::RBracket, "to close the type parameters"))
    return false;
  if (params.empty()) {
    errorHere("expected at least one type parameter between '[' and ']'");
    return false;
  }
  return true;
}

std::unique_ptr<StructDecl> Parser::parseStruct() {
  auto decl = std::make_unique<StructDecl>();
  decl->loc = tok.loc;
  consume(); // struct
  if (!tok.is(TokenKind::Identifier)) {
    errorHere("expected a struct name, found " + describe(tok));
    return nullptr;
  }
  decl->name = tok.text.str();
  consume();
  if (!parseTypeParams(decl->typeParams))
    return nullptr;
  if (!expect(TokenKind::LBrace, "to open the struct body"))
    return nullptr;
  while (true) {
    while (tok.is(TokenKind::Newline) || tok.is(TokenKind::Comma) ||
           tok.is(TokenKind::Semicolon))
      consume();
    if (consumeIf(TokenKind::RBrace))
      break;
    if (!tok.is(TokenKind::Identifier)) {
      errorHere("expected a field name or '}' in struct '" + decl->name +
                "', found " + describe(tok));
      return nullptr;
    }
    FieldDecl field;
    field.loc = tok.loc;
    field.name = tok.text.str();
    consume();
    if (!expect(TokenKind::Colon, "after the field name"))
      return nullptr;
    field.type = parseType();
    if (!field.type)
      return nullptr;
    decl->fields.push_back(std::move(field));
  }
  return decl;
}

std::unique_ptr<FnDecl> Parser::parseFn(bool isExtern) {
  auto fn = std::make_unique<FnDecl>();
  fn->loc = tok.loc;
  fn->isExtern = isExtern;
  if (!expect(TokenKind::KwFn, "after 'extern'"))
    return nullptr;
  if (!tok.is(TokenKind::Identifier)) {
    errorHere("expected a function name, found " + describe(tok));
    return nullptr;
  }
  fn->name = tok.text.str();
  consume();
  if (!parseTypeParams(fn->typeParams))
    return nullptr;
  if (!expect(TokenKind::LParen, "to open the parameter list"))
    return nullptr;
  while (!tok.is(TokenKind::RParen)) {
    if (!tok.is(TokenKind::Identifier)) {
      errorHere("expected a parameter name, found " + describe(tok));
      return nullptr;
    }
    Param param;
    param.loc = tok.loc;
    param.name = tok.text.str();
    consume();
    if (!expect(TokenKind::Colon, "after the parameter name"))
      return nullptr;
    param.type = parseType();
    if (!param.type)
      return nullptr;
    if (consumeIf(TokenKind::Assign)) {
      param.defaultValue = parseExpr();
      if (!param.defaultValue)
        return nullptr;
    }
    fn->params.push_back(std::move(param));
    if (!consumeIf(TokenKind::Comma))
      break;
  }
  if (!expect(TokenKind::RParen, "to close the parameter list"))
    return nullptr;
  if (consumeIf(TokenKind::Arrow)) {
    fn->resultType = parseType();
    if (!fn->resultType)
      return nullptr;
  }
  if (isExtern) {
    if (tok.is(TokenKind::LBrace)) {
      errorHere("an 'extern fn' has no body");
      return nullptr;
    }
    return fn;
  }
  fn->body = parseBlock();
  if (!fn->body)
    return nullptr;
  return fn;
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

BlockPtr Parser::parseBlock() {
  DepthGuard guard(depth);
  if (depth > kMaxNesting) {
    errorHere("blocks nested too deeply");
    return nullptr;
  }
  auto block = std::make_unique<BlockStmt>(tok.loc);
  if (!expect(TokenKind::LBrace, "to open a block"))
    return nullptr;
  while (true) {
    skipNewlines();
    if (tok.is(TokenKind::RBrace)) {
      block->endLoc = tok.loc;
      consume();
      return block;
    }
    if (tok.is(TokenKind::Eof)) {
      errorHere("expected '}' to close the block, found end of file");
      return nullptr;
    }
    // A declaration keyword here means the block was never closed.
    if (tok.is(TokenKind::KwFn) || tok.is(TokenKind::KwStruct) ||
        tok.is(TokenKind::KwImport)) {
      errorHere("expected '}' to close the block before " + describe(tok));
      return nullptr;
    }
    if (auto stmt = parseStmt()) {
      block->stmts.push_back(std::move(stmt));
      continue;
    }
    skipToStatementEnd();
  }
}

bool Parser::endStatement() {
  if (tok.is(TokenKind::Newline) || tok.is(TokenKind::Semicolon)) {
    consume();
    return true;
  }
  if (tok.is(TokenKind::RBrace) || tok.is(TokenKind::Eof))
    return true;
  errorHere("expected the end of the statement, found " + describe(tok));
  return false;
}

bool Parser::parsePattern(Pattern &pattern) {
  DepthGuard guard(depth);
  if (depth > kMaxNesting) {
    errorHere("pattern nested too deeply");
    return false;
  }
  pattern.loc = tok.loc;
  if (tok.is(TokenKind::Identifier)) {
    pattern.name = tok.text.str();
    consume();
    return true;
  }
  if (consumeIf(TokenKind::LParen)) {
    pattern.isTuple = true;
    while (!tok.is(TokenKind::RParen)) {
      Pattern elem;
      if (!parsePattern(elem))
        return false;
      pattern.elems.push_back(std::move(elem));
      if (!consumeIf(TokenKind::Comma))
        break;
    }
    return expect(TokenKind::RParen, "to close the pattern");
  }
  errorHere("expected a name or '(' to bind, found " + describe(tok));
  return false;
}

StmtPtr Parser::parseStmt() {
  llvm::SMLoc loc = tok.loc;
  if (tok.is(TokenKind::KwLet) || tok.is(TokenKind::KwVar)) {
    bool isVar = tok.is(TokenKind::KwVar);
    consume();
    Pattern pattern;
    if (!parsePattern(pattern))
      return nullptr;
    TypeExprPtr typeAnn;
    if (consumeIf(TokenKind::Colon)) {
      typeAnn = parseType();
      if (!typeAnn)
        return nullptr;
    }
    if (!expect(TokenKind::Assign, "in the binding"))
      return nullptr;
    ExprPtr init = parseExpr();
    if (!init || !endStatement())
      return nullptr;
    return std::make_unique<LetStmt>(loc, isVar, std::move(pattern),
                                     std::move(typeAnn), std::move(init));
  }
  if (tok.is(TokenKind::KwIf)) {
    consume();
    ExprPtr cond = parseExprNoStruct();
    if (!cond)
      return nullptr;
    BlockPtr thenBlock = parseBlock();
    if (!thenBlock)
      return nullptr;
    BlockPtr elseBlock;
    if (consumeIf(TokenKind::KwElse)) {
      if (tok.is(TokenKind::KwIf)) {
        elseBlock = std::make_unique<BlockStmt>(tok.loc);
        StmtPtr nested = parseStmt();
        if (!nested)
          return nullptr;
        elseBlock->stmts.push_back(std::move(nested));
        return std::make_unique<IfStmt>(
            loc, std::move(cond), std::move(thenBlock), std::move(elseBlock));
      }
      elseBlock = parseBlock();
      if (!elseBlock)
        return nullptr;
    }
    if (!endStatement())
      return nullptr;
    return std::make_unique<IfStmt>(loc, std::move(cond), std::move(thenBlock),
                                    std::move(elseBlock));
  }
  if (tok.is(TokenKind::KwFor)) {
    consume();
    Pattern var;
    if (!parsePattern(var))
      return nullptr;
    if (!expect(TokenKind::KwIn, "after the loop variable"))
      return nullptr;
    ExprPtr iterable = parseExprNoStruct();
    if (!iterable)
      return nullptr;
    if (tok.is(TokenKind::DotDot)) {
      llvm::SMLoc rangeLoc = tok.loc;
      consume();
      ExprPtr hi = parseExprNoStruct();
      if (!hi)
        return nullptr;
      iterable = std::make_unique<RangeExpr>(rangeLoc, std::move(iterable),
                                             std::move(hi));
    }
    BlockPtr body = parseBlock();
    if (!body || !endStatement())
      return nullptr;
    return std::make_unique<ForStmt>(loc, std::move(var), std::move(iterable),
                                     std::move(body));
  }
  if (tok.is(TokenKind::KwWhile)) {
    consume();
    ExprPtr cond = parseExprNoStruct();
    if (!cond)
      return nullptr;
    BlockPtr body = parseBlock();
    if (!body || !endStatement())
      return nullptr;
    return std::make_unique<WhileStmt>(loc, std::move(cond), std::move(body));
  }
  if (tok.is(TokenKind::KwReturn)) {
    consume();
    ExprPtr value;
    if (!tok.is(TokenKind::Newline) && !tok.is(TokenKind::Semicolon) &&
        !tok.is(TokenKind::RBrace) && !tok.is(TokenKind::Eof)) {
      value = parseExpr();
      if (!value)
        return nullptr;
    }
    if (!endStatement())
      return nullptr;
    return std::make_unique<ReturnStmt>(loc, std::move(value));
  }

  ExprPtr expr = parseExpr();
  if (!expr)
    return nullptr;
  std::optional<BinaryOp> compound;
  bool isAssign = true;
  switch (tok.kind) {
  case TokenKind::Assign:
    break;
  case TokenKind::PlusAssign:
    compound = BinaryOp::Add;
    break;
  case TokenKind::MinusAssign:
    compound = BinaryOp::Sub;
    break;
  case TokenKind::StarAssign:
    compound = BinaryOp::Mul;
    break;
  case TokenKind::SlashAssign:
    compound = BinaryOp::Div;
    break;
  default:
    isAssign = false;
  }
  if (isAssign) {
    llvm::SMLoc assignLoc = tok.loc;
    consume();
    ExprPtr value = parseExpr();
    if (!value || !endStatement())
      return nullptr;
    (void)assignLoc;
    return std::make_unique<AssignStmt>(loc, std::move(expr), compound,
                                        std::move(value));
  }
  if (!endStatement())
    return nullptr;
  return std::make_unique<ExprStmt>(std::move(expr));
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

ExprPtr Parser::parseExpr() {
  DepthGuard guard(depth);
  if (depth > kMaxNesting) {
    errorHere("expression nested too deeply");
    return nullptr;
  }
  bool saved = allowStructLit;
  allowStructLit = true;
  ExprPtr e = parseOr();
  allowStructLit = saved;
  return e;
}

ExprPtr Parser::parseExprNoStruct() {
  DepthGuard guard(depth);
  if (depth > kMaxNesting) {
    errorHere("expression nested too deeply");
    return nullptr;
  }
  bool saved = allowStructLit;
  allowStructLit = false;
  ExprPtr e = parseOr();
  allowStructLit = saved;
  return e;
}

namespace {
/// One precedence level of left-associative binary operators.
struct BinaryLevel {
  struct Entry {
    TokenKind token;
    BinaryOp op;
  };
  llvm::ArrayRef<Entry> ops;
};
} // namespace

static const BinaryLevel::Entry kOrOps[] = {{TokenKind::KwOr, BinaryOp::Or}};
static const BinaryLevel::Entry kAndOps[] = {{TokenKind::KwAnd, BinaryOp::And}};
static const BinaryLevel::Entry kComparisonOps[] = {
    {TokenKind::EqEq, BinaryOp::Eq},    {TokenKind::NotEq, BinaryOp::Ne},
    {TokenKind::Less, BinaryOp::Lt},    {TokenKind::LessEq, BinaryOp::Le},
    {TokenKind::Greater, BinaryOp::Gt}, {TokenKind::GreaterEq, BinaryOp::Ge}};
static const BinaryLevel::Entry kAdditiveOps[] = {
    {TokenKind::Plus, BinaryOp::Add}, {TokenKind::Minus, BinaryOp::Sub}};
static const BinaryLevel::Entry kMultiplicativeOps[] = {
    {TokenKind::Star, BinaryOp::Mul},
    {TokenKind::Slash, BinaryOp::Div},
    {TokenKind::Percent, BinaryOp::Mod},
    {TokenKind::At, BinaryOp::MatMul}};

/// The binary operators, loosest first. Prefix `not` binds between `and`
/// and the comparisons (`parseNot`), prefix `-` and `**` tighter than every
/// level (`parseUnary`).
static const BinaryLevel kBinaryLevels[] = {{kOrOps},
                                            {kAndOps},
                                            {kComparisonOps},
                                            {kAdditiveOps},
                                            {kMultiplicativeOps}};
static constexpr unsigned kComparisonLevel = 2;

ExprPtr Parser::parseOr() { return parseBinary(0); }

ExprPtr Parser::parseBinary(unsigned level) {
  if (level == std::size(kBinaryLevels))
    return parseUnary();
  // The operands of `and` may start with `not`.
  auto operand = [&]() {
    return level + 1 == kComparisonLevel ? parseNot() : parseBinary(level + 1);
  };
  ExprPtr lhs = operand();
  while (lhs) {
    const BinaryLevel::Entry *found = nullptr;
    for (const BinaryLevel::Entry &entry : kBinaryLevels[level].ops)
      if (tok.is(entry.token))
        found = &entry;
    if (!found)
      break;
    llvm::SMLoc loc = tok.loc;
    consume();
    ExprPtr rhs = operand();
    if (!rhs)
      return nullptr;
    lhs = std::make_unique<BinaryExpr>(loc, found->op, std::move(lhs),
                                       std::move(rhs));
  }
  return lhs;
}

ExprPtr Parser::parseNot() {
  DepthGuard guard(depth);
  if (depth > kMaxNesting) {
    errorHere("expression nested too deeply");
    return nullptr;
  }
  if (tok.is(TokenKind::KwNot)) {
    llvm::SMLoc loc = tok.loc;
    consume();
    ExprPtr operand = parseNot();
    if (!operand)
      return nullptr;
    return std::make_unique<UnaryExpr>(loc, UnaryOp::Not, std::move(operand));
  }
  return parseBinary(kComparisonLevel);
}

ExprPtr Parser::parseUnary() {
  DepthGuard guard(depth);
  if (depth > kMaxNesting) {
    errorHere("expression nested too deeply");
    return nullptr;
  }
  if (tok.is(TokenKind::Minus)) {
    llvm::SMLoc loc = tok.loc;
    consume();
    ExprPtr operand = parseUnary();
    if (!operand)
      return nullptr;
    return std::make_unique<UnaryExpr>(loc, UnaryOp::Neg, std::move(operand));
  }
  return parsePower();
}

ExprPtr Parser::parsePower() {
  ExprPtr base = parsePostfix();
  if (base && tok.is(TokenKind::StarStar)) {
    llvm::SMLoc loc = tok.loc;
    consume();
    ExprPtr exponent = parseUnary(); // right associative: a ** -b, a ** b ** c
    if (!exponent)
      return nullptr;
    return std::make_unique<BinaryExpr>(loc, BinaryOp::Pow, std::move(base),
                                        std::move(exponent));
  }
  return base;
}

bool Parser::parseCallArgs(std::vector<CallArg> &args) {
  // The '(' has been consumed.
  while (!tok.is(TokenKind::RParen)) {
    CallArg arg;
    arg.loc = tok.loc;
    if (tok.is(TokenKind::Identifier) && peekTok.is(TokenKind::Colon)) {
      arg.name = tok.text.str();
      consume();
      consume();
    }
    arg.value = parseExpr();
    if (!arg.value)
      return false;
    args.push_back(std::move(arg));
    if (!consumeIf(TokenKind::Comma))
      break;
  }
  return expect(TokenKind::RParen, "to close the argument list");
}

bool Parser::parseIndexItems(std::vector<IndexItem> &items) {
  // The '[' has been consumed.
  while (!tok.is(TokenKind::RBracket)) {
    IndexItem item;
    item.loc = tok.loc;
    if (consumeIf(TokenKind::Colon)) {
      item.isRange = true; // the whole dimension
    } else {
      if (!tok.is(TokenKind::DotDot)) {
        item.lo = parseExpr();
        if (!item.lo)
          return false;
      }
      if (consumeIf(TokenKind::DotDot)) {
        item.isRange = true;
        if (!tok.is(TokenKind::Comma) && !tok.is(TokenKind::RBracket)) {
          item.hi = parseExpr();
          if (!item.hi)
            return false;
        }
      }
    }
    items.push_back(std::move(item));
    if (!consumeIf(TokenKind::Comma))
      break;
  }
  return expect(TokenKind::RBracket, "to close the index");
}

ExprPtr Parser::parseStructLit(llvm::SMLoc loc, std::string name) {
  consume(); // {
  // After an error, skip past the literal's '}' so that recovery does not
  // take it for the end of the enclosing block.
  auto skipLiteral = [&]() -> ExprPtr {
    int braces = 0;
    while (!tok.is(TokenKind::Eof)) {
      if (tok.is(TokenKind::LBrace))
        ++braces;
      if (tok.is(TokenKind::RBrace) && braces-- == 0) {
        consume();
        break;
      }
      consume();
    }
    return nullptr;
  };
  std::vector<FieldInit> fields;
  while (true) {
    while (tok.is(TokenKind::Newline) || tok.is(TokenKind::Comma))
      consume();
    if (consumeIf(TokenKind::RBrace))
      break;
    if (!tok.is(TokenKind::Identifier)) {
      errorHere("expected a field name or '}' in the '" + name +
                "' literal, found " + describe(tok));
      return skipLiteral();
    }
    FieldInit field;
    field.loc = tok.loc;
    field.name = tok.text.str();
    consume();
    if (!expect(TokenKind::Colon, "after the field name"))
      return skipLiteral();
    field.value = parseExpr();
    if (!field.value)
      return skipLiteral();
    fields.push_back(std::move(field));
    if (!tok.is(TokenKind::Comma) && !tok.is(TokenKind::Newline) &&
        !tok.is(TokenKind::RBrace)) {
      errorHere("expected ',' or '}' after the field value, found " +
                describe(tok));
      return skipLiteral();
    }
  }
  return std::make_unique<StructLitExpr>(loc, std::move(name),
                                         std::move(fields));
}

ExprPtr Parser::parsePostfix() {
  ExprPtr e = parsePrimary();
  while (e) {
    if (tok.is(TokenKind::LParen)) {
      llvm::SMLoc loc = tok.loc;
      consume();
      std::vector<CallArg> args;
      bool saved = allowStructLit;
      allowStructLit = true;
      bool ok = parseCallArgs(args);
      allowStructLit = saved;
      if (!ok)
        return nullptr;
      e = std::make_unique<CallExpr>(loc, std::move(e), std::move(args));
      continue;
    }
    if (tok.is(TokenKind::LBracket)) {
      llvm::SMLoc loc = tok.loc;
      consume();
      std::vector<IndexItem> items;
      bool saved = allowStructLit;
      allowStructLit = true;
      bool ok = parseIndexItems(items);
      allowStructLit = saved;
      if (!ok)
        return nullptr;
      e = std::make_unique<IndexExpr>(loc, std::move(e), std::move(items));
      continue;
    }
    if (tok.is(TokenKind::Dot)) {
      llvm::SMLoc loc = tok.loc;
      consume();
      if (!tok.is(TokenKind::Identifier) && !tok.is(TokenKind::IntLiteral)) {
        errorHere("expected a field name after '.', found " + describe(tok));
        return nullptr;
      }
      std::string field = tok.text.str();
      llvm::SMLoc fieldLoc = tok.loc;
      consume();
      // `mod.Name { ... }`: a struct literal of an imported struct.
      if (allowStructLit && tok.is(TokenKind::LBrace) && isa<NameExpr>(*e)) {
        std::string name = cast<NameExpr>(*e).name + "." + field;
        return parseStructLit(e->loc, name);
      }
      e = std::make_unique<FieldExpr>(loc, std::move(e), field, fieldLoc);
      continue;
    }
    break;
  }
  return e;
}

static std::string unescape(llvm::StringRef text, bool &ok) {
  std::string out;
  ok = true;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    char n = text[++i];
    switch (n) {
    case 'n':
      out.push_back('\n');
      break;
    case 't':
      out.push_back('\t');
      break;
    case '\\':
      out.push_back('\\');
      break;
    case '"':
      out.push_back('"');
      break;
    default:
      ok = false;
    }
  }
  return out;
}

ExprPtr Parser::parsePrimary() {
  llvm::SMLoc loc = tok.loc;
  switch (tok.kind) {
  case TokenKind::IntLiteral: {
    std::string digits = tok.text.str();
    llvm::erase(digits, '_');
    int64_t value;
    if (llvm::StringRef(digits).getAsInteger(10, value)) {
      errorHere("integer literal '" + tok.text + "' is too large for i64");
      return nullptr;
    }
    consume();
    return std::make_unique<IntLitExpr>(loc, value);
  }
  case TokenKind::FloatLiteral: {
    std::string digits = tok.text.str();
    llvm::erase(digits, '_');
    errno = 0;
    double value = std::strtod(digits.c_str(), nullptr);
    if (errno == ERANGE && (value > 1.0 || value < -1.0)) {
      errorHere("float literal '" + tok.text + "' is out of range");
      return nullptr;
    }
    consume();
    return std::make_unique<FloatLitExpr>(loc, value);
  }
  case TokenKind::StringLiteral: {
    bool ok;
    std::string value = unescape(tok.text, ok);
    if (!ok) {
      errorHere("unknown escape sequence in string literal (expected \\n, "
                "\\t, \\\\ or \\\")");
      return nullptr;
    }
    consume();
    return std::make_unique<StringLitExpr>(loc, std::move(value));
  }
  case TokenKind::KwTrue:
  case TokenKind::KwFalse: {
    bool value = tok.is(TokenKind::KwTrue);
    consume();
    return std::make_unique<BoolLitExpr>(loc, value);
  }
  case TokenKind::Identifier: {
    std::string name = tok.text.str();
    consume();
    if (allowStructLit && tok.is(TokenKind::LBrace))
      return parseStructLit(loc, std::move(name));
    return std::make_unique<NameExpr>(loc, std::move(name));
  }
  case TokenKind::LParen: {
    consume();
    std::vector<ExprPtr> elems;
    bool trailingComma = false;
    bool saved = allowStructLit;
    allowStructLit = true;
    while (!tok.is(TokenKind::RParen)) {
      ExprPtr elem = parseExpr();
      if (!elem) {
        allowStructLit = saved;
        return nullptr;
      }
      elems.push_back(std::move(elem));
      trailingComma = false;
      if (!consumeIf(TokenKind::Comma))
        break;
      trailingComma = true;
    }
    allowStructLit = saved;
    if (!expect(TokenKind::RParen, "to close the parenthesis"))
      return nullptr;
    if (elems.size() == 1 && !trailingComma)
      return std::move(elems.front());
    return std::make_unique<TupleLitExpr>(loc, std::move(elems));
  }
  case TokenKind::LBracket: {
    consume();
    std::vector<ExprPtr> elems;
    bool saved = allowStructLit;
    allowStructLit = true;
    while (!tok.is(TokenKind::RBracket)) {
      ExprPtr elem = parseExpr();
      if (!elem) {
        allowStructLit = saved;
        return nullptr;
      }
      elems.push_back(std::move(elem));
      if (!consumeIf(TokenKind::Comma))
        break;
    }
    allowStructLit = saved;
    if (!expect(TokenKind::RBracket, "to close the array literal"))
      return nullptr;
    return std::make_unique<ArrayLitExpr>(loc, std::move(elems));
  }
  case TokenKind::Error:
    if (tok.text.starts_with("\""))
      errorHere("unterminated string literal");
    else
      errorHere("invalid character '" + tok.text + "'");
    return nullptr;
  default:
    errorHere("expected an expression, found " + describe(tok));
    return nullptr;
  }
}

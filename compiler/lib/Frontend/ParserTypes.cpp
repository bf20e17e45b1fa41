//===- ParserTypes.cpp - Parsing type expressions -------------------------===//
//
// Tensor types with static, symbolic and generic dimensions, tuples,
// function types, struct and module-qualified names.
//
//===----------------------------------------------------------------------===//

#include "nabla/Frontend/Parser.h"

#include "ParserUtil.h"

using namespace nabla;

TypeExprPtr Parser::parseType() {
  DepthGuard guard(depth);
  if (depth > kMaxNesting) {
    errorHere("type nested too deeply");
    return nullptr;
  }
  auto type = std::make_unique<TypeExpr>();
  type->loc = tok.loc;
  if (tok.is(TokenKind::Identifier)) {
    type->kind = TypeExpr::Named;
    type->name = tok.text.str();
    consume();
    // `mod.Name` for a struct of an imported module.
    if (tok.is(TokenKind::Dot) && peekTok.is(TokenKind::Identifier)) {
      consume();
      type->name += "." + tok.text.str();
      consume();
    }
    if (consumeIf(TokenKind::LBracket)) {
      std::vector<DimExpr> dims;
      while (!tok.is(TokenKind::RBracket)) {
        DimExpr dim;
        dim.loc = tok.loc;
        if (tok.is(TokenKind::IntLiteral)) {
          int64_t value;
          std::string digits = tok.text.str();
          llvm::erase(digits, '_');
          if (llvm::StringRef(digits).getAsInteger(10, value)) {
            errorHere("dimension '" + tok.text + "' is too large");
            return nullptr;
          }
          dim.size = value;
        } else if (tok.is(TokenKind::Identifier)) {
          dim.name = tok.text.str();
        } else {
          errorHere("expected a dimension (an integer or a name), found " +
                    describe(tok));
          return nullptr;
        }
        consume();
        dims.push_back(std::move(dim));
        if (!consumeIf(TokenKind::Comma))
          break;
      }
      if (!expect(TokenKind::RBracket, "to close the tensor shape"))
        return nullptr;
      type->dims = std::move(dims);
    }
    return type;
  }
  if (consumeIf(TokenKind::LParen)) {
    type->kind = TypeExpr::Tuple;
    if (!parseTypeList(type->elems, "to close the tuple type"))
      return nullptr;
    if (type->elems.size() == 1)
      return std::move(type->elems.front());
    return type;
  }
  if (consumeIf(TokenKind::KwFn)) {
    type->kind = TypeExpr::Fn;
    if (!expect(TokenKind::LParen, "to open the function type's parameters"))
      return nullptr;
    if (!parseTypeList(type->elems, "to close the function type's parameters"))
      return nullptr;
    if (consumeIf(TokenKind::Arrow)) {
      type->result = parseType();
      if (!type->result)
        return nullptr;
    }
    return type;
  }
  errorHere("expected a type, found " + describe(tok));
  return nullptr;
}

bool Parser::parseTypeList(std::vector<TypeExprPtr> &types,
                           llvm::StringRef closing) {
  while (!tok.is(TokenKind::RParen)) {
    TypeExprPtr elem = parseType();
    if (!elem)
      return false;
    types.push_back(std::move(elem));
    if (!consumeIf(TokenKind::Comma))
      break;
  }
  return expect(TokenKind::RParen, closing);
}

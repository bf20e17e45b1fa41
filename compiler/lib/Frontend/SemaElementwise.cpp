//===- SemaElementwise.cpp - Type rules of the elementwise builtins ------===//
//
// One rule serves every builtin that Builtins.def gives as one elementwise op
// (NABLA_ELEMENTWISE, NABLA_PREDICATE): its tensor parameters broadcast
// together, its constant parameters are checked against the table. where and
// the element type conversions have rules of their own.
//
//===----------------------------------------------------------------------===//

#include "BuiltinArgs.h"
#include "SemaImpl.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace nabla;

/// The value of a constant parameter (NABLA_F64, NABLA_CHOICE) given at a
/// call, or its default; nullopt after reporting a bad one.
static std::optional<builtin::OpAttributes::Value>
constantParameter(SemaChecker &sema, BuiltinId id, const BuiltinParam &param,
                  Expr *given) {
  std::string where =
      "'" + std::string(param.name) + "' of '" + builtinName(id).str() + "'";
  if (param.kind == BuiltinParam::F64) {
    if (!given)
      return builtin::OpAttributes::Value{param.name, param.defaultValue};
    Type t = sema.check(*given);
    std::optional<double> value = sema.evalConstFloat(*given);
    if (t.isError())
      return std::nullopt;
    if (!value) {
      sema.error(given->loc, where + " must be a number constant, like " +
                                 param.defaultText);
      return std::nullopt;
    }
    return builtin::OpAttributes::Value{param.name, *value};
  }
  if (!given)
    return builtin::OpAttributes::Value{param.name,
                                        std::string(param.defaultText)};
  llvm::SmallVector<llvm::StringRef> choices;
  llvm::StringRef(param.choices).split(choices, '|');
  auto *literal = dyn_cast<StringLitExpr>(given);
  if (!literal || !llvm::is_contained(choices, literal->value)) {
    std::string list;
    for (llvm::StringRef c : choices)
      list += (list.empty() ? "\"" : ", \"") + c.str() + "\"";
    sema.error(given->loc, where + " must be one of " + list);
    return std::nullopt;
  }
  given->type = Type::string();
  return builtin::OpAttributes::Value{param.name, literal->value};
}

/// The rule of the builtins that are one elementwise op.
static Type checkElementwiseOp(SemaChecker &sema, CallExpr &call, BuiltinId id,
                               BuiltinArgs &args, ElementwiseRule rule) {
  llvm::StringRef name = builtinName(id);
  llvm::SmallVector<Expr *> operands;
  builtin::OpAttributes attributes;
  for (auto [i, param] : llvm::enumerate(builtinInfo(id).params)) {
    if (param.kind == BuiltinParam::Required) {
      operands.push_back(args.get(i));
      continue;
    }
    std::optional<builtin::OpAttributes::Value> value =
        constantParameter(sema, id, param, args.get(i));
    if (!value)
      return Type::error();
    attributes.values.push_back(std::move(*value));
  }
  call.payload = attributes;
  llvm::SmallVector<Type> types;
  for (Expr *operand : operands) {
    types.push_back(sema.check(*operand));
    if (types.back().isError())
      return Type::error();
  }
  bool predicate = rule == ElementwiseRule::Predicate;
  if (operands.size() == 2) {
    Expr &a = *operands[0], &b = *operands[1];
    if (types[0].isTree() || types[1].isTree())
      return sema.checkTreeCombination(a, b, call.loc, name);
    if (!sema.requireTensor(id, a, types[0]) ||
        !sema.requireTensor(id, b, types[1]))
      return Type::error();
    if (!sema.unifyElementTypes(a, b, call.loc, name))
      return Type::error();
    std::optional<Shape> shape =
        sema.broadcast(a.type, b.type, call.loc, &a, &b, name);
    if (!shape)
      return Type::error();
    Type result = Type::tensor(a.type.dtype, *shape);
    bool fits = rule == ElementwiseRule::Float
                    ? sema.requireFloat(id, a, result)
                    : sema.requireNumeric(id, a, result);
    return fits ? result : Type::error();
  }
  Expr &x = *operands.front();
  Type t = types.front();
  if (t.isTree() && !predicate) {
    // Elementwise math applies to every leaf of a parameter tree.
    if (!treeLeavesAreFloat(t)) {
      sema.error(x.loc, "'" + name +
                            "' on a parameter tree needs "
                            "float leaves, but " +
                            t.str() + " has other leaves");
      return Type::error();
    }
    return t;
  }
  if (rule == ElementwiseRule::Numeric)
    return sema.requireNumeric(id, x, t) ? t : Type::error();
  if (t.isScalar() && sema.adoptLiteral(x, sema.defaultFloat()))
    t = x.type;
  if (!sema.requireFloat(id, x, t))
    return Type::error();
  // isnan, isinf, isfinite test each element: a bool tensor.
  return predicate ? Type::tensor(DType::Bool, t.shape) : t;
}

bool SemaChecker::requireTensor(BuiltinId id, const Expr &e, const Type &t) {
  if (t.isTensor())
    return true;
  error(e.loc, "'" + builtinName(id) + "' needs a tensor, found " + t.str());
  return false;
}

bool SemaChecker::requireFloat(BuiltinId id, const Expr &e, const Type &t) {
  if (t.isFloatTensor())
    return true;
  error(e.loc,
        "'" + builtinName(id) + "' needs a float tensor, found " + t.str());
  return false;
}

bool SemaChecker::requireNumeric(BuiltinId id, const Expr &e, const Type &t) {
  if (!requireTensor(id, e, t))
    return false;
  if (t.dtype != DType::Bool)
    return true;
  error(e.loc,
        "'" + builtinName(id) + "' needs a numeric tensor, found " + t.str());
  return false;
}

Type SemaChecker::checkElementwiseBuiltin(CallExpr &call, BuiltinId id,
                                          BuiltinArgs &args) {
  llvm::StringRef name = builtinName(id);
  if (ElementwiseRule rule = builtinInfo(id).elementwise;
      rule != ElementwiseRule::Custom)
    return checkElementwiseOp(*this, call, id, args, rule);
  switch (id) {
  case BuiltinId::Where: {
    Type c = check(*args.get(0)), a = check(*args.get(1)),
         b = check(*args.get(2));
    if (c.isError() || a.isError() || b.isError())
      return Type::error();
    if (!c.isBoolTensor()) {
      error(args.get(0)->loc,
            "the condition of 'where' must be bool, found " + c.str());
      return Type::error();
    }
    if (!requireTensor(id, *args.get(1), a) ||
        !requireTensor(id, *args.get(2), b))
      return Type::error();
    if (!unifyElementTypes(*args.get(1), *args.get(2), call.loc, name))
      return Type::error();
    std::optional<Shape> ab =
        broadcast(args.get(1)->type, args.get(2)->type, call.loc, args.get(1),
                  args.get(2), name);
    if (!ab)
      return Type::error();
    Type abType = Type::tensor(args.get(1)->type.dtype, *ab);
    std::optional<Shape> all =
        broadcast(c, abType, call.loc, args.get(0), nullptr, name);
    if (!all)
      return Type::error();
    return Type::tensor(abType.dtype, *all);
  }
  case BuiltinId::CastF32:
  case BuiltinId::CastF64:
  case BuiltinId::CastI32:
  case BuiltinId::CastI64:
  case BuiltinId::CastBool: {
    Type t = args.check(0);
    if (t.isError() || !requireTensor(id, *args.get(0), t))
      return Type::error();
    DType to = id == BuiltinId::CastF32   ? defaultFloat()
               : id == BuiltinId::CastF64 ? DType::F64
               : id == BuiltinId::CastI32 ? DType::I32
               : id == BuiltinId::CastI64 ? DType::I64
                                          : DType::Bool;
    // `f64(0.1)` and `f64([0.6, 0.8])` are the f64 literals, not rounded
    // through f32.
    if (isFloat(to) && adoptLiteralTo(*args.get(0), Type::tensor(to, t.shape)))
      t = args.get(0)->type;
    return Type::tensor(to, t.shape);
  }
  default:
    break;
  }
  llvm_unreachable("not an elementwise builtin");
}

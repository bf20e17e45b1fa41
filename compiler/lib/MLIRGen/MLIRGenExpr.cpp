//===- MLIRGenExpr.cpp - Expressions --------------------------------------===//
//
// Literals, names, operators, indexing, fields, literals of arrays, tuples
// and structs, and calls of user, extern and transformed functions.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Sequence.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace nabla {

//===----------------------------------------------------------------------===//
// Scalars and indices
//===----------------------------------------------------------------------===//

Value MLIRGenImpl::constantScalar(DType dtype, double value, Location at) {
  auto type = RankedTensorType::get({}, elementType(dtype));
  Attribute attr;
  if (isFloat(dtype))
    attr = DenseElementsAttr::get(
        type, builder.getFloatAttr(type.getElementType(), value));
  else if (dtype == DType::Bool)
    attr = DenseElementsAttr::get(type, value != 0.0);
  else
    attr = DenseElementsAttr::get(
        type, builder.getIntegerAttr(type.getElementType(),
                                     static_cast<int64_t>(value)));
  return mlir::nabla::ConstantOp::create(builder, at, cast<ElementsAttr>(attr));
}

Value MLIRGenImpl::extractScalar(Value tensor, Location at) {
  return tensor::ExtractOp::create(builder, at, tensor, ValueRange{});
}

Value MLIRGenImpl::toIndex(Value tensor, Location at) {
  Value scalar = extractScalar(tensor, at);
  return arith::IndexCastOp::create(builder, at, builder.getIndexType(),
                                    scalar);
}

Value MLIRGenImpl::indexToTensor(Value index, Location at) {
  Value i64 =
      arith::IndexCastOp::create(builder, at, builder.getI64Type(), index);
  return tensor::FromElementsOp::create(
      builder, at, RankedTensorType::get({}, builder.getI64Type()),
      ValueRange{i64});
}

Value MLIRGenImpl::dimSize(llvm::StringRef symbol, Location at) {
  auto it = symbolDims.find(symbol);
  if (it == symbolDims.end())
    return nullptr;
  return tensor::DimOp::create(builder, at, it->second.first,
                               it->second.second);
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

Value MLIRGenImpl::genTensor(const Expr &expr) {
  RValue value = gen(expr);
  if (failed || value.leaves.size() != 1) {
    if (!failed)
      fail(expr.loc, "expected a tensor value here");
    return constantScalar(DType::F32, 0, loc(expr.loc));
  }
  return value.leaves.front();
}

/// Elements of an array literal whose elements are all constants.
static bool collectConstants(const Expr &expr, SmallVectorImpl<double> &out) {
  if (auto *lit = dyn_cast<IntLitExpr>(&expr)) {
    out.push_back(static_cast<double>(lit->value));
    return true;
  }
  if (auto *lit = dyn_cast<FloatLitExpr>(&expr)) {
    out.push_back(lit->value);
    return true;
  }
  if (auto *lit = dyn_cast<BoolLitExpr>(&expr)) {
    out.push_back(lit->value ? 1.0 : 0.0);
    return true;
  }
  if (auto *unary = dyn_cast<UnaryExpr>(&expr)) {
    if (unary->op != UnaryOp::Neg || !collectConstants(*unary->operand, out))
      return false;
    out.back() = -out.back();
    return true;
  }
  if (auto *array = dyn_cast<ArrayLitExpr>(&expr)) {
    for (auto &e : array->elems)
      if (!collectConstants(*e, out))
        return false;
    return true;
  }
  return false;
}

RValue MLIRGenImpl::gen(const Expr &expr) {
  Location at = loc(expr.loc);
  RValue result;
  result.type = concrete(expr.type);
  auto single = [&](Value v) {
    result.leaves.push_back(v);
    return result;
  };
  return llvm::TypeSwitch<const Expr *, RValue>(&expr)
      .Case([&](const IntLitExpr *e) {
        return single(
            constantScalar(e->type.dtype, static_cast<double>(e->value), at));
      })
      .Case([&](const FloatLitExpr *e) {
        return single(constantScalar(e->type.dtype, e->value, at));
      })
      .Case([&](const BoolLitExpr *e) {
        return single(constantScalar(DType::Bool, e->value ? 1 : 0, at));
      })
      .Case([&](const StringLitExpr *e) {
        result.str = e->value;
        return result;
      })
      .Case([&](const NameExpr *e) {
        switch (e->resolved) {
        case NameKind::Local: {
          Variable *var = lookupVar(e->name);
          if (!var) {
            fail(e->loc, "internal error: no value for '" + e->name + "'");
            return result;
          }
          return var->value;
        }
        case NameKind::DimSize: {
          Value size = dimSize(e->name, at);
          if (!size) {
            fail(e->loc, "internal error: dimension '" + e->name +
                             "' is not bound by a parameter");
            return result;
          }
          return single(indexToTensor(size, at));
        }
        case NameKind::Function: {
          auto value = std::make_shared<FnValue>();
          value->decl = e->fn;
          result.fn = value;
          return result;
        }
        default:
          fail(e->loc, "internal error: unresolved name '" + e->name + "'");
          return result;
        }
      })
      .Case([&](const UnaryExpr *e) {
        if (result.type.isTree() || containsTypeParam(e->type)) {
          RValue v = gen(*e->operand);
          return genTreeOp(
              result.type, {v},
              [&](ArrayRef<Value> args, mlir::Type type) -> Value {
                return mlir::nabla::NegOp::create(builder, at, type, args[0]);
              },
              at);
        }
        Value v = genTensor(*e->operand);
        if (e->op == UnaryOp::Neg)
          return single(
              mlir::nabla::NegOp::create(builder, at, v.getType(), v));
        return single(mlir::nabla::NotOp::create(builder, at, v.getType(), v));
      })
      .Case([&](const BinaryExpr *e) { return genBinary(*e); })
      .Case([&](const CallExpr *e) { return genCall(*e); })
      .Case([&](const IndexExpr *e) { return genIndex(*e); })
      .Case([&](const FieldExpr *e) { return genField(*e); })
      .Case([&](const ArrayLitExpr *e) { return genArray(*e); })
      .Case([&](const TupleLitExpr *e) {
        for (auto &el : e->elems) {
          RValue v = gen(*el);
          result.leaves.append(v.leaves.begin(), v.leaves.end());
        }
        return result;
      })
      .Case([&](const StructLitExpr *e) {
        for (auto [i, el] : llvm::enumerate(e->ordered)) {
          RValue v = gen(*el);
          v = castLeaves(std::move(v), concrete(e->type).fieldType(i), at);
          result.leaves.append(v.leaves.begin(), v.leaves.end());
        }
        return result;
      })
      .Default([&](const Expr *e) {
        fail(e->loc, "internal error: unexpected expression");
        return result;
      });
}

RValue
MLIRGenImpl::genTreeOp(const Type &resultType, ArrayRef<RValue> operands,
                       function_ref<Value(ArrayRef<Value>, mlir::Type)> leafOp,
                       Location at) {
  RValue result;
  result.type = concrete(resultType);
  SmallVector<mlir::Type> types;
  leafTypes(result.type, types);
  for (auto [i, type] : llvm::enumerate(types)) {
    auto leafType = cast<RankedTensorType>(type);
    SmallVector<Value> args;
    for (const RValue &operand : operands) {
      Value v = operand.leaves.size() == types.size() ? operand.leaves[i]
                                                      : operand.leaves[0];
      auto vt = cast<RankedTensorType>(v.getType());
      if (vt.getElementType() != leafType.getElementType())
        v = mlir::nabla::ConvertOp::create(
            builder, at,
            RankedTensorType::get(vt.getShape(), leafType.getElementType()), v);
      args.push_back(v);
    }
    result.leaves.push_back(leafOp(args, leafType));
  }
  return result;
}

RValue MLIRGenImpl::genBinary(const BinaryExpr &expr) {
  Location at = loc(expr.loc);
  RValue result;
  result.type = concrete(expr.type);
  // Tree arithmetic, also when a type parameter turned out to be a tensor.
  if (result.type.isTree() || containsTypeParam(expr.type)) {
    RValue lhs = gen(*expr.lhs), rhs = gen(*expr.rhs);
    if (failed)
      return result;
    BinaryOp op = expr.op;
    return genTreeOp(
        result.type, {lhs, rhs},
        [&](ArrayRef<Value> args, mlir::Type type) -> Value {
          switch (op) {
          case BinaryOp::Add:
            return mlir::nabla::AddOp::create(builder, at, type, args[0],
                                              args[1]);
          case BinaryOp::Sub:
            return mlir::nabla::SubOp::create(builder, at, type, args[0],
                                              args[1]);
          case BinaryOp::Mul:
            return mlir::nabla::MulOp::create(builder, at, type, args[0],
                                              args[1]);
          case BinaryOp::Div:
            return mlir::nabla::DivOp::create(builder, at, type, args[0],
                                              args[1]);
          default:
            return mlir::nabla::PowOp::create(builder, at, type, args[0],
                                              args[1]);
          }
        },
        at);
  }
  Value lhs = genTensor(*expr.lhs);
  Value rhs = genTensor(*expr.rhs);
  if (failed)
    return result;
  mlir::Type type = tensorType(expr.type);
  Value v;
  switch (expr.op) {
  case BinaryOp::Add:
    v = mlir::nabla::AddOp::create(builder, at, type, lhs, rhs);
    break;
  case BinaryOp::Sub:
    v = mlir::nabla::SubOp::create(builder, at, type, lhs, rhs);
    break;
  case BinaryOp::Mul:
    v = mlir::nabla::MulOp::create(builder, at, type, lhs, rhs);
    break;
  case BinaryOp::Div:
    v = mlir::nabla::DivOp::create(builder, at, type, lhs, rhs);
    break;
  case BinaryOp::Mod: {
    // a % b = a - q * b with q = floor(a / b) for floats and the truncated
    // quotient for integers (as in C).
    Value q = mlir::nabla::DivOp::create(builder, at, type, lhs, rhs);
    if (isFloat(expr.type.dtype))
      q = mlir::nabla::FloorOp::create(builder, at, type, q);
    Value qb = mlir::nabla::MulOp::create(builder, at, type, q, rhs);
    v = mlir::nabla::SubOp::create(builder, at, type, lhs, qb);
    break;
  }
  case BinaryOp::Pow:
    v = mlir::nabla::PowOp::create(builder, at, type, lhs, rhs);
    break;
  case BinaryOp::And:
    v = mlir::nabla::AndOp::create(builder, at, type, lhs, rhs);
    break;
  case BinaryOp::Or:
    v = mlir::nabla::OrOp::create(builder, at, type, lhs, rhs);
    break;
  case BinaryOp::Eq:
  case BinaryOp::Ne:
  case BinaryOp::Lt:
  case BinaryOp::Le:
  case BinaryOp::Gt:
  case BinaryOp::Ge: {
    mlir::nabla::CmpPredicate pred =
        expr.op == BinaryOp::Eq   ? mlir::nabla::CmpPredicate::eq
        : expr.op == BinaryOp::Ne ? mlir::nabla::CmpPredicate::ne
        : expr.op == BinaryOp::Lt ? mlir::nabla::CmpPredicate::lt
        : expr.op == BinaryOp::Le ? mlir::nabla::CmpPredicate::le
        : expr.op == BinaryOp::Gt ? mlir::nabla::CmpPredicate::gt
                                  : mlir::nabla::CmpPredicate::ge;
    v = mlir::nabla::CmpOp::create(builder, at, type, pred, lhs, rhs);
    break;
  }
  case BinaryOp::MatMul: {
    // Vectors become 1-row / 1-column matrices around a matrix product.
    auto lt = cast<RankedTensorType>(lhs.getType());
    auto rt = cast<RankedTensorType>(rhs.getType());
    mlir::Type elem = lt.getElementType();
    Value l = lhs, r = rhs;
    if (lt.getRank() == 1)
      l = mlir::nabla::ReshapeOp::create(
          builder, at, RankedTensorType::get({1, lt.getDimSize(0)}, elem), l);
    if (rt.getRank() == 1)
      r = mlir::nabla::ReshapeOp::create(
          builder, at, RankedTensorType::get({rt.getDimSize(0), 1}, elem), r);
    auto l2 = cast<RankedTensorType>(l.getType());
    auto r2 = cast<RankedTensorType>(r.getType());
    SmallVector<int64_t> shape;
    if (l2.getRank() == 3)
      shape.push_back(l2.getDimSize(0) != ShapedType::kDynamic
                          ? l2.getDimSize(0)
                          : r2.getDimSize(0));
    shape.push_back(l2.getDimSize(l2.getRank() - 2));
    shape.push_back(r2.getDimSize(r2.getRank() - 1));
    Value m = mlir::nabla::MatmulOp::create(
        builder, at, RankedTensorType::get(shape, elem), l, r);
    v = m.getType() == type
            ? m
            : mlir::nabla::ReshapeOp::create(builder, at, type, m).getResult();
    break;
  }
  }
  result.leaves.push_back(v);
  return result;
}

RValue MLIRGenImpl::genField(const FieldExpr &expr) {
  RValue result;
  result.type = expr.type;
  if (expr.moduleMember) {
    auto value = std::make_shared<FnValue>();
    value->decl = expr.moduleMember->fn;
    result.fn = value;
    return result;
  }
  RValue base = gen(*expr.base);
  if (failed)
    return result;
  size_t offset = 0;
  Type bt = concrete(expr.base->type);
  for (int i = 0; i < expr.index; ++i)
    offset += leafCount(bt.isStruct() ? bt.fieldType(i) : bt.elems[i]);
  size_t n = leafCount(expr.type);
  result.leaves.append(base.leaves.begin() + offset,
                       base.leaves.begin() + offset + n);
  if (expr.type.isStr() || expr.type.isFunction()) {
    fail(expr.loc, "internal error: field of a compile-time value");
  }
  return result;
}

RValue MLIRGenImpl::genIndex(const IndexExpr &expr) {
  Location at = loc(expr.loc);
  RValue result;
  result.type = expr.type;
  Value base = genTensor(*expr.base);
  if (failed)
    return result;
  auto type = cast<RankedTensorType>(base.getType());
  int64_t rank = type.getRank();
  bool dynamicStart = false;
  for (const IndexItem &item : expr.items)
    if ((!item.isRange && !item.start) || (item.isRange && item.size))
      dynamicStart = true;
  SmallVector<int64_t> sizes;
  Value sliced;
  if (!dynamicStart) {
    SmallVector<int64_t> start(rank, 0), limit(rank), strides(rank, 1);
    for (int64_t d = 0; d < rank; ++d) {
      int64_t size = type.getDimSize(d);
      limit[d] = size;
      if (d < static_cast<int64_t>(expr.items.size())) {
        const IndexItem &item = expr.items[d];
        if (!item.isRange) {
          start[d] = *item.start;
          limit[d] = *item.start + 1;
        } else {
          start[d] = item.start.value_or(0);
          if (item.limit)
            limit[d] = *item.limit;
          else if (size == ShapedType::kDynamic && start[d] != 0) {
            fail(item.loc, "an open-ended slice of a dimension whose size "
                           "is only known at run time must start at 0");
            return result;
          }
        }
      }
      sizes.push_back(limit[d] == ShapedType::kDynamic ? ShapedType::kDynamic
                                                       : limit[d] - start[d]);
    }
    // Constant indices and bounds were checked against static sizes; a
    // dimension of run-time size is checked when the program runs.
    for (int64_t d = 0; d < rank && d < (int64_t)expr.items.size(); ++d) {
      const IndexItem &item = expr.items[d];
      if (!type.isDynamicDim(d) || limit[d] == ShapedType::kDynamic)
        continue;
      mlir::nabla::CheckIndexOp::create(
          builder, loc(item.loc),
          RankedTensorType::get({}, builder.getI64Type()),
          constantScalar(DType::I64, double(start[d]), at), base, d,
          /*span=*/limit[d] - start[d], /*wrap=*/false);
    }
    if (!llvm::is_contained(limit, ShapedType::kDynamic)) {
      sliced = mlir::nabla::SliceOp::create(
          builder, at, RankedTensorType::get(sizes, type.getElementType()),
          base, start, limit, strides);
    } else {
      // nabla.slice needs static limits, and a dimension of run-time size is
      // kept whole here: select the sliced dimensions with take instead.
      sliced = base;
      for (int64_t d = 0; d < rank; ++d) {
        if (sizes[d] == ShapedType::kDynamic || sizes[d] == type.getDimSize(d))
          continue;
        auto indexType =
            RankedTensorType::get({sizes[d]}, builder.getI64Type());
        auto positions = llvm::to_vector(llvm::seq(start[d], limit[d]));
        Value indices = mlir::nabla::ConstantOp::create(
            builder, at,
            cast<ElementsAttr>(DenseElementsAttr::get(
                indexType, ArrayRef<int64_t>(positions))));
        SmallVector<int64_t> shape(
            cast<RankedTensorType>(sliced.getType()).getShape());
        shape[d] = sizes[d];
        sliced = mlir::nabla::TakeOp::create(
            builder, at, RankedTensorType::get(shape, type.getElementType()),
            sliced, indices, d);
      }
    }
  } else {
    SmallVector<Value> starts;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t size = type.getDimSize(d);
      if (d >= static_cast<int64_t>(expr.items.size())) {
        if (size == ShapedType::kDynamic) {
          fail(expr.loc, "indexing with a run-time start needs the other "
                         "dimensions to have known sizes; dimension " +
                             std::to_string(d) + " of " +
                             expr.base->type.str() + " does not");
          return result;
        }
        starts.push_back(constantScalar(DType::I64, 0, at));
        sizes.push_back(size);
        continue;
      }
      const IndexItem &item = expr.items[d];
      if (!item.isRange) {
        Value s = item.start ? constantScalar(DType::I64, *item.start, at)
                             : genTensor(*item.lo);
        if (cast<RankedTensorType>(s.getType()).getElementType() !=
            builder.getI64Type())
          s = mlir::nabla::ConvertOp::create(
              builder, at, RankedTensorType::get({}, builder.getI64Type()), s);
        // A run-time index counts from the end when negative, as a constant
        // one does, and must land inside the dimension.
        if (!item.start || type.isDynamicDim(d))
          s = mlir::nabla::CheckIndexOp::create(
              builder, loc(item.loc), s.getType(), s, base, d, /*span=*/1,
              /*wrap=*/!item.start);
        starts.push_back(s);
        sizes.push_back(1);
        continue;
      }
      if (item.size) {
        Value s = genTensor(*item.lo);
        if (cast<RankedTensorType>(s.getType()).getElementType() !=
            builder.getI64Type())
          s = mlir::nabla::ConvertOp::create(
              builder, at, RankedTensorType::get({}, builder.getI64Type()), s);
        s = mlir::nabla::CheckIndexOp::create(builder, loc(item.loc),
                                              s.getType(), s, base, d,
                                              /*span=*/*item.size,
                                              /*wrap=*/false);
        starts.push_back(s);
        sizes.push_back(*item.size);
        continue;
      }
      int64_t lo = item.start.value_or(0);
      int64_t hi = item.limit ? *item.limit : size;
      if (hi == ShapedType::kDynamic) {
        fail(item.loc, "indexing with a run-time start needs the other "
                       "dimensions to have known sizes");
        return result;
      }
      starts.push_back(constantScalar(DType::I64, lo, at));
      sizes.push_back(hi - lo);
    }
    sliced = mlir::nabla::DynamicSliceOp::create(
        builder, at, RankedTensorType::get(sizes, type.getElementType()), base,
        starts, sizes);
  }
  // Integer indices drop their dimension.
  mlir::Type resultType = tensorType(expr.type);
  if (sliced.getType() != resultType)
    sliced = mlir::nabla::ReshapeOp::create(builder, at, resultType, sliced);
  result.leaves.push_back(sliced);
  return result;
}

RValue MLIRGenImpl::genArray(const ArrayLitExpr &expr) {
  Location at = loc(expr.loc);
  RValue result;
  result.type = expr.type;
  auto type = tensorType(expr.type);
  SmallVector<double> values;
  if (collectConstants(expr, values)) {
    SmallVector<Attribute> attrs;
    for (double v : values) {
      if (isFloat(expr.type.dtype))
        attrs.push_back(builder.getFloatAttr(type.getElementType(), v));
      else if (expr.type.dtype == DType::Bool)
        attrs.push_back(builder.getBoolAttr(v != 0));
      else
        attrs.push_back(builder.getIntegerAttr(type.getElementType(),
                                               static_cast<int64_t>(v)));
    }
    auto attr = DenseElementsAttr::get(type, attrs);
    result.leaves.push_back(
        mlir::nabla::ConstantOp::create(builder, at, cast<ElementsAttr>(attr)));
    return result;
  }
  // Stack the elements: give each a leading dimension of 1, then concat.
  SmallVector<Value> parts;
  for (auto &e : expr.elems) {
    Value v = genTensor(*e);
    if (failed)
      return result;
    auto et = cast<RankedTensorType>(v.getType());
    if (et.getElementType() != type.getElementType())
      v = mlir::nabla::ConvertOp::create(
          builder, at,
          RankedTensorType::get(et.getShape(), type.getElementType()), v);
    SmallVector<int64_t> shape{1};
    shape.append(et.getShape().begin(), et.getShape().end());
    if (llvm::count(shape, ShapedType::kDynamic) > 1) {
      fail(e->loc, "stacking tensors with more than one run-time size is "
                   "not supported");
      return result;
    }
    parts.push_back(mlir::nabla::ReshapeOp::create(
        builder, at, RankedTensorType::get(shape, type.getElementType()), v));
  }
  result.leaves.push_back(
      mlir::nabla::ConcatOp::create(builder, at, type, parts, 0).getResult());
  return result;
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

RValue MLIRGenImpl::callSymbol(llvm::StringRef symbol, ArrayRef<Value> args,
                               const Type &result, Location at) {
  RValue out;
  out.type = result;
  if (failed)
    return out;
  auto func = module.lookupSymbol<func::FuncOp>(symbol);
  SmallVector<Value> operands;
  for (auto [arg, type] : llvm::zip(args, func.getFunctionType().getInputs()))
    operands.push_back(castTo(arg, type, at));
  auto call = func::CallOp::create(builder, at, func, operands);
  out.leaves.append(call.getResults().begin(), call.getResults().end());
  return castLeaves(std::move(out), result, at);
}

RValue MLIRGenImpl::callFunction(const std::shared_ptr<FnValue> &fn,
                                 ArrayRef<Value> args, const Type &result,
                                 Location at) {
  std::string symbol = materialize(fn);
  return callSymbol(symbol, args, result, at);
}

RValue MLIRGenImpl::genExternCall(const CallExpr &call, const FnDecl &decl) {
  Location at = loc(call.loc);
  RValue out{call.type};
  func::FuncOp func = declareExtern(decl);
  SmallVector<Value> operands;
  SmallVector<Attribute> strings;
  for (auto [param, arg] : llvm::zip(decl.params, call.ordered)) {
    RValue v = gen(*arg);
    if (failed)
      return out;
    if (param.resolved.isStr()) {
      strings.push_back(builder.getStringAttr(v.str));
      continue;
    }
    v = castLeaves(std::move(v), param.resolved, at);
    operands.append(v.leaves.begin(), v.leaves.end());
  }
  auto op = mlir::nabla::RuntimeCallOp::create(
      builder, at, func.getFunctionType().getResults(),
      FlatSymbolRefAttr::get(context, func.getSymName()),
      builder.getArrayAttr(strings), operands);
  out.leaves.append(op->getResults().begin(), op->getResults().end());
  return castLeaves(std::move(out), call.type, at);
}

RValue MLIRGenImpl::genDeferredOverloadCall(const CallExpr &call) {
  Location at = loc(call.loc);
  // The first overload whose parameters fit the concrete argument types of
  // this specialisation.
  const CallExpr::Overload *chosen = nullptr;
  TypeBindings typeArgs;
  unsigned fitting = 0;
  for (const CallExpr::Overload &overload : call.deferredOverloads) {
    TypeBindings bindings;
    bool fits = true;
    for (auto [param, arg] : llvm::zip(overload.decl->params, overload.ordered))
      fits = fits &&
             (param.resolved.isFunction() ||
              matchConcrete(param.resolved, concrete(arg->type), bindings));
    if (fits && !fitting++) {
      chosen = &overload;
      typeArgs = bindings;
    }
  }
  if (fitting != 1) {
    std::string types;
    for (const CallArg &arg : call.args)
      types += (types.empty() ? "" : ", ") + concrete(arg.value->type).str();
    fail(call.loc,
         std::string(fitting ? "several overloads of '" : "no overload of '") +
             call.deferredOverloads.front().decl->name + "' fit" +
             (fitting ? "" : "s") + " the arguments (" + types +
             ") in this specialisation");
    return RValue();
  }
  const FnDecl &decl = *chosen->decl;
  SmallVector<Value> args;
  for (const Expr *arg : chosen->ordered) {
    RValue v = gen(*arg);
    if (failed)
      return RValue();
    args.append(v.leaves.begin(), v.leaves.end());
  }
  std::string symbol = requestFunction(decl, chosen->ordered, typeArgs);
  return callSymbol(symbol, args, call.type, at);
}

RValue MLIRGenImpl::genCall(const CallExpr &call) {
  Location at = loc(call.loc);
  switch (call.callKind) {
  case CallKind::Builtin:
    return genBuiltin(call, call.builtin);
  case CallKind::ExternFn:
    return genExternCall(call, *call.target->decl);
  case CallKind::UserFn:
  case CallKind::FnValue: {
    if (!call.deferredOverloads.empty())
      return genDeferredOverloadCall(call);
    std::shared_ptr<FnValue> target = resolve(call.target);
    SmallVector<Value> args;
    std::vector<const Expr *> fnArgs;
    for (const Expr *arg : call.ordered) {
      RValue v = gen(*arg);
      if (failed)
        return RValue();
      fnArgs.push_back(arg);
      args.append(v.leaves.begin(), v.leaves.end());
    }
    if (target->kind == FnValue::Decl && target->decl->isExtern)
      return genExternCall(call, *target->decl);
    if (target->kind == FnValue::Decl && (target->decl->hasFunctionParams() ||
                                          !target->decl->typeParams.empty())) {
      // Specialise the callee for the function values and types it is given.
      std::string symbol =
          requestFunction(*target->decl, fnArgs, call.typeArgs);
      return callSymbol(symbol, args, call.type, at);
    }
    return callFunction(target, args, call.type, at);
  }
  case CallKind::Unresolved:
    break;
  }
  fail(call.loc, "internal error: unresolved call");
  return RValue();
}

} // namespace nabla

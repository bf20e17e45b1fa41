//===- MLIRGenBuiltins.cpp - Builtin functions ----------------------------===//
//
// The nabla ops each builtin becomes, including the differentiation
// transforms applied at a point (jvp, vjp, hvp).
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/STLExtras.h"

#include <limits>

using namespace mlir;
namespace nb = mlir::nabla;

namespace nabla {

SmallVector<Value> MLIRGenImpl::dynamicSizes(const Expr *shapeExpr,
                                             const Type &result, Location at) {
  SmallVector<Value> sizes;
  auto *array = shapeExpr ? dyn_cast<ArrayLitExpr>(shapeExpr) : nullptr;
  for (auto [i, d] : llvm::enumerate(result.shape)) {
    if (d.isStatic())
      continue;
    if (array && i < array->elems.size()) {
      sizes.push_back(toIndex(genTensor(*array->elems[i]), at));
      continue;
    }
    if (d.kind == Dim::Symbolic)
      if (Value v = dimSize(d.name, at)) {
        sizes.push_back(v);
        continue;
      }
    fail(shapeExpr ? shapeExpr->loc : llvm::SMLoc(),
         "internal error: no size for dimension " + std::to_string(i));
    sizes.push_back(arith::ConstantIndexOp::create(builder, at, 0));
  }
  return sizes;
}

RValue MLIRGenImpl::genTransformCall(const CallExpr &call, BuiltinId id) {
  Location at = loc(call.loc);
  RValue out;
  out.type = call.type;
  std::string symbol = materialize(call.target);
  if (failed)
    return out;
  auto func = module.lookupSymbol<func::FuncOp>(symbol);
  FunctionType fnType = func.getFunctionType();
  RValue primals = gen(*call.ordered[0]);
  RValue second = gen(*call.ordered[1]);
  if (failed)
    return out;
  // Primals and tangents take the callee's parameter types.
  SmallVector<int64_t> all;
  for (unsigned i = 0; i < fnType.getNumInputs(); ++i)
    all.push_back(i);
  SmallVector<Value> operands;
  for (auto [v, t] : llvm::zip(primals.leaves, fnType.getInputs()))
    operands.push_back(castTo(v, t, at));
  auto callee = FlatSymbolRefAttr::get(context, symbol);
  SmallVector<mlir::Type> resultTypes;
  if (id == BuiltinId::Vjp) {
    for (auto [v, t] : llvm::zip(second.leaves, fnType.getResults()))
      operands.push_back(castTo(v, t, at));
    resultTypes.append(fnType.getResults().begin(), fnType.getResults().end());
    resultTypes.append(fnType.getInputs().begin(), fnType.getInputs().end());
    auto op = nb::VjpOp::create(builder, at, resultTypes, callee,
                                builder.getDenseI64ArrayAttr(all), operands);
    out.leaves.append(op.getResults().begin(), op.getResults().end());
  } else {
    for (auto [v, t] : llvm::zip(second.leaves, fnType.getInputs()))
      operands.push_back(castTo(v, t, at));
    if (id == BuiltinId::Jvp) {
      resultTypes.append(fnType.getResults().begin(),
                         fnType.getResults().end());
      resultTypes.append(fnType.getResults().begin(),
                         fnType.getResults().end());
      auto op = nb::JvpOp::create(builder, at, resultTypes, callee,
                                  builder.getDenseI64ArrayAttr(all), operands);
      out.leaves.append(op.getResults().begin(), op.getResults().end());
    } else {
      if (all.size() != 1) {
        fail(call.loc, "'hvp' of a function with several parameter tensors "
                       "is not supported yet; pass one tensor");
        return out;
      }
      auto op = nb::HvpOp::create(builder, at, fnType.getInput(0), callee,
                                  builder.getDenseI64ArrayAttr(all), operands);
      out.leaves.push_back(op.getResult());
    }
  }
  return castLeaves(std::move(out), call.type, at);
}

/// The unary elementwise op of a builtin applied to one leaf.
static Value unaryLeaf(OpBuilder &b, Location at, BuiltinId id, Value x) {
  mlir::Type t = x.getType();
  switch (id) {
  case BuiltinId::Relu:
    return nb::ReluOp::create(b, at, t, x);
  case BuiltinId::Exp:
    return nb::ExpOp::create(b, at, t, x);
  case BuiltinId::Log:
    return nb::LogOp::create(b, at, t, x);
  case BuiltinId::Tanh:
    return nb::TanhOp::create(b, at, t, x);
  case BuiltinId::Sigmoid:
    return nb::SigmoidOp::create(b, at, t, x);
  case BuiltinId::Sqrt:
    return nb::SqrtOp::create(b, at, t, x);
  case BuiltinId::Rsqrt:
    return nb::RsqrtOp::create(b, at, t, x);
  case BuiltinId::Sin:
    return nb::SinOp::create(b, at, t, x);
  case BuiltinId::Cos:
    return nb::CosOp::create(b, at, t, x);
  case BuiltinId::Floor:
    return nb::FloorOp::create(b, at, t, x);
  case BuiltinId::Round:
    return nb::RoundOp::create(b, at, t, x);
  case BuiltinId::Abs:
    return nb::AbsOp::create(b, at, t, x);
  case BuiltinId::Sign:
    return nb::SignOp::create(b, at, t, x);
  case BuiltinId::StopGradient:
    return nb::StopGradientOp::create(b, at, t, x);
  default:
    return nullptr;
  }
}

RValue MLIRGenImpl::genTreeBuiltin(const CallExpr &call, BuiltinId id) {
  Location at = loc(call.loc);
  SmallVector<RValue> args;
  for (const CallArg &a : call.args)
    args.push_back(gen(*a.value));
  if (failed)
    return RValue();
  switch (id) {
  case BuiltinId::Sum:
  case BuiltinId::Max:
  case BuiltinId::Min: {
    // Reduce each leaf to an f64 scalar, then combine the scalars.
    auto f64 = RankedTensorType::get({}, builder.getF64Type());
    Value total;
    for (Value leaf : args[0].leaves) {
      auto lt = cast<RankedTensorType>(leaf.getType());
      SmallVector<int64_t> axes;
      for (int64_t i = 0; i < lt.getRank(); ++i)
        axes.push_back(i);
      auto st = RankedTensorType::get({}, lt.getElementType());
      Value r =
          id == BuiltinId::Sum
              ? nb::ReduceSumOp::create(builder, at, st, leaf, axes, false)
                    .getResult()
          : id == BuiltinId::Max
              ? nb::ReduceMaxOp::create(builder, at, st, leaf, axes, false)
                    .getResult()
              : nb::ReduceMinOp::create(builder, at, st, leaf, axes, false)
                    .getResult();
      if (st != f64)
        r = nb::ConvertOp::create(builder, at, f64, r);
      if (!total)
        total = r;
      else if (id == BuiltinId::Sum)
        total = nb::AddOp::create(builder, at, f64, total, r);
      else if (id == BuiltinId::Max)
        total = nb::MaxOp::create(builder, at, f64, total, r);
      else
        total = nb::MinOp::create(builder, at, f64, total, r);
    }
    RValue out;
    out.type = call.type;
    out.leaves.push_back(total ? total : constantScalar(DType::F64, 0, at));
    return out;
  }
  case BuiltinId::Maximum:
  case BuiltinId::Minimum:
    return genTreeOp(
        call.type, args,
        [&](ArrayRef<Value> v, mlir::Type type) -> Value {
          if (id == BuiltinId::Maximum)
            return nb::MaxOp::create(builder, at, type, v[0], v[1]);
          return nb::MinOp::create(builder, at, type, v[0], v[1]);
        },
        at);
  case BuiltinId::ZerosLike:
  case BuiltinId::OnesLike:
    return genTreeOp(
        call.type, args,
        [&](ArrayRef<Value> v, mlir::Type type) -> Value {
          auto t = cast<RankedTensorType>(type);
          SmallVector<Value> sizes;
          for (int64_t d = 0; d < t.getRank(); ++d)
            if (t.isDynamicDim(d))
              sizes.push_back(tensor::DimOp::create(builder, at, v[0], d));
          Value scalar = nb::ConstantOp::create(
              builder, at,
              cast<ElementsAttr>(DenseElementsAttr::get(
                  RankedTensorType::get({}, t.getElementType()),
                  builder.getFloatAttr(t.getElementType(),
                                       id == BuiltinId::OnesLike ? 1 : 0))));
          return nb::SplatOp::create(builder, at, t, scalar, sizes);
        },
        at);
  default:
    return genTreeOp(
        call.type, args,
        [&](ArrayRef<Value> v, mlir::Type) -> Value {
          return unaryLeaf(builder, at, id, v[0]);
        },
        at);
  }
}

RValue MLIRGenImpl::genBuiltin(const CallExpr &call, BuiltinId id) {
  Location at = loc(call.loc);
  RValue out;
  out.type = call.type;
  if (id == BuiltinId::Jvp || id == BuiltinId::Vjp || id == BuiltinId::Hvp)
    return genTransformCall(call, id);
  if (id == BuiltinId::Grad || id == BuiltinId::ValueAndGrad ||
      id == BuiltinId::Jacobian || id == BuiltinId::PerExampleGrad ||
      id == BuiltinId::CustomVjp) {
    out.fn = call.target;
    return out;
  }
  // Positional or named argument `i` of the builtin, by parameter order.
  auto arg = [&](size_t i, llvm::StringRef name) -> const Expr * {
    size_t position = 0;
    for (const CallArg &a : call.args) {
      if (a.name.empty() ? position++ == i : a.name == name)
        return a.value.get();
    }
    return nullptr;
  };
  auto single = [&](Value v) {
    out.leaves.push_back(v);
    return out;
  };
  if (id == BuiltinId::Print) {
    std::string format;
    SmallVector<Value> operands;
    for (const CallArg &a : call.args) {
      RValue v = gen(*a.value);
      if (failed)
        return out;
      if (!format.empty())
        format += " ";
      if (a.value->type.isStr()) {
        // Braces of the string print as themselves: '{{' and '}}'.
        for (char c : v.str) {
          format += c;
          if (c == '{' || c == '}')
            format += c;
        }
      } else {
        format += "{}";
        operands.push_back(v.leaves.front());
      }
    }
    nb::PrintOp::create(builder, at, format, operands);
    return out;
  }
  if (id == BuiltinId::Save || id == BuiltinId::Load) {
    bool isSave = id == BuiltinId::Save;
    RValue path = gen(*arg(0, "path"));
    const Expr *valueExpr = arg(1, isSave ? "value" : "like");
    RValue value = gen(*valueExpr);
    if (failed)
      return out;
    // One checkpoint tensor per leaf, named by its field path.
    SmallVector<std::string> names;
    std::function<void(const Type &, const std::string &)> walk =
        [&](const Type &t, const std::string &prefix) {
          if (t.isStruct()) {
            for (auto [i, f] : llvm::enumerate(t.decl->fields))
              walk(t.fieldType(i),
                   prefix.empty() ? f.name : prefix + "." + f.name);
          } else if (t.isTuple()) {
            for (auto [i, e] : llvm::enumerate(t.elems))
              walk(e, prefix.empty() ? std::to_string(i)
                                     : prefix + "." + std::to_string(i));
          } else {
            names.push_back(prefix.empty() ? "value" : prefix);
          }
        };
    walk(concrete(valueExpr->type), "");
    SmallVector<StringRef> refs(names.begin(), names.end());
    if (isSave) {
      nb::SaveOp::create(builder, at, path.str, builder.getStrArrayAttr(refs),
                         value.leaves);
      return out;
    }
    SmallVector<mlir::Type> types;
    for (Value leaf : value.leaves)
      types.push_back(leaf.getType());
    auto load = nb::LoadOp::create(builder, at, types, path.str,
                                   builder.getStrArrayAttr(refs));
    out.type = value.type;
    out.leaves.assign(load.getResults().begin(), load.getResults().end());
    return out;
  }
  if (id == BuiltinId::TreeMap) {
    const FnDecl &decl = *call.args[0].value->type.fnValue->decl;
    std::vector<RValue> trees;
    for (size_t i = 1; i < call.args.size(); ++i)
      trees.push_back(gen(*call.args[i].value));
    if (failed)
      return out;
    Type tree = concrete(call.args[1].value->type);
    std::vector<Type> leaves;
    if (!tensorLeaves(tree, leaves) ||
        leaves.size() != trees.front().leaves.size()) {
      fail(call.loc, "'tree_map' maps trees of tensors, found " + tree.str());
      return out;
    }
    out.type = tree;
    for (auto [i, leaf] : llvm::enumerate(leaves)) {
      TypeBindings typeArgs;
      bool fits = true;
      for (const Param &p : decl.params)
        fits = fits && matchConcrete(p.resolved, leaf, typeArgs);
      if (!fits) {
        fail(call.loc, "'tree_map' cannot apply '" + decl.name +
                           "' to the leaf " + leaf.str() + " of " + tree.str());
        return out;
      }
      std::string symbol = requestFunction(decl, {}, typeArgs);
      if (failed)
        return out;
      auto func = module.lookupSymbol<func::FuncOp>(symbol);
      SmallVector<Value> operands;
      for (auto [t, type] :
           llvm::zip(trees, func.getFunctionType().getInputs()))
        operands.push_back(castTo(t.leaves[i], type, at));
      auto result = func::CallOp::create(builder, at, func, operands);
      out.leaves.push_back(
          castTo(result.getResult(0), trees.front().leaves[i].getType(), at));
    }
    return out;
  }
  if (id == BuiltinId::Flatten) {
    RValue tree = gen(*arg(0, "x"));
    if (failed)
      return out;
    SmallVector<Value> rows;
    for (Value leaf : tree.leaves) {
      auto type = cast<RankedTensorType>(leaf.getType());
      rows.push_back(nb::ReshapeOp::create(
          builder, at,
          RankedTensorType::get({type.getNumElements()}, type.getElementType()),
          leaf));
    }
    auto type = tensorType(call.type);
    if (rows.size() == 1)
      return single(rows.front());
    return single(nb::ConcatOp::create(builder, at, type, rows, 0));
  }
  if (id == BuiltinId::Unflatten) {
    Value flat = genTensor(*arg(0, "v"));
    RValue like = gen(*arg(1, "like"));
    if (failed)
      return out;
    out.type = like.type;
    int64_t total = 0;
    for (Value leaf : like.leaves)
      total += cast<RankedTensorType>(leaf.getType()).getNumElements();
    auto flatType = cast<RankedTensorType>(flat.getType());
    if (flatType.getRank() == 1 && flatType.isDynamicDim(0)) {
      // Known only at run time (inside a generic function): check it there.
      Value size = tensor::DimOp::create(builder, at, flat, 0);
      Value want = arith::ConstantIndexOp::create(builder, at, total);
      Value same = arith::CmpIOp::create(builder, at, arith::CmpIPredicate::eq,
                                         size, want);
      nb::CheckOp::create(builder, at, same,
                          "'unflatten': the vector's length {0} differs from "
                          "the number of elements of " +
                              concrete(like.type).str() + " ({1})",
                          ValueRange{size, want});
      flatType = RankedTensorType::get({total}, flatType.getElementType());
      flat = castTo(flat, flatType, at);
    }
    if (flatType.getRank() != 1 || flatType.getDimSize(0) != total) {
      fail(call.loc, "'unflatten' needs a vector of " + std::to_string(total) +
                         " elements for " + concrete(like.type).str());
      return out;
    }
    if (!like.leaves.empty()) {
      mlir::Type elem = cast<RankedTensorType>(like.leaves.front().getType())
                            .getElementType();
      if (elem != flatType.getElementType())
        flat = nb::ConvertOp::create(
            builder, at, RankedTensorType::get(flatType.getShape(), elem),
            flat);
    }
    int64_t offset = 0;
    for (Value leaf : like.leaves) {
      auto type = cast<RankedTensorType>(leaf.getType());
      if (!type.hasStaticShape()) {
        fail(call.loc, "'unflatten' needs static sizes, found a leaf of type " +
                           concrete(like.type).str());
        return out;
      }
      int64_t n = type.getNumElements();
      Value piece = nb::DynamicSliceOp::create(
          builder, at, RankedTensorType::get({n}, type.getElementType()), flat,
          ValueRange{constantScalar(DType::I64, double(offset), at)},
          ArrayRef<int64_t>{n});
      out.leaves.push_back(nb::ReshapeOp::create(builder, at, type, piece));
      offset += n;
    }
    return out;
  }
  if (id == BuiltinId::StopGradient) {
    RValue v = gen(*arg(0, "x"));
    for (Value leaf : v.leaves)
      out.leaves.push_back(
          nb::StopGradientOp::create(builder, at, leaf.getType(), leaf));
    return out;
  }
  if (id == BuiltinId::Concat) {
    auto *array = cast<ArrayLitExpr>(arg(0, "xs"));
    SmallVector<Value> inputs;
    for (auto &e : array->elems)
      inputs.push_back(genTensor(*e));
    return single(nb::ConcatOp::create(builder, at, tensorType(call.type),
                                       inputs, call.ints.front()));
  }
  if (!call.args.empty() && (concrete(call.args[0].value->type).isTree() ||
                             containsTypeParam(call.args[0].value->type)))
    return genTreeBuiltin(call, id);
  mlir::Type type = call.type.isTensor() || call.type.isKey()
                        ? mlir::Type(tensorType(call.type))
                        : mlir::Type();
  switch (id) {
  case BuiltinId::Zeros:
  case BuiltinId::Ones:
  case BuiltinId::Full: {
    const Expr *shapeExpr = arg(0, "shape");
    Value scalar = id == BuiltinId::Full
                       ? genTensor(*arg(1, "value"))
                       : constantScalar(call.type.dtype,
                                        id == BuiltinId::Ones ? 1 : 0, at);
    SmallVector<Value> sizes = dynamicSizes(shapeExpr, call.type, at);
    return single(nb::SplatOp::create(builder, at, type, scalar, sizes));
  }
  case BuiltinId::ZerosLike:
  case BuiltinId::OnesLike: {
    Value x = genTensor(*arg(0, "x"));
    auto xt = cast<RankedTensorType>(x.getType());
    SmallVector<Value> sizes;
    for (int64_t d = 0; d < xt.getRank(); ++d)
      if (xt.isDynamicDim(d))
        sizes.push_back(tensor::DimOp::create(builder, at, x, d));
    Value scalar =
        constantScalar(call.type.dtype, id == BuiltinId::OnesLike ? 1 : 0, at);
    return single(nb::SplatOp::create(builder, at, xt, scalar, sizes));
  }
  case BuiltinId::Arange: {
    SmallVector<Value> sizes;
    if (!call.type.shape[0].isStatic())
      sizes.push_back(toIndex(genTensor(*arg(0, "n")), at));
    return single(nb::IotaOp::create(builder, at, type, 0, sizes));
  }
  case BuiltinId::RandomNormal:
  case BuiltinId::RandomUniform: {
    Value key = genTensor(*arg(0, "key"));
    SmallVector<Value> sizes = dynamicSizes(arg(1, "shape"), call.type, at);
    if (id == BuiltinId::RandomNormal)
      return single(nb::RandomNormalOp::create(builder, at, type, key, sizes));
    return single(nb::RandomUniformOp::create(builder, at, type, key, sizes));
  }
  case BuiltinId::Key:
    return single(genTensor(*arg(0, "seed")));
  case BuiltinId::Split: {
    Value key = genTensor(*arg(0, "key"));
    Value index = genTensor(*arg(1, "index"));
    return single(nb::FoldInOp::create(builder, at, type, key, index));
  }
  case BuiltinId::DimOf: {
    Value x = genTensor(*arg(0, "x"));
    Value d = tensor::DimOp::create(builder, at, x, call.ints.front());
    return single(indexToTensor(d, at));
  }
  default:
    break;
  }

  llvm::StringRef first = id == BuiltinId::Maximum || id == BuiltinId::Minimum
                              ? "a"
                          : id == BuiltinId::Where ? "cond"
                                                   : "x";
  Value x = genTensor(*arg(0, first));
  if (failed)
    return out;
  switch (id) {
  case BuiltinId::Relu:
    return single(nb::ReluOp::create(builder, at, type, x));
  case BuiltinId::Exp:
    return single(nb::ExpOp::create(builder, at, type, x));
  case BuiltinId::Log:
    return single(nb::LogOp::create(builder, at, type, x));
  case BuiltinId::Tanh:
    return single(nb::TanhOp::create(builder, at, type, x));
  case BuiltinId::Sigmoid:
    return single(nb::SigmoidOp::create(builder, at, type, x));
  case BuiltinId::Sqrt:
    return single(nb::SqrtOp::create(builder, at, type, x));
  case BuiltinId::Rsqrt:
    return single(nb::RsqrtOp::create(builder, at, type, x));
  case BuiltinId::Sin:
    return single(nb::SinOp::create(builder, at, type, x));
  case BuiltinId::Cos:
    return single(nb::CosOp::create(builder, at, type, x));
  case BuiltinId::Floor:
    return single(nb::FloorOp::create(builder, at, type, x));
  case BuiltinId::Round:
    return single(nb::RoundOp::create(builder, at, type, x));
  case BuiltinId::Abs:
    return single(nb::AbsOp::create(builder, at, type, x));
  case BuiltinId::Sign:
    return single(nb::SignOp::create(builder, at, type, x));
  case BuiltinId::IsNan:
    // NaN is the one value unequal to itself.
    return single(
        nb::CmpOp::create(builder, at, type, nb::CmpPredicate::ne, x, x));
  case BuiltinId::IsInf:
  case BuiltinId::IsFinite: {
    // |x| == inf, or |x| < inf (false for NaN).
    auto xType = cast<RankedTensorType>(x.getType());
    Value magnitude = nb::AbsOp::create(builder, at, xType, x);
    DType dtype = xType.getElementType().isF64() ? DType::F64 : DType::F32;
    Value inf =
        constantScalar(dtype, std::numeric_limits<double>::infinity(), at);
    return single(nb::CmpOp::create(
        builder, at, type,
        id == BuiltinId::IsInf ? nb::CmpPredicate::eq : nb::CmpPredicate::lt,
        magnitude, inf));
  }
  case BuiltinId::Maximum:
    return single(
        nb::MaxOp::create(builder, at, type, x, genTensor(*arg(1, "b"))));
  case BuiltinId::Minimum:
    return single(
        nb::MinOp::create(builder, at, type, x, genTensor(*arg(1, "b"))));
  case BuiltinId::Where:
    return single(nb::SelectOp::create(builder, at, type, x,
                                       genTensor(*arg(1, "a")),
                                       genTensor(*arg(2, "b"))));
  case BuiltinId::Sum:
    return single(
        nb::ReduceSumOp::create(builder, at, type, x, call.ints, call.flag));
  case BuiltinId::Mean:
    return single(
        nb::ReduceMeanOp::create(builder, at, type, x, call.ints, call.flag));
  case BuiltinId::Max:
    return single(
        nb::ReduceMaxOp::create(builder, at, type, x, call.ints, call.flag));
  case BuiltinId::Min:
    return single(
        nb::ReduceMinOp::create(builder, at, type, x, call.ints, call.flag));
  case BuiltinId::Argmax:
    return single(nb::ArgmaxOp::create(builder, at, type, x, call.ints.front(),
                                       call.flag));
  case BuiltinId::Reshape:
    return single(nb::ReshapeOp::create(builder, at, type, x));
  case BuiltinId::Transpose:
    return single(nb::TransposeOp::create(builder, at, type, x, call.ints));
  case BuiltinId::Take: {
    // nabla.take clamps; a user's indices must be in range.
    Value indices = genTensor(*arg(1, "indices"));
    indices = nb::CheckIndexOp::create(builder, at, indices.getType(), indices,
                                       x, call.ints.front(), /*span=*/1,
                                       /*wrap=*/false);
    return single(
        nb::TakeOp::create(builder, at, type, x, indices, call.ints.front()));
  }
  case BuiltinId::OneHot:
    return single(
        nb::OneHotOp::create(builder, at, type, x, call.ints.front()));
  case BuiltinId::Softmax:
    return single(
        nb::SoftmaxOp::create(builder, at, type, x, call.ints.front()));
  case BuiltinId::LogSoftmax:
    return single(
        nb::LogSoftmaxOp::create(builder, at, type, x, call.ints.front()));
  case BuiltinId::CastF32:
  case BuiltinId::CastF64:
  case BuiltinId::CastI32:
  case BuiltinId::CastI64:
  case BuiltinId::CastBool:
    if (x.getType() == type)
      return single(x);
    return single(nb::ConvertOp::create(builder, at, type, x));
  default:
    fail(call.loc,
         "internal error: builtin '" + builtinName(id) + "' has no lowering");
    return out;
  }
}

} // namespace nabla

//===- MLIRGenIO.cpp - The input, output and tree builtins ----------------===//
//
// print, save and load (one checkpoint tensor per leaf, named by its field
// path), flatten and unflatten.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace nabla {

RValue MLIRGenImpl::genIOBuiltin(const CallExpr &call, BuiltinId id) {
  Location at = loc(call.loc);
  RValue out{call.type};
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
    mlir::nabla::PrintOp::create(builder, at, format, operands);
    return out;
  }
  if (id == BuiltinId::Save || id == BuiltinId::Load) {
    bool isSave = id == BuiltinId::Save;
    RValue path = gen(*call.ordered[0]);
    const Expr *valueExpr = call.ordered[1];
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
      mlir::nabla::SaveOp::create(builder, at, path.str,
                                  builder.getStrArrayAttr(refs), value.leaves);
      return out;
    }
    SmallVector<mlir::Type> types;
    for (Value leaf : value.leaves)
      types.push_back(leaf.getType());
    auto load = mlir::nabla::LoadOp::create(builder, at, types, path.str,
                                            builder.getStrArrayAttr(refs));
    out.type = value.type;
    out.leaves.assign(load.getResults().begin(), load.getResults().end());
    return out;
  }
  if (id == BuiltinId::Flatten) {
    RValue tree = gen(*call.ordered[0]);
    if (failed)
      return out;
    SmallVector<Value> rows;
    for (Value leaf : tree.leaves) {
      auto type = cast<RankedTensorType>(leaf.getType());
      rows.push_back(mlir::nabla::ReshapeOp::create(
          builder, at,
          RankedTensorType::get({type.getNumElements()}, type.getElementType()),
          leaf));
    }
    auto type = tensorType(call.type);
    if (rows.size() == 1)
      return builtinValue(call, rows.front());
    return builtinValue(
        call, mlir::nabla::ConcatOp::create(builder, at, type, rows, 0));
  }
  if (id == BuiltinId::Unflatten) {
    Value flat = genTensor(*call.ordered[0]);
    RValue like = gen(*call.ordered[1]);
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
      mlir::nabla::CheckOp::create(
          builder, at, same,
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
        flat = mlir::nabla::ConvertOp::create(
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
      Value piece = mlir::nabla::DynamicSliceOp::create(
          builder, at, RankedTensorType::get({n}, type.getElementType()), flat,
          ValueRange{constantScalar(DType::I64, double(offset), at)},
          ArrayRef<int64_t>{n});
      out.leaves.push_back(
          mlir::nabla::ReshapeOp::create(builder, at, type, piece));
      offset += n;
    }
    return out;
  }
  return noLowering(call);
}

} // namespace nabla

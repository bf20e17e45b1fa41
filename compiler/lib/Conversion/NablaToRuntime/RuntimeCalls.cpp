//===- RuntimeCalls.cpp - Building calls into the runtime -----------------===//
//
// Declarations of `nrt_*` functions, string constants, and the run-time
// checks that stop a program with a located error.
//
//===----------------------------------------------------------------------===//

#include "nabla/Conversion/RuntimeCalls.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::nabla;

std::string mlir::nabla::elementSuffix(Type type) {
  if (type.isF32())
    return "f32";
  if (type.isF64())
    return "f64";
  if (type.isInteger(1))
    return "i1";
  if (type.isInteger(32))
    return "i32";
  return "i64";
}

void mlir::nabla::markArgumentsReadOnly(func::FuncOp f) {
  OpBuilder b(f.getContext());
  for (auto [i, type] : llvm::enumerate(f.getFunctionType().getInputs()))
    if (isa<TensorType>(type))
      f.setArgAttr(i, "bufferization.access", b.getStringAttr("read"));
}

func::FuncOp mlir::nabla::declareRuntime(OpBuilder &b, ModuleOp module,
                                         StringRef name, TypeRange inputs,
                                         TypeRange results) {
  if (auto f = module.lookupSymbol<func::FuncOp>(name))
    return f;
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(module.getBody());
  auto f = func::FuncOp::create(b, module.getLoc(), name,
                                b.getFunctionType(inputs, results));
  f.setPrivate();
  f->setAttr("llvm.emit_c_interface", b.getUnitAttr());
  markArgumentsReadOnly(f);
  return f;
}

Type mlir::nabla::stringType(OpBuilder &b) {
  return RankedTensorType::get({ShapedType::kDynamic}, b.getI8Type());
}

Value mlir::nabla::stringTensor(OpBuilder &b, Location loc, StringRef text) {
  SmallVector<int8_t> bytes(text.begin(), text.end());
  auto type = RankedTensorType::get({static_cast<int64_t>(bytes.size())},
                                    b.getI8Type());
  auto attr = DenseElementsAttr::get(type, ArrayRef<int8_t>(bytes));
  Value c = arith::ConstantOp::create(b, loc, attr);
  return tensor::CastOp::create(b, loc, stringType(b), c);
}

/// The first file position inside `loc`.
static std::optional<FileLineColLoc> filePosition(Location loc) {
  return TypeSwitch<Location, std::optional<FileLineColLoc>>(loc)
      .Case([](FileLineColLoc l) { return l; })
      .Case([](NameLoc l) { return filePosition(l.getChildLoc()); })
      .Case([](CallSiteLoc l) { return filePosition(l.getCallee()); })
      .Case([](FusedLoc l) -> std::optional<FileLineColLoc> {
        for (Location inner : l.getLocations())
          if (auto found = filePosition(inner))
            return found;
        return std::nullopt;
      })
      .Default([](Location) { return std::nullopt; });
}

std::string mlir::nabla::locationText(Location loc) {
  std::optional<FileLineColLoc> pos = filePosition(loc);
  if (!pos)
    return "";
  return (pos->getFilename().getValue() + ":" + Twine(pos->getLine()) + ":" +
          Twine(pos->getColumn()))
      .str();
}

void mlir::nabla::emitRuntimeCheck(OpBuilder &b, Location loc, Value ok,
                                   StringRef message, ValueRange values) {
  auto module =
      b.getInsertionBlock()->getParentOp()->getParentOfType<ModuleOp>();
  Type i64 = b.getI64Type();
  auto valuesType = RankedTensorType::get({ShapedType::kDynamic}, i64);
  auto fail = declareRuntime(b, module, "nrt_check_failed",
                             {stringType(b), stringType(b), valuesType}, {});
  Value isTrue = arith::ConstantOp::create(b, loc, b.getBoolAttr(true));
  Value failed = arith::XOrIOp::create(b, loc, ok, isTrue);
  auto ifOp = scf::IfOp::create(b, loc, failed, /*withElseRegion=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(ifOp.thenBlock());
  SmallVector<Value> ints;
  for (Value v : values) {
    if (v.getType().isIndex())
      v = arith::IndexCastOp::create(b, loc, i64, v);
    else if (v.getType() != i64)
      v = arith::ExtSIOp::create(b, loc, i64, v);
    ints.push_back(v);
  }
  Value packed;
  if (ints.empty())
    packed = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{0}, i64);
  else
    packed = tensor::FromElementsOp::create(b, loc, ints);
  packed = tensor::CastOp::create(b, loc, valuesType, packed);
  func::CallOp::create(b, loc, fail,
                       ValueRange{stringTensor(b, loc, locationText(loc)),
                                  stringTensor(b, loc, message), packed});
}

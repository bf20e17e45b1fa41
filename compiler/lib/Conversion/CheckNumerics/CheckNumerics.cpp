//===- CheckNumerics.cpp - NaN and Inf provenance checks ------------------===//
//
// `--check-numerics`: a `nabla.check_numerics` after every float-valued
// nabla op, whose site says which expression (or which expression's
// derivative) the op computes, with the source line, so the first NaN or
// Inf of a run is reported where it was made.
//
//===----------------------------------------------------------------------===//

#include "nabla/Conversion/Passes.h"
#include "nabla/IR/NablaDialect.h"
#include "nabla/IR/NablaOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

namespace mlir::nabla {
#define GEN_PASS_DEF_CHECKNUMERICS
#include "nabla/Conversion/Passes.h.inc"
} // namespace mlir::nabla

using namespace mlir;
using namespace mlir::nabla;

namespace {

/// Where an op came from: its source position, and whether it computes a
/// derivative (the autodiff pass wraps such locations in a FusedLoc with
/// the metadata "derivative").
struct Origin {
  std::optional<FileLineColLoc> pos;
  bool derivative = false;
};

Origin originOf(Location loc) {
  Origin origin;
  std::function<void(Location)> visit = [&](Location l) {
    if (origin.pos)
      return;
    if (auto f = dyn_cast<FileLineColLoc>(l)) {
      origin.pos = f;
    } else if (auto fused = dyn_cast<FusedLoc>(l)) {
      if (auto tag = dyn_cast_or_null<StringAttr>(fused.getMetadata());
          tag && tag.getValue() == "derivative")
        origin.derivative = true;
      for (Location inner : fused.getLocations())
        visit(inner);
    } else if (auto name = dyn_cast<NameLoc>(l)) {
      visit(name.getChildLoc());
    } else if (auto call = dyn_cast<CallSiteLoc>(l)) {
      visit(call.getCallee());
    }
  };
  visit(loc);
  return origin;
}

/// The lines of source files, read once.
class SourceLines {
public:
  std::optional<std::string> line(StringRef file, unsigned number) {
    auto it = files.find(file);
    if (it == files.end()) {
      std::vector<std::string> lines;
      if (auto buffer = llvm::MemoryBuffer::getFile(file)) {
        SmallVector<StringRef> parts;
        (*buffer)->getBuffer().split(parts, '\n');
        for (StringRef p : parts)
          lines.push_back(p.rtrim('\r').str());
      }
      it = files.insert({file, std::move(lines)}).first;
    }
    if (number == 0 || number > it->second.size())
      return std::nullopt;
    return it->second[number - 1];
  }

private:
  llvm::StringMap<std::vector<std::string>> files;
};

bool isIdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}

/// The source text of the expression at `col` (1-based) of `line`: a call
/// `name(...)` when the position is its parenthesis or its name, a name, or
/// the operator at that position.
std::string expressionText(StringRef line, unsigned col) {
  size_t at = col ? col - 1 : 0;
  if (at >= line.size())
    return "";
  size_t begin = at, end = at;
  if (line[at] == '(') {
    while (begin > 0 && isIdentifierChar(line[begin - 1]))
      --begin;
  } else if (isIdentifierChar(line[at])) {
    while (begin > 0 && isIdentifierChar(line[begin - 1]))
      --begin;
    while (end < line.size() && isIdentifierChar(line[end]))
      ++end;
    if (end >= line.size() || line[end] != '(')
      return line.slice(begin, end).str();
  } else {
    // An operator: one or two characters.
    end = at + 1;
    if (end < line.size() && StringRef("=*<>").contains(line[end]))
      ++end;
    return line.slice(at, end).str();
  }
  // A call: through the matching parenthesis.
  size_t open = line.find('(', begin);
  int depth = 0;
  for (end = open; end < line.size(); ++end) {
    if (line[end] == '(')
      ++depth;
    else if (line[end] == ')' && --depth == 0)
      return line.slice(begin, end + 1).str();
  }
  return line.slice(begin, line.size()).str();
}

struct CheckNumericsPass
    : mlir::nabla::impl::CheckNumericsBase<CheckNumericsPass> {
  void runOnOperation() override {
    getOperation().walk([&](func::FuncOp func) {
      if (func.isExternal())
        return;
      SmallVector<Operation *> targets;
      func.walk([&](Operation *op) {
        if (isa<NablaDialect>(op->getDialect()) && op->getNumOperands() != 0 &&
            !isa<CheckNumericsOp, CheckIndexOp, CheckOp>(op) &&
            op->getNumResults() == 1 &&
            isa<FloatType>(getElementTypeOrSelf(op->getResult(0).getType())) &&
            isa<RankedTensorType>(op->getResult(0).getType()))
          targets.push_back(op);
      });
      for (Operation *op : targets)
        insertCheck(op);
    });
  }

  void insertCheck(Operation *op) {
    Origin origin = originOf(op->getLoc());
    OpBuilder b(op->getContext());
    b.setInsertionPointAfter(op);
    Location loc = op->getLoc();

    std::string opName = op->getName().getStringRef().str();
    std::string site, where, what, source;
    if (origin.pos) {
      where =
          (origin.pos->getFilename().getValue() + ":" +
           Twine(origin.pos->getLine()) + ":" + Twine(origin.pos->getColumn()))
              .str();
      if (std::optional<std::string> text = lines.line(
              origin.pos->getFilename().getValue(), origin.pos->getLine())) {
        std::string expr = expressionText(*text, origin.pos->getColumn());
        if (!expr.empty())
          what = "`" + expr + "`";
        std::string caret(
            origin.pos->getColumn() > 0 ? origin.pos->getColumn() - 1 : 0, ' ');
        for (size_t i = 0; i < caret.size() && i < text->size(); ++i)
          if ((*text)[i] == '\t')
            caret[i] = '\t';
        source = "\n" + *text + "\n" + caret + "^";
      }
    }
    if (what.empty())
      what = "an expression";
    site = (where.empty() ? "" : where + ": ") +
           "error: --check-numerics: NaN or Inf in " +
           (origin.derivative ? "the derivative of " + what
                              : "the value of " + what) +
           " (" + opName + ")" + source;

    SmallVector<Value> inputs;
    for (Value operand : op->getOperands())
      if (isa<RankedTensorType>(operand.getType()))
        inputs.push_back(operand);

    // The iteration of each enclosing loop of forward code, innermost
    // first (a derivative's loops run in reverse).
    SmallVector<Value> iterations;
    SmallVector<Attribute> loops;
    if (!origin.derivative) {
      for (Operation *parent = op->getParentOp();
           parent && !isa<func::FuncOp>(parent);
           parent = parent->getParentOp()) {
        auto loop = dyn_cast<scf::ForOp>(parent);
        if (!loop)
          continue;
        Value iv = loop.getInductionVar();
        if (!iv.getType().isIndex())
          continue;
        OpBuilder lb = OpBuilder::atBlockBegin(loop.getBody());
        Value offset =
            arith::SubIOp::create(lb, loop.getLoc(), iv, loop.getLowerBound());
        Value number =
            arith::DivUIOp::create(lb, loop.getLoc(), offset, loop.getStep());
        iterations.push_back(number);
        Origin at = originOf(loop.getLoc());
        std::string text = "the loop";
        if (at.pos)
          text += (" at " + at.pos->getFilename().getValue() + ":" +
                   Twine(at.pos->getLine()) + ":" + Twine(at.pos->getColumn()))
                      .str();
        loops.push_back(b.getStringAttr(text));
      }
    }
    CheckNumericsOp::create(b, loc, op->getResult(0), inputs, iterations,
                            b.getStringAttr(site), b.getArrayAttr(loops));
  }

  SourceLines lines;
};

} // namespace

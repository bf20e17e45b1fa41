//===- MergeDeallocations.cpp - One dealloc per retain list and block -----===//
//
// Ownership-based deallocation frees each buffer with its own
// `bufferization.dealloc`, which retains every value the block passes on. A
// loop body that carries a whole model and its optimizer state has dozens
// of such deallocs with the same long retain list, and each one lowers to a
// comparison against every retained value: code quadratic in the size of
// the state. Deallocs of one block with the same retain list whose results
// are unused are merged into one, at the position of the last (freeing a
// buffer later is always safe), which lowers to one call of the dealloc
// helper.
//
//===----------------------------------------------------------------------===//

#include "nabla/Conversion/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include <functional>
#include <map>

namespace mlir::nabla {
#define GEN_PASS_DEF_MERGEDEALLOCATIONS
#include "nabla/Conversion/Passes.h.inc"
} // namespace mlir::nabla

using namespace mlir;

static void mergeInBlock(Block &block) {
  SmallVector<SmallVector<bufferization::DeallocOp>> runs;
  // Group by the retain list (compared by value).
  std::map<SmallVector<Value>, unsigned,
           std::function<bool(const SmallVector<Value> &,
                              const SmallVector<Value> &)>>
      index([](const SmallVector<Value> &a, const SmallVector<Value> &b) {
        return std::lexicographical_compare(
            a.begin(), a.end(), b.begin(), b.end(), [](Value x, Value y) {
              return x.getAsOpaquePointer() < y.getAsOpaquePointer();
            });
      });
  for (Operation &op : block) {
    auto dealloc = dyn_cast<bufferization::DeallocOp>(&op);
    if (!dealloc || !dealloc.use_empty())
      continue;
    SmallVector<Value> retained(dealloc.getRetained());
    auto [it, inserted] = index.try_emplace(retained, runs.size());
    if (inserted)
      runs.emplace_back();
    runs[it->second].push_back(dealloc);
  }
  for (auto &run : runs) {
    if (run.size() < 2)
      continue;
    SmallVector<Value> memrefs, conditions;
    for (bufferization::DeallocOp d : run) {
      memrefs.append(d.getMemrefs().begin(), d.getMemrefs().end());
      conditions.append(d.getConditions().begin(), d.getConditions().end());
    }
    bufferization::DeallocOp last = run.back();
    OpBuilder b(last);
    bufferization::DeallocOp::create(b, last.getLoc(), memrefs, conditions,
                                     last.getRetained());
    for (bufferization::DeallocOp d : run)
      d.erase();
  }
}

namespace {
struct MergeDeallocationsPass
    : mlir::nabla::impl::MergeDeallocationsBase<MergeDeallocationsPass> {
  void runOnOperation() override {
    getOperation()->walk([](Block *block) { mergeInBlock(*block); });
  }
};
} // namespace

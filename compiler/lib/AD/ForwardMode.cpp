//===- ForwardMode.cpp - Generation of @f_jvp functions -------------------===//
//
// Forward mode: clones the primal function op by op and, after each op with
// an active result, asks the op's DifferentiableOpInterface for the result
// tangents. scf.for / scf.while / scf.if carry tangents next to their primal
// values; calls go to the callee's own `@callee_jvp` (or its custom_jvp).
//
//===----------------------------------------------------------------------===//

#include "nabla/AD/Differentiator.h"

#include "nabla/AD/ADBuilders.h"
#include "nabla/AD/ActivityAnalysis.h"
#include "nabla/Interfaces/DifferentiableOpInterface.h"

#include "DerivativeLocations.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::nabla;

namespace {
class JvpEmitter {
public:
  JvpEmitter(Differentiator &diff, func::FuncOp primal, ArrayRef<int64_t> wrt)
      : diff(diff), primal(primal), wrt(wrt), activity(primal, wrt) {}

  /// Fills the body of `jvp`, whose signature is already set.
  LogicalResult emit(func::FuncOp jvp);

private:
  LogicalResult emitBlock(Block &block, OpBuilder &b);
  LogicalResult emitOp(Operation *op, OpBuilder &b);
  LogicalResult emitGeneric(Operation *op, OpBuilder &b);
  LogicalResult emitFor(scf::ForOp op, OpBuilder &b);
  LogicalResult emitWhile(scf::WhileOp op, OpBuilder &b);
  LogicalResult emitIf(scf::IfOp op, OpBuilder &b);
  LogicalResult emitCall(func::CallOp op, OpBuilder &b);

  /// The tangent of the primal value `value`, or zeros of its type.
  Value tangentOrZeros(OpBuilder &b, Location loc, Value value) {
    if (Value tangent = tangents.lookup(value))
      return tangent;
    return ad::zerosLike(b, loc, map.lookup(value));
  }

  /// Records `tangent` for `value` if `value` is active.
  void setTangent(Value value, Value tangent) {
    if (tangent && activity.isActive(value))
      tangents[value] = tangent;
  }

  Differentiator &diff;
  func::FuncOp primal;
  ArrayRef<int64_t> wrt;
  ActivityAnalysis activity;
  IRMapping map;
  DenseMap<Value, Value> tangents;
};
} // namespace

LogicalResult JvpEmitter::emit(func::FuncOp jvp) {
  Block *entry = jvp.addEntryBlock();
  unsigned numArgs = primal.getNumArguments();
  for (unsigned i = 0; i < numArgs; ++i)
    map.map(primal.getArgument(i), entry->getArgument(i));
  for (auto [k, index] : llvm::enumerate(wrt))
    setTangent(primal.getArgument(index), entry->getArgument(numArgs + k));

  OpBuilder b = OpBuilder::atBlockEnd(entry);
  Block &body = primal.front();
  if (failed(emitBlock(body, b)))
    return failure();
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  SmallVector<Value> results;
  for (Value value : ret.getOperands())
    results.push_back(map.lookup(value));
  for (Value value : ret.getOperands())
    results.push_back(tangentOrZeros(b, ret.getLoc(), value));
  func::ReturnOp::create(b, ret.getLoc(), results);
  return success();
}

LogicalResult JvpEmitter::emitBlock(Block &block, OpBuilder &b) {
  for (Operation &op : block.without_terminator())
    if (failed(emitOp(&op, b)))
      return failure();
  return success();
}

LogicalResult JvpEmitter::emitOp(Operation *op, OpBuilder &b) {
  if (!activity.hasActiveResult(op)) {
    b.clone(*op, map);
    return success();
  }
  if (auto forOp = dyn_cast<scf::ForOp>(op))
    return emitFor(forOp, b);
  if (auto whileOp = dyn_cast<scf::WhileOp>(op))
    return emitWhile(whileOp, b);
  if (auto ifOp = dyn_cast<scf::IfOp>(op))
    return emitIf(ifOp, b);
  if (auto call = dyn_cast<func::CallOp>(op))
    return emitCall(call, b);
  return emitGeneric(op, b);
}

LogicalResult JvpEmitter::emitGeneric(Operation *op, OpBuilder &b) {
  Operation *clone = b.clone(*op, map);
  auto differentiable = dyn_cast<DifferentiableOpInterface>(clone);
  if (!differentiable)
    return op->emitError() << "cannot differentiate through '" << op->getName()
                           << "'";
  SmallVector<Value> operandTangents;
  for (Value operand : op->getOperands())
    operandTangents.push_back(tangents.lookup(operand));
  SmallVector<Value> resultTangents;
  ad::DerivativeOpsScope marked(b, op->getLoc());
  if (failed(differentiable.buildTangents(b, operandTangents, resultTangents)))
    return failure();
  if (resultTangents.size() != op->getNumResults())
    return op->emitError() << "tangent rule of '" << op->getName()
                           << "' returned " << resultTangents.size()
                           << " tangents for " << op->getNumResults()
                           << " results";
  for (auto [result, tangent] :
       llvm::zip_equal(op->getResults(), resultTangents)) {
    if (tangent && tangent.getType() != result.getType())
      return op->emitError()
             << "tangent rule of '" << op->getName()
             << "' built a tangent of type " << tangent.getType()
             << " for a result of type " << result.getType();
    setTangent(result, tangent);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

LogicalResult JvpEmitter::emitFor(scf::ForOp op, OpBuilder &b) {
  Location loc = op.getLoc();
  SmallVector<unsigned> active;
  for (auto [i, arg] : llvm::enumerate(op.getRegionIterArgs()))
    if (activity.isActive(arg))
      active.push_back(i);

  SmallVector<Value> inits;
  for (Value init : op.getInitArgs())
    inits.push_back(map.lookup(init));
  for (unsigned i : active)
    inits.push_back(tangentOrZeros(b, loc, op.getInitArgs()[i]));

  unsigned numCarried = op.getNumRegionIterArgs();
  LogicalResult status = success();
  auto loop = scf::ForOp::create(
      b, loc, map.lookup(op.getLowerBound()), map.lookup(op.getUpperBound()),
      map.lookup(op.getStep()), inits,
      [&](OpBuilder &nb, Location, Value iv, ValueRange args) {
        map.map(op.getInductionVar(), iv);
        for (auto [arg, newArg] :
             llvm::zip(op.getRegionIterArgs(), args.take_front(numCarried)))
          map.map(arg, newArg);
        for (auto [k, i] : llvm::enumerate(active))
          setTangent(op.getRegionIterArgs()[i], args[numCarried + k]);
        status = emitBlock(*op.getBody(), nb);
        SmallVector<Value> yields;
        for (Value value : op.getYieldedValues())
          yields.push_back(map.lookup(value));
        if (succeeded(status))
          for (unsigned i : active)
            yields.push_back(tangentOrZeros(nb, loc, op.getYieldedValues()[i]));
        scf::YieldOp::create(nb, loc, yields);
      });
  if (failed(status))
    return failure();
  for (auto [i, result] : llvm::enumerate(op.getResults()))
    map.map(result, loop.getResult(i));
  for (auto [k, i] : llvm::enumerate(active))
    setTangent(op.getResult(i), loop.getResult(numCarried + k));
  return success();
}

LogicalResult JvpEmitter::emitWhile(scf::WhileOp op, OpBuilder &b) {
  Location loc = op.getLoc();
  SmallVector<unsigned> activeBefore, activeAfter;
  for (auto [i, arg] : llvm::enumerate(op.getBeforeArguments()))
    if (activity.isActive(arg))
      activeBefore.push_back(i);
  for (auto [i, arg] : llvm::enumerate(op.getAfterArguments()))
    if (activity.isActive(arg))
      activeAfter.push_back(i);

  SmallVector<Value> inits;
  for (Value init : op.getInits())
    inits.push_back(map.lookup(init));
  for (unsigned i : activeBefore)
    inits.push_back(tangentOrZeros(b, loc, op.getInits()[i]));
  SmallVector<Type> resultTypes(op.getResultTypes());
  for (unsigned i : activeAfter)
    resultTypes.push_back(op.getResult(i).getType());

  auto loop = scf::WhileOp::create(b, loc, resultTypes, inits);
  OpBuilder::InsertionGuard guard(b);
  unsigned numBefore = op.getBeforeArguments().size();
  unsigned numAfter = op.getAfterArguments().size();

  // Before region: primal condition plus the tangents of the forwarded
  // values.
  SmallVector<Location> beforeLocs(inits.size(), loc);
  Block *before = b.createBlock(&loop.getBefore(), {},
                                TypeRange(ValueRange(inits)), beforeLocs);
  for (auto [i, arg] : llvm::enumerate(op.getBeforeArguments()))
    map.map(arg, before->getArgument(i));
  for (auto [k, i] : llvm::enumerate(activeBefore))
    setTangent(op.getBeforeArguments()[i], before->getArgument(numBefore + k));
  if (failed(emitBlock(op.getBefore().front(), b)))
    return failure();
  scf::ConditionOp condition = op.getConditionOp();
  SmallVector<Value> forwarded;
  for (Value value : condition.getArgs())
    forwarded.push_back(map.lookup(value));
  for (unsigned i : activeAfter)
    forwarded.push_back(tangentOrZeros(b, loc, condition.getArgs()[i]));
  scf::ConditionOp::create(b, condition.getLoc(),
                           map.lookup(condition.getCondition()), forwarded);

  // After region: primal body plus the tangents of the next iteration.
  SmallVector<Location> afterLocs(resultTypes.size(), loc);
  Block *after = b.createBlock(&loop.getAfter(), {}, resultTypes, afterLocs);
  for (auto [i, arg] : llvm::enumerate(op.getAfterArguments()))
    map.map(arg, after->getArgument(i));
  for (auto [k, i] : llvm::enumerate(activeAfter))
    setTangent(op.getAfterArguments()[i], after->getArgument(numAfter + k));
  if (failed(emitBlock(op.getAfter().front(), b)))
    return failure();
  scf::YieldOp yield = op.getYieldOp();
  SmallVector<Value> yields;
  for (Value value : yield.getOperands())
    yields.push_back(map.lookup(value));
  for (unsigned i : activeBefore)
    yields.push_back(tangentOrZeros(b, loc, yield.getOperand(i)));
  scf::YieldOp::create(b, yield.getLoc(), yields);

  for (auto [i, result] : llvm::enumerate(op.getResults()))
    map.map(result, loop.getResult(i));
  for (auto [k, i] : llvm::enumerate(activeAfter))
    setTangent(op.getResult(i), loop.getResult(numAfter + k));
  return success();
}

LogicalResult JvpEmitter::emitIf(scf::IfOp op, OpBuilder &b) {
  Location loc = op.getLoc();
  SmallVector<unsigned> active;
  for (auto [i, result] : llvm::enumerate(op.getResults()))
    if (activity.isActive(result))
      active.push_back(i);
  SmallVector<Type> resultTypes(op.getResultTypes());
  for (unsigned i : active)
    resultTypes.push_back(op.getResult(i).getType());

  auto ifOp =
      scf::IfOp::create(b, loc, resultTypes, map.lookup(op.getCondition()),
                        /*addThenBlock=*/true, /*addElseBlock=*/true);
  OpBuilder::InsertionGuard guard(b);
  auto emitBranch = [&](Block &from, Block *to) -> LogicalResult {
    b.setInsertionPointToStart(to);
    if (failed(emitBlock(from, b)))
      return failure();
    auto yield = cast<scf::YieldOp>(from.getTerminator());
    SmallVector<Value> yields;
    for (Value value : yield.getOperands())
      yields.push_back(map.lookup(value));
    for (unsigned i : active)
      yields.push_back(tangentOrZeros(b, loc, yield.getOperand(i)));
    scf::YieldOp::create(b, yield.getLoc(), yields);
    return success();
  };
  // An scf.if with active results has results, hence an else branch.
  if (failed(emitBranch(*op.thenBlock(), ifOp.thenBlock())) ||
      failed(emitBranch(*op.elseBlock(), ifOp.elseBlock())))
    return failure();

  unsigned numResults = op.getNumResults();
  for (auto [i, result] : llvm::enumerate(op.getResults()))
    map.map(result, ifOp.getResult(i));
  for (auto [k, i] : llvm::enumerate(active))
    setTangent(op.getResult(i), ifOp.getResult(numResults + k));
  return success();
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

LogicalResult JvpEmitter::emitCall(func::CallOp op, OpBuilder &b) {
  Location loc = op.getLoc();
  func::FuncOp callee = diff.lookupFunction(op.getCallee());
  if (!callee)
    return op.emitError() << "cannot differentiate through call to unknown "
                             "function '@"
                          << op.getCallee() << "'";
  SmallVector<Value> operands;
  for (Value operand : op.getOperands())
    operands.push_back(map.lookup(operand));

  func::FuncOp jvp;
  if (auto rule =
          callee->getAttrOfType<FlatSymbolRefAttr>(kCustomJvpAttrName)) {
    // The custom rule takes a tangent for every argument.
    jvp = diff.lookupFunction(rule.getValue());
    if (!jvp)
      return op.emitError()
             << "'" << kCustomJvpAttrName << "' of '@" << callee.getSymName()
             << "' names unknown '" << rule << "'";
    for (Value operand : op.getOperands())
      operands.push_back(tangentOrZeros(b, loc, operand));
  } else {
    SmallVector<int64_t> activeArgs;
    for (auto [i, operand] : llvm::enumerate(op.getOperands()))
      if (activity.isActive(operand))
        activeArgs.push_back(i);
    FailureOr<func::FuncOp> generated = diff.getJvp(callee, activeArgs, op);
    if (failed(generated))
      return failure();
    jvp = *generated;
    for (int64_t i : activeArgs)
      operands.push_back(tangentOrZeros(b, loc, op.getOperand(i)));
  }
  if (TypeRange(jvp.getFunctionType().getInputs()) !=
      TypeRange(ValueRange(operands)))
    return op.emitError() << "forward-mode rule '@" << jvp.getSymName()
                          << "' of '@" << callee.getSymName() << "' has type "
                          << jvp.getFunctionType()
                          << ", which does not take the arguments and "
                             "their tangents";
  auto call = func::CallOp::create(b, loc, jvp, operands);
  unsigned numResults = op.getNumResults();
  if (call.getNumResults() != 2 * numResults)
    return op.emitError() << "forward-mode rule '@" << jvp.getSymName()
                          << "' must return " << 2 * numResults
                          << " values: the results and their tangents";
  for (auto [i, result] : llvm::enumerate(op.getResults())) {
    map.map(result, call.getResult(i));
    setTangent(result, call.getResult(numResults + i));
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Differentiator::getJvp
//===----------------------------------------------------------------------===//

FailureOr<func::FuncOp> Differentiator::getJvp(func::FuncOp f,
                                               ArrayRef<int64_t> wrt,
                                               Operation *requester) {
  Key key{f.getSymName().str(), std::vector<int64_t>(wrt.begin(), wrt.end())};
  if (auto it = jvps.find(key); it != jvps.end())
    return it->second;
  if (f->hasAttr(kCustomVjpAttrName) && !f->hasAttr(kCustomJvpAttrName))
    return requester->emitError()
           << "cannot differentiate '@" << f.getSymName()
           << "' in forward mode: it has a '" << kCustomVjpAttrName
           << "' rule but no '" << kCustomJvpAttrName << "' rule";
  if (f.isExternal())
    return requester->emitError() << "cannot differentiate external function '@"
                                  << f.getSymName() << "'";

  FunctionType type = f.getFunctionType();
  SmallVector<Type> inputs(type.getInputs());
  for (int64_t index : wrt)
    inputs.push_back(type.getInput(index));
  SmallVector<Type> results(type.getResults());
  llvm::append_range(results, type.getResults());
  func::FuncOp jvp =
      createFunction(f.getLoc(), f.getSymName() + "_jvp",
                     FunctionType::get(f.getContext(), inputs, results));
  // Cached before its body exists, so that recursion finds it.
  jvps[key] = jvp;

  if (auto rule = f->getAttrOfType<FlatSymbolRefAttr>(kCustomJvpAttrName)) {
    // Forward to the custom rule, with zero tangents for the other arguments.
    func::FuncOp custom = lookupFunction(rule.getValue());
    if (!custom)
      return requester->emitError()
             << "'" << kCustomJvpAttrName << "' of '@" << f.getSymName()
             << "' names unknown '" << rule << "'";
    Block *entry = jvp.addEntryBlock();
    OpBuilder b = OpBuilder::atBlockEnd(entry);
    unsigned numArgs = f.getNumArguments();
    SmallVector<Value> operands(entry->getArguments().take_front(numArgs));
    SmallVector<Value> argTangents(numArgs);
    for (auto [k, index] : llvm::enumerate(wrt))
      argTangents[index] = entry->getArgument(numArgs + k);
    for (unsigned i = 0; i < numArgs; ++i)
      operands.push_back(
          ad::orZeros(b, f.getLoc(), argTangents[i], entry->getArgument(i)));
    auto call = func::CallOp::create(b, f.getLoc(), custom, operands);
    func::ReturnOp::create(b, f.getLoc(), call.getResults());
    return jvp;
  }

  JvpEmitter emitter(*this, f, wrt);
  if (failed(emitter.emit(jvp)))
    return failure();
  eraseDeadOps(jvp);
  return jvp;
}

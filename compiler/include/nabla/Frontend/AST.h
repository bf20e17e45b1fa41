//===- AST.h - Abstract syntax tree of the Nabla language -------*- C++ -*-===//
//
// Declarations, statements, expressions and type expressions as the parser
// builds them. Sema fills in the `type` of every expression and what names
// and calls resolve to; MLIRGen reads only this typed tree.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_FRONTEND_AST_H
#define NABLA_FRONTEND_AST_H

#include "nabla/Frontend/Builtins.h"
#include "nabla/Frontend/Types.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/SMLoc.h"

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace nabla {

using llvm::cast;
using llvm::dyn_cast;
using llvm::isa;

class Expr;
class FnDecl;
class Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;

//===----------------------------------------------------------------------===//
// Type expressions
//===----------------------------------------------------------------------===//

/// A dimension as written: an integer or a name.
struct DimExpr {
  llvm::SMLoc loc;
  std::optional<int64_t> size;
  std::string name;
};

struct TypeExpr {
  enum Kind { Named, Tuple, Fn };
  Kind kind = Named;
  llvm::SMLoc loc;
  std::string name;                         // Named: f32, i64, bool, MLP, ...
  std::optional<std::vector<DimExpr>> dims; // Named with [..]: a tensor
  std::vector<std::unique_ptr<TypeExpr>> elems; // Tuple elements, Fn params
  std::unique_ptr<TypeExpr> result;             // Fn result (may be null)
};
using TypeExprPtr = std::unique_ptr<TypeExpr>;

//===----------------------------------------------------------------------===//
// Compile-time function values
//===----------------------------------------------------------------------===//

/// What a function-typed expression denotes; known at compile time, so
/// calls through it are specialised.
struct FnValue {
  enum Kind {
    Decl,
    Param,
    Grad,
    ValueAndGrad,
    Jacobian,
    PerExampleGrad,
    CustomVjp
  };
  Kind kind = Decl;
  const FnDecl *decl = nullptr;      // Decl
  std::string paramName;             // Param: a function-typed parameter
  std::shared_ptr<FnValue> inner;    // transforms: the function transformed
  std::vector<int64_t> wrt;          // transforms: argument indices
  std::shared_ptr<FnValue> fwd, bwd; // CustomVjp: the rule's functions
  /// Decl of a generic function called through a transform
  /// (`grad(sq)(x)`): the type arguments the call bound.
  TypeBindings typeArgs;
  std::string str() const;
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

class Expr {
public:
  enum Kind {
    IntLit,
    FloatLit,
    BoolLit,
    StringLit,
    Name,
    Unary,
    Binary,
    Call,
    Index,
    Field,
    TupleLit,
    ArrayLit,
    StructLit,
    Range,
  };
  Expr(Kind kind, llvm::SMLoc loc) : kind(kind), loc(loc) {}
  virtual ~Expr() = default;
  Kind getKind() const { return kind; }

  const Kind kind;
  llvm::SMLoc loc;
  /// Filled in by Sema.
  Type type;
};

class IntLitExpr : public Expr {
public:
  IntLitExpr(llvm::SMLoc loc, int64_t value)
      : Expr(IntLit, loc), value(value) {}
  static bool classof(const Expr *e) { return e->getKind() == IntLit; }
  int64_t value;
};

class FloatLitExpr : public Expr {
public:
  FloatLitExpr(llvm::SMLoc loc, double value)
      : Expr(FloatLit, loc), value(value) {}
  static bool classof(const Expr *e) { return e->getKind() == FloatLit; }
  double value;
};

class BoolLitExpr : public Expr {
public:
  BoolLitExpr(llvm::SMLoc loc, bool value) : Expr(BoolLit, loc), value(value) {}
  static bool classof(const Expr *e) { return e->getKind() == BoolLit; }
  bool value;
};

class StringLitExpr : public Expr {
public:
  StringLitExpr(llvm::SMLoc loc, std::string value)
      : Expr(StringLit, loc), value(std::move(value)) {}
  static bool classof(const Expr *e) { return e->getKind() == StringLit; }
  std::string value;
};

/// What a name resolved to.
enum class NameKind {
  Unresolved,
  Local,    // a let/var binding or parameter
  Function, // a user or stdlib function (a compile-time value)
  Module,   // an imported module, only valid before '.'
  DimSize,  // a symbolic dimension used as an i64 value
  Builtin,  // a builtin function name, only valid as a callee
  Struct,   // a struct name, only valid in construction
};

class NameExpr : public Expr {
public:
  NameExpr(llvm::SMLoc loc, std::string name)
      : Expr(Name, loc), name(std::move(name)) {}
  static bool classof(const Expr *e) { return e->getKind() == Name; }
  std::string name;
  NameKind resolved = NameKind::Unresolved;
  const FnDecl *fn = nullptr; // Function
};

enum class UnaryOp { Neg, Not };
enum class BinaryOp {
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  Pow,
  MatMul,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  And,
  Or,
};
llvm::StringRef binaryOpSpelling(BinaryOp op);

class UnaryExpr : public Expr {
public:
  UnaryExpr(llvm::SMLoc loc, UnaryOp op, ExprPtr operand)
      : Expr(Unary, loc), op(op), operand(std::move(operand)) {}
  static bool classof(const Expr *e) { return e->getKind() == Unary; }
  UnaryOp op;
  ExprPtr operand;
};

class BinaryExpr : public Expr {
public:
  BinaryExpr(llvm::SMLoc loc, BinaryOp op, ExprPtr lhs, ExprPtr rhs)
      : Expr(Binary, loc), op(op), lhs(std::move(lhs)), rhs(std::move(rhs)) {}
  static bool classof(const Expr *e) { return e->getKind() == Binary; }
  BinaryOp op;
  ExprPtr lhs, rhs;
};

struct CallArg {
  llvm::SMLoc loc;
  std::string name; // empty for positional arguments
  ExprPtr value;
};

/// What Sema computed for a builtin call, by the kind of builtin.
namespace builtin {
/// sum, mean, max, min, argmax: the sorted axes reduced.
struct Reduction {
  std::vector<int64_t> axes;
  bool keepdims = false;
};
/// softmax, concat, take, dim: one axis.
struct Axis {
  int64_t axis = 0;
};
/// transpose: the result's axis i is the operand's axis perm[i].
struct Permutation {
  std::vector<int64_t> perm;
};
/// one_hot: the number of classes.
struct Depth {
  int64_t depth = 0;
};
/// An elementwise op's constant parameters, by name, defaults filled in.
struct OpAttributes {
  struct Value {
    std::string name;
    std::variant<double, std::string> value;
  };
  std::vector<Value> values;
};
using Payload = std::variant<std::monostate, Reduction, Axis, Permutation,
                             Depth, OpAttributes>;
} // namespace builtin

/// How Sema resolved a call.
enum class CallKind {
  Unresolved,
  UserFn,   // a call of a user/stdlib function (possibly through a value)
  ExternFn, // a call of an `extern fn` implemented by the runtime
  Builtin,  // a builtin (relu, sum, grad, ...)
  FnValue,  // a call of a transformed function value, e.g. grad(f)(x)
};

class CallExpr : public Expr {
public:
  CallExpr(llvm::SMLoc loc, ExprPtr callee, std::vector<CallArg> args)
      : Expr(Call, loc), callee(std::move(callee)), args(std::move(args)) {}
  static bool classof(const Expr *e) { return e->getKind() == Call; }
  ExprPtr callee;
  std::vector<CallArg> args;

  // Filled in by Sema.
  CallKind callKind = CallKind::Unresolved;
  BuiltinId builtin{};             // for CallKind::Builtin
  std::shared_ptr<FnValue> target; // UserFn/ExternFn/FnValue
  /// Arguments in parameter order, defaults filled in (pointers into `args`
  /// or into the callee's default expressions).
  std::vector<const Expr *> ordered;
  /// The type arguments of a call of a generic function.
  TypeBindings typeArgs;
  /// A call of an overloaded function whose arguments involve type
  /// parameters of the calling function: every overload that may fit, with
  /// its arguments in parameter order. The specialisation of the caller
  /// picks the one that fits the concrete types.
  struct Overload {
    const FnDecl *decl;
    std::vector<const Expr *> ordered;
  };
  std::vector<Overload> deferredOverloads;
  /// What the builtin's type rule computed (axes, attributes, ...).
  builtin::Payload payload;
  template <typename T> const T &attrs() const { return std::get<T>(payload); }
};

/// One entry of an index: `i`, `a..b`, `..b`, `a..`, or `:` (all).
struct IndexItem {
  llvm::SMLoc loc;
  bool isRange = false;
  ExprPtr lo, hi; // single index in lo when !isRange
  // Filled in by Sema for ranges: constant bounds, or a constant size.
  std::optional<int64_t> start, limit, size;
};

class IndexExpr : public Expr {
public:
  IndexExpr(llvm::SMLoc loc, ExprPtr base, std::vector<IndexItem> items)
      : Expr(Index, loc), base(std::move(base)), items(std::move(items)) {}
  static bool classof(const Expr *e) { return e->getKind() == Index; }
  ExprPtr base;
  std::vector<IndexItem> items;
};

class FieldExpr : public Expr {
public:
  FieldExpr(llvm::SMLoc loc, ExprPtr base, std::string field,
            llvm::SMLoc fieldLoc)
      : Expr(Field, loc), base(std::move(base)), field(std::move(field)),
        fieldLoc(fieldLoc) {}
  static bool classof(const Expr *e) { return e->getKind() == Field; }
  ExprPtr base;
  std::string field;
  llvm::SMLoc fieldLoc;
  /// Filled in by Sema: struct field or tuple element index; -1 when the
  /// base is a module (then `moduleMember` holds the resolved name).
  int index = -1;
  std::unique_ptr<NameExpr> moduleMember;
};

class TupleLitExpr : public Expr {
public:
  TupleLitExpr(llvm::SMLoc loc, std::vector<ExprPtr> elems)
      : Expr(TupleLit, loc), elems(std::move(elems)) {}
  static bool classof(const Expr *e) { return e->getKind() == TupleLit; }
  std::vector<ExprPtr> elems;
};

class ArrayLitExpr : public Expr {
public:
  ArrayLitExpr(llvm::SMLoc loc, std::vector<ExprPtr> elems)
      : Expr(ArrayLit, loc), elems(std::move(elems)) {}
  static bool classof(const Expr *e) { return e->getKind() == ArrayLit; }
  std::vector<ExprPtr> elems;
};

struct FieldInit {
  llvm::SMLoc loc;
  std::string name;
  ExprPtr value;
};

class StructLitExpr : public Expr {
public:
  StructLitExpr(llvm::SMLoc loc, std::string name,
                std::vector<FieldInit> fields)
      : Expr(StructLit, loc), name(std::move(name)), fields(std::move(fields)) {
  }
  static bool classof(const Expr *e) { return e->getKind() == StructLit; }
  std::string name;
  std::vector<FieldInit> fields;
  /// Filled in by Sema: field initialisers in declaration order.
  std::vector<const Expr *> ordered;
};

/// `a..b`: only valid as the iterable of a `for`.
class RangeExpr : public Expr {
public:
  RangeExpr(llvm::SMLoc loc, ExprPtr lo, ExprPtr hi)
      : Expr(Range, loc), lo(std::move(lo)), hi(std::move(hi)) {}
  static bool classof(const Expr *e) { return e->getKind() == Range; }
  ExprPtr lo, hi;
};

//===----------------------------------------------------------------------===//
// Patterns and statements
//===----------------------------------------------------------------------===//

/// A binding target: a name, `_`, or a tuple of patterns.
struct Pattern {
  llvm::SMLoc loc;
  std::string name; // empty for tuples; "_" ignores the value
  std::vector<Pattern> elems;
  bool isTuple = false;
  /// Filled in by Sema.
  Type type;
};

class Stmt {
public:
  enum Kind { Let, Assign, ExprStmt, If, For, While, Return, Block };
  Stmt(Kind kind, llvm::SMLoc loc) : kind(kind), loc(loc) {}
  virtual ~Stmt() = default;
  Kind getKind() const { return kind; }
  const Kind kind;
  llvm::SMLoc loc;
};

class BlockStmt : public Stmt {
public:
  explicit BlockStmt(llvm::SMLoc loc) : Stmt(Block, loc) {}
  static bool classof(const Stmt *s) { return s->getKind() == Block; }
  std::vector<StmtPtr> stmts;
  llvm::SMLoc endLoc;
};
using BlockPtr = std::unique_ptr<BlockStmt>;

/// `let p = e` or `var x = e` (optionally with a type annotation).
class LetStmt : public Stmt {
public:
  LetStmt(llvm::SMLoc loc, bool isVar, Pattern pattern, TypeExprPtr typeAnn,
          ExprPtr init)
      : Stmt(Let, loc), isVar(isVar), pattern(std::move(pattern)),
        typeAnn(std::move(typeAnn)), init(std::move(init)) {}
  static bool classof(const Stmt *s) { return s->getKind() == Let; }
  bool isVar;
  Pattern pattern;
  TypeExprPtr typeAnn;
  ExprPtr init;
};

/// `x = e`, `(a, b) = e`, `x.f = e`, `x += e`.
class AssignStmt : public Stmt {
public:
  AssignStmt(llvm::SMLoc loc, ExprPtr target, std::optional<BinaryOp> op,
             ExprPtr value)
      : Stmt(Assign, loc), target(std::move(target)), op(op),
        value(std::move(value)) {}
  static bool classof(const Stmt *s) { return s->getKind() == Assign; }
  ExprPtr target; // a NameExpr, FieldExpr chain, or TupleLitExpr of those
  std::optional<BinaryOp> op;
  ExprPtr value;
};

class ExprStmt : public Stmt {
public:
  explicit ExprStmt(ExprPtr expr)
      : Stmt(Kind::ExprStmt, expr->loc), expr(std::move(expr)) {}
  static bool classof(const Stmt *s) { return s->getKind() == Kind::ExprStmt; }
  ExprPtr expr;
};

class IfStmt : public Stmt {
public:
  IfStmt(llvm::SMLoc loc, ExprPtr cond, BlockPtr thenBlock, BlockPtr elseBlock)
      : Stmt(If, loc), cond(std::move(cond)), thenBlock(std::move(thenBlock)),
        elseBlock(std::move(elseBlock)) {}
  static bool classof(const Stmt *s) { return s->getKind() == If; }
  ExprPtr cond;
  BlockPtr thenBlock;
  BlockPtr elseBlock; // may be null; `else if` nests an IfStmt in a block
};

class ForStmt : public Stmt {
public:
  ForStmt(llvm::SMLoc loc, Pattern var, ExprPtr iterable, BlockPtr body)
      : Stmt(For, loc), var(std::move(var)), iterable(std::move(iterable)),
        body(std::move(body)) {}
  static bool classof(const Stmt *s) { return s->getKind() == For; }
  Pattern var;
  ExprPtr iterable;
  BlockPtr body;
};

class WhileStmt : public Stmt {
public:
  WhileStmt(llvm::SMLoc loc, ExprPtr cond, BlockPtr body)
      : Stmt(While, loc), cond(std::move(cond)), body(std::move(body)) {}
  static bool classof(const Stmt *s) { return s->getKind() == While; }
  ExprPtr cond;
  BlockPtr body;
};

class ReturnStmt : public Stmt {
public:
  ReturnStmt(llvm::SMLoc loc, ExprPtr value)
      : Stmt(Return, loc), value(std::move(value)) {}
  static bool classof(const Stmt *s) { return s->getKind() == Return; }
  ExprPtr value; // may be null
};

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

class Module;

struct FieldDecl {
  llvm::SMLoc loc;
  std::string name;
  TypeExprPtr type;
  Type resolved; // Sema
};

class StructDecl {
public:
  llvm::SMLoc loc;
  std::string name;
  /// Type parameters of a generic struct: `struct Adam[T] { m: T ... }`.
  std::vector<std::string> typeParams;
  std::vector<FieldDecl> fields;
  const Module *module = nullptr;
  /// The index of a field, or -1.
  int fieldIndex(llvm::StringRef field) const;
};

struct Param {
  llvm::SMLoc loc;
  std::string name;
  TypeExprPtr type;
  ExprPtr defaultValue; // may be null
  Type resolved;        // Sema
};

class FnDecl {
public:
  llvm::SMLoc loc;
  std::string name;
  /// Type parameters of a generic function: `fn f[T](p: T) -> T`.
  std::vector<std::string> typeParams;
  std::vector<Param> params;
  TypeExprPtr resultType; // null: returns nothing
  BlockPtr body;          // null for `extern fn`
  bool isExtern = false;
  const Module *module = nullptr;
  Type resolvedResult; // Sema
  /// Which overload of `name` this is in its module (declaration order).
  unsigned overload = 0;
  /// Sema: an overload with the parameter types of an earlier one (an
  /// error); calls never choose it.
  bool redefinition = false;
  /// The MLIR symbol name: `name` in the main file, `module.name` in the
  /// standard library; overloads after the first get `#N` appended.
  std::string symbolName() const;
  /// Whether any parameter is a function (then calls are specialised).
  bool hasFunctionParams() const;
};

struct ImportDecl {
  llvm::SMLoc loc;
  std::string name;
  const Module *module = nullptr; // Sema/driver: the loaded module
};

/// One source file.
class Module {
public:
  std::string name; // "" for the main file; the import name otherwise
  std::string path;
  std::vector<ImportDecl> imports;
  std::vector<std::unique_ptr<StructDecl>> structs;
  std::vector<std::unique_ptr<FnDecl>> fns;

  const FnDecl *lookupFn(llvm::StringRef name) const;
  /// Every function named `name` (overloads), in declaration order.
  llvm::SmallVector<const FnDecl *> lookupFns(llvm::StringRef name) const;
  const StructDecl *lookupStruct(llvm::StringRef name) const;
};

} // namespace nabla

#endif // NABLA_FRONTEND_AST_H

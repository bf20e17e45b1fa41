//===- Types.h - Semantic types of the Nabla language -----------*- C++ -*-===//
//
// The types Sema assigns to expressions: tensors (scalars are rank 0) with
// static, symbolic or dynamic dimensions, structs, tuples, strings, RNG keys
// and compile-time function values.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_FRONTEND_TYPES_H
#define NABLA_FRONTEND_TYPES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace nabla {

class StructDecl;
struct FnValue;

enum class DType { F32, F64, I32, I64, Bool };

llvm::StringRef dtypeName(DType dtype);
inline bool isFloat(DType d) { return d == DType::F32 || d == DType::F64; }
inline bool isInteger(DType d) { return d == DType::I32 || d == DType::I64; }

/// One tensor dimension: a known size, a symbolic name bound at call sites
/// (`B`), or a size only known at run time (`?`).
struct Dim {
  enum Kind { Static, Symbolic, Dynamic };
  Kind kind = Dynamic;
  int64_t size = -1;
  std::string name;

  static Dim fixed(int64_t n) { return {Static, n, ""}; }
  static Dim symbol(llvm::StringRef n) { return {Symbolic, -1, n.str()}; }
  static Dim dynamic() { return {Dynamic, -1, ""}; }
  bool isStatic() const { return kind == Static; }
  bool operator==(const Dim &o) const {
    return kind == o.kind && size == o.size && name == o.name;
  }
  bool operator!=(const Dim &o) const { return !(*this == o); }
  std::string str() const;
};

using Shape = std::vector<Dim>;
class Type;
using TypeBindings = std::map<std::string, Type>;
std::string shapeStr(const Shape &shape);

class Type {
public:
  enum Kind {
    Error,
    Void,
    Tensor,
    Str,
    Key,
    Tuple,
    Struct,
    Function,
    TypeParam
  };

  Type() = default;
  static Type error() { return Type(Error); }
  static Type voidTy() { return Type(Void); }
  static Type string() { return Type(Str); }
  static Type key() { return Type(Key); }
  static Type tensor(DType dtype, Shape shape = {}) {
    Type t(Tensor);
    t.dtype = dtype;
    t.shape = std::move(shape);
    return t;
  }
  static Type scalar(DType dtype) { return tensor(dtype); }
  static Type tuple(std::vector<Type> elems) {
    Type t(Tuple);
    t.elems = std::move(elems);
    return t;
  }
  /// A struct type; `typeArgs` instantiate a generic struct.
  static Type structTy(const StructDecl *decl,
                       std::vector<Type> typeArgs = {}) {
    Type t(Struct);
    t.decl = decl;
    t.elems = std::move(typeArgs);
    return t;
  }
  /// A type parameter `T` of a generic function or struct: any parameter
  /// tree, fixed at each call.
  static Type typeParam(llvm::StringRef name) {
    Type t(TypeParam);
    t.name = name.str();
    return t;
  }
  /// A function value; `params`/`result` describe how it can be called.
  static Type function(std::vector<Type> params, Type result,
                       std::shared_ptr<FnValue> value = nullptr);

  Kind getKind() const { return kind; }
  bool isError() const { return kind == Error; }
  bool isVoid() const { return kind == Void; }
  bool isTensor() const { return kind == Tensor; }
  bool isScalar() const { return kind == Tensor && shape.empty(); }
  bool isStruct() const { return kind == Struct; }
  bool isTuple() const { return kind == Tuple; }
  bool isFunction() const { return kind == Function; }
  bool isKey() const { return kind == Key; }
  bool isStr() const { return kind == Str; }
  bool isTypeParam() const { return kind == TypeParam; }
  /// Structs, tuples and type parameters: values made of leaf tensors.
  bool isTree() const {
    return kind == Struct || kind == Tuple || kind == TypeParam;
  }
  /// The type of field `i` of a struct type, with its type arguments
  /// substituted.
  Type fieldType(size_t i) const;
  bool isFloatTensor() const { return isTensor() && isFloat(dtype); }
  bool isIntTensor() const { return isTensor() && isInteger(dtype); }
  bool isBoolTensor() const { return isTensor() && dtype == DType::Bool; }
  int64_t rank() const { return static_cast<int64_t>(shape.size()); }

  /// Structural equality; symbolic dimensions compare by name.
  bool operator==(const Type &o) const;
  bool operator!=(const Type &o) const { return !(*this == o); }
  std::string str() const;

  // Tensor.
  DType dtype = DType::F32;
  Shape shape;
  // Tuple elements, function parameters, or struct type arguments.
  std::vector<Type> elems;
  // TypeParam.
  std::string name;
  // Struct.
  const StructDecl *decl = nullptr;
  // Function: result type and, when known at compile time, what it calls.
  std::shared_ptr<Type> result;
  std::shared_ptr<FnValue> fnValue;

private:
  explicit Type(Kind k) : kind(k) {}
  Kind kind = Error;
};

/// Whether a type parameter occurs in `type`.
bool containsTypeParam(const Type &type);

/// Replaces type parameters bound in `bindings` (recursively, also inside
/// struct type arguments).
Type substituteTypeParams(const Type &type, const TypeBindings &bindings);

/// Appends the tensor leaves of `type` (struct fields and tuple elements in
/// order); false if a leaf is not a tensor.
bool tensorLeaves(const Type &type, std::vector<Type> &out);

/// Whether the concrete type `arg` fits `param` (of a generic function),
/// binding the type parameters of `param` in `bindings`. Static sizes must
/// agree; symbolic and run-time sizes fit any size.
bool matchConcrete(const Type &param, const Type &arg, TypeBindings &bindings);

/// `type` with every part equal to a pattern's first type replaced by its
/// second type.
Type replaceSubtypes(const Type &type,
                     llvm::ArrayRef<std::pair<Type, Type>> patterns);

} // namespace nabla

#endif // NABLA_FRONTEND_TYPES_H

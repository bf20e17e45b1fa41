//===- Types.cpp - Semantic types of the Nabla language -------------------===//
//
// Equality and printing of Sema types, in the surface syntax users write.
//
//===----------------------------------------------------------------------===//

#include "nabla/Frontend/Types.h"
#include "nabla/Frontend/AST.h"

using namespace nabla;

llvm::StringRef nabla::dtypeName(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return "f32";
  case DType::F64:
    return "f64";
  case DType::I32:
    return "i32";
  case DType::I64:
    return "i64";
  case DType::Bool:
    return "bool";
  }
  return "?";
}

std::string Dim::str() const {
  switch (kind) {
  case Static:
    return std::to_string(size);
  case Symbolic:
    return name;
  case Dynamic:
    return "?";
  }
  return "?";
}

std::string nabla::shapeStr(const Shape &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + shape[i].str();
  return s + "]";
}

Type Type::function(std::vector<Type> params, Type result,
                    std::shared_ptr<FnValue> value) {
  Type t(Function);
  t.elems = std::move(params);
  t.result = std::make_shared<Type>(std::move(result));
  t.fnValue = std::move(value);
  return t;
}

bool Type::operator==(const Type &o) const {
  if (kind != o.kind)
    return false;
  switch (kind) {
  case Tensor:
    return dtype == o.dtype && shape == o.shape;
  case Tuple:
    return elems == o.elems;
  case Struct:
    return decl == o.decl && elems == o.elems;
  case TypeParam:
    return name == o.name;
  case Function:
    return elems == o.elems && *result == *o.result;
  default:
    return true;
  }
}

std::string Type::str() const {
  switch (kind) {
  case Error:
    return "<error>";
  case Void:
    return "()";
  case Str:
    return "str";
  case Key:
    return "key";
  case Tensor:
    if (shape.empty())
      return dtypeName(dtype).str();
    return dtypeName(dtype).str() + shapeStr(shape);
  case Tuple: {
    std::string s = "(";
    for (size_t i = 0; i < elems.size(); ++i)
      s += (i ? ", " : "") + elems[i].str();
    return s + (elems.size() == 1 ? ",)" : ")");
  }
  case Struct: {
    std::string s = decl->module && !decl->module->name.empty()
                        ? decl->module->name + "." + decl->name
                        : decl->name;
    if (!elems.empty()) {
      s += "[";
      for (size_t i = 0; i < elems.size(); ++i)
        s += (i ? ", " : "") + elems[i].str();
      s += "]";
    }
    return s;
  }
  case TypeParam:
    return name;
  case Function: {
    std::string s = "fn(";
    for (size_t i = 0; i < elems.size(); ++i)
      s += (i ? ", " : "") + elems[i].str();
    s += ")";
    if (result && !result->isVoid())
      s += " -> " + result->str();
    return s;
  }
  }
  return "?";
}

Type Type::fieldType(size_t i) const {
  const Type &declared = decl->fields[i].resolved;
  if (elems.empty())
    return declared;
  TypeBindings bindings;
  for (size_t j = 0; j < decl->typeParams.size() && j < elems.size(); ++j)
    bindings[decl->typeParams[j]] = elems[j];
  return substituteTypeParams(declared, bindings);
}

Type nabla::substituteTypeParams(const Type &type,
                                 const TypeBindings &bindings) {
  if (bindings.empty())
    return type;
  switch (type.getKind()) {
  case Type::TypeParam: {
    auto it = bindings.find(type.name);
    return it == bindings.end() ? type : it->second;
  }
  case Type::Tuple:
  case Type::Struct:
  case Type::Function: {
    Type t = type;
    for (Type &e : t.elems)
      e = substituteTypeParams(e, bindings);
    if (t.result)
      t.result =
          std::make_shared<Type>(substituteTypeParams(*t.result, bindings));
    return t;
  }
  default:
    return type;
  }
}

bool nabla::containsTypeParam(const Type &type) {
  if (type.isTypeParam())
    return true;
  for (const Type &e : type.elems)
    if (containsTypeParam(e))
      return true;
  return type.result && containsTypeParam(*type.result);
}

bool nabla::matchConcrete(const Type &param, const Type &arg,
                          TypeBindings &bindings) {
  if (param.isTypeParam()) {
    auto [it, inserted] = bindings.try_emplace(param.name, arg);
    return inserted || it->second == arg;
  }
  if (param.getKind() != arg.getKind())
    return false;
  switch (param.getKind()) {
  case Type::Tensor:
    if (param.dtype != arg.dtype || param.rank() != arg.rank())
      return false;
    for (auto [p, a] : llvm::zip(param.shape, arg.shape))
      if (p.kind == Dim::Static && a.kind == Dim::Static && p != a)
        return false;
    return true;
  case Type::Struct:
    if (param.decl != arg.decl)
      return false;
    [[fallthrough]];
  case Type::Tuple:
    if (param.elems.size() != arg.elems.size())
      return false;
    for (auto [p, a] : llvm::zip(param.elems, arg.elems))
      if (!matchConcrete(p, a, bindings))
        return false;
    return true;
  default:
    return param == arg;
  }
}

Type nabla::replaceSubtypes(const Type &type,
                            llvm::ArrayRef<std::pair<Type, Type>> patterns) {
  for (const auto &[from, to] : patterns)
    if (type == from)
      return to;
  Type t = type;
  for (Type &e : t.elems)
    e = replaceSubtypes(e, patterns);
  return t;
}

bool nabla::tensorLeaves(const Type &type, std::vector<Type> &out) {
  if (type.isTensor()) {
    out.push_back(type);
    return true;
  }
  if (type.isStruct()) {
    for (size_t i = 0; i < type.decl->fields.size(); ++i)
      if (!tensorLeaves(type.fieldType(i), out))
        return false;
    return true;
  }
  if (type.isTuple()) {
    for (const Type &e : type.elems)
      if (!tensorLeaves(e, out))
        return false;
    return true;
  }
  return false;
}

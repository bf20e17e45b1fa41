//===- SemaTypesTest.cpp - Semantic types ---------------------------------===//
//
// Printing and equality of Sema types, in the syntax users write.
//
//===----------------------------------------------------------------------===//

#include "nabla/Frontend/Types.h"

#include "gtest/gtest.h"

using namespace nabla;

TEST(SemaTypesTest, PrintsLikeSource) {
  Type t = Type::tensor(DType::F32, {Dim::symbol("B"), Dim::fixed(784)});
  EXPECT_EQ(t.str(), "f32[B, 784]");
  EXPECT_EQ(Type::scalar(DType::I64).str(), "i64");
  EXPECT_EQ(Type::tensor(DType::Bool, {Dim::dynamic()}).str(), "bool[?]");
  EXPECT_EQ(Type::tuple({Type::scalar(DType::F32), t}).str(),
            "(f32, f32[B, 784])");
  EXPECT_EQ(Type::function({t}, Type::scalar(DType::F32)).str(),
            "fn(f32[B, 784]) -> f32");
}

TEST(SemaTypesTest, Equality) {
  Type a = Type::tensor(DType::F32, {Dim::symbol("B")});
  Type b = Type::tensor(DType::F32, {Dim::symbol("N")});
  Type c = Type::tensor(DType::F32, {Dim::symbol("B")});
  EXPECT_NE(a, b);
  EXPECT_EQ(a, c);
  EXPECT_NE(a, Type::tensor(DType::F64, {Dim::symbol("B")}));
  EXPECT_NE(Type::scalar(DType::F32),
            Type::tensor(DType::F32, {Dim::fixed(1)}));
}

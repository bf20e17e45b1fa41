//===- NablaDialect.td - Nabla dialect definition ----------*- tablegen -*-===//
//
// The `nabla` dialect: its definition, the base class of its ops and the tensor
// type constraints the ops share.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_IR_NABLADIALECT_TD
#define NABLA_IR_NABLADIALECT_TD

include "mlir/IR/OpBase.td"

//===----------------------------------------------------------------------===//
// Dialect
//===----------------------------------------------------------------------===//

def Nabla_Dialect : Dialect {
  let name = "nabla";
  let cppNamespace = "::mlir::nabla";
  let summary = "tensor ops and function transforms of the Nabla language";
  let description = [{
    The `nabla` dialect is what the Nabla front end emits. It works on builtin
    ranked tensor types only; a scalar is a rank-0 tensor such as
    `tensor<f32>`. Elementwise binary ops broadcast their operands with the
    NumPy rule. Function transforms (`nabla.grad`, `nabla.jvp`, ...) refer to
    a `func.func` by symbol and are expanded by the autodiff pass.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
  let hasConstantMaterializer = 1;
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Nabla_FloatElement : AnyTypeOf<[F16, BF16, F32, F64]>;
def Nabla_IntElement : AnyTypeOf<[I32, I64]>;
def Nabla_BoolElement : AnyTypeOf<[I1]>;

def Nabla_FloatTensor : RankedTensorOf<[F16, BF16, F32, F64]>;
def Nabla_IntTensor : RankedTensorOf<[I32, I64]>;
def Nabla_BoolTensor : RankedTensorOf<[I1]>;
def Nabla_NumericTensor : RankedTensorOf<[F16, BF16, F32, F64, I32, I64]>;
def Nabla_AnyTensor : RankedTensorOf<[F16, BF16, F32, F64, I32, I64, I1]>;

def Nabla_ScalarTensor
    : TensorRankOf<[F16, BF16, F32, F64, I32, I64, I1], [0]>;

/// A rank-0 `tensor<i64>`: a PRNG key, or an index into a dimension. It can be
/// built from the context alone, so assembly formats need not spell it out.
def Nabla_I64Scalar
    : Type<0DTensorOf<[I64]>.predicate, "rank-0 tensor of 64-bit integer",
           "::mlir::RankedTensorType">,
      BuildableType<
          "::mlir::RankedTensorType::get({}, $_builder.getIntegerType(64))">;

//===----------------------------------------------------------------------===//
// Base op and traits
//===----------------------------------------------------------------------===//

class Nabla_Op<string mnemonic, list<Trait> traits = []>
    : Op<Nabla_Dialect, mnemonic, traits>;

/// The result shape is the NumPy broadcast of all operand shapes.
def Nabla_BroadcastsOperands : NativeOpTrait<"BroadcastsOperands"> {
  let cppNamespace = "::mlir::OpTrait::nabla";
}

/// A function transform: the op names a `func.func` by its `callee` symbol
/// and is replaced by a pass before lowering (`nabla-autodiff`, or the op's
/// own expansion pass). Passes find transforms by this trait.
def Nabla_FunctionTransform : NativeOpTrait<"FunctionTransform"> {
  let cppNamespace = "::mlir::OpTrait::nabla";
}

#endif // NABLA_IR_NABLADIALECT_TD

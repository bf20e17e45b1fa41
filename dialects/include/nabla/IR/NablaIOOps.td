//===- NablaIOOps.td - Nabla I/O and check ops -------------*- tablegen -*-===//
//
// Included by NablaOps.td, which defines Nabla_Op and the type constraints.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_IR_NABLAIOOPS_TD
#define NABLA_IR_NABLAIOOPS_TD

//===----------------------------------------------------------------------===//
// I/O ops
//===----------------------------------------------------------------------===//

def Nabla_CheckOp : Nabla_Op<"check", [MemoryEffects<[MemWrite]>]> {
  let summary = "stop the program with a located error unless a condition holds";
  let description = [{
    A run-time check of the program: when `condition` is false, the program
    stops with `<file:line:col>: error: <message>` (the op's location),
    where each `{i}` in `message` is replaced by `values[i]`, and exit
    status 1.

    ```mlir
    nabla.check %same, "the sizes bound to 'B' differ: {0} and {1}", %a, %b
        : index, index
    ```
  }];
  let arguments = (ins I1:$condition, StrAttr:$message,
                       Variadic<AnySignlessIntegerOrIndex>:$values);
  let assemblyFormat = [{
    $condition `,` $message (`,` $values^ `:` type($values))? attr-dict
  }];
}

def Nabla_CheckNumericsOp : Nabla_Op<"check_numerics", [
    MemoryEffects<[MemWrite]>, AttrSizedOperandSegments]> {
  let summary = "stop the program when a float tensor has a NaN or an Inf";
  let description = [{
    Inserted after every float-valued op by `nabla-check-numerics` (`nabla
    run --check-numerics`): when `value` holds a NaN or an Inf, the program
    prints `site` (what computed it and where), a summary of `value` and of
    each of `inputs` (the op's operands), the iteration of each enclosing
    loop (`iterations`, described by `loops`), and exits with status 1.

    ```mlir
    nabla.check_numerics %r, "error: ..." inputs(%x : tensor<3xf32>)
        iterations(%i) {loops = ["the loop at f.nabla:4:3"]} : tensor<3xf32>
    ```
  }];
  let arguments = (ins Nabla_FloatTensor:$value,
                       Variadic<Nabla_AnyTensor>:$inputs,
                       Variadic<Index>:$iterations, StrAttr:$site,
                       DefaultValuedAttr<StrArrayAttr, "{}">:$loops);
  let assemblyFormat = [{
    $value `,` $site (`inputs` `(` $inputs^ `:` type($inputs) `)`)?
    (`iterations` `(` $iterations^ `)`)? attr-dict `:` type($value)
  }];
  let hasVerifier = 1;
}

def Nabla_CheckIndexOp : Nabla_Op<"check_index", [
    MemoryEffects<[MemWrite]>, AllTypesMatch<["indices", "result"]>]> {
  let summary = "stop the program when a run-time index is out of range";
  let description = [{
    Checks run-time indices into dimension `axis` of `operand` before they
    are used: every entry `i` of `indices` (a scalar start or a tensor of
    `take` indices) must satisfy `0 <= i` and `i + span <= dim(operand,
    axis)`. With `wrap`, a negative entry first counts from the end (`i +
    dim`), as constant indices do. The result is the checked (wrapped)
    indices. When a check fails, the program stops with an error that
    names the op's source location, the index, the span and the size.
    `nabla.dynamic_slice` and `nabla.take` themselves clamp indices into
    range, which is what derivative code needs; user indexing goes through
    this op first.

    ```mlir
    %j = nabla.check_index %i into %x {axis = 0 : i64, wrap}
        : tensor<i64>, tensor<5xf32>
    %s = nabla.check_index %start into %x {axis = 0 : i64, span = 2 : i64}
        : tensor<i64>, tensor<5xf32>
    ```
  }];
  let arguments = (ins Nabla_IntTensor:$indices, Nabla_AnyTensor:$operand,
                       I64Attr:$axis, DefaultValuedAttr<I64Attr, "1">:$span,
                       UnitAttr:$wrap);
  let results = (outs Nabla_IntTensor:$result);
  let assemblyFormat = [{
    $indices `into` $operand attr-dict `:` type($indices) `,` type($operand)
  }];
  let hasVerifier = 1;
}

def Nabla_LoadOp : Nabla_Op<"load", [MemoryEffects<[MemRead]>]> {
  let summary = "read named tensors from a checkpoint file";
  let description = [{
    Reads the tensors called `names` from the checkpoint at `path`, one
    result per name. The runtime checks the stored shapes against the result
    types.

    ```mlir
    %w, %b = nabla.load "model.safetensors" ["w", "b"]
        : tensor<784x10xf32>, tensor<10xf32>
    ```
  }];
  let arguments = (ins StrAttr:$path, StrArrayAttr:$names);
  let results = (outs Variadic<Nabla_AnyTensor>:$results);
  let assemblyFormat = "$path $names attr-dict `:` type($results)";
  let hasVerifier = 1;
}

def Nabla_PrintOp : Nabla_Op<"print", [MemoryEffects<[MemWrite]>]> {
  let summary = "print tensors through a format string";
  let description = [{
    Prints `format` to standard output with each `{}` replaced by the next
    operand. `{{` and `}}` print a literal brace. The number of placeholders
    must equal the number of operands.

    ```mlir
    nabla.print "step {} loss {}" (%step, %loss) : tensor<i64>, tensor<f32>
    ```
  }];
  let arguments = (ins StrAttr:$format, Variadic<Nabla_AnyTensor>:$operands);
  let assemblyFormat = [{
    $format ` ` `(` $operands `)` attr-dict (`:` type($operands)^)?
  }];
  let hasVerifier = 1;
}

def Nabla_RuntimeCallOp : Nabla_Op<"runtime_call", [
    MemoryEffects<[MemRead, MemWrite]>,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "call into a runtime library function";
  let description = [{
    Calls the runtime function `callee`, which must be declared in the module
    as a private `func.func` whose argument and result types equal the
    operand and result types. `string_args` are constant strings (paths,
    names) that the lowering passes ahead of the operands; they are not part
    of the declaration's type.

    ```mlir
    func.func private @nrt_read_csv(tensor<i64>) -> tensor<?x3xf32>
    %t = nabla.runtime_call @nrt_read_csv(%n) {string_args = ["data.csv"]}
        : (tensor<i64>) -> tensor<?x3xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee,
                       DefaultValuedAttr<StrArrayAttr, "{}">:$string_args,
                       Variadic<AnyType>:$operands);
  let results = (outs Variadic<AnyType>:$results);
  let assemblyFormat = [{
    $callee `(` $operands `)` attr-dict `:` functional-type($operands, results)
  }];
}

def Nabla_SaveOp : Nabla_Op<"save", [MemoryEffects<[MemWrite]>]> {
  let summary = "write named tensors to a checkpoint file";
  let description = [{
    Writes each operand under the matching entry of `names` (unique, one per
    operand) to the checkpoint at `path`.

    ```mlir
    nabla.save "model.safetensors" ["w", "b"] %w, %b
        : tensor<784x10xf32>, tensor<10xf32>
    ```
  }];
  let arguments = (ins StrAttr:$path, StrArrayAttr:$names,
                       Variadic<Nabla_AnyTensor>:$tensors);
  let assemblyFormat = [{
    $path $names attr-dict ($tensors^ `:` type($tensors))?
  }];
  let hasVerifier = 1;
}

#endif // NABLA_IR_NABLAIOOPS_TD

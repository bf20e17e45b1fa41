//===- Core.h - Nabla runtime C ABI: the core -------------------*- C++ -*-===//
//
// The entry points every compiled Nabla program may call: errors and run-time
// checks, memory, printing, linear algebra, random numbers, progress bars,
// timers and program arguments. File I/O and data sets are in nrt/IO.h.
// Everything here is extern "C"; no C++ type crosses the boundary.
//
//===----------------------------------------------------------------------===//
//
// Calling conventions
// -------------------
//
// Generated code declares runtime functions as private `func.func`s with the
// `llvm.emit_c_interface` attribute, so the symbol it calls is
// `_mlir_ciface_<name>`. The rule this header follows everywhere:
//
//  * `_mlir_ciface_nrt_X` has exactly the signature that func-to-llvm's C
//    interface produces for the natural MLIR declaration of `@nrt_X`:
//    - a ranked memref argument is a pointer to an `NrtMemRef<T, N>`;
//    - an unranked memref argument (`memref<*xT>`) is a pointer to an
//      `NrtUnrankedMemRef`;
//    - a string is `memref<?xi8>`, i.e. an `NrtMemRef<char, 1> *` (not
//      NUL-terminated; its length is `sizes[0]`);
//    - a memref RESULT (or several results) is returned through a pointer
//      passed as the FIRST argument: one `NrtMemRef<T, N> *` for one result,
//      a pointer to a struct of descriptors for several (see
//      `NrtImageDataset` in nrt/IO.h);
//    - scalars (i64, f32, f64, index) are passed by value; opaque handles
//      (`void *`) may be declared `!llvm.ptr` or `i64`; an i1 argument
//      arrives as `uint8_t` and only its low bit is read; an i1 result is a
//      C `bool`.
//  * Entry points without memrefs exist under both names, `nrt_X` and
//    `_mlir_ciface_nrt_X`, with the same signature, so generated code may
//    declare them with or without `llvm.emit_c_interface`. (func-to-llvm
//    gives the `@nrt_X` wrapper it emits for an external declaration private
//    linkage, so it never clashes with the runtime's `nrt_X`.)
//  * Entry points that take strings also have a plain C form `nrt_X` with
//    the string as pointer + length, for hand-written callers.
//
// Ownership: a memref the runtime returns was allocated with `nrt_alloc`
// (64-byte aligned; `allocated == aligned`, offset 0, row-major strides). The
// caller owns it and releases it with `free(allocated)` (or `nrt_free`).
// Memrefs passed in are only borrowed for the duration of the call.
//
// Errors: no entry point returns an error code. Bad input (missing or
// malformed files, unknown options, mismatched shapes) prints
// `error: <message>` to stderr and exits with status 1; see `nrt_fatal`.
//
// Element types: f32 = float, f64 = double, i32 = int32_t, i64 = int64_t,
// i1 = one byte (0 or 1) per element.
//
//===----------------------------------------------------------------------===//

#ifndef NRT_CORE_H
#define NRT_CORE_H

#ifdef __cplusplus
#include <cstddef>
#include <cstdint>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#endif

#if defined(__GNUC__)
#define NRT_API __attribute__((visibility("default")))
#define NRT_NORETURN __attribute__((noreturn))
#define NRT_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define NRT_API
#define NRT_NORETURN
#define NRT_PRINTF(fmt, args)
#endif

//===----------------------------------------------------------------------===//
// Memref descriptors
//===----------------------------------------------------------------------===//

#ifdef __cplusplus
/// The descriptor of a ranked memref of rank N, as MLIR lays it out.
template <typename T, int N> struct NrtMemRef {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizes[N];
  int64_t strides[N];
};

/// The descriptor of a rank-0 memref.
template <typename T> struct NrtMemRef<T, 0> {
  T *allocated;
  T *aligned;
  int64_t offset;
};

/// Spells a ranked descriptor type in declarations (opaque `void` in C).
#define NRT_MEMREF(T, N) NrtMemRef<T, N>
#else
#define NRT_MEMREF(T, N) void
#endif

/// An unranked memref: its rank and a pointer to a ranked descriptor
/// (`NrtMemRef<T, rank>`).
typedef struct NrtUnrankedMemRef {
  int64_t rank;
  void *descriptor;
} NrtUnrankedMemRef;

#ifdef __cplusplus
extern "C" {
#endif

//===----------------------------------------------------------------------===//
// Errors (Errors.cpp)
//===----------------------------------------------------------------------===//

/// Prints `error: <formatted message>` and a newline to stderr and exits the
/// process with status 1 (after flushing stdout and ending any progress bar
/// line). Never returns and never aborts.
NRT_API NRT_NORETURN void nrt_fatal(const char *fmt, ...) NRT_PRINTF(1, 2);

/// Fails with `error: <msg>` like `nrt_fatal`. For runtime checks in
/// generated code (e.g. shape mismatches discovered at run time).
/// MLIR: `func.func private @nrt_fail(memref<?xi8>)`.
NRT_API NRT_NORETURN void nrt_fail(const char *msg, int64_t len);
NRT_API NRT_NORETURN void _mlir_ciface_nrt_fail(NRT_MEMREF(char, 1) * msg);

/// Reports a fault of the running program (SIGSEGV, SIGBUS, SIGFPE, SIGILL,
/// also on stack overflow) as `error: the program stopped: <what>` on
/// stderr and exit status 1, instead of a crash dump. Called by the AOT
/// `main` and by `nabla run` before the program starts.
NRT_API void nrt_install_fault_handlers(void);

/// A failed run-time check of the program (an index out of range, sizes
/// that differ, a division by zero): prints `<where>: error: <message>`,
/// where `where` is the source position (`file:line:col`, or nothing) and
/// each `{i}` in `message` is replaced by `values[i]`, then exits with
/// status 1 like `nrt_fatal`.
/// MLIR: `func.func private @nrt_check_failed(memref<?xi8>, memref<?xi8>,
/// memref<?xi64>)`.
NRT_API NRT_NORETURN void
    _mlir_ciface_nrt_check_failed(NRT_MEMREF(char, 1) * where,
                                  NRT_MEMREF(char, 1) * message,
                                  NRT_MEMREF(int64_t, 1) * values);

//===----------------------------------------------------------------------===//
// NaN and Inf reports for --check-numerics (Numerics.cpp)
//===----------------------------------------------------------------------===//
//
// Generated code counts the non-finite elements of each float tensor it
// computes; for the first one that has any it calls `begin` with the site
// (the op, the source location and line), `tensor` for the result and each
// input, `iteration` for each enclosing loop, then `end`, which exits with
// status 1.

/// The number of NaN and Inf elements of a float tensor.
NRT_API int64_t _mlir_ciface_nrt_count_nonfinite_f32(NrtUnrankedMemRef *value);
NRT_API int64_t _mlir_ciface_nrt_count_nonfinite_f64(NrtUnrankedMemRef *value);
/// Prints the first lines of the report (flushing stdout first).
NRT_API void _mlir_ciface_nrt_numerics_begin(NRT_MEMREF(char, 1) * site);
/// One line: `<label>: <type>[<shape>], N NaN, M Inf, first at [..]; finite
/// values in [min, max]`.
NRT_API void _mlir_ciface_nrt_numerics_tensor_f32(NRT_MEMREF(char, 1) * label,
                                                  NrtUnrankedMemRef *value);
NRT_API void _mlir_ciface_nrt_numerics_tensor_f64(NRT_MEMREF(char, 1) * label,
                                                  NrtUnrankedMemRef *value);
NRT_API void _mlir_ciface_nrt_numerics_tensor_i32(NRT_MEMREF(char, 1) * label,
                                                  NrtUnrankedMemRef *value);
NRT_API void _mlir_ciface_nrt_numerics_tensor_i64(NRT_MEMREF(char, 1) * label,
                                                  NrtUnrankedMemRef *value);
/// `in iteration <i> of <loop>`.
NRT_API void _mlir_ciface_nrt_numerics_iteration(NRT_MEMREF(char, 1) * loop,
                                                 int64_t iteration);
/// Ends the report: exit status 1.
NRT_API NRT_NORETURN void _mlir_ciface_nrt_numerics_end(void);

//===----------------------------------------------------------------------===//
// Memory (Memory.cpp, MemrefCopy.cpp)
//===----------------------------------------------------------------------===//

/// Allocates `bytes` bytes aligned to 64 bytes (at least 1 byte, so the
/// result is never null). The memory comes from `posix_memalign`, so `free`
/// releases it. Fails with an error if `bytes` is negative or memory is
/// exhausted. Also `_mlir_ciface_nrt_alloc`.
NRT_API void *nrt_alloc(int64_t bytes);
NRT_API void *_mlir_ciface_nrt_alloc(int64_t bytes);

/// Releases memory from `nrt_alloc` (or any buffer the runtime returned).
/// Null is ignored. Also `_mlir_ciface_nrt_free`.
NRT_API void nrt_free(void *ptr);
NRT_API void _mlir_ciface_nrt_free(void *ptr);

/// Copies the elements of `src` into `dst` (same rank and sizes, any
/// strides), `elemSize` bytes each. This is the symbol and the semantics
/// that MLIR's memref-to-llvm lowering calls for `memref.copy` of
/// non-contiguous memrefs (as in mlir/lib/ExecutionEngine/CRunnerUtils.cpp),
/// so AOT binaries need no libmlir_c_runner_utils. Nothing is copied if any
/// size is 0.
NRT_API void memrefCopy(int64_t elemSize, NrtUnrankedMemRef *src,
                        NrtUnrankedMemRef *dst);

//===----------------------------------------------------------------------===//
// Printing (Print.cpp)
//===----------------------------------------------------------------------===//
//
// Everything goes to stdout through stdio; stdout is flushed at each newline.
// Floats print like `%.6g` but always show a decimal point or an exponent
// (`0.5`, `3.0`, `-0.0`, `1e-07`, `1.23457e+06`, `nan`, `inf`); integers in
// decimal; i1 as `true`/`false`. Tensors print NumPy-style on one line,
// `[[1.0, 2.0], [3.0, 4.0]]`; a tensor of more than 1000 elements is
// summarised: along every axis longer than 6 only the first 3 and last 3
// entries are shown, with `...` between them. An empty axis prints `[]`.
// A rank-0 tensor prints as its scalar.

/// Prints the string verbatim (no newline).
/// MLIR: `func.func private @nrt_print_text(memref<?xi8>)`.
NRT_API void _mlir_ciface_nrt_print_text(NRT_MEMREF(char, 1) * text);
NRT_API void nrt_print_text(const char *text, int64_t len);

/// Prints a newline and flushes stdout. Also `_mlir_ciface_nrt_print_newline`.
NRT_API void nrt_print_newline(void);
NRT_API void _mlir_ciface_nrt_print_newline(void);

/// Prints a tensor of any rank (see the format above).
/// MLIR: `func.func private @nrt_print_tensor_f32(memref<*xf32>)`, etc.
NRT_API void _mlir_ciface_nrt_print_tensor_f32(NrtUnrankedMemRef *tensor);
NRT_API void _mlir_ciface_nrt_print_tensor_f64(NrtUnrankedMemRef *tensor);
NRT_API void _mlir_ciface_nrt_print_tensor_i32(NrtUnrankedMemRef *tensor);
NRT_API void _mlir_ciface_nrt_print_tensor_i64(NrtUnrankedMemRef *tensor);
NRT_API void _mlir_ciface_nrt_print_tensor_i1(NrtUnrankedMemRef *tensor);

/// Print one scalar (no newline). Each also exists as `_mlir_ciface_...`.
NRT_API void nrt_print_f32(float value);
NRT_API void nrt_print_f64(double value);
NRT_API void nrt_print_i32(int32_t value);
NRT_API void nrt_print_i64(int64_t value);
NRT_API void nrt_print_i1(uint8_t value);
NRT_API void _mlir_ciface_nrt_print_f32(float value);
NRT_API void _mlir_ciface_nrt_print_f64(double value);
NRT_API void _mlir_ciface_nrt_print_i32(int32_t value);
NRT_API void _mlir_ciface_nrt_print_i64(int64_t value);
NRT_API void _mlir_ciface_nrt_print_i1(uint8_t value);

//===----------------------------------------------------------------------===//
// Dense linear algebra for the standard library (Linalg.cpp, on LAPACK)
//===----------------------------------------------------------------------===//

/// Solves a·x = b for a square f64 matrix `a` of order n (row-major,
/// contiguous) into `x`. Fails, naming `what`, when `a` is singular.
NRT_API void nrt_linalg_solve(const double *a, const double *b, double *x,
                              int64_t n, const char *what);

/// Eigen-decomposition of the symmetric tridiagonal matrix with diagonal
/// `diag` (n values) and off-diagonal `off` (its first n - 1 values): writes
/// the eigenvalues in ascending order to `values` and the squared first
/// component of each unit eigenvector to `weights` (the Gauss quadrature
/// weights of stochastic Lanczos quadrature).
NRT_API void nrt_linalg_eigh_tridiagonal(const double *diag, const double *off,
                                         double *values, double *weights,
                                         int64_t n);

//===----------------------------------------------------------------------===//
// Random numbers (Random.cpp)
//===----------------------------------------------------------------------===//
//
// Counter-based and reproducible across runs, threads and targets:
// Philox-4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2,
// 3", SC'11). A key is an i64; its low and high 32 bits are the two Philox
// key words. Element i (row-major index) of a random tensor is computed from
// the block Philox(counter = (lo32(i), hi32(i), 0, 0), key) = (w0, w1, w2, w3):
//   uniform f32: (w0 >> 8) * 2^-24, in [0, 1)
//   normal f32:  u1 = ((w0 >> 8) + 1) * 2^-24 in (0, 1],
//                u2 = (w1 >> 8) * 2^-24,
//                sqrt(-2 ln u1) * cos(2 pi u2) evaluated in double, rounded
//   uniform f64: (b01 >> 11) * 2^-53 where b01 = w1 << 32 | w0
//   normal f64:  u1 = ((b01 >> 11) + 1) * 2^-53, u2 = (b23 >> 11) * 2^-53
//                (b23 = w3 << 32 | w2), then Box-Muller as above.

/// One Philox-4x32-10 block: `out` = Philox(`counter`, `key`).
NRT_API void nrt_philox4x32_10(const uint32_t counter[4], const uint32_t key[2],
                               uint32_t out[4]);

/// Derives a new key from `key` and `data`: the block
/// Philox(counter = (lo32(data), hi32(data), 1, 0), key) = (w0, w1, ...)
/// gives the new key w1 << 32 | w0. (Counter word 2 is 1 so fold-in blocks
/// never coincide with the element blocks of the same key.)
/// Also `_mlir_ciface_nrt_rng_fold_in`.
NRT_API int64_t nrt_rng_fold_in(int64_t key, int64_t data);
NRT_API int64_t _mlir_ciface_nrt_rng_fold_in(int64_t key, int64_t data);

/// Element `index` of a uniform / normal random tensor drawn with `key`
/// (for generated code that computes elements inline). Each also exists as
/// `_mlir_ciface_...`.
NRT_API float nrt_philox_uniform_f32(int64_t key, int64_t index);
NRT_API float nrt_philox_normal_f32(int64_t key, int64_t index);
NRT_API double nrt_philox_uniform_f64(int64_t key, int64_t index);
NRT_API double nrt_philox_normal_f64(int64_t key, int64_t index);
NRT_API float _mlir_ciface_nrt_philox_uniform_f32(int64_t key, int64_t index);
NRT_API float _mlir_ciface_nrt_philox_normal_f32(int64_t key, int64_t index);
NRT_API double _mlir_ciface_nrt_philox_uniform_f64(int64_t key, int64_t index);
NRT_API double _mlir_ciface_nrt_philox_normal_f64(int64_t key, int64_t index);

/// Fills `out` (any rank and strides) so that the element with row-major
/// index i holds element i of the random tensor for `key`.
/// MLIR: `@nrt_random_uniform_f32(i64, memref<*xf32>)`, etc.
NRT_API void _mlir_ciface_nrt_random_uniform_f32(int64_t key,
                                                 NrtUnrankedMemRef *out);
NRT_API void _mlir_ciface_nrt_random_normal_f32(int64_t key,
                                                NrtUnrankedMemRef *out);
NRT_API void _mlir_ciface_nrt_random_uniform_f64(int64_t key,
                                                 NrtUnrankedMemRef *out);
NRT_API void _mlir_ciface_nrt_random_normal_f64(int64_t key,
                                                NrtUnrankedMemRef *out);

/// Fills the rank-1 `out` of size n with a random permutation of 0..n-1
/// (for shuffling data). Fisher-Yates from the top: for i = n-1 down to 1,
/// swap positions i and j = hi64(b * (i + 1)) where b = w1 << 32 | w0 of
/// Philox(counter = (lo32(i), hi32(i), 2, 0), key) and hi64 is the high 64
/// bits of the 128-bit product.
/// MLIR: `@nrt_random_permutation_i64(i64, memref<*xi64>)`, etc.
NRT_API void _mlir_ciface_nrt_random_permutation_i32(int64_t key,
                                                     NrtUnrankedMemRef *out);
NRT_API void _mlir_ciface_nrt_random_permutation_i64(int64_t key,
                                                     NrtUnrankedMemRef *out);

//===----------------------------------------------------------------------===//
// Progress bars (Progress.cpp)
//===----------------------------------------------------------------------===//

/// Starts a progress bar over `total` steps (0 or less: unknown total) with a
/// label. The bar is drawn on stdout only if stdout is a terminal; otherwise
/// these functions print nothing. Returns a handle (never null) for
/// `nrt_progress_step` and `nrt_progress_end`.
/// MLIR: `@nrt_progress_begin(i64, memref<?xi8>) -> !llvm.ptr`.
NRT_API void *nrt_progress_begin(int64_t total, const char *label, int64_t len);
NRT_API void *_mlir_ciface_nrt_progress_begin(int64_t total,
                                              NRT_MEMREF(char, 1) * label);

/// Counts one step. `loss` (ignored if NaN) enters the mean loss shown on
/// the bar. Redraws at most 10 times per second (and at the last step):
/// `label  42% [=====>    ] 420/1000  183.2 it/s  ETA 0:03  loss 0.4321`.
/// Text printed through the runtime while a bar is shown first clears the
/// bar's line. Also `_mlir_ciface_nrt_progress_step`.
NRT_API void nrt_progress_step(void *bar, double loss);
NRT_API void _mlir_ciface_nrt_progress_step(void *bar, double loss);

/// Draws the final state (with the elapsed time instead of the ETA), ends
/// the line and releases the handle. Also `_mlir_ciface_nrt_progress_end`.
NRT_API void nrt_progress_end(void *bar);
NRT_API void _mlir_ciface_nrt_progress_end(void *bar);

//===----------------------------------------------------------------------===//
// Timers (Timer.cpp)
//===----------------------------------------------------------------------===//

/// Seconds on a monotonic clock (CLOCK_MONOTONIC); only differences mean
/// anything. Also `_mlir_ciface_nrt_time_seconds`.
NRT_API double nrt_time_seconds(void);
NRT_API double _mlir_ciface_nrt_time_seconds(void);

//===----------------------------------------------------------------------===//
// Program arguments (Args.cpp)
//===----------------------------------------------------------------------===//
//
// Options are written `--name=value` or `--name value` (the next argument is
// the value unless it starts with `--`; so `--lr -0.5` works). A flag is
// `--name` alone or `--name=true|false|1|0|yes|no`. A later occurrence of an
// option overrides an earlier one. An argument that is neither an option nor
// the value of one is an error, reported by `nrt_set_args`.
//
// Unknown options: the runtime collects the names the program asks about
// (by the queries below and by the declarations) and reports an option
// outside that set as `error: unknown option '--foo' (this program accepts:
// --epochs <int>, --lr <float>)`. When the check runs:
//  * before the program runs: the compiler starts `main` with one
//    `nrt_arg_declare_*` call per option the program reads (pass
//    `nabla-declare-program-options`), then `nrt_args_validate`, which checks
//    every given option against the declarations (unknown names, with a
//    suggestion such as `did you mean '--epochs'?`, and malformed values)
//    and answers `--help`;
//  * strict mode: if only `nrt_arg_declare` was called, the check runs at
//    the first query, against the declared names and the queried name;
//  * otherwise names are collected on use and the check runs when
//    `nrt_args_check` is called (the program wrapper calls it when the
//    program body returns; a program may call it earlier).
// A malformed value (`--epochs=ten`, `--verbose=maybe`, `--lr` with no value)
// is reported by `nrt_args_validate` or else at the query, with the same
// message.

/// Sets the program's arguments; `argv[0]` is the program name and is
/// skipped. Resets all option state (declared and queried names). Called by
/// the AOT main wrapper, and by `nabla run` with the script path as argv[0]
/// and the arguments after `--`. Also `_mlir_ciface_nrt_set_args`.
NRT_API void nrt_set_args(int argc, char **argv);
NRT_API void _mlir_ciface_nrt_set_args(int argc, char **argv);

/// Declares an option name the program may ask for (enables strict mode).
/// MLIR: `@nrt_arg_declare(memref<?xi8>)`.
NRT_API void nrt_arg_declare(const char *name, int64_t len);
NRT_API void _mlir_ciface_nrt_arg_declare(NRT_MEMREF(char, 1) * name);

/// The integer value of `--name`, or `dflt` if it is absent.
/// MLIR: `@nrt_arg_i64(memref<?xi8>, i64) -> i64`.
NRT_API int64_t nrt_arg_i64(const char *name, int64_t len, int64_t dflt);
NRT_API int64_t _mlir_ciface_nrt_arg_i64(NRT_MEMREF(char, 1) * name,
                                         int64_t dflt);

/// The floating-point value of `--name`, or `dflt` if it is absent.
/// MLIR: `@nrt_arg_f64(memref<?xi8>, f64) -> f64`.
NRT_API double nrt_arg_f64(const char *name, int64_t len, double dflt);
NRT_API double _mlir_ciface_nrt_arg_f64(NRT_MEMREF(char, 1) * name,
                                        double dflt);

/// Whether the flag `--name` is set (false if absent).
/// MLIR: `@nrt_arg_flag(memref<?xi8>) -> i1`.
NRT_API bool nrt_arg_flag(const char *name, int64_t len);
NRT_API bool _mlir_ciface_nrt_arg_flag(NRT_MEMREF(char, 1) * name);

/// The position of the value of `--name` (or of `dflt` when it is absent)
/// in the comma-separated list `choices`. Any other value is an error that
/// lists the choices.
NRT_API int64_t nrt_arg_choice(const char *name, int64_t len,
                               const char *choices, int64_t choicesLen,
                               const char *dflt, int64_t dfltLen);

/// The string value of `--name`, or `dflt` if it is absent, as a new buffer
/// owned by the caller. MLIR: `@nrt_arg_str(memref<?xi8>, memref<?xi8>) ->
/// memref<?xi8>`. The plain form returns a NUL-terminated string that lives
/// until the next `nrt_set_args` (or `dflt` itself, which must be
/// NUL-terminated).
NRT_API void _mlir_ciface_nrt_arg_str(NRT_MEMREF(char, 1) * result,
                                      NRT_MEMREF(char, 1) * name,
                                      NRT_MEMREF(char, 1) * dflt);
NRT_API const char *nrt_arg_str(const char *name, int64_t len,
                                const char *dflt);

/// Fails if an option was given that the program neither declared nor
/// asked for. Also `_mlir_ciface_nrt_args_check`.
NRT_API void nrt_args_check(void);
NRT_API void _mlir_ciface_nrt_args_check(void);

/// Declare an option with its kind and default before the program runs, for
/// `nrt_args_validate` and `--help`; each enables strict mode. Declaring a
/// name, kind and choices again with another default leaves the default to
/// the program. The MLIR forms take strings as `memref<?xi8>` and defaults
/// as rank-0 memrefs: `@nrt_args_declare_int(memref<?xi8>, memref<i64>)`,
/// `_float(memref<?xi8>, memref<f64>)`, `_flag(memref<?xi8>)`,
/// `_choice(name, choices, default: memref<?xi8>)` and
/// `_computed(name, kind: memref<?xi8>)`.
NRT_API void nrt_arg_declare_i64(const char *name, int64_t len, int64_t dflt);
NRT_API void nrt_arg_declare_f64(const char *name, int64_t len, double dflt);
NRT_API void nrt_arg_declare_flag(const char *name, int64_t len);
/// `choices` is comma-separated, as for `nrt_arg_choice`.
NRT_API void nrt_arg_declare_choice(const char *name, int64_t len,
                                    const char *choices, int64_t choicesLen,
                                    const char *dflt, int64_t dfltLen);
/// An option whose default the program computes; `kind` is "int" or "float".
NRT_API void nrt_arg_declare_computed(const char *name, int64_t len,
                                      const char *kind, int64_t kindLen);
NRT_API void _mlir_ciface_nrt_args_declare_int(NRT_MEMREF(char, 1) * name,
                                               NRT_MEMREF(int64_t, 0) * dflt);
NRT_API void _mlir_ciface_nrt_args_declare_float(NRT_MEMREF(char, 1) * name,
                                                 NRT_MEMREF(double, 0) * dflt);
NRT_API void _mlir_ciface_nrt_args_declare_flag(NRT_MEMREF(char, 1) * name);
NRT_API void _mlir_ciface_nrt_args_declare_choice(NRT_MEMREF(char, 1) * name,
                                                  NRT_MEMREF(char, 1) * choices,
                                                  NRT_MEMREF(char, 1) * dflt);
NRT_API void _mlir_ciface_nrt_args_declare_computed(NRT_MEMREF(char, 1) * name,
                                                    NRT_MEMREF(char, 1) * kind);

/// Checks the arguments against the declarations before the program runs:
/// with `--help` (unless the program declares `help` itself) prints every
/// declared option with its kind, choices and default on stdout and exits
/// with status 0; an option that is not declared is `error: unknown option
/// '--epoch'; did you mean '--epochs'?` (or the list of accepted options
/// when none is close), and a value the option's kind rejects is the error
/// its query would report. Errors exit with status 1. Also
/// `_mlir_ciface_nrt_args_validate`.
NRT_API void nrt_args_validate(void);
NRT_API void _mlir_ciface_nrt_args_validate(void);

//===----------------------------------------------------------------------===//
// The entry point of AOT executables (Main.cpp, in libnrt_main.a)
//===----------------------------------------------------------------------===//
//
// libnrt_main.a defines `main(argc, argv)`: it calls `nrt_set_args(argc,
// argv)`, then the program's `void nabla_main(void)`, then
// `nrt_args_check()`, flushes stdout and returns 0. Link it before libnrt.a.

#ifdef __cplusplus
} // extern "C"
#endif

#endif // NRT_CORE_H

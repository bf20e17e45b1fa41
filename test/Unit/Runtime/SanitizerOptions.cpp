//===- SanitizerOptions.cpp - Defaults of the sanitized runtime tests -----===//
//
// Linked into the ASan+UBSan copies of the runtime tests: every report
// aborts, so that no report can pass for the exit status 1 of a runtime
// error, which is what the death tests expect.
//
//===----------------------------------------------------------------------===//

extern "C" const char *__asan_default_options() {
  return "abort_on_error=1:detect_leaks=1";
}

extern "C" const char *__ubsan_default_options() {
  return "abort_on_error=1:print_stacktrace=1";
}

//===- ASTDump.h - Printing the typed AST -----------------------*- C++ -*-===//
//
// `nabla emit --stage=ast`: an indented tree of the checked program with the
// type of every expression.
//
//===----------------------------------------------------------------------===//

#ifndef NABLA_FRONTEND_ASTDUMP_H
#define NABLA_FRONTEND_ASTDUMP_H

#include "nabla/Frontend/AST.h"

#include "llvm/Support/raw_ostream.h"

namespace nabla {

void dumpModule(const Module &module, llvm::raw_ostream &os);

} // namespace nabla

#endif // NABLA_FRONTEND_ASTDUMP_H

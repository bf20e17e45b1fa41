//===- ASTDump.cpp - Printing the typed AST -------------------------------===//
//
// One line per node, indented by depth, with the Sema type of expressions.
//
//===----------------------------------------------------------------------===//

#include "nabla/Frontend/ASTDump.h"
#include "nabla/Frontend/Builtins.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace nabla;

namespace {
class Dumper {
public:
  explicit Dumper(llvm::raw_ostream &os) : os(os) {}

  void module(const Module &m) {
    os << "module '" << (m.name.empty() ? "main" : m.name) << "'\n";
    ++depth;
    for (const ImportDecl &i : m.imports)
      line() << "import " << i.name << "\n";
    for (const auto &s : m.structs) {
      line() << "struct " << s->name << "\n";
      ++depth;
      for (const FieldDecl &f : s->fields)
        line() << "field " << f.name << ": " << f.resolved.str() << "\n";
      --depth;
    }
    for (const auto &f : m.fns)
      fn(*f);
    --depth;
  }

private:
  llvm::raw_ostream &line() {
    os.indent(depth * 2);
    return os;
  }

  void fn(const FnDecl &f) {
    line() << (f.isExtern ? "extern fn " : "fn ") << f.name << "(";
    for (size_t i = 0; i < f.params.size(); ++i)
      os << (i ? ", " : "") << f.params[i].name << ": "
         << f.params[i].resolved.str();
    os << ") -> " << f.resolvedResult.str() << "\n";
    ++depth;
    for (const Param &p : f.params)
      if (p.defaultValue) {
        line() << "default " << p.name << "\n";
        ++depth;
        expr(*p.defaultValue);
        --depth;
      }
    if (f.body)
      stmt(*f.body);
    --depth;
  }

  void pattern(const Pattern &p) {
    if (!p.isTuple) {
      os << p.name;
      return;
    }
    os << "(";
    for (size_t i = 0; i < p.elems.size(); ++i) {
      os << (i ? ", " : "");
      pattern(p.elems[i]);
    }
    os << ")";
  }

  void stmt(const Stmt &s) {
    llvm::TypeSwitch<const Stmt *>(&s)
        .Case([&](const BlockStmt *b) {
          line() << "block\n";
          ++depth;
          for (const StmtPtr &st : b->stmts)
            stmt(*st);
          --depth;
        })
        .Case([&](const LetStmt *l) {
          line() << (l->isVar ? "var " : "let ");
          pattern(l->pattern);
          os << ": " << l->pattern.type.str() << "\n";
          child(*l->init);
        })
        .Case([&](const AssignStmt *a) {
          line() << "assign"
                 << (a->op ? " " + binaryOpSpelling(*a->op).str() + "=" : "")
                 << "\n";
          child(*a->target);
          child(*a->value);
        })
        .Case([&](const ExprStmt *e) {
          line() << "expr\n";
          child(*e->expr);
        })
        .Case([&](const IfStmt *i) {
          line() << "if\n";
          child(*i->cond);
          ++depth;
          stmt(*i->thenBlock);
          if (i->elseBlock) {
            line() << "else\n";
            stmt(*i->elseBlock);
          }
          --depth;
        })
        .Case([&](const ForStmt *f) {
          line() << "for ";
          pattern(f->var);
          os << "\n";
          child(*f->iterable);
          ++depth;
          stmt(*f->body);
          --depth;
        })
        .Case([&](const WhileStmt *w) {
          line() << "while\n";
          child(*w->cond);
          ++depth;
          stmt(*w->body);
          --depth;
        })
        .Case([&](const ReturnStmt *r) {
          line() << "return\n";
          if (r->value)
            child(*r->value);
        });
  }

  void child(const Expr &e) {
    ++depth;
    expr(e);
    --depth;
  }

  void expr(const Expr &e) {
    line();
    llvm::TypeSwitch<const Expr *>(&e)
        .Case([&](const IntLitExpr *x) { os << "int " << x->value; })
        .Case([&](const FloatLitExpr *x) { os << "float " << x->value; })
        .Case([&](const BoolLitExpr *x) {
          os << "bool " << (x->value ? "true" : "false");
        })
        .Case([&](const StringLitExpr *x) {
          os << "string \"";
          os.write_escaped(x->value);
          os << "\"";
        })
        .Case([&](const NameExpr *x) { os << "name " << x->name; })
        .Case([&](const UnaryExpr *x) {
          os << "unary " << (x->op == UnaryOp::Neg ? "-" : "not");
        })
        .Case([&](const BinaryExpr *x) {
          os << "binary " << binaryOpSpelling(x->op);
        })
        .Case([&](const CallExpr *x) {
          os << "call ";
          if (x->callKind == CallKind::Builtin)
            os << builtinName(x->builtin);
          else if (x->target)
            os << x->target->str();
        })
        .Case([&](const IndexExpr *) { os << "index"; })
        .Case([&](const FieldExpr *x) { os << "field " << x->field; })
        .Case([&](const TupleLitExpr *) { os << "tuple"; })
        .Case([&](const ArrayLitExpr *) { os << "array"; })
        .Case([&](const StructLitExpr *x) { os << "struct " << x->name; })
        .Case([&](const RangeExpr *) { os << "range"; });
    os << " : " << e.type.str() << "\n";
    ++depth;
    llvm::TypeSwitch<const Expr *>(&e)
        .Case([&](const UnaryExpr *x) { expr(*x->operand); })
        .Case([&](const BinaryExpr *x) {
          expr(*x->lhs);
          expr(*x->rhs);
        })
        .Case([&](const CallExpr *x) {
          // Named callees are in the call line; show computed ones.
          if (!isa<NameExpr>(*x->callee) && !isa<FieldExpr>(*x->callee))
            expr(*x->callee);
          for (const CallArg &a : x->args) {
            if (!a.name.empty()) {
              line() << "arg " << a.name << "\n";
              child(*a.value);
            } else {
              expr(*a.value);
            }
          }
        })
        .Case([&](const IndexExpr *x) {
          expr(*x->base);
          for (const IndexItem &item : x->items) {
            line() << (item.isRange ? "range-item" : "item") << "\n";
            if (item.lo)
              child(*item.lo);
            if (item.hi)
              child(*item.hi);
          }
        })
        .Case([&](const FieldExpr *x) { expr(*x->base); })
        .Case([&](const TupleLitExpr *x) {
          for (auto &el : x->elems)
            expr(*el);
        })
        .Case([&](const ArrayLitExpr *x) {
          for (auto &el : x->elems)
            expr(*el);
        })
        .Case([&](const StructLitExpr *x) {
          for (const FieldInit &f : x->fields) {
            line() << "init " << f.name << "\n";
            child(*f.value);
          }
        })
        .Case([&](const RangeExpr *x) {
          expr(*x->lo);
          expr(*x->hi);
        });
    --depth;
  }

  llvm::raw_ostream &os;
  unsigned depth = 0;
};
} // namespace

void nabla::dumpModule(const Module &module, llvm::raw_ostream &os) {
  Dumper(os).module(module);
}

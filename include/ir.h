/* ir.h: compiling checks into the check IR (semantic analysis).
 *
 * The IR itself is part of the model (model.h: ir_node, m_check); this is
 * the resolver's side: a check's syntax tree goes in, its IR comes out with
 * literals parsed and references left unbound, each recorded as a site for
 * the resolver to bind once the whole file is known (a check may name a
 * table defined after it).  docs/architecture.md §4. */
#ifndef FISC_IR_H
#define FISC_IR_H

#include "ast.h"
#include "model.h"

/* A reference to bind: node `node` of check `check` refers to `ref`. */
typedef struct ir_site {
    size_t check;           /* index in m_model.checks */
    uint32_t node;
    const ast_expr *ref;    /* an EXPR_REF */
} ir_site;

/* What the compiler keeps between checks (zero-initialise; its vectors
 * are side blocks of a, freed with it or by ir_builder_free). */
typedef struct ir_builder {
    arena *a;
    ir_node *v;             /* the check being compiled */
    size_t n, cap;
    ir_site *sites;         /* every reference compiled so far */
    size_t nsites, capsites;
    ast_expr_stack chain;
    int year;               /* the budget's year: what `year` is */
} ir_builder;

/* Compiles check item `it`, standing in ctx (or NULL), as check number
 * `index` of the model into *ck: operands, relations, tolerance (a `within`
 * bound read in money_pow10 when it names no unit), label; references
 * are appended to b->sites, unbound. */
void ir_compile_check(ir_builder *b, const ast_item *it, m_table *ctx, size_t index, int money_pow10,
                      m_check *ck);

/* Compiles expression e, written at `at` (a placeholder of a narrative's
 * text, docs/language.md §5.1) and standing in ctx, into *ck as a check
 * of one operand and no relation, number `index` of its own list:
 * references appended to b->sites as ir_compile_check's. */
void ir_compile_expr(ir_builder *b, const ast_expr *e, span at, m_table *ctx, size_t index, m_check *ck);

/* Decides ck's shape from its bound references (see m_check): the
 * columns of its vector sides, matched by label where they differ, and
 * whether it is made row by row. */
void ir_shape(arena *a, m_check *ck);

/* Frees b's vectors. */
void ir_builder_free(ir_builder *b);

#endif

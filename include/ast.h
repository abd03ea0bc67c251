/* ast.h: the syntax tree of a fisc source file.
 *
 * The tree is uniform: every block (the file, a budget header, a table, a
 * column tree, a row block, a line's children) is an ordered array of
 * items, so the formatter can reproduce the author's order and the
 * resolver can walk everything the same way.  All nodes live in the
 * compilation's arena; strings are interned (compare with ==).  The tree
 * is the parser's output only: semantic analysis reads it and writes the
 * model (model.h), never back into the tree. */
#ifndef FISC_AST_H
#define FISC_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "arena.h"
#include "decimal.h"
#include "diag.h"
#include "lang.h"

typedef enum {
    ITEM_BUDGET,        /* budget "entity" { attrs }            */
    ITEM_IMPORT,        /* import "path"                         */
    ITEM_ATTR,          /* key args, inside budget/table blocks   */
    ITEM_CLASSIFICATION,/* classification NAME ["title"] { lines } */
    ITEM_TABLE,         /* table ID "title" { ... }               */
    ITEM_NARRATIVE,     /* narrative ID ["title"] { ... }         */
    ITEM_COLUMNS,       /* columns [NAME] { column lines }, or columns NAME */
    ITEM_ROWS,          /* rows [CLASSIFICATION] [for COLS] { lines } */
    ITEM_LINE,          /* a row, a column or a classification entry */
    ITEM_CHECK,         /* check e1 REL e2 [REL e3 ...] [tolerance] */
    ITEM_INDICATORS,    /* indicators { group { group { line } } } */
    ITEM_TEMPLATE,      /* template NAME ["title"] { tables } */
    ITEM_PROSE,         /* > a line of a narrative's text, with {placeholders} */
} ast_item_kind;

typedef enum {
    ATTR_YEAR, ATTR_UNIT, ATTR_ROUNDING, ATTR_TOLERANCE, ATTR_PREVIOUS,
    ATTR_NUMBER, ATTR_DEPARTMENT, ATTR_NOTE, ATTR_PRECISION, ATTR_EMPTY,
    ATTR_CODES, ATTR_TEMPLATE, ATTR_CONSOLIDATED, ATTR_FINAL,
} ast_attr_kind;

/* Relations (lang.h).  The spelling as written is kept for printing
 * ("≧7500单"). */
typedef lang_rel ast_rel;

typedef enum {
    VAL_NUMBER,   /* 7,440  -36  105 台  85%          */
    VAL_DERIVED,  /* _   (not stated: derive from parts) */
    VAL_TEXT,     /* "有效提升"                         */
    VAL_WORD,     /* a bare word argument (tolerance half-sum, unit 万元) */
    VAL_BLANK,    /* -   (a blank cell: printed empty, 0 in sums) */
} ast_value_kind;

/* 56 bytes: a budget writes millions of values. */
typedef struct ast_value {
    span at;            /* the whole value, sign and unit included */
    const char *text;   /* number as written (no sign), text contents, or word */
    const char *unit;   /* interned unit name, "%" for percent, or NULL */
    const struct ast_value *rate;  /* in change lists: the "(−4%)" after it */
    uint32_t len;
    uint32_t unit_begin;/* where the unit starts; it ends where the value does */
    unsigned char kind; /* an ast_value_kind */
    bool neg;
    bool plus;          /* written with an explicit '+' */
} ast_value;

/* The span of a value's unit (valid when unit is not NULL). */
static inline span ast_unit_span(const ast_value *v)
{
    span s = { v->at.file, v->unit_begin, v->at.end };
    return s;
}

/* A column's own precision: `unit 元`, `rounding 0.01` among its
 * modifiers (docs/language.md §8). */
typedef struct ast_scope {
    const char *unit;   /* interned unit name, or NULL */
    span unit_at;
    ast_value rounding; /* rounding.text NULL when none is written */
} ast_scope;

typedef struct ast_values {
    ast_value *v;
    size_t n;
} ast_values;

/* A path names a line or column: segments joined by '/'.  A segment is a
 * name, a quoted label or a code. */
typedef struct ast_path {
    const char **seg;   /* interned */
    span *seg_at;
    bool *seg_is_code;
    size_t n;
    span at;
    unsigned char star; /* a check's row: 0 the line itself; k: the lines k
                           levels under it (a slash and a star written k
                           times); AST_STAR_ALL: every line under it (a
                           slash and two stars) */
} ast_path;
#define AST_STAR_ALL 255

typedef enum {
    EXPR_REF, EXPR_NUM, EXPR_ADD, EXPR_SUB, EXPR_NEG, EXPR_PREV, EXPR_CHANGE, EXPR_MUL, EXPR_DIV,
    EXPR_RATE,      /* rate(X): change(X) / prev(X), in percent */
    EXPR_YEAR,      /* year: the budget's year, a plain number */
} ast_expr_kind;

/* A binary node of a chain (+ - * /): walked along its left spine. */
static inline bool ast_expr_binary(ast_expr_kind k)
{
    return k == EXPR_ADD || k == EXPR_SUB || k == EXPR_MUL || k == EXPR_DIV;
}

typedef struct ast_expr {
    ast_expr_kind kind;
    span at;
    struct ast_expr *l, *r;     /* ADD, SUB; NEG/PREV/CHANGE/RATE use l */
    /* EXPR_REF: [table '['] row [',' col] [']'] */
    const char *table;          /* interned; NULL: the enclosing table */
    span table_at;
    ast_path row, col;          /* col.n == 0: every column (vector) */
    ast_path *cols;             /* [row, (A, B, C)]: these columns, paired in
                                   order with the other side's (col.n == 0) */
    size_t ncols;
    ast_value num;              /* EXPR_NUM */
    bool parens;                /* written in parentheses */
    unsigned char basis;        /* PREV, CHANGE: a lang_basis (budget(X): EXPR_PREV of BASIS_THIS_BUDGET) */
} ast_expr;

typedef lang_tolerance ast_tolerance;

/* A line whose values are derived from another line's year over year
 * (lang.h). */
typedef lang_derive ast_derive;

typedef struct ast_item ast_item;

/* What a line compares its figures with: `was [BASIS] values`, `change
 * [BASIS] values [since YEAR]`, `budget values` (this year's budget, each
 * value with its execution rate in parentheses).  A line's compares are
 * kept in the canonical order (ast_compare_order), whatever order they
 * were written in. */
typedef enum { CMP_BUDGET, CMP_WAS, CMP_CHANGE } ast_compare_what;

typedef struct ast_compare {
    unsigned char what;     /* an ast_compare_what */
    unsigned char basis;    /* was, change: a lang_basis (BASIS_OWN: none written) */
    span at;                /* the keyword and its basis */
    ast_values values;      /* change, budget: a value's rate hangs on it */
    ast_value since;        /* change: since YEAR (since.text NULL: none) */
} ast_compare;

/* The rank of c in a line's canonical order: budget, was, was budget, was
 * final, change, change budget, change final. */
static inline unsigned ast_compare_order(const ast_compare *c)
{
    return c->what == CMP_BUDGET ? 0u : c->what * 3u - 2u + c->basis;
}

struct ast_item {
    ast_item_kind kind;
    unsigned blank_before;      /* blank lines before it in the source */
    span at;                    /* the item's first line */
    span end;                   /* closing brace, when it has a block */
    ast_item *parent;
    ast_item **kids;            /* block contents, in source order */
    size_t nkids;
    bool has_block;             /* written with { } (possibly empty) */
    /* ITEM_LINE, ITEM_CHECK, `department`: known "reason" (a published
     * discrepancy acknowledged), the reason's contents; NULL when none. */
    const char *known;
    span known_at;              /* from `known` to the closing quote */
    /* ITEM_TABLE, ITEM_NARRATIVE (title), `note`, `empty`, ITEM_LINE
     * (label): years 2019 ..., the years its text names on purpose. */
    ast_values years;

    /* The fields of each kind share storage: a budget has a million lines
     * and a handful of everything else.  Read only the kind's own. */
    union {
        /* ITEM_BUDGET, ITEM_TABLE, ITEM_NARRATIVE, ITEM_CLASSIFICATION,
         * ITEM_IMPORT, ITEM_COLUMNS (its name), ITEM_TEMPLATE: identifier
         * and title/path.  ITEM_PROSE: title is its text as written (after
         * '>' and the blanks after it, trailing blanks dropped; "" for a
         * line holding '>' alone), title_at where that text stands. */
        struct {
            const char *id;     /* interned */
            span id_at;
            const char *title;  /* interned string contents, or NULL */
            span title_at;
            bool extends;       /* ITEM_CLASSIFICATION: `extend`, adding to one defined before */
            const char *bound;  /* ITEM_NARRATIVE: `rows CLASSIFICATION`, the one its codes are of */
            span bound_at;
        };
        /* ITEM_ATTR */
        struct {
            ast_attr_kind attr;
            ast_values args;
        };
        /* ITEM_ROWS: optional classification name and column selection */
        struct {
            const char *classification;
            span classification_at;
            ast_path *for_cols;
            size_t nfor;
            bool beside;        /* printed to the right of the block before it */
        };
        /* ITEM_LINE */
        struct {
            bool total;         /* printed after its children */
            bool label_quoted;  /* written as "..." */
            bool heading;       /* column: a group heading, not printed itself */
            bool ofwhich;       /* "of which": not a summand of its parent */
            bool chart;         /* line: chart it and its parts (published document) */
            bool text_col;      /* column: text, never summed */
            ast_rel rel;        /* relation before the values (indicators) */
            const char *code;   /* interned digits, or NULL */
            span code_at;
            const char *label;  /* interned; NULL: taken from the classification */
            span label_at;
            const char *rel_text; /* as written: "=", ">=", "≥", "≧" ... */
            span rel_at;
            ast_values values;
            const ast_compare *cmp; /* was, change, budget (canonical order) */
            uint32_t ncmp;
            const char *subtotal; /* column: printed as "<path>/<subtotal>" */
            span subtotal_at;
            ast_derive derive;  /* = prev(PATH), change(PATH), rate(PATH) */
            unsigned char derive_basis; /* their lang_basis: prev(PATH, final); budget(PATH) */
            ast_path *derive_from;
            const struct ast_scope *scope; /* column: unit U, rounding R; NULL: none */
        };
        /* ITEM_CHECK */
        struct {
            ast_expr **ops;     /* n operands */
            ast_rel *rels;      /* n-1 relations between them */
            const char **rel_texts;
            span *rel_ats;
            size_t nops;
            ast_tolerance tol;
            ast_value within;   /* TOL_WITHIN */
            const char *check_label; /* as "...": a name for the report */
        };
    };
};

/* A comment, kept for the formatter. */
typedef struct ast_comment {
    span at;                    /* from "//" to end of line, exclusive of '\n' */
    bool own_line;              /* nothing but blanks before it on its line */
} ast_comment;

typedef struct ast_file {
    const src_file *src;
    ast_item **items;
    size_t nitems;
    ast_comment *comments;
    size_t ncomments;
    unsigned trailing_blank;    /* blank lines at the end (dropped by fmt) */
    /* What the parser skipped to recover from syntax errors (a bad line,
     * with the block it opens; the rest of a file the lexer gave up on):
     * names written there were lost, so the resolver does not report
     * them as undefined (one error per root cause). */
    span *skipped;
    size_t nskipped;
} ast_file;

/* The parser's limits, each reported by name when exceeded.  With them
 * (and the lexer's brace limit) every tree the parser builds is shallow
 * except the left spine of a chain a + b - c + ..., which walkers follow
 * with ast_chain_push instead of recursion. */
#define PARSE_MAX_NESTING 64      /* ( and [ open at once */
#define PARSE_MAX_SIGNS 8         /* signs in a row: - - - x */
#define PARSE_MAX_PATH 64         /* segments in a path a/b/c */

/* Parses f; errors go to diags; never returns NULL (a file with syntax
 * errors yields the items that parsed). */
ast_file *parse_file(arena *a, strtab *names, diag_list *diags, const src_file *f);

/* Parses f one top-level item at a time, for a compiler that keeps no
 * tree (docs/architecture.md §1): each item goes to on_item(ctx, item) as
 * soon as it is complete, its tree allocated in scratch, which on_item may
 * reset (nothing of the tree is read after it returns); the parser's own
 * memory is in a.  No layout is kept, and comments only when `comments`
 * is not NULL: then its src, comments and ncomments are set (allocated in
 * a; its items are left alone).  Returns true when f parsed with nothing
 * to say; false on any diagnostic (syntax error, lexical error, wrong
 * encoding), which is not kept: the caller then starts over with
 * parse_file, whose diagnostics are exact. */
bool parse_stream(arena *scratch, arena *a, strtab *names, const src_file *f,
                  void (*on_item)(void *ctx, ast_item *it), void *ctx, ast_file *comments);

/* Whether a syntax error at offset `at` of f falls in a label that must be
 * quoted (it holds a space or ASCII punctuation: `基本 支出`,
 * `政府办公厅(室)`), at the head of a line (in_block: the line stands in
 * a block) or in a check's reference; then [*begin, *end) is that label
 * (src/parse_hint.c). */
bool parse_label_to_quote(const src_file *f, uint32_t at, bool in_block, uint32_t *begin, uint32_t *end);

/* Parses the expression of a placeholder of a narrative's text: the
 * bytes [begin, end) of f, as a check's expression (`部门预算收入`,
 * `change(t01[收入总计])`, `year - 1`).  Syntax errors go to diags, at
 * their place in f; NULL then.  The tree is allocated in a. */
ast_expr *parse_placeholder(arena *a, strtab *names, diag_list *diags, const src_file *f, uint32_t begin,
                            uint32_t end);

/* Whether kids[i], a line of text (ITEM_PROSE), starts a paragraph: the
 * first of a run of text lines, or after a line holding '>' alone or a
 * blank line (comment lines between do not count), or the first row of a
 * table (text starting with '|') or the first line after one
 * (docs/language.md §5.1).  A '>' alone is itself in none. */
bool ast_prose_starts_paragraph(ast_item *const *kids, size_t i);

/* A stack of expressions for walking chains of + and - without recursion. */
typedef struct ast_expr_stack {
    const ast_expr **v;
    size_t n, cap;
} ast_expr_stack;

/* Pushes the binary nodes (+ - * /) on e's left spine onto s (e first)
 * and returns the chain's leftmost operand.  Popping them back gives each node whose
 * right operand comes next in source order:
 *     size_t base = s->n;  visit(ast_chain_push(a, s, e));
 *     while (s->n > base) visit(s->v[--s->n]->r);                        */
const ast_expr *ast_chain_push(arena *a, ast_expr_stack *s, const ast_expr *e);

/* A deep copy of item it (its block included) in a, under parent: lines
 * with their values and paths, attributes with their arguments; of a
 * check or a rows item the kind and spans only.  For a tree that must
 * outlive a streaming parse's scratch arena (a column set). */
ast_item *ast_copy_item(arena *a, const ast_item *it, ast_item *parent);
/* A copy of a reference (EXPR_REF) in a: its table, paths and spans. */
const ast_expr *ast_copy_ref(arena *a, const ast_expr *e);

const char *ast_rel_spelling(ast_rel r);     /* canonical: "==", ">=", ... */
const char *ast_attr_name(ast_attr_kind k);  /* "year", "unit", ... */
const char *ast_item_kind_name(ast_item_kind k);

#endif

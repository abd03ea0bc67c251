/* model.h: the resolved budget, and the identities checked on it.
 *
 * The resolver turns the syntax tree into tables of rows and columns
 * (every name bound, every value parsed into an exact amount) and every
 * check into the check IR; the checker derives the values left out and
 * evaluates every identity, implicit (footing, cross-footing, of-which,
 * year over year) and explicit (check).  The model never points into the
 * syntax tree (positions are spans into the source), so the checker and
 * the emitters read only this header, never ast.h
 * (docs/architecture.md). */
#ifndef FISC_MODEL_H
#define FISC_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "decimal.h"
#include "diag.h"
#include "lang.h"

/* One cell: a declared claim, a derived value, text, or nothing.
 * 24 bytes: a budget has one per line and column, millions of them; read
 * its text and unit through m_value_text and m_value_unit.  What a figure
 * may be off by is not stored: prec_figure knows it from its column's
 * scope, and the checker sums it over a derived value's parts when an
 * identity needs it. */
typedef struct m_value {
    union {
        dec v;              /* an amount, in the base unit of its kind */
        const char *str;    /* KIND_TEXT: its contents */
    };
    uint32_t at_begin;      /* where it is written, when declared (in its */
    uint16_t at_len;        /* table's file): at_len 0 when not written */
    unsigned char kind;     /* a qty_kind; KIND_NONE when absent */
    unsigned char unit_ix;  /* unit_index of the unit it was written in */
    signed char places;     /* decimals as written (declared numbers) */
    bool present : 1;       /* has a value (declared or derived) */
    bool declared : 1;      /* written in the source: a claim */
    bool blank : 1;         /* a blank cell ('-', or derived from blanks only):
                               0 in sums, printed empty, never rounded */
    bool plus : 1;          /* written with an explicit '+' (+17.62%) */
} m_value;

/* The text of a text cell, or NULL. */
static inline const char *m_value_text(const m_value *v)
{
    return v->kind == KIND_TEXT ? v->str : NULL;
}

/* The unit v was written in (money, counts, rates), or NULL. */
static inline const unit_info *m_value_unit(const m_value *v)
{
    return unit_at(v->unit_ix);
}

static inline void m_value_set_unit(m_value *v, const unit_info *u)
{
    v->unit_ix = (unsigned char)unit_index(u);
}

/* Where v is written: set from a span of its table's file. */
static inline void m_value_set_at(m_value *v, span at)
{
    v->at_begin = at.begin;
    v->at_len = (uint16_t)(at.end - at.begin);
}

/* Where v is written (in file), or `otherwise` when it is not. */
static inline span m_value_span(const m_value *v, const src_file *file, span otherwise)
{
    if (!v->at_len)
        return otherwise;
    span s = { file, v->at_begin, v->at_begin + v->at_len };
    return s;
}

/* A rounding declared in a scope (a table, a narrative, a column):
 * `rounding 0.01` is relative to the scope's unit (0.01 元 in a 元 table,
 * 0.01 万元 where the unit is 万元); `rounding 100 元` names an amount,
 * read against the scope's unit the same way.  A figure written in
 * another unit is rounded in proportion: 0.83 万元 in a 元-to-the-fen
 * narrative is read to 0.01 万元. */
typedef struct m_rounding {
    dec amount;             /* relative: the fraction of the unit (0.01 -> 100);
                               absolute: the amount in base units; 0: none */
    signed char pow10;      /* absolute: the written unit's size; M_RELATIVE: relative */
} m_rounding;
#define M_RELATIVE ((signed char)-128)

/* The precision of the figures of one column of one table (m_table.prec),
 * from the innermost scope that declares it: the column, its parent
 * columns, the table or narrative, the budget header. */
typedef struct m_prec {
    const unit_info *unit;  /* the unit of numbers written without one */
    dec rounding;           /* the rounding unit of a figure in that unit (base units) */
    signed char places;     /* decimals the table prints it with */
} m_prec;

typedef struct m_col {
    const char *label;
    span at;
    struct m_col *parent;
    struct m_col **kids;
    size_t nkids;
    bool heading, ofwhich, text;
    bool indicator;         /* an indicator group (表11), not a value column */
    const char *subtotal;
    bool printed;           /* has a column in the CSV */
    const char *header;     /* CSV header: label path joined by '/' */
    const char *path;       /* label path used to refer to it (no subtotal) */
    size_t index;           /* position in m_table.cols */
    const unit_info *unit;  /* its own `unit` (money), or NULL: its parent's, its table's */
    m_rounding rounding;    /* its own `rounding` (amount 0: none) */
} m_col;

typedef struct m_table m_table;

/* A published discrepancy acknowledged in the source: `known "reason"`
 * ending a check, or a line of a table or narrative (it then covers every
 * identity a figure of that line claims: its footing, cross-footing,
 * of-which, stated change and rate).  An identity it covers that fails is
 * reported as known, not as an error; a marker nothing fails under is
 * reported ("remove 'known'"). */
typedef struct m_known {
    const char *reason;
    span at;                /* known "..." */
    size_t judged, failing; /* identities under it, and those that fail (the checker counts) */
} m_known;

/* The figures a line compares with (docs/language.md §9), by basis:
 * last year's of the document's own kind (a budget's 上年预算数, final
 * accounts' 上年决算数: `was`, and what `previous` states), last year's of
 * the other kind (`was budget` in final accounts, `was final` in a
 * budget), and this year's budget beside final accounts (`budget`). */
typedef enum { M_BASIS_LAST, M_BASIS_LAST_OTHER, M_BASIS_BUDGET } m_basis;
#define M_NBASES 3

/* The basis of written basis w (lang_basis) in a budget that is final
 * accounts or not. */
static inline m_basis m_basis_of(bool final, unsigned w)
{
    if (w == BASIS_THIS_BUDGET)
        return M_BASIS_BUDGET;
    if (w == BASIS_OWN || (w == BASIS_FINAL) == final)
        return M_BASIS_LAST;
    return M_BASIS_LAST_OTHER;
}

/* What few lines have: the figures of each basis (was[M_BASIS_BUDGET]:
 * this year's budget), stated changes and rates against each (rate[
 * M_BASIS_BUDGET]: the execution rate, this year ÷ budget), a known
 * marker, the line a derived line is derived from (m_row.x). */
typedef struct m_row_extra {
    m_value *was[M_NBASES];     /* per column (NULL if none) */
    m_value *change[M_NBASES];  /* stated change, per column (NULL if none) */
    m_value *rate[M_NBASES];    /* stated rate, per column (NULL if none) */
    m_known *known;         /* known "...", or NULL */
    struct m_row *derive_from;  /* the line it is derived from (prev, change or rate) */
} m_row_extra;

/* A line.  96 bytes: a budget has one per source line of figures; read
 * what few lines have through m_row_was and its companions. */
typedef struct m_row {
    const char *label;      /* as printed */
    const char *code;       /* NULL when none */
    span at;                /* its label, or its code when it has no label */
    struct m_row *parent;
    struct m_row **kids;
    m_value *cells;         /* one per m_table.cols entry */
    const char *path;       /* label path from the block's root; made on
                               demand by model_row_path (NULL until then) */
    m_table *table;
    m_row_extra *x;         /* NULL: none of it */
    uint32_t nkids;
    uint32_t block;         /* index of its row block in the table */
    bool total;             /* printed after its children */
    bool ofwhich;
    bool chart;             /* the published document charts it and its parts */
    unsigned char derive;   /* a lang_derive: values derived year over year from x->derive_from */
    unsigned char derive_basis; /* ... against this m_basis */
} m_row;

static inline m_value *m_row_was(const m_row *r) { return r->x ? r->x->was[0] : NULL; }
static inline m_value *m_row_change(const m_row *r) { return r->x ? r->x->change[0] : NULL; }
static inline m_value *m_row_rate(const m_row *r) { return r->x ? r->x->rate[0] : NULL; }
/* The same for basis b (m_basis). */
static inline m_value *m_row_was_b(const m_row *r, m_basis b) { return r->x ? r->x->was[b] : NULL; }
static inline m_value *m_row_change_b(const m_row *r, m_basis b) { return r->x ? r->x->change[b] : NULL; }
static inline m_value *m_row_rate_b(const m_row *r, m_basis b) { return r->x ? r->x->rate[b] : NULL; }
static inline m_known *m_row_known(const m_row *r) { return r->x ? r->x->known : NULL; }
static inline m_row *m_row_derive_from(const m_row *r) { return r->x ? r->x->derive_from : NULL; }

/* A row block: lines over a selection of the table's columns. */
typedef struct m_block {
    span at;                /* its rows item (a narrative's: empty) */
    const char *classification;
    size_t *cols;           /* value columns, in the order values are written */
    size_t ncols;
    bool beside;            /* `beside`: printed to the right of the block before it */
} m_block;

typedef struct m_indicator {
    const char *level1, *level2, *name;
    span at;
    lang_rel rel;
    const char *rel_text;   /* as written */
    m_value target;         /* the target: an amount, or text */
    const char *published;  /* the target as published: "≧7500单", "有效提升" */
    size_t col;             /* its group's column in m_table.cols */
} m_indicator;

/* The kinds of identity (ck_kind_name spells them). */
typedef enum {
    CK_FOOTING, CK_CROSS_FOOTING, CK_OF_WHICH, CK_IDENTITY,
    CK_YOY_CHANGE, CK_YOY_RATE, CK_INDICATOR_KIND, CK_EXECUTION_RATE,
} ck_kind;
#define CK_NKINDS (CK_EXECUTION_RATE + 1)

struct m_table {
    span at, id_at;         /* its first line, and its id there */
    const char *id, *title;
    bool narrative;
    int number;             /* 表 N; 0 if not given */
    const unit_info *unit;  /* unit of its numbers: its own, else the budget's */
    const char *department;
    const char **notes;
    size_t nnotes;
    int precision;          /* decimals printed (a column of finer
                               precision prints more: prec[].places) */
    m_rounding rounding;    /* its own `rounding` (amount 0: the budget's) */
    m_prec *prec;           /* per column (cols' order): unit and rounding */
    m_col **cols;           /* every column node, pre-order */
    size_t ncols;
    m_row **rows;           /* every row, source pre-order */
    size_t nrows;
    m_row **printed;        /* rows in printed order */
    size_t nprinted;
    m_block *blocks;
    size_t nblocks;
    m_indicator *indicators;
    size_t nindicators;
    bool has_codes;         /* some line has a code */
    /* How codes print (`codes` in the table): in ncode_cols columns headed
     * code_heads ("编码" alone by default; `codes 类 款 项` splits a code
     * 3 + 2 + 2 digits), or not at all (0: no line has a code, or `codes
     * hidden`). */
    size_t ncode_cols;
    const char *const *code_heads;
    /* Side by side (`beside`): its first nsides row blocks stand side by
     * side, line i of each in row i, as 表1 prints income | expenditure;
     * otherwise (0) they follow one another.  The one notion the CSV, the
     * workbook and the web page lay tables out by (layout.h). */
    size_t nsides;
    bool empty;             /* declared `empty`: no figure but blanks */
    size_t exact[CK_NKINDS]; /* exact identities made in it, by kind
                               (counted whether kept or not) */
    struct m_para *paras;   /* a narrative's text: its paragraphs, in order */
    size_t nparas;
};

/* How an identity ends: exact, within rounding (a warning), broken (an
 * error), or known: it fails, and the source acknowledges it with
 * `known "reason"` (a published discrepancy: reported, not an error). */
typedef enum { ST_EXACT, ST_WITHIN, ST_BROKEN, ST_KNOWN } ck_status;

/* A figure an identity reads: a line's value in a column, its stated
 * change or rate there, or last year's value of it. */
typedef enum { M_FIG_VALUE, M_FIG_PREV, M_FIG_CHANGE, M_FIG_RATE } m_fig_what;

typedef struct m_fig {
    const m_row *row;
    uint32_t col;           /* index in row->table->cols */
    uint32_t what;          /* an m_fig_what */
} m_fig;

typedef struct m_identity {
    size_t id;              /* 1-based, in report order */
    ck_kind kind;
    span at;                /* the claim: the declared figure or the check */
    const m_table *table;   /* where it belongs (NULL: top-level check) */
    const char *expression; /* "对个人和家庭的补助 == 退休费 + 生活补助 + 奖励金" */
    const char *column;     /* the column it was made in, or NULL */
    const char *row;        /* a row-by-row check: the line it was made for ("201 一般公共服务支出"), or NULL */
    lang_rel rel;
    qty_kind kind_of_values;
    int pow10;              /* unit to print lhs/rhs in (10^pow10 base units) */
    const char *unit_name;  /* that unit's name */
    dec lhs, rhs, diff;     /* diff = lhs - rhs */
    const char *lhs_text, *rhs_text; /* a side as its source wrote it (201.50,
                               0.83 万元, -), when the report should show it so */
    dec tolerance;          /* bound applied */
    bool tolerance_strict;  /* |diff| < tolerance (rounding rule) vs <= */
    const char *rule;       /* how the tolerance was set, in words */
    ck_status status;
    unsigned nfig;          /* rounded figures involved */
    dec ustep;              /* their rounding unit when they share one, else 0 */
    dec umin, umax;         /* the finest and coarsest rounding unit among them */
    const unit_info *umin_in, *umax_in; /* ... and the units they were written in */
    dec restated;           /* exact once rounded to this (the coarser side's unit), else 0 */
    bool widened;           /* within rounding only with a total counted as its parts */
    bool ival_rule;         /* judged by intervals: rule names what each side allows */
    m_known *known;         /* the marker it stands under, or NULL */
    const m_fig *figs;      /* the figures it reads, the claim first (only
                               when m_model.record_figures; else NULL) */
    size_t nfigs;
} m_identity;

typedef struct m_budget {
    const char *entity;
    int year;
    const unit_info *unit;
    dec rounding;           /* in base units of money */
    lang_tolerance tolerance;
    dec fixed_tolerance;
    const char *previous;   /* path of last year's file, resolved */
    span previous_at;
    span at;
    bool final;             /* `final`: its figures are final accounts (决算) */
} m_budget;

/* ---- the check IR (docs/architecture.md §4) ----
 *
 * Semantic analysis compiles each check once: an operand is a run of
 * nodes in postfix order, literals already parsed, references bound to
 * cells.  The checker evaluates them with a small stack. */

typedef enum {
    IR_NUM,     /* a literal, parsed once */
    IR_REF,     /* a cell: table, row, and a column (or the shape's column) */
    IR_PREV,    /* last year's value of a referenced line's cell */
    IR_CHANGE,  /* this year minus last year, of a referenced line's cell */
    IR_NEG,     /* - x */
    IR_ADD,     /* l + r */
    IR_SUB,     /* l - r */
    IR_MUL,     /* l * r: an amount by a number or a rate */
    IR_DIV,     /* l / r: a share or a rate (amount / amount, in %), or an amount by a number */
    IR_BAD,     /* cannot be evaluated: its message is reported when it is
                   (the `skip` nodes after it count only for the shape) */
} ir_op;

typedef struct ir_node {
    unsigned char op;       /* an ir_op */
    unsigned char kind;     /* IR_NUM: the literal's qty_kind (KIND_NONE: a plain number);
                               IR_CHANGE: 1 when it is rate()'s (change / prev) */
    unsigned char basis;    /* PREV, CHANGE: the lang_basis written (budget(X): BASIS_THIS_BUDGET) */
    bool vec;               /* REF, PREV, CHANGE: no column named: the shape's column */
    unsigned char rows;     /* REF, PREV, CHANGE: 0 the line bound; k: the lines k levels
                               under it, M_ROWS_ALL: every line under it (a path ending in
                               a slash and a star, or two stars): made row by row */
    uint32_t col;           /* REF, PREV, CHANGE: the column when !vec; BAD: nodes to skip */
    uint32_t begin, end;    /* the node's span in the check's file (BAD: its message's) */
    uint32_t arg_begin, arg_end; /* PREV, CHANGE: the span of the line referred to */
    union {
        struct { const m_table *table; const m_row *row; } ref; /* row NULL: not bound */
        struct { dec v; const unit_info *unit; signed char places; } num;
        struct { const char *check, *msg; } bad;
    } u;
} ir_node;

#define M_ROWS_ALL 255
#define M_NOCOL UINT32_MAX

/* One side of a check: its nodes ir[first .. first + n). */
typedef struct m_check_op {
    uint32_t first, n;
    span at;
} m_check_op;

/* An explicit check: operands joined by relations, in the table or
 * narrative it stands in (ctx, or NULL at the top level). */
typedef struct m_check {
    span at;                /* the check's first line, keyword included */
    m_table *ctx;
    ir_node *ir;
    size_t nir;
    m_check_op *ops;
    size_t nops;
    lang_rel *rels;         /* nops - 1 relations, and where each is written */
    span *rel_ats;
    lang_tolerance tol;
    dec within;             /* TOL_WITHIN: the bound, in base units */
    const char *within_error; /* TOL_WITHIN: why the bound did not parse */
    span within_at;
    const char *label;      /* as "...": its name in the report, or NULL */
    m_known *known;         /* known "...", or NULL */
    /* Its shape, decided when its references were bound: a vector over
     * the columns of one row block (shape_b), or a scalar (NULL). */
    const m_table *shape_t;
    const m_block *shape_b;
    bool shape_error;       /* two vector sides with other columns: */
    span shape_at, shape_other_at;  /* this side, and the other */
    /* Vector sides whose columns differ are matched by the columns'
     * labels: colmap[node][position] is the column node `node` reads at
     * each position of the shape (M_NOCOL: none has that label there, and
     * the position is not compared); colmap NULL, or colmap[node] NULL:
     * the shape's own columns.  shape_ambiguous: a label names several
     * columns of shape_ambiguous_t, so columns cannot be matched. */
    uint32_t **colmap;
    const char *shape_ambiguous;
    const m_table *shape_ambiguous_t;
    /* The shape's columns of shape_t by position (a block's, or a list
     * written (A, B, C)), npos of them (0: a scalar check). */
    const size_t *shape_cols;
    size_t npos;
    /* Per node (NULL: none has one): the columns written as a list, in
     * order (t03[合计, (本年支出合计, 基本支出)]), ncollist[node] of them;
     * shape_lens: two lists of different lengths (this side's, the other's). */
    uint32_t **collist;
    uint32_t *ncollist;
    uint32_t shape_lens[2];
    bool by_rows;           /* a reference names the lines under a line: made row by row */
    bool unbound;           /* an operand is a reference that did not resolve */
} m_check;

/* The span of node x of check ck. */
static inline span ir_span(const m_check *ck, const ir_node *x)
{
    span s = { ck->at.file, x->begin, x->end };
    return s;
}

/* ---- a narrative's text (docs/language.md §5.1) ----
 *
 * Paragraphs of text with placeholders: `{部门预算收入}` prints a figure,
 * `{change(X):增加|减少}` the word for its sign and its magnitude.  Each
 * placeholder's expression is compiled as a check of one operand and
 * evaluated by the checker (check_model); prose.h prints them. */

/* How a placeholder prints its value (prose.h). */
typedef enum {
    PH_FIGURE,      /* {E}       the figure and its unit: 7,440 万元, -274 万元, 4%, 15 个, 2022 */
    PH_NUMBER,      /* {E:#}     the figure alone: 7,440 */
    PH_SIGNED,      /* {E:增加|减少}  the word for its sign, then its magnitude: 减少 274 万元 */
    PH_WORD,        /* {E?增加|减少}  the word for its sign alone: 减少 */
} m_ph_form;

typedef struct m_placeholder {
    m_check ck;             /* its expression: one operand, standing in its narrative;
                               ck.at: the placeholder, braces included */
    unsigned char form;     /* an m_ph_form */
    bool stated_rate;       /* rate(LINE): the line's stated rate, when it states one */
    const char *words[3];   /* PH_SIGNED, PH_WORD: the word for a value >= 0
                               (> 0 when words[2]), < 0, and = 0 (or NULL) */
    bool ok;                /* evaluated: value holds it */
    m_value value;          /* a figure as written (declared), or computed */
} m_placeholder;

/* A run of a paragraph: text, a placeholder, or (in a table) the end of
 * a cell or of a row. */
typedef enum { RUN_TEXT, RUN_PH, RUN_CELL, RUN_ROW } m_run_kind;

typedef struct m_run {
    unsigned char kind;     /* an m_run_kind */
    const char *text;       /* RUN_TEXT: the text */
    size_t ph;              /* RUN_PH: index in m_model.phs */
} m_run;

/* A paragraph, or a table (lines of text that start with '|': cells
 * end with RUN_CELL, rows with RUN_ROW; the first row is its head). */
typedef struct m_para {
    span at;                /* its first line */
    bool table;
    size_t ncells;          /* a table: cells a row */
    m_run *runs;
    size_t nruns;
} m_para;

typedef struct m_model {
    arena *a;               /* the compilation's, for texts made on demand */
    strtab *names;
    m_budget budget;
    m_check *checks;        /* explicit checks, in source order */
    size_t nchecks;
    m_table **tables;       /* tables and narratives, in source order */
    size_t ntables;
    m_identity *ids;
    size_t nids;
    bool record_exact;      /* keep exact identities in ids (for a report);
                               when false they are only counted */
    size_t nunrecorded;     /* exact identities counted, not kept */
    bool parsed;            /* the main file parsed without an error (what
                               resolves may still be incomplete) */
    size_t exact_top[CK_NKINDS]; /* exact identities of top-level checks, by kind */
    bool record_figures;    /* give every kept identity its figures (for the
                               published document's links) */
    struct check_prev *prev_index; /* last year's lines, indexed by the
                               checker (check_prev_value) */
    struct m_model *prev;   /* last year's model, when imported */
    const src_file **sources; /* every file read for this budget, its own
                               first (imports after; not last year's) */
    size_t nsources;
    m_placeholder *phs;     /* the placeholders of every narrative's text */
    size_t nphs;
} m_model;

struct ast_file;

/* How a file is compiled: where its files come from, what it may be. */
typedef struct resolve_opts {
    const char *import_root; /* fallback folder for relative imports, or NULL */
    bool with_previous;      /* read last year's budget named by 'previous' */
    bool library_ok;         /* a file of classifications, column sets and
                                imports only needs no budget header */
    const char *const *lib_dirs; /* -I: library folders searched first (libpath.h) */
    size_t nlib_dirs;
    bool import_anywhere;    /* imports and previous may name any file; by
                                default only those below the main file's
                                repository (or folder) and import_root
                                (docs/security.md) */
    /* Reads a file (NULL: src_load from disk).  The language server hands
     * over the buffers an editor holds open this way; err as src_load. */
    src_file *(*read)(void *ctx, arena *a, const char *path, const char **err);
    void *read_ctx;
    /* When not NULL, receives the syntax trees of m->sources, in their
     * order (the model itself never points into a tree): a tool that
     * needs the tree (the language server) keeps it this way. */
    const struct ast_file ***trees;
} resolve_opts;

/* Resolves the file at path (and its imports): builds the model, reporting
 * every structural error to diags.  Returns NULL only when the file cannot
 * be read (the message is already in diags, unlocated). */
m_model *resolve_file(arena *a, strtab *names, diag_list *diags, const char *path);
/* The same, where a relative import or previous file that is not found
 * beside the file is looked for under import_root (see docs/git.md), and
 * last year's file is read only when with_previous. */
m_model *resolve_file_rooted(arena *a, strtab *names, diag_list *diags, const char *path, const char *import_root,
                             bool with_previous);

/* resolve_file with every option of resolve_opts. */
m_model *resolve_file_opts(arena *a, strtab *names, diag_list *diags, const char *path, const resolve_opts *o);

/* Derives the values left out (the first half of check_model; enough
 * for last year's budget, whose own identities are its own business). */
void check_derive(arena *a, diag_list *diags, m_model *m);

/* Derives the values left out and evaluates every identity, appending
 * them to m->ids in report order and a diagnostic for each one not exact
 * (warning within rounding, error when broken). */
void check_model(arena *a, diag_list *diags, m_model *m);

/* Last year's value of row's cell in column col, as the checker knows it:
 * stated with `was`, from last year's budget (`previous`), or this year
 * less a stated change.  False when none is known.  Valid after
 * check_model; last year's budget is matched for every table only when
 * m->record_figures was set (else for the tables the checker needed). */
bool check_prev_value(const m_model *m, const m_row *row, size_t col, m_value *out);

const char *ck_kind_name(ck_kind k);     /* "footing", "cross-footing", ... */
const char *ck_status_name(ck_status s); /* "exact", "within_rounding", "broken", "known" */

/* A row's label path ("预算/项目支出/预算准备金"), in m's arena, made on first
 * use: most compilations never need one. */
const char *model_row_path(const m_model *m, const m_row *row);
/* Makes every row's path (for a tool that reads m_row.path directly). */
void model_fill_paths(const m_model *m);

/* The precision of each column of t (t->prec) and t->precision, from
 * the declarations of the column, its parents, t and the budget; the
 * table's unit and columns must be final (prec.c). */
void prec_fill(arena *a, const m_budget *b, m_table *t);
/* The rounding unit of figure v written in column ci of t, in base
 * units: half of it is the most the printed figure can be off.  0 for
 * what is exact: counts, blanks, values fisc derived (their parts have
 * one each).  A figure written with more decimals than the rounding is
 * rounded to its last digit. */
dec prec_figure(const m_table *t, size_t ci, const m_value *v);
/* Decimals column ci of t prints with. */
static inline int m_col_places(const m_table *t, size_t ci)
{
    return t->prec ? t->prec[ci].places : t->precision;
}

/* Lookup by id among tables. */
m_table *model_table(const m_model *m, const char *id);

#endif

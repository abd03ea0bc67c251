/* model.h: the resolved budget, and the identities checked on it.
 *
 * The resolver turns the syntax tree into tables of rows and columns
 * (every name bound, every value parsed into an exact amount); the checker
 * derives the values left out and evaluates every identity, implicit
 * (footing, cross-footing, of-which, year over year) and explicit (check).
 * The emitters read only this model: they never see the syntax tree. */
#ifndef FISC_MODEL_H
#define FISC_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "ast.h"
#include "decimal.h"
#include "diag.h"

/* One cell: a declared claim, a derived value, text, or nothing. */
/* 40 bytes: a budget has one per line and column, millions of them. */
typedef struct m_value {
    bool present;           /* has a value (declared or derived) */
    bool declared;          /* written in the source: a claim */
    unsigned char kind;     /* a qty_kind; KIND_NONE when absent */
    signed char places;     /* decimals as written (declared numbers) */
    unsigned nfig;          /* published figures it stands for (0 if derived from none) */
    const unit_info *unit;  /* money: the unit it was written in */
    dec v;                  /* amount in the base unit of its kind */
    const char *text;       /* KIND_TEXT contents, or an indicator target as published */
    const ast_value *src;   /* the literal, when declared */
} m_value;

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
} m_col;

typedef struct m_table m_table;

typedef struct m_row {
    const char *label;      /* as printed */
    const char *code;       /* NULL when none */
    span at;
    const ast_item *item;
    struct m_row *parent;
    struct m_row **kids;
    size_t nkids;
    bool total;             /* printed after its children */
    bool ofwhich;
    size_t block;           /* index of its row block in the table */
    m_value *cells;         /* one per m_table.cols entry */
    m_value *was;           /* last year's, per column (NULL if none) */
    m_value *change;        /* stated change, per column (NULL if none) */
    m_value *rate;          /* stated rate, per column (NULL if none) */
    const char *path;       /* label path from the block's root; made on
                               demand by model_row_path (NULL until then) */
    ast_derive derive;      /* values derived year over year from ... */
    struct m_row *derive_from;  /* ... this line (prev, change or rate) */
    m_table *table;
} m_row;

/* A row block: lines over a selection of the table's columns. */
typedef struct m_block {
    const ast_item *item;
    const char *classification;
    size_t *cols;           /* value columns, in the order values are written */
    size_t ncols;
} m_block;

typedef struct m_indicator {
    const char *level1, *level2, *name;
    span at;
    ast_rel rel;
    const char *rel_text;   /* as written */
    m_value target;         /* target.text holds the published form: "≧7500单" */
    size_t col;             /* its group's column in m_table.cols */
} m_indicator;

struct m_table {
    const ast_item *item;
    const char *id, *title;
    bool narrative;
    int number;             /* 表 N; 0 if not given */
    const unit_info *unit;  /* unit of its numbers: its own, else the budget's */
    const char *department;
    const char **notes;
    size_t nnotes;
    int precision;          /* decimals printed */
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
    bool has_codes;         /* print a code column */
};

typedef enum {
    CK_FOOTING, CK_CROSS_FOOTING, CK_OF_WHICH, CK_IDENTITY,
    CK_YOY_CHANGE, CK_YOY_RATE, CK_INDICATOR_KIND,
} ck_kind;

typedef enum { ST_EXACT, ST_WITHIN, ST_BROKEN } ck_status;

typedef struct m_identity {
    size_t id;              /* 1-based, in report order */
    ck_kind kind;
    span at;                /* the claim: the declared figure or the check */
    const m_table *table;   /* where it belongs (NULL: top-level check) */
    const char *expression; /* "对个人和家庭的补助 == 退休费 + 生活补助 + 奖励金" */
    const char *column;     /* the column it was made in, or NULL */
    ast_rel rel;
    qty_kind kind_of_values;
    int pow10;              /* unit to print lhs/rhs in (10^pow10 base units) */
    const char *unit_name;  /* that unit's name */
    dec lhs, rhs, diff;     /* diff = lhs - rhs */
    dec tolerance;          /* bound applied */
    bool tolerance_strict;  /* |diff| < tolerance (rounding rule) vs <= */
    const char *rule;       /* how the tolerance was set, in words */
    ck_status status;
    unsigned nfig;          /* published figures involved */
} m_identity;

typedef struct m_budget {
    const char *entity;
    int year;
    const unit_info *unit;
    dec rounding;           /* in base units of money */
    ast_tolerance tolerance;
    dec fixed_tolerance;
    const char *previous;   /* path of last year's file, resolved */
    span previous_at;
    span at;
} m_budget;

/* An explicit check and the table or narrative it stands in (or NULL). */
typedef struct m_check {
    const ast_item *item;
    m_table *ctx;
} m_check;

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
    struct m_model *prev;   /* last year's model, when imported */
    const ast_file **files; /* the syntax tree of every file read, this
                               budget's first (for the language server) */
    size_t nfiles;
} m_model;

/* How a file is compiled: where its files come from, what it may be. */
typedef struct resolve_opts {
    const char *import_root; /* fallback folder for relative imports, or NULL */
    bool with_previous;      /* read last year's budget named by 'previous' */
    bool library_ok;         /* a file of classifications, column sets and
                                imports only needs no budget header */
    bool import_anywhere;    /* imports and previous may name any file; by
                                default only those below the main file's
                                repository (or folder) and import_root
                                (docs/security.md) */
    /* Reads a file (NULL: src_load from disk).  The language server hands
     * over the buffers an editor holds open this way; err as src_load. */
    src_file *(*read)(void *ctx, arena *a, const char *path, const char **err);
    void *read_ctx;
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

const char *ck_kind_name(ck_kind k);     /* "footing", "cross-footing", ... */
const char *ck_status_name(ck_status s); /* "exact", "within_rounding", "broken" */

/* A row's label path ("预算/项目支出/预算准备金"), interned, made on first
 * use: most compilations never need one. */
const char *model_row_path(const m_model *m, const m_row *row);
/* Makes every row's path (for a tool that reads m_row.path directly). */
void model_fill_paths(const m_model *m);

/* Lookup by id among tables. */
m_table *model_table(const m_model *m, const char *id);

#endif

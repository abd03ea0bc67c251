/* lsp_index.h: what the language server knows about one compiled buffer.
 *
 * The one place of the server that reads the compiler's syntax tree and
 * model (src/lsp_index.c); the features read this index.  When the
 * compiler's data structures change, this module is what is ported.
 *
 * Every name in the buffer is an occurrence: a definition (a table id, a
 * line's label or code, a column, a classification and its codes, a
 * column set) or a reference to one (a check's TABLE[ROW, COLUMN], a
 * `rows` classification, `columns SET`, `for COLUMN`, `prev(LINE)`, an
 * import).  A reference knows its definition by the definition's span
 * (file and offset), so definitions and references match across files
 * and across compilations (rename works over every open buffer).  Every
 * figure is an occurrence too, tied to its cell. */
#ifndef FISC_LSP_INDEX_H
#define FISC_LSP_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "model.h"

typedef enum {
    OCC_TABLE,      /* a table's or narrative's id */
    OCC_ROW,        /* a line's label or code, or a path segment naming a line */
    OCC_COL,        /* a column's label, or a path segment naming a column */
    OCC_CLASS,      /* a classification's name */
    OCC_ENTRY,      /* a code or name in a classification */
    OCC_COLSET,     /* a named column set */
    OCC_FILE,       /* the file in import "..." or previous "..." */
    OCC_FIGURE,     /* a value written on a line: a number, `_` or text */
    OCC_UNIT,       /* the unit after a number */
    OCC_NUMBER,     /* a number in a check or an attribute (not a cell) */
} lsp_occ_kind;

/* Which of a line's lists a figure is in. */
typedef enum { FIG_VALUE, FIG_WAS, FIG_CHANGE, FIG_RATE } lsp_fig_slot;

typedef struct lsp_occ {
    uint32_t begin, end;    /* bytes in the indexed buffer */
    unsigned char kind;     /* lsp_occ_kind */
    unsigned char slot;     /* OCC_FIGURE: lsp_fig_slot */
    bool def;               /* the definition itself */
    bool code;              /* the name is a code */
    bool bare;              /* a line's last name, and the line states no value */
    span def_at;            /* the definition's name; file NULL: unresolved */
    span alt_at;            /* a line's code: the classification entry it names */
    const m_table *table;   /* the table it is in or names (NULL: none) */
    const m_row *row;       /* OCC_ROW, OCC_FIGURE: the line */
    const m_col *col;       /* OCC_COL: the column; OCC_FIGURE: its column */
    size_t ci;              /* OCC_FIGURE: the cell's column index */
    const char *path;       /* OCC_FILE: the file, as the compiler found it */
    const char *name;       /* the name as the compiler knows it (interned) */
} lsp_occ;

/* A node of the outline (document symbols). */
typedef enum {
    OUT_BUDGET, OUT_IMPORT, OUT_CLASSIFICATION, OUT_ENTRY, OUT_COLSET, OUT_TABLE,
    OUT_NARRATIVE, OUT_COLUMN, OUT_ROWS, OUT_LINE, OUT_CHECK, OUT_INDICATORS,
} lsp_outline_kind;

typedef struct lsp_outline {
    lsp_outline_kind kind;
    const char *name, *detail;
    uint32_t begin, end;            /* the whole item, block included */
    uint32_t sel_begin, sel_end;    /* its name */
    struct lsp_outline *kids;
    size_t nkids;
} lsp_outline;

/* What a classification offers to completion: a code and its name. */
typedef struct lsp_entry {
    const char *classification, *code, *label;
    span at;
} lsp_entry;

typedef struct lsp_index {
    const m_model *m;
    const src_file *src;    /* the indexed buffer, as compiled */
    lsp_occ *occ;           /* sorted by begin, non-overlapping */
    size_t nocc;
    lsp_outline *outline;   /* the file's top-level items */
    size_t noutline;
    lsp_entry *entries;     /* every classification entry in scope */
    size_t nentries;
    const char **classes;   /* classification names in scope */
    size_t nclasses;
    const char **colsets;   /* column set names in scope */
    size_t ncolsets;
    bool checked;           /* the checker ran: derived values and identities exist */
} lsp_index;

/* Indexes m's own file (m->sources[0], whose syntax tree is trees[0];
 * trees holds one per source); everything lives in a.  checked says
 * whether check_model ran on m. */
lsp_index *lsp_index_build(arena *a, const m_model *m, const struct ast_file **trees, bool checked);

/* The occurrence at byte off: the one with begin <= off <= end, the one
 * starting at off when two touch.  NULL when off is on no name. */
const lsp_occ *lsp_index_at(const lsp_index *x, uint32_t off);

/* The identities of the figure in (row, column ci): the one it states
 * (footing of its parts, cross-footing of its sub-columns, of-which,
 * year over year) and those it is a part of (its parent's footing, its
 * parent column's cross-footing, every explicit check naming it).  At
 * most cap, in report order; returns how many there are. */
size_t lsp_index_cell_ids(const lsp_index *x, const m_row *row, size_t ci, const m_identity **out, size_t cap);

/* Identities stated by the check whose item starts at byte off. */
size_t lsp_index_check_ids(const lsp_index *x, uint32_t off, const m_identity **out, size_t cap);

/* A cell's value for people: "7,440 万元", with thousands separators, in
 * its table's unit ("85%", "105 台"); "" when the cell is empty. */
const char *lsp_value_text(arena *a, const m_model *m, const m_table *t, const m_value *v);
/* An identity's sides for people, in its unit. */
const char *lsp_amount_text(arena *a, dec v, int pow10);

/* The explicit check whose text covers byte off: its span, or false. */
bool lsp_index_check_at(const lsp_index *x, uint32_t off, uint32_t *begin, uint32_t *end);

/* A line's values in its columns, as the table prints them ("7,440 ·
 * 5,399 · 1,677"; "?" for a cell left without a value). */
const char *lsp_row_values(arena *a, const lsp_index *x, const m_row *row);
/* The value of (row, ci), NULL when there is none. */
const m_value *lsp_cell(const m_row *row, size_t ci, lsp_fig_slot slot);
/* An identity in one line for people: "footing in 总计: 对个人和家庭的补助 =
 * 退休费 + 生活补助 + 奖励金: 249 vs 250 (difference -1 万元; ...)". */
const char *lsp_identity_text(arena *a, const m_identity *id);

/* Identities of table t (NULL: the checks outside any table) by status. */
void lsp_index_status_counts(const lsp_index *x, const m_table *t, size_t counts[3]);

#endif

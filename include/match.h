/* match.h: the same line in another budget.
 *
 * One rule, used by last year's budget (`previous`: prev(), stated changes
 * and rates), `fisc diff` and `fisc textconv` (docs/architecture.md §5):
 *
 *   tables by id; columns by printed header (the i-th column with a
 *   header is the i-th of the other side with it); lines by code when both
 *   have one, then by label path when their codes do not contradict, then
 *   by label alone when it is unique among the lines still unmatched on
 *   both sides and the codes do not contradict.
 *
 * Every pass is hash-indexed: matching two tables is linear in their
 * lines.  Strings are compared by contents, as labels (label.h: full-width
 * and ASCII punctuation alike), since the two budgets may come from
 * two compilations. */
#ifndef FISC_MATCH_H
#define FISC_MATCH_H

#include <stddef.h>
#include "model.h"

#define MATCH_NONE ((size_t)-1)

/* A multimap from strings (by contents, as labels; NULL reads as "") to indexes
 * 0..n-1.  Each string's indexes are chained in increasing order from its
 * slot's cursor (first), which a pass may advance past the ones it has
 * used. */
typedef struct match_index {
    const char **key;       /* per slot: the string, or NULL (empty slot) */
    size_t *first;          /* per slot: the cursor, the first index not passed */
    size_t *count;          /* per slot: indexes added */
    size_t cap;             /* slots, a power of two */
    size_t *next;           /* per index: the next one with its string */
} match_index;

/* An empty index for indexes below n (malloc'd; exits when out of memory). */
void match_index_init(match_index *x, size_t n);
void match_index_free(match_index *x);
/* Adds index i under s.  Add in decreasing order of i, so that each chain
 * reads in increasing (source) order. */
void match_index_add(match_index *x, const char *s, size_t i);
/* The slot of s, or MATCH_NONE when nothing was added under it. */
size_t match_index_find(const match_index *x, const char *s);

/* The lines of one table in source pre-order, each with its parent's
 * index and its match on the other side (-1: none). */
typedef struct match_line {
    const m_row *row;
    long parent;
    long match;
} match_line;

typedef struct match_side {
    const m_model *m;       /* the model the table belongs to (for paths) */
    const m_table *t;
    match_line *lines;
    size_t n;
} match_side;

/* The lines of t (NULL: none), of model m, unmatched. */
void match_side_init(match_side *s, const m_model *m, const m_table *t);
void match_side_free(match_side *s);

/* The lines rows[0..n) of model m, unmatched: a part of a table (the
 * lines under a line that a row-by-row check ties to another's). */
void match_side_rows(match_side *s, const m_model *m, const m_row *const *rows, size_t n);

/* Matches the lines of o (the other budget's) and n by the rule above,
 * setting each line's match.  Label paths are made (model_row_path) only
 * for the lines a pass needs them of. */
void match_lines(match_side *o, match_side *n);

/* The columns: cmap[i] is the column of ot matched with column i of nt
 * (-1: none), printed columns only when printed_only. */
void match_columns(const m_table *ot, const m_table *nt, bool printed_only, long *cmap);

#endif

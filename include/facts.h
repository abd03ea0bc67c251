/* facts.h: everything of a budget that is not a figure, as text.
 *
 * A budget is more than its figures: its header (year, unit, rounding,
 * tolerance, last year's file), each table's attributes (title, number,
 * unit, rounding, department, notes, precision, empty, a column's own unit
 * and rounding), its checks with their tolerance, name and `known`
 * marker.  Each is a fact: a scope (the table's id; "budget" for the
 * header, "check" for the top-level checks), a key and a value, all text.
 * `fisc textconv` prints them and `fisc diff` compares them, so that a
 * change to any of them shows in version control (docs/git.md).  A check's
 * key is its relation as written (blanks collapsed) and its value what
 * qualifies it, so a check whose tolerance or marker changed is changed,
 * not removed and added. */
#ifndef FISC_FACTS_H
#define FISC_FACTS_H

#include <stddef.h>
#include "model.h"

typedef struct fact {
    const char *scope;      /* a table's id, "budget" or "check" */
    const char *key;        /* "rounding", "note 2", "column 其中 unit", "check a == b" */
    const char *val;        /* "0.01 万元", ..., for a check: "within 1 as \"名\" known \"…\"" ("" for none) */
    const char *same;       /* what two facts compare by (an amount in base units), or NULL: val */
    size_t ord;             /* its place in the source order (the sort's tie-breaker) */
} fact;

typedef struct facts {
    fact *v;
    size_t n, cap;
} facts;

/* The facts of m, in source order, their texts in m's arena (v is
 * malloc'd: free it). */
void facts_of(const m_model *m, facts *out);
/* Sorts f by scope, key and source order, for facts_diff. */
void facts_sort(facts *f);
/* Walks two sorted lists in step: fn(old, new) for each fact whose key
 * is on either side, with NULL for the side that lacks it (facts of one
 * key pair up in source order). */
void facts_diff(const facts *o, const facts *n, void (*fn)(void *ctx, const fact *old, const fact *nw), void *ctx);

#endif

/* match.c: the same line in another budget (match.h states the rule).
 *
 * Lines are matched in three passes over the new table's lines, in source
 * order, each against an index of the old table's lines:
 *   1. by code: each new line with a code takes the first old line with
 *      that code still unmatched;
 *   2. by label path, where the codes do not contradict: a new line still
 *      unmatched after pass 1 has a code that no unmatched old line has
 *      (pass 1 gave each the first old line with it), so "agrees" means an
 *      old line without a code -- one index for all old lines, one for
 *      those without a code;
 *   3. by label, when each side has exactly one unmatched line with it (of
 *      the old ones, those whose code agrees).  Such a link takes the
 *      label's last candidates, so the counts taken before the pass hold
 *      throughout it.
 * Each index is a multimap from strings to line indexes whose chains run
 * in source order; a chain's cursor moves past lines already matched, so
 * no line is looked at twice.  Paths are made only when pass 2 runs. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "label.h"
#include "match.h"

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fputs("fisc: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

/* ---- an index of strings by contents ------------------------------------ */

/* Labels, paths and headers are compared as labels (label.h): `维修(护)费`
 * last year is `维修（护）费` this year. */


void match_index_init(match_index *x, size_t n)
{
    x->cap = 16;
    while (x->cap < 2 * n)
        x->cap *= 2;
    x->key = xcalloc(x->cap, sizeof *x->key);
    x->first = xcalloc(x->cap, sizeof *x->first);
    x->count = xcalloc(x->cap, sizeof *x->count);
    x->next = xcalloc(n, sizeof *x->next);
}

void match_index_free(match_index *x)
{
    free((void *)x->key);
    free(x->first);
    free(x->count);
    free(x->next);
}

/* The slot of string s (NULL reads as ""): where it is, or where it goes. */
static size_t slot_of(const match_index *x, const char *s)
{
    if (!s)
        s = "";
    size_t j = label_hash(s) & (x->cap - 1);
    while (x->key[j] && !label_same(x->key[j], s))
        j = (j + 1) & (x->cap - 1);
    return j;
}

void match_index_add(match_index *x, const char *s, size_t i)
{
    size_t j = slot_of(x, s);
    if (!x->key[j]) {
        x->key[j] = s ? s : "";
        x->first[j] = MATCH_NONE;
    }
    x->next[i] = x->first[j];
    x->first[j] = i;
    x->count[j]++;
}

size_t match_index_find(const match_index *x, const char *s)
{
    size_t j = slot_of(x, s);
    return x->key[j] ? j : MATCH_NONE;
}

/* ---- lines ----------------------------------------------------------------- */

/* The parent of each line is on the stack of its ancestors, which a
 * pre-order walk keeps (its depth is bounded by the nesting limit). */
void match_side_init(match_side *s, const m_model *m, const m_table *t)
{
    s->m = m;
    s->t = t;
    s->n = t ? t->nrows : 0;
    s->lines = xcalloc(s->n, sizeof *s->lines);
    size_t *stack = xcalloc(s->n, sizeof *stack), depth = 0;
    for (size_t i = 0; i < s->n; i++) {
        s->lines[i].row = t->rows[i];
        s->lines[i].parent = -1;
        s->lines[i].match = -1;
        const m_row *p = t->rows[i]->parent;
        while (depth > 0 && t->rows[stack[depth - 1]] != p)
            depth--;
        if (p && depth > 0)
            s->lines[i].parent = (long)stack[depth - 1];
        stack[depth++] = i;
    }
    free(stack);
}

void match_side_rows(match_side *s, const m_model *m, const m_row *const *rows, size_t n)
{
    s->m = m;
    s->t = n ? rows[0]->table : NULL;
    s->n = n;
    s->lines = xcalloc(n, sizeof *s->lines);
    for (size_t i = 0; i < n; i++) {
        s->lines[i].row = rows[i];
        s->lines[i].parent = -1;
        s->lines[i].match = -1;
    }
}

void match_side_free(match_side *s)
{
    free(s->lines);
    s->lines = NULL;
    s->n = 0;
}

static void link_lines(match_side *o, size_t io, match_side *n, size_t in)
{
    o->lines[io].match = (long)in;
    n->lines[in].match = (long)io;
}

/* The first old line at slot j of x that is still unmatched (the cursor
 * moves past matched ones: they stay matched), or MATCH_NONE. */
static size_t first_unmatched(match_index *x, size_t j, const match_side *o)
{
    if (j == MATCH_NONE)
        return MATCH_NONE;
    while (x->first[j] != MATCH_NONE && o->lines[x->first[j]].match >= 0)
        x->first[j] = x->next[x->first[j]];
    return x->first[j];
}

typedef enum { BY_CODE, BY_PATH, BY_LABEL } key_kind;

static const char *key_of(const match_side *s, size_t i, key_kind k)
{
    const m_row *r = s->lines[i].row;
    switch (k) {
    case BY_CODE: return r->code;
    case BY_PATH: return model_row_path(s->m, r);
    case BY_LABEL: return r->label;
    }
    return NULL;
}

/* Old lines (unmatched ones only, when `unmatched`) under a key; with
 * `coded` false, only lines without a code. */
static void index_old(match_index *x, const match_side *o, key_kind k, bool unmatched, bool coded)
{
    match_index_init(x, o->n);
    for (size_t j = o->n; j-- > 0;) {
        const m_row *q = o->lines[j].row;
        if ((unmatched && o->lines[j].match >= 0) || (!coded && q->code))
            continue;
        const char *key = key_of(o, j, k);
        if (k != BY_CODE || key)
            match_index_add(x, key, j);
    }
}

static bool all_matched(const match_side *n)
{
    for (size_t i = 0; i < n->n; i++)
        if (n->lines[i].match < 0)
            return false;
    return true;
}

void match_lines(match_side *o, match_side *n)
{
    match_index by_code, by_path, by_path_uncoded;
    index_old(&by_code, o, BY_CODE, false, true);
    for (size_t i = 0; i < n->n; i++) {
        const m_row *r = n->lines[i].row;
        size_t j = r->code ? first_unmatched(&by_code, match_index_find(&by_code, r->code), o) : MATCH_NONE;
        if (j != MATCH_NONE)
            link_lines(o, j, n, i);
    }
    match_index_free(&by_code);
    if (all_matched(n))
        return;

    /* Only old lines still unmatched: the cursor would skip the others,
     * and their paths need not be made. */
    index_old(&by_path, o, BY_PATH, true, true);
    index_old(&by_path_uncoded, o, BY_PATH, true, false);
    for (size_t i = 0; i < n->n; i++) {
        if (n->lines[i].match >= 0)
            continue;
        const m_row *r = n->lines[i].row;
        match_index *x = r->code ? &by_path_uncoded : &by_path;
        size_t j = first_unmatched(x, match_index_find(x, key_of(n, i, BY_PATH)), o);
        if (j != MATCH_NONE)
            link_lines(o, j, n, i);
    }
    match_index_free(&by_path);
    match_index_free(&by_path_uncoded);
    if (all_matched(n))
        return;

    match_index old_label, old_label_uncoded, new_label;
    index_old(&old_label, o, BY_LABEL, true, true);
    index_old(&old_label_uncoded, o, BY_LABEL, true, false);
    match_index_init(&new_label, n->n);
    for (size_t i = n->n; i-- > 0;)
        if (n->lines[i].match < 0)
            match_index_add(&new_label, n->lines[i].row->label, i);
    for (size_t i = 0; i < n->n; i++) {
        if (n->lines[i].match >= 0)
            continue;
        const m_row *r = n->lines[i].row;
        size_t twins = new_label.count[match_index_find(&new_label, r->label)];
        match_index *x = r->code ? &old_label_uncoded : &old_label;
        size_t j = match_index_find(x, r->label);
        if (twins == 1 && j != MATCH_NONE && x->count[j] == 1)
            link_lines(o, x->first[j], n, i);
    }
    match_index_free(&old_label);
    match_index_free(&old_label_uncoded);
    match_index_free(&new_label);
}

/* ---- columns ----------------------------------------------------------------- */

void match_columns(const m_table *ot, const m_table *nt, bool printed_only, long *cmap)
{
    match_index headers;
    match_index_init(&headers, ot->ncols);
    for (size_t j = ot->ncols; j-- > 0;)
        if (!printed_only || ot->cols[j]->printed)
            match_index_add(&headers, ot->cols[j]->header, j);
    for (size_t i = 0; i < nt->ncols; i++) {
        cmap[i] = -1;
        if (printed_only && !nt->cols[i]->printed)
            continue;
        size_t h = match_index_find(&headers, nt->cols[i]->header);
        if (h != MATCH_NONE && headers.first[h] != MATCH_NONE) {
            cmap[i] = (long)headers.first[h];
            headers.first[h] = headers.next[headers.first[h]];
        }
    }
    match_index_free(&headers);
}

/* ydiff.c: the year-over-year difference of two budgets (`fisc diff`) and
 * a line-per-figure view of one budget for git (`fisc textconv`).
 *
 * diff compiles OLD and NEW, then matches them up by the one rule for
 * "the same line in another budget" (match.h: tables by id, columns by
 * header, lines by code, then label path, then unique label; linear).  A
 * column on one side only is added or removed, and an added and a
 * removed column at the same position are reported as a rename.  A
 * matched line whose parent is not the match of its old parent, or whose
 * path changed, is reported as moved.
 * Every matched line is compared in every matched column where either
 * side has a value: amounts exactly, in base units (so 元 against 万元
 * compares correctly), text by its contents.  The differences are
 * collected into one list in a stable order -- NEW's tables in source
 * order, within a table its column changes, then NEW's lines in source
 * order, then the removed lines in OLD's order; removed tables last, in
 * OLD's order -- and rendered as text (for a person: totals first, then
 * per table), CSV or JSON.  Amounts print in NEW's table unit.
 *
 * textconv prints the figures an author wrote (declared values, not the
 * ones fisc derives), so that one edited figure is one changed line in
 * `git diff`, whether the budget balances or even resolves; a file that
 * does not parse is printed as it is, its control characters escaped.  Every text from a budget (ids, labels,
 * paths) goes out through present.h: escaped for a terminal, disarmed
 * in CSV, lossless in JSON.
 *
 * Output goes through stdio's buffer; write errors are checked once, at
 * the end.  No floating point: rates come from dec_rate. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "driver.h"
#include "emit.h"
#include "facts.h"
#include "i18n.h"
#include "label.h"
#include "match.h"
#include "present.h"
#include "ydiff.h"

static bool streq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

/* ---- the list of differences ------------------------------------------- */

typedef enum { YS_CHANGED, YS_ADDED, YS_REMOVED, YS_MOVED } ystatus;
typedef enum { YW_FIGURE, YW_LINE, YW_COLUMN, YW_TABLE, YW_FACT, YW_KNOWN } ywhat;
/* Which of a line's figures: this year's, or what it states of another
 * basis: last year's (of the document's own kind: was, change, rate; of
 * a kind named: was budget ..., was final ...) or this year's budget
 * beside final accounts (budget, and its execution rate). */
typedef enum {
    YF_VALUE, YF_WAS, YF_CHANGE, YF_RATE, YF_WAS_BUDGET, YF_CHANGE_BUDGET, YF_RATE_BUDGET,
    YF_WAS_FINAL, YF_CHANGE_FINAL, YF_RATE_FINAL, YF_BUDGET, YF_BUDGET_RATE,
} yfacet;
#define YF_N (YF_BUDGET_RATE + 1)

/* Row r's figures by facet (m: its budget, for the kind its `was` is). */
static void row_facets(const m_model *m, const m_row *r, const m_value *out[YF_N])
{
    memset(out, 0, YF_N * sizeof *out);
    out[YF_VALUE] = r->cells;
    if (!r->x)
        return;
    int other = m->budget.final ? YF_WAS_BUDGET : YF_WAS_FINAL;
    m_value *const *lists[3] = { r->x->was, r->x->change, r->x->rate };
    for (int k = 0; k < 3; k++) {
        out[YF_WAS + k] = lists[k][M_BASIS_LAST];
        out[other + k] = lists[k][M_BASIS_LAST_OTHER];
    }
    out[YF_BUDGET] = r->x->was[M_BASIS_BUDGET];
    out[YF_BUDGET_RATE] = r->x->rate[M_BASIS_BUDGET];
}

static const char *const status_name[] = { "changed", "added", "removed", "moved" };

typedef struct ychange {
    ywhat what;
    ystatus st;
    const m_table *t;           /* NEW's table (OLD's when removed) */
    const m_row *row;           /* the line (OLD's when removed) */
    const m_row *orow;          /* OLD's line, when matched */
    const m_col *col;           /* the column (figures, columns) */
    const m_col *ocol;          /* OLD's column of a rename */
    const m_value *old, *nw;    /* either may be NULL */
    yfacet facet;               /* YW_FIGURE: which figure of the line */
    const char *name;           /* YW_FACT: the fact's key */
    const char *otext, *ntext;  /* YW_FACT, YW_KNOWN: old and new (NULL: none) */
    const char *scope;          /* YW_FACT: "budget", "check" or the table's id */
    int pow10;                  /* money printed in 10^pow10 base units */
    const char *unit;           /* that unit's name */
    bool top;                   /* a top-level line of its table */
} ychange;

typedef struct ydiff {
    ychange *v;
    size_t n, cap;
    const m_model *m, *om;      /* NEW and OLD */
    facts of, nf;               /* their facts (facts.h), sorted */
} ydiff;

/* The unit money prints in: the table's, else the budget's (narratives). */
static int money_pow10(const m_table *t, const m_model *m)
{
    return present_money_unit(m, t)->pow10;
}

static const char *money_unit(const m_table *t, const m_model *m)
{
    return present_money_unit(m, t)->name;
}

static ychange *push(ydiff *d, ywhat what, ystatus st, const m_table *t)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 64;
        d->v = xrealloc(d->v, d->cap * sizeof *d->v);
    }
    ychange *c = &d->v[d->n++];
    memset(c, 0, sizeof *c);
    c->what = what;
    c->st = st;
    c->t = t;
    c->pow10 = money_pow10(t, d->m);
    c->unit = money_unit(t, d->m);
    return c;
}

/* A value worth comparing: an amount, or text with contents. */
static bool has_value(const m_value *v)
{
    return v && ((v->present && v->kind != KIND_NONE) || m_value_text(v));
}

static bool is_amount(const m_value *v)
{
    return has_value(v) && v->kind != KIND_TEXT;
}

/* Same figure: equal amounts of the same kind (and count unit), or equal text. */
static bool same_value(const m_value *a, const m_value *b)
{
    bool ha = has_value(a), hb = has_value(b);
    if (!ha || !hb)
        return ha == hb;
    if (is_amount(a) != is_amount(b))
        return false;
    if (!is_amount(a))
        return streq(m_value_text(a), m_value_text(b));
    if (a->blank != b->blank)
        return false;   /* a blank is not a printed 0 */
    if (a->kind != b->kind)
        return false;
    if (a->kind == KIND_COUNT && m_value_unit(a) && m_value_unit(b) && !unit_compatible(m_value_unit(a), m_value_unit(b)))
        return false;
    return a->v == b->v;
}

/* change = new - old, when both are comparable amounts. */
static bool value_change(const ychange *c, dec *out)
{
    if (!is_amount(c->old) || !is_amount(c->nw) || c->old->kind != c->nw->kind)
        return false;
    return dec_sub(c->nw->v, c->old->v, out);
}

/* The rate in percentage points, 2 decimals; false when old is 0 or for rates. */
static bool value_rate(const ychange *c, dec *out)
{
    dec ch;
    if (!value_change(c, &ch) || c->old->kind == KIND_RATE || c->old->v == 0)
        return false;
    return dec_rate(ch, c->old->v, 2, out);
}

/* A matched line's figures and what it states of last year (was,
 * change, rate), column by column, then its known marker. */
static void diff_line(ydiff *d, const m_table *nt, const m_row *q, const m_row *r, const long *cmap, bool top)
{
    const m_value *ofs[YF_N], *nfs[YF_N];
    row_facets(d->om, q, ofs);
    row_facets(d->m, r, nfs);
    for (int f = YF_VALUE; f < YF_N; f++) {
        if (!ofs[f] && !nfs[f])
            continue;
        for (size_t ci = 0; ci < nt->ncols; ci++) {
            if (!nt->cols[ci]->printed || cmap[ci] < 0)
                continue;
            const m_value *ov = ofs[f] && has_value(&ofs[f][cmap[ci]]) ? &ofs[f][cmap[ci]] : NULL;
            const m_value *nv = nfs[f] && has_value(&nfs[f][ci]) ? &nfs[f][ci] : NULL;
            if ((!ov && !nv) || same_value(ov, nv))
                continue;
            ychange *c = push(d, YW_FIGURE, YS_CHANGED, nt);
            c->row = r;
            c->orow = q;
            c->col = nt->cols[ci];
            c->old = ov;
            c->nw = nv;
            c->facet = (yfacet)f;
            c->top = top;
        }
    }
    const m_known *ok = m_row_known(q), *nk = m_row_known(r);
    if ((ok || nk) && !(ok && nk && streq(ok->reason, nk->reason))) {
        ychange *c = push(d, YW_KNOWN, !ok ? YS_ADDED : !nk ? YS_REMOVED : YS_CHANGED, nt);
        c->row = r;
        c->orow = q;
        c->otext = ok ? ok->reason : NULL;
        c->ntext = nk ? nk->reason : NULL;
    }
}

/* Facts of one scope (facts.h) that differ, as changes of table t. */
static void fact_change(void *ctx, const fact *o, const fact *n)
{
    ydiff *d = ((void **)ctx)[0];
    const m_table *t = ((void **)ctx)[1];
    if (o && n && streq(o->same ? o->same : o->val, n->same ? n->same : n->val))
        return;
    ychange *c = push(d, YW_FACT, !o ? YS_ADDED : !n ? YS_REMOVED : YS_CHANGED, t);
    c->scope = n ? n->scope : o->scope;
    c->name = n ? n->key : o->key;
    c->otext = o ? o->val : NULL;
    c->ntext = n ? n->val : NULL;
}

/* The facts of scope in f (sorted): [*from, *to). */
static facts scope_of(const facts *f, const char *scope)
{
    size_t lo = 0, hi = f->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(f->v[mid].scope, scope) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < f->n && strcmp(f->v[end].scope, scope) == 0)
        end++;
    facts s = { f->v + lo, end - lo, 0 };
    return s;
}

/* The facts of scope that differ between OLD and NEW, filed under t. */
static void diff_scope(ydiff *d, const char *scope, const m_table *t)
{
    facts o = scope_of(&d->of, scope), n = scope_of(&d->nf, scope);
    void *ctx[2] = { d, (void *)t };
    facts_diff(&o, &n, fact_change, ctx);
}

/* Compares one pair of matched tables (either may be NULL). */
static void diff_table(ydiff *d, const m_table *ot, const m_table *nt)
{
    if (!ot) {
        push(d, YW_TABLE, YS_ADDED, nt);
        return;
    }
    if (!nt) {
        push(d, YW_TABLE, YS_REMOVED, ot);
        return;
    }
    /* Columns: printed ones, by header; each new column takes the first
     * old one with its header not taken yet. */
    arena *a = d->m->a;
    long *cmap = arena_side_alloc(a, (nt->ncols + 1) * sizeof *cmap);     /* new -> old index */
    bool *oused = arena_side_alloc(a, (ot->ncols + 1) * sizeof *oused);
    size_t *oprinted = arena_side_alloc(a, (ot->ncols + 1) * sizeof *oprinted), nprinted = 0;  /* position -> index */
    for (size_t j = 0; j < ot->ncols; j++)
        if (ot->cols[j]->printed)
            oprinted[nprinted++] = j;
    match_columns(ot, nt, true, cmap);
    for (size_t i = 0; i < nt->ncols; i++)
        if (cmap[i] >= 0)
            oused[cmap[i]] = true;
    /* Unmatched columns: a rename when both sides have one at the same
     * printed position. */
    size_t npos = 0;
    for (size_t i = 0; i < nt->ncols; i++) {
        if (!nt->cols[i]->printed)
            continue;
        size_t pos = npos++;
        if (cmap[i] >= 0)
            continue;
        const m_col *renamed = NULL;
        if (pos < nprinted && !oused[oprinted[pos]]) {
            renamed = ot->cols[oprinted[pos]];
            oused[oprinted[pos]] = true;
        }
        ychange *c = push(d, YW_COLUMN, renamed ? YS_MOVED : YS_ADDED, nt);
        c->col = nt->cols[i];
        c->ocol = renamed;
    }
    arena_side_free(a, oprinted);
    for (size_t j = 0; j < ot->ncols; j++) {
        if (ot->cols[j]->printed && !oused[j]) {
            ychange *c = push(d, YW_COLUMN, YS_REMOVED, nt);
            c->col = ot->cols[j];
        }
    }

    diff_scope(d, nt->id, nt);     /* its attributes and its checks */
    match_side o, n;
    match_side_init(&o, d->om, ot);
    match_side_init(&n, d->m, nt);
    match_lines(&o, &n);
    for (size_t i = 0; i < n.n; i++) {
        const match_line *l = &n.lines[i];
        const m_row *r = l->row;
        if (l->match < 0) {
            ychange *c = push(d, YW_LINE, YS_ADDED, nt);
            c->row = r;
            c->top = l->parent < 0;
            continue;
        }
        const match_line *ol = &o.lines[l->match];
        const m_row *q = ol->row;
        bool same_parent = l->parent < 0 ? ol->parent < 0 : n.lines[l->parent].match == ol->parent;
        /* labels as the matcher compares them (label.h): a line respelled
         * with ASCII punctuation has not moved */
        bool renamed_only = same_parent && l->parent >= 0 && !label_same(q->label, r->label);
        if (!same_parent || renamed_only ||
            (l->parent < 0 && !label_same(model_row_path(d->om, q), model_row_path(d->m, r)))) {
            ychange *c = push(d, YW_LINE, YS_MOVED, nt);
            c->row = r;
            c->orow = q;
            c->top = l->parent < 0;
        }
        diff_line(d, nt, q, r, cmap, l->parent < 0);
    }
    for (size_t j = 0; j < o.n; j++) {
        if (o.lines[j].match >= 0)
            continue;
        ychange *c = push(d, YW_LINE, YS_REMOVED, nt);
        c->row = o.lines[j].row;
        c->top = o.lines[j].parent < 0;
    }
    match_side_free(&o);
    match_side_free(&n);
    arena_side_free(a, cmap);
    arena_side_free(a, oused);
}

/* The tables of m by id. */
static void index_tables(match_index *x, const m_model *m)
{
    match_index_init(x, m->ntables);
    for (size_t i = m->ntables; i-- > 0;)
        match_index_add(x, m->tables[i]->id, i);
}

/* The first table of m with this id, or NULL. */
static const m_table *find_table(const match_index *x, const m_model *m, const char *id)
{
    size_t j = match_index_find(x, id);
    return j == MATCH_NONE ? NULL : m->tables[x->first[j]];
}

static void diff_models(ydiff *d, const m_model *om, const m_model *nm)
{
    d->m = nm;
    d->om = om;
    facts_of(om, &d->of);
    facts_of(nm, &d->nf);
    facts_sort(&d->of);
    facts_sort(&d->nf);
    diff_scope(d, "budget", NULL);     /* the header first */
    match_index oids, nids;
    index_tables(&oids, om);
    index_tables(&nids, nm);
    for (size_t i = 0; i < nm->ntables; i++)
        diff_table(d, find_table(&oids, om, nm->tables[i]->id), nm->tables[i]);
    for (size_t i = 0; i < om->ntables; i++)
        if (!find_table(&nids, nm, om->tables[i]->id)) {
            diff_table(d, om->tables[i], NULL);
            d->v[d->n - 1].pow10 = money_pow10(om->tables[i], om);
            d->v[d->n - 1].unit = money_unit(om->tables[i], om);
        }
    diff_scope(d, "check", NULL);      /* the top-level checks last */
    match_index_free(&oids);
    match_index_free(&nids);
    free(d->of.v);
    free(d->nf.v);
}

/* The label paths of the lines the differences name (m_row.path, made
 * only for them: a million-line budget has a million paths). */
static void name_changed_lines(const ydiff *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const ychange *c = &d->v[i];
        bool old = c->st == YS_REMOVED;
        if (c->row)
            model_row_path(old ? d->om : d->m, c->row);
        if (c->orow)
            model_row_path(d->om, c->orow);
    }
}

/* ---- formatting --------------------------------------------------------- */

/* Money in 10^pow10 base units, counts and rates as they are: the exact
 * plain decimal ("-274", "0.5"). */
static size_t fmt_amount(dec v, qty_kind k, int pow10, char *buf)
{
    return dec_format_exact(v, k == KIND_MONEY ? pow10 : 0, 0, buf);
}

/* For a person: thousands separators, U+2212 for minus, '+' when asked. */
static void put_human(FILE *out, const char *num, bool plus)
{
    char buf[PRESENT_AMOUNT_MAX];
    size_t n = present_number(num, strlen(num), PRESENT_MINUS | (plus ? PRESENT_PLUS : 0), buf);
    fwrite(buf, 1, n, out);
}

/* The unit written after a count or a rate (money's is the table's, said
 * once); NULL when none. */
static const char *value_unit_suffix(const m_value *v)
{
    const char *u = v->kind == KIND_MONEY ? "" : present_unit_name(NULL, NULL, v);
    return *u ? u : NULL;
}

/* One value for a person: "7,440", "105 台", "85%", "“有效提升”"; "—" if absent. */
static void put_value_text(FILE *out, const m_value *v, int pow10)
{
    if (!has_value(v)) {
        fputs("\xE2\x80\x94", out);
        return;
    }
    if (v->blank) {
        putc('-', out);     /* as written: a blank cell */
        return;
    }
    if (!is_amount(v)) {
        putc('"', out);
        present_str(out, m_value_text(v));
        putc('"', out);
        return;
    }
    char buf[DEC_FMT_MAX];
    fmt_amount(v->v, v->kind, pow10, buf);
    put_human(out, buf, false);
    const char *u = value_unit_suffix(v);
    if (u)
        fprintf(out, "%s%s", v->kind == KIND_RATE ? "" : " ", u);
}

/* A figure's change for a person: "63 → 27 (−36, −57.14%)". */
static void put_figure_text(FILE *out, const ychange *c)
{
    put_value_text(out, c->old, c->pow10);
    fputs(" \xE2\x86\x92 ", out);
    put_value_text(out, c->nw, c->pow10);
    dec ch, rate;
    if (value_change(c, &ch)) {
        char buf[DEC_FMT_MAX];
        fmt_amount(ch, c->nw->kind, c->pow10, buf);
        fputs(" (", out);
        put_human(out, buf, true);
        if (value_rate(c, &rate)) {
            dec_format(rate, 0, 2, buf);
            fputs(", ", out);
            put_human(out, buf, true);
            putc('%', out);
        }
        putc(')', out);
    }
}

/* The column is worth naming when the line's block has several. */
static bool name_column(const ychange *c)
{
    const m_row *r = c->row;
    return r && r->table && r->table->blocks && r->table->blocks[r->block].ncols > 1;
}

static void put_line_name(FILE *out, const m_row *r)
{
    if (r->code) {
        present_str(out, r->code);
        putc(' ', out);
    }
    present_str(out, r->path);
}

/* An added or removed line: its path and its values. */
static void put_line_values(FILE *out, const ychange *c)
{
    const m_row *r = c->row;
    const m_table *t = r->table;
    put_line_name(out, r);
    bool first = true;
    bool many = t->blocks && t->blocks[r->block].ncols > 1;
    for (size_t ci = 0; ci < t->ncols; ci++) {
        if (!t->cols[ci]->printed || !r->cells || !has_value(&r->cells[ci]))
            continue;
        fputs(first ? ": " : ", ", out);
        first = false;
        if (many) {
            present_str(out, t->cols[ci]->header);
            putc(' ', out);
        }
        put_value_text(out, &r->cells[ci], c->pow10);
    }
}

static void put_table_title(FILE *out, const m_table *t)
{
    present_str(out, t->id);
    if (t->title) {
        putc(' ', out);
        present_str(out, t->title);
    }
}

static const char *const facet_name[YF_N] = {
    "value", "was", "change", "rate", "was budget", "change budget", "rate budget",
    "was final", "change final", "rate final", "budget", "budget rate",
};

/* "old" → "new", or the one there is; quoted. */
static void put_quoted_change(FILE *out, const ychange *c)
{
    if (c->otext) {
        putc('"', out);
        present_str(out, c->otext);
        putc('"', out);
    }
    if (c->otext && c->ntext)
        fputs(" \xE2\x86\x92 ", out);
    if (c->ntext) {
        putc('"', out);
        present_str(out, c->ntext);
        putc('"', out);
    }
}

/* A changed attribute or check: "rounding: 1 → 0.01", "added check a ==
 * b", "check a == b: within 1 → exact". */
static void put_fact_text(FILE *out, const ychange *c)
{
    bool check = strncmp(c->name, "check ", 6) == 0;
    if (c->st != YS_CHANGED) {
        fputs(c->st == YS_ADDED ? "added " : "removed ", out);
        present_str(out, c->name);
        const char *v = c->st == YS_ADDED ? c->ntext : c->otext;
        if (v && *v) {
            fputs(check ? " " : ": ", out);
            present_str(out, v);
        }
        return;
    }
    present_str(out, c->name);
    fputs(": ", out);
    present_str(out, c->otext && *c->otext ? c->otext : "(none)");
    fputs(" \xE2\x86\x92 ", out);
    present_str(out, c->ntext && *c->ntext ? c->ntext : "(none)");
}

/* One difference for a person, without the table (a line of its section). */
static void put_change_text(FILE *out, const ychange *c)
{
    switch (c->what) {
    case YW_FIGURE:
        put_line_name(out, c->row);
        if (name_column(c)) {
            fputs(" [", out);
            present_str(out, c->col->header);
            putc(']', out);
        }
        if (c->facet != YF_VALUE)
            fprintf(out, " (%s)", facet_name[c->facet]);
        fputs(": ", out);
        put_figure_text(out, c);
        break;
    case YW_FACT:
        put_fact_text(out, c);
        break;
    case YW_KNOWN:
        fputs(c->st == YS_ADDED ? "added known on " : c->st == YS_REMOVED ? "removed known on " : "known on ", out);
        put_line_name(out, c->row);
        fputs(": ", out);
        put_quoted_change(out, c);
        break;
    case YW_LINE:
        if (c->st == YS_MOVED) {
            fputs("moved ", out);
            put_line_name(out, c->orow);
            fputs(" \xE2\x86\x92 ", out);
            put_line_name(out, c->row);
        } else {
            fputs(c->st == YS_ADDED ? "added " : "removed ", out);
            put_line_values(out, c);
        }
        break;
    case YW_COLUMN:
        if (c->st == YS_MOVED) {
            fputs("renamed column ", out);
            present_str(out, c->ocol->header);
            fputs(" \xE2\x86\x92 ", out);
        } else {
            fprintf(out, "%s column ", status_name[c->st]);
        }
        present_str(out, c->col->header);
        break;
    case YW_TABLE:
        fputs(c->st == YS_ADDED ? "added " : "removed ", out);
        fputs(c->t->narrative ? "narrative " : "table ", out);
        put_table_title(out, c->t);
        break;
    }
    putc('\n', out);
}

/* Text: the totals' changes, then each table's changed figures, then its
 * added, removed and moved lines; added and removed tables last. */
static void render_text(FILE *out, const ydiff *d)
{
    bool any = false;
    for (size_t i = 0; i < d->n; i++) {     /* the header and top-level checks */
        const ychange *c = &d->v[i];
        if (c->t)
            continue;
        if (strcmp(c->scope, "budget") == 0)
            fputs("budget ", out);
        put_change_text(out, c);
        any = true;
    }
    for (size_t i = 0; i < d->n; i++) {
        const ychange *c = &d->v[i];
        if (c->what != YW_FIGURE || !c->top || !c->t)
            continue;
        present_str(out, c->t->id);
        putc(' ', out);
        put_change_text(out, c);
        any = true;
    }
    static const int order[][2] = {
        { YW_FACT, -1 }, { YW_COLUMN, -1 }, { YW_FIGURE, YS_CHANGED }, { YW_KNOWN, -1 }, { YW_LINE, YS_ADDED },
        { YW_LINE, YS_REMOVED }, { YW_LINE, YS_MOVED },
    };
    for (size_t i = 0; i < d->n;) {
        const m_table *t = d->v[i].t;
        if (!t) {           /* shown first */
            i++;
            continue;
        }
        size_t end = i;
        while (end < d->n && d->v[end].t == t && d->v[end].what != YW_TABLE)
            end++;
        if (end == i) {     /* a table added or removed: kept for the end */
            i++;
            continue;
        }
        bool header = false;
        for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
            for (size_t j = i; j < end; j++) {
                const ychange *c = &d->v[j];
                if ((int)c->what != order[k][0] || (order[k][1] >= 0 && (int)c->st != order[k][1]))
                    continue;
                if (c->what == YW_FIGURE && c->top)
                    continue;   /* shown with the totals */
                if (!header) {
                    if (any)
                        putc('\n', out);
                    put_table_title(out, t);
                    fprintf(out, " (%s)", c->unit);
                    fputs(":\n", out);
                    header = any = true;
                }
                fputs("  ", out);
                put_change_text(out, c);
            }
        }
        i = end;
    }
    bool header = false;
    for (size_t i = 0; i < d->n; i++) {
        const ychange *c = &d->v[i];
        if (c->what != YW_TABLE)
            continue;
        if (!header && any)
            putc('\n', out);
        header = true;
        put_change_text(out, c);
    }
}

static void csv_str(FILE *out, const char *s)
{
    if (s)
        present_csv_text(out, s, strlen(s));
}

/* A value field: text through the CSV writer, a number as it is. */
static void csv_value(FILE *out, const char *text, const char *num)
{
    if (text)
        csv_str(out, text);
    else
        fputs(num, out);
}

/* old/new/change/rate as plain numbers (or text) into 4 strings. */
typedef struct yfields {
    char old[DEC_FMT_MAX], nw[DEC_FMT_MAX], change[DEC_FMT_MAX], rate[DEC_FMT_MAX];
    const char *otext, *ntext;
    const char *unit;           /* of old, new and change; NULL for text or none */
} yfields;

/* The unit an amount of c is written in: money in the table's unit (c's),
 * a count in its own, a rate in %; NULL for text and for no value. */
static const char *record_unit(const ychange *c, const m_value *v)
{
    if (!has_value(v) || !is_amount(v))
        return NULL;
    const char *u = v->kind == KIND_MONEY ? c->unit : present_unit_name(NULL, NULL, v);
    return u && *u ? u : NULL;
}

static void value_field(const m_value *v, int pow10, char *buf, const char **text)
{
    buf[0] = '\0';
    *text = NULL;
    if (!has_value(v))
        return;
    if (v->blank)
        *text = "";     /* a blank: an empty value, not an absent one */
    else if (!is_amount(v))
        *text = m_value_text(v);
    else
        fmt_amount(v->v, v->kind, pow10, buf);
}

static void fill_fields(const ychange *c, yfields *f)
{
    memset(f, 0, sizeof *f);
    if (c->what == YW_FIGURE) {
        value_field(c->old, c->pow10, f->old, &f->otext);
        value_field(c->nw, c->pow10, f->nw, &f->ntext);
        f->unit = record_unit(c, has_value(c->nw) ? c->nw : c->old);
        dec ch, rate;
        if (value_change(c, &ch))
            fmt_amount(ch, c->nw->kind, c->pow10, f->change);
        if (value_rate(c, &rate))
            dec_format(rate, 0, 2, f->rate);
    } else if (c->what == YW_LINE && c->st == YS_MOVED) {
        f->otext = c->orow->path;
        f->ntext = c->row->path;
    } else if (c->what == YW_COLUMN && c->st == YS_MOVED) {
        f->otext = c->ocol->header;
        f->ntext = c->col->header;
    } else if (c->what == YW_FACT || c->what == YW_KNOWN) {
        f->otext = c->otext;
        f->ntext = c->ntext;
    }
}

/* The kind of a record, as the machine formats name it. */
static const char *what_text(const ychange *c)
{
    static const char *const what_name[] = { "figure", "line", "column", "table", "attribute", "known" };
    if (c->what == YW_FIGURE && c->facet != YF_VALUE)
        return facet_name[c->facet];
    if (c->what == YW_FACT && strncmp(c->name, "check ", 6) == 0)
        return "check";
    return what_name[c->what];
}

/* The table (or "budget", "check") a record is in. */
static const char *scope_text(const ychange *c)
{
    return c->t ? c->t->id : c->scope;
}

/* One record of the machine formats: a change, the column it is in, its
 * four value fields. */
typedef void (*emit_fn)(FILE *out, const ychange *c, const m_col *col, const yfields *f);

/* Walks the changes as records: an added or removed line gives one record
 * per value it holds (or one without a column when it holds none). */
static void each_record(FILE *out, const ydiff *d, emit_fn fn)
{
    for (size_t i = 0; i < d->n; i++) {
        const ychange *c = &d->v[i];
        yfields f;
        fill_fields(c, &f);
        if (c->what == YW_LINE && c->st != YS_MOVED) {
            const m_table *t = c->row->table;
            bool any = false;
            for (size_t ci = 0; ci < t->ncols; ci++) {
                const m_value *v = c->row->cells ? &c->row->cells[ci] : NULL;
                if (!t->cols[ci]->printed || !has_value(v))
                    continue;
                any = true;
                yfields g;
                memset(&g, 0, sizeof g);
                if (c->st == YS_ADDED)
                    value_field(v, c->pow10, g.nw, &g.ntext);
                else
                    value_field(v, c->pow10, g.old, &g.otext);
                g.unit = record_unit(c, v);
                fn(out, c, t->cols[ci], &g);
            }
            if (!any)
                fn(out, c, NULL, &f);
            continue;
        }
        fn(out, c, c->what == YW_COLUMN || c->what == YW_FIGURE ? c->col : NULL, &f);
    }
}

static void csv_record(FILE *out, const ychange *c, const m_col *col, const yfields *f)
{
    csv_str(out, scope_text(c));
    putc(',', out);
    if (c->row)
        csv_str(out, c->row->code);
    putc(',', out);
    if (c->row)
        csv_str(out, c->row->path);
    else if (c->what == YW_FACT)
        csv_str(out, c->name);
    putc(',', out);
    if (col)
        csv_str(out, col->header);
    putc(',', out);
    csv_str(out, f->unit);
    putc(',', out);
    csv_value(out, f->otext, f->old);
    putc(',', out);
    csv_value(out, f->ntext, f->nw);
    putc(',', out);
    fputs(f->change, out);
    putc(',', out);
    fputs(f->rate, out);
    putc(',', out);
    csv_str(out, status_name[c->st]);
    putc(',', out);
    csv_str(out, what_text(c));
    putc('\n', out);
}

static void render_csv(FILE *out, const ydiff *d, bool bom)
{
    if (bom)
        fputs(EMIT_CSV_BOM, out);
    fputs("table,code,path,column,unit,old,new,change,rate,status,what\n", out);
    each_record(out, d, csv_record);
}

static const char *or_null(const char *text, const char *num)
{
    return text ? text : (num[0] ? num : NULL);
}

static bool json_first;

static void json_record(FILE *out, const ychange *c, const m_col *col, const yfields *f)
{
    fputs(json_first ? "\n  {" : ",\n  {", out);
    json_first = false;
    fputs("\"table\": ", out);
    present_json_string(out, scope_text(c));
    fputs(", \"what\": ", out);
    present_json_string(out, what_text(c));
    fputs(", \"status\": ", out);
    present_json_string(out, status_name[c->st]);
    fputs(", \"code\": ", out);
    present_json_string(out, c->row ? c->row->code : NULL);
    fputs(", \"path\": ", out);
    present_json_string(out, c->row ? c->row->path : c->what == YW_FACT ? c->name : NULL);
    fputs(", \"column\": ", out);
    present_json_string(out, col ? col->header : NULL);
    fputs(", \"unit\": ", out);
    present_json_string(out, f->unit);
    fputs(", \"old\": ", out);
    present_json_string(out, or_null(f->otext, f->old));
    fputs(", \"new\": ", out);
    present_json_string(out, or_null(f->ntext, f->nw));
    fputs(", \"change\": ", out);
    present_json_string(out, or_null(NULL, f->change));
    fputs(", \"rate\": ", out);
    present_json_string(out, or_null(NULL, f->rate));
    putc('}', out);
}

static void render_json(FILE *out, const ydiff *d, const char *oldp, const char *newp)
{
    fputs("{\"old\": ", out);
    present_json_string(out, oldp);
    fputs(", \"new\": ", out);
    present_json_string(out, newp);
    fputs(", \"changes\": [", out);
    json_first = true;
    each_record(out, d, json_record);
    fputs(d->n ? "\n]}\n" : "]}\n", out);
}

/* ---- commands ----------------------------------------------------------- */

typedef enum { FMT_TEXT, FMT_CSV, FMT_JSON } yformat;

/* Compiles one side of a diff.  /dev/null is the empty budget: git
 * difftool names it for the side that does not exist when a file was
 * added or deleted, so everything in the other side shows as added or
 * removed. */
static void diff_side(const char *path, const driver_opts *o, compilation *c)
{
    if (strcmp(path, "/dev/null") != 0) {
        driver_compile(path, o, c);
        return;
    }
    memset(c, 0, sizeof *c);
    c->a = arena_new();
    c->names = strtab_new(c->a);
    c->diags = diag_new(c->a);
    c->model = arena_alloc(c->a, sizeof *c->model);
    c->model->a = c->a;
    c->model->names = c->names;
    c->model->budget.unit = unit_lookup("元", strlen("元"));
    c->checked = true;
}

/* fisc diff OLD NEW [--format text|csv|json]: 0 same, 1 different, 2 error. */
int cmd_diff(cli_args *a)
{
    const char *const *files = a->files, *format = a->value[CLI_OPT_FORMAT];
    yformat fmt = !format || strcmp(format, "text") == 0 ? FMT_TEXT
                : strcmp(format, "csv") == 0            ? FMT_CSV : FMT_JSON;
    driver_opts o = a->driver;
    o.max_errors = 50;
    o.quiet_warnings = true;
    o.import_root = ".";
    o.no_previous = true;
    /* Whatever their identities say: a budget with a published error is
     * still a budget to compare (only one that does not resolve is not). */
    o.values_only = true;
    compilation co, cn;
    diff_side(files[0], &o, &co);
    diff_side(files[1], &o, &cn);
    int status = 2;
    if (co.checked && cn.checked) {
        ydiff d;
        memset(&d, 0, sizeof d);
        diff_models(&d, co.model, cn.model);
        name_changed_lines(&d);
        if (fmt == FMT_TEXT)
            render_text(stdout, &d);
        else if (fmt == FMT_CSV)
            render_csv(stdout, &d, a->value[CLI_OPT_NO_BOM] == NULL);
        else
            render_json(stdout, &d, files[0], files[1]);
        status = d.n ? 1 : 0;
        free(d.v);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, _("fisc diff: write error: %s\n"), strerror(errno));
            status = 2;
        }
    }
    arena_free(co.a);
    arena_free(cn.a);
    return status;
}

/* A field of a textconv line: tabs, line breaks, backslashes and every
 * other unsafe character escaped, so a field never spans two. */
static void tc_field(FILE *out, const char *s)
{
    if (s)
        present_text(out, s, strlen(s), PRESENT_FIELD);
}

/* One figure of a textconv line: as the budget holds it, in its table's
 * unit ('-' for a blank). */
static void tc_value(FILE *out, const m_table *t, const m_model *m, const m_value *v)
{
    if (v->blank) {
        putc('-', out);     /* a blank cell, as written */
    } else if (!is_amount(v)) {
        tc_field(out, m_value_text(v));
    } else {
        char buf[DEC_FMT_MAX];
        fmt_amount(v->v, v->kind, money_pow10(t, m), buf);
        fputs(buf, out);
        if (v->kind == KIND_MONEY)
            fprintf(out, " %s", money_unit(t, m));
        else if (value_unit_suffix(v))
            fprintf(out, "%s%s", v->kind == KIND_RATE ? "" : " ", value_unit_suffix(v));
    }
}

/* TABLE <TAB> [CODE ]PATH <TAB> COLUMN[ (what)] <TAB> */
static void tc_key(FILE *out, const m_table *t, const m_row *r, const char *col, const char *what)
{
    tc_field(out, t->id);
    putc('\t', out);
    if (r->code) {
        tc_field(out, r->code);
        putc(' ', out);
    }
    tc_field(out, r->path);
    putc('\t', out);
    tc_field(out, col);
    if (what)
        fprintf(out, " (%s)", what);
    putc('\t', out);
}

/* The figures an author wrote, what each line states of last year, its
 * known marker; before them every fact (header, table attributes,
 * checks): one line each, so any edit is a changed line. */
static void textconv_model(FILE *out, const m_model *m)
{
    facts fs;
    facts_of(m, &fs);
    for (size_t i = 0; i < fs.n; i++) {
        tc_field(out, fs.v[i].scope);
        fputs("\t\t", out);
        tc_field(out, fs.v[i].key);
        putc('\t', out);
        tc_field(out, fs.v[i].val);
        putc('\n', out);
    }
    free(fs.v);
    for (size_t ti = 0; ti < m->ntables; ti++) {
        const m_table *t = m->tables[ti];
        for (size_t ri = 0; ri < t->nrows; ri++) {
            const m_row *r = t->rows[ri];
            const m_value *lists[YF_N];
            row_facets(m, r, lists);
            for (int f = YF_VALUE; f < YF_N; f++) {
                for (size_t ci = 0; lists[f] && ci < t->ncols; ci++) {
                    const m_value *v = &lists[f][ci];
                    if (!t->cols[ci]->printed || !has_value(v) || !v->declared)
                        continue;
                    tc_key(out, t, r, t->cols[ci]->header, f == YF_VALUE ? NULL : facet_name[f]);
                    tc_value(out, t, m, v);
                    putc('\n', out);
                }
            }
            if (m_row_known(r)) {
                tc_key(out, t, r, "", "known");
                tc_field(out, m_row_known(r)->reason);
                putc('\n', out);
            }
        }
    }
}

/* Copies the file to out line by line, control characters escaped (a
 * terminal shows git's diff); false with *err set when it cannot be read
 * (src_load: regular files only, so a FIFO cannot hang git). */
static bool cat_file(FILE *out, const char *path, const char **err)
{
    arena *a = arena_new();
    src_file *f = src_load(a, path, err);
    if (f)
        present_text(out, f->text, f->orig_len, PRESENT_KEEP_LINES);
    arena_free(a);
    return f != NULL;
}

/* fisc textconv FILE: the figures, one per line, or the raw file. */
int cmd_textconv(cli_args *a)
{
    const char *path = a->files[0];
    /* git shows our stderr in the middle of its diff: the diagnostics of a
     * file that does not compile are not wanted there (the raw file is). */
    fflush(stderr);
    int saved = dup(2);
    int null = open("/dev/null", O_WRONLY);
    if (saved >= 0 && null >= 0)
        dup2(null, 2);
    driver_opts o = { .max_errors = 1, .quiet_warnings = true, .import_root = ".", .no_previous = true,
                      .values_only = true };
    compilation c;
    driver_compile(path, &o, &c);
    if (c.model)
        model_fill_paths(c.model);
    fflush(stderr);
    if (saved >= 0 && null >= 0)
        dup2(saved, 2);
    if (saved >= 0)
        close(saved);
    if (null >= 0)
        close(null);
    int status = 0;
    const char *err = NULL;
    /* Any file that parses is shown figure by figure, whether it balances
     * or resolves: only a file that does not parse falls back to its text. */
    if (c.model && c.model->parsed) {
        textconv_model(stdout, c.model);
    } else if (!cat_file(stdout, path, &err)) {
        present_printf(stderr, _("fisc textconv: cannot read %s: %s\n"), path, err);
        status = 2;
    }
    arena_free(c.a);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, _("fisc textconv: write error: %s\n"), strerror(errno));
        status = 2;
    }
    return status;
}

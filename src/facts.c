/* facts.c: everything of a budget that is not a figure, as text (facts.h).
 *
 * Facts are made in source order -- the header, then each table's
 * attributes and checks, then the top-level checks -- as short strings in
 * the model's arena; only `fisc textconv` and `fisc diff` ask for them.
 * Amounts are written exactly, in the unit they are declared in. */
#include <stdlib.h>
#include <string.h>
#include "facts.h"
#include "present.h"

static void add(facts *f, const char *scope, const char *key, const char *val)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 64;
        f->v = xrealloc(f->v, f->cap * sizeof *f->v);
    }
    f->v[f->n] = (fact){ scope, key, val, NULL, f->n };
    f->n++;
}

/* A rounding as declared: "0.01" (of its scope's unit) or "100 元". */
static const char *rounding_text(arena *a, const m_rounding *r)
{
    if (r->pow10 == M_RELATIVE)
        return present_amount_str(a, r->amount, 0);
    const unit_info *u = NULL;
    for (unsigned i = 1; (u = unit_at(i)) != NULL; i++)
        if (u->kind == KIND_MONEY && u->pow10 == r->pow10)
            break;
    return arena_printf(a, "%s %s", present_amount_str(a, r->amount, r->pow10), u ? u->name : "");
}

/* s[0..n) with every run of blanks and line breaks one space. */
static const char *collapsed(arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1);
    size_t k = 0;
    bool blank = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            blank = k > 0;
            continue;
        }
        if (blank)
            out[k++] = ' ';
        blank = false;
        out[k++] = c;
    }
    out[k] = '\0';
    return out;
}

static void check_fact(facts *f, arena *a, const m_check *ck)
{
    if (!ck->nops || !ck->at.file)
        return;
    const char *text = ck->at.file->text;
    uint32_t b = ck->ops[0].at.begin, e = ck->ops[ck->nops - 1].at.end;
    const char *core = collapsed(a, text + b, e > b ? e - b : 0);
    const char *val = "";
    if (ck->tol == TOL_EXACT)
        val = "exact";
    else if (ck->tol == TOL_WITHIN)
        val = arena_printf(a, "within %s",
                           collapsed(a, text + ck->within_at.begin, ck->within_at.end - ck->within_at.begin));
    if (ck->label)
        val = arena_printf(a, "%s%sas \"%s\"", val, *val ? " " : "", ck->label);
    if (ck->known)
        val = arena_printf(a, "%s%sknown \"%s\"", val, *val ? " " : "", ck->known->reason);
    add(f, ck->ctx ? ck->ctx->id : "check", arena_printf(a, "check %s", core), val);
}

void facts_of(const m_model *m, facts *f)
{
    arena *a = m->a;
    const m_budget *b = &m->budget;
    memset(f, 0, sizeof *f);
    const unit_info *bu = b->unit;
    if (!b->at.file)
        bu = NULL;      /* no header (the empty budget git names /dev/null): no header facts */
    if (b->at.file && b->entity)
        add(f, "budget", "entity", b->entity);
    if (b->at.file && b->year)
        add(f, "budget", "year", arena_printf(a, "%d", b->year));
    if (bu)
        add(f, "budget", "unit", bu->name);
    if (bu) {   /* 1 万元 and 10,000 元 are one rounding */
        add(f, "budget", "rounding", arena_printf(a, "%s %s", present_amount_str(a, b->rounding, bu->pow10), bu->name));
        f->v[f->n - 1].same = arena_printf(a, "%lld", (long long)b->rounding);
    }
    if (b->at.file)
        add(f, "budget", "tolerance",
        b->tolerance == TOL_EXACT ? "exact"
        : b->tolerance == TOL_WITHIN ? arena_printf(a, "%s %s", present_amount_str(a, b->fixed_tolerance, bu ? bu->pow10 : 0),
                                                   bu ? bu->name : "")
                                     : "rounding");
    if (b->at.file && b->final)
        add(f, "budget", "final", "yes");
    if (b->at.file && b->previous) {
        const char *slash = strrchr(b->previous, '/');
        add(f, "budget", "previous", slash ? slash + 1 : b->previous);
    }
    for (size_t ti = 0; ti < m->ntables; ti++) {
        const m_table *t = m->tables[ti];
        add(f, t->id, "title", t->title ? t->title : "");
        if (t->number)
            add(f, t->id, "number", arena_printf(a, "%d", t->number));
        if (t->unit && t->unit != bu)
            add(f, t->id, "unit", t->unit->name);
        if (t->rounding.amount)
            add(f, t->id, "rounding", rounding_text(a, &t->rounding));
        if (t->department)
            add(f, t->id, "department", t->department);
        for (size_t i = 0; i < t->nnotes; i++)
            add(f, t->id, arena_printf(a, "note %zu", i + 1), t->notes[i]);
        if (t->empty)
            add(f, t->id, "empty", "yes");
        for (size_t ci = 0; ci < t->ncols; ci++) {
            const m_col *c = t->cols[ci];
            if (c->unit)
                add(f, t->id, arena_printf(a, "column %s unit", c->path), c->unit->name);
            if (c->rounding.amount)
                add(f, t->id, arena_printf(a, "column %s rounding", c->path), rounding_text(a, &c->rounding));
        }
    }
    for (size_t i = 0; i < m->nchecks; i++)
        check_fact(f, a, &m->checks[i]);
}

static int cmp(const void *pa, const void *pb)
{
    const fact *x = pa, *y = pb;
    int c = strcmp(x->scope, y->scope);
    if (!c)
        c = strcmp(x->key, y->key);
    return c ? c : (x->ord > y->ord) - (x->ord < y->ord);
}

void facts_sort(facts *f)
{
    if (f->n)
        qsort(f->v, f->n, sizeof *f->v, cmp);
}

void facts_diff(const facts *o, const facts *n, void (*fn)(void *ctx, const fact *old, const fact *nw), void *ctx)
{
    size_t i = 0, j = 0;
    while (i < o->n || j < n->n) {
        int c = i == o->n ? 1 : j == n->n ? -1 : strcmp(o->v[i].scope, n->v[j].scope);
        if (!c)
            c = strcmp(o->v[i].key, n->v[j].key);
        if (c < 0)
            fn(ctx, &o->v[i++], NULL);
        else if (c > 0)
            fn(ctx, NULL, &n->v[j++]);
        else
            fn(ctx, &o->v[i++], &n->v[j++]);
    }
}

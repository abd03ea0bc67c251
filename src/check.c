/* check.c: type-checking a budget for balance.
 *
 * Two passes over the resolved model.  First every value left out is
 * derived from its parts: a line from its children, a column from its
 * sub-columns (rows in post-order, columns children-first, so each sum's
 * parts are ready when it is needed).  Then every identity is evaluated:
 * footing and cross-footing wherever a declared value has parts, of-which
 * bounds, stated year-over-year changes and rates, and the explicit
 * checks.  Each ends exact, within rounding (a warning) or broken (an
 * error); the bound applied is the budget's rounding rule unless a check
 * overrides it:
 *
 *     n published figures, each rounded to u  =>  |difference| < n/2 · u
 *
 * Derived values are exact and do not count towards n.  Counts and rates
 * are exact quantities: only money is judged by the rounding rule. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "i18n.h"
#include "match.h"
#include "ival.h"
#include "model.h"
#include "pmap.h"
#include "present.h"

/* The rule of a check that divides by 0: it has no value to judge. */
static const char RULE_DIVZERO[] = "no value: a division by 0";

/* Notes listed under one diagnostic before "... and N more". */
#define CHECK_MAX_NOTES 24
/* Terms spelled out in an identity's expression before "+ ...". */
#define CHECK_MAX_TERMS 40

/* Last year's budget: its tables by id, and per table of this year's
 * (matched on first use, by the rule of match.h) its table there, the
 * columns' match and, in prev_rows, every line's match.  Kept in the model
 * (m_model.prev_index) for check_prev_value; frozen (no new table
 * matched, the id index freed) when check_model ends. */
struct check_prev {
    const m_model *prevm;
    match_index prev_ids;
    bool frozen;
    pmap prev_tables;        /* (this year's table, NULL) -> index in ptabs */
    struct prev_table *ptabs;
    size_t nptabs, capptabs;
    pmap prev_rows;          /* (this year's line, NULL) -> index in prev_row */
    const m_row **prev_row;
    size_t nprev, capprev;
};

typedef struct checker {
    arena *a;
    diag_list *d;
    m_model *m;
    /* The rule of the identity `said_of` in the user's language: its
     * id->rule is English (reports, the published document), made with
     * it and said by report(). */
    const m_identity *said_of;
    const char *said;
    m_identity *ids;
    size_t nids, cap;
    char *sb;                /* scratch buffer for identity texts */
    struct rule_memo { const char *text, *unit; dec u; const unit_info *in; } rule_memo[64];  /* by n figures */
    size_t sblen, sbcap;
    struct check_prev *px;   /* last year's budget, matched (NULL: none) */
    m_fig *figs;             /* the figures of the identity being kept */
    size_t nfigs, capfigs;
    struct operand *stack;   /* the IR evaluation stack (a side block) */
    size_t nstack, capstack;
    pmap rmemo;              /* (cell, NULL) -> index in rv: rounding sums made */
    struct rsum *rv;
    size_t nrv, caprv;
    bool want_rsum;          /* evaluating a check again for its rounding */
    bool widen;              /* ... with totals counted as the lines under them */
    const m_row *ack_row;    /* the line or check a failing identity's known "…" would end */
    const m_check *ack_check;
    /* A row-by-row check (m_check.by_rows) at one of its rows: its starred
     * references (node indexes) and the line each reads there (NULL: its
     * side has no such line). */
    const uint32_t *rs_node;
    const m_row **rs_row;
    size_t nrs;
} checker;

const char *ck_kind_name(ck_kind k)
{
    switch (k) {
    case CK_FOOTING: return "footing";
    case CK_CROSS_FOOTING: return "cross-footing";
    case CK_OF_WHICH: return "of-which";
    case CK_IDENTITY: return "identity";
    case CK_YOY_CHANGE: return "yoy-change";
    case CK_YOY_RATE: return "yoy-rate";
    case CK_INDICATOR_KIND: return "indicator-kind";
    case CK_EXECUTION_RATE: return "execution-rate";
    }
    return "?";
}

const char *ck_status_name(ck_status s)
{
    switch (s) {
    case ST_EXACT: return "exact";
    case ST_WITHIN: return "within_rounding";
    case ST_BROKEN: return "broken";
    case ST_KNOWN: return "known";
    }
    return "?";
}

/* ---- arithmetic on cells ---------------------------------------------- */

/* "count (人)" / "money" / "rate" */
static const char *kind_word(checker *c, const m_value *v)
{
    switch (v->kind) {
    case KIND_MONEY: return _("an amount of money");
    case KIND_COUNT: return m_value_unit(v) ? arena_printf(c->a, _("a count (%s)"), m_value_unit(v)->name) : _("a count");
    case KIND_RATE: return _("a rate");
    case KIND_TEXT: return _("text");
    default: return _("nothing");
    }
}

static bool same_kind(const m_value *a, const m_value *b)
{
    if (a->blank || b->blank)
        return true;    /* a blank is nothing, of any kind */
    if (a->kind != b->kind)
        return false;
    if (a->kind == KIND_COUNT)
        return a->unit_ix == b->unit_ix;
    return true;
}

/* acc += v, checking kinds and overflow.  Returns false (and reports at
 * `at`) when they cannot be added; the message names the sum of row's
 * parts, across column `across` when it is not NULL. */
static bool add_into(checker *c, m_value *acc, const m_value *v, span at, const m_row *row, const m_col *across)
{
    if (!acc->present) {
        *acc = *v;
        acc->declared = false;
        acc->at_len = 0;
        return true;
    }
    if (v->blank)
        return true;    /* adds nothing */
    if (acc->blank) {   /* blanks so far: the sum takes this part's kind */
        acc->blank = false;
        acc->kind = v->kind;
        acc->unit_ix = v->unit_ix;
        acc->v = 0;
        acc->places = v->places;
    }
    if (!same_kind(acc, v) || !dec_add(acc->v, v->v, &acc->v)) {
        if (!same_kind(acc, v) && across)
            diag_add(c->d, DIAG_ERROR, at, "type", "the sum of '%s' across %s adds %s to %s", row->label,
                     across->header, kind_word(c, v), kind_word(c, acc));
        else if (!same_kind(acc, v))
            diag_add(c->d, DIAG_ERROR, at, "type", "the sum of '%s' adds %s to %s", row->label, kind_word(c, v),
                     kind_word(c, acc));
        else if (across)
            diag_add(c->d, DIAG_ERROR, at, "limit",
                     "the sum of '%s' across %s overflows the amount range (about 9.2 × 10^14 元)", row->label,
                     across->header);
        else
            diag_add(c->d, DIAG_ERROR, at, "limit", "the sum of '%s' overflows the amount range (about 9.2 × 10^14 元)",
                     row->label);
        return false;
    }
    if (acc->places < v->places)
        acc->places = v->places;
    return true;
}

/* The scratch buffer: reset, append, and copy out into the arena.  One
 * buffer serves every identity, so building a text is linear. */
static void sb_reset(checker *c)
{
    c->sblen = 0;
}

static void sb_add(checker *c, const char *s)
{
    size_t n = strlen(s);
    if (c->sblen + n + 1 > c->sbcap) {
        size_t ncap = c->sbcap ? c->sbcap * 2 : 256;
        while (ncap < c->sblen + n + 1)
            ncap *= 2;
        c->sb = arena_grow(c->a, c->sb, c->sbcap, ncap);
        c->sbcap = ncap;
    }
    memcpy(c->sb + c->sblen, s, n + 1);
    c->sblen += n;
}

static const char *sb_done(checker *c)
{
    return c->sblen ? arena_strndup(c->a, c->sb, c->sblen) : "";
}

static bool summable(const m_col *col)
{
    return !col->text && !col->indicator;
}

/* ---- derivation -------------------------------------------------------- */

/* Sums the parts of one cell: the row's children in column ci (by_col
 * false) or the column's sub-columns in this row (by_col true).  False
 * when there are no parts or one is missing. */
static bool sum_parts(checker *c, const m_table *t, const m_row *row, size_t ci, bool by_col, m_value *acc)
{
    const m_col *col = t->cols[ci];
    size_t n = by_col ? col->nkids : row->nkids;
    bool any = false;
    memset(acc, 0, sizeof *acc);
    for (size_t k = 0; k < n; k++) {
        const m_value *v;
        if (by_col) {
            if (col->kids[k]->ofwhich || !summable(col->kids[k]))
                continue;
            v = &row->cells[col->kids[k]->index];
        } else {
            if (row->kids[k]->ofwhich)
                continue;
            v = &row->kids[k]->cells[ci];
        }
        if (!v->present)
            return false;
        if (!add_into(c, acc, v, row->at, row, by_col ? col : NULL))
            return false;
        any = true;
    }
    return any;
}

/* Derives the cells of row (and its children first) left out.  A column
 * with sub-columns is derived across first: that sum involves the fewest
 * published figures. */
static void derive_row(checker *c, m_table *t, m_row *row)
{
    for (size_t i = 0; i < row->nkids; i++)
        derive_row(c, t, row->kids[i]);
    for (size_t ci = t->ncols; ci-- > 0;) {
        m_value *cell = &row->cells[ci];
        const m_col *col = t->cols[ci];
        if (cell->present || !summable(col))
            continue;
        m_value acc;
        if (sum_parts(c, t, row, ci, true, &acc) || sum_parts(c, t, row, ci, false, &acc))
            *cell = acc;
    }
}

/* A leaf line with no value in one of its block's columns. */
static void report_missing(checker *c, const m_table *t, const m_row *row)
{
    if (row->nkids || row->derive)
        return;
    const m_block *b = &t->blocks[row->block];
    for (size_t i = 0; i < b->ncols; i++) {
        const m_value *v = &row->cells[b->cols[i]];
        if (v->present || t->cols[b->cols[i]]->text)
            continue;
        if (t->narrative && (m_row_change(row) || m_row_was(row)))
            continue;
        if (t->narrative)
            diag_add(c->d, DIAG_ERROR, row->at, "value", "'%s' has no value and no parts to derive it from",
                     row->label);
        else
            diag_add(c->d, DIAG_ERROR, row->at, "value", "'%s' has no value in %s and no parts to derive it from",
                     row->label, t->cols[b->cols[i]]->header);
        return;
    }
}

/* ---- identities -------------------------------------------------------- */

/* Amounts in messages: exact, grouped by thousands (present.c). */
static const char *fmt(checker *c, dec v, int pow10)
{
    return present_amount_str(c->a, v, pow10);
}

/* A figure in a message about table t, as its source wrote it (a derived
 * value: exact, in t's unit). */
static const char *fig_text(checker *c, const m_table *t, const m_value *v)
{
    return present_figure(c->a, v, present_money_unit(c->m, t));
}

/* ---- rounding: what a value may be off by ---------------------------- */

/* The rounded figures a value stands for (docs/language.md §8): how many,
 * the sum of their rounding units (half of it is the most the value can be
 * off by), and the finest and the coarsest.  Counted only for identities
 * that are not exact, and memoised per cell (cell_rsum), so a budget pays
 * for it in proportion to its discrepancies. */
typedef struct rsum {
    unsigned n;
    dec u, umin, umax;      /* base units */
    const unit_info *umin_in, *umax_in; /* the units those two were written in */
} rsum;

static void rsum_add(rsum *a, const rsum *b)
{
    if (!b->n)
        return;
    if (!a->n || b->umin < a->umin) {
        a->umin = b->umin;
        a->umin_in = b->umin_in;
    }
    if (!a->n || b->umax > a->umax) {
        a->umax = b->umax;
        a->umax_in = b->umax_in;
    }
    a->n += b->n;
    if (__builtin_add_overflow(a->u, b->u, &a->u))
        a->u = INT64_MAX;
}

/* Figure v of column ci of t: its rounding (none when it is exact). */
static rsum rsum_fig(const m_table *t, size_t ci, const m_value *v)
{
    dec u = prec_figure(t, ci, v);
    rsum r = { u ? 1u : 0u, u, u, u, m_value_unit(v), m_value_unit(v) };
    return r;
}

static rsum cell_rsum_w(checker *c, const m_table *t, const m_row *row, size_t ci, bool widen);
static rsum yoy_rsum(checker *c, const m_row *row, size_t ci, m_basis b, bool change);

/* The parts of a cell -- its line's children in column ci (by_col false)
 * or its column's sub-columns in this line -- when they are all there:
 * their rounding sum into *out; when want is not NULL, only if their
 * values add up to *want exactly. */
static bool parts_rsum(checker *c, const m_table *t, const m_row *row, size_t ci, bool by_col, const dec *want,
                       bool widen, rsum *out)
{
    const m_col *col = t->cols[ci];
    size_t n = by_col ? col->nkids : row->nkids;
    dec sum = 0;
    bool any = false;
    for (int pass = want ? 0 : 1; pass < 2; pass++) {
        for (size_t k = 0; k < n; k++) {
            const m_row *r = by_col ? row : row->kids[k];
            size_t cj = by_col ? col->kids[k]->index : ci;
            if (by_col ? (col->kids[k]->ofwhich || col->kids[k]->text || col->kids[k]->indicator) : r->ofwhich)
                continue;
            const m_value *v = &r->cells[cj];
            if (!v->present || v->kind == KIND_TEXT)
                return false;
            any = true;
            if (pass == 0) {
                if (!v->blank && __builtin_add_overflow(sum, v->v, &sum))
                    return false;
            } else {
                rsum x = cell_rsum_w(c, t, r, cj, widen);
                rsum_add(out, &x);
            }
        }
        if (pass == 0 && (!any || sum != *want))
            return false;
    }
    return any;
}

/* The rounding a value stands for: a figure its own (prec_figure), a
 * derived value its parts' together.  widen (explicit checks): a printed
 * total that equals the sum of the printed lines under it may have been
 * added up from them -- a 决算 table often is -- so it may be off by as
 * much as they are together, when that is more.  The implicit identities
 * of a table judge each printed figure by its own rounding. */
static rsum cell_rsum_w(checker *c, const m_table *t, const m_row *row, size_t ci, bool widen)
{
    rsum r = { 0 };
    const m_value *v = &row->cells[ci];
    if (!v->present || v->blank || v->kind == KIND_TEXT)
        return r;
    const void *key = widen ? (const void *)c : NULL;  /* two memos in one map */
    const size_t *hit = pmap_get(&c->rmemo, v, key);
    if (hit)
        return c->rv[*hit];
    if (v->declared) {
        r = rsum_fig(t, ci, v);
        rsum p = { 0 };
        if (widen && parts_rsum(c, t, row, ci, false, &v->v, true, &p) && p.u > r.u)
            r = p;
    } else if (row->derive && m_row_derive_from(row)) {   /* "2021 年" = prev("2022 年"), change(...) */
        if (row->derive != DERIVE_RATE)
            r = yoy_rsum(c, m_row_derive_from(row), ci, row->derive_basis, row->derive == DERIVE_CHANGE);
    } else {    /* derived as derive_row did: across first */
        if (!parts_rsum(c, t, row, ci, true, NULL, widen, &r)) {
            memset(&r, 0, sizeof r);
            parts_rsum(c, t, row, ci, false, NULL, widen, &r);
        }
    }
    if (c->nrv == c->caprv) {
        size_t cap = c->caprv ? c->caprv * 2 : 64;
        c->rv = arena_side_grow(c->a, c->rv, c->caprv * sizeof *c->rv, cap * sizeof *c->rv);
        c->caprv = cap;
    }
    bool found;
    *pmap_slot(c->a, &c->rmemo, v, key, &found) = c->nrv;
    c->rv[c->nrv++] = r;
    return r;
}

static rsum cell_rsum(checker *c, const m_table *t, const m_row *row, size_t ci)
{
    return cell_rsum_w(c, t, row, ci, false);
}

/* v rounded half away from zero to a multiple of p (> 0); false on overflow. */
static bool round_to(dec v, dec p, dec *out)
{
    dec q = v / p, rem = v % p;
    dec a = rem < 0 ? -rem : rem;
    if (a >= p - a)
        q += v < 0 ? -1 : 1;
    return !__builtin_mul_overflow(q, p, out);
}

/* How far relation rel is from holding for the difference d (0: it holds). */
static dec miss_of(lang_rel rel, dec d)
{
    switch (rel) {
    case REL_EQ: return d < 0 ? -d : d;
    case REL_GE: return d >= 0 ? 0 : -d;
    case REL_GT: return d > 0 ? 0 : (d == 0 ? 1 : -d);
    case REL_LE: return d <= 0 ? 0 : d;
    case REL_LT: return d < 0 ? 0 : (d == 0 ? 1 : d);
    case REL_NE: return d != 0 ? 0 : -1;
    }
    return d;
}

/* Whether the rounding of id's sides is wanted: when it fails as
 * computed, or when every identity is listed with its bound (a full
 * report, the language server). */
static bool want_bound(const checker *c, const m_identity *id)
{
    return c->m->record_exact || miss_of(id->rel, id->diff) != 0;
}

/* An identity that fails under a known marker is known, not broken (or
 * within rounding); the marker counts it. */
static void acknowledge(m_identity *id)
{
    if (id->known)
        id->known->judged++;
    if (id->known && id->status != ST_EXACT) {
        id->status = ST_KNOWN;
        id->known->failing++;
    }
}

/* Fills tolerance and status of id from its diff and the rounding of
 * its two sides (L, R: counted by the caller only when the identity
 * fails as computed; NULL for none).  One rule for every identity:
 *   - exact when the relation holds, or holds once the finer side is
 *     rounded to the coarser side's precision (9,628.22 万元 restating
 *     96,282,213.44 元 is exact);
 *   - within rounding when |difference| < ½ Σ u over the rounded figures
 *     of both sides, each its own u;
 *   - broken otherwise.
 * The wording of the rule is made only for identities that are printed
 * (see keep). */
static void judge_bound(checker *c, m_identity *id, const rsum *L, const rsum *R, lang_tolerance tol, dec within)
{
    const m_budget *b = &c->m->budget;
    static const rsum none = { 0 };
    if (!L)
        L = &none;
    if (!R)
        R = &none;
    if (tol == TOL_DEFAULT)
        tol = b->tolerance;
    if (tol == TOL_WITHIN && within == 0 && b->tolerance == TOL_WITHIN)
        within = b->fixed_tolerance;
    rsum all = *L;
    rsum_add(&all, R);
    id->nfig = all.n;
    id->ustep = all.umin == all.umax ? all.umax : 0;
    id->umin = all.umin;
    id->umax = all.umax;
    id->umin_in = all.umin_in;
    id->umax_in = all.umax_in;
    id->rule = NULL;
    id->tolerance = 0;
    id->tolerance_strict = false;
    dec miss = miss_of(id->rel, id->diff);
    bool rounded = id->kind_of_values == KIND_MONEY || id->kind_of_values == KIND_RATE;
    if (tol == TOL_EXACT) {
        id->rule = "exact";
    } else if (tol == TOL_WITHIN) {
        id->tolerance = within;
    } else if (!rounded || all.n == 0) {
        id->rule = rounded ? "exact (no published figure involved)" : "exact (counts are not rounded)";
    } else {
        /* ½ Σ u, rounded up to the last decimal kept (compared doubled) */
        id->tolerance = all.u / 2 + all.u % 2;
        id->tolerance_strict = true;
        /* a restatement: the finer side rounded to the coarser one's unit */
        if (miss != 0 && L->n && R->n && L->umax != R->umax) {
            bool lcoarse = L->umax > R->umax;
            dec p = lcoarse ? L->umax : R->umax, r, d;
            if (round_to(lcoarse ? id->rhs : id->lhs, p, &r) &&
                !__builtin_sub_overflow(lcoarse ? id->lhs : r, lcoarse ? r : id->rhs, &d) &&
                miss_of(id->rel, d) == 0) {
                miss = 0;
                id->restated = p;
            }
        }
    }
    if (miss == 0)
        id->status = ST_EXACT;
    else if (miss > 0 && (id->tolerance_strict ? (miss < INT64_MAX / 2 && 2 * miss < all.u) : miss <= id->tolerance))
        id->status = ST_WITHIN;
    else
        id->status = ST_BROKEN;
}

/* A check with a share, a rate or a product (checker operands carry
 * intervals): consistent when some values the rounded figures allow on
 * each side satisfy the relation -- a rate computed by the office from
 * figures it then rounded is not wrong for differing from one computed
 * from the rounded figures.  The rule gives both intervals. */
static void judge_ival(checker *c, m_identity *id, const struct operand *l, const struct operand *r,
                       lang_tolerance tol, dec within);

/* judge, then the known marker's say. */
static void judge(checker *c, m_identity *id, const rsum *L, const rsum *R, lang_tolerance tol, dec within)
{
    judge_bound(c, id, L, R, tol, within);
    acknowledge(id);
}

/* A rounding unit u (base units) in the unit its figure was written in
 * (in; NULL: id's): "0.01 元", "0.01 万元", "0.01%". */
static const char *unit_text(checker *c, dec u, const unit_info *in, const m_identity *id)
{
    if (!in || (in->kind != KIND_MONEY && in->kind != KIND_RATE))
        return arena_printf(c->a, "%s %s", fmt(c, u, id->pow10), id->unit_name);
    if (in->kind == KIND_RATE)
        return arena_printf(c->a, "%s%%", fmt(c, u, 0));
    return arena_printf(c->a, "%s %s", fmt(c, u, in->pow10), in->name);
}

/* The literal s, translated when tr (i18n.h): a rule in words is kept in
 * the model in English (reports, the published document: the same bytes
 * in every language) and said in the user's language in a diagnostic. */
#define TR(tr, s) ((tr) ? gettext(s) : (s))
#define TRN(tr, s, p, n) ((tr) ? ngettext(s, p, n) : (n) == 1 ? (s) : (p))

/* The tolerance rule of id in words, translated when tr.  The wording
 * repeats (n figures of one rounding unit always read the same), so the
 * English one is kept per n. */
static const char *rule_words(checker *c, const m_identity *id, bool tr)
{
    if (id->widened)
        return arena_printf(c->a, TR(tr, "|difference| < %s %s = ½ × the rounding units of %u rounded figures, "
                                         "a total counted as the sum of the printed lines under it"),
                            fmt(c, id->tolerance, id->pow10), id->unit_name, id->nfig);
    if (id->restated)
        return arena_printf(c->a, TR(tr, "exact once rounded to %s %s, the coarser side's precision"),
                            fmt(c, id->restated, id->pow10), id->unit_name);
    if (!id->tolerance_strict)
        return arena_printf(c->a, TR(tr, "|difference| <= %s %s, a fixed bound"), fmt(c, id->tolerance, id->pow10),
                            id->unit_name);
    if (!id->ustep)
        return arena_printf(c->a, TR(tr, "|difference| < %s %s = ½ × the rounding units of %u rounded figures (%s to %s)"),
                            fmt(c, id->tolerance, id->pow10), id->unit_name, id->nfig,
                            unit_text(c, id->umin, id->umin_in, id), unit_text(c, id->umax, id->umax_in, id));
    bool memo = id->nfig < 64 && !tr;
    struct rule_memo *slot = memo ? &c->rule_memo[id->nfig] : NULL;
    if (slot && slot->text && slot->unit == id->unit_name && slot->u == id->ustep && slot->in == id->umax_in)
        return slot->text;
    const char *text = arena_printf(c->a, TRN(tr, "|difference| < %s %s = %u rounded figure × ½ × %s",
                                              "|difference| < %s %s = %u rounded figures × ½ × %s", id->nfig),
                                    fmt(c, id->tolerance, id->pow10), id->unit_name, id->nfig,
                                    unit_text(c, id->ustep, id->umax_in, id));
    if (slot) {
        slot->text = text;
        slot->unit = id->unit_name;
        slot->u = id->ustep;
        slot->in = id->umax_in;
    }
    return text;
}

/* Decides whether id is kept: an exact identity is only counted unless a
 * report wants it.  A kept one gets its rule in words. */
static bool keep(checker *c, m_identity *id)
{
    if (id->status == ST_EXACT) {
        /* counted where it was made; the model is the checker's to fill */
        size_t *n = id->table ? ((m_table *)id->table)->exact : c->m->exact_top;
        n[id->kind]++;
        if (!c->m->record_exact) {
            c->nids--;
            c->m->nunrecorded++;
            return false;
        }
    }
    if (!id->rule)
        id->rule = rule_words(c, id, false);
    return true;
}

/* A new identity of kind, claimed at `at`, standing under the marker
 * known (or NULL). */
static m_identity *new_id(checker *c, ck_kind kind, span at, const m_table *t, const m_value *sample,
                          m_known *known)
{
    if (c->nids == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 256;
        c->ids = arena_grow(c->a, c->ids, c->cap * sizeof *c->ids, ncap * sizeof *c->ids);
        c->cap = ncap;
    }
    m_identity *id = &c->ids[c->nids++];
    memset(id, 0, sizeof *id);
    c->said_of = NULL;      /* a rule said for an earlier identity is not this one's */
    id->kind = kind;
    id->at = at;
    id->table = t;
    id->rel = REL_EQ;
    id->kind_of_values = sample->kind;
    id->pow10 = present_pow10(c->m, t, sample->kind);
    id->unit_name = present_unit_name(c->m, t, sample);
    const unit_info *su = m_value_unit(sample);
    if (kind != CK_IDENTITY && sample->kind == KIND_MONEY && su && su->kind == KIND_MONEY) {
        id->pow10 = su->pow10;      /* a table's own figure speaks in its column's unit */
        id->unit_name = su->name;
    }
    id->known = known;
    return id;
}

/* An amount in id's unit: "-1 万元", "-0.0764%" (percent glued). */
static const char *amount_text(checker *c, const m_identity *id, dec v)
{
    if (id->kind_of_values == KIND_RATE)
        return arena_printf(c->a, "%s%%", fmt(c, v, id->pow10));
    return arena_printf(c->a, "%s %s", fmt(c, v, id->pow10), id->unit_name);
}

static const char *diff_text(checker *c, const m_identity *id)
{
    return amount_text(c, id, id->diff);
}

/* An interval in id's unit: "[71.6536%, 71.6542%]" (words translated
 * when tr). */
static const char *ival_text(checker *c, const m_identity *id, const ival *v, bool tr)
{
    if (v->all)
        return TR(tr, "any value (a division by an amount that may be 0)");
    if (v->lo == v->hi)
        return amount_text(c, id, v->lo);
    if (id->kind_of_values == KIND_RATE)
        return arena_printf(c->a, "[%s%%, %s%%]", fmt(c, v->lo, id->pow10), fmt(c, v->hi, id->pow10));
    return arena_printf(c->a, "[%s, %s] %s", fmt(c, v->lo, id->pow10), fmt(c, v->hi, id->pow10), id->unit_name);
}

/* Sets id's rule: en (English) in the model, said (the user's language)
 * in the diagnostic report() makes next. */
static void set_rule(checker *c, m_identity *id, const char *en, const char *said)
{
    id->rule = en;
    c->said_of = id;
    c->said = said;
}

/* id's rule in the user's language: the model keeps it in English. */
static const char *rule_said(checker *c, const m_identity *id)
{
    static const char *const fixed[] = {
        N_("exact"), N_("exact (no published figure involved)"), N_("exact (counts are not rounded)"),
    };
    if (!id->rule)
        return "";
    if (c->said_of == id && c->said)
        return c->said;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (strcmp(id->rule, fixed[i]) == 0)
            return _(fixed[i]);
    return strcmp(id->rule, rule_words(c, id, false)) == 0 ? rule_words(c, id, true) : id->rule;
}

static diag *report_diag(checker *c, const m_identity *id, const char *what);

/* The two sides of id as their source wrote them, for the report (l, r:
 * the figures, or NULL): only where that differs from the amount the
 * report prints (decimals, a unit, a sign, a blank). */
static void written(checker *c, m_identity *id, const m_table *t, const m_value *l, const m_value *r)
{
    const m_value *side[2] = { l, r };
    const char **out[2] = { &id->lhs_text, &id->rhs_text };
    for (int k = 0; k < 2; k++) {
        const m_value *v = side[k];
        if (!v || !(v->declared || v->blank))
            continue;
        const unit_info *u = m_value_unit(v);
        bool other_unit = v->kind == KIND_MONEY && u && u->pow10 != id->pow10;
        if (v->places > 0 || other_unit || v->plus || v->blank)
            *out[k] = fig_text(c, t, v);
    }
}

/* The diagnostic for an identity that is not exact. */
/* Where `known "…"` would go on row: after its last written figure (and
 * the ')' of a rate), else after its label. */
static span marker_at(const m_row *row)
{
    const m_table *t = row->table;
    uint32_t end = row->at.end;
    const m_value *lists[1 + 3 * M_NBASES] = { row->cells };
    for (size_t b = 0; row->x && b < M_NBASES; b++) {
        lists[1 + 3 * b] = row->x->was[b];
        lists[2 + 3 * b] = row->x->change[b];
        lists[3 + 3 * b] = row->x->rate[b];
    }
    for (size_t k = 0; k < 1 + 3 * M_NBASES; k++)
        for (size_t ci = 0; lists[k] && ci < t->ncols; ci++)
            if (lists[k][ci].at_len && lists[k][ci].at_begin + lists[k][ci].at_len > end)
                end = lists[k][ci].at_begin + lists[k][ci].at_len;
    const src_file *f = row->at.file;
    if (f && end < f->len && f->text[end] == ')')
        end++;
    span s = { f, end, end };
    return s;
}

/* Offers, on a diagnostic of a failing identity, to acknowledge it as a
 * published discrepancy (an editor's quick fix, never its preferred one):
 * known "原文如此：" at the end of its check or of the line it is about. */
static void offer_known(checker *c, diag *dg)
{
    span at = { NULL, 0, 0 };
    if (c->ack_check && !c->ack_check->known) {
        at = c->ack_check->at;
        at.begin = at.end;
    } else if (c->ack_row && !m_row_known(c->ack_row)) {
        at = marker_at(c->ack_row);
    }
    if (dg && at.file)
        diag_fix_acknowledge(c->d, dg, at, " known \"原文如此：\"",
                             _("acknowledge a published discrepancy: known \"原文如此：…\""));
}

static diag *report(checker *c, const m_identity *id, const char *what)
{
    diag *dg = report_diag(c, id, what);
    if (id->status == ST_WITHIN || id->status == ST_BROKEN)
        offer_known(c, dg);
    return dg;
}

static diag *report_diag(checker *c, const m_identity *id, const char *what)
{
    if (id->status == ST_EXACT)
        return NULL;
    if (id->rule == RULE_DIVZERO && id->status == ST_KNOWN)
        return diag_add(c->d, DIAG_NOTE, id->at, ck_kind_name(id->kind), "%s (known: %s)", what, id->known->reason);
    if (id->rule == RULE_DIVZERO)
        return diag_add(c->d, DIAG_ERROR, id->at, ck_kind_name(id->kind), "%s", what);
    if (id->status == ST_KNOWN)
        return diag_add(c->d, DIAG_NOTE, id->at, ck_kind_name(id->kind), "%s (difference %s; known: %s)", what,
                        diff_text(c, id), id->known->reason);
    if (id->ival_rule)
        return diag_add(c->d, DIAG_ERROR, id->at, ck_kind_name(id->kind), "%s (%s)", what, rule_said(c, id));
    const char *verdict = id->status == ST_WITHIN ? (id->tolerance_strict ? _("within rounding") : _("within the fixed bound"))
                                                  : _("not within");
    if (id->status == ST_BROKEN && !id->tolerance_strict && id->tolerance == 0)
        verdict = _("required");
    return diag_add(c->d, id->status == ST_WITHIN ? DIAG_WARNING : DIAG_ERROR, id->at, ck_kind_name(id->kind),
                    "%s (difference %s; %s: %s)", what, diff_text(c, id), verdict, rule_said(c, id));
}

/* Where v is written in row, or the row's label when it is not. */
static span value_span(const m_row *row, const m_value *v)
{
    return m_value_span(v, row->at.file, row->at);
}

/* ---- the figures of an identity (m_model.record_figures) ---- */

static void fig(checker *c, const m_row *row, size_t col, m_fig_what what)
{
    if (c->nfigs == c->capfigs) {
        size_t ncap = c->capfigs ? c->capfigs * 2 : 16;
        c->figs = arena_grow(c->a, c->figs, c->capfigs * sizeof *c->figs, ncap * sizeof *c->figs);
        c->capfigs = ncap;
    }
    m_fig *f = &c->figs[c->nfigs++];
    f->row = row;
    f->col = (uint32_t)col;
    f->what = what;
}

/* Gives id the figures gathered since the last call, exactly sized. */
static void figs_done(checker *c, m_identity *id)
{
    if (c->nfigs) {
        m_fig *v = arena_alloc(c->a, c->nfigs * sizeof *v);
        memcpy(v, c->figs, c->nfigs * sizeof *v);
        id->figs = v;
        id->nfigs = c->nfigs;
    }
    c->nfigs = 0;
}

/* footing: a declared line = Σ its children, column by column. */
static void check_footing(checker *c, const m_table *t, const m_row *row)
{
    size_t nparts = 0;
    for (size_t k = 0; k < row->nkids; k++)
        nparts += !row->kids[k]->ofwhich;
    if (!nparts)
        return;
    const m_block *b = &t->blocks[row->block];
    const char *expr = NULL;     /* the same in every column: made once */
    for (size_t bi = 0; bi < b->ncols; bi++) {
        size_t ci = b->cols[bi];
        const m_value *cell = &row->cells[ci];
        if (!cell->declared || cell->kind == KIND_TEXT)
            continue;
        m_value acc;
        memset(&acc, 0, sizeof acc);
        bool ok = true;
        for (size_t k = 0; k < row->nkids && ok; k++) {
            const m_row *kid = row->kids[k];
            if (kid->ofwhich)
                continue;
            ok = kid->cells[ci].present && add_into(c, &acc, &kid->cells[ci], value_span(row, cell), row, NULL);
        }
        if (!ok)
            continue;
        if (!same_kind(cell, &acc)) {
            diag_add(c->d, DIAG_ERROR, value_span(row, cell), "type", "'%s' is %s but its parts are %s",
                     row->label, kind_word(c, cell), kind_word(c, &acc));
            continue;
        }
        m_identity *id = new_id(c, CK_FOOTING, value_span(row, cell), t, cell, m_row_known(row));
        id->lhs = cell->v;
        id->rhs = acc.v;
        if (!dec_sub(id->lhs, id->rhs, &id->diff)) {
            diag_add(c->d, DIAG_ERROR, id->at, "limit", "the difference overflows the amount range (about 9.2 × 10^14 元)");
            c->nids--;
            continue;
        }
        rsum L = { 0 }, R = { 0 };
        if (want_bound(c, id)) {
            L = cell_rsum(c, t, row, ci);
            for (size_t k = 0; k < row->nkids; k++)
                if (!row->kids[k]->ofwhich) {
                    rsum x = cell_rsum(c, t, row->kids[k], ci);
                    rsum_add(&R, &x);
                }
        }
        judge(c, id, &L, &R, TOL_DEFAULT, 0);
        if (!keep(c, id))
            continue;
        if (c->m->record_figures) {
            fig(c, row, ci, M_FIG_VALUE);
            for (size_t k = 0; k < row->nkids; k++)
                if (!row->kids[k]->ofwhich)
                    fig(c, row->kids[k], ci, M_FIG_VALUE);
            figs_done(c, id);
        }
        if (!expr) {
            sb_reset(c);
            sb_add(c, row->label);
            sb_add(c, " =");
            size_t terms = 0;
            for (size_t k = 0; k < row->nkids; k++) {
                if (row->kids[k]->ofwhich)
                    continue;
                if (terms == CHECK_MAX_TERMS) {
                    sb_add(c, arena_printf(c->a, " + ... (%zu terms)", nparts));
                    break;
                }
                sb_add(c, terms++ ? " + " : " ");
                sb_add(c, row->kids[k]->label);
            }
            expr = sb_done(c);
        }
        id->expression = expr;
        written(c, id, t, cell, &acc);
        id->column = t->narrative ? NULL : t->cols[ci]->header;
        if (id->status == ST_EXACT)
            continue;
        diag *dg = report(c, id, t->narrative
            ? arena_printf(c->a, _("'%s' is %s but its parts sum to %s"), row->label, fig_text(c, t, cell),
                           fig_text(c, t, &acc))
            : arena_printf(c->a, _("'%s' in %s is %s but its parts sum to %s"), row->label, t->cols[ci]->header,
                           fig_text(c, t, cell), fig_text(c, t, &acc)));
        size_t shown = 0;
        for (size_t k = 0; dg && k < row->nkids; k++) {
            const m_row *kid = row->kids[k];
            if (kid->ofwhich)
                continue;
            if (shown++ == CHECK_MAX_NOTES) {
                diag_note(c->d, dg, row->at, ngettext("... and %zu more part", "... and %zu more parts",
                                                      nparts - CHECK_MAX_NOTES), nparts - CHECK_MAX_NOTES);
                break;
            }
            diag_note(c->d, dg, value_span(kid, &kid->cells[ci]), "%s = %s", kid->label,
                      fig_text(c, t, &kid->cells[ci]));
        }
    }
}

/* cross-footing: a declared column = Σ its sub-columns, in this line. */
static void check_cross(checker *c, const m_table *t, const m_row *row)
{
    for (size_t ci = 0; ci < t->ncols; ci++) {
        const m_col *col = t->cols[ci];
        const m_value *cell = &row->cells[ci];
        if (!cell->declared || !summable(col) || cell->kind == KIND_TEXT || col->nkids == 0)
            continue;
        m_value acc;
        memset(&acc, 0, sizeof acc);
        bool ok = true;
        size_t nparts = 0;
        for (size_t k = 0; k < col->nkids && ok; k++) {
            const m_col *kc = col->kids[k];
            if (kc->ofwhich || !summable(kc))
                continue;
            const m_value *v = &row->cells[kc->index];
            ok = v->present && add_into(c, &acc, v, value_span(row, cell), row, col);
            nparts++;
        }
        if (!ok || !nparts)
            continue;
        m_identity *id = new_id(c, CK_CROSS_FOOTING, value_span(row, cell), t, cell, m_row_known(row));
        id->lhs = cell->v;
        id->rhs = acc.v;
        if (!dec_sub(id->lhs, id->rhs, &id->diff)) {
            c->nids--;
            continue;
        }
        rsum L = { 0 }, R = { 0 };
        if (want_bound(c, id)) {
            L = cell_rsum(c, t, row, ci);
            for (size_t k = 0; k < col->nkids; k++) {
                const m_col *kc = col->kids[k];
                if (kc->ofwhich || !summable(kc))
                    continue;
                rsum x = cell_rsum(c, t, row, kc->index);
                rsum_add(&R, &x);
            }
        }
        judge(c, id, &L, &R, TOL_DEFAULT, 0);
        if (!keep(c, id))
            continue;
        if (c->m->record_figures) {
            fig(c, row, ci, M_FIG_VALUE);
            for (size_t k = 0; k < col->nkids; k++)
                if (!col->kids[k]->ofwhich && summable(col->kids[k]))
                    fig(c, row, col->kids[k]->index, M_FIG_VALUE);
            figs_done(c, id);
        }
        sb_reset(c);
        sb_add(c, "[");
        sb_add(c, row->label);
        sb_add(c, "] ");
        sb_add(c, col->header);
        sb_add(c, " =");
        size_t terms = 0;
        for (size_t k = 0; k < col->nkids; k++) {
            const m_col *kc = col->kids[k];
            if (kc->ofwhich || !summable(kc))
                continue;
            sb_add(c, terms++ ? " + " : " ");
            sb_add(c, kc->header);
        }
        id->expression = sb_done(c);
        written(c, id, t, cell, &acc);
        id->column = col->header;
        if (id->status == ST_EXACT)
            continue;
        diag *dg = report(c, id, arena_printf(c->a, _("'%s' in %s is %s but its sub-columns sum to %s"), row->label,
                                              col->header, fig_text(c, t, cell), fig_text(c, t, &acc)));
        for (size_t k = 0; dg && k < col->nkids && k < CHECK_MAX_NOTES; k++) {
            const m_col *kc = col->kids[k];
            if (kc->ofwhich || !summable(kc))
                continue;
            diag_note(c->d, dg, value_span(row, &row->cells[kc->index]), "%s = %s", kc->header,
                      fig_text(c, t, &row->cells[kc->index]));
        }
    }
}

/* of-which: a part "of which" its parent is, in every column both have. */
static void check_ofwhich(checker *c, const m_table *t, const m_row *row)
{
    for (size_t ci = 0; ci < t->ncols; ci++) {
        const m_col *col = t->cols[ci];
        const m_value *part = NULL, *whole = NULL;
        const char *plabel = NULL, *wlabel = NULL;
        span at;
        if (row->ofwhich && row->parent) {
            part = &row->cells[ci];
            whole = &row->parent->cells[ci];
            plabel = row->label;
            wlabel = row->parent->label;
            at = value_span(row, part);
        } else if (col->ofwhich && col->parent) {
            part = &row->cells[ci];
            whole = &row->cells[col->parent->index];
            plabel = col->header;
            wlabel = col->parent->header;
            at = value_span(row, part);
        } else {
            continue;
        }
        if (!part->present || !whole->present || !(part->declared || whole->declared) || part->kind == KIND_TEXT)
            continue;
        if (!same_kind(part, whole))
            continue;
        m_identity *id = new_id(c, CK_OF_WHICH, at, t, part, m_row_known(row));
        id->rel = REL_LE;
        id->lhs = part->v;
        id->rhs = whole->v;
        if (!dec_sub(id->lhs, id->rhs, &id->diff)) {
            c->nids--;
            continue;
        }
        rsum L = { 0 }, R = { 0 };
        if (want_bound(c, id)) {
            L = cell_rsum(c, t, row, ci);
            R = row->ofwhich && row->parent ? cell_rsum(c, t, row->parent, ci)
                                            : cell_rsum(c, t, row, col->parent->index);
        }
        judge(c, id, &L, &R, TOL_DEFAULT, 0);
        if (!keep(c, id))
            continue;
        if (c->m->record_figures) {
            fig(c, row, ci, M_FIG_VALUE);
            if (row->ofwhich && row->parent)
                fig(c, row->parent, ci, M_FIG_VALUE);     /* the line it is part of */
            else
                fig(c, row, col->parent->index, M_FIG_VALUE);     /* the column */
            figs_done(c, id);
        }
        id->expression = arena_printf(c->a, "%s <= %s", plabel, wlabel);
        written(c, id, t, part, whole);
        id->column = (col->ofwhich || t->narrative) ? NULL : col->header;
        if (id->status != ST_EXACT)
            report(c, id, arena_printf(c->a, _("'%s' (%s) is more than the whole it is part of, '%s' (%s)"), plabel,
                                   fig_text(c, t, part), wlabel, fig_text(c, t, whole)));
    }
}

/* Last year's table of this year's table t, matched line by line. */
typedef struct prev_table {
    const m_table *pt;      /* NULL: last year has no table with t's id */
    long *cmap;             /* t's columns -> pt's (-1: none) */
} prev_table;

static const prev_table *prev_table_of(checker *c, const m_table *t)
{
    static const prev_table none = { NULL, NULL };
    bool found;
    if (c->px->frozen) {    /* after check_model: what was matched then */
        const size_t *ix = pmap_get(&c->px->prev_tables, t, NULL);
        return ix ? &c->px->ptabs[*ix] : &none;
    }
    size_t *slot = pmap_slot(c->a, &c->px->prev_tables, t, NULL, &found);
    if (found)
        return &c->px->ptabs[*slot];
    *slot = c->px->nptabs;
    if (c->px->nptabs == c->px->capptabs) {
        size_t cap = c->px->capptabs ? c->px->capptabs * 2 : 16;
        c->px->ptabs = arena_side_grow(c->a, c->px->ptabs, c->px->capptabs * sizeof *c->px->ptabs, cap * sizeof *c->px->ptabs);
        c->px->capptabs = cap;
    }
    prev_table *p = &c->px->ptabs[c->px->nptabs++];
    size_t j = match_index_find(&c->px->prev_ids, t->id);
    p->pt = j == MATCH_NONE ? NULL : c->px->prevm->tables[c->px->prev_ids.first[j]];
    p->cmap = NULL;
    if (!p->pt)
        return p;
    p->cmap = arena_alloc(c->a, (t->ncols ? t->ncols : 1) * sizeof *p->cmap);
    match_columns(p->pt, t, false, p->cmap);
    match_side o, n;
    match_side_init(&o, c->px->prevm, p->pt);
    match_side_init(&n, c->m, t);
    match_lines(&o, &n);
    for (size_t i = 0; i < n.n; i++) {
        if (n.lines[i].match < 0)
            continue;
        if (c->px->nprev == c->px->capprev) {
            size_t cap = c->px->capprev ? c->px->capprev * 2 : 256;
            c->px->prev_row = arena_side_grow(c->a, c->px->prev_row, c->px->capprev * sizeof *c->px->prev_row,
                                          cap * sizeof *c->px->prev_row);
            c->px->capprev = cap;
        }
        *pmap_slot(c->a, &c->px->prev_rows, n.lines[i].row, NULL, &found) = c->px->nprev;
        c->px->prev_row[c->px->nprev++] = o.lines[n.lines[i].match].row;
    }
    match_side_free(&o);
    match_side_free(&n);
    return p;
}

/* The same line in last year's budget (match.h), or NULL. */
static const m_row *prev_row(checker *c, const m_row *row)
{
    if (!c->px)
        return NULL;
    prev_table_of(c, row->table);
    const size_t *ix = pmap_get(&c->px->prev_rows, row, NULL);
    return ix ? c->px->prev_row[*ix] : NULL;
}

/* Where last year's file (`previous`) holds the figures of basis b of
 * this budget, in its line p: its own figures when it is of b's kind
 * (budget or final accounts), its `budget` figures when it is final
 * accounts and b is last year's budget; else nowhere (NULL). */
static const m_value *file_list(const checker *c, const m_row *p, m_basis b)
{
    if (!c->px || b == M_BASIS_BUDGET)
        return NULL;
    bool pfinal = c->px->prevm->budget.final;
    bool want_final = (b == M_BASIS_LAST) == c->m->budget.final;
    if (want_final == pfinal)
        return p->cells;
    return pfinal ? m_row_was_b(p, M_BASIS_BUDGET) : NULL;
}

/* Last year's value of basis b in the same column (by header), from the
 * previous budget file. */
static bool prev_file_value(checker *c, const m_row *row, size_t ci, m_basis b, m_value *out)
{
    const m_row *p = prev_row(c, row);
    const m_value *list = p ? file_list(c, p, b) : NULL;
    if (!list)
        return false;
    long pci = prev_table_of(c, row->table)->cmap[ci];
    if (pci < 0 || !list[pci].present || list[pci].kind == KIND_TEXT)
        return false;
    *out = list[pci];
    out->at_len = 0;
    out->declared = false;
    return true;
}

/* The rounding of last year's value of basis b from the previous budget
 * file. */
static rsum prev_file_rsum(checker *c, const m_row *row, size_t ci, m_basis b)
{
    rsum none = { 0 };
    const m_row *p = prev_row(c, row);
    const m_value *list = p ? file_list(c, p, b) : NULL;
    if (!list)
        return none;
    long pci = prev_table_of(c, row->table)->cmap[ci];
    if (pci < 0)
        return none;
    return list == p->cells ? cell_rsum(c, p->table, p, (size_t)pci) : rsum_fig(p->table, (size_t)pci, &list[pci]);
}

/* A year-over-year value: found, not there, or there but out of range
 * (a derived one: this year less a stated change, say). */
typedef enum { YV_NONE, YV_OK, YV_OVERFLOW } yv_status;

/* Where a value of a basis comes from (prev_value's order). */
typedef enum { PV_STATED, PV_FILE, PV_CHANGE, PV_PARTS } pv_source;

static yv_status prev_value_src(checker *c, const m_row *row, size_t ci, m_basis b, m_value *out, pv_source *src);
static yv_status prev_value_own(checker *c, const m_row *row, size_t ci, m_basis b, m_value *out, pv_source *src);
static rsum yoy_rsum(checker *c, const m_row *row, size_t ci, m_basis b, bool change);

/* The sum of the values of basis b of a cell's parts in one direction:
 * the line's children (not of-which) in column ci (by_col false), or the
 * column's sub-columns in this line; with rs, their rounding too.
 * YV_NONE when there are no parts or one has no such value. */
static yv_status sum_basis_parts(checker *c, const m_row *row, size_t ci, m_basis b, bool by_col, m_value *out,
                                 rsum *rs)
{
    const m_col *col = row->table->cols[ci];
    size_t n = by_col ? col->nkids : row->nkids;
    bool any = false;
    m_value acc;
    memset(&acc, 0, sizeof acc);
    rsum racc = { 0 };
    for (size_t k = 0; k < n; k++) {
        const m_row *r = by_col ? row : row->kids[k];
        size_t cj = by_col ? col->kids[k]->index : ci;
        if (by_col ? (col->kids[k]->ofwhich || !summable(col->kids[k])) : r->ofwhich)
            continue;
        m_value v;
        pv_source src;
        yv_status st = prev_value_src(c, r, cj, b, &v, &src);
        if (st != YV_OK || v.kind == KIND_TEXT || (any && !same_kind(&acc, &v)))
            return st == YV_OVERFLOW ? st : YV_NONE;
        if (!any) {
            acc = v;
            acc.v = 0;
            acc.blank = true;
            any = true;
        }
        if (!v.blank && !dec_add(acc.v, v.v, &acc.v))
            return YV_OVERFLOW;
        if (!v.blank || acc.blank)
            acc.kind = v.kind;
        acc.blank = acc.blank && v.blank;
        if (acc.places < v.places)
            acc.places = v.places;
        if (rs) {
            rsum x = yoy_rsum(c, r, cj, b, false);
            rsum_add(&racc, &x);
        }
    }
    if (!any)
        return YV_NONE;
    acc.declared = acc.plus = false;
    acc.at_len = 0;
    acc.present = true;
    *out = acc;
    if (rs)
        *rs = racc;
    return YV_OK;
}

/* The value of basis b of a cell with parts, summed from its parts'
 * values of that basis: the line's children first (last year's lines are
 * what was stated), else the column's sub-columns. */
static yv_status parts_prev(checker *c, const m_row *row, size_t ci, m_basis b, m_value *out, rsum *rs)
{
    yv_status st = sum_basis_parts(c, row, ci, b, false, out, rs);
    return st == YV_NONE ? sum_basis_parts(c, row, ci, b, true, out, rs) : st;
}

/* The value of basis b of a cell (last year's of a kind, or this year's
 * budget) and where it comes from: stated (`was`, `budget`), from last
 * year's file, this year less a stated change, or the sum of the cell's
 * parts' values. */
static yv_status prev_value_src(checker *c, const m_row *row, size_t ci, m_basis b, m_value *out, pv_source *src)
{
    const m_value *was = m_row_was_b(row, b), *chg = m_row_change_b(row, b);
    if (was && was[ci].present) {
        *out = was[ci];
        *src = PV_STATED;
        return YV_OK;
    }
    *src = PV_FILE;
    if (prev_file_value(c, row, ci, b, out))
        return YV_OK;
    if (chg && chg[ci].present && row->cells[ci].present && same_kind(&chg[ci], &row->cells[ci])) {
        *src = PV_CHANGE;
        *out = row->cells[ci];
        out->declared = false;
        out->at_len = 0;
        if (out->kind == KIND_TEXT)
            return YV_OK;   /* text has no arithmetic: this year's stands */
        return dec_sub(row->cells[ci].v, chg[ci].v, &out->v) ? YV_OK : YV_OVERFLOW;
    }
    *src = PV_PARTS;
    return parts_prev(c, row, ci, b, out, NULL);
}

/* The same, known on its own: not this year less the line's own stated
 * change (which is what a stated change is judged against). */
static yv_status prev_value_own(checker *c, const m_row *row, size_t ci, m_basis b, m_value *out, pv_source *src)
{
    yv_status st = prev_value_src(c, row, ci, b, out, src);
    if (st != YV_OK || *src != PV_CHANGE)
        return st;
    *src = PV_PARTS;
    return parts_prev(c, row, ci, b, out, NULL);
}

/* Last year's value of a cell (basis b); see prev_value_src. */
static yv_status prev_value(checker *c, const m_row *row, size_t ci, m_basis b, m_value *out)
{
    pv_source src;
    return prev_value_src(c, row, ci, b, out, &src);
}

/* The change of a cell against basis b: stated, or this year less it. */
static yv_status change_value(checker *c, const m_row *row, size_t ci, m_basis b, m_value *out)
{
    if (m_row_change_b(row, b) && m_row_change_b(row, b)[ci].present) {
        *out = m_row_change_b(row, b)[ci];
        return YV_OK;
    }
    m_value was;
    if (!row->cells[ci].present)
        return YV_NONE;
    yv_status st = prev_value(c, row, ci, b, &was);
    if (st != YV_OK)
        return st;
    if (!same_kind(&was, &row->cells[ci]))
        return YV_NONE;
    *out = row->cells[ci];
    out->declared = false;
    out->at_len = 0;
    if (out->kind == KIND_TEXT)
        return YV_OK;       /* text has no arithmetic: this year's stands */
    return dec_sub(row->cells[ci].v, was.v, &out->v) ? YV_OK : YV_OVERFLOW;
}

/* The rounding of the value of basis b of a cell (change: of its change
 * against it), from where prev_value and change_value take them. */
static rsum yoy_rsum(checker *c, const m_row *row, size_t ci, m_basis b, bool change)
{
    const m_table *t = row->table;
    rsum r = { 0 };
    const m_value *was = m_row_was_b(row, b), *chg = m_row_change_b(row, b);
    if (change && chg && chg[ci].present)
        return rsum_fig(t, ci, &chg[ci]);
    if (change) {       /* this year less the basis */
        r = cell_rsum(c, t, row, ci);
        rsum p = yoy_rsum(c, row, ci, b, false);
        rsum_add(&r, &p);
        return r;
    }
    if (was && was[ci].present)
        return rsum_fig(t, ci, &was[ci]);
    m_value v;
    if (prev_file_value(c, row, ci, b, &v))
        return prev_file_rsum(c, row, ci, b);
    if (chg && chg[ci].present && row->cells[ci].present) {   /* this year less the change */
        r = cell_rsum(c, t, row, ci);
        rsum ch = rsum_fig(t, ci, &chg[ci]);
        rsum_add(&r, &ch);
        return r;
    }
    /* the sum of the parts, as parts_prev took it */
    if (parts_prev(c, row, ci, b, &v, &r) != YV_OK)
        memset(&r, 0, sizeof r);
    return r;
}

/* The rounding of a value prev_value_own found (from src). */
static rsum base_rsum(checker *c, const m_row *row, size_t ci, m_basis b, pv_source src)
{
    rsum r = { 0 };
    m_value v;
    if (src != PV_PARTS)
        return yoy_rsum(c, row, ci, b, false);
    if (parts_prev(c, row, ci, b, &v, &r) != YV_OK)
        memset(&r, 0, sizeof r);
    return r;
}

/* A year-over-year value of row in column ci is out of range. */
static void yoy_overflow(checker *c, span at, const m_row *row, size_t ci, bool change)
{
    const m_table *t = row->table;
    if (change && t->narrative)
        diag_add(c->d, DIAG_ERROR, at, "limit",
                 "the change since last year of '%s' overflows the amount range (about 9.2 × 10^14 元)", row->label);
    else if (change)
        diag_add(c->d, DIAG_ERROR, at, "limit",
                 "the change since last year of '%s' in %s overflows the amount range (about 9.2 × 10^14 元)",
                 row->label, t->cols[ci]->header);
    else if (t->narrative)
        diag_add(c->d, DIAG_ERROR, at, "limit",
                 "last year's value of '%s' overflows the amount range (about 9.2 × 10^14 元)", row->label);
    else
        diag_add(c->d, DIAG_ERROR, at, "limit",
                 "last year's value of '%s' in %s overflows the amount range (about 9.2 × 10^14 元)", row->label,
                 t->cols[ci]->header);
}

/* Basis b in a message: "last year's final accounts" (NULL for last
 * year's of the document's own kind, whose messages say "last year"). */
static const char *basis_words(const checker *c, m_basis b)
{
    if (b == M_BASIS_LAST)
        return NULL;
    if (b == M_BASIS_BUDGET)
        return _("this year's budget");
    return c->m->budget.final ? _("last year's budget") : _("last year's final figure");
}

/* The same in the model's (English) texts: prev(X, budget), budget(X). */
static const char *basis_fn(const checker *c, m_basis b, const char *label)
{
    if (b == M_BASIS_LAST)
        return arena_printf(c->a, "prev(%s)", label);
    if (b == M_BASIS_BUDGET)
        return arena_printf(c->a, "budget(%s)", label);
    return arena_printf(c->a, "prev(%s, %s)", label, c->m->budget.final ? "budget" : "final");
}

/* yoy-change: a stated change = this year - the figure of basis b, in
 * column ci; that figure stated, from last year's file, or the sum of
 * its parts' (not this year less the change itself). */
static void check_yoy_change(checker *c, const m_table *t, const m_row *row, size_t ci, m_basis b)
{
    const m_value *now = &row->cells[ci];
    const m_value *chg = m_row_change_b(row, b) ? &m_row_change_b(row, b)[ci] : NULL;
    if (!chg || !chg->present || !now->present)
        return;
    m_value base;
    pv_source src;
    if (prev_value_own(c, row, ci, b, &base, &src) != YV_OK)
        return;
    const m_value *was = src == PV_STATED ? &m_row_was_b(row, b)[ci] : &base;
    if (!same_kind(now, was) || !same_kind(now, chg)) {
        diag_add(c->d, DIAG_ERROR, value_span(row, chg), "type",
                 "'%s': this year is %s, last year %s, the change %s", row->label, kind_word(c, now),
                 kind_word(c, was), kind_word(c, chg));
        return;
    }
    m_identity *id = new_id(c, CK_YOY_CHANGE, value_span(row, chg), t, now, m_row_known(row));
    id->lhs = chg->v;
    if (!dec_sub(now->v, was->v, &id->rhs) || !dec_sub(id->lhs, id->rhs, &id->diff)) {
        c->nids--;
        return;
    }
    rsum L = { 0 }, R = { 0 };
    ival said = { 0 }, real = { 0 };
    bool bound = want_bound(c, id);
    if (bound) {
        L = rsum_fig(t, ci, chg);
        R = cell_rsum(c, t, row, ci);
        rsum w = base_rsum(c, row, ci, b, src);
        rsum_add(&R, &w);
        if (!ival_around(id->lhs, L.u, &said) || !ival_around(id->rhs, R.u, &real))
            said.all = true;
    }
    judge_bound(c, id, &L, &R, TOL_DEFAULT, 0);
    if (c->m->budget.tolerance == TOL_DEFAULT) {
        /* a change computed from figures before they were rounded: any
         * change the rounded figures allow is consistent */
        bool meet = miss_of(REL_EQ, id->diff) == 0 || ival_may(said, REL_EQ, real);
        id->status = meet ? ST_EXACT : ST_BROKEN;
        if (bound) {
            id->ival_rule = true;
            id->tolerance = 0;
            id->tolerance_strict = false;
            set_rule(c, id,
                     arena_printf(c->a, meet ? "this year less last year allows %s, the stated change stands for %s"
                                             : "this year less last year allows %s, the stated change stands for %s: "
                                               "they do not meet",
                                  ival_text(c, id, &real, false), ival_text(c, id, &said, false)),
                     arena_printf(c->a, meet ? _("this year less last year allows %s, the stated change stands for %s")
                                             : _("this year less last year allows %s, the stated change stands for %s: "
                                                 "they do not meet"),
                                  ival_text(c, id, &real, true), ival_text(c, id, &said, true)));
        }
    }
    acknowledge(id);
    if (!keep(c, id))
        return;
    if (c->m->record_figures) {
        fig(c, row, ci, M_FIG_CHANGE);
        fig(c, row, ci, M_FIG_VALUE);
        fig(c, row, ci, M_FIG_PREV);
        figs_done(c, id);
    }
    id->column = t->narrative ? NULL : t->cols[ci]->header;
    id->expression = b == M_BASIS_LAST
        ? arena_printf(c->a, "change(%s) == %s - prev(%s)", row->label, row->label, row->label)
        : arena_printf(c->a, "change(%s, %s) == %s - %s", row->label, c->m->budget.final ? "budget" : "final",
                       row->label, basis_fn(c, b, row->label));
    written(c, id, t, chg, NULL);
    if (id->status != ST_EXACT) {
        m_value diff = *now;    /* now - was, as exact as they are written */
        diff.declared = diff.plus = false;
        diff.v = id->rhs;
        if (diff.places < was->places)
            diff.places = was->places;
        const char *bw = basis_words(c, b);
        report(c, id, bw ? arena_printf(c->a, _("'%s' is said to change by %s against %s, but %s - %s = %s"),
                                        row->label, fig_text(c, t, chg), bw, fig_text(c, t, now),
                                        fig_text(c, t, was), fig_text(c, t, &diff))
                         : arena_printf(c->a, _("'%s' is said to change by %s, but %s - %s = %s"), row->label,
                                        fig_text(c, t, chg), fig_text(c, t, now), fig_text(c, t, was),
                                        fig_text(c, t, &diff)));
    }
}

/* A stated rate (id, figure `rate` of t) judged by intervals: consistent
 * when `said`, what the printed rate stands for, meets `got`, what the
 * rounded figures allow; otherwise its rule names both (from, from_said:
 * the figures it was computed from, in English and in the user's
 * language). */
static void rate_by_ival(checker *c, m_identity *id, const m_table *t, const m_value *rate, ival said, ival got,
                         const char *from, const char *from_said)
{
    if (ival_may(said, REL_EQ, got)) {
        id->status = ST_EXACT;
        return;
    }
    id->ival_rule = true;
    m_identity in_pct = *id;
    set_rule(c, id,
             arena_printf(c->a, "any rate from %s lies in %s; %s stands for %s", from,
                          ival_text(c, &in_pct, &got, false), fig_text(c, t, rate),
                          ival_text(c, &in_pct, &said, false)),
             arena_printf(c->a, _("any rate from %s lies in %s; %s stands for %s"), from_said,
                          ival_text(c, &in_pct, &got, true), fig_text(c, t, rate), ival_text(c, &in_pct, &said, true)));
}

/* yoy-change and yoy-rate against basis b (last year's of a kind): what
 * the narrative says changed, and by how much. */
static void check_yoy(checker *c, const m_table *t, const m_row *row, m_basis b)
{
    for (size_t ci = 0; ci < t->ncols; ci++) {
        const m_value *now = &row->cells[ci];
        check_yoy_change(c, t, row, ci, b);
        const m_value *rate = m_row_rate_b(row, b) ? &m_row_rate_b(row, b)[ci] : NULL;
        if (!rate || !rate->present)
            continue;
        /* The rate of the real change when last year is known on its own
         * (a wrong stated change is reported once, by yoy-change). */
        m_value base, delta;
        pv_source src;
        yv_status ps = prev_value_own(c, row, ci, b, &base, &src);
        bool base_known = ps == YV_OK;
        if (ps != YV_OK)
            ps = prev_value_src(c, row, ci, b, &base, &src);
        if (ps == YV_OK && base_known && now->present && same_kind(now, &base)) {
            delta = *now;
            if (!dec_sub(now->v, base.v, &delta.v)) {
                yoy_overflow(c, value_span(row, rate), row, ci, true);
                continue;
            }
        } else {
            yv_status cs = ps == YV_OK ? change_value(c, row, ci, b, &delta) : YV_NONE;
            if (ps == YV_OVERFLOW || cs == YV_OVERFLOW) {
                yoy_overflow(c, value_span(row, rate), row, ci, cs == YV_OVERFLOW);
                continue;
            }
            if (cs != YV_OK) {
                diag_add(c->d, DIAG_ERROR, value_span(row, rate), "yoy-rate",
                         "a rate needs last year's value: give 'was' or the change");
                continue;
            }
        }
        m_identity *id = new_id(c, CK_YOY_RATE, value_span(row, rate), t, rate, m_row_known(row));
        id->column = t->narrative ? NULL : t->cols[ci]->header;
        id->lhs = rate->v;
        if (base.v == 0 || !dec_rate(delta.v, base.v, rate->places, &id->rhs)) {
            diag_add(c->d, DIAG_ERROR, value_span(row, rate), "yoy-rate",
                     "'%s': no rate of change from a base of 0 last year", row->label);
            c->nids--;
            continue;
        }
        dec_sub(id->lhs, id->rhs, &id->diff);
        judge_bound(c, id, NULL, NULL, TOL_EXACT, 0);
        const char *from = NULL, *from_said = NULL;
        if (id->status != ST_EXACT && c->m->budget.tolerance == TOL_DEFAULT) {
            /* Rates are computed from figures before they were rounded:
             * any rate the rounded figures allow is consistent. */
            ival said, got, n, ib;
            rsum rn = cell_rsum(c, t, row, ci);
            bool ok = ival_around(rate->v, prec_figure(t, ci, rate), &said) && ival_around(now->v, rn.u, &n);
            if (base_known) {   /* (now / last year) - 100% */
                rsum rb = base_rsum(c, row, ci, b, src);
                ok = ok && ival_around(base.v, rb.u, &ib) && ival_div(n, 100 * DEC_ONE, ib, &got);
                if (ok && !got.all)
                    ok = !__builtin_sub_overflow(got.lo, 100 * DEC_ONE, &got.lo) &&
                         !__builtin_sub_overflow(got.hi, 100 * DEC_ONE, &got.hi);
                from = arena_printf(c->a, "%s and %s", fig_text(c, t, now), fig_text(c, t, &base));
                from_said = arena_printf(c->a, _("%s and %s"), fig_text(c, t, now), fig_text(c, t, &base));
            } else {            /* a stated change on this year less it */
                ival ch;
                ok = ok && ival_around(delta.v, yoy_rsum(c, row, ci, b, true).u, &ch) &&
                     ival_rate_of_change(ch, n, &got);
                from = arena_printf(c->a, "a change of %s on %s", fig_text(c, t, &delta), fig_text(c, t, now));
                from_said = arena_printf(c->a, _("a change of %s on %s"), fig_text(c, t, &delta), fig_text(c, t, now));
            }
            if (ok)
                rate_by_ival(c, id, t, rate, said, got, from, from_said);
        }
        acknowledge(id);
        if (!keep(c, id))
            continue;
        if (c->m->record_figures) {
            fig(c, row, ci, M_FIG_RATE);
            fig(c, row, ci, M_FIG_VALUE);
            fig(c, row, ci, M_FIG_PREV);
            figs_done(c, id);
        }
        written(c, id, t, rate, NULL);
        id->expression = arena_printf(c->a, "rate(%s) == change / %s = %s / %s", row->label,
                                      b == M_BASIS_LAST ? "prev" : basis_fn(c, b, row->label),
                                      fmt(c, delta.v, present_pow10(c->m, t, delta.kind)),
                                      fmt(c, base.v, present_pow10(c->m, t, base.kind)));
        if (!id->ival_rule)
            id->rule = arena_printf(c->a, "rate rounded half up to %d decimal%s, as printed, or any the rounded "
                                    "figures allow", rate->places, rate->places == 1 ? "" : "s");
        if (id->status != ST_EXACT) {
            dec precise;
            dec_rate(delta.v, base.v, 2, &precise);
            const char *msg = id->ival_rule
                ? arena_printf(c->a, _("'%s' is said to change by %s, but %s"), row->label, fig_text(c, t, rate),
                               rule_said(c, id))
                : arena_printf(c->a, _("'%s' is said to change by %s, but %s / %s = %s%%, which prints as %s%%"),
                               row->label, fig_text(c, t, rate), fmt(c, delta.v, present_pow10(c->m, t, delta.kind)),
                               fmt(c, base.v, present_pow10(c->m, t, base.kind)), fmt(c, precise, 0),
                               fmt(c, id->rhs, 0));
            if (basis_words(c, b))
                msg = arena_printf(c->a, _("%s (against %s)"), msg, basis_words(c, b));
            if (id->status == ST_KNOWN)
                diag_add(c->d, DIAG_NOTE, id->at, "yoy-rate", "%s (known: %s)", msg, id->known->reason);
            else
                offer_known(c, diag_add(c->d, DIAG_ERROR, id->at, "yoy-rate", "%s", msg));
        }
    }
}

/* execution-rate: a rate stated beside this year's budget (`budget 2,993.92
 * (98.20%)`) = this year's final figure ÷ the budget, judged like a rate of
 * change: consistent when some rate the rounded figures allow prints as
 * stated.  A budget of 0 (or blank) has no rate: an error, which known
 * may acknowledge (完成预算的0% of a blank budget). */
static void check_exec_rate(checker *c, const m_table *t, const m_row *row)
{
    const m_value *rates = m_row_rate_b(row, M_BASIS_BUDGET);
    for (size_t ci = 0; rates && ci < t->ncols; ci++) {
        const m_value *now = &row->cells[ci], *rate = &rates[ci];
        m_value base;
        if (!rate->present || !now->present || now->kind == KIND_TEXT)
            continue;
        if (prev_value(c, row, ci, M_BASIS_BUDGET, &base) != YV_OK || base.kind == KIND_TEXT ||
            !same_kind(now, &base))
            continue;
        m_identity *id = new_id(c, CK_EXECUTION_RATE, value_span(row, rate), t, rate, m_row_known(row));
        id->column = t->narrative ? NULL : t->cols[ci]->header;
        id->lhs = rate->v;
        id->expression = arena_printf(c->a, "rate(%s) == %s / budget(%s) = %s / %s", row->label, row->label,
                                      row->label, fmt(c, now->v, present_pow10(c->m, t, now->kind)),
                                      fmt(c, base.v, present_pow10(c->m, t, base.kind)));
        bool zero = base.v == 0 || base.blank;
        if (zero || !dec_rate(now->v, base.v, rate->places, &id->rhs)) {
            id->status = ST_BROKEN;
            id->rule = RULE_DIVZERO;
            acknowledge(id);
            keep(c, id);
            report(c, id, zero ? arena_printf(c->a, _("'%s': no execution rate against a budget of 0"), row->label)
                               : arena_printf(c->a, _("the execution rate of '%s' overflows the amount range"),
                                              row->label));
            continue;
        }
        dec_sub(id->lhs, id->rhs, &id->diff);
        judge_bound(c, id, NULL, NULL, TOL_EXACT, 0);
        if (id->status != ST_EXACT && c->m->budget.tolerance == TOL_DEFAULT) {
            /* computed from figures before they were rounded */
            ival said, got, n, bb;
            rsum rn = cell_rsum(c, t, row, ci), rb = yoy_rsum(c, row, ci, M_BASIS_BUDGET, false);
            bool ok = ival_around(rate->v, prec_figure(t, ci, rate), &said) && ival_around(now->v, rn.u, &n) &&
                      ival_around(base.v, rb.u, &bb) && ival_div(n, 100 * DEC_ONE, bb, &got);
            if (ok)
                rate_by_ival(c, id, t, rate, said, got,
                             arena_printf(c->a, "%s and %s", fig_text(c, t, now), fig_text(c, t, &base)),
                             arena_printf(c->a, _("%s and %s"), fig_text(c, t, now), fig_text(c, t, &base)));
        }
        acknowledge(id);
        if (!keep(c, id))
            continue;
        if (c->m->record_figures) {
            fig(c, row, ci, M_FIG_RATE);
            fig(c, row, ci, M_FIG_VALUE);
            figs_done(c, id);
        }
        written(c, id, t, rate, NULL);
        if (!id->ival_rule)
            id->rule = arena_printf(c->a, "rate rounded half up to %d decimal%s, as printed, or any the rounded "
                                    "figures allow", rate->places, rate->places == 1 ? "" : "s");
        if (id->status != ST_EXACT) {
            dec precise;
            dec_rate(now->v, base.v, 2, &precise);
            const char *msg = id->ival_rule
                ? arena_printf(c->a, _("'%s' is said to be %s of its budget, but %s"), row->label,
                               fig_text(c, t, rate), rule_said(c, id))
                : arena_printf(c->a, _("'%s' is said to be %s of its budget, but %s / %s = %s%%, which prints as "
                                       "%s%%"), row->label, fig_text(c, t, rate),
                               fmt(c, now->v, present_pow10(c->m, t, now->kind)),
                               fmt(c, base.v, present_pow10(c->m, t, base.kind)), fmt(c, precise, 0),
                               fmt(c, id->rhs, 0));
            if (id->status == ST_KNOWN)
                diag_add(c->d, DIAG_NOTE, id->at, "execution-rate", "%s (known: %s)", msg, id->known->reason);
            else
                offer_known(c, diag_add(c->d, DIAG_ERROR, id->at, "execution-rate", "%s", msg));
        }
    }
}

/* Footing and cross-footing of the stated figures of basis b (last
 * year's of a kind, this year's budget): a stated figure = the sum of
 * its parts' figures of that basis (the line's children, or the
 * column's sub-columns in this line), each stated, from last year's
 * file, this year less a stated change, or summed from parts in turn;
 * judged by the rounding rule like this year's figures. */
static void check_basis_footing(checker *c, const m_table *t, const m_row *row, m_basis b)
{
    const m_value *was = m_row_was_b(row, b);
    for (size_t ci = 0; was && ci < t->ncols; ci++) {
        const m_value *cell = &was[ci];
        const m_col *col = t->cols[ci];
        if (!cell->declared || cell->kind == KIND_TEXT)
            continue;
        for (int by_col = 0; by_col < 2; by_col++) {
            if (by_col ? !col->nkids || !summable(col) : !row->nkids)
                continue;
            m_value acc;
            rsum R = { 0 };
            if (sum_basis_parts(c, row, ci, b, by_col, &acc, &R) != YV_OK || acc.kind == KIND_TEXT ||
                !same_kind(cell, &acc))
                continue;
            acc.blank = false;
            m_identity *id = new_id(c, by_col ? CK_CROSS_FOOTING : CK_FOOTING, value_span(row, cell), t, cell,
                                    m_row_known(row));
            id->lhs = cell->v;
            id->rhs = acc.v;
            if (!dec_sub(id->lhs, id->rhs, &id->diff)) {
                c->nids--;
                continue;
            }
            rsum L = rsum_fig(t, ci, cell);
            judge(c, id, &L, &R, TOL_DEFAULT, 0);
            if (!keep(c, id))
                continue;
            if (c->m->record_figures) {
                fig(c, row, ci, M_FIG_PREV);
                figs_done(c, id);
            }
            const char *of = basis_fn(c, b, row->label);
            id->expression = by_col ? arena_printf(c->a, "%s [%s] = the sum of its sub-columns'", of, col->header)
                                    : arena_printf(c->a, "%s = the sum of its parts'", of);
            id->column = t->narrative ? NULL : col->header;
            written(c, id, t, cell, &acc);
            if (id->status == ST_EXACT)
                continue;
            const char *bw = basis_words(c, b);
            if (!bw)
                bw = _("last year's value");
            report(c, id, t->narrative
                ? arena_printf(c->a, _("%s of '%s' is %s but its parts' sum to %s"), bw, row->label,
                               fig_text(c, t, cell), fig_text(c, t, &acc))
                : by_col
                ? arena_printf(c->a, _("%s of '%s' in %s is %s but its sub-columns' sum to %s"), bw, row->label,
                               col->header, fig_text(c, t, cell), fig_text(c, t, &acc))
                : arena_printf(c->a, _("%s of '%s' in %s is %s but its parts' sum to %s"), bw, row->label,
                               col->header, fig_text(c, t, cell), fig_text(c, t, &acc)));
        }
    }
}

/* ---- explicit checks --------------------------------------------------- */

/* The value of an operand in one column position of the check. */
typedef struct operand {
    bool ok;
    m_value v;              /* KIND_NONE + present: a unit-less literal */
    rsum r;                 /* its rounding (checker.want_rsum) */
    ival iv;                /* what its rounded figures allow (checker.want_rsum) */
    const m_value *fig;     /* the one figure it is, as written (NULL: computed) */
    bool scaled;            /* a * or / made it: judged by intervals */
    bool divzero;           /* a / by 0 made it: it has no value */
} operand;

/* The column a reference node reads at position pos of its check: its
 * own, the shape's, or the one matched to the shape's by label. */
static size_t ref_col(const m_check *ck, const ir_node *x, size_t pos)
{
    if (!x->vec)
        return x->col;
    if (ck->colmap && ck->colmap[x - ck->ir])
        return ck->colmap[x - ck->ir][pos];
    const m_row *row = x->u.ref.row;
    const m_block *b = &x->u.ref.table->blocks[row->block];
    return b->ncols > 1 ? b->cols[pos] : (b->ncols ? b->cols[0] : 0);
}

/* Whether every side of ck has a column at position pos (sides whose
 * columns are matched by label may lack one: it is not compared). */
static bool pos_matched(const m_check *ck, size_t pos)
{
    for (size_t i = 0; ck->colmap && i < ck->nir; i++)
        if (ck->colmap[i] && ck->colmap[i][pos] == M_NOCOL)
            return false;
    return true;
}

/* The line reference node x of ck reads: the one bound, or in a
 * row-by-row check the line its side has for the current row (NULL: it
 * has none). */
static const m_row *ref_row(const checker *c, const m_check *ck, const ir_node *x)
{
    if (!x->rows)
        return x->u.ref.row;
    uint32_t i = (uint32_t)(x - ck->ir);
    for (size_t j = 0; j < c->nrs; j++)
        if (c->rs_node[j] == i)
            return c->rs_row[j];
    return NULL;
}

/* A unit-less literal is a plain number until it meets an amount: then it
 * takes that amount's kind, read in the context's money unit for money
 * ("== 0", "+ 5" beside 万元 figures) and as it is for counts and rates. */
static void adopt(checker *c, operand *lit, const operand *other, const m_table *ctx)
{
    if (lit->v.kind != KIND_NONE || other->v.kind == KIND_NONE)
        return;
    if (other->v.kind == KIND_MONEY &&
        dec_shift(lit->v.v, present_pow10(c->m, ctx, KIND_MONEY), &lit->v.v) != DEC_OK)
        lit->ok = false;
    lit->v.kind = other->v.kind;
    lit->v.unit_ix = other->v.unit_ix;
    lit->iv.lo = lit->iv.hi = lit->v.v;     /* a number written in a check is exact */
    lit->iv.all = false;
}

static operand combine(checker *c, span at, operand l, operand r, bool sub, const m_table *ctx)
{
    operand o;
    memset(&o, 0, sizeof o);
    if (!l.ok || !r.ok)
        return o;
    adopt(c, &l, &r, ctx);
    adopt(c, &r, &l, ctx);
    if (!l.ok || !r.ok) {
        diag_add(c->d, DIAG_ERROR, at, "limit", "a number overflows the amount range (about 9.2 × 10^14 元)");
        return o;
    }
    if (!same_kind(&l.v, &r.v)) {
        if (sub)
            diag_add(c->d, DIAG_ERROR, at, "type", "cannot subtract %s and %s", kind_word(c, &l.v), kind_word(c, &r.v));
        else
            diag_add(c->d, DIAG_ERROR, at, "type", "cannot add %s and %s", kind_word(c, &l.v), kind_word(c, &r.v));
        return o;
    }
    o = l;
    o.fig = NULL;
    o.v.declared = o.v.plus = false;
    if (o.v.places < r.v.places)
        o.v.places = r.v.places;
    rsum_add(&o.r, &r.r);
    o.scaled = l.scaled || r.scaled;
    o.divzero = l.divzero || r.divzero;
    if (sub ? !dec_sub(l.v.v, r.v.v, &o.v.v) : !dec_add(l.v.v, r.v.v, &o.v.v)) {
        diag_add(c->d, DIAG_ERROR, at, "limit", "the sum overflows the amount range (about 9.2 × 10^14 元)");
        o.ok = false;
    }
    if (o.ok && c->want_rsum && !(sub ? ival_sub(l.iv, r.iv, &o.iv) : ival_add(l.iv, r.iv, &o.iv)))
        o.iv.all = true;    /* past the range: any value (it is never judged on it) */
    return o;
}

/* l * r or l / r.  A plain number scales an amount (x * 2, x / 12); a rate
 * takes its share of one (x * 12%); an amount divided by one of its kind
 * is a share, a rate in percent (基本支出 / 本年支出合计 == 79.49%).  The
 * value is computed from the printed figures, rounded half away from zero
 * to 0.0001; the interval, from theirs. */
static operand scale_op(checker *c, span at, operand l, operand r, bool div)
{
    operand o;
    memset(&o, 0, sizeof o);
    if (!l.ok || !r.ok)
        return o;
    qty_kind lk = l.v.kind, rk = r.v.kind, kind;
    const operand *from = &l;
    dec k = DEC_ONE;        /* the scale the raw product or quotient is divided (multiplied) by */
    if (div && rk == KIND_NONE) {
        kind = lk;
    } else if (div && lk != KIND_NONE && lk != KIND_TEXT && same_kind(&l.v, &r.v)) {
        kind = KIND_RATE;   /* a share: in percent */
        k = 100 * DEC_ONE;
    } else if (!div && (rk == KIND_NONE || lk == KIND_NONE)) {
        kind = rk == KIND_NONE ? lk : rk;
        from = rk == KIND_NONE ? &l : &r;
    } else if (!div && (rk == KIND_RATE) != (lk == KIND_RATE) && lk != KIND_TEXT && rk != KIND_TEXT) {
        kind = rk == KIND_RATE ? lk : rk;   /* an amount's share: x * 12% */
        from = rk == KIND_RATE ? &l : &r;
        k = 100 * DEC_ONE;
    } else {
        if (div)
            diag_add(c->d, DIAG_ERROR, at, "type", "cannot divide %s by %s", kind_word(c, &l.v), kind_word(c, &r.v));
        else
            diag_add(c->d, DIAG_ERROR, at, "type", "cannot multiply %s by %s", kind_word(c, &l.v),
                     kind_word(c, &r.v));
        return o;
    }
    o = *from;
    o.fig = NULL;
    o.v.declared = o.v.plus = o.v.blank = false;
    o.v.kind = (unsigned char)kind;
    if (kind == KIND_RATE)
        m_value_set_unit(&o.v, unit_lookup("%", 1));
    o.v.places = l.v.places > r.v.places ? l.v.places : r.v.places;
    o.r = l.r;
    rsum_add(&o.r, &r.r);
    o.scaled = true;
    o.divzero = l.divzero || r.divzero;
    if (div && r.v.v == 0) {
        o.divzero = true;   /* no value: the check says so (and may be known) */
        o.v.v = 0;
        o.iv.all = true;
        return o;
    }
    bool fits = div ? ival_div_point(l.v.v, k, r.v.v, &o.v.v) : ival_mul_point(l.v.v, r.v.v, k, &o.v.v);
    if (fits && c->want_rsum)
        fits = div ? ival_div(l.iv, k, r.iv, &o.iv) : ival_mul(l.iv, r.iv, k, &o.iv);
    if (!fits) {
        if (div)
            diag_add(c->d, DIAG_ERROR, at, "limit", "the quotient overflows the amount range (about 9.2 × 10^14 元)");
        else
            diag_add(c->d, DIAG_ERROR, at, "limit", "the product overflows the amount range (about 9.2 × 10^14 元)");
        o.ok = false;
    }
    return o;
}

/* A value's interval, from its rounding (want_rsum). */
static void set_ival(operand *o)
{
    if (!ival_around(o->v.v, o->r.u, &o->iv))
        o->iv.all = true;
}

/* A leaf of the IR: a literal, a cell, last year's value or a change. */
static operand eval_leaf(checker *c, const m_check *ck, const ir_node *x, size_t pos)
{
    operand o;
    memset(&o, 0, sizeof o);
    if (x->op == IR_NUM) {
        /* Without a unit it is a plain number: see adopt. */
        o.ok = true;
        o.v.present = true;
        o.v.kind = x->kind;
        m_value_set_unit(&o.v, x->u.num.unit);
        o.v.v = x->u.num.v;
        o.v.places = x->u.num.places;
        o.v.declared = x->u.num.unit != NULL;   /* shown as written: 0.83 万元 */
        o.iv.lo = o.iv.hi = o.v.v;
        if (x->kind == KIND_RATE && c->want_rsum) {
            /* a printed rate: 71.73% stands for [71.725%, 71.735%] */
            dec u = 1;
            for (int i = x->u.num.places; i < DEC_SCALE; i++)
                u *= 10;
            o.r.n = 1;
            o.r.u = o.r.umin = o.r.umax = u;
            o.r.umin_in = o.r.umax_in = x->u.num.unit;
            set_ival(&o);
        }
        return o;
    }
    const m_row *row = ref_row(c, ck, x);
    if (!row && x->rows && x->u.ref.row) {
        /* a row-by-row check at a row this side has no line for: it reads
         * as a blank (a row one side leaves out is a blank it prints) */
        static const m_value blank = { .present = true, .blank = true };
        o.ok = true;
        o.v = blank;
        o.fig = &blank;     /* shown as a blank: '-' */
        return o;
    }
    if (!row)
        return o;   /* not bound: the resolver said why */
    const m_table *t = x->u.ref.table;
    size_t ci = ref_col(ck, x, pos);
    if (x->op == IR_PREV || x->op == IR_CHANGE) {
        span arg = { ck->at.file, x->arg_begin, x->arg_end };
        m_basis b = m_basis_of(c->m->budget.final, x->basis);
        if (b == M_BASIS_BUDGET && x->op == IR_PREV && !c->m->budget.final) {
            diag_add(c->d, DIAG_ERROR, ir_span(ck, x), "basis",
                     "budget() is this year's budget beside a final figure: only final accounts ('final' in the "
                     "budget header) have one");
            return o;
        }
        yv_status have = x->op == IR_PREV ? prev_value(c, row, ci, b, &o.v) : change_value(c, row, ci, b, &o.v);
        if (have == YV_OVERFLOW) {
            yoy_overflow(c, arg, row, ci, x->op == IR_CHANGE);
            return o;
        }
        m_value was;
        if (have == YV_NONE && x->op == IR_CHANGE && x->kind && prev_value(c, row, ci, b, &was) != YV_OK)
            return o;   /* rate(): the IR_PREV after it says what is missing */
        if (have != YV_OK) {
            if (b == M_BASIS_BUDGET)
                diag_add(c->d, DIAG_ERROR, arg, "value", "'%s' has no budget figure (give 'budget')", row->label);
            else if (x->op == IR_PREV && b != M_BASIS_LAST)
                diag_add(c->d, DIAG_ERROR, arg, "value", "'%s' has no figure of %s (give 'was %s')", row->label,
                         basis_words(c, b), c->m->budget.final ? "budget" : "final");
            else if (x->op == IR_PREV && row->nkids)
                diag_add(c->d, DIAG_ERROR, arg, "value",
                         "'%s' has no previous-year value (give it 'was' or 'change', or give one to each of its "
                         "parts)", row->label);
            else if (x->op == IR_PREV)
                diag_add(c->d, DIAG_ERROR, arg, "value", "'%s' has no previous-year value (give 'was' or 'change')",
                         row->label);
            else
                diag_add(c->d, DIAG_ERROR, arg, "value", "'%s' has no stated change (give 'change' or 'was')",
                         row->label);
            return o;
        }
        if (c->want_rsum) {
            o.r = yoy_rsum(c, row, ci, b, x->op == IR_CHANGE);
            set_ival(&o);
        }
        o.ok = true;
        if (o.v.declared && o.v.at_len)
            o.fig = x->op == IR_CHANGE ? &m_row_change_b(row, b)[ci] : &m_row_was_b(row, b)[ci];
        return o;
    }
    const m_value *v = &row->cells[ci];
    if (!v->present) {
        if (t->narrative)
            diag_add(c->d, DIAG_ERROR, ir_span(ck, x), "value", "'%s' has no value", row->label);
        else
            diag_add(c->d, DIAG_ERROR, ir_span(ck, x), "value", "'%s' has no value in %s", row->label,
                     t->cols[ci]->header);
        return o;
    }
    if (v->kind == KIND_TEXT) {
        diag_add(c->d, DIAG_ERROR, ir_span(ck, x), "type", "'%s' is text, not an amount", row->label);
        return o;
    }
    o.ok = true;
    o.v = *v;
    o.fig = v->declared ? v : NULL;
    if (c->want_rsum) {
        o.r = cell_rsum_w(c, t, row, ci, c->widen);
        set_ival(&o);
    }
    return o;
}

static void push_operand(checker *c, operand o)
{
    if (c->nstack == c->capstack) {
        size_t cap = c->capstack ? c->capstack * 2 : 32;
        c->stack = arena_side_grow(c->a, c->stack, c->capstack * sizeof *c->stack, cap * sizeof *c->stack);
        c->capstack = cap;
    }
    c->stack[c->nstack++] = o;
}

/* Evaluates one side of a check at column position pos: its nodes in
 * postfix order on the checker's stack.  Every node is evaluated (and its
 * errors reported) even after one has failed, left to right. */
static operand eval(checker *c, const m_check *ck, const m_check_op *op, size_t pos)
{
    size_t base = c->nstack;
    for (uint32_t i = op->first; i < op->first + op->n; i++) {
        const ir_node *x = &ck->ir[i];
        operand o, l;
        switch ((ir_op)x->op) {
        case IR_NUM:
        case IR_REF:
        case IR_PREV:
        case IR_CHANGE:
            push_operand(c, eval_leaf(c, ck, x, pos));
            break;
        case IR_BAD:
            diag_add(c->d, DIAG_ERROR, ir_span(ck, x), x->u.bad.check, "%s", x->u.bad.msg);
            memset(&o, 0, sizeof o);
            push_operand(c, o);
            i += x->col;    /* what is under it counted for the shape only */
            break;
        case IR_NEG:
            o = c->stack[--c->nstack];
            o.fig = NULL;
            o.v.declared = false;
            o.iv = ival_neg(o.iv);
            if (o.ok && !dec_neg(o.v.v, &o.v.v))
                o.ok = false;
            push_operand(c, o);
            break;
        case IR_ADD:
        case IR_SUB:
            o = c->stack[--c->nstack];
            l = c->stack[--c->nstack];
            push_operand(c, combine(c, ir_span(ck, x), l, o, x->op == IR_SUB, ck->ctx));
            break;
        case IR_MUL:
        case IR_DIV:
            o = c->stack[--c->nstack];
            l = c->stack[--c->nstack];
            push_operand(c, scale_op(c, ir_span(ck, x), l, o, x->op == IR_DIV));
            break;
        }
    }
    operand r = c->stack[base];
    c->nstack = base;
    return r;
}

/* One side of a check in its message: the figure as written when it is
 * one, else the value computed (exact, in the check's unit). */
static const char *side_text(checker *c, const m_table *ctx, const operand *o)
{
    if (o->fig)
        return fig_text(c, ctx, o->fig);
    if (o->v.declared)      /* a literal with its unit */
        return fig_text(c, ctx, &o->v);
    m_value v = o->v;
    v.declared = v.plus = false;
    return fig_text(c, ctx, &v);
}

/* A note at each line a side of a check reads, with the value it read. */
static void note_refs(checker *c, diag *dg, const m_check *ck, const m_check_op *op, size_t pos, size_t *nnotes)
{
    for (uint32_t i = op->first; i < op->first + op->n; i++) {
        const ir_node *x = &ck->ir[i];
        if (x->op != IR_REF && x->op != IR_PREV && x->op != IR_CHANGE)
            continue;
        if (++*nnotes > CHECK_MAX_NOTES) {
            if (*nnotes == CHECK_MAX_NOTES + 1)
                diag_note(c->d, dg, ir_span(ck, x), "... and more");
            return;
        }
        operand o = eval_leaf(c, ck, x, pos);
        if (!o.ok)
            continue;
        const src_file *f = ck->at.file;
        const m_row *row = ref_row(c, ck, x);
        if (!row) {     /* a row-by-row check: this side has no such line */
            diag_note(c->d, dg, ir_span(ck, x), "%.*s has no such line: it reads as a blank",
                      (int)(x->end - x->begin), f->text + x->begin);
            continue;
        }
        /* Point at the figure itself, where the line states it: its value,
         * its stated change, or its stated previous-year value. */
        size_t ci = ref_col(ck, x, pos);
        const m_value *v = &row->cells[ci];
        m_basis b = m_basis_of(c->m->budget.final, x->basis);
        const m_value *was = m_row_was_b(row, b), *chg = m_row_change_b(row, b);
        if (x->op == IR_CHANGE && chg && chg[ci].at_len)
            v = &chg[ci];
        else if (x->op == IR_PREV && was && was[ci].at_len)
            v = &was[ci];
        else if (x->op == IR_PREV && chg && chg[ci].at_len)
            v = &chg[ci];   /* last year derived from the change */
        diag_note(c->d, dg, value_span(row, v), "%.*s = %s", (int)(x->end - x->begin), f->text + x->begin,
                  side_text(c, ck->ctx, &o));
    }
}

/* The figures an operand reads at position pos. */
static void op_figs(checker *c, const m_check *ck, const m_check_op *op, size_t pos)
{
    for (uint32_t k = op->first; k < op->first + op->n; k++) {
        const ir_node *x = &ck->ir[k];
        if ((x->op != IR_REF && x->op != IR_PREV && x->op != IR_CHANGE) || !ref_row(c, ck, x))
            continue;
        fig(c, ref_row(c, ck, x), ref_col(ck, x, pos),
            x->op == IR_PREV ? M_FIG_PREV : x->op == IR_CHANGE ? M_FIG_CHANGE : M_FIG_VALUE);
    }
}

static void judge_ival(checker *c, m_identity *id, const operand *l, const operand *r, lang_tolerance tol,
                       dec within)
{
    if (tol == TOL_DEFAULT)
        tol = c->m->budget.tolerance;
    judge_bound(c, id, &l->r, &r->r, tol, within);     /* n, units, a fixed or exact bound */
    if (tol != TOL_DEFAULT)
        return;
    id->tolerance = 0;
    id->tolerance_strict = false;
    id->restated = 0;
    bool holds = miss_of(id->rel, id->diff) == 0;
    if (!want_bound(c, id)) {   /* holds, and nobody lists it: no intervals counted */
        id->status = ST_EXACT;
        return;
    }
    bool meet = holds || ival_may(l->iv, id->rel, r->iv);
    id->status = meet ? ST_EXACT : ST_BROKEN;
    id->ival_rule = true;
    set_rule(c, id,
             arena_printf(c->a, meet ? "the rounded figures allow %s on the left, %s on the right"
                                     : "the rounded figures allow %s on the left, %s on the right: they do not meet",
                          ival_text(c, id, &l->iv, false), ival_text(c, id, &r->iv, false)),
             arena_printf(c->a, meet ? _("the rounded figures allow %s on the left, %s on the right")
                                     : _("the rounded figures allow %s on the left, %s on the right: they do not meet"),
                          ival_text(c, id, &l->iv, true), ival_text(c, id, &r->iv, true)));
}

/* In a row-by-row check, the known marker of the current row's line on
 * some side (the first), or NULL: a line's `known` covers the cells of
 * its row as it covers its own footing -- one published discrepancy
 * acknowledged where it is printed, not for every row of the check. */
static m_known *row_known(const checker *c)
{
    for (size_t j = 0; j < c->nrs; j++)
        if (c->rs_row[j] && m_row_known(c->rs_row[j]))
            return m_row_known(c->rs_row[j]);
    return NULL;
}

/* The identities of check ck at each of its column positions, for row
 * `rowname` of a row-by-row check (NULL: a check of one row).  False when
 * evaluating it failed: the check goes no further. */
static bool check_cells(checker *c, const m_check *ck, const char *expression, const char *rowname)
{
    size_t npos = ck->shape_t ? ck->npos : 1;
    const m_table *ctx = ck->ctx;
    const src_file *f = ck->at.file;
    dec within = ck->tol == TOL_WITHIN ? ck->within : 0;
    for (size_t pos = 0; pos < npos; pos++) {
        if (!pos_matched(ck, pos))
            continue;
        for (size_t i = 0; i + 1 < ck->nops; i++) {
            operand l = eval(c, ck, &ck->ops[i], pos);
            operand r = eval(c, ck, &ck->ops[i + 1], pos);
            if (!l.ok || !r.ok)
                return false;
            adopt(c, &l, &r, ctx);
            adopt(c, &r, &l, ctx);
            if (l.v.kind == KIND_NONE || r.v.kind == KIND_NONE || !l.ok || !r.ok)
                continue;   /* two plain numbers: nothing of the budget to check */
            if (!same_kind(&l.v, &r.v)) {
                diag *dg = diag_add(c->d, DIAG_ERROR, ck->rel_ats[i], "type", "cannot compare %s with %s",
                                    kind_word(c, &l.v), kind_word(c, &r.v));
                diag_note(c->d, dg, ck->ops[i].at, "this side is %s", kind_word(c, &l.v));
                diag_note(c->d, dg, ck->ops[i + 1].at, "this side is %s", kind_word(c, &r.v));
                return false;
            }
            m_identity *id = new_id(c, CK_IDENTITY, ck->at, ctx, &l.v, ck->known ? ck->known : row_known(c));
            id->rel = ck->rels[i];
            id->expression = ck->label ? ck->label : expression;
            id->row = rowname;
            written(c, id, ctx, l.fig ? l.fig : l.v.declared ? &l.v : NULL, r.fig ? r.fig : r.v.declared ? &r.v : NULL);
            id->column = ck->shape_t ? ck->shape_t->cols[ck->shape_cols[pos]]->header : NULL;
            id->lhs = l.v.v;
            id->rhs = r.v.v;
            if (!dec_sub(id->lhs, id->rhs, &id->diff)) {
                diag_add(c->d, DIAG_ERROR, ck->at, "limit", "the difference overflows the amount range (about 9.2 × 10^14 元)");
                c->nids--;
                return false;
            }
            bool ivmode = l.scaled || r.scaled || l.v.kind == KIND_RATE;
            if (l.divzero || r.divzero) {
                id->status = ST_BROKEN;
                id->rule = RULE_DIVZERO;
            } else if (want_bound(c, id)) {    /* again, counting what each side may be off by */
                c->want_rsum = true;
                l = eval(c, ck, &ck->ops[i], pos);
                r = eval(c, ck, &ck->ops[i + 1], pos);
                c->want_rsum = false;
                adopt(c, &l, &r, ctx);
                adopt(c, &r, &l, ctx);
            }
            if (id->rule == RULE_DIVZERO)
                ;
            else if (ivmode)
                judge_ival(c, id, &l, &r, ck->tol, within);
            else
                judge_bound(c, id, &l.r, &r.r, ck->tol, within);
            if (id->status == ST_BROKEN && id->tolerance_strict) {
                /* A printed total may have been added up from the printed
                 * lines under it (a 决算 table often is: 326.72 beside
                 * 326.71): counted so, is the gap within rounding? */
                c->want_rsum = c->widen = true;
                operand wl = eval(c, ck, &ck->ops[i], pos), wr = eval(c, ck, &ck->ops[i + 1], pos);
                c->want_rsum = c->widen = false;
                m_identity w = *id;
                judge_bound(c, &w, &wl.r, &wr.r, ck->tol, within);
                if (w.status == ST_WITHIN && w.nfig > id->nfig) {
                    *id = w;
                    id->widened = true;
                }
            }
            acknowledge(id);
            if (!keep(c, id))
                continue;
            if (c->m->record_figures) {
                op_figs(c, ck, &ck->ops[i], pos);
                op_figs(c, ck, &ck->ops[i + 1], pos);
                figs_done(c, id);
            }
            if (id->status == ST_EXACT)
                continue;
            const m_check_op *zero = l.divzero ? &ck->ops[i] : &ck->ops[i + 1];
            int zn = (int)(zero->at.end - zero->at.begin);
            const char *zt = f->text + zero->at.begin, *what;
            const char *ls = side_text(c, ctx, &l), *rel = lang_rel_spelling(id->rel), *rs = side_text(c, ctx, &r);
            if (id->rule == RULE_DIVZERO && rowname && id->column)
                what = arena_printf(c->a, _("check fails for %s in %s: %.*s divides by 0, so it has no value"),
                                    rowname, id->column, zn, zt);
            else if (id->rule == RULE_DIVZERO && rowname)
                what = arena_printf(c->a, _("check fails for %s: %.*s divides by 0, so it has no value"), rowname,
                                    zn, zt);
            else if (id->rule == RULE_DIVZERO && id->column)
                what = arena_printf(c->a, _("check fails in %s: %.*s divides by 0, so it has no value"), id->column,
                                    zn, zt);
            else if (id->rule == RULE_DIVZERO)
                what = arena_printf(c->a, _("check fails: %.*s divides by 0, so it has no value"), zn, zt);
            else if (rowname && id->column)
                what = arena_printf(c->a, _("check fails for %s in %s: %s %s %s does not hold"), rowname,
                                    id->column, ls, rel, rs);
            else if (rowname)
                what = arena_printf(c->a, _("check fails for %s: %s %s %s does not hold"), rowname, ls, rel, rs);
            else if (id->column)
                what = arena_printf(c->a, _("check fails in %s: %s %s %s does not hold"), id->column, ls, rel, rs);
            else
                what = arena_printf(c->a, _("check fails: %s %s %s does not hold"), ls, rel, rs);
            diag *dg = report(c, id, what);
            if (dg) {
                size_t nnotes = 0;
                note_refs(c, dg, ck, &ck->ops[i], pos, &nnotes);
                note_refs(c, dg, ck, &ck->ops[i + 1], pos, &nnotes);
            }
        }
    }
    return true;
}

/* The lines a starred reference names, in source order: those `rows`
 * levels under row (M_ROWS_ALL: every line under it), appended to *v. */
static void rows_under(checker *c, const m_row *row, unsigned rows, unsigned depth, const m_row ***v, size_t *n,
                       size_t *cap)
{
    for (uint32_t k = 0; k < row->nkids; k++) {
        const m_row *kid = row->kids[k];
        if (rows == M_ROWS_ALL || depth + 1 == rows) {
            if (*n == *cap) {
                size_t ncap = *cap ? *cap * 2 : 64;
                *v = arena_side_grow(c->a, *v, *cap * sizeof **v, ncap * sizeof **v);
                *cap = ncap;
            }
            (*v)[(*n)++] = kid;
        }
        if (rows == M_ROWS_ALL || depth + 1 < rows)
            rows_under(c, kid, rows, depth + 1, v, n, cap);
    }
}

/* A row of a row-by-row check in its messages: "201 一般公共服务支出". */
static const char *row_name(checker *c, const m_row *row)
{
    return row->code && row->label != row->code ? arena_printf(c->a, "%s %s", row->code, row->label) : row->label;
}

/* A row-by-row check, such as the children of t01's 本年支出合计 against
 * those of t03's 合计: the lines each starred reference names are matched to
 * the first one's by the one matcher (match.h: by code, then by label),
 * and the check is made at every row, in every column; a line one side
 * has and another lacks reads as a blank there, so it is reported unless
 * it is blank itself. */
static void check_rows(checker *c, const m_check *ck, const char *expression)
{
    size_t ns = 0;
    for (size_t i = 0; i < ck->nir; i++)
        if (ck->ir[i].rows && ck->ir[i].u.ref.row)
            ns++;
    uint32_t *node = arena_alloc(c->a, ns * sizeof *node);
    match_side *side = arena_alloc(c->a, ns * sizeof *side);
    size_t j = 0;
    bool stop = false;    /* a side names no line, or evaluating failed */
    for (size_t i = 0; i < ck->nir; i++) {
        const ir_node *x = &ck->ir[i];
        if (!x->rows || !x->u.ref.row)
            continue;
        const m_row **v = NULL;
        size_t n = 0, cap = 0;
        rows_under(c, x->u.ref.row, x->rows, 0, &v, &n, &cap);
        if (!n) {
            diag_add(c->d, DIAG_ERROR, ir_span(ck, x), "value", "%.*s names no line: nothing stands under '%s' there",
                     (int)(x->end - x->begin), ck->at.file->text + x->begin, x->u.ref.row->label);
            stop = true;
        }
        node[j] = (uint32_t)i;
        match_side_rows(&side[j++], c->m, v, n);
        arena_side_free(c->a, v);
    }
    /* every side matched to the first: key k is a line of the first side,
     * then each line of another side that none of the first's matched */
    size_t nkeys = side[0].n;
    long **to = arena_alloc(c->a, ns * sizeof *to);    /* to[j][i]: side j's line for side 0's line i */
    for (j = 1; !stop && j < ns; j++) {
        match_lines(&side[j], &side[0]);
        to[j] = arena_alloc(c->a, side[0].n * sizeof **to);
        for (size_t i = 0; i < side[0].n; i++) {
            to[j][i] = side[0].lines[i].match;
            side[0].lines[i].match = -1;
        }
        for (size_t i = 0; i < side[j].n; i++)
            if (side[j].lines[i].match < 0)
                nkeys++;
    }
    const m_row **at = arena_alloc(c->a, ns * sizeof *at);
    c->rs_node = node;
    c->rs_row = at;
    c->nrs = ns;
    for (size_t k = 0; !stop && k < side[0].n; k++) {
        at[0] = side[0].lines[k].row;
        for (j = 1; j < ns; j++)
            at[j] = to[j][k] >= 0 ? side[j].lines[to[j][k]].row : NULL;
        if (!check_cells(c, ck, expression, row_name(c, at[0])))
            stop = true;
    }
    for (j = 1; !stop && j < ns; j++)
        for (size_t i = 0; !stop && i < side[j].n; i++) {
            if (side[j].lines[i].match >= 0)
                continue;
            memset(at, 0, ns * sizeof *at);
            at[j] = side[j].lines[i].row;
            if (!check_cells(c, ck, expression, row_name(c, at[j])))
                stop = true;
        }
    c->nrs = 0;
    for (j = 0; j < ns; j++)
        match_side_free(&side[j]);
}

static void check_explicit(checker *c, const m_check *ck)
{
    c->ack_row = NULL;
    c->ack_check = ck;
    if (ck->shape_error && ck->shape_ambiguous) {
        diag *dg = diag_add(c->d, DIAG_ERROR, ck->shape_at, "ambiguous",
                            "the two sides' columns differ and are matched by label, but '%s' names several columns "
                            "of %s; name a column", ck->shape_ambiguous, ck->shape_ambiguous_t->id);
        diag_note(c->d, dg, ck->shape_other_at, "the other side is here");
        return;
    }
    if (ck->shape_error && ck->shape_lens[0]) {
        diag *dg = diag_add(c->d, DIAG_ERROR, ck->shape_at, "type",
                            "lists of columns are paired in order, but this one has %u and the other side's %u",
                            (unsigned)ck->shape_lens[0], (unsigned)ck->shape_lens[1]);
        diag_note(c->d, dg, ck->shape_other_at, "the other side is here");
        return;
    }
    if (ck->shape_error) {
        diag *dg = diag_add(c->d, DIAG_ERROR, ck->shape_at, "type",
                            "this line's columns differ from those of the other side; name a column");
        diag_note(c->d, dg, ck->shape_other_at, "the other side is here");
        return;
    }
    if (ck->unbound)
        return;   /* already reported by the resolver */
    if (ck->tol == TOL_WITHIN && ck->within_error) {
        diag_add(c->d, DIAG_ERROR, ck->within_at, NULL, "%s", ck->within_error);
        return;
    }
    /* The check's source text, without the keyword, is its expression. */
    const src_file *f = ck->at.file;
    const char *text = f->text + ck->at.begin;
    size_t len = ck->at.end - ck->at.begin;
    if (len > 6 && memcmp(text, "check ", 6) == 0)
        text += 6, len -= 6;
    if (ck->known && ck->known->at.begin > ck->at.begin && ck->known->at.begin <= ck->at.end) {
        len = ck->known->at.begin - (size_t)(text - f->text);   /* the marker is not the identity */
        while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
            len--;
    }
    const char *expression = arena_strndup(c->a, text, len);
    if (ck->by_rows)
        check_rows(c, ck, expression);
    else
        check_cells(c, ck, expression, NULL);
}

/* The placeholders of the narratives' text ({部门预算收入},
 * {rate(X):增长|下降}): each evaluated once, in one column, for the
 * published document to print (prose.h); one without a value is an
 * error.  rate(LINE) is the rate the line states, when it states one
 * (the figure the document prints), else change / last year. */
static void check_placeholders(checker *c, m_model *m)
{
    for (size_t i = 0; i < m->nphs; i++) {
        m_placeholder *ph = &m->phs[i];
        const m_check *ck = &ph->ck;
        if (ck->unbound)
            continue;   /* already reported by the resolver */
        if (ck->shape_t) {
            diag_add(c->d, DIAG_ERROR, ck->ops[0].at, "placeholder",
                     "this line has %zu columns; a placeholder prints one: name it, as in TABLE[ROW, COLUMN]",
                     ck->npos);
            continue;
        }
        if (ck->by_rows) {
            diag_add(c->d, DIAG_ERROR, ck->ops[0].at, "placeholder",
                     "a placeholder prints one figure: name a line, not the lines under one");
            continue;
        }
        const ir_node *x = &ck->ir[0];
        const m_value *rate = ph->stated_rate && x->u.ref.row ? m_row_rate(x->u.ref.row) : NULL;
        if (rate && rate[ref_col(ck, x, 0)].present) {
            ph->value = rate[ref_col(ck, x, 0)];
            ph->ok = true;
            continue;
        }
        operand o = eval(c, ck, &ck->ops[0], 0);
        if (!o.ok)
            continue;   /* said where it failed */
        if (o.divzero) {
            diag_add(c->d, DIAG_ERROR, ck->ops[0].at, "placeholder",
                     "%.*s divides by 0: there is no value to print", (int)(ck->ops[0].at.end - ck->ops[0].at.begin),
                     ck->at.file->text + ck->ops[0].at.begin);
            continue;
        }
        ph->value = o.v;
        ph->ok = true;
    }
}

/* A known marker under which nothing fails: the discrepancy it
 * acknowledges is gone (corrected, or never there), so the marker
 * would only hide a future one. */
static void idle_markers(checker *c, const m_model *m)
{
    for (size_t ti = 0; ti < m->ntables; ti++)
        for (size_t i = 0; i < m->tables[ti]->nrows; i++) {
            const m_known *k = m_row_known(m->tables[ti]->rows[i]);
            if (k && !k->failing)
                diag_add(c->d, DIAG_WARNING, k->at, "known",
                         "nothing this line states fails: remove 'known' (it would hide a new discrepancy)");
        }
    for (size_t i = 0; i < m->nchecks; i++) {
        const m_check *ck = &m->checks[i];
        if (ck->known && !ck->known->failing && ck->known->judged)
            diag_add(c->d, DIAG_WARNING, ck->known->at, "known",
                     "this check holds: remove 'known' (it would hide a new discrepancy)");
    }
}

/* ---- driver ------------------------------------------------------------- */

static int id_cmp(const void *pa, const void *pb)
{
    const m_identity *a = pa, *b = pb;
    if (a->at.file != b->at.file)
        return a->at.file < b->at.file ? -1 : 1;
    if (a->at.begin != b->at.begin)
        return a->at.begin < b->at.begin ? -1 : 1;
    return a->id < b->id ? -1 : (a->id > b->id);
}

/* Fills the lines derived year over year ("2021 年" = prev("2022 年")):
 * last year's values, the change or the rate, column by column.  Returns
 * whether there were any (their sums then need deriving again). */
static bool derive_yoy_rows(checker *c, m_model *m)
{
    bool any = false;
    for (size_t ti = 0; ti < m->ntables; ti++) {
        m_table *t = m->tables[ti];
        for (size_t i = 0; i < t->nrows; i++) {
            m_row *row = t->rows[i];
            if (!row->derive || !m_row_derive_from(row))
                continue;
            any = true;
            const m_block *b = &t->blocks[row->block];
            for (size_t bi = 0; bi < b->ncols; bi++) {
                size_t ci = b->cols[bi];
                m_value prev, delta, *cell = &row->cells[ci];
                m_basis basis = row->derive_basis;
                yv_status have = prev_value(c, m_row_derive_from(row), ci, basis, &prev), chg = YV_NONE;
                if (have == YV_OK && row->derive == DERIVE_PREV) {
                    *cell = prev;
                } else if (have == YV_OK && (chg = change_value(c, m_row_derive_from(row), ci, basis, &delta)) ==
                                               YV_OK) {
                    *cell = delta;
                    if (row->derive == DERIVE_RATE) {
                        bool text = prev.kind == KIND_TEXT || delta.kind == KIND_TEXT;
                        cell->kind = KIND_RATE;
                        m_value_set_unit(cell, unit_lookup("%", 1));
                        if (text || prev.v == 0) {      /* text counts as 0 */
                            memset(cell, 0, sizeof *cell);   /* no rate from 0: an empty cell */
                        } else if (!dec_rate(delta.v, prev.v, DEC_SCALE, &cell->v)) {
                            memset(cell, 0, sizeof *cell);
                            diag_add(c->d, DIAG_ERROR, row->at, "limit",
                                     "the rate of change of '%s' in %s overflows the amount range",
                                     m_row_derive_from(row)->label, t->cols[ci]->header);
                            break;
                        }
                    }
                } else if (have == YV_OVERFLOW || chg == YV_OVERFLOW) {
                    yoy_overflow(c, row->at, m_row_derive_from(row), ci, chg == YV_OVERFLOW);
                    break;
                } else if (basis != M_BASIS_LAST) {
                    diag_add(c->d, DIAG_ERROR, row->at, "value",
                             "'%s' states no %s in %s to derive '%s' from (give it '%s' values)",
                             m_row_derive_from(row)->label, basis_words(c, basis), t->cols[ci]->header, row->label,
                             basis == M_BASIS_BUDGET ? "budget" : c->m->budget.final ? "was budget" : "was final");
                    break;
                } else {
                    diag_add(c->d, DIAG_ERROR, row->at, "value",
                             "'%s' has no previous-year value in %s to derive '%s' from (give it 'was' values, "
                             "or name last year's budget with 'previous')", m_row_derive_from(row)->label,
                             t->cols[ci]->header, row->label);
                    break;
                }
                cell->declared = false;
                cell->at_len = 0;
            }
        }
    }
    return any;
}

static void derive_all(checker *c, m_model *m)
{
    for (size_t ti = 0; ti < m->ntables; ti++) {
        m_table *t = m->tables[ti];
        for (size_t i = 0; i < t->nrows; i++)
            if (!t->rows[i]->parent)
                derive_row(c, t, t->rows[i]);
    }
}

/* Once every derivation is done (derive_all may run twice). */
static void report_all_missing(checker *c, m_model *m)
{
    for (size_t ti = 0; ti < m->ntables; ti++)
        for (size_t i = 0; i < m->tables[ti]->nrows; i++)
            report_missing(c, m->tables[ti], m->tables[ti]->rows[i]);
}

static void checker_init(checker *c, arena *a, diag_list *diags, m_model *m)
{
    memset(c, 0, sizeof *c);
    c->a = a;
    c->d = diags;
    c->m = m;
}


/* Indexes last year's tables by id (their lines are matched table by
 * table, when first needed). */
static void index_previous(checker *c, const m_model *prev)
{
    struct check_prev *px = c->px = c->m->prev_index = arena_alloc(c->a, sizeof *px);
    px->prevm = prev;
    match_index_init(&px->prev_ids, prev->ntables);
    for (size_t i = prev->ntables; i-- > 0;)
        match_index_add(&px->prev_ids, prev->tables[i]->id, i);
}

/* Last year's value of a cell, as the checker knows it; see model.h. */
bool check_prev_value(const m_model *m, const m_row *row, size_t col, m_value *out)
{
    checker c;
    memset(&c, 0, sizeof c);
    c.m = (m_model *)m;
    c.a = m->a;
    c.px = m->prev_index;
    if (col >= row->table->ncols || !row->cells)
        return false;
    return prev_value(&c, row, col, M_BASIS_LAST, out) == YV_OK;
}

/* Every value left out, derived: last year's budget first (its own
 * identities are its own business), then this year's sums and the lines
 * derived year over year. */
static void derive_values(checker *c, m_model *m)
{
    if (m->prev) {
        check_derive(c->a, c->d, m->prev);
        index_previous(c, m->prev);
    }
    derive_all(c, m);
    if (derive_yoy_rows(c, m))
        derive_all(c, m);
    report_all_missing(c, m);
}

void check_derive(arena *a, diag_list *diags, m_model *m)
{
    checker ck;
    checker_init(&ck, a, diags, m);
    derive_values(&ck, m);
}

void check_model(arena *a, diag_list *diags, m_model *m)
{
    checker ck;
    checker *c = &ck;
    checker_init(c, a, diags, m);
    derive_values(c, m);
    for (size_t ti = 0; ti < m->ntables; ti++) {
        m_table *t = m->tables[ti];
        for (size_t i = 0; i < t->nrows; i++) {
            const m_row *row = t->rows[i];
            c->ack_row = row;     /* the line a failing identity is about */
            c->ack_check = NULL;
            check_footing(c, t, row);
            check_cross(c, t, row);
            check_ofwhich(c, t, row);
            if (row->x) {
                for (m_basis b = M_BASIS_LAST; b <= M_BASIS_LAST_OTHER; b++)
                    if (m_row_change_b(row, b) || m_row_rate_b(row, b) || m_row_was_b(row, b))
                        check_yoy(c, t, row, b);
                for (m_basis b = M_BASIS_LAST; b < M_NBASES; b++)
                    check_basis_footing(c, t, row, b);
                check_exec_rate(c, t, row);
            }
        }
    }
    for (size_t i = 0; i < m->nchecks; i++)
        check_explicit(c, &m->checks[i]);
    check_placeholders(c, m);
    idle_markers(c, m);
    /* Report order is source order; the insertion order breaks ties. */
    for (size_t i = 0; i < c->nids; i++)
        c->ids[i].id = i;
    if (c->nids)    /* qsort's base must not be NULL, even for 0 items */
        qsort(c->ids, c->nids, sizeof *c->ids, id_cmp);
    for (size_t i = 0; i < c->nids; i++)
        c->ids[i].id = i + 1;
    m->ids = c->ids;
    m->nids = c->nids;
    if (c->px) {
        /* the document asks for last year of any line (check_prev_value):
         * match every table now, while the index of last year's exists */
        for (size_t ti = 0; m->record_figures && ti < m->ntables; ti++)
            prev_table_of(c, m->tables[ti]);
        match_index_free(&c->px->prev_ids);
        c->px->frozen = true;
    }
}

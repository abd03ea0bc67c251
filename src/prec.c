/* prec.c: the precision of every figure -- its unit and its rounding unit.
 *
 * A published figure is rounded: 9,628.22 万元 stands for anything from
 * 9,628.215 to 9,628.225 万元.  How finely it was rounded is declared by
 * scope (docs/language.md §8): the budget header, a table or narrative, a
 * column and its sub-columns, the innermost declaration winning.  A
 * rounding is relative to its scope's unit (`rounding 0.01` is 0.01 元 in a
 * 元 table, 0.01 万元 in a 万元 one), so a figure written in another unit is
 * rounded in proportion, and a figure written with more decimals than the
 * rounding is rounded to its last digit.  Counts are exact; a rate is
 * rounded to its last printed digit.
 *
 * The resolver calls prec_fill once a table's columns and attributes are
 * known; the checker asks prec_figure for each figure an identity reads,
 * only when the identity is not exact (docs/architecture.md §4). */
#include "model.h"

/* 10^e in base units' dec (10^(e + DEC_SCALE)); 1 below the scale. */
static dec pow10_dec(int e)
{
    dec x = 1;
    for (int i = 0; i < e + DEC_SCALE && i < 18; i++)
        x *= 10;
    return x;
}

/* a × 10^e, rounded up to at least 1 (a rounding unit is never 0), and
 * capped: a precision past the amount range is no precision. */
static dec scale_up(dec a, int e)
{
    dec out;
    if (e >= 0)
        return dec_shift(a, e, &out) == DEC_OK ? out : INT64_MAX;
    for (; e < 0 && a > 1; e++)
        a = (a + 9) / 10;
    return a > 0 ? a : 1;
}

/* The rounding unit, in base units, for a figure in a unit of size
 * 10^pow10, of a rounding declared in a scope whose unit is 10^scope_pow. */
static dec rounding_for(const m_rounding *r, int scope_pow, int pow10)
{
    if (r->pow10 == M_RELATIVE)     /* a fraction of the unit: 0.01 -> 100 */
        return scale_up(r->amount, pow10);
    return scale_up(r->amount, pow10 - scope_pow);
}

/* Decimals that show a rounding unit u (base units) in a unit 10^pow10. */
static int places_of(dec u, int pow10)
{
    dec unit_size = pow10_dec(pow10);
    int p = 0;
    while (p < DEC_SCALE + 8 && u > 0 && u < unit_size) {
        if (u > INT64_MAX / 10)
            break;
        u *= 10;
        p++;
    }
    return p;
}

void prec_fill(arena *a, const m_budget *b, m_table *t)
{
    int tpow = t->unit ? t->unit->pow10 : 0;
    /* the table's own rounding, else the budget's (absolute, in its unit) */
    m_rounding top = t->rounding;
    int top_pow = tpow;
    if (!top.amount) {
        top.amount = b->rounding;
        top.pow10 = (signed char)(b->unit ? b->unit->pow10 : 0);
        top_pow = top.pow10;
    }
    bool fixed = t->precision >= 0;     /* `precision N`: every column prints N */
    if (!fixed)
        t->precision = places_of(rounding_for(&top, top_pow, tpow), tpow);
    t->prec = arena_alloc(a, (t->ncols ? t->ncols : 1) * sizeof *t->prec);
    for (size_t ci = 0; ci < t->ncols; ci++) {
        const m_col *c = t->cols[ci];
        const unit_info *unit = NULL;
        const m_rounding *r = NULL;
        const m_col *where = NULL;     /* the column that declares r */
        for (const m_col *x = c; x; x = x->parent) {
            if (!unit && x->unit)
                unit = x->unit;
            if (!r && x->rounding.amount) {
                r = &x->rounding;
                where = x;
            }
        }
        if (!unit)
            unit = t->unit;
        int scope_pow = top_pow;
        if (r) {    /* the declaring column's unit: its own or above, else the table's */
            const unit_info *su = NULL;
            for (const m_col *x = where; x && !su; x = x->parent)
                su = x->unit;
            scope_pow = su ? su->pow10 : tpow;
        } else {
            r = &top;
        }
        m_prec *p = &t->prec[ci];
        p->unit = unit;
        p->rounding = rounding_for(r, scope_pow, unit ? unit->pow10 : 0);
        p->places = (signed char)(fixed ? t->precision : places_of(rounding_for(r, scope_pow, tpow), tpow));
    }
}

dec prec_figure(const m_table *t, size_t ci, const m_value *v)
{
    if (!v->present || !v->declared || v->blank)
        return 0;
    if (v->kind == KIND_RATE)   /* to its last printed digit, in percentage points */
        return pow10_dec(-v->places);
    if (v->kind != KIND_MONEY || !t->prec)
        return 0;
    const m_prec *p = &t->prec[ci];
    const unit_info *wu = m_value_unit(v);
    int scope = p->unit ? p->unit->pow10 : 0, written = wu ? wu->pow10 : scope;
    dec u = scale_up(p->rounding, written - scope);
    if (v->places <= 0)
        return u;   /* 7,440 may be rounded to any whole unit, or to tens */
    dec last = pow10_dec(written - v->places);  /* its last written decimal */
    return last < u ? last : u;
}

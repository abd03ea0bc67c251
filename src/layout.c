/* layout.c: a table as it is published (see layout.h for the rules).
 *
 * Three steps.  The column tree becomes a list of header items (a leaf is
 * a printed column, a group a heading over items); the items are placed
 * on a grid of header rows, leaves spanning down to the last one.  Then
 * the printed lines are placed on body rows, stacked or side by side:
 * only which line goes where is kept, and a body cell is made from the
 * model when a writer asks for it (layout_body_cell), so memory stays in
 * proportion to the lines, not to lines x columns.  Figures are formatted
 * there -- the CSV's digits (emit_amount) with thousands separators and
 * the unit a count or rate prints with -- so every writer shows the same
 * text and a test can compare it with the CSV. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "emit.h"
#include "layout.h"
#include "present.h"

static void *grow(arena *a, void *v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return v;
    size_t ncap = *cap ? *cap * 2 : 8;
    v = arena_grow(a, v, *cap * size, ncap * size);
    *cap = ncap;
    return v;
}

const char *layout_caption(arena *a, const m_table *t)
{
    if (t->number > 0 && t->title)
        return arena_printf(a, "表%d %s", t->number, t->title);
    if (t->title)
        return t->title;
    return t->id ? t->id : "";
}

/* The name of the money unit of t's figures (emit_amount converts every
 * amount to it; the resolver gives every table one). */
static const char *money_unit(const m_table *t)
{
    return present_money_unit(NULL, t)->name;
}

static void clear(lay_cell *out)
{
    out->kind = LAY_BLANK;
    out->text = out->plain = out->suffix = NULL;
    out->qkind = KIND_NONE;
    out->places = 0;
    out->indent = 0;
    out->total = out->label = out->code = false;
    out->row = NULL;
    out->col = 0;
    out->num[0] = out->shown[0] = '\0';
}

void layout_value(const m_table *t, const m_value *v, int precision, lay_cell *out)
{
    clear(out);
    if (m_value_text(v)) {
        out->kind = LAY_TEXT;
        out->text = m_value_text(v);
        return;
    }
    if (precision < 0)
        precision = (t->narrative && v->declared && v->places > 0) ? v->places : t->precision;
    size_t n = emit_amount(t, v, precision, out->num);
    if (n == 0)
        return;
    out->num[n] = '\0';
    out->kind = LAY_AMOUNT;
    out->plain = out->num;
    out->qkind = v->kind;
    out->places = precision;
    size_t k = dec_group(out->num, n, out->shown);
    /* a count's or a rate's unit; money's only in a narrative (a narrative
     * mixes units: each figure says its own) */
    const char *suffix = v->kind != KIND_MONEY || t->narrative ? present_unit_name(NULL, t, v) : "";
    if (*suffix) {
        out->suffix = out->shown + k;
        snprintf(out->shown + k, sizeof out->shown - k, "%s%s", v->kind == KIND_RATE ? "" : " ", suffix);
    }
    out->text = out->shown;
}

/* ---- header ------------------------------------------------------------- */

/* A header item: a leaf (one printed column) or a group (a label over
 * items). */
typedef struct hitem {
    const char *text;
    const m_col *col;           /* leaf: the printed column */
    struct hitem *kids;
    size_t nkids, cap;
    unsigned leaves, depth;
} hitem;

typedef struct hlist {
    hitem *v;
    size_t n, cap;
} hlist;

static hitem *push(arena *a, hitem **v, size_t *n, size_t *cap)
{
    *v = grow(a, *v, cap, *n, sizeof **v);
    hitem *it = &(*v)[(*n)++];
    memset(it, 0, sizeof *it);
    return it;
}

static bool shown(const m_col *c)
{
    return c->printed && !c->indicator;
}

static const char *header_of(const m_col *c)
{
    return c->header ? c->header : c->label;
}

/* Appends the items of column c to (v, n, cap); flat: leaves only, each
 * named by its CSV header.  in (NULL: every column) says which printed
 * columns are wanted: side by side, a side's block's own. */
static void items_of(arena *a, const m_col *c, bool flat, const bool *in, hitem **v, size_t *n, size_t *cap)
{
    if (c->indicator)
        return;
    bool want = shown(c) && (!in || in[c->index]);
    if (!flat && (c->heading || (c->subtotal && c->nkids))) {
        hitem g;
        memset(&g, 0, sizeof g);
        g.text = c->label;
        if (c->subtotal && want) {
            hitem *leaf = push(a, &g.kids, &g.nkids, &g.cap);
            leaf->text = c->subtotal;
            leaf->col = c;
        }
        for (size_t k = 0; k < c->nkids; k++)
            items_of(a, c->kids[k], flat, in, &g.kids, &g.nkids, &g.cap);
        if (g.nkids)
            *push(a, v, n, cap) = g;
        return;
    }
    if (want) {
        hitem *leaf = push(a, v, n, cap);
        leaf->text = flat ? header_of(c) : c->label;
        leaf->col = c;
    }
    for (size_t k = 0; k < c->nkids; k++)
        items_of(a, c->kids[k], flat, in, v, n, cap);
}

/* Counts leaves and depth of every item. */
static void measure(hitem *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        hitem *it = &v[i];
        if (!it->nkids) {
            it->leaves = 1;
            it->depth = 1;
            continue;
        }
        measure(it->kids, it->nkids);
        it->leaves = 0;
        it->depth = 0;
        for (size_t k = 0; k < it->nkids; k++) {
            it->leaves += it->kids[k].leaves;
            if (it->kids[k].depth > it->depth)
                it->depth = it->kids[k].depth;
        }
        it->depth++;
    }
}

static unsigned max_depth(const hitem *v, size_t n)
{
    unsigned d = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].depth > d)
            d = v[i].depth;
    return d;
}

/* Puts a header cell at (r, c) spanning rs x cs, covering the rest. */
static void put_head(lay_table *l, size_t r, size_t c, unsigned rs, unsigned cs, const char *text)
{
    for (size_t i = r; i < r + rs; i++)
        for (size_t j = c; j < c + cs; j++) {
            lay_head *x = &l->head[i * l->ncols + j];
            x->text = NULL;
            x->rowspan = x->colspan = 0;
        }
    lay_head *x = &l->head[r * l->ncols + c];
    x->text = text;
    x->rowspan = rs;
    x->colspan = cs;
}

/* Places items from row r, column c; leaves become value columns of
 * group g.  Returns the next free column. */
static size_t place_items(lay_table *l, const hitem *v, size_t n, size_t r, size_t c, size_t g)
{
    for (size_t i = 0; i < n; i++) {
        const hitem *it = &v[i];
        if (!it->nkids) {
            put_head(l, r, c, (unsigned)(l->nhead - r), 1, it->text);
            l->cols[c].kind = it->col->text ? LAYC_TEXT : LAYC_VALUE;
            l->cols[c].header = header_of(it->col);
            l->cols[c].group = g;
            l->cols[c].mcol = it->col->index;
            c++;
            continue;
        }
        put_head(l, r, c, 1, it->leaves, it->text);
        c = place_items(l, it->kids, it->nkids, r + 1, c, g);
    }
    return c;
}

/* The stub columns (the code columns, 项目) of group g at column c, from
 * header row r. */
static size_t stub(lay_table *l, size_t r, size_t c, size_t g)
{
    for (size_t k = 0; k < l->t->ncode_cols; k++) {
        put_head(l, r, c, (unsigned)(l->nhead - r), 1, l->t->code_heads[k]);
        l->cols[c].kind = LAYC_CODE;
        l->cols[c].header = l->t->code_heads[k];
        l->cols[c].part = k;
        l->cols[c++].group = g;
    }
    put_head(l, r, c, (unsigned)(l->nhead - r), 1, "项目");
    l->cols[c].kind = LAYC_LABEL;
    l->cols[c++].group = g;
    return c;
}

/* ---- codes -------------------------------------------------------------- */

/* Part k of code as a table with n code columns prints it; see layout.h. */
size_t layout_code_part(const char *code, size_t k, size_t n, char *buf, size_t size)
{
    size_t len = code ? strlen(code) : 0, from = 0, to = 0;
    if (n <= 1) {
        to = len;
    } else {
        /* part 0 is 3 digits, every later one 2; the last takes the rest */
        for (size_t i = 0; i <= k && from < len; i++) {
            from = to;
            to = (i + 1 == n) ? len : (i == 0 ? 3 : to + 2);
            if (to > len)
                to = len;
        }
        if (from >= len || to <= from)
            from = to = 0;
    }
    size_t m = to - from < size ? to - from : size - 1;
    if (m)
        memcpy(buf, code + from, m);
    buf[m] = '\0';
    return m;
}

/* ---- body --------------------------------------------------------------- */

/* Level of a line: its depth, not counting `total` ancestors (a total
 * prints after its parts, at their level: 本年收入合计's parts are not
 * indented under it). */
static unsigned indent_of(const m_row *r)
{
    unsigned depth = 0, totals = 0;
    for (const m_row *p = r->parent; p; p = p->parent) {
        depth++;
        totals += p->total;
    }
    return depth - totals;
}

/* A narrative's stated change with its rate: "+120.30 万元 (+4.27%)". */
static void change_cell(const m_table *t, const m_row *r, lay_cell *out)
{
    lay_cell ch, rate;
    layout_value(t, &m_row_change(r)[0], -1, &ch);
    if (ch.kind != LAY_AMOUNT)
        return;
    bool zero = strcspn(ch.plain, "123456789") == strlen(ch.plain);
    int n = snprintf(out->shown, sizeof out->shown, "%s%s", ch.plain[0] == '-' || zero ? "" : "+", ch.text);
    if (m_row_rate(r) && m_row_rate(r)[0].present) {
        layout_value(t, &m_row_rate(r)[0], -1, &rate);
        if (rate.kind == LAY_AMOUNT && n > 0 && (size_t)n < sizeof out->shown)
            snprintf(out->shown + n, sizeof out->shown - (size_t)n, " (%s%s)", rate.plain[0] == '-' ? "" : "+",
                     rate.text);
    }
    out->kind = LAY_TEXT;
    out->text = out->shown;
}

void layout_body_cell(const lay_table *l, size_t r, size_t c, lay_cell *out)
{
    const lay_col *col = &l->cols[c];
    const m_row *row = l->place[r * l->ngroups + col->group];
    clear(out);
    if (!row)
        return;
    switch (col->kind) {
    case LAYC_CODE:
        out->code = true;
        if (row->code && layout_code_part(row->code, col->part, l->t->ncode_cols, out->shown, sizeof out->shown)) {
            out->kind = LAY_TEXT;
            out->text = out->shown;
        }
        break;
    case LAYC_LABEL:
        out->kind = LAY_TEXT;
        out->text = row->label;
        out->label = true;
        out->indent = indent_of(row);
        break;
    case LAYC_VALUE:
    case LAYC_TEXT:
        if (row->cells)
            layout_value(l->t, &row->cells[col->mcol], l->t->narrative ? -1 : m_col_places(l->t, col->mcol), out);
        if (out->kind == LAY_AMOUNT) {
            out->row = row;
            out->col = col->mcol;
        }
        break;
    case LAYC_CHANGE:
        if (m_row_change(row) && m_row_change(row)[0].present)
            change_cell(l->t, row, out);
        break;
    }
    out->total = row->total;
}

/* Stacked: the printed lines in order. */
static void place_stacked(arena *a, lay_table *l)
{
    const m_table *t = l->t;
    l->ngroups = 1;
    l->nbody = t->nprinted;
    l->place = arena_alloc(a, (l->nbody ? l->nbody : 1) * sizeof *l->place);
    for (size_t i = 0; i < t->nprinted; i++)
        l->place[i] = t->printed[i];
}

/* Side by side: each block's lines before its first total at the top,
 * the rest at the bottom. */
static void place_sides(arena *a, lay_table *l)
{
    const m_table *t = l->t;
    size_t nb = t->nsides;
    size_t *nrows = arena_alloc(a, nb * sizeof *nrows);
    size_t *nfoot = arena_alloc(a, nb * sizeof *nfoot);
    size_t *next = arena_alloc(a, nb * sizeof *next);
    size_t maxbody = 0, maxfoot = 0;
    for (size_t i = 0; i < t->nprinted; i++) {
        const m_row *r = t->printed[i];
        if (r->total || nfoot[r->block])
            nfoot[r->block]++;
        nrows[r->block]++;
    }
    for (size_t b = 0; b < nb; b++) {
        if (nrows[b] - nfoot[b] > maxbody)
            maxbody = nrows[b] - nfoot[b];
        if (nfoot[b] > maxfoot)
            maxfoot = nfoot[b];
    }
    l->ngroups = nb;
    l->nbody = maxbody + maxfoot;
    l->place = arena_alloc(a, (l->nbody ? l->nbody : 1) * nb * sizeof *l->place);
    for (size_t i = 0; i < t->nprinted; i++) {
        const m_row *r = t->printed[i];
        size_t b = r->block, k = next[b]++;
        size_t row = k < nrows[b] - nfoot[b] ? k : l->nbody - (nrows[b] - k);
        l->place[row * nb + b] = r;
    }
}

/* ---- narratives ---------------------------------------------------------- */

/* A narrative: 项目 | 数值 | 增减 (the change column when a line states
 * one).  Each figure prints with its unit; a stated change with its rate. */
static void layout_narrative(arena *a, lay_table *l)
{
    const m_table *t = l->t;
    bool changes = false;
    for (size_t i = 0; i < t->nprinted && !changes; i++)
        changes = m_row_change(t->printed[i]) && m_row_change(t->printed[i])[0].present;
    l->ncols = changes ? 3 : 2;
    l->nhead = 1;
    l->nstub = 1;
    l->cols = arena_alloc(a, l->ncols * sizeof *l->cols);
    l->head = arena_alloc(a, l->ncols * sizeof *l->head);
    static const char *const heads[] = { "项目", "数值", "增减" };
    static const lay_colkind kinds[] = { LAYC_LABEL, LAYC_VALUE, LAYC_CHANGE };
    for (size_t c = 0; c < l->ncols; c++) {
        put_head(l, 0, c, 1, 1, heads[c]);
        l->cols[c].kind = kinds[c];
        l->cols[c].header = c == 1 && t->ncols ? header_of(t->cols[0]) : NULL;
    }
    place_stacked(a, l);
}

/* ---- the table ----------------------------------------------------------- */

/* The header of a table: the column trees of each group (one group, or
 * one per block side by side), placed after their stubs. */
static void layout_header(arena *a, lay_table *l, hlist *groups, size_t ngroups)
{
    size_t stubw = l->t->ncode_cols + 1;
    unsigned depth = 1;
    l->ncols = 0;
    for (size_t g = 0; g < ngroups; g++) {
        measure(groups[g].v, groups[g].n);
        unsigned d = max_depth(groups[g].v, groups[g].n);
        /* a side under one heading: the heading spans its stub too, so
         * the stub starts one row lower */
        if (l->side_by_side && groups[g].n == 1 && groups[g].v[0].nkids && d < 2)
            d = 2;
        if (d > depth)
            depth = d;
        l->ncols += stubw;
        for (size_t i = 0; i < groups[g].n; i++)
            l->ncols += groups[g].v[i].leaves;
    }
    l->nhead = depth;
    l->nstub = l->side_by_side ? 0 : stubw;
    l->cols = arena_alloc(a, l->ncols * sizeof *l->cols);
    l->head = arena_alloc(a, l->nhead * l->ncols * sizeof *l->head);
    size_t c = 0;
    for (size_t g = 0; g < ngroups; g++) {
        const hlist *h = &groups[g];
        if (l->side_by_side && h->n == 1 && h->v[0].nkids) {
            put_head(l, 0, c, 1, (unsigned)(stubw + h->v[0].leaves), h->v[0].text);
            c = stub(l, 1, c, g);
            c = place_items(l, h->v[0].kids, h->v[0].nkids, 1, c, g);
        } else {
            c = stub(l, 0, c, g);
            c = place_items(l, h->v, h->n, 0, c, g);
        }
    }
}

lay_table *layout_table(arena *a, const m_table *t)
{
    lay_table *l = arena_alloc(a, sizeof *l);
    l->t = t;
    l->id = t->id;
    l->title = t->title;
    l->department = t->department;
    l->number = t->number;
    l->narrative = t->narrative;
    l->notes = t->notes;
    l->nnotes = t->nnotes;
    l->unit = money_unit(t);
    if (t->narrative) {
        layout_narrative(a, l);
        return l;
    }

    /* Header items, per block when side by side. */
    size_t nroots = 0;
    const m_col **roots = arena_alloc(a, (t->ncols ? t->ncols : 1) * sizeof *roots);
    for (size_t i = 0; i < t->ncols; i++)
        if (!t->cols[i]->parent && !t->cols[i]->indicator)
            roots[nroots++] = t->cols[i];
    /* side by side, each side heads the columns its block fills */
    l->side_by_side = t->nsides > 1;
    size_t ngroups = l->side_by_side ? t->nsides : 1;
    bool **fills = arena_alloc(a, ngroups * sizeof *fills);
    for (size_t g = 0; l->side_by_side && g < ngroups; g++) {
        fills[g] = arena_alloc(a, (t->ncols ? t->ncols : 1) * sizeof **fills);
        for (size_t i = 0; i < t->blocks[g].ncols; i++)
            fills[g][t->blocks[g].cols[i]] = true;
    }
    for (int flat = 0; flat < 2; flat++) {
        hlist *groups = arena_alloc(a, ngroups * sizeof *groups);
        for (size_t g = 0; g < ngroups; g++)
            for (size_t i = 0; i < nroots; i++)
                items_of(a, roots[i], flat, fills[g], &groups[g].v, &groups[g].n, &groups[g].cap);
        layout_header(a, l, groups, ngroups);
        if (l->nhead * l->ncols <= LAYOUT_MAX_HEAD_CELLS)
            break;
        l->flat_head = true;
    }

    if (l->side_by_side)
        place_sides(a, l);
    else
        place_stacked(a, l);

    /* Indicators. */
    l->nind = t->nindicators;
    l->ind = arena_alloc(a, (l->nind ? l->nind : 1) * sizeof *l->ind);
    for (size_t i = 0; i < t->nindicators; i++) {
        const m_indicator *in = &t->indicators[i];
        lay_indicator *x = &l->ind[i];
        x->level1 = in->level1;
        x->level2 = in->level2;
        x->name = in->name;
        x->target = in->published ? in->published : "";
        bool same1 = i > 0 && strcmp(in->level1, l->ind[i - 1].level1) == 0;
        bool same2 = same1 && strcmp(in->level2, l->ind[i - 1].level2) == 0;
        x->span1 = x->span2 = 1;
        if (same1) {
            size_t j = i;
            while (l->ind[--j].span1 == 0) {}
            l->ind[j].span1++;
            x->span1 = 0;
        }
        if (same2) {
            size_t j = i;
            while (l->ind[--j].span2 == 0) {}
            l->ind[j].span2++;
            x->span2 = 0;
        }
    }
    return l;
}

/* chart.c: a chart of a line and its parts, as inline SVG (see chart.h).
 *
 * The data are gathered first (which lines, which series, each value as
 * an exact amount and as the text the tables print), then drawn: a label
 * column, the bars, the figure after each bar, a legend when there are
 * several series.  Geometry is integer arithmetic on the amounts: 128-bit
 * products, hundredths of a pixel.  Text goes out through present_html. */
#include <stdint.h>
#include <string.h>
#include "chart.h"
#include "layout.h"
#include "present.h"
#include "source.h"

__extension__ typedef __int128 i128;

#define CHART_MAX_SERIES 8
#define CHART_LABEL_MIN 60      /* px */
#define CHART_LABEL_MAX 260
#define CHART_BARS 400          /* px: the longest bar */
#define CHART_VALUES 130        /* px: room for the figure after a bar */

typedef enum { CHART_PLAIN, CHART_STACK, CHART_YOY } chart_mode;

static const char *const palette[CHART_MAX_SERIES] = {
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f",
};
static const char *const yoy_colors[2] = { "#bab0ac", "#4e79a7" };  /* last year, this year */

/* One bar (or one part of a stacked bar). */
typedef struct bar {
    bool has;
    dec v;
    const char *text;       /* as the tables print it */
    const char *plain;      /* as the CSV has it */
} bar;

typedef struct item {
    const m_row *row;
    bar s[CHART_MAX_SERIES];
} item;

typedef struct chart {
    const m_model *m;
    const m_table *t;
    const m_row *row;
    size_t col;             /* the column measured */
    chart_mode mode;
    const char *names[CHART_MAX_SERIES];
    size_t ncols[CHART_MAX_SERIES]; /* STACK: the sub-column of each series */
    size_t nseries;
    item *items;
    size_t nitems;
    arena *a;
} chart;

/* The first value column of row's block (the narrative's only one). */
static size_t measured_col(const m_row *row)
{
    const m_table *t = row->table;
    const m_block *b = &t->blocks[row->block];
    for (size_t i = 0; i < b->ncols; i++) {
        const m_col *c = t->cols[b->cols[i]];
        if (c->printed && !c->text && !c->indicator)
            return b->cols[i];
    }
    return 0;
}

static bool same_kind(const m_value *a, const m_value *b)
{
    return a->kind == b->kind && (a->kind != KIND_COUNT || a->unit_ix == b->unit_ix);
}

/* Fills one bar from value v (as the table prints it). */
static void set_bar(chart *c, bar *b, const m_value *v)
{
    lay_cell cell;
    layout_value(c->t, v, -1, &cell);
    if (cell.kind != LAY_AMOUNT)
        return;
    b->has = true;
    b->v = v->v;
    b->text = arena_strdup(c->a, cell.text);
    b->plain = arena_strdup(c->a, cell.plain);
}

/* The lines: the charted one, then its parts with a figure of its kind. */
static void gather_items(chart *c)
{
    const m_row *row = c->row;
    const m_value *own = row->cells ? &row->cells[c->col] : NULL;
    c->items = arena_alloc(c->a, (row->nkids + 1) * sizeof *c->items);
    c->items[c->nitems++].row = row;
    for (size_t k = 0; k < row->nkids; k++) {
        const m_row *kid = row->kids[k];
        const m_value *v = kid->cells ? &kid->cells[c->col] : NULL;
        if (!v || !v->present || m_value_text(v) || (own && own->present && !same_kind(v, own)))
            continue;
        c->items[c->nitems++].row = kid;
    }
}

/* Last year beside this year, when last year is known for any line. */
static bool try_yoy(chart *c)
{
    bool any = false;
    for (size_t i = 0; i < c->nitems; i++) {
        item *it = &c->items[i];
        const m_value *now = &it->row->cells[c->col];
        m_value was;
        if (now->present && !m_value_text(now) && check_prev_value(c->m, it->row, c->col, &was) && same_kind(&was, now)) {
            set_bar(c, &it->s[0], &was);
            any = true;
        }
        set_bar(c, &it->s[1], now);
    }
    if (!any)
        return false;
    int y = c->m->budget.year;
    c->names[0] = y ? arena_printf(c->a, "%d年", y - 1) : "上年";
    c->names[1] = y ? arena_printf(c->a, "%d年", y) : "本年";
    c->nseries = 2;
    c->mode = CHART_YOY;
    return true;
}

/* Stacked by the measured column's sub-columns, when every line has a
 * figure, none negative, in each. */
static bool try_stack(chart *c)
{
    const m_col *col = c->t->cols[c->col];
    size_t n = 0;
    for (size_t k = 0; k < col->nkids; k++) {
        const m_col *kc = col->kids[k];
        if (kc->ofwhich || kc->text || kc->indicator || !kc->printed)
            continue;
        if (n == CHART_MAX_SERIES)
            return false;
        c->ncols[n] = kc->index;
        c->names[n++] = kc->label;
    }
    if (n < 2)
        return false;
    for (size_t i = 0; i < c->nitems; i++)
        for (size_t s = 0; s < n; s++) {
            const m_value *v = &c->items[i].row->cells[c->ncols[s]];
            if (!v->present || m_value_text(v) || v->v < 0)
                return false;
        }
    for (size_t i = 0; i < c->nitems; i++)
        for (size_t s = 0; s < n; s++)
            set_bar(c, &c->items[i].s[s], &c->items[i].row->cells[c->ncols[s]]);
    c->nseries = n;
    c->mode = CHART_STACK;
    return true;
}

static void plain(chart *c)
{
    for (size_t i = 0; i < c->nitems; i++)
        set_bar(c, &c->items[i].s[0], &c->items[i].row->cells[c->col]);
    c->names[0] = c->t->narrative ? "" : c->t->cols[c->col]->label;
    c->nseries = 1;
    c->mode = CHART_PLAIN;
}

/* ---- drawing ------------------------------------------------------------ */

/* x of amount v, in hundredths of a pixel, on a scale from lo to hi. */
static int64_t x_of(dec v, dec lo, dec hi, int64_t left)
{
    if (hi == lo)
        return left * 100;
    i128 num = ((i128)v - (i128)lo) * (CHART_BARS * 100);
    return left * 100 + (int64_t)(num / ((i128)hi - (i128)lo));
}

/* Writes hundredths of a pixel as a decimal ("123.45"). */
static void px(FILE *out, int64_t h)
{
    if (h < 0) {
        putc('-', out);
        h = -h;
    }
    fprintf(out, "%lld.%02lld", (long long)(h / 100), (long long)(h % 100));
}

static void attr(FILE *out, const char *name, const char *value)
{
    fprintf(out, " %s=\"", name);
    present_html(out, value);
    putc('"', out);
}

static const char *color(const chart *c, size_t series)
{
    return c->mode == CHART_YOY ? yoy_colors[series & 1] : palette[series % CHART_MAX_SERIES];
}

/* A bar from x0 to x1 (hundredths) at y, h high. */
static void rect(FILE *out, const chart *c, int64_t x0, int64_t x1, int y, int h, size_t series, const item *it,
                 const bar *b)
{
    if (x1 < x0) {
        int64_t t = x0;
        x0 = x1;
        x1 = t;
    }
    fputs("<rect x=\"", out);
    px(out, x0);
    fprintf(out, "\" y=\"%d\" width=\"", y);
    px(out, x1 - x0);
    fprintf(out, "\" height=\"%d\" fill=\"%s\" class=\"bar\"", h, color(c, series));
    attr(out, "data-line", it->row->label);
    attr(out, "data-series", c->names[series]);
    attr(out, "data-v", b->plain);
    fputs("><title>", out);
    present_html(out, it->row->label);
    if (c->names[series][0]) {
        fputs(" ", out);
        present_html(out, c->names[series]);
    }
    fputs("：", out);
    present_html(out, b->text);
    fputs("</title></rect>", out);
}

static void text(FILE *out, int64_t x, int y, const char *anchor, const char *s, bool bold)
{
    fputs("<text x=\"", out);
    px(out, x);
    fprintf(out, "\" y=\"%d\" text-anchor=\"%s\"%s>", y, anchor, bold ? " font-weight=\"bold\"" : "");
    present_html(out, s);
    fputs("</text>", out);
}

static void draw(FILE *out, const chart *c, int number)
{
    /* the scale: every bar (stacked: every total) and zero */
    dec lo = 0, hi = 0;
    unsigned labelw = 0;
    for (size_t i = 0; i < c->nitems; i++) {
        const item *it = &c->items[i];
        unsigned w = src_display_width(it->row->label, strlen(it->row->label));
        if (w > labelw)
            labelw = w;
        dec sum = 0;
        for (size_t s = 0; s < c->nseries; s++) {
            if (!it->s[s].has)
                continue;
            dec v = it->s[s].v;
            if (c->mode == CHART_STACK)
                v = (sum += v);      /* no overflow: parts of a figure that fit */
            if (v < lo)
                lo = v;
            if (v > hi)
                hi = v;
        }
    }
    int64_t left = (int64_t)labelw * 7 + 16;
    if (left < CHART_LABEL_MIN)
        left = CHART_LABEL_MIN;
    if (left > CHART_LABEL_MAX)
        left = CHART_LABEL_MAX;
    int top = c->nseries > 1 ? 28 : 8;
    int rowh = c->mode == CHART_YOY ? 30 : 22;
    int height = top + (int)c->nitems * rowh + 8;
    int64_t width = left + CHART_BARS + CHART_VALUES;

    fprintf(out, "<svg class=\"chart\" role=\"img\" width=\"%lld\" height=\"%d\" viewBox=\"0 0 %lld %d\"",
            (long long)width, height, (long long)width, height);
    fprintf(out, " aria-labelledby=\"chart%d-caption\" font-size=\"12\">", number);
    /* legend */
    if (c->nseries > 1) {
        int64_t x = left * 100;
        for (size_t s = 0; s < c->nseries; s++) {
            fprintf(out, "<rect x=\"");
            px(out, x);
            fprintf(out, "\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>", color(c, s));
            text(out, x + 1600, 16, "start", c->names[s], false);
            x += 1600 + (int64_t)src_display_width(c->names[s], strlen(c->names[s])) * 700 + 1600;
        }
    }
    int64_t zero = x_of(0, lo, hi, left);
    if (lo < 0) {
        fputs("<line x1=\"", out);
        px(out, zero);
        fputs("\" x2=\"", out);
        px(out, zero);
        fprintf(out, "\" y1=\"%d\" y2=\"%d\" stroke=\"#555\"/>", top, height - 8);
    }
    for (size_t i = 0; i < c->nitems; i++) {
        const item *it = &c->items[i];
        int y = top + (int)i * rowh;
        text(out, (left - 6) * 100, y + rowh / 2 + 4, "end", it->row->label, i == 0);
        if (c->mode == CHART_YOY) {
            for (size_t s = 0; s < 2; s++) {
                const bar *b = &it->s[s];
                if (!b->has)
                    continue;
                int by = y + 3 + (int)s * 12;
                int64_t x = x_of(b->v, lo, hi, left);
                rect(out, c, zero, x, by, 11, s, it, b);
                text(out, (x > zero ? x : zero) + 400, by + 10, "start", b->text, false);
            }
            continue;
        }
        dec sum = 0;
        int64_t end = zero;
        const char *total = NULL;
        for (size_t s = 0; s < c->nseries; s++) {
            const bar *b = &it->s[s];
            if (!b->has)
                continue;
            int64_t x0 = c->mode == CHART_STACK ? x_of(sum, lo, hi, left) : zero;
            sum += b->v;
            int64_t x1 = x_of(c->mode == CHART_STACK ? sum : b->v, lo, hi, left);
            rect(out, c, x0, x1, y + 4, 14, s, it, b);
            if (x1 > end)
                end = x1;
            total = b->text;
        }
        /* after the bar: the line's own figure (stacked: its total) */
        const m_value *own = &it->row->cells[c->col];
        lay_cell cell;
        layout_value(c->t, own, -1, &cell);
        if (cell.kind == LAY_AMOUNT)
            total = cell.text;
        if (total)
            text(out, end + 400, y + rowh / 2 + 4, "start", total, i == 0);
    }
    fputs("</svg>", out);
}

void chart_write(FILE *out, const m_model *m, const m_row *row, int number, arena *a)
{
    chart c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.t = row->table;
    c.row = row;
    c.col = measured_col(row);
    c.a = a;
    if (!row->cells || c.col >= c.t->ncols)
        return;
    gather_items(&c);
    if (!try_yoy(&c) && !try_stack(&c))
        plain(&c);
    const char *kind = c.mode == CHART_YOY ? "yoy" : c.mode == CHART_STACK ? "stack" : "plain";
    fprintf(out, "<figure class=\"chart\" id=\"chart%d\" data-kind=\"%s\"", number, kind);
    attr(out, "data-table", c.t->id);
    attr(out, "data-line", row->label);
    fputs(">", out);
    draw(out, &c, number);
    fprintf(out, "<figcaption id=\"chart%d-caption\">图%d　", number, number);
    present_html(out, layout_caption(a, c.t));
    fputs("：", out);
    present_html(out, row->label);
    if (!c.t->narrative) {
        fputs("（", out);
        present_html(out, c.t->cols[c.col]->header);
        fputs("）", out);
    }
    const m_value *own = &row->cells[c.col];
    const char *unit = present_unit_name(m, c.t, own);
    if (*unit) {
        fputs("，单位：", out);
        present_html(out, unit);
    }
    fputs("</figcaption></figure>\n", out);
}

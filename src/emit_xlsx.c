/* emit_xlsx.c: the published workbook, through libxlsxwriter.
 *
 * One sheet per table, drawn from its layout (layout.h): 表 N, the title
 * across the table, the 部门名称 and 单位 line, the header rows with merged
 * cells, the body (labels indented by level, totals in bold, codes as
 * text, figures as numbers with thousands separators and the table's
 * decimals, absent figures as empty cells), the performance indicators
 * (一级/二级 merged down their groups), the notes; the header is frozen
 * and repeated on every printed page (A4).  Column widths follow the
 * display width of their text (a Chinese character counts two).  A last
 * sheet lists the consistency report.
 *
 * Figures stay exact.  libxlsxwriter takes a number as a double and
 * writes it with "%.16G"; a figure is written as a number only when that
 * text reads back as the CSV's decimal exactly and has at most 15
 * significant digits (what Excel keeps), otherwise it is written as text.
 * Labels are always written as strings, never as formulas.
 *
 * The same model gives the same bytes: the creation time is fixed (the
 * library stamps its zip entries with a fixed date too), sheets, formats
 * and strings are made in model order.  A table too big for a sheet
 * (1,048,576 rows, 16,384 columns) gets a sheet that says so and names
 * its CSV. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xlsxwriter.h>
#include "emit.h"
#include "i18n.h"
#include "layout.h"
#include "source.h"

/* 2000-01-01T00:00:00Z: the workbook's creation time, fixed so that the
 * same budget gives the same file. */
#define XLSX_CREATED ((time_t)946684800)
#define XLSX_MAX_ROWS 1048576u
#define XLSX_MAX_COLS 16384u
#define XLSX_REPORT_ROWS EMIT_DOCUMENT_REPORT_ROWS
#define XLSX_MIN_WIDTH 6
#define XLSX_MAX_WIDTH 50
#define XLSX_LINE_HEIGHT 15.0

/* ---- formats ------------------------------------------------------------ */

typedef enum {
    F_TITLE, F_PLAIN, F_UNIT, F_HEAD, F_LABEL, F_CODE, F_TEXT, F_AMOUNT, F_BLANK, F_NOTE, F_REPORT_HEAD,
    F_STATUS_WITHIN, F_STATUS_BROKEN, F_STATUS_KNOWN,
} fkind;

typedef struct fkey {
    fkind kind;
    bool bold;
    unsigned indent;
    int places;
    const char *suffix;
} fkey;

typedef struct xlsx {
    lxw_workbook *wb;
    arena *a;
    const m_model *m;
    fkey *keys;
    lxw_format **fmts;
    size_t nfmts, cap;
} xlsx;

static bool same_key(const fkey *x, const fkey *y)
{
    return x->kind == y->kind && x->bold == y->bold && x->indent == y->indent && x->places == y->places &&
           (x->suffix == y->suffix || (x->suffix && y->suffix && strcmp(x->suffix, y->suffix) == 0));
}

/* The number format of a figure: thousands separators, the decimals
 * printed, and the unit a count or rate shows ("#,##0.00", "#,##0\" 台\""). */
static const char *num_format(arena *a, int places, const char *suffix)
{
    char frac[32] = "";
    if (places > 0) {
        frac[0] = '.';
        int p = places < 30 ? places : 30;
        memset(frac + 1, '0', (size_t)p);
        frac[p + 1] = '\0';
    }
    if (!suffix)
        return arena_printf(a, "#,##0%s", frac);
    return arena_printf(a, "#,##0%s\"%s\"", frac, suffix);
}

static lxw_format *fmt(xlsx *x, fkey k)
{
    for (size_t i = 0; i < x->nfmts; i++)
        if (same_key(&x->keys[i], &k))
            return x->fmts[i];
    if (x->nfmts == x->cap) {
        size_t ncap = x->cap ? x->cap * 2 : 16;
        x->keys = arena_grow(x->a, x->keys, x->cap * sizeof *x->keys, ncap * sizeof *x->keys);
        x->fmts = arena_grow(x->a, x->fmts, x->cap * sizeof *x->fmts, ncap * sizeof *x->fmts);
        x->cap = ncap;
    }
    lxw_format *f = workbook_add_format(x->wb);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    bool border = true;
    switch (k.kind) {
    case F_TITLE:
        format_set_font_size(f, 16);
        format_set_bold(f);
        format_set_align(f, LXW_ALIGN_CENTER);
        border = false;
        break;
    case F_PLAIN:
        border = false;
        break;
    case F_UNIT:
        format_set_align(f, LXW_ALIGN_RIGHT);
        border = false;
        break;
    case F_HEAD:
    case F_REPORT_HEAD:
        format_set_bold(f);
        format_set_align(f, LXW_ALIGN_CENTER);
        format_set_text_wrap(f);
        format_set_bg_color(f, 0xEEEEEE);
        break;
    case F_LABEL:
        if (k.indent)
            format_set_indent(f, (uint8_t)(k.indent < 15 ? k.indent : 15));
        break;
    case F_CODE:
        format_set_num_format(f, "@");
        break;
    case F_TEXT:
        format_set_text_wrap(f);
        break;
    case F_AMOUNT:
        format_set_num_format(f, num_format(x->a, k.places, k.suffix));
        format_set_align(f, LXW_ALIGN_RIGHT);
        break;
    case F_BLANK:
        break;
    case F_NOTE:
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_LEFT);
        border = false;
        break;
    case F_STATUS_WITHIN:
        format_set_bg_color(f, 0xFFF2CC);
        break;
    case F_STATUS_KNOWN:
        format_set_bg_color(f, 0xDBE8F6);
        break;
    case F_STATUS_BROKEN:
        format_set_bg_color(f, 0xF4CCCC);
        break;
    }
    if (k.bold)
        format_set_bold(f);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (k.suffix)
        k.suffix = arena_strdup(x->a, k.suffix);   /* the cell's buffer is reused */
    x->keys[x->nfmts] = k;
    x->fmts[x->nfmts++] = f;
    return f;
}

static lxw_format *fmt_of(xlsx *x, fkind kind)
{
    fkey k = { kind, false, 0, 0, NULL };
    return fmt(x, k);
}

/* ---- exact numbers ------------------------------------------------------ */

/* A decimal reduced to sign, significant digits and the power of ten of
 * the last one: "7440" -> +, "744", 1; "1E-08" -> +, "1", -8.  False when s
 * is not a plain or exponent decimal. */
typedef struct canon {
    bool neg;
    char digits[48];
    size_t n;
    long exp;
} canon;

static bool canonical(const char *s, canon *c)
{
    memset(c, 0, sizeof *c);
    if (*s == '-' || *s == '+')
        c->neg = *s++ == '-';
    long frac = 0;
    bool point = false, any = false;
    for (; *s && *s != 'E' && *s != 'e'; s++) {
        if (*s == '.') {
            if (point)
                return false;
            point = true;
            continue;
        }
        if (*s < '0' || *s > '9')
            return false;
        any = true;
        if (point)
            frac++;
        if (c->n == 0 && *s == '0')
            continue;           /* leading zeros */
        if (c->n == sizeof c->digits)
            return false;
        c->digits[c->n++] = *s;
    }
    if (!any)
        return false;
    c->exp = -frac;
    if (*s) {
        char *end;
        long e = strtol(s + 1, &end, 10);
        if (*end || end == s + 1)
            return false;
        c->exp += e;
    }
    while (c->n && c->digits[c->n - 1] == '0') {
        c->n--;
        c->exp++;
    }
    if (c->n == 0)
        c->neg = false, c->exp = 0;   /* zero has no sign */
    return true;
}

/* The double that libxlsxwriter writes as exactly the decimal plain, or
 * false when there is none (too many digits for Excel, or the round trip
 * would change it). */
static bool exact_double(const char *plain, double *out)
{
    canon want, got;
    if (!canonical(plain, &want) || want.n > 15)
        return false;
    char *end;
    double d = strtod(plain, &end);
    if (*end)
        return false;
    char buf[64];
    snprintf(buf, sizeof buf, "%.16G", d);
    if (!canonical(buf, &got) || got.neg != want.neg || got.n != want.n || got.exp != want.exp ||
        memcmp(got.digits, want.digits, want.n) != 0)
        return false;
    *out = d;
    return true;
}

/* ---- writing cells -------------------------------------------------------- */

/* Writes text at (r, c) spanning rs x cs (merged when larger than one
 * cell). */
static void put(lxw_worksheet *ws, size_t r, size_t c, unsigned rs, unsigned cs, const char *text, lxw_format *f)
{
    if (rs > 1 || cs > 1)
        worksheet_merge_range(ws, (lxw_row_t)r, (lxw_col_t)c, (lxw_row_t)(r + rs - 1), (lxw_col_t)(c + cs - 1),
                              text ? text : "", f);
    else if (text && *text)
        worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, text, f);
    else
        worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, f);
}

/* A figure: a number when it stays exact, else its text. */
static void put_amount(xlsx *x, lxw_worksheet *ws, size_t r, size_t c, const lay_cell *cell)
{
    fkey k = { F_AMOUNT, cell->total, 0, cell->places, cell->suffix };
    lxw_format *f = fmt(x, k);
    double d;
    if (exact_double(cell->plain, &d))
        worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, d, f);
    else
        worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, cell->text, f);
}

static void put_body(xlsx *x, lxw_worksheet *ws, size_t r, size_t c, const lay_cell *cell)
{
    fkey k = { F_BLANK, cell->total, 0, 0, NULL };
    switch (cell->kind) {
    case LAY_AMOUNT:
        put_amount(x, ws, r, c, cell);
        return;
    case LAY_TEXT:
        k.kind = cell->label ? F_LABEL : cell->code ? F_CODE : F_TEXT;
        k.indent = cell->indent;
        break;
    case LAY_BLANK:
        break;
    }
    put(ws, r, c, 1, 1, cell->kind == LAY_TEXT ? cell->text : NULL, fmt(x, k));
}

/* ---- widths --------------------------------------------------------------- */

static unsigned width_of(const char *s)
{
    return s ? src_display_width(s, strlen(s)) : 0;
}

/* Lines a text of display width w takes in a column w_col wide. */
static unsigned lines_in(unsigned w, unsigned wcol)
{
    unsigned room = wcol > 2 ? wcol - 2 : 1;
    return w == 0 ? 1 : (w + room - 1) / room;
}

/* Column widths from the body (and the header's single columns, which
 * may wrap). */
static unsigned *col_widths(arena *a, const lay_table *l)
{
    unsigned *w = arena_alloc(a, l->ncols * sizeof *w);
    lay_cell cell;
    for (size_t c = 0; c < l->ncols; c++) {
        unsigned best = XLSX_MIN_WIDTH;
        for (size_t r = 0; r < l->nhead; r++) {
            const lay_head *h = layout_head(l, r, c);
            unsigned hw = width_of(h->text) + 2;
            if (h->colspan == 1 && h->text && (hw < 14 ? hw : 14) > best)
                best = hw < 14 ? hw : 14;
        }
        for (size_t r = 0; r < l->nbody; r++) {
            layout_body_cell(l, r, c, &cell);
            unsigned bw = width_of(cell.text) + 2 * cell.indent + 2;
            if (bw > best)
                best = bw;
        }
        w[c] = best < XLSX_MAX_WIDTH ? best : XLSX_MAX_WIDTH;
    }
    return w;
}

/* Room of the columns c .. c + n - 1. */
static unsigned room(const unsigned *w, size_t c, size_t n)
{
    unsigned s = 0;
    for (size_t i = 0; i < n; i++)
        s += w[c + i];
    return s;
}

static void height_for(lxw_worksheet *ws, size_t r, unsigned lines)
{
    if (lines > 1)
        worksheet_set_row(ws, (lxw_row_t)r, XLSX_LINE_HEIGHT * lines, NULL);
}

/* ---- sheets --------------------------------------------------------------- */

/* Excel's rules for a sheet name: at most 31 characters (UTF-16 units),
 * none of []:*?/\, no leading or trailing apostrophe. */
static const char *sheet_name(arena *a, const char *want)
{
    size_t n = strlen(want), k = 0, units = 0;
    char *out = arena_alloc(a, n + 1);
    for (size_t i = 0; i < n;) {
        long cp;
        size_t len = src_utf8_decode(want + i, n - i, &cp);
        unsigned u = cp > 0xFFFF ? 2 : 1;
        if (units + u > 31)
            break;
        if (cp < 0x20 || (cp < 0x80 && strchr("[]:*?/\\", (int)cp))) {
            out[k++] = '_';
        } else {
            memcpy(out + k, want + i, len);
            k += len;
        }
        units += u;
        i += len;
    }
    while (k && (out[k - 1] == '\'' || out[k - 1] == ' '))
        k--;
    size_t start = 0;
    while (start < k && out[start] == '\'')
        start++;
    out[k] = '\0';
    return out + start;
}

static bool name_taken(const char **names, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (names[i] && strcasecmp(names[i], s) == 0)   /* Excel ignores case */
            return true;
    return false;
}

#define REPORT_SHEET "一致性报告"

const char **emit_xlsx_sheet_names(arena *a, const m_model *m)
{
    const char **names = arena_alloc(a, (m->ntables + 1) * sizeof *names);
    names[m->ntables] = REPORT_SHEET;   /* taken first: no table may have it */
    for (size_t i = 0; i < m->ntables; i++) {
        const m_table *t = m->tables[i];
        if (t->narrative || !t->id)
            continue;
        const char *s = sheet_name(a, layout_caption(a, t));
        if (!*s || name_taken(names, m->ntables + 1, s))
            s = sheet_name(a, t->id);
        for (unsigned k = 2; !*s || name_taken(names, m->ntables + 1, s); k++)
            s = sheet_name(a, arena_printf(a, "%.20s (%u)", t->id, k));
        names[i] = s;
    }
    names[m->ntables] = NULL;
    return names;
}

/* A table that does not fit a sheet: the sheet says where it is. */
static void too_big(xlsx *x, lxw_worksheet *ws, const lay_table *l)
{
    worksheet_write_string(ws, 0, 0, layout_caption(x->a, l->t), fmt_of(x, F_TITLE));
    worksheet_write_string(ws, 1, 0,
                           arena_printf(x->a, "This table has %zu rows and %zu columns, more than a worksheet "
                                        "holds (1,048,576 x 16,384): its figures are in %s.csv.",
                                        l->nbody, l->ncols, l->id),
                           fmt_of(x, F_PLAIN));
}

static void table_sheet(xlsx *x, lxw_worksheet *ws, const lay_table *l)
{
    size_t rows = 4 + l->nhead + l->nbody + (l->nind ? l->nind + 2 : 0) + l->nnotes;
    if (rows > XLSX_MAX_ROWS || l->ncols > XLSX_MAX_COLS || (l->nind && l->ncols < 4 && 4 > XLSX_MAX_COLS)) {
        too_big(x, ws, l);
        return;
    }
    size_t width = l->ncols;
    if (l->nind && width < 4)
        width = 4;
    unsigned *w = col_widths(x->a, l);
    size_t r = 0;
    if (l->number > 0)
        worksheet_write_string(ws, (lxw_row_t)r++, 0, arena_printf(x->a, "表%d", l->number), fmt_of(x, F_PLAIN));
    put(ws, r, 0, 1, (unsigned)width, l->title ? l->title : l->id, fmt_of(x, F_TITLE));
    worksheet_set_row(ws, (lxw_row_t)r++, 24, NULL);
    const char *dept = l->department ? arena_printf(x->a, "部门名称：%s", l->department) : NULL;
    const char *unit = arena_printf(x->a, "单位：%s", l->unit);
    if (width >= 2) {
        put(ws, r, 0, 1, (unsigned)(width - 1), dept, fmt_of(x, F_PLAIN));
        worksheet_write_string(ws, (lxw_row_t)r++, (lxw_col_t)(width - 1), unit, fmt_of(x, F_UNIT));
    } else {
        if (dept)
            worksheet_write_string(ws, (lxw_row_t)r++, 0, dept, fmt_of(x, F_PLAIN));
        worksheet_write_string(ws, (lxw_row_t)r++, 0, unit, fmt_of(x, F_UNIT));
    }

    /* Header. */
    size_t head0 = r;
    unsigned *lines = arena_alloc(x->a, (l->nhead ? l->nhead : 1) * sizeof *lines);
    for (size_t i = 0; i < l->nhead; i++)
        for (size_t c = 0; c < l->ncols; c++) {
            const lay_head *h = layout_head(l, i, c);
            if (!h->rowspan)
                continue;
            put(ws, r + i, c, h->rowspan, h->colspan, h->text, fmt_of(x, F_HEAD));
            unsigned n = lines_in(width_of(h->text), room(w, c, h->colspan));
            unsigned per = (n + h->rowspan - 1) / h->rowspan;
            if (per > lines[i])
                lines[i] = per;
        }
    for (size_t i = 0; i < l->nhead; i++)
        height_for(ws, r + i, lines[i]);
    r += l->nhead;
    if (l->nhead)
        worksheet_repeat_rows(ws, (lxw_row_t)head0, (lxw_row_t)(r - 1));
    worksheet_freeze_panes(ws, (lxw_row_t)r, (lxw_col_t)l->nstub);

    /* Body. */
    lay_cell cell;
    for (size_t i = 0; i < l->nbody; i++, r++) {
        unsigned n = 1;
        for (size_t c = 0; c < l->ncols; c++) {
            layout_body_cell(l, i, c, &cell);
            put_body(x, ws, r, c, &cell);
            if (cell.kind == LAY_TEXT && !cell.label && !cell.code) {
                unsigned k = lines_in(width_of(cell.text), w[c]);
                if (k > n)
                    n = k;
            }
        }
        height_for(ws, r, n);
    }

    /* Performance indicators. */
    if (l->nind) {
        r++;
        static const char *const heads[] = { "一级指标", "二级指标", "三级指标", "目标值" };
        for (size_t c = 0; c < 4; c++)
            put(ws, r, c, 1, 1, heads[c], fmt_of(x, F_HEAD));
        r++;
        for (size_t i = 0; i < l->nind; i++) {
            const lay_indicator *in = &l->ind[i];
            if (in->span1)
                put(ws, r + i, 0, in->span1, 1, in->level1, fmt_of(x, F_TEXT));
            if (in->span2)
                put(ws, r + i, 1, in->span2, 1, in->level2, fmt_of(x, F_TEXT));
            put(ws, r + i, 2, 1, 1, in->name, fmt_of(x, F_TEXT));
            put(ws, r + i, 3, 1, 1, in->target, fmt_of(x, F_TEXT));
        }
        r += l->nind;
    }

    /* Notes. */
    for (size_t i = 0; i < l->nnotes; i++, r++) {
        put(ws, r, 0, 1, (unsigned)width, l->notes[i], fmt_of(x, F_NOTE));
        height_for(ws, r, lines_in(width_of(l->notes[i]), room(w, 0, l->ncols)));
    }

    for (size_t c = 0; c < l->ncols; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c], NULL);
    worksheet_set_paper(ws, 9);                      /* A4 */
    if (room(w, 0, l->ncols) > 100)
        worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);                /* as wide as a page, as long as it takes */
}

/* ---- the consistency report ---------------------------------------------- */

/* Whether the document lists identity id in its report; see emit.h. */
bool emit_document_lists(const m_model *m, const m_identity *id)
{
    return m->nids <= EMIT_DOCUMENT_REPORT_ROWS || id->status != ST_EXACT;
}

static void report_sheet(xlsx *x, lxw_worksheet *ws)
{
    static const char *const heads[] = { "id", "kind", "table", "line", "expression", "in_column", "unit",
                                         "lhs", "rhs", "difference", "tolerance", "status" };
    static const unsigned widths[] = { 6, 14, 8, 6, 60, 30, 6, 12, 12, 12, 10, 16 };
    const size_t ncol = sizeof heads / sizeof *heads;
    for (size_t c = 0; c < ncol; c++) {
        worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c], fmt_of(x, F_REPORT_HEAD));
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
    const m_model *m = x->m;
    lxw_format *plain = fmt_of(x, F_BLANK), *text = fmt_of(x, F_TEXT);
    lxw_row_t r = 1;
    size_t left = 0;
    for (size_t i = 0; i < m->nids; i++) {
        const m_identity *id = &m->ids[i];
        if (!emit_document_lists(m, id) || r > XLSX_REPORT_ROWS) {
            left++;
            continue;
        }
        unsigned line = 0, col = 0;
        if (id->at.file)
            src_linecol(id->at.file, id->at.begin, &line, &col);
        worksheet_write_number(ws, r, 0, (double)id->id, plain);
        worksheet_write_string(ws, r, 1, ck_kind_name(id->kind), plain);
        put(ws, r, 2, 1, 1, id->table ? id->table->id : NULL, plain);
        worksheet_write_number(ws, r, 3, line, plain);
        worksheet_write_string(ws, r, 4, id->expression ? id->expression : "", text);
        put(ws, r, 5, 1, 1, id->column, text);
        put(ws, r, 6, 1, 1, id->unit_name, plain);
        const dec amounts[] = { id->lhs, id->rhs, id->diff, id->tolerance };
        for (size_t k = 0; k < 4; k++) {
            lay_cell c;
            memset(&c, 0, sizeof c);
            size_t len = dec_format_exact(amounts[k], id->pow10, 0, c.num);
            c.num[len] = '\0';
            const char *dot = strchr(c.num, '.');
            c.places = dot ? (int)strlen(dot + 1) : 0;
            c.plain = c.text = c.num;
            put_amount(x, ws, r, 7 + k, &c);
        }
        fkind sk = id->status == ST_BROKEN ? F_STATUS_BROKEN : id->status == ST_WITHIN ? F_STATUS_WITHIN
                 : id->status == ST_KNOWN ? F_STATUS_KNOWN : F_BLANK;
        worksheet_write_string(ws, r, 11, ck_status_name(id->status), fmt_of(x, sk));
        r++;
    }
    left += m->nunrecorded;
    if (left)
        worksheet_write_string(ws, r, 0,
                               arena_printf(x->a, m->record_exact
                                                      ? "%zu more identities are not listed: report.json has them all"
                                                      : "%zu more identities (exact) are not listed: report.json counts them "
                                                        "per table, and with --report=full lists them all",
                                            left),
                               fmt_of(x, F_PLAIN));
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, r - 1, (lxw_col_t)(ncol - 1));
    worksheet_set_paper(ws, 9);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
}

/* The cells the workbook of m would hold, counted from above. */
static size_t workbook_cells(const m_model *m)
{
    size_t cells = 0;
    for (size_t i = 0; i < m->ntables; i++) {
        const m_table *t = m->tables[i];
        if (t->narrative)
            continue;
        size_t cols = 2;
        for (size_t c = 0; c < t->ncols; c++)
            cols += t->cols[c]->printed && !t->cols[c]->indicator;
        size_t head = cols * 8 < LAYOUT_MAX_HEAD_CELLS ? cols * 8 : LAYOUT_MAX_HEAD_CELLS;
        cells += (t->nprinted + t->nindicators + t->nnotes + 4) * (cols > 4 ? cols : 4) + head;
    }
    size_t rows = 0;
    for (size_t i = 0; i < m->nids; i++)
        rows += emit_document_lists(m, &m->ids[i]);
    return cells + (rows < XLSX_REPORT_ROWS ? rows : XLSX_REPORT_ROWS) * 12;
}

bool emit_document_fits(const m_model *m, char *why, size_t cap)
{
    size_t cells = workbook_cells(m);
    if (cells <= EMIT_DOCUMENT_MAX_CELLS)
        return true;
    snprintf(why, cap, _("the budget needs about %zu cells, more than the %u the document is made with"), cells,
             EMIT_DOCUMENT_MAX_CELLS);
    return false;
}

/* ---- the workbook --------------------------------------------------------- */

int emit_xlsx(const char *path, const m_model *m, char *err, size_t errcap)
{
    xlsx x;
    memset(&x, 0, sizeof x);
    x.a = arena_new();
    x.m = m;
    lxw_workbook_options opt = { 0, NULL, 0 };
    x.wb = workbook_new_opt(path, &opt);
    if (!x.wb) {
        snprintf(err, errcap, _("cannot create the workbook"));
        arena_free(x.a);
        return -1;
    }
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    char *title = arena_printf(x.a, "%s %d", m->budget.entity ? m->budget.entity : "", m->budget.year);
    props.title = title;
    props.author = "fisc";
    props.created = XLSX_CREATED;
    workbook_set_properties(x.wb, &props);

    const char **names = emit_xlsx_sheet_names(x.a, m);
    for (size_t i = 0; i < m->ntables; i++) {
        const m_table *t = m->tables[i];
        if (!names[i])
            continue;
        lxw_worksheet *ws = workbook_add_worksheet(x.wb, names[i]);
        if (!ws) {
            snprintf(err, errcap, _("cannot add the sheet '%s'"), names[i]);
            workbook_close(x.wb);
            arena_free(x.a);
            return -1;
        }
        arena *scratch = arena_new();
        table_sheet(&x, ws, layout_table(scratch, t));
        arena_free(scratch);
    }
    report_sheet(&x, workbook_add_worksheet(x.wb, REPORT_SHEET));
    lxw_error e = workbook_close(x.wb);
    arena_free(x.a);
    if (e != LXW_NO_ERROR) {
        snprintf(err, errcap, "%s", lxw_strerror(e));
        return -1;
    }
    return 0;
}

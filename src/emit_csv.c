/* emit_csv.c: one table as RFC 4180 CSV.
 *
 * Layout: the table's grid as layout.h lays it out for the workbook and
 * the web page -- a header row (the code columns: 编码, or 类 款 项 ..., none
 * with `codes hidden`; 项目; then one column per printed column headed by
 * its label path), one row per printed line; side by side (`beside`),
 * each side's code, 项目 and value columns in turn, row i holding line i
 * of each side, the shorter padded -- then the indicator groups' columns,
 * and one row per performance indicator with its published target in
 * its group's column.  Amounts are printed with dec_format at the table's
 * precision: money in the table's unit, counts as they are, rates in
 * percentage points without '%'.  Text cells and indicator targets print
 * as their text; absent cells are empty.
 *
 * Text fields (labels, codes, headers, text cells) are written by
 * present_csv_text: quoted only when they must be (',' '"' CR LF), quotes
 * doubled, control characters escaped, and a text that a spreadsheet
 * would run as a formula (=HYPERLINK(...), +, -, @) prefixed with '.
 * Amounts are written here, digits and sign only, and never altered.
 * Output goes through stdio's buffer; write errors are collected with
 * ferror at the end, so the caller learns of them once. */
#include <stdio.h>
#include <string.h>
#include "emit.h"
#include "layout.h"
#include "present.h"

static void field_str(FILE *out, const char *s)
{
    if (s)
        present_csv_text(out, s, strlen(s));
}

static void end_row(FILE *out, const csv_opts *o)
{
    if (o && o->crlf)
        putc('\r', out);
    putc('\n', out);
}

/* The figure of v as its table prints it; see emit.h. */
size_t emit_amount(const m_table *t, const m_value *v, int places, char *buf)
{
    if (!v->present || v->blank || v->kind == KIND_TEXT || v->kind == KIND_NONE)
        return 0;   /* nothing printed: absent, blank or text */
    /* money in the table's unit, which the resolver sets to the budget's
     * when the table has none: never the unit the cell was written in */
    return dec_format(v->v, present_pow10(NULL, t, v->kind), places, buf);
}

/* The cell as printed: text as written, amounts at the table's precision. */
static void emit_cell(FILE *out, const m_table *t, const m_value *v, int places)
{
    if (!v->present)
        return;
    if (m_value_text(v)) {
        field_str(out, m_value_text(v));
        return;
    }
    char buf[DEC_FMT_MAX];
    size_t n = emit_amount(t, v, places, buf);
    fwrite(buf, 1, n, out);   /* digits, '-' and '.': never quoted */
}

/* The header of the CSV of t as laid out in l: the grid's columns (code
 * columns by their heads, 项目, value columns by their label paths), then
 * the indicator groups; each as present_csv_text would take it. */
size_t emit_csv_header(const lay_table *l, const char **out)
{
    const m_table *t = l->t;
    size_t n = 0;
    for (size_t c = 0; c < l->ncols; c++)
        out[n++] = l->cols[c].kind == LAYC_LABEL ? "项目" : l->cols[c].header;
    for (size_t c = 0; c < t->ncols; c++)
        if (t->cols[c]->printed && t->cols[c]->indicator)
            out[n++] = t->cols[c]->header ? t->cols[c]->header : t->cols[c]->label;
    return n;
}

/* Columns of the CSV of t as laid out in l (emit_csv_header's count). */
size_t emit_csv_width(const lay_table *l)
{
    size_t n = l->ncols;
    for (size_t c = 0; c < l->t->ncols; c++)
        n += l->t->cols[c]->printed && l->t->cols[c]->indicator;
    return n;
}

/* One table as RFC 4180 CSV.  Returns 0, or -1 on a write error. */
int emit_csv(FILE *out, const m_table *t, const csv_opts *o)
{
    if (o && o->bom)
        fputs(EMIT_CSV_BOM, out);
    arena *a = arena_new();
    const lay_table *l = layout_table(a, t);

    /* Header. */
    size_t width = emit_csv_width(l);
    const char **head = arena_alloc(a, (width ? width : 1) * sizeof *head);
    emit_csv_header(l, head);
    for (size_t c = 0; c < width; c++) {
        if (c)
            putc(',', out);
        field_str(out, head[c]);
    }
    end_row(out, o);

    /* Lines, on the grid: side by side, a row holds a line of each side. */
    char part[64];
    for (size_t r = 0; r < l->nbody; r++) {
        for (size_t c = 0; c < l->ncols; c++) {
            const lay_col *col = &l->cols[c];
            const m_row *row = l->place[r * l->ngroups + col->group];
            if (c)
                putc(',', out);
            if (!row)
                continue;
            switch (col->kind) {
            case LAYC_CODE:
                if (row->code && layout_code_part(row->code, col->part, t->ncode_cols, part, sizeof part))
                    field_str(out, part);
                break;
            case LAYC_LABEL:
                field_str(out, row->label);
                break;
            case LAYC_VALUE:
            case LAYC_TEXT:
                if (row->cells)
                    emit_cell(out, t, &row->cells[col->mcol], m_col_places(t, col->mcol));
                break;
            case LAYC_CHANGE:
                break;
            }
        }
        for (size_t c = l->ncols; c < width; c++)
            putc(',', out);         /* the indicator groups hold no line's figure */
        end_row(out, o);
    }

    /* Performance indicators: the name under 项目, the target under its
     * group's column. */
    for (size_t i = 0; i < t->nindicators; i++) {
        const m_indicator *ind = &t->indicators[i];
        size_t c = 0;
        for (; c < l->ncols; c++) {
            if (c)
                putc(',', out);
            if (l->cols[c].kind == LAYC_LABEL && l->cols[c].group == 0)
                field_str(out, ind->name);
        }
        for (size_t k = 0; k < t->ncols; k++) {
            if (!t->cols[k]->printed || !t->cols[k]->indicator)
                continue;
            if (c++)
                putc(',', out);
            if (k == ind->col)
                field_str(out, ind->published);
        }
        end_row(out, o);
    }
    arena_free(a);
    return ferror(out) ? -1 : 0;
}

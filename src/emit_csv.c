/* emit_csv.c: one table as RFC 4180 CSV.
 *
 * Layout: a header row (编码 when the table prints codes, 项目, then one
 * column per printed column headed by its label path), one row per printed
 * row, then one row per performance indicator with its published target in
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
static void emit_cell(FILE *out, const m_table *t, const m_value *v)
{
    if (!v->present)
        return;
    if (m_value_text(v)) {
        field_str(out, m_value_text(v));
        return;
    }
    char buf[DEC_FMT_MAX];
    size_t n = emit_amount(t, v, t->precision, buf);
    fwrite(buf, 1, n, out);   /* digits, '-' and '.': never quoted */
}

/* One table as RFC 4180 CSV.  Returns 0, or -1 on a write error. */
int emit_csv(FILE *out, const m_table *t, const csv_opts *o)
{
    if (o && o->bom)
        fputs(EMIT_CSV_BOM, out);

    /* Header. */
    if (t->has_codes) {
        field_str(out, "编码");
        putc(',', out);
    }
    field_str(out, "项目");
    for (size_t c = 0; c < t->ncols; c++) {
        const m_col *col = t->cols[c];
        if (!col->printed)
            continue;
        putc(',', out);
        field_str(out, col->header ? col->header : col->label);
    }
    end_row(out, o);

    /* Rows. */
    for (size_t i = 0; i < t->nprinted; i++) {
        const m_row *r = t->printed[i];
        if (t->has_codes) {
            field_str(out, r->code);
            putc(',', out);
        }
        field_str(out, r->label);
        for (size_t c = 0; c < t->ncols; c++) {
            if (!t->cols[c]->printed)
                continue;
            putc(',', out);
            if (r->cells)
                emit_cell(out, t, &r->cells[c]);
        }
        end_row(out, o);
    }

    /* Performance indicators: the target under its group's column. */
    for (size_t i = 0; i < t->nindicators; i++) {
        const m_indicator *ind = &t->indicators[i];
        if (t->has_codes)
            putc(',', out);
        field_str(out, ind->name);
        for (size_t c = 0; c < t->ncols; c++) {
            if (!t->cols[c]->printed)
                continue;
            putc(',', out);
            if (c == ind->col)
                field_str(out, ind->published);
        }
        end_row(out, o);
    }
    return ferror(out) ? -1 : 0;
}

/* emit_meta.c: tables.json, what each table's CSV holds.
 *
 * A program that reads t07.csv learns here that its figures are 万元
 * rounded to 1, printed with 0 decimals, that "支出总计" is the sum of the
 * two columns after it, which column tree the flat CSV headers come from,
 * and where the table is in the workbook.  The format is documented in
 * docs/publish.md; keys appear in a fixed order and nothing depends on
 * the machine, so the file is byte-identical for the same budget.
 *
 * Built with jansson (the JSON library the language server uses too):
 * escaping and layout are the library's, the structure is ours. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "emit.h"
#include "layout.h"
#include "present.h"
#include "source.h"

/* A JSON string; bytes that are not UTF-8 (the lexer lets none through)
 * become U+FFFD rather than dropping the value. */
static json_t *jstr(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    size_t n = strlen(s), k = 0;
    char *fixed = malloc(n * 3 + 1);
    if (!fixed)
        return json_null();
    for (size_t i = 0; i < n;) {
        long cp;
        size_t len = src_utf8_decode(s + i, n - i, &cp);
        if (cp < 0 || cp == 0) {
            memcpy(fixed + k, "\xEF\xBF\xBD", 3);
            k += 3;
        } else {
            memcpy(fixed + k, s + i, len);
            k += len;
        }
        i += len;
    }
    j = json_stringn(fixed, k);
    free(fixed);
    return j ? j : json_null();
}

static void set(json_t *o, const char *key, json_t *v)
{
    json_object_set_new(o, key, v);
}

/* The unit a figure is printed in: the table's money unit, a count's own
 * unit, "%" for a rate; NULL for text and empty cells. */
static const char *unit_of(const m_table *t, const m_value *v)
{
    if (!v->present || v->blank || m_value_text(v))
        return NULL;
    const char *u = present_unit_name(NULL, t, v);   /* money: emit_amount converts to it */
    return *u ? u : NULL;
}

/* The line in CSV row r that fills column ci (side by side, the first
 * side's that does), or NULL. */
static const m_row *line_at(const lay_table *l, size_t r, size_t ci)
{
    for (size_t c = 0; c < l->ncols; c++) {
        const m_row *row = l->place[r * l->ngroups + l->cols[c].group];
        if ((l->cols[c].kind == LAYC_VALUE || l->cols[c].kind == LAYC_TEXT) && l->cols[c].mcol == ci && row)
            return row;
    }
    return NULL;
}

/* The unit of every figure of column ci: one unit when they agree
 * ("unit"), else null and the unit row by row of the CSV ("row_units"). */
static void column_units(json_t *o, const lay_table *l, size_t ci)
{
    const m_table *t = l->t;
    const char *one = NULL;
    bool mixed = false;
    for (size_t i = 0; i < l->nbody && !mixed; i++) {
        const m_row *r = line_at(l, i, ci);
        const char *u = r && r->cells ? unit_of(t, &r->cells[ci]) : NULL;
        if (u && one && strcmp(u, one) != 0)
            mixed = true;
        else if (u)
            one = u;
    }
    if (!mixed) {
        set(o, "unit", jstr(one));
        return;
    }
    set(o, "unit", json_null());
    json_t *rows = json_array();
    for (size_t i = 0; i < l->nbody; i++) {
        const m_row *r = line_at(l, i, ci);
        json_array_append_new(rows, jstr(r && r->cells ? unit_of(t, &r->cells[ci]) : NULL));
    }
    set(o, "row_units", rows);
}

/* One node of the column tree and its children. */
static json_t *column_node(const lay_table *l, const m_col *c)
{
    json_t *o = json_object();
    set(o, "label", jstr(c->label));
    set(o, "csv", c->printed ? jstr(c->header ? c->header : c->label) : json_null());
    if (c->heading)
        set(o, "heading", json_true());
    if (c->subtotal)
        set(o, "subtotal", jstr(c->subtotal));
    if (c->ofwhich)
        set(o, "ofwhich", json_true());
    if (c->text)
        set(o, "text", json_true());
    if (c->indicator)
        set(o, "indicators", json_true());
    if (c->printed && !c->text && !c->indicator)
        column_units(o, l, c->index);
    if (c->nkids) {
        json_t *kids = json_array();
        for (size_t k = 0; k < c->nkids; k++)
            json_array_append_new(kids, column_node(l, c->kids[k]));
        set(o, "children", kids);
    }
    return o;
}

static json_t *table_json(const m_model *m, const m_table *t, const char *sheet, arena *a)
{
    json_t *o = json_object();
    set(o, "id", jstr(t->id));
    set(o, "csv", jstr(arena_printf(a, "%s.csv", t->id)));
    set(o, "xlsx_sheet", jstr(sheet));
    set(o, "number", t->number > 0 ? json_integer(t->number) : json_null());
    set(o, "title", jstr(t->title));
    set(o, "department", jstr(t->department));
    const unit_info *u = t->unit;
    set(o, "unit", jstr(u ? u->name : "元"));
    char buf[DEC_FMT_MAX];
    size_t n = dec_format_exact(m->budget.rounding, u ? u->pow10 : 0, 0, buf);
    set(o, "rounding", json_stringn(buf, n));
    set(o, "decimals", json_integer(t->precision));
    json_t *notes = json_array();
    for (size_t i = 0; i < t->nnotes; i++)
        json_array_append_new(notes, jstr(t->notes[i]));
    set(o, "notes", notes);

    /* the CSV as emit_csv writes it: laid out as published (in a scratch
     * arena: a budget may have thousands of tables) */
    arena *scratch = arena_new();
    const lay_table *l = layout_table(scratch, t);
    size_t width = emit_csv_width(l);
    const char **heads = arena_alloc(scratch, (width ? width : 1) * sizeof *heads);
    emit_csv_header(l, heads);
    json_t *header = json_array();
    for (size_t c = 0; c < width; c++)
        json_array_append_new(header, jstr(heads[c]));
    set(o, "csv_header", header);
    set(o, "csv_rows", json_integer((json_int_t)(l->nbody + t->nindicators)));
    json_t *codes = json_array();
    for (size_t k = 0; k < t->ncode_cols; k++)
        json_array_append_new(codes, jstr(t->code_heads[k]));
    set(o, "code_columns", codes);
    set(o, "side_by_side", json_boolean(t->nsides > 1));

    json_t *cols = json_array();
    for (size_t c = 0; c < t->ncols; c++)
        if (!t->cols[c]->parent)
            json_array_append_new(cols, column_node(l, t->cols[c]));
    set(o, "columns", cols);

    json_t *blocks = json_array();
    for (size_t b = 0; b < t->nblocks; b++) {
        bool indicators = t->blocks[b].ncols > 0;     /* an indicator's own block */
        for (size_t i = 0; i < t->blocks[b].ncols; i++)
            indicators = indicators && t->cols[t->blocks[b].cols[i]]->indicator;
        if (indicators)
            continue;
        json_t *bo = json_object();
        set(bo, "classification", jstr(t->blocks[b].classification));
        if (t->blocks[b].beside)
            set(bo, "beside", json_true());
        json_t *bc = json_array();
        for (size_t i = 0; i < t->blocks[b].ncols; i++) {
            const m_col *c = t->cols[t->blocks[b].cols[i]];
            json_array_append_new(bc, jstr(c->header ? c->header : c->label));
        }
        set(bo, "columns", bc);
        json_array_append_new(blocks, bo);
    }
    set(o, "row_blocks", blocks);
    set(o, "indicators", json_integer((json_int_t)t->nindicators));
    arena_free(scratch);
    return o;
}

int emit_tables_json(FILE *out, const m_model *m, const char *xlsx)
{
    arena *a = arena_new();
    const char **sheets = xlsx ? emit_xlsx_sheet_names(a, m) : NULL;
    json_t *root = json_object();
    set(root, "format", json_string("fisc tables 1"));
    json_t *b = json_object();
    set(b, "entity", jstr(m->budget.entity));
    set(b, "year", m->budget.year ? json_integer(m->budget.year) : json_null());
    set(b, "unit", jstr(m->budget.unit ? m->budget.unit->name : NULL));
    char buf[DEC_FMT_MAX];
    size_t n = dec_format_exact(m->budget.rounding, m->budget.unit ? m->budget.unit->pow10 : 0, 0, buf);
    set(b, "rounding", json_stringn(buf, n));
    set(root, "budget", b);
    set(root, "xlsx", jstr(xlsx));
    json_t *tables = json_array();
    for (size_t i = 0; i < m->ntables; i++) {
        const m_table *t = m->tables[i];
        if (t->narrative || !t->id)
            continue;
        json_array_append_new(tables, table_json(m, t, sheets ? sheets[i] : NULL, a));
    }
    set(root, "tables", tables);
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    arena_free(a);
    putc('\n', out);
    return (rc != 0 || ferror(out)) ? -1 : 0;
}

/* lsp_feat_info.c: what the compiler knows, shown where the author looks.
 *
 * Hover: a figure shows its value (declared or derived), unit, the
 * rounding it was published with, and every identity it takes part in
 * with its status and both sides; a line shows its values in every
 * column; a check shows its identities.  Beside a line's or a figure's
 * value stand the figures of each basis it compares with (§9.2: last
 * year's, last year's budget or final figure, this year's budget with its
 * execution rate), stated or derived, read from the model as checked.
 * Inlay hints: the derived value beside every `_` and every line left
 * without values, and the parts' sum beside a total that disagrees with
 * it.  Code lens: each table's and narrative's identities by status.
 * Texts are built in a scratch arena freed after each answer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lsp_server.h"
#include "present.h"

/* Identities listed in one hover before "... and N more". */
#define HOVER_MAX_IDS 24

static const char *status_word(ck_status st)
{
    switch (st) {
    case ST_EXACT: return "✓ exact";
    case ST_WITHIN: return "≈ within rounding";
    default: return "✗ broken";
    }
}

/* A growable text in the scratch arena. */
typedef struct text {
    arena *a;
    const char *s;
} text;

static void add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *piece = arena_vprintf(t->a, fmt, ap);
    va_end(ap);
    t->s = arena_printf(t->a, "%s%s", t->s, piece);
}

static void identities(text *t, const m_identity **ids, size_t n, size_t total)
{
    if (total == 0) {
        add(t, "\n\nno identity involves it");
        return;
    }
    add(t, "\n\n**%zu identit%s**", total, total == 1 ? "y" : "ies");
    for (size_t i = 0; i < n; i++)
        add(t, "\n- %s · %s", status_word(ids[i]->status), lsp_identity_text(t->a, ids[i]));
    if (total > n)
        add(t, "\n- … and %zu more", total - n);
}

static const char *where(text *t, const m_row *row)
{
    const m_table *tb = row->table;
    return arena_printf(t->a, "%s%s%s", tb->id, tb->title ? " " : "", tb->title ? tb->title : "");
}

/* Basis b of a line, in the words of the checker's messages, with the
 * keyword that states it. */
static const char *basis_label(const m_model *m, m_basis b)
{
    if (b == M_BASIS_LAST)
        return m->budget.final ? "last year's final figure (was)" : "last year's budget (was)";
    if (b == M_BASIS_BUDGET)
        return "this year's budget (budget)";
    return m->budget.final ? "last year's budget (was budget)" : "last year's final figure (was final)";
}

/* The figure of basis b in column ci; NULL when the line has none there. */
static const char *basis_figure(text *t, const lsp_index *x, const m_row *row, size_t ci, m_basis b)
{
    const m_value *w = m_row_was_b(row, b);
    return w && w[ci].present ? lsp_value_text(t->a, x->m, row->table, &w[ci]) : NULL;
}

/* This year's budget's execution rate in column ci, in parentheses after
 * a space ("" for another basis or none). */
static const char *basis_rate(text *t, const lsp_index *x, const m_row *row, size_t ci, m_basis b)
{
    const m_value *r = m_row_rate_b(row, b);
    if (b != M_BASIS_BUDGET || !r || !r[ci].present)
        return "";
    return arena_printf(t->a, " (execution rate %s)", lsp_value_text(t->a, x->m, row->table, &r[ci]));
}

/* Under a value: each basis's figure in column ci, stated or derived. */
static void bases(text *t, const lsp_index *x, const m_row *row, size_t ci)
{
    for (int b = 0; b < M_NBASES; b++) {
        const char *s = basis_figure(t, x, row, ci, (m_basis)b);
        if (s)
            add(t, "  \n%s: %s **%s**%s", basis_label(x->m, (m_basis)b),
                m_row_was_b(row, (m_basis)b)[ci].declared ? "declared" : "derived", s,
                basis_rate(t, x, row, ci, (m_basis)b));
    }
}

static void figure(text *t, const lsp_index *x, const lsp_occ *o)
{
    const m_row *row = o->row;
    const m_model *m = x->m;
    add(t, "**%s**", model_row_path(m, row));
    if (!row->table->narrative)
        add(t, " · %s", o->col->header);
    add(t, "  \n%s", where(t, row));
    const m_value *v = lsp_cell(row, o->ci, (lsp_fig_slot)o->slot);
    static const char *const what[] = { "", "last year's value (was) ", "stated change ", "stated rate " };
    if (!x->checked && (!v || !v->declared)) {
        add(t, "\n\n%snot derived: the file has errors to fix first", what[o->slot]);
        return;
    }
    if (!v || !v->present) {
        add(t, "\n\n%sno value (nothing to derive it from)", what[o->slot]);
    } else {
        add(t, "\n\n%s%s **%s**", what[o->slot], v->declared ? "declared" : "derived",
            lsp_value_text(t->a, m, row->table, v));
        if (v->kind == KIND_MONEY && v->declared && !v->blank) {
            const unit_info *u = m_value_unit(v) ? m_value_unit(v) : present_money_unit(m, row->table);
            add(t, "  \nwritten in %s, rounded to %s %s", u->name,
                lsp_amount_text(t->a, prec_figure(row->table, o->ci, v), u->pow10), u->name);
        } else if (v->kind == KIND_MONEY && !v->declared) {
            add(t, "  \nthe exact sum of its parts");
        }
    }
    if (o->slot == FIG_VALUE)
        bases(t, x, row, o->ci);
    if (!x->checked)
        return;
    const m_identity *ids[HOVER_MAX_IDS];
    size_t total = lsp_index_cell_ids(x, row, o->ci, ids, HOVER_MAX_IDS);
    identities(t, ids, total < HOVER_MAX_IDS ? total : HOVER_MAX_IDS, total);
}

static void line_info(text *t, const lsp_index *x, const lsp_occ *o)
{
    const m_row *row = o->row;
    add(t, "**%s**%s%s  \n%s", model_row_path(x->m, row), row->code ? " · code " : "", row->code ? row->code : "",
        where(t, row));
    if (!row->table->narrative) {
        const m_block *b = &row->table->blocks[row->block];
        /* a column per basis the line has a figure of in some column */
        bool has[M_NBASES] = { false };
        for (int k = 0; k < M_NBASES; k++)
            for (size_t i = 0; i < b->ncols && !has[k]; i++)
                has[k] = basis_figure(t, x, row, b->cols[i], (m_basis)k) != NULL;
        add(t, "\n\n| column | value | |");
        for (int k = 0; k < M_NBASES; k++)
            if (has[k])
                add(t, " %s |", basis_label(x->m, (m_basis)k));
        add(t, "\n|---|---:|---|");
        for (int k = 0; k < M_NBASES; k++)
            if (has[k])
                add(t, "---:|");
        for (size_t i = 0; i < b->ncols && i < 40; i++) {
            const m_value *v = &row->cells[b->cols[i]];
            add(t, "\n| %s | %s | %s |", row->table->cols[b->cols[i]]->header,
                v->present ? lsp_value_text(t->a, x->m, row->table, v) : "—",
                v->declared ? "declared" : v->present ? "derived" : "");
            for (int k = 0; k < M_NBASES; k++) {
                const char *s = has[k] ? basis_figure(t, x, row, b->cols[i], (m_basis)k) : NULL;
                if (has[k])
                    add(t, " %s%s |", s ? s : "—", s ? basis_rate(t, x, row, b->cols[i], (m_basis)k) : "");
            }
        }
    } else {
        const m_value *v = &row->cells[0];
        add(t, "\n\n%s **%s**", v->declared ? "declared" : "derived",
            v->present ? lsp_value_text(t->a, x->m, row->table, v) : "—");
        bases(t, x, row, 0);
    }
    if (!x->checked)
        return;
    size_t counts[3] = { 0, 0, 0 }, total = 0;
    const m_identity *bad[HOVER_MAX_IDS];
    size_t nbad = 0;
    for (size_t ci = 0; ci < row->table->ncols; ci++) {
        const m_identity *ids[256];
        size_t n = lsp_index_cell_ids(x, row, ci, ids, 256);
        for (size_t i = 0; i < n && i < 256; i++) {
            bool seen = false;
            for (size_t k = 0; k < nbad && !seen; k++)
                seen = bad[k] == ids[i];
            if (seen)
                continue;
            total++;
            counts[ids[i]->status]++;
            if (ids[i]->status != ST_EXACT && nbad < HOVER_MAX_IDS)
                bad[nbad++] = ids[i];
        }
    }
    add(t, "\n\n%zu exact · %zu within rounding · %zu broken (identities of its figures)", counts[0], counts[1],
        counts[2]);
    for (size_t i = 0; i < nbad; i++)
        add(t, "\n- %s · %s", status_word(bad[i]->status), lsp_identity_text(t->a, bad[i]));
}

static void table_info(text *t, const lsp_index *x, const m_table *tb)
{
    add(t, "**%s** %s%s", tb->narrative ? "narrative" : "table", tb->id, tb->number ? "" : "");
    if (tb->number)
        add(t, " (表%d)", tb->number);
    if (tb->title)
        add(t, "  \n%s", tb->title);
    add(t, "\n\n%zu lines", tb->nrows);
    if (!tb->narrative)
        add(t, ", %zu columns; amounts in %s", tb->ncols, present_money_unit(x->m, tb)->name);
    if (x->checked) {
        size_t c[3];
        lsp_index_status_counts(x, tb, c);
        add(t, "\n\nidentities: %zu exact · %zu within rounding · %zu broken", c[0], c[1], c[2]);
    }
}

static void col_info(text *t, const lsp_occ *o)
{
    const m_col *c = o->col;
    add(t, "**%s** · column of %s", c->header, o->table ? o->table->id : "a column set");
    if (c->nkids)
        add(t, "\n\nthe sum of its %zu sub-column%s (cross-footing)", c->nkids, c->nkids == 1 ? "" : "s");
    if (c->heading)
        add(t, "\n\na heading: not printed, its children's paths start with it");
    if (c->ofwhich)
        add(t, "\n\nof which: part of %s, not a summand", c->parent ? c->parent->header : "its parent");
    if (c->text)
        add(t, "\n\na text column");
}

static void unit_info_text(text *t, const char *written)
{
    const unit_info *u = unit_lookup(written, strlen(written));
    if (!u) {
        add(t, "unknown unit '%s'", written);
        return;
    }
    add(t, "**%s** · %s", u->name, kind_name(u->kind));
    dec one;
    if (u->kind == KIND_MONEY && dec_shift(DEC_ONE, u->pow10, &one) == DEC_OK)
        add(t, "\n\n1 %s = %s 元", u->name, lsp_amount_text(t->a, one, 0));
    else if (u->kind == KIND_COUNT)
        add(t, "\n\na count: adds only to other counts in %s", u->name);
}

void lsp_hover(lsp_server *s, json_t *id, json_t *params)
{
    lsp_doc *d = lsp_doc_param(s, id, params);
    size_t off;
    if (!d || !lsp_pos_param(s, d, id, params, "position", &off))
        return;
    const lsp_index *x = d->ix;
    text t = { arena_new(), "" };
    const lsp_occ *o = x->src ? lsp_index_at(x, (uint32_t)off) : NULL;
    uint32_t cb, ce;
    if (o && o->kind == OCC_FIGURE && o->row && o->col) {
        figure(&t, x, o);
    } else if (o && o->kind == OCC_ROW && o->row) {
        line_info(&t, x, o);
        if (o->alt_at.file)
            for (size_t i = 0; i < x->nentries; i++)
                if (x->entries[i].at.file == o->alt_at.file && x->entries[i].at.begin == o->alt_at.begin)
                    add(&t, "\n\ncode %s is %s in %s", x->entries[i].code, x->entries[i].label,
                        x->entries[i].classification);
    } else if (o && o->kind == OCC_ROW) {
        add(&t, "no line '%s'%s%s", o->name ? o->name : "?", o->table ? " in " : "", o->table ? o->table->id : "");
    } else if (o && o->kind == OCC_TABLE && o->table) {
        table_info(&t, x, o->table);
    } else if (o && o->kind == OCC_COL && o->col) {
        col_info(&t, o);
    } else if (o && o->kind == OCC_ENTRY) {
        for (size_t i = 0; i < x->nentries; i++)
            if (x->entries[i].code == o->name || x->entries[i].label == o->name)
                add(&t, "%s**%s %s** · %s", *t.s ? "\n\n" : "", x->entries[i].code, x->entries[i].label,
                    x->entries[i].classification);
    } else if (o && o->kind == OCC_FILE && o->path) {
        add(&t, "%s", o->path);
    } else if (o && o->kind == OCC_UNIT) {
        unit_info_text(&t, arena_strndup(t.a, d->text.s + o->begin, o->end - o->begin));
    } else if (x->checked && lsp_index_check_at(x, (uint32_t)off, &cb, &ce)) {
        const m_identity *ids[HOVER_MAX_IDS];
        size_t total = lsp_index_check_ids(x, cb, ids, HOVER_MAX_IDS);
        add(&t, "**check**");
        identities(&t, ids, total < HOVER_MAX_IDS ? total : HOVER_MAX_IDS, total);
    }
    json_t *result = NULL;
    if (*t.s) {
        result = json_pack("{s:{s:s, s:s}}", "contents", "kind", "markdown", "value", t.s);
        if (result && o)
            json_object_set_new(result, "range", lsp_range_json(s, &d->text, o->begin, o->end));
    }
    arena_free(t.a);
    rpc_result(&s->rpc, id, result);
}

/* ---- inlay hints ---------------------------------------------------------------- */

static void hint(json_t *out, lsp_server *s, lsp_doc *d, size_t at, const char *label, const char *tooltip)
{
    json_t *h = json_pack("{s:o, s:s, s:b}", "position", lsp_pos_json(s, &d->text, at), "label", label,
                          "paddingLeft", 1);
    if (h && tooltip)
        json_object_set_new(h, "tooltip", json_string(tooltip));
    if (h)
        json_array_append_new(out, h);
}

void lsp_inlay_hints(lsp_server *s, json_t *id, json_t *params)
{
    lsp_doc *d = lsp_doc_param(s, id, params);
    size_t b, e;
    if (!d || !lsp_range_param(s, d, id, params, "range", &b, &e))
        return;
    const lsp_index *x = d->ix;
    json_t *out = json_array();
    if (!x->checked || !x->src) {
        rpc_result(&s->rpc, id, out);
        return;
    }
    arena *a = arena_new();
    for (size_t i = 0; i < x->nocc; i++) {
        const lsp_occ *o = &x->occ[i];
        if (o->begin < b || o->begin > e)
            continue;
        if (o->kind == OCC_FIGURE && o->row && o->slot == FIG_VALUE && o->end - o->begin == 1 &&
            d->text.s[o->begin] == '_') {
            const m_value *v = &o->row->cells[o->ci];
            hint(out, s, d, o->end, v->present ? arena_printf(a, "= %s", lsp_value_text(a, x->m, o->row->table, v))
                                               : "= ?", "derived from its parts");
        } else if (o->kind == OCC_ROW && o->bare && o->row) {
            hint(out, s, d, o->end, arena_printf(a, "= %s", lsp_row_values(a, x, o->row)),
                 "derived from its parts");
        }
    }
    const m_model *m = x->m;
    for (size_t i = 0; i < m->nids; i++) {
        const m_identity *id_ = &m->ids[i];
        if (id_->status == ST_EXACT || id_->at.file != x->src || id_->at.begin < b || id_->at.begin > e ||
            (id_->kind != CK_FOOTING && id_->kind != CK_CROSS_FOOTING))
            continue;
        const char *label = arena_printf(a, "≠ %s (%s)", lsp_amount_text(a, id_->rhs, id_->pow10),
                                         id_->kind == CK_FOOTING ? "parts" : "sub-columns");
        hint(out, s, d, id_->at.end, label, lsp_identity_text(a, id_));
    }
    arena_free(a);
    rpc_result(&s->rpc, id, out);
}

/* ---- code lens --------------------------------------------------------------------- */

static json_t *lens(lsp_server *s, lsp_doc *d, const lsp_index *x, const m_table *t, uint32_t at)
{
    size_t c[3];
    lsp_index_status_counts(x, t, c);
    char title[160];
    snprintf(title, sizeof title, "%zu exact · %zu within rounding · %zu broken", c[0], c[1], c[2]);
    /* the identities that are not exact, for the client to list */
    json_t *locs = json_array();
    for (size_t i = 0; i < x->m->nids; i++)
        if (x->m->ids[i].table == t && x->m->ids[i].status != ST_EXACT) {
            json_t *loc = lsp_location_json(s, x->m->ids[i].at);
            if (loc)
                json_array_append_new(locs, loc);
        }
    json_t *range = lsp_range_json(s, &d->text, at, at);
    return json_pack("{s:o, s:{s:s, s:s, s:[s, o, o]}}", "range", range, "command", "title", title, "command",
                     "fisc.showIdentities", "arguments", d->uri, lsp_pos_json(s, &d->text, at), locs);
}

void lsp_code_lens(lsp_server *s, json_t *id, json_t *params)
{
    lsp_doc *d = lsp_doc_param(s, id, params);
    if (!d)
        return;
    const lsp_index *x = d->ix;
    json_t *out = json_array();
    for (size_t i = 0; x->checked && i < x->noutline; i++) {
        const lsp_outline *o = &x->outline[i];
        if (o->kind == OUT_TABLE || o->kind == OUT_NARRATIVE) {
            const lsp_occ *occ = lsp_index_at(x, o->sel_begin);
            if (occ && occ->kind == OCC_TABLE && occ->table)
                json_array_append_new(out, lens(s, d, x, occ->table, o->begin));
        } else if (o->kind == OUT_BUDGET) {
            size_t c[3];
            lsp_index_status_counts(x, NULL, c);
            if (c[0] + c[1] + c[2])
                json_array_append_new(out, lens(s, d, x, NULL, o->begin));
        }
    }
    rpc_result(&s->rpc, id, out);
}

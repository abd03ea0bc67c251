/* lsp_feat_edit.c: completion, formatting and quick fixes.
 *
 * Completion reads the line before the cursor to see where it is: inside
 * TABLE[...] (that table's lines, or after the comma its columns), on a
 * check line (the enclosing table's lines and every table id), after
 * `rows` (classifications), `columns` (column sets), `for` (columns), at
 * the start of a line in a `rows CLASSIFICATION` block (the
 * classification's codes with their names), after a number (units), and
 * elsewhere at the start of a line the keywords.  Every item replaces the
 * word under the cursor through a textEdit, spelled as the compiler reads
 * it (quoted when it must be), so a client's idea of a "word" in Chinese
 * text does not matter.
 *
 * Formatting is `fisc fmt` (src/fmt.c) on the buffer: one edit replacing
 * the whole text, none when it is already canonical, an error when the
 * buffer does not parse.  Quick fixes are the fixes the compiler attached
 * to its diagnostics (diag.h: struct diag_fix); a new one appears here as
 * soon as a phase attaches it. */
#include <stdlib.h>
#include <string.h>
#include "fmt.h"
#include "lsp_server.h"
#include "spell.h"

/* Items sent for one completion before the list says it is incomplete. */
#define COMPLETE_MAX 2000

static const char *const units[] = {
    "元", "千元", "万元", "亿元", "%", "人", "台", "台（套）", "套", "次", "个", "单", "辆", "家", "项", "件", "户",
    "所", "份", "场", "天", "月", "年", "篇", "期", "批", "条", "张", "本", "座", "处", "名", "位", "人次",
};

typedef struct completer {
    lsp_server *s;
    lsp_doc *d;
    arena *a;
    json_t *items;
    json_t *range;          /* the word being completed */
    bool incomplete;
} completer;

/* Adds an item whose text is name spelled as a token (bare or quoted). */
static void item(completer *c, const char *name, int kind, const char *detail, const char *sort, bool quote)
{
    if (json_array_size(c->items) >= COMPLETE_MAX) {
        c->incomplete = true;
        return;
    }
    const char *why;
    const char *text = quote ? lsp_spell(c->a, name, strlen(name), false, &why) : name;
    if (!text)
        return;
    json_t *it = json_pack("{s:s, s:i, s:s, s:{s:O, s:s}}", "label", name, "kind", kind, "filterText", name,
                           "textEdit", "range", c->range, "newText", text);
    if (!it)
        return;
    if (detail)
        json_object_set_new(it, "detail", json_string(detail));
    if (sort)
        json_object_set_new(it, "sortText", json_string(sort));
    json_array_append_new(c->items, it);
}

static bool name_byte(unsigned char ch)
{
    return ch >= 0x80 || ch == '_' || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* The table or narrative whose block holds off. */
static const m_table *enclosing_table(const lsp_index *x, size_t off)
{
    for (size_t i = 0; i < x->noutline; i++) {
        const lsp_outline *o = &x->outline[i];
        if ((o->kind == OUT_TABLE || o->kind == OUT_NARRATIVE) && o->begin <= off && off <= o->end) {
            const lsp_occ *occ = lsp_index_at(x, o->sel_begin);
            return occ && occ->kind == OCC_TABLE ? occ->table : NULL;
        }
    }
    return NULL;
}

/* The rows block (its classification) whose block holds off. */
static const char *enclosing_classification(const lsp_index *x, size_t off)
{
    for (size_t i = 0; i < x->noutline; i++) {
        const lsp_outline *o = &x->outline[i];
        if (o->begin > off || off > o->end)
            continue;
        for (size_t k = 0; k < o->nkids; k++) {
            const lsp_outline *r = &o->kids[k];
            if (r->kind == OUT_ROWS && r->begin <= off && off <= r->end && strncmp(r->name, "rows ", 5) == 0)
                return r->name + 5;
        }
    }
    return NULL;
}

static void rows_of(completer *c, const m_table *t, const char *under)
{
    const m_model *m = c->d->ix->m;
    for (size_t i = 0; t && i < t->nrows; i++) {
        const m_row *row = t->rows[i];
        if (under && !(row->parent && (strcmp(row->parent->label, under) == 0 ||
                                       (row->parent->code && strcmp(row->parent->code, under) == 0))))
            continue;
        bool dup = false;
        for (size_t k = 0; k < i && !dup; k++)
            dup = t->rows[k]->label == row->label;
        const char *detail = model_row_path(m, row);
        if (!dup)
            item(c, row->label, 10, detail, arena_printf(c->a, "1%06zu", i), true);
        if (row->code)
            item(c, row->code, 20, arena_printf(c->a, "%s %s", row->code, row->label), arena_printf(c->a, "2%06zu", i),
                 false);
    }
}

static void cols_of(completer *c, const m_table *t)
{
    for (size_t i = 0; t && i < t->ncols; i++) {
        const m_col *col = t->cols[i];
        if (col->indicator)
            continue;
        item(c, col->label, 5, col->header, arena_printf(c->a, "%06zu", i), true);
        if (col->subtotal)
            item(c, arena_printf(c->a, "%s/%s", col->label, col->subtotal), 5, col->header, NULL, false);
    }
}

static void tables(completer *c)
{
    const m_model *m = c->d->ix->m;
    for (size_t i = 0; m && i < m->ntables; i++)
        item(c, m->tables[i]->id, 7, m->tables[i]->title, arena_printf(c->a, "3%04zu", i), false);
}

/* The word before p in line[0..n), as [*b, n). */
static size_t word_start(const char *line, size_t n)
{
    size_t b = n;
    while (b > 0 && name_byte((unsigned char)line[b - 1]))
        b--;
    return b;
}

/* The name ending at line[e) (spaces skipped), copied into the scratch
 * arena (not interned: a request must not grow the compilation). */
static const char *word_before(completer *c, const char *line, size_t e)
{
    while (e > 0 && line[e - 1] == ' ')
        e--;
    size_t b = word_start(line, e);
    if (b == e)
        return NULL;
    return arena_strndup(c->a, line + b, e - b);
}

void lsp_completion(lsp_server *s, json_t *id, json_t *params)
{
    lsp_doc *d = lsp_doc_param(s, id, params);
    size_t off;
    if (!d || !lsp_pos_param(s, d, id, params, "position", &off))
        return;
    const lsp_index *x = d->ix;
    unsigned line, ch;
    lsp_text_pos(&d->text, s->enc, off, &line, &ch);
    const char *ls = d->text.s + d->text.lines[line];
    size_t n = off - d->text.lines[line];
    size_t wb = word_start(ls, n);
    completer c = { s, d, arena_new(), json_array(), lsp_range_json(s, &d->text, off - (n - wb), off), false };
    size_t lead = strspn(ls, " \t");
    const char *first = ls + lead;
    /* the innermost '[' not closed before the cursor */
    size_t open = SIZE_MAX, comma = SIZE_MAX;
    for (size_t i = 0; i < wb; i++) {
        if (ls[i] == '[')
            open = i, comma = SIZE_MAX;
        else if (ls[i] == ']')
            open = SIZE_MAX;
        else if (ls[i] == ',' && open != SIZE_MAX)
            comma = i;
    }
    const m_table *here = enclosing_table(x, off);
    bool slash = wb > 0 && ls[wb - 1] == '/';
    const char *under = slash && x->m ? word_before(&c, ls, wb - 1) : NULL;
    if (!x->m) {
        /* nothing compiled: keywords only */
    } else if (open != SIZE_MAX) {
        const char *tid = word_before(&c, ls, open);
        const m_table *t = tid ? model_table(x->m, tid) : NULL;
        if (comma != SIZE_MAX)
            cols_of(&c, t);
        else
            rows_of(&c, t, under);
    } else if (strncmp(first, "check", 5) == 0 && (size_t)(first + 5 - ls) <= wb) {
        rows_of(&c, here, under);
        if (!slash)
            tables(&c);
    } else if (wb >= 5 && strncmp(ls + wb - 5, "rows ", 5) == 0 && wb - 5 == lead) {
        for (size_t i = 0; i < x->nclasses; i++)
            item(&c, x->classes[i], 13, "classification", NULL, false);
    } else if (wb >= 8 && strncmp(ls + wb - 8, "columns ", 8) == 0 && wb - 8 == lead) {
        for (size_t i = 0; i < x->ncolsets; i++)
            item(&c, x->colsets[i], 22, "column set", NULL, false);
    } else if ((wb >= 4 && strncmp(ls + wb - 4, "for ", 4) == 0) || (wb > 0 && ls[wb - 1] == ',' && strncmp(first, "rows", 4) == 0)) {
        cols_of(&c, here);
    } else if (wb > 0 && ((ls[wb - 1] >= '0' && ls[wb - 1] <= '9') ||
                          (wb > 1 && ls[wb - 1] == ' ' && ls[wb - 2] >= '0' && ls[wb - 2] <= '9'))) {
        for (size_t i = 0; i < sizeof units / sizeof *units; i++)
            item(&c, units[i], 11, "unit", arena_printf(c.a, "%02zu", i), false);
    } else if (wb == lead) {
        const char *cl = enclosing_classification(x, off);
        for (size_t i = 0; cl && i < x->nentries; i++)
            if (x->entries[i].classification && strcmp(x->entries[i].classification, cl) == 0) {
                const lsp_entry *e = &x->entries[i];
                const char *label = arena_printf(c.a, "%s %s", e->code, e->label ? e->label : "");
                if (json_array_size(c.items) >= COMPLETE_MAX) {
                    c.incomplete = true;
                    break;
                }
                json_array_append_new(
                    c.items, json_pack("{s:s, s:i, s:s, s:s, s:{s:O, s:s}}", "label", label, "kind", 20, "detail", cl,
                                       "sortText", e->code, "textEdit", "range", c.range, "newText", label));
            }
        for (size_t i = 0; spell_keywords[i]; i++)
            if (strcmp(spell_keywords[i], "_") != 0)
                item(&c, spell_keywords[i], 14, NULL, arena_printf(c.a, "9%02zu", i), false);
    }
    json_t *result = json_pack("{s:b, s:o}", "isIncomplete", c.incomplete, "items", c.items);
    json_decref(c.range);
    arena_free(c.a);
    rpc_result(&s->rpc, id, result);
}

/* ---- formatting ---------------------------------------------------------------- */

void lsp_formatting(lsp_server *s, json_t *id, json_t *params)
{
    lsp_doc *d = lsp_doc_param(s, id, params);
    if (!d)
        return;
    arena *a = arena_new();
    strtab *names = strtab_new(a);
    diag_list *dl = diag_new(a);
    ast_file *f = parse_file(a, names, dl, src_from_memory(a, d->path, d->text.s, d->text.n));
    if (diag_count(dl, DIAG_ERROR) > 0) {
        rpc_error(&s->rpc, id, RPC_REQUEST_FAILED, "not formatted: the file has syntax errors (%zu)",
                  diag_count(dl, DIAG_ERROR));
        arena_free(a);
        return;
    }
    size_t n;
    char *out = fmt_render(f, NULL, &n);
    json_t *edits = json_array();
    if (n != d->text.n || memcmp(out, d->text.s, n) != 0) {
        json_t *text = json_stringn(out, n);
        if (text)
            json_array_append_new(edits, json_pack("{s:o, s:o}", "range", lsp_range_json(s, &d->text, 0, d->text.n),
                                                   "newText", text));
    }
    free(out);
    arena_free(a);
    rpc_result(&s->rpc, id, edits);
}

/* ---- quick fixes -------------------------------------------------------------------- */

void lsp_code_action(lsp_server *s, json_t *id, json_t *params)
{
    lsp_doc *d = lsp_doc_param(s, id, params);
    size_t b, e;
    if (!d || !lsp_range_param(s, d, id, params, "range", &b, &e))
        return;
    json_t *out = json_array();
    for (size_t i = 0; d->c.diags && i < diag_size(d->c.diags); i++) {
        const diag *g = diag_at(d->c.diags, i);
        if (!g->fixes || !g->at.file || !lsp_same_path(g->at.file->path, d->path) || g->at.begin > e ||
            g->at.end < b)
            continue;
        bool first = true;
        for (const struct diag_fix *f = g->fixes; f; f = f->next) {
            if (f->at.end > d->text.n)
                continue;
            json_t *diagj = json_pack("{s:o, s:i, s:s, s:s}", "range", lsp_range_json(s, &d->text, g->at.begin, g->at.end),
                                      "severity", g->sev == DIAG_ERROR ? 1 : 2, "source", "fisc", "message", g->msg);
            json_t *action = json_pack("{s:s, s:s, s:[o], s:b, s:{s:{s:[{s:o, s:s}]}}}", "title", f->title, "kind",
                                       "quickfix", "diagnostics", diagj, "isPreferred", first && !f->acknowledge, "edit", "changes", d->uri,
                                       "range", lsp_range_json(s, &d->text, f->at.begin, f->at.end), "newText",
                                       f->text);
            if (action)
                json_array_append_new(out, action);
            first = false;
        }
    }
    rpc_result(&s->rpc, id, out);
}

/* lsp_feat_nav.c: go to definition, find references, rename.
 *
 * A reference names its definition by the definition's span (file and
 * offset: lsp_index.h), so one rule serves all three: the occurrences
 * whose definition span is the same, in every open document.  That is
 * what makes a rename reach every check in every file: renaming a column
 * of a column set in lib/ renames it in the set and in every check of
 * every open budget that uses it.  A line's code also names an entry of
 * its rows' classification: definition jumps there, and the entry's
 * references include the lines that use its code.
 *
 * Renaming writes the new name as the compiler will read it: bare when
 * the lexer reads it as one name, quoted (with escapes) otherwise; a
 * table id must be a bare name.  Codes are not renamed: a code is a
 * classification's, not the budget's. */
#include <stdlib.h>
#include <string.h>
#include "lex.h"
#include "lsp_server.h"
#include "parser.h"

/* The occurrence under params.position; false after sending a response
 * (an error, or null when the position is on no name). */
static bool occ_param(lsp_server *s, json_t *id, json_t *params, lsp_doc **dp, const lsp_occ **op)
{
    lsp_doc *d = lsp_doc_param(s, id, params);
    size_t off;
    if (!d || !lsp_pos_param(s, d, id, params, "position", &off))
        return false;
    const lsp_occ *o = d->ix->src ? lsp_index_at(d->ix, (uint32_t)off) : NULL;
    if (!o) {
        rpc_result(&s->rpc, id, NULL);
        return false;
    }
    *dp = d;
    *op = o;
    return true;
}

void lsp_definition(lsp_server *s, json_t *id, json_t *params)
{
    lsp_doc *d;
    const lsp_occ *o;
    if (!occ_param(s, id, params, &d, &o))
        return;
    json_t *loc = NULL;
    if (o->kind == OCC_FILE && o->path) {
        char *uri = lsp_uri_for(s, o->path);
        loc = json_pack("{s:s, s:{s:{s:i, s:i}, s:{s:i, s:i}}}", "uri", uri, "range", "start", "line", 0,
                        "character", 0, "end", "line", 0, "character", 0);
        free(uri);
    } else if (o->alt_at.file) {
        loc = lsp_location_json(s, o->alt_at);     /* a code: its classification entry */
    } else if (o->def_at.file) {
        loc = lsp_location_json(s, o->def_at);
    }
    rpc_result(&s->rpc, id, loc);
}

/* What references are of: a definition's span. */
typedef struct target {
    const char *path;
    uint32_t begin;
} target;

static bool is(const target *t, span at)
{
    return at.file && at.begin == t->begin && lsp_same_path(at.file->path, t->path);
}

static bool target_of(const lsp_occ *o, target *t)
{
    if (!o->def_at.file || o->kind == OCC_FILE || o->kind == OCC_FIGURE)
        return false;
    t->path = o->def_at.file->path;
    t->begin = o->def_at.begin;
    return true;
}

void lsp_references(lsp_server *s, json_t *id, json_t *params)
{
    lsp_doc *d;
    const lsp_occ *o;
    if (!occ_param(s, id, params, &d, &o))
        return;
    target t = { NULL, 0 };
    if (!target_of(o, &t)) {
        rpc_result(&s->rpc, id, json_array());
        return;
    }
    bool decl = json_is_true(json_object_get(json_object_get(params, "context"), "includeDeclaration"));
    char *path = strdup(t.path);    /* d's compilation may be replaced below */
    t.path = path;
    json_t *out = json_array();
    for (size_t k = 0; k < s->ndocs; k++) {
        lsp_doc *dk = s->docs[k];
        lsp_doc_fresh(s, dk);
        const lsp_index *x = dk->ix;
        for (size_t i = 0; i < x->nocc; i++) {
            const lsp_occ *r = &x->occ[i];
            bool hit = (is(&t, r->def_at) && (!r->def || (decl && is(&t, (span){ x->src, r->begin, r->end })))) ||
                       is(&t, r->alt_at);
            if (hit)
                json_array_append_new(out, json_pack("{s:s, s:o}", "uri", dk->uri, "range",
                                                     lsp_range_json(s, &dk->text, r->begin, r->end)));
        }
    }
    free(path);
    rpc_result(&s->rpc, id, out);
}

/* ---- rename ---------------------------------------------------------------------- */

static bool renamable(const lsp_occ *o)
{
    return o->def_at.file && !o->code &&
           (o->kind == OCC_TABLE || o->kind == OCC_ROW || o->kind == OCC_COL || o->kind == OCC_CLASS ||
            o->kind == OCC_COLSET);
}

void lsp_prepare_rename(lsp_server *s, json_t *id, json_t *params)
{
    lsp_doc *d;
    const lsp_occ *o;
    if (!occ_param(s, id, params, &d, &o))
        return;
    if (!renamable(o)) {
        rpc_error(&s->rpc, id, RPC_REQUEST_FAILED, "%s",
                  o->code ? "a code is its classification's: rename the line's label instead"
                          : "only tables, lines, columns, classifications and column sets are renamed");
        return;
    }
    json_t *r = json_pack("{s:o, s:s}", "range", lsp_range_json(s, &d->text, o->begin, o->end), "placeholder",
                          o->name ? o->name : "");
    rpc_result(&s->rpc, id, r);
}

/* See lsp_server.h. */
const char *lsp_spell(arena *a, const char *name, size_t n, bool id_only, const char **why)
{
    if (n == 0 || memchr(name, '\0', n)) {
        *why = "the new name is empty or holds a NUL";
        return NULL;
    }
    diag_list *dl = diag_new(a);
    lex_state lx;
    lex_init(&lx, a, dl, src_from_memory(a, "rename", name, n));
    lex_token tok, next;
    lex_loc loc, nloc;
    int kind = lex_scan(&lx, &tok, &loc);
    int after = lex_scan(&lx, &next, &nloc);
    if (kind == TOK_NAME && tok.n == n && after == TOK_NEWLINE && diag_size(dl) == 0)
        return arena_strndup(a, name, n);
    if (id_only) {
        *why = "a table or classification name is letters, digits and _ (not starting with a digit), no spaces";
        return NULL;
    }
    char *q = arena_alloc(a, 2 * n + 3), *p = q;
    *p++ = '"';
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (c == '"' || c == '\\')
            *p++ = '\\', *p++ = c;
        else if (c == '\n')
            *p++ = '\\', *p++ = 'n';
        else if (c == '\t')
            *p++ = '\\', *p++ = 't';
        else if ((unsigned char)c < 0x20 || c == 0x7F) {
            *why = "the new name holds a control character";
            return NULL;
        } else
            *p++ = c;
    }
    *p++ = '"';
    *p = '\0';
    /* it must read back as one string (valid UTF-8, no invisible characters) */
    diag_list *dl2 = diag_new(a);
    lex_init(&lx, a, dl2, src_from_memory(a, "rename", q, (size_t)(p - q)));
    kind = lex_scan(&lx, &tok, &loc);
    if (kind != TOK_STRING || diag_size(dl2) != 0) {
        *why = diag_size(dl2) ? diag_at(dl2, 0)->msg : "the new name cannot be written as a label";
        return NULL;
    }
    return q;
}

static void add_edit(json_t *changes, const char *uri, json_t *range, const char *text)
{
    json_t *list = json_object_get(changes, uri);
    if (!list) {
        list = json_array();
        json_object_set_new(changes, uri, list);
    }
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e) if (json_equal(json_object_get(e, "range"), range))
    {
        json_decref(range);
        return;
    }
    json_array_append_new(list, json_pack("{s:o, s:s}", "range", range, "newText", text));
}

void lsp_rename(lsp_server *s, json_t *id, json_t *params)
{
    lsp_doc *d;
    const lsp_occ *o;
    json_t *nn = json_object_get(params, "newName");
    if (!json_is_string(nn)) {
        rpc_error(&s->rpc, id, RPC_INVALID_PARAMS, "params.newName must be a string");
        return;
    }
    if (!occ_param(s, id, params, &d, &o))
        return;
    if (!renamable(o)) {
        rpc_error(&s->rpc, id, RPC_REQUEST_FAILED, "this name cannot be renamed");
        return;
    }
    arena *a = arena_new();
    const char *why = NULL;
    const char *text = lsp_spell(a, json_string_value(nn), json_string_length(nn),
                             o->kind == OCC_TABLE || o->kind == OCC_CLASS || o->kind == OCC_COLSET, &why);
    if (!text) {
        rpc_error(&s->rpc, id, RPC_REQUEST_FAILED, "cannot rename to that: %s", why);
        arena_free(a);
        return;
    }
    target t = { NULL, 0 };
    target_of(o, &t);
    t.path = arena_strdup(a, t.path);
    /* the definition itself, even in a file that is not open */
    json_t *changes = json_object();
    json_t *def = lsp_location_json(s, o->def_at);
    if (def)
        add_edit(changes, json_string_value(json_object_get(def, "uri")), json_incref(json_object_get(def, "range")),
                 text);
    json_decref(def);
    for (size_t k = 0; k < s->ndocs; k++) {
        lsp_doc *dk = s->docs[k];
        lsp_doc_fresh(s, dk);
        const lsp_index *x = dk->ix;
        for (size_t i = 0; i < x->nocc; i++)
            if (is(&t, x->occ[i].def_at) && !x->occ[i].code)
                add_edit(changes, dk->uri, lsp_range_json(s, &dk->text, x->occ[i].begin, x->occ[i].end), text);
    }
    arena_free(a);
    rpc_result(&s->rpc, id, json_pack("{s:o}", "changes", changes));
}

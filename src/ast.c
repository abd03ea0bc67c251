/* ast.c: names of the syntax tree's enumerations, for messages and the
 * formatter, and the walk along a chain of + and -.  The tree itself is
 * built by the parser (grammar/parser.y).
 *
 * The parser builds a + b + c left-deep: a 20,000-term sum is a spine
 * 20,000 nodes deep, too deep to recurse on.  Everything else in an
 * expression is bounded by the parser's limits (PARSE_MAX_NESTING,
 * PARSE_MAX_SIGNS), so a walker that follows the spine with an explicit
 * stack and recurses only into right operands and ( ) stays shallow. */
#include <string.h>
#include "ast.h"

/* Canonical spelling of a relation (lang_rel_spelling, for the tree's users). */
const char *ast_rel_spelling(ast_rel r)
{
    return lang_rel_spelling(r);
}

/* The keyword that introduces an attribute. */
const char *ast_attr_name(ast_attr_kind k)
{
    switch (k) {
    case ATTR_YEAR: return "year";
    case ATTR_UNIT: return "unit";
    case ATTR_ROUNDING: return "rounding";
    case ATTR_TOLERANCE: return "tolerance";
    case ATTR_PREVIOUS: return "previous";
    case ATTR_NUMBER: return "number";
    case ATTR_DEPARTMENT: return "department";
    case ATTR_NOTE: return "note";
    case ATTR_PRECISION: return "precision";
    case ATTR_EMPTY: return "empty";
    case ATTR_CODES: return "codes";
    case ATTR_TEMPLATE: return "template";
    case ATTR_CONSOLIDATED: return "consolidated";
    case ATTR_FINAL: return "final";
    }
    return "?";
}

/* The keyword (or description) of an item kind, for "X belongs in Y". */
const char *ast_item_kind_name(ast_item_kind k)
{
    switch (k) {
    case ITEM_BUDGET: return "budget";
    case ITEM_IMPORT: return "import";
    case ITEM_ATTR: return "attribute";
    case ITEM_CLASSIFICATION: return "classification";
    case ITEM_TABLE: return "table";
    case ITEM_NARRATIVE: return "narrative";
    case ITEM_COLUMNS: return "columns";
    case ITEM_ROWS: return "rows";
    case ITEM_LINE: return "line";
    case ITEM_CHECK: return "check";
    case ITEM_INDICATORS: return "indicators";
    case ITEM_TEMPLATE: return "template";
    case ITEM_PROSE: return "text";
    }
    return "?";
}

/* Whether a blank line stands between items a and b (b after a in the
 * same file): comment lines between them do not count. */
static bool blank_line_between(const ast_item *a, const ast_item *b)
{
    const char *t = b->at.file->text;
    uint32_t p = a->at.end, end = b->at.begin;
    while (p < end && t[p] != '\n')
        p++;
    while (p < end) {
        uint32_t q = ++p;       /* the start of a line */
        while (q < end && (t[q] == ' ' || t[q] == '\t' || t[q] == '\r'))
            q++;
        if (q < end && t[q] == '\n')
            return true;
        for (p = q; p < end && t[p] != '\n'; p++)
            ;
    }
    return false;
}

/* See ast.h: the first of a run of text lines, or one after '>' alone
 * or a blank line, or where rows of a table (text that starts with '|')
 * begin or end. */
bool ast_prose_starts_paragraph(ast_item *const *kids, size_t i)
{
    const ast_item *it = kids[i];
    if (it->kind != ITEM_PROSE || !*it->title)
        return false;
    const ast_item *before = i > 0 ? kids[i - 1] : NULL;
    return !before || before->kind != ITEM_PROSE || !*before->title ||
           (before->title[0] == '|') != (it->title[0] == '|') ||   /* a table begins or ends */
           blank_line_between(before, it);
}

/* Pushes the binary nodes (+ - * /) on e's left spine onto s; returns
 * the leftmost operand. */
const ast_expr *ast_chain_push(arena *a, ast_expr_stack *s, const ast_expr *e)
{
    while (ast_expr_binary(e->kind)) {
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 64;
            s->v = arena_grow(a, (void *)s->v, s->cap * sizeof *s->v, cap * sizeof *s->v);
            s->cap = cap;
        }
        s->v[s->n++] = e;
        e = e->l;
    }
    return e;
}

/* Copies the values vs into a (rates too). */
static ast_values copy_values(arena *a, ast_values vs)
{
    ast_values out = { NULL, vs.n };
    if (!vs.n)
        return out;
    out.v = arena_alloc(a, vs.n * sizeof *out.v);
    memcpy(out.v, vs.v, vs.n * sizeof *out.v);
    for (size_t i = 0; i < vs.n; i++)
        if (vs.v[i].rate) {
            ast_value *r = arena_alloc(a, sizeof *r);
            *r = *vs.v[i].rate;
            out.v[i].rate = r;
        }
    return out;
}

static ast_path *copy_path(arena *a, const ast_path *p)
{
    ast_path *c = arena_alloc(a, sizeof *c);
    *c = *p;
    if (p->n) {
        c->seg = arena_alloc(a, p->n * sizeof *c->seg);
        c->seg_at = arena_alloc(a, p->n * sizeof *c->seg_at);
        c->seg_is_code = arena_alloc(a, p->n * sizeof *c->seg_is_code);
        memcpy((void *)c->seg, p->seg, p->n * sizeof *c->seg);
        memcpy(c->seg_at, p->seg_at, p->n * sizeof *c->seg_at);
        memcpy(c->seg_is_code, p->seg_is_code, p->n * sizeof *c->seg_is_code);
    }
    return c;
}

/* A copy of it and its block in a, for a tree that must outlive its
 * parse (a column set, when the compiler streams); see ast.h. */
ast_item *ast_copy_item(arena *a, const ast_item *it, ast_item *parent)
{
    ast_item *c = arena_alloc(a, sizeof *c);
    *c = *it;
    c->parent = parent;
    c->years = copy_values(a, it->years);
    switch (it->kind) {
    case ITEM_LINE:
        c->values = copy_values(a, it->values);
        if (it->ncmp) {
            ast_compare *v = arena_alloc(a, it->ncmp * sizeof *v);
            for (size_t i = 0; i < it->ncmp; i++) {
                v[i] = it->cmp[i];
                v[i].values = copy_values(a, it->cmp[i].values);
            }
            c->cmp = v;
        }
        if (it->derive_from)
            c->derive_from = copy_path(a, it->derive_from);
        break;
    case ITEM_ATTR:
        c->args = copy_values(a, it->args);
        break;
    case ITEM_BUDGET:
    case ITEM_IMPORT:
    case ITEM_CLASSIFICATION:
    case ITEM_TABLE:
    case ITEM_NARRATIVE:
    case ITEM_COLUMNS:
    case ITEM_INDICATORS:
    case ITEM_TEMPLATE:
    case ITEM_PROSE:
        break;          /* names and spans only */
    case ITEM_ROWS:
        c->for_cols = NULL;     /* not copied: a copy is read for its kind only */
        c->nfor = 0;
        break;
    case ITEM_CHECK:
        c->ops = NULL;
        c->rels = NULL;
        c->rel_texts = NULL;
        c->rel_ats = NULL;
        c->nops = 0;
        break;
    }
    if (it->nkids) {
        c->kids = arena_alloc(a, it->nkids * sizeof *c->kids);
        for (size_t i = 0; i < it->nkids; i++)
            c->kids[i] = ast_copy_item(a, it->kids[i], c);
    }
    return c;
}

/* A copy of reference e (EXPR_REF) in a: its names and spans. */
const ast_expr *ast_copy_ref(arena *a, const ast_expr *e)
{
    ast_expr *c = arena_alloc(a, sizeof *c);
    *c = *e;
    c->l = c->r = NULL;
    if (e->row.n)
        c->row = *copy_path(a, &e->row);
    if (e->col.n)
        c->col = *copy_path(a, &e->col);
    if (e->ncols) {
        c->cols = arena_alloc(a, e->ncols * sizeof *c->cols);
        for (size_t i = 0; i < e->ncols; i++)
            c->cols[i] = *copy_path(a, &e->cols[i]);
    }
    return c;
}

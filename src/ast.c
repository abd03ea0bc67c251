/* ast.c: names of the syntax tree's enumerations, for messages and the
 * formatter, and the walk along a chain of + and -.  The tree itself is
 * built by the parser (grammar/parser.y).
 *
 * The parser builds a + b + c left-deep: a 20,000-term sum is a spine
 * 20,000 nodes deep, too deep to recurse on.  Everything else in an
 * expression is bounded by the parser's limits (PARSE_MAX_NESTING,
 * PARSE_MAX_SIGNS), so a walker that follows the spine with an explicit
 * stack and recurses only into right operands and ( ) stays shallow. */
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
    }
    return "?";
}

/* Pushes the + and - nodes on e's left spine onto s; returns the leftmost
 * operand. */
const ast_expr *ast_chain_push(arena *a, ast_expr_stack *s, const ast_expr *e)
{
    while (e->kind == EXPR_ADD || e->kind == EXPR_SUB) {
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

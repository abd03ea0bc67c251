/* fuzz_fmt.c: the formatter's round trip.
 *
 * For every input that parses without errors: fmt(x) must parse without
 * errors to the same syntax tree (spans, blank lines and comment positions
 * aside), and fmt(fmt(x)) == fmt(x) byte for byte.
 *
 * fmt may refuse an input whose layout cannot meet the lexer's line-length
 * limit (fmt_format returns 1 with the reason, as `fisc fmt` does): that
 * is its contract, not a failure.  An internal error (2) is a failure.
 *
 * Built by `make fuzz` only when src/fmt.c exists. */
#include <stdbool.h>
#include "common.h"
#include "mutator.h"
#include "ast.h"
#include "fmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_value(const ast_value *a, const ast_value *b)
{
    if (!a || !b)
        return a == b;
    return a->kind == b->kind && a->len == b->len && memcmp(a->text, b->text, a->len) == 0 &&
           a->neg == b->neg && a->plus == b->plus && same_str(a->unit, b->unit) &&
           same_value(a->rate, b->rate);
}

static bool same_values(const ast_values *a, const ast_values *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (!same_value(&a->v[i], &b->v[i]))
            return false;
    return true;
}

static bool same_path(const ast_path *a, const ast_path *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (!same_str(a->seg[i], b->seg[i]) || a->seg_is_code[i] != b->seg_is_code[i])
            return false;
    return true;
}

static bool same_expr(const ast_expr *a, const ast_expr *b)
{
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case EXPR_REF:
        return same_str(a->table, b->table) && same_path(&a->row, &b->row) && same_path(&a->col, &b->col);
    case EXPR_NUM:
        return same_value(&a->num, &b->num);
    default:
        return same_expr(a->l, b->l) && same_expr(a->r, b->r);
    }
}

static bool same_item(const ast_item *a, const ast_item *b)
{
    if (a->kind != b->kind || a->nkids != b->nkids || a->has_block != b->has_block)
        return false;
    /* each kind compared on its own fields: they share storage */
    switch (a->kind) {
    case ITEM_BUDGET:
    case ITEM_IMPORT:
    case ITEM_CLASSIFICATION:
    case ITEM_TABLE:
    case ITEM_NARRATIVE:
        if (!same_str(a->id, b->id) || !same_str(a->title, b->title))
            return false;
        break;
    case ITEM_COLUMNS:
        if (!same_str(a->id, b->id))
            return false;
        break;
    case ITEM_ATTR:
        if (a->attr != b->attr || !same_values(&a->args, &b->args))
            return false;
        break;
    case ITEM_ROWS:
        if (!same_str(a->classification, b->classification) || a->nfor != b->nfor)
            return false;
        for (size_t i = 0; i < a->nfor; i++)
            if (!same_path(&a->for_cols[i], &b->for_cols[i]))
                return false;
        break;
    case ITEM_LINE:
        if (a->total != b->total || !same_str(a->code, b->code) || !same_str(a->label, b->label) ||
            a->rel != b->rel || !same_values(&a->values, &b->values) ||
            !same_values(&a->was, &b->was) || !same_values(&a->change, &b->change) ||
            a->heading != b->heading || a->ofwhich != b->ofwhich || a->text_col != b->text_col ||
            !same_str(a->subtotal, b->subtotal) || a->derive != b->derive ||
            (a->derive && !same_path(a->derive_from, b->derive_from)))
            return false;
        break;
    case ITEM_CHECK:
        if (a->nops != b->nops || a->tol != b->tol || !same_str(a->check_label, b->check_label))
            return false;
        for (size_t i = 0; i < a->nops; i++)
            if (!same_expr(a->ops[i], b->ops[i]) || (i + 1 < a->nops && a->rels[i] != b->rels[i]))
                return false;
        if (a->tol == TOL_WITHIN && !same_value(&a->within, &b->within))
            return false;
        break;
    default:
        break;
    }
    for (size_t i = 0; i < a->nkids; i++)
        if (!same_item(a->kids[i], b->kids[i]))
            return false;
    return true;
}

static bool same_file(const ast_file *a, const ast_file *b)
{
    if (a->nitems != b->nitems || a->ncomments != b->ncomments)
        return false;
    for (size_t i = 0; i < a->nitems; i++)
        if (!same_item(a->items[i], b->items[i]))
            return false;
    return true;
}

/* Formats f into a malloc'd buffer, or NULL when fmt refuses it for a
 * line past the limit. */
static char *format(arena *a, const ast_file *f, size_t *len)
{
    diag_list *d = diag_new(a);
    char *buf = NULL;
    int rc = fmt_format(f, NULL, d, false, &buf, len);
    if (rc == 1)
        return NULL;
    if (rc != 0) {
        fprintf(stderr, "fmt failed with status %d\n", rc);
        abort();
    }
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    arena *a = arena_new();
    strtab *names = strtab_new(a);
    diag_list *d = diag_new(a);
    const src_file *s0 = src_from_memory(a, "in.fisc", (const char *)data, n);
    ast_file *f0 = parse_file(a, names, d, s0);
    if (diag_count(d, DIAG_ERROR) > 0) {
        arena_free(a);
        return 0;
    }
    size_t n1, n2;
    char *t1 = format(a, f0, &n1);
    if (!t1) {
        arena_free(a);
        return 0;
    }
    const src_file *s1 = src_from_memory(a, "fmt1.fisc", t1, n1);
    ast_file *f1 = parse_file(a, names, d, s1);
    if (diag_count(d, DIAG_ERROR) > 0) {
        fprintf(stderr, "fmt output does not parse:\n%.*s\n", (int)n1, t1);
        abort();
    }
    if (!same_file(f0, f1)) {
        fprintf(stderr, "fmt output parses to a different tree:\n%.*s\n", (int)n1, t1);
        abort();
    }
    char *t2 = format(a, f1, &n2);
    if (!t2) {
        fprintf(stderr, "fmt refuses its own output:\n%.*s\n", (int)n1, t1);
        abort();
    }
    if (n1 != n2 || memcmp(t1, t2, n1) != 0) {
        fprintf(stderr, "fmt is not idempotent:\n--- fmt(x)\n%.*s\n--- fmt(fmt(x))\n%.*s\n",
                (int)n1, t1, (int)n2, t2);
        abort();
    }
    free(t1);
    free(t2);
    arena_free(a);
    return 0;
}

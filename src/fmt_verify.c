/* fmt_verify.c: the formatter's output, parsed back, against its input.
 *
 * `fisc fmt` promises that its output means what its input meant, and
 * `fisc next-year` that its output is its input rolled one year on.  A
 * printer bug, or a limit the layout runs into (a line past the lexer's
 * line-length limit), would otherwise write a file that no longer parses
 * or parses to something else -- and with -w, over the user's file.  So
 * fmt_format prints, parses the text it printed, and compares the two
 * trees item by item: everything but layout (spans, blank lines, how a
 * label was quoted, where a comment stood) must be equal, and the
 * comments must come back with the same text in the same order.  For
 * next-year the expected tree is the input's with the transform applied
 * (nextyear.c): the year advanced, figures turned into `was` values.
 * fmt_format (fmt.c) runs it on every output before it is written, as
 * fmt_same_text: the printed text is parsed one top-level item at a time
 * (parse_stream), each compared and dropped, so fmt holds one whole tree,
 * the input's, not two.
 *
 * Expression chains (a + b - c ...) are left-deep trees as long as the
 * chain; they are compared along their left spine in a loop, recursing
 * only into right operands, whose nesting the parser bounds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fmt.h"

typedef struct cmp {
    const fmt_options *o;
    const ast_file *want, *got;
    const ast_item *item;   /* the item of want being compared */
    const char *why;        /* the first difference found */
} cmp;

static bool differ(cmp *c, const char *why)
{
    if (!c->why)
        c->why = why;
    return false;
}

static bool same_str(const char *x, const char *y)
{
    return x == y || (x && y && strcmp(x, y) == 0);
}

/* A number as --normalize-numbers would group it: its digits without
 * separators in the integer part. */
static bool same_digits(const char *x, size_t nx, const char *y, size_t ny)
{
    size_t i = 0, k = 0;
    for (;;) {
        while (i < nx && x[i] == ',')
            i++;
        while (k < ny && y[k] == ',')
            k++;
        if (i == nx || k == ny)
            return i == nx && k == ny;
        if (x[i++] != y[k++])
            return false;
    }
}

/* figure: a value --normalize-numbers regroups (fmt.c's sb_value). */
static bool same_value(cmp *c, const ast_value *x, const ast_value *y, bool figure)
{
    if (x->kind != y->kind || x->neg != y->neg || x->plus != y->plus ||
        !same_str(x->unit, y->unit))
        return differ(c, "a value");
    bool text = x->kind == VAL_NUMBER && figure && c->o->normalize_numbers
                    ? same_digits(x->text, x->len, y->text, y->len)
                    : x->len == y->len && memcmp(x->text, y->text, x->len) == 0;
    if (!text)
        return differ(c, "a value");
    if ((x->rate == NULL) != (y->rate == NULL))
        return differ(c, "a rate");
    return !x->rate || same_value(c, x->rate, y->rate, figure);
}

static bool same_values(cmp *c, const ast_values *x, const ast_values *y)
{
    if (x->n != y->n)
        return differ(c, "the number of values");
    for (size_t i = 0; i < x->n; i++)
        if (!same_value(c, &x->v[i], &y->v[i], true))
            return false;
    return true;
}

/* y: x's values printed without their rates (next-year's `was budget`). */
static bool same_values_bare(cmp *c, const ast_values *x, const ast_values *y)
{
    if (x->n != y->n)
        return differ(c, "the number of values");
    for (size_t i = 0; i < x->n; i++) {
        ast_value v = x->v[i];
        v.rate = NULL;
        if (!same_value(c, &v, &y->v[i], true))
            return false;
    }
    return true;
}

/* A line's was / change / budget lists, in the same (canonical) order. */
static bool same_compares(cmp *c, const ast_item *x, const ast_item *y)
{
    if (x->ncmp != y->ncmp)
        return differ(c, "a was, change or budget list");
    for (size_t i = 0; i < x->ncmp; i++) {
        const ast_compare *a = &x->cmp[i], *b = &y->cmp[i];
        if (a->what != b->what || a->basis != b->basis || (a->since.text == NULL) != (b->since.text == NULL))
            return differ(c, "a was, change or budget list");
        if (!same_values(c, &a->values, &b->values) ||
            (a->since.text && !same_value(c, &a->since, &b->since, false)))
            return false;
    }
    return true;
}

static bool same_path(cmp *c, const ast_path *x, const ast_path *y)
{
    if (x->n != y->n || x->star != y->star)
        return differ(c, "a path");
    for (size_t i = 0; i < x->n; i++)
        if (!same_str(x->seg[i], y->seg[i]) || x->seg_is_code[i] != y->seg_is_code[i])
            return differ(c, "a path");
    return true;
}

static bool same_expr(cmp *c, const ast_expr *x, const ast_expr *y)
{
    for (;;) {
        if (x->kind != y->kind || x->parens != y->parens)
            return differ(c, "an expression");
        switch (x->kind) {
        case EXPR_REF:
            if (!same_str(x->table, y->table))
                return differ(c, "a table reference");
            if (x->ncols != y->ncols)
                return differ(c, "a list of columns");
            for (size_t i = 0; i < x->ncols; i++)
                if (!same_path(c, &x->cols[i], &y->cols[i]))
                    return false;
            return same_path(c, &x->row, &y->row) && same_path(c, &x->col, &y->col);
        case EXPR_NUM:
            return same_value(c, &x->num, &y->num, true);
        case EXPR_ADD:
        case EXPR_SUB:
        case EXPR_MUL:
        case EXPR_DIV:
            if (!same_expr(c, x->r, y->r))
                return false;
            break;
        case EXPR_YEAR:
            return true;
        case EXPR_PREV:
        case EXPR_CHANGE:
        case EXPR_RATE:
            if (x->basis != y->basis)
                return differ(c, "an expression");
            break;
        case EXPR_NEG:
            break;
        }
        x = x->l;
        y = y->l;
    }
}

/* next-year's `year`: advanced when it is a plain integer (fmt.c). */
static bool same_year(cmp *c, const ast_item *x, const ast_item *y)
{
    const ast_value *v = &x->args.v[0], *w = &y->args.v[0];
    bool advance = c->o->next_year && x->parent && x->parent->kind == ITEM_BUDGET &&
                   v->kind == VAL_NUMBER && !v->neg && !v->unit && v->len > 0 && v->len < 10;
    for (size_t i = 0; advance && i < v->len; i++)
        if (v->text[i] < '0' || v->text[i] > '9')
            advance = false;
    if (!advance)
        return same_value(c, v, w, false);
    char buf[24];
    int n = snprintf(buf, sizeof buf, "%ld", strtol(v->text, NULL, 10) + 1);
    if (w->kind != VAL_NUMBER || w->neg || w->plus || w->unit || w->len != (uint32_t)n ||
        memcmp(w->text, buf, (size_t)n) != 0)
        return differ(c, "the year");
    return true;
}

/* known "reason": kept by fmt, dropped by next-year (fmt.c). */
static bool same_known(cmp *c, const ast_item *x, const ast_item *y)
{
    return same_str(c->o->next_year ? NULL : x->known, y->known) || differ(c, "a known marker");
}

static bool same_attr(cmp *c, const ast_item *x, const ast_item *y)
{
    if (x->attr != y->attr || x->args.n != y->args.n || !same_known(c, x, y))
        return differ(c, "an attribute");
    for (size_t i = 0; i < x->args.n; i++) {
        const ast_value *w = &y->args.v[i];
        if (x->attr == ATTR_YEAR && i == 0) {
            if (!same_year(c, x, y))
                return false;
        } else if (x->attr == ATTR_PREVIOUS && c->o->next_year && c->o->previous) {
            if (w->kind != VAL_TEXT || strlen(c->o->previous) != w->len ||
                memcmp(w->text, c->o->previous, w->len) != 0)
                return differ(c, "the previous file");
        } else if (!same_value(c, &x->args.v[i], w, false)) {
            return false;
        }
    }
    return true;
}


/* A line's figures; turn: next-year turns them into `was` values. */
static bool same_line(cmp *c, const ast_item *x, const ast_item *y, bool turn)
{
    if (!same_str(x->label, y->label) || !same_str(x->code, y->code) ||
        !same_str(x->rel_text, y->rel_text) || !same_str(x->subtotal, y->subtotal) ||
        x->total != y->total || x->heading != y->heading || x->ofwhich != y->ofwhich ||
        x->text_col != y->text_col || x->chart != y->chart || x->derive != y->derive ||
        x->derive_basis != y->derive_basis)
        return differ(c, "a line's head");
    if (!same_known(c, x, y))
        return false;
    if ((x->scope == NULL) != (y->scope == NULL))
        return differ(c, "a column's unit or rounding");
    if (x->scope && (!same_str(x->scope->unit, y->scope->unit) ||
                     (x->scope->rounding.text == NULL) != (y->scope->rounding.text == NULL) ||
                     (x->scope->rounding.text && !same_value(c, &x->scope->rounding, &y->scope->rounding, false))))
        return differ(c, "a column's unit or rounding");
    if (x->derive && !same_path(c, x->derive_from, y->derive_from))
        return false;
    if (!turn)
        return same_values(c, &x->values, &y->values) && same_compares(c, x, y);
    /* Printed as `REL _ ... was FIGURES [was budget BUDGET]` (fmt.c's
     * line_tail): this year's figures, and this year's budget. */
    size_t k = 0;
    if (x->values.n) {
        if (y->ncmp == 0 || y->cmp[0].what != CMP_WAS || y->cmp[0].basis != BASIS_OWN || y->cmp[0].since.text)
            return differ(c, "a was list");
        if (!same_values(c, &x->values, &y->cmp[0].values))
            return false;
        k = 1;
    }
    for (size_t i = 0; i < x->ncmp; i++) {
        if (x->cmp[i].what != CMP_BUDGET)
            continue;
        if (k >= y->ncmp || y->cmp[k].what != CMP_WAS || y->cmp[k].basis != BASIS_BUDGET)
            return differ(c, "a was budget list");
        if (!same_values_bare(c, &x->cmp[i].values, &y->cmp[k].values))
            return false;
        k++;
    }
    if (k != y->ncmp)
        return differ(c, "a change list");
    if (x->derive || !x->rel_text)
        return y->values.n == 0 || differ(c, "a value");
    if (c->o->keep)
        return same_values(c, &x->values, &y->values);
    if (x->values.n != y->values.n)
        return differ(c, "the number of values");
    for (size_t i = 0; i < x->values.n; i++) {
        const ast_value *v = &x->values.v[i], *w = &y->values.v[i];
        if (v->kind == VAL_TEXT ? !same_value(c, v, w, true) : w->kind != VAL_DERIVED)
            return differ(c, "a value");
    }
    return true;
}

static bool same_check(cmp *c, const ast_item *x, const ast_item *y)
{
    if (x->nops != y->nops || x->tol != y->tol || !same_str(x->check_label, y->check_label) ||
        !same_known(c, x, y))
        return differ(c, "a check");
    for (size_t k = 0; k < x->nops; k++) {
        if (k > 0 && !same_str(x->rel_texts[k - 1], y->rel_texts[k - 1]))
            return differ(c, "a check's relation");
        if (!same_expr(c, x->ops[k], y->ops[k]))
            return false;
    }
    return x->tol != TOL_WITHIN || same_value(c, &x->within, &y->within, true);
}

/* The items of a block; root as in fmt.c: the kind of the non-line item
 * that holds the group (-1 at the top). */
static bool same_items(cmp *c, ast_item *const *xs, size_t nx, ast_item *const *ys, size_t ny,
                       int root)
{
    if (nx != ny)
        return differ(c, "the number of items in a block");
    for (size_t i = 0; i < nx; i++) {
        const ast_item *x = xs[i], *y = ys[i];
        c->item = x;
        if (x->kind != y->kind || x->has_block != y->has_block)
            return differ(c, "the kind of an item");
        if (x->years.n != y->years.n)
            return differ(c, "the years an item names");
        for (size_t k = 0; k < x->years.n; k++)
            if (!same_value(c, &x->years.v[k], &y->years.v[k], false))
                return false;
        bool ok = true;
        switch (x->kind) {
        case ITEM_BUDGET:
        case ITEM_IMPORT:
        case ITEM_CLASSIFICATION:
        case ITEM_TABLE:
        case ITEM_NARRATIVE:
        case ITEM_COLUMNS:
        case ITEM_TEMPLATE:
            ok = (same_str(x->id, y->id) && same_str(x->title, y->title) &&
                  (x->kind != ITEM_CLASSIFICATION || x->extends == y->extends) &&
                  (x->kind != ITEM_NARRATIVE || same_str(x->bound, y->bound))) ||
                 differ(c, "a name or title");
            break;
        case ITEM_ATTR:
            ok = same_attr(c, x, y);
            break;
        case ITEM_ROWS:
            ok = (same_str(x->classification, y->classification) && x->nfor == y->nfor &&
                  x->beside == y->beside) ||
                 differ(c, "a rows block's head");
            for (size_t k = 0; ok && k < x->nfor; k++)
                ok = same_path(c, &x->for_cols[k], &y->for_cols[k]);
            break;
        case ITEM_LINE:
            ok = same_line(c, x, y, c->o->next_year && (root == ITEM_ROWS || root == ITEM_NARRATIVE));
            break;
        case ITEM_CHECK:
            ok = same_check(c, x, y);
            break;
        case ITEM_INDICATORS:
            break;
        case ITEM_PROSE:
            ok = (same_str(x->title, y->title) &&
                  ast_prose_starts_paragraph(xs, i) == ast_prose_starts_paragraph(ys, i)) ||
                 differ(c, "a line of text");
            break;
        }
        /* next-year may end the budget header with a new previous line. */
        size_t nyk = y->nkids;
        if (ok && fmt_adds_previous(x, c->o)) {
            const ast_item *last = nyk ? y->kids[nyk - 1] : NULL;
            if (!last || last->kind != ITEM_ATTR || last->attr != ATTR_PREVIOUS || last->args.n != 1 ||
                last->args.v[0].kind != VAL_TEXT || strlen(c->o->previous) != last->args.v[0].len ||
                memcmp(last->args.v[0].text, c->o->previous, last->args.v[0].len) != 0)
                return differ(c, "the previous file");
            nyk--;
        }
        /* Blocks nest at most LEX_MAX_DEPTH deep: bounded recursion. */
        if (!ok || !same_items(c, x->kids, x->nkids, y->kids, nyk,
                               x->kind == ITEM_LINE ? root : (int)x->kind))
            return false;
    }
    return true;
}

/* A comment's text as the printer writes it: trailing blanks dropped. */
static size_t comment_len(const ast_file *f, const ast_comment *k)
{
    const char *s = f->src->text + k->at.begin;
    size_t n = k->at.end - k->at.begin;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return n;
}

/* The comments of got (only its src and comments are read) are want's,
 * text for text; else false with *at and *why set. */
static bool same_comments(const ast_file *want, const ast_file *got, span *at, const char **why)
{
    if (want->ncomments != got->ncomments) {
        span none_at = { NULL, 0, 0 };
        *at = none_at;
        *why = "the number of comments";
        return false;
    }
    for (size_t i = 0; i < want->ncomments; i++) {
        const ast_comment *x = &want->comments[i], *y = &got->comments[i];
        size_t nx = comment_len(want, x), ny = comment_len(got, y);
        if (nx != ny || memcmp(want->src->text + x->at.begin, got->src->text + y->at.begin, nx) != 0) {
            *at = x->at;
            *why = "a comment";
            return false;
        }
    }
    return true;
}

/* True when got, parsed from what the printer made of want with o, is
 * want's tree (next-year: rolled on); else false with *at and *why set to
 * the first item that differs and how (a static string). */
bool fmt_same_tree(const ast_file *want, const ast_file *got, const fmt_options *o,
                   span *at, const char **why)
{
    fmt_options none;
    memset(&none, 0, sizeof none);
    cmp c = { o ? o : &none, want, got, NULL, NULL };
    if (!same_items(&c, want->items, want->nitems, got->items, got->nitems, -1)) {
        span none_at = { NULL, 0, 0 };
        *at = c.item ? c.item->at : none_at;
        *why = c.why;
        return false;
    }
    return same_comments(want, got, at, why);
}

/* fmt_same_tree one top-level item at a time (parse_stream's on_item):
 * each item of the printed text is compared with want's next as it is
 * parsed, and its tree dropped (the scratch arena reset), so the printed
 * text never has a whole tree. */
typedef struct stream_cmp {
    cmp c;
    fmt_options none;
    arena *scratch;
    size_t next;            /* want's next top-level item */
    bool ok;
} stream_cmp;

static void stream_item(void *ctx, ast_item *it)
{
    stream_cmp *s = ctx;
    if (s->ok) {
        if (s->next == s->c.want->nitems)
            s->ok = differ(&s->c, "the number of items in a block");
        else
            s->ok = same_items(&s->c, &s->c.want->items[s->next], 1, &it, 1, -1);
        s->next++;
    }
    arena_reset(s->scratch);
}

int fmt_same_text(const ast_file *want, const src_file *got, const fmt_options *o, span *at,
                  const char **why)
{
    arena *a = arena_new(), *scratch = arena_new();
    stream_cmp s;
    memset(&s, 0, sizeof s);
    s.c.o = o ? o : &s.none;
    s.c.want = want;
    s.scratch = scratch;
    s.ok = true;
    ast_file comments;
    memset(&comments, 0, sizeof comments);
    int st = -1;
    if (parse_stream(scratch, a, strtab_new(a), got, stream_item, &s, &comments)) {
        if (s.ok && s.next != want->nitems) {
            s.c.item = NULL;
            s.ok = differ(&s.c, "the number of items in a block");
        }
        if (!s.ok) {
            span none_at = { NULL, 0, 0 };
            *at = s.c.item ? s.c.item->at : none_at;
            *why = s.c.why;
            st = 0;
        } else {
            st = same_comments(want, &comments, at, why);
        }
    }
    arena_free(scratch);
    arena_free(a);
    return st;
}

/* fmt.c: the canonical layout of a fisc file, and `fisc fmt`.
 *
 * The printer walks the syntax tree and prints every item on a line of
 * its own, rebuilt from the tree: nothing of the author's whitespace is
 * copied, so the output depends only on the tree and the comments.  Each
 * output line is built in a buffer and written whole.
 *
 * Alignment: the lines under one non-line item (a rows block, a
 * narrative, a classification, a columns or indicators block) form a
 * group; their relations stand in one column, one past the widest
 * `indent + [total ][code ][label][ modifiers]` of the group.  Figures
 * never enter that width, and each figure is right-aligned in a field of
 * FIELD_WIDTH columns, so a changed figure changes its own line only.
 * A head ALIGN_MAX columns wide or wider stays out of its group's column.
 *
 * The lexer's line-length limit binds the output too: a line of figures
 * that padding would take past it is printed without padding, a check
 * is broken inside its brackets (break_here, wrap_line), and a line that
 * still does not fit is reported, not written.  fmt_format then parses
 * the output and compares trees (fmt_verify.c) before anyone sees it.
 *
 * Recursion: items nest at most LEX_MAX_DEPTH blocks deep; expression
 * chains, as deep as they are long, are printed with an explicit stack
 * (chain_print); what remains is the nesting of parentheses, prev( ),
 * change( ) and signs, which the parser bounds.
 *
 * Comments are placed by a cursor that runs through the file's comments
 * (in source order) as the items are printed: those before an item print
 * above it at its indentation; one at the end of the item's last head
 * line stays there; those inside a multi-line head (a check split inside
 * brackets) move below the item; those left at a block's end print above
 * its closing brace, at the block's inner indentation.
 *
 * The next-year transform is a flag of this printer (see nextyear.c):
 * the lines of rows blocks and narratives print their figures as `was`. */
/* open_memstream(3) is POSIX 2008. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "fmt.h"
#include "i18n.h"
#include "load.h"
#include "lex.h"
#include "outfile.h"
#include "present.h"
#include "source.h"
#include "spell.h"

#define INDENT 4
#define FIELD_WIDTH 7
/* Heads wider than this stand outside their group's alignment (one blank
 * before the relation), so one long label or code cannot pad every line
 * of its group: the output stays within a fixed amount per line of the
 * input. */
#define ALIGN_MAX 200
/* A check too long for one line is broken into lines of this width. */
#define WRAP_WIDTH 100
#define MAX_DIAGS 50

/* A growable byte buffer (malloc'd; freed by its owner). */
typedef struct sbuf {
    char *s;
    size_t n, cap;
} sbuf;

/* Room for n more bytes and the terminating NUL. */
static void sb_room(sbuf *b, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
}

static void sb_add(sbuf *b, const char *s, size_t n)
{
    sb_room(b, n);
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void sb_str(sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

static void sb_ch(sbuf *b, char c)
{
    sb_add(b, &c, 1);
}

static void sb_spaces(sbuf *b, unsigned n)
{
    sb_room(b, n);
    memset(b->s + b->n, ' ', n);
    b->n += n;
    b->s[b->n] = '\0';
}

typedef struct printer {
    FILE *out;
    const ast_file *f;
    const src_file *src;
    fmt_options o;
    size_t ci;          /* the next comment not yet printed */
    bool first;         /* nothing printed yet in the current block */
    sbuf line;          /* the output line being built */
    sbuf tmp;           /* scratch: one value, one line head */
    bool compact;       /* no alignment blanks (a line past the limit) */
    span at;            /* what the current line prints, for diagnostics */
    bool hint;          /* a line past the limit is a check: say how to break it */
    diag_list *diags;   /* where a line past the limit is reported, or NULL */
    size_t nlong;       /* lines past the limit */
    int paren;          /* ( and [ open in the expression being printed */
    size_t *brk;        /* offsets of blanks that may become line breaks */
    size_t nbrk, capbrk;
    ast_expr_stack spine;    /* operators of the chains being printed */
    arena *scratch;          /* where spine grows */
} printer;

/* ---- lexical helpers ------------------------------------------------ */

/* "..." with the canonical escapes \" \\ \n \t (spell.h). */
static void sb_quoted(sbuf *b, const char *s, size_t n)
{
    char small[256];
    char *q = 2 * n + 3 <= sizeof small ? small : malloc(2 * n + 3);
    if (!q) {
        fputs("fisc: out of memory\n", stderr);
        exit(2);
    }
    sb_add(b, q, spell_quote(q, s, n));
    if (q != small)
        free(q);
}

/* A label or path segment: bare when it lexes as a name, else quoted. */
static void sb_label(sbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (spell_bare(s, n))
        sb_add(b, s, n);
    else
        sb_quoted(b, s, n);
}

/* digits[,digits...][.digits] regrouped by thousands in the integer part. */
static void sb_normalized_number(sbuf *b, const char *s, size_t n)
{
    char digits[64], grouped[PRESENT_NUMBER_SIZE(64)];
    size_t nd = 0, i = 0;
    for (; i < n && s[i] != '.'; i++)
        if (s[i] != ',' && nd < sizeof digits)
            digits[nd++] = s[i];
    if (nd == sizeof digits) {          /* not a number the lexer made */
        sb_add(b, s, n);
        return;
    }
    sb_add(b, grouped, present_number(digits, nd, 0, grouped));
    sb_add(b, s + i, n - i);
}

/* ---- values --------------------------------------------------------- */

/* One value as text; figure: subject to --normalize-numbers. */
static void sb_value(const printer *p, sbuf *b, const ast_value *v, bool figure)
{
    switch (v->kind) {
    case VAL_NUMBER:
        if (v->neg)
            sb_ch(b, '-');
        else if (v->plus)
            sb_ch(b, '+');
        if (figure && p->o.normalize_numbers)
            sb_normalized_number(b, v->text, v->len);
        else
            sb_add(b, v->text, v->len);
        if (v->unit) {
            if (strcmp(v->unit, "%") != 0)
                sb_ch(b, ' ');
            sb_str(b, v->unit);
        }
        break;
    case VAL_DERIVED:
        sb_ch(b, '_');
        break;
    case VAL_TEXT:
        sb_quoted(b, v->text, v->len);
        break;
    case VAL_WORD:
        sb_add(b, v->text, v->len);
        break;
    case VAL_BLANK:
        sb_ch(b, '-');
        break;
    }
}

/* " " and the value right-aligned in a field of FIELD_WIDTH columns. */
static void field(printer *p, const ast_value *v)
{
    p->tmp.n = 0;
    sb_value(p, &p->tmp, v, true);
    unsigned w = src_display_width(p->tmp.s, p->tmp.n);
    sb_ch(&p->line, ' ');
    if (w < FIELD_WIDTH && !p->compact)
        sb_spaces(&p->line, FIELD_WIDTH - w);
    sb_add(&p->line, p->tmp.s, p->tmp.n);
}

static void field_derived(printer *p)
{
    ast_value v;
    memset(&v, 0, sizeof v);
    v.kind = VAL_DERIVED;
    field(p, &v);
}

static void value_list(printer *p, const char *kw, const ast_values *vs)
{
    if (kw) {
        sb_ch(&p->line, ' ');
        sb_str(&p->line, kw);
    }
    for (size_t i = 0; i < vs->n; i++) {
        field(p, &vs->v[i]);
        if (vs->v[i].rate) {
            sb_str(&p->line, " (");
            sb_value(p, &p->line, vs->v[i].rate, true);
            sb_ch(&p->line, ')');
        }
    }
}

/* value_list without the rates after the values. */
static void value_list_bare(printer *p, const char *kw, const ast_values *vs)
{
    sb_ch(&p->line, ' ');
    sb_str(&p->line, kw);
    for (size_t i = 0; i < vs->n; i++)
        field(p, &vs->v[i]);
}

/* ---- source positions and comments ---------------------------------- */

/* 0-based line of offset off. */
static size_t line_of(const src_file *f, uint32_t off)
{
    size_t lo = 0, hi = f->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (f->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Offset just past the end of 0-based line ln (the next line's start). */
static uint32_t line_end(const src_file *f, size_t ln)
{
    return ln + 1 < f->nlines ? f->line_starts[ln + 1] : (uint32_t)f->len;
}

/* Blank lines immediately above the line holding off. */
static unsigned blanks_above(const src_file *f, uint32_t off)
{
    size_t ln = line_of(f, off);
    unsigned n = 0;
    while (ln > 0) {
        ln--;
        const char *s = f->text + f->line_starts[ln];
        const char *e = f->text + line_end(f, ln) - 1;  /* its '\n' */
        while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
            s++;
        if (s != e)
            break;
        n++;
    }
    return n;
}

/* A comment's text, without trailing blanks. */
static void sb_comment(printer *p, const ast_comment *c)
{
    const char *s = p->src->text + c->at.begin;
    size_t n = c->at.end - c->at.begin;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    sb_add(&p->line, s, n);
}

/* Reports each physical line of p->line longer than the lexer accepts. */
static void check_length(printer *p)
{
    const char *s = p->line.s, *end = s + p->line.n;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        if (e - s > LEX_MAX_LINE) {
            p->nlong++;
            if (p->diags && p->hint)    /* a check: its long side can be broken */
                diag_add(p->diags, DIAG_ERROR, p->at, "limit",
                         "formatted, this line would be %zu bytes long, past the line-length limit (%d bytes); "
                         "put its long side in parentheses, where fmt can break it", (size_t)(e - s), LEX_MAX_LINE);
            else if (p->diags)
                diag_add(p->diags, DIAG_ERROR, p->at, "limit",
                         "formatted, this line would be %zu bytes long, past the "
                         "line-length limit (%d bytes)", (size_t)(e - s), LEX_MAX_LINE);
        }
        s = e + 1;
    }
}

static void emit_line(printer *p)
{
    if (p->line.n > LEX_MAX_LINE)
        check_length(p);
    sb_ch(&p->line, '\n');
    fwrite(p->line.s, 1, p->line.n, p->out);
    p->line.n = 0;
    p->first = false;
}

static void blank_lines(printer *p, unsigned n)
{
    if (n > 0 && !p->first)
        fputc('\n', p->out);
}

static void start_line(printer *p, unsigned depth)
{
    p->line.n = 0;
    sb_spaces(&p->line, depth * INDENT);
}

/* Comment i on a line of its own at depth; with_blanks keeps (one of)
 * the blank lines above it. */
static void comment_line(printer *p, size_t i, unsigned depth, bool with_blanks)
{
    const ast_comment *c = &p->f->comments[i];
    p->at = c->at;
    if (with_blanks)
        blank_lines(p, blanks_above(p->src, c->at.begin));
    start_line(p, depth);
    sb_comment(p, c);
    emit_line(p);
}

/* Prints every comment that starts before off, each on its own line. */
static void comments_before(printer *p, uint32_t off, unsigned depth)
{
    while (p->ci < p->f->ncomments && p->f->comments[p->ci].at.begin < off)
        comment_line(p, p->ci++, depth, true);
}

/* Claims the comments up to the end of source line ln: the one at the end
 * of that line is returned through *trailing (SIZE_MAX: none), the rest
 * (inside a multi-line head) through [*from, *to). */
static void claim_head_comments(printer *p, size_t ln, size_t *trailing, size_t *from, size_t *to)
{
    uint32_t eol = line_end(p->src, ln);
    *from = p->ci;
    *trailing = SIZE_MAX;
    while (p->ci < p->f->ncomments && p->f->comments[p->ci].at.begin < eol)
        p->ci++;
    *to = p->ci;
    if (*to > *from) {
        const ast_comment *c = &p->f->comments[*to - 1];
        if (!c->own_line && line_of(p->src, c->at.begin) == ln) {
            *trailing = *to - 1;
            (*to)--;
        }
    }
}

/* ---- items ---------------------------------------------------------- */

/* [total ][code ][label][ modifiers] */
/* " years 2019 2020": the years an item's text names on purpose. */
static void sb_years(sbuf *b, const ast_item *it)
{
    if (!it->years.n)
        return;
    sb_str(b, " years");
    for (size_t i = 0; i < it->years.n; i++) {
        sb_ch(b, ' ');
        sb_add(b, it->years.v[i].text, it->years.v[i].len);
    }
}

static void sb_line_head(sbuf *b, const ast_item *it)
{
    size_t start = b->n;
    if (it->total)
        sb_str(b, "total");
    if (it->code) {
        if (b->n > start)
            sb_ch(b, ' ');
        sb_str(b, it->code);
    }
    if (it->label) {
        if (b->n > start)
            sb_ch(b, ' ');
        sb_label(b, it->label);
    }
    if (it->heading)
        sb_str(b, " heading");
    if (it->subtotal) {
        sb_str(b, " subtotal ");
        sb_quoted(b, it->subtotal, strlen(it->subtotal));
    }
    if (it->ofwhich)
        sb_str(b, " ofwhich");
    if (it->text_col)
        sb_str(b, " text");
    if (it->chart)
        sb_str(b, " chart");
    if (it->scope && it->scope->unit) {
        sb_str(b, " unit ");
        sb_str(b, it->scope->unit);
    }
    if (it->scope && it->scope->rounding.text) {
        sb_str(b, " rounding ");
        sb_value(NULL, b, &it->scope->rounding, false);
    }
    sb_years(b, it);
}

/* Widest indent + line head among the lines of items (and their line
 * children, recursively) at depth. */
static unsigned group_width(printer *p, ast_item *const *items, size_t n, unsigned depth)
{
    unsigned w = 0;
    for (size_t i = 0; i < n; i++) {
        const ast_item *k = items[i];
        if (k->kind != ITEM_LINE)
            continue;
        p->tmp.n = 0;
        sb_line_head(&p->tmp, k);
        unsigned kw = depth * INDENT + src_display_width(p->tmp.s, p->tmp.n);
        if (kw > w && kw < ALIGN_MAX)
            w = kw;
        unsigned cw = group_width(p, k->kids, k->nkids, depth + 1);
        if (cw > w)
            w = cw;
    }
    return w;
}

static void sb_path(sbuf *b, const ast_path *path)
{
    for (size_t i = 0; i < path->n; i++) {
        if (i > 0)
            sb_ch(b, '/');
        if (path->seg_is_code[i])
            sb_str(b, path->seg[i]);
        else
            sb_label(b, path->seg[i]);
    }
    if (path->star == AST_STAR_ALL)
        sb_str(b, "/**");
    for (unsigned i = 0; path->star != AST_STAR_ALL && i < path->star; i++)
        sb_str(b, "/*");
}

static void expr_print(printer *p, const ast_expr *e);

/* Records that the space about to be written may become a line break: it
 * is inside ( ) or [ ], where the lexer takes a newline for a blank. */
static void break_here(printer *p)
{
    if (p->paren == 0)
        return;
    if (p->nbrk == p->capbrk) {
        size_t cap = p->capbrk ? p->capbrk * 2 : 64;
        p->brk = xrealloc(p->brk, cap * sizeof *p->brk);
        p->capbrk = cap;
    }
    p->brk[p->nbrk++] = p->line.n;
}

/* The chain a + b - c ...: the parser builds it as a left-deep tree as
 * deep as the chain is long (150,000 terms are a valid check), so its
 * left spine is walked with an explicit stack (ast_chain_push), not the C
 * stack.  A parenthesised node on the spine, ((a + b) + c), opens its
 * parenthesis before the leftmost operand and closes it after its own
 * right operand.  The operands recurse, but an operand nests only through
 * parentheses, prev( ), change( ) or signs, which the parser bounds
 * (PARSE_MAX_NESTING, PARSE_MAX_SIGNS). */
static void chain_print(printer *p, const ast_expr *e)
{
    size_t base = p->spine.n;
    const ast_expr *first = ast_chain_push(p->scratch, &p->spine, e);
    for (size_t i = base + 1; i < p->spine.n; i++) {
        if (p->spine.v[i]->parens) {
            sb_ch(&p->line, '(');
            p->paren++;
        }
    }
    expr_print(p, first);
    while (p->spine.n > base) {
        const ast_expr *op = p->spine.v[--p->spine.n];
        static const char *const spelled[] = { [EXPR_ADD] = " +", [EXPR_SUB] = " -", [EXPR_MUL] = " *",
                                               [EXPR_DIV] = " /" };   /* a blank before '/': it divides */
        sb_str(&p->line, spelled[op->kind]);
        break_here(p);
        sb_ch(&p->line, ' ');
        expr_print(p, op->r);
        if (op->parens && p->spine.n > base) {
            p->paren--;
            sb_ch(&p->line, ')');
        }
    }
}

/* e into the line, with its parentheses. */
static void expr_print(printer *p, const ast_expr *e)
{
    sbuf *b = &p->line;
    if (e->parens) {
        sb_ch(b, '(');
        p->paren++;
    }
    switch (e->kind) {
    case EXPR_REF:
        if (e->table) {
            sb_str(b, e->table);
            sb_ch(b, '[');
            sb_path(b, &e->row);
            if (e->col.n) {
                sb_str(b, ", ");
                sb_path(b, &e->col);
            }
            for (size_t i = 0; i < e->ncols; i++) {     /* (A, B, C) */
                sb_str(b, i ? ", " : ", (");
                sb_path(b, &e->cols[i]);
            }
            if (e->ncols)
                sb_ch(b, ')');
            sb_ch(b, ']');
        } else {
            sb_path(b, &e->row);
        }
        break;
    case EXPR_NUM:
        sb_value(p, b, &e->num, true);
        break;
    case EXPR_ADD:
    case EXPR_SUB:
    case EXPR_MUL:
    case EXPR_DIV:
        chain_print(p, e);
        break;
    case EXPR_NEG:
        sb_ch(b, '-');
        expr_print(p, e->l);
        break;
    case EXPR_YEAR:
        sb_str(b, "year");
        break;
    case EXPR_PREV:
    case EXPR_CHANGE:
    case EXPR_RATE:
        sb_str(b, e->basis == BASIS_THIS_BUDGET ? "budget(" : e->kind == EXPR_PREV ? "prev(" : e->kind == EXPR_CHANGE ? "change(" : "rate(");
        p->paren++;
        expr_print(p, e->l);
        p->paren--;
        if (e->basis == BASIS_BUDGET || e->basis == BASIS_FINAL)
            sb_str(b, e->basis == BASIS_BUDGET ? ", budget" : ", final");
        sb_ch(b, ')');
        break;
    }
    if (e->parens) {
        p->paren--;
        sb_ch(b, ')');
    }
}

/* ` known "reason"`; next year drops it: a new year's document
 * acknowledges its own discrepancies. */
static void known_text(printer *p, const ast_item *it)
{
    if (!it->known || p->o.next_year)
        return;
    sb_str(&p->line, " known ");
    sb_quoted(&p->line, it->known, strlen(it->known));
}

static void check_text(printer *p, const ast_item *it)
{
    sbuf *b = &p->line;
    sb_str(b, "check");
    for (size_t i = 0; i < it->nops; i++) {
        if (i > 0) {
            sb_ch(b, ' ');
            sb_str(b, it->rel_texts[i - 1]);
        }
        sb_ch(b, ' ');
        expr_print(p, it->ops[i]);
    }
    if (it->tol == TOL_EXACT) {
        sb_str(b, " exact");
    } else if (it->tol == TOL_WITHIN) {
        sb_str(b, " within ");
        sb_value(p, b, &it->within, true);
    }
    if (it->check_label) {
        sb_str(b, " as ");
        sb_quoted(b, it->check_label, strlen(it->check_label));
    }
    known_text(p, it);
}

/* Whether next-year adds a previous line to the budget header; see fmt.h. */
bool fmt_adds_previous(const ast_item *budget, const fmt_options *o)
{
    if (!o || !o->next_year || !o->previous || budget->kind != ITEM_BUDGET || !budget->has_block)
        return false;
    for (size_t i = 0; i < budget->nkids; i++)
        if (budget->kids[i]->kind == ITEM_ATTR && budget->kids[i]->attr == ATTR_PREVIOUS)
            return false;
    return true;
}

/* year N, advanced by one for next year when it is a plain integer. */
static void year_value(printer *p, const ast_item *it)
{
    const ast_value *v = &it->args.v[0];
    bool advance = p->o.next_year && it->parent && it->parent->kind == ITEM_BUDGET &&
                   v->kind == VAL_NUMBER && !v->neg && !v->unit && v->len > 0 && v->len < 10;
    for (size_t i = 0; advance && i < v->len; i++)
        if (v->text[i] < '0' || v->text[i] > '9')
            advance = false;
    if (!advance) {
        sb_value(p, &p->line, v, false);
        return;
    }
    char buf[24];
    snprintf(buf, sizeof buf, "%ld", strtol(v->text, NULL, 10) + 1);
    sb_str(&p->line, buf);
}

static void attr_text(printer *p, const ast_item *it)
{
    sb_str(&p->line, ast_attr_name(it->attr));
    for (size_t i = 0; i < it->args.n; i++) {
        sb_ch(&p->line, ' ');
        if (it->attr == ATTR_YEAR && i == 0)
            year_value(p, it);
        else if (it->attr == ATTR_PREVIOUS && p->o.next_year && p->o.previous)
            sb_quoted(&p->line, p->o.previous, strlen(p->o.previous));   /* last year is now this file */
        else
            sb_value(p, &p->line, &it->args.v[i], false);
    }
    sb_years(&p->line, it);
    known_text(p, it);
}

/* A line's relation and figures; col is the group's relation column and
 * root the kind of the item that holds the group. */
static void line_tail(printer *p, const ast_item *it, unsigned col, int root)
{
    bool turn = p->o.next_year && (root == ITEM_ROWS || root == ITEM_NARRATIVE);
    if (it->rel_text) {
        unsigned w = src_display_width(p->line.s, p->line.n);
        sb_spaces(&p->line, col > w && !p->compact ? col - w : 1);
        sb_str(&p->line, it->rel_text);
        if (it->derive) {
            static const char *const fn[] = { "", " prev(", " change(", " rate(" };
            sb_str(&p->line, it->derive_basis == BASIS_THIS_BUDGET ? " budget(" : fn[it->derive]);
            sb_path(&p->line, it->derive_from);
            if (it->derive_basis == BASIS_BUDGET || it->derive_basis == BASIS_FINAL)
                sb_str(&p->line, it->derive_basis == BASIS_BUDGET ? ", budget" : ", final");
            sb_ch(&p->line, ')');
        } else if (!turn || p->o.keep) {
            value_list(p, NULL, &it->values);
        } else {
            for (size_t i = 0; i < it->values.n; i++) {
                if (it->values.v[i].kind == VAL_TEXT)
                    field(p, &it->values.v[i]);
                else
                    field_derived(p);
            }
        }
    }
    if (turn) {
        /* this year's figures are next year's `was`; this year's budget
         * beside final accounts is next year's `was budget` */
        if (it->values.n)
            value_list(p, "was", &it->values);
        for (size_t i = 0; i < it->ncmp; i++)
            if (it->cmp[i].what == CMP_BUDGET)
                value_list_bare(p, "was budget", &it->cmp[i].values);
        return;
    }
    static const char *const kw[][3] = {
        [CMP_BUDGET] = { "budget", "budget", "budget" },
        [CMP_WAS] = { "was", "was budget", "was final" },
        [CMP_CHANGE] = { "change", "change budget", "change final" },
    };
    for (size_t i = 0; i < it->ncmp; i++) {
        const ast_compare *c = &it->cmp[i];
        value_list(p, kw[c->what][c->basis < 3 ? c->basis : 0], &c->values);
        if (c->since.text) {
            sb_str(&p->line, " since ");
            sb_value(p, &p->line, &c->since, false);
        }
    }
    known_text(p, it);
}

static void print_items(printer *p, ast_item *const *items, size_t n, unsigned depth,
                        const ast_item *owner, unsigned col, int root);

/* The last source line of an item's head (where its trailing comment is). */
static size_t head_last_line(const printer *p, const ast_item *it)
{
    if (it->kind == ITEM_LINE || !it->has_block)
        return line_of(p->src, it->at.end > it->at.begin ? it->at.end - 1 : it->at.begin);
    return line_of(p->src, it->at.begin);   /* a block keyword's head is one line */
}

/* The item's head line, from its indentation to its " {": aligned, or
 * with p->compact every alignment blank dropped. */
static void head_text(printer *p, const ast_item *it, unsigned depth, unsigned col, int root)
{
    start_line(p, depth);
    p->nbrk = 0;
    sbuf *b = &p->line;
    switch (it->kind) {
    case ITEM_BUDGET:
        sb_str(b, "budget ");
        sb_quoted(b, it->title, strlen(it->title));
        break;
    case ITEM_IMPORT:
        sb_str(b, "import ");
        sb_quoted(b, it->title, strlen(it->title));
        break;
    case ITEM_ATTR:
        attr_text(p, it);
        break;
    case ITEM_CLASSIFICATION:
    case ITEM_TABLE:
    case ITEM_NARRATIVE:
    case ITEM_TEMPLATE:
        sb_str(b, it->kind == ITEM_CLASSIFICATION ? "classification " :
                  it->kind == ITEM_TABLE ? "table " : it->kind == ITEM_TEMPLATE ? "template " : "narrative ");
        sb_str(b, it->id);
        if (it->title) {
            sb_ch(b, ' ');
            sb_quoted(b, it->title, strlen(it->title));
        }
        if (it->kind == ITEM_CLASSIFICATION && it->extends)
            sb_str(b, " extend");
        sb_years(b, it);
        if (it->kind == ITEM_NARRATIVE && it->bound) {
            sb_str(b, " rows ");
            sb_str(b, it->bound);
        }
        break;
    case ITEM_COLUMNS:
        sb_str(b, "columns");
        if (it->id) {
            sb_ch(b, ' ');
            sb_str(b, it->id);
        }
        break;
    case ITEM_INDICATORS:
        sb_str(b, "indicators");
        break;
    case ITEM_ROWS:
        sb_str(b, "rows");
        if (it->classification) {
            sb_ch(b, ' ');
            sb_str(b, it->classification);
        }
        for (size_t i = 0; i < it->nfor; i++) {
            sb_str(b, i == 0 ? " for " : ", ");
            sb_path(b, &it->for_cols[i]);
        }
        if (it->beside)
            sb_str(b, " beside");
        break;
    case ITEM_LINE:
        sb_line_head(b, it);
        line_tail(p, it, col, root);
        break;
    case ITEM_CHECK:
        check_text(p, it);
        break;
    case ITEM_PROSE:
        /* the text as written: '>', a blank, the text */
        sb_ch(b, '>');
        if (*it->title) {
            sb_ch(b, ' ');
            sb_str(b, it->title);
        }
        break;
    }
    if (it->has_block)
        sb_str(b, " {");
}

/* Breaks the line built for a check at its break opportunities (see
 * break_here), filling each physical line up to WRAP_WIDTH columns;
 * continuation lines are indented one level deeper than the check. */
static void wrap_line(printer *p, unsigned depth)
{
    const sbuf *b = &p->line;
    sbuf *out = &p->tmp;
    out->n = 0;
    unsigned width = 0, indent = (depth + 1) * INDENT;
    size_t start = 0;
    for (size_t k = 0; k <= p->nbrk; k++) {
        size_t end = k < p->nbrk ? p->brk[k] : b->n;
        unsigned w = src_display_width(b->s + start, end - start);
        if (k > 0 && width + 1 + w > WRAP_WIDTH) {
            sb_ch(out, '\n');
            sb_spaces(out, indent);
            width = indent;
        } else if (k > 0) {
            sb_ch(out, ' ');
            width++;
        }
        sb_add(out, b->s + start, end - start);
        width += w;
        start = end + 1;            /* past the blank the break replaces */
    }
    sbuf t = p->line;
    p->line = p->tmp;
    p->tmp = t;
}

static void print_item(printer *p, const ast_item *it, unsigned depth, unsigned col, int root)
{
    comments_before(p, it->at.begin, depth);
    blank_lines(p, it->blank_before);
    p->at = it->at;
    size_t trailing, from, to;
    claim_head_comments(p, head_last_line(p, it), &trailing, &from, &to);
    head_text(p, it, depth, col, root);
    if (trailing != SIZE_MAX) {
        sb_ch(&p->line, ' ');
        sb_comment(p, &p->f->comments[trailing]);
    }
    /* Past the line-length limit the layout gives way: a line of figures
     * drops its alignment blanks (8,200 one-digit columns would be padded
     * to 66 KB), a check breaks inside its brackets.  Both depend on the
     * tree alone, so the output stays canonical. */
    if (p->line.n > LEX_MAX_LINE) {
        if (it->kind == ITEM_LINE) {
            p->compact = true;
            head_text(p, it, depth, col, root);
            p->compact = false;
            if (trailing != SIZE_MAX) {
                sb_ch(&p->line, ' ');
                sb_comment(p, &p->f->comments[trailing]);
            }
        } else if (p->nbrk > 0) {
            wrap_line(p, depth);
        } else if (it->kind == ITEM_CHECK) {
            p->hint = true;
        }
    }
    emit_line(p);
    p->hint = false;
    if (!it->has_block) {
        for (size_t i = from; i < to; i++)
            comment_line(p, i, depth, false);
        return;
    }
    p->first = true;
    for (size_t i = from; i < to; i++)
        comment_line(p, i, depth + 1, false);
    print_items(p, it->kids, it->nkids, depth + 1, it, col, root);
    if (fmt_adds_previous(it, &p->o)) {
        start_line(p, depth + 1);
        sb_str(&p->line, "previous ");
        sb_quoted(&p->line, p->o.previous, strlen(p->o.previous));
        emit_line(p);
    }
    comments_before(p, it->end.begin, depth + 1);
    start_line(p, depth);
    sb_ch(&p->line, '}');
    p->at = it->end;
    claim_head_comments(p, line_of(p->src, it->end.begin), &trailing, &from, &to);
    if (trailing != SIZE_MAX) {
        sb_ch(&p->line, ' ');
        sb_comment(p, &p->f->comments[trailing]);
    }
    emit_line(p);
    for (size_t i = from; i < to; i++)      /* none in a parsed file */
        comment_line(p, i, depth, false);
}

/* The items of a block (or the file: owner NULL).  Lines under a line
 * continue its group; any other owner starts a new one. */
static void print_items(printer *p, ast_item *const *items, size_t n, unsigned depth,
                        const ast_item *owner, unsigned col, int root)
{
    if (!owner || owner->kind != ITEM_LINE) {
        col = group_width(p, items, n, depth) + 1;
        root = owner ? (int)owner->kind : -1;
    }
    for (size_t i = 0; i < n; i++)
        print_item(p, items[i], depth, col, root);
}

/* Prints f with options o to out; lines past the limit are counted in
 * *nlong and reported to diags (when not NULL).  0, or -1 on a write
 * error. */
static int print_file(FILE *out, const ast_file *f, const fmt_options *o, diag_list *diags,
                      size_t *nlong)
{
    printer p;
    memset(&p, 0, sizeof p);
    p.out = out;
    p.f = f;
    p.src = f->src;
    p.diags = diags;
    if (o)
        p.o = *o;
    p.first = true;
    p.scratch = arena_new();
    print_items(&p, f->items, f->nitems, 0, NULL, 0, -1);
    comments_before(&p, UINT32_MAX, 0);
    free(p.line.s);
    free(p.tmp.s);
    free(p.brk);
    arena_free(p.scratch);
    if (nlong)
        *nlong = p.nlong;
    if (fflush(out) != 0 || ferror(out))
        return -1;
    return 0;
}

/* Prints f with options o; see fmt.h. */
int fmt_write_opts(FILE *out, const ast_file *f, const fmt_options *o)
{
    return print_file(out, f, o, NULL, NULL);
}

/* Prints f in the canonical layout; see fmt.h. */
int fmt_write(FILE *out, const ast_file *f)
{
    return fmt_write_opts(out, f, NULL);
}

/* ---- files ---------------------------------------------------------- */

/* "fisc: cannot write 'PATH': WHY", both shown safely. */
void fmt_cannot_write(const char *path, const char *why)
{
    present_printf(stderr, _("fisc: cannot write '%s': %s\n"), path, why);
}

/* Prints diags, if any, on stderr as every command does. */
static void print_diags(diag_list *diags, const fmt_options *o)
{
    if (diag_size(diags) == 0)
        return;
    diag_options dopt = { .color = diag_use_color(stderr, o ? o->color : DIAG_COLOR_AUTO),
                          .max_errors = MAX_DIAGS };
    diag_sort(diags);
    diag_dedupe(diags);
    fflush(stdout);
    diag_print(diags, stderr, &dopt);
    if (o && o->tally)
        diag_tally_add(o->tally, diags, &dopt);
}

/* Loads and parses path; see fmt.h. */
int fmt_parse_path(arena *a, strtab *names, const char *path, const fmt_options *o, ast_file **out)
{
    const char *err = NULL;
    *out = NULL;
    src_file *src = strcmp(path, "-") == 0 ? src_read_fd(a, "<stdin>", 0, 0, &err) : src_load(a, path, &err);
    if (!src) {
        present_printf(stderr, _("fisc: cannot read '%s': %s\n"), path, err);
        return 2;
    }
    diag_list *diags = diag_new(a);
    ast_file *f = load_named(a, names, diags, src);     /* never echoes a file that is not fisc */
    print_diags(diags, o);
    if (diag_count(diags, DIAG_ERROR) > 0)
        return 1;
    *out = f;
    return 0;
}

/* Formats f; see fmt.h. */
int fmt_format_file(arena *a, const ast_file *f, const fmt_options *o, bool verify,
                    char **out, size_t *n)
{
    diag_list *diags = diag_new(a);
    int st = fmt_format(f, o, diags, verify, out, n);
    print_diags(diags, o);
    return st;
}

/* f printed into a malloc'd buffer; lines past the limit as in
 * print_file. */
static char *render(const ast_file *f, const fmt_options *o, diag_list *diags, size_t *n,
                    size_t *nlong)
{
    char *buf = NULL;
    FILE *m = open_memstream(&buf, n);
    if (!m || print_file(m, f, o, diags, nlong) != 0) {
        fputs("fisc: out of memory\n", stderr);
        exit(2);
    }
    fclose(m);
    return buf;
}

/* Renders f into a malloc'd buffer; see fmt.h. */
char *fmt_render(const ast_file *f, const fmt_options *o, size_t *n)
{
    return render(f, o, NULL, n, NULL);
}

/* Formats f with o, checked; see fmt.h. */
int fmt_format(const ast_file *f, const fmt_options *o, diag_list *diags, bool verify,
               char **out, size_t *n)
{
    size_t nlong;
    char *buf = render(f, o, diags, n, &nlong);
    *out = NULL;
    span nowhere = { NULL, 0, 0 };
    if (nlong == 0 && *n > SRC_MAX_BYTES)
        diag_add(diags, DIAG_ERROR, nowhere, "limit",
                 "formatted, '%s' would be %zu bytes, past the file-size limit (%zu bytes)",
                 f->src->path, *n, SRC_MAX_BYTES);
    if (nlong > 0 || *n > SRC_MAX_BYTES) {
        free(buf);
        return 1;
    }
    /* Text identical to the input parses to the input's tree: the check
     * costs nothing on a canonical file (unless next-year had to change
     * something and did not). */
    if (!verify ||
        (!(o && o->next_year) && *n == f->src->orig_len && memcmp(buf, f->src->text, *n) == 0)) {
        *out = buf;
        return 0;
    }
    /* Parse what was printed and compare (fmt_verify.c): item by item as
     * it is parsed, and only when it does not parse cleanly a whole tree,
     * for the parser's exact reason. */
    arena *a = arena_new();
    diag_list *d = diag_new(a);
    const src_file *src = src_from_memory(a, f->src->path, buf, *n);
    span at = nowhere;
    const char *why = NULL;
    int same = fmt_same_text(f, src, o, &at, &why);
    const ast_file *g = same < 0 ? parse_file(a, strtab_new(a), d, src) : NULL;
    int st = 0;
    if (same == 0) {
        diag_add(diags, DIAG_ERROR, at, "fmt",
                 "internal error: formatted, this would read differently (%s); "
                 "nothing is written: please report this", why);
        st = 2;
    } else if (same > 0) {
        st = 0;
    } else if (diag_count(d, DIAG_ERROR) > 0) {
        diag_sort(d);
        const diag *e = diag_at(d, 0);
        unsigned line = 0, col = 0;
        src_linecol(src, e->at.begin, &line, &col);
        diag_add(diags, DIAG_ERROR, nowhere, "fmt",
                 "internal error: the formatted text of '%s' does not parse (at its line %u: %s); "
                 "nothing is written: please report this", f->src->path, line, e->msg);
        st = 2;
    } else if (!fmt_same_tree(f, g, o, &at, &why)) {
        diag_add(diags, DIAG_ERROR, at, "fmt",
                 "internal error: formatted, this would read differently (%s); "
                 "nothing is written: please report this", why);
        st = 2;
    }
    arena_free(a);
    if (st != 0) {
        free(buf);
        return st;
    }
    *out = buf;
    return 0;
}

/* fisc fmt [--check | -w] [--normalize-numbers] FILE... */
int cmd_fmt(cli_args *a)
{
    bool check = a->value[CLI_OPT_CHECK] != NULL, in_place = a->value[CLI_OPT_WRITE] != NULL;
    fmt_options o;
    memset(&o, 0, sizeof o);
    o.normalize_numbers = a->value[CLI_OPT_NORMALIZE] != NULL;
    o.color = a->driver.color;
    o.tally = &a->tally;
    if (check && in_place)
        return cli_usage_error(a->cmd, N_("--check and -w exclude each other"));
    if (a->nfiles > 1 && !check && !in_place)
        return cli_usage_error(a->cmd, N_("several files need -w or --check"));
    for (size_t i = 0; in_place && i < a->nfiles; i++)
        if (strcmp(a->files[i], "-") == 0)
            return cli_usage_error(a->cmd, N_("-w cannot rewrite standard input"));

    int status = 0;
    for (size_t i = 0; i < a->nfiles; i++) {
        const char *path = a->files[i];
        arena *ar = arena_new();
        ast_file *f;
        int st = fmt_parse_path(ar, strtab_new(ar), path, &o, &f);
        char *buf = NULL;
        size_t n = 0;
        if (st == 0)
            st = fmt_format_file(ar, f, &o, !check, &buf, &n);
        if (st == 0) {
            bool same = n == f->src->orig_len && memcmp(buf, f->src->text, n) == 0;
            if (check) {
                if (!same) {
                    present_printf(stdout, "%s\n", path);
                    st = 1;
                }
            } else if (in_place && !same) {
                /* Replaced only if nobody edited it since it was read. */
                outfile_opts wo = { .replace = true, .expect = f->src->text,
                                    .nexpect = f->src->orig_len };
                char why[512];
                if (outfile_write(path, buf, n, &wo, why, sizeof why) != 0) {
                    fmt_cannot_write(path, why);
                    st = 2;
                }
            } else if (!in_place && (fwrite(buf, 1, n, stdout) != n || fflush(stdout) != 0)) {
                fprintf(stderr, _("fisc: cannot write to standard output: %s\n"), strerror(errno));
                st = 2;
            }
            free(buf);
        }
        arena_free(ar);
        if (st > status)
            status = st;
    }
    if (fflush(stdout) != 0 && status < 2) {
        fprintf(stderr, _("fisc: cannot write to standard output: %s\n"), strerror(errno));
        status = 2;
    }
    return status;
}

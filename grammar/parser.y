/* parser.y: the grammar of fisc.
 *
 * A pure Bison parser with locations (byte offsets, turned into line and
 * column only when a diagnostic is printed).  The grammar is deliberately
 * uniform: every block holds the same kind of item, one per line, and the
 * resolver decides whether an item belongs where it stands ("'year' belongs
 * in the budget header") -- a sharper message than a parser could give.
 * Errors are collected, never printed here; recovery is per line, so one
 * bad line costs one message and the rest of the file is still checked.
 * The parser never decides success: the driver counts errors.
 *
 * Depth is bounded by construction: lists and paths are left-recursive, so
 * the parser's stack stays flat however long they are, and what nests --
 * ( and [ (PARSE_MAX_NESTING), signs (PARSE_MAX_SIGNS), { } (the lexer's
 * LEX_MAX_DEPTH) -- is counted as tokens arrive and refused past its limit
 * with a message naming it.  Bison's own "memory exhausted" cannot then be
 * reached; should it be, it is reported in the same words as a limit.
 *
 * Speed (docs/architecture.md §8): the grammar is generated twice, once as
 * is (parser.c) and once without lookahead correction (parser_fast.c,
 * `bison -F parse.lac=none`, compiled with PARSER_FAST).  parse_file runs
 * the fast one; only a file in which it meets a syntax error (or any other
 * diagnostic) is parsed again by the exact one, whose diagnostics are the
 * ones kept, so the "expecting ..." lists stay exact and a clean file pays
 * nothing for them.  Semantic values are at most 16 bytes: lists are
 * collected on the parser's own stacks (items, values, check operands) and
 * copied out, exactly sized, when the item that owns them is complete. */

%require "3.8"
%define api.pure full
%define api.prefix {fisc_}
%define api.token.prefix {TOK_}
%define api.location.type {lex_loc}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {parser_ctx *px}

%code requires {
#include "ast.h"
#include "lex.h"

/* A run of one of the parser's stacks: [start, start + n). */
typedef struct vrange { uint32_t start, n; } vrange;
/* A block's items, copied out (n == UINT32_MAX: no block was written). */
typedef struct item_list { ast_item **v; uint32_t n; } item_list;
/* A number token and the sign written before it. */
typedef struct num_tok { const char *s; uint32_t n; uint8_t sign; } num_tok;
enum { SIGN_NONE, SIGN_MINUS, SIGN_PLUS };
typedef struct rel_tok { const char *text; ast_rel rel; } rel_tok;
typedef struct tol_spec { uint32_t within; ast_tolerance tol; } tol_spec;
typedef struct path_vec { ast_path *v; size_t n, cap; } path_vec;

/* A check's operand on the operand stack, with the relation before it. */
typedef struct operand_slot { ast_expr *e; ast_rel rel; const char *text; span at; } operand_slot;

/* What a line head has collected before its item is made (a line's parts
 * reduce left to right and its children only after it, so one is enough). */
typedef struct line_parts {
    bool has_rel;
    ast_rel rel;
    lex_token rel_tok;
    lex_loc rel_loc;
    vrange vals;
    ast_derive derive;
    unsigned char derive_basis;
    ast_path *from;
    lex_token subtotal;
    lex_loc subtotal_loc;
    ast_scope *scope;           /* unit / rounding modifiers, or NULL */
    vrange years;               /* years 2019 2020: years its label names on purpose */
    /* was / change / budget, as written (LINE_MAX_COMPARES: more is
     * an error, and at least one of them a repeat) */
    struct cmp_part {
        unsigned char what, basis;
        lex_loc at;
        vrange vals;
        bool has_since;
        ast_value since;
    } cmp[8];
    unsigned ncmp;
    lex_loc since_loc;          /* the year after `since` */
} line_parts;
#define LINE_MAX_COMPARES 8

typedef struct parser_ctx {
    lex_state lx;
    arena *a;                   /* the tree (a scratch arena when streaming) */
    arena *stacks;              /* the parser's own stacks (side blocks) */
    strtab *names;
    diag_list *diags;
    const src_file *src;
    ast_item **top;             /* top-level items (a side block) */
    size_t ntop, captop;
    ast_item **items;           /* the item stack (side block) */
    size_t nitems, capitems;
    ast_value *vals;            /* the value stack (side block) */
    size_t nvals, capvals;
    operand_slot *ops;          /* the check operand stack (side block) */
    size_t nops, capops;
    line_parts line;
    lex_token label;            /* a check's "as" label */
    lex_loc label_loc;
    lex_token known;            /* known "reason" ending a line or check (s NULL: none) */
    lex_loc known_loc;
    unsigned syntax_errors;     /* yyerror calls, counted even when silent */
    span *skipped;              /* what error recovery skipped (a side block) */
    size_t nskipped, capskipped;
    /* Streaming (parse_stream): each top-level item goes to on_item as it
     * is complete, instead of to top. */
    void (*on_item)(void *ctx, ast_item *it);
    void *on_item_ctx;
    bool stream;                /* no layout data (blank lines) */
    /* parse_placeholder: the first token is PLACEHOLDER_START, and the
     * expression parsed ends up here */
    bool placeholder_start;
    ast_expr *placeholder;
    int signs;                  /* signs in a row so far */
    bool over_limit;            /* a limit was reported on this line */
} parser_ctx;
}

%code {
#include <stdarg.h>
#include <string.h>
#include "i18n.h"
#include "spell.h"
#include "suggest.h"

/* Bison's default stack limit, stated here because a message names it. */
#define YYMAXDEPTH 10000

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                   \
    do {                                                              \
        if (N) {                                                      \
            int i_ = 1;     /* skip empty leading symbols (opt_total) */ \
            while (i_ < (N) && YYRHSLOC(Rhs, i_).begin == YYRHSLOC(Rhs, i_).end) \
                i_++;                                                 \
            (Cur).begin = YYRHSLOC(Rhs, i_).begin;                    \
            (Cur).end = YYRHSLOC(Rhs, N).end;                         \
        } else {                                                      \
            (Cur).begin = (Cur).end = YYRHSLOC(Rhs, 0).end;           \
        }                                                             \
    } while (0)

/* Past a limit the token is returned as INVALID: the line is skipped by
 * the usual recovery, and the parser's own error at the same spot is
 * dropped as a repeat of this one (diag_dedupe).  One report per line. */
static int over_limit(parser_ctx *px, const YYLTYPE *lloc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int over_limit(parser_ctx *px, const YYLTYPE *lloc, const char *fmt, ...)
{
    if (!px->over_limit) {
        va_list ap;
        va_start(ap, fmt);
        diag_vadd(px->diags, DIAG_ERROR, lex_span(&px->lx, lloc->begin, lloc->end), "limit", fmt, ap);
        va_end(ap);
    }
    px->over_limit = true;
    return TOK_INVALID;
}

/* yylex and yyerror are macros naming this parser's own (fisc_ or fiscf_). */
static int yylex(YYSTYPE *lval, YYLTYPE *lloc, parser_ctx *px)
{
    if (px->placeholder_start) {
        px->placeholder_start = false;
        lloc->begin = lloc->end = px->lx.stop;
        lval->tok.s = NULL;
        lval->tok.n = 0;
        return TOK_PLACEHOLDER_START;
    }
    int tok = lex_scan(&px->lx, &lval->tok, lloc);
    if (tok == TOK_MINUS || tok == TOK_PLUS) {
        if (++px->signs > PARSE_MAX_SIGNS)
            return over_limit(px, lloc, "more than %d signs in a row (the sign limit)", PARSE_MAX_SIGNS);
        return tok;
    }
    px->signs = 0;
    if ((tok == TOK_LPAREN || tok == TOK_LBRACKET) && px->lx.parens > PARSE_MAX_NESTING)
        return over_limit(px, lloc, "'(' and '[' nested deeper than %d levels (the nesting limit)",
                          PARSE_MAX_NESTING);
    if (tok == TOK_NEWLINE)
        px->over_limit = false;
    return tok;
}

/* Whether a syntax error at lloc is to be reported; counts it either way. */
static bool error_to_report(parser_ctx *px, const YYLTYPE *lloc)
{
    px->syntax_errors++;
    px->over_limit = true;      /* one message per line: no limit after this */
    if (px->lx.fatal)
        return false;
    /* a token the lexer made of bytes that are not UTF-8, after the one
     * error the file gets for them */
    return !(px->lx.silent && lloc->begin == px->lx.silent_at);
}

/* Bison calls this only when its stack is full ("memory exhausted"): the
 * stack is bounded by the limits above, so should it happen anyway, it is
 * said in the words of a limit, not Bison's.  Syntax errors go to
 * yyreport_syntax_error. */
static void yyerror(YYLTYPE *lloc, parser_ctx *px, const char *msg)
{
    (void)msg;
    if (error_to_report(px, lloc))
        diag_add(px->diags, DIAG_ERROR, lex_span(&px->lx, lloc->begin, lloc->end), "limit",
                 "too deeply nested for the parser (more than %d open constructs)", YYMAXDEPTH);
}

static span sp(parser_ctx *px, lex_loc l) { return lex_span(&px->lx, l.begin, l.end); }

static const char *intern(parser_ctx *px, lex_token t)
{
    return strtab_intern(px->names, t.s, t.n);
}

/* Decodes a "..." token (escapes \" \\ \n \t) and interns the contents. */
static const char *intern_string(parser_ctx *px, lex_token t, lex_loc l)
{
    char small[256];
    char *buf = t.n <= sizeof small ? small : arena_alloc(px->a, t.n);
    size_t n = 0;
    for (uint32_t i = 1; i + 1 < t.n; i++) {
        char c = t.s[i];
        if (c == '\\') {
            char e = t.s[++i];
            switch (e) {
            case '"': case '\\': c = e; break;
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            default:
                diag_add(px->diags, DIAG_ERROR, lex_span(&px->lx, l.begin + i - 1, l.begin + i + 1), NULL,
                         "unknown escape '\\%c' in string (use \\\" \\\\ \\n or \\t)", e);
                c = e;
            }
        }
        buf[n++] = c;
    }
    return strtab_intern(px->names, buf, n);
}

/* Blank lines immediately above the line that holds offset `at`.  Each
 * line above is read backwards from its end and only as far as its last
 * non-blank character, so a line of text costs a byte or two. */
static unsigned blank_lines_before(const src_file *f, uint32_t at)
{
    const char *t = f->text;
    uint32_t p = at;
    while (p > 0 && t[p - 1] != '\n')
        p--;
    unsigned blanks = 0;
    while (p > 0) {
        uint32_t q = p - 1;             /* the '\n' ending the previous line */
        while (q > 0 && (t[q - 1] == ' ' || t[q - 1] == '\t' || t[q - 1] == '\r'))
            q--;
        if (q > 0 && t[q - 1] != '\n')
            break;                      /* that line holds something */
        blanks++;
        p = q;
    }
    return blanks;
}

static ast_item *new_item(parser_ctx *px, ast_item_kind kind, lex_loc at)
{
    ast_item *it = arena_alloc(px->a, sizeof *it);
    it->kind = kind;
    it->at = sp(px, at);
    if (!px->stream)
        it->blank_before = blank_lines_before(px->src, at.begin);
    return it;
}

/* Room for one more element of a parser stack (a side block of px->a). */
#define STACK_PUSH(px, v, n, cap)                                                          \
    do {                                                                                   \
        if ((n) == (cap)) {                                                                \
            size_t ncap_ = (cap) ? (cap) * 2 : 64;                                         \
            (v) = arena_side_grow((px)->stacks, (v), (cap) * sizeof *(v), ncap_ * sizeof *(v)); \
            (cap) = ncap_;                                                                 \
        }                                                                                  \
    } while (0)

/* Error recovery skipped from the line holding a's start to b's end
 * (ast_file.skipped).  The line, not a itself: the error token's location
 * starts at the first symbol popped, or at the bad token when that symbol
 * was empty (YYLLOC_DEFAULT skips those), and the line's label is lost
 * either way. */
static void skipped(parser_ctx *px, lex_loc a, lex_loc b)
{
    uint32_t begin = a.begin;
    while (begin > 0 && px->src->text[begin - 1] != '\n')
        begin--;
    STACK_PUSH(px, px->skipped, px->nskipped, px->capskipped);
    px->skipped[px->nskipped++] = lex_span(&px->lx, begin, b.end);
}

static void push_top(parser_ctx *px, ast_item *it)
{
    if (!it)
        return;
    if (px->on_item) {
        px->on_item(px->on_item_ctx, it);
        return;
    }
    STACK_PUSH(px, px->top, px->ntop, px->captop);
    px->top[px->ntop++] = it;
}

/* Appends it to the run r of the item stack.  The stack is cut back to
 * r's end first: a block abandoned by error recovery may have left items
 * above it. */
static vrange push_item(parser_ctx *px, vrange r, ast_item *it)
{
    px->nitems = r.start + r.n;
    if (!it)
        return r;
    STACK_PUSH(px, px->items, px->nitems, px->capitems);
    px->items[px->nitems++] = it;
    r.n++;
    return r;
}

/* A new, empty run at the top of the item stack. */
static vrange items_begin(parser_ctx *px)
{
    vrange r = { (uint32_t)px->nitems, 0 };
    return r;
}

/* The run r of the item stack copied out, exactly sized; the stack is cut
 * back to r's start. */
static item_list items_end(parser_ctx *px, vrange r)
{
    item_list l = { NULL, r.n };
    if (r.n) {
        l.v = arena_alloc(px->a, r.n * sizeof *l.v);
        memcpy(l.v, px->items + r.start, r.n * sizeof *l.v);
    }
    px->nitems = r.start;
    return l;
}

/* Pushes a value on the value stack; returns its index. */
static uint32_t push_value(parser_ctx *px, ast_value v)
{
    STACK_PUSH(px, px->vals, px->nvals, px->capvals);
    px->vals[px->nvals] = v;
    return (uint32_t)px->nvals++;
}

/* The values [r.start, r.start + r.n) copied out, exactly sized. */
static ast_values values_out(parser_ctx *px, vrange r)
{
    ast_values out = { NULL, r.n };
    if (r.n) {
        out.v = arena_alloc(px->a, r.n * sizeof *out.v);
        memcpy(out.v, px->vals + r.start, r.n * sizeof *out.v);
    }
    return out;
}

/* A run of values: the first, or one more after it (r's values are
 * contiguous: nothing else is pushed between the values of one list). */
static vrange values_first(uint32_t i)
{
    vrange r = { i, 1 };
    return r;
}

static vrange no_values(void)
{
    vrange r = { 0, 0 };
    return r;
}

static void push_path(parser_ctx *px, path_vec *v, ast_path *p)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        v->v = arena_grow(px->a, v->v, v->cap * sizeof *v->v, cap * sizeof *v->v);
        v->cap = cap;
    }
    v->v[v->n++] = *p;
}

static ast_path *new_path(parser_ctx *px)
{
    return arena_alloc(px->a, sizeof(ast_path));
}

/* Appends a segment to p; false (reported) past the path limit, and the
 * rule's action then gives up the line with YYERROR. */
static bool push_seg(parser_ctx *px, ast_path *p, const char *seg, span at, bool code)
{
    if (p->n == PARSE_MAX_PATH) {
        /* No path that long can name anything: blocks nest at most
         * LEX_MAX_DEPTH deep. */
        diag_add(px->diags, DIAG_ERROR, at, "limit", "a path of more than %d segments (the path limit)",
                 PARSE_MAX_PATH);
        return false;
    }
    /* Capacity doubles at each power of two (the three arrays grow in
     * turn, so none is extended in place: one by one was quadratic). */
    if ((p->n & (p->n - 1)) == 0) {
        size_t cap = p->n ? 2 * p->n : 1;
        p->seg = arena_grow(px->a, (void *)p->seg, p->n * sizeof *p->seg, cap * sizeof *p->seg);
        p->seg_at = arena_grow(px->a, p->seg_at, p->n * sizeof *p->seg_at, cap * sizeof *p->seg_at);
        p->seg_is_code = arena_grow(px->a, p->seg_is_code, p->n * sizeof *p->seg_is_code,
                                    cap * sizeof *p->seg_is_code);
    }
    p->seg[p->n] = seg;
    p->seg_at[p->n] = at;
    p->seg_is_code[p->n] = code;
    if (p->n == 0)
        p->at = at;
    else
        p->at.end = at.end;
    p->n++;
    return true;
}

/* One more level under path p (a slash and a star), or all of them (all: a
 * slash and two stars), written at l; false (reported) after all of them. */
static bool add_star(parser_ctx *px, ast_path *p, lex_loc l, bool all)
{
    if (p->star == AST_STAR_ALL || (all && p->star)) {
        diag_add(px->diags, DIAG_ERROR, sp(px, l), NULL,
                 "'/**' is every line under it: write it alone, after the line's path");
        return false;
    }
    if (p->star + 1 >= PARSE_MAX_PATH) {
        diag_add(px->diags, DIAG_ERROR, sp(px, l), "limit", "a path of more than %d segments (the path limit)",
                 PARSE_MAX_PATH);
        return false;
    }
    p->star = all ? AST_STAR_ALL : (unsigned char)(p->star + 1);
    return true;
}

/* A path segment after '/': a name, a "quoted label" or a code. */
static bool push_seg_token(parser_ctx *px, ast_path *p, lex_token t, lex_loc l)
{
    if (t.s[0] == '"')
        return push_seg(px, p, intern_string(px, t, l), sp(px, l), false);
    return push_seg(px, p, intern(px, t), sp(px, l), t.s[0] >= '0' && t.s[0] <= '9');
}

/* Appends operand e (after relation r, for all but the first) to the run
 * c of the operand stack; the stack is cut back to c's end first. */
static vrange push_operand(parser_ctx *px, vrange c, ast_expr *e, rel_tok r, lex_loc rl)
{
    px->nops = c.start + c.n;
    STACK_PUSH(px, px->ops, px->nops, px->capops);
    operand_slot *o = &px->ops[px->nops++];
    o->e = e;
    o->rel = r.rel;
    o->text = r.text;
    o->at = sp(px, rl);
    c.n++;
    return c;
}

static void set_block(ast_item *it, item_list kids, span end)
{
    it->kids = kids.v;
    it->nkids = kids.n;
    it->has_block = true;
    it->end = end;
    it->end.begin = end.end - 1;    /* the closing brace */
    for (size_t i = 0; i < kids.n; i++)
        kids.v[i]->parent = it;
}

static ast_value number_value(parser_ctx *px, num_tok t, lex_loc l)
{
    ast_value v;
    memset(&v, 0, sizeof v);
    v.kind = VAL_NUMBER;
    v.at = sp(px, l);
    v.text = t.s;
    v.len = t.n;
    v.neg = t.sign == SIGN_MINUS;
    v.plus = t.sign == SIGN_PLUS;
    return v;
}

/* A number with a unit name or % after it (unit_loc.begin is where the
 * unit starts; the value's span ends where the unit does). */
static ast_value unit_value(parser_ctx *px, num_tok t, lex_loc l, lex_token unit, lex_loc unit_loc)
{
    ast_value v = number_value(px, t, l);
    v.unit = intern(px, unit);
    v.unit_begin = unit_loc.begin;
    v.at.end = unit_loc.end;
    return v;
}

/* The location from a's start to b's end. */
static lex_loc loc2(lex_loc a, lex_loc b)
{
    lex_loc l = { a.begin, b.end };
    return l;
}

static num_tok signed_tok(lex_token t, uint8_t sign)
{
    num_tok n = { t.s, t.n, sign };
    return n;
}

static ast_expr *new_expr(parser_ctx *px, ast_expr_kind k, lex_loc l)
{
    ast_expr *e = arena_alloc(px->a, sizeof *e);
    e->kind = k;
    e->at = sp(px, l);
    return e;
}

static ast_item *attr(parser_ctx *px, ast_attr_kind k, lex_loc l, ast_value v)
{
    ast_item *it = new_item(px, ITEM_ATTR, l);
    it->attr = k;
    it->args.v = arena_alloc(px->a, sizeof *it->args.v);
    it->args.v[0] = v;
    it->args.n = 1;
    return it;
}

static ast_value word_value(parser_ctx *px, lex_token t, lex_loc l, ast_value_kind k)
{
    ast_value v;
    memset(&v, 0, sizeof v);
    v.kind = k;
    v.at = sp(px, l);
    v.text = t.s;
    v.len = t.n;
    return v;
}

/* A "..." argument: contents decoded and interned, span the whole token. */
static ast_value text_value(parser_ctx *px, lex_token t, lex_loc l)
{
    ast_value v = word_value(px, t, l, VAL_TEXT);
    v.text = intern_string(px, t, l);
    v.len = strlen(v.text);
    return v;
}

static void set_label(parser_ctx *px, ast_item *it, lex_token t, lex_loc l)
{
    it->label_quoted = t.s[0] == '"';
    it->label = it->label_quoted ? intern_string(px, t, l) : intern(px, t);
    it->label_at = sp(px, l);
}

/* The line's relation and values: none yet (line_rel's empty form). */
static void no_rel(parser_ctx *px)
{
    px->line.has_rel = false;
    px->line.rel = REL_EQ;
    px->line.vals = no_values();
    px->line.derive = DERIVE_NONE;
    px->line.derive_basis = BASIS_OWN;
    px->line.from = NULL;
}

static void set_rel(parser_ctx *px, ast_rel rel, lex_token tok, lex_loc loc, vrange vals)
{
    px->line.has_rel = true;
    px->line.rel = rel;
    px->line.rel_tok = tok;
    px->line.rel_loc = loc;
    px->line.vals = vals;
    px->line.derive = DERIVE_NONE;
    px->line.derive_basis = BASIS_OWN;
    px->line.from = NULL;
}

/* known "reason", when the item's line ended with one (px->known). */
static void set_known(parser_ctx *px, ast_item *it)
{
    if (!px->known.s)
        return;
    it->known = intern_string(px, px->known, px->known_loc);
    it->known_at = sp(px, px->known_loc);
    px->known.s = NULL;
}

/* The years an item names on purpose (years 2019 ...), copied out of
 * the value stack, which is cut back to where they began. */
static void set_years(parser_ctx *px, ast_item *it, vrange r)
{
    if (!r.n)
        return;
    it->years = values_out(px, r);
    px->nvals = r.start;
}

/* One more `was`, `change` or `budget` of the line head being parsed. */
static void add_compare(parser_ctx *px, unsigned what, unsigned basis, lex_loc at, vrange vals)
{
    line_parts *lp = &px->line;
    if (lp->ncmp == LINE_MAX_COMPARES) {
        diag_add(px->diags, DIAG_ERROR, sp(px, at), "syntax",
                 "more than %d 'was', 'change' and 'budget' lists on one line", LINE_MAX_COMPARES);
        return;
    }
    struct cmp_part *c = &lp->cmp[lp->ncmp++];
    c->what = (unsigned char)what;
    c->basis = (unsigned char)basis;
    c->at = at;
    c->vals = vals;
    c->has_since = false;
}

/* The line's compares copied out in canonical order (ast_compare_order;
 * a stable insertion sort of at most LINE_MAX_COMPARES); the lowest
 * value-stack index they use goes to *bottom. */
static void compares_out(parser_ctx *px, ast_item *it, uint32_t *bottom)
{
    const line_parts *lp = &px->line;
    it->cmp = NULL;
    it->ncmp = lp->ncmp;
    if (!lp->ncmp)
        return;
    ast_compare *v = arena_alloc(px->a, lp->ncmp * sizeof *v);
    for (unsigned i = 0; i < lp->ncmp; i++) {
        const struct cmp_part *c = &lp->cmp[i];
        ast_compare x;
        memset(&x, 0, sizeof x);
        x.what = c->what;
        x.basis = c->basis;
        x.at = sp(px, c->at);
        x.values = values_out(px, c->vals);
        if (c->has_since)
            x.since = c->since;
        if (c->vals.n && c->vals.start < *bottom)
            *bottom = c->vals.start;
        unsigned j = i;
        for (; j > 0 && ast_compare_order(&v[j - 1]) > ast_compare_order(&x); j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
    it->cmp = v;
}

/* The item of a line head, from what its parts left in px->line; its
 * values leave the value stack (a line's children push theirs after). */
static ast_item *line_head(parser_ctx *px, lex_loc at, int total, unsigned mods)
{
    ast_item *it = new_item(px, ITEM_LINE, at);
    const line_parts *lp = &px->line;
    it->total = total;
    it->heading = mods & 1;
    it->ofwhich = (mods & 2) != 0;
    it->text_col = (mods & 4) != 0;
    it->chart = (mods & 16) != 0;
    if (mods & 8) {
        it->subtotal = intern_string(px, lp->subtotal, lp->subtotal_loc);
        it->subtotal_at = sp(px, lp->subtotal_loc);
    }
    if (mods & 32)
        it->scope = lp->scope;
    it->rel = REL_EQ;
    if (lp->has_rel) {
        it->rel = lp->rel;
        it->rel_text = intern(px, lp->rel_tok);
        it->rel_at = sp(px, lp->rel_loc);
        it->values = values_out(px, lp->vals);
        it->derive = lp->derive;
        it->derive_basis = lp->derive_basis;
        it->derive_from = lp->from;
    }
    it->years = values_out(px, lp->years);
    set_known(px, it);
    uint32_t bottom = lp->years.n ? lp->years.start : lp->has_rel && lp->vals.n ? lp->vals.start
                    : (uint32_t)px->nvals;
    compares_out(px, it, &bottom);
    px->nvals = bottom;
    return it;
}

/* The line's unit/rounding modifiers, made on the first one. */
static ast_scope *scope_of(parser_ctx *px)
{
    if (!px->line.scope)
        px->line.scope = arena_alloc(px->a, sizeof *px->line.scope);   /* zeroed */
    return px->line.scope;
}

/* A line of text (TOK_PROSE: '>' and the rest of the line): its text
 * from the first character after the blanks that follow '>', trailing
 * blanks dropped. */
static ast_item *prose_item(parser_ctx *px, lex_token t, lex_loc l)
{
    ast_item *it = new_item(px, ITEM_PROSE, l);
    uint32_t b = 1, e = t.n;
    while (b < e && (t.s[b] == ' ' || t.s[b] == '\t'))
        b++;
    while (e > b && (t.s[e - 1] == ' ' || t.s[e - 1] == '\t'))
        e--;
    lex_token text = { t.s + b, e - b };
    it->title = intern(px, text);
    it->title_at = lex_span(&px->lx, l.begin + b, l.begin + e);
    return it;
}

/* The line is complete: its block, if it has one. */
static ast_item *line_done(parser_ctx *px, ast_item *it, item_list b, lex_loc bl)
{
    if (b.n != UINT32_MAX) {
        it->at.end = bl.begin + 1;  /* the item's span is its head line */
        set_block(it, b, sp(px, bl));
    }
    return it;
}
}

%union {
    lex_token tok;
    num_tok num;
    ast_item *item;
    item_list list;
    vrange run;
    uint32_t index;
    ast_expr *expr;
    ast_path *path;
    path_vec *paths;
    rel_tok rel;
    tol_spec tol;
    unsigned flags;
}

%token END 0 "end of file"
%token INVALID "invalid token"
%token NEWLINE "end of line"
%token <tok> NAME "name" STRING "string" NUMBER "number"
%token <tok> KW_BUDGET "budget" KW_IMPORT "import" KW_CLASSIFICATION "classification"
%token <tok> KW_TABLE "table" KW_NARRATIVE "narrative" KW_COLUMNS "columns" KW_ROWS "rows"
%token <tok> KW_FOR "for" KW_CHECK "check" KW_TOTAL "total" KW_WAS "was" KW_CHANGE "change"
%token <tok> KW_PREV "prev" KW_RATE "rate" KW_WITHIN "within" KW_EXACT "exact" KW_AS "as"
%token <tok> KW_HEADING "heading" KW_SUBTOTAL "subtotal" KW_OFWHICH "ofwhich" KW_TEXT "text"
%token <tok> KW_CHART "chart"
%token <tok> KW_INDICATORS "indicators" KW_YEAR "year" KW_UNIT "unit" KW_ROUNDING "rounding"
%token <tok> KW_TOLERANCE "tolerance" KW_PREVIOUS "previous" KW_NUMBER "number keyword"
%token <tok> KW_DEPARTMENT "department" KW_NOTE "note" KW_PRECISION "precision" KW_KNOWN "known"
%token <tok> KW_EXTEND "extend"
%token <tok> KW_EMPTY "empty"
%token <tok> KW_BESIDE "beside" KW_CODES "codes" KW_TEMPLATE "template"
%token <tok> KW_YEARS "years" KW_CONSOLIDATED "consolidated"
%token <tok> KW_FINAL "final" KW_SINCE "since"
%token <tok> EQEQ "==" EQ "=" NE "!=" GE ">=" LE "<=" GT ">" LT "<"
%token <tok> PLUS "+" MINUS "-" PERCENT "%" SLASH "/" COMMA ","
%token <tok> STAR "*" STARSTAR "**" DIV "'/' (divided by)"
%token <tok> LPAREN "(" RPAREN ")" LBRACKET "[" RBRACKET "]" LBRACE "{" RBRACE "}"
%token <tok> UNDERSCORE "_"
%token <tok> DASH "blank '-'"
%token <tok> PROSE "line of text"
%token PLACEHOLDER_START "placeholder" PLACEHOLDER_END "end of placeholder"

%type <run> items values change_items chain code_heads opt_years year_list
%type <index> code_head
%type <flags> opt_beside
%type <list> block_body opt_block
%type <item> item line line_head attr
%type <index> value change_item
%type <num> signed_number
%type <tok> label segment
%type <expr> expr mul term primary ref
%type <path> path bare_path code_path starred bare_starred code_starred
%type <paths> col_list opt_for
%type <rel> check_rel
%type <flags> modifiers opt_total derive_fn basis expr_basis
%type <tok> opt_since
%type <tol> opt_tolerance

%%

/* A file is a list of items, one per line.  Top-level items are kept
 * as they complete, so a parse that fails at the end keeps them. */
file
    : top_items
    /* parse_placeholder: one expression, as in a check */
    | PLACEHOLDER_START expr PLACEHOLDER_END { px->placeholder = $2; }
    ;

top_items
    : %empty
    | top_items NEWLINE
    | top_items item NEWLINE        { push_top(px, $2); }
    | top_items error NEWLINE       { yyerrok; skipped(px, @2, @3); }
    | top_items error block_body NEWLINE { yyerrok; skipped(px, @2, @4); }
    ;

items
    : %empty                        { $$ = items_begin(px); }
    | items NEWLINE                 { $$ = $1; }
    | items item NEWLINE            { $$ = push_item(px, $1, $2); }
    | items error NEWLINE           { $$ = $1; yyerrok; skipped(px, @2, @3); }
    /* A bad line that opens a block: skip the block too, so its closing
     * brace is not reported again. */
    | items error block_body NEWLINE { $$ = $1; yyerrok; skipped(px, @2, @4); }
    ;

/* { items }: the closing brace stands on a line of its own. */
block_body
    : LBRACE items RBRACE           { $$ = items_end(px, $2); }
    ;

item
    /* budget "entity" { year 2022  unit 万元  rounding 1 } */
    : KW_BUDGET STRING block_body
        { $$ = new_item(px, ITEM_BUDGET, @1); $$->title = intern_string(px, $2, @2);
          $$->title_at = sp(px, @2); set_block($$, $3, sp(px, @3)); }
    /* import "lib/gov-cn.fisc" */
    | KW_IMPORT STRING
        { $$ = new_item(px, ITEM_IMPORT, @$); $$->title = intern_string(px, $2, @2); $$->title_at = sp(px, @2); }
    /* classification 支出功能分类 "title" { 205 教育支出 { ... } } */
    | KW_CLASSIFICATION NAME block_body
        { $$ = new_item(px, ITEM_CLASSIFICATION, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          set_block($$, $3, sp(px, @3)); }
    | KW_CLASSIFICATION NAME STRING block_body
        { $$ = new_item(px, ITEM_CLASSIFICATION, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          $$->title = intern_string(px, $3, @3); $$->title_at = sp(px, @3); set_block($$, $4, sp(px, @4)); }
    /* classification 支出功能分类 extend { 201 一般公共服务支出 { 20106 财政事务 } }:
     * codes added to an imported classification */
    | KW_CLASSIFICATION NAME KW_EXTEND block_body
        { $$ = new_item(px, ITEM_CLASSIFICATION, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          $$->extends = true; set_block($$, $4, sp(px, @4)); }
    /* table t07 "一般公共预算支出表（按功能分类）" { ... } */
    | KW_TABLE NAME STRING opt_years block_body
        { $$ = new_item(px, ITEM_TABLE, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          $$->title = intern_string(px, $3, @3); $$->title_at = sp(px, @3); set_years(px, $$, $4);
          set_block($$, $5, sp(px, @5)); }
    /* narrative 第三部分 "部门预算支出具体情况" { lines and checks } */
    | KW_NARRATIVE NAME block_body
        { $$ = new_item(px, ITEM_NARRATIVE, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          set_block($$, $3, sp(px, @3)); }
    | KW_NARRATIVE NAME STRING opt_years block_body
        { $$ = new_item(px, ITEM_NARRATIVE, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          $$->title = intern_string(px, $3, @3); $$->title_at = sp(px, @3); set_years(px, $$, $4);
          set_block($$, $5, sp(px, @5)); }
    /* narrative 说明五（二） "..." rows 支出功能分类 { 201 一般公共服务支出（类） = ... }:
     * its codes and class names are checked against the classification */
    | KW_NARRATIVE NAME KW_ROWS NAME block_body
        { $$ = new_item(px, ITEM_NARRATIVE, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          $$->bound = intern(px, $4); $$->bound_at = sp(px, @4); set_block($$, $5, sp(px, @5)); }
    | KW_NARRATIVE NAME STRING opt_years KW_ROWS NAME block_body
        { $$ = new_item(px, ITEM_NARRATIVE, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          $$->title = intern_string(px, $3, @3); $$->title_at = sp(px, @3); set_years(px, $$, $4);
          $$->bound = intern(px, $6); $$->bound_at = sp(px, @6); set_block($$, $7, sp(px, @7)); }
    /* columns { 支出总计 { 基本支出  项目支出 } } */
    | KW_COLUMNS block_body
        { $$ = new_item(px, ITEM_COLUMNS, @1); set_block($$, $2, sp(px, @2)); }
    /* columns 支出类型 { ... }: a named column set, defined to be reused */
    | KW_COLUMNS NAME block_body
        { $$ = new_item(px, ITEM_COLUMNS, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          set_block($$, $3, sp(px, @3)); }
    /* columns 支出类型: a table takes the named set's columns */
    | KW_COLUMNS NAME
        { $$ = new_item(px, ITEM_COLUMNS, @$); $$->id = intern(px, $2); $$->id_at = sp(px, @2); }
    /* rows [classification] [for column, ...] [beside] { lines } */
    | KW_ROWS opt_for opt_beside block_body
        { $$ = new_item(px, ITEM_ROWS, @1); if ($2) { $$->for_cols = $2->v; $$->nfor = $2->n; }
          $$->beside = $3; set_block($$, $4, sp(px, @4)); }
    | KW_ROWS NAME opt_for opt_beside block_body
        { $$ = new_item(px, ITEM_ROWS, @1); $$->classification = intern(px, $2);
          $$->classification_at = sp(px, @2); if ($3) { $$->for_cols = $3->v; $$->nfor = $3->n; }
          $$->beside = $4; set_block($$, $5, sp(px, @5)); }
    /* template 部门决算2024 "title" { table t01 "收入支出决算总表" { number 1  columns { ... } } ... }:
     * the tables a budget that follows it must publish */
    | KW_TEMPLATE NAME block_body
        { $$ = new_item(px, ITEM_TEMPLATE, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          set_block($$, $3, sp(px, @3)); }
    | KW_TEMPLATE NAME STRING block_body
        { $$ = new_item(px, ITEM_TEMPLATE, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          $$->title = intern_string(px, $3, @3); $$->title_at = sp(px, @3); set_block($$, $4, sp(px, @4)); }
    /* indicators { 一级指标 { 二级指标 { 名称 >= 85% } } } */
    | KW_INDICATORS block_body
        { $$ = new_item(px, ITEM_INDICATORS, @1); set_block($$, $2, sp(px, @2)); }
    /* check a == b + c [within 2 | exact] [as "label"] */
    | KW_CHECK chain opt_tolerance opt_known
        { $$ = new_item(px, ITEM_CHECK, @$);
          size_t n = $2.n;
          const operand_slot *o = px->ops + $2.start;
          $$->ops = arena_alloc(px->a, n * sizeof *$$->ops);
          $$->rels = arena_alloc(px->a, n * sizeof *$$->rels);
          $$->rel_texts = arena_alloc(px->a, n * sizeof *$$->rel_texts);
          $$->rel_ats = arena_alloc(px->a, n * sizeof *$$->rel_ats);
          for (size_t i = 0; i < n; i++) {
              $$->ops[i] = o[i].e;
              if (i > 0) {
                  $$->rels[i - 1] = o[i].rel;
                  $$->rel_texts[i - 1] = o[i].text;
                  $$->rel_ats[i - 1] = o[i].at;
              }
          }
          $$->nops = n;
          px->nops = $2.start;
          $$->tol = $3.tol;
          if ($3.tol == TOL_WITHIN) { $$->within = px->vals[$3.within]; px->nvals = $3.within; }
          if (px->label.s) $$->check_label = intern_string(px, px->label, px->label_loc);
          set_known(px, $$); }
    | attr                          { $$ = $1; }
    | line                          { $$ = $1; }
    /* > 2022 年部门预算收入 {部门预算收入}，比 {year - 1} 年{change(部门预算收入):增加|减少}。 */
    | PROSE                         { $$ = prose_item(px, $1, @1); }
    ;

/* A check's own tolerance (overriding the budget's) and report label; the
 * label goes to px->label (its s NULL when none), the within value stays
 * on the value stack until the check takes it. */
opt_tolerance
    : %empty                        { $$.tol = TOL_DEFAULT; $$.within = 0; px->label.s = NULL; }
    | KW_EXACT                      { $$.tol = TOL_EXACT; $$.within = 0; px->label.s = NULL; }
    | KW_WITHIN value               { $$.tol = TOL_WITHIN; $$.within = $2; px->label.s = NULL; }
    | KW_AS STRING                  { $$.tol = TOL_DEFAULT; $$.within = 0; px->label = $2; px->label_loc = @2; }
    | KW_EXACT KW_AS STRING         { $$.tol = TOL_EXACT; $$.within = 0; px->label = $3; px->label_loc = @3; }
    | KW_WITHIN value KW_AS STRING
        { $$.tol = TOL_WITHIN; $$.within = $2; px->label = $4; px->label_loc = @4; }
    ;

/* known "原文如此…": a published discrepancy, acknowledged; the string
 * goes to px->known until the item takes it. */
opt_known
    : %empty                        { px->known.s = NULL; }
    | KW_KNOWN STRING               { px->known = $2; px->known_loc = loc2(@1, @2); }
    ;

attr
    : KW_YEAR NUMBER                { $$ = attr(px, ATTR_YEAR, @$, number_value(px, signed_tok($2, SIGN_NONE), @2)); }
    | KW_UNIT NAME                  { $$ = attr(px, ATTR_UNIT, @$, word_value(px, $2, @2, VAL_WORD)); }
    | KW_ROUNDING value             { $$ = attr(px, ATTR_ROUNDING, @$, px->vals[$2]); px->nvals = $2; }
    | KW_TOLERANCE KW_ROUNDING      { $$ = attr(px, ATTR_TOLERANCE, @$, word_value(px, $2, @2, VAL_WORD)); }
    | KW_TOLERANCE KW_EXACT         { $$ = attr(px, ATTR_TOLERANCE, @$, word_value(px, $2, @2, VAL_WORD)); }
    | KW_TOLERANCE value            { $$ = attr(px, ATTR_TOLERANCE, @$, px->vals[$2]); px->nvals = $2; }
    | KW_PREVIOUS STRING            { $$ = attr(px, ATTR_PREVIOUS, @$, text_value(px, $2, @2)); }
    | KW_NUMBER NUMBER              { $$ = attr(px, ATTR_NUMBER, @$, number_value(px, signed_tok($2, SIGN_NONE), @2)); }
    /* department "…" [known "…"]: a 部门 line that is not the budget's, as published */
    | KW_DEPARTMENT STRING opt_known
        { $$ = attr(px, ATTR_DEPARTMENT, @$, text_value(px, $2, @2)); set_known(px, $$); }
    | KW_NOTE STRING opt_years      { $$ = attr(px, ATTR_NOTE, @$, text_value(px, $2, @2)); set_years(px, $$, $3); }
    | KW_PRECISION NUMBER           { $$ = attr(px, ATTR_PRECISION, @$, number_value(px, signed_tok($2, SIGN_NONE), @2)); }
    /* empty ["注：本表无数据。"]: a table with no figure, and its note */
    | KW_EMPTY                      { $$ = new_item(px, ITEM_ATTR, @$); $$->attr = ATTR_EMPTY; }
    | KW_EMPTY STRING opt_years     { $$ = attr(px, ATTR_EMPTY, @$, text_value(px, $2, @2)); set_years(px, $$, $3); }
    /* consolidated (in the budget header): its tables are its departments' */
    | KW_CONSOLIDATED               { $$ = new_item(px, ITEM_ATTR, @$); $$->attr = ATTR_CONSOLIDATED; }
    /* final (in the budget header): its figures are final accounts (决算) */
    | KW_FINAL                      { $$ = new_item(px, ITEM_ATTR, @$); $$->attr = ATTR_FINAL; }
    /* template 部门决算2024 (in the budget header): the template it follows */
    | KW_TEMPLATE NAME              { $$ = attr(px, ATTR_TEMPLATE, @$, word_value(px, $2, @2, VAL_WORD)); }
    /* codes 类 款 项 | codes hidden: how a table prints its lines' codes */
    | KW_CODES code_heads
        { $$ = new_item(px, ITEM_ATTR, @$); $$->attr = ATTR_CODES; $$->args = values_out(px, $2);
          px->nvals = $2.start; }
    ;

code_heads
    : code_head                     { $$ = values_first($1); }
    | code_heads code_head          { $$ = $1; $$.n++; }
    ;

code_head
    : NAME                          { $$ = push_value(px, word_value(px, $1, @1, VAL_WORD)); }
    | STRING                        { $$ = push_value(px, text_value(px, $1, @1)); }
    ;

/* years 2019 2020: years a title, note or label names on purpose (not
 * the budget's year or the one before it); pushed on the value stack */
opt_years
    : %empty                        { $$ = no_values(); }
    | KW_YEARS year_list            { $$ = $2; }
    ;

year_list
    : NUMBER                        { $$ = values_first(push_value(px, number_value(px, signed_tok($1, SIGN_NONE), @1))); }
    | year_list NUMBER              { $$ = $1; $$.n++; push_value(px, number_value(px, signed_tok($2, SIGN_NONE), @2)); }
    ;

/* beside: the rows block stands to the right of the one before it */
opt_beside
    : %empty                        { $$ = 0; }
    | KW_BESIDE                     { $$ = 1; }
    ;

opt_for
    : %empty                        { $$ = NULL; }
    | KW_FOR col_list               { $$ = $2; }
    ;

col_list
    : path                          { $$ = arena_alloc(px->a, sizeof *$$); push_path(px, $$, $1); }
    | col_list COMMA path           { $$ = $1; push_path(px, $$, $3); }
    ;

/* A line: [total] [code] [label] [modifiers] [REL values] [was values]
 * [change values] [{ children }].  Rows, columns, classification entries
 * and indicators are all lines; the resolver gives each its meaning.  The
 * head makes the item (its parts are in px->line) before the children are
 * parsed. */
line
    : line_head opt_block           { $$ = line_done(px, $1, $2, @2); }
    ;

line_head
    : opt_total NUMBER label modifiers line_rel compares opt_known
        { $$ = line_head(px, @$, $1, $4);
          $$->code = intern(px, $2); $$->code_at = sp(px, @2); set_label(px, $$, $3, @3); }
    | opt_total NUMBER modifiers line_rel compares opt_known
        { $$ = line_head(px, @$, $1, $3); $$->code = intern(px, $2); $$->code_at = sp(px, @2); }
    | opt_total label modifiers line_rel compares opt_known
        { $$ = line_head(px, @$, $1, $3); set_label(px, $$, $2, @2); }
    ;

derive_fn
    : KW_PREV                       { $$ = DERIVE_PREV; }
    | KW_CHANGE                     { $$ = DERIVE_CHANGE; }
    | KW_RATE                       { $$ = DERIVE_RATE; }
    ;

opt_total
    : %empty                        { $$ = 0; }
    | KW_TOTAL                      { $$ = 1; }
    ;

label
    : NAME                          { $$ = $1; }
    | STRING                        { $$ = $1; }
    ;

/* heading 1, ofwhich 2, text 4, subtotal "..." 8 (its string in
 * px->line), chart 16 (the published document draws a chart of the line
 * and its parts: docs/publish.md) */
modifiers
    : %empty                        { $$ = 0; px->line.scope = NULL; px->line.years = no_values(); px->line.ncmp = 0; }
    /* a column's precision: unit 元, rounding 0.01 [万元] */
    | modifiers KW_UNIT NAME        { $$ = $1 | 32; scope_of(px)->unit = intern(px, $3); scope_of(px)->unit_at = sp(px, @3); }
    | modifiers KW_ROUNDING NUMBER  { $$ = $1 | 32; scope_of(px)->rounding = number_value(px, signed_tok($3, SIGN_NONE), @3); }
    | modifiers KW_ROUNDING NUMBER NAME
        { $$ = $1 | 32; scope_of(px)->rounding = unit_value(px, signed_tok($3, SIGN_NONE), @3, $4, @4); }
    | modifiers KW_YEARS year_list  { $$ = $1; px->line.years = $3; }
    | modifiers KW_HEADING          { $$ = $1 | 1; }
    | modifiers KW_OFWHICH          { $$ = $1 | 2; }
    | modifiers KW_TEXT             { $$ = $1 | 4; }
    | modifiers KW_CHART            { $$ = $1 | 16; }
    | modifiers KW_SUBTOTAL STRING  { $$ = $1 | 8; px->line.subtotal = $3; px->line.subtotal_loc = @3; }
    ;

/* The relation and values go to px->line. */
line_rel
    : %empty                        { no_rel(px); }
    | EQ values                     { set_rel(px, REL_EQ, $1, @1, $2); }
    /* "2021 年" = prev("2022 年"): last year's values, the change, the rate */
    | EQ derive_fn LPAREN path RPAREN
        { set_rel(px, REL_EQ, $1, @1, no_values()); px->line.derive = (ast_derive)$2; px->line.from = $4; }
    /* "2021 年执行数" = prev("2022 年", final); "预算数" = budget("决算数") */
    | EQ derive_fn LPAREN path COMMA expr_basis RPAREN
        { set_rel(px, REL_EQ, $1, @1, no_values()); px->line.derive = (ast_derive)$2; px->line.from = $4;
          px->line.derive_basis = (unsigned char)$6; }
    | EQ KW_BUDGET LPAREN path RPAREN
        { set_rel(px, REL_EQ, $1, @1, no_values()); px->line.derive = DERIVE_PREV; px->line.from = $4;
          px->line.derive_basis = BASIS_THIS_BUDGET; }
    | GE values                     { set_rel(px, REL_GE, $1, @1, $2); }
    | LE values                     { set_rel(px, REL_LE, $1, @1, $2); }
    | GT values                     { set_rel(px, REL_GT, $1, @1, $2); }
    | LT values                     { set_rel(px, REL_LT, $1, @1, $2); }
    ;

/* After the first value, each alternative is spelled out: a plain number
 * in a list (most of a budget) then costs one reduction, not three. */
values
    : value                         { $$ = values_first($1); }
    | values NUMBER                 { $$ = $1; $$.n++; push_value(px, number_value(px, signed_tok($2, SIGN_NONE), @2)); }
    | values NUMBER NAME            { $$ = $1; $$.n++; push_value(px, unit_value(px, signed_tok($2, SIGN_NONE), @2, $3, @3)); }
    | values NUMBER PERCENT         { $$ = $1; $$.n++; push_value(px, unit_value(px, signed_tok($2, SIGN_NONE), @2, $3, @3)); }
    | values MINUS NUMBER           { $$ = $1; $$.n++; push_value(px, number_value(px, signed_tok($3, SIGN_MINUS), loc2(@2, @3))); }
    | values MINUS NUMBER NAME      { $$ = $1; $$.n++; push_value(px, unit_value(px, signed_tok($3, SIGN_MINUS), loc2(@2, @3), $4, @4)); }
    | values MINUS NUMBER PERCENT   { $$ = $1; $$.n++; push_value(px, unit_value(px, signed_tok($3, SIGN_MINUS), loc2(@2, @3), $4, @4)); }
    | values PLUS NUMBER            { $$ = $1; $$.n++; push_value(px, number_value(px, signed_tok($3, SIGN_PLUS), loc2(@2, @3))); }
    | values PLUS NUMBER NAME       { $$ = $1; $$.n++; push_value(px, unit_value(px, signed_tok($3, SIGN_PLUS), loc2(@2, @3), $4, @4)); }
    | values PLUS NUMBER PERCENT    { $$ = $1; $$.n++; push_value(px, unit_value(px, signed_tok($3, SIGN_PLUS), loc2(@2, @3), $4, @4)); }
    | values UNDERSCORE             { $$ = $1; $$.n++; push_value(px, word_value(px, $2, @2, VAL_DERIVED)); }
    | values DASH                   { $$ = $1; $$.n++; push_value(px, word_value(px, $2, @2, VAL_BLANK)); }
    | values STRING                 { $$ = $1; $$.n++; push_value(px, text_value(px, $2, @2)); }
    ;

/* 7,440   -36   105 台   85%   _   "有效提升": each pushed on the value
 * stack, its index the semantic value.  The sign and unit are spelled out
 * here (not as optional parts) so a plain number costs one reduction. */
value
    : signed_number                 { $$ = push_value(px, number_value(px, $1, @1)); }
    | signed_number NAME            { $$ = push_value(px, unit_value(px, $1, @1, $2, @2)); }
    | signed_number PERCENT         { $$ = push_value(px, unit_value(px, $1, @1, $2, @2)); }
    | UNDERSCORE                    { $$ = push_value(px, word_value(px, $1, @1, VAL_DERIVED)); }
    | DASH                          { $$ = push_value(px, word_value(px, $1, @1, VAL_BLANK)); }
    | STRING                        { $$ = push_value(px, text_value(px, $1, @1)); }
    ;

signed_number
    : NUMBER                        { $$ = signed_tok($1, SIGN_NONE); }
    | MINUS NUMBER                  { $$ = signed_tok($2, SIGN_MINUS); }
    | PLUS NUMBER                   { $$ = signed_tok($2, SIGN_PLUS); }
    ;

/* was [BASIS] values, change [BASIS] values [since YEAR], budget values:
 * in any order (the item keeps them in canonical order). */
compares
    : %empty                        { }
    | compares KW_WAS basis values  { add_compare(px, CMP_WAS, $3, loc2(@2, @3), $4); }
    | compares KW_CHANGE basis change_items opt_since
        { add_compare(px, CMP_CHANGE, $3, loc2(@2, @3), $4);
          if ($5.s && px->line.ncmp) {
              struct cmp_part *c = &px->line.cmp[px->line.ncmp - 1];
              c->has_since = true;
              c->since = number_value(px, signed_tok($5, SIGN_NONE), px->line.since_loc);
          } }
    | compares KW_BUDGET change_items
        { add_compare(px, CMP_BUDGET, BASIS_OWN, @2, $3); }
    ;

basis
    : %empty                        { $$ = BASIS_OWN; }
    | KW_BUDGET                     { $$ = BASIS_BUDGET; }
    | KW_FINAL                      { $$ = BASIS_FINAL; }
    ;

expr_basis
    : KW_BUDGET                     { $$ = BASIS_BUDGET; }
    | KW_FINAL                      { $$ = BASIS_FINAL; }
    ;

opt_since
    : %empty                        { $$.s = NULL; $$.n = 0; }
    | KW_SINCE NUMBER               { $$ = $2; px->line.since_loc = @2; }
    ;

change_items
    : change_item                   { $$ = values_first($1); }
    | change_items change_item      { $$ = $1; $$.n++; }
    ;

/* -274 (-4%): the change and, in parentheses, the rate as printed. */
change_item
    : value                         { $$ = $1; }
    | value LPAREN signed_number PERCENT RPAREN
        { $$ = $1; ast_value *r = arena_alloc(px->a, sizeof *r); *r = unit_value(px, $3, @3, $4, @4);
          px->vals[$1].rate = r; }
    ;

opt_block
    : %empty                        { $$.v = NULL; $$.n = UINT32_MAX; }
    | block_body                    { $$ = $1; }
    ;

/* e1 REL e2 [REL e3 ...], on the operand stack */
chain
    : expr check_rel expr
        { rel_tok none = { NULL, REL_EQ };
          vrange c = { (uint32_t)px->nops, 0 };
          c = push_operand(px, c, $1, none, @1); $$ = push_operand(px, c, $3, $2, @2); }
    | chain check_rel expr          { $$ = push_operand(px, $1, $3, $2, @2); }
    ;

check_rel
    : EQEQ                          { $$.rel = REL_EQ; $$.text = intern(px, $1); }
    | EQ                            { $$.rel = REL_EQ; $$.text = intern(px, $1); }
    | NE                            { $$.rel = REL_NE; $$.text = intern(px, $1); }
    | GE                            { $$.rel = REL_GE; $$.text = intern(px, $1); }
    | LE                            { $$.rel = REL_LE; $$.text = intern(px, $1); }
    | GT                            { $$.rel = REL_GT; $$.text = intern(px, $1); }
    | LT                            { $$.rel = REL_LT; $$.text = intern(px, $1); }
    ;

expr
    : mul                           { $$ = $1; }
    | expr PLUS mul                 { $$ = new_expr(px, EXPR_ADD, @$); $$->l = $1; $$->r = $3; }
    | expr MINUS mul                { $$ = new_expr(px, EXPR_SUB, @$); $$->l = $1; $$->r = $3; }
    ;

/* a * b, a / b: shares (基本支出 / 本年支出合计 == 79.49%) and scaling */
mul
    : term                          { $$ = $1; }
    | mul STAR term                 { $$ = new_expr(px, EXPR_MUL, @$); $$->l = $1; $$->r = $3; }
    | mul DIV term                  { $$ = new_expr(px, EXPR_DIV, @$); $$->l = $1; $$->r = $3; }
    ;

term
    : primary                       { $$ = $1; }
    | MINUS term                    { $$ = new_expr(px, EXPR_NEG, @$); $$->l = $2; }
    ;

primary
    : ref                           { $$ = $1; }
    | NUMBER
        { $$ = new_expr(px, EXPR_NUM, @$); $$->num = number_value(px, signed_tok($1, SIGN_NONE), @1); }
    | NUMBER NAME
        { $$ = new_expr(px, EXPR_NUM, @$); $$->num = unit_value(px, signed_tok($1, SIGN_NONE), @1, $2, @2); }
    | NUMBER PERCENT
        { $$ = new_expr(px, EXPR_NUM, @$); $$->num = unit_value(px, signed_tok($1, SIGN_NONE), @1, $2, @2); }
    | LPAREN expr RPAREN            { $$ = $2; $$->parens = true; $$->at = sp(px, @$); }
    | KW_PREV LPAREN expr RPAREN    { $$ = new_expr(px, EXPR_PREV, @$); $$->l = $3; }
    | KW_CHANGE LPAREN expr RPAREN  { $$ = new_expr(px, EXPR_CHANGE, @$); $$->l = $3; }
    | KW_RATE LPAREN expr RPAREN    { $$ = new_expr(px, EXPR_RATE, @$); $$->l = $3; }
    | KW_YEAR                       { $$ = new_expr(px, EXPR_YEAR, @$); }
    /* prev(X, final), change(X, budget): against a basis; budget(X): this year's budget */
    | KW_PREV LPAREN expr COMMA expr_basis RPAREN
        { $$ = new_expr(px, EXPR_PREV, @$); $$->l = $3; $$->basis = (unsigned char)$5; }
    | KW_CHANGE LPAREN expr COMMA expr_basis RPAREN
        { $$ = new_expr(px, EXPR_CHANGE, @$); $$->l = $3; $$->basis = (unsigned char)$5; }
    | KW_BUDGET LPAREN expr RPAREN
        { $$ = new_expr(px, EXPR_PREV, @$); $$->l = $3; $$->basis = BASIS_THIS_BUDGET; }
    | KW_RATE LPAREN expr COMMA expr_basis RPAREN
        { $$ = new_expr(px, EXPR_RATE, @$); $$->l = $3; $$->basis = (unsigned char)$5; }
    ;

/* 人员支出   预算/项目支出   t04[工资福利支出, 总计]   t07[2080109]   t08[, 总计] */
ref
    : bare_path                     { $$ = new_expr(px, EXPR_REF, @$); $$->row = *$1; }
    | NAME LBRACKET path RBRACKET
        { $$ = new_expr(px, EXPR_REF, @$); $$->table = intern(px, $1); $$->table_at = sp(px, @1); $$->row = *$3; }
    | NAME LBRACKET path COMMA path RBRACKET
        { $$ = new_expr(px, EXPR_REF, @$); $$->table = intern(px, $1); $$->table_at = sp(px, @1);
          $$->row = *$3; $$->col = *$5; }
    /* 一般公共预算财政拨款支出/*   t05[合计/*, 合计]   t03[合计/**]: the lines
     * under a line, tied row by row to the other side's */
    | bare_starred                  { $$ = new_expr(px, EXPR_REF, @$); $$->row = *$1; }
    | NAME LBRACKET starred RBRACKET
        { $$ = new_expr(px, EXPR_REF, @$); $$->table = intern(px, $1); $$->table_at = sp(px, @1); $$->row = *$3; }
    | NAME LBRACKET starred COMMA path RBRACKET
        { $$ = new_expr(px, EXPR_REF, @$); $$->table = intern(px, $1); $$->table_at = sp(px, @1);
          $$->row = *$3; $$->col = *$5; }

    /* t03[合计/**, (本年支出合计, 基本支出, 项目支出)]: columns paired in
     * order with the other side's list */
    | NAME LBRACKET path COMMA LPAREN col_list RPAREN RBRACKET
        { $$ = new_expr(px, EXPR_REF, @$); $$->table = intern(px, $1); $$->table_at = sp(px, @1);
          $$->row = *$3; $$->cols = $6->v; $$->ncols = $6->n; }
    | NAME LBRACKET starred COMMA LPAREN col_list RPAREN RBRACKET
        { $$ = new_expr(px, EXPR_REF, @$); $$->table = intern(px, $1); $$->table_at = sp(px, @1);
          $$->row = *$3; $$->cols = $6->v; $$->ncols = $6->n; }
    ;

/* A row path then '/*' (the lines one level under it; twice, two levels)
 * or '/**' (every line under it). */
bare_starred
    : bare_path SLASH STAR          { $$ = $1; if (!add_star(px, $$, @3, false)) YYERROR; }
    | bare_path SLASH STARSTAR      { $$ = $1; if (!add_star(px, $$, @3, true)) YYERROR; }
    | bare_starred SLASH STAR       { $$ = $1; if (!add_star(px, $$, @3, false)) YYERROR; }
    | bare_starred SLASH STARSTAR   { $$ = $1; if (!add_star(px, $$, @3, true)) YYERROR; }
    ;

code_starred
    : code_path SLASH STAR          { $$ = $1; if (!add_star(px, $$, @3, false)) YYERROR; }
    | code_path SLASH STARSTAR      { $$ = $1; if (!add_star(px, $$, @3, true)) YYERROR; }
    | code_starred SLASH STAR       { $$ = $1; if (!add_star(px, $$, @3, false)) YYERROR; }
    | code_starred SLASH STARSTAR   { $$ = $1; if (!add_star(px, $$, @3, true)) YYERROR; }
    ;

starred
    : bare_starred                  { $$ = $1; }
    | code_starred                  { $$ = $1; }
    ;

/* A path that does not start with a code (a code there would read as a
 * number in an expression).  Left-recursive, like every list here. */
bare_path
    : NAME                          { $$ = new_path(px); push_seg(px, $$, intern(px, $1), sp(px, @1), false); }
    | STRING                        { $$ = new_path(px); push_seg(px, $$, intern_string(px, $1, @1), sp(px, @1), false); }
    | bare_path SLASH segment       { $$ = $1; if (!push_seg_token(px, $$, $3, @3)) YYERROR; }
    ;

/* 2080109   205/20508/培训支出: inside [ ], a path may start with a code. */
code_path
    : NUMBER                        { $$ = new_path(px); push_seg(px, $$, intern(px, $1), sp(px, @1), true); }
    | code_path SLASH segment       { $$ = $1; if (!push_seg_token(px, $$, $3, @3)) YYERROR; }
    ;

segment
    : NAME                          { $$ = $1; }
    | STRING                        { $$ = $1; }
    | NUMBER                        { $$ = $1; }
    ;

path
    : bare_path                     { $$ = $1; }
    | code_path                     { $$ = $1; }
    ;

%%

/* The name of a token kind in a message: keywords and punctuation as they
 * are written, the others in words, translated (the %token aliases). */
static const char *token_name(yysymbol_kind_t k)
{
    static const char *const words[] = {
        N_("end of file"), N_("invalid token"), N_("end of line"), N_("name"), N_("string"), N_("number"),
        N_("number keyword"), N_("blank '-'"), N_("line of text"), N_("placeholder"), N_("end of placeholder"),
    };
    const char *n = yysymbol_name(k);
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(n, words[i]) == 0)
            return _(words[i]);
    return n;
}

/* A syntax error after the first word of a line, when that word is a
 * keyword misspelt (`tabel t02 "..." {`, `yaer 2022`): said so, with the
 * keyword and the fix.  True when reported. */
static bool keyword_typo(parser_ctx *px, const YYLTYPE *lloc)
{
    const char *t = px->src->text;
    uint32_t ls = lloc->begin;
    while (ls > 0 && t[ls - 1] != '\n')
        ls--;
    while (t[ls] == ' ' || t[ls] == '\t')
        ls++;
    uint32_t we = ls;
    while ((t[we] >= 'a' && t[we] <= 'z') || (t[we] >= 'A' && t[we] <= 'Z'))
        we++;
    if (we == ls || we > lloc->begin || (t[we] != ' ' && t[we] != '\t') || spell_is_keyword(t + ls, we - ls) ||
        we - ls >= SUGGEST_MAX_POINTS)
        return false;
    char word[SUGGEST_MAX_POINTS];
    memcpy(word, t + ls, we - ls);
    word[we - ls] = '\0';
    suggest sg;
    suggest_init(&sg, word);
    for (const char *const *k = spell_keywords; *k; k++)
        suggest_offer(&sg, *k);
    const char *best = suggest_best(&sg);
    if (!best)
        return false;
    span at = lex_span(&px->lx, ls, we);
    diag *d = diag_add(px->diags, DIAG_ERROR, at, NULL, "unknown keyword '%s'; did you mean '%s'?", word, best);
    d->syntax = true;
    diag_fix(px->diags, d, at, best, arena_printf(px->a, _("change to %s"), best));
    return true;
}

/* A syntax error: the parser's words ("unexpected X, expecting Y or Z",
 * the expected tokens exact in the second pass, which corrects its
 * lookahead), unless the error falls in a label that must be quoted: then
 * that is the error, with the quoted form and the fix (src/parse_hint.c).
 * A lexical error already at the spot then becomes that advice, so the
 * line still costs one error. */
static int yyreport_syntax_error(const yypcontext_t *ctx, parser_ctx *px)
{
    const YYLTYPE *lloc = yypcontext_location(ctx);
    /* the parser's own error (not one the lexer made, at a token it
     * refused): the rest of the line is skipped, and what the lexer finds
     * there is not another error */
    if (yypcontext_token(ctx) != YYSYMBOL_INVALID)
        px->lx.quiet_line = true;
    if (!error_to_report(px, lloc))
        return 0;
    span at = lex_span(&px->lx, lloc->begin, lloc->end);
    uint32_t b, e;
    if (keyword_typo(px, lloc))
        return 0;
    if (parse_label_to_quote(px->src, lloc->begin, px->lx.braces > 0, &b, &e)) {
        char *quoted = arena_alloc(px->a, 2 * (e - b) + 3);
        spell_quote(quoted, px->src->text + b, e - b);
        diag *d = NULL;
        size_t n = diag_size(px->diags);
        if (n && diag_at(px->diags, n - 1)->at.file == px->src && diag_at(px->diags, n - 1)->at.begin == lloc->begin)
            d = diag_at(px->diags, n - 1);     /* the lexer's, at the same spot */
        span label = lex_span(&px->lx, b, e);
        if (d) {
            d->msg = arena_printf(px->a, _("a label that holds a space or ASCII punctuation must be quoted: %s"), quoted);
            d->at = label;
        } else {
            d = diag_add(px->diags, DIAG_ERROR, label, NULL,
                         "a label that holds a space or ASCII punctuation must be quoted: %s", quoted);
            d->syntax = true;
        }
        diag_fix(px->diags, d, label, quoted, arena_printf(px->a, _("quote the label: %s"), quoted));
        return 0;
    }
    /* a name where a basis may stand (was final, prev(X, budget)) */
    yysymbol_kind_t all[YYNTOKENS];
    int nall = yypcontext_expected_tokens(ctx, all, YYNTOKENS);
    bool basis = false, header = false;
    for (int i = 0; i < nall; i++) {
        basis = basis || all[i] == YYSYMBOL_KW_FINAL;
        header = header || all[i] == YYSYMBOL_KW_YEAR;
    }
    if (basis && !header && yypcontext_token(ctx) == YYSYMBOL_NAME) {
        diag *d = diag_add(px->diags, DIAG_ERROR, at, NULL,
                           "unknown basis '%.*s': a figure compares with last year's budget or final figure "
                           "(was budget, was final, prev(X, final)) or with this year's budget (budget)",
                           (int)(lloc->end - lloc->begin), px->src->text + lloc->begin);
        d->syntax = true;
        return 0;
    }
    yysymbol_kind_t expected[5];
    int n = yypcontext_expected_tokens(ctx, expected, 5);
    const char *un = token_name(yypcontext_token(ctx));
    diag *d;
    switch (n < 0 || n > 4 ? 0 : n) {
    case 1:
        d = diag_add(px->diags, DIAG_ERROR, at, NULL, "syntax error, unexpected %s, expecting %s", un,
                     token_name(expected[0]));
        break;
    case 2:
        d = diag_add(px->diags, DIAG_ERROR, at, NULL, "syntax error, unexpected %s, expecting %s or %s", un,
                     token_name(expected[0]), token_name(expected[1]));
        break;
    case 3:
        d = diag_add(px->diags, DIAG_ERROR, at, NULL, "syntax error, unexpected %s, expecting %s or %s or %s", un,
                     token_name(expected[0]), token_name(expected[1]), token_name(expected[2]));
        break;
    case 4:
        d = diag_add(px->diags, DIAG_ERROR, at, NULL, "syntax error, unexpected %s, expecting %s or %s or %s or %s",
                     un, token_name(expected[0]), token_name(expected[1]), token_name(expected[2]),
                     token_name(expected[3]));
        break;
    default:
        d = diag_add(px->diags, DIAG_ERROR, at, NULL, "syntax error, unexpected %s", un);
    }
    d->syntax = true;
    return 0;
}

#ifdef PARSER_FAST

/* The first pass: this file's parser, generated without lookahead
 * correction (see the top of the file). */
int parse_fast(parser_ctx *px);
int parse_fast(parser_ctx *px)
{
    return yyparse(px);
}

#else

int parse_fast(parser_ctx *px);

static void ctx_init(parser_ctx *px, arena *a, strtab *names, diag_list *diags, const src_file *f)
{
    memset(px, 0, sizeof *px);
    px->a = a;
    px->stacks = a;
    px->names = names;
    px->diags = diags;
    px->src = f;
    lex_init(&px->lx, a, diags, f);
}

/* Frees the stacks of px (the top-level items excepted). */
static void ctx_drop_stacks(parser_ctx *px)
{
    arena_side_free(px->stacks, px->items);
    arena_side_free(px->stacks, px->vals);
    arena_side_free(px->stacks, px->ops);
}

bool parse_stream(arena *scratch, arena *a, strtab *names, const src_file *f,
                  void (*on_item)(void *ctx, ast_item *it), void *ctx, ast_file *comments)
{
    uint32_t mark;
    if (src_encoding_problem(f, &mark))
        return false;
    parser_ctx px;
    diag_list *own = diag_new(a);
    ctx_init(&px, scratch, names, own, f);
    px.stacks = a;
    px.stream = true;
    px.lx.a = a;                    /* the lexer's few allocations outlive an item */
    px.lx.no_comments = !comments;
    px.on_item = on_item;
    px.on_item_ctx = ctx;
    parse_fast(&px);
    ctx_drop_stacks(&px);
    arena_side_free(a, px.skipped);
    if (comments) {
        comments->src = f;
        comments->comments = px.lx.comments;
        comments->ncomments = px.lx.ncomments;
    }
    return !px.syntax_errors && !diag_size(own);
}

ast_expr *parse_placeholder(arena *a, strtab *names, diag_list *diags, const src_file *f, uint32_t begin,
                            uint32_t end)
{
    parser_ctx px;
    ctx_init(&px, a, names, diags, f);
    const char *ls = f->text + begin;
    while (ls > f->text && ls[-1] != '\n')
        ls--;
    px.lx.cur = f->text + begin;
    px.lx.line_start = ls;
    px.lx.stop = end;
    px.lx.mid_line = true;          /* a '>' is a relation, not a line of text */
    px.lx.in_check = true;          /* '-', '/' and '*' as in a check */
    px.lx.no_comments = true;
    px.placeholder_start = true;
    int rc = fisc_parse(&px);
    ctx_drop_stacks(&px);
    arena_side_free(a, px.skipped);
    return rc == 0 ? px.placeholder : NULL;
}

ast_file *parse_file(arena *a, strtab *names, diag_list *diags, const src_file *f)
{
    parser_ctx px;
    ctx_init(&px, a, names, diags, f);
    uint32_t mark;          /* bytes of the byte order mark, for the caret */
    const char *encoding = src_encoding_problem(f, &mark);
    if (encoding) {
        diag_add(diags, DIAG_ERROR, lex_span(&px.lx, 0, mark), NULL, "%s", encoding);
    } else {
        /* The fast pass reports into a list of its own: kept only when it
         * found nothing to say, else the exact parser starts over. */
        ctx_init(&px, a, names, diag_new(a), f);
        parse_fast(&px);
        if (px.syntax_errors || diag_size(px.diags)) {
            ctx_drop_stacks(&px);
            arena_side_free(a, px.top);
            arena_side_free(a, px.skipped);
            ctx_init(&px, a, names, diags, f);
            lex_plan_braces(&px.lx);
            fisc_parse(&px);
        }
        ctx_drop_stacks(&px);
    }
    ast_file *file = arena_alloc(a, sizeof *file);
    file->src = f;
    if (px.lx.fatal) {      /* the lexer gave up: the rest is lost too */
        lex_loc rest = { (uint32_t)(px.lx.cur - f->text), (uint32_t)f->len };
        skipped(&px, rest, rest);
    }
    if (px.nskipped) {
        file->skipped = arena_alloc(a, px.nskipped * sizeof *file->skipped);
        memcpy(file->skipped, px.skipped, px.nskipped * sizeof *file->skipped);
        file->nskipped = px.nskipped;
    }
    arena_side_free(a, px.skipped);
    file->nitems = px.ntop;
    if (px.ntop) {
        file->items = arena_alloc(a, px.ntop * sizeof *file->items);
        memcpy(file->items, px.top, px.ntop * sizeof *file->items);
    }
    arena_side_free(a, px.top);
    file->comments = px.lx.comments;
    file->ncomments = px.lx.ncomments;
    return file;
}

#endif

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
 * reached; should it be, it is reported in the same words as a limit. */

%require "3.8"
%define api.pure full
%define api.prefix {fisc_}
%define api.token.prefix {TOK_}
%define api.location.type {lex_loc}
%define parse.error detailed
%define parse.lac full
%locations
%expect 0
%param {parser_ctx *px}

%code requires {
#include "ast.h"
#include "lex.h"

typedef struct item_vec { ast_item **v; size_t n, cap; } item_vec;
typedef struct value_vec { ast_value *v; size_t n, cap; } value_vec;
typedef struct expr_vec { ast_expr **v; ast_rel *rels; const char **texts; span *ats; size_t n, cap; } expr_vec;
typedef struct path_vec { ast_path *v; size_t n, cap; } path_vec;
typedef struct rel_tok { ast_rel rel; lex_token tok; } rel_tok;
typedef struct rel_vals { ast_rel rel; lex_token tok; lex_loc loc; bool has; value_vec vals;
                          ast_derive derive; ast_path from; } rel_vals;
typedef struct mods { bool heading, ofwhich, text; lex_token subtotal; lex_loc subtotal_loc; } mods;
typedef struct opt_blk { bool has; item_vec kids; lex_loc loc; } opt_blk;
typedef struct tol_spec { ast_tolerance tol; ast_value within; lex_token label; lex_loc label_loc; } tol_spec;

typedef struct parser_ctx {
    lex_state lx;
    arena *a;
    strtab *names;
    diag_list *diags;
    const src_file *src;
    item_vec top;
    int signs;                /* signs in a row so far */
    bool over_limit;          /* a limit was reported on this line */
} parser_ctx;
}

%code {
#include <stdarg.h>
#include <string.h>

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
static int over_limit(parser_ctx *px, const FISC_LTYPE *lloc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int over_limit(parser_ctx *px, const FISC_LTYPE *lloc, const char *fmt, ...)
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

static int fisc_lex(FISC_STYPE *lval, FISC_LTYPE *lloc, parser_ctx *px)
{
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

static void fisc_error(FISC_LTYPE *lloc, parser_ctx *px, const char *msg)
{
    px->over_limit = true;      /* one message per line: no limit after this */
    if (px->lx.fatal)
        return;
    /* The parser's stack is bounded by the limits above; if it ever fills
     * up anyway, say so in the words of a limit, not Bison's. */
    if (strcmp(msg, "memory exhausted") == 0) {
        diag_add(px->diags, DIAG_ERROR, lex_span(&px->lx, lloc->begin, lloc->end), "limit",
                 "too deeply nested for the parser (more than %d open constructs)", YYMAXDEPTH);
        return;
    }
    diag_add(px->diags, DIAG_ERROR, lex_span(&px->lx, lloc->begin, lloc->end), NULL, "%s", msg);
}

static span sp(parser_ctx *px, lex_loc l) { return lex_span(&px->lx, l.begin, l.end); }

static const char *intern(parser_ctx *px, lex_token t)
{
    return strtab_intern(px->names, t.s, t.n);
}

/* Decodes a "..." token (escapes \" \\ \n \t) and interns the contents. */
static const char *intern_string(parser_ctx *px, lex_token t, lex_loc l)
{
    char *buf = arena_alloc(px->a, t.n);
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

/* Blank lines immediately above the line that holds offset `at`. */
static unsigned blank_lines_before(const src_file *f, uint32_t at)
{
    const char *t = f->text;
    uint32_t p = at;
    while (p > 0 && t[p - 1] != '\n')
        p--;
    unsigned blanks = 0;
    while (p > 0) {
        uint32_t end = p - 1;           /* the '\n' ending the previous line */
        uint32_t b = end;
        while (b > 0 && t[b - 1] != '\n')
            b--;
        uint32_t k = b;
        while (k < end && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r'))
            k++;
        if (k != end)
            break;
        blanks++;
        p = b;
    }
    return blanks;
}

static ast_item *new_item(parser_ctx *px, ast_item_kind kind, lex_loc at)
{
    ast_item *it = arena_alloc(px->a, sizeof *it);
    it->kind = kind;
    it->at = sp(px, at);
    it->blank_before = blank_lines_before(px->src, at.begin);
    return it;
}

static void push_item(parser_ctx *px, item_vec *v, ast_item *it)
{
    if (!it)
        return;
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 8;
        v->v = arena_grow(px->a, v->v, v->cap * sizeof *v->v, cap * sizeof *v->v);
        v->cap = cap;
    }
    v->v[v->n++] = it;
}

static void push_value(parser_ctx *px, value_vec *v, ast_value val)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        v->v = arena_grow(px->a, v->v, v->cap * sizeof *v->v, cap * sizeof *v->v);
        v->cap = cap;
    }
    v->v[v->n++] = val;
}

static void push_path(parser_ctx *px, path_vec *v, ast_path p)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        v->v = arena_grow(px->a, v->v, v->cap * sizeof *v->v, cap * sizeof *v->v);
        v->cap = cap;
    }
    v->v[v->n++] = p;
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

/* A path segment after '/': a name, a "quoted label" or a code. */
static bool push_seg_token(parser_ctx *px, ast_path *p, lex_token t, lex_loc l)
{
    if (t.s[0] == '"')
        return push_seg(px, p, intern_string(px, t, l), sp(px, l), false);
    return push_seg(px, p, intern(px, t), sp(px, l), t.s[0] >= '0' && t.s[0] <= '9');
}

static void push_operand(parser_ctx *px, expr_vec *v, ast_expr *e, rel_tok r, lex_loc rl)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        v->v = arena_grow(px->a, v->v, v->cap * sizeof *v->v, cap * sizeof *v->v);
        v->rels = arena_grow(px->a, v->rels, v->cap * sizeof *v->rels, cap * sizeof *v->rels);
        v->texts = arena_grow(px->a, (void *)v->texts, v->cap * sizeof *v->texts, cap * sizeof *v->texts);
        v->ats = arena_grow(px->a, v->ats, v->cap * sizeof *v->ats, cap * sizeof *v->ats);
        v->cap = cap;
    }
    if (v->n > 0) {
        v->rels[v->n - 1] = r.rel;
        v->texts[v->n - 1] = intern(px, r.tok);
        v->ats[v->n - 1] = sp(px, rl);
    }
    v->v[v->n++] = e;
}

static void set_block(ast_item *it, item_vec kids, span end)
{
    it->kids = kids.v;
    it->nkids = kids.n;
    it->has_block = true;
    it->end = end;
    it->end.begin = end.end - 1;    /* the closing brace */
    for (size_t i = 0; i < kids.n; i++)
        kids.v[i]->parent = it;
}

static ast_value number_value(parser_ctx *px, lex_token t, lex_loc l)
{
    ast_value v;
    memset(&v, 0, sizeof v);
    v.kind = VAL_NUMBER;
    v.at = sp(px, l);
    v.text = t.s;
    v.len = t.n;
    return v;
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

static ast_values values_of(value_vec v)
{
    ast_values r = { v.v, v.n };
    return r;
}

static void set_label(parser_ctx *px, ast_item *it, lex_token t, lex_loc l)
{
    it->label_quoted = t.s[0] == '"';
    it->label = it->label_quoted ? intern_string(px, t, l) : intern(px, t);
    it->label_at = sp(px, l);
}

static void finish_line(parser_ctx *px, ast_item *it, const mods *m, const rel_vals *rv,
                        value_vec was, value_vec change, const opt_blk *b)
{
    it->heading = m->heading;
    it->ofwhich = m->ofwhich;
    it->text_col = m->text;
    if (m->subtotal.s) {
        it->subtotal = intern_string(px, m->subtotal, m->subtotal_loc);
        it->subtotal_at = sp(px, m->subtotal_loc);
    }
    it->rel = REL_EQ;
    if (rv->has) {
        it->rel = rv->rel;
        it->rel_text = intern(px, rv->tok);
        it->rel_at = sp(px, rv->loc);
        it->values = values_of(rv->vals);
        it->derive = rv->derive;
        if (rv->derive) {
            it->derive_from = arena_alloc(px->a, sizeof *it->derive_from);
            *it->derive_from = rv->from;
        }
    }
    it->was = values_of(was);
    it->change = values_of(change);
    /* The item's span is its head line: up to the block, not through it. */
    if (b->has) {
        it->at.end = b->loc.begin + 1;
        set_block(it, b->kids, sp(px, b->loc));
    }
}
}

%union {
    lex_token tok;
    ast_item *item;
    item_vec items;
    ast_value val;
    value_vec vals;
    ast_expr *expr;
    expr_vec chain;
    ast_path path;
    path_vec paths;
    rel_tok rel;
    rel_vals relv;
    mods mods;
    opt_blk blk;
    tol_spec tol;
    int flag;
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
%token <tok> KW_INDICATORS "indicators" KW_YEAR "year" KW_UNIT "unit" KW_ROUNDING "rounding"
%token <tok> KW_TOLERANCE "tolerance" KW_PREVIOUS "previous" KW_NUMBER "number keyword"
%token <tok> KW_DEPARTMENT "department" KW_NOTE "note" KW_PRECISION "precision"
%token <tok> EQEQ "==" EQ "=" NE "!=" GE ">=" LE "<=" GT ">" LT "<"
%token <tok> PLUS "+" MINUS "-" PERCENT "%" SLASH "/" COMMA ","
%token <tok> LPAREN "(" RPAREN ")" LBRACKET "[" RBRACKET "]" LBRACE "{" RBRACE "}"
%token <tok> UNDERSCORE "_"

%type <items> items block_body
%type <item> item line attr
%type <val> value signed_number change_item
%type <vals> values opt_was change_items opt_change
%type <tok> label opt_unit_name segment
%type <expr> expr term primary ref
%type <chain> chain
%type <path> path bare_path code_path
%type <paths> col_list opt_for
%type <rel> check_rel
%type <relv> line_rel
%type <mods> modifiers
%type <blk> opt_block
%type <tol> opt_tolerance
%type <flag> opt_total derive_fn

%%

/* A file is a list of items, one per line.  Top-level items are kept
 * as they complete, so a parse that fails at the end keeps them. */
file
    : top_items
    ;

top_items
    : %empty
    | top_items NEWLINE
    | top_items item NEWLINE        { push_item(px, &px->top, $2); }
    | top_items error NEWLINE       { yyerrok; }
    | top_items error block_body NEWLINE { yyerrok; }
    ;

items
    : %empty                        { memset(&$$, 0, sizeof $$); }
    | items NEWLINE                 { $$ = $1; }
    | items item NEWLINE            { $$ = $1; push_item(px, &$$, $2); }
    | items error NEWLINE           { $$ = $1; yyerrok; }
    /* A bad line that opens a block: skip the block too, so its closing
     * brace is not reported again. */
    | items error block_body NEWLINE { $$ = $1; yyerrok; }
    ;

/* { items }: the closing brace stands on a line of its own. */
block_body
    : LBRACE items RBRACE           { $$ = $2; }
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
    /* table t07 "一般公共预算支出表（按功能分类）" { ... } */
    | KW_TABLE NAME STRING block_body
        { $$ = new_item(px, ITEM_TABLE, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          $$->title = intern_string(px, $3, @3); $$->title_at = sp(px, @3); set_block($$, $4, sp(px, @4)); }
    /* narrative 第三部分 "部门预算支出具体情况" { lines and checks } */
    | KW_NARRATIVE NAME block_body
        { $$ = new_item(px, ITEM_NARRATIVE, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          set_block($$, $3, sp(px, @3)); }
    | KW_NARRATIVE NAME STRING block_body
        { $$ = new_item(px, ITEM_NARRATIVE, @1); $$->id = intern(px, $2); $$->id_at = sp(px, @2);
          $$->title = intern_string(px, $3, @3); $$->title_at = sp(px, @3); set_block($$, $4, sp(px, @4)); }
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
    /* rows [classification] [for column, ...] { lines } */
    | KW_ROWS opt_for block_body
        { $$ = new_item(px, ITEM_ROWS, @1); $$->for_cols = $2.v; $$->nfor = $2.n;
          set_block($$, $3, sp(px, @3)); }
    | KW_ROWS NAME opt_for block_body
        { $$ = new_item(px, ITEM_ROWS, @1); $$->classification = intern(px, $2);
          $$->classification_at = sp(px, @2); $$->for_cols = $3.v; $$->nfor = $3.n;
          set_block($$, $4, sp(px, @4)); }
    /* indicators { 一级指标 { 二级指标 { 名称 >= 85% } } } */
    | KW_INDICATORS block_body
        { $$ = new_item(px, ITEM_INDICATORS, @1); set_block($$, $2, sp(px, @2)); }
    /* check a == b + c [within 2 | exact] [as "label"] */
    | KW_CHECK chain opt_tolerance
        { $$ = new_item(px, ITEM_CHECK, @$); $$->ops = $2.v; $$->rels = $2.rels;
          $$->rel_texts = $2.texts; $$->rel_ats = $2.ats; $$->nops = $2.n;
          $$->tol = $3.tol; $$->within = $3.within;
          if ($3.label.s) $$->check_label = intern_string(px, $3.label, $3.label_loc); }
    | attr                          { $$ = $1; }
    | line                          { $$ = $1; }
    ;

/* A check's own tolerance (overriding the budget's) and report label. */
opt_tolerance
    : %empty                        { memset(&$$, 0, sizeof $$); }
    | KW_EXACT                      { memset(&$$, 0, sizeof $$); $$.tol = TOL_EXACT; }
    | KW_WITHIN value               { memset(&$$, 0, sizeof $$); $$.tol = TOL_WITHIN; $$.within = $2; }
    | KW_AS STRING                  { memset(&$$, 0, sizeof $$); $$.label = $2; $$.label_loc = @2; }
    | KW_EXACT KW_AS STRING         { memset(&$$, 0, sizeof $$); $$.tol = TOL_EXACT; $$.label = $3; $$.label_loc = @3; }
    | KW_WITHIN value KW_AS STRING
        { memset(&$$, 0, sizeof $$); $$.tol = TOL_WITHIN; $$.within = $2; $$.label = $4; $$.label_loc = @4; }
    ;

attr
    : KW_YEAR NUMBER                { $$ = attr(px, ATTR_YEAR, @$, number_value(px, $2, @2)); }
    | KW_UNIT NAME                  { $$ = attr(px, ATTR_UNIT, @$, word_value(px, $2, @2, VAL_WORD)); }
    | KW_ROUNDING value             { $$ = attr(px, ATTR_ROUNDING, @$, $2); }
    | KW_TOLERANCE KW_ROUNDING      { $$ = attr(px, ATTR_TOLERANCE, @$, word_value(px, $2, @2, VAL_WORD)); }
    | KW_TOLERANCE KW_EXACT         { $$ = attr(px, ATTR_TOLERANCE, @$, word_value(px, $2, @2, VAL_WORD)); }
    | KW_TOLERANCE value            { $$ = attr(px, ATTR_TOLERANCE, @$, $2); }
    | KW_PREVIOUS STRING            { $$ = attr(px, ATTR_PREVIOUS, @$, text_value(px, $2, @2)); }
    | KW_NUMBER NUMBER              { $$ = attr(px, ATTR_NUMBER, @$, number_value(px, $2, @2)); }
    | KW_DEPARTMENT STRING          { $$ = attr(px, ATTR_DEPARTMENT, @$, text_value(px, $2, @2)); }
    | KW_NOTE STRING                { $$ = attr(px, ATTR_NOTE, @$, text_value(px, $2, @2)); }
    | KW_PRECISION NUMBER           { $$ = attr(px, ATTR_PRECISION, @$, number_value(px, $2, @2)); }
    ;

opt_for
    : %empty                        { memset(&$$, 0, sizeof $$); }
    | KW_FOR col_list               { $$ = $2; }
    ;

col_list
    : path                          { memset(&$$, 0, sizeof $$); push_path(px, &$$, $1); }
    | col_list COMMA path           { $$ = $1; push_path(px, &$$, $3); }
    ;

/* A line: [total] [code] [label] [modifiers] [REL values] [was values]
 * [change values] [{ children }].  Rows, columns, classification entries
 * and indicators are all lines; the resolver gives each its meaning. */
line
    : opt_total NUMBER label modifiers line_rel opt_was opt_change opt_block
        { $$ = new_item(px, ITEM_LINE, @$); $$->total = $1;
          $$->code = intern(px, $2); $$->code_at = sp(px, @2);
          set_label(px, $$, $3, @3); finish_line(px, $$, &$4, &$5, $6, $7, &$8); }
    | opt_total NUMBER modifiers line_rel opt_was opt_change opt_block
        { $$ = new_item(px, ITEM_LINE, @$); $$->total = $1;
          $$->code = intern(px, $2); $$->code_at = sp(px, @2);
          finish_line(px, $$, &$3, &$4, $5, $6, &$7); }
    | opt_total label modifiers line_rel opt_was opt_change opt_block
        { $$ = new_item(px, ITEM_LINE, @$); $$->total = $1;
          set_label(px, $$, $2, @2); finish_line(px, $$, &$3, &$4, $5, $6, &$7); }
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

modifiers
    : %empty                        { memset(&$$, 0, sizeof $$); }
    | modifiers KW_HEADING          { $$ = $1; $$.heading = true; }
    | modifiers KW_OFWHICH          { $$ = $1; $$.ofwhich = true; }
    | modifiers KW_TEXT             { $$ = $1; $$.text = true; }
    | modifiers KW_SUBTOTAL STRING  { $$ = $1; $$.subtotal = $3; $$.subtotal_loc = @3; }
    ;

line_rel
    : %empty                        { memset(&$$, 0, sizeof $$); }
    | EQ values                     { memset(&$$, 0, sizeof $$); $$.rel = REL_EQ; $$.tok = $1; $$.loc = @1; $$.has = true; $$.vals = $2; }
    /* "2021 年" = prev("2022 年"): last year's values, the change, the rate */
    | EQ derive_fn LPAREN path RPAREN
        { memset(&$$, 0, sizeof $$); $$.rel = REL_EQ; $$.tok = $1; $$.loc = @1; $$.has = true;
          $$.derive = (ast_derive)$2; $$.from = $4; }
    | GE values                     { memset(&$$, 0, sizeof $$); $$.rel = REL_GE; $$.tok = $1; $$.loc = @1; $$.has = true; $$.vals = $2; }
    | LE values                     { memset(&$$, 0, sizeof $$); $$.rel = REL_LE; $$.tok = $1; $$.loc = @1; $$.has = true; $$.vals = $2; }
    | GT values                     { memset(&$$, 0, sizeof $$); $$.rel = REL_GT; $$.tok = $1; $$.loc = @1; $$.has = true; $$.vals = $2; }
    | LT values                     { memset(&$$, 0, sizeof $$); $$.rel = REL_LT; $$.tok = $1; $$.loc = @1; $$.has = true; $$.vals = $2; }
    ;

values
    : value                         { memset(&$$, 0, sizeof $$); push_value(px, &$$, $1); }
    | values value                  { $$ = $1; push_value(px, &$$, $2); }
    ;

/* 7,440   -36   105 台   85%   _   "有效提升" */
value
    : signed_number opt_unit_name   { $$ = $1; if ($2.s) { $$.unit = intern(px, $2); $$.unit_begin = @2.begin; $$.at.end = @2.end; } }
    | signed_number PERCENT         { $$ = $1; $$.unit = strtab_intern(px->names, "%", 1); $$.unit_begin = @2.begin; $$.at.end = @2.end; }
    | UNDERSCORE                    { $$ = word_value(px, $1, @1, VAL_DERIVED); }
    | STRING                        { $$ = text_value(px, $1, @1); }
    ;

signed_number
    : NUMBER                        { $$ = number_value(px, $1, @1); }
    | MINUS NUMBER                  { $$ = number_value(px, $2, @2); $$.neg = true; $$.at.begin = @1.begin; }
    | PLUS NUMBER                   { $$ = number_value(px, $2, @2); $$.plus = true; $$.at.begin = @1.begin; }
    ;

opt_unit_name
    : %empty                        { $$.s = NULL; $$.n = 0; }
    | NAME                          { $$ = $1; }
    ;

opt_was
    : %empty                        { memset(&$$, 0, sizeof $$); }
    | KW_WAS values                 { $$ = $2; }
    ;

opt_change
    : %empty                        { memset(&$$, 0, sizeof $$); }
    | KW_CHANGE change_items        { $$ = $2; }
    ;

change_items
    : change_item                   { memset(&$$, 0, sizeof $$); push_value(px, &$$, $1); }
    | change_items change_item      { $$ = $1; push_value(px, &$$, $2); }
    ;

/* -274 (-4%): the change and, in parentheses, the rate as printed. */
change_item
    : value                         { $$ = $1; }
    | value LPAREN signed_number PERCENT RPAREN
        { $$ = $1; ast_value *r = arena_alloc(px->a, sizeof *r); *r = $3;
          r->unit = strtab_intern(px->names, "%", 1); r->unit_begin = @4.begin; r->at.end = @4.end;
          $$.rate = r; }
    ;

opt_block
    : %empty                        { memset(&$$, 0, sizeof $$); }
    | block_body                    { $$.has = true; $$.kids = $1; $$.loc = @1; }
    ;

/* e1 REL e2 [REL e3 ...] */
chain
    : expr check_rel expr
        { memset(&$$, 0, sizeof $$); rel_tok none; memset(&none, 0, sizeof none);
          push_operand(px, &$$, $1, none, @1); push_operand(px, &$$, $3, $2, @2); }
    | chain check_rel expr          { $$ = $1; push_operand(px, &$$, $3, $2, @2); }
    ;

check_rel
    : EQEQ                          { $$.rel = REL_EQ; $$.tok = $1; }
    | EQ                            { $$.rel = REL_EQ; $$.tok = $1; }
    | NE                            { $$.rel = REL_NE; $$.tok = $1; }
    | GE                            { $$.rel = REL_GE; $$.tok = $1; }
    | LE                            { $$.rel = REL_LE; $$.tok = $1; }
    | GT                            { $$.rel = REL_GT; $$.tok = $1; }
    | LT                            { $$.rel = REL_LT; $$.tok = $1; }
    ;

expr
    : term                          { $$ = $1; }
    | expr PLUS term                { $$ = new_expr(px, EXPR_ADD, @$); $$->l = $1; $$->r = $3; }
    | expr MINUS term               { $$ = new_expr(px, EXPR_SUB, @$); $$->l = $1; $$->r = $3; }
    ;

term
    : primary                       { $$ = $1; }
    | MINUS term                    { $$ = new_expr(px, EXPR_NEG, @$); $$->l = $2; }
    ;

primary
    : ref                           { $$ = $1; }
    | NUMBER opt_unit_name
        { $$ = new_expr(px, EXPR_NUM, @$); $$->num = number_value(px, $1, @1);
          if ($2.s) { $$->num.unit = intern(px, $2); $$->num.unit_begin = @2.begin; $$->num.at.end = @2.end; } }
    | NUMBER PERCENT
        { $$ = new_expr(px, EXPR_NUM, @$); $$->num = number_value(px, $1, @1);
          $$->num.unit = strtab_intern(px->names, "%", 1); $$->num.unit_begin = @2.begin; $$->num.at.end = @2.end; }
    | LPAREN expr RPAREN            { $$ = $2; $$->parens = true; $$->at = sp(px, @$); }
    | KW_PREV LPAREN expr RPAREN    { $$ = new_expr(px, EXPR_PREV, @$); $$->l = $3; }
    | KW_CHANGE LPAREN expr RPAREN  { $$ = new_expr(px, EXPR_CHANGE, @$); $$->l = $3; }
    ;

/* 人员支出   预算/项目支出   t04[工资福利支出, 总计]   t07[2080109]   t08[, 总计] */
ref
    : bare_path                     { $$ = new_expr(px, EXPR_REF, @$); $$->row = $1; }
    | NAME LBRACKET path RBRACKET
        { $$ = new_expr(px, EXPR_REF, @$); $$->table = intern(px, $1); $$->table_at = sp(px, @1); $$->row = $3; }
    | NAME LBRACKET path COMMA path RBRACKET
        { $$ = new_expr(px, EXPR_REF, @$); $$->table = intern(px, $1); $$->table_at = sp(px, @1);
          $$->row = $3; $$->col = $5; }
    ;

/* A path that does not start with a code (a code there would read as a
 * number in an expression).  Left-recursive, like every list here. */
bare_path
    : NAME                          { memset(&$$, 0, sizeof $$); push_seg(px, &$$, intern(px, $1), sp(px, @1), false); }
    | STRING                        { memset(&$$, 0, sizeof $$); push_seg(px, &$$, intern_string(px, $1, @1), sp(px, @1), false); }
    | bare_path SLASH segment       { $$ = $1; if (!push_seg_token(px, &$$, $3, @3)) YYERROR; }
    ;

/* 2080109   205/20508/培训支出: inside [ ], a path may start with a code. */
code_path
    : NUMBER                        { memset(&$$, 0, sizeof $$); push_seg(px, &$$, intern(px, $1), sp(px, @1), true); }
    | code_path SLASH segment       { $$ = $1; if (!push_seg_token(px, &$$, $3, @3)) YYERROR; }
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

ast_file *parse_file(arena *a, strtab *names, diag_list *diags, const src_file *f)
{
    parser_ctx px;
    memset(&px, 0, sizeof px);
    px.a = a;
    px.names = names;
    px.diags = diags;
    px.src = f;
    lex_init(&px.lx, a, diags, f);
    const unsigned char *t = (const unsigned char *)f->text;
    const char *encoding = NULL;
    uint32_t mark = 1;      /* bytes of the byte order mark, for the caret */
    if (f->len >= 4 && ((t[0] == 0xFF && t[1] == 0xFE && t[2] == 0 && t[3] == 0) ||
                        (t[0] == 0 && t[1] == 0 && t[2] == 0xFE && t[3] == 0xFF)))
        encoding = "file is UTF-32; convert it to UTF-8, e.g. iconv -f UTF-32 -t UTF-8", mark = 4;
    else if (f->len >= 2 && t[0] == 0xFF && t[1] == 0xFE)
        encoding = "file is UTF-16 (little-endian); convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8", mark = 2;
    else if (f->len >= 2 && t[0] == 0xFE && t[1] == 0xFF)
        encoding = "file is UTF-16 (big-endian); convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8", mark = 2;
    else if (f->len >= 4 && ((t[1] == 0 && t[3] == 0 && t[0] != 0) || (t[0] == 0 && t[2] == 0 && t[1] != 0)))
        encoding = "NUL bytes between the characters: the file looks like UTF-16 without a byte order mark; "
                   "convert it to UTF-8, e.g. iconv -f UTF-16LE -t UTF-8";
    else if (f->orig_len > 0 && memchr(f->text, '\r', f->orig_len) && !memchr(f->text, '\n', f->orig_len))
        encoding = "lines end in a bare CR (classic Mac OS); convert them to LF, e.g. tr '\\r' '\\n'";
    if (encoding) {
        diag_add(diags, DIAG_ERROR, lex_span(&px.lx, 0, mark), NULL, "%s", encoding);
    } else {
        fisc_parse(&px);
    }
    ast_file *file = arena_alloc(a, sizeof *file);
    file->src = f;
    file->items = px.top.v;
    file->nitems = px.top.n;
    file->comments = px.lx.comments;
    file->ncomments = px.lx.ncomments;
    return file;
}

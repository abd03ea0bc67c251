/* lsp_feat_syntax.c: document symbols and semantic tokens.
 *
 * Symbols are the index's outline: budget, imports, classifications,
 * column sets, tables and narratives with their columns, rows blocks and
 * line trees, checks.  Semantic tokens come from the compiler's own lexer
 * run over the buffer (so keywords, numbers, strings, comments and
 * operators are exactly what the compiler sees), with each name then
 * classified by the index: a table id, a line, a column, a code, a unit.
 * The legend uses standard token types only, so every theme colours them:
 *
 *   class: table and narrative ids     enum: classification names
 *   enumMember: codes                  struct: column sets
 *   property: line labels              variable: column labels
 *   type: units                        number: figures and numbers
 *   macro: `_` (a value to derive)     keyword, string, comment, operator
 *
 * with the modifier `declaration` on definitions. */
#include <stdlib.h>
#include <string.h>
#include "lex.h"
#include "lsp_server.h"
#include "parser.h"

enum {
    TT_KEYWORD, TT_NUMBER, TT_STRING, TT_COMMENT, TT_OPERATOR, TT_CLASS, TT_ENUM, TT_ENUM_MEMBER, TT_STRUCT,
    TT_PROPERTY, TT_VARIABLE, TT_TYPE, TT_MACRO, TT_NONE,
};

json_t *lsp_semantic_legend(void)
{
    return json_pack("{s:[s,s,s,s,s,s,s,s,s,s,s,s,s], s:[s]}", "tokenTypes", "keyword", "number", "string",
                     "comment", "operator", "class", "enum", "enumMember", "struct", "property", "variable", "type",
                     "macro", "tokenModifiers", "declaration");
}

/* ---- document symbols ---------------------------------------------------- */

static int symbol_kind(lsp_outline_kind k)
{
    switch (k) {
    case OUT_BUDGET: return 3;          /* Namespace */
    case OUT_IMPORT: return 1;          /* File */
    case OUT_CLASSIFICATION: return 10; /* Enum */
    case OUT_ENTRY: return 22;          /* EnumMember */
    case OUT_COLSET: return 23;         /* Struct */
    case OUT_TABLE: return 5;           /* Class */
    case OUT_NARRATIVE: return 2;       /* Module */
    case OUT_COLUMN: return 8;          /* Field */
    case OUT_ROWS: return 18;           /* Array */
    case OUT_LINE: return 7;            /* Property */
    case OUT_CHECK: return 17;          /* Boolean */
    case OUT_INDICATORS: return 18;     /* Array */
    }
    return 13;
}

static json_t *symbol_tree(lsp_server *s, lsp_doc *d, const lsp_outline *o)
{
    json_t *kids = json_array();
    for (size_t i = 0; i < o->nkids; i++)
        json_array_append_new(kids, symbol_tree(s, d, &o->kids[i]));
    json_t *sym = json_pack("{s:s, s:i, s:o, s:o, s:o}", "name", o->name && *o->name ? o->name : "?", "kind",
                            symbol_kind(o->kind), "range", lsp_range_json(s, &d->text, o->begin, o->end),
                            "selectionRange", lsp_range_json(s, &d->text, o->sel_begin, o->sel_end), "children", kids);
    if (sym && o->detail)
        json_object_set_new(sym, "detail", json_string(o->detail));
    return sym;
}

/* SymbolInformation, for clients without hierarchical symbols. */
static void symbol_flat(lsp_server *s, lsp_doc *d, const lsp_outline *o, const char *container, json_t *out)
{
    json_t *sym = json_pack("{s:s, s:i, s:{s:s, s:o}}", "name", o->name && *o->name ? o->name : "?", "kind",
                            symbol_kind(o->kind), "location", "uri", d->uri, "range",
                            lsp_range_json(s, &d->text, o->begin, o->end));
    if (sym && container)
        json_object_set_new(sym, "containerName", json_string(container));
    json_array_append_new(out, sym);
    for (size_t i = 0; i < o->nkids; i++)
        symbol_flat(s, d, &o->kids[i], o->name, out);
}

void lsp_document_symbols(lsp_server *s, json_t *id, json_t *params)
{
    lsp_doc *d = lsp_doc_param(s, id, params);
    if (!d)
        return;
    json_t *out = json_array();
    for (size_t i = 0; i < d->ix->noutline; i++) {
        if (s->hier_symbols)
            json_array_append_new(out, symbol_tree(s, d, &d->ix->outline[i]));
        else
            symbol_flat(s, d, &d->ix->outline[i], NULL, out);
    }
    rpc_result(&s->rpc, id, out);
}

/* ---- semantic tokens --------------------------------------------------------- */

static int name_type(const lsp_occ *o)
{
    switch ((lsp_occ_kind)o->kind) {
    case OCC_TABLE: return TT_CLASS;
    case OCC_ROW: return o->code ? TT_ENUM_MEMBER : TT_PROPERTY;
    case OCC_COL: return TT_VARIABLE;
    case OCC_CLASS: return TT_ENUM;
    case OCC_ENTRY: return o->code ? TT_ENUM_MEMBER : TT_PROPERTY;
    case OCC_COLSET: return TT_STRUCT;
    case OCC_FILE: return TT_STRING;
    case OCC_FIGURE: return TT_NUMBER;
    case OCC_UNIT: return TT_TYPE;
    case OCC_NUMBER: return TT_NUMBER;
    }
    return TT_NONE;
}

static int token_type(int tok)
{
    if (tok >= TOK_KW_BUDGET && tok <= TOK_KW_PRECISION)
        return TT_KEYWORD;
    switch (tok) {
    case TOK_NUMBER: return TT_NUMBER;
    case TOK_STRING: case TOK_PROSE: return TT_STRING;
    case TOK_UNDERSCORE: return TT_MACRO;
    case TOK_EQEQ: case TOK_EQ: case TOK_NE: case TOK_GE: case TOK_LE: case TOK_GT: case TOK_LT:
    case TOK_PLUS: case TOK_MINUS: case TOK_PERCENT: case TOK_SLASH:
        return TT_OPERATOR;
    default:
        return TT_NONE;
    }
}

typedef struct tokbuf {
    lsp_server *s;
    const lsp_text *t;
    json_t *data;
    unsigned line, ch;      /* the previous token's start */
} tokbuf;

static void emit(tokbuf *tb, uint32_t b, uint32_t e, int type, bool decl)
{
    if (type == TT_NONE || e <= b)
        return;
    unsigned line, ch, eline, ech;
    lsp_text_pos(tb->t, tb->s->enc, b, &line, &ch);
    lsp_text_pos(tb->t, tb->s->enc, e, &eline, &ech);
    if (eline != line)
        return;     /* tokens never span lines; a stray one is left uncoloured */
    json_array_append_new(tb->data, json_integer(line - tb->line));
    json_array_append_new(tb->data, json_integer(line == tb->line ? ch - tb->ch : ch));
    json_array_append_new(tb->data, json_integer(ech - ch));
    json_array_append_new(tb->data, json_integer(type));
    json_array_append_new(tb->data, json_integer(decl ? 1 : 0));
    tb->line = line;
    tb->ch = ch;
}

void lsp_semantic_tokens(lsp_server *s, json_t *id, json_t *params)
{
    lsp_doc *d = lsp_doc_param(s, id, params);
    if (!d)
        return;
    arena *a = arena_new();
    diag_list *dl = diag_new(a);
    const src_file *src = src_from_memory(a, d->path, d->text.s, d->text.n);
    lex_state lx;
    lex_init(&lx, a, dl, src);
    tokbuf tb = { s, &d->text, json_array(), 0, 0 };
    size_t ci = 0;
    for (;;) {
        lex_token tok;
        lex_loc loc;
        int kind = lex_scan(&lx, &tok, &loc);
        /* comments before this token (the lexer collects them as it goes) */
        for (; ci < lx.ncomments && lx.comments[ci].at.begin < loc.begin; ci++)
            emit(&tb, lx.comments[ci].at.begin, lx.comments[ci].at.end, TT_COMMENT, false);
        if (kind == TOK_END)
            break;
        if (loc.end > d->text.n)
            continue;
        int type = token_type(kind);
        bool decl = false;
        if (kind == TOK_NAME || kind == TOK_STRING || kind == TOK_NUMBER) {
            const lsp_occ *o = d->ix->src ? lsp_index_at(d->ix, loc.begin) : NULL;
            if (o && o->begin == loc.begin) {
                type = name_type(o);
                decl = o->def;
            }
        }
        emit(&tb, loc.begin, loc.end, type, decl);
    }
    for (; ci < lx.ncomments; ci++)
        emit(&tb, lx.comments[ci].at.begin, lx.comments[ci].at.end, TT_COMMENT, false);
    arena_free(a);
    rpc_result(&s->rpc, id, json_pack("{s:o}", "data", tb.data));
}

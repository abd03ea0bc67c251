/* test_lex.c: the lexer, token by token.
 *
 * Each test lexes a small in-memory source to the end and checks the kind,
 * text and byte span of every token, then the diagnostics: an error is the
 * INVALID token (END when a limit stops lexing) plus exactly one
 * diagnostic whose span covers the offending bytes.  Inputs are written
 * with sizeof, not strlen, so a NUL byte can sit inside one. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "lex.h"
#include "parser.h"

#define MAX_TOKS 512

typedef struct lexed {
    arena *a;
    diag_list *diags;
    src_file *f;
    lex_state lx;
    size_t n;                   /* tokens, the final END included */
    int kind[MAX_TOKS];
    lex_token tok[MAX_TOKS];
    lex_loc loc[MAX_TOKS];
} lexed;

/* Lexes s[0..n) to END.  Every token's location must match its text. */
static lexed *lex_mem(const char *s, size_t n)
{
    lexed *L = calloc(1, sizeof *L);
    assert_non_null(L);
    L->a = arena_new();
    L->diags = diag_new(L->a);
    L->f = src_from_memory(L->a, "t.fisc", s, n);
    lex_init(&L->lx, L->a, L->diags, L->f);
    for (;;) {
        assert_true(L->n < MAX_TOKS);
        size_t i = L->n++;
        L->kind[i] = lex_scan(&L->lx, &L->tok[i], &L->loc[i]);
        assert_int_equal(L->loc[i].begin, (uint32_t)(L->tok[i].s - L->f->text));
        assert_int_equal(L->loc[i].end, L->loc[i].begin + L->tok[i].n);
        if (L->kind[i] == TOK_END)
            break;
    }
    return L;
}
#define LEX(lit) lex_mem(lit, sizeof(lit) - 1)

static void done(lexed *L)
{
    arena_free(L->a);
    free(L);
}

/* Token i has this kind and text. */
static void tok_is(const lexed *L, size_t i, int kind, const char *text)
{
    assert_true(i < L->n);
    assert_int_equal(L->kind[i], kind);
    assert_int_equal(L->tok[i].n, strlen(text));
    assert_memory_equal(L->tok[i].s, text, strlen(text));
}

/* Token i spans bytes [begin, end). */
static void tok_at(const lexed *L, size_t i, uint32_t begin, uint32_t end)
{
    assert_int_equal(L->loc[i].begin, begin);
    assert_int_equal(L->loc[i].end, end);
}

/* The token kinds, in order, END included. */
static void kinds_are(const lexed *L, const int *want, size_t n)
{
    assert_int_equal(L->n, n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(L->kind[i], want[i]);
}
#define KINDS(L, ...) \
    kinds_are(L, (const int[]){ __VA_ARGS__ }, sizeof((const int[]){ __VA_ARGS__ }) / sizeof(int))

/* Exactly one diagnostic: an error over [begin, end) whose message
 * contains part. */
static void one_error(const lexed *L, uint32_t begin, uint32_t end, const char *part)
{
    assert_int_equal(diag_size(L->diags), 1);
    const diag *d = diag_at(L->diags, 0);
    assert_int_equal(d->sev, DIAG_ERROR);
    assert_ptr_equal(d->at.file, L->f);
    assert_int_equal(d->at.begin, begin);
    assert_int_equal(d->at.end, end);
    if (!strstr(d->msg, part))
        fail_msg("message '%s' lacks '%s'", d->msg, part);
}

static void no_errors(const lexed *L)
{
    assert_int_equal(diag_size(L->diags), 0);
}

/* --- tokens ------------------------------------------------------------ */

static void test_keywords_vs_names(void **state)
{
    (void)state;
    lexed *L = LEX("total totals rows甲 rows _ _x t07\n");
    KINDS(L, TOK_KW_TOTAL, TOK_NAME, TOK_NAME, TOK_KW_ROWS, TOK_UNDERSCORE,
          TOK_NAME, TOK_NAME, TOK_NEWLINE, TOK_END);
    tok_is(L, 1, TOK_NAME, "totals");
    tok_at(L, 1, 6, 12);
    tok_is(L, 2, TOK_NAME, "rows甲");
    tok_at(L, 2, 13, 20);
    tok_is(L, 5, TOK_NAME, "_x");
    tok_is(L, 6, TOK_NAME, "t07");
    no_errors(L);
    done(L);
}

static void test_every_keyword(void **state)
{
    (void)state;
    lexed *L = LEX("budget import classification table narrative columns rows for check "
                   "total was change prev within exact as heading subtotal ofwhich text "
                   "indicators year unit rounding tolerance previous number department "
                   "note precision\n");
    KINDS(L, TOK_KW_BUDGET, TOK_KW_IMPORT, TOK_KW_CLASSIFICATION, TOK_KW_TABLE,
          TOK_KW_NARRATIVE, TOK_KW_COLUMNS, TOK_KW_ROWS, TOK_KW_FOR, TOK_KW_CHECK,
          TOK_KW_TOTAL, TOK_KW_WAS, TOK_KW_CHANGE, TOK_KW_PREV, TOK_KW_WITHIN,
          TOK_KW_EXACT, TOK_KW_AS, TOK_KW_HEADING, TOK_KW_SUBTOTAL, TOK_KW_OFWHICH,
          TOK_KW_TEXT, TOK_KW_INDICATORS, TOK_KW_YEAR, TOK_KW_UNIT, TOK_KW_ROUNDING,
          TOK_KW_TOLERANCE, TOK_KW_PREVIOUS, TOK_KW_NUMBER, TOK_KW_DEPARTMENT,
          TOK_KW_NOTE, TOK_KW_PRECISION, TOK_NEWLINE, TOK_END);
    no_errors(L);
    done(L);
}

static void test_chinese_names(void **state)
{
    (void)state;
    /* Full-width punctuation (（）：、) is part of a name. */
    lexed *L = LEX("维修（护）费 其中：面向中小企业 一、政府预算拨款\n");
    KINDS(L, TOK_NAME, TOK_NAME, TOK_NAME, TOK_NEWLINE, TOK_END);
    tok_is(L, 0, TOK_NAME, "维修（护）费");
    tok_at(L, 0, 0, 18);
    tok_is(L, 1, TOK_NAME, "其中：面向中小企业");
    tok_at(L, 1, 19, 46);
    tok_is(L, 2, TOK_NAME, "一、政府预算拨款");
    no_errors(L);
    done(L);
}

static void test_strings(void **state)
{
    (void)state;
    lexed *L = LEX("\"2021 年\" \"因公出国(境)费\" \"a\\\"b\\\\c\\n\\t\" \"\"\n");
    KINDS(L, TOK_STRING, TOK_STRING, TOK_STRING, TOK_STRING, TOK_NEWLINE, TOK_END);
    tok_is(L, 0, TOK_STRING, "\"2021 年\"");
    tok_at(L, 0, 0, 10);
    tok_is(L, 1, TOK_STRING, "\"因公出国(境)费\"");
    /* Escapes stay in the token; the parser decodes them. */
    tok_is(L, 2, TOK_STRING, "\"a\\\"b\\\\c\\n\\t\"");
    tok_is(L, 3, TOK_STRING, "\"\"");
    no_errors(L);
    done(L);
}

static void test_numbers(void **state)
{
    (void)state;
    lexed *L = LEX("7,440 1,234.5 0.5 2080109, 4,22\n");
    KINDS(L, TOK_NUMBER, TOK_NUMBER, TOK_NUMBER, TOK_NUMBER, TOK_COMMA,
          TOK_NUMBER, TOK_NEWLINE, TOK_END);
    tok_is(L, 0, TOK_NUMBER, "7,440");
    tok_at(L, 0, 0, 5);
    tok_is(L, 1, TOK_NUMBER, "1,234.5");
    tok_is(L, 2, TOK_NUMBER, "0.5");
    /* A comma not followed by a digit ends the number (t07[2080109, 基本支出]). */
    tok_is(L, 3, TOK_NUMBER, "2080109");
    tok_at(L, 3, 18, 25);
    tok_is(L, 4, TOK_COMMA, ",");
    tok_at(L, 4, 25, 26);
    /* Lexed permissively: the grouping is judged later. */
    tok_is(L, 5, TOK_NUMBER, "4,22");
    no_errors(L);
    done(L);
}

static void test_signs_and_units(void **state)
{
    (void)state;
    lexed *L = LEX("105台 7,440 万元 -36 +111 85% 4％\n");
    KINDS(L, TOK_NUMBER, TOK_NAME, TOK_NUMBER, TOK_NAME, TOK_MINUS, TOK_NUMBER,
          TOK_PLUS, TOK_NUMBER, TOK_NUMBER, TOK_PERCENT, TOK_NUMBER, TOK_PERCENT,
          TOK_NEWLINE, TOK_END);
    tok_is(L, 0, TOK_NUMBER, "105");
    tok_at(L, 0, 0, 3);
    tok_is(L, 1, TOK_NAME, "台");
    tok_at(L, 1, 3, 6);
    tok_is(L, 3, TOK_NAME, "万元");
    tok_is(L, 9, TOK_PERCENT, "%");
    tok_is(L, 11, TOK_PERCENT, "％");
    no_errors(L);
    done(L);
}

static void test_relations(void **state)
{
    (void)state;
    lexed *L = LEX(">= ≥ ≧ <= ≤ ≦ == = != > <\n");
    KINDS(L, TOK_GE, TOK_GE, TOK_GE, TOK_LE, TOK_LE, TOK_LE, TOK_EQEQ, TOK_EQ,
          TOK_NE, TOK_GT, TOK_LT, TOK_NEWLINE, TOK_END);
    /* The spelling is the token's text, kept for printing. */
    tok_is(L, 1, TOK_GE, "≥");
    tok_at(L, 1, 3, 6);
    tok_is(L, 2, TOK_GE, "≧");
    tok_is(L, 4, TOK_LE, "≤");
    tok_is(L, 5, TOK_LE, "≦");
    no_errors(L);
    done(L);
}

static void test_relation_glued_to_name(void **state)
{
    (void)state;
    /* ≧ is not a name character, so it splits a name from its target. */
    lexed *L = LEX("文书邮寄费数≧7,500单\n");
    KINDS(L, TOK_NAME, TOK_GE, TOK_NUMBER, TOK_NAME, TOK_NEWLINE, TOK_END);
    tok_is(L, 0, TOK_NAME, "文书邮寄费数");
    tok_is(L, 2, TOK_NUMBER, "7,500");
    no_errors(L);
    done(L);
}

static void test_punctuation(void **state)
{
    (void)state;
    lexed *L = LEX("t04[a, b] + (c -d) / { }\n");
    KINDS(L, TOK_NAME, TOK_LBRACKET, TOK_NAME, TOK_COMMA, TOK_NAME, TOK_RBRACKET,
          TOK_PLUS, TOK_LPAREN, TOK_NAME, TOK_MINUS, TOK_NAME, TOK_RPAREN,
          TOK_SLASH, TOK_LBRACE, TOK_RBRACE, TOK_NEWLINE, TOK_END);
    no_errors(L);
    done(L);
}

/* A lone '-' in a line's values is a blank cell; in a check, a minus. */
static void test_blank_dash(void **state)
{
    (void)state;
    lexed *L = LEX("a = 1 - -2 -\nb = - {\n}\nc = -// x\ncheck a - b == -c - (d)\n");
    KINDS(L, TOK_NAME, TOK_EQ, TOK_NUMBER, TOK_DASH, TOK_MINUS, TOK_NUMBER, TOK_DASH, TOK_NEWLINE,
          TOK_NAME, TOK_EQ, TOK_DASH, TOK_LBRACE, TOK_NEWLINE, TOK_RBRACE, TOK_NEWLINE,
          TOK_NAME, TOK_EQ, TOK_DASH, TOK_NEWLINE,
          TOK_KW_CHECK, TOK_NAME, TOK_MINUS, TOK_NAME, TOK_EQEQ, TOK_MINUS, TOK_NAME, TOK_MINUS, TOK_LPAREN,
          TOK_NAME, TOK_RPAREN, TOK_NEWLINE, TOK_END);
    no_errors(L);
    done(L);
}

static void test_comments(void **state)
{
    (void)state;
    lexed *L = LEX("// 表头\n"
                   "year 2022  // 预算年度\n"
                   "  // 缩进的注释\r\n");
    KINDS(L, TOK_NEWLINE, TOK_KW_YEAR, TOK_NUMBER, TOK_NEWLINE, TOK_NEWLINE, TOK_END);
    assert_int_equal(L->lx.ncomments, 3);
    const ast_comment *c = L->lx.comments;
    assert_int_equal(c[0].at.begin, 0);
    assert_int_equal(c[0].at.end, 9);               /* "// 表头" */
    assert_true(c[0].own_line);
    assert_int_equal(c[1].at.begin, 21);
    assert_int_equal(c[1].at.end, 36);              /* "// 预算年度" */
    assert_false(c[1].own_line);
    assert_int_equal(c[2].at.begin, 39);
    assert_int_equal(c[2].at.end, 39 + 3 + 15);     /* the '\r' is not part of it */
    assert_true(c[2].own_line);
    no_errors(L);
    done(L);
}

static void test_prose_lines(void **state)
{
    (void)state;
    /* '>' first on a line: the rest of the line is one token of text, in
     * which "//", braces, quotes and relations are text; '>' after a token
     * is a relation, and '>=' first on a line is too. */
    lexed *L = LEX("  > 收入 {收入} // 不是注释 \"{\r\n"
                   ">\n"
                   "a > b\n"
                   ">= 1\n");
    KINDS(L, TOK_PROSE, TOK_NEWLINE, TOK_PROSE, TOK_NEWLINE, TOK_NAME, TOK_GT, TOK_NAME, TOK_NEWLINE,
          TOK_GE, TOK_NUMBER, TOK_NEWLINE, TOK_END);
    tok_is(L, 0, TOK_PROSE, "> 收入 {收入} // 不是注释 \"{");  /* the '\r' is not part of it */
    tok_at(L, 0, 2, 2 + (uint32_t)strlen("> 收入 {收入} // 不是注释 \"{"));
    tok_is(L, 2, TOK_PROSE, ">");
    assert_int_equal(L->lx.ncomments, 0);
    no_errors(L);
    done(L);
}

static void test_prose_bad_bytes(void **state)
{
    (void)state;
    /* Text is checked as a string is: bytes that are not UTF-8 make the
     * line an error; an invisible character is reported in it. */
    lexed *L = LEX("> 注\xFF" "释\n"
                   "> a\xE2\x80\x8B" "b\n");
    KINDS(L, TOK_INVALID, TOK_NEWLINE, TOK_PROSE, TOK_NEWLINE, TOK_END);
    assert_int_equal(diag_size(L->diags), 2);
    assert_non_null(strstr(diag_at(L->diags, 0)->msg, "invalid UTF-8 in string"));
    assert_non_null(strstr(diag_at(L->diags, 1)->msg, "U+200B"));
    done(L);
}

static void test_newline_inside_brackets(void **state)
{
    (void)state;
    lexed *L = LEX("check t01[本年收入合计,\n"
                   "    总计] == (a +\n"
                   "    b)\n"
                   "x\n");
    KINDS(L, TOK_KW_CHECK, TOK_NAME, TOK_LBRACKET, TOK_NAME, TOK_COMMA, TOK_NAME,
          TOK_RBRACKET, TOK_EQEQ, TOK_LPAREN, TOK_NAME, TOK_PLUS, TOK_NAME,
          TOK_RPAREN, TOK_NEWLINE, TOK_NAME, TOK_NEWLINE, TOK_END);
    no_errors(L);
    done(L);
}

static void test_newline_inside_braces_counts(void **state)
{
    (void)state;
    lexed *L = LEX("a {\nb\n}\n");
    KINDS(L, TOK_NAME, TOK_LBRACE, TOK_NEWLINE, TOK_NAME, TOK_NEWLINE,
          TOK_RBRACE, TOK_NEWLINE, TOK_END);
    no_errors(L);
    done(L);
}

static void test_crlf(void **state)
{
    (void)state;
    lexed *L = LEX("year 2022\r\nunit 万元\r\n");
    KINDS(L, TOK_KW_YEAR, TOK_NUMBER, TOK_NEWLINE, TOK_KW_UNIT, TOK_NAME,
          TOK_NEWLINE, TOK_END);
    tok_is(L, 1, TOK_NUMBER, "2022");
    tok_is(L, 2, TOK_NEWLINE, "\n");
    tok_at(L, 2, 10, 11);
    tok_is(L, 4, TOK_NAME, "万元");
    no_errors(L);
    done(L);
}

static void test_bom_skipped(void **state)
{
    (void)state;
    lexed *L = LEX("\xEF\xBB\xBFyear 2022\n");
    KINDS(L, TOK_KW_YEAR, TOK_NUMBER, TOK_NEWLINE, TOK_END);
    tok_at(L, 0, 3, 7);
    no_errors(L);
    done(L);
}

static void test_missing_final_newline(void **state)
{
    (void)state;
    lexed *L = LEX("year 2022");
    KINDS(L, TOK_KW_YEAR, TOK_NUMBER, TOK_NEWLINE, TOK_END);
    tok_at(L, 3, 10, 10);
    no_errors(L);
    done(L);
}

static void test_end_repeats(void **state)
{
    (void)state;
    lexed *L = LEX("x\n");
    lex_token t;
    lex_loc l;
    assert_int_equal(lex_scan(&L->lx, &t, &l), TOK_END);
    assert_int_equal(lex_scan(&L->lx, &t, &l), TOK_END);
    done(L);
}

/* --- errors ------------------------------------------------------------- */

static void test_nul_byte(void **state)
{
    (void)state;
    lexed *L = LEX("year 2022\nunit \0万元\n");
    KINDS(L, TOK_KW_YEAR, TOK_NUMBER, TOK_NEWLINE, TOK_KW_UNIT, TOK_INVALID,
          TOK_NAME, TOK_NEWLINE, TOK_END);
    tok_at(L, 4, 15, 16);
    one_error(L, 15, 16, "NUL byte");
    done(L);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    lexed *L = LEX("a \x80 b\n");
    KINDS(L, TOK_NAME, TOK_INVALID, TOK_NAME, TOK_NEWLINE, TOK_END);
    tok_at(L, 1, 2, 3);
    one_error(L, 2, 3, "invalid UTF-8 byte 0x80");
    done(L);

    /* A truncated sequence is one error, not one per byte. */
    L = LEX("\xE6\x94 = 1\n");
    KINDS(L, TOK_INVALID, TOK_EQ, TOK_NUMBER, TOK_NEWLINE, TOK_END);
    one_error(L, 0, 2, "invalid UTF-8 byte 0xE6");
    done(L);
}

/* Bytes that are not UTF-8 are one error per file: later runs are silent
 * error tokens, and the first error gets a note counting their lines
 * (the one a comment holds too; the comment still ends at its line's
 * end).  A file whose stray bytes all read as GBK pairs is named GBK. */
static void test_encoding_once_per_file(void **state)
{
    (void)state;
    lexed *L = LEX("a \xC4\xEA b\nc \xB6\xC8 \xB1\xED\n// \xD5\xE2 x\nd\n");
    KINDS(L, TOK_NAME, TOK_INVALID, TOK_NAME, TOK_NEWLINE, TOK_NAME, TOK_INVALID, TOK_INVALID, TOK_NEWLINE,
          TOK_NEWLINE, TOK_NAME, TOK_NEWLINE, TOK_END);
    one_error(L, 2, 4, "is this text GBK-encoded? convert the file: iconv -f GBK -t UTF-8");
    const diag *d = diag_at(L->diags, 0);
    assert_non_null(d->notes);
    assert_null(d->notes->next);
    assert_string_equal(d->notes->msg, "this line and 1 more after it hold bytes that are not UTF-8 too");
    assert_int_equal(d->notes->at.begin, 9);
    done(L);

    /* one stray byte is no encoding: no GBK hint, and no note */
    L = LEX("a \x80 b\n");
    one_error(L, 2, 3, "invalid UTF-8 byte 0x80");
    assert_null(diag_at(L->diags, 0)->notes);
    done(L);
}

static void test_invalid_utf8_in_string(void **state)
{
    (void)state;
    lexed *L = LEX("note \"注\xFF\"\n");
    KINDS(L, TOK_KW_NOTE, TOK_INVALID, TOK_NEWLINE, TOK_END);
    tok_at(L, 1, 5, 11);
    one_error(L, 5, 11, "invalid UTF-8 in string");
    done(L);
}

static void test_unterminated_string(void **state)
{
    (void)state;
    lexed *L = LEX("note \"注：本表\n"
                   "year 2022\n");
    KINDS(L, TOK_KW_NOTE, TOK_INVALID, TOK_NEWLINE, TOK_KW_YEAR, TOK_NUMBER,
          TOK_NEWLINE, TOK_END);
    /* From the quote to the end of the line. */
    tok_at(L, 1, 5, 18);
    one_error(L, 5, 18, "unterminated string");
    done(L);
}

static void test_unterminated_string_crlf(void **state)
{
    (void)state;
    lexed *L = LEX("note \"ab\r\nyear 2022\r\n");
    assert_int_equal(L->kind[1], TOK_INVALID);
    assert_int_equal(L->kind[2], TOK_NEWLINE);
    assert_int_equal(diag_size(L->diags), 1);
    assert_int_equal(diag_at(L->diags, 0)->at.begin, 5);
    done(L);
}

static void test_fullwidth_digits(void **state)
{
    (void)state;
    lexed *L = LEX("预算 = ７，４４０\n");
    KINDS(L, TOK_NAME, TOK_EQ, TOK_INVALID, TOK_NEWLINE, TOK_END);
    /* The whole figure is one error, not one per digit. */
    tok_is(L, 2, TOK_INVALID, "７，４４０");
    tok_at(L, 2, 9, 24);
    one_error(L, 9, 24, "full-width digits in '７，４４０'");
    done(L);
}

static void test_fullwidth_space(void **state)
{
    (void)state;
    lexed *L = LEX("人员　支出 = 1\n");
    KINDS(L, TOK_NAME, TOK_INVALID, TOK_NAME, TOK_EQ, TOK_NUMBER, TOK_NEWLINE, TOK_END);
    tok_is(L, 1, TOK_INVALID, "　");
    tok_at(L, 1, 6, 9);
    one_error(L, 6, 9, "U+3000");
    done(L);
}

static void test_fullwidth_equals(void **state)
{
    (void)state;
    lexed *L = LEX("预算＝7,440\n");
    KINDS(L, TOK_NAME, TOK_INVALID, TOK_NUMBER, TOK_NEWLINE, TOK_END);
    tok_at(L, 1, 6, 9);
    one_error(L, 6, 9, "use '='");
    done(L);
}

static void test_minus_sign(void **state)
{
    (void)state;
    lexed *L = LEX("change −274\n");
    KINDS(L, TOK_KW_CHANGE, TOK_INVALID, TOK_NUMBER, TOK_NEWLINE, TOK_END);
    tok_at(L, 1, 7, 10);
    one_error(L, 7, 10, "U+2212");
    done(L);
}

static void test_zero_width_space_in_name(void **state)
{
    (void)state;
    lexed *L = LEX("社会\u200B保险 = 1\n");
    KINDS(L, TOK_NAME, TOK_INVALID, TOK_NAME, TOK_EQ, TOK_NUMBER, TOK_NEWLINE, TOK_END);
    tok_is(L, 0, TOK_NAME, "社会");
    tok_at(L, 1, 6, 9);
    tok_is(L, 2, TOK_NAME, "保险");
    one_error(L, 6, 9, "invisible character U+200B");
    done(L);
}

static void test_bidi_control(void **state)
{
    (void)state;
    lexed *L = LEX("check a \u202E== b\n");
    KINDS(L, TOK_KW_CHECK, TOK_NAME, TOK_INVALID, TOK_EQEQ, TOK_NAME, TOK_NEWLINE, TOK_END);
    tok_at(L, 2, 8, 11);
    one_error(L, 8, 11, "U+202E (bidirectional control");
    done(L);
}

/* Encodes cp as UTF-8 into buf; returns the length. */
static size_t utf8(long cp, char *buf)
{
    if (cp < 0x80) {
        buf[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    buf[0] = (char)(0xF0 | (cp >> 18));
    buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Lexes "甲<cp>乙\n" (where = 'n'), "\"甲<cp>乙\"\n" ('s') or "//甲<cp>乙\n"
 * ('c'); true when cp was refused with one error at its own bytes. */
static bool refused(long cp, char where)
{
    char buf[32];
    size_t n = 0, len;
    if (where == 's')
        buf[n++] = '"';
    if (where == 'c')
        buf[n++] = '/', buf[n++] = '/';
    memcpy(buf + n, "甲", 3);
    n += 3;
    len = utf8(cp, buf + n);
    n += len;
    memcpy(buf + n, "乙", 3);
    n += 3;
    if (where == 's')
        buf[n++] = '"';
    buf[n++] = '\n';
    lexed *L = lex_mem(buf, n);
    size_t at = where == 'n' ? 3 : where == 's' ? 4 : 5;
    bool yes = diag_size(L->diags) == 1 && diag_at(L->diags, 0)->at.begin == at &&
               diag_at(L->diags, 0)->at.end == at + len;
    if (where == 'n' && yes)        /* the name is cut before and after it */
        kinds_are(L, (const int[]){ TOK_NAME, TOK_INVALID, TOK_NAME, TOK_NEWLINE, TOK_END }, 5);
    if (!yes)
        assert_int_equal(diag_size(L->diags), 0);
    done(L);
    return yes;
}

static void test_refused_code_points(void **state)
{
    (void)state;
    /* Default_Ignorable_Code_Point (Unicode 15.0), each range's ends. */
    static const long di[][2] = {
        { 0x00AD, 0x00AD }, { 0x034F, 0x034F }, { 0x061C, 0x061C }, { 0x115F, 0x1160 },
        { 0x17B4, 0x17B5 }, { 0x180B, 0x180F }, { 0x200B, 0x200F }, { 0x202A, 0x202E },
        { 0x2060, 0x206F }, { 0x3164, 0x3164 }, { 0xFE00, 0xFE0F }, { 0xFFA0, 0xFFA0 },
        { 0xFFF0, 0xFFF8 }, { 0x1BCA0, 0x1BCA3 }, { 0x1D173, 0x1D17A }, { 0xE0000, 0xE0FFF },
    };
    for (size_t i = 0; i < sizeof di / sizeof *di; i++) {
        assert_true(refused(di[i][0], 'n'));
        assert_true(refused(di[i][1], 'n'));
        assert_true(refused(di[i][0], 's'));
        assert_true(refused(di[i][1], 's'));
        /* The neighbours are allowed, unless they are spaces (U+200A,
         * U+205F, U+202F) or a line separator (U+2029). */
        if (di[i][0] != 0x200B && di[i][0] != 0x2060 && di[i][0] != 0x202A)
            assert_false(refused(di[i][0] - 1, 'n'));
        if (di[i][1] != 0x202E)
            assert_false(refused(di[i][1] + 1, 'n'));
    }
    /* Bidi_Control: refused in comments too; other invisibles are not. */
    static const long bidi[] = { 0x061C, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069 };
    for (size_t i = 0; i < sizeof bidi / sizeof *bidi; i++)
        assert_true(refused(bidi[i], 'c'));
    assert_false(refused(0x200D, 'c'));
    assert_false(refused(0xFE0F, 'c'));
    /* C1 controls everywhere; C0 in strings and comments (but tab). */
    for (long cp = 0x80; cp <= 0x9F; cp++) {
        assert_true(refused(cp, 'n'));
        assert_true(refused(cp, 's'));
        assert_true(refused(cp, 'c'));
    }
    assert_true(refused(0x1B, 's'));
    assert_true(refused(0x07, 's'));
    assert_true(refused(0x7F, 's'));
    assert_true(refused(0x1B, 'c'));
    assert_false(refused('\t', 's'));
    assert_false(refused('\t', 'c'));
    /* Space-like characters: refused in names, fine in quotes. */
    static const long spaces[] = { 0x1680, 0x2000, 0x200A, 0x202F, 0x205F, 0x2800, 0x2028, 0x2029 };
    for (size_t i = 0; i < sizeof spaces / sizeof *spaces; i++)
        assert_true(refused(spaces[i], 'n'));
    assert_false(refused(0x2003, 's'));
    assert_false(refused(0x2800, 's'));
    assert_true(refused(0x2028, 's'));
    /* Ordinary non-ASCII stays part of the name. */
    static const long fine[] = { 0x00A9, 0x4E00, 0xFF08, 0x3001, 0x1F600, 0x2801, 0xE1000 };
    for (size_t i = 0; i < sizeof fine / sizeof *fine; i++)
        assert_false(refused(fine[i], 'n'));
}

static void test_lexical_error_limit(void **state)
{
    (void)state;
    /* 4 KB of control bytes: LEX_MAX_ERRORS errors, then one that names
     * the limit, and nothing after. */
    size_t n = 4096;
    char *buf = malloc(n);
    assert_non_null(buf);
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)(i % 2 ? 0x1B : 0x07);
    lexed *L = lex_mem(buf, n);
    free(buf);
    assert_int_equal(diag_size(L->diags), LEX_MAX_ERRORS + 1);
    const diag *last = diag_at(L->diags, LEX_MAX_ERRORS);
    assert_non_null(strstr(last->msg, "the lexical-error limit"));
    assert_string_equal(last->check, "limit");
    assert_true(L->n < MAX_TOKS);
    done(L);
}

static void test_bom_mid_file(void **state)
{
    (void)state;
    /* U+FEFF is only skipped at the very start. */
    lexed *L = LEX("a\n\xEF\xBB\xBF" "b\n");
    KINDS(L, TOK_NAME, TOK_NEWLINE, TOK_INVALID, TOK_NAME, TOK_NEWLINE, TOK_END);
    one_error(L, 2, 5, "byte order mark (U+FEFF) inside the file");
    done(L);
}

static void test_control_char(void **state)
{
    (void)state;
    lexed *L = LEX("year\x01 2022\n");
    KINDS(L, TOK_KW_YEAR, TOK_INVALID, TOK_NUMBER, TOK_NEWLINE, TOK_END);
    tok_at(L, 1, 4, 5);
    one_error(L, 4, 5, "control character 0x01");
    done(L);

    L = LEX("a\x7F\n");
    one_error(L, 1, 2, "control character 0x7F");
    done(L);
}

static void test_unexpected_ascii(void **state)
{
    (void)state;
    lexed *L = LEX("a ; b\n");
    KINDS(L, TOK_NAME, TOK_INVALID, TOK_NAME, TOK_NEWLINE, TOK_END);
    one_error(L, 2, 3, "unexpected character ';'");
    done(L);
}

static void test_hash_is_not_a_comment(void **state)
{
    (void)state;
    lexed *L = LEX("# 注释\n");
    KINDS(L, TOK_INVALID, TOK_NAME, TOK_NEWLINE, TOK_END);
    one_error(L, 0, 1, "comments start with //");
    done(L);
}

static void test_brace_ends_unclosed_bracket(void **state)
{
    (void)state;
    /* An unclosed [ stops at the next block boundary instead of hiding
     * every later line break in the file. */
    lexed *L = LEX("check t01[a\n}\nb\n");
    KINDS(L, TOK_KW_CHECK, TOK_NAME, TOK_LBRACKET, TOK_NAME, TOK_RBRACE,
          TOK_NEWLINE, TOK_NAME, TOK_NEWLINE, TOK_END);
    no_errors(L);
    done(L);
}

static void test_name_length_limit(void **state)
{
    (void)state;
    char buf[LEX_MAX_NAME + 8];
    memset(buf, 'a', LEX_MAX_NAME);
    strcpy(buf + LEX_MAX_NAME, " b\n");
    /* Exactly at the limit: fine. */
    lexed *L = lex_mem(buf, strlen(buf));
    KINDS(L, TOK_NAME, TOK_NAME, TOK_NEWLINE, TOK_END);
    no_errors(L);
    done(L);

    memset(buf, 'a', LEX_MAX_NAME + 1);
    strcpy(buf + LEX_MAX_NAME + 1, " b\n");
    L = lex_mem(buf, strlen(buf));
    KINDS(L, TOK_INVALID, TOK_NAME, TOK_NEWLINE, TOK_END);
    tok_at(L, 0, 0, LEX_MAX_NAME + 1);
    one_error(L, 0, LEX_MAX_NAME + 1, "name-length limit");
    assert_string_equal(diag_at(L->diags, 0)->check, "limit");
    assert_false(L->lx.fatal);
    done(L);
}

static void test_line_length_limit(void **state)
{
    (void)state;
    size_t n = LEX_MAX_LINE + 1;
    char *buf = malloc(n + 16);
    assert_non_null(buf);
    strcpy(buf, "a\n");
    memset(buf + 2, ' ', n);
    strcpy(buf + 2 + n, "b\nc\n");
    lexed *L = lex_mem(buf, strlen(buf));
    free(buf);
    /* The over-long line stops lexing: no more tokens. */
    KINDS(L, TOK_NAME, TOK_NEWLINE, TOK_NAME, TOK_END);
    assert_true(L->lx.fatal);
    one_error(L, 2, 3, "line-length limit");
    done(L);
}

static void test_nesting_limit(void **state)
{
    (void)state;
    char buf[4 * (LEX_MAX_DEPTH + 2) + 8];
    size_t n = 0;
    for (int i = 0; i < LEX_MAX_DEPTH + 1; i++) {
        memcpy(buf + n, "a {\n", 4);
        n += 4;
    }
    memcpy(buf + n, "}\n", 3);
    lexed *L = lex_mem(buf, n + 2);
    /* 64 levels lex; the 65th '{' is INVALID, then END. */
    assert_int_equal(L->n, (size_t)3 * LEX_MAX_DEPTH + 3);
    assert_int_equal(L->kind[L->n - 3], TOK_NAME);
    assert_int_equal(L->kind[L->n - 2], TOK_INVALID);
    assert_int_equal(L->kind[L->n - 1], TOK_END);
    assert_true(L->lx.fatal);
    uint32_t brace = 4 * LEX_MAX_DEPTH + 2;
    tok_at(L, L->n - 2, brace, brace + 1);
    one_error(L, brace, brace + 1, "nesting limit");
    done(L);
}

static void test_depth_recovers_after_close(void **state)
{
    (void)state;
    /* Sibling blocks do not add up: depth counts open braces only. */
    char buf[4 * 100 + 8];
    size_t n = 0;
    for (int i = 0; i < 100; i++) {
        memcpy(buf + n, "a{}\n", 4);
        n += 4;
    }
    lexed *L = lex_mem(buf, n);
    assert_false(L->lx.fatal);
    no_errors(L);
    done(L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keywords_vs_names),
        cmocka_unit_test(test_every_keyword),
        cmocka_unit_test(test_chinese_names),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_signs_and_units),
        cmocka_unit_test(test_relations),
        cmocka_unit_test(test_relation_glued_to_name),
        cmocka_unit_test(test_punctuation),
        cmocka_unit_test(test_blank_dash),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_prose_lines),
        cmocka_unit_test(test_prose_bad_bytes),
        cmocka_unit_test(test_newline_inside_brackets),
        cmocka_unit_test(test_newline_inside_braces_counts),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_bom_skipped),
        cmocka_unit_test(test_missing_final_newline),
        cmocka_unit_test(test_end_repeats),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_encoding_once_per_file),
        cmocka_unit_test(test_invalid_utf8_in_string),
        cmocka_unit_test(test_unterminated_string),
        cmocka_unit_test(test_unterminated_string_crlf),
        cmocka_unit_test(test_fullwidth_digits),
        cmocka_unit_test(test_fullwidth_space),
        cmocka_unit_test(test_fullwidth_equals),
        cmocka_unit_test(test_minus_sign),
        cmocka_unit_test(test_zero_width_space_in_name),
        cmocka_unit_test(test_bidi_control),
        cmocka_unit_test(test_refused_code_points),
        cmocka_unit_test(test_lexical_error_limit),
        cmocka_unit_test(test_bom_mid_file),
        cmocka_unit_test(test_control_char),
        cmocka_unit_test(test_unexpected_ascii),
        cmocka_unit_test(test_hash_is_not_a_comment),
        cmocka_unit_test(test_brace_ends_unclosed_bracket),
        cmocka_unit_test(test_name_length_limit),
        cmocka_unit_test(test_line_length_limit),
        cmocka_unit_test(test_nesting_limit),
        cmocka_unit_test(test_depth_recovers_after_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

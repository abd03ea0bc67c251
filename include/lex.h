/* lex.h: the lexer's contract with the parser and the tests.
 *
 * The lexer runs over the whole NUL-terminated buffer of a src_file and
 * copies nothing: a token is a (pointer, length) view into the text.
 * Comments are collected on the side for the formatter.  Errors (invalid
 * UTF-8, NUL bytes, full-width digits, invisible characters, malformed
 * strings) are reported to the diagnostic list and returned as the
 * INVALID token so the parser can recover at the end of the line. */
#ifndef FISC_LEX_H
#define FISC_LEX_H

#include <stdbool.h>
#include <stdint.h>
#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "source.h"

/* Limits, each reported by name when exceeded. */
#define LEX_MAX_DEPTH 64          /* nested { } blocks */
#define LEX_MAX_NAME 256          /* bytes in one name or label */
#define LEX_MAX_LINE 65536        /* bytes in one source line */
#define LEX_MAX_ERRORS 100        /* lexical errors in one file before lexing stops */
#define LEX_MAX_INJECT 256        /* unclosed braces closed by indentation (lex_plan_braces) */

typedef struct lex_token {
    const char *s;
    uint32_t n;
} lex_token;

typedef struct lex_loc {
    uint32_t begin, end;
} lex_loc;

typedef struct lex_state {
    const src_file *src;
    const char *cur, *lim, *mark, *line_start;
    arena *a;
    diag_list *diags;
    int parens;               /* ( and [ depth: newlines inside are blanks */
    bool mid_line;            /* a token has been seen on this logical line */
    bool in_check;            /* ... and the first was 'check' */
    int braces;               /* { depth, for the nesting limit */
    uint32_t brace_at[LEX_MAX_DEPTH + 1]; /* offsets of the open braces */
    int closing;              /* at end: unclosed braces still to close */
    bool close_newline;       /* at end: next synthetic token is NEWLINE */
    /* Bytes that are not UTF-8 are one error per file (the first, with
     * the fix for the whole file), and a note on it counting the other
     * lines that hold some; the tokens they make are silent errors. */
    diag *encoding;           /* that error, or NULL */
    const char *encoding_line; /* line_start of the last line counted */
    unsigned encoding_lines;  /* lines after the first that hold such bytes */
    signed char gbk;          /* whether the file looks GBK-encoded (src_looks_gbk,
                                 a scan of the whole file): 0 not asked yet, 1 yes, -1 no */
    uint32_t encoding_next_at, encoding_next_end; /* the first of them */
    uint32_t silent_at;       /* where the last silent error token starts ... */
    bool silent;              /* ... when there was one: the parser says nothing there */
    bool fatal;               /* a limit stopped lexing: suppress parse errors */
    bool quiet_line;          /* the parser reported this line: no more errors on it */
    unsigned nerrors;         /* lexical errors reported so far */
    bool at_end;
    ast_comment *comments;
    size_t ncomments, capcomments;
    bool no_comments;         /* keep none (only the formatter needs them) */
    /* Unclosed blocks found by indentation (lex_plan_braces): a '}' and an
     * end of line are returned before the character at each offset. */
    uint32_t inject[LEX_MAX_INJECT];
    size_t ninject, next_inject;
    bool inject_newline;      /* the next token is the injected end of line */
    bool braces_planned;      /* they are reported: not again at the end */
    /* A placeholder's expression (parse_placeholder): lexing stops at this
     * offset with an end of placeholder, then the end (0: not so). */
    uint32_t stop;
    bool stopped;
} lex_state;

void lex_init(lex_state *lx, arena *a, diag_list *diags, const src_file *src);
/* Next token's kind (a parser token number, 0 at end), value and location. */
int lex_scan(lex_state *lx, lex_token *tok, lex_loc *loc);
/* A span in lx's file. */
span lex_span(const lex_state *lx, uint32_t begin, uint32_t end);
/* When lx's file opens more blocks than it closes, finds by indentation
 * which '{' were left open and where their blocks end, reports each (with
 * the fix that closes it) and has lex_scan close them there; nothing when
 * the indentation does not say for sure (src/lex_braces.c).  Call before
 * the first lex_scan. */
void lex_plan_braces(lex_state *lx);

#endif

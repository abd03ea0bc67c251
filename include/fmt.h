/* fmt.h: the canonical layout of a fisc file (`fisc fmt`) and the
 * next-year transform built on the same printer (`fisc next-year`).
 *
 * The layout is documented in docs/language.md, section 12.  The printer
 * works from the syntax tree and the file's comments only; it never
 * copies the author's whitespace, so its output is independent of it. */
#ifndef FISC_FMT_H
#define FISC_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "arena.h"
#include "ast.h"
#include "cli.h"
#include "diag.h"

typedef struct fmt_options {
    bool normalize_numbers;  /* figures regrouped with thousands separators */
    bool next_year;          /* year + 1; figures become previous-year values */
    bool keep;               /* next_year: keep the figures as this year's too */
    const char *previous;    /* next_year: the file rolled from, for 'previous' */
    diag_color color;        /* diagnostics: --color */
    diag_tally *tally;       /* diagnostics printed are counted here (NULL: not) */
} fmt_options;

/* Whether next-year adds `previous "FILE"` at the end of the budget
 * header it (a budget item) opens: the header has a block and names no
 * previous file yet, and o knows the file rolled from. */
bool fmt_adds_previous(const ast_item *budget, const fmt_options *o);

/* Prints f in the canonical layout; 0 ok, -1 on a write error. */
int fmt_write(FILE *out, const ast_file *f);
/* fmt_write with options (NULL: the defaults, as fmt_write). */
int fmt_write_opts(FILE *out, const ast_file *f, const fmt_options *o);

/* f printed with o into a malloc'd buffer of *n bytes (the caller frees
 * it); exits 2 when memory runs out. */
char *fmt_render(const ast_file *f, const fmt_options *o, size_t *n);

/* f printed with o, checked before anyone sees it: every line within the
 * lexer's line-length limit and, with verify, the text parsing back to
 * f's tree (next-year: to f rolled on; fmt_same_tree).  0 and *out a malloc'd
 * buffer of *n bytes (the caller frees it); 1, a limit the layout cannot
 * meet, or 2, an internal error (the printed text would read differently):
 * *out NULL and the reason in diags. */
int fmt_format(const ast_file *f, const fmt_options *o, diag_list *diags, bool verify,
               char **out, size_t *n);

/* True when got, parsed from what the printer made of want with o (NULL:
 * the defaults), is want's tree -- layout, blank lines and comment
 * positions aside -- with next-year's transform applied when o asks for
 * it; else false with *at and *why (a static string) naming the first
 * difference. */
bool fmt_same_tree(const ast_file *want, const ast_file *got, const fmt_options *o,
                   span *at, const char **why);

/* fmt_same_tree with got given as text, parsed one top-level item at a
 * time and compared as it goes (no tree of got is ever whole): 1 when it
 * is want's tree, 0 when not (*at and *why set), -1 when got does not
 * parse cleanly (the caller parses it with parse_file for the reason). */
int fmt_same_text(const ast_file *want, const src_file *got, const fmt_options *o, span *at,
                  const char **why);

/* Loads and parses path ("-": standard input) into a; prints its
 * diagnostics to stderr as o says (colour, tally; o may be NULL).
 * Returns 0 and sets *out when the file parsed cleanly, 1 on syntax
 * errors, 2 when it cannot be read. */
int fmt_parse_path(arena *a, strtab *names, const char *path, const fmt_options *o, ast_file **out);

/* fmt_format with its diagnostics printed to stderr (a: where the list
 * lives); the same status. */
int fmt_format_file(arena *a, const ast_file *f, const fmt_options *o, bool verify,
                    char **out, size_t *n);

/* "fisc: cannot write 'PATH': WHY" on stderr, escaped for a terminal. */
void fmt_cannot_write(const char *path, const char *why);

/* fisc fmt [--check | -w] [--normalize-numbers] FILE... */
int cmd_fmt(cli_args *a);
/* fisc next-year FILE [--keep] [-o OUT [--force]] */
int cmd_next_year(cli_args *a);

#endif

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

typedef struct fmt_options {
    bool normalize_numbers;  /* figures regrouped with thousands separators */
    bool next_year;          /* year + 1; figures become previous-year values */
    bool keep;               /* next_year: keep the figures as this year's too */
    const char *previous;    /* next_year: the file rolled from, for 'previous' */
} fmt_options;

/* Prints f in the canonical layout; 0 ok, -1 on a write error. */
int fmt_write(FILE *out, const ast_file *f);
/* fmt_write with options (NULL: the defaults, as fmt_write). */
int fmt_write_opts(FILE *out, const ast_file *f, const fmt_options *o);

/* f printed with o into a malloc'd buffer of *n bytes (the caller frees
 * it); exits 2 when memory runs out. */
char *fmt_render(const ast_file *f, const fmt_options *o, size_t *n);

/* Loads and parses path into a; prints its diagnostics to stderr.
 * Returns 0 and sets *out when the file parsed cleanly, 1 on syntax
 * errors, 2 when it cannot be read. */
int fmt_parse_path(arena *a, strtab *names, const char *path, ast_file **out);

/* Replaces path with data[0..n) atomically: a temporary file beside it,
 * fsync, rename.  Keeps an existing file's mode.  Returns 0, or -1 with
 * errno set and the original untouched. */
int fmt_replace_file(const char *path, const char *data, size_t n);

/* fisc fmt [--check | -w] [--normalize-numbers] FILE... */
int cmd_fmt(int argc, char **argv);
/* fisc next-year FILE [--keep] [-o OUT] */
int cmd_next_year(int argc, char **argv);

#endif

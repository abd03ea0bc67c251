/* diag.h: diagnostics are data.
 *
 * Every phase appends {severity, span, check, message, notes} to one list;
 * nothing is printed until the driver calls diag_print, which sorts by
 * position, drops a parser error that repeats a lexer error at the same
 * spot, caps the count and renders gcc-style with a gutter and carets
 * placed by display width. */
#ifndef FISC_DIAG_H
#define FISC_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "arena.h"
#include "source.h"

typedef struct span {
    const src_file *file;   /* NULL: no location (printed as "fisc:") */
    uint32_t begin, end;    /* byte offsets, end exclusive */
} span;

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_severity;

/* No typedef: the name diag_note is taken by the function that adds one. */
struct diag_note {
    span at;
    const char *msg;
    struct diag_note *next;
};

/* A replacement that repairs what a diagnostic reports: the editor offers
 * it as a quick fix (docs/editors.md).  Empty `at` inserts. */
struct diag_fix {
    span at;
    const char *text;       /* the replacement */
    const char *title;      /* "replace the full-width digits with 7,440" */
    bool acknowledge;       /* not a repair: it acknowledges what is reported
                               (known "…"); an editor never prefers it */
    struct diag_fix *next;
};

typedef struct diag {
    diag_severity sev;
    span at;
    const char *check;      /* stable check name ("footing") or NULL */
    const char *msg;
    struct diag_note *notes, *last_note;
    struct diag_fix *fixes; /* in the order added; NULL: none */
    unsigned seq;           /* insertion order, the sort's tie-breaker */
    bool silenced;          /* a warning the user turned off: not printed or counted */
    bool no_echo;           /* print the location only, never the file's text */
    bool syntax;            /* the parser's own "syntax error" (diag_dedupe) */
} diag;

typedef struct diag_list diag_list;

/* Diagnostics kept in one list (one compilation).  Past this they are
 * counted, not stored: a flood of errors costs no memory, and the count
 * is printed after the ones kept.  Kept are the first ones reported. */
#define DIAG_MAX_KEPT 10000

typedef struct diag_options {
    bool color;             /* ANSI colour */
    unsigned max_errors;    /* 0 = no cap; then "N more errors not shown" */
    bool strict;            /* warnings count and print as errors */
    bool errors_only;       /* print no warnings (nor their notes) */
} diag_options;

diag_list *diag_new(arena *a);
/* Adds a diagnostic.  Once the list holds DIAG_MAX_KEPT, the returned
 * diag is a placeholder: notes attached to it are dropped. */
diag *diag_add(diag_list *l, diag_severity sev, span at, const char *check,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* diag_add for callers that are themselves printf-like wrappers. */
diag *diag_vadd(diag_list *l, diag_severity sev, span at, const char *check,
                const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
void diag_note(diag_list *l, diag *d, span at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Attaches a fix to d: replace the bytes at `at` with text (copied). */
void diag_fix(diag_list *l, diag *d, span at, const char *text, const char *title);
/* diag_fix for an acknowledgement rather than a repair (known "…"). */
void diag_fix_acknowledge(diag_list *l, diag *d, span at, const char *text, const char *title);
/* Diagnostics of severity sev, kept or only counted. */
size_t diag_count(const diag_list *l, diag_severity sev);
/* Of those, the ones counted but not kept. */
size_t diag_dropped(const diag_list *l, diag_severity sev);
/* Applies -Werror=CHECK (the promoted names) and -Wno-CHECK (silenced) to
 * every warning, kept or only counted. */
void diag_apply_policy(diag_list *l, const char *const *silenced, size_t nsilenced,
                       const char *const *promoted, size_t npromoted);
/* Errors, plus warnings when strict. */
size_t diag_failures(const diag_list *l, bool strict);
/* Diagnostics kept (what diag_at indexes). */
size_t diag_size(const diag_list *l);
diag *diag_at(const diag_list *l, size_t i);
/* Moves every diagnostic of from (kept or counted) to the end of to, in
 * order; from is left empty.  Both lists must share one arena. */
void diag_move(diag_list *to, diag_list *from);
/* Stable sort by (file order of first appearance, offset, seq). */
void diag_sort(diag_list *l);
/* After diag_sort: drops a parser error (d->syntax) that begins where an
 * earlier error in the same file begins. */
void diag_dedupe(diag_list *l);
void diag_print(diag_list *l, FILE *out, const diag_options *opt);
/* What the compilations of one command reported, for its summary line. */
typedef struct diag_tally {
    size_t errors;          /* errors printed or counted (strict: warnings too) */
    size_t warnings;        /* other warnings printed or counted (not silenced) */
} diag_tally;

/* Adds to t what diag_print showed or counted for l under opt: the
 * failures (errors, and warnings when strict) to errors, the other
 * warnings (none when errors_only) to warnings; silenced ones to neither. */
void diag_tally_add(diag_tally *t, const diag_list *l, const diag_options *opt);

/* --color=WHEN */
typedef enum { DIAG_COLOR_AUTO, DIAG_COLOR_ALWAYS, DIAG_COLOR_NEVER } diag_color;

/* The automatic colour decision: out is a terminal, NO_COLOR is unset or
 * empty, and TERM is not "dumb". */
bool diag_want_color(FILE *out);
/* Colour for out under mode (auto: diag_want_color). */
bool diag_use_color(FILE *out, diag_color mode);

#endif

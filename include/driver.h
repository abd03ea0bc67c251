/* driver.h: the pipeline shared by the subcommands.
 *
 * load -> lex/parse -> resolve -> check, with diagnostics printed once at
 * the end, sorted.  A subcommand compiles, then emits from the model. */
#ifndef FISC_DRIVER_H
#define FISC_DRIVER_H

#include <stdbool.h>
#include "arena.h"
#include "diag.h"
#include "model.h"

typedef struct driver_opts {
    unsigned max_errors;    /* diagnostics cap (0 = none) */
    bool strict;            /* within-rounding warnings are errors */
    bool quiet_warnings;    /* print errors only */
} driver_opts;

typedef struct compilation {
    arena *a;
    strtab *names;
    diag_list *diags;
    m_model *model;         /* NULL when the file could not be read */
} compilation;

/* Compiles path; prints its diagnostics to stderr.  Returns the exit
 * status: 0 ok (warnings allowed), 1 errors in the input, 2 I/O error.
 * The caller frees c->a with arena_free whatever the status. */
int driver_compile(const char *path, const driver_opts *o, compilation *c);

#endif

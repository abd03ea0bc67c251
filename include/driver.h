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

/* Most -I folders on one command line. */
#define DRIVER_MAX_LIB_DIRS 64

/* The checks whose warnings -Wno-CHECK and -Werror=CHECK name. */
#define DRIVER_NCHECKS 13
extern const char *const driver_warning_checks[DRIVER_NCHECKS + 1];  /* NULL-terminated */

typedef struct driver_opts {
    unsigned max_errors;    /* diagnostics cap (0 = none) */
    bool strict;            /* within-rounding warnings are errors */
    bool quiet_warnings;    /* print errors only */
    bool report;            /* keep every identity for a report, not only the failed */
    size_t figures_max_cells; /* give each identity its figures (for the published
                               document) when the budget has at most this many
                               cells; 0: never */
    const char *import_root;/* fallback folder for relative imports (git's temporary copies) */
    bool no_previous;       /* do not read last year's budget (diff, textconv) */
    bool library_ok;        /* a library file (classifications only) needs no header */
    /* Reads a file instead of the disk (resolve_opts.read); NULL: the disk. */
    src_file *(*read)(void *ctx, arena *a, const char *path, const char **err);
    void *read_ctx;
    bool import_anywhere;   /* --allow-import-anywhere: imports and previous may name any file */
    const char *lib_dirs[DRIVER_MAX_LIB_DIRS]; /* -I DIR: library folders, searched first */
    size_t nlib_dirs;
    bool keep_trees;        /* keep the syntax trees (compilation.trees) */
    bool values_only;       /* derive the values left out but judge no identity
                               (diff, textconv: a budget's balance is not theirs) */
    diag_color color;       /* --color: auto, always or never */
    diag_tally *tally;      /* when set, each compilation adds its counts */
    const char *silenced[DRIVER_NCHECKS];  /* -Wno-NAME, each name once */
    size_t nsilenced;
    const char *promoted[DRIVER_NCHECKS];  /* -Werror=NAME, each name once */
    size_t npromoted;
} driver_opts;

/* -Wno-CHECK (promote false) or -Werror=CHECK (true): false when check is
 * not one of driver_warning_checks.  Naming a check twice is harmless. */
bool driver_add_policy(driver_opts *o, bool promote, const char *check);

typedef struct compilation {
    arena *a;
    strtab *names;
    diag_list *diags;
    m_model *model;         /* NULL when the file could not be read */
    bool checked;           /* the file resolved and the checker ran: derived
                               values exist (and, unless values_only, identities) */
    /* With driver_opts.keep_trees: the syntax tree of each of
     * model->sources (NULL when there is no model). */
    const struct ast_file **trees;
} compilation;

/* Compiles path without printing: c->diags holds the diagnostics sorted,
 * deduplicated, with -Wno-/-Werror= applied (the language server reads
 * them).  Returns what driver_compile would; the caller frees c->a. */
int driver_run(const char *path, const driver_opts *o, compilation *c);

/* Compiles path; prints its diagnostics to stderr.  Returns the exit
 * status: 0 ok (warnings allowed), 1 errors in the input, 2 I/O error.
 * The caller frees c->a with arena_free whatever the status. */
int driver_compile(const char *path, const driver_opts *o, compilation *c);

#endif

/* driver.c: the pipeline every subcommand shares.
 *
 * Resolution errors stop the pipeline before the checker: balance checks
 * over a structure that did not resolve would only repeat the same
 * mistake as missing values.  Diagnostics are printed once, sorted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "driver.h"
#include "present.h"

/* Checks whose warnings can be silenced or promoted by name. */
static const char *const warning_checks[] = {
    "footing", "cross-footing", "of-which", "identity", "yoy-change", "yoy-rate",
    "indicator-kind", "previous",
};

static const char *known_check(const char *name)
{
    for (size_t i = 0; i < sizeof warning_checks / sizeof *warning_checks; i++)
        if (strcmp(warning_checks[i], name) == 0)
            return warning_checks[i];
    return NULL;
}

int driver_option(driver_opts *o, const char *arg)
{
    if (strcmp(arg, "--strict") == 0) {
        o->strict = true;
        return 1;
    }
    if (strcmp(arg, "--allow-import-anywhere") == 0) {
        o->import_anywhere = true;
        return 1;
    }
    if (strncmp(arg, "--max-errors=", 13) == 0) {
        char *end;
        unsigned long v = strtoul(arg + 13, &end, 10);
        if (arg[13] == '\0' || *end != '\0' || v > 1000000) {
            fputs("fisc: invalid --max-errors value: ", stderr);
            present_str(stderr, arg + 13);
            fputc('\n', stderr);
            return -1;
        }
        o->max_errors = (unsigned)v;
        return 1;
    }
    bool silence = strncmp(arg, "-Wno-", 5) == 0, promote = strncmp(arg, "-Werror=", 8) == 0;
    if (!silence && !promote)
        return 0;
    const char *name = known_check(arg + (silence ? 5 : 8));
    if (!name) {
        fputs("fisc: unknown check '", stderr);
        present_str(stderr, arg + (silence ? 5 : 8));
        fputs("' in ", stderr);
        present_str(stderr, arg);
        fputs("; warnings come from:", stderr);
        for (size_t i = 0; i < sizeof warning_checks / sizeof *warning_checks; i++)
            fprintf(stderr, " %s", warning_checks[i]);
        fputc('\n', stderr);
        return -1;
    }
    size_t *n = silence ? &o->nsilenced : &o->npromoted;
    if (*n == DRIVER_MAX_POLICIES) {
        fprintf(stderr, "fisc: more than %d -Wno-/-Werror= options\n", DRIVER_MAX_POLICIES);
        return -1;
    }
    (silence ? o->silenced : o->promoted)[(*n)++] = name;
    return 1;
}

/* Compiles path, diagnostics kept as data; see driver.h. */
int driver_run(const char *path, const driver_opts *o, compilation *c)
{
    c->a = arena_new();
    c->checked = false;
    c->trees = NULL;
    c->names = strtab_new(c->a);
    c->diags = diag_new(c->a);
    resolve_opts ro = { .import_root = o->import_root, .with_previous = !o->no_previous,
                        .library_ok = o->library_ok, .read = o->read, .read_ctx = o->read_ctx,
                        .import_anywhere = o->import_anywhere,
                        .trees = o->keep_trees ? &c->trees : NULL };
    c->model = resolve_file_opts(c->a, c->names, c->diags, path, &ro);
    if (c->model && diag_count(c->diags, DIAG_ERROR) == 0) {
        c->model->record_exact = o->report;
        check_model(c->a, c->diags, c->model);
        c->checked = true;
    }
    diag_apply_policy(c->diags, o->silenced, o->nsilenced, o->promoted, o->npromoted);
    diag_sort(c->diags);
    diag_dedupe(c->diags);
    if (!c->model)
        return 2;
    return diag_failures(c->diags, o->strict) > 0 ? 1 : 0;
}

/* Compiles path and prints its diagnostics; see driver.h. */
int driver_compile(const char *path, const driver_opts *o, compilation *c)
{
    int status = driver_run(path, o, c);
    diag_options dopt = { diag_want_color(stderr), o->max_errors, o->strict, o->quiet_warnings };
    diag_print(c->diags, stderr, &dopt);
    return status;
}

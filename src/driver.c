/* driver.c: the pipeline every subcommand shares.
 *
 * Resolution errors stop the pipeline before the checker: balance checks
 * over a structure that did not resolve would only repeat the same
 * mistake as missing values.  Diagnostics are printed once, sorted. */
#include <stdio.h>
#include "driver.h"

/* Compiles path and prints its diagnostics; see driver.h. */
int driver_compile(const char *path, const driver_opts *o, compilation *c)
{
    c->a = arena_new();
    c->names = strtab_new(c->a);
    c->diags = diag_new(c->a);
    c->model = resolve_file(c->a, c->names, c->diags, path);
    if (c->model && diag_count(c->diags, DIAG_ERROR) == 0)
        check_model(c->a, c->diags, c->model);
    diag_options dopt = { diag_want_color(stderr), o->max_errors, o->strict, o->quiet_warnings };
    diag_sort(c->diags);
    diag_dedupe(c->diags);
    diag_print(c->diags, stderr, &dopt);
    if (!c->model)
        return 2;
    return diag_failures(c->diags, o->strict) > 0 ? 1 : 0;
}

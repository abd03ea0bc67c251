/* driver.c: the pipeline every subcommand shares.
 *
 * Resolution errors stop the pipeline before the checker: balance checks
 * over a structure that did not resolve would only repeat the same
 * mistake as missing values.  Diagnostics are printed once, sorted. */
#include <stdio.h>
#include <string.h>
#include "driver.h"

/* Checks whose warnings can be silenced or promoted by name. */
const char *const driver_warning_checks[DRIVER_NCHECKS + 1] = {
    "footing", "cross-footing", "of-which", "identity", "yoy-change", "yoy-rate", "known",
    "indicator-kind", "previous", "template", "year", "execution-rate", "ordinal", NULL,
};

/* Adds check to the -Wno- or -Werror= list; see driver.h. */
bool driver_add_policy(driver_opts *o, bool promote, const char *check)
{
    const char *name = NULL;
    for (size_t i = 0; !name && i < DRIVER_NCHECKS; i++)
        if (strcmp(driver_warning_checks[i], check) == 0)
            name = driver_warning_checks[i];
    if (!name)
        return false;
    const char **list = promote ? o->promoted : o->silenced;
    size_t *n = promote ? &o->npromoted : &o->nsilenced;
    for (size_t i = 0; i < *n; i++)
        if (list[i] == name)
            return true;
    list[(*n)++] = name;
    return true;
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
                        .lib_dirs = o->lib_dirs, .nlib_dirs = o->nlib_dirs,
                        .trees = o->keep_trees ? &c->trees : NULL };
    c->model = resolve_file_opts(c->a, c->names, c->diags, path, &ro);
    if (c->model && diag_count(c->diags, DIAG_ERROR) == 0) {
        c->model->record_exact = o->report;
        size_t cells = 0;
        for (size_t i = 0; i < c->model->ntables; i++)
            cells += c->model->tables[i]->nrows * c->model->tables[i]->ncols;
        c->model->record_figures = o->figures_max_cells && cells <= o->figures_max_cells;
        if (o->values_only)
            check_derive(c->a, c->diags, c->model);
        else
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
    diag_options dopt = { diag_use_color(stderr, o->color), o->max_errors, o->strict, o->quiet_warnings };
    diag_print(c->diags, stderr, &dopt);
    if (o->tally)
        diag_tally_add(o->tally, c->diags, &dopt);
    return status;
}

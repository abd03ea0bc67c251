/* cmd_build.c: the `check`, `build` and `report` commands.
 *
 * All three compile with driver_compile (which prints diagnostics).
 * check stops there.  build writes nothing unless the compilation
 * succeeded (status 0), and then writes every file into an outdir that
 * replaces DIR only once all of it is on disk: an error at any point
 * leaves the previous output untouched.  report prints whenever the
 * checker ran -- a budget whose identities are broken (status 1) is
 * exactly what an auditor wants the report of -- but not after resolution
 * errors (no identities were evaluated); it exits with the compile
 * status.  Their options are parsed from the table (cli_table.c). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "arena.h"
#include "cmd.h"
#include "driver.h"
#include "emit.h"
#include "i18n.h"
#include "outdir.h"
#include "present.h"

/* fisc check: every file compiled; the worst status wins. */
int cmd_check(cli_args *a)
{
    int status = 0;
    /* a library (classifications, column sets, templates, imports) is
     * checked on its own, without a budget header */
    a->driver.library_ok = true;
    for (size_t i = 0; i < a->nfiles; i++) {
        compilation c;
        int st = driver_compile(a->files[i], &a->driver, &c);
        arena_free(c.a);
        if (st > status)
            status = st;
    }
    return status;
}

/* The last component of path without its extension ("longgang-2022"),
 * "stdin" for standard input, or "" when there is none. */
static char *stem_of(arena *ar, const char *path)
{
    if (strcmp(path, "-") == 0)
        return arena_strdup(ar, "stdin");
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = (dot && dot != base) ? (size_t)(dot - base) : strlen(base);
    return arena_strndup(ar, base, n);
}

/* "out/<stem>" for path. */
static char *default_outdir(arena *ar, const char *path)
{
    const char *stem = stem_of(ar, path);
    if (!*stem)
        return arena_strdup(ar, "out/fisc");
    return arena_printf(ar, "out/%s", stem);
}

/* The published document, the workbook and the page (unless
 * no_document), the narratives' text (narrative.md), and tables.json.  False on a write error (od->err set). */
static bool write_document(outdir *od, const compilation *c, const char *path, bool no_document, arena *ar)
{
    const m_model *m = c->model;
    const char *stem = stem_of(ar, path);
    const char *xlsx = NULL;
    char why[256];
    if (!no_document && !emit_document_fits(m, why, sizeof why)) {
        fprintf(stderr, _("fisc: note: no workbook and no web page: %s (the CSVs hold every table)\n"), why);
        no_document = true;
    }
    if (!no_document) {
        xlsx = arena_printf(ar, "%s.xlsx", *stem && *stem != '.' ? stem : "budget");
        char *where = outdir_path(od, xlsx);
        if (!where)
            return false;
        char err[256];
        int rc = emit_xlsx(where, m, err, sizeof err);
        free(where);
        if (rc != 0) {
            snprintf(od->err, sizeof od->err, "%s: %s", xlsx, err);
            return false;
        }
        FILE *f = outdir_open(od, "index.html");
        if (!f)
            return false;
        setvbuf(f, NULL, _IOFBF, 1 << 16);
        if (emit_html(f, m, path) != 0) {
            snprintf(od->err, sizeof od->err, "index.html: %s", strerror(errno));
            return false;
        }
        if (!outdir_close(od, f))
            return false;
    }
    bool narrative = false;
    for (size_t i = 0; i < m->ntables; i++)
        narrative = narrative || m->tables[i]->narrative;
    if (narrative) {
        FILE *f = outdir_open(od, "narrative.md");
        if (!f)
            return false;
        if (emit_narrative_md(f, m) != 0) {
            snprintf(od->err, sizeof od->err, "narrative.md: %s", strerror(errno));
            return false;
        }
        if (!outdir_close(od, f))
            return false;
    }
    FILE *f = outdir_open(od, "tables.json");
    if (!f)
        return false;
    if (emit_tables_json(f, m, xlsx) != 0) {
        snprintf(od->err, sizeof od->err, "tables.json: %s", strerror(errno));
        return false;
    }
    return outdir_close(od, f);
}

/* Writes every table and both reports into od; false on a write error
 * (od->err set). */
static bool write_all(outdir *od, const compilation *c, const char *path,
                      const csv_opts *co, bool no_document, arena *ar)
{
    const m_model *m = c->model;
    for (size_t i = 0; i < m->ntables; i++) {
        const m_table *t = m->tables[i];
        if (t->narrative || !t->id)
            continue;
        const char *name = arena_printf(ar, "%s.csv", t->id);
        FILE *f = outdir_open(od, name);
        if (!f)
            return false;
        if (emit_csv(f, t, co) != 0) {
            snprintf(od->err, sizeof od->err, "%s: %s", name, strerror(errno));
            return false;
        }
        if (!outdir_close(od, f))
            return false;
    }
    static const struct { const char *name; report_format f; } reports[] = {
        { "report.txt", REPORT_TEXT }, { "report.json", REPORT_JSON },
    };
    for (size_t i = 0; i < 2; i++) {
        FILE *f = outdir_open(od, reports[i].name);
        if (!f)
            return false;
        setvbuf(f, NULL, _IOFBF, 1 << 20);   /* reports run to hundreds of MB */
        if (emit_report(f, m, path, reports[i].f) != 0) {
            snprintf(od->err, sizeof od->err, "%s: %s", reports[i].name, strerror(errno));
            return false;
        }
        if (!outdir_close(od, f))
            return false;
    }
    return write_document(od, c, path, no_document, ar);
}

/* --report=full: the checker keeps every identity for the report (by
 * default the exact ones are only counted, per table: docs/report.md). */
static bool full_report(const cli_args *a)
{
    const char *r = a->value[CLI_OPT_REPORT];
    return r && strcmp(r, "full") == 0;
}

/* fisc build: every table as CSV plus the report, replacing DIR whole. */
int cmd_build(cli_args *a)
{
    const char *file = a->files[0];
    if (strcmp(file, "-") == 0 && !a->value[CLI_OPT_OUTPUT]) {
        fputs(_("fisc build: reading standard input, -o DIR is needed\n"), stderr);
        return 2;
    }
    a->driver.report = full_report(a);
    compilation c;
    memset(&c, 0, sizeof c);
    if (!a->value[CLI_OPT_NO_DOCUMENT])
        a->driver.figures_max_cells = EMIT_DOCUMENT_MAX_CELLS;   /* the page links identities to figures */
    int st = driver_compile(file, &a->driver, &c);
    if (st != 0 || !c.model) {
        /* Say so: a budget that fails (a broken identity not acknowledged
         * with `known`) is published nowhere, and the old output stays. */
        if (st == 1) {
            size_t n = diag_failures(c.diags, a->driver.strict);
            const char *out = a->value[CLI_OPT_OUTPUT];
            present_printf(stderr, ngettext("fisc: nothing written to '%s': %zu error\n",
                                            "fisc: nothing written to '%s': %zu errors\n", n),
                           out ? out : default_outdir(c.a, file), n);
        }
        if (c.a)
            arena_free(c.a);
        return st != 0 ? st : 2;
    }

    const char *dir = a->value[CLI_OPT_OUTPUT];
    if (!dir) {
        dir = default_outdir(c.a, file);
        /* The default's parent is ours to make; an explicit one is not. */
        if (mkdir("out", 0777) != 0 && errno != EEXIST) {
            present_printf(stderr, _("fisc: cannot write '%s': %s\n"), dir, strerror(errno));
            arena_free(c.a);
            return 2;
        }
    }
    outdir od;
    csv_opts co = { a->value[CLI_OPT_NO_BOM] == NULL, a->value[CLI_OPT_CRLF] != NULL };
    st = 0;
    if (outdir_begin(dir, &od) != 0) {
        st = 2;
    } else if (!write_all(&od, &c, file, &co, a->value[CLI_OPT_NO_DOCUMENT] != NULL, c.a)) {
        outdir_abort(&od);
        st = 2;
    } else if (outdir_commit(&od) != 0) {
        st = 2;
    }
    if (st != 0) {
        present_printf(stderr, _("fisc: cannot write '%s': %s\n"), dir, outdir_error(&od));
    } else if (od.warn[0]) {
        present_printf(stderr, _("fisc: warning: %s\n"), od.warn);
    }
    arena_free(c.a);
    return st;
}

/* fisc report: the consistency report on stdout. */
int cmd_report(cli_args *a)
{
    const char *file = a->files[0], *format = a->value[CLI_OPT_FORMAT];
    report_format f = REPORT_TEXT;
    if (format && strcmp(format, "json") == 0)
        f = REPORT_JSON;
    else if (format && strcmp(format, "csv") == 0)
        f = REPORT_CSV;
    a->driver.report = full_report(a);

    compilation c;
    memset(&c, 0, sizeof c);
    int st = driver_compile(file, &a->driver, &c);
    /* Resolution errors stop the checker: no identities to report then. */
    if (c.model && (st == 0 || (st == 1 && c.model->nids + c.model->nunrecorded > 0))) {
        if ((f == REPORT_CSV && !a->value[CLI_OPT_NO_BOM] && fputs(EMIT_CSV_BOM, stdout) == EOF) ||
            emit_report(stdout, c.model, file, f) != 0 || fflush(stdout) != 0) {
            fprintf(stderr, _("fisc: cannot write to standard output: %s\n"), strerror(errno));
            st = 2;
        }
    } else if (st == 0) {
        st = 2;     /* no model, yet no error: cannot happen */
    }
    if (c.a)
        arena_free(c.a);
    return st;
}

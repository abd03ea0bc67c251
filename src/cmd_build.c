/* cmd_build.c: the `build` and `report` subcommands.
 *
 * Both compile one file with driver_compile (which prints diagnostics),
 * then emit from the model.  build writes nothing unless the compilation
 * succeeded (status 0), and then writes every file into an outdir that
 * replaces DIR only once all of it is on disk: an error at any point
 * leaves the previous output untouched.  report prints whenever the
 * checker ran -- a budget whose identities are broken (status 1) is
 * exactly what an auditor wants the report of -- but not after resolution
 * errors (no identities were evaluated); it exits with the compile
 * status.
 *
 * Option syntax: `-o DIR`, `-oDIR`, `--output DIR`, `--output=DIR`,
 * `--format F`, `--format=F`; `--` ends the options. */
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
#include "outdir.h"
#include "present.h"

static const char build_usage[] =
    "usage: fisc build FILE [-o DIR] [--bom] [--crlf] [--no-document] [--strict] [--max-errors=N]\n"
    "\n"
    "Writes DIR/<table id>.csv for every table, DIR/report.txt,\n"
    "DIR/report.json, the published document (DIR/<name>.xlsx, DIR/index.html)\n"
    "and DIR/tables.json, what each CSV holds (DIR defaults to out/<name>, where\n"
    "<name> is the file name without extension).\n"
    "Nothing is written when FILE has errors; DIR is replaced whole, only\n"
    "once every file is written, and only when it is new, empty, or an\n"
    "earlier build's output holding nothing else (docs/files.md).\n"
    "\n"
    "  -o, --output DIR   output directory\n"
    "  --bom              start each CSV with a UTF-8 byte order mark (Excel)\n"
    "  --crlf             end CSV lines with CR LF\n"
    "  --no-document      write no workbook and no web page (CSVs, reports and\n"
    "                     tables.json only: much faster on very large budgets)\n"
    "  --strict           within-rounding warnings are errors\n"
    "  -Wno-CHECK         silence one check's warnings; -Werror=CHECK: make them errors\n"
    "  --max-errors=N     stop printing after N errors (default 50, 0 = all)\n";

static const char report_usage[] =
    "usage: fisc report FILE [--format text|json|csv] [--strict] [--max-errors=N]\n"
    "\n"
    "Prints the consistency report (every identity checked, with its\n"
    "status) on standard output; exits as `fisc check` would.\n"
    "\n"
    "  --format F         text (default), json or csv\n"
    "  --strict           within-rounding warnings are errors\n"
    "  -Wno-CHECK         silence one check's warnings; -Werror=CHECK: make them errors\n"
    "  --max-errors=N     stop printing after N errors (default 50, 0 = all)\n";

static int usage_error(const char *cmd, const char *msg, const char *arg)
{
    present_printf(stderr, "fisc %s: %s%s\nTry 'fisc %s --help'.\n", cmd, msg, arg, cmd);
    return 2;
}

/* Options both commands share; more holds build's or report's own. */
typedef struct args {
    const char *file;
    const char *outdir;
    const char *format;
    bool bom, crlf, help, no_document;
    driver_opts d;
} args;

/* Value of an option written "NAME VALUE" or "NAME=VALUE" (or "-oVALUE"
 * for short ones).  Advances *i past a separate value.  NULL when arg is
 * not this option; *missing set when it is but has no value. */
static const char *opt_value(int argc, char **argv, int *i, const char *name,
                             bool *missing)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return NULL;
    if (arg[n] == '\0') {
        if (*i + 1 >= argc) {
            *missing = true;
            return NULL;
        }
        return argv[++*i];
    }
    if (arg[n] == '=')
        return arg + n + 1;
    if (name[1] != '-')         /* -oDIR */
        return arg + n;
    return NULL;
}

/* Parses argv for cmd; returns -1 when fine, else an exit status. */
static int parse_args(const char *cmd, int argc, char **argv, bool build, args *a)
{
    memset(a, 0, sizeof *a);
    a->d.max_errors = 50;
    a->d.report = true;
    bool only_files = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        bool missing = false;
        const char *v;
        int shared;
        if (only_files || arg[0] != '-' || arg[1] == '\0') {
            if (a->file)
                return usage_error(cmd, "more than one input file: ", arg);
            a->file = arg;
        } else if (strcmp(arg, "--") == 0) {
            only_files = true;
        } else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            a->help = true;
        } else if ((shared = driver_option(&a->d, arg)) != 0) {
            if (shared < 0)
                return 2;
        } else if (build && strcmp(arg, "--bom") == 0) {
            a->bom = true;
        } else if (build && strcmp(arg, "--crlf") == 0) {
            a->crlf = true;
        } else if (build && strcmp(arg, "--no-document") == 0) {
            a->no_document = true;
        } else if (build && ((v = opt_value(argc, argv, &i, "-o", &missing)) ||
                             (v = opt_value(argc, argv, &i, "--output", &missing)) ||
                             missing)) {
            if (missing || *v == '\0')
                return usage_error(cmd, "option needs a directory: ", arg);
            a->outdir = v;
        } else if (!build && ((v = opt_value(argc, argv, &i, "--format", &missing)) ||
                              missing)) {
            if (missing)
                return usage_error(cmd, "option needs a value: ", arg);
            a->format = v;
        } else {
            return usage_error(cmd, "unknown option: ", arg);
        }
    }
    if (a->help) {
        fputs(build ? build_usage : report_usage, stdout);
        return 0;
    }
    if (!a->file)
        return usage_error(cmd, "no input file", "");
    return -1;
}

/* The last component of path without its extension ("longgang-2022"),
 * or "" when there is none. */
static char *stem_of(arena *ar, const char *path)
{
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

/* The published document, the workbook (unless no_document), and
 * tables.json.  False on a write error (od->err set). */
static bool write_document(outdir *od, const compilation *c, const char *path, bool no_document, arena *ar)
{
    const m_model *m = c->model;
    const char *stem = stem_of(ar, path);
    const char *xlsx = NULL;
    char why[256];
    if (!no_document && !emit_xlsx_fits(m, why, sizeof why)) {
        fprintf(stderr, "fisc: note: no workbook: %s (the CSVs hold every table)\n", why);
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

/* fisc build: every table as CSV plus the report, replacing DIR whole. */
int cmd_build(int argc, char **argv)
{
    args a;
    int st = parse_args("build", argc, argv, true, &a);
    if (st >= 0)
        return st;

    compilation c;
    memset(&c, 0, sizeof c);
    st = driver_compile(a.file, &a.d, &c);
    if (st != 0 || !c.model) {
        if (c.a)
            arena_free(c.a);
        return st != 0 ? st : 2;
    }

    const char *dir = a.outdir;
    if (!dir) {
        dir = default_outdir(c.a, a.file);
        /* The default's parent is ours to make; an explicit one is not. */
        if (mkdir("out", 0777) != 0 && errno != EEXIST) {
            present_printf(stderr, "fisc: cannot write '%s': %s\n", dir, strerror(errno));
            arena_free(c.a);
            return 2;
        }
    }
    outdir od;
    csv_opts co = { a.bom, a.crlf };
    st = 0;
    if (outdir_begin(dir, &od) != 0) {
        st = 2;
    } else if (!write_all(&od, &c, a.file, &co, a.no_document, c.a)) {
        outdir_abort(&od);
        st = 2;
    } else if (outdir_commit(&od) != 0) {
        st = 2;
    }
    if (st != 0) {
        fputs("fisc: cannot write '", stderr);
        present_str(stderr, dir);
        fputs("': ", stderr);
        present_str(stderr, outdir_error(&od));
        fputc('\n', stderr);
    } else if (od.warn[0]) {
        fputs("fisc: warning: ", stderr);
        present_str(stderr, od.warn);
        fputc('\n', stderr);
    }
    arena_free(c.a);
    return st;
}

/* fisc report: the consistency report on stdout. */
int cmd_report(int argc, char **argv)
{
    args a;
    int st = parse_args("report", argc, argv, false, &a);
    if (st >= 0)
        return st;
    report_format f = REPORT_TEXT;
    if (a.format) {
        if (strcmp(a.format, "text") == 0)
            f = REPORT_TEXT;
        else if (strcmp(a.format, "json") == 0)
            f = REPORT_JSON;
        else if (strcmp(a.format, "csv") == 0)
            f = REPORT_CSV;
        else
            return usage_error("report", "unknown format (text, json or csv): ", a.format);
    }

    compilation c;
    memset(&c, 0, sizeof c);
    st = driver_compile(a.file, &a.d, &c);
    /* Resolution errors stop the checker: no identities to report then. */
    if (c.model && (st == 0 || (st == 1 && c.model->nids > 0))) {
        if (emit_report(stdout, c.model, a.file, f) != 0 || fflush(stdout) != 0) {
            fprintf(stderr, "fisc: cannot write to standard output: %s\n", strerror(errno));
            st = 2;
        }
    } else if (st == 0) {
        st = 2;     /* no model, yet no error: cannot happen */
    }
    if (c.a)
        arena_free(c.a);
    return st;
}

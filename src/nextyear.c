/* nextyear.c: `fisc next-year`, next year's starting file.
 *
 * The transform is a flag of the canonical printer (fmt.c), not a second
 * printer: the output is canonical and keeps every comment.  In rows
 * blocks and narratives each line's figures become its previous-year
 * values (`= a b` prints as `= _ _ was a b`, or with --keep as
 * `= a b was a b`); text cells stay where they are; the old `was` and
 * `change` are dropped (they described the year before).  The budget's
 * `year` advances by one.  Indicators, columns and classifications are
 * printed unchanged.
 *
 * OUT is written atomically (outfile.c) and never replaces an existing
 * file unless --force says so: next year's file is where a budget office
 * types its new figures, and a second `next-year -o` must not wipe them.
 *
 * Option syntax: `-o OUT`, `-oOUT`, `--output OUT`, `--output=OUT`,
 * `--force`; `--` ends the options. */
#define _XOPEN_SOURCE 700       /* realpath */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "arena.h"
#include "fmt.h"
#include "outfile.h"
#include "present.h"

static const char next_year_usage[] =
    "usage: fisc next-year FILE [--keep] [-o OUT [--force]]\n"
    "\n"
    "Writes next year's starting file: the budget's year plus one, and in\n"
    "every line of the tables and narratives this year's figures as last\n"
    "year's (`= 7,440` becomes `= _ was 7,440`); old `was` and `change`\n"
    "values are dropped.  The output is in the canonical layout.\n"
    "\n"
    "  --keep             keep the figures as this year's too (`= 7,440 was 7,440`)\n"
    "  -o, --output OUT   write OUT (atomically) instead of standard output;\n"
    "                     an existing OUT is refused\n"
    "  --force            replace an existing OUT\n";

static int usage_error(const char *msg, const char *arg)
{
    present_printf(stderr, "fisc next-year: %s%s\nTry 'fisc next-year --help'.\n", msg, arg);
    return 2;
}

/* fisc next-year FILE [--keep] [-o OUT [--force]] */
int cmd_next_year(int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    fmt_options o;
    memset(&o, 0, sizeof o);
    o.next_year = true;
    bool opts_done = false, force = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (opts_done || a[0] != '-' || a[1] == '\0') {
            if (file)
                return usage_error("more than one input file: ", a);
            file = a;
        } else if (strcmp(a, "--") == 0) {
            opts_done = true;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(next_year_usage, stdout);
            return 0;
        } else if (strcmp(a, "--keep") == 0) {
            o.keep = true;
        } else if (strcmp(a, "--force") == 0) {
            force = true;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc)
                return usage_error("missing value for ", a);
            out = argv[++i];
        } else if (strncmp(a, "--output=", 9) == 0) {
            out = a + 9;
        } else if (strncmp(a, "-o", 2) == 0) {
            out = a + 2;
        } else {
            return usage_error("unknown option: ", a);
        }
    }
    if (!file)
        return usage_error("no input file", "");
    if (out && *out == '\0')
        return usage_error("empty output file name", "");
    if (force && !out)
        return usage_error("--force needs -o OUT", "");
    struct stat st;
    if (out && !force && lstat(out, &st) == 0) {
        fputs("fisc next-year: '", stderr);
        present_str(stderr, out);
        fputs("' exists; next-year does not replace a file unless --force is given\n", stderr);
        return 2;
    }

    /* The new file names this one as its previous year: by its bare name
     * when they sit in one folder (or on stdout), else by its full path. */
    const char *slash = strrchr(file, '/');
    const char *base = slash ? slash + 1 : file;
    size_t dir_len = slash ? (size_t)(slash - file) : 0;
    const char *oslash = out ? strrchr(out, '/') : NULL;
    size_t odir_len = oslash ? (size_t)(oslash - out) : 0;
    char *full = NULL;
    if (!out || (dir_len == odir_len && strncmp(file, out, dir_len) == 0))
        o.previous = base;
    else
        o.previous = full = realpath(file, NULL);

    arena *a = arena_new();
    ast_file *f;
    int status = fmt_parse_path(a, strtab_new(a), file, &f);
    char *buf = NULL;
    size_t n = 0;
    if (status == 0)
        status = fmt_format_file(a, f, &o, true, &buf, &n);
    if (status == 0) {
        if (out) {
            outfile_opts wo = { .replace = force };
            char why[512];
            if (outfile_write(out, buf, n, &wo, why, sizeof why) != 0) {
                fmt_cannot_write(out, why);
                status = 2;
            }
        } else if (fwrite(buf, 1, n, stdout) != n || fflush(stdout) != 0) {
            fprintf(stderr, "fisc: cannot write to standard output: %s\n", strerror(errno));
            status = 2;
        }
    }
    free(buf);
    free(full);
    arena_free(a);
    return status;
}

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
 * The header gains `previous "FILE"` naming the file rolled from, or has
 * its previous replaced by it (fmt_adds_previous).
 *
 * OUT is written atomically (outfile.c) and never replaces an existing
 * file unless --force says so: next year's file is where a budget office
 * types its new figures, and a second `next-year -o` must not wipe them.
 * Options come from the table (cli_table.c). */
#define _XOPEN_SOURCE 700       /* realpath */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "arena.h"
#include "fmt.h"
#include "i18n.h"
#include "outfile.h"
#include "present.h"

/* fisc next-year FILE [--keep] [-o OUT [--force]] */
int cmd_next_year(cli_args *args)
{
    const char *file = args->files[0], *out = args->value[CLI_OPT_OUTPUT];
    bool force = args->value[CLI_OPT_FORCE] != NULL;
    fmt_options o;
    memset(&o, 0, sizeof o);
    o.next_year = true;
    o.keep = args->value[CLI_OPT_KEEP] != NULL;
    o.color = args->driver.color;
    o.tally = &args->tally;
    if (force && !out)
        return cli_usage_error(args->cmd, N_("--force needs -o OUT"));
    struct stat st;
    if (out && !force && lstat(out, &st) == 0) {
        present_printf(stderr, _("fisc next-year: '%s' exists; next-year does not replace a file unless "
                                 "--force is given\n"), out);
        return 2;
    }

    /* The new file names this one as its previous year: by its bare name
     * when they sit in one folder (or on stdout), else by its full path;
     * a file read from standard input has no name to give. */
    const char *slash = strrchr(file, '/');
    const char *base = slash ? slash + 1 : file;
    size_t dir_len = slash ? (size_t)(slash - file) : 0;
    const char *oslash = out ? strrchr(out, '/') : NULL;
    size_t odir_len = oslash ? (size_t)(oslash - out) : 0;
    char *full = NULL;
    if (strcmp(file, "-") == 0)
        o.previous = NULL;
    else if (!out || (dir_len == odir_len && strncmp(file, out, dir_len) == 0))
        o.previous = base;
    else
        o.previous = full = realpath(file, NULL);

    arena *a = arena_new();
    ast_file *f;
    int status = fmt_parse_path(a, strtab_new(a), file, &o, &f);
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
            fprintf(stderr, _("fisc: cannot write to standard output: %s\n"), strerror(errno));
            status = 2;
        }
    }
    free(buf);
    free(full);
    arena_free(a);
    return status;
}

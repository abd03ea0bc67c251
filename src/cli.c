/* cli.c: the command line, read from the table in cli_table.c.
 *
 * fisc [COMMON OPTIONS] COMMAND [OPTIONS] [FILE...]: the common options
 * (--color, and for the commands that compile --strict, --max-errors,
 * -Wno-CHECK, -Werror=CHECK) may come before the command's name too.
 * Options and files mix in any order; `--` ends the options and `-` is a
 * file (standard input).  A value follows its option as `--opt VALUE`,
 * `--opt=VALUE`, `-o VALUE` or `-oVALUE`; a prefix option carries it glued
 * on (`-Wno-footing`).  `-h`/`--help` anywhere prints the command's help,
 * the same text `fisc help COMMAND` prints, since both render the table.
 *
 * Usage errors name the command, then say what to run for help; every
 * argument echoed goes through present_str.  After the command, a summary
 * line counts the diagnostics its compilations printed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "present.h"
#include "source.h"

/* ---- the table, walked ------------------------------------------------ */

/* The command named name; see cli.h. */
const cli_command *cli_find(const char *name)
{
    size_t n;
    const cli_command *c = cli_commands(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(c[i].name, name) == 0)
            return &c[i];
    return NULL;
}

static bool in_list(const cli_option *list, const cli_option *o)
{
    for (; list->id != CLI_OPT_NONE; list++)
        if (list == o)
            return true;
    return false;
}

static bool takes_group(const cli_command *c, const cli_group *g)
{
    return g->bit == 0 || (c->common & g->bit);
}

/* The group o belongs to, or NULL (a command's own option). */
static const cli_group *group_of(const cli_option *o)
{
    size_t n;
    const cli_group *g = cli_groups(&n);
    for (size_t i = 0; i < n; i++)
        if (in_list(g[i].options, o))
            return &g[i];
    return NULL;
}

/* Whether c takes o; see cli.h. */
bool cli_takes(const cli_command *c, const cli_option *o)
{
    const cli_group *g = group_of(o);
    return g ? takes_group(c, g) : in_list(c->options, o);
}

/* Every option c takes, its own first; see cli.h. */
void cli_each_option(const cli_command *c, void (*fn)(const cli_option *o, void *ctx), void *ctx)
{
    size_t n;
    const cli_group *g = cli_groups(&n);
    for (const cli_option *o = c->options; o->id != CLI_OPT_NONE; o++)
        fn(o, ctx);
    for (size_t i = 0; i < n; i++)
        if (takes_group(c, &g[i]))
            for (const cli_option *o = g[i].options; o->id != CLI_OPT_NONE; o++)
                fn(o, ctx);
}

/* ---- help --------------------------------------------------------------- */

/* "-o, --output DIR", "--strict", "-Wno-CHECK"; see cli.h. */
void cli_spelling(FILE *out, const cli_option *o)
{
    if (o->prefix) {
        fprintf(out, "%s%s", o->prefix, o->arg);
        return;
    }
    if (o->short_name)
        fprintf(out, "-%c%s", o->short_name, o->long_name ? ", " : "");
    if (o->long_name)
        fprintf(out, "--%s", o->long_name);
    if (o->arg)
        fprintf(out, " %s", o->arg);
}

static size_t spelling_width(const cli_option *o)
{
    char buf[128];
    FILE *m = fmemopen(buf, sizeof buf, "w");
    if (!m)
        return 0;
    cli_spelling(m, o);
    long n = ftell(m);
    fclose(m);
    return n > 0 ? src_display_width(buf, (size_t)n) : 0;
}

/* Help lines start their text in this column, or on the next line when
 * the spelling is wider. */
#define HELP_COLUMN 24

static void option_line(const cli_option *o, void *ctx)
{
    FILE *out = ctx;
    fputs("  ", out);
    cli_spelling(out, o);
    size_t w = 2 + spelling_width(o);
    if (w + 2 > HELP_COLUMN) {
        fputc('\n', out);
        w = 0;
    }
    fprintf(out, "%*s%s\n", (int)(HELP_COLUMN - w), "", i18n_text(o->help));
}

/* "usage: fisc diff [options] OLD NEW" */
static void synopsis(FILE *out, const cli_command *c)
{
    if (*c->operands)
        fprintf(out, _("usage: fisc %s [options] %s\n"), c->name, c->operands);
    else
        fprintf(out, _("usage: fisc %s [options]\n"), c->name);
}

/* The help of c; see cli.h. */
void cli_help(FILE *out, const cli_command *c)
{
    synopsis(out, c);
    fputc('\n', out);
    fputs(i18n_text(c->description), out);
    fputc('\n', out);
    fputs(_("options:\n"), out);
    cli_each_option(c, option_line, out);
}

/* The list of commands; see cli.h. */
void cli_usage(FILE *out)
{
    size_t n;
    const cli_command *c = cli_commands(&n);
    fputs(_("usage: fisc [options] COMMAND [options] [FILE...]\n"), out);
    fputc('\n', out);
    fputs(i18n_text(cli_about), out);
    fputc('\n', out);
    fputs(_("commands:\n"), out);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "  %-*s%s\n", HELP_COLUMN - 2, c[i].name, i18n_text(c[i].summary));
    size_t ng;
    const cli_group *g = cli_groups(&ng);
    for (size_t k = 0; k < ng; k++) {
        fputc('\n', out);
        if (g[k].bit == 0) {
            fputs(_("options for every command, before or after its name:\n"), out);
        } else {
            char names[256] = "";
            for (size_t i = 0; i < n; i++)
                if (takes_group(&c[i], &g[k]))
                    snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", *names ? ", " : "",
                             c[i].name);
            fprintf(out, _("options for %s, before or after the command:\n"), names);
        }
        for (const cli_option *o = g[k].options; o->id != CLI_OPT_NONE; o++)
            option_line(o, out);
        if (g[k].bit == 0)
            fprintf(out, "  %-*s%s\n", HELP_COLUMN - 2, "--version", _("print fisc's version and exit"));
    }
    fputc('\n', out);
    fputs(_("'fisc help COMMAND' prints a command's help and options.\n"), out);
    fputs(i18n_text(cli_trailer), out);
}

/* ---- usage errors -------------------------------------------------------- */

/* Writes msg (translated: callers pass it marked N_()) with arg (when
 * not NULL) in place of its "%s", escaped as any text from outside is
 * (present_str). */
static void say(FILE *err, const char *msg, const char *arg)
{
    msg = i18n_text(msg);
    const char *at = arg ? strstr(msg, "%s") : NULL;
    if (at) {
        fwrite(msg, 1, (size_t)(at - msg), err);
        present_str(err, arg);
        fputs(at + 2, err);
    } else {
        fputs(msg, err);
    }
    fputc('\n', err);
}

/* "fisc CMD: msg", then where the help is. */
static int usage_error(FILE *err, const cli_command *c, const char *msg, const char *arg)
{
    fprintf(err, "fisc %s: ", c->name);
    say(err, msg, arg);
    fprintf(err, _("Try 'fisc help %s'.\n"), c->name);
    return 2;
}

/* A wrong number of files: the message, then the synopsis. */
static int operand_error(FILE *err, const cli_command *c, const char *msg, const char *arg)
{
    fprintf(err, "fisc %s: ", c->name);
    say(err, msg, arg);
    synopsis(err, c);
    return 2;
}

/* "fisc: msg" about the command line as a whole. */
static int top_error(const char *msg, const char *arg)
{
    fputs("fisc: ", stderr);
    say(stderr, msg, arg);
    fputs(_("Try 'fisc --help'.\n"), stderr);
    return 2;
}

/* A command's own usage error; see cli.h. */
int cli_usage_error(const cli_command *c, const char *msg)
{
    return usage_error(stderr, c, msg, NULL);
}

/* `fisc help x` when there is no command x; see cli.h. */
int cli_no_command(const char *name)
{
    return top_error(N_("no command '%s'"), name);
}

/* ---- parsing -------------------------------------------------------------- */

static const cli_option *find_long(const cli_option *list, const char *name, size_t n)
{
    for (; list->id != CLI_OPT_NONE; list++)
        if (list->long_name && strlen(list->long_name) == n && strncmp(list->long_name, name, n) == 0)
            return list;
    return NULL;
}

static const cli_option *find_short(const cli_option *list, char ch)
{
    for (; list->id != CLI_OPT_NONE; list++)
        if (list->short_name == ch)
            return list;
    return NULL;
}

static const cli_option *find_prefix(const cli_option *list, const char *arg)
{
    for (; list->id != CLI_OPT_NONE; list++)
        if (list->prefix && strncmp(arg, list->prefix, strlen(list->prefix)) == 0)
            return list;
    return NULL;
}

/* The option arg (which starts with '-') names, looked up among every
 * list; *value points past "=" or a short option's letter when the value
 * is glued on. */
static const cli_option *lookup(const char *arg, const char **glued)
{
    size_t nc, ng;
    const cli_command *cmds = cli_commands(&nc);
    const cli_group *groups = cli_groups(&ng);
    *glued = NULL;
    for (size_t l = 0; l < ng + nc; l++) {
        const cli_option *list = l < ng ? groups[l].options : cmds[l - ng].options, *o;
        if (arg[1] == '-') {
            const char *eq = strchr(arg + 2, '=');
            size_t n = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
            if ((o = find_long(list, arg + 2, n))) {
                *glued = eq ? eq + 1 : NULL;
                return o;
            }
        } else if ((o = find_prefix(list, arg))) {
            *glued = arg + strlen(o->prefix);
            return o;
        } else if ((o = find_short(list, arg[1]))) {
            *glued = arg[2] ? arg + 2 : NULL;
            return o;
        }
    }
    return NULL;
}

/* The same option as o, in the list c takes: an option id may have a
 * different entry per command (-o is a folder for build, a file for
 * next-year), so a match found in another command's list is moved over. */
static const cli_option *as_taken(const cli_command *c, const cli_option *o)
{
    if (cli_takes(c, o))
        return o;
    for (const cli_option *p = c->options; p->id != CLI_OPT_NONE; p++)
        if (p->id == o->id)
            return p;
    return NULL;
}

static bool choice_ok(const cli_option *o, const char *v)
{
    for (const char *const *ch = o->choices; ch && *ch; ch++)
        if (strcmp(*ch, v) == 0)
            return true;
    return false;
}

/* The option's name for a message: "--strict", "-w", "-Wno-". */
static const char *arg_name(const cli_option *o)
{
    static char buf[64];
    if (o->prefix)
        return o->prefix;
    if (o->long_name)
        snprintf(buf, sizeof buf, "--%s", o->long_name);
    else
        snprintf(buf, sizeof buf, "-%c", o->short_name);
    return buf;
}

/* s as present_str writes it, in a malloc'd string (NULL: no memory). */
static char *escaped(const char *s)
{
    char *buf = NULL;
    size_t n;
    FILE *m = open_memstream(&buf, &n);
    if (!m)
        return NULL;
    present_str(m, s);
    fclose(m);
    return buf;
}

static int bad_value(FILE *err, const cli_command *c, const cli_option *o, const char *v)
{
    char *val = escaped(v), list[256] = "";
    const char *name = arg_name(o);
    char spelled[64];
    if (o->prefix) {
        snprintf(spelled, sizeof spelled, "%s%s", o->prefix, o->arg);
        name = spelled;
    }
    for (const char *const *ch = o->choices; ch && *ch; ch++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", ch == o->choices ? "" : ", ", *ch);
    if (o->type == CLI_NUMBER)
        fprintf(err, _("fisc %s: invalid value '%s' for %s (a whole number from 0 to %d)\n"), c->name,
                val ? val : "", name, CLI_NUMBER_MAX);
    else
        fprintf(err, _("fisc %s: invalid value '%s' for %s (one of: %s)\n"), c->name, val ? val : "", name, list);
    fprintf(err, _("Try 'fisc help %s'.\n"), c->name);
    free(val);
    return 2;
}

/* Applies a common option to the compile options; false when its value
 * is not allowed (choices were checked before). */
static bool apply(cli_args *a, const cli_option *o, const char *v)
{
    switch (o->id) {
    case CLI_OPT_STRICT:
        a->driver.strict = true;
        return true;
    case CLI_OPT_ANYWHERE:
        a->driver.import_anywhere = true;
        return true;
    case CLI_OPT_LIBDIR:
        a->driver.lib_dirs[a->driver.nlib_dirs++] = v;  /* room checked by parse_option */
        return true;
    case CLI_OPT_MAX_ERRORS:
        a->driver.max_errors = (unsigned)strtoul(v, NULL, 10);
        return true;
    case CLI_OPT_WNO:
    case CLI_OPT_WERROR:
        return driver_add_policy(&a->driver, o->id == CLI_OPT_WERROR, v);
    case CLI_OPT_COLOR:
        a->driver.color = strcmp(v, "always") == 0 ? DIAG_COLOR_ALWAYS
                        : strcmp(v, "never") == 0  ? DIAG_COLOR_NEVER : DIAG_COLOR_AUTO;
        return true;
    default:
        return true;
    }
}

static bool is_number(const char *v)
{
    if (!*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 7)
        return false;
    return strtoul(v, NULL, 10) <= CLI_NUMBER_MAX;
}

/* One option at argv[*i] (an argument starting with '-'); advances *i
 * past a separate value.  -1 when fine, else the exit status. */
static int parse_option(const cli_command *c, int argc, char **argv, int *i, bool before, cli_args *a,
                        FILE *err)
{
    const char *arg = argv[*i], *v;
    const cli_option *o = lookup(arg, &v);
    const cli_option *taken = o ? as_taken(c, o) : NULL;
    if (!o)
        return usage_error(err, c, N_("unknown option '%s'"), arg);
    if (!taken)
        return usage_error(err, c, N_("option '%s' does not apply to this command"), arg);
    if (before && in_list(c->options, taken))
        return usage_error(err, c, N_("option '%s' belongs after the command's name"), arg);
    o = taken;
    if (o->type == CLI_FLAG) {
        if (v && arg[1] == '-')
            return usage_error(err, c, N_("option '%s' takes no value"), arg_name(o));
        if (v)
            return usage_error(err, c, N_("unknown option '%s'"), arg);
        v = "";
    } else if (!v) {
        if (o->prefix)
            return bad_value(err, c, o, "");
        if (*i + 1 >= argc)
            return usage_error(err, c, N_("option '%s' needs a value"), arg);
        v = argv[++*i];
    }
    if ((o->type == CLI_CHOICE && !choice_ok(o, v)) || (o->type == CLI_NUMBER && !is_number(v)))
        return bad_value(err, c, o, v);
    if ((o->type == CLI_FILE || o->type == CLI_DIR || o->type == CLI_TEXT) && !*v)
        return usage_error(err, c, N_("option '%s' needs a value"), arg);
    if (o->id == CLI_OPT_LIBDIR) {
        struct stat st;
        if (stat(v, &st) != 0 || !S_ISDIR(st.st_mode))
            return usage_error(err, c, N_("-I '%s': not a folder"), v);
        if (a->driver.nlib_dirs == DRIVER_MAX_LIB_DIRS)
            return usage_error(err, c, N_("more than 64 library folders (-I '%s')"), v);
    }
    if (!apply(a, o, v))
        return bad_value(err, c, o, v);
    a->value[o->id] = v;
    return -1;
}

static bool is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

/* Parses a command's arguments; see cli.h. */
int cli_parse(const cli_command *c, int npre, char **pre, int argc, char **argv, cli_args *a, FILE *err)
{
    a->cmd = c;
    a->driver.max_errors = 50;
    a->driver.tally = &a->tally;
    for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (is_help(argv[i])) {
            cli_help(stdout, c);
            return 0;
        }
    for (int i = 0; i < npre; i++) {
        int st = parse_option(c, npre, pre, &i, true, a, err);
        if (st >= 0)
            return st;
    }
    a->files = calloc((size_t)argc + 1, sizeof *a->files);
    if (!a->files) {
        fputs("fisc: out of memory\n", err);
        return 2;
    }
    bool only_files = false, seen_stdin = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (!only_files && strcmp(arg, "--") == 0) {
            only_files = true;
        } else if (!only_files && arg[0] == '-' && arg[1] != '\0') {
            int st = parse_option(c, argc, argv, &i, false, a, err);
            if (st >= 0)
                return st;
        } else {
            if (strcmp(arg, "-") == 0) {
                if (!c->reads_stdin)
                    return usage_error(err, c, N_("'%s' (standard input) cannot be read by this command"), arg);
                if (seen_stdin)
                    return usage_error(err, c, N_("'%s' (standard input) can be read only once"), arg);
                seen_stdin = true;
            }
            a->files[a->nfiles++] = arg;
        }
    }
    if (a->nfiles == 0 && c->min_files > 0)
        return operand_error(err, c, N_("no input file"), NULL);
    if ((int)a->nfiles < c->min_files)
        return operand_error(err, c, N_("too few files"), NULL);
    if (c->max_files >= 0 && (int)a->nfiles > c->max_files)
        return operand_error(err, c, N_("one file too many: '%s'"), a->files[c->max_files]);
    return -1;
}

/* ---- the whole command line ----------------------------------------------- */

/* "3 errors and 2 warnings generated." on stderr; nothing when there
 * were none.  Each count's words by ngettext (a language has as many
 * plural forms as it has: Chinese one, English two); with both, the two
 * counted phrases go into one sentence. */
static void summary(const diag_tally *t)
{
    size_t e = t->errors, w = t->warnings;
    if (e && w) {
        char errs[64], warns[64];
        snprintf(errs, sizeof errs, ngettext("%zu error", "%zu errors", e), e);
        snprintf(warns, sizeof warns, ngettext("%zu warning", "%zu warnings", w), w);
        /* TRANSLATORS: "2 errors and 1 warning generated." -- the two
           counted phrases are the two messages above */
        fprintf(stderr, _("%s and %s generated.\n"), errs, warns);
    } else if (e) {
        fprintf(stderr, ngettext("%zu error generated.\n", "%zu errors generated.\n", e), e);
    } else if (w) {
        fprintf(stderr, ngettext("%zu warning generated.\n", "%zu warnings generated.\n", w), w);
    }
}

/* A command's status, made 2 when standard output could not be written
 * (a full disk: fisc --help >/dev/full) and the command did not say so. */
static int finish(int status)
{
    if ((fflush(stdout) != 0 || ferror(stdout)) && status != 2) {
        fprintf(stderr, _("fisc: error writing to standard output: %s\n"), strerror(errno));
        status = 2;
    }
    return status;
}

static int run(int argc, char **argv)
{
    int i = 1;
    /* Options before the command: kept for the command to parse, since
     * which ones apply depends on it. */
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        if (is_help(argv[i])) {
            cli_usage(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("fisc %s\n", FISC_VERSION);
            return 0;
        }
        const char *v;
        const cli_option *o = lookup(argv[i], &v);
        if (!o || !group_of(o))
            return top_error(N_("unknown option '%s' before the command"), argv[i]);
        if (!v && o->type != CLI_FLAG && !o->prefix)
            i++;        /* its value */
    }
    if (i >= argc) {
        if (i > 1)
            return top_error(N_("no command after the options"), NULL);
        cli_usage(stderr);
        return 2;
    }
    const cli_command *c = cli_find(argv[i]);
    if (!c)
        return top_error(N_("unknown command '%s'"), argv[i]);
    cli_args a;
    memset(&a, 0, sizeof a);
    int st = cli_parse(c, i - 1, argv + 1, argc - i - 1, argv + i + 1, &a, stderr);
    if (st < 0) {
        st = c->run(&a);
        fflush(stdout);
        summary(&a.tally);
    }
    free(a.files);
    return st;
}

/* Runs fisc; see cli.h. */
int cli_main(int argc, char **argv)
{
    return finish(run(argc, argv));
}

/* cligen.c: the man page's option lists and the shell completions, made
 * from fisc's command table (src/cli_table.c) at build time.
 *
 *   cligen man TEMPLATE   fisc.1: TEMPLATE with @SYNOPSIS@, @COMMANDS@,
 *                         @SHARED@ and @VERSION@ filled in
 *   cligen bash           the bash completion (complete -F _fisc fisc)
 *   cligen zsh            the zsh completion (#compdef fisc)
 *   cligen list           every command and the options it takes, one
 *                         "COMMAND SPELLING" line each ("check -Wno-CHECK"
 *                         for a prefix option): what tests/cli-table.sh
 *                         compares the help and the other three against
 *
 * Nothing here is hand-written per command: a command or option added to
 * the table appears in all of them at the next build.  Prose that is not
 * about options stays in the template (man/fisc.1.in). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* ---- man ------------------------------------------------------------------ */

/* Text for roff: backslashes doubled, '-' as \-, a line never starting
 * with '.' or '\''. */
static void roff(FILE *out, const char *s)
{
    bool bol = true;
    for (; *s; s++) {
        if (bol && (*s == '.' || *s == '\''))
            fputs("\\&", out);
        bol = *s == '\n';
        if (*s == '\\')
            fputs("\\e", out);
        else if (*s == '-')
            fputs("\\-", out);
        else
            putc(*s, out);
    }
}

/* A description: paragraphs (blank-line separated) become .PP. */
static void roff_paragraphs(FILE *out, const char *s)
{
    fputs(".PP\n", out);
    while (*s) {
        const char *end = strchr(s, '\n');
        size_t n = end ? (size_t)(end - s) : strlen(s);
        if (n == 0) {
            fputs(".PP\n", out);
        } else {
            char *line = strndup(s, n);
            roff(out, line);
            putc('\n', out);
            free(line);
        }
        s += n + (end != NULL);
    }
}

/* The option's names in bold, "-o, --output" (and with_arg " DIR" in
 * italics), or "-Wno-CHECK"; \% keeps them from being hyphenated. */
static void man_names(FILE *out, const cli_option *o, bool with_arg)
{
    if (o->prefix) {
        fputs("\\fB\\%", out);
        roff(out, o->prefix);
        fputs("\\fI", out);
        roff(out, o->arg);
        fputs("\\fR", out);
        return;
    }
    if (o->short_name)
        fprintf(out, "\\fB\\%%\\-%c\\fR%s", o->short_name, o->long_name ? ", " : "");
    if (o->long_name) {
        fputs("\\fB\\%\\-\\-", out);
        roff(out, o->long_name);
        fputs("\\fR", out);
    }
    if (with_arg && o->arg) {
        fputs(" \\fI", out);
        roff(out, o->arg);
        fputs("\\fR", out);
    }
}

/* .TP, the option's names, its help. */
static void man_option(const cli_option *o, void *ctx)
{
    FILE *out = ctx;
    fputs(".TP\n", out);
    man_names(out, o, true);
    putc('\n', out);
    roff(out, o->help);
    if (o->choices && o->prefix) {
        fputs(".\n", out);
        roff(out, o->arg);
        fputs(" is one of:", out);
        for (const char *const *ch = o->choices; *ch; ch++)
            fprintf(out, " %s%s", *ch, ch[1] ? "," : ".");
    }
    putc('\n', out);
}

static bool takes_group(const cli_command *c, const cli_group *g)
{
    return g->bit == 0 || (c->common & g->bit);
}

static void man_synopsis(FILE *out)
{
    size_t n;
    const cli_command *c = cli_commands(&n);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, ".br\n\\fBfisc\\fR [\\fIoptions\\fR] \\fB%s\\fR [\\fIoptions\\fR]", c[i].name);
        if (*c[i].operands) {
            fputs(" \\fI", out);
            roff(out, c[i].operands);
            fputs("\\fR", out);
        }
        putc('\n', out);
    }
    fputs(".br\n\\fBfisc\\fR \\fB\\-\\-version\\fR\n", out);
}

/* One .SS per command: synopsis, description, its own options; the
 * shared ones are named by group (they are listed under SHARED OPTIONS). */
static void man_commands(FILE *out)
{
    size_t n, ng;
    const cli_command *c = cli_commands(&n);
    const cli_group *g = cli_groups(&ng);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, ".SS \"fisc %s", c[i].name);
        if (*c[i].operands) {
            putc(' ', out);
            roff(out, c[i].operands);
        }
        fputs("\"\n", out);
        roff_paragraphs(out, c[i].description);
        bool own = c[i].options->id != CLI_OPT_NONE;
        if (own) {
            fputs(".PP\nOptions:\n", out);
            for (const cli_option *o = c[i].options; o->id != CLI_OPT_NONE; o++)
                man_option(o, out);
        }
        fputs(".PP\nAlso:", out);
        bool first = true;
        for (size_t k = 0; k < ng; k++)
            if (takes_group(&c[i], &g[k]))
                for (const cli_option *o = g[k].options; o->id != CLI_OPT_NONE; o++) {
                    fputs(first ? " " : ", ", out);
                    first = false;
                    man_names(out, o, false);
                }
        fputs(".\n", out);
    }
}

/* SHARED OPTIONS: each group, with the commands that take it. */
static void man_shared(FILE *out)
{
    size_t n, ng;
    const cli_command *c = cli_commands(&n);
    const cli_group *g = cli_groups(&ng);
    for (size_t k = 0; k < ng; k++) {
        if (g[k].bit == 0) {
            fputs(".SS \"Every command\"\n", out);
        } else {
            fputs(".SS \"", out);
            bool first = true;
            for (size_t i = 0; i < n; i++)
                if (takes_group(&c[i], &g[k])) {
                    fprintf(out, "%s%s", first ? "" : ", ", c[i].name);
                    first = false;
                }
            fputs("\"\n", out);
        }
        for (const cli_option *o = g[k].options; o->id != CLI_OPT_NONE; o++)
            man_option(o, out);
        if (g[k].bit == 0)
            fputs(".TP\n\\fB\\-\\-version\\fR\nprint fisc's version and exit (before any command)\n", out);
    }
}

static int man(const char *template)
{
    FILE *in = fopen(template, "r");
    if (!in) {
        perror(template);
        return 1;
    }
    char line[4096];
    while (fgets(line, sizeof line, in)) {
        if (strcmp(line, "@SYNOPSIS@\n") == 0)
            man_synopsis(stdout);
        else if (strcmp(line, "@COMMANDS@\n") == 0)
            man_commands(stdout);
        else if (strcmp(line, "@SHARED@\n") == 0)
            man_shared(stdout);
        else {
            char *v = strstr(line, "@VERSION@");
            if (v) {
                fwrite(line, 1, (size_t)(v - line), stdout);
                fputs(FISC_VERSION, stdout);
                fputs(v + 9, stdout);
            } else {
                fputs(line, stdout);
            }
        }
    }
    fclose(in);
    return 0;
}

/* ---- the words each command takes ----------------------------------------- */

/* Calls word(spelling) for every way o can start a word: "-o", "--output",
 * and for a prefix option every allowed value glued on ("-Wno-footing"). */
static void spellings(const cli_option *o, void (*word)(const char *w, void *ctx), void *ctx)
{
    char buf[128];
    if (o->short_name) {
        snprintf(buf, sizeof buf, "-%c", o->short_name);
        word(buf, ctx);
    }
    if (o->long_name) {
        snprintf(buf, sizeof buf, "--%s", o->long_name);
        word(buf, ctx);
    }
    for (const char *const *ch = o->prefix ? o->choices : NULL; ch && *ch; ch++) {
        snprintf(buf, sizeof buf, "%s%s", o->prefix, *ch);
        word(buf, ctx);
    }
}

typedef struct list_ctx {
    FILE *out;
    const char *cmd;
    bool first;
} list_ctx;

static void list_word(const char *w, void *ctx)
{
    list_ctx *l = ctx;
    fprintf(l->out, "%s %s\n", l->cmd, w);
}

/* "-o", "--output", or for a prefix option "-Wno-CHECK". */
static void list_option(const cli_option *o, void *ctx)
{
    char buf[128];
    if (!o->prefix) {
        spellings(o, list_word, ctx);
        return;
    }
    snprintf(buf, sizeof buf, "%s%s", o->prefix, o->arg);
    list_word(buf, ctx);
}

static int list(void)
{
    size_t n;
    const cli_command *c = cli_commands(&n);
    for (size_t i = 0; i < n; i++) {
        list_ctx l = { stdout, c[i].name, true };
        cli_each_option(&c[i], list_option, &l);
    }
    return 0;
}

/* ---- bash ------------------------------------------------------------------- */

static void space_word(const char *w, void *ctx)
{
    list_ctx *l = ctx;
    fprintf(l->out, "%s%s", l->first ? "" : " ", w);
    l->first = false;
}

static void space_option(const cli_option *o, void *ctx)
{
    spellings(o, space_word, ctx);
}

/* The shell command that completes o's value into COMPREPLY. */
static void bash_value(FILE *out, const cli_option *o)
{
    switch (o->type) {
    case CLI_CHOICE:
        fputs("COMPREPLY=($(compgen -W \"", out);
        for (const char *const *ch = o->choices; *ch; ch++)
            fprintf(out, "%s%s", ch == o->choices ? "" : " ", *ch);
        fputs("\" -- \"$cur\"))", out);
        break;
    case CLI_FILE:
        fputs("COMPREPLY=($(compgen -f -- \"$cur\"))", out);
        break;
    case CLI_DIR:
        fputs("COMPREPLY=($(compgen -d -- \"$cur\"))", out);
        break;
    default:
        fputs("COMPREPLY=()", out);
        break;
    }
}

typedef struct bash_ctx {
    FILE *out;
    const char *cmd;
} bash_ctx;

/* One case pattern per spelling that takes a separate value. */
static void bash_value_case(const cli_option *o, void *ctx)
{
    bash_ctx *b = ctx;
    if (o->type == CLI_FLAG || o->prefix)
        return;
    fputs("        ", b->out);
    if (o->short_name)
        fprintf(b->out, "\"%s -%c\"%s", b->cmd, o->short_name, o->long_name ? "|" : "");
    if (o->long_name)
        fprintf(b->out, "\"%s --%s\"", b->cmd, o->long_name);
    fputs(") ", b->out);
    bash_value(b->out, o);
    fputs("; return ;;\n", b->out);
}

/* `--opt=VALUE` in one word: complete the value after '='. */
static void bash_eq_case(const cli_option *o, void *ctx)
{
    bash_ctx *b = ctx;
    if (o->type == CLI_FLAG || o->prefix || !o->long_name)
        return;
    fprintf(b->out, "        \"%s --%s=\"*) cur=${cur#*=}; ", b->cmd, o->long_name);
    bash_value(b->out, o);
    fputs("; return ;;\n", b->out);
}

static int bash(void)
{
    size_t n, ng;
    const cli_command *c = cli_commands(&n);
    const cli_group *g = cli_groups(&ng);
    FILE *out = stdout;
    fputs("# bash completion for fisc.  Generated from fisc's command table by\n"
          "# tools/cligen.c: do not edit.\n"
          "_fisc() {\n"
          "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
          "    local i cmd= w\n"
          "    # bash splits --opt=VALUE at '=' (COMP_WORDBREAKS): the option is\n"
          "    # then two words back.\n"
          "    if [[ $prev == = ]]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi\n"
          "    # The command: the first word that is not an option (nor the value\n"
          "    # of a shared option given before it).\n"
          "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
          "        w=${COMP_WORDS[i]}\n"
          "        case $w in\n", out);
    /* shared options that take a separate value */
    bool any = false;
    for (size_t k = 0; k < ng; k++)
        for (const cli_option *o = g[k].options; o->id != CLI_OPT_NONE; o++)
            if (o->type != CLI_FLAG && !o->prefix && o->long_name) {
                fprintf(out, "%s--%s", any ? "|" : "            ", o->long_name);
                any = true;
            }
    if (any)
        fputs(") [[ ${COMP_WORDS[i+1]} == = ]] && ((i++)); ((i++)) ;;\n", out);
    fputs("            -*) ;;\n"
          "            *) cmd=$w; break ;;\n"
          "        esac\n"
          "    done\n"
          "    if [[ -z $cmd ]]; then\n"
          "        case $prev in\n", out);
    for (size_t k = 0; k < ng; k++)
        for (const cli_option *o = g[k].options; o->id != CLI_OPT_NONE; o++) {
            if (o->type == CLI_FLAG || o->prefix || !o->long_name)
                continue;
            fprintf(out, "            --%s) ", o->long_name);
            bash_value(out, o);
            fputs("; return ;;\n", out);
        }
    fputs("        esac\n"
          "        if [[ $cur == -* ]]; then\n"
          "            COMPREPLY=($(compgen -W \"", out);
    list_ctx l = { out, NULL, true };
    for (size_t k = 0; k < ng; k++)
        for (const cli_option *o = g[k].options; o->id != CLI_OPT_NONE; o++)
            spellings(o, space_word, &l);
    fputs(" --version\" -- \"$cur\"))\n"
          "        else\n"
          "            COMPREPLY=($(compgen -W \"", out);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%s", i ? " " : "", c[i].name);
    fputs("\" -- \"$cur\"))\n"
          "        fi\n"
          "        return\n"
          "    fi\n"
          "    # A value after its option, separate or after '='.\n"
          "    case \"$cmd $prev\" in\n", out);
    for (size_t i = 0; i < n; i++) {
        bash_ctx b = { out, c[i].name };
        cli_each_option(&c[i], bash_value_case, &b);
    }
    fputs("    esac\n"
          "    case \"$cmd $cur\" in\n", out);
    for (size_t i = 0; i < n; i++) {
        bash_ctx b = { out, c[i].name };
        cli_each_option(&c[i], bash_eq_case, &b);
    }
    fputs("    esac\n"
          "    if [[ $cur == -* ]]; then\n"
          "        case $cmd in\n", out);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "            %s) COMPREPLY=($(compgen -W \"", c[i].name);
        list_ctx lc = { out, NULL, true };
        cli_each_option(&c[i], space_option, &lc);
        fputs("\" -- \"$cur\")) ;;\n", out);
    }
    fputs("        esac\n"
          "        return\n"
          "    fi\n"
          "    case $cmd in\n"
          "        help) COMPREPLY=($(compgen -W \"", out);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%s", i ? " " : "", c[i].name);
    fputs("\" -- \"$cur\")) ;;\n", out);
    for (size_t i = 0; i < n; i++)
        if (c[i].max_files == 0)
            fprintf(out, "        %s) COMPREPLY=() ;;\n", c[i].name);
    fputs("        *) COMPREPLY=($(compgen -f -X '!*.fisc' -- \"$cur\") $(compgen -d -- \"$cur\")) ;;\n"
          "    esac\n"
          "}\n"
          "complete -o filenames -F _fisc fisc\n", out);
    return 0;
}

/* ---- zsh -------------------------------------------------------------------- */

/* Help text inside a zsh _arguments spec, itself in single quotes:
 * brackets and colons escaped, a single quote closed and reopened. */
static void zsh_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '[' || *s == ']' || *s == ':' || *s == '\\')
            putc('\\', out);
        if (*s == '\'')
            fputs("'\\''", out);
        else
            putc(*s, out);
    }
}

static void zsh_action(FILE *out, const cli_option *o)
{
    fputc(':', out);
    zsh_text(out, o->arg);
    fputc(':', out);
    switch (o->type) {
    case CLI_CHOICE:
        fputc('(', out);
        for (const char *const *ch = o->choices; *ch; ch++)
            fprintf(out, "%s%s", ch == o->choices ? "" : " ", *ch);
        fputc(')', out);
        break;
    case CLI_FILE:
        fputs("_files", out);
        break;
    case CLI_DIR:
        fputs("_files -/", out);
        break;
    default:
        fputs(" ", out);
        break;
    }
}

/* One _arguments spec per spelling, each on its own line of an array. */
static void zsh_option(const cli_option *o, void *ctx)
{
    FILE *out = ctx;
    if (o->prefix) {
        fputs("    '*", out);
        zsh_text(out, o->prefix);
        fputs("-[", out);
        zsh_text(out, o->help);
        fputs("]", out);
        zsh_action(out, o);
        fputs("'\n", out);
        return;
    }
    if (o->short_name) {
        fprintf(out, "    '-%c%s[", o->short_name, o->type == CLI_FLAG ? "" : "+");
        zsh_text(out, o->help);
        fputs("]", out);
        if (o->type != CLI_FLAG)
            zsh_action(out, o);
        fputs("'\n", out);
    }
    if (o->long_name) {
        fprintf(out, "    '--%s%s[", o->long_name, o->type == CLI_FLAG ? "" : "=");
        zsh_text(out, o->help);
        fputs("]", out);
        if (o->type != CLI_FLAG)
            zsh_action(out, o);
        fputs("'\n", out);
    }
}

static int zsh(void)
{
    size_t n;
    const cli_command *c = cli_commands(&n);
    FILE *out = stdout;
    fputs("#compdef fisc\n"
          "# zsh completion for fisc.  Generated from fisc's command table by\n"
          "# tools/cligen.c: do not edit.\n\n", out);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "_fisc_%s() {\n  local -a specs\n  specs=(\n", c[i].name);
        cli_each_option(&c[i], zsh_option, out);
        if (strcmp(c[i].name, "help") == 0) {
            fputs("    '1:command:(", out);
            for (size_t k = 0; k < n; k++)
                fprintf(out, "%s%s", k ? " " : "", c[k].name);
            fputs(")'\n", out);
        } else if (c[i].max_files != 0) {
            fputs("    '*:budget file:_files -g \"*.fisc(-.)\"'\n", out);
        }
        fputs("  )\n  _arguments -s -S $specs\n}\n\n", out);
    }
    fputs("_fisc() {\n"
          "  local curcontext=$curcontext state line\n"
          "  typeset -A opt_args\n"
          "  _arguments -C \\\n"
          "    '(- *)--version[print fisc'\\''s version and exit]' \\\n"
          "    '(- *)'{-h,--help}'[print the help and exit]' \\\n"
          "    '1:command:->command' \\\n"
          "    '*::argument:->argument'\n"
          "  case $state in\n"
          "    command)\n"
          "      local -a commands\n"
          "      commands=(\n", out);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "        '%s:", c[i].name);
        zsh_text(out, c[i].summary);
        fputs("'\n", out);
    }
    fputs("      )\n"
          "      _describe -t commands 'fisc command' commands ;;\n"
          "    argument)\n"
          "      curcontext=${curcontext%:*:*}:fisc-$words[1]:\n"
          "      case $words[1] in\n", out);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "        %s) _fisc_%s ;;\n", c[i].name, c[i].name);
    fputs("      esac ;;\n"
          "  esac\n"
          "}\n\n"
          "_fisc \"$@\"\n", out);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "man") == 0)
        return man(argv[2]);
    if (argc == 2 && strcmp(argv[1], "bash") == 0)
        return bash();
    if (argc == 2 && strcmp(argv[1], "zsh") == 0)
        return zsh();
    if (argc == 2 && strcmp(argv[1], "list") == 0)
        return list();
    fputs("usage: cligen man TEMPLATE | bash | zsh | list\n", stderr);
    return 2;
}

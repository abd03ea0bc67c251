/* main.c: the fisc command line.
 *
 * Subcommands share one pipeline (load, lex+parse, resolve, check) and
 * differ in what they emit.  Exit status: 0 success (warnings allowed),
 * 1 the input has errors, 2 usage or I/O error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "driver.h"
#include "source.h"

#define FISC_VERSION "0.1.0"

static const char usage_text[] =
    "usage: fisc <command> [options] FILE...\n"
    "\n"
    "commands:\n"
    "  check FILE...                 report errors and warnings only\n"
    "  help [COMMAND]                show help\n"
    "\n"
    "options:\n"
    "  --max-errors=N                stop printing after N errors (default 50, 0 = all)\n"
    "  --help, --version\n"
    "\n"
    "exit status: 0 success (warnings allowed), 1 the input has errors,\n"
    "2 usage or I/O error\n";

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "fisc: %s%s\nTry 'fisc --help'.\n", msg, arg);
    return 2;
}

typedef struct options {
    unsigned max_errors;
    bool strict;
} options;

/* Parses "--max-errors=N"; false when malformed. */
static bool parse_count(const char *s, unsigned *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v > 1000000)
        return false;
    *out = (unsigned)v;
    return true;
}

static int cmd_check(int argc, char **argv, options *opt)
{
    int nfiles = 0, status = 0;
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "--max-errors=", 13) == 0) {
            if (!parse_count(argv[i] + 13, &opt->max_errors))
                return usage_error("invalid --max-errors value: ", argv[i] + 13);
        } else if (strcmp(argv[i], "--strict") == 0) {
            opt->strict = true;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return usage_error("unknown option: ", argv[i]);
        }
    }
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            continue;
        nfiles++;
        driver_opts dopt = { opt->max_errors, opt->strict, false };
        compilation c;
        int st = driver_compile(argv[i], &dopt, &c);
        arena_free(c.a);
        if (st > status)
            status = st;
    }
    if (nfiles == 0)
        return usage_error("check: no input files", "");
    return status;
}

int main(int argc, char **argv)
{
    options opt = { 50, false };
    if (argc < 2) {
        fputs(usage_text, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("fisc %s\n", FISC_VERSION);
        return 0;
    }
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 2, argv + 2, &opt);
    return usage_error("unknown command: ", cmd);
}

/* main.c: the fisc command line.
 *
 * A table of subcommands, each with its one-line synopsis and help text;
 * the subcommands share one pipeline (driver.c: load, lex+parse, resolve,
 * check) and differ in what they emit.  Exit status everywhere: 0 success
 * (warnings allowed), 1 the input has errors, 2 usage or I/O error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "driver.h"
#include "fmt.h"
#include "lsp.h"
#include "present.h"
#include "ydiff.h"

#define FISC_VERSION "0.1.0"

static int cmd_check(int argc, char **argv);

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *synopsis;
    const char *help;
} command;

static const command commands[] = {
    { "check", cmd_check, "check FILE...",
      "Reports every error and warning in each FILE: syntax, names, structure,\n"
      "and every identity (footing, cross-footing, of-which, year-over-year,\n"
      "explicit checks) judged by the budget's rounding rule.\n"
      "\n"
      "  --strict          within-rounding warnings count as errors\n"
      "  --max-errors=N    print at most N errors (default 50; 0 = all)\n"
      "  -Wno-CHECK        silence the warnings of one check (e.g. -Wno-footing)\n"
      "  -Werror=CHECK     make the warnings of one check errors\n"
      "  --allow-import-anywhere\n"
      "                    imports and previous may name files outside the\n"
      "                    budget's repository (docs/security.md)\n" },
    { "build", cmd_build, "build FILE [-o DIR]",
      "Compiles FILE and writes DIR/<table>.csv for every table, DIR/report.txt,\n"
      "DIR/report.json, DIR/tables.json and the published document: the\n"
      "workbook DIR/<file stem>.xlsx (docs/publish.md).  DIR defaults to\n"
      "out/<file stem>/.  The output is written to a temporary directory and\n"
      "renamed into place: on any error DIR is left exactly as it was.  An\n"
      "existing DIR is replaced only when it is empty or an earlier build's\n"
      "output (its .fisc-build list) holding nothing else; see docs/files.md.\n"
      "\n"
      "  -o DIR            output directory\n"
      "  --bom             start each CSV with a UTF-8 byte order mark (Excel)\n"
      "  --crlf            end CSV lines with CRLF\n"
      "  --no-document     no workbook and no web page (faster on huge budgets)\n"
      "  --strict          within-rounding warnings count as errors\n"
      "  --max-errors=N    print at most N errors (default 50; 0 = all)\n"
      "  --allow-import-anywhere  as for check\n" },
    { "report", cmd_report, "report FILE [--format text|json|csv]",
      "Prints the consistency report: every identity checked, in source order,\n"
      "with both sides' values, the difference, the tolerance applied and\n"
      "whether it holds exactly, within rounding, or not at all.\n"
      "\n"
      "  --format F        text (default), json or csv; see docs/report.md\n"
      "  --strict          within-rounding warnings count as errors\n"
      "  --allow-import-anywhere  as for check\n" },
    { "fmt", cmd_fmt, "fmt [--check | -w] [--normalize-numbers] FILE...",
      "Prints each FILE in the canonical layout (docs/language.md §12): a\n"
      "changed figure is then a one-line diff.  Comments and blank-line groups\n"
      "are kept; numbers keep their spelling.\n"
      "\n"
      "  -w                  rewrite the files in place (atomically)\n"
      "  --check             list the files that are not canonical; exit 1 if any\n"
      "  --normalize-numbers write figures with thousands separators\n" },
    { "next-year", cmd_next_year, "next-year FILE [--keep] [-o OUT [--force]]",
      "Writes next year's starting file: the year advanced, every current\n"
      "figure carried as last year's value ('was'), the current figures left\n"
      "to fill in (or kept, with --keep).  Comments are kept; the output is\n"
      "canonical.\n"
      "\n"
      "  --keep            keep this year's figures as the starting point\n"
      "  -o OUT            write to OUT (atomically) instead of stdout; an\n"
      "                    existing OUT is refused\n"
      "  --force           replace an existing OUT\n" },
    { "diff", cmd_diff, "diff OLD NEW [--format text|csv|json]",
      "The semantic difference between two budgets, typically last year's and\n"
      "this year's: lines matched by code, else by label path; for each changed\n"
      "figure old, new, 增减额 and 增减率; added, removed and moved lines.\n"
      "Amounts compare across units (元 against 万元).  Exit 0 when nothing\n"
      "differs, 1 when something does, 2 on error, like diff(1).\n"
      "\n"
      "  --format F        text (default), csv or json\n"
      "  --allow-import-anywhere  as for check\n" },
    { "lsp", cmd_lsp, "lsp",
      "Runs the language server (Language Server Protocol 3.17) on stdin and\n"
      "stdout, for editors: diagnostics as you type, hover with values and\n"
      "identities, go to definition, references, completion, rename,\n"
      "formatting, quick fixes, inlay hints, code lens.  See docs/editors.md.\n" },
    { "textconv", cmd_textconv, "textconv FILE",
      "Prints one line per stated figure, TABLE<tab>PATH<tab>COLUMN<tab>VALUE,\n"
      "for git's diff driver: a changed figure shows in 'git diff' with its\n"
      "full line path.  See docs/git.md.\n" },
};

static const size_t ncommands = sizeof commands / sizeof commands[0];

static void usage(FILE *out)
{
    fprintf(out, "usage: fisc <command> [options] FILE...\n\ncommands:\n");
    for (size_t i = 0; i < ncommands; i++)
        fprintf(out, "  fisc %s\n", commands[i].synopsis);
    fprintf(out, "  fisc help [COMMAND]\n  fisc --version\n\n"
                 "exit status: 0 success (warnings allowed), 1 the input has errors,\n"
                 "2 usage or I/O error.  The language: docs/language.md.\n");
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < ncommands; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static int help(const char *name)
{
    if (!name) {
        usage(stdout);
        return 0;
    }
    const command *c = find_command(name);
    if (!c) {
        fputs("fisc: no command '", stderr);
        present_str(stderr, name);
        fputs("'\nTry 'fisc --help'.\n", stderr);
        return 2;
    }
    printf("usage: fisc %s\n\n%s", c->synopsis, c->help);
    return 0;
}

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "fisc: %s", msg);
    present_str(stderr, arg);
    fputs("\nTry 'fisc --help'.\n", stderr);
    return 2;
}

static int cmd_check(int argc, char **argv)
{
    driver_opts opt = { .max_errors = 50 };
    int nfiles = 0, status = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0)
            return help("check");
        int r = driver_option(&opt, argv[i]);
        if (r < 0)
            return 2;
        if (r == 0 && argv[i][0] == '-' && argv[i][1] != '\0')
            return usage_error("unknown option: ", argv[i]);
    }
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            continue;
        nfiles++;
        compilation c;
        int st = driver_compile(argv[i], &opt, &c);
        arena_free(c.a);
        if (st > status)
            status = st;
    }
    if (nfiles == 0)
        return usage_error("check: no input files", "");
    return status;
}

/* A command's status, made 2 when standard output could not be written
 * (a full disk: fisc --help >/dev/full) and the command did not say so. */
static int finish(int status)
{
    if ((fflush(stdout) != 0 || ferror(stdout)) && status != 2) {
        fprintf(stderr, "fisc: error writing to standard output: %s\n", strerror(errno));
        status = 2;
    }
    return status;
}

static int run(int argc, char **argv);

int main(int argc, char **argv)
{
    return finish(run(argc, argv));
}

/* Dispatches argv to its command; returns the exit status. */
static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        return help(NULL);
    if (strcmp(name, "help") == 0)
        return help(argc > 2 ? argv[2] : NULL);
    if (strcmp(name, "--version") == 0) {
        printf("fisc %s\n", FISC_VERSION);
        return 0;
    }
    const command *c = find_command(name);
    if (!c)
        return usage_error("unknown command: ", name);
    return c->run(argc - 2, argv + 2);
}

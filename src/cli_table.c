/* cli_table.c: every command and option of fisc, and their help.
 *
 * This is the one place the command line is described: the parser, the
 * help, the man page and the shell completions are all made from these
 * entries (cli.h).  Help texts are whole literals marked N_(): a
 * translation replaces each one as a unit.  Descriptions are wrapped at
 * 72 columns and hold no option list (that is made from the options). */
#include "cli.h"
#include "cmd.h"
#include "fmt.h"
#include "lsp.h"
#include "ydiff.h"

static const char *const color_choices[] = { "auto", "always", "never", NULL };
static const char *const report_formats[] = { "text", "json", "csv", NULL };
static const char *const diff_formats[] = { "text", "csv", "json", NULL };
static const char *const report_modes[] = { "compact", "full", NULL };

#define END { CLI_OPT_NONE, 0, NULL, NULL, CLI_FLAG, NULL, NULL, NULL }

static const cli_option global_options[] = {
    { CLI_OPT_COLOR, 0, "color", NULL, CLI_CHOICE, "WHEN", color_choices,
      N_("colour diagnostics: auto (the default), always, never") },
    { CLI_OPT_HELP, 'h', "help", NULL, CLI_FLAG, NULL, NULL,
      N_("print this help and exit") },
    END
};

static const cli_option compile_options[] = {
    { CLI_OPT_STRICT, 0, "strict", NULL, CLI_FLAG, NULL, NULL,
      N_("within-rounding warnings count as errors") },
    { CLI_OPT_MAX_ERRORS, 0, "max-errors", NULL, CLI_NUMBER, "N",
      NULL, N_("print at most N errors (default 50; 0 prints all)") },
    { CLI_OPT_WNO, 0, NULL, "-Wno-", CLI_CHOICE, "CHECK", driver_warning_checks,
      N_("silence the warnings of one check (e.g. -Wno-footing)") },
    { CLI_OPT_WERROR, 0, NULL, "-Werror=", CLI_CHOICE, "CHECK", driver_warning_checks,
      N_("make the warnings of one check errors") },
    END
};

static const cli_option import_options[] = {
    { CLI_OPT_LIBDIR, 'I', "library-dir", NULL, CLI_DIR, "DIR", NULL,
      N_("look for imported libraries in DIR first (repeatable)") },
    { CLI_OPT_ANYWHERE, 0, "allow-import-anywhere", NULL, CLI_FLAG, NULL, NULL,
      N_("imports and previous may name any file") },
    END
};

static const cli_group groups[] = {
    { CLI_COMPILES, compile_options },
    { CLI_IMPORTS, import_options },
    { 0, global_options },
};

static const cli_option build_options[] = {
    { CLI_OPT_OUTPUT, 'o', "output", NULL, CLI_DIR, "DIR", NULL,
      N_("the output folder (default: out/NAME)") },
    { CLI_OPT_NO_BOM, 0, "no-bom", NULL, CLI_FLAG, NULL, NULL,
      N_("no UTF-8 byte order mark before each CSV") },
    { CLI_OPT_CRLF, 0, "crlf", NULL, CLI_FLAG, NULL, NULL,
      N_("end CSV lines with CR LF") },
    { CLI_OPT_NO_DOCUMENT, 0, "no-document", NULL, CLI_FLAG, NULL, NULL,
      N_("no workbook and no web page (faster on huge budgets)") },
    { CLI_OPT_REPORT, 0, "report", NULL, CLI_CHOICE, "WHAT", report_modes,
      N_("compact (the default: exact ones counted) or full") },
    END
};

static const cli_option report_options[] = {
    { CLI_OPT_FORMAT, 0, "format", NULL, CLI_CHOICE, "FORMAT", report_formats,
      N_("text (the default), json or csv") },
    { CLI_OPT_NO_BOM, 0, "no-bom", NULL, CLI_FLAG, NULL, NULL,
      N_("no UTF-8 byte order mark before the CSV") },
    { CLI_OPT_REPORT, 0, "report", NULL, CLI_CHOICE, "WHAT", report_modes,
      N_("compact (the default: exact ones counted) or full") },
    END
};

static const cli_option fmt_opts[] = {
    { CLI_OPT_WRITE, 'w', "write", NULL, CLI_FLAG, NULL, NULL,
      N_("rewrite each FILE in place (atomically)") },
    { CLI_OPT_CHECK, 0, "check", NULL, CLI_FLAG, NULL, NULL,
      N_("list the files not in the canonical layout") },
    { CLI_OPT_NORMALIZE, 0, "normalize-numbers", NULL, CLI_FLAG, NULL, NULL,
      N_("write figures with thousands separators") },
    END
};

static const cli_option next_year_options[] = {
    { CLI_OPT_KEEP, 0, "keep", NULL, CLI_FLAG, NULL, NULL,
      N_("keep this year's figures as the starting point") },
    { CLI_OPT_OUTPUT, 'o', "output", NULL, CLI_FILE, "OUT", NULL,
      N_("write OUT instead of standard output") },
    { CLI_OPT_FORCE, 0, "force", NULL, CLI_FLAG, NULL, NULL,
      N_("replace an existing OUT") },
    END
};

static const cli_option diff_options[] = {
    { CLI_OPT_FORMAT, 0, "format", NULL, CLI_CHOICE, "FORMAT", diff_formats,
      N_("text (the default), csv or json") },
    { CLI_OPT_NO_BOM, 0, "no-bom", NULL, CLI_FLAG, NULL, NULL,
      N_("no UTF-8 byte order mark before the CSV") },
    END
};

static const cli_option lsp_options[] = {
    { CLI_OPT_STDIO, 0, "stdio", NULL, CLI_FLAG, NULL, NULL,
      N_("speak on standard input and output (the only way)") },
    END
};

static const cli_option no_options[] = { END };

static int cmd_help(cli_args *a);

static const cli_command commands[] = {
    { "check", cmd_check, "FILE...", 1, -1, true, CLI_COMPILES | CLI_IMPORTS, no_options,
      N_("report every error and warning in each FILE"),
      N_("Reports every error and warning in each FILE: syntax, names,\n"
         "structure, and every identity (footing, cross-footing, of-which,\n"
         "year-over-year, explicit checks) judged by the budget's rounding\n"
         "rule.  A library (classifications, column sets, templates and\n"
         "imports, without a budget header) is checked too.  FILE '-' reads\n"
         "standard input (its imports are found from the current folder).\n") },
    { "build", cmd_build, "FILE", 1, 1, true, CLI_COMPILES | CLI_IMPORTS, build_options,
      N_("write every table as CSV, and the report"),
      N_("Compiles FILE and writes DIR/<table id>.csv for every table,\n"
         "DIR/report.txt, DIR/report.json, DIR/tables.json and the published\n"
         "document, the workbook DIR/NAME.xlsx and the page DIR/index.html\n"
         "(publish.md, in fisc's documentation).  NAME is FILE's name without\n"
         "its extension; DIR is out/NAME unless -o says otherwise.  Nothing is\n"
         "written when FILE has errors; DIR is replaced whole, only once every\n"
         "file is written, and only when it is new, empty, or an earlier\n"
         "build's output holding nothing else (files.md).  FILE '-' reads\n"
         "standard input; then -o is needed.\n") },
    { "report", cmd_report, "FILE", 1, 1, true, CLI_COMPILES | CLI_IMPORTS, report_options,
      N_("print the consistency report"),
      N_("Prints the consistency report on standard output: the identities\n"
         "checked, in source order, with both sides' values, the difference,\n"
         "the tolerance applied and whether they hold exactly, within\n"
         "rounding, or not at all.  By default those not exact are listed and\n"
         "the exact ones counted per table; --report=full lists every one.\n"
         "Exits as 'fisc check' would.  The JSON and CSV forms are described\n"
         "in report.md, in fisc's documentation.\n") },
    { "fmt", cmd_fmt, "FILE...", 1, -1, true, 0, fmt_opts,
      N_("print FILE in the canonical layout"),
      N_("Prints FILE in the canonical layout (section 12 of language.md, in\n"
         "fisc's documentation): a changed figure is then a one-line diff.\n"
         "Comments and blank-line groups are kept; numbers keep their\n"
         "spelling.  FILE '-' reads standard input (not with -w).  Exit\n"
         "status: 0 success, 1 syntax errors (nothing written) or, with\n"
         "--check, files not canonical, 2 usage or I/O error.\n") },
    { "next-year", cmd_next_year, "FILE", 1, 1, true, 0, next_year_options,
      N_("write next year's starting file"),
      N_("Writes next year's starting file: the budget's year plus one, and in\n"
         "every line of the tables and narratives this year's figures as last\n"
         "year's ('= 7,440' becomes '= _ was 7,440'); old 'was' and 'change'\n"
         "values are dropped; the header's 'previous' names FILE (and is added\n"
         "when there was none).  Comments are kept; the output is in the\n"
         "canonical layout.  OUT is written atomically, and an existing OUT\n"
         "is replaced only with --force.  FILE '-' reads standard input.\n") },
    { "diff", cmd_diff, "OLD NEW", 2, 2, true, CLI_IMPORTS, diff_options,
      N_("show what changed between two budgets, figure by figure"),
      N_("The semantic difference between two budgets, typically last year's\n"
         "and this year's: lines matched by code, else by label path; for each\n"
         "changed figure old, new, 增减额 and 增减率; added, removed and moved\n"
         "lines.  Amounts compare across units (元 against 万元).  Exit status\n"
         "as diff(1): 0 nothing differs, 1 something does, 2 error.  Using it\n"
         "as git's difftool: git.md, in fisc's documentation.\n") },
    { "lsp", cmd_lsp, "", 0, 0, false, 0, lsp_options,
      N_("run the language server, for editors"),
      N_("Runs the language server (Language Server Protocol 3.17) on standard\n"
         "input and output, for editors: diagnostics as you type, hover with\n"
         "values and identities, go to definition, references, completion,\n"
         "rename, formatting, quick fixes, inlay hints, code lens.  Setting up\n"
         "an editor: editors.md, in fisc's documentation.\n") },
    { "textconv", cmd_textconv, "FILE", 1, 1, false, 0, no_options,
      N_("print one line per stated figure, for git diff"),
      N_("Prints one line per stated figure, TABLE<tab>PATH<tab>COLUMN<tab>VALUE,\n"
         "for git's diff driver: a changed figure shows in 'git diff' with its\n"
         "full line path.  A file that does not compile is printed as it is.\n"
         "Setting it up: git.md, in fisc's documentation.\n") },
    { "help", cmd_help, "[COMMAND]", 0, 1, false, 0, no_options,
      N_("print the help of a command"),
      N_("Prints the help of COMMAND, the same text as 'fisc COMMAND --help';\n"
         "without COMMAND, the list of commands.\n") },
};

const char cli_about[] =
    N_("fisc checks budgets written in the fisc language and compiles them\n"
       "into tables (CSV) and a consistency report.\n");

const char cli_trailer[] =
    N_("FILE '-' reads standard input.  Exit status: 0 success (warnings\n"
       "allowed), 1 the input has errors, 2 a usage or I/O error.  The manual:\n"
       "'man fisc'; the language: 'man fisc-language'.\n");

static int cmd_help(cli_args *a)
{
    if (a->nfiles == 0) {
        cli_usage(stdout);
        return 0;
    }
    const cli_command *c = cli_find(a->files[0]);
    if (!c)
        return cli_no_command(a->files[0]);
    cli_help(stdout, c);
    return 0;
}

/* The command table; see cli.h. */
const cli_command *cli_commands(size_t *n)
{
    *n = sizeof commands / sizeof commands[0];
    return commands;
}

/* The groups of shared options; see cli.h. */
const cli_group *cli_groups(size_t *n)
{
    *n = sizeof groups / sizeof groups[0];
    return groups;
}

/* cli.h: the command line as data.
 *
 * One table (cli_table.c) holds every command and every option: its
 * spellings, its value, the values it allows and its help.  From that
 * table come the option parser (cli.c), `fisc help CMD` and `fisc CMD
 * --help` (one renderer, so they are the same text), and at build time
 * the man page's option lists and the bash and zsh completions
 * (tools/cligen.c), so none of them can disagree with another.
 *
 * Adding a command is one entry in the command table (and its run
 * function); adding an option is one entry in its command's option list
 * and one id below.
 *
 * Every string a user reads is a whole literal in cli_table.c or cli.c,
 * marked N_() in the table and translated where it is printed (i18n.h);
 * no sentence is assembled from pieces. */
#ifndef FISC_CLI_H
#define FISC_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "driver.h"
#include "i18n.h"

#define FISC_VERSION "0.1.0"


/* What an option sets: its slot in cli_args.value. */
typedef enum cli_opt {
    CLI_OPT_NONE,
    CLI_OPT_HELP,           /* -h, --help: every command */
    CLI_OPT_COLOR,          /* --color WHEN: every command */
    CLI_OPT_STRICT,         /* the compile options (CLI_COMPILES) */
    CLI_OPT_MAX_ERRORS,
    CLI_OPT_WNO,
    CLI_OPT_WERROR,
    CLI_OPT_ANYWHERE,       /* --allow-import-anywhere (CLI_IMPORTS) */
    CLI_OPT_LIBDIR,         /* -I DIR, --library-dir DIR (CLI_IMPORTS) */
    CLI_OPT_OUTPUT,         /* a command's own */
    CLI_OPT_FORMAT,
    CLI_OPT_NO_BOM,
    CLI_OPT_CRLF,
    CLI_OPT_NO_DOCUMENT,
    CLI_OPT_FORCE,
    CLI_OPT_CHECK,
    CLI_OPT_WRITE,
    CLI_OPT_NORMALIZE,
    CLI_OPT_KEEP,
    CLI_OPT_STDIO,
    CLI_OPT_REPORT,
    CLI_OPT_COUNT
} cli_opt;

/* What an option's value is: checked by the parser, offered by completion. */
typedef enum cli_type {
    CLI_FLAG,               /* no value */
    CLI_TEXT,               /* any text */
    CLI_FILE,               /* a file name */
    CLI_DIR,                /* a folder name */
    CLI_NUMBER,             /* 0 to CLI_NUMBER_MAX */
    CLI_CHOICE,             /* one of choices */
} cli_type;

#define CLI_NUMBER_MAX 1000000

typedef struct cli_option {
    cli_opt id;
    char short_name;            /* 'o' for -o; 0: none */
    const char *long_name;      /* "output" for --output; NULL: none */
    const char *prefix;         /* "-Wno-": the value is glued on (-Wno-footing); NULL: none */
    cli_type type;
    const char *arg;            /* the value's name in help ("DIR"); NULL for a flag */
    const char *const *choices; /* CLI_CHOICE and prefix options: NULL-terminated */
    const char *help;           /* one line, N_() */
} cli_option;

/* Options several commands share come in groups; a command takes a
 * group when its `common` holds the group's bit.  The group with bit 0
 * (-h, --color) belongs to every command.  Shared options may also come
 * before the command's name. */
#define CLI_COMPILES 1u         /* --strict, --max-errors, -Wno-, -Werror= */
#define CLI_IMPORTS  2u         /* --allow-import-anywhere, -I DIR */

typedef struct cli_group {
    unsigned bit;
    const cli_option *options;  /* ending with CLI_OPT_NONE */
} cli_group;

typedef struct cli_args cli_args;

typedef struct cli_command {
    const char *name;
    int (*run)(cli_args *a);
    const char *operands;       /* after the options in the synopsis: "FILE...", "OLD NEW" */
    int min_files, max_files;   /* operand count; max_files -1: no limit */
    bool reads_stdin;           /* an operand may be "-", standard input */
    unsigned common;            /* the groups it takes: CLI_COMPILES | CLI_IMPORTS */
    const cli_option *options;  /* its own, ending with an entry whose id is CLI_OPT_NONE */
    const char *summary;        /* one line, for `fisc --help` and the man page */
    const char *description;    /* paragraphs, for help and the man page */
} cli_command;

/* A command line, parsed. */
struct cli_args {
    const cli_command *cmd;
    const char **files;         /* the operands, in order */
    size_t nfiles;
    const char *value[CLI_OPT_COUNT];   /* the last value given, "" for a flag; NULL: not given */
    driver_opts driver;         /* the compile options, applied; colour and tally set */
    diag_tally tally;           /* what the command's compilations reported */
};

/* The commands, in the order help lists them; *n receives how many. */
const cli_command *cli_commands(size_t *n);
/* The command named name, or NULL. */
const cli_command *cli_find(const char *name);
/* The groups of shared options, in the order help lists them. */
const cli_group *cli_groups(size_t *n);
/* The top-level paragraphs (fisc --help), N_(). */
extern const char cli_about[];
extern const char cli_trailer[];

/* Whether c takes option o (its own, or a common one it accepts). */
bool cli_takes(const cli_command *c, const cli_option *o);
/* Calls fn for every option c takes, in help order. */
void cli_each_option(const cli_command *c, void (*fn)(const cli_option *o, void *ctx), void *ctx);

/* Parses argv[0..argc) (the arguments after the command's name) for c
 * into a, which the caller zeroed; common options given before the name
 * go in pre[0..npre) (only common options are allowed there).  Returns -1
 * when the command should run, else the exit status (0 after printing
 * help, 2 after printing a usage error to err). */
int cli_parse(const cli_command *c, int npre, char **pre, int argc, char **argv, cli_args *a, FILE *err);

/* The help of c: what `fisc help c` and `fisc c --help` print. */
void cli_help(FILE *out, const cli_command *c);
/* The top-level help: what `fisc --help` and `fisc help` print. */
void cli_usage(FILE *out);
/* "fisc CMD: MSG" and where CMD's help is, on stderr, for a usage error
 * a command finds itself (options that exclude each other); returns 2. */
int cli_usage_error(const cli_command *c, const char *msg);
/* For `fisc help NAME` when there is no command NAME: says so; returns 2. */
int cli_no_command(const char *name);

/* The option's spelling in help and man: "-o, --output DIR". */
void cli_spelling(FILE *out, const cli_option *o);

/* Runs the whole command line; returns the exit status. */
int cli_main(int argc, char **argv);

#endif

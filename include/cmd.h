/* cmd.h: subcommands implemented outside main.c.
 *
 * Each takes the arguments after its own name (argv[0] is the first
 * option or file) and returns the process exit status: 0 success
 * (warnings allowed), 1 the input has errors, 2 usage or I/O error. */
#ifndef FISC_CMD_H
#define FISC_CMD_H

/* fisc build FILE [-o DIR] [--bom] [--crlf] [--no-document] [--strict] [--max-errors=N] */
int cmd_build(int argc, char **argv);
/* fisc report FILE [--format text|json|csv] [--strict] [--max-errors=N] */
int cmd_report(int argc, char **argv);

#endif

/* cmd.h: the commands that compile a budget and emit from it.
 *
 * Each takes its parsed command line (cli.h) and returns the process exit
 * status: 0 success (warnings allowed), 1 the input has errors, 2 usage
 * or I/O error. */
#ifndef FISC_CMD_H
#define FISC_CMD_H

#include "cli.h"

/* fisc check FILE... */
int cmd_check(cli_args *a);
/* fisc build FILE [-o DIR] [--bom] [--crlf] */
int cmd_build(cli_args *a);
/* fisc report FILE [--format text|json|csv] */
int cmd_report(cli_args *a);

#endif

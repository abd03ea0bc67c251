/* ydiff.h: comparing two budgets -- `fisc diff` and `fisc textconv`.
 *
 * `fisc diff OLD NEW` compiles both files and reports what changed between
 * them, figure by figure: tables matched by id, lines by code (else by
 * label path), columns by header, amounts compared exactly in base units.
 * `fisc textconv FILE` prints one line per written figure so that
 * `git diff` shows a changed figure with its table, line path and column.
 * Both follow cmd.h's conventions. */
#ifndef FISC_YDIFF_H
#define FISC_YDIFF_H

#include "cli.h"

/* fisc diff OLD NEW [--format text|csv|json]: exit 0 when the budgets hold
 * the same figures, 1 when they differ, 2 on a usage, I/O or input error. */
int cmd_diff(cli_args *a);

/* fisc textconv FILE: one "TABLE\tPATH\tCOLUMN\tVALUE" line per written
 * figure in source order; the raw file when it does not compile.  Exit 0,
 * or 2 when FILE cannot be read. */
int cmd_textconv(cli_args *a);

#endif

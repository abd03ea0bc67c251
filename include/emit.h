/* emit.h: writing the model out -- one CSV per table, and the consistency
 * report in three forms.  Emitters only read the model. */
#ifndef FISC_EMIT_H
#define FISC_EMIT_H

#include <stdbool.h>
#include <stdio.h>
#include "model.h"

typedef struct csv_opts {
    bool bom;               /* start with a UTF-8 byte order mark (Excel) */
    bool crlf;              /* "\r\n" line ends instead of "\n" */
} csv_opts;

/* One table as RFC 4180 CSV.  Returns 0, or -1 on a write error. */
int emit_csv(FILE *out, const m_table *t, const csv_opts *o);

typedef enum { REPORT_TEXT, REPORT_JSON, REPORT_CSV } report_format;

/* The consistency report: every identity in m->ids. 0 or -1 (write error). */
int emit_report(FILE *out, const m_model *m, const char *source_path, report_format f);

#endif

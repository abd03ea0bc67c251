/* emit.h: writing the model out -- one CSV per table, the consistency
 * report in three forms, and the published document: the workbook
 * (XLSX), the web page (index.html) and the tables' metadata
 * (tables.json).  Emitters only read the model. */
#ifndef FISC_EMIT_H
#define FISC_EMIT_H

#include <stdbool.h>
#include <stdio.h>
#include "model.h"

/* The UTF-8 byte order mark every CSV fisc writes starts with, unless
 * --no-bom: without it Excel reads the file in the system's code page and
 * garbles Chinese text. */
#define EMIT_CSV_BOM "\xEF\xBB\xBF"

typedef struct csv_opts {
    bool bom;               /* start with a UTF-8 byte order mark (Excel) */
    bool crlf;              /* "\r\n" line ends instead of "\n" */
} csv_opts;

/* One table as RFC 4180 CSV.  Returns 0, or -1 on a write error. */
int emit_csv(FILE *out, const m_table *t, const csv_opts *o);
struct lay_table;
/* The number of columns of the CSV of the table laid out as l
 * (layout_table), and their headers, written to out[0 .. that number):
 * tables.json describes the CSV with them. */
size_t emit_csv_width(const struct lay_table *l);
size_t emit_csv_header(const struct lay_table *l, const char **out);
/* The figure of v as table t prints it in its CSV: digits, '-' and '.'
 * with `places` decimals, money in the table's unit.  Writes buf
 * (DEC_FMT_MAX bytes) and returns the length; 0 when v holds no amount. */
size_t emit_amount(const m_table *t, const m_value *v, int places, char *buf);

typedef enum { REPORT_TEXT, REPORT_JSON, REPORT_CSV } report_format;

/* The consistency report: every identity in m->ids. 0 or -1 (write error). */
int emit_report(FILE *out, const m_model *m, const char *source_path, report_format f);

/* The published workbook: one sheet per table laid out as published, and
 * a sheet with the consistency report, written to the file at path (the
 * library writes by name).  0, or -1 with a reason in err. */
int emit_xlsx(const char *path, const m_model *m, char *err, size_t errcap);
/* The published document (workbook and web page) is made for budgets up
 * to about a million cells; driver_opts.figures_max_cells takes this too. */
#define EMIT_DOCUMENT_MAX_CELLS 1000000u
/* Whether the document of m is small enough to be made (its workbook
 * would hold at most EMIT_DOCUMENT_MAX_CELLS cells: libxlsxwriter holds
 * them all in memory); false with the reason in why when not. */
bool emit_document_fits(const m_model *m, char *why, size_t cap);
/* The document's report lists every identity of a budget of at most this
 * many; past it, only those that are not exact (at most this many), and
 * says how many it leaves to report.json. */
#define EMIT_DOCUMENT_REPORT_ROWS 20000u
/* Whether the document's report lists identity id. */
bool emit_document_lists(const m_model *m, const m_identity *id);

/* index.html: the whole document, self-contained (no request of any kind:
 * docs/publish.md), the report linked to the figures both ways.  0, or -1
 * on a write error. */
int emit_html(FILE *out, const m_model *m, const char *source_path);

/* narrative.md: every narrative's heading and text, its placeholders
 * printed (docs/publish.md).  0, or -1 on a write error. */
int emit_narrative_md(FILE *out, const m_model *m);

/* The sheet names emit_xlsx gives the tables, in m->tables order (NULL for
 * a narrative), made in arena a: tables.json lists them. */
const char **emit_xlsx_sheet_names(arena *a, const m_model *m);

/* tables.json: what each table's CSV holds (docs/publish.md).  xlsx names
 * the workbook file, NULL when none is written.  0, or -1 on a write error. */
int emit_tables_json(FILE *out, const m_model *m, const char *xlsx);

#endif

/* fuzz_check.c: arbitrary bytes through the whole pipeline.
 *
 * load -> lex/parse -> resolve (with imports) -> check -> diagnostics
 * printed (sorted, deduplicated, capped) -> every table as CSV and the
 * report in its three formats, all written to /dev/null.  Nothing may
 * crash, leak, read out of bounds or trip UBSan. */
#include <stdbool.h>
#include "common.h"
#include "mutator.h"
#include "driver.h"
#include "emit.h"

static FILE *devnull;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    if (fz_unsafe(data, n))
        return -1;
    if (!devnull && !(devnull = fopen("/dev/null", "w")))
        abort();
    const char *path = fz_write(0, "in.fisc", data, n);
    arena *a = arena_new();
    strtab *names = strtab_new(a);
    diag_list *diags = diag_new(a);
    m_model *m = resolve_file(a, names, diags, path);
    bool checked = m && diag_count(diags, DIAG_ERROR) == 0;
    if (checked)
        check_model(a, diags, m);
    diag_sort(diags);
    diag_dedupe(diags);
    diag_options dopt = { n & 1, 50, (n & 2) != 0, false };
    diag_print(diags, devnull, &dopt);
    /* As fisc build (tables only without errors) and fisc report (whenever
     * the checker ran) do. */
    if (checked && diag_failures(diags, false) == 0) {
        csv_opts co = { (n & 4) != 0, (n & 8) != 0 };
        for (size_t i = 0; i < m->ntables; i++)
            emit_csv(devnull, m->tables[i], &co);
    }
    if (checked) {
        emit_report(devnull, m, path, REPORT_TEXT);
        emit_report(devnull, m, path, REPORT_JSON);
        emit_report(devnull, m, path, REPORT_CSV);
    }
    arena_free(a);
    return 0;
}

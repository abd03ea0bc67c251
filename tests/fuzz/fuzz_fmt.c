/* fuzz_fmt.c: the formatter's round trip.
 *
 * For every input that parses without errors, fmt_format -- what `fisc
 * fmt` runs, with its verification on -- either refuses the input for a
 * layout past the lexer's line-length limit (status 1, a diagnostic: its
 * contract) or prints a text that parses back to the same syntax tree
 * (fmt_verify.c's comparison: an internal error, status 2, is a
 * failure); and fmt(fmt(x)) == fmt(x) byte for byte.
 *
 * The tree comparison is fmt_verify.c's own, not a second copy here: a
 * copy fell behind the syntax tree once (it stopped compiling when lines
 * gained several prior-year bases), and fmt_verify is what stands between
 * a printer bug and the user's file.
 *
 * Built by `make fuzz` only when src/fmt.c exists. */
#include <stdbool.h>
#include "common.h"
#include "mutator.h"
#include "ast.h"
#include "fmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

/* f formatted and verified into a malloc'd buffer, or NULL when fmt
 * refuses it for a line past the limit; aborts on an internal error. */
static char *format(arena *a, const ast_file *f, size_t *len)
{
    diag_list *d = diag_new(a);
    char *buf = NULL;
    int rc = fmt_format(f, NULL, d, true, &buf, len);
    if (rc == 1)
        return NULL;
    if (rc != 0) {
        fprintf(stderr, "fmt_format failed with status %d:\n", rc);
        diag_options o = { 0 };
        diag_print(d, stderr, &o);
        abort();
    }
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    arena *a = arena_new();
    strtab *names = strtab_new(a);
    diag_list *d = diag_new(a);
    const src_file *s0 = src_from_memory(a, "in.fisc", (const char *)data, n);
    ast_file *f0 = parse_file(a, names, d, s0);
    if (diag_count(d, DIAG_ERROR) > 0) {
        arena_free(a);
        return 0;
    }
    size_t n1, n2;
    char *t1 = format(a, f0, &n1);
    if (!t1) {
        arena_free(a);
        return 0;
    }
    const src_file *s1 = src_from_memory(a, "fmt1.fisc", t1, n1);
    ast_file *f1 = parse_file(a, names, d, s1);
    if (diag_count(d, DIAG_ERROR) > 0) {
        fprintf(stderr, "fmt output does not parse:\n%.*s\n", (int)n1, t1);
        abort();
    }
    char *t2 = format(a, f1, &n2);
    if (!t2) {
        fprintf(stderr, "fmt refuses its own output:\n%.*s\n", (int)n1, t1);
        abort();
    }
    if (n1 != n2 || memcmp(t1, t2, n1) != 0) {
        fprintf(stderr, "fmt is not idempotent:\n--- fmt(x)\n%.*s\n--- fmt(fmt(x))\n%.*s\n",
                (int)n1, t1, (int)n2, t2);
        abort();
    }
    free(t1);
    free(t2);
    arena_free(a);
    return 0;
}

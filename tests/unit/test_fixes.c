/* test_fixes.c: the fixes diagnostics carry (diag.h, struct diag_fix).
 *
 * The language server offers each as a quick fix, so each must replace
 * exactly the offending bytes with text that compiles: every test
 * applies the fix to the source and compiles the result again, which
 * must then have no error at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "driver.h"

/* Reads every path from `text` (the test's one file). */
static src_file *from_text(void *ctx, arena *a, const char *path, const char **err)
{
    (void)err;
    return src_from_memory(a, path, ctx, strlen(ctx));
}

/* Compiles text; returns the first diagnostic's first fix applied to
 * text (malloc'd), or NULL when there is none.  *msg gets its title. */
static char *fix_of(const char *text, char *title, size_t cap)
{
    driver_opts o = { .read = from_text, .read_ctx = (void *)text, .no_previous = true };
    compilation c;
    driver_run("/t.fisc", &o, &c);
    char *out = NULL;
    for (size_t i = 0; i < diag_size(c.diags) && !out; i++) {
        const diag *d = diag_at(c.diags, i);
        if (!d->fixes)
            continue;
        const struct diag_fix *f = d->fixes;
        size_t n = strlen(text), tn = strlen(f->text);
        out = malloc(n + tn + 1);
        memcpy(out, text, f->at.begin);
        memcpy(out + f->at.begin, f->text, tn);
        memcpy(out + f->at.begin + tn, text + f->at.end, n - f->at.end + 1);
        snprintf(title, cap, "%s", f->title);
    }
    arena_free(c.a);
    return out;
}

static size_t errors_in(const char *text)
{
    driver_opts o = { .read = from_text, .read_ctx = (void *)text, .no_previous = true };
    compilation c;
    driver_run("/t.fisc", &o, &c);
    size_t n = diag_count(c.diags, DIAG_ERROR);
    arena_free(c.a);
    return n;
}

#define HEAD "budget \"x\" {\n    year 2022\n}\ntable t \"t\" {\n    columns {\n        a\n    }\n    rows {\n"
#define TAIL "    }\n}\n"

static void expect(const char *src, const char *fixed, const char *title)
{
    char got_title[256];
    char *got = fix_of(src, got_title, sizeof got_title);
    assert_non_null(got);
    assert_string_equal(got, fixed);
    assert_string_equal(got_title, title);
    assert_int_equal(errors_in(got), 0);
    free(got);
}

static void test_fullwidth_digits(void **state)
{
    (void)state;
    expect(HEAD "        x = ７，４４０\n" TAIL, HEAD "        x = 7,440\n" TAIL, "replace '７，４４０' with '7,440'");
}

static void test_fullwidth_equals(void **state)
{
    (void)state;
    expect(HEAD "        x ＝ 5\n" TAIL, HEAD "        x = 5\n" TAIL, "replace '＝' with '='");
}

static void test_fullwidth_minus(void **state)
{
    (void)state;
    expect(HEAD "        x = −5\n" TAIL, HEAD "        x = -5\n" TAIL, "replace '−' with '-'");
}

static void test_fullwidth_rate(void **state)
{
    (void)state;
    expect("budget \"x\" {\n    year 2022\n}\nnarrative n {\n    x = 5 change 1 （25%）\n}\n",
           "budget \"x\" {\n    year 2022\n}\nnarrative n {\n    x = 5 change 1 (25%)\n}\n",
           "replace '（25%）' with '(25%)'");
}

static void test_invisible_in_name(void **state)
{
    (void)state;
    expect(HEAD "        培训\u200B支出 = 5\n" TAIL, HEAD "        培训支出 = 5\n" TAIL, "delete the invisible U+200B");
}

static void test_quote_column_label(void **state)
{
    (void)state;
    expect("budget \"x\" {\n    year 2022\n}\ntable t \"t\" {\n    columns {\n        2022年预算数\n    }\n"
           "    rows {\n        x = 5\n    }\n}\n",
           "budget \"x\" {\n    year 2022\n}\ntable t \"t\" {\n    columns {\n        \"2022年预算数\"\n    }\n"
           "    rows {\n        x = 5\n    }\n}\n",
           "quote the label: \"2022年预算数\"");
}

/* "did you mean": the nearest name is written in place of the typo */
static void test_did_you_mean_line(void **state)
{
    (void)state;
    expect(HEAD "        合计 = 5\n" TAIL "check t[合记] == 5\n", HEAD "        合计 = 5\n" TAIL "check t[合计] == 5\n",
           "change to 合计");
}

static void test_did_you_mean_quoted_line(void **state)
{
    (void)state;
    expect(HEAD "        \"基本 支出\" = 5\n" TAIL "check t[基本支出] == 5\n",
           HEAD "        \"基本 支出\" = 5\n" TAIL "check t[\"基本 支出\"] == 5\n", "change to \"基本 支出\"");
}

static void test_did_you_mean_code(void **state)
{
    (void)state;
    expect(HEAD "        2050803 培训支出 = 5\n" TAIL "check t[2050830] == 5\n",
           HEAD "        2050803 培训支出 = 5\n" TAIL "check t[2050803] == 5\n", "change to 2050803");
}

static void test_did_you_mean_table_and_unit(void **state)
{
    (void)state;
    expect(HEAD "        x = 5\n" TAIL "check tt[x] == 5\n", HEAD "        x = 5\n" TAIL "check t[x] == 5\n",
           "change to t");
    expect(HEAD "        x = 5 万圆\n" TAIL, HEAD "        x = 5 万元\n" TAIL, "change to 万元");
}

/* a '{' left open: closed after its block's last line, at its indentation */
static void test_close_block(void **state)
{
    (void)state;
    expect("budget \"x\" {\n    year 2022\n}\ntable t \"t\" {\n    columns {\n        a\n\n    rows {\n"
           "        x = 5\n    }\n}\n",
           "budget \"x\" {\n    year 2022\n}\ntable t \"t\" {\n    columns {\n        a\n    }\n\n    rows {\n"
           "        x = 5\n    }\n}\n",
           "close the block after line 6");
    expect("budget \"x\" {\n    year 2022\n}\ntable t \"t\" {\n    columns {\n        a\n    }\n    rows {\n"
           "        x = 5\n    }",
           "budget \"x\" {\n    year 2022\n}\ntable t \"t\" {\n    columns {\n        a\n    }\n    rows {\n"
           "        x = 5\n    }\n}\n",
           "close the block at the end of the file");
}

/* a label that must be quoted; a keyword misspelt */
static void test_quote_and_keyword(void **state)
{
    (void)state;
    expect(HEAD "        政府办公厅(室) = 5\n" TAIL, HEAD "        \"政府办公厅(室)\" = 5\n" TAIL,
           "quote the label: \"政府办公厅(室)\"");
    expect("budget \"x\" {\n    yaer 2022\n}\n", "budget \"x\" {\n    year 2022\n}\n", "change to year");
}

/* A failing identity may be acknowledged as a published discrepancy:
 * known "原文如此：" after the line's last figure (before its block), after
 * a rate's ')', or at the end of the check.  It fixes nothing, so it is
 * offered, never preferred (struct diag_fix.acknowledge). */
static void test_known_on_line(void **state)
{
    (void)state;
    expect(HEAD "        合计 = 10 {\n            甲 = 4\n        }\n" TAIL,
           HEAD "        合计 = 10 known \"原文如此：\" {\n            甲 = 4\n        }\n" TAIL,
           "acknowledge a published discrepancy: known \"原文如此：…\"");
    expect("budget \"x\" {\n    year 2022\n}\nnarrative n {\n    x = 500 change 100 (40%) // 原文\n}\n",
           "budget \"x\" {\n    year 2022\n}\nnarrative n {\n    x = 500 change 100 (40%) known \"原文如此：\" // 原文\n}\n",
           "acknowledge a published discrepancy: known \"原文如此：…\"");
}

static void test_known_on_check(void **state)
{
    (void)state;
    expect(HEAD "        合计 = 5\n" TAIL "check t[合计] == 6\n",
           HEAD "        合计 = 5\n" TAIL "check t[合计] == 6 known \"原文如此：\"\n",
           "acknowledge a published discrepancy: known \"原文如此：…\"");
}

static void test_no_fix_when_none_applies(void **state)
{
    (void)state;
    char title[64];
    char *got = fix_of(HEAD "        x = 5 6\n" TAIL, title, sizeof title);
    assert_null(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fullwidth_digits),   cmocka_unit_test(test_fullwidth_equals),
        cmocka_unit_test(test_fullwidth_minus),    cmocka_unit_test(test_fullwidth_rate),
        cmocka_unit_test(test_invisible_in_name),  cmocka_unit_test(test_quote_column_label),
        cmocka_unit_test(test_did_you_mean_line),  cmocka_unit_test(test_did_you_mean_quoted_line),
        cmocka_unit_test(test_did_you_mean_code),  cmocka_unit_test(test_did_you_mean_table_and_unit),
        cmocka_unit_test(test_close_block),        cmocka_unit_test(test_quote_and_keyword),
        cmocka_unit_test(test_known_on_line),      cmocka_unit_test(test_known_on_check),
        cmocka_unit_test(test_no_fix_when_none_applies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_diag.c: diagnostic rendering, byte for byte.
 *
 * Each test builds a source in memory, adds diagnostics out of order and
 * compares diag_print's whole output with the text a user would see. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "diag.h"

static const char cjk_src[] =
    "budget \"龙岗\" year 2022\n"
    "2080109 社会保险经办机构 = 5,163 3,487\n";

/* Renders l with opt and returns the text (arena-owned). */
static char *render(arena *a, diag_list *l, const diag_options *opt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    diag_print(l, out, opt);
    fclose(out);
    char *copy = arena_strndup(a, buf, len);
    free(buf);
    return copy;
}

/* The span of the first occurrence of needle in f. */
static span find(const src_file *f, const char *needle)
{
    const char *p = strstr(f->text, needle);
    assert_non_null(p);
    uint32_t b = (uint32_t)(p - f->text);
    return (span){ f, b, b + (uint32_t)strlen(needle) };
}

static const diag_options plain = { false, 0, false, false };

static void test_cjk_caret(void **state)
{
    (void)state;
    arena *a = arena_new();
    src_file *f = src_from_memory(a, "t.fisc", cjk_src, sizeof cjk_src - 1);
    diag_list *l = diag_new(a);
    diag_add(l, DIAG_ERROR, find(f, "社会保险"), "naming", "bad name");
    diag_add(l, DIAG_WARNING, find(f, "5,163"), NULL, "within rounding");
    assert_string_equal(render(a, l, &plain),
        "t.fisc:2:9: error: bad name [naming]\n"
        "    2 | 2080109 社会保险经办机构 = 5,163 3,487\n"
        "      |         ^~~~~~~~\n"
        "t.fisc:2:20: warning: within rounding\n"
        "    2 | 2080109 社会保险经办机构 = 5,163 3,487\n"
        "      |                            ^~~~~\n");
    arena_free(a);
}

static void test_strict_and_notes(void **state)
{
    (void)state;
    arena *a = arena_new();
    src_file *f = src_from_memory(a, "t.fisc", cjk_src, sizeof cjk_src - 1);
    diag_list *l = diag_new(a);
    diag *d = diag_add(l, DIAG_WARNING, find(f, "3,487"), "footing",
                       "sum is %d", 3488);
    diag_note(l, d, find(f, "龙岗"), "declared here");
    diag_note(l, d, (span){ NULL, 0, 0 }, "tolerance is 1");
    diag_options strict = { false, 0, true, false };
    assert_int_equal(diag_failures(l, false), 0);
    assert_int_equal(diag_failures(l, true), 1);
    assert_string_equal(render(a, l, &strict),
        "t.fisc:2:26: error: sum is 3488 [footing]\n"
        "    2 | 2080109 社会保险经办机构 = 5,163 3,487\n"
        "      |                                  ^~~~~\n"
        "t.fisc:1:9: note: declared here\n"
        "    1 | budget \"龙岗\" year 2022\n"
        "      |         ^~~~\n"
        "fisc: note: tolerance is 1\n");
    arena_free(a);
}

static void test_sort_and_unlocated(void **state)
{
    (void)state;
    arena *a = arena_new();
    src_file *f = src_from_memory(a, "b.fisc", "x\ny\n", 4);
    src_file *g = src_from_memory(a, "a.fisc", "z\n", 2);
    diag_list *l = diag_new(a);
    diag_add(l, DIAG_ERROR, (span){ f, 2, 3 }, NULL, "b2 first");
    diag_add(l, DIAG_ERROR, (span){ g, 0, 1 }, NULL, "a1");
    diag_add(l, DIAG_ERROR, (span){ f, 0, 1 }, NULL, "b1");
    diag_add(l, DIAG_ERROR, (span){ f, 2, 3 }, NULL, "b2 second");
    diag_add(l, DIAG_ERROR, (span){ NULL, 0, 0 }, "io", "cannot write");
    diag_sort(l);
    const char *want[] = { "cannot write", "b1", "b2 first", "b2 second", "a1" };
    assert_int_equal(diag_size(l), 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(diag_at(l, i)->msg, want[i]);
    char *out = render(a, l, &plain);
    assert_memory_equal(out, "fisc: error: cannot write [io]\nb.fisc:1:1: error: b1\n",
                        strlen("fisc: error: cannot write [io]\nb.fisc:1:1: error: b1\n"));
    arena_free(a);
}

static void test_dedupe(void **state)
{
    (void)state;
    arena *a = arena_new();
    src_file *f = src_from_memory(a, "t.fisc", "a = 1,2\n", 8);
    diag_list *l = diag_new(a);
    /* A "syntax error" at the spot of an earlier error is dropped. */
    diag_add(l, DIAG_ERROR, (span){ f, 4, 7 }, NULL, "malformed thousands separator in '1,2'");
    diag_add(l, DIAG_ERROR, (span){ f, 4, 7 }, NULL, "syntax error, unexpected number")->syntax = true;
    diag_add(l, DIAG_WARNING, (span){ f, 0, 1 }, NULL, "unused");
    diag_add(l, DIAG_ERROR, (span){ f, 0, 1 }, NULL, "syntax error, kept: only a warning before")->syntax = true;
    assert_string_equal(render(a, l, &plain),
        "t.fisc:1:1: warning: unused\n"
        "    1 | a = 1,2\n"
        "      | ^\n"
        "t.fisc:1:1: error: syntax error, kept: only a warning before\n"
        "    1 | a = 1,2\n"
        "      | ^\n"
        "t.fisc:1:5: error: malformed thousands separator in '1,2'\n"
        "    1 | a = 1,2\n"
        "      |     ^~~\n");
    assert_int_equal(diag_size(l), 3);
    /* Only the later one is dropped, and only when it is the parser's. */
    l = diag_new(a);
    diag_add(l, DIAG_ERROR, (span){ f, 4, 7 }, NULL, "syntax error, unexpected number")->syntax = true;
    diag_add(l, DIAG_ERROR, (span){ f, 4, 7 }, NULL, "malformed thousands separator in '1,2'");
    diag_add(l, DIAG_ERROR, (span){ f, 4, 7 }, NULL, "syntax error, again")->syntax = true;
    /* a message that merely reads like one is not the parser's */
    diag_add(l, DIAG_ERROR, (span){ f, 4, 7 }, NULL, "syntax error, not the parser's");
    render(a, l, &plain);
    assert_string_equal(diag_at(l, 0)->msg, "syntax error, unexpected number");
    assert_string_equal(diag_at(l, 1)->msg, "malformed thousands separator in '1,2'");
    assert_string_equal(diag_at(l, 2)->msg, "syntax error, not the parser's");
    assert_int_equal(diag_size(l), 3);
    arena_free(a);
}

static void test_cap(void **state)
{
    (void)state;
    arena *a = arena_new();
    src_file *f = src_from_memory(a, "t.fisc", "abcdef", 6);
    diag_list *l = diag_new(a);
    for (uint32_t i = 0; i < 5; i++)
        diag_add(l, DIAG_ERROR, (span){ f, i, i }, NULL, "e%u", (unsigned)i);
    diag_add(l, DIAG_WARNING, (span){ f, 5, 6 }, NULL, "w");
    diag_options cap = { false, 2, false, false };
    assert_string_equal(render(a, l, &cap),
        "t.fisc:1:1: error: e0\n"
        "    1 | abcdef\n"
        "      | ^\n"
        "t.fisc:1:2: error: e1\n"
        "    1 | abcdef\n"
        "      |  ^\n"
        "fisc: 3 more errors not shown (raise the limit with --max-errors=N, 0 for no limit)\n");
    arena_free(a);
}

static void test_kept_limit(void **state)
{
    (void)state;
    arena *a = arena_new();
    diag_list *l = diag_new(a);
    /* Unlocated, so the rendering is one line each. */
    for (unsigned i = 0; i < DIAG_MAX_KEPT; i++)
        diag_add(l, DIAG_ERROR, (span){ NULL, 0, 0 }, NULL, "e%u", i);
    diag *past = diag_add(l, DIAG_ERROR, (span){ NULL, 0, 0 }, NULL, "past");
    diag_note(l, past, (span){ NULL, 0, 0 }, "dropped with it");
    for (unsigned i = 0; i < 3; i++)
        diag_add(l, DIAG_WARNING, (span){ NULL, 0, 0 }, "footing", "w");
    diag_add(l, DIAG_WARNING, (span){ NULL, 0, 0 }, "identity", "w");
    assert_int_equal(diag_size(l), DIAG_MAX_KEPT);
    assert_int_equal(diag_count(l, DIAG_ERROR), DIAG_MAX_KEPT + 1);
    assert_int_equal(diag_count(l, DIAG_WARNING), 4);
    assert_int_equal(diag_dropped(l, DIAG_ERROR), 1);
    assert_int_equal(diag_failures(l, true), DIAG_MAX_KEPT + 5);
    /* The -W policy reaches the warnings that were only counted. */
    const char *silenced[] = { "identity" }, *promoted[] = { "footing" };
    diag_apply_policy(l, silenced, 1, promoted, 1);
    assert_int_equal(diag_count(l, DIAG_ERROR), DIAG_MAX_KEPT + 4);
    assert_int_equal(diag_count(l, DIAG_WARNING), 0);
    const char *out = render(a, l, &plain);
    const char *tail = "fisc: error: e9999\n"
                       "fisc: 4 more errors not kept (fisc keeps the first 10000 diagnostics of a file; "
                       "fix these first)\n";
    assert_true(strlen(out) > strlen(tail));
    assert_string_equal(out + strlen(out) - strlen(tail), tail);
    assert_null(strstr(out, "past"));
    /* Under a --max-errors cap the count includes them. */
    diag_options cap = { false, 1, false, false };
    assert_non_null(strstr(render(a, l, &cap), "fisc: 10003 more errors not shown"));
    arena_free(a);
}

static void test_color(void **state)
{
    (void)state;
    arena *a = arena_new();
    src_file *f = src_from_memory(a, "t.fisc", "ab\n", 3);
    diag_list *l = diag_new(a);
    diag_add(l, DIAG_ERROR, (span){ f, 1, 2 }, "c", "m");
    diag_options color = { true, 0, false, false };
    assert_string_equal(render(a, l, &color),
        "\033[1mt.fisc:1:2:\033[0m \033[1;31merror\033[0m: m [c]\n"
        "    1 | ab\n"
        "      |  \033[1;32m^\033[0m\n");
    /* A memstream is never a terminal, NO_COLOR or not. */
    FILE *mem = tmpfile();
    assert_non_null(mem);
    setenv("NO_COLOR", "", 1);
    assert_false(diag_want_color(mem));
    setenv("NO_COLOR", "1", 1);
    assert_false(diag_want_color(mem));
    unsetenv("NO_COLOR");
    fclose(mem);
    arena_free(a);
}

static void test_edges(void **state)
{
    (void)state;
    arena *a = arena_new();
    /* CRLF, a span running past its line, a tab, end of input, a wide
     * gutter. */
    src_file *f = src_from_memory(a, "t.fisc", "a\tbc\r\nnext", 10);
    diag_list *l = diag_new(a);
    diag_add(l, DIAG_ERROR, (span){ f, 2, 9 }, NULL, "long");
    diag_add(l, DIAG_ERROR, (span){ f, 11, 11 }, NULL, "end");
    assert_string_equal(render(a, l, &plain),
        "t.fisc:1:3: error: long\n"
        "    1 | a\tbc\n"
        "      |  \t^~\n"
        "t.fisc:2:5: error: end\n"
        "    2 | next\n"
        "      |     ^\n");

    size_t n = 123456;
    char *big = arena_alloc(a, n * 2);
    for (size_t i = 0; i < n; i++)
        big[2 * i] = 'x', big[2 * i + 1] = '\n';
    src_file *g = src_from_memory(a, "big.fisc", big, n * 2);
    l = diag_new(a);
    diag_add(l, DIAG_ERROR, (span){ g, (uint32_t)(2 * (n - 1)), (uint32_t)(2 * n - 1) },
             NULL, "far");
    assert_string_equal(render(a, l, &plain),
        "big.fisc:123456:1: error: far\n"
        "123456 | x\n"
        "       | ^\n");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cjk_caret),
        cmocka_unit_test(test_strict_and_notes),
        cmocka_unit_test(test_sort_and_unlocated),
        cmocka_unit_test(test_dedupe),
        cmocka_unit_test(test_cap),
        cmocka_unit_test(test_kept_limit),
        cmocka_unit_test(test_color),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

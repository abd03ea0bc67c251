/* test_source.c: loading, line/column mapping and display width. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "source.h"

static void test_sentinel(void **state)
{
    (void)state;
    arena *a = arena_new();
    src_file *f = src_from_memory(a, "e", "", 0);
    assert_int_equal(f->len, 1);
    assert_int_equal(f->orig_len, 0);
    assert_string_equal(f->text, "\n");
    assert_int_equal(f->nlines, 1);
    f = src_from_memory(a, "x", "a\nb\n", 4);
    assert_int_equal(f->len, 4);
    assert_int_equal(f->nlines, 2);
    assert_int_equal(f->text[4], '\0');
    f = src_from_memory(a, "x", "a\nb", 3);
    assert_string_equal(f->text, "a\nb\n");
    assert_int_equal(f->line_starts[1], 2);
    arena_free(a);
}

static void test_linecol(void **state)
{
    (void)state;
    arena *a = arena_new();
    const char *s = "ab\n社保 = 1\r\n\xff\xfe x\n";
    src_file *f = src_from_memory(a, "x", s, strlen(s));
    unsigned line, col;
    src_linecol(f, 0, &line, &col);
    assert_int_equal(line, 1); assert_int_equal(col, 1);
    src_linecol(f, 2, &line, &col);     /* the newline itself */
    assert_int_equal(line, 1); assert_int_equal(col, 3);
    src_linecol(f, 3 + 6 + 1, &line, &col);     /* '=' after two CJK */
    assert_int_equal(line, 2); assert_int_equal(col, 4);
    uint32_t x = (uint32_t)(strchr(s, 'x') - s);
    src_linecol(f, x, &line, &col);     /* two invalid bytes, a space */
    assert_int_equal(line, 3); assert_int_equal(col, 4);
    src_linecol(f, 10000, &line, &col); /* clamped to the end */
    assert_int_equal(line, 3); assert_int_equal(col, 5);

    size_t len;
    const char *l2 = src_line(f, 2, &len);
    assert_int_equal(len, strlen("社保 = 1"));
    assert_memory_equal(l2, "社保 = 1", len);
    src_line(f, 1, &len);
    assert_int_equal(len, 2);
    arena_free(a);
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(src_display_width("abc", 3), 3);
    assert_int_equal(src_display_width("社会保险", strlen("社会保险")), 8);
    assert_int_equal(src_display_width("（１）", strlen("（１）")), 6);  /* fullwidth */
    assert_int_equal(src_display_width("e\xcc\x81", 3), 1);          /* combining */
    assert_int_equal(src_display_width("\xe2\x80\x8b", 3), 0);       /* ZWSP */
    assert_int_equal(src_display_width("\xff\xe4\xb8", 3), 3);        /* invalid */
    assert_int_equal(src_display_width("\xf0\xa0\x80\x80", 4), 2);    /* U+20000 */
    assert_int_equal(src_display_width("\xe3\x80\xbf", 3), 1);        /* U+303F */
    assert_int_equal(src_display_width("\xed\xa0\x80", 3), 3);        /* surrogate */
    assert_int_equal(src_display_width("\xc0\x80", 2), 2);            /* overlong */
    assert_int_equal(src_display_width("\t", 1), 1);
}

static void test_load(void **state)
{
    (void)state;
    arena *a = arena_new();
    const char *err = NULL;
    assert_null(src_load(a, "/nonexistent/fisc-test", &err));
    assert_non_null(err);
    err = NULL;
    assert_null(src_load(a, "/", &err));        /* a directory */
    assert_non_null(err);

    char path[] = "/tmp/fisc-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "x = 1\r\ny", 8), 8);
    close(fd);
    src_file *f = src_load(a, path, &err);
    unlink(path);
    assert_non_null(f);
    assert_int_equal(f->orig_len, 8);
    assert_string_equal(f->text, "x = 1\r\ny\n");
    assert_string_equal(f->path, path);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentinel),
        cmocka_unit_test(test_linecol),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_suggest.c: "did you mean" (suggest.h).
 *
 * Distances count code points, not bytes, and see full-width and ASCII
 * punctuation as one; neighbours swapped cost one edit; a short label is
 * suggested one edit away only, a long one within a sixth of its length;
 * codes are suggested one digit away, the longest shared prefix first,
 * and never across a swap of far digits (20508 / 20805); a name is never
 * suggested for itself, nor a code for a label or a label for a code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "label.h"
#include "suggest.h"

/* The suggestion for want among the NULL-terminated names, or NULL. */
static const char *best(const char *want, const char *const *names)
{
    suggest s;
    suggest_init(&s, want);
    for (; *names; names++)
        suggest_offer(&s, *names);
    return suggest_best(&s);
}

static unsigned dist(const char *a, const char *b)
{
    uint32_t x[SUGGEST_MAX_POINTS], y[SUGGEST_MAX_POINTS];
    size_t nx = label_key_points(a, x, SUGGEST_MAX_POINTS), ny = label_key_points(b, y, SUGGEST_MAX_POINTS);
    return suggest_distance(x, nx, y, ny, 10);
}

static void test_distance_in_code_points(void **state)
{
    (void)state;
    assert_int_equal(dist("合记", "合计"), 1);                 /* one character, three bytes */
    assert_int_equal(dist("本年支出总计", "本年支出合计"), 1);
    assert_int_equal(dist("维修(护）费", "维修（护）费"), 0);   /* full-width and ASCII are one */
    assert_int_equal(dist("“三公”经费", "\"三公\"经费"), 0);
    assert_int_equal(dist("支出功能分类", "支出经济分类"), 2);
    assert_int_equal(dist("ab", "ba"), 1);                     /* a swap of neighbours */
    assert_int_equal(dist("20508", "20805"), 2);               /* far digits swapped: two */
    assert_int_equal(dist("", "abc"), 3);
    assert_int_equal(dist("kitten", "sitting"), 3);
}

static void test_distance_cut_off(void **state)
{
    (void)state;
    uint32_t a[] = { 1, 2, 3, 4, 5, 6 }, b[] = { 7, 8, 9, 10, 11, 12 };
    assert_int_equal(suggest_distance(a, 6, b, 6, 2), 3);      /* limit + 1 */
    assert_int_equal(suggest_distance(a, 6, b, 1, 2), 3);      /* by length alone */
}

static void test_labels(void **state)
{
    (void)state;
    const char *const rows[] = { "本年收入合计", "合计", "本年支出合计", "人员支出", NULL };
    assert_string_equal(best("合记", rows), "合计");
    assert_string_equal(best("本年支出总计", rows), "本年支出合计");
    assert_string_equal(best("人员支处", rows), "人员支出");
    assert_null(best("公用支出", rows));                      /* two edits from 人员支出 */
    assert_null(best("合计", rows));                          /* itself: nothing to suggest */
    const char *const cls[] = { "支出功能分类", NULL };
    assert_null(best("支出经济分类", cls));                   /* another word, not a typo */
    assert_string_equal(best("支出功能分", cls), "支出功能分类");
    const char *const one[] = { "乙", NULL };
    assert_null(best("甲", one));                              /* nothing of it would stay */
    const char *const longer[] = { "一般公共预算财政拨款支出表（按功能分类）", NULL };
    assert_string_equal(best("一般公共预算财政拔款支出表(按功能分类", longer), longer[0]);   /* 2 edits of 19 */
}

static void test_codes(void **state)
{
    (void)state;
    const char *const codes[] = { "20508", "2050803", "20806", "20815", "205", NULL };
    assert_string_equal(best("20509", codes), "20508");
    assert_string_equal(best("2050830", codes), "2050803");   /* neighbours swapped */
    assert_string_equal(best("20805", codes), "20806");       /* 2080 shared beats 208 */
    const char *const far[] = { "20508", NULL };
    assert_null(best("20805", far));                           /* the 类 differs */
    const char *const labels[] = { "甲", "2050", NULL };
    assert_null(best("20", labels));                           /* "2050" is two away; 甲 is no code */
    const char *const mixed[] = { "205x", NULL };
    assert_null(best("2050", mixed));                          /* a label is not offered for a code */
}

static void test_too_long(void **state)
{
    (void)state;
    char want[3 * SUGGEST_MAX_POINTS + 4], other[3 * SUGGEST_MAX_POINTS + 4];
    memset(want, 'a', SUGGEST_MAX_POINTS + 1);
    want[SUGGEST_MAX_POINTS + 1] = '\0';
    memcpy(other, want, sizeof want);
    other[0] = 'b';
    const char *const names[] = { other, NULL };
    assert_null(best(want, names));
    suggest s;
    suggest_init(&s, "ab");
    suggest_offer(&s, NULL);
    assert_null(suggest_best(&s));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance_in_code_points), cmocka_unit_test(test_distance_cut_off),
        cmocka_unit_test(test_labels), cmocka_unit_test(test_codes), cmocka_unit_test(test_too_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_label.c: when two labels are the same label (label.h).
 *
 * Full-width punctuation and its ASCII twin are one label, both ways and
 * mixed; what has no twin (、 。 Chinese text) and what is merely similar
 * (‚ U+201A, U+FF5F past the block) stays itself; the key is interned
 * once, is the label itself when nothing folds, and hashes alike with
 * every spelling; truncated sequences at the end are left alone. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "label.h"

static void test_same(void **state)
{
    (void)state;
    assert_true(label_same("维修（护）费", "维修(护)费"));
    assert_true(label_same("维修(护)费", "维修（护）费"));
    assert_true(label_same("“三公”经费", "\"三公\"经费"));
    assert_true(label_same("‘甲’", "'甲'"));
    assert_true(label_same("一、政府预算拨款：小计", "一、政府预算拨款:小计"));
    assert_true(label_same("ＡＢＣ１２３", "ABC123"));
    assert_true(label_same("上海市　XX局", "上海市 XX局"));         /* U+3000 */
    assert_true(label_same("项目～", "项目~"));                       /* U+FF5E, the block's last */
    assert_true(label_same(NULL, NULL));
    assert_false(label_same("维修（护）费", NULL));
    assert_false(label_same("一、", "一,"));                          /* 、 has no ASCII twin */
    assert_false(label_same("甲‚", "甲,"));                          /* U+201A is not a comma */
    assert_false(label_same("甲｟", "甲("));                          /* U+FF5F is past the block */
    assert_false(label_same("维修（护）费", "维修(护)"));
    assert_false(label_same("Abc", "abc"));                           /* case is kept */
    /* a truncated sequence at the end compares as its bytes */
    assert_true(label_same("a\xEF\xBC", "a\xEF\xBC"));
    assert_false(label_same("a\xEF\xBC", "a("));
}

static void test_key(void **state)
{
    (void)state;
    arena *a = arena_new();
    strtab *names = strtab_new(a);
    const char *plain = strtab_intern(names, "教育支出", strlen("教育支出"));
    assert_ptr_equal(label_key(names, plain), plain);   /* nothing folds: itself */
    const char *wide = strtab_intern(names, "维修（护）费", strlen("维修（护）费"));
    const char *ascii = strtab_intern(names, "维修(护)费", strlen("维修(护)费"));
    assert_ptr_equal(label_key(names, wide), ascii);
    assert_ptr_equal(label_key(names, ascii), ascii);
    assert_null(label_key(names, NULL));
    /* longer than the key's stack buffer */
    char big[1200] = "";
    for (int i = 0; i < 100; i++)
        strcat(big, "（费）");
    const char *k = label_key(names, strtab_intern(names, big, strlen(big)));
    assert_int_equal(strlen(k), 500);   /* "(费)" a hundred times */
    assert_true(label_same(k, big));
    arena_free(a);
}

static void test_hash(void **state)
{
    (void)state;
    assert_int_equal(label_hash("维修（护）费"), label_hash("维修(护)费"));
    assert_int_equal(label_hash("“三公”"), label_hash("\"三公\""));
    assert_int_equal(label_hash(NULL), label_hash(""));
    assert_int_not_equal(label_hash("甲"), label_hash("乙"));
}

/* A numbered list's ordinal is dropped; nothing else is. */
static void test_unnumbered(void **state)
{
    (void)state;
    assert_string_equal(label_unnumbered("一、一般公共服务支出"), "一般公共服务支出");
    assert_string_equal(label_unnumbered("二十六、抗疫特别国债安排的支出"), "抗疫特别国债安排的支出");
    assert_string_equal(label_unnumbered("（一）财政拨款"), "财政拨款");
    assert_string_equal(label_unnumbered("(十二)其他"), "其他");
    assert_string_equal(label_unnumbered("1、基本工资"), "基本工资");
    assert_string_equal(label_unnumbered("12.其他"), "其他");
    assert_string_equal(label_unnumbered("一般公共服务支出"), "一般公共服务支出");
    assert_string_equal(label_unnumbered("一、"), "一、");              /* nothing after it */
    assert_string_equal(label_unnumbered("一般"), "一般");              /* 一 not followed by 、 */
    assert_string_equal(label_unnumbered("（一般）"), "（一般）");
    assert_string_equal(label_unnumbered("三公经费"), "三公经费");
    assert_string_equal(label_unnumbered("2021年"), "2021年");
    assert_null(label_unnumbered(NULL));
}

/* The number an ordinal writes, and its style. */
static void test_ordinal(void **state)
{
    (void)state;
    unsigned v;
    int st;
    assert_string_equal(label_ordinal("一、甲", &v, &st), "甲");
    assert_int_equal(v, 1);
    assert_int_equal(st, LABEL_ORD_COMMA);
    label_ordinal("十、甲", &v, &st);
    assert_int_equal(v, 10);
    label_ordinal("十二、甲", &v, &st);
    assert_int_equal(v, 12);
    label_ordinal("二十、甲", &v, &st);
    assert_int_equal(v, 20);
    label_ordinal("二十六、甲", &v, &st);
    assert_int_equal(v, 26);
    label_ordinal("（三）甲", &v, &st);
    assert_int_equal(v, 3);
    assert_int_equal(st, LABEL_ORD_PAREN);
    label_ordinal("12.甲", &v, &st);
    assert_int_equal(v, 12);
    assert_int_equal(st, LABEL_ORD_DIGITS);
    label_ordinal("(4)甲", &v, &st);
    assert_int_equal(v, 4);
    assert_int_equal(st, LABEL_ORD_PAREN_DIGITS);
    assert_string_equal(label_ordinal("一百零一、甲", &v, &st), "甲");   /* stripped, past 99 */
    assert_int_equal(v, 0);
    assert_string_equal(label_ordinal("甲", &v, &st), "甲");
    assert_int_equal(v, 0);
    assert_int_equal(st, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same),
        cmocka_unit_test(test_key),
        cmocka_unit_test(test_hash),
        cmocka_unit_test(test_unnumbered),
        cmocka_unit_test(test_ordinal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_present.c: how fisc shows things.
 *
 * Each writer of text fisc did not write itself runs into an
 * open_memstream buffer and the exact bytes are compared: escapes for a
 * terminal, CSV quoting and formula disarming, lossless JSON escapes.
 * Amounts and units: grouping, signs, and the unit a value is shown in. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "present.h"
#include "source.h"

typedef enum { W_TEXT, W_FIELD, W_LINES, W_CSV, W_JSON, W_HTML } writer;

/* Runs writer w on in[0..n) and asserts the output is want. */
static void expect_n(writer w, const char *in, size_t n, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    switch (w) {
    case W_TEXT: present_text(f, in, n, 0); break;
    case W_FIELD: present_text(f, in, n, PRESENT_FIELD); break;
    case W_LINES: present_text(f, in, n, PRESENT_KEEP_LINES); break;
    case W_CSV: present_csv_text(f, in, n); break;
    case W_JSON: present_json_string(f, in); break;
    case W_HTML: present_html(f, in); break;
    }
    fclose(f);
    assert_string_equal(buf, want);
    assert_int_equal(len, strlen(want));
    free(buf);
}

static void expect(writer w, const char *in, const char *want)
{
    expect_n(w, in, in ? strlen(in) : 0, want);
}

static void test_unsafe(void **state)
{
    (void)state;
    long unsafe[] = { 0, 0x07, 0x09, 0x0A, 0x1B, 0x7F, 0x80, 0x85, 0x9B, 0x9F, 0xAD, 0x34F, 0x61C,
                      0x115F, 0x1160, 0x180E, 0x200B, 0x200E, 0x202E, 0x2028, 0x2029, 0x2066,
                      0x3164, 0xFE0F, 0xFEFF, 0xFFA0, 0xE0001, 0xE0041, 0xE01EF, -1 };
    for (size_t i = 0; i < sizeof unsafe / sizeof *unsafe; i++)
        assert_true(present_unsafe(unsafe[i]));
    long safe[] = { ' ', 'a', '~', 0xA0, 0xA9, 0x4E00, 0x3000, 0x2800, 0xFF08, 0x1F600, 0xE1000, 0x10FFFF };
    for (size_t i = 0; i < sizeof safe / sizeof *safe; i++)
        assert_false(present_unsafe(safe[i]));
    /* Bidi_Control is the exact PropList set. */
    assert_true(src_bidi_control(0x061C));
    assert_true(src_bidi_control(0x2069));
    assert_false(src_bidi_control(0x200B));
    assert_false(src_bidi_control(0x206A));
}

static void test_text(void **state)
{
    (void)state;
    expect(W_TEXT, "", "");
    expect(W_TEXT, "工资福利支出", "工资福利支出");
    /* ESC, BEL: an OSC title sequence arrives as plain characters. */
    expect(W_TEXT, "x\033]0;pwned\007y", "x\\x1b]0;pwned\\x07y");
    expect(W_TEXT, "a\tb\nc\rd", "a\\tb\\nc\\rd");
    expect(W_TEXT, "del\x7f", "del\\x7f");
    expect(W_TEXT, "c1\xc2\x9b" "31m", "c1\\u{9b}31m");                   /* CSI */
    expect(W_TEXT, "rlo\xe2\x80\xae" "txt", "rlo\\u{202e}txt");             /* U+202E */
    expect(W_TEXT, "tag\xf3\xa0\x81\x81", "tag\\u{e0041}");                 /* U+E0041 */
    expect(W_TEXT, "bad\xff\xfe", "bad\\xff\\xfe");
    expect(W_TEXT, "back\\slash", "back\\slash");
    expect_n(W_TEXT, "nul\0x", 5, "nul\\x00x");
    /* As a field, the escapes read back unambiguously. */
    expect(W_FIELD, "a\\tb\tc", "a\\\\tb\\tc");
    /* A whole file: its lines and tabs stay, a lone CR does not. */
    expect(W_LINES, "a\tb\r\nc\rd\n\033", "a\tb\r\nc\\rd\n\\x1b");
}

static void test_csv_quoting(void **state)
{
    (void)state;
    expect(W_CSV, "", "");
    expect(W_CSV, "工资福利支出", "工资福利支出");
    expect(W_CSV, "a,b", "\"a,b\"");
    expect(W_CSV, "他说\"好\"", "\"他说\"\"好\"\"\"");
    expect(W_CSV, "\"", "\"\"\"\"");
    expect(W_CSV, "line1\nline2", "\"line1\nline2\"");
    expect(W_CSV, "crlf\r\n", "\"crlf\r\n\"");
    expect(W_CSV, " spaced ", " spaced ");
    expect(W_CSV, "semi;colon", "semi;colon");
    /* Controls that are no part of CSV's syntax are escaped. */
    expect(W_CSV, "esc\033[2J", "esc\\x1b[2J");
    expect_n(W_CSV, "a\0,b", 4, "\"a\\x00,b\"");
}

static void test_csv_formulas(void **state)
{
    (void)state;
    expect(W_CSV, "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    expect(W_CSV, "=1+1", "'=1+1");
    expect(W_CSV, "+cmd", "'+cmd");
    expect(W_CSV, "-2+3", "'-2+3");
    expect(W_CSV, "@SUM(A1)", "'@SUM(A1)");
    expect(W_CSV, "\tx", "'\tx");
    expect(W_CSV, "\r=x", "\"'\\r=x\"");
    expect(W_CSV, "-", "'-");
    /* Plain numbers stay numbers. */
    expect(W_CSV, "-36", "-36");
    expect(W_CSV, "+111", "+111");
    expect(W_CSV, "-4.5%", "-4.5%");
    expect(W_CSV, "-1,234.5", "\"-1,234.5\"");
    expect(W_CSV, "-1.", "'-1.");
    expect(W_CSV, "-,1", "\"'-,1\"");
    /* Only the first character counts. */
    expect(W_CSV, "a=b", "a=b");
    expect(W_CSV, "＝1", "＝1");
}

static void test_json(void **state)
{
    (void)state;
    expect(W_JSON, NULL, "null");
    expect(W_JSON, "", "\"\"");
    expect(W_JSON, "工资", "\"工资\"");
    expect(W_JSON, "q\"b\\", "\"q\\\"b\\\\\"");
    expect(W_JSON, "a\tb\nc\rd\001\033", "\"a\\tb\\nc\\rd\\u0001\\u001b\"");
    expect(W_JSON, "del\x7f c1\xc2\x85", "\"del\\u007f c1\\u0085\"");
    expect(W_JSON, "\xe2\x80\xae\xe2\x80\xa8", "\"\\u202e\\u2028\"");
    expect(W_JSON, "tag\xf3\xa0\x81\x81", "\"tag\\udb40\\udc41\"");          /* U+E0041 */
    expect(W_JSON, "bad\xff", "\"bad\\ufffd\"");
    expect(W_JSON, "😀", "\"😀\"");
}

static void test_printf(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    present_printf(f, "fisc: cannot read '%s': %s\n", "a\033[2Jb", "gone");
    /* Longer than the function's own buffer. */
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    big[1000] = '\007';
    present_printf(f, "[%s]\n", big);
    fclose(f);
    const char *want = "fisc: cannot read 'a\\x1b[2Jb': gone\n[";
    assert_memory_equal(buf, want, strlen(want));
    assert_non_null(strstr(buf, "xx\\x07xx"));
    assert_null(strchr(buf, '\033'));
    assert_null(strchr(buf, '\007'));
    assert_int_equal(len, strlen(want) + 1998 + 4 + 2);     /* x..., "\\x07", "]\\n" */
    free(buf);
}

static void expect_number(const char *plain, unsigned flags, const char *want)
{
    char out[PRESENT_NUMBER_SIZE(64)];
    size_t n = present_number(plain, strlen(plain), flags, out);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
}

static void test_amounts(void **state)
{
    (void)state;
    expect_number("0", 0, "0");
    expect_number("999", 0, "999");
    expect_number("1000", 0, "1,000");
    expect_number("1234567.891", 0, "1,234,567.891");
    expect_number("-5399", 0, "-5,399");
    expect_number("-5399", PRESENT_MINUS, "\xE2\x88\x92" "5,399");
    expect_number("274", PRESENT_PLUS, "+274");
    expect_number("-274", PRESENT_PLUS | PRESENT_MINUS, "\xE2\x88\x92" "274");
    expect_number("57.14", PRESENT_PLUS, "+57.14");
    char buf[PRESENT_AMOUNT_MAX];
    /* 96,282,213.44 元 in 万元: exact, the fewest decimals that show it */
    present_amount((dec)962822134400, 4, 0, buf);
    assert_string_equal(buf, "9,628.221344");
    present_amount(INT64_MIN, 0, 0, buf);
    assert_string_equal(buf, "-922,337,203,685,477.5808");
    arena *a = arena_new();
    assert_string_equal(present_amount_str(a, -12345 * (dec)10000, 0), "-12,345");
    arena_free(a);
}

static void test_units(void **state)
{
    (void)state;
    const unit_info *yuan = unit_lookup("元", strlen("元")), *wan = unit_lookup("万元", strlen("万元"));
    const unit_info *pct = unit_lookup("%", 1), *ren = unit_lookup("人", strlen("人"));
    m_model m;
    memset(&m, 0, sizeof m);
    m.budget.unit = wan;
    m_table t;
    memset(&t, 0, sizeof t);
    /* money: the table's unit, else the budget's, else 元 */
    assert_ptr_equal(present_money_unit(&m, NULL), wan);
    t.unit = yuan;
    assert_ptr_equal(present_money_unit(&m, &t), yuan);
    assert_ptr_equal(present_money_unit(NULL, NULL), yuan);
    assert_int_equal(present_pow10(&m, NULL, KIND_MONEY), 4);
    assert_int_equal(present_pow10(&m, NULL, KIND_COUNT), 0);
    m_value v = { .present = true, .kind = KIND_RATE };
    m_value_set_unit(&v, pct);
    assert_string_equal(present_unit_name(&m, &t, &v), "%");
    v.kind = KIND_COUNT;
    m_value_set_unit(&v, ren);
    assert_string_equal(present_unit_name(&m, &t, &v), "人");
    m_value_set_unit(&v, NULL);
    assert_string_equal(present_unit_name(&m, &t, &v), "");
    v.kind = KIND_MONEY;
    assert_string_equal(present_unit_name(&m, NULL, &v), "万元");
}

static void test_html(void **state)
{
    (void)state;
    expect(W_HTML, NULL, "");
    expect(W_HTML, "工资福利支出", "工资福利支出");
    expect(W_HTML, "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(W_HTML, "a & \"b\" 'c'", "a &amp; &quot;b&quot; &#39;c&#39;");
    expect(W_HTML, "a\tb\nc\rd\033", "a\tb\nc\\rd\\x1b");
    expect(W_HTML, "\xe2\x80\xae" "x", "\\u{202e}x");     /* no reordering */
    expect(W_HTML, "bad\xff", "bad\\xff");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unsafe),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_csv_formulas),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_printf),
        cmocka_unit_test(test_amounts),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_html),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

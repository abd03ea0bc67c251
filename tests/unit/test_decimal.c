/* test_decimal.c: unit tests for exact amounts, rates, formatting, units.
 *
 * Every expected value is an exact integer (the raw scaled dec) or an exact
 * string, never a computed approximation, so a test can only pass when the
 * arithmetic is exactly right.  Boundaries (INT64_MAX/MIN, .5 ties, the
 * 24-digit limit) get their own cases because that is where scaled-integer
 * code breaks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "decimal.h"

/* Raw dec for a whole number of base units. */
#define D(x) ((dec)(x) * DEC_ONE)

/* Parses a NUL-terminated literal; returns the status, fills out/why. */
static dec_status parse(const char *s, int pow10, dec *out, int *places,
                        char *why)
{
    return dec_parse(s, strlen(s), pow10, out, places, why, 128);
}

/* Asserts s parses to raw with the given written places. */
static void expect_parse(const char *s, int pow10, dec raw, int places)
{
    dec v = -1;
    int p = -1;
    char why[128];
    assert_int_equal(parse(s, pow10, &v, &p, why), DEC_OK);
    assert_true(v == raw);
    assert_int_equal(p, places);
}

/* Asserts s fails with status st and exactly the message msg. */
static void expect_error(const char *s, int pow10, dec_status st,
                         const char *msg)
{
    dec v = 0;
    int p = 0;
    char why[128] = "unset";
    assert_int_equal(parse(s, pow10, &v, &p, why), st);
    assert_string_equal(why, msg);
}

/* ---- parsing ---- */

static void test_parse_ok(void **state)
{
    (void)state;
    expect_parse("0", 0, 0, 0);
    expect_parse("7,440", 0, D(7440), 0);
    expect_parse("7440", 0, D(7440), 0);
    expect_parse("1,234,567.89", 0, INT64_C(12345678900), 2);
    expect_parse("0.5", 0, 5000, 1);
    expect_parse("0.5", 4, D(5000), 1);        /* 0.5 万元 = 5000 元 */
    expect_parse("7,440", 4, D(74400000), 0);  /* 7440 万元 */
    expect_parse("1.5", 8, D(150000000), 1);   /* 1.5 亿元 */
    expect_parse("2.5", 3, D(2500), 1);        /* 2.5 千元 */
    expect_parse("007", 0, D(7), 0);           /* leading zeros allowed */
    expect_parse("999", 0, D(999), 0);
    expect_parse("1,000", 0, D(1000), 0);
    expect_parse("12,345,678", 0, D(12345678), 0);
    expect_parse("1.0000", 0, DEC_ONE, 4);
    expect_parse("0.0001", 0, 1, 4);
    expect_parse("1.00000001", 4, INT64_C(100000001), 8);
}

static void test_parse_null_outputs(void **state)
{
    (void)state;
    dec v = 0;
    /* places and why may both be omitted. */
    assert_int_equal(dec_parse("12", 2, 0, &v, NULL, NULL, 0), DEC_OK);
    assert_true(v == D(12));
    assert_int_equal(dec_parse("4,22", 4, 0, &v, NULL, NULL, 0),
                     DEC_ERR_SYNTAX);
    /* A tiny why buffer is truncated, not overrun. */
    char why[8];
    assert_int_equal(dec_parse("4,22", 4, 0, &v, NULL, why, sizeof why),
                     DEC_ERR_SYNTAX);
    assert_string_equal(why, "malform");
    /* Only n bytes are read: the slice "12" of "12,3". */
    assert_int_equal(dec_parse("12,3", 2, 0, &v, NULL, NULL, 0), DEC_OK);
    assert_true(v == D(12));
}

static void test_parse_separator_errors(void **state)
{
    (void)state;
    expect_error("4,22", 0, DEC_ERR_SYNTAX,
                 "malformed thousands separator in '4,22'");
    expect_error("1,,000", 0, DEC_ERR_SYNTAX,
                 "malformed thousands separator in '1,,000'");
    expect_error("1000,000", 0, DEC_ERR_SYNTAX,
                 "malformed thousands separator in '1000,000'");
    expect_error("1,000,", 0, DEC_ERR_SYNTAX,
                 "malformed thousands separator in '1,000,'");
    expect_error("1,0000", 0, DEC_ERR_SYNTAX,
                 "malformed thousands separator in '1,0000'");
    expect_error("1,000,00.5", 0, DEC_ERR_SYNTAX,
                 "malformed thousands separator in '1,000,00.5'");
    expect_error("1,000.000,1", 0, DEC_ERR_SYNTAX,
                 "thousands separator after the decimal point in "
                 "'1,000.000,1'");
}

static void test_parse_malformed(void **state)
{
    (void)state;
    expect_error("", 0, DEC_ERR_SYNTAX, "empty number");
    expect_error(",100", 0, DEC_ERR_SYNTAX, "malformed number ',100'");
    expect_error(".5", 0, DEC_ERR_SYNTAX, "malformed number '.5'");
    expect_error("1.", 0, DEC_ERR_SYNTAX, "malformed number '1.'");
    expect_error("1.2.3", 0, DEC_ERR_SYNTAX, "malformed number '1.2.3'");
    expect_error("12a", 0, DEC_ERR_SYNTAX, "malformed number '12a'");
    expect_error("-1", 0, DEC_ERR_SYNTAX, "malformed number '-1'");
}

static void test_parse_digits_limit(void **state)
{
    (void)state;
    /* Exactly 24 digits is fine (and small, thanks to leading zeros). */
    expect_parse("000000000000000000000001", 0, D(1), 0);
    expect_parse("00.0000000000000000000001", 18, 1, 22);
    expect_error("0000000000000000000000001", 0, DEC_ERR_DIGITS,
                 "number '0000000000000000000000001' has more than 24 "
                 "digits (the digit limit)");
    /* Commas do not count as digits; the check runs before overflow. */
    expect_error("1,000,000,000,000,000,000,000,000", 0, DEC_ERR_DIGITS,
                 "number '1,000,000,000,000,000,000,000,000' has more than "
                 "24 digits (the digit limit)");
    /* Long literals are quoted truncated, at 37 bytes plus "...". */
    expect_error("12345678901234567890123456789012345678901234567890", 0,
                 DEC_ERR_DIGITS,
                 "number '1234567890123456789012345678901234567...' has "
                 "more than 24 digits (the digit limit)");
}

static void test_parse_precision(void **state)
{
    (void)state;
    expect_error("1.00001", 0, DEC_ERR_PRECISION,
                 "'1.00001' has more decimal places than fisc keeps "
                 "(at most 4 in this unit)");
    /* Even zeros: extra written places are not silently dropped. */
    expect_error("1.00000", 0, DEC_ERR_PRECISION,
                 "'1.00000' has more decimal places than fisc keeps "
                 "(at most 4 in this unit)");
    expect_error("1.000000001", 4, DEC_ERR_PRECISION,
                 "'1.000000001' has more decimal places than fisc keeps "
                 "(at most 8 in this unit)");
    expect_parse("1.00000001", 4, INT64_C(100000001), 8);
}

static void test_parse_overflow(void **state)
{
    (void)state;
    const char *msg_tail =
        "is too large (at most 922,337,203,685,477 in the base unit)";
    char want[160];

    expect_parse("922,337,203,685,477.5807", 0, INT64_MAX, 4);
    expect_parse("922337203685477", 0, D(INT64_C(922337203685477)), 0);

    snprintf(want, sizeof want, "amount '%s' %s",
             "922,337,203,685,477.5808", msg_tail);
    expect_error("922,337,203,685,477.5808", 0, DEC_ERR_OVERFLOW, want);

    snprintf(want, sizeof want, "amount '%s' %s", "922337203685478",
             msg_tail);
    expect_error("922337203685478", 0, DEC_ERR_OVERFLOW, want);

    /* The boundary in 万元: 92233720368.54775807 万元 is INT64_MAX. */
    expect_parse("92,233,720,368.54775807", 4, INT64_MAX, 8);
    snprintf(want, sizeof want, "amount '%s' %s", "92233720368.54775808",
             msg_tail);
    expect_error("92233720368.54775808", 4, DEC_ERR_OVERFLOW, want);

    /* 24 nines overflow the 64-bit mantissa before any scaling. */
    snprintf(want, sizeof want, "amount '%s' %s",
             "999999999999999999999999", msg_tail);
    expect_error("999999999999999999999999", 0, DEC_ERR_OVERFLOW, want);

    /* Zero never overflows, whatever the unit. */
    expect_parse("0", 18, 0, 0);
    dec v;
    assert_int_equal(parse("1", 19, &v, NULL, NULL), DEC_ERR_OVERFLOW);
    assert_int_equal(parse("1", -DEC_SCALE - 1, &v, NULL, NULL),
                     DEC_ERR_OVERFLOW);
    expect_parse("3", -DEC_SCALE, 3, 0);

    /* The 64-bit fast path (at most 18 digits) meets the general one at
     * its edges: the largest values it takes, and the first it hands on. */
    expect_parse("922,337,203,685,477.58", 0, INT64_C(9223372036854775800), 2);
    snprintf(want, sizeof want, "amount '%s' %s", "922,337,203,685,477.59", msg_tail);
    expect_error("922,337,203,685,477.59", 0, DEC_ERR_OVERFLOW, want);
    expect_parse("999,999,999,999,999,999", -DEC_SCALE, INT64_C(999999999999999999), 0);
    expect_parse("92,233,720,368.5477580", 4, INT64_C(9223372036854775800), 7);
    snprintf(want, sizeof want, "amount '%s' %s", "922337203685478000", msg_tail);
    expect_error("922337203685478000", -3, DEC_ERR_OVERFLOW, want);
    expect_parse("1", 14, INT64_C(1000000000000000000), 0);
    snprintf(want, sizeof want, "amount '%s' %s", "10", msg_tail);
    expect_error("10", 14, DEC_ERR_OVERFLOW, want);
}

/* ---- arithmetic ---- */

static void test_add_sub_neg(void **state)
{
    (void)state;
    dec r;
    assert_true(dec_add(D(2), D(3), &r));
    assert_true(r == D(5));
    assert_true(dec_sub(D(2), D(3), &r));
    assert_true(r == D(-1));
    assert_true(dec_add(INT64_MAX - 1, 1, &r));
    assert_true(r == INT64_MAX);

    assert_false(dec_add(INT64_MAX, 1, &r));
    assert_false(dec_add(INT64_MIN, -1, &r));
    assert_false(dec_sub(INT64_MIN, 1, &r));
    assert_false(dec_sub(INT64_MAX, -1, &r));
    assert_false(dec_sub(0, INT64_MIN, &r));
    assert_true(dec_sub(-1, INT64_MAX, &r));
    assert_true(r == INT64_MIN);

    assert_true(dec_neg(D(7), &r));
    assert_true(r == D(-7));
    assert_true(dec_neg(INT64_MAX, &r));
    assert_true(r == -INT64_MAX);
    assert_false(dec_neg(INT64_MIN, &r));

    assert_true(dec_abs_or_max(D(-3)) == D(3));
    assert_true(dec_abs_or_max(D(3)) == D(3));
    assert_true(dec_abs_or_max(INT64_MIN) == INT64_MAX);
}

static void test_shift(void **state)
{
    (void)state;
    dec r;
    assert_int_equal(dec_shift(15, 3, &r), DEC_OK);
    assert_true(r == 15000);
    assert_int_equal(dec_shift(15000, -3, &r), DEC_OK);
    assert_true(r == 15);
    assert_int_equal(dec_shift(-15000, -3, &r), DEC_OK);
    assert_true(r == -15);
    assert_int_equal(dec_shift(15001, -3, &r), DEC_ERR_PRECISION);
    assert_int_equal(dec_shift(-15001, -3, &r), DEC_ERR_PRECISION);
    assert_int_equal(dec_shift(7, 0, &r), DEC_OK);
    assert_true(r == 7);

    assert_int_equal(dec_shift(1, 18, &r), DEC_OK);
    assert_true(r == INT64_C(1000000000000000000));
    assert_int_equal(dec_shift(r, -18, &r), DEC_OK);
    assert_true(r == 1);
    assert_int_equal(dec_shift(10, 18, &r), DEC_ERR_OVERFLOW);
    assert_int_equal(dec_shift(INT64_MAX, 1, &r), DEC_ERR_OVERFLOW);
    assert_int_equal(dec_shift(INT64_C(-922337203685477580), 1, &r), DEC_OK);
    assert_true(r == INT64_C(-9223372036854775800));
    assert_int_equal(dec_shift(INT64_C(-922337203685477581), 1, &r),
                     DEC_ERR_OVERFLOW);
    assert_int_equal(dec_shift(INT64_MIN, -1, &r), DEC_ERR_PRECISION);
    assert_int_equal(dec_shift(0, 18, &r), DEC_OK);
    assert_true(r == 0);
    assert_int_equal(dec_shift(0, -18, &r), DEC_OK);
    assert_true(r == 0);
}

static void test_round(void **state)
{
    (void)state;
    dec r;
    /* To whole base units: ties go away from zero. */
    assert_true(dec_round(25000, 0, &r));
    assert_true(r == D(3));
    assert_true(dec_round(-25000, 0, &r));
    assert_true(r == D(-3));
    assert_true(dec_round(24999, 0, &r));
    assert_true(r == D(2));
    assert_true(dec_round(-24999, 0, &r));
    assert_true(r == D(-2));
    assert_true(dec_round(5000, 0, &r));
    assert_true(r == D(1));
    assert_true(dec_round(-5000, 0, &r));
    assert_true(r == D(-1));
    assert_true(dec_round(4999, 0, &r));
    assert_true(r == 0);

    /* To hundreds. */
    assert_true(dec_round(D(1250), 2, &r));
    assert_true(r == D(1300));
    assert_true(dec_round(D(-1250), 2, &r));
    assert_true(r == D(-1300));
    assert_true(dec_round(D(1249), 2, &r));
    assert_true(r == D(1200));

    /* To hundredths (fen). */
    assert_true(dec_round(12350, -2, &r));
    assert_true(r == 12400);
    assert_true(dec_round(-12350, -2, &r));
    assert_true(r == -12400);
    assert_true(dec_round(12349, -2, &r));
    assert_true(r == 12300);

    /* Finest resolution is the identity. */
    assert_true(dec_round(12345, -DEC_SCALE, &r));
    assert_true(r == 12345);
    assert_true(dec_round(INT64_MIN, -DEC_SCALE, &r));
    assert_true(r == INT64_MIN);

    /* Rounding up past the top overflows; coarse units round to zero. */
    assert_false(dec_round(INT64_MAX, 0, &r));
    assert_false(dec_round(INT64_MIN, 0, &r));
    assert_false(dec_round(INT64_MAX, 15, &r));     /* 0.92 x 10^19 -> 10^19 */
    assert_true(dec_round(INT64_MAX, 16, &r));
    assert_true(r == 0);
    assert_true(dec_round(INT64_MIN, 18, &r));
    assert_true(r == 0);
    assert_true(dec_round(INT64_C(922337203685470000), 14, &r));
    assert_true(r == INT64_C(1000000000000000000));

    /* Out-of-range exponents. */
    assert_false(dec_round(1, -DEC_SCALE - 1, &r));
    assert_false(dec_round(1, 19, &r));
}

/* rate(num, den, places) with whole-number operands. */
static dec rate_of(int64_t num, int64_t den, int places)
{
    dec r = -999;
    assert_true(dec_rate(D(num), D(den), places, &r));
    return r;
}

static void test_rate(void **state)
{
    (void)state;
    assert_true(rate_of(274, 7714, 0) == D(4));     /* 3.55 -> 4 */
    assert_true(rate_of(-36, 63, 0) == D(-57));     /* -57.14 */
    assert_true(rate_of(111, 1524, 0) == D(7));     /* 7.28 */
    assert_true(rate_of(30, 45, 0) == D(67));       /* 66.67 */
    assert_true(rate_of(10, 934, 0) == D(1));       /* 1.07 */
    assert_true(rate_of(1, 8, 1) == 125000);        /* 12.5 */
    assert_true(rate_of(1, 3, 2) == 333300);        /* 33.33 */
    assert_true(rate_of(2, 3, 4) == 666667);        /* 66.6667 */
    assert_true(rate_of(0, 5, 0) == 0);

    /* Sign of either operand; ties away from zero. */
    assert_true(rate_of(36, -63, 0) == D(-57));
    assert_true(rate_of(-36, -63, 0) == D(57));
    assert_true(rate_of(1, 200, 0) == D(1));        /* 0.5 */
    assert_true(rate_of(-1, 200, 0) == D(-1));
    assert_true(rate_of(1, 201, 0) == 0);           /* 0.4975 */
    assert_true(rate_of(-1, 201, 0) == 0);          /* never -0 */
    assert_true(rate_of(1, 8, 0) == D(13));         /* 12.5 */

    /* The operands' scale cancels: raw units work the same. */
    dec r;
    assert_true(dec_rate(274, 7714, 0, &r));
    assert_true(r == D(4));

    /* Extremes never overflow the intermediate. */
    assert_true(dec_rate(INT64_MIN, INT64_MIN, 4, &r));
    assert_true(r == D(100));
    assert_true(dec_rate(INT64_MAX, INT64_MIN, 0, &r));
    assert_true(r == D(-100));
    assert_true(dec_rate(1, INT64_MAX, 4, &r));
    assert_true(r == 0);
    assert_false(dec_rate(INT64_MAX, 1, 0, &r));    /* result too big */
    assert_false(dec_rate(INT64_MIN, -1, 4, &r));

    /* den == 0 and bad place counts. */
    assert_false(dec_rate(D(1), 0, 0, &r));
    assert_false(dec_rate(0, 0, 0, &r));
    assert_false(dec_rate(D(1), D(2), -1, &r));
    assert_false(dec_rate(D(1), D(2), DEC_SCALE + 1, &r));
}

/* ---- formatting ---- */

static void expect_fmt(dec a, int pow10, int places, const char *want)
{
    char buf[DEC_FMT_MAX];
    memset(buf, 'x', sizeof buf);
    size_t n = dec_format(a, pow10, places, buf);
    assert_string_equal(buf, want);
    assert_int_equal(n, strlen(want));
}

static void expect_fmt_exact(dec a, int pow10, int min_places,
                             const char *want)
{
    char buf[DEC_FMT_MAX];
    size_t n = dec_format_exact(a, pow10, min_places, buf);
    assert_string_equal(buf, want);
    assert_int_equal(n, strlen(want));
}

static void test_format(void **state)
{
    (void)state;
    expect_fmt(0, 0, 0, "0");
    expect_fmt(0, 0, 2, "0.00");
    expect_fmt(D(7440), 0, 0, "7440");
    expect_fmt(D(1), 0, 2, "1.00");
    expect_fmt(D(1), 0, 6, "1.000000");
    expect_fmt(12345678900, 0, 2, "1234567.89");
    expect_fmt(D(-12), 0, 1, "-12.0");
    expect_fmt(1, 0, 4, "0.0001");
    expect_fmt(-1, 0, 4, "-0.0001");

    /* Rounding half away from zero, and no "-0". */
    expect_fmt(15000, 0, 0, "2");
    expect_fmt(-15000, 0, 0, "-2");
    expect_fmt(14999, 0, 0, "1");
    expect_fmt(-4000, 0, 0, "0");
    expect_fmt(500, 0, 1, "0.1");
    expect_fmt(-500, 0, 1, "-0.1");
    expect_fmt(-499, 0, 1, "0.0");
    expect_fmt(-1, 0, 0, "0");

    /* Extremes. */
    expect_fmt(INT64_MIN, 0, 4, "-922337203685477.5808");
    expect_fmt(INT64_MIN, 0, 0, "-922337203685478");
    expect_fmt(INT64_MAX, 0, 4, "922337203685477.5807");
    expect_fmt(INT64_MAX, 0, 2, "922337203685477.58");
    expect_fmt(INT64_MIN, 8, 14, "-9223372.03685477580800");
    expect_fmt(INT64_MIN, 18, 22, "-0.0009223372036854775808");
    expect_fmt(INT64_MIN, 18, 0, "0");
}

static void test_format_units(void **state)
{
    (void)state;
    /* 7440 万元, stored in 元, formats back in 万元. */
    dec v;
    assert_int_equal(parse("7,440", 4, &v, NULL, NULL), DEC_OK);
    expect_fmt(v, 4, 0, "7440");
    expect_fmt(v, 0, 0, "74400000");
    expect_fmt(v, 8, 2, "0.74");
    expect_fmt(v, 8, 4, "0.7440");
    expect_fmt(v, 3, 0, "74400");
    expect_fmt(D(12345), 4, 2, "1.23");
    expect_fmt(D(12350), 4, 2, "1.24");
    expect_fmt(D(-12350), 4, 2, "-1.24");
    expect_fmt(D(1), 8, 8, "0.00000001");
    expect_fmt(D(1), 8, 2, "0.00");
    /* Units finer than the resolution: the point follows the digits. */
    expect_fmt(D(1), -DEC_SCALE, 0, "10000");
    expect_fmt(D(1), -DEC_SCALE, 2, "10000.00");
    expect_fmt(-1, -DEC_SCALE, 1, "-1.0");
    expect_fmt_exact(-1, -DEC_SCALE, 0, "-1");
}

/* dec_group: thousands separators in the integer part only. */
static void test_group(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "0", "0" }, { "999", "999" }, { "1000", "1,000" }, { "-1234.5", "-1,234.5" },
        { "7440", "7,440" }, { "1234567.0001", "1,234,567.0001" }, { "-100", "-100" },
        { "922337203685477.5807", "922,337,203,685,477.5807" }, { "0.12345", "0.12345" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[DEC_GROUPED_MAX];
        size_t n = dec_group(cases[i][0], strlen(cases[i][0]), out);
        assert_string_equal(out, cases[i][1]);
        assert_int_equal(n, strlen(cases[i][1]));
    }
}

static void test_format_exact(void **state)
{
    (void)state;
    expect_fmt_exact(0, 0, 0, "0");
    expect_fmt_exact(0, 4, 2, "0.00");
    expect_fmt_exact(15000, 0, 0, "1.5");
    expect_fmt_exact(15000, 0, 2, "1.50");
    expect_fmt_exact(D(7440), 0, 0, "7440");
    expect_fmt_exact(D(74400000), 4, 0, "7440");
    expect_fmt_exact(D(12345), 4, 0, "1.2345");
    expect_fmt_exact(D(12340), 4, 0, "1.234");
    expect_fmt_exact(-1, 0, 0, "-0.0001");
    expect_fmt_exact(1, 8, 0, "0.000000000001");
    expect_fmt_exact(INT64_MIN, 0, 0, "-922337203685477.5808");
    expect_fmt_exact(INT64_MAX, 4, 0, "92233720368.54775807");
}

/* ---- units ---- */

static const unit_info *lookup(const char *s)
{
    return unit_lookup(s, strlen(s));
}

static void test_unit_lookup(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int pow10;
    } money[] = {{"元", 0}, {"千元", 3}, {"万元", 4}, {"亿元", 8}};
    for (size_t i = 0; i < sizeof money / sizeof money[0]; i++) {
        const unit_info *u = lookup(money[i].name);
        assert_non_null(u);
        assert_string_equal(u->name, money[i].name);
        assert_int_equal(u->kind, KIND_MONEY);
        assert_int_equal(u->pow10, money[i].pow10);
    }

    static const char *const counts[] = {
        "人", "人次", "台", "台（套）", "套", "次", "个", "单", "辆", "家",
        "项", "件", "户", "所", "份", "场", "天", "月", "年", "篇", "期",
        "批", "条", "张", "本", "座", "处", "名", "位",
    };
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        const unit_info *u = lookup(counts[i]);
        assert_non_null(u);
        assert_string_equal(u->name, counts[i]);
        assert_int_equal(u->kind, KIND_COUNT);
        assert_int_equal(u->pow10, 0);
    }

    const unit_info *pct = lookup("%");
    assert_non_null(pct);
    assert_int_equal(pct->kind, KIND_RATE);
    assert_int_equal(pct->pow10, 0);
    const unit_info *wide = lookup("％");
    assert_non_null(wide);
    assert_int_equal(wide->kind, KIND_RATE);

    /* Whole-name matches only, bounded by n. */
    assert_null(lookup("公斤"));
    assert_null(lookup("万"));
    assert_null(lookup(""));
    assert_null(lookup("万元整"));
    assert_null(unit_lookup(NULL, 0));
    const unit_info *u = unit_lookup("万元整", strlen("万元"));
    assert_non_null(u);
    assert_string_equal(u->name, "万元");
    assert_true(lookup("台") != lookup("台（套）"));
}

static void test_unit_compatible(void **state)
{
    (void)state;
    assert_true(unit_compatible(lookup("元"), lookup("亿元")));
    assert_true(unit_compatible(lookup("万元"), lookup("千元")));
    assert_true(unit_compatible(lookup("%"), lookup("％")));
    assert_true(unit_compatible(lookup("人"), lookup("人")));
    assert_false(unit_compatible(lookup("人"), lookup("台")));
    assert_false(unit_compatible(lookup("人"), lookup("人次")));
    assert_false(unit_compatible(lookup("台"), lookup("台（套）")));
    assert_false(unit_compatible(lookup("元"), lookup("人")));
    assert_false(unit_compatible(lookup("万元"), lookup("%")));
    assert_false(unit_compatible(lookup("%"), lookup("次")));
    assert_false(unit_compatible(NULL, lookup("元")));
    assert_false(unit_compatible(lookup("元"), NULL));
}

static void test_kind_name(void **state)
{
    (void)state;
    assert_string_equal(kind_name(KIND_NONE), "none");
    assert_string_equal(kind_name(KIND_MONEY), "money");
    assert_string_equal(kind_name(KIND_COUNT), "count");
    assert_string_equal(kind_name(KIND_RATE), "rate");
    assert_string_equal(kind_name(KIND_TEXT), "text");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_ok),
        cmocka_unit_test(test_parse_null_outputs),
        cmocka_unit_test(test_parse_separator_errors),
        cmocka_unit_test(test_parse_malformed),
        cmocka_unit_test(test_parse_digits_limit),
        cmocka_unit_test(test_parse_precision),
        cmocka_unit_test(test_parse_overflow),
        cmocka_unit_test(test_add_sub_neg),
        cmocka_unit_test(test_shift),
        cmocka_unit_test(test_round),
        cmocka_unit_test(test_rate),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_units),
        cmocka_unit_test(test_format_exact),
        cmocka_unit_test(test_unit_lookup),
        cmocka_unit_test(test_unit_compatible),
        cmocka_unit_test(test_kind_name),
        cmocka_unit_test(test_group),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

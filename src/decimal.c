/* decimal.c: exact amounts as scaled 64-bit integers, plus the unit table.
 *
 * Design.  A dec is an int64_t holding value * 10^DEC_SCALE in the base unit
 * of its kind.  Budgets are audited to the fen and beyond, so every
 * operation is exact or says why it cannot be: additions use the compiler's
 * checked-overflow builtins, and anything that multiplies two quantities or
 * scales by a large power of ten (parsing, rates, rounding, formatting) does
 * its arithmetic in 128 bits, where no intermediate of two valid decs can
 * overflow, and narrows to 64 bits only at the end, with a check.
 *
 * Rounding is always half away from zero, the rule Chinese budget tables
 * (and most people) use; it is symmetric, so we round magnitudes and put the
 * sign back afterwards, which also guarantees "-0" is never printed.
 *
 * There is deliberately no floating point anywhere in this file. */
#include "decimal.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

/* 128-bit integers are a GNU extension supported by gcc and clang on every
 * 64-bit target we build for; __extension__ keeps -pedantic quiet. */
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

/* Largest power of ten any operation here needs: a dec scale (4) plus the
 * largest unit or rounding exponent (18). */
#define MAX_POW10 (DEC_SCALE + 18)

/* Longest slice of a literal quoted in a message; budgets are read by
 * people, and a 300-digit typo should not produce a 300-byte diagnostic. */
#define QUOTE_MAX 40

/* 10^e as a 128-bit integer, 0 <= e <= 38 (callers stay within MAX_POW10). */
static u128 pow10_u128(int e)
{
    u128 p = 1;
    while (e-- > 0)
        p *= 10;
    return p;
}

/* Copies at most QUOTE_MAX bytes of s[0..n) into dst (NUL-terminated),
 * ending in "..." when truncated; cuts only at a UTF-8 character boundary so
 * a message never ends in half a character. */
static void quote_literal(const char *s, size_t n, char *dst, size_t cap)
{
    size_t keep = n;
    bool cut = false;
    if (n > QUOTE_MAX) {
        keep = QUOTE_MAX - 3;
        while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
            keep--;
        cut = true;
    }
    if (keep + 4 > cap)         /* cap is always large; belt and braces */
        keep = cap > 4 ? cap - 4 : 0;
    memcpy(dst, s, keep);
    strcpy(dst + keep, cut ? "..." : "");
}

/* Writes u with ',' every three digits ("922,337,203,685,477"). */
static void group_thousands(uint64_t u, char *dst)
{
    char plain[24];
    int n = snprintf(plain, sizeof plain, "%llu", (unsigned long long)u);
    dec_group(plain, (size_t)n, dst);
}

/* Narrows a 128-bit value, false when it does not fit a dec. */
static bool fits_dec(i128 v, dec *out)
{
    if (v > (i128)INT64_MAX || v < (i128)INT64_MIN)
        return false;
    *out = (dec)v;
    return true;
}

/* q = n / d rounded half away from zero; d > 0.  Works on magnitudes so the
 * rule is symmetric for negative n. */
static i128 div_round_half_away(i128 n, u128 d)
{
    bool neg = n < 0;
    u128 mag = neg ? (u128)0 - (u128)n : (u128)n;
    u128 q = mag / d, r = mag % d;
    if (r >= d - r)             /* 2r >= d without overflowing 2r */
        q++;
    return neg ? -(i128)q : (i128)q;
}

/* What check_syntax found wrong with a literal. */
typedef enum {
    SYN_OK,
    SYN_EMPTY,
    SYN_MALFORMED,          /* stray character, "1.", "1.2.3" */
    SYN_SEPARATOR,          /* commas not in groups of three */
    SYN_FRACTION_SEPARATOR, /* a comma after the point */
} syntax_error;

/* Validates the literal's shape and counts its digits; the lexer's pattern
 * is re-checked here because the lexer only guarantees its first char. */
static syntax_error check_syntax(const char *s, size_t n, size_t *ndigits)
{
    if (n == 0)
        return SYN_EMPTY;
    if (s[0] < '0' || s[0] > '9')
        return SYN_MALFORMED;

    size_t i = 0, digits = 0, group = 0;
    bool any_comma = false;
    for (; i < n && s[i] != '.'; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            digits++;
            group++;
        } else if (s[i] == ',') {
            /* A group closes: the first may hold 1-3 digits, later ones
             * exactly 3 ("1,,000" and "1000,000" are typos, not numbers). */
            if (!any_comma ? (group < 1 || group > 3) : group != 3)
                return SYN_SEPARATOR;
            any_comma = true;
            group = 0;
        } else {
            return SYN_MALFORMED;
        }
    }
    /* The last integer group: "1,000," leaves an empty one, "4,22" a short
     * one. */
    if (any_comma && group != 3)
        return SYN_SEPARATOR;

    if (i < n) {                /* s[i] == '.' */
        i++;
        if (i == n)
            return SYN_MALFORMED;
        for (; i < n; i++) {
            if (s[i] >= '0' && s[i] <= '9')
                digits++;
            else if (s[i] == ',')
                return SYN_FRACTION_SEPARATOR;
            else
                return SYN_MALFORMED;
        }
    }
    *ndigits = digits;
    return SYN_OK;
}

/* The digits of a validated literal as an integer (commas and the point
 * skipped; at most 24 digits fit with room to spare); *nplaces gets the
 * number of digits after the point. */
static u128 digits_of(const char *s, size_t n, int *nplaces)
{
    u128 mant = 0;
    bool after_point = false;
    *nplaces = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.')
            after_point = true;
        else if (s[i] != ',') {
            mant = mant * 10 + (u128)(s[i] - '0');
            *nplaces += after_point;
        }
    }
    return mant;
}

/* The common case in one pass: check_syntax's rules with the arithmetic
 * in 64 bits, for a literal of at most 18 digits in a unit within range.
 * False (nothing stored) for anything else -- a literal that is not
 * well-formed, too long, too large, or with too many places for the unit
 * -- which the general path then parses or explains. */
static bool parse_fast(const char *s, size_t n, int pow10, dec *out, int *places)
{
    if (pow10 < -DEC_SCALE || pow10 > 18)
        return false;
    uint64_t mant = 0;
    size_t i = 0, digits = 0, group = 0;
    bool any_comma = false;
    for (; i < n && s[i] != '.'; i++) {
        unsigned d = (unsigned)(unsigned char)s[i] - '0';
        if (d <= 9) {
            mant = mant * 10 + d;   /* wraps only past 19 digits: refused below */
            digits++;
            group++;
        } else if (s[i] == ',' && (!any_comma ? group >= 1 && group <= 3 : group == 3)) {
            any_comma = true;
            group = 0;
        } else {
            return false;
        }
    }
    if (i == 0 || (any_comma && group != 3))
        return false;
    int nplaces = 0;
    if (i < n) {
        if (++i == n)
            return false;
        for (; i < n; i++) {
            unsigned d = (unsigned)(unsigned char)s[i] - '0';
            if (d > 9)
                return false;
            mant = mant * 10 + d;
            digits++;
            nplaces++;
        }
    }
    static const uint64_t p10[] = {
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
        10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
        100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
        100000000000000000ULL, 1000000000000000000ULL,
    };
    int e = DEC_SCALE + pow10 - nplaces;
    uint64_t v;
    if (digits > 18 || e < 0 || e > 18 || __builtin_mul_overflow(mant, p10[e], &v) ||
        v > (uint64_t)INT64_MAX)
        return false;
    if (places)
        *places = nplaces;
    *out = (dec)v;
    return true;
}

/* Parses a lexed literal scaled by 10^(DEC_SCALE + pow10); see decimal.h. */
dec_status dec_parse(const char *s, size_t n, int pow10, dec *out,
                     int *places, char *why, size_t whycap)
{
    if (why && whycap > 0)
        why[0] = '\0';
    else
        whycap = 0;             /* snprintf(NULL, 0, ...) is a no-op */

    if (parse_fast(s, n, pow10, out, places))
        return DEC_OK;
    size_t ndigits = 0;
    syntax_error syn = check_syntax(s, n, &ndigits);

    /* The quoted literal, for messages (made only on the way to one). */
    char q[QUOTE_MAX + 8];
    quote_literal(s, n, q, sizeof q);
    switch (syn) {
    case SYN_OK:
        break;
    case SYN_EMPTY:
        snprintf(why, whycap, _("empty number"));
        return DEC_ERR_SYNTAX;
    case SYN_MALFORMED:
        snprintf(why, whycap, _("malformed number '%s'"), q);
        return DEC_ERR_SYNTAX;
    case SYN_SEPARATOR:
        snprintf(why, whycap, _("malformed thousands separator in '%s'"), q);
        return DEC_ERR_SYNTAX;
    case SYN_FRACTION_SEPARATOR:
        snprintf(why, whycap,
                 _("thousands separator after the decimal point in '%s'"), q);
        return DEC_ERR_SYNTAX;
    }
    if (ndigits > DEC_MAX_DIGITS) {
        snprintf(why, whycap, _("number '%s' has more than %d digits (the digit limit)"), q,
                 DEC_MAX_DIGITS);
        return DEC_ERR_DIGITS;
    }
    /* A unit outside this range is a caller bug (no unit in the table comes
     * close); report it rather than scale by a power of ten we can't hold. */
    if (pow10 < -DEC_SCALE || pow10 > 18) {
        snprintf(why, whycap, _("unit scale 10^%d out of range for '%s'"),
                 pow10, q);
        return DEC_ERR_OVERFLOW;
    }

    int nplaces;
    u128 mant = digits_of(s, n, &nplaces);
    if (places)
        *places = nplaces;

    /* Decimal places the target scale can hold exactly.  Extra places are
     * rejected even when they are zeros: a budget line written "1.00000" is
     * more likely a typo than a deliberate precision. */
    int keep = DEC_SCALE + pow10;
    if (nplaces > keep) {
        snprintf(why, whycap,
                 _("'%s' has more decimal places than fisc keeps "
                 "(at most %d in this unit)"), q, keep);
        return DEC_ERR_PRECISION;
    }

    /* Scale up one digit at a time so the check happens before any
     * overflow, even of the 128-bit mantissa. */
    bool overflow = mant > (u128)INT64_MAX;
    for (int e = keep - nplaces; e > 0 && !overflow; e--) {
        mant *= 10;
        overflow = mant > (u128)INT64_MAX;
    }
    if (overflow) {
        char max[32];
        group_thousands((uint64_t)INT64_MAX / (uint64_t)DEC_ONE, max);
        snprintf(why, whycap,
                 _("amount '%s' is too large (at most %s in the base unit)"),
                 q, max);
        return DEC_ERR_OVERFLOW;
    }
    *out = (dec)mant;
    return DEC_OK;
}

/* a + b; false on overflow. */
bool dec_add(dec a, dec b, dec *out)
{
    return !__builtin_add_overflow(a, b, out);
}

/* a - b; false on overflow. */
bool dec_sub(dec a, dec b, dec *out)
{
    return !__builtin_sub_overflow(a, b, out);
}

/* -a; false for INT64_MIN. */
bool dec_neg(dec a, dec *out)
{
    return !__builtin_sub_overflow((dec)0, a, out);
}

/* a * 10^e, exact or an error; any e is accepted (large |e| simply
 * overflows or loses precision unless a is 0). */
dec_status dec_shift(dec a, int e, dec *out)
{
    dec v = a;
    for (; e > 0; e--) {
        if (v == 0)
            break;
        if (__builtin_mul_overflow(v, (dec)10, &v))
            return DEC_ERR_OVERFLOW;
    }
    for (; e < 0; e++) {
        if (v == 0)
            break;
        if (v % 10 != 0)
            return DEC_ERR_PRECISION;
        v /= 10;
    }
    *out = v;
    return DEC_OK;
}

/* |a|, saturating INT64_MIN to INT64_MAX. */
dec dec_abs_or_max(dec a)
{
    if (a == INT64_MIN)
        return INT64_MAX;
    return a < 0 ? -a : a;
}

/* a rounded to a multiple of 10^e base units, half away from zero. */
bool dec_round(dec a, int e, dec *out)
{
    if (e < -DEC_SCALE || e > 18)
        return false;
    u128 step = pow10_u128(e + DEC_SCALE);     /* in raw units, <= 10^22 */
    i128 q = div_round_half_away((i128)a, step);
    return fits_dec(q * (i128)step, out);
}

/* 100 * num / den in percentage points, rounded to `places`. */
bool dec_rate(dec num, dec den, int places, dec *out)
{
    if (den == 0 || places < 0 || places > DEC_SCALE)
        return false;
    /* The scales of num and den cancel; |num| * 10^(2 + places) < 2^63 *
     * 10^6 < 2^83, comfortably inside 128 bits. */
    i128 n = (i128)num * (i128)pow10_u128(2 + places);
    i128 d = den;
    if (d < 0) {                /* keep the divisor positive */
        n = -n;
        d = -d;
    }
    i128 q = div_round_half_away(n, (u128)d);
    return fits_dec(q * (i128)pow10_u128(DEC_SCALE - places), out);
}

/* Renders mag (an unsigned magnitude with `frac` decimal digits) followed by
 * `pad` zeros, so the output has frac + pad places. */
static size_t render(bool neg, u128 mag, int frac, int pad, char *buf)
{
    char rev[48];
    int nd = 0;
    do {
        rev[nd++] = (char)('0' + (int)(mag % 10));
        mag /= 10;
    } while (mag != 0);
    while (nd <= frac)          /* at least one digit before the point */
        rev[nd++] = '0';

    size_t k = 0;
    if (neg)
        buf[k++] = '-';
    for (int i = nd - 1; i >= 0; i--) {
        buf[k++] = rev[i];
        if (i == frac && (frac + pad) > 0)
            buf[k++] = '.';
    }
    for (int i = 0; i < pad; i++)
        buf[k++] = '0';
    buf[k] = '\0';
    return k;
}

/* Clamps the unit exponent and place count to what fits DEC_FMT_MAX. */
static void clamp_format_args(int *pow10, int *places)
{
    if (*pow10 < -DEC_SCALE)
        *pow10 = -DEC_SCALE;
    if (*pow10 > 18)
        *pow10 = 18;
    if (*places < 0)
        *places = 0;
    if (*places > MAX_POW10)
        *places = MAX_POW10;
}

/* a in units of 10^pow10 base units with exactly `places` decimals. */
size_t dec_format(dec a, int pow10, int places, char *buf)
{
    clamp_format_args(&pow10, &places);
    int scale = DEC_SCALE + pow10;   /* decimals a has in the target unit */
    bool neg = a < 0;
    /* Unsigned negation is defined for INT64_MIN, unlike -a. */
    u128 mag = neg ? (u128)(0 - (uint64_t)a) : (u128)(uint64_t)a;

    if (places >= scale)        /* exact: just append zeros */
        return render(neg && mag != 0, mag, scale, places - scale, buf);

    /* Too many digits: round the magnitude, then decide the sign, so a tiny
     * negative never prints as "-0". */
    u128 step = pow10_u128(scale - places);
    u128 q = mag / step, r = mag % step;
    if (r >= step - r)
        q++;
    return render(neg && q != 0, q, places, 0, buf);
}

/* a with the fewest places (>= min_places) that show it exactly. */
size_t dec_format_exact(dec a, int pow10, int min_places, char *buf)
{
    clamp_format_args(&pow10, &min_places);
    int need = DEC_SCALE + pow10;
    for (dec v = a; need > 0 && v % 10 == 0; v /= 10)
        need--;                 /* a == 0 ends with need == 0 */
    return dec_format(a, pow10, need > min_places ? need : min_places, buf);
}

/* The unit table.  Count units each form their own dimension; the table
 * order is irrelevant because lookup matches the whole name. */
static const unit_info units[] = {
    {"元", KIND_MONEY, 0},
    {"千元", KIND_MONEY, 3},
    {"万元", KIND_MONEY, 4},
    {"亿元", KIND_MONEY, 8},
    {"%", KIND_RATE, 0},
    {"％", KIND_RATE, 0},
    {"人", KIND_COUNT, 0},
    {"人次", KIND_COUNT, 0},
    {"台", KIND_COUNT, 0},
    {"台（套）", KIND_COUNT, 0},
    {"套", KIND_COUNT, 0},
    {"次", KIND_COUNT, 0},
    {"个", KIND_COUNT, 0},
    {"单", KIND_COUNT, 0},
    {"辆", KIND_COUNT, 0},
    {"家", KIND_COUNT, 0},
    {"项", KIND_COUNT, 0},
    {"件", KIND_COUNT, 0},
    {"户", KIND_COUNT, 0},
    {"所", KIND_COUNT, 0},
    {"份", KIND_COUNT, 0},
    {"场", KIND_COUNT, 0},
    {"天", KIND_COUNT, 0},
    {"月", KIND_COUNT, 0},
    {"年", KIND_COUNT, 0},
    {"篇", KIND_COUNT, 0},
    {"期", KIND_COUNT, 0},
    {"批", KIND_COUNT, 0},
    {"条", KIND_COUNT, 0},
    {"张", KIND_COUNT, 0},
    {"本", KIND_COUNT, 0},
    {"座", KIND_COUNT, 0},
    {"处", KIND_COUNT, 0},
    {"名", KIND_COUNT, 0},
    {"位", KIND_COUNT, 0},
};

/* u's number, 1 up (0 for NULL): a byte holds it (the model's cells). */
unsigned unit_index(const unit_info *u)
{
    return u ? (unsigned)(u - units) + 1 : 0;
}

/* The unit of number i (unit_index), NULL for 0. */
const unit_info *unit_at(unsigned i)
{
    return i && i <= sizeof units / sizeof units[0] ? &units[i - 1] : NULL;
}

/* The table entry named exactly s[0..n), or NULL. */
const unit_info *unit_lookup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strlen(units[i].name) == n && memcmp(units[i].name, s, n) == 0)
            return &units[i];
    }
    return NULL;
}

/* Lower-case name of a kind, in English (reports; a message translates
 * it: i18n_text). */
const char *kind_name(qty_kind k)
{
    switch (k) {
    case KIND_NONE: return N_("none");
    case KIND_MONEY: return N_("money");
    case KIND_COUNT: return N_("count");
    case KIND_RATE: return N_("rate");
    case KIND_TEXT: return N_("text");
    }
    return N_("unknown");
}

/* Money with money and % with ％ always mix; a count only with the same
 * count unit (people never add to machines). */
bool unit_compatible(const unit_info *a, const unit_info *b)
{
    if (!a || !b || a->kind != b->kind)
        return false;
    if (a->kind == KIND_COUNT)
        return strcmp(a->name, b->name) == 0;
    return true;
}

/* s[0..n) with ',' between groups of three digits of its whole part. */
size_t dec_group(const char *s, size_t n, char *out)
{
    size_t k = 0, i = 0;
    if (n > 0 && (s[0] == '-' || s[0] == '+'))
        out[k++] = s[i++];
    size_t whole = i;
    while (whole < n && s[whole] != '.')
        whole++;
    for (size_t d = i; d < whole; d++) {
        if (d > i && (whole - d) % 3 == 0)
            out[k++] = ',';
        out[k++] = s[d];
    }
    memcpy(out + k, s + whole, n - whole);
    k += n - whole;
    out[k] = '\0';
    return k;
}

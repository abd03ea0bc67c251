/* ival.c: intervals of exact decimals (ival.h).
 *
 * Products and quotients of two intervals take the extremes of their four
 * corner values: x * y and x / y are monotone in each argument wherever y
 * keeps its sign, so the corners bound the exact range.  Each corner is an
 * exact 128-bit numerator divided once, floored for a lower bound and
 * ceiled for an upper one. */
#include "ival.h"
#include "lang.h"

typedef __int128 wide;

/* n / d rounded down (up when up), d != 0. */
static wide div_dir(wide n, wide d, bool up)
{
    if (d < 0)
        n = -n, d = -d;
    wide q = n / d, r = n % d;
    if (r != 0 && ((r > 0) == up))
        q += up ? 1 : -1;
    return q;
}

static bool fits(wide x)
{
    return x >= INT64_MIN && x <= INT64_MAX;
}

bool ival_around(dec v, dec u, ival *out)
{
    dec h = u / 2 + u % 2;
    out->all = false;
    return !__builtin_sub_overflow(v, h, &out->lo) && !__builtin_add_overflow(v, h, &out->hi);
}

bool ival_add(ival a, ival b, ival *out)
{
    out->all = a.all || b.all;
    return out->all || (!__builtin_add_overflow(a.lo, b.lo, &out->lo) && !__builtin_add_overflow(a.hi, b.hi, &out->hi));
}

bool ival_sub(ival a, ival b, ival *out)
{
    out->all = a.all || b.all;
    return out->all || (!__builtin_sub_overflow(a.lo, b.hi, &out->lo) && !__builtin_sub_overflow(a.hi, b.lo, &out->hi));
}

ival ival_neg(ival a)
{
    ival r = { a.hi == INT64_MIN ? INT64_MAX : -a.hi, a.lo == INT64_MIN ? INT64_MAX : -a.lo, a.all };
    return r;
}

/* The extremes of the four corners n(x, y) / d(x, y) into out. */
static bool corners(const wide n[4], const wide d[4], ival *out)
{
    wide lo = 0, hi = 0;
    for (int i = 0; i < 4; i++) {
        wide l = div_dir(n[i], d[i], false), h = div_dir(n[i], d[i], true);
        if (i == 0 || l < lo)
            lo = l;
        if (i == 0 || h > hi)
            hi = h;
    }
    if (!fits(lo) || !fits(hi))
        return false;
    out->lo = (dec)lo;
    out->hi = (dec)hi;
    out->all = false;
    return true;
}

bool ival_mul(ival a, ival b, dec d, ival *out)
{
    if (a.all || b.all) {
        out->all = true;
        return true;
    }
    wide n[4] = { (wide)a.lo * b.lo, (wide)a.lo * b.hi, (wide)a.hi * b.lo, (wide)a.hi * b.hi };
    wide dd[4] = { d, d, d, d };
    return corners(n, dd, out);
}

bool ival_div(ival a, dec m, ival b, ival *out)
{
    if (a.all || b.all || (b.lo <= 0 && b.hi >= 0)) {
        out->all = true;
        return true;
    }
    wide n[4] = { (wide)a.lo * m, (wide)a.lo * m, (wide)a.hi * m, (wide)a.hi * m };
    wide dd[4] = { b.lo, b.hi, b.lo, b.hi };
    return corners(n, dd, out);
}

bool ival_rate_of_change(ival c, ival n, ival *out)
{
    wide dlo = (wide)n.lo - c.hi, dhi = (wide)n.hi - c.lo;
    if (c.all || n.all || (dlo <= 0 && dhi >= 0)) {
        out->all = true;
        return true;
    }
    /* 100 c / (n - c) is monotone in c and in n while n - c keeps its sign */
    const wide m = (wide)100 * DEC_ONE;
    wide num[4] = { c.lo * m, c.lo * m, c.hi * m, c.hi * m };
    wide den[4] = { (wide)n.lo - c.lo, (wide)n.hi - c.lo, (wide)n.lo - c.hi, (wide)n.hi - c.hi };
    return corners(num, den, out);
}

bool ival_may(ival a, int rel, ival b)
{
    if (a.all || b.all)
        return true;
    switch ((lang_rel)rel) {
    case REL_EQ: return a.lo <= b.hi && b.lo <= a.hi;
    case REL_NE: return !(a.lo == a.hi && b.lo == b.hi && a.lo == b.lo);
    case REL_GE: return a.hi >= b.lo;
    case REL_GT: return a.hi > b.lo;
    case REL_LE: return a.lo <= b.hi;
    case REL_LT: return a.lo < b.hi;
    }
    return false;
}

/* n / d rounded half away from zero. */
static bool div_half(wide n, wide d, dec *out)
{
    if (d == 0)
        return false;
    if (d < 0)
        n = -n, d = -d;
    wide q = n / d, r = n % d;
    if (r < 0)
        r = -r;
    if (2 * r >= d)
        q += n < 0 ? -1 : 1;
    if (!fits(q))
        return false;
    *out = (dec)q;
    return true;
}

bool ival_mul_point(dec x, dec y, dec d, dec *out)
{
    return div_half((wide)x * y, d, out);
}

bool ival_div_point(dec x, dec m, dec y, dec *out)
{
    return div_half((wide)x * m, y, out);
}

/* ival.h: intervals of exact decimals, for judging what rounded figures
 * allow.
 *
 * A printed figure rounded to u stands for any value within u/2 of it;
 * a rate, a share or a change computed from such figures can be anything
 * their intervals allow.  An interval here is closed, its bounds decs
 * rounded outward (never narrower than the truth: a judgement may be
 * lenient by 0.0001 of a unit, never strict by it), computed with 128-bit
 * intermediates; no floating point.  docs/language.md §8. */
#ifndef FISC_IVAL_H
#define FISC_IVAL_H

#include <stdbool.h>
#include "decimal.h"

typedef struct ival {
    dec lo, hi;
    bool all;           /* any value: a division by an interval around 0 */
} ival;

/* [v - h, v + h], h = u/2 rounded up: a figure of rounding unit u.
 * False on overflow. */
bool ival_around(dec v, dec u, ival *out);
/* a + b, a - b, -a.  False on overflow. */
bool ival_add(ival a, ival b, ival *out);
bool ival_sub(ival a, ival b, ival *out);
ival ival_neg(ival a);
/* a * b / d (d > 0): the product of two scaled decimals rescaled.  False
 * on overflow. */
bool ival_mul(ival a, ival b, dec d, ival *out);
/* a * m / b (m > 0): a quotient rescaled.  An interval b holding 0 gives
 * `all` (the caller rejects b = 0 itself).  False on overflow. */
bool ival_div(ival a, dec m, ival b, ival *out);
/* 100 * c / (n - c): the rate, in percent, of a change c on last year's
 * n - c (n: this year).  `all` when n - c may be 0.  False on overflow. */
bool ival_rate_of_change(ival c, ival n, ival *out);
/* Whether some value of a and some value of b satisfy rel (lang.h). */
bool ival_may(ival a, int rel, ival b);

/* x * y / d and x * m / y rounded half away from zero (the value a check
 * computes from the printed figures).  False on overflow or y = 0. */
bool ival_mul_point(dec x, dec y, dec d, dec *out);
bool ival_div_point(dec x, dec m, dec y, dec *out);

#endif

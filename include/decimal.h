/* decimal.h: exact amounts as scaled 64-bit integers.
 *
 * A dec holds value * 10^DEC_SCALE in the base unit of its kind (元 for
 * money, 1 for counts, 1 percentage point for rates).  Every operation
 * that can overflow reports it; there is no floating point anywhere. */
#ifndef FISC_DECIMAL_H
#define FISC_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEC_SCALE 4
#define DEC_ONE ((int64_t)10000)
/* Most digits a written number may have (before and after the point). */
#define DEC_MAX_DIGITS 24

typedef int64_t dec;

typedef enum {
    DEC_OK,
    DEC_ERR_SYNTAX,     /* malformed number or thousands separators */
    DEC_ERR_OVERFLOW,   /* does not fit the scaled integer */
    DEC_ERR_PRECISION,  /* more decimal places than can be held exactly */
    DEC_ERR_DIGITS,     /* more than DEC_MAX_DIGITS digits */
} dec_status;

/* Parses an unsigned literal as lexed ([0-9][0-9,]*(\.[0-9]+)?), validating
 * thousands separators (groups of 3, the first of 1-3, none after the
 * point).  pow10 shifts the result (a value written in 万元 parsed to 元
 * passes 4).  *places receives the number of digits written after the
 * point.  On error, *why (may be NULL) gets a message such as
 * "malformed thousands separator in '4,22'" (the text quoted). */
dec_status dec_parse(const char *s, size_t n, int pow10, dec *out,
                     int *places, char *why, size_t whycap);

bool dec_add(dec a, dec b, dec *out);   /* false on overflow */
bool dec_sub(dec a, dec b, dec *out);
bool dec_neg(dec a, dec *out);
/* a * 10^e exactly; e may be negative only when the division is exact
 * (else DEC_ERR_PRECISION). */
dec_status dec_shift(dec a, int e, dec *out);
dec dec_abs_or_max(dec a);              /* |a|, INT64_MAX for INT64_MIN */

/* Rounds a (in base units) to a multiple of 10^e base units, half away
 * from zero; e may be negative down to -DEC_SCALE. */
bool dec_round(dec a, int e, dec *out);

/* 100 * num / den as a rate in percentage points, rounded half away from
 * zero to `places` decimal places (0 for "4%").  False when den == 0 or on
 * overflow. */
bool dec_rate(dec num, dec den, int places, dec *out);

/* Writes a as a plain decimal in a unit 10^pow10 base units, with exactly
 * `places` digits after the point (rounding half away from zero when the
 * value has more), no separators, '-' for negatives.  Returns the length;
 * buf must hold DEC_FMT_MAX bytes. */
#define DEC_FMT_MAX 48
size_t dec_format(dec a, int pow10, int places, char *buf);
/* Like dec_format but with the fewest places that show the value exactly
 * (at least min_places). */
size_t dec_format_exact(dec a, int pow10, int min_places, char *buf);

/* The plain decimal s[0..n) (an optional sign, digits, an optional '.'
 * and digits) with ',' between groups of three digits of its whole part:
 * "-1234.5" -> "-1,234.5".  out holds n + n / 3 + 1 bytes; returns the
 * length (NUL-terminated).  The one place digits are grouped; present.c
 * decides signs and units around it. */
#define DEC_GROUPED_MAX (DEC_FMT_MAX + DEC_FMT_MAX / 3 + 1)
size_t dec_group(const char *s, size_t n, char *out);

/* Units.  Money units convert among themselves; each count unit is its
 * own dimension (人 never adds to 台); % is the one rate unit. */
typedef enum { KIND_NONE, KIND_MONEY, KIND_COUNT, KIND_RATE, KIND_TEXT } qty_kind;

typedef struct unit_info {
    const char *name;   /* "万元" */
    qty_kind kind;
    int pow10;          /* size in base units: 元 0, 千元 3, 万元 4, 亿元 8 */
} unit_info;

/* NULL when s[0..n) names no known unit. */
const unit_info *unit_lookup(const char *s, size_t n);
/* Every unit is an entry of one table: unit_index(u) numbers it from 1 (0
 * for NULL, and at most 255), unit_at(i) gives it back. */
unsigned unit_index(const unit_info *u);
const unit_info *unit_at(unsigned i);
const char *kind_name(qty_kind k);      /* "money", "count", "rate", "text" */
/* Two units may be added or compared. */
bool unit_compatible(const unit_info *a, const unit_info *b);

#endif

/* suggest.h: "did you mean": the defined name nearest to one that is not.
 *
 * A name that names nothing (a line, a column, a table, a unit, a
 * classification, a column set) is compared with every name that would
 * have been right there, offered one by one; the nearest close enough is
 * suggested.  Labels are compared by their keys (label.h), a code point at
 * a time, so `合记` is one edit from `合计` (not three bytes) and
 * `维修(护）费` none from `维修（护）费`.  The distance counts insertions,
 * deletions, substitutions and swaps of two neighbours (optimal string
 * alignment).  A label is close enough one edit away, or within a sixth
 * of its length when longer: a Chinese word is two characters, so two
 * edits in a short label make another word (`支出经济分类` is not a typo
 * of `支出功能分类`); and one character of it must stay (`甲` suggests no
 * `乙`).  A code (digits only) is a number in a hierarchy, not a word:
 * only another code one digit away (a digit wrong, added, dropped, or two
 * neighbours swapped) is suggested, and of several the one sharing the
 * longest prefix (the same 类, then 款), so 20805 is never offered for
 * 20508.  Ties go to the name offered first (source order). */
#ifndef FISC_SUGGEST_H
#define FISC_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Names longer than this (code points) get no suggestion. */
#define SUGGEST_MAX_POINTS 64

typedef struct suggest {
    uint32_t want[SUGGEST_MAX_POINTS];
    size_t nwant;            /* 0: nothing to suggest for */
    bool code;               /* want is a code */
    unsigned limit;          /* the largest distance suggested */
    const char *best;        /* the nearest so far, as offered, or NULL */
    unsigned best_cost, best_prefix;
} suggest;

/* Starts a search for names near want. */
void suggest_init(suggest *s, const char *want);
/* Offers a name that would have been right (NULL is ignored). */
void suggest_offer(suggest *s, const char *name);
/* The nearest name offered that is close enough, or NULL. */
const char *suggest_best(const suggest *s);

/* The distance between a and b, or limit + 1 when it is more than limit
 * (for tests and the callers that rank themselves). */
unsigned suggest_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, unsigned limit);

#endif

/* suggest.c: the nearest name to one that names nothing (suggest.h).
 *
 * The distance is the optimal-string-alignment variant of Damerau's: the
 * usual edit table over two rows, plus a swap of two neighbours at cost 1
 * (a third row remembers the one before), cut off as soon as a whole row
 * is past the limit, so a far candidate costs a few columns.  Candidates
 * whose length alone is too far are refused before any table is made.
 * Only the error path calls this, and the callers bound how often. */
#include <string.h>
#include "label.h"
#include "suggest.h"

static bool all_digits(const uint32_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return false;
    return n > 0;
}

/* Edit distance with neighbour swaps, or limit + 1 past limit. */
unsigned suggest_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, unsigned limit)
{
    if ((na > nb ? na - nb : nb - na) > limit)
        return limit + 1;
    if (na > SUGGEST_MAX_POINTS || nb > SUGGEST_MAX_POINTS)
        return limit + 1;
    unsigned rows[3][SUGGEST_MAX_POINTS + 1];
    unsigned *two = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = (unsigned)j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = (unsigned)i;
        unsigned least = cur[0];
        for (size_t j = 1; j <= nb; j++) {
            unsigned sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            unsigned del = prev[j] + 1, ins = cur[j - 1] + 1;
            unsigned d = sub < del ? sub : del;
            if (ins < d)
                d = ins;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && two[j - 2] + 1 < d)
                d = two[j - 2] + 1;
            cur[j] = d;
            if (d < least)
                least = d;
        }
        if (least > limit)
            return limit + 1;
        unsigned *t = two;
        two = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb] <= limit ? prev[nb] : limit + 1;
}

/* Starts a search; see suggest.h. */
void suggest_init(suggest *s, const char *want)
{
    memset(s, 0, sizeof *s);
    size_t n = label_key_points(want, s->want, SUGGEST_MAX_POINTS);
    if (n > SUGGEST_MAX_POINTS)
        return;
    s->nwant = n;
    s->code = all_digits(s->want, n);
    s->limit = s->code || n < 12 ? 1 : (unsigned)(n / 6);
}

/* Offers one name; see suggest.h. */
void suggest_offer(suggest *s, const char *name)
{
    if (!name || !s->nwant)
        return;
    uint32_t cand[SUGGEST_MAX_POINTS];
    size_t n = label_key_points(name, cand, SUGGEST_MAX_POINTS);
    if (n > SUGGEST_MAX_POINTS || all_digits(cand, n) != s->code)
        return;
    unsigned cost = suggest_distance(s->want, s->nwant, cand, n, s->limit);
    if (cost == 0 || cost > s->limit || cost >= s->nwant)   /* keep a character of it */
        return;
    unsigned prefix = 0;
    while (prefix < n && prefix < s->nwant && cand[prefix] == s->want[prefix])
        prefix++;
    if (!s->best || cost < s->best_cost || (s->code && cost == s->best_cost && prefix > s->best_prefix)) {
        s->best = name;
        s->best_cost = cost;
        s->best_prefix = prefix;
    }
}

/* The suggestion; see suggest.h. */
const char *suggest_best(const suggest *s)
{
    return s->best;
}

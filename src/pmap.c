/* pmap.c: a hash map from a pair of pointers to an index.
 *
 * Names are interned, so a label, a code or a path is identified by its
 * pointer; (scope, name) pairs key every lookup the resolver and checker
 * make, which keeps them linear in the size of the budget.  Open
 * addressing with linear probing, grown at 70% load.  The table is one
 * side block of the arena (docs/architecture.md §2): when it doubles, the
 * old table is freed, and pmap_reserve sizes it once when the number of
 * keys is known. */
#include <stdint.h>
#include "pmap.h"

static size_t hash_pair(const void *a, const void *b)
{
    uint64_t h = (uint64_t)(uintptr_t)a * 0x9E3779B97F4A7C15u;
    h ^= (uint64_t)(uintptr_t)b + 0x632BE59BD9B4E019u + (h << 6) + (h >> 2);
    h ^= h >> 29;
    return (size_t)h;
}

/* Moves m into a table of ncap slots (a power of two). */
static void rehash(arena *ar, pmap *m, size_t ncap)
{
    pmap_entry *nt = arena_side_alloc(ar, ncap * sizeof *nt);
    for (size_t i = 0; i < m->cap; i++) {
        const pmap_entry *e = &m->t[i];
        if (!e->ka)
            continue;
        size_t j = hash_pair(e->ka, e->kb) & (ncap - 1);
        while (nt[j].ka)
            j = (j + 1) & (ncap - 1);
        nt[j] = *e;
    }
    arena_side_free(ar, m->t);
    m->t = nt;
    m->cap = ncap;
}

/* Room for n keys in all without growing again. */
void pmap_reserve(arena *ar, pmap *m, size_t n)
{
    size_t cap = 64;
    while (n * 10 >= cap * 7)
        cap *= 2;
    if (cap > m->cap)
        rehash(ar, m, cap);
}

/* The slot for (a, b): *found tells whether it was there; when not, the
 * key is inserted and the caller sets the value. */
size_t *pmap_slot(arena *ar, pmap *m, const void *a, const void *b, bool *found)
{
    if ((m->n + 1) * 10 >= m->cap * 7)
        rehash(ar, m, m->cap ? m->cap * 2 : 64);
    size_t j = hash_pair(a, b) & (m->cap - 1);
    while (m->t[j].ka) {
        if (m->t[j].ka == a && m->t[j].kb == b) {
            *found = true;
            return &m->t[j].val;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->t[j].ka = a;
    m->t[j].kb = b;
    m->n++;
    *found = false;
    return &m->t[j].val;
}

/* The value for (a, b), or NULL. */
const size_t *pmap_get(const pmap *m, const void *a, const void *b)
{
    if (!m->cap)
        return NULL;
    size_t j = hash_pair(a, b) & (m->cap - 1);
    while (m->t[j].ka) {
        if (m->t[j].ka == a && m->t[j].kb == b)
            return &m->t[j].val;
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

/* Frees m's table now (m is empty again). */
void pmap_free(arena *ar, pmap *m)
{
    arena_side_free(ar, m->t);
    m->t = NULL;
    m->cap = m->n = 0;
}

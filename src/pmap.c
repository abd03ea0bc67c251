/* pmap.c: a hash map from a pair of pointers to an index.
 *
 * Names are interned, so a label, a code or a path is identified by its
 * pointer; (scope, name) pairs key every lookup the resolver and checker
 * make, which keeps them linear in the size of the budget.  Open
 * addressing with linear probing, grown at 70% load; memory comes from
 * the compilation's arena. */
#include <stdint.h>
#include "pmap.h"

static size_t hash_pair(const void *a, const void *b)
{
    uint64_t h = (uint64_t)(uintptr_t)a * 0x9E3779B97F4A7C15u;
    h ^= (uint64_t)(uintptr_t)b + 0x632BE59BD9B4E019u + (h << 6) + (h >> 2);
    h ^= h >> 29;
    return (size_t)h;
}

/* The slot for (a, b): *found tells whether it was there; when not, the
 * key is inserted and the caller sets the value. */
size_t *pmap_slot(arena *ar, pmap *m, const void *a, const void *b, bool *found)
{
    if ((m->n + 1) * 10 >= m->cap * 7) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        pmap nm = { arena_alloc(ar, ncap * sizeof(void *)), arena_alloc(ar, ncap * sizeof(void *)),
                    arena_alloc(ar, ncap * sizeof(size_t)), ncap, m->n };
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->ka[i])
                continue;
            size_t j = hash_pair(m->ka[i], m->kb[i]) & (ncap - 1);
            while (nm.ka[j])
                j = (j + 1) & (ncap - 1);
            nm.ka[j] = m->ka[i];
            nm.kb[j] = m->kb[i];
            nm.val[j] = m->val[i];
        }
        *m = nm;
    }
    size_t j = hash_pair(a, b) & (m->cap - 1);
    while (m->ka[j]) {
        if (m->ka[j] == a && m->kb[j] == b) {
            *found = true;
            return &m->val[j];
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->ka[j] = a;
    m->kb[j] = b;
    m->n++;
    *found = false;
    return &m->val[j];
}

/* The value for (a, b), or NULL. */
const size_t *pmap_get(const pmap *m, const void *a, const void *b)
{
    if (!m->cap)
        return NULL;
    size_t j = hash_pair(a, b) & (m->cap - 1);
    while (m->ka[j]) {
        if (m->ka[j] == a && m->kb[j] == b)
            return &m->val[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}


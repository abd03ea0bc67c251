/* pmap.h: a hash map from a pair of interned pointers to an index. */
#ifndef FISC_PMAP_H
#define FISC_PMAP_H

#include <stdbool.h>
#include <stddef.h>
#include "arena.h"

typedef struct pmap_entry {
    const void *ka, *kb;    /* ka NULL: an empty slot */
    size_t val;
} pmap_entry;

/* Zero-initialise; the table is a side block of the arena passed in. */
typedef struct pmap {
    pmap_entry *t;
    size_t cap, n;
} pmap;

/* The slot for (a, b): *found tells whether it was there; when not, the
 * key is inserted and the caller sets the value.  a must not be NULL. */
size_t *pmap_slot(arena *ar, pmap *m, const void *a, const void *b, bool *found);
/* The value for (a, b), or NULL. */
const size_t *pmap_get(const pmap *m, const void *a, const void *b);
/* Sizes m for n keys at once (no doubling on the way there). */
void pmap_reserve(arena *ar, pmap *m, size_t n);
/* Frees m's table (for a map that dies before its arena). */
void pmap_free(arena *ar, pmap *m);

#endif

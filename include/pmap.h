/* pmap.h: a hash map from a pair of interned pointers to an index. */
#ifndef FISC_PMAP_H
#define FISC_PMAP_H

#include <stdbool.h>
#include <stddef.h>
#include "arena.h"

typedef struct pmap {
    const void **ka, **kb;
    size_t *val;
    size_t cap, n;
} pmap;

/* The slot for (a, b): *found tells whether it was there; when not, the
 * key is inserted and the caller sets the value.  a must not be NULL. */
size_t *pmap_slot(arena *ar, pmap *m, const void *a, const void *b, bool *found);
/* The value for (a, b), or NULL. */
const size_t *pmap_get(const pmap *m, const void *a, const void *b);

#endif

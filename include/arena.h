/* arena.h: allocation by lifetime.
 *
 * Everything a compilation makes (source text, interned names, the model,
 * diagnostics) is carved from one arena and freed at once; a scratch arena
 * holds what dies sooner (one item's syntax tree) and is reset for reuse.
 * Side blocks are for arrays and hash tables that grow: freed when they
 * are replaced, so growth leaves no garbage (docs/architecture.md §2).
 * Allocation failure is fatal (prints and exits 2): a budget compiler has
 * no sensible way to continue without memory. */
#ifndef FISC_ARENA_H
#define FISC_ARENA_H

#include <stddef.h>
#include <stdarg.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);
/* Frees everything handed out, keeping one chunk for reuse (a scratch
 * arena).  Pointers into a are invalid afterwards. */
void arena_reset(arena *a);

/* realloc(p, n) for memory that outlives any arena (growing buffers and
 * lists freed by their owner), or exits with status 2 when memory runs
 * out, as the arena does. */
void *xrealloc(void *p, size_t n);

/* Zeroed memory, aligned for any object. */
void *arena_alloc(arena *a, size_t size);
/* Grow a block previously returned by arena_alloc (old may be NULL). */
void *arena_grow(arena *a, void *old, size_t oldsize, size_t newsize);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Bytes handed out so far (for memory accounting in benchmarks). */
size_t arena_used(const arena *a);

/* Side blocks: zeroed memory owned by a but freed on its own.
 * arena_side_grow moves old's contents into a bigger block (the new tail
 * zeroed) and frees old; arena_side_free frees one now.  arena_free and
 * arena_reset free every side block still held. */
void *arena_side_alloc(arena *a, size_t size);
void *arena_side_grow(arena *a, void *old, size_t oldsize, size_t newsize);
void arena_side_free(arena *a, void *p);

/* Interning: equal byte strings map to one pointer, so names compare
 * with ==.  Hash table, amortised O(1); its slots are a side block. */
typedef struct strtab strtab;
strtab *strtab_new(arena *a);
const char *strtab_intern(strtab *t, const char *s, size_t n);
size_t strtab_count(const strtab *t);
/* A hash of n bytes, eight at a time (the string table's; labels use it). */
size_t strtab_hash(const void *p, size_t n);

#endif

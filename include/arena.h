/* arena.h: one allocation lifetime per compilation.
 *
 * Everything a compilation makes (source text, tokens' AST, interned names,
 * diagnostics) is carved from one arena and freed at once.  Allocation
 * failure is fatal (prints and exits 2): a budget compiler has no sensible
 * way to continue without memory. */
#ifndef FISC_ARENA_H
#define FISC_ARENA_H

#include <stddef.h>
#include <stdarg.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);

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

/* Interning: equal byte strings map to one pointer, so names compare
 * with ==.  Hash table, amortised O(1). */
typedef struct strtab strtab;
strtab *strtab_new(arena *a);
const char *strtab_intern(strtab *t, const char *s, size_t n);
size_t strtab_count(const strtab *t);

#endif

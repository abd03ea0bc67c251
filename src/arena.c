/* arena.c: chunked bump allocator, side blocks, and string interning.
 *
 * An arena is a list of chunks obtained from calloc, so every byte handed
 * out is already zero.  Allocation bumps a pointer in the newest chunk;
 * when a request does not fit, a new chunk at least twice the size of the
 * last one (capped) becomes current, and what was left in the old one is
 * abandoned: with the geometric sizes the waste stays a small fraction.
 * Every block is rounded to alignof(max_align_t), so each block starts
 * aligned for any object.  Nothing is freed individually; arena_free
 * returns all chunks at once, and arena_reset empties the arena for reuse
 * (a scratch arena, reset after each item: docs/architecture.md §2).
 *
 * arena_grow extends the newest block in place when the chunk has room,
 * which makes "push to an array that lives at the top of the arena" cheap;
 * otherwise it copies and the old block stays behind as garbage.  Arrays
 * and hash tables that grow while other things are allocated use side
 * blocks instead: each is its own malloc'd block, linked into the arena so
 * that arena_free (or arena_reset) returns it, and freed as soon as it is
 * replaced by a bigger one, so growth leaves nothing behind.
 *
 * The string table interns byte strings (NUL bytes allowed) in an
 * open-addressing table with linear probing (16-byte slots, hashed eight
 * bytes at a time), doubled when
 * it would pass 70% load.  Its slots are a side block: the old table is
 * freed when it doubles. */
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"

enum {
    ALIGN = alignof(max_align_t),
    CHUNK_MIN = 64 * 1024,
    CHUNK_MAX = 8 * 1024 * 1024,
};

typedef struct chunk {
    struct chunk *next;     /* older chunk */
    size_t cap, used;       /* bytes of data[] */
    size_t last;            /* offset of the newest block, for arena_grow */
    alignas(max_align_t) unsigned char data[];
} chunk;

/* The header of a side block: a doubly linked list, so one is unlinked
 * in O(1) when it is freed or replaced. */
typedef struct side {
    struct side *prev, *next;
#ifdef ARENA_STATS
    struct stat_site *site;
    size_t size;
#endif
    alignas(max_align_t) unsigned char data[];
} side;

struct arena {
    chunk *head;            /* newest chunk, where allocation happens */
    size_t next_cap;        /* capacity of the next ordinary chunk */
    size_t used;            /* bytes handed out, for arena_used */
    side *sides;            /* live side blocks, newest first */
};

#ifdef ARENA_STATS
/* Memory by call site, for bench/arena-stats.sh (a build with
 * -DARENA_STATS only): every block handed out is charged to the stack
 * that asked for it (its first STAT_FRAMES return addresses), per
 * arena; a reset or free of an arena zeroes its
 * sites, a side block freed gives its bytes back.  When an arena of at
 * least 1 MB is freed (the compilation's, at its largest), or at exit
 * for those still live, each site with bytes is written to the file
 * $FISC_ARENA_STATS as "ARENA BYTES COUNT PC...", the chunks' unused
 * tails as site 0. */
#include <execinfo.h>
enum { STAT_FRAMES = 10, STAT_SLOTS = 1 << 17 };
typedef struct stat_site {
    const arena *a;
    void *pc[STAT_FRAMES];
    long long bytes, count;
} stat_site;
static stat_site *stat_tab;

/* The site of arena a and this stack (pcs NULL: a's chunk tails). */
static stat_site *stat_site_of(const arena *a, void *const *pcs)
{
    if (!stat_tab && !(stat_tab = calloc(STAT_SLOTS, sizeof *stat_tab)))
        abort();
    size_t h = (size_t)(uintptr_t)a * 0x9E3779B97F4A7C15u;
    for (int i = 0; pcs && i < STAT_FRAMES; i++)
        h = (h ^ (uintptr_t)pcs[i]) * 0x100000001b3u;
    for (size_t j = h & (STAT_SLOTS - 1);; j = (j + 1) & (STAT_SLOTS - 1)) {
        stat_site *t = &stat_tab[j];
        if (t->a == a && (pcs ? memcmp(t->pc, pcs, sizeof t->pc) == 0 : t->pc[0] == NULL))
            return t;
        if (!t->a) {
            t->a = a;
            if (pcs)
                memcpy(t->pc, pcs, sizeof t->pc);
            return t;
        }
    }
}

/* The site of a and the stack calling it (from its caller in arena.c:
 * the script skips arena.c's frames, noting strtab_intern's). */
static __attribute__((noinline)) stat_site *stat_here(const arena *a)
{
    void *raw[STAT_FRAMES + 1], *pcs[STAT_FRAMES] = { 0 };
    int n = backtrace(raw, STAT_FRAMES + 1);
    for (int i = 1; i < n; i++)
        pcs[i - 1] = raw[i];
    return stat_site_of(a, pcs);
}

static void stat_charge(stat_site *t, long long bytes)
{
    t->bytes += bytes;
    t->count += bytes > 0;
}

static void stat_write(const arena *a)
{
    const char *path = getenv("FISC_ARENA_STATS");
    FILE *f = path ? fopen(path, "a") : NULL;
    for (size_t j = 0; stat_tab && j < STAT_SLOTS; j++) {
        stat_site *t = &stat_tab[j];
        if (t->a != a || !t->bytes)
            continue;
        if (f) {
            fprintf(f, "%p %lld %lld", (void *)a, t->bytes, t->count);
            extern char __executable_start[];   /* addr2line wants offsets in a PIE */
            for (int i = 0; i < STAT_FRAMES && t->pc[i]; i++)
                fprintf(f, " %#tx", (char *)t->pc[i] - __executable_start);
            fputc('\n', f);
        }
        t->bytes = t->count = 0;
    }
    if (f)
        fclose(f);
}

static long long stat_total(const arena *a)
{
    long long sum = 0;
    for (size_t j = 0; stat_tab && j < STAT_SLOTS; j++)
        if (stat_tab[j].a == a)
            sum += stat_tab[j].bytes;
    return sum;
}

static void stat_at_exit(void)
{
    for (size_t j = 0; stat_tab && j < STAT_SLOTS; j++)
        if (stat_tab[j].a && stat_total(stat_tab[j].a) >= (1 << 20))
            stat_write(stat_tab[j].a);
}

static void stat_drop(const arena *a)
{
    for (size_t j = 0; stat_tab && j < STAT_SLOTS; j++)
        if (stat_tab[j].a == a)
            stat_tab[j].bytes = stat_tab[j].count = 0;
}

/* n bytes of a's chunks handed out here (negative: given back). */
static void stat_alloc(const arena *a, long long n)
{
    stat_charge(stat_here(a), n);
    stat_charge(stat_site_of(a, NULL), -n);
}
#define STAT(...) __VA_ARGS__
#else
#define STAT(...)
#endif

static _Noreturn void out_of_memory(size_t n)
{
    fprintf(stderr, "fisc: out of memory (allocating %zu bytes)\n", n);
    exit(2);
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

/* size rounded up to ALIGN, or exits when that overflows. */
static size_t round_up(size_t size)
{
    if (size > SIZE_MAX - ALIGN - sizeof(chunk))
        out_of_memory(size);
    return (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static chunk *chunk_new(arena *a, size_t need)
{
    size_t cap = a->next_cap;
    if (cap < need)
        cap = need;
    chunk *c = calloc(1, sizeof(chunk) + cap);
    if (!c)
        out_of_memory(need);
    c->cap = cap;
    STAT(stat_charge(stat_site_of(a, NULL), (long long)cap));
    c->next = a->head;
    a->head = c;
    if (a->next_cap < CHUNK_MAX)
        a->next_cap *= 2;
    return c;
}

/* Makes an empty arena; the first chunk is allocated on first use. */
arena *arena_new(void)
{
    arena *a = calloc(1, sizeof *a);
    if (!a)
        out_of_memory(sizeof *a);
    a->next_cap = CHUNK_MIN;
    STAT(static int at_exit; if (!at_exit) at_exit = atexit(stat_at_exit) == 0);
    return a;
}

static void free_sides(arena *a)
{
    for (side *s = a->sides, *next; s; s = next) {
        next = s->next;
        free(s);
    }
    a->sides = NULL;
}

/* Frees every chunk and side block and the arena itself; a may be NULL. */
void arena_free(arena *a)
{
    if (!a)
        return;
    STAT(if (stat_total(a) >= (1 << 20)) stat_write(a); stat_drop(a));
    for (chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free_sides(a);
    free(a);
}

/* Empties a for reuse: every block handed out (side blocks included) is
 * gone; the newest chunk is kept, cleared, for the next allocations. */
void arena_reset(arena *a)
{
    chunk *keep = a->head;
    if (keep) {
        for (chunk *c = keep->next, *next; c; c = next) {
            next = c->next;
            free(c);
        }
        memset(keep->data, 0, keep->used);
        keep->used = keep->last = 0;
        keep->next = NULL;
    }
    free_sides(a);
    a->used = 0;
    STAT(stat_drop(a); if (keep) stat_charge(stat_site_of(a, NULL), (long long)keep->cap));
}

/* size zeroed bytes aligned for any object; size 0 gives a unique pointer. */
void *arena_alloc(arena *a, size_t size)
{
    size_t n = round_up(size ? size : 1);
    chunk *c = a->head;
    if (!c || c->cap - c->used < n)
        c = chunk_new(a, n);
    c->last = c->used;
    c->used += n;
    a->used += n;
    STAT(stat_alloc(a, (long long)n));
    return c->data + c->last;
}

/* old's contents in a block of newsize bytes; the new tail is zeroed. */
void *arena_grow(arena *a, void *old, size_t oldsize, size_t newsize)
{
    if (!old)
        return arena_alloc(a, newsize);
    if (newsize <= oldsize)
        return old;
    chunk *c = a->head;
    size_t n = round_up(newsize);
    if (c && (unsigned char *)old == c->data + c->last &&
        c->cap - c->last >= n) {
        /* The bytes between the old and new end were never handed out,
         * so calloc's zeroes are still there. */
        a->used += c->last + n - c->used;
        STAT(stat_alloc(a, (long long)(c->last + n - c->used)));
        c->used = c->last + n;
        return old;
    }
    void *p = arena_alloc(a, newsize);
    memcpy(p, old, oldsize);
    return p;
}

/* A NUL-terminated copy of s[0..n). */
char *arena_strndup(arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        out_of_memory(n);
    char *p = arena_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    return p;
}

/* A copy of the NUL-terminated s. */
char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

/* printf into arena memory. */
char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        fprintf(stderr, "fisc: internal error: bad format \"%s\"\n", fmt);
        exit(2);
    }
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

/* printf into arena memory. */
char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

/* Bytes handed out so far, including alignment padding. */
size_t arena_used(const arena *a)
{
    return a->used;
}

/* ---- side blocks ---- */

static side *side_of(void *p)
{
    return (side *)((unsigned char *)p - offsetof(side, data));
}

/* size zeroed bytes in a side block of a (freed with it). */
void *arena_side_alloc(arena *a, size_t size)
{
    if (size > SIZE_MAX - sizeof(side))
        out_of_memory(size);
    side *s = calloc(1, sizeof(side) + size);
    if (!s)
        out_of_memory(size);
    s->next = a->sides;
    if (a->sides)
        a->sides->prev = s;
    a->sides = s;
    STAT(s->site = stat_here(a); s->size = size; stat_charge(s->site, (long long)size));
    return s->data;
}

/* Frees a side block of a now; p may be NULL. */
void arena_side_free(arena *a, void *p)
{
    if (!p)
        return;
    side *s = side_of(p);
    if (s->prev)
        s->prev->next = s->next;
    else
        a->sides = s->next;
    if (s->next)
        s->next->prev = s->prev;
    STAT(stat_charge(s->site, -(long long)s->size));
    free(s);
}

/* old's contents (oldsize bytes) in a side block of newsize bytes, the new
 * tail zeroed; old (a side block of a, or NULL) is freed. */
void *arena_side_grow(arena *a, void *old, size_t oldsize, size_t newsize)
{
    if (!old)
        return arena_side_alloc(a, newsize);
    if (newsize <= oldsize)
        return old;
    if (newsize > SIZE_MAX - sizeof(side))
        out_of_memory(newsize);
    side *s = side_of(old);
    side *prev = s->prev, *next = s->next;
    side *n = realloc(s, sizeof(side) + newsize);
    if (!n)
        out_of_memory(newsize);
    memset(n->data + oldsize, 0, newsize - oldsize);
    STAT(stat_charge(n->site, (long long)(newsize - n->size)); n->size = newsize);
    if (prev)
        prev->next = n;
    else
        a->sides = n;
    if (next)
        next->prev = n;
    return n->data;
}

/* ---- string interning ---- */

/* 16 bytes a slot: a table of the 75,000 names of a 1M-line budget is 2
 * MB, and a probe touches one cache line. */
typedef struct strtab_slot {
    const char *s;          /* NULL: empty slot */
    uint32_t len;           /* sources are at most 1 GB (source.h) */
    uint32_t hash;
} strtab_slot;

struct strtab {
    arena *a;
    strtab_slot *slots;
    size_t cap;             /* power of two */
    size_t count;
};

size_t strtab_hash(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 0xcbf29ce484222325u ^ n;
    for (; n >= 8; b += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, b, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15u;
        h ^= h >> 29;
    }
    for (; n > 0; b++, n--)
        h = (h ^ *b) * 0x100000001b3u;
    return (size_t)(h ^ (h >> 32));
}

/* An empty table living in a. */
strtab *strtab_new(arena *a)
{
    strtab *t = arena_alloc(a, sizeof *t);
    t->a = a;
    t->cap = 256;
    t->slots = arena_side_alloc(a, t->cap * sizeof *t->slots);
    return t;
}

static void strtab_rehash(strtab *t)
{
    size_t cap = t->cap * 2;
    if (cap > SIZE_MAX / sizeof *t->slots)
        out_of_memory(SIZE_MAX);
    strtab_slot *slots = arena_side_alloc(t->a, cap * sizeof *slots);
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].s)
            continue;
        size_t j = t->slots[i].hash & (cap - 1);
        while (slots[j].s)
            j = (j + 1) & (cap - 1);
        slots[j] = t->slots[i];
    }
    arena_side_free(t->a, t->slots);
    t->slots = slots;
    t->cap = cap;
}

/* The one NUL-terminated copy of s[0..n) owned by t. */
const char *strtab_intern(strtab *t, const char *s, size_t n)
{
    if (n >= UINT32_MAX)
        out_of_memory(n);   /* no source holds such a name (source.h) */
    uint32_t h = (uint32_t)strtab_hash(s, n);
    size_t mask = t->cap - 1, i = h & mask;
    for (; t->slots[i].s; i = (i + 1) & mask) {
        strtab_slot *e = &t->slots[i];
        if (e->hash == h && e->len == n && memcmp(e->s, s, n) == 0)
            return e->s;
    }
    /* Grow before the insert would pass 70% load (then re-probe). */
    if ((t->count + 1) * 10 > t->cap * 7) {
        strtab_rehash(t);
        mask = t->cap - 1;
        for (i = h & mask; t->slots[i].s; i = (i + 1) & mask)
            ;
    }
    const char *copy = arena_strndup(t->a, s, n);
    t->slots[i] = (strtab_slot){ copy, (uint32_t)n, h };
    t->count++;
    return copy;
}

/* Number of distinct strings interned. */
size_t strtab_count(const strtab *t)
{
    return t->count;
}

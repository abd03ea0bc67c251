/* test_arena.c: the allocator and string table.
 *
 * Checks the properties other modules rely on without saying so: memory
 * comes back zeroed and aligned, grown blocks keep their contents, and an
 * interned string is the same pointer however it was spelled. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdalign.h>
#include <cmocka.h>
#include "arena.h"
#include "pmap.h"

static void test_alloc_zeroed_aligned(void **state)
{
    (void)state;
    arena *a = arena_new();
    for (size_t n = 0; n < 300; n++) {
        unsigned char *p = arena_alloc(a, n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(p[i], 0);
        memset(p, 0xAB, n);     /* dirty it: the next block must not see it */
    }
    /* A block bigger than any chunk gets its own. */
    unsigned char *big = arena_alloc(a, 20u << 20);
    assert_int_equal(big[0], 0);
    assert_int_equal(big[(20u << 20) - 1], 0);
    assert_true(arena_used(a) >= (20u << 20));
    arena_free(a);
}

static void test_grow(void **state)
{
    (void)state;
    arena *a = arena_new();
    /* A growing array at the top of the arena extends in place. */
    int *v = arena_grow(a, NULL, 0, 4 * sizeof *v);
    for (int i = 0; i < 4; i++)
        v[i] = i;
    int *w = arena_grow(a, v, 4 * sizeof *v, 8 * sizeof *v);
    assert_ptr_equal(v, w);
    for (int i = 0; i < 8; i++)
        assert_int_equal(w[i], i < 4 ? i : 0);

    /* Once something else is allocated, growing copies. */
    char *other = arena_strdup(a, "x");
    assert_string_equal(other, "x");
    size_t n = 8;
    for (; n < 100000; n *= 2) {
        int *g = arena_grow(a, w, n * sizeof *w, 2 * n * sizeof *w);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(g[i], i < 4 ? (int)i : 0);
        for (size_t i = n; i < 2 * n; i++)
            assert_int_equal(g[i], 0);
        w = g;
    }
    /* Shrinking is a no-op. */
    assert_ptr_equal(arena_grow(a, w, n * sizeof *w, 4), w);
    arena_free(a);
}

static void test_strings(void **state)
{
    (void)state;
    arena *a = arena_new();
    assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
    assert_string_equal(arena_printf(a, "%s=%d", "社保", 42), "社保=42");
    char *long_one = arena_printf(a, "%0500d", 7);
    assert_int_equal(strlen(long_one), 500);
    assert_int_equal(long_one[499], '7');
    arena_free(a);
}

static void test_intern_identity(void **state)
{
    (void)state;
    arena *a = arena_new();
    strtab *t = strtab_new(a);
    char buf[] = "社会保险经办机构 tail";
    const char *x = strtab_intern(t, buf, strlen("社会保险经办机构"));
    const char *y = strtab_intern(t, "社会保险经办机构", strlen("社会保险经办机构"));
    assert_ptr_equal(x, y);
    assert_ptr_not_equal(x, buf);
    assert_string_equal(x, "社会保险经办机构");
    assert_ptr_not_equal(strtab_intern(t, "ab", 2), strtab_intern(t, "ab", 1));
    /* Embedded NUL bytes are part of the string. */
    assert_ptr_not_equal(strtab_intern(t, "a\0b", 3), strtab_intern(t, "a\0c", 3));
    assert_ptr_equal(strtab_intern(t, "", 0), strtab_intern(t, "", 0));
    assert_int_equal(strtab_count(t), 6);
    arena_free(a);
}

static void test_intern_growth(void **state)
{
    (void)state;
    enum { N = 100000 };
    arena *a = arena_new();
    strtab *t = strtab_new(a);
    const char **first = arena_alloc(a, N * sizeof *first);
    char buf[32];
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof buf, "name%d", i);
        first[i] = strtab_intern(t, buf, (size_t)n);
    }
    assert_int_equal(strtab_count(t), N);
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof buf, "name%d", i);
        const char *p = strtab_intern(t, buf, (size_t)n);
        assert_ptr_equal(p, first[i]);
        assert_string_equal(p, buf);
    }
    assert_int_equal(strtab_count(t), N);
    arena_free(a);
}

static void test_side_blocks(void **state)
{
    (void)state;
    arena *a = arena_new();
    /* Zeroed, aligned, and grown with contents kept and a zeroed tail. */
    int *v = arena_side_alloc(a, 4 * sizeof *v);
    assert_int_equal((uintptr_t)v % alignof(max_align_t), 0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(v[i], 0);
        v[i] = i + 1;
    }
    int *keep = arena_side_alloc(a, 16);
    size_t n = 4;
    for (; n < 1 << 16; n *= 2) {
        v = arena_side_grow(a, v, n * sizeof *v, 2 * n * sizeof *v);
        for (size_t i = 0; i < 2 * n; i++)
            assert_int_equal(v[i], i < 4 ? (int)i + 1 : 0);
    }
    /* Growing a side block hands out no arena bytes: nothing is left behind. */
    assert_int_equal(arena_used(a), 0);
    arena_side_free(a, keep);
    arena_side_free(a, NULL);
    /* The rest is freed with the arena (the leak checker of make asan
     * and make valgrind says so). */
    arena_free(a);
}

static void test_reset(void **state)
{
    (void)state;
    arena *a = arena_new();
    for (int round = 0; round < 3; round++) {
        for (size_t k = 0; k < 1000; k++) {
            unsigned char *p = arena_alloc(a, 1000);
            for (size_t i = 0; i < 1000; i++)
                assert_int_equal(p[i], 0);
            memset(p, 0xCD, 1000);
        }
        arena_side_alloc(a, 100);
        assert_true(arena_used(a) >= 1000 * 1000);
        arena_reset(a);
        assert_int_equal(arena_used(a), 0);
    }
    arena_free(a);
}

/* The largest chunks are mapped on their own (huge pages where the
 * kernel gives them): zeroed, aligned, usable to the last byte, still
 * zeroed after a reset, and returned by arena_free (ASan and valgrind
 * see the rest). */
static void test_big_chunks(void **state)
{
    (void)state;
    arena *a = arena_new();
    unsigned char *blocks[12];
    for (int i = 0; i < 12; i++) {
        size_t n = (size_t)(i + 1) * 1024 * 1024;
        unsigned char *p = arena_alloc(a, n);
        assert_true((uintptr_t)p % alignof(max_align_t) == 0);
        assert_int_equal(p[0], 0);
        assert_int_equal(p[n / 2], 0);
        assert_int_equal(p[n - 1], 0);
        memset(p, 0xAB, n);
        blocks[i] = p;
    }
    for (int i = 0; i < 12; i++)
        assert_int_equal(blocks[i][(size_t)(i + 1) * 1024 * 1024 - 1], 0xAB);
    arena_reset(a);
    for (int i = 0; i < 3; i++) {
        size_t n = 7 * 1024 * 1024;
        unsigned char *p = arena_alloc(a, n);
        for (size_t j = 0; j < n; j += 4096)
            assert_int_equal(p[j], 0);
        assert_int_equal(p[n - 1], 0);
        memset(p, 0xCD, n);
    }
    arena_free(a);
}

static void test_pmap(void **state)
{
    (void)state;
    enum { N = 50000 };
    arena *a = arena_new();
    static int keys[N];
    pmap m = { 0 };
    bool found;
    for (size_t i = 0; i < N; i++) {
        size_t *v = pmap_slot(a, &m, &keys[i], &keys[i / 2], &found);
        assert_false(found);
        *v = i;
    }
    assert_int_equal(m.n, N);
    for (size_t i = 0; i < N; i++) {
        const size_t *v = pmap_get(&m, &keys[i], &keys[i / 2]);
        assert_non_null(v);
        assert_int_equal(*v, i);
        assert_true(*pmap_slot(a, &m, &keys[i], &keys[i / 2], &found) == i && found);
    }
    assert_null(pmap_get(&m, &keys[3], &keys[3]));
    /* The table is a side block: no arena bytes, and freed on demand. */
    assert_int_equal(arena_used(a), 0);
    pmap_free(a, &m);
    assert_null(pmap_get(&m, &keys[1], &keys[0]));
    /* Reserved for n keys, it does not move while they go in. */
    pmap r = { 0 };
    pmap_reserve(a, &r, 1000);
    pmap_entry *t = r.t;
    for (size_t i = 0; i < 1000; i++)
        *pmap_slot(a, &r, &keys[i], NULL, &found) = i;
    assert_ptr_equal(r.t, t);
    assert_int_equal(*pmap_get(&r, &keys[999], NULL), 999);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_zeroed_aligned),
        cmocka_unit_test(test_grow),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_intern_identity),
        cmocka_unit_test(test_intern_growth),
        cmocka_unit_test(test_side_blocks),
        cmocka_unit_test(test_reset),
        cmocka_unit_test(test_big_chunks),
        cmocka_unit_test(test_pmap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

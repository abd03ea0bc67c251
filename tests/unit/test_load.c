/* test_load.c: which files a budget may name, and files that are not
 * fisc source.
 *
 * A scratch tree under /tmp: a repository (a .git folder) holding a budget
 * folder and a library, a folder outside it, symlinks between them. */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"

static char root[64];

static const char *at(arena *a, const char *rel)
{
    return arena_printf(a, "%s/%s", root, rel);
}

static void put_n(arena *a, const char *rel, const char *text, size_t n)
{
    FILE *f = fopen(at(a, rel), "w");
    assert_non_null(f);
    fwrite(text, 1, n, f);
    fclose(f);
}

static void put(arena *a, const char *rel, const char *text)
{
    put_n(a, rel, text, strlen(text));
}

static int setup(void **state)
{
    (void)state;
    strcpy(root, "/tmp/fisc-load-XXXXXX");
    assert_non_null(mkdtemp(root));
    arena *a = arena_new();
    assert_int_equal(mkdir(at(a, "repo"), 0700), 0);
    assert_int_equal(mkdir(at(a, "repo/.git"), 0700), 0);
    assert_int_equal(mkdir(at(a, "repo/b"), 0700), 0);
    assert_int_equal(mkdir(at(a, "repo/lib"), 0700), 0);
    assert_int_equal(mkdir(at(a, "out"), 0700), 0);
    put(a, "repo/b/x.fisc", "budget \"x\" {\n    year 2022\n}\n");
    put(a, "repo/lib/l.fisc", "// a library\n\nclassification c {\n    1 一\n}\n");
    put(a, "out/o.fisc", "classification d {\n}\n");
    assert_int_equal(symlink(at(a, "out/o.fisc"), at(a, "repo/lib/away.fisc")), 0);
    assert_int_equal(symlink("../lib", at(a, "repo/b/lib")), 0);
    arena_free(a);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_reach(void **state)
{
    (void)state;
    arena *a = arena_new();
    load_reach rc;
    load_reach_init(&rc, a, at(a, "repo/b/x.fisc"), NULL, NULL, false);
    assert_true(rc.repository);
    assert_int_equal(rc.nroots, 1);
    assert_null(load_outside(&rc, a, at(a, "repo/lib/l.fisc")));
    assert_null(load_outside(&rc, a, at(a, "repo/b/../lib/./l.fisc")));
    assert_null(load_outside(&rc, a, at(a, "repo/b/lib/l.fisc")));         /* a symlink inside */
    assert_null(load_outside(&rc, a, at(a, "repo/lib/missing.fisc")));
    assert_non_null(load_outside(&rc, a, at(a, "repo/lib/away.fisc")));    /* a symlink out */
    assert_non_null(load_outside(&rc, a, at(a, "out/o.fisc")));
    assert_non_null(load_outside(&rc, a, at(a, "repo/b/../../out/o.fisc")));
    assert_non_null(load_outside(&rc, a, at(a, "repo/../repo-twin/x.fisc")));  /* a prefix is no folder */
    assert_non_null(load_outside(&rc, a, at(a, "repo/nowhere/../../../../etc/shadow")));
    assert_non_null(load_outside(&rc, a, "/proc/self/environ"));
    const char *why = load_outside(&rc, a, "/etc/passwd");
    assert_non_null(strstr(why, "outside the budget's repository"));
    /* The import root widens it; --allow-import-anywhere lifts it. */
    load_reach_init(&rc, a, at(a, "repo/b/x.fisc"), at(a, "out"), NULL, false);
    assert_null(load_outside(&rc, a, at(a, "out/o.fisc")));
    load_reach_init(&rc, a, at(a, "repo/b/x.fisc"), NULL, NULL, true);
    assert_null(load_outside(&rc, a, "/etc/passwd"));
    /* Outside a repository: the budget's folder. */
    load_reach_init(&rc, a, at(a, "out/o.fisc"), NULL, NULL, false);
    assert_false(rc.repository);
    assert_null(load_outside(&rc, a, at(a, "out/other.fisc")));
    assert_non_null(load_outside(&rc, a, at(a, "repo/lib/l.fisc")));
    arena_free(a);
}

/* load_parse on text[0..n); returns why (NULL: fisc source, else a
 * non-NULL string). */
static const char *source_n(arena *a, const char *text, size_t n, uint32_t *where, size_t *ndiags)
{
    put_n(a, "s.fisc", text, n);
    diag_list *d = diag_new(a);
    const char *why = "unset";
    src_file *src = src_load(a, at(a, "s.fisc"), &why);
    assert_non_null(src);
    ast_file *f = load_parse(a, strtab_new(a), d, src, &why, where);
    assert_non_null(f);
    *ndiags = diag_size(d);
    if (why)
        assert_int_equal(f->nitems, 0);
    return why;
}

static const char *source(arena *a, const char *text, uint32_t *where, size_t *ndiags)
{
    return source_n(a, text, strlen(text), where, ndiags);
}

/* The reason, or "" for fisc source; REASON takes a string literal
 * whole, NUL bytes included. */
static const char *reason(arena *a, const char *text, size_t n, uint32_t *where, size_t *ndiags)
{
    const char *why = source_n(a, text, n, where, ndiags);
    return why ? why : "";
}

#define REASON(a, lit) reason(a, lit, sizeof(lit) - 1, &where, &n)

static void test_stranger(void **state)
{
    (void)state;
    arena *a = arena_new();
    uint32_t where = 0;
    size_t n;
    /* A budget with errors past its first line keeps them. */
    assert_null(source(a, "// c\n\nbudget \"x\" {\n    year 2022 2023\n}\n", &where, &n));
    assert_true(n > 0);
    assert_string_equal(REASON(a, "root:x:0:0:root:/root:/bin/bash\nx = 1\n"),
                        "its first line of code holds what fisc does not accept");
    assert_int_equal(n, 0);
    assert_int_equal(where, 4);
    assert_non_null(strstr(REASON(a, "SECRET=hunter2\n"), "does not parse: syntax error"));
    assert_string_equal(REASON(a, "A=1\0B=2\0"), "it holds NUL bytes (a binary file?)");
    assert_non_null(strstr(REASON(a, "// \xb2\xe2\xca\xd4\nbudget \"x\" {\n}\n"), "GBK"));
    assert_string_equal(REASON(a, "// \033[2J\nbudget \"x\" {\n}\n"), "it holds control characters");
    assert_non_null(strstr(REASON(a, "\xff\xfe" "b\0u\0"), "UTF-16"));
    /* An error on the first line of a real budget hides the text too, but
     * says where. */
    assert_non_null(source(a, "\n\nimport lib/x.fisc\n", &where, &n));
    assert_int_equal(where, 9);
    arena_free(a);
}

/* load_named on text: the diagnostics it leaves, in d. */
static diag_list *named(arena *a, const char *text)
{
    put_n(a, "n.fisc", text, strlen(text));
    diag_list *d = diag_new(a);
    const char *why = NULL;
    src_file *src = src_load(a, at(a, "n.fisc"), &why);
    assert_non_null(src);
    assert_non_null(load_named(a, strtab_new(a), d, src));
    return d;
}

/* The file the user named is a budget with a typo on line 1 when that
 * line is printable text starting with a keyword or a word one edit from
 * one: its diagnostics are kept and echoed.  Anything else is a stranger,
 * and so is every such file when another file names it (load_parse). */
static void test_named_typo(void **state)
{
    (void)state;
    arena *a = arena_new();
    diag_list *d = named(a, "budgte \"x\" {\n    year 2022\n}\n");
    assert_int_equal(diag_size(d), 1);
    assert_false(diag_at(d, 0)->no_echo);
    assert_string_equal(diag_at(d, 0)->msg, "unknown keyword 'budgte'; did you mean 'budget'?");
    d = named(a, "// 2022\nbudget 深圳 {\n    year 2022\n}\n");
    assert_false(diag_at(d, 0)->no_echo);
    assert_non_null(strstr(diag_at(d, 0)->msg, "syntax error"));
    /* not fisc: no keyword near, or not printable, or invisible */
    const char *strangers[] = {
        "root:x:0:0:root:/root:/bin/bash\n", "SECRET=hunter2\n", "-----BEGIN OPENSSH PRIVATE KEY-----\n",
        "budgte \"x\" {\033]0;t\a\n", "budgte \"\u202e\" {\n", "machine github.com login x password y\n",
    };
    for (size_t i = 0; i < sizeof strangers / sizeof *strangers; i++) {
        d = named(a, strangers[i]);
        assert_int_equal(diag_size(d), 1);
        assert_true(diag_at(d, 0)->no_echo);
        assert_non_null(strstr(diag_at(d, 0)->msg, "not a fisc source file"));
    }
    /* named by another file: a stranger, typo or not */
    uint32_t where = 0;
    size_t n;
    assert_non_null(source(a, "budgte \"x\" {\n    year 2022\n}\n", &where, &n));
    assert_int_equal(n, 0);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reach),
        cmocka_unit_test(test_stranger),
        cmocka_unit_test(test_named_typo),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

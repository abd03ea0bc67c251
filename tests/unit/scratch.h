/* scratch.h: a scratch directory for the unit tests that write files
 * (test_outdir.c, test_outfile.c): one per test, under TMPDIR or /tmp,
 * removed with what is in it (four levels deep) by teardown.  The helpers
 * are static inline so that a test using only some of them compiles
 * without warnings.  Include after cmocka.h. */
#ifndef FISC_TEST_SCRATCH_H
#define FISC_TEST_SCRATCH_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct scratch {
    char root[512];
} scratch;

/* root/rel, in one of four rotating buffers. */
static inline char *path(const scratch *s, const char *rel)
{
    static char buf[4][1400];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", s->root, rel);
    return buf[k];
}

static inline void write_file(const char *p, const char *text)
{
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* The file's contents, or NULL when it cannot be read.  Caller frees. */
static inline char *read_file(const char *p)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    char *buf = calloc(1, 65536);
    assert_non_null(buf);
    size_t n = fread(buf, 1, 65535, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static inline void expect_file(const char *p, const char *want)
{
    char *got = read_file(p);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

/* Entries in dir (not . and ..), or -1 when it cannot be opened. */
static inline int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static inline void rm_tree(const char *p, int depth)
{
    struct stat st;
    if (lstat(p, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode) && depth > 0) {
        chmod(p, 0755);
        DIR *d = opendir(p);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                char sub[1400];
                int n = snprintf(sub, sizeof sub, "%s/%s", p, e->d_name);
                if (n > 0 && (size_t)n < sizeof sub)
                    rm_tree(sub, depth - 1);
            }
            closedir(d);
        }
        rmdir(p);
    } else {
        unlink(p);
    }
}

static inline int setup(void **state)
{
    scratch *s = calloc(1, sizeof *s);
    const char *tmp = getenv("TMPDIR");
    snprintf(s->root, sizeof s->root, "%s/fisc-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(s->root)) {
        free(s);
        return -1;
    }
    *state = s;
    return 0;
}

static inline int teardown(void **state)
{
    scratch *s = *state;
    rm_tree(s->root, 4);
    free(s);
    return 0;
}

#endif

/* common.h: helpers shared by the libFuzzer targets.
 *
 * The resolver reads files by path (imports are relative to the importing
 * file), so each input is written to a file in a private directory under
 * /dev/shm (or $TMPDIR) made once per process.  Inputs that could make an
 * import read a device or a pseudo-file (/dev/zero never ends) are
 * skipped: that is a property of the file system, not of fisc. */
#ifndef FISC_FUZZ_COMMON_H
#define FISC_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fz_dir[256];

/* Removes the per-process directory and the inputs written into it. */
static void fz_cleanup(void)
{
    static const char *names[] = { "in.fisc", "old.fisc", "new.fisc" };
    char p[512];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", fz_dir, names[i]);
        unlink(p);
    }
    rmdir(fz_dir);
}

static const char *fz_tmpdir(void)
{
    if (!fz_dir[0]) {
        const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
        snprintf(fz_dir, sizeof fz_dir, "%s/fisc-fuzz-XXXXXX", base ? base : "/tmp");
        if (!mkdtemp(fz_dir)) {
            perror("fisc fuzz: mkdtemp");
            abort();
        }
        atexit(fz_cleanup);
    }
    return fz_dir;
}

/* Writes data to DIR/name; returns the path (static storage per slot). */
static const char *fz_write(int slot, const char *name, const uint8_t *data, size_t n)
{
    static char paths[4][512];
    snprintf(paths[slot], sizeof paths[slot], "%s/%s", fz_tmpdir(), name);
    FILE *f = fopen(paths[slot], "wb");
    if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0) {
        perror("fisc fuzz: writing the input");
        abort();
    }
    return paths[slot];
}

/* True when the input mentions a path fisc must not be fuzzed into. */
static int fz_unsafe(const uint8_t *data, size_t n)
{
    static const char *bad[] = { "dev/", "proc/", "sys/", "/.." , "fd/" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t k = strlen(bad[i]);
        for (size_t j = 0; j + k <= n; j++)
            if (memcmp(data + j, bad[i], k) == 0)
                return 1;
    }
    return 0;
}

#endif

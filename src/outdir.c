/* outdir.c: atomic output directories.
 *
 * begin:  mkdtemp PARENT/.BASE.tmp-XXXXXX (same filesystem as the target,
 *         so the final rename is atomic), permissions set from the umask.
 * open:   files are created inside it, exclusively ("wx").
 * commit: every stream flushed, fsynced and closed; the directory fsynced;
 *         an existing target renamed to a reserved PARENT/.BASE.old-XXXXXX,
 *         the new directory renamed to the target, the parent fsynced, and
 *         the old one removed -- only its regular files and itself, never
 *         recursively into anything else.  If the second rename fails the
 *         old directory is renamed back.
 * abort:  the temporary directory removed; the target never touched.
 *
 * Between the two renames of commit the target briefly does not exist;
 * a reader sees either the old output, nothing, or the new output, never
 * a mixture.  An existing target is replaced only when it looks like
 * earlier output (a directory of regular *.csv / *.txt / *.json files),
 * checked at begin so nothing is written when it would be refused.
 * Allocation failure is fatal, as in the arena. */
#define _GNU_SOURCE             /* realpath; syncfs on Linux */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "outdir.h"

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (!p) {
        fputs("fisc: out of memory\n", stderr);
        exit(2);
    }
    return memcpy(p, s, n);
}

/* a + b + c, freshly allocated. */
static char *cat3(const char *a, const char *b, const char *c)
{
    size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
    char *p = malloc(na + nb + nc + 1);
    if (!p) {
        fputs("fisc: out of memory\n", stderr);
        exit(2);
    }
    memcpy(p, a, na);
    memcpy(p + na, b, nb);
    memcpy(p + na + nb, c, nc + 1);
    return p;
}

static void set_err(outdir *od, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void set_err(outdir *od, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(od->err, sizeof od->err, fmt, ap);
    va_end(ap);
}

/* Splits od->dir into parent and base. */
static void split(outdir *od)
{
    free(od->parent);
    free(od->base);
    char *slash = strrchr(od->dir, '/');
    if (!slash) {
        od->parent = xstrdup(".");
        od->base = xstrdup(od->dir);
    } else {
        od->base = xstrdup(slash + 1);
        if (slash == od->dir) {
            od->parent = xstrdup("/");
        } else {
            *slash = '\0';
            od->parent = xstrdup(od->dir);
            *slash = '/';
        }
    }
}

static void release(outdir *od)
{
    for (size_t i = 0; i < od->nfiles; i++)
        if (od->files[i])
            fclose(od->files[i]);
    free(od->files);
    free(od->dir);
    free(od->parent);
    free(od->base);
    free(od->tmp);
    od->files = NULL;
    od->nfiles = od->cap = 0;
    od->dir = od->parent = od->base = od->tmp = NULL;
}

static bool has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n > k && memcmp(s + n - k, suf, k) == 0;
}

/* Removes dir's regular files and then dir itself; anything else in it
 * is left alone (and so is dir).  0 when dir is gone. */
static int remove_plain(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(st.st_mode))
            unlinkat(dirfd(d), e->d_name, 0);
    }
    closedir(d);
    return rmdir(dir);
}

/* An existing target may be replaced: every entry a regular file named
 * *.csv, *.txt or *.json.  False with od->err set otherwise. */
static bool replaceable(outdir *od)
{
    DIR *d = opendir(od->dir);
    if (!d) {
        set_err(od, "%s", strerror(errno));
        return false;
    }
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
            continue;
        struct stat st;
        if (fstatat(dirfd(d), n, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode) ||
            !(has_suffix(n, ".csv") || has_suffix(n, ".txt") || has_suffix(n, ".json"))) {
            set_err(od, "it exists and holds '%s', which fisc does not write; "
                    "not replacing it", n);
            ok = false;
        }
    }
    closedir(d);
    return ok;
}

static void fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);      /* best effort: some filesystems refuse */
        close(fd);
    }
}

/* Creates the temporary directory beside dir.  0, or -1 with od->err set. */
int outdir_begin(const char *dir, outdir *od)
{
    memset(od, 0, sizeof *od);
    od->dir = xstrdup(dir);
    size_t n = strlen(od->dir);
    while (n > 1 && od->dir[n - 1] == '/')
        od->dir[--n] = '\0';
    if (n == 0) {
        set_err(od, "empty path");
        release(od);
        return -1;
    }
    split(od);

    struct stat st;
    if (lstat(od->dir, &st) == 0 && S_ISLNK(st.st_mode)) {
        /* A link to the output: replace what it points to, not the link. */
        char *real = realpath(od->dir, NULL);
        if (!real) {
            set_err(od, "%s", strerror(errno));
            release(od);
            return -1;
        }
        free(od->dir);
        od->dir = real;
        split(od);
    }
    if (strcmp(od->base, ".") == 0 || strcmp(od->base, "..") == 0 ||
        strcmp(od->dir, "/") == 0) {
        set_err(od, "name the output directory itself, not '%s'", od->base);
        release(od);
        return -1;
    }
    if (lstat(od->dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            set_err(od, "it exists and is not a directory");
            release(od);
            return -1;
        }
        if (!replaceable(od)) {
            release(od);
            return -1;
        }
    } else if (errno != ENOENT) {
        set_err(od, "%s", strerror(errno));
        release(od);
        return -1;
    }
    if (stat(od->parent, &st) != 0) {
        if (errno == ENOENT)
            set_err(od, "directory '%s' does not exist", od->parent);
        else
            set_err(od, "%s", strerror(errno));
        release(od);
        return -1;
    }

    char *tmpl = cat3(od->parent, "/.", od->base);
    od->tmp = cat3(tmpl, ".tmp-", "XXXXXX");
    free(tmpl);
    if (!mkdtemp(od->tmp)) {
        set_err(od, "%s", strerror(errno));
        free(od->tmp);
        od->tmp = NULL;
        release(od);
        return -1;
    }
    /* mkdtemp makes it 0700; give it the mode mkdir would have. */
    mode_t mask = umask(0);
    umask(mask);
    chmod(od->tmp, 0777 & ~mask);
    return 0;
}

/* Opens a new file name (no '/') in the temporary directory for writing. */
FILE *outdir_open(outdir *od, const char *name)
{
    if (!od->tmp) {
        set_err(od, "output directory already finished");
        return NULL;
    }
    if (name[0] == '\0' || strchr(name, '/') || strcmp(name, ".") == 0 ||
        strcmp(name, "..") == 0) {
        set_err(od, "'%s' is not a file name", name);
        return NULL;
    }
    if (od->nfiles == od->cap) {
        size_t cap = od->cap ? od->cap * 2 : 16;
        FILE **f = realloc(od->files, cap * sizeof *f);
        if (!f) {
            fputs("fisc: out of memory\n", stderr);
            exit(2);
        }
        od->files = f;
        od->cap = cap;
    }
    char *path = cat3(od->tmp, "/", name);
    FILE *f = fopen(path, "wbx");
    int e = errno;
    free(path);
    if (!f) {
        set_err(od, "%s: %s", name, strerror(e));
        return NULL;
    }
    od->files[od->nfiles++] = f;
    return f;
}

/* Flushes and closes one stream; false (od->err set) on error.  The data
 * reach the disk in sync_files, all at once before the rename. */
static bool close_one(outdir *od, FILE *f)
{
    int e = 0;
    if (fflush(f) != 0 || ferror(f))
        e = errno ? errno : EIO;
    if (fclose(f) != 0 && e == 0)
        e = errno ? errno : EIO;
    if (e)
        set_err(od, "%s", strerror(e));
    return e == 0;
}

/* Flushes, fsyncs and closes every stream; false (od->err set) if any
 * write failed. */
static bool close_all(outdir *od)
{
    bool ok = true;
    for (size_t i = 0; i < od->nfiles; i++) {
        FILE *f = od->files[i];
        od->files[i] = NULL;
        if (!close_one(od, f) && ok)
            ok = false;
    }
    od->nfiles = 0;
    return ok;
}

/* Closes f, one of od's streams, now: a build of many tables keeps one
 * file open at a time.  False (od->err set) on a write error. */
bool outdir_close(outdir *od, FILE *f)
{
    for (size_t i = 0; i < od->nfiles; i++) {
        if (od->files[i] != f)
            continue;
        od->files[i] = od->files[--od->nfiles];
        return close_one(od, f);
    }
    return false;
}

/* Puts the directory in place of the target.  0, or -1 with od->err set. */
/* Makes every file in the temporary directory durable before it is
 * renamed into place: one syncfs on Linux (a build may write 15,000
 * files; an fsync each costs seconds), else an fsync per file. */
static bool sync_files(outdir *od)
{
#ifdef __linux__
    int fd = open(od->tmp, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        int r = syncfs(fd);
        int e = errno;
        close(fd);
        if (r == 0)
            return true;
        if (e != ENOSYS) {
            set_err(od, "%s", strerror(e));
            return false;
        }
    }
#endif
    DIR *d = opendir(od->tmp);
    if (!d)
        return true;
    bool ok = true;
    for (struct dirent *de; ok && (de = readdir(d));) {
        if (de->d_name[0] == '.')
            continue;
        char *path = cat3(od->tmp, "/", de->d_name);
        int ffd = open(path, O_RDONLY);
        free(path);
        if (ffd < 0)
            continue;
        if (fsync(ffd) != 0 && errno != EINVAL && errno != EROFS) {
            set_err(od, "%s", strerror(errno));
            ok = false;
        }
        close(ffd);
    }
    closedir(d);
    return ok;
}

int outdir_commit(outdir *od)
{
    if (!od->tmp) {
        set_err(od, "output directory already finished");
        return -1;
    }
    errno = 0;
    if (!close_all(od) || !sync_files(od)) {
        outdir_abort(od);
        return -1;
    }
    fsync_dir(od->tmp);

    char *backup = NULL;
    struct stat st;
    if (lstat(od->dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            set_err(od, "it exists and is not a directory");
            outdir_abort(od);
            return -1;
        }
        /* Reserve a name, then rename over the empty directory there. */
        char *tmpl = cat3(od->parent, "/.", od->base);
        backup = cat3(tmpl, ".old-", "XXXXXX");
        free(tmpl);
        if (!mkdtemp(backup) || rename(od->dir, backup) != 0) {
            set_err(od, "%s", strerror(errno));
            rmdir(backup);
            free(backup);
            outdir_abort(od);
            return -1;
        }
    } else if (errno != ENOENT) {
        set_err(od, "%s", strerror(errno));
        outdir_abort(od);
        return -1;
    }

    if (rename(od->tmp, od->dir) != 0) {
        int e = errno;
        if (backup && rename(backup, od->dir) != 0)
            set_err(od, "%s (the previous output is in '%s')", strerror(e), backup);
        else
            set_err(od, "%s", strerror(e));
        free(backup);
        outdir_abort(od);
        return -1;
    }
    fsync_dir(od->parent);
    if (backup) {
        remove_plain(backup);   /* leftovers only if someone added to it */
        free(backup);
    }
    free(od->tmp);
    od->tmp = NULL;
    release(od);
    return 0;
}

/* Removes the temporary directory; the target stays as it was. */
void outdir_abort(outdir *od)
{
    for (size_t i = 0; i < od->nfiles; i++)
        if (od->files[i])
            fclose(od->files[i]);
    od->nfiles = 0;
    if (od->tmp)
        remove_plain(od->tmp);
    release(od);
}

/* The reason for the last failure. */
const char *outdir_error(const outdir *od)
{
    return od->err[0] ? od->err : "unknown error";
}

/* outdir.c: atomic output directories that replace only what fisc wrote.
 *
 * begin:  removes stale leftovers of the same target (below); judges an
 *         existing target (outdir.h: empty, or fisc's by its list); then
 *         mkdtemp PARENT/.BASE.tmp-PID-XXXXXX (same filesystem as the
 *         target, so the final rename is atomic; 0700 while it is
 *         written, the target's mode or mkdir's once done), and starts
 *         the list OUTDIR_MARKER in it.
 * open:   the name is appended to the list first, then the file is
 *         created exclusively ("wx"): a list never misses a file, so
 *         whatever removes the directory later can go by the list alone.
 * commit: every stream flushed and closed; the files made durable; the
 *         target judged again, now against the names this build wrote
 *         (for a directory without a list); an existing target renamed to
 *         a reserved PARENT/.BASE.old-PID-XXXXXX, the new directory
 *         renamed to the target, the parent fsynced, and the old one
 *         emptied of the files judged to be fisc's, then removed.  If the
 *         second rename fails the old directory is renamed back.
 * abort:  the temporary directory emptied of the files its list names,
 *         then removed; the target never touched.
 *
 * Nothing is ever removed by pattern or recursively: only names a list
 * holds (or, for a directory written before lists existed, names this
 * build writes again), and directories only by rmdir, which fails on a
 * directory that still holds something.  A file someone adds to the
 * target during a build therefore survives in the .old directory, which
 * is then kept and reported.
 *
 * Leftovers of a killed build are recognised by name (the prefix of this
 * target, a pid, mkdtemp's six characters), by owner (the same user) and
 * by the pid no longer running (kill(pid, 0) fails with ESRCH); a pid that
 * was reused only delays the clean-up.  Between the two renames of commit
 * the target briefly does not exist: a reader sees the old output,
 * nothing, or the new output, never a mixture.  Allocation failure is
 * fatal, as in the arena. */
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
#include "arena.h"
#include "outdir.h"
#include "i18n.h"
#include "outfile.h"

/* The first line of every list; the comment lines after it are for a
 * person who finds the file. */
static const char marker_head[] = "fisc-build 1\n";
static const char marker_note[] =
    "# The files `fisc build` wrote here, one a line.  The next build\n"
    "# replaces this directory only while it holds nothing but these.\n";

/* A list can be long (a table a line) but not unbounded. */
#define MARKER_MAX_BYTES ((off_t)256 << 20)

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

/* a + b + c, freshly allocated. */
static char *cat3(const char *a, const char *b, const char *c)
{
    size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
    char *p = xrealloc(NULL, na + nb + nc + 1);
    memcpy(p, a, na);
    memcpy(p + na, b, nb);
    memcpy(p + na + nb, c, nc + 1);
    return p;
}

/* od->err or od->warn, printf-style. */
static void set_msg(char *dst, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_msg(char *dst, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst, cap, i18n_text(fmt), ap);
    va_end(ap);
}
#define set_err(od, ...) set_msg((od)->err, sizeof (od)->err, __VA_ARGS__)
#define set_warn(od, ...) set_msg((od)->warn, sizeof (od)->warn, __VA_ARGS__)

/* ---- lists of names ------------------------------------------------ */

typedef struct names {
    char **v;
    size_t n, cap;
} names;

static void names_add(names *l, const char *s, size_t n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    char *p = xrealloc(NULL, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    l->v[l->n++] = p;
}

static void names_free(names *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void names_sort(names *l)
{
    if (l->n > 1)
        qsort(l->v, l->n, sizeof *l->v, cmp_name);
}

/* After names_sort. */
static bool names_has(const names *l, const char *s)
{
    return l->n > 0 && bsearch(&s, l->v, l->n, sizeof *l->v, cmp_name) != NULL;
}

/* Reads the list in directory dfd into *l (sorted).  1: a fisc list; 0:
 * there is none; -1: OUTDIR_MARKER exists but is not one (not a regular
 * file, too large, or without the first line). */
static int read_marker(int dfd, names *l)
{
    memset(l, 0, sizeof *l);
    int fd = openat(dfd, OUTDIR_MARKER, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MARKER_MAX_BYTES) {
        close(fd);
        return -1;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = xrealloc(NULL, cap);
    for (ssize_t r; n < cap - 1 && (r = read(fd, buf + n, cap - 1 - n)) != 0;) {
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            free(buf);
            close(fd);
            return -1;
        }
        n += (size_t)r;
    }
    close(fd);
    size_t head = sizeof marker_head - 1;
    if (n < head || memcmp(buf, marker_head, head) != 0) {
        free(buf);
        return -1;
    }
    for (size_t i = head; i < n;) {
        char *nl = memchr(buf + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - buf) : n;
        if (e > i && buf[i] != '#')
            names_add(l, buf + i, e - i);
        i = e + 1;
    }
    free(buf);
    names_sort(l);
    return 1;
}

/* ---- the directory being replaced ----------------------------------- */

static bool has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n > k && memcmp(s + n - k, suf, k) == 0;
}

/* May dir be replaced?  It may when it is empty, or holds a list and only
 * regular files the list names, or -- written before lists existed --
 * holds no list and only regular files this build writes (written,
 * sorted).  At begin written is NULL and such a directory passes when
 * every entry is a regular *.csv, *.txt or *.json file; commit judges it
 * again with the names.  *doomed gets every name dir holds (its list
 * included): what the replacement removes.  False with od->err set. */
static bool judge(outdir *od, const char *dir, const names *written, names *doomed)
{
    memset(doomed, 0, sizeof *doomed);
    DIR *d = opendir(dir);
    if (!d) {
        set_err(od, "%s", strerror(errno));
        return false;
    }
    names list;
    int has_list = read_marker(dirfd(d), &list);
    bool ok = true;
    if (has_list < 0) {
        set_err(od, "its %s file is not a list fisc wrote; build into a new or empty "
                "directory", OUTDIR_MARKER);
        ok = false;
    }
    errno = 0;
    for (struct dirent *e; ok && (e = readdir(d)) != NULL; errno = 0) {
        const char *n = e->d_name;
        if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
            continue;
        if (has_list && strcmp(n, OUTDIR_MARKER) == 0) {
            names_add(doomed, n, strlen(n));
            continue;
        }
        struct stat st;
        bool file = fstatat(dirfd(d), n, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
        if (has_list && !(file && names_has(&list, n))) {
            set_err(od, "it holds '%s', which fisc did not write there (it is not in %s); "
                    "move it away or build into another directory", n, OUTDIR_MARKER);
            ok = false;
        } else if (!has_list && !(file && (has_suffix(n, ".csv") || has_suffix(n, ".txt") ||
                                          has_suffix(n, ".json")))) {
            set_err(od, "it holds '%s' and is not a fisc output directory (it has no %s "
                    "list); build into a new or empty directory", n, OUTDIR_MARKER);
            ok = false;
        } else if (!has_list && written && !names_has(written, n)) {
            set_err(od, "it holds '%s', which this build does not write, and no %s list "
                    "(fisc wrote none before it kept one); remove that file or the "
                    "directory, or build into another one", n, OUTDIR_MARKER);
            ok = false;
        } else {
            names_add(doomed, n, strlen(n));
        }
    }
    if (ok && errno != 0) {
        set_err(od, "%s", strerror(errno));
        ok = false;
    }
    closedir(d);
    if (has_list > 0)
        names_free(&list);
    if (!ok)
        names_free(doomed);
    return ok;
}

/* Removes from dir the regular files named in l, then dir itself when
 * that leaves it empty.  0 when dir is gone. */
static int remove_listed(const char *dir, const names *l)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0)
        return -1;
    for (size_t i = 0; i < l->n; i++) {
        struct stat st;
        if (fstatat(dfd, l->v[i], &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
            unlinkat(dfd, l->v[i], 0);
    }
    close(dfd);
    return rmdir(dir);
}

/* Removes a directory fisc made by the list it holds: the files named,
 * the list, then the directory if empty.  0 when it is gone. */
static int remove_by_list(const char *dir)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0)
        return -1;
    names l;
    int has = read_marker(dfd, &l);
    close(dfd);
    if (has > 0) {
        names_add(&l, OUTDIR_MARKER, strlen(OUTDIR_MARKER));
        int r = remove_listed(dir, &l);
        names_free(&l);
        return r;
    }
    return rmdir(dir);
}

/* ---- leftovers ------------------------------------------------------ */

/* Removes the leftovers of killed builds into od->dir (see the top). */
static void clean_leftovers(outdir *od)
{
    DIR *d = opendir(od->parent);
    if (!d)
        return;
    names stale = { 0 };
    char *tmp = cat3(".", od->base, ".tmp-"), *old = cat3(".", od->base, ".old-");
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        long pid = outfile_leftover_pid(e->d_name, tmp);
        if (pid == 0)
            pid = outfile_leftover_pid(e->d_name, old);
        struct stat st;
        if (pid > 0 && fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISDIR(st.st_mode) && st.st_uid == geteuid() && !outfile_pid_running(pid))
            names_add(&stale, e->d_name, strlen(e->d_name));
    }
    closedir(d);
    free(tmp);
    free(old);
    for (size_t i = 0; i < stale.n; i++) {
        char *path = cat3(od->parent, "/", stale.v[i]);
        if (remove_by_list(path) != 0 && errno != ENOENT)
            set_warn(od, "left '%s' of an interrupted build in place: it holds files fisc "
                     "did not write", path);
        free(path);
    }
    names_free(&stale);
}

/* ---- the outdir ----------------------------------------------------- */

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
    for (size_t i = 0; i < od->nnames; i++)
        free(od->names[i]);
    if (od->marker >= 0)
        close(od->marker);
    free(od->files);
    free(od->names);
    free(od->seen);
    free(od->dir);
    free(od->parent);
    free(od->base);
    free(od->tmp);
    od->files = NULL;
    od->names = NULL;
    od->seen = NULL;
    od->nfiles = od->cap = od->nnames = od->capnames = od->capseen = 0;
    od->marker = -1;
    od->dir = od->parent = od->base = od->tmp = NULL;
}

static int fail(outdir *od)
{
    release(od);
    return -1;
}

static void fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);      /* best effort: some filesystems refuse */
        close(fd);
    }
}

/* PARENT/.BASE.KIND-PID-XXXXXX made by mkdtemp; NULL with errno set. */
static char *reserve(const outdir *od, const char *kind)
{
    char pid[32];
    snprintf(pid, sizeof pid, "%s-%ld-XXXXXX", kind, (long)getpid());
    char *pre = cat3(od->parent, "/.", od->base);
    char *path = cat3(pre, ".", pid);
    free(pre);
    if (!mkdtemp(path)) {
        int e = errno;
        free(path);
        errno = e;
        return NULL;
    }
    return path;
}

/* Removes stale leftovers, judges the target, creates the temporary
 * directory and its list.  0, or -1 with od->err set. */
int outdir_begin(const char *dir, outdir *od)
{
    memset(od, 0, sizeof *od);
    od->marker = -1;
    od->dir = xstrdup(dir);
    size_t n = strlen(od->dir);
    while (n > 1 && od->dir[n - 1] == '/')
        od->dir[--n] = '\0';
    if (n == 0) {
        set_err(od, "empty path");
        return fail(od);
    }
    split(od);

    struct stat st;
    if (lstat(od->dir, &st) == 0 && S_ISLNK(st.st_mode)) {
        /* A link to the output: replace what it points to, not the link. */
        char *real = realpath(od->dir, NULL);
        if (!real) {
            set_err(od, "%s", strerror(errno));
            return fail(od);
        }
        free(od->dir);
        od->dir = real;
        split(od);
    }
    if (strcmp(od->base, ".") == 0 || strcmp(od->base, "..") == 0 ||
        strcmp(od->dir, "/") == 0) {
        set_err(od, "name the output directory itself, not '%s'", od->base);
        return fail(od);
    }
    mode_t mask = umask(0);
    umask(mask);
    mode_t mode = 0777 & ~mask;
    if (lstat(od->dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            set_err(od, "it exists and is not a directory");
            return fail(od);
        }
        names doomed;
        if (!judge(od, od->dir, NULL, &doomed))
            return fail(od);
        names_free(&doomed);
        mode = st.st_mode & 07777;      /* the new output keeps the old one's mode */
    } else if (errno != ENOENT) {
        set_err(od, "%s", strerror(errno));
        return fail(od);
    }
    if (stat(od->parent, &st) != 0) {
        if (errno == ENOENT)
            set_err(od, "directory '%s' does not exist", od->parent);
        else
            set_err(od, "%s", strerror(errno));
        return fail(od);
    }
    clean_leftovers(od);

    od->tmp = reserve(od, "tmp");
    if (!od->tmp) {
        set_err(od, "%s", strerror(errno));
        return fail(od);
    }
    od->mode = mode;    /* given at commit: 0700 (mkdtemp's) while written */
    char *list = cat3(od->tmp, "/", OUTDIR_MARKER);
    od->marker = open(list, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0666);
    free(list);
    if (od->marker < 0 || !outfile_write_fd(od->marker, marker_head, sizeof marker_head - 1) ||
        !outfile_write_fd(od->marker, marker_note, sizeof marker_note - 1)) {
        set_err(od, "%s", strerror(errno));
        outdir_abort(od);
        return -1;
    }
    return 0;
}

/* Opens a new file name (no '/') in the temporary directory for writing. */
static size_t name_hash(const char *s)
{
    size_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The empty slot of od->seen where name goes, or NULL when it was opened
 * before; the set doubles before it passes half full.  (A build writes a
 * CSV per table: 15,000 names at 1M lines, where a linear search was
 * 10^8 strcmps.) */
static size_t *seen_slot(outdir *od, const char *name)
{
    if (2 * (od->nnames + 1) > od->capseen) {
        size_t cap = od->capseen ? 2 * od->capseen : 64;
        free(od->seen);
        od->seen = xrealloc(NULL, cap * sizeof *od->seen);
        memset(od->seen, 0, cap * sizeof *od->seen);
        od->capseen = cap;
        for (size_t i = 0; i < od->nnames; i++) {
            size_t j = name_hash(od->names[i]) & (cap - 1);
            while (od->seen[j])
                j = (j + 1) & (cap - 1);
            od->seen[j] = i + 1;
        }
    }
    size_t j = name_hash(name) & (od->capseen - 1);
    for (; od->seen[j]; j = (j + 1) & (od->capseen - 1))
        if (strcmp(od->names[od->seen[j] - 1], name) == 0)
            return NULL;
    return &od->seen[j];
}

FILE *outdir_open(outdir *od, const char *name)
{
    if (!od->tmp) {
        set_err(od, "output directory already finished");
        return NULL;
    }
    if (name[0] == '\0' || name[0] == '.' || strpbrk(name, "/\n\r")) {
        set_err(od, "'%s' is not a file name fisc writes", name);
        return NULL;
    }
    size_t *slot = seen_slot(od, name);
    if (!slot) {
        set_err(od, "%s: %s", name, strerror(EEXIST));      /* two tables, one name */
        return NULL;
    }
    /* Listed before it exists: the list never misses a file. */
    size_t n = strlen(name);
    char *line = cat3(name, "\n", "");
    bool listed = outfile_write_fd(od->marker, line, n + 1);
    free(line);
    if (!listed) {
        set_err(od, "%s: %s", OUTDIR_MARKER, strerror(errno));
        return NULL;
    }
    if (od->nnames == od->capnames) {
        od->capnames = od->capnames ? od->capnames * 2 : 16;
        od->names = xrealloc(od->names, od->capnames * sizeof *od->names);
    }
    od->names[od->nnames++] = xstrdup(name);
    *slot = od->nnames;
    if (od->nfiles == od->cap) {
        od->cap = od->cap ? od->cap * 2 : 16;
        od->files = xrealloc(od->files, od->cap * sizeof *od->files);
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

/* Creates name empty, listed, and returns its path in the temporary
 * directory, for a library that writes by name. */
char *outdir_path(outdir *od, const char *name)
{
    FILE *f = outdir_open(od, name);
    if (!f || !outdir_close(od, f))
        return NULL;
    return cat3(od->tmp, "/", name);
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

/* Flushes and closes every stream and the list; false (od->err set) if
 * any write failed. */
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
    if (od->marker >= 0 && close(od->marker) != 0 && ok) {
        set_err(od, "%s: %s", OUTDIR_MARKER, strerror(errno));
        ok = false;
    }
    od->marker = -1;
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

/* Makes every file in the temporary directory durable before it is
 * renamed into place: one syncfs on Linux (a build may write 15,000
 * files; an fsync each costs seconds), else an fsync per file. */
static bool sync_files(outdir *od)
{
#ifdef __linux__
    int fd = open(od->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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
    bool ok = true;
    for (size_t i = 0; ok && i <= od->nnames; i++) {
        char *path = cat3(od->tmp, "/", i < od->nnames ? od->names[i] : OUTDIR_MARKER);
        int ffd = open(path, O_RDONLY | O_CLOEXEC);
        free(path);
        if (ffd < 0)
            continue;
        if (fsync(ffd) != 0 && errno != EINVAL && errno != EROFS) {
            set_err(od, "%s", strerror(errno));
            ok = false;
        }
        close(ffd);
    }
    return ok;
}

/* Puts the directory in place of the target.  0, or -1 with od->err set. */
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
    chmod(od->tmp, od->mode);
    fsync_dir(od->tmp);

    /* Judged again: the target may have changed since begin, and a
     * directory without a list is now judged by the names written. */
    char *backup = NULL;
    names doomed = { 0 };
    struct stat st;
    if (lstat(od->dir, &st) == 0) {
        names sorted = { 0 };
        for (size_t i = 0; i < od->nnames; i++)
            names_add(&sorted, od->names[i], strlen(od->names[i]));
        names_sort(&sorted);
        bool ok = S_ISDIR(st.st_mode) && judge(od, od->dir, &sorted, &doomed);
        names_free(&sorted);
        if (!S_ISDIR(st.st_mode))
            set_err(od, "it exists and is not a directory");
        if (!ok) {
            outdir_abort(od);
            return -1;
        }
        /* Reserve a name, then rename over the empty directory there. */
        backup = reserve(od, "old");
        if (!backup || rename(od->dir, backup) != 0) {
            set_err(od, "%s", strerror(errno));
            if (backup)
                rmdir(backup);
            free(backup);
            names_free(&doomed);
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
        names_free(&doomed);
        outdir_abort(od);
        return -1;
    }
    fsync_dir(od->parent);
    if (backup) {
        /* Only what was judged fisc's goes; anything added since stays. */
        if (remove_listed(backup, &doomed) != 0)
            set_warn(od, "kept '%s', the previous output: it holds files fisc did not "
                     "write (added during the build)", backup);
        free(backup);
    }
    names_free(&doomed);
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
    if (od->marker >= 0)
        close(od->marker);
    od->marker = -1;
    if (od->tmp) {
        names mine = { 0 };
        for (size_t i = 0; i < od->nnames; i++)
            names_add(&mine, od->names[i], strlen(od->names[i]));
        names_add(&mine, OUTDIR_MARKER, strlen(OUTDIR_MARKER));
        remove_listed(od->tmp, &mine);
        names_free(&mine);
    }
    release(od);
}

/* The reason for the last failure. */
const char *outdir_error(const outdir *od)
{
    return od->err[0] ? od->err : "unknown error";
}

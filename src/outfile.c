/* outfile.c: one file written atomically, kept its user's (outfile.h).
 *
 * The order of a write, each step able to stop it with nothing changed:
 *   1. resolve a symbolic link (write beside the real file) and look at
 *      the target: a regular file, one link, writable, or absent when it
 *      must be;
 *   2. remove stale temporaries of this target;
 *   3. mkstemp PARENT/.NAME.fisc-PID-XXXXXX; give it the target's owner,
 *      group and mode (fchown before fchmod: chown clears set-id bits);
 *      write, fsync, close;
 *   4. with `expect`, read the target again: if it no longer holds what
 *      was read, someone edited it meanwhile -- refuse;
 *   5. put it in place: rename over the target, or for a new file link(2)
 *      and unlink, which fails if the name appeared meanwhile (rename
 *      where the filesystem has no hard links); fsync the directory.
 * On any failure the temporary file is unlinked. */
#define _GNU_SOURCE             /* realpath */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "outfile.h"
#include "i18n.h"

/* The pid in name after prefix; see outfile.h. */
long outfile_leftover_pid(const char *name, const char *prefix)
{
    size_t np = strlen(prefix);
    if (strncmp(name, prefix, np) != 0)
        return 0;
    const char *p = name + np, *digits = p;
    long pid = 0;
    while (isdigit((unsigned char)*p) && p - digits < 9)
        pid = pid * 10 + (*p++ - '0');
    if (p == digits || *p++ != '-' || strlen(p) != 6)
        return 0;
    for (; *p; p++)
        if (!isalnum((unsigned char)*p))
            return 0;
    return pid;
}

/* True unless no process has this pid; see outfile.h. */
bool outfile_pid_running(long pid)
{
    return pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

static void say(char *why, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *why, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, cap, i18n_text(fmt), ap);
    va_end(ap);
}

/* dir + "/" + name (dir "" for the current directory), malloc'd. */
static char *join(const char *dir, size_t ndir, const char *name)
{
    size_t nn = strlen(name);
    char *p = malloc(ndir + nn + 2);
    if (!p) {
        fputs("fisc: out of memory\n", stderr);
        exit(2);
    }
    memcpy(p, dir, ndir);
    memcpy(p + ndir, name, nn + 1);
    return p;
}

/* Removes PARENT/.NAME.fisc-PID-XXXXXX files of killed processes of this
 * user (dir: "PARENT/" or "").  prefix is ".NAME.fisc-". */
static void clean_stale(const char *dir, size_t ndir, const char *prefix)
{
    char *d_path = ndir ? join(dir, ndir, ".") : join("", 0, ".");
    DIR *d = opendir(d_path);
    free(d_path);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        long pid = outfile_leftover_pid(e->d_name, prefix);
        struct stat st;
        if (pid > 0 && fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(st.st_mode) && st.st_uid == geteuid() && !outfile_pid_running(pid))
            unlinkat(dirfd(d), e->d_name, 0);
    }
    closedir(d);
}

/* Writes all of data to fd; see outfile.h. */
bool outfile_write_fd(int fd, const char *data, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, data, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        data += w;
        n -= (size_t)w;
    }
    return true;
}

/* True when the file at path holds exactly expect[0..n). */
static bool still_holds(const char *path, const char *expect, size_t n)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    bool same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == n;
    char buf[65536];
    size_t at = 0;
    while (same && at < n) {
        ssize_t r = read(fd, buf, n - at < sizeof buf ? n - at : sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0 || memcmp(buf, expect + at, (size_t)r) != 0)
            same = false;
        else
            at += (size_t)r;
    }
    close(fd);
    return same;
}

/* Refuses a target a rename would take from its user; true when fine. */
static bool may_replace(const struct stat *st, const char *target, char *why, size_t cap)
{
    if (!S_ISREG(st->st_mode)) {
        say(why, cap, "%s", S_ISDIR(st->st_mode) ? strerror(EISDIR) : _("not a regular file"));
        return false;
    }
    if (st->st_nlink > 1) {
        say(why, cap, "it has %lu hard links, and replacing it would split them (the other "
            "names would keep the old text); nothing written", (unsigned long)st->st_nlink);
        return false;
    }
    if ((st->st_mode & 0222) == 0) {
        say(why, cap, "it is read-only (mode %04o); make it writable first (chmod u+w)",
            (unsigned)(st->st_mode & 07777));
        return false;
    }
    if (faccessat(AT_FDCWD, target, W_OK, AT_EACCESS) != 0) {
        say(why, cap, "%s", strerror(errno));
        return false;
    }
    return true;
}

/* Writes data to path; see outfile.h. */
int outfile_write(const char *path, const char *data, size_t n, const outfile_opts *o,
                  char *why, size_t whycap)
{
    /* 1. Write beside the real file, so a symbolic link stays a link. */
    char *real = realpath(path, NULL);
    const char *target = real ? real : path;
    struct stat st;
    bool exists = stat(target, &st) == 0;
    if (!exists && errno != ENOENT) {
        say(why, whycap, "%s", strerror(errno));
        free(real);
        return -1;
    }
    if (exists && !o->replace) {
        say(why, whycap, "%s", strerror(EEXIST));
        free(real);
        return -1;
    }
    if (exists && !may_replace(&st, target, why, whycap)) {
        free(real);
        return -1;
    }
    const char *slash = strrchr(target, '/');
    size_t ndir = slash ? (size_t)(slash - target) + 1 : 0;
    const char *base = target + ndir;

    /* 2. Stale temporaries of this target. */
    char *prefix = join(".", 1, base);
    char *tmp_prefix = join(prefix, strlen(prefix), ".fisc-");
    free(prefix);
    clean_stale(target, ndir, tmp_prefix);

    /* 3. The temporary file, owned and moded as the target. */
    char pid[40];
    snprintf(pid, sizeof pid, "%ld-XXXXXX", (long)getpid());
    char *name = join(tmp_prefix, strlen(tmp_prefix), pid);
    char *tmp = join(target, ndir, name);
    free(name);
    free(tmp_prefix);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        say(why, whycap, "%s", strerror(errno));
        free(tmp);
        free(real);
        return -1;
    }
    mode_t mode;
    if (exists) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    int rc = 0;
    if (exists && (st.st_uid != geteuid() || st.st_gid != getegid()) &&
        fchown(fd, st.st_uid, st.st_gid) != 0) {
        say(why, whycap, "fisc cannot keep its owner and group (uid %lu, gid %lu): %s; "
            "nothing written", (unsigned long)st.st_uid, (unsigned long)st.st_gid,
            strerror(errno));
        rc = -1;
    } else if (fchmod(fd, mode) != 0 || !outfile_write_fd(fd, data, n) || fsync(fd) != 0) {
        say(why, whycap, "%s", strerror(errno));
        rc = -1;
    }
    if (close(fd) != 0 && rc == 0) {
        say(why, whycap, "%s", strerror(errno));
        rc = -1;
    }

    /* 4. Nobody edited it meanwhile. */
    if (rc == 0 && exists && o->expect && !still_holds(target, o->expect, o->nexpect)) {
        say(why, whycap, "it changed while fisc was working on it; nothing written (run "
            "again)");
        rc = -1;
    }

    /* 5. In place. */
    if (rc == 0 && exists) {
        if (rename(tmp, target) != 0) {
            say(why, whycap, "%s", strerror(errno));
            rc = -1;
        }
    } else if (rc == 0) {
        if (link(tmp, target) == 0) {
            unlink(tmp);
        } else if (errno == EEXIST) {
            say(why, whycap, "%s", strerror(EEXIST));
            rc = -1;
        } else if (lstat(target, &st) == 0 || errno != ENOENT) {
            say(why, whycap, "%s", strerror(EEXIST));
            rc = -1;
        } else if (rename(tmp, target) != 0) {     /* no hard links here */
            say(why, whycap, "%s", strerror(errno));
            rc = -1;
        }
    }
    if (rc != 0) {
        unlink(tmp);
    } else {
        /* Make the rename itself durable (best effort). */
        char *dir = ndir ? join(target, ndir, ".") : join("", 0, ".");
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        free(dir);
    }
    free(tmp);
    free(real);
    return rc;
}

/* outfile.h: writing one file atomically without taking it from its user.
 *
 * `fisc fmt -w` and `fisc next-year -o` write the whole text to a
 * temporary file beside the target (PARENT/.NAME.fisc-PID-XXXXXX), sync
 * it, and rename it over the target: a reader sees the old file or the
 * new one, never a part.  A rename makes a new file, so replacing keeps
 * what made the old one the user's: its mode, its owner and its group
 * (fisc run as root no longer hands the file to root).  What a rename
 * cannot keep, it refuses to break: a file with other hard links (they
 * would keep the old text), a read-only file (no write permission for
 * anyone -- root included -- or none for the caller), an owner or group
 * the caller may not give.  ACLs and extended attributes are not copied.
 *
 * Temporaries of killed processes (same name pattern, same user, pid no
 * longer running) are removed by the next write of the same target. */
#ifndef FISC_OUTFILE_H
#define FISC_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct outfile_opts {
    bool replace;           /* an existing target is replaced; else it must not exist */
    const char *expect;     /* replace: the target must still hold exactly these */
    size_t nexpect;         /*   bytes (what was read), or expect NULL: any */
} outfile_opts;

/* Writes data[0..n) to path as described above.  0, or -1 with why (a
 * sentence fragment for "cannot write 'PATH': ...") filled, nothing
 * changed and no temporary left.  A symbolic link is followed: the file
 * it points to is written, the link stays. */
int outfile_write(const char *path, const char *data, size_t n, const outfile_opts *o,
                  char *why, size_t whycap);

/* Writes all of data[0..n) to fd, retrying on EINTR; false (errno set)
 * on an error. */
bool outfile_write_fd(int fd, const char *data, size_t n);

/* The pid in name when name is prefix (".NAME.tmp-" and the like)
 * followed by a pid, '-' and six mkdtemp characters; else 0. */
long outfile_leftover_pid(const char *name, const char *prefix);
/* True unless no process has this pid (it may be another user's). */
bool outfile_pid_running(long pid);

#endif

/* outdir.h: an output directory that appears whole or not at all, and
 * that replaces only what fisc wrote.
 *
 * `fisc build` writes every file into a fresh temporary directory beside
 * the target (same parent, so rename is atomic), then swaps it into place.
 * On any failure the target is left exactly as it was.
 *
 * Ownership: every directory outdir makes holds a list of the files it
 * wrote, OUTDIR_MARKER ("fisc-build 1" then one name a line).  An
 * existing target is replaced only when it is empty, or when it holds
 * that list and nothing the list does not name; anything else is
 * refused, so `-o src` or a file the user dropped into the output can
 * never be lost.  A directory written by fisc before the list existed
 * (no marker) is taken as earlier output only when every entry in it is a
 * regular file this build writes again (report.txt, report.json, the
 * tables' CSVs): those it would overwrite anyway.
 *
 * Leftovers: the temporary directory is PARENT/.BASE.tmp-PID-XXXXXX and
 * the swapped-out one PARENT/.BASE.old-PID-XXXXXX.  If a build is killed
 * they stay; the next build into the same target removes those of a
 * process no longer running that belong to the same user -- only the
 * files their list names, then the directory if that leaves it empty. */
#ifndef FISC_OUTDIR_H
#define FISC_OUTDIR_H

#include <stdbool.h>
#include <stdio.h>

#define OUTDIR_MARKER ".fisc-build"

typedef struct outdir {
    char *dir;          /* the target, trailing slashes removed */
    char *parent;       /* its parent directory ("." when none) */
    char *base;         /* its last component */
    char *tmp;          /* the temporary directory, NULL when finished */
    int marker;         /* the temporary list, open for appending; -1 */
    unsigned mode;      /* the directory's mode once committed */
    FILE **files;       /* open streams, closed by commit */
    size_t nfiles, cap;
    char **names;       /* every name opened, in order */
    size_t nnames, capnames;
    size_t *seen;       /* names by hash: index + 1, 0 empty (capseen slots) */
    size_t capseen;
    char err[512];      /* why the last call failed */
    char warn[512];     /* a warning for the user after a success, or "" */
} outdir;

/* Removes stale leftovers of dir (see above), then creates the temporary
 * directory beside it.  0, or -1 with od->err set (the target is a
 * non-directory or not a fisc output directory, or its parent is missing
 * or unwritable). */
int outdir_begin(const char *dir, outdir *od);
/* Opens a new file name (no '/', not starting with '.') in the temporary
 * directory for writing and lists it; NULL with od->err set on failure. */
FILE *outdir_open(outdir *od, const char *name);
/* Creates name (as outdir_open: listed, no '/') in the temporary
 * directory, empty, for a library that writes a file by its path
 * (libxlsxwriter); returns that path, to be freed by the caller, or NULL
 * with od->err set. */
char *outdir_path(outdir *od, const char *name);
/* Closes one stream of od now (flushed); false on a write error. */
bool outdir_close(outdir *od, FILE *f);
/* Flushes, syncs and closes every file, checks the target once more, then
 * puts the directory in place of the target.  0 (od->warn possibly set),
 * or -1 with od->err set, the target untouched and the temporary directory
 * removed.  Either way od is finished. */
int outdir_commit(outdir *od);
/* Removes the temporary directory; the target stays as it was.  Safe to
 * call on a finished od. */
void outdir_abort(outdir *od);
/* The reason for the last failure ("Permission denied"). */
const char *outdir_error(const outdir *od);

#endif

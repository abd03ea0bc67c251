/* outdir.h: an output directory that appears whole or not at all.
 *
 * `fisc build` writes every file into a fresh temporary directory beside
 * the target (same parent, so rename is atomic), then swaps it into place.
 * On any failure the target is left exactly as it was.  An existing target
 * is replaced only when it looks like earlier output: a directory holding
 * nothing but regular *.csv, *.txt and *.json files -- so `-o src` or
 * `-o ~` can never wipe a directory of other things. */
#ifndef FISC_OUTDIR_H
#define FISC_OUTDIR_H

#include <stdio.h>

typedef struct outdir {
    char *dir;          /* the target, trailing slashes removed */
    char *parent;       /* its parent directory ("." when none) */
    char *base;         /* its last component */
    char *tmp;          /* the temporary directory, NULL when finished */
    FILE **files;       /* open streams, closed by commit */
    size_t nfiles, cap;
    char err[512];      /* why the last call failed */
} outdir;

/* Creates the temporary directory beside dir.  0, or -1 with od->err set
 * (the target is a non-directory, is not earlier output, or its parent is
 * missing or unwritable). */
int outdir_begin(const char *dir, outdir *od);
/* Opens a new file name (no '/') in the temporary directory for writing;
 * NULL with od->err set on failure. */
FILE *outdir_open(outdir *od, const char *name);
/* Closes one stream of od now (flushed and synced); false on a write error. */
bool outdir_close(outdir *od, FILE *f);
/* Flushes, fsyncs and closes every file, then puts the directory in place
 * of the target.  0, or -1 with od->err set, the target untouched and the
 * temporary directory removed.  Either way od is finished. */
int outdir_commit(outdir *od);
/* Removes the temporary directory; the target stays as it was.  Safe to
 * call on a finished od. */
void outdir_abort(outdir *od);
/* The reason for the last failure ("Permission denied"). */
const char *outdir_error(const outdir *od);

#endif

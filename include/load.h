/* load.h: reading a file as fisc source, and which files may be read.
 *
 * The resolver reads three kinds of file: the one it was given, the files
 * that one imports, and last year's `previous` budget.  The last two are
 * named by the file's text, so they are reached only within a reach: below
 * the top of the main file's repository (its nearest ancestor folder with
 * a .git), or below its own folder outside a repository, plus the import
 * root (git's temporary copies, docs/git.md) and the library folders
 * (libpath.h), unless the user allows any file.  Paths are compared after realpath, so neither `..` nor a symlink
 * leads out.  A file that is not fisc source is never quoted: see
 * load_parse. */
#ifndef FISC_LOAD_H
#define FISC_LOAD_H

#include <stdbool.h>
#include <stdint.h>
#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "libpath.h"

typedef struct load_reach {
    /* canonical folders: the top, the import root, the library folders */
    const char **roots;
    size_t nroots;
    bool repository;        /* roots[0] is a repository's top (else the file's folder) */
    bool anywhere;          /* --allow-import-anywhere: no limit */
    const char *const *libdirs; /* the library folders, in search order (libpath_dirs) */
} load_reach;

/* The reach of a compilation of main_path (see above); import_root may be
 * NULL; libdirs are the compilation's library folders (libpath_dirs,
 * NULL-terminated; NULL: none). */
void load_reach_init(load_reach *rc, arena *a, const char *main_path, const char *import_root,
                     const char *const *libdirs, bool anywhere);
/* NULL when path may be read; else why not, as a message naming the
 * reach (it says nothing of whether path exists). */
const char *load_outside(const load_reach *rc, arena *a, const char *path);

/* Parses f (read by src_load, or an editor's buffer), its diagnostics
 * going to d, and returns its tree with *why NULL.  When f is not fisc
 * source -- its bytes up to the end of its first line of code are not
 * UTF-8 text without controls, or that line does not lex and parse --
 * none of its diagnostics are kept (they would quote it): *why says what
 * it is instead, quoting nothing of it, *at is the offset of its first
 * error, and an empty tree is returned. */
ast_file *load_parse(arena *a, strtab *names, diag_list *d, const src_file *f, const char **why, uint32_t *at);

/* load_parse for a file the user named (not through another file): when
 * it is not fisc source, one error is added to d, located at its first
 * error but showing none of its text, and the empty tree returned.  A file
 * whose first line of code is printable UTF-8 text starting with a keyword
 * or a word one edit from one is fisc source with a typo there: its
 * diagnostics are kept, and shown, as any file's. */
ast_file *load_named(arena *a, strtab *names, diag_list *d, const src_file *f);

#endif

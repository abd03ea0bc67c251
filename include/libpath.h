/* libpath.h: where `import` finds a library that is not beside the
 * importing file.
 *
 * An import names a file relative to the importing file.  When nothing is
 * there, and the name is relative without a leading "../" or "./", it is
 * looked for in the library folders, in order: today one, the installed
 * library folder share/fisc/lib beside the folder that holds the fisc
 * program (/usr/local/share/fisc/lib for /usr/local/bin/fisc: make install
 * puts lib/ there).  Issue 11 adds -I DIR and FISC_PATH in front of it, in
 * libpath_dirs.  Every library folder is within an import's reach
 * (load_reach_init). */
#ifndef FISC_LIBPATH_H
#define FISC_LIBPATH_H

#include "arena.h"

/* Most library folders searched. */
#define LIBPATH_MAX 8

/* The installed library folder, whether or not it exists: share/fisc/lib
 * beside the folder of the running program (found through
 * /proc/self/exe), or NULL when that cannot be known.  Computed once. */
const char *libpath_installed(void);

/* The library folders that exist, in search order, NULL-terminated. */
const char *const *libpath_dirs(void);

/* The path of the library file name in the first library folder that
 * holds it (allocated in a), or NULL: none does, or name is absolute or
 * starts with "../" or "./". */
const char *libpath_find(arena *a, const char *name);

#endif

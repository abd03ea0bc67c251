/* libpath.h: where `import` finds a library that is not beside the
 * importing file.
 *
 * An import names a file relative to the importing file.  When nothing is
 * there, and the name is relative without a leading "../" or "./" (a
 * library's name: "gov-cn-2024.fisc"), it is looked for in the library
 * folders, in order:
 *
 *   1. each folder given with -I DIR (--library-dir), in the order given;
 *   2. each folder FISC_PATH names (folders separated by ':', as PATH);
 *   3. the installed library folder share/fisc/lib beside the folder that
 *      holds the fisc program (/usr/local/share/fisc/lib for
 *      /usr/local/bin/fisc: make install puts lib/ there).
 *
 * Only folders that exist count (FISC_PATH may name another machine's),
 * each once.  Every library folder is within an import's reach
 * (load_reach_init): naming a folder on the command line or in the
 * environment is trusting it. */
#ifndef FISC_LIBPATH_H
#define FISC_LIBPATH_H

#include <stdbool.h>
#include <stddef.h>
#include "arena.h"

/* The environment variable of step 2. */
#define LIBPATH_ENV "FISC_PATH"

/* The folder that holds the running program (found through
 * /proc/self/exe: .../bin for an installed fisc, build/ in the source
 * tree), or NULL when that cannot be known.  Computed once. */
const char *libpath_program_dir(void);

/* The installed library folder, whether or not it exists: share/fisc/lib
 * beside the folder of the running program (found through
 * /proc/self/exe), or NULL when that cannot be known.  Computed once. */
const char *libpath_installed(void);

/* The library folders that exist, in search order (steps 1 to 3 above,
 * include[0..ninclude) being the -I folders), NULL-terminated, allocated
 * in a; folders are spelled as given. */
const char *const *libpath_dirs(arena *a, const char *const *include, size_t ninclude);

/* Whether name is a library's name: relative, not starting with "./" or
 * "../". */
bool libpath_is_name(const char *name);

/* The path of the library file name in the first of dirs (as
 * libpath_dirs made them) that holds it (allocated in a), or NULL: none
 * does, or name is not a library's name. */
const char *libpath_find(arena *a, const char *const *dirs, const char *name);

#endif

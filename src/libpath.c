/* libpath.c: the library folders imports fall back on (libpath.h).
 *
 * The installed folder is found from the program's own location rather
 * than a path compiled in, so an installed tree works wherever it is put
 * (make install DESTDIR=..., a copied prefix) and a build that is not
 * installed finds no library folder at all: the tests see only what a
 * budget names itself.  The answer cannot change while fisc runs, so it
 * is computed once. */
#define _XOPEN_SOURCE 700       /* realpath */
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "libpath.h"

static char installed[PATH_MAX];
static bool installed_known, installed_done;
static const char *dirs[LIBPATH_MAX + 1];
static bool dirs_done;

/* share/fisc/lib beside the program's folder; see libpath.h. */
const char *libpath_installed(void)
{
    if (installed_done)
        return installed_known ? installed : NULL;
    installed_done = true;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');        /* .../bin/fisc -> .../bin */
    if (!slash)
        return NULL;
    *slash = '\0';
    slash = strrchr(exe, '/');              /* .../bin -> ... */
    if (!slash)
        return NULL;
    *slash = '\0';
    size_t len = strlen(exe);
    if (len + sizeof "/share/fisc/lib" > sizeof installed)
        return NULL;
    memcpy(installed, exe, len);
    memcpy(installed + len, "/share/fisc/lib", sizeof "/share/fisc/lib");
    installed_known = true;
    return installed;
}

/* The library folders that exist; see libpath.h. */
const char *const *libpath_dirs(void)
{
    if (dirs_done)
        return dirs;
    dirs_done = true;
    size_t n = 0;
    const char *inst = libpath_installed();
    struct stat st;
    if (inst && stat(inst, &st) == 0 && S_ISDIR(st.st_mode))
        dirs[n++] = inst;
    dirs[n] = NULL;
    return dirs;
}

/* The library file name names; see libpath.h. */
const char *libpath_find(arena *a, const char *name)
{
    if (name[0] == '/' || strncmp(name, "./", 2) == 0 || strncmp(name, "../", 3) == 0)
        return NULL;
    for (const char *const *d = libpath_dirs(); *d; d++) {
        const char *path = arena_printf(a, "%s/%s", *d, name);
        if (access(path, R_OK) == 0)
            return path;
    }
    return NULL;
}

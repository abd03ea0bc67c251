/* libpath.c: the library folders imports fall back on (libpath.h).
 *
 * The installed folder is found from the program's own location rather
 * than a path compiled in, so an installed tree works wherever it is put
 * (make install DESTDIR=..., a copied prefix) and a build that is not
 * installed finds no installed folder at all: the tests see only what a
 * budget names itself, -I and FISC_PATH.  The installed folder cannot
 * change while fisc runs, so it is computed once; the list of folders is
 * made per compilation (its -I folders are the command's). */
#define _XOPEN_SOURCE 700       /* realpath */
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "libpath.h"

static char installed[PATH_MAX], program_dir[PATH_MAX];
static bool installed_known, installed_done, program_known, program_done;

/* The folder of the running program; see libpath.h. */
const char *libpath_program_dir(void)
{
    if (program_done)
        return program_known ? program_dir : NULL;
    program_done = true;
    ssize_t n = readlink("/proc/self/exe", program_dir, sizeof program_dir - 1);
    if (n <= 0)
        return NULL;
    program_dir[n] = '\0';
    char *slash = strrchr(program_dir, '/');    /* .../bin/fisc -> .../bin */
    if (!slash)
        return NULL;
    *slash = '\0';
    program_known = true;
    return program_dir;
}

/* share/fisc/lib beside the program's folder; see libpath.h. */
const char *libpath_installed(void)
{
    if (installed_done)
        return installed_known ? installed : NULL;
    installed_done = true;
    const char *dir = libpath_program_dir();
    char exe[PATH_MAX];
    if (!dir || strlen(dir) >= sizeof exe)
        return NULL;
    strcpy(exe, dir);
    char *slash = strrchr(exe, '/');        /* .../bin -> ... */
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

/* Whether path is a folder. */
static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Appends dir to v[0..*n) when it is a folder not there yet (by its real
 * path: "lib" and "./lib/" are one folder). */
static void add_dir(arena *a, const char **v, const char **real, size_t *n, const char *dir)
{
    if (!*dir || !is_dir(dir))
        return;
    char *rp = realpath(dir, NULL);
    if (!rp)
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp(real[i], rp) == 0) {
            free(rp);
            return;
        }
    real[*n] = arena_strdup(a, rp);
    free(rp);
    v[(*n)++] = dir;
}

/* The library folders that exist; see libpath.h. */
const char *const *libpath_dirs(arena *a, const char *const *include, size_t ninclude)
{
    const char *env = getenv(LIBPATH_ENV);
    size_t max = ninclude + 2;
    for (const char *p = env; p && *p; p++)
        max += *p == ':';
    const char **v = arena_alloc(a, (max + 1) * sizeof *v);
    const char **real = arena_alloc(a, (max + 1) * sizeof *real);
    size_t n = 0;
    for (size_t i = 0; i < ninclude; i++)
        add_dir(a, v, real, &n, include[i]);
    for (const char *p = env; p && *p;) {
        size_t len = strcspn(p, ":");
        add_dir(a, v, real, &n, arena_strndup(a, p, len));
        p += len + (p[len] == ':');
    }
    const char *inst = libpath_installed();
    if (inst)
        add_dir(a, v, real, &n, inst);
    v[n] = NULL;
    return v;
}

/* See libpath.h. */
bool libpath_is_name(const char *name)
{
    return name[0] != '/' && strncmp(name, "./", 2) != 0 && strncmp(name, "../", 3) != 0;
}

/* The library file name names; see libpath.h. */
const char *libpath_find(arena *a, const char *const *dirs, const char *name)
{
    if (!libpath_is_name(name))
        return NULL;
    for (const char *const *d = dirs; d && *d; d++) {
        const char *path = arena_printf(a, "%s/%s", *d, name);
        if (access(path, R_OK) == 0)
            return path;
    }
    return NULL;
}

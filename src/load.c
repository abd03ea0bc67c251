/* load.c: reading a file as fisc source, and which files may be read.
 *
 * Two walls against a budget file that names a file it should not (an
 * `import "/proc/self/environ"`, `import "../../../etc/shadow"`, a symlink
 * in a pull request):
 *
 *   1. reach: a file named by another file is read only when its real path
 *      (realpath: no `..`, no symlink) lies below one of the reach's roots.
 *      The decision is made on the path before anything is opened, so the
 *      answer says nothing of what exists outside.
 *   2. never quote a stranger: a file is parsed into a diagnostic list of
 *      its own; when an error falls on its first line of code (or before
 *      it: binary bytes, another encoding, controls in a comment), the
 *      file is not fisc source, its diagnostics -- which would echo its
 *      lines -- are dropped, and one reason is given that quotes nothing
 *      of it.  Otherwise its diagnostics join the compilation's.  One
 *      exception, for the file the user named (not one a file names): its
 *      first line of code is printable text starting with a keyword or a
 *      word one edit from one (`budgte "x" {`): a budget with a typo on
 *      line 1, shown like any other mistake.
 *
 * A real budget's first line of code is `budget "..." {`, an import or a
 * classification; a password file's, an environment's, a key's or a
 * binary's is none of these. */
#define _XOPEN_SOURCE 700   /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "load.h"
#include "i18n.h"
#include "present.h"
#include "spell.h"
#include "suggest.h"

/* ---- reach ---------------------------------------------------------------- */

/* abs (absolute) with "." and ".." resolved by name, in place. */
static void normalise(char *abs)
{
    char *out = abs;            /* abs[0] == '/' stays */
    const char *p = abs;
    while (*p) {
        while (*p == '/')
            p++;
        const char *seg = p;
        while (*p && *p != '/')
            p++;
        size_t n = (size_t)(p - seg);
        if (n == 0 || (n == 1 && seg[0] == '.'))
            continue;
        if (n == 2 && seg[0] == '.' && seg[1] == '.') {
            while (out > abs && *--out != '/')
                ;
            continue;
        }
        *out++ = '/';
        memmove(out, seg, n);
        out += n;
    }
    if (out == abs)
        *out++ = '/';
    *out = '\0';
}

/* realpath of path into the arena, or NULL. */
static char *real(arena *a, const char *path)
{
    char *rp = realpath(path, NULL);
    if (!rp)
        return NULL;
    char *s = arena_strdup(a, rp);
    free(rp);
    return s;
}

/* The canonical absolute form of path: its realpath when it exists, else
 * its folder's realpath and its name, else its absolute form normalised
 * by name.  NULL only when the working directory is unknown. */
static char *canonical(arena *a, const char *path)
{
    char *c = real(a, path);
    if (c)
        return c;
    const char *slash = strrchr(path, '/');
    const char *dir = slash ? (slash == path ? "/" : arena_strndup(a, path, (size_t)(slash - path))) : ".";
    char *d = real(a, dir);
    if (d)
        return arena_printf(a, "%s/%s", strcmp(d, "/") == 0 ? "" : d, slash ? slash + 1 : path);
    char cwd[PATH_MAX];
    if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
        return NULL;
    c = path[0] == '/' ? arena_strdup(a, path) : arena_printf(a, "%s/%s", cwd, path);
    normalise(c);
    return c;
}

/* path (canonical) lies below root (canonical). */
static bool below(const char *path, const char *root)
{
    size_t n = strlen(root);
    if (n == 1)                 /* "/" */
        return path[0] == '/';
    return strncmp(path, root, n) == 0 && path[n] == '/';
}

/* The reach of a compilation of main_path. */
void load_reach_init(load_reach *rc, arena *a, const char *main_path, const char *import_root,
                     const char *const *libdirs, bool anywhere)
{
    memset(rc, 0, sizeof *rc);
    rc->anywhere = anywhere;
    rc->libdirs = libdirs;
    size_t nlib = 0;
    while (libdirs && libdirs[nlib])
        nlib++;
    rc->roots = arena_alloc(a, (2 + nlib) * sizeof *rc->roots);
    char *dir = canonical(a, main_path);
    if (dir) {
        char *slash = strrchr(dir, '/');
        if (slash == dir)
            slash[1] = '\0';
        else if (slash)
            *slash = '\0';
        /* The nearest ancestor holding .git (a folder, or a worktree's
         * file) is the repository's top. */
        const char *top = dir;
        for (char *d = arena_strdup(a, dir);;) {
            struct stat st;
            if (stat(arena_printf(a, "%s/.git", strcmp(d, "/") == 0 ? "" : d), &st) == 0) {
                top = d;
                rc->repository = true;
                break;
            }
            char *up = strrchr(d, '/');
            if (!up || strcmp(d, "/") == 0)
                break;
            if (up == d)
                up[1] = '\0';
            else
                *up = '\0';
        }
        rc->roots[rc->nroots++] = top;
    }
    if (import_root) {
        char *root = real(a, import_root);
        if (root)
            rc->roots[rc->nroots++] = root;
    }
    /* A library a budget imports by name is within reach: the folders
     * it is found in were named by the user (-I, FISC_PATH) or are
     * fisc's own. */
    for (const char *const *d = libdirs; d && *d; d++) {
        char *root = real(a, *d);
        if (root)
            rc->roots[rc->nroots++] = root;
    }
}

/* NULL when path is within reach, else why not. */
const char *load_outside(const load_reach *rc, arena *a, const char *path)
{
    if (rc->anywhere)
        return NULL;
    const char *c = canonical(a, path);
    for (size_t i = 0; c && i < rc->nroots; i++)
        if (below(c, rc->roots[i]))
            return NULL;
    if (rc->nroots == 0)
        return _("its folder is unknown; --allow-import-anywhere reads files anywhere");
    if (rc->repository)
        return arena_printf(a, _("it is outside the budget's repository, %s; files named by a budget are read only "
                                 "below it (--allow-import-anywhere reads files anywhere)"), rc->roots[0]);
    return arena_printf(a, _("it is outside the budget's folder, %s; files named by a budget are read only below "
                             "it (--allow-import-anywhere reads files anywhere)"), rc->roots[0]);
}

/* ---- never quote a stranger ------------------------------------------------ */

/* Offset just past the first line of code of f: the first line that is
 * neither blank nor a comment (the whole text when there is none); *start
 * gets where its text starts. */
static uint32_t first_code_line(const src_file *f, uint32_t *start)
{
    const char *t = f->text, *end = t + f->len, *p = t;
    if (f->len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end) {
        const char *q = p;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        if (!nl)
            nl = end;
        bool blank = q == nl, comment = end - q >= 2 && q[0] == '/' && q[1] == '/';
        *start = (uint32_t)(q - t);
        if (!blank && !comment)
            return (uint32_t)(nl - t);
        p = nl + 1;
    }
    *start = (uint32_t)f->len;
    return (uint32_t)f->len;
}

/* Why the bytes of f up to `end` are not text: another encoding, NUL
 * bytes, control characters; NULL when they are UTF-8 text. */
static const char *not_text(const src_file *f, uint32_t end)
{
    uint32_t mark;
    const char *enc = src_encoding_problem(f, &mark);
    if (enc)
        return enc;
    for (uint32_t i = 0; i < end && i < f->orig_len;) {
        long cp;
        i += (uint32_t)src_utf8_decode(f->text + i, f->orig_len - i, &cp);
        if (cp == 0)
            return _("it holds NUL bytes (a binary file?)");
        if (cp < 0)
            return _("it is not UTF-8 text (if it is GBK, convert it: iconv -f GBK -t UTF-8)");
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp < 0xA0))
            return _("it holds control characters");
    }
    return NULL;
}

/* Why f is not fisc source, given the first error on its first line of
 * code; the reason quotes nothing of f. */
static const char *stranger(arena *a, const src_file *f, uint32_t end, const diag *first)
{
    const char *why = not_text(f, end);
    if (why)
        return why;
    /* the parser's words name token kinds only; its advice (which carries
     * a fix: "did you mean", "quote the label") would quote the text */
    if (first->syntax && !first->fixes)
        return arena_printf(a, _("its first line of code does not parse: %s"), first->msg);
    return _("its first line of code holds what fisc does not accept");
}

/* Whether f, a file the user named, reads as fisc source with a mistake
 * on its first line of code (starting at `start`, ending at `end`): all
 * its text to there is printable UTF-8 (nothing invisible either), and
 * that line starts with a keyword or a word one edit from one (`budgte`).
 * A password file, an environment, a key, a CSV does not. */
static bool fisc_with_a_typo(const src_file *f, uint32_t start, uint32_t end)
{
    if (not_text(f, end))
        return false;
    for (uint32_t i = 0; i < end && i < f->orig_len;) {
        long cp;
        i += (uint32_t)src_utf8_decode(f->text + i, f->orig_len - i, &cp);
        if (cp != '\t' && cp != '\n' && cp != '\r' && present_unsafe(cp))
            return false;
    }
    uint32_t w = start;
    while (w < end && ((f->text[w] >= 'a' && f->text[w] <= 'z') || (f->text[w] >= 'A' && f->text[w] <= 'Z')))
        w++;
    if (w == start || w - start >= SUGGEST_MAX_POINTS || (w < end && f->text[w] != ' ' && f->text[w] != '\t'))
        return false;
    if (spell_is_keyword(f->text + start, w - start))
        return true;
    char word[SUGGEST_MAX_POINTS];
    memcpy(word, f->text + start, w - start);
    word[w - start] = '\0';
    suggest sg;
    suggest_init(&sg, word);
    for (const char *const *k = spell_keywords; *k; k++)
        suggest_offer(&sg, *k);
    return suggest_best(&sg) != NULL;
}

/* Parses f, or says why it is not fisc source (see load.h); `named`: the
 * user named f, so a first line that reads as fisc with a mistake is
 * shown (fisc_with_a_typo). */
static ast_file *parse_checked(arena *a, strtab *names, diag_list *d, const src_file *f, bool named,
                               const char **why, uint32_t *at)
{
    diag_list *own = diag_new(a);
    ast_file *ast = parse_file(a, names, own, f);
    uint32_t start, end = first_code_line(f, &start);
    const diag *first = NULL;
    for (size_t i = 0; i < diag_size(own); i++) {
        const diag *e = diag_at(own, i);
        if (e->sev == DIAG_ERROR && e->at.file == f && e->at.begin <= end && (!first || e->at.begin < first->at.begin))
            first = e;
    }
    *why = NULL;
    if (!first || (named && fisc_with_a_typo(f, start, end))) {
        diag_move(d, own);
        return ast;
    }
    *why = stranger(a, f, end, first);
    *at = first->at.begin;
    ast_file *empty = arena_alloc(a, sizeof *empty);
    empty->src = f;
    return empty;
}

/* Parses f, or says why it is not fisc source; see load.h. */
ast_file *load_parse(arena *a, strtab *names, diag_list *d, const src_file *f, const char **why, uint32_t *at)
{
    return parse_checked(a, names, d, f, false, why, at);
}

/* load_parse, reporting a stranger; see load.h. */
ast_file *load_named(arena *a, strtab *names, diag_list *d, const src_file *f)
{
    const char *why;
    uint32_t at = 0;
    ast_file *ast = parse_checked(a, names, d, f, true, &why, &at);
    if (why) {
        span s = { f, at, at };
        diag_add(d, DIAG_ERROR, s, NULL, "not a fisc source file: %s", why)->no_echo = true;
    }
    return ast;
}

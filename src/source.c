/* source.c: source files held whole in memory, and UTF-8 measurement.
 *
 * A file is read in one piece into the arena and always ends in "\n\0":
 * the lexer then needs no end-of-buffer checks (the sentinel method), and
 * the last line is terminated like every other.  Line starts are indexed
 * eagerly with memchr, which costs one fast pass and keeps src_linecol a
 * binary search with no hidden mutation.  Columns count code points and
 * display widths follow the East Asian Width property for the ranges a
 * budget meets; an invalid byte counts as one of each, so a broken file
 * still gets a caret in a sensible place. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "i18n.h"
#include "source.h"

/* Fills the line index; text must end in '\n'. */
static void index_lines(arena *a, src_file *f)
{
    size_t n = 0;
    for (const char *p = f->text, *end = f->text + f->len;
         (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        n++;
    f->nlines = n;
    f->line_starts = arena_alloc(a, n * sizeof *f->line_starts);
    uint32_t *ls = f->line_starts;
    ls[0] = 0;
    size_t i = 1;
    for (const char *p = f->text, *end = f->text + f->len;
         i < n && (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        ls[i++] = (uint32_t)(p + 1 - f->text);
}

/* Takes buf (cap >= n + 2 bytes, arena-owned) as the text of a new file. */
static src_file *make_file(arena *a, const char *path, char *buf, size_t n)
{
    src_file *f = arena_alloc(a, sizeof *f);
    f->path = arena_strdup(a, path);
    f->orig_len = n;
    if (n == 0 || buf[n - 1] != '\n')
        buf[n++] = '\n';
    buf[n] = '\0';
    f->text = buf;
    f->len = n;
    index_lines(a, f);
    return f;
}

/* Copies text[0..n) into a new file named path. */
src_file *src_from_memory(arena *a, const char *path, const char *text, size_t n)
{
    char *buf = arena_alloc(a, n + 2);
    if (n)
        memcpy(buf, text, n);
    return make_file(a, path, buf, n);
}

/* Why st is not a regular file, for a message; NULL when it is one. */
static const char *not_regular(const struct stat *st)
{
    if (S_ISREG(st->st_mode))
        return NULL;
    if (S_ISDIR(st->st_mode))
        return _("is a directory");
    if (S_ISFIFO(st->st_mode))
        return _("is a pipe or FIFO, not a regular file");
    if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
        return _("is a device, not a regular file");
    if (S_ISSOCK(st->st_mode))
        return _("is a socket, not a regular file");
    return _("is not a regular file");
}

/* Reads fd to its end into a new file named name (see source.h). */
src_file *src_read_fd(arena *a, const char *name, int fd, size_t size_hint, const char **err)
{
    static const char too_big[] = N_("file too large (the limit is 1 GiB)");
    if (size_hint > SRC_MAX_BYTES) {
        *err = _(too_big);
        return NULL;
    }
    /* +2 for the sentinel "\n\0", +1 so the first read reaches end of
     * file instead of filling the buffer and doubling it.  Files that
     * report no size (/proc) or grow while read still work. */
    size_t cap = size_hint > 0 ? size_hint + 3 : 64 * 1024, n = 0;
    char *buf = arena_alloc(a, cap);
    for (;;) {
        if (n == cap - 2) {
            if (n > SRC_MAX_BYTES) {
                *err = _(too_big);
                return NULL;
            }
            /* Never more than the limit needs: past it is an error. */
            size_t ncap = cap * 2 > SRC_MAX_BYTES + 4 ? SRC_MAX_BYTES + 4 : cap * 2;
            buf = arena_grow(a, buf, cap, ncap);
            cap = ncap;
        }
        ssize_t got = read(fd, buf + n, cap - 2 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            *err = strerror(errno);
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (n > SRC_MAX_BYTES) {
        *err = _(too_big);
        return NULL;
    }
    return make_file(a, name, buf, n);
}

/* Reads the regular file at path whole; on failure returns NULL with
 * *err set.  Nothing that is not a regular file is read: stat refuses it
 * without opening it, and the open itself cannot block (O_NONBLOCK: a FIFO
 * without a writer, /dev/stdin, /proc/self/fd/N on a pipe) nor take a
 * controlling terminal (O_NOCTTY); fstat then checks what was opened, in
 * case the path changed in between. */
src_file *src_load(arena *a, const char *path, const char **err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        *err = strerror(errno);
        return NULL;
    }
    if ((*err = not_regular(&st)) != NULL)
        return NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        *err = strerror(errno);
        return NULL;
    }
    src_file *f = NULL;
    if (fstat(fd, &st) != 0) {
        *err = strerror(errno);
    } else if ((*err = not_regular(&st)) == NULL) {
        /* Regular files never block; clear the flag all the same so a
         * file system that honours it cannot return EAGAIN. */
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0)
            (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
        f = src_read_fd(a, path, fd, st.st_size > 0 ? (size_t)st.st_size : 0, err);
        if (f) {
            f->dev = (uint64_t)st.st_dev;
            f->ino = (uint64_t)st.st_ino;
        }
    }
    close(fd);
    return f;
}

/* What is wrong with f's encoding, or NULL; see source.h. */
const char *src_encoding_problem(const src_file *f, uint32_t *mark)
{
    const unsigned char *t = (const unsigned char *)f->text;
    *mark = 1;
    if (f->len >= 4 && ((t[0] == 0xFF && t[1] == 0xFE && t[2] == 0 && t[3] == 0) ||
                        (t[0] == 0 && t[1] == 0 && t[2] == 0xFE && t[3] == 0xFF))) {
        *mark = 4;
        return _("file is UTF-32; convert it to UTF-8, e.g. iconv -f UTF-32 -t UTF-8");
    }
    if (f->len >= 2 && t[0] == 0xFF && t[1] == 0xFE) {
        *mark = 2;
        return _("file is UTF-16 (little-endian); convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8");
    }
    if (f->len >= 2 && t[0] == 0xFE && t[1] == 0xFF) {
        *mark = 2;
        return _("file is UTF-16 (big-endian); convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8");
    }
    if (f->len >= 4 && ((t[1] == 0 && t[3] == 0 && t[0] != 0) || (t[0] == 0 && t[2] == 0 && t[1] != 0)))
        return _("NUL bytes between the characters: the file looks like UTF-16 without a byte order mark; "
                 "convert it to UTF-8, e.g. iconv -f UTF-16LE -t UTF-8");
    if (f->orig_len > 0 && memchr(f->text, '\r', f->orig_len) && !memchr(f->text, '\n', f->orig_len))
        return _("lines end in a bare CR (classic Mac OS); convert them to LF, e.g. tr '\\r' '\\n'");
    return NULL;
}

/* Whether what is not UTF-8 in f is GBK; see source.h. */
bool src_looks_gbk(const src_file *f)
{
    const unsigned char *t = (const unsigned char *)f->text;
    size_t pairs = 0;
    for (size_t i = 0; i < f->len;) {
        if (t[i] < 0x80) {
            i++;
            continue;
        }
        long cp;
        size_t n = src_utf8_decode(f->text + i, f->len - i, &cp);
        if (cp >= 0) {
            i += n;
            continue;
        }
        if (i + 1 >= f->len || t[i] < 0x81 || t[i] > 0xFE || t[i + 1] < 0x40 || t[i + 1] > 0xFE || t[i + 1] == 0x7F)
            return false;
        pairs++;
        i += 2;
    }
    return pairs >= 2;
}

size_t src_utf8_decode(const char *str, size_t n, long *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    size_t len;
    long v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = -1;
        return 1;
    }
    if (n < len)
        goto bad;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            goto bad;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        goto bad;
    *cp = v;
    return len;
bad:
    *cp = -1;
    return 1;
}

/* Code point index (from 0) of byte offset off within s, counting an
 * invalid byte as one and a sequence that straddles off as one. */
static unsigned count_points(const char *s, size_t off)
{
    unsigned cols = 0;
    long cp;
    for (size_t i = 0; i < off; cols++)
        i += src_utf8_decode(s + i, off - i, &cp);
    return cols;
}

/* Index of the line holding byte off, by binary search. */
static size_t line_index(const src_file *f, uint32_t off)
{
    size_t lo = 0, hi = f->nlines;          /* answer in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* 1-based line and code-point column of off (clamped into the text). */
void src_linecol(const src_file *f, uint32_t off, unsigned *line, unsigned *col)
{
    /* Offsets past the end (an end-of-input token) land on the final
     * newline, i.e. just after the last character. */
    if (off >= f->len)
        off = (uint32_t)(f->len - 1);
    size_t i = line_index(f, off);
    const char *start = f->text + f->line_starts[i];
    *line = (unsigned)i + 1;
    /* Counting only the line's own bytes keeps this O(line length). */
    *col = count_points(start, off - f->line_starts[i]) + 1;
}

/* Line number `line` (1-based, clamped) without its "\n" or "\r\n". */
const char *src_line(const src_file *f, unsigned line, size_t *len)
{
    if (line < 1)
        line = 1;
    if (line > f->nlines)
        line = (unsigned)f->nlines;
    const char *s = f->text + f->line_starts[line - 1];
    const char *nl = memchr(s, '\n', (size_t)(f->text + f->len - s));
    size_t n = (size_t)(nl - s);
    if (n > 0 && s[n - 1] == '\r')
        n--;
    *len = n;
    return s;
}

/* Default_Ignorable_Code_Point from DerivedCoreProperties.txt of Unicode
 * 15.0.0, range for range (Bidi_Control, from PropList.txt, is a subset):
 * sorted and disjoint, for a binary search. */
static const struct { long lo, hi; } invisible_ranges[] = {
    { 0x00AD, 0x00AD }, { 0x034F, 0x034F }, { 0x061C, 0x061C }, { 0x115F, 0x1160 },
    { 0x17B4, 0x17B5 }, { 0x180B, 0x180F }, { 0x200B, 0x200F }, { 0x202A, 0x202E },
    { 0x2060, 0x206F }, { 0x3164, 0x3164 }, { 0xFE00, 0xFE0F }, { 0xFEFF, 0xFEFF },
    { 0xFFA0, 0xFFA0 }, { 0xFFF0, 0xFFF8 }, { 0x1BCA0, 0x1BCA3 }, { 0x1D173, 0x1D17A },
    { 0xE0000, 0xE0FFF },
};

/* Default_Ignorable_Code_Point, Unicode 15.0.0. */
bool src_invisible(long cp)
{
    size_t lo = 0, hi = sizeof invisible_ranges / sizeof *invisible_ranges;
    if (cp < invisible_ranges[0].lo)
        return false;
    while (lo < hi) {                       /* first range with hi >= cp */
        size_t mid = lo + (hi - lo) / 2;
        if (invisible_ranges[mid].hi < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < sizeof invisible_ranges / sizeof *invisible_ranges && invisible_ranges[lo].lo <= cp;
}

/* Bidi_Control from PropList.txt of Unicode 15.0.0. */
bool src_bidi_control(long cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

static unsigned cp_width(long cp)
{
    if (cp < 0)
        return 1;
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F))
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115F) ||
        (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) ||
        (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) ||
        (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

/* Terminal columns taken by the UTF-8 bytes s[0..n). */
unsigned src_display_width(const char *s, size_t n)
{
    unsigned w = 0;
    long cp;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {       /* ASCII: one column, no decoding */
            w++;
            i++;
            continue;
        }
        const unsigned char *u = (const unsigned char *)s + i;
        if (i + 3 <= n && u[0] >= 0xE4 && u[0] <= 0xE9 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
            w += 2;             /* U+4000..U+9FFF (CJK): two columns */
            i += 3;
            continue;
        }
        i += src_utf8_decode(s + i, n - i, &cp);
        w += cp_width(cp);
    }
    return w;
}

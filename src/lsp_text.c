/* lsp_text.c: buffers and positions for the language server.
 *
 * The line index is rebuilt after every edit with memchr: a 1,700-line
 * budget indexes in microseconds, and a rebuilt index cannot drift from
 * the text.  Only '\n' ends a line; the '\r' of a CRLF stays at the end
 * of its line and is not counted in a position past the line's end.
 * Characters are decoded with the compiler's own UTF-8 decoder, so an
 * invalid byte counts as one unit everywhere (the client shows it as
 * U+FFFD, one unit in any encoding). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "lsp_text.h"
#include "source.h"


static void index_lines(lsp_text *t)
{
    size_t n = 1;
    for (const char *p = t->s, *end = t->s + t->n; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        n++;
    t->lines = xrealloc(t->lines, n * sizeof *t->lines);
    t->nlines = 0;
    t->lines[t->nlines++] = 0;
    for (const char *p = t->s, *end = t->s + t->n; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        t->lines[t->nlines++] = (uint32_t)(p + 1 - t->s);
}

bool lsp_text_set(lsp_text *t, const char *s, size_t n)
{
    bool ok = n <= SRC_MAX_BYTES;
    if (!ok)
        n = 0;
    t->s = xrealloc(t->s, n + 1);
    if (n)
        memcpy(t->s, s, n);
    t->s[n] = '\0';
    t->n = n;
    index_lines(t);
    return ok;
}

void lsp_text_free(lsp_text *t)
{
    free(t->s);
    free(t->lines);
    memset(t, 0, sizeof *t);
}

bool lsp_text_replace(lsp_text *t, size_t b, size_t e, const char *s, size_t n)
{
    size_t len = t->n - (e - b) + n;
    if (len > SRC_MAX_BYTES)
        return false;
    if (len > t->n)
        t->s = xrealloc(t->s, len + 1);
    memmove(t->s + b + n, t->s + e, t->n - e + 1);   /* with the NUL */
    if (n)
        memcpy(t->s + b, s, n);
    t->n = len;
    index_lines(t);
    return true;
}

/* Units of the character starting at s (n >= 1 bytes left); *len its bytes. */
static size_t char_units(lsp_enc enc, const char *s, size_t n, size_t *len)
{
    long cp;
    *len = src_utf8_decode(s, n, &cp);
    switch (enc) {
    case LSP_UTF8: return *len;
    case LSP_UTF16: return cp > 0xFFFF ? 2 : 1;
    default: return 1;
    }
}

size_t lsp_units(lsp_enc enc, const char *s, size_t n)
{
    size_t u = 0, len;
    for (size_t i = 0; i < n; i += len)
        u += char_units(enc, s + i, n - i, &len);
    return u;
}

/* End of line `line`'s content: before its '\n' (and a '\r' before that). */
static size_t line_end(const lsp_text *t, size_t line)
{
    size_t end = line + 1 < t->nlines ? t->lines[line + 1] - 1 : t->n;
    if (end > t->lines[line] && t->s[end - 1] == '\r' && end < t->n)
        end--;
    return end;
}

bool lsp_text_offset(const lsp_text *t, lsp_enc enc, long long line, long long ch, size_t *off)
{
    if (line < 0 || ch < 0 || (unsigned long long)line >= t->nlines)
        return false;
    size_t i = t->lines[line], end = line_end(t, (size_t)line), len;
    unsigned long long u = 0;
    while (i < end) {
        size_t cu = char_units(enc, t->s + i, end - i, &len);
        if (u + cu > (unsigned long long)ch)
            break;      /* ch inside a character (half a surrogate pair): its start */
        u += cu;
        i += len;
    }
    *off = i;
    return true;
}

void lsp_text_pos(const lsp_text *t, lsp_enc enc, size_t off, unsigned *line, unsigned *ch)
{
    if (off > t->n)
        off = t->n;
    size_t lo = 0, hi = t->nlines;     /* last line start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = (unsigned)lo;
    *ch = (unsigned)lsp_units(enc, t->s + t->lines[lo], off - t->lines[lo]);
}

const char *lsp_enc_name(lsp_enc enc)
{
    switch (enc) {
    case LSP_UTF8: return "utf-8";
    case LSP_UTF32: return "utf-32";
    default: return "utf-16";
    }
}

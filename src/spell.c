/* spell.c: names as fisc source writes them (spell.h).
 *
 * The name rule restates the lexer's (grammar/lexer.re): a name starts
 * with a letter, '_' or a non-ASCII character and goes on with those and
 * digits; the non-ASCII characters with a token of their own (full-width
 * digits, =, %, the ideographic space, signs and relations) and the
 * invisible ones the lexer refuses cannot stand in one. */
#include <string.h>
#include "source.h"
#include "spell.h"
#include "lex.h"

const char *const spell_keywords[] = {
    "budget", "import", "classification", "table", "narrative", "columns", "rows",
    "for", "check", "total", "was", "change", "prev", "rate", "within", "exact", "as",
    "heading", "subtotal", "ofwhich", "text", "chart", "indicators", "year", "unit",
    "rounding", "tolerance", "previous", "number", "department", "note",
    "precision", "known", "extend", "empty", "beside", "codes", "template", "years",
    "consolidated", "final", "since", "_", NULL,
};

/* The non-ASCII characters that cannot stand in a name: those with a
 * rule of their own in the lexer (its `nonascii` class leaves them out)
 * and those its forbidden() refuses in a name (C1 controls, invisible and
 * bidirectional characters, line separators, space-like characters). */
static bool excluded_from_names(long cp)
{
    return cp < 0xA0 || cp == 0x00A0 || cp == 0xFEFF || (cp >= 0xFF10 && cp <= 0xFF19) || cp == 0x3000 ||
           cp == 0xFF1D || cp == 0x2212 || cp == 0xFF05 || (cp >= 0x2264 && cp <= 0x2267) ||
           cp == 0xFF0B || cp == 0xFF0D || cp == 0xFF1C || cp == 0xFF1E ||
           src_invisible(cp) || src_bidi_control(cp) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x2800;
}

/* Whether s[0..n) is a keyword; see spell.h. */
bool spell_is_keyword(const char *s, size_t n)
{
    /* keywords are ASCII: a name that starts otherwise (a Chinese label)
     * is none of them, and is not compared with each */
    if (n == 0 || (unsigned char)s[0] >= 0x80)
        return false;
    for (const char *const *k = spell_keywords; *k; k++)
        if (strlen(*k) == n && memcmp(*k, s, n) == 0)
            return true;
    return false;
}

/* Whether s[0..n) may be written bare; see spell.h. */
bool spell_bare(const char *s, size_t n)
{
    if (n == 0 || n > LEX_MAX_NAME || spell_is_keyword(s, n))
        return false;
    for (size_t i = 0; i < n;) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (i + 3 <= n && u[0] >= 0xE4 && u[0] <= 0xE9 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
            i += 3;         /* U+4000..U+9FFF (the CJK blocks): none is excluded */
            continue;
        }
        long cp;
        size_t len = src_utf8_decode(s + i, n - i, &cp);
        if (cp < 0)
            return false;
        bool ok;
        if (cp < 0x80)
            ok = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_' ||
                 (i > 0 && cp >= '0' && cp <= '9');
        else
            ok = !excluded_from_names(cp);
        if (!ok)
            return false;
        i += len;
    }
    return true;
}

/* "..." with the canonical escapes; see spell.h. */
size_t spell_quote(char *out, const char *s, size_t n)
{
    char *o = out;
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '"': *o++ = '\\'; *o++ = '"'; break;
        case '\\': *o++ = '\\'; *o++ = '\\'; break;
        case '\n': *o++ = '\\'; *o++ = 'n'; break;
        case '\t': *o++ = '\\'; *o++ = 't'; break;
        default: *o++ = s[i];
        }
    }
    *o++ = '"';
    *o = '\0';
    return (size_t)(o - out);
}

/* s bare or quoted; see spell.h. */
const char *spell_label(arena *a, const char *s)
{
    size_t n = strlen(s);
    if (spell_bare(s, n))
        return s;
    char *out = arena_alloc(a, 2 * n + 3);
    spell_quote(out, s, n);
    return out;
}

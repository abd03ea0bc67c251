/* label.c: the key labels are matched by (label.h).
 *
 * Every character the key folds is three bytes in UTF-8 and starts with
 * 0xE2 (curly quotes), 0xE3 (U+3000) or 0xEF (the full-width block), while
 * the Chinese text of labels lies in 0xE4..0xE9: a label with none of those
 * three lead bytes is its own key, found by one scan without decoding.
 * Keys are compared a character at a time, never built, by label_same and
 * label_hash, so the matcher allocates nothing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "label.h"
#include "source.h"

/* The folded form of the character at s (one byte to fold into *out),
 * and its length in bytes; 0 when it does not fold. */
static size_t fold_at(const unsigned char *s, unsigned char *out)
{
    if (s[0] == 0xEF && (s[1] == 0xBC || s[1] == 0xBD) && s[2] >= 0x80 && s[2] <= 0xBF) {
        /* U+FF01..U+FF5E: EF BC 81..BF (FF01..FF3F), EF BD 80..9E (FF40..FF5E) */
        unsigned cp = 0xFF00u + ((unsigned)(s[1] - 0xBC) << 6) + (unsigned)(s[2] - 0x80);
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            *out = (unsigned char)(cp - 0xFF01 + 0x21);
            return 3;
        }
        return 0;
    }
    if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) {
        *out = ' ';
        return 3;
    }
    if (s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x98 && s[2] <= 0x9D && s[2] != 0x9A && s[2] != 0x9B) {
        *out = s[2] >= 0x9C ? '"' : '\'';  /* “ ” (9C 9D), ‘ ’ (98 99) */
        return 3;
    }
    return 0;
}

/* The next byte of the key at *s (advancing *s), or 0 at the end. */
static unsigned char next_key_byte(const unsigned char **s)
{
    const unsigned char *p = *s;
    if (!*p)
        return 0;
    unsigned char c;
    size_t n = (*p == 0xE2 || *p == 0xE3 || *p == 0xEF) && p[1] && p[2] ? fold_at(p, &c) : 0;
    if (n) {
        *s = p + n;
        return c;
    }
    *s = p + 1;
    return *p;
}

/* Whether anything in s folds. */
static bool folds(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned char c;
    for (; *p; p++)
        if ((*p == 0xE2 || *p == 0xE3 || *p == 0xEF) && p[1] && p[2] && fold_at(p, &c))
            return true;
    return false;
}

/* Whether s[0..n) holds a byte that may start a folding character (most
 * labels do not: they are then their own key, byte for byte). */
static bool may_fold(const char *s, size_t n)
{
    return memchr(s, 0xE2, n) || memchr(s, 0xE3, n) || memchr(s, 0xEF, n);
}

/* The interned key of s; see label.h. */
const char *label_key(strtab *names, const char *s)
{
    if (!s || !may_fold(s, strlen(s)) || !folds(s))
        return s;
    char small[256];
    size_t n = strlen(s);
    char *buf = small;
    arena *scratch = NULL;
    if (n >= sizeof small) {
        scratch = arena_new();
        buf = arena_alloc(scratch, n + 1);
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t k = 0;
    for (unsigned char c; (c = next_key_byte(&p)) != 0;)
        buf[k++] = (char)c;
    const char *key = strtab_intern(names, buf, k);
    if (scratch)
        arena_free(scratch);
    return key;
}

/* By contents, key byte by key byte; see label.h. */
bool label_same(const char *a, const char *b)
{
    if (a == b)
        return true;
    if (!a || !b)
        return false;
    if (strcmp(a, b) == 0)
        return true;        /* the same bytes: the same key */
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    for (;;) {
        unsigned char x = next_key_byte(&p), y = next_key_byte(&q);
        if (x != y)
            return false;
        if (!x)
            return true;
    }
}

/* A hash of the key's bytes; see label.h.  A label that folds nothing is
 * hashed as it is; one that does, as its key (built in a buffer). */
size_t label_hash(const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    if (!may_fold((const char *)p, n))
        return strtab_hash(p, n);
    unsigned char small[256], *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf)
        return 0;           /* out of memory: every key in one chain, still right */
    size_t k = 0;
    for (unsigned char c; (c = next_key_byte(&p)) != 0;)
        buf[k++] = c;
    size_t h = strtab_hash(buf, k);
    if (buf != small)
        free(buf);
    return h;
}

/* The key's code points; see label.h.  A byte of the key below 0x80 is a
 * character (ASCII, or what a full-width form folds to); one above starts
 * a character that does not fold, decoded from the text itself. */
size_t label_key_points(const char *s, uint32_t *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = 0;
    for (unsigned char c; (c = next_key_byte(&p)) != 0; n++) {
        if (n == cap)
            return cap + 1;
        out[n] = c;
        if (c >= 0x80) {
            const char *at = (const char *)p - 1;
            long cp;
            size_t len = src_utf8_decode(at, strnlen(at, 4), &cp);
            p = (const unsigned char *)at + len;
            out[n] = cp < 0 ? 0xFFFDu + c : (uint32_t)cp;
        }
    }
    return n;
}

/* The value of the Chinese numeral at s (一 .. 九: 1 .. 9, 十: 10; 0 for
 * 百, 零, 〇, which only ever stand inside a numeral) and its length in
 * bytes, or length 0 when s starts with none. */
static size_t numeral_at(const char *s, unsigned *value)
{
    static const char *const numerals[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "〇" };
    for (size_t i = 0; i < sizeof numerals / sizeof *numerals; i++) {
        size_t n = strlen(numerals[i]);
        if (strncmp(s, numerals[i], n) == 0) {
            *value = i <= 10 ? (unsigned)i : 0;
            return n;
        }
    }
    return 0;
}

/* The numerals (Chinese, or ASCII digits when digits) at s: their length
 * in bytes, and in *value the number they write (1 .. 99: 三, 十二, 二十六;
 * 0 for a form beyond that). */
static size_t numerals_len(const char *s, bool digits, unsigned *value)
{
    size_t len = 0, n;
    unsigned v[4], nv = 0, d;
    *value = 0;
    if (digits) {
        while (s[len] >= '0' && s[len] <= '9') {
            if (*value < 100000)
                *value = *value * 10 + (unsigned)(s[len] - '0');
            len++;
        }
        return len;
    }
    while ((n = numeral_at(s + len, &d)) != 0) {
        if (nv < 4)
            v[nv] = d;
        nv++;
        len += n;
    }
    bool ten1 = nv >= 2 && v[1] == 10, ten0 = nv >= 1 && v[0] == 10;
    if (nv == 1 && v[0] >= 1)
        *value = v[0];                                  /* 三, 十 */
    else if (nv == 2 && ten0 && v[1] >= 1 && v[1] <= 9)
        *value = 10 + v[1];                             /* 十二 */
    else if (nv == 2 && ten1 && v[0] >= 2 && v[0] <= 9)
        *value = v[0] * 10;                             /* 二十 */
    else if (nv == 3 && ten1 && v[0] >= 2 && v[0] <= 9 && v[2] >= 1 && v[2] <= 9)
        *value = v[0] * 10 + v[2];                      /* 二十六 */
    return len;
}

const char *label_ordinal(const char *s, unsigned *value, int *style)
{
    *value = 0;
    *style = 0;
    if (!s)
        return s;
    static const char comma[] = "、", fdot[] = "．", lpar[] = "（", rpar[] = "）";
    const char *p = s;
    bool paren = false;
    if (strncmp(p, lpar, 3) == 0 || *p == '(') {
        paren = true;
        p += *p == '(' ? 1 : 3;
    }
    bool digits = *p >= '0' && *p <= '9';
    unsigned v;
    size_t n = numerals_len(p, digits, &v);
    if (n == 0)
        return s;
    p += n;
    int st;
    if (paren && (strncmp(p, rpar, 3) == 0 || *p == ')')) {
        p += *p == ')' ? 1 : 3;
        st = digits ? LABEL_ORD_PAREN_DIGITS : LABEL_ORD_PAREN;
    } else if (!paren && strncmp(p, comma, 3) == 0) {
        p += 3;
        st = digits ? LABEL_ORD_DIGITS : LABEL_ORD_COMMA;
    } else if (!paren && digits && (strncmp(p, fdot, 3) == 0 || *p == '.')) {
        p += *p == '.' ? 1 : 3;
        st = LABEL_ORD_DIGITS;
    } else {
        return s;
    }
    if (!*p)
        return s;
    *value = v;
    *style = st;
    return p;
}

const char *label_unnumbered(const char *s)
{
    unsigned value;
    int style;
    return label_ordinal(s, &value, &style);
}

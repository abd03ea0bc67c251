/* present.c: text fisc did not write itself, made safe for its reader.
 *
 * A label, a string, a path or an argument may hold anything its author
 * (or an attacker) typed: ESC and BEL that drive a terminal, bidirectional
 * controls that reorder a line (Trojan Source), invisible characters, a
 * leading '=' that a spreadsheet runs as a formula.  The lexer already
 * refuses most of them in names and strings; these writers are the second
 * wall, for paths and for anything that reaches output another way.
 *
 * Every writer walks the text once with the one UTF-8 decoder
 * (src_utf8_decode), copies runs of safe characters in one fwrite and
 * replaces each unsafe one.  For a person the replacement is a visible
 * escape (\x1b, \u{202e}), so the text can be found and fixed; in JSON it
 * is the standard lossless escape.
 *
 * Amounts: every amount a person reads is made by present_number, which
 * groups digits by thousands (with dec_group, the one grouping function,
 * also used by decimal.c's own messages); the units they are shown in are
 * decided by present_money_unit and its two companions, so a table, a
 * diff, a message and the language server print the same figure the same
 * way.  Nothing here allocates but present_amount_str. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "present.h"
#include "source.h"

/* Controls, invisibles, line separators and invalid bytes; see present.h. */
bool present_unsafe(long cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 || src_invisible(cp);
}

/* Writes the escape of one unsafe character: its code point, or the byte
 * b when the character is an invalid byte (cp < 0). */
static void put_escape(FILE *out, long cp, unsigned char b)
{
    switch (cp) {
    case '\t': fputs("\\t", out); return;
    case '\n': fputs("\\n", out); return;
    case '\r': fputs("\\r", out); return;
    default: break;
    }
    if (cp < 0)
        fprintf(out, "\\x%02x", (unsigned)b);
    else if (cp < 0x80)
        fprintf(out, "\\x%02x", (unsigned)cp);
    else
        fprintf(out, "\\u{%lx}", cp);
}

/* Does cp pass raw under flags (PRESENT_KEEP_LINES), at s[i] of n? */
static bool kept(unsigned flags, long cp, const char *s, size_t i, size_t n)
{
    if (!(flags & PRESENT_KEEP_LINES))
        return false;
    return cp == '\t' || cp == '\n' || (cp == '\r' && i + 1 < n && s[i + 1] == '\n');
}

/* The one escaping walk behind present_text and present_csv_text. */
static void escape_text(FILE *out, const char *s, size_t n, unsigned flags)
{
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        /* The common cases need no decoding: printable ASCII, and a
         * character of the CJK blocks U+4000..U+9FFF (lead bytes E4..E9),
         * none of which is unsafe. */
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            i++;
            continue;
        }
        if (c >= 0xE4 && c <= 0xE9 && i + 2 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
            ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        long cp;
        size_t len = src_utf8_decode(s + i, n - i, &cp);
        bool backslash = cp == '\\' && (flags & PRESENT_FIELD);
        if (!backslash && (!present_unsafe(cp) || kept(flags, cp, s, i, n))) {
            i += len;
            continue;
        }
        fwrite(s + run, 1, i - run, out);
        if (backslash)
            fputs("\\\\", out);
        else
            put_escape(out, cp, (unsigned char)s[i]);
        i += len;
        run = i;
    }
    fwrite(s + run, 1, n - run, out);
}

/* s[0..n) for a person: unsafe characters as visible escapes. */
void present_text(FILE *out, const char *s, size_t n, unsigned flags)
{
    escape_text(out, s, n, flags);
}

/* present_text of a C string, nothing for NULL. */
void present_str(FILE *out, const char *s)
{
    if (s)
        escape_text(out, s, strlen(s), 0);
}

/* A formatted message, made safe; see present.h. */
void present_printf(FILE *out, const char *fmt, ...)
{
    char small[512], *buf = small;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof small && (buf = malloc((size_t)n + 1)) != NULL) {
        va_start(ap, fmt);
        vsnprintf(buf, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    if (!buf) {             /* out of memory: the message cut short */
        buf = small;
        n = (int)sizeof small - 1;
    }
    escape_text(out, buf, (size_t)n, PRESENT_KEEP_LINES);
    if (buf != small)
        free(buf);
}

/* A whole plain number: [+-]digits[,digits...][.digits][%]. */
static bool plain_number(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t digits = 0;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || (s[i] == ',' && digits > 0))) {
        digits += s[i] != ',';
        i++;
    }
    if (digits == 0 || s[i - 1] == ',')
        return false;
    if (i < n && s[i] == '.') {
        size_t frac = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == frac)
            return false;
    }
    if (i < n && s[i] == '%')
        i++;
    return i == n;
}

/* One CSV text field: quoted when needed, escaped, formulas disarmed. */
void present_csv_text(FILE *out, const char *s, size_t n)
{
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    bool formula = n > 0 && strchr("=+-@\t\r", s[0]) != NULL && !plain_number(s, n);
    if (quote)
        putc('"', out);
    if (formula)
        putc('\'', out);
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') {
            escape_text(out, s + start, i + 1 - start, PRESENT_KEEP_LINES);  /* through the quote */
            putc('"', out);
            start = i + 1;
        }
    }
    escape_text(out, s + start, n - start, PRESENT_KEEP_LINES);
    if (quote)
        putc('"', out);
}

/* A JSON string: lossless escapes for everything unsafe. */
void present_json_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    size_t n = strlen(s), run = 0;
    putc('"', out);
    for (size_t i = 0; i < n;) {
        long cp;
        size_t len = src_utf8_decode(s + i, n - i, &cp);
        if (cp != '"' && cp != '\\' && !present_unsafe(cp)) {
            i += len;
            continue;
        }
        fwrite(s + run, 1, i - run, out);
        switch (cp) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (cp < 0)
                fputs("\\ufffd", out);
            else if (cp <= 0xFFFF)
                fprintf(out, "\\u%04lx", cp);
            else        /* a surrogate pair */
                fprintf(out, "\\u%04lx\\u%04lx", 0xD800 + ((cp - 0x10000) >> 10), 0xDC00 + ((cp - 0x10000) & 0x3FF));
        }
        i += len;
        run = i;
    }
    fwrite(s + run, 1, n - run, out);
    putc('"', out);
}

/* ---- units and amounts ---- */

const unit_info *present_money_unit(const m_model *m, const m_table *t)
{
    if (t && t->unit && t->unit->kind == KIND_MONEY)
        return t->unit;
    if (m && m->budget.unit && m->budget.unit->kind == KIND_MONEY)
        return m->budget.unit;
    return unit_lookup("元", strlen("元"));
}

int present_pow10(const m_model *m, const m_table *t, qty_kind k)
{
    return k == KIND_MONEY ? present_money_unit(m, t)->pow10 : 0;
}

const char *present_unit_name(const m_model *m, const m_table *t, const m_value *v)
{
    switch (v->kind) {
    case KIND_MONEY: return present_money_unit(m, t)->name;
    case KIND_RATE: return "%";
    case KIND_COUNT: return m_value_unit(v) ? m_value_unit(v)->name : "";
    default: return "";
    }
}

size_t present_number(const char *s, size_t n, unsigned flags, char *out)
{
    size_t k = 0;
    if (n > 0 && s[0] == '-' && (flags & PRESENT_MINUS)) {
        memcpy(out, "\xE2\x88\x92", 3);
        k = 3;
        s++, n--;
    } else if (!(n > 0 && s[0] == '-') && (flags & PRESENT_PLUS)) {
        out[k++] = '+';
    }
    return k + dec_group(s, n, out + k);
}

size_t present_amount(dec v, int pow10, unsigned flags, char out[PRESENT_AMOUNT_MAX])
{
    char plain[DEC_FMT_MAX];
    size_t n = dec_format_exact(v, pow10, 0, plain);
    return present_number(plain, n, flags, out);
}

const char *present_amount_str(arena *a, dec v, int pow10)
{
    char buf[PRESENT_AMOUNT_MAX];
    size_t n = present_amount(v, pow10, 0, buf);
    return arena_strndup(a, buf, n);
}

const char *present_figure(arena *a, const m_value *v, const unit_info *in)
{
    if (v->blank)
        return "-";
    if (v->kind == KIND_TEXT)
        return arena_printf(a, "\"%s\"", m_value_text(v) ? m_value_text(v) : "");
    const unit_info *wu = m_value_unit(v);
    const unit_info *u = v->kind == KIND_MONEY ? (wu ? wu : in) : wu;
    int pow10 = v->kind == KIND_MONEY && u ? u->pow10 : 0;
    int places = v->places > 0 ? v->places : 0;
    char plain[DEC_FMT_MAX], buf[PRESENT_AMOUNT_MAX];
    size_t n = v->declared ? dec_format(v->v, pow10, places, plain) : dec_format_exact(v->v, pow10, places, plain);
    n = present_number(plain, n, v->plus ? PRESENT_PLUS : 0, buf);
    const char *unit = "";
    if (v->kind == KIND_RATE)
        unit = "%";
    else if (v->kind == KIND_COUNT && wu)
        unit = arena_printf(a, " %s", wu->name);
    else if (v->kind == KIND_MONEY && u && (!in || u != in))
        unit = arena_printf(a, " %s", u->name);
    return arena_printf(a, "%.*s%s", (int)n, buf, unit);
}

/* HTML text or attribute: references for the markup characters, visible
 * escapes for the unsafe ones. */
void present_html(FILE *out, const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s), run = 0;
    for (size_t i = 0; i < n;) {
        long cp;
        size_t len = src_utf8_decode(s + i, n - i, &cp);
        const char *ref = cp == '&' ? "&amp;" : cp == '<' ? "&lt;" : cp == '>' ? "&gt;" : cp == '"' ? "&quot;"
                        : cp == '\'' ? "&#39;" : NULL;
        if (!ref && (!present_unsafe(cp) || cp == '\t' || cp == '\n')) {
            i += len;
            continue;
        }
        fwrite(s + run, 1, i - run, out);
        if (ref)
            fputs(ref, out);
        else
            put_escape(out, cp, (unsigned char)s[i]);
        i += len;
        run = i;
    }
    fwrite(s + run, 1, n - run, out);
}

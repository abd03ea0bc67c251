/* lexer.re: the tokens of fisc, one rule each.
 *
 * re2c over the whole buffer with the sentinel method: src_file guarantees
 * the text ends in "\n\0", so the only NUL the lexer may see inside the
 * text is an error and the one at text[len] is the end.  Numbers are
 * lexed permissively ([0-9]+ with commas and a fraction) and validated by
 * the decimal module, which can say what is wrong with "4,22".  Names are
 * any run of letters, digits, '_' and non-ASCII characters that does not
 * start with a digit, so Chinese labels and their full-width punctuation
 * (（）：、“”) need no quotes. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "lex.h"
#include "parser.h"

/*!re2c
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYCURSOR = "cur";
    re2c:define:YYMARKER = "mark";
    re2c:yyfill:enable = 0;
*/

span lex_span(const lex_state *lx, uint32_t begin, uint32_t end)
{
    span s = { lx->src, begin, end };
    return s;
}

void lex_init(lex_state *lx, arena *a, diag_list *diags, const src_file *src)
{
    memset(lx, 0, sizeof *lx);
    lx->src = src;
    lx->a = a;
    lx->diags = diags;
    lx->cur = src->text;
    lx->lim = src->text + src->len;
    lx->line_start = lx->cur;
    /* A UTF-8 byte order mark is accepted and skipped. */
    if (src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0)
        lx->cur += 3;
}

static uint32_t off(const lex_state *lx, const char *p)
{
    return (uint32_t)(p - lx->src->text);
}

static void lex_report(lex_state *lx, uint32_t b, uint32_t e, const char *check, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Every lexical error goes through here, so one file holds at most
 * LEX_MAX_ERRORS of them: past that it is garbage, not a budget with
 * typos, and lexing stops (fatal) with one error naming the limit. */
static void lex_report(lex_state *lx, uint32_t b, uint32_t e, const char *check, const char *fmt, ...)
{
    if (lx->fatal || (lx->quiet_line && !check))    /* a limit is still said */
        return;
    if (++lx->nerrors > LEX_MAX_ERRORS) {
        diag_add(lx->diags, DIAG_ERROR, lex_span(lx, b, e), "limit",
                 "more than %d lexical errors in this file (the lexical-error limit); "
                 "the rest of it is not read: is it a fisc source file?", LEX_MAX_ERRORS);
        lx->fatal = true;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(lx->diags, DIAG_ERROR, lex_span(lx, b, e), check, fmt, ap);
    va_end(ap);
}

static int lex_error(lex_state *lx, const char *b, const char *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int lex_error(lex_state *lx, const char *b, const char *e, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, i18n_text(fmt), ap);
    va_end(ap);
    lex_report(lx, off(lx, b), off(lx, e), NULL, "%s", msg);
    return TOK_INVALID;
}

/* Attaches a fix (replace b..e with text) to the error just reported at
 * b; nothing when that error was not kept (past the limits). */
static void lex_fix(lex_state *lx, const char *b, const char *e, const char *text, const char *title)
{
    diag *d = diag_size(lx->diags) ? diag_at(lx->diags, diag_size(lx->diags) - 1) : NULL;
    if (d && d->at.file == lx->src && d->at.begin == off(lx, b))
        diag_fix(lx->diags, d, lex_span(lx, off(lx, b), off(lx, e)), text, title);
}

/* b..e with pasted full-width characters made ASCII: U+FF01-FF5E to
 * their ASCII forms, the ideographic space to a space, U+2212 to '-' and,
 * in a number, the enumeration comma '、' to ','. */
static const char *ascii_of(lex_state *lx, const char *b, const char *e)
{
    char *out = arena_alloc(lx->a, (size_t)(e - b) + 1), *o = out;
    while (b < e) {
        long cp;
        size_t n = src_utf8_decode(b, (size_t)(e - b), &cp);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            *o++ = (char)(cp - 0xFEE0);
        else if (cp == 0x3000)
            *o++ = ' ';
        else if (cp == 0x2212)
            *o++ = '-';
        else if (cp == 0x3001)
            *o++ = ',';
        else
            memcpy(o, b, n), o += n;
        b += n;
    }
    *o = '\0';
    return out;
}

/* The fix for a pasted full-width run: its ASCII form. */
static void fix_ascii(lex_state *lx, const char *b, const char *e)
{
    const char *text = ascii_of(lx, b, e);
    lex_fix(lx, b, e, text, arena_printf(lx->a, _("replace '%.*s' with '%s'"), (int)(e - b), b, text));
}

static void add_comment(lex_state *lx, const char *b, const char *e)
{
    if (lx->no_comments)
        return;
    if (lx->ncomments == lx->capcomments) {
        size_t cap = lx->capcomments ? lx->capcomments * 2 : 64;
        lx->comments = arena_grow(lx->a, lx->comments,
                                  lx->capcomments * sizeof *lx->comments,
                                  cap * sizeof *lx->comments);
        lx->capcomments = cap;
    }
    ast_comment *c = &lx->comments[lx->ncomments++];
    c->at = lex_span(lx, off(lx, b), off(lx, e));
    const char *p = lx->line_start;
    while (p < b && (*p == ' ' || *p == '\t'))
        p++;
    c->own_line = (p == b);
}

/* One source line ended at p (pointing at '\n'): enforce the line limit. */
static bool line_ok(lex_state *lx, const char *p)
{
    if (p - lx->line_start > LEX_MAX_LINE) {
        lex_report(lx, off(lx, lx->line_start), off(lx, lx->line_start) + 1,
                 "limit", "line longer than %d bytes (the line-length limit)", LEX_MAX_LINE);
        lx->fatal = true;
        return false;
    }
    return true;
}

/* Length of the valid UTF-8 sequence at s (NUL-terminated), or 0. */
static int utf8_len(const char *s)
{
    long cp;
    size_t len = src_utf8_decode(s, strnlen(s, 4), &cp);
    return cp < 0 ? 0 : (int)len;
}

static void describe_byte(char *buf, size_t cap, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
    if (cap < 5)
        return;
    buf[0] = '0'; buf[1] = 'x';
    buf[2] = hex[c >> 4]; buf[3] = hex[c & 15]; buf[4] = '\0';
}

/* Why a character may not stand where it is (report_forbidden says it,
 * one whole sentence for each reason and place). */
typedef enum refusal { R_CONTROL = 1, R_BIDI, R_IGNORABLE, R_LINE, R_SPACE, R_BLANK } refusal;

/* Why cp may not stand in a name (where = 'n'), a string ('s') or a
 * comment ('c'); NULL when it may.  In a name nothing invisible, no
 * control and nothing that looks like a space: two names that look the
 * same must be the same name.  In a string spaces are fine, controls and
 * invisible characters are not.  In a comment only controls and
 * bidirectional controls are refused: the latter reorder the line they
 * are in, so the code beside them would not read as it is (Trojan
 * Source).  Sets: Default_Ignorable_Code_Point and Bidi_Control of
 * Unicode 15.0 (src_invisible), White_Space of PropList.txt, and U+2800
 * BRAILLE PATTERN BLANK, which is neither but prints as a space. */
static refusal forbidden(long cp, char where)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return cp == '\t' && where != 'n' ? 0 : R_CONTROL;
    if (src_bidi_control(cp))
        return R_BIDI;
    if (where == 'c')
        return 0;
    if (src_invisible(cp))
        return R_IGNORABLE;
    if (cp == 0x2028 || cp == 0x2029)
        return R_LINE;
    if (where == 's')
        return 0;
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F)
        return R_SPACE;
    if (cp == 0x2800)
        return R_BLANK;
    return 0;
}

/* The first character of b..e that forbidden() refuses, with its code
 * point and length; NULL when there is none.  ASCII is skipped fast. */
static const char *find_forbidden(const char *b, const char *e, char where, long *cp, size_t *len)
{
    for (const char *p = b; p < e;) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c < 0x7F) {
            p++;
            continue;
        }
        /* U+4000..U+DFFF (lead bytes E4..ED: the CJK ideographs, Yi,
         * Hangul syllables) hold nothing refused: a Chinese name is not
         * decoded at all.  (The sequence's validity was the lexer's
         * business: it only matches UTF-8.) */
        if (c >= 0xE4 && c <= 0xED && e - p >= 3) {
            p += 3;
            continue;
        }
        *len = src_utf8_decode(p, (size_t)(e - p), cp);
        if (*cp >= 0 && forbidden(*cp, where))
            return p;
        p += *len;
    }
    return NULL;
}

/* Reports the forbidden character of len bytes at p. */
static void report_forbidden(lex_state *lx, const char *p, size_t len, long cp, char where)
{
    uint32_t b = off(lx, p), e = off(lx, p + len);
    refusal r = forbidden(cp, where);
    switch (r * 4 + (where == 'n' ? 0 : where == 's' ? 1 : 2)) {
    case R_CONTROL * 4 + 0:
        lex_report(lx, b, e, NULL, "control character U+%04lX in source", cp);
        break;
    case R_CONTROL * 4 + 1:
        lex_report(lx, b, e, NULL, "control character U+%04lX in a string", cp);
        break;
    case R_CONTROL * 4 + 2:
        lex_report(lx, b, e, NULL, "control character U+%04lX in a comment", cp);
        break;
    case R_BIDI * 4 + 0:
        lex_report(lx, b, e, NULL, "invisible character U+%04lX (bidirectional control) in source; "
                   "the text around it would not read as it is", cp);
        break;
    case R_BIDI * 4 + 1:
        lex_report(lx, b, e, NULL, "invisible character U+%04lX (bidirectional control) in a string; "
                   "the text around it would not read as it is", cp);
        break;
    case R_BIDI * 4 + 2:
        lex_report(lx, b, e, NULL, "invisible character U+%04lX (bidirectional control) in a comment; "
                   "the text around it would not read as it is", cp);
        break;
    case R_IGNORABLE * 4 + 0:
        lex_report(lx, b, e, NULL, "invisible character U+%04lX (default-ignorable) in source; "
                   "two names that look the same would differ", cp);
        break;
    case R_IGNORABLE * 4 + 1:
        lex_report(lx, b, e, NULL, "invisible character U+%04lX (default-ignorable) in a string; "
                   "two names that look the same would differ", cp);
        break;
    case R_LINE * 4 + 0:
        lex_report(lx, b, e, NULL, "line separator U+%04lX in source; end the line with a newline", cp);
        break;
    case R_LINE * 4 + 1:
        lex_report(lx, b, e, NULL, "line separator U+%04lX in a string; end the line with a newline", cp);
        break;
    case R_SPACE * 4 + 0:
        lex_report(lx, b, e, NULL, "space character U+%04lX in source: a name holds no spaces; "
                   "use an ASCII space, or quote the label", cp);
        break;
    default:        /* R_BLANK in a name: forbidden() refuses nothing else */
        lex_report(lx, b, e, NULL, "blank character U+%04lX (braille pattern blank) in source: it looks like "
                   "a space; use an ASCII space, or quote the label", cp);
    }
    /* the editor's quick fix: an invisible character goes, a space-like
     * one becomes a space */
    if (r == R_BIDI || r == R_IGNORABLE)
        lex_fix(lx, p, p + len, "", arena_printf(lx->a, _("delete the invisible U+%04lX"), cp));
    else if (r == R_SPACE || r == R_BLANK)
        lex_fix(lx, p, p + len, " ", arena_printf(lx->a, _("replace U+%04lX with a space"), cp));
}

/* Bytes that are not UTF-8 at b..e (in a string when in_string): the
 * first time in the file an error, with the fix for the whole file (GBK,
 * when every such byte reads as GBK); after that a silent error token,
 * its line counted for the note the first error gets at the end. */
static int encoding_error(lex_state *lx, const char *b, const char *e, bool in_string)
{
    if (lx->encoding) {
        if (lx->encoding_line != lx->line_start) {
            lx->encoding_line = lx->line_start;
            if (lx->encoding_lines++ == 0) {
                lx->encoding_next_at = off(lx, b);
                lx->encoding_next_end = off(lx, e);
            }
        }
        lx->silent = true;
        lx->silent_at = off(lx, b);
        return TOK_INVALID;
    }
    char hexbuf[8];
    describe_byte(hexbuf, sizeof hexbuf, (unsigned char)*b);
    if (!lx->gbk)       /* once: a file of bad bytes whose errors are not kept would scan it for each */
        lx->gbk = src_looks_gbk(lx->src) ? 1 : -1;
    bool gbk = lx->gbk > 0;
    size_t before = diag_size(lx->diags);
    if (in_string && gbk)
        lex_error(lx, b, e, "invalid UTF-8 in string; is this text GBK-encoded? convert the file: "
                  "iconv -f GBK -t UTF-8");
    else if (in_string)
        lex_error(lx, b, e, "invalid UTF-8 in string");
    else if (gbk)
        lex_error(lx, b, e, "invalid UTF-8 (byte %s); is this text GBK-encoded? convert the file: "
                  "iconv -f GBK -t UTF-8", hexbuf);
    else
        lex_error(lx, b, e, "invalid UTF-8 byte %s", hexbuf);
    lx->encoding = diag_size(lx->diags) > before && !lx->fatal ? diag_at(lx->diags, before) : NULL;
    lx->encoding_line = lx->line_start;
    return TOK_INVALID;
}

/* At the end: the note on the encoding error counting the other lines. */
static void encoding_note(lex_state *lx)
{
    if (!lx->encoding || !lx->encoding_lines)
        return;
    span at = lex_span(lx, lx->encoding_next_at, lx->encoding_next_end);
    if (lx->encoding_lines == 1)
        diag_note(lx->diags, lx->encoding, at, "this line holds bytes that are not UTF-8 too");
    else
        diag_note(lx->diags, lx->encoding, at, "this line and %u more after it hold bytes that are not UTF-8 too",
                  lx->encoding_lines - 1);
    lx->encoding = NULL;
}

/* An opening quote whose string did not match: say why. */
static int bad_string(lex_state *lx, const char *b)
{
    const char *p = b + 1;
    while (*p != '"' && *p != '\n' && *p != '\0') {
        if (*p == '\\' && p[1] != '\n' && p[1] != '\0')
            p++;
        p++;
    }
    if (*p == '"') {
        lx->cur = p + 1;
        return encoding_error(lx, b, p + 1, true);
    }
    lx->cur = p;
    return lex_error(lx, b, p, "unterminated string (a string ends on the line it starts)");
}

/* A line of a narrative's text: '>' first on its line (start), the rest
 * of the line its text, in which nothing is a token, a comment or a
 * brace (docs/language.md §5.1).  The text is checked as a string's is:
 * UTF-8, no control or invisible character. */
static int prose_line(lex_state *lx, const char *start)
{
    const char *p = start + 1;
    while (*p != '\n' && *p != '\0') {
        if (((unsigned char)*p & 0x80) == 0) {
            p++;
            continue;
        }
        int n = utf8_len(p);
        if (n == 0) {
            /* bytes that are not UTF-8: an error, and the line is skipped */
            const char *q = p + 1;
            while (((unsigned char)*q & 0x80) != 0 && utf8_len(q) == 0)
                q++;
            int kind = encoding_error(lx, p, q, true);
            while (*q != '\n' && *q != '\0')
                q++;
            lx->cur = q;
            return kind;
        }
        p += n;
    }
    lx->cur = p;
    const char *end = p > start && p[-1] == '\r' ? p - 1 : p;
    long cp;
    size_t len;
    const char *bad = find_forbidden(start + 1, end, 's', &cp, &len);
    if (bad)
        report_forbidden(lx, bad, len, cp, 's');
    lx->cur = end;
    return TOK_PROSE;
}

int lex_scan(lex_state *lx, lex_token *tok, lex_loc *loc)
{
    const unsigned char *cur, *mark;
    const char *start;
    char hexbuf[8];
    int kind;

again:
    if (lx->stop && lx->cur >= lx->src->text + lx->stop) {
        /* the end of a placeholder's expression, then the end */
        loc->begin = loc->end = lx->stop;
        tok->s = lx->src->text + lx->stop;
        tok->n = 0;
        if (lx->stopped)
            return TOK_END;
        lx->stopped = true;
        return TOK_PLACEHOLDER_END;
    }
    if (lx->next_inject < lx->ninject && lx->cur >= lx->src->text + lx->inject[lx->next_inject] && !lx->at_end) {
        /* a block left open ends here (lex_plan_braces): '}', end of line */
        loc->begin = loc->end = lx->inject[lx->next_inject];
        tok->s = lx->src->text + loc->begin;
        tok->n = 0;
        if (lx->inject_newline) {
            lx->inject_newline = false;
            lx->next_inject++;
            lx->mid_line = false;
            return TOK_NEWLINE;
        }
        lx->inject_newline = true;
        lx->parens = 0;
        if (lx->braces > 0)
            lx->braces--;
        return TOK_RBRACE;
    }
    if (lx->at_end && !lx->fatal && lx->braces > 0 && lx->braces_planned) {
        lx->closing = lx->braces;       /* reported by lex_plan_braces */
        lx->braces = 0;
    }
    if (lx->at_end && !lx->fatal && lx->braces > 0) {
        /* Unclosed blocks: say where the last one opened, then close them
         * all so the items parsed so far are kept and checked. */
        uint32_t at = lx->brace_at[lx->braces - 1];
        diag_add(lx->diags, DIAG_ERROR, lex_span(lx, at, at + 1), NULL,
                 "this '{' is not closed before the end of the file");
        lx->closing = lx->braces;
        lx->braces = 0;
    }
    if (lx->at_end && lx->closing > 0) {
        loc->begin = loc->end = off(lx, lx->lim);
        tok->s = lx->lim;
        tok->n = 0;
        if (lx->close_newline) {
            lx->close_newline = false;
            lx->closing--;
            return TOK_NEWLINE;
        }
        lx->close_newline = true;
        return TOK_RBRACE;
    }
    if (lx->at_end || lx->fatal) {
        loc->begin = loc->end = off(lx, lx->lim);
        tok->s = lx->lim;
        tok->n = 0;
        return TOK_END;
    }
    start = lx->cur;
    cur = (const unsigned char *)start;
    mark = cur;
    (void)mark;
/*!re2c
    re2c:flags:utf-8 = 1;
    re2c:encoding:utf8 = 1;
    re2c:encoding-policy = substitute;  /* ranges exclude the surrogates U+D800-DFFF */

    digit    = [0-9];
    number   = digit+ ("," digit+)* ("." digit+)?;
    fwdigit  = [\uFF10-\uFF19];
    wide_sp  = [\u3000];
    /* Non-ASCII name characters, less those with a rule of their own.
     * Controls, invisible and space-like characters match here too: the
     * name rule cuts the name before them and reports them (forbidden()). */
    nonascii = [\u0080-\U0010FFFF] \ [\u00A0\uFEFF\uFF10-\uFF19\u3000\uFF1D\u2212\uFF05\u2264-\u2267\uFF0B\uFF0D\uFF1C\uFF1E];
    namestart = [a-zA-Z_] | nonascii;
    name     = namestart (namestart | digit)*;
    strchar  = [^"\\\n\r\x00] | "\\" [^\n\r\x00];

    "\x00"   {
        if ((const char *)cur - 1 == lx->lim) {
            lx->cur = lx->lim;
            lx->at_end = true;
            encoding_note(lx);
            goto again;
        }
        lx->cur = (const char *)cur;
        kind = lex_error(lx, start, (const char *)cur,
            "NUL byte in source (is this a UTF-16 or binary file?)"); goto error_done;
    }
    [ \t\r]+ { lx->cur = (const char *)cur; goto again; }
    "//" [^\n\x00]* {
        lx->cur = (const char *)cur;
        if (*lx->cur != '\n' && *lx->cur != '\0') {
            /* bytes that are not UTF-8 (a comment in GBK): still a
             * comment to the end of the line, and an encoding error */
            const char *bad = lx->cur, *q = bad + 1;
            while (((unsigned char)*q & 0x80) != 0 && utf8_len(q) == 0)
                q++;
            (void)encoding_error(lx, bad, q, false);
            lx->silent = false;
            while (*lx->cur != '\n' && *lx->cur != '\0')
                lx->cur++;
            cur = (const unsigned char *)lx->cur;
        }
        const char *end = lx->cur[-1] == '\r' ? lx->cur - 1 : lx->cur;
        long cp;
        size_t len;
        const char *bad = find_forbidden(start, end, 'c', &cp, &len);
        if (bad)
            report_forbidden(lx, bad, len, cp, 'c');
        add_comment(lx, start, end);
        goto again;
    }
    "\n" {
        lx->cur = (const char *)cur;
        if (!line_ok(lx, start))
            goto again;
        lx->line_start = lx->cur;
        lx->quiet_line = false;
        /* Only a check's expression may span lines inside ( ) or [ ]; any
         * other line ends here, so an unclosed '(' is reported on it. */
        if (lx->parens > 0 && lx->in_check)
            goto again;
        lx->parens = 0;
        kind = TOK_NEWLINE;
        goto done;
    }

    "budget"         { kind = TOK_KW_BUDGET; goto done; }
    "import"         { kind = TOK_KW_IMPORT; goto done; }
    "classification" { kind = TOK_KW_CLASSIFICATION; goto done; }
    "table"          { kind = TOK_KW_TABLE; goto done; }
    "narrative"      { kind = TOK_KW_NARRATIVE; goto done; }
    "columns"        { kind = TOK_KW_COLUMNS; goto done; }
    "rows"           { kind = TOK_KW_ROWS; goto done; }
    "for"            { kind = TOK_KW_FOR; goto done; }
    "check"          { kind = TOK_KW_CHECK; goto done; }
    "total"          { kind = TOK_KW_TOTAL; goto done; }
    "was"            { kind = TOK_KW_WAS; goto done; }
    "change"         { kind = TOK_KW_CHANGE; goto done; }
    "prev"           { kind = TOK_KW_PREV; goto done; }
    "rate"           { kind = TOK_KW_RATE; goto done; }
    "within"         { kind = TOK_KW_WITHIN; goto done; }
    "exact"          { kind = TOK_KW_EXACT; goto done; }
    "as"             { kind = TOK_KW_AS; goto done; }
    "heading"        { kind = TOK_KW_HEADING; goto done; }
    "subtotal"       { kind = TOK_KW_SUBTOTAL; goto done; }
    "ofwhich"        { kind = TOK_KW_OFWHICH; goto done; }
    "chart"          { kind = TOK_KW_CHART; goto done; }
    "text"           { kind = TOK_KW_TEXT; goto done; }
    "indicators"     { kind = TOK_KW_INDICATORS; goto done; }
    "year"           { kind = TOK_KW_YEAR; goto done; }
    "unit"           { kind = TOK_KW_UNIT; goto done; }
    "rounding"       { kind = TOK_KW_ROUNDING; goto done; }
    "tolerance"      { kind = TOK_KW_TOLERANCE; goto done; }
    "previous"       { kind = TOK_KW_PREVIOUS; goto done; }
    "number"         { kind = TOK_KW_NUMBER; goto done; }
    "department"     { kind = TOK_KW_DEPARTMENT; goto done; }
    "note"           { kind = TOK_KW_NOTE; goto done; }
    "precision"      { kind = TOK_KW_PRECISION; goto done; }
    "known"          { kind = TOK_KW_KNOWN; goto done; }
    "extend"         { kind = TOK_KW_EXTEND; goto done; }
    "empty"          { kind = TOK_KW_EMPTY; goto done; }
    "beside"         { kind = TOK_KW_BESIDE; goto done; }
    "codes"          { kind = TOK_KW_CODES; goto done; }
    "template"       { kind = TOK_KW_TEMPLATE; goto done; }
    "years"          { kind = TOK_KW_YEARS; goto done; }
    "consolidated"   { kind = TOK_KW_CONSOLIDATED; goto done; }
    "final"          { kind = TOK_KW_FINAL; goto done; }
    "since"          { kind = TOK_KW_SINCE; goto done; }
    "_"              { kind = TOK_UNDERSCORE; goto done; }

    name {
        lx->cur = (const char *)cur;
        /* A name ends before a character it may not hold; that character
         * alone is then an error token. */
        long cp;
        size_t len;
        const char *bad = find_forbidden(start, lx->cur, 'n', &cp, &len);
        if (bad == start) {
            lx->cur = start + len;
            report_forbidden(lx, start, len, cp, 'n');
            kind = TOK_INVALID;
            goto error_done;
        }
        if (bad)
            cur = (const unsigned char *)(lx->cur = bad);
        if (lx->cur - start > LEX_MAX_NAME) {
            lex_report(lx, off(lx, start), off(lx, lx->cur), "limit",
                     "name longer than %d bytes (the name-length limit); "
                     "write a longer label as a \"string\"", LEX_MAX_NAME);
            kind = TOK_INVALID;
            goto done;
        }
        kind = TOK_NAME;
        goto done;
    }
    number   { kind = TOK_NUMBER; goto done; }
    ["] strchar* ["] {
        lx->cur = (const char *)cur;
        if (lx->cur - start - 2 > LEX_MAX_NAME * 16) {
            lex_report(lx, off(lx, start), off(lx, lx->cur), "limit",
                     "string longer than %d bytes (the string-length limit)", LEX_MAX_NAME * 16);
            kind = TOK_INVALID;
            goto done;
        }
        long cp;
        size_t len;
        const char *bad = find_forbidden(start + 1, lx->cur - 1, 's', &cp, &len);
        if (bad)
            report_forbidden(lx, bad, len, cp, 's');
        kind = TOK_STRING;
        goto done;
    }
    ["]      { kind = bad_string(lx, start); goto error_done; }

    "=="     { kind = TOK_EQEQ; goto done; }
    "="      { kind = TOK_EQ; goto done; }
    "!="     { kind = TOK_NE; goto done; }
    ">=" | "\u2265" | "\u2267" { kind = TOK_GE; goto done; }
    "<=" | "\u2264" | "\u2266" { kind = TOK_LE; goto done; }
    /* '>' first on a line (not '>='): a line of a narrative's text */
    ">"      {
        if (!lx->mid_line) {
            kind = prose_line(lx, start);
            goto error_done;
        }
        kind = TOK_GT;
        goto done;
    }
    "<"      { kind = TOK_LT; goto done; }
    "+"      { kind = TOK_PLUS; goto done; }
    /* A lone '-' (a blank, a line end, a brace or a comment after it) in
     * a line's values is a blank cell; in a check it is a minus. */
    "-"      {
        const char *nx = (const char *)cur;    /* the text ends in a NUL */
        bool alone = strchr(" \t\r\n{}", *nx) != NULL || (nx[0] == '/' && nx[1] == '/');
        kind = alone && !lx->in_check ? TOK_DASH : TOK_MINUS;
        goto done;
    }
    "%" | "\uFF05" { kind = TOK_PERCENT; goto done; }
    /* In a check, a '/' after a blank or a closing bracket divides
     * (a / b, (a + b) / c, t[x] / t[y]); one written against a name is
     * a path's (a/b). */
    "/"      {
        bool divide = lx->in_check && start > lx->src->text && start[-1] != '\0' &&
                      strchr(" \t\n)]", start[-1]) != NULL;
        kind = divide ? TOK_DIV : TOK_SLASH;
        goto done;
    }
    /* '/**' in a check's row: every line under it (no power operator) */
    "**"     {
        if (!lx->in_check) {
            lx->cur = (const char *)cur;
            kind = lex_error(lx, start, lx->cur, "unexpected character '*' (a check multiplies with '*'; a line's values are figures)");
            goto error_done;
        }
        kind = TOK_STARSTAR;
        goto done;
    }
    "*"      {
        if (!lx->in_check) {
            lx->cur = (const char *)cur;
            kind = lex_error(lx, start, lx->cur, "unexpected character '*' (a check multiplies with '*'; a line's values are figures)");
            goto error_done;
        }
        kind = TOK_STAR;
        goto done;
    }
    ","      { kind = TOK_COMMA; goto done; }
    "("      { lx->parens++; kind = TOK_LPAREN; goto done; }
    ")"      { if (lx->parens > 0) lx->parens--; kind = TOK_RPAREN; goto done; }
    "["      { lx->parens++; kind = TOK_LBRACKET; goto done; }
    "]"      { if (lx->parens > 0) lx->parens--; kind = TOK_RBRACKET; goto done; }
    "{"      {
        lx->parens = 0;     /* an unclosed ( or [ does not swallow the block */
        if (++lx->braces > LEX_MAX_DEPTH) {
            lx->cur = (const char *)cur;
            lex_report(lx, off(lx, start), off(lx, lx->cur), "limit",
                     "blocks nested deeper than %d levels (the nesting limit)", LEX_MAX_DEPTH);
            lx->fatal = true;
            kind = TOK_INVALID;
            goto error_done;
        }
        lx->brace_at[lx->braces - 1] = off(lx, start);
        kind = TOK_LBRACE;
        goto done;
    }
    "}"      { lx->parens = 0; if (lx->braces > 0) lx->braces--; kind = TOK_RBRACE; goto done; }

    fwdigit (fwdigit | [\uFF0C\uFF0E,.])* {
        lx->cur = (const char *)cur;
        kind = lex_error(lx, start, lx->cur,
            "full-width digits in '%s'; write numbers with ASCII digits (7,440)",
            arena_strndup(lx->a, start, (size_t)(lx->cur - start)));
        fix_ascii(lx, start, lx->cur);
        goto error_done;
    }
    wide_sp  {
        lx->cur = (const char *)cur;
        kind = lex_error(lx, start, lx->cur,
            "full-width space (U+3000); use an ASCII space, or quote the label");
        fix_ascii(lx, start, lx->cur);
        goto error_done;
    }
    "\u00A0" {
        lx->cur = (const char *)cur;
        kind = lex_error(lx, start, lx->cur, "no-break space (U+00A0): a name holds no spaces; use an ASCII space, or quote the label");
        lex_fix(lx, start, lx->cur, " ", _("replace the no-break space with a space"));
        goto error_done;
    }
    "\uFF0D" | "\uFF0B" | "\uFF1C" | "\uFF1E" {
        lx->cur = (const char *)cur;
        kind = lex_error(lx, start, lx->cur, "full-width '%.*s'; use '%c'", (int)(lx->cur - start), start,
                         "-+<>"[(start[2] == '\x8D') ? 0 : (start[2] == '\x8B') ? 1 : (start[2] == '\x9C') ? 2 : 3]);
        fix_ascii(lx, start, lx->cur);
        goto error_done;
    }
    digit+ ([\uFF0C\u3001] digit+)+ {
        lx->cur = (const char *)cur;
        kind = lex_error(lx, start, lx->cur, "full-width separator in the number '%.*s'; write thousands with ',' (7,440)",
                         (int)(lx->cur - start), start);
        fix_ascii(lx, start, lx->cur);
        goto error_done;
    }
    "\uFF08" [-+]? digit+ ("." digit+)? ("%" | "\uFF05")? {
        lx->cur = (const char *)cur;
        kind = lex_error(lx, start, lx->cur, "full-width '（' before a number; a rate is written in ASCII parentheses: (-4%%)");
        /* the closing '）' too, when it follows */
        fix_ascii(lx, start, lx->cur + (strncmp(lx->cur, "\uFF09", 3) == 0 ? 3 : 0));
        goto error_done;
    }
    "\uFF1D" { lx->cur = (const char *)cur; kind = lex_error(lx, start, lx->cur, "full-width '＝'; use '='"); fix_ascii(lx, start, lx->cur); goto error_done; }
    "\u2212" { lx->cur = (const char *)cur; kind = lex_error(lx, start, lx->cur, "'−' (U+2212 minus sign); use the ASCII '-'"); fix_ascii(lx, start, lx->cur); goto error_done; }
    "\uFEFF" {
        lx->cur = (const char *)cur;
        kind = lex_error(lx, start, lx->cur,
            "byte order mark (U+FEFF) inside the file (were two files joined?); delete it");
        lex_fix(lx, start, lx->cur, "", _("delete the byte order mark"));
        goto error_done;
    }
    [\x01-\x08\x0B-\x1F\x7F] {
        lx->cur = (const char *)cur;
        describe_byte(hexbuf, sizeof hexbuf, (unsigned char)*start);
        kind = lex_error(lx, start, lx->cur, "control character %s in source", hexbuf); goto error_done;
    }
    "#" {
        lx->cur = (const char *)cur;
        kind = lex_error(lx, start, lx->cur, "unexpected character '#'; comments start with //");
        goto error_done;
    }
    [\x21-\x7E] {
        lx->cur = (const char *)cur;
        kind = lex_error(lx, start, lx->cur, "unexpected character '%s'",
            arena_strndup(lx->a, start, 1)); goto error_done;
    }
    * {
        /* A run of bytes that are not UTF-8 is one token; only the first
         * run of the file is reported (encoding_error). */
        lx->cur = start + 1;
        while (((unsigned char)*lx->cur & 0x80) != 0 && utf8_len(lx->cur) == 0)
            lx->cur++;
        kind = encoding_error(lx, start, lx->cur, false);
        goto error_done;
    }
*/

done:
    lx->cur = (const char *)cur;
error_done:
    if (kind == TOK_NEWLINE) {
        lx->mid_line = false;
    } else if (!lx->mid_line) {
        lx->mid_line = true;
        lx->in_check = kind == TOK_KW_CHECK;
    }
    tok->s = start;
    tok->n = (uint32_t)(lx->cur - start);
    loc->begin = off(lx, start);
    loc->end = off(lx, lx->cur);
    return kind;
}

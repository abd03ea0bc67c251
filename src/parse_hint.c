/* parse_hint.c: advice for a syntax error, read from the line's text.
 *
 * A label is written bare when it is one name (spell.h); one that holds a
 * space or ASCII punctuation -- `基本 支出`, `政府办公厅(室)`, `A-B` --
 * must be quoted, and unquoted it breaks into tokens the parser does not
 * expect ("syntax error, unexpected name").  The parser's words say what
 * went wrong but not that the cure is two quotes, so when its error (or
 * the lexer's, for '.' and ':') falls inside such a label, the error says
 * so and shows the quoted form.  Where a label stands is read from the
 * text, not the parser's state: at the head of a line (after `total` and
 * a code), up to its relation, its '{', a string, a comment or the end of
 * the line, modifiers (`heading`, `ofwhich`, `text`, `chart`) dropped
 * from its end; or between '[' and ']' or ',' in a check's reference.  It
 * is not a label when a keyword starts the line, when a word in it is a
 * keyword, when it does not start as a name does, or when its last word
 * is a number (`人员支出 7,065` lacks its '=', it is no label); and the
 * error must be at ASCII punctuation or at a second word (a full-width
 * '＞' or a stray byte order mark has advice of its own).  A line's head
 * is a label only inside a block: at the top level no label stands. */
#include <string.h>
#include "ast.h"
#include "spell.h"

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Whether text[b..e) holds a space or ASCII punctuation (what a bare name
 * cannot hold). */
static bool needs_quotes(const char *t, uint32_t b, uint32_t e)
{
    for (uint32_t i = b; i < e; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == ' ' || c == '\t' || (c < 0x80 && c > ' ' && c != '_' && !(c >= '0' && c <= '9') &&
                                      !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')))
            return true;
    }
    return false;
}

/* Whether the words of text[b..e) (split at blanks) are no keywords, and
 * the last does not start like a number. */
static bool plain_words(const char *t, uint32_t b, uint32_t e)
{
    uint32_t last = b;
    for (uint32_t i = b; i < e;) {
        while (i < e && blank(t[i]))
            i++;
        uint32_t w = i;
        while (i < e && !blank(t[i]))
            i++;
        if (i > w) {
            if (spell_is_keyword(t + w, i - w))
                return false;
            last = w;
        }
    }
    char c = t[last];
    return !(digit(c) || ((c == '-' || c == '+') && digit(t[last + 1])));
}

/* The label at the head of the line starting at ls, ending before the
 * line end le: [*b, *e), or false. */
static bool head_label(const char *t, uint32_t ls, uint32_t le, uint32_t *b, uint32_t *e)
{
    uint32_t p = ls;
    while (p < le && blank(t[p]))
        p++;
    if (le - p >= 6 && memcmp(t + p, "total", 5) == 0 && blank(t[p + 5]))
        for (p += 5; p < le && blank(t[p]);)
            p++;
    uint32_t q = p;
    while (q < le && digit(t[q]))
        q++;
    if (q > p && q < le && blank(t[q]))       /* a code */
        for (p = q; p < le && blank(t[p]);)
            p++;
    uint32_t w = p;
    while (w < le && !blank(t[w]))
        w++;
    if (p == le || spell_is_keyword(t + p, w - p))
        return false;
    uint32_t end = p;
    while (end < le && !strchr("=<>{\"", t[end]) && !(t[end] == '/' && t[end + 1] == '/') && t[end] != '\r' &&
           memcmp(t + end, "\u2264", 3) != 0 && memcmp(t + end, "\u2265", 3) != 0 &&
           memcmp(t + end, "\u2266", 3) != 0 && memcmp(t + end, "\u2267", 3) != 0 && memcmp(t + end, "\uFF1D", 3) != 0)
        end++;
    /* trailing blanks and modifiers */
    for (;;) {
        while (end > p && blank(t[end - 1]))
            end--;
        uint32_t ws = end;
        while (ws > p && !blank(t[ws - 1]))
            ws--;
        static const char *const mods[] = { "heading", "ofwhich", "text", "chart" };
        bool mod = false;
        for (size_t i = 0; i < sizeof mods / sizeof *mods && ws > p; i++)
            mod |= end - ws == strlen(mods[i]) && memcmp(t + ws, mods[i], end - ws) == 0;
        if (!mod)
            break;
        end = ws;
    }
    *b = p;
    *e = end;
    return end > p;
}

/* The segment of a reference around `at`: from after the '[', ',' or '/'
 * before it to the ']', ',' or '/' after it, on its line. */
static bool ref_segment(const char *t, uint32_t ls, uint32_t le, uint32_t at, uint32_t *b, uint32_t *e)
{
    uint32_t p = at;
    while (p > ls && !strchr("[,/\"", t[p - 1]))
        p--;
    if (p == ls || t[p - 1] == '"')
        return false;
    /* inside brackets: a '[' before, with no ']' between */
    uint32_t k = p;
    while (k > ls && t[k - 1] != '[' && t[k - 1] != ']')
        k--;
    if (k == ls || t[k - 1] != '[')
        return false;
    uint32_t end = at;
    while (end < le && !strchr("],/\"=<>[", t[end]))
        end++;
    if (end == le || !strchr("],/", t[end]))
        return false;
    while (p < end && blank(t[p]))
        p++;
    while (end > p && blank(t[end - 1]))
        end--;
    *b = p;
    *e = end;
    return end > p;
}

/* The label a syntax error at `at` falls in; see parse.h. */
bool parse_label_to_quote(const src_file *f, uint32_t at, bool in_block, uint32_t *begin, uint32_t *end)
{
    const char *t = f->text;
    if (at >= f->len)
        return false;
    uint32_t ls = at, le = at;
    while (ls > 0 && t[ls - 1] != '\n')
        ls--;
    while (le < f->len && t[le] != '\n')
        le++;
    /* the error is at ASCII punctuation, or at a second word */
    char c = t[at];
    bool punct = c > ' ' && c < 0x7F && !strchr("#{}[]\"=<>_", c) && !digit(c) && !(c >= 'a' && c <= 'z') &&
                 !(c >= 'A' && c <= 'Z');
    long cp;
    size_t clen = src_utf8_decode(t + at, f->len - at, &cp);
    bool name_start = cp >= 0 && !digit(c) && spell_bare(t + at, clen);
    if (!punct && !(at > ls && blank(t[at - 1]) && name_start))
        return false;
    uint32_t b, e;
    if (!(in_block && head_label(t, ls, le, &b, &e) && at >= b && at < e) && !ref_segment(t, ls, le, at, &b, &e))
        return false;
    /* a label starts with a letter, '_' or a character beyond ASCII */
    unsigned char first = (unsigned char)t[b];
    if (!(first >= 0x80 || first == '_' || (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')))
        return false;
    if (!needs_quotes(t, b, e) || !plain_words(t, b, e))
        return false;
    *begin = b;
    *end = e;
    return true;
}

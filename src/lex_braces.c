/* lex_braces.c: which '{' a file forgot to close, found by indentation.
 *
 * A missing '}' is noticed only at the end of the file, where the lexer
 * knows that some block is still open but not which: braces pair up
 * innermost first, so the '}' meant for an outer block closes the inner
 * one that lacks its own, every item after it lands in the wrong block
 * (a table inside a table, rows inside columns), and the one error at the
 * end points at the outermost brace.  People do not read braces, they
 * read indentation -- and fisc source is indented (fmt writes it so):
 * a block's items stand deeper than the line that opens it, and its '}'
 * stands under that line.  So when a file has more '{' than '}', this pass
 * reads its lines once (strings and comments skipped, as the lexer would)
 * and, keeping the open braces with the indentation of their line, says
 * a block ended where a line stands no deeper than the block's own line
 * (or where a '}' stands shallower than it).  It trusts the answer only
 * when the file agrees with it everywhere else: every '}' at the start of
 * a line lands under its own block's line, and none is left over.  Then
 * each unclosed '{' is reported where it is, with the fix that closes it
 * after its last line, and the lexer closes it there (lex_scan returns a
 * '}' and an end of line before the line that ends it), so the items
 * after it are read in the right block.  Otherwise the lexer's own report
 * at the end of the file stands.
 *
 * One pass over the text, only for a file that failed to parse (the
 * parser's second pass): a clean file never gets here. */
#include <string.h>
#include "i18n.h"
#include "lex.h"

/* A '{' still open: where it is, its line's indentation and number. */
typedef struct open_brace {
    uint32_t at;
    unsigned indent;
    uint32_t line, line_start;
} open_brace;

/* The width of the blanks at p (a tab to the next multiple of 8). */
static unsigned indentation(const char *p, const char **first)
{
    unsigned w = 0;
    for (;; p++) {
        if (*p == ' ')
            w++;
        else if (*p == '\t')
            w = (w / 8 + 1) * 8;
        else
            break;
    }
    *first = p;
    return w;
}

/* The offset of the start of the line after the last line with something
 * on it before line_start (blank lines stay after the inserted brace). */
static uint32_t after_last_text(const src_file *f, uint32_t line_start, uint32_t floor)
{
    uint32_t p = line_start;
    while (p > floor) {
        uint32_t q = p - 1;             /* the '\n' ending the line above */
        uint32_t b = q;
        while (b > floor && f->text[b - 1] != '\n')
            b--;
        bool blank = true;
        for (uint32_t i = b; i < q && blank; i++)
            blank = f->text[i] == ' ' || f->text[i] == '\t' || f->text[i] == '\r';
        if (!blank)
            return p;
        p = b;
    }
    return p;
}

/* Reports the unclosed brace o, its block ending before `end_line_start`
 * (0: at the end of the file, where the lexer closes what is open), and
 * plans its '}' at `inject` (the first character of the line that ends
 * it). */
static void unclosed(lex_state *lx, const open_brace *o, uint32_t end_line_start, uint32_t inject)
{
    const src_file *f = lx->src;
    /* at the end of a file without a final newline, start one */
    uint32_t eof = (uint32_t)f->orig_len;
    bool nl_first = !end_line_start && eof > 0 && f->text[eof - 1] != '\n';
    uint32_t at = nl_first ? eof : after_last_text(f, end_line_start ? end_line_start : eof, o->line_start);
    char pad[64];
    unsigned n = o->indent < sizeof pad - 3 ? o->indent : (unsigned)sizeof pad - 3;
    memset(pad, ' ', n);
    char text[80];
    size_t k = 0;
    if (nl_first)
        text[k++] = '\n';
    memcpy(text + k, pad, n);
    k += n;
    text[k++] = '}';
    text[k++] = '\n';
    text[k] = '\0';
    unsigned last_line, col;
    src_linecol(f, at > 0 ? at - 1 : 0, &last_line, &col);
    span s = lex_span(lx, o->at, o->at + 1), ins = lex_span(lx, at, at);
    if (end_line_start) {
        diag *d = diag_add(lx->diags, DIAG_ERROR, s, NULL,
                           "this '{' is not closed; by the indentation, its block ends after line %u", last_line);
        diag_fix(lx->diags, d, ins, text, arena_printf(lx->a, _("close the block after line %u"), last_line));
    } else {
        diag *d = diag_add(lx->diags, DIAG_ERROR, s, NULL, "this '{' is not closed before the end of the file");
        diag_fix(lx->diags, d, ins, text, _("close the block at the end of the file"));
    }
    if (end_line_start && lx->ninject < LEX_MAX_INJECT)
        lx->inject[lx->ninject++] = inject;
}

/* Plans the braces a file forgot; see the top of the file and lex.h. */
void lex_plan_braces(lex_state *lx)
{
    const src_file *f = lx->src;
    const char *t = f->text, *end = t + f->len;
    /* first: is anything left open at all? */
    long depth = 0;
    bool in_str = false;
    for (const char *p = t; p < end; p++) {
        if (in_str) {
            if (*p == '\\' && p[1] != '\n')
                p++;
            else if (*p == '"' || *p == '\n')
                in_str = false;
        } else if (*p == '"') {
            in_str = true;
        } else if (*p == '/' && p[1] == '/') {
            while (p < end && *p != '\n')
                p++;
        } else if (*p == '{') {
            depth++;
        } else if (*p == '}') {
            depth--;
        }
    }
    if (depth <= 0)
        return;

    open_brace stack[LEX_MAX_DEPTH + 1];
    size_t sp = 0;
    /* the ends found, applied only if the whole file agrees */
    struct { open_brace o; uint32_t end_line_start, inject; } found[LEX_MAX_INJECT];
    size_t nfound = 0;
    uint32_t line = 0;
    for (const char *ls = t; ls < end; line++) {
        const char *nl = memchr(ls, '\n', (size_t)(end - ls));
        if (!nl)
            nl = end;
        const char *first;
        unsigned ind = indentation(ls, &first);
        bool content = first < nl && *first != '\r' && !(first[0] == '/' && first[1] == '/');
        if (content && *first != '}') {
            /* a line no deeper than an open block's own line ends it */
            while (sp > 0 && stack[sp - 1].line < line && stack[sp - 1].indent >= ind) {
                if (nfound == sizeof found / sizeof found[0])
                    return;
                found[nfound].o = stack[--sp];
                found[nfound].end_line_start = (uint32_t)(ls - t);
                found[nfound++].inject = (uint32_t)(first - t);
            }
        }
        bool at_start = true;
        for (const char *p = first; p < nl; p++) {
            if (*p == '"') {
                for (p++; p < nl && *p != '"'; p++)
                    if (*p == '\\' && p + 1 < nl)
                        p++;
            } else if (*p == '/' && p[1] == '/') {
                break;
            } else if (*p == '{') {
                if (sp == sizeof stack / sizeof stack[0])
                    return;             /* the lexer reports the nesting limit */
                stack[sp++] = (open_brace){ (uint32_t)(p - t), ind, line, (uint32_t)(ls - t) };
            } else if (*p == '}') {
                if (at_start) {
                    /* a '}' shallower than open blocks closes its own:
                     * those deeper were left open */
                    while (sp > 0 && stack[sp - 1].indent > ind) {
                        if (nfound == sizeof found / sizeof found[0])
                            return;
                        found[nfound].o = stack[--sp];
                        found[nfound].end_line_start = (uint32_t)(ls - t);
                        found[nfound++].inject = (uint32_t)(p - t);
                    }
                    if (sp == 0 || stack[sp - 1].indent != ind)
                        return;         /* the indentation says nothing sure */
                }
                if (sp == 0)
                    return;
                sp--;
            }
            if (*p != ' ' && *p != '\t')
                at_start = false;
        }
        ls = nl < end ? nl + 1 : end;
    }
    for (size_t i = 0; i < nfound; i++)
        unclosed(lx, &found[i].o, found[i].end_line_start, found[i].inject);
    /* the blocks still open at the end: the innermost first, as the
     * lexer closes them */
    while (sp > 0)
        unclosed(lx, &stack[--sp], 0, 0);
    lx->braces_planned = true;
}

/* prose.c: a narrative's text, read from its lines and printed.
 *
 * A line of text is '>' and the rest of its source line (the lexer makes
 * it one token, so nothing in it is a comment or a brace of a block).  In
 * it, `{EXPR}` is a placeholder: EXPR is a check's expression (a line,
 * TABLE[ROW, COLUMN], prev(), change(), rate(), year, + - * /), parsed by
 * the grammar itself (parse_placeholder) from the placeholder's own bytes,
 * so its errors point into the line.  After the expression, `:#` prints
 * the number alone, `:增加|减少` the word for its sign and its magnitude,
 * `?增加|减少` the word alone; a third word is said for zero.  '{{' and
 * '}}' are braces.  This file only finds where placeholders stand: the
 * resolver compiles them (ir_compile_expr), the checker evaluates them,
 * and prose_value prints them.
 *
 * Printing follows the figure, not the writer: a figure the source
 * states prints as it is written (its unit, its decimals), grouped by
 * thousands; a value fisc computes (a sum, a change from last year's
 * budget, a share) prints in its narrative's unit, rounded to its
 * narrative's rounding, half away from zero.  A plain number (`year`)
 * prints as it is, without separators.  The sign of a signed form is the
 * sign of the figure as printed, so 0.3 万元 rounded to 0 is zero. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "present.h"
#include "prose.h"

/* ---- reading a line ----------------------------------------------------- */

typedef struct pieces {
    arena *a;
    prose_piece *v;
    size_t n, cap;
} pieces;

static prose_piece *piece(pieces *p)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        p->v = arena_grow(p->a, p->v, p->cap * sizeof *p->v, cap * sizeof *p->v);
        p->cap = cap;
    }
    prose_piece *x = &p->v[p->n++];
    memset(x, 0, sizeof *x);
    return x;
}

static span sub(span at, uint32_t b, uint32_t e)
{
    span s = { at.file, b, e };
    return s;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* The words of a format, [b, e) of the file, split at '|' and trimmed:
 * two or three, none empty; false (reported) otherwise. */
static bool words(arena *a, diag_list *d, span at, uint32_t b, uint32_t e, prose_piece *x)
{
    const char *t = at.file->text;
    size_t n = 0;
    for (uint32_t s = b;; ) {
        uint32_t k = s;
        while (k < e && t[k] != '|')
            k++;
        uint32_t wb = s, we = k;
        while (wb < we && blank(t[wb]))
            wb++;
        while (we > wb && blank(t[we - 1]))
            we--;
        if (n == 3) {
            diag_add(d, DIAG_ERROR, sub(at, b, e), "placeholder",
                     "a placeholder has two words for the sign, or three: {change(X):增加|减少|持平}");
            return false;
        }
        if (wb == we) {
            diag_add(d, DIAG_ERROR, sub(at, b, e), "placeholder", "a word for the sign is missing: {change(X):增加|减少}");
            return false;
        }
        x->words[n++] = arena_strndup(a, t + wb, we - wb);
        if (k == e)
            break;
        s = k + 1;
    }
    if (n < 2) {
        diag_add(d, DIAG_ERROR, sub(at, b, e), "placeholder",
                 "the words for the sign are two, for a value that is positive (or 0) and one that is negative, "
                 "separated by '|': {change(X):增加|减少}");
        return false;
    }
    return true;
}

/* The placeholder opening at t[open] ('{'): its end ('}'), expression and
 * format.  False (reported) when it is not well formed. */
static bool placeholder(arena *a, diag_list *d, span at, uint32_t open, uint32_t *close, prose_piece *x)
{
    const char *t = at.file->text;
    uint32_t sep = 0;               /* the ':' or '?' after the expression */
    int depth = 0;
    uint32_t k = open + 1;
    for (; k < at.end; k++) {
        char c = t[k];
        if (c == '"') {
            for (k++; k < at.end && t[k] != '"'; k++)
                if (t[k] == '\\' && k + 1 < at.end)
                    k++;
            if (k == at.end)
                break;
        } else if (c == '(' || c == '[') {
            depth++;
        } else if ((c == ')' || c == ']') && depth > 0) {
            depth--;
        } else if (c == '}' && (sep || depth == 0)) {
            break;
        } else if ((c == ':' || c == '?') && depth == 0 && !sep) {
            sep = k;
        } else if (c == '/' && k + 1 < at.end && t[k + 1] == '/' && !sep) {
            diag_add(d, DIAG_ERROR, sub(at, k, k + 2), "placeholder",
                     "'//' in a placeholder: a line of text holds no comment");
            return false;
        } else if (c == '{' && !sep) {
            diag_add(d, DIAG_ERROR, sub(at, k, k + 1), "placeholder",
                     "a '{' inside a placeholder; write '{{' for a brace in the text");
            return false;
        }
    }
    if (k >= at.end) {
        diag_add(d, DIAG_ERROR, sub(at, open, open + 1), "placeholder",
                 "this '{' opens a placeholder that does not end on its line; write '{{' for a brace in the text");
        return false;
    }
    *close = k;
    x->at = sub(at, open, k + 1);
    x->expr_begin = open + 1;
    x->expr_end = sep ? sep : k;
    uint32_t eb = x->expr_begin, ee = x->expr_end;
    while (eb < ee && blank(t[eb]))
        eb++;
    while (ee > eb && blank(t[ee - 1]))
        ee--;
    if (eb == ee) {
        diag_add(d, DIAG_ERROR, x->at, "placeholder",
                 "an empty placeholder: it names what to print, as a check does ({部门预算收入}); "
                 "write '{{' for a brace in the text");
        return false;
    }
    x->form = PH_FIGURE;
    if (!sep)
        return true;
    uint32_t fb = sep + 1, fe = k;
    while (fb < fe && blank(t[fb]))
        fb++;
    while (fe > fb && blank(t[fe - 1]))
        fe--;
    if (t[sep] == ':' && fe == fb + 1 && t[fb] == '#') {
        x->form = PH_NUMBER;
        return true;
    }
    if (t[sep] == ':' && !memchr(t + fb, '|', fe - fb)) {
        diag_add(d, DIAG_ERROR, sub(at, sep, k), "placeholder",
                 "after ':' comes '#' (the number alone) or the words for the sign: {change(X):增加|减少}");
        return false;
    }
    x->form = t[sep] == ':' ? PH_SIGNED : PH_WORD;
    return words(a, d, at, sep + 1, k, x);
}

bool prose_is_row(const char *text)
{
    return text[0] == '|';
}

/* Ends the text piece being gathered in buf[0..*nb), if any. */
static void text_done(pieces *p, char **buf, size_t *nb)
{
    if (!*nb)
        return;
    (*buf)[*nb] = '\0';
    prose_piece *x = piece(p);
    x->kind = PIECE_TEXT;
    x->text = *buf;
    *buf += *nb + 1;
    *nb = 0;
}

bool prose_split(arena *a, diag_list *d, span at, prose_piece **out, size_t *n)
{
    const char *t = at.file->text;
    pieces p = { a, NULL, 0, 0 };
    char *buf = arena_alloc(a, 2 * (at.end - at.begin) + 2);
    size_t nb = 0;
    bool ok = true, row = prose_is_row(t + at.begin), cell_open = false;
    uint32_t k = at.begin + (row ? 1 : 0);
    for (; k < at.end; k++) {
        char c = t[k];
        if (row && !cell_open) {
            if (blank(c))
                continue;
            cell_open = true;
        }
        if ((c == '{' || c == '}') && k + 1 < at.end && t[k + 1] == c) {
            buf[nb++] = c;
            k++;
            continue;
        }
        if (c == '}') {
            diag_add(d, DIAG_ERROR, sub(at, k, k + 1), "placeholder",
                     "a '}' that closes no placeholder; write '}}' for a brace in the text");
            ok = false;
            continue;
        }
        if (row && c == '|') {
            while (nb > 0 && blank(buf[nb - 1]))
                nb--;
            text_done(&p, &buf, &nb);
            piece(&p)->kind = PIECE_CELL;
            cell_open = false;
            continue;
        }
        if (c != '{') {
            buf[nb++] = c;
            continue;
        }
        text_done(&p, &buf, &nb);
        prose_piece *x = piece(&p);
        x->kind = PIECE_PH;
        uint32_t close;
        if (!placeholder(a, d, at, k, &close, x)) {
            ok = false;
            break;
        }
        k = close;
    }
    text_done(&p, &buf, &nb);
    if (row && cell_open)       /* the last cell without its '|' */
        piece(&p)->kind = PIECE_CELL;
    *out = p.v;
    *n = p.n;
    return ok;
}

bool prose_joins_with_blank(const char *prev, size_t nprev, const char *next)
{
    return nprev > 0 && (unsigned char)prev[nprev - 1] < 0x80 && next[0] && (unsigned char)next[0] < 0x80;
}

/* ---- printing ------------------------------------------------------------ */

/* v rounded half away from zero to a multiple of r (> 0); false on overflow. */
static bool round_to(dec v, dec r, dec *out)
{
    __int128 q = v / r, rem = v % r;
    if (2 * (rem < 0 ? -rem : rem) >= r)
        q += v < 0 ? -1 : 1;
    __int128 x = q * r;
    if (x > INT64_MAX || x < INT64_MIN)
        return false;
    *out = (dec)x;
    return true;
}

/* The digits of v as ph's narrative prints them (without a sign when
 * magnitude), grouped by thousands, into out; *unit gets the unit that
 * follows (after *sep). */
static void digits(const m_model *m, const m_placeholder *ph, dec v, char *out, const char **unit,
                   const char **sep)
{
    const m_value *x = &ph->value;
    const m_table *t = ph->ck.ctx;
    char num[DEC_FMT_MAX];
    int places = x->places > 0 ? x->places : 0;
    int scope_places = t ? m_col_places(t, 0) : 0;
    *unit = "";
    *sep = "";
    switch ((qty_kind)x->kind) {
    case KIND_NONE:             /* a plain number: 2022, not 2,022 */
    case KIND_TEXT:
        dec_format_exact(v, 0, 0, out);
        return;
    case KIND_COUNT:
        dec_format_exact(v, 0, places, num);
        *unit = m_value_unit(x) ? m_value_unit(x)->name : "";
        *sep = **unit ? " " : "";
        break;
    case KIND_RATE:
        dec_format(v, 0, x->declared ? places : scope_places, num);
        *unit = "%";
        break;
    case KIND_MONEY: {
        const unit_info *u = x->declared && m_value_unit(x) ? m_value_unit(x) : present_money_unit(m, t);
        if (!x->declared) {
            dec r = t && t->prec ? t->prec[0].rounding : 0;
            if (r > 0 && !round_to(v, r, &v))
                r = 0;
            places = scope_places;
        }
        dec_format(v, u->pow10, places, num);
        *unit = u->name;
        *sep = " ";
        break;
    }
    }
    dec_group(num, strlen(num), out);
}

/* Whether the printed number s is zero (its digits all 0). */
static bool zero(const char *s)
{
    for (; *s; s++)
        if (*s >= '1' && *s <= '9')
            return false;
    return true;
}

const char *prose_value(arena *a, const m_model *m, const m_placeholder *ph)
{
    if (!ph->ok)
        return "";
    char out[DEC_GROUPED_MAX + 1];
    const char *unit, *sep;
    digits(m, ph, ph->value.v, out, &unit, &sep);
    const char *num = out;
    bool neg = num[0] == '-' && !zero(num);
    if (num[0] == '-' && (zero(num) || ph->form == PH_SIGNED || ph->form == PH_WORD))
        num++;
    switch ((m_ph_form)ph->form) {
    case PH_FIGURE:
        return arena_printf(a, "%s%s%s", num, sep, unit);
    case PH_NUMBER:
        return arena_strdup(a, num);
    case PH_SIGNED:
    case PH_WORD:
        break;
    }
    const char *word = neg ? ph->words[1] : zero(num) && ph->words[2] ? ph->words[2] : ph->words[0];
    if (ph->form == PH_WORD || (zero(num) && ph->words[2]))
        return word;
    return arena_printf(a, "%s %s%s%s", word, num, sep, unit);
}

const char *prose_run(arena *a, const m_model *m, const m_run *r)
{
    switch ((m_run_kind)r->kind) {
    case RUN_TEXT:
        return r->text;
    case RUN_PH:
        return prose_value(a, m, &m->phs[r->ph]);
    case RUN_CELL:
    case RUN_ROW:
        break;
    }
    return "";
}

const char *prose_para(arena *a, const m_model *m, const m_para *p)
{
    size_t n = 0;
    const char **parts = arena_alloc(a, (p->nruns + 1) * sizeof *parts);
    for (size_t i = 0; i < p->nruns; i++) {
        const m_run *r = &p->runs[i];
        bool last = i + 1 == p->nruns;
        parts[i] = r->kind == RUN_CELL ? (i + 1 < p->nruns && p->runs[i + 1].kind == RUN_ROW ? "" : " ")
                 : r->kind == RUN_ROW ? (last ? "" : "\n")
                 : prose_run(a, m, r);
        n += strlen(parts[i]);
    }
    char *s = arena_alloc(a, n + 1), *o = s;
    for (size_t i = 0; i < p->nruns; i++) {
        size_t k = strlen(parts[i]);
        memcpy(o, parts[i], k);
        o += k;
    }
    *o = '\0';
    return s;
}

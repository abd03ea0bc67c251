/* diag.c: the diagnostic list and its gcc-style rendering.
 *
 * Phases only append; the list is a growable array of pointers in the
 * arena, so a diag stays put while notes are attached to it.  Printing is
 * one pass over the sorted list: sort by (file order, offset, insertion
 * order), drop a parser "syntax error" that lands where another error
 * already is (the lexer said it better), stop at the cap, and render each
 * entry with its source line and a caret.  The caret is padded by display
 * width, so it sits under the right character when the line holds Chinese
 * text; a tab in the line is echoed as a tab in the padding, so the caret
 * also lines up whatever the terminal's tab stops are.  Line numbers are
 * computed here, from byte offsets, and nowhere earlier.  Messages and
 * paths may quote the input (a label, an import's path): they are stored
 * as written and escaped here, by present_str, when printed; a snippet
 * shows an unsafe character as U+FFFD, one column wide.
 *
 * Memory is bounded: past DIAG_MAX_KEPT a diagnostic is only counted (by
 * severity, and warnings by check so the -W policy still applies), and
 * the count is printed last. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "diag.h"
#include "i18n.h"
#include "present.h"

/* Warnings past DIAG_MAX_KEPT, counted per check so that -Werror=CHECK
 * and -Wno-CHECK still apply to them (the checks are a handful). */
#define DROPPED_CHECKS 16

struct diag_list {
    arena *a;
    diag **items;
    size_t len, cap;
    unsigned seq;
    size_t dropped[3];      /* by severity, past DIAG_MAX_KEPT */
    struct { const char *check; size_t n; } dropped_warnings[DROPPED_CHECKS];
    size_t ndropped_warnings;
    diag sink;              /* what diag_add returns once the list is full */
};

#define C_BOLD  "\033[1m"
#define C_RESET "\033[0m"

static const char *const sev_word[] = { N_("error"), N_("warning"), N_("note") };
static const char *const sev_color[] = {
    "\033[1;31m", "\033[1;35m", "\033[1;36m",
};

/* An empty list allocated in a. */
diag_list *diag_new(arena *a)
{
    diag_list *l = arena_alloc(a, sizeof *l);
    l->a = a;
    return l;
}

/* Appends d (room permitting: the caller checked DIAG_MAX_KEPT). */
static void keep(diag_list *l, diag *d)
{
    if (l->len == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        l->items = arena_grow(l->a, l->items, l->cap * sizeof *l->items, cap * sizeof *l->items);
        l->cap = cap;
    }
    d->seq = l->seq++;
    l->items[l->len++] = d;
}

/* Counts n warnings of check that are not kept. */
static void drop_warnings(diag_list *l, const char *check, size_t n)
{
    l->dropped[DIAG_WARNING] += n;
    size_t i = 0;
    while (i < l->ndropped_warnings && l->dropped_warnings[i].check != check &&
           !(check && l->dropped_warnings[i].check && strcmp(l->dropped_warnings[i].check, check) == 0))
        i++;
    if (i == l->ndropped_warnings && i < DROPPED_CHECKS)
        l->dropped_warnings[l->ndropped_warnings++].check = check;
    if (i < DROPPED_CHECKS)
        l->dropped_warnings[i].n += n;
}

/* Counts a diagnostic that is not kept; returns the placeholder. */
static diag *drop(diag_list *l, diag_severity sev, const char *check)
{
    if (sev == DIAG_WARNING)
        drop_warnings(l, check, 1);
    else
        l->dropped[sev]++;
    memset(&l->sink, 0, sizeof l->sink);
    l->sink.sev = sev;
    l->sink.check = check;
    l->sink.msg = "";
    return &l->sink;
}

/* Appends a diagnostic and returns it so notes can be attached; past
 * DIAG_MAX_KEPT it is only counted (see diag.h). */
diag *diag_vadd(diag_list *l, diag_severity sev, span at, const char *check,
                const char *fmt, va_list ap)
{
    if (l->len >= DIAG_MAX_KEPT)
        return drop(l, sev, check);
    diag *d = arena_alloc(l->a, sizeof *d);
    d->msg = arena_vprintf(l->a, i18n_text(fmt), ap);
    d->sev = sev;
    d->at = at;
    d->check = check;
    keep(l, d);
    return d;
}

/* Appends a diagnostic and returns it so notes can be attached. */
diag *diag_add(diag_list *l, diag_severity sev, span at, const char *check,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag *d = diag_vadd(l, sev, at, check, fmt, ap);
    va_end(ap);
    return d;
}

/* Attaches a note to d; notes print after d in the order added. */
void diag_note(diag_list *l, diag *d, span at, const char *fmt, ...)
{
    if (d == &l->sink)
        return;
    struct diag_note *n = arena_alloc(l->a, sizeof *n);
    va_list ap;
    va_start(ap, fmt);
    n->msg = arena_vprintf(l->a, i18n_text(fmt), ap);
    va_end(ap);
    n->at = at;
    if (d->last_note)
        d->last_note->next = n;
    else
        d->notes = n;
    d->last_note = n;
}

/* Attaches a fix to d; fixes are offered in the order added. */
void diag_fix(diag_list *l, diag *d, span at, const char *text, const char *title)
{
    if (d == &l->sink)
        return;
    struct diag_fix *f = arena_alloc(l->a, sizeof *f), **tail = &d->fixes;
    f->at = at;
    f->text = arena_strdup(l->a, text);
    f->title = arena_strdup(l->a, title);
    while (*tail)
        tail = &(*tail)->next;
    *tail = f;
}

void diag_fix_acknowledge(diag_list *l, diag *d, span at, const char *text, const char *title)
{
    diag_fix(l, d, at, text, title);
    struct diag_fix *f = d->fixes;
    while (f && f->next)
        f = f->next;
    if (f)
        f->acknowledge = true;
}

/* Appends from's diagnostics to to (same arena); from ends empty. */
void diag_move(diag_list *to, diag_list *from)
{
    for (size_t i = 0; i < from->len; i++) {
        if (to->len < DIAG_MAX_KEPT)
            keep(to, from->items[i]);
        else
            drop(to, from->items[i]->sev, from->items[i]->check);
    }
    to->dropped[DIAG_ERROR] += from->dropped[DIAG_ERROR];
    to->dropped[DIAG_NOTE] += from->dropped[DIAG_NOTE];
    for (size_t i = 0; i < from->ndropped_warnings; i++)
        drop_warnings(to, from->dropped_warnings[i].check, from->dropped_warnings[i].n);
    memset(from, 0, sizeof *from);
    from->a = to->a;
}

/* Number of diagnostics of severity sev. */
size_t diag_count(const diag_list *l, diag_severity sev)
{
    size_t n = l->dropped[sev];
    for (size_t i = 0; i < l->len; i++)
        n += l->items[i]->sev == sev;
    return n;
}

static bool is_failure(const diag *d, bool strict)
{
    return !d->silenced && (d->sev == DIAG_ERROR || (strict && d->sev == DIAG_WARNING));
}

/* Errors, plus warnings when strict: nonzero means exit status 1. */
size_t diag_failures(const diag_list *l, bool strict)
{
    size_t n = l->dropped[DIAG_ERROR] + (strict ? l->dropped[DIAG_WARNING] : 0);
    for (size_t i = 0; i < l->len; i++)
        n += is_failure(l->items[i], strict);
    return n;
}

static bool named(const char *const *list, size_t n, const char *check)
{
    for (size_t i = 0; check && i < n; i++)
        if (strcmp(list[i], check) == 0)
            return true;
    return false;
}

/* Applies -Werror=CHECK (promoted) and -Wno-CHECK (silenced) to every
 * warning, kept or only counted. */
void diag_apply_policy(diag_list *l, const char *const *silenced, size_t nsilenced,
                       const char *const *promoted, size_t npromoted)
{
    for (size_t i = 0; i < l->len; i++) {
        diag *d = l->items[i];
        if (d->sev != DIAG_WARNING)
            continue;
        if (named(promoted, npromoted, d->check))
            d->sev = DIAG_ERROR;
        else if (named(silenced, nsilenced, d->check))
            d->silenced = true;
    }
    for (size_t i = 0; i < l->ndropped_warnings; i++) {
        size_t n = l->dropped_warnings[i].n;
        const char *check = l->dropped_warnings[i].check;
        if (named(promoted, npromoted, check))
            l->dropped[DIAG_ERROR] += n;
        if (named(promoted, npromoted, check) || named(silenced, nsilenced, check)) {
            l->dropped[DIAG_WARNING] -= n;
            l->dropped_warnings[i].n = 0;
        }
    }
}

/* Diagnostics counted but not kept (past DIAG_MAX_KEPT), of severity sev. */
size_t diag_dropped(const diag_list *l, diag_severity sev)
{
    return l->dropped[sev];
}

/* Number of diagnostics in the list. */
size_t diag_size(const diag_list *l)
{
    return l->len;
}

/* The i-th diagnostic (in current list order). */
diag *diag_at(const diag_list *l, size_t i)
{
    return i < l->len ? l->items[i] : NULL;
}

typedef struct sort_key {
    size_t file_rank;       /* 0: no file; then order of first appearance */
    uint32_t begin;
    unsigned seq;
    diag *d;
} sort_key;

static int key_cmp(const void *pa, const void *pb)
{
    const sort_key *a = pa, *b = pb;
    if (a->file_rank != b->file_rank)
        return a->file_rank < b->file_rank ? -1 : 1;
    if (a->begin != b->begin)
        return a->begin < b->begin ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Stable sort by (file order of first appearance, offset, seq): the key
 * ends in the unique seq, so qsort's instability cannot show. */
void diag_sort(diag_list *l)
{
    if (l->len < 2)
        return;
    sort_key *keys = malloc(l->len * sizeof *keys);
    const src_file **files = malloc(l->len * sizeof *files);
    if (!keys || !files) {
        fprintf(stderr, "fisc: out of memory (sorting diagnostics)\n");
        exit(2);
    }
    size_t nfiles = 0;
    for (size_t i = 0; i < l->len; i++) {
        diag *d = l->items[i];
        size_t rank = 0;
        if (d->at.file) {
            /* Few files per compilation (the budget and its imports), and
             * runs of one file are the norm: check the last one first. */
            if (nfiles && files[nfiles - 1] == d->at.file) {
                rank = nfiles;
            } else {
                for (size_t j = 0; j < nfiles && !rank; j++)
                    if (files[j] == d->at.file)
                        rank = j + 1;
                if (!rank) {
                    files[nfiles++] = d->at.file;
                    rank = nfiles;
                }
            }
        }
        keys[i] = (sort_key){ rank, d->at.begin, d->seq, d };
    }
    qsort(keys, l->len, sizeof *keys, key_cmp);
    for (size_t i = 0; i < l->len; i++)
        l->items[i] = keys[i].d;
    free(keys);
    free(files);
}

static bool same_spot(const diag *a, const diag *b)
{
    return a->at.file == b->at.file && a->at.begin == b->at.begin;
}

/* Drops a parser error (d->syntax) that starts where an earlier error
 * starts.  Expects a sorted list, where such errors are adjacent. */
void diag_dedupe(diag_list *l)
{
    size_t out = 0;
    for (size_t i = 0; i < l->len; i++) {
        diag *d = l->items[i];
        bool drop = false;
        if (d->sev == DIAG_ERROR && d->at.file && d->syntax) {
            for (size_t j = out; j-- > 0 && same_spot(l->items[j], d);)
                if (l->items[j]->sev == DIAG_ERROR) {
                    drop = true;
                    break;
                }
        }
        if (!drop)
            l->items[out++] = d;
    }
    l->len = out;
}

/* Longest source line echoed whole, in display columns; longer lines are
 * shown as a window around the span. */
#define DIAG_MAX_ECHO 160
#define DIAG_WINDOW_BEFORE 40
/* Bytes of a long line looked at around the span (4 bytes a column at most,
 * so the echo's window always fits). */
#define DIAG_MAX_CLIP (4 * DIAG_MAX_ECHO)
#define DIAG_CLIP_BEFORE (4 * DIAG_WINDOW_BEFORE)

static size_t decode(const unsigned char *p, const unsigned char *end, long *cp)
{
    return src_utf8_decode((const char *)p, (size_t)(end - p), cp);
}

/* Characters never echoed raw in a snippet: they could move the cursor,
 * reorder the line (bidirectional controls) or hide (present_unsafe).  A
 * tab is kept, so the caret's padding can copy it. */
static bool unsafe(long cp)
{
    return cp != '\t' && present_unsafe(cp);
}

/* Display width of the character of n bytes at p: an unsafe one is shown
 * as U+FFFD, one column. */
static unsigned char_width(const char *p, size_t n, long cp)
{
    if (unsafe(cp))
        return 1;
    if (cp == '\t')
        return 1;
    return src_display_width(p, n);
}

/* Prints the source line holding at.begin and a caret under the span;
 * a long line is cut to a window around the span. */
static void print_snippet(FILE *out, span at, unsigned line, bool color)
{
    size_t len;
    const char *text = src_line(at.file, line, &len);
    size_t start = (size_t)(text - at.file->text);
    size_t b = at.begin, e = at.end;
    /* A line far longer than the echo is cut to bytes around the span
     * first, so each diagnostic costs the same however long its line is
     * (a 4 MB line of garbage holds a hundred errors). */
    bool cut_left = false, cut_right = false;
    if (len > DIAG_MAX_CLIP) {
        size_t lo = b > start + DIAG_CLIP_BEFORE ? b - DIAG_CLIP_BEFORE : start;
        size_t hi = lo + DIAG_MAX_CLIP < start + len ? lo + DIAG_MAX_CLIP : start + len;
        while (lo > start && (at.file->text[lo] & 0xC0) == 0x80)   /* to a character's start */
            lo--;
        while (hi < start + len && (at.file->text[hi] & 0xC0) == 0x80)
            hi++;
        cut_left = lo > start;
        cut_right = hi < start + len;
        text = at.file->text + lo;
        len = hi - lo;
        start = lo;
    }
    const unsigned char *ut = (const unsigned char *)text, *uend = ut + len;
    if (b > start + len)        /* at the newline or past the end */
        b = start + len;
    if (e > start + len)        /* clipped to the first line */
        e = start + len;
    if (e < b)
        e = b;

    /* Display columns of the span's ends and of the whole line. */
    unsigned col = 0, bcol = 0, ecol = 0;
    for (size_t i = 0; i < len;) {
        long cp;
        size_t n = decode(ut + i, uend, &cp);
        if (start + i <= b)
            bcol = col;
        if (start + i < e)
            ecol = col + char_width(text + i, n, cp);
        col += char_width(text + i, n, cp);
        i += n;
    }
    if (b >= start + len)
        bcol = col;
    if (ecol < bcol)
        ecol = bcol;
    unsigned total = col;
    unsigned from = 0, to = total;
    if (total > DIAG_MAX_ECHO || cut_left || cut_right) {
        from = bcol > DIAG_WINDOW_BEFORE ? bcol - DIAG_WINDOW_BEFORE : 0;
        to = from + DIAG_MAX_ECHO - DIAG_WINDOW_BEFORE < total ? from + DIAG_MAX_ECHO - DIAG_WINDOW_BEFORE : total;
        if (to < bcol + 1 && bcol < total)
            to = bcol + 1;
    }

    char num[32];
    int digits = snprintf(num, sizeof num, "%u", line);
    int width = digits > 5 ? digits : 5;
    cut_left |= from > 0;
    cut_right |= to < total;
    fprintf(out, "%*s | %s", width, num, cut_left ? "..." : "");
    col = 0;
    for (size_t i = 0; i < len;) {
        long cp;
        size_t n = decode(ut + i, uend, &cp);
        unsigned w = char_width(text + i, n, cp);
        if (col >= from && col + w <= to) {
            if (unsafe(cp))
                fputs("\xEF\xBF\xBD", out);
            else
                fwrite(text + i, 1, n, out);
        }
        col += w;
        i += n;
    }
    fprintf(out, "%s\n", cut_right ? "..." : "");

    /* Padding: one space per display column, tabs copied as tabs. */
    fprintf(out, "%*s | %s", width, "", cut_left ? "   " : "");
    col = 0;
    for (size_t i = 0; i < len && start + i < b;) {
        long cp;
        size_t n = decode(ut + i, uend, &cp);
        unsigned w = char_width(text + i, n, cp);
        if (col >= from)
            fputc(cp == '\t' ? '\t' : ' ', out);
        for (unsigned k = 1; k < w && col >= from; k++)
            fputc(' ', out);
        col += w;
        i += n;
    }
    unsigned w = ecol - bcol;
    if (bcol + w > to)
        w = to > bcol ? to - bcol : 1;
    if (color)
        fputs("\033[1;32m", out);
    fputc('^', out);
    for (unsigned i = 1; i < w; i++)
        fputc('~', out);
    if (color)
        fputs(C_RESET, out);
    fputc('\n', out);
}

/* One "where: severity: message [check]" header and its snippet. */
static void print_one(FILE *out, diag_severity sev, span at, const char *msg,
                      const char *check, bool color, bool echo)
{
    unsigned line = 0, col = 0;
    if (color)
        fputs(C_BOLD, out);
    if (at.file) {
        src_linecol(at.file, at.begin, &line, &col);
        present_str(out, at.file->path);
        fprintf(out, ":%u:%u:", line, col);
    } else {
        fputs("fisc:", out);
    }
    /* TRANSLATORS: "file:1:2: error: message": the word and what follows
       it; keep the words' meaning, tools look for the location only */
    if (color)
        fprintf(out, C_RESET " %s%s" C_RESET "%s", sev_color[sev], _(sev_word[sev]), _(": "));
    else
        fprintf(out, " %s%s", _(sev_word[sev]), _(": "));
    present_str(out, msg);
    if (check)
        fprintf(out, " [%s]", check);
    fputc('\n', out);
    if (at.file && echo)
        print_snippet(out, at, line, color);
}

static void print_list(diag_list *l, FILE *out, const diag_options *opt);

/* Sorts, dedupes, caps and renders every diagnostic to out.  stderr is
 * unbuffered: thousands of diagnostics printed piece by piece through it
 * cost millions of write(2) calls, so they go through a buffered stream
 * on a duplicate of its descriptor, flushed when done. */
void diag_print(diag_list *l, FILE *out, const diag_options *opt)
{
    int fd = fileno(out);
    FILE *buf = NULL;
    if (fd >= 0 && fflush(out) == 0) {
        int copy = dup(fd);
        if (copy >= 0 && !(buf = fdopen(copy, "w")))
            close(copy);
    }
    if (!buf) {
        print_list(l, out, opt);
        return;
    }
    setvbuf(buf, NULL, _IOFBF, 1 << 16);
    print_list(l, buf, opt);
    fclose(buf);
}

static void print_list(diag_list *l, FILE *out, const diag_options *opt)
{
    diag_sort(l);
    diag_dedupe(l);
    size_t failures = diag_failures(l, opt->strict), shown = 0;
    for (size_t i = 0; i < l->len; i++) {
        diag *d = l->items[i];
        if (d->silenced)
            continue;
        bool fail = is_failure(d, opt->strict);
        diag_severity sev = fail ? DIAG_ERROR : d->sev;
        if (!fail && opt->errors_only)
            continue;
        print_one(out, sev, d->at, d->msg, d->check, opt->color, !d->no_echo);
        for (struct diag_note *n = d->notes; n; n = n->next)
            print_one(out, DIAG_NOTE, n->at, n->msg, NULL, opt->color, true);
        if (fail && opt->max_errors && ++shown == opt->max_errors) {
            /* Past the cap nothing else prints, warnings included. */
            size_t rest = failures - shown;
            if (rest)
                fprintf(out, ngettext("fisc: %zu more error not shown (raise the limit with --max-errors=N, "
                                      "0 for no limit)\n",
                                      "fisc: %zu more errors not shown (raise the limit with --max-errors=N, "
                                      "0 for no limit)\n", rest), rest);
            fflush(out);
            return;
        }
    }
    /* What was counted but not kept, past DIAG_MAX_KEPT. */
    size_t errs = l->dropped[DIAG_ERROR] + (opt->strict ? l->dropped[DIAG_WARNING] : 0);
    size_t warns = opt->strict || opt->errors_only ? 0 : l->dropped[DIAG_WARNING];
    if (errs || warns) {
        char counted[128];
        if (errs && warns) {
            char e[64], w[64];
            snprintf(e, sizeof e, ngettext("%zu more error", "%zu more errors", errs), errs);
            snprintf(w, sizeof w, ngettext("%zu more warning", "%zu more warnings", warns), warns);
            /* TRANSLATORS: the two counted phrases above, joined */
            snprintf(counted, sizeof counted, _("%s and %s"), e, w);
        } else if (errs) {
            snprintf(counted, sizeof counted, ngettext("%zu more error", "%zu more errors", errs), errs);
        } else {
            snprintf(counted, sizeof counted, ngettext("%zu more warning", "%zu more warnings", warns), warns);
        }
        /* TRANSLATORS: %s is "3 more errors" (or warnings, or both) */
        fprintf(out, _("fisc: %s not kept (fisc keeps the first %d diagnostics of a file; fix these first)\n"),
                counted, DIAG_MAX_KEPT);
    }
    fflush(out);
}

/* Counts what diag_print reports for l; see diag.h. */
void diag_tally_add(diag_tally *t, const diag_list *l, const diag_options *opt)
{
    t->errors += diag_failures(l, opt->strict);
    if (opt->strict || opt->errors_only)
        return;
    t->warnings += l->dropped[DIAG_WARNING];
    for (size_t i = 0; i < l->len; i++)
        t->warnings += l->items[i]->sev == DIAG_WARNING && !l->items[i]->silenced;
}

/* Colour when out is a terminal, NO_COLOR is unset or empty and the
 * terminal is not a dumb one (no-color.org; TERM=dumb is Emacs' shell). */
bool diag_want_color(FILE *out)
{
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(fileno(out)) && (nc == NULL || nc[0] == '\0') && !(term && strcmp(term, "dumb") == 0);
}

/* --color: always, never, or the automatic rule. */
bool diag_use_color(FILE *out, diag_color mode)
{
    return mode == DIAG_COLOR_ALWAYS || (mode == DIAG_COLOR_AUTO && diag_want_color(out));
}

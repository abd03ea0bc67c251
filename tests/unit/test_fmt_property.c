/* test_fmt_property.c: fmt's output always parses to the same tree.
 *
 * The property, for every input x that parses without errors:
 *   - fmt(x) is produced (fmt_format, with its own verification on), or
 *     refused only with a "limit" diagnostic;
 *   - fmt(x) parses without errors, and every line is within the lexer's
 *     line-length limit;
 *   - dump(parse(fmt(x))) == dump(parse(x)), where dump is this file's own
 *     rendering of the tree (independent of fmt_verify.c's comparison):
 *     every item, name, value as written, expression and comment text,
 *     nothing of the layout;
 *   - fmt(fmt(x)) == fmt(x) byte for byte;
 *   - and next-year(x) parses, is canonical, and passes fmt_same_tree.
 * The inputs: every examples/, lib/, tests/errors/, tests/golden/ and
 * tests/fuzz/ source (run from the repository root, as tests/run.sh
 * does), a fixed number of mutants of each (lines deleted, duplicated and
 * swapped, blocks re-indented, comments, long figures, parentheses and
 * line breaks inside checks, quoted and escaped labels, wide lines), and
 * generated files at the limits (8,200 one-digit columns, a check of
 * 150,000 terms, signs and parentheses at the parser's limits).  A failing input is
 * written to $TMPDIR/fisc-fmt-property-*.fisc and named. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fmt.h"
#include "lex.h"

/* ---- a growable string ------------------------------------------------ */

typedef struct str {
    char *s;
    size_t n, cap;
} str;

static void put(str *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        b->s = realloc(b->s, cap);
        assert_non_null(b->s);
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void puts_(str *b, const char *s)
{
    put(b, s ? s : "(null)", strlen(s ? s : "(null)"));
}

static void putf(str *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(str *b, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof buf);
    put(b, buf, (size_t)n);
}

/* ---- the dump: a tree as text, layout left out ------------------------ */

static void dump_value(str *b, const ast_value *v)
{
    static const char *const kinds[] = { "num", "derived", "text", "word", "blank" };
    putf(b, " %s%s%s<", kinds[v->kind], v->neg ? "-" : "", v->plus ? "+" : "");
    put(b, v->text ? v->text : "", v->text ? v->len : 0);
    puts_(b, ">");
    if (v->unit) {
        puts_(b, "unit<");
        puts_(b, v->unit);
        puts_(b, ">");
    }
    if (v->rate) {
        puts_(b, " rate");
        dump_value(b, v->rate);
    }
}

static void dump_values(str *b, const char *what, const ast_values *vs)
{
    putf(b, " %s[%zu", what, vs->n);
    for (size_t i = 0; i < vs->n; i++)
        dump_value(b, &vs->v[i]);
    puts_(b, "]");
}

static void dump_path(str *b, const ast_path *p)
{
    puts_(b, " path<");
    for (size_t i = 0; i < p->n; i++) {
        puts_(b, i ? "|" : "");
        puts_(b, p->seg_is_code[i] ? "#" : "");
        puts_(b, p->seg[i]);
    }
    puts_(b, ">");
}

/* Prefix form, fully bracketed; iterative (an explicit stack), since a
 * chain of 150,000 terms is a tree that deep. */
static void dump_expr(str *b, const ast_expr *root)
{
    static const char *const kinds[] = { "ref", "num", "add", "sub", "neg", "prev", "change", "mul", "div",
                                         "rate", "year" };
    typedef struct { const ast_expr *e; int stage; } frame;
    size_t n = 0, cap = 64;
    frame *st = malloc(cap * sizeof *st);
    assert_non_null(st);
    st[n++] = (frame){ root, 0 };
    while (n > 0) {
        frame *f = &st[n - 1];
        const ast_expr *e = f->e;
        const ast_expr *next = NULL;
        if (f->stage == 0) {
            putf(b, " (%s%s", kinds[e->kind], e->parens ? "()" : "");
            if (e->kind == EXPR_REF) {
                putf(b, " table<%s>", e->table ? e->table : "");
                dump_path(b, &e->row);
                dump_path(b, &e->col);
            } else if (e->kind == EXPR_NUM) {
                dump_value(b, &e->num);
            } else if (e->kind == EXPR_YEAR) {
                ;
            } else {
                next = e->l;
            }
            f->stage = ast_expr_binary(e->kind) ? 1 : 2;
            if (!next)
                f->stage = 2;
        } else if (f->stage == 1) {
            f->stage = 2;
            next = e->r;
        } else {
            puts_(b, ")");
            n--;
            continue;
        }
        if (next) {
            if (n == cap) {
                cap *= 2;
                st = realloc(st, cap * sizeof *st);
                assert_non_null(st);
            }
            st[n++] = (frame){ next, 0 };
        }
    }
    free(st);
}

/* A blank line between two lines of text starts a paragraph: is there one
 * between the source lines of a and b (comment lines apart)? */
static bool blank_between(const ast_item *a, const ast_item *b)
{
    const char *t = b->at.file->text;
    const char *p = strchr(t + a->at.end, '\n'), *end = t + b->at.begin;
    while (p && p < end) {
        const char *q = p + 1;
        q += strspn(q, " \t\r");
        if (*q == '\n' && q < end)
            return true;
        p = strchr(q, '\n');
    }
    return false;
}

static void dump_items(str *b, ast_item *const *items, size_t n, unsigned depth)
{
    for (size_t i = 0; i < n; i++) {
        const ast_item *it = items[i];
        for (unsigned k = 0; k < depth; k++)
            puts_(b, "  ");
        puts_(b, ast_item_kind_name(it->kind));
        putf(b, " block=%d", it->has_block);
        switch (it->kind) {
        case ITEM_BUDGET:
        case ITEM_IMPORT:
        case ITEM_CLASSIFICATION:
        case ITEM_TABLE:
        case ITEM_NARRATIVE:
        case ITEM_COLUMNS:
        case ITEM_TEMPLATE:
            putf(b, " id<%s> title<%s>", it->id ? it->id : "", it->title ? it->title : "");
            if (it->kind == ITEM_CLASSIFICATION && it->extends)
                puts_(b, " extend");
            break;
        case ITEM_ATTR:
            putf(b, " %s", ast_attr_name(it->attr));
            dump_values(b, "args", &it->args);
            break;
        case ITEM_ROWS:
            putf(b, " class<%s>%s", it->classification ? it->classification : "", it->beside ? " beside" : "");
            for (size_t k = 0; k < it->nfor; k++)
                dump_path(b, &it->for_cols[k]);
            break;
        case ITEM_LINE:
            putf(b, " total=%d code<%s> label<%s> heading=%d ofwhich=%d text=%d rel<%s>",
                 it->total, it->code ? it->code : "", it->label ? it->label : "",
                 it->heading, it->ofwhich, it->text_col, it->rel_text ? it->rel_text : "");
            if (it->subtotal)
                putf(b, " subtotal<%s>", it->subtotal);
            dump_values(b, "values", &it->values);
            for (size_t k = 0; k < it->ncmp; k++) {
                static const char *const what[] = { "budget", "was", "change" };
                putf(b, " %s/%u", what[it->cmp[k].what], it->cmp[k].basis);
                dump_values(b, "", &it->cmp[k].values);
                if (it->cmp[k].since.text)
                    putf(b, " since<%.*s>", (int)it->cmp[k].since.len, it->cmp[k].since.text);
            }
            if (it->derive) {
                putf(b, " derive=%d", it->derive);
                dump_path(b, it->derive_from);
            }
            break;
        case ITEM_CHECK:
            for (size_t k = 0; k < it->nops; k++) {
                if (k > 0)
                    putf(b, " rel<%s>", it->rel_texts[k - 1]);
                dump_expr(b, it->ops[k]);
            }
            putf(b, " tol=%d", it->tol);
            if (it->tol == TOL_WITHIN)
                dump_value(b, &it->within);
            if (it->check_label)
                putf(b, " as<%s>", it->check_label);
            break;
        case ITEM_INDICATORS:
            break;
        case ITEM_PROSE:
            /* its text, and whether a blank line before it starts a
             * paragraph (after a line of text that is not '>' alone) */
            puts_(b, " text<");
            puts_(b, it->title);
            puts_(b, i > 0 && items[i - 1]->kind == ITEM_PROSE && *items[i - 1]->title &&
                     blank_between(items[i - 1], it) ? "> new" : ">");
            break;
        }
        if (it->known)
            putf(b, " known<%s>", it->known);
        if (it->kind == ITEM_LINE && it->scope) {
            putf(b, " scope-unit<%s>", it->scope->unit ? it->scope->unit : "");
            dump_value(b, &it->scope->rounding);
        }
        dump_values(b, "years", &it->years);
        puts_(b, "\n");
        dump_items(b, it->kids, it->nkids, depth + 1);
    }
}

/* The whole tree and the comments' texts (trailing blanks dropped). */
static char *dump(const ast_file *f)
{
    str b = { 0 };
    put(&b, "", 0);
    dump_items(&b, f->items, f->nitems, 0);
    for (size_t i = 0; i < f->ncomments; i++) {
        const char *s = f->src->text + f->comments[i].at.begin;
        size_t n = f->comments[i].at.end - f->comments[i].at.begin;
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
            n--;
        puts_(&b, "comment ");
        put(&b, s, n);
        puts_(&b, "\n");
    }
    return b.s;
}

/* ---- one input -------------------------------------------------------- */

typedef struct stats {
    size_t files, inputs, formatted, limited, next_years;
    int failures;
} stats;

/* The parse of text, or NULL when it has errors (a is then freed). */
static ast_file *parse(arena *a, const char *name, const char *text, size_t n)
{
    diag_list *d = diag_new(a);
    src_file *src = src_from_memory(a, name, text, n);
    ast_file *f = parse_file(a, strtab_new(a), d, src);
    return diag_count(d, DIAG_ERROR) == 0 ? f : NULL;
}

static void save_failure(stats *s, const char *name, const char *text, size_t n, const char *why)
{
    const char *tmp = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/fisc-fmt-property-%d.fisc", tmp && *tmp ? tmp : "/tmp",
             s->failures);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(text, 1, n, f);
        fclose(f);
    }
    print_message("FAIL %s: %s (input saved as %s)\n", name, why, path);
    s->failures++;
}

/* The first line where two dumps differ, for the failure message. */
static void show_difference(const char *x, const char *y)
{
    unsigned line = 1;
    while (*x && *x == *y) {
        if (*x == '\n')
            line++;
        x++;
        y++;
    }
    print_message("  dumps differ at line %u:\n  input:  %.200s\n  output: %.200s\n", line, x, y);
}

/* Longest line of text[0..n), in bytes. */
static size_t longest_line(const char *text, size_t n)
{
    size_t best = 0, cur = 0;
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\n') {
            if (cur > best)
                best = cur;
            cur = 0;
        } else {
            cur++;
        }
    }
    return cur > best ? cur : best;
}

/* Checks the property on one input; inputs with syntax errors are not
 * the formatter's and are skipped. */
static void check_input(stats *s, const char *name, const char *text, size_t n)
{
    arena *a = arena_new();
    ast_file *x = parse(a, name, text, n);
    if (!x) {
        arena_free(a);
        return;
    }
    s->inputs++;
    char *want = dump(x);

    diag_list *d = diag_new(a);
    char *out = NULL;
    size_t nout = 0;
    int st = fmt_format(x, NULL, d, true, &out, &nout);
    if (st == 1 && diag_size(d) > 0 && diag_at(d, 0)->check &&
        strcmp(diag_at(d, 0)->check, "limit") == 0) {
        s->limited++;           /* refused, nothing produced: allowed */
    } else if (st != 0) {
        save_failure(s, name, text, n, "fmt_format refused it");
        if (diag_size(d) > 0)
            print_message("  %s\n", diag_at(d, 0)->msg);
    } else {
        s->formatted++;
        arena *b = arena_new();
        ast_file *y = parse(b, name, out, nout);
        if (!y) {
            save_failure(s, name, text, n, "fmt(x) does not parse");
        } else if (longest_line(out, nout) > LEX_MAX_LINE) {
            save_failure(s, name, text, n, "fmt(x) has a line past the limit");
        } else {
            char *got = dump(y);
            if (strcmp(want, got) != 0) {
                save_failure(s, name, text, n, "fmt(x) parses to another tree");
                show_difference(want, got);
            }
            free(got);
            size_t n2;
            char *again = fmt_render(y, NULL, &n2);
            if (n2 != nout || memcmp(again, out, nout) != 0)
                save_failure(s, name, text, n, "fmt(fmt(x)) != fmt(x)");
            free(again);
        }
        arena_free(b);
    }
    free(out);

    /* next-year: parses, canonical, and fmt_same_tree agrees. */
    fmt_options ny = { .next_year = true, .previous = "last.fisc" };
    d = diag_new(a);
    st = fmt_format(x, &ny, d, false, &out, &nout);
    if (st == 0) {
        arena *b = arena_new();
        ast_file *y = parse(b, name, out, nout);
        span at;
        const char *why;
        if (!y) {
            save_failure(s, name, text, n, "next-year(x) does not parse");
        } else if (!fmt_same_tree(x, y, &ny, &at, &why)) {
            save_failure(s, name, text, n, "next-year(x) is not x rolled on");
            print_message("  %s\n", why);
        } else {
            size_t n2;
            char *again = fmt_render(y, NULL, &n2);
            if (n2 != nout || memcmp(again, out, nout) != 0)
                save_failure(s, name, text, n, "next-year(x) is not canonical");
            free(again);
            s->next_years++;
        }
        arena_free(b);
    }
    free(out);
    free(want);
    arena_free(a);
}

/* ---- mutants ------------------------------------------------------------ */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static size_t below(size_t n)
{
    return n ? (size_t)(rnd() % n) : 0;
}

typedef struct lines {
    char **v;
    size_t n;
} lines;

static lines split_lines(const char *text, size_t n)
{
    lines L = { NULL, 0 };
    size_t cap = 16;
    L.v = malloc(cap * sizeof *L.v);
    for (size_t i = 0; i < n;) {
        size_t k = i;
        while (k < n && text[k] != '\n')
            k++;
        if (L.n == cap) {
            cap *= 2;
            L.v = realloc(L.v, cap * sizeof *L.v);
        }
        L.v[L.n++] = strndup(text + i, k - i);
        i = k + 1;
    }
    return L;
}

static void free_lines(lines *L)
{
    for (size_t i = 0; i < L->n; i++)
        free(L->v[i]);
    free(L->v);
}

/* Replaces line i with s (taking it). */
static void set_line(lines *L, size_t i, char *s)
{
    free(L->v[i]);
    L->v[i] = s;
}

static void insert_line(lines *L, size_t at, char *s)
{
    L->v = realloc(L->v, (L->n + 1) * sizeof *L->v);
    memmove(L->v + at + 1, L->v + at, (L->n - at) * sizeof *L->v);
    L->v[at] = s;
    L->n++;
}

static char *concat(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *p = malloc(na + nb + 1);
    memcpy(p, a, na);
    memcpy(p + na, b, nb + 1);
    return p;
}

/* s with the first occurrence of what (from offset 0) replaced by with,
 * or NULL when what does not occur. */
static char *replace_first(const char *s, const char *what, const char *with)
{
    const char *at = strstr(s, what);
    if (!at)
        return NULL;
    size_t pre = (size_t)(at - s), nw = strlen(what), nr = strlen(with);
    char *p = malloc(strlen(s) - nw + nr + 1);
    memcpy(p, s, pre);
    memcpy(p + pre, with, nr);
    strcpy(p + pre + nr, at + nw);
    return p;
}

/* One random edit of L.  Most keep the file parsing; those that do not
 * are simply skipped by check_input. */
static void mutate(lines *L)
{
    if (L->n == 0)
        return;
    size_t i = below(L->n);
    char *l = L->v[i];
    switch (below(12)) {
    case 0:                                     /* delete a line */
        free(l);
        memmove(L->v + i, L->v + i + 1, (L->n - i - 1) * sizeof *L->v);
        L->n--;
        break;
    case 1:                                     /* duplicate a line */
        insert_line(L, i, strdup(l));
        break;
    case 2:                                     /* swap two lines */
        if (i + 1 < L->n) {
            L->v[i] = L->v[i + 1];
            L->v[i + 1] = l;
        }
        break;
    case 3: {                                   /* re-indent, trailing blanks */
        static const char *const pre[] = { "", "\t", "   ", " \t  " };
        static const char *const post[] = { "", " ", "\t", " \r" };
        char *t = concat(pre[below(4)], l + strspn(l, " \t"));
        set_line(L, i, concat(t, post[below(4)]));
        free(t);
        break;
    }
    case 4:                                     /* a trailing comment */
        set_line(L, i, concat(l, below(2) ? "  // 注释 note" : " //x  \t"));
        break;
    case 5:                                     /* a comment line, blank lines */
        insert_line(L, i, strdup(below(2) ? "// 说明：a comment" : ""));
        if (below(2))
            insert_line(L, i, strdup(""));
        break;
    case 6: {                                   /* a long figure */
        char *t = replace_first(l, " 1", " 123,456,789,012.5");
        if (t)
            set_line(L, i, t);
        break;
    }
    case 7: {                                   /* parentheses in a check */
        char *t = replace_first(l, "== ", "== (");
        if (t) {
            set_line(L, i, concat(t, ")"));
            free(t);
        }
        break;
    }
    case 8: {                                /* a break inside ( or [ */
        char *t = replace_first(l, "[", "[\n    ");
        if (!t)
            t = replace_first(l, "(", "(\n");
        if (t)
            set_line(L, i, t);
        break;
    }
    case 9: {                                   /* a label that must be quoted */
        char *t = replace_first(l, "合计", "\"合 \\\"计\\\"\\t\"");
        if (!t)
            t = replace_first(l, "total ", "total \"a\\\\b\" ");
        if (t)
            set_line(L, i, t);
        break;
    }
    case 10: {                                  /* a line of many figures */
        if (strchr(l, '=') && !strstr(l, "check") && !strchr(l, '{') && !strchr(l, '"')) {
            str b = { 0 };
            puts_(&b, l);
            size_t k = 50 + below(400);
            for (size_t j = 0; j < k; j++)
                puts_(&b, below(3) ? " 7" : " 1,234");
            set_line(L, i, b.s);
        }
        break;
    }
    case 11: {                                  /* join with the next line */
        if (i + 1 < L->n) {
            set_line(L, i, concat(l, " "));
            char *t = concat(L->v[i], L->v[i + 1] + strspn(L->v[i + 1], " \t"));
            set_line(L, i, t);
            free(L->v[i + 1]);
            memmove(L->v + i + 1, L->v + i + 2, (L->n - i - 2) * sizeof *L->v);
            L->n--;
        }
        break;
    }
    }
}

static char *join_lines(const lines *L, size_t *n)
{
    str b = { 0 };
    put(&b, "", 0);
    for (size_t i = 0; i < L->n; i++) {
        puts_(&b, L->v[i]);
        puts_(&b, "\n");
    }
    *n = b.n;
    return b.s;
}

/* ---- the corpus ----------------------------------------------------------- */

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    str b = { 0 };
    put(&b, "", 0);
    char buf[65536];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, f)) > 0)
        put(&b, buf, k);
    fclose(f);
    *n = b.n;
    return b.s;
}

/* The input and its mutants: more of them for small files. */
static void check_file(stats *s, const char *path)
{
    size_t n;
    char *text = slurp(path, &n);
    if (!text)
        return;
    s->files++;
    check_input(s, path, text, n);
    rng_state = 0;
    for (const char *p = path; *p; p++)
        rng_state = rng_state * 31 + (unsigned char)*p;
    unsigned nmut = n > 20000 ? 4 : 24;
    for (unsigned m = 0; m < nmut; m++) {
        lines L = split_lines(text, n);
        unsigned edits = 1 + (unsigned)below(6);
        for (unsigned e = 0; e < edits; e++)
            mutate(&L);
        size_t nm;
        char *mut = join_lines(&L, &nm);
        char name[1100];
        snprintf(name, sizeof name, "%s (mutant %u)", path, m);
        check_input(s, name, mut, nm);
        free(mut);
        free_lines(&L);
    }
    free(text);
}

static bool is_source(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".fisc") == 0;
}

/* Every *.fisc under dir, depth first, in name order. */
static void check_dir(stats *s, const char *dir, bool any_name)
{
    struct dirent **ents;
    int n = scandir(dir, &ents, NULL, alphasort);
    if (n < 0)
        return;
    for (int i = 0; i < n; i++) {
        const char *e = ents[i]->d_name;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e);
        struct stat st;
        if (e[0] != '.' && stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                check_dir(s, path, any_name);
            else if (S_ISREG(st.st_mode) && (any_name || is_source(e)))
                check_file(s, path);
        }
        free(ents[i]);
    }
    free(ents);
}

static void report(const stats *s)
{
    print_message("%zu files; %zu inputs parsed (with mutants), %zu formatted, %zu refused at a "
                  "limit, %zu rolled to next year\n",
                  s->files, s->inputs, s->formatted, s->limited, s->next_years);
}

static void test_corpus(void **state)
{
    (void)state;
    stats s = { 0 };
    check_dir(&s, "examples", false);
    check_dir(&s, "lib", false);
    check_dir(&s, "tests/errors", false);
    check_dir(&s, "tests/golden", false);
    check_dir(&s, "tests/fuzz/corpus", true);
    check_dir(&s, "tests/fuzz/regressions", true);
    report(&s);
    /* Run from elsewhere, the corpus would be empty and prove nothing. */
    assert_true(s.files >= 100);
    assert_true(s.formatted >= 1000);
    assert_int_equal(s.failures, 0);
}

/* ---- generated inputs at the limits ---------------------------------------- */

static void check_generated(stats *s, const char *name, str *b)
{
    check_input(s, name, b->s, b->n);
    free(b->s);
    memset(b, 0, sizeof *b);
}

static void test_wide_table(void **state)
{
    (void)state;
    /* 8,200 one-digit columns: a 16 KB line, padded to 66 KB before. */
    stats s = { 0 };
    str b = { 0 };
    puts_(&b, "budget \"x\" {\n    year 2022\n    unit 万元\n}\ntable t01 \"t\" {\n    columns {\n");
    for (int i = 0; i < 8200; i++)
        putf(&b, "        c%d\n", i);
    puts_(&b, "    }\n    rows {\n        合计 =");
    for (int i = 0; i < 8200; i++)
        puts_(&b, " 1");
    puts_(&b, " // the total\n        乙 = 2\n    }\n}\n");
    check_generated(&s, "wide table", &b);
    assert_int_equal(s.inputs, 1);
    assert_int_equal(s.formatted, 1);
    assert_int_equal(s.next_years, 1);
    assert_int_equal(s.failures, 0);
}

static void test_long_check(void **state)
{
    (void)state;
    /* 150,000 terms split inside ( ): printed without recursion, and
     * broken inside the parentheses. */
    stats s = { 0 };
    str b = { 0 };
    puts_(&b, "narrative n {\n    a = 1\n}\ncheck a == (1");
    for (int i = 1; i < 150000; i++)
        puts_(&b, i % 100 == 0 ? " +\n1" : (i % 7 ? "+1" : "-a"));
    puts_(&b, ") // trailing\n");
    check_generated(&s, "long check", &b);
    assert_int_equal(s.formatted, 1);
    assert_int_equal(s.failures, 0);

    /* The same without parentheses, on one line: nowhere to break it, so
     * fmt refuses with a limit diagnostic rather than write a line the
     * lexer would reject. */
    puts_(&b, "check a == 1");
    for (int i = 1; i < 30000; i++)
        puts_(&b, "+1");
    puts_(&b, "\n");
    arena *a = arena_new();
    ast_file *f = parse(a, "t.fisc", b.s, b.n);
    assert_non_null(f);
    diag_list *d = diag_new(a);
    char *out;
    size_t n;
    assert_int_equal(fmt_format(f, NULL, d, true, &out, &n), 1);
    assert_null(out);
    assert_int_equal(diag_size(d), 1);
    assert_string_equal(diag_at(d, 0)->check, "limit");
    assert_non_null(strstr(diag_at(d, 0)->msg, "put its long side in parentheses"));
    arena_free(a);
    free(b.s);
}

static void test_signs_and_parentheses(void **state)
{
    (void)state;
    stats s = { 0 };
    str b = { 0 };
    puts_(&b, "check a == ");
    for (int i = 0; i < PARSE_MAX_SIGNS; i++)
        puts_(&b, "- ");
    puts_(&b, "b + -(-(c)) - ((((d + e) - f) + g) - -h) + (((i)))\n");
    check_generated(&s, "signs and parentheses", &b);
    assert_int_equal(s.formatted, 1);
    assert_int_equal(s.failures, 0);
}

static void test_long_head_stays_out_of_alignment(void **state)
{
    (void)state;
    /* One head wider than the alignment limit does not pad its group:
     * output stays within a bounded amount per input line. */
    str b = { 0 };
    puts_(&b, "rows {\n    ");
    for (int i = 0; i < 1000; i++)
        puts_(&b, "9");
    puts_(&b, " 甲 = 1\n    乙 = 2\n    丙丙 = 3\n}\n");
    arena *a = arena_new();
    ast_file *f = parse(a, "t.fisc", b.s, b.n);
    assert_non_null(f);
    size_t n;
    char *out = fmt_render(f, NULL, &n);
    assert_non_null(strstr(out, "9 甲 =       1\n"));
    assert_non_null(strstr(out, "\n    乙   =       2\n    丙丙 =       3\n"));
    free(out);
    arena_free(a);
    free(b.s);
}

/* ---- the verifier itself -------------------------------------------------- */

/* fmt_same_tree(parse(x), parse(y), o): false with why when they differ;
 * and fmt_same_text, which parses y item by item, says the same. */
static void expect_differ(const char *x, const char *y, const fmt_options *o, const char *why)
{
    arena *a = arena_new();
    ast_file *fx = parse(a, "x.fisc", x, strlen(x));
    ast_file *fy = parse(a, "y.fisc", y, strlen(y));
    assert_non_null(fx);
    assert_non_null(fy);
    span at;
    const char *got = NULL;
    bool same = fmt_same_tree(fx, fy, o, &at, &got);
    if (!why) {
        assert_true(same);
    } else {
        assert_false(same);
        assert_string_equal(got, why);
    }
    got = NULL;
    int text = fmt_same_text(fx, src_from_memory(a, "y.fisc", y, strlen(y)), o, &at, &got);
    assert_int_equal(text, same ? 1 : 0);
    if (why)
        assert_string_equal(got, why);
    arena_free(a);
}

static void test_verifier(void **state)
{
    (void)state;
    const char *base = "budget \"x\" {\n    year 2022\n}\n"
                       "rows {\n    甲 = 1 \"t\" was 3 // c\n}\ncheck 甲 == (1 + 2) - -3\n";
    expect_differ(base, "budget \"x\" {\nyear 2022\n}\nrows {\n\"甲\"=1 \"t\" was 3 // c\n}\n"
                        "check 甲==(1+\n2)- -3\n", NULL, NULL);
    expect_differ(base, "budget \"x\" {\n    year 2022\n}\n"
                        "rows {\n    甲 = 2 \"t\" was 3 // c\n}\ncheck 甲 == (1 + 2) - -3\n",
                  NULL, "a value");
    expect_differ(base, "budget \"x\" {\n    year 2022\n}\n"
                        "rows {\n    甲 = 1 \"t\" was 3 // d\n}\ncheck 甲 == (1 + 2) - -3\n",
                  NULL, "a comment");
    expect_differ(base, "budget \"x\" {\n    year 2022\n}\n"
                        "rows {\n    甲 = 1 \"t\" was 3 // c\n}\ncheck 甲 == 1 + 2 - -3\n",
                  NULL, "an expression");
    expect_differ(base, "budget \"x\" {\n    year 2022\n}\n"
                        "rows {\n    甲 = 1 \"t\" was 3 // c\n}\ncheck 甲 == (1 + 2) + -3\n",
                  NULL, "an expression");
    expect_differ(base, "budget \"x\" {\n    year 2022\n}\n"
                        "rows {\n    甲 = 1 \"t\" was 3 // c\n}\n",
                  NULL, "the number of items in a block");
    expect_differ("budget \"x\" {\n    year 2022\n}\n", base, NULL, "the number of items in a block");
    expect_differ(base, "budget \"x\" {\n    year 2022\n}\n"
                        "rows {\n    甲 = 1 \"t\" was 3\n}\ncheck 甲 == (1 + 2) - -3\n",
                  NULL, "the number of comments");
    /* text that does not parse: fmt_same_text leaves it to parse_file */
    {
        arena *a = arena_new();
        span at;
        const char *why = NULL;
        ast_file *fx = parse(a, "x.fisc", base, strlen(base));
        const char *bad = "rows {\n    甲 = = 1\n}\n";
        assert_int_equal(fmt_same_text(fx, src_from_memory(a, "y.fisc", bad, strlen(bad)), NULL, &at, &why), -1);
        arena_free(a);
    }
    /* next-year: the year advanced, figures moved to was, text kept. */
    fmt_options ny = { .next_year = true };
    const char *rolled = "budget \"x\" {\n    year 2023\n}\n"
                         "rows {\n    甲 = _ \"t\" was 1 \"t\" // c\n}\ncheck 甲 == (1 + 2) - -3\n";
    expect_differ(base, rolled, &ny, NULL);
    expect_differ(base, base, &ny, "the year");
    expect_differ(base, "budget \"x\" {\n    year 2023\n}\n"
                        "rows {\n    甲 = 1 \"t\" was 1 \"t\" // c\n}\ncheck 甲 == (1 + 2) - -3\n",
                  &ny, "a value");
    fmt_options keep = { .next_year = true, .keep = true };
    expect_differ(base, "budget \"x\" {\n    year 2023\n}\n"
                        "rows {\n    甲 = 1 \"t\" was 1 \"t\" // c\n}\ncheck 甲 == (1 + 2) - -3\n",
                  &keep, NULL);
    /* --normalize-numbers regroups figures, nothing else. */
    fmt_options norm = { .normalize_numbers = true };
    expect_differ("rows {\n    甲 = 12345 was 1,0\n}\n", "rows {\n    甲 = 12,345 was 10\n}\n",
                  &norm, NULL);
    expect_differ("rows {\n    甲 = 12345\n}\n", "rows {\n    甲 = 1,2346\n}\n", &norm, "a value");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wide_table),
        cmocka_unit_test(test_long_check),
        cmocka_unit_test(test_signs_and_parentheses),
        cmocka_unit_test(test_long_head_stays_out_of_alignment),
        cmocka_unit_test(test_verifier),
        cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

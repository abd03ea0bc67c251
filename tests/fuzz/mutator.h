/* mutator.h: a structure-aware mutator for fisc sources, shared by the
 * libFuzzer targets (LLVMFuzzerCustomMutator, LLVMFuzzerCustomCrossOver).
 *
 * Byte flips rarely get past the lexer; a budget's structure is lines,
 * blocks and tokens.  Each call applies one to three of these, chosen at
 * random, then (sometimes) libFuzzer's own byte-level mutation, which also
 * inserts words from tests/fuzz/fisc.dict:
 *   - swap two lines, delete a run of lines, duplicate a run (a block,
 *     with its closing brace when it starts one) somewhere else;
 *   - replace a number with a huge, negative, fractional, zero or grouped
 *     one, or with one written in another unit;
 *   - wrap a token in parentheses, put a run of signs before it, turn it
 *     into a chain of + terms or a path of / segments: a few, past the
 *     limits (70), or now and then as many as the input's room allows
 *     (tens of thousands: what found the deep recursions of issue 12);
 *   - wrap a line in a new block, or insert a token from the grammar;
 *   - splice in a line seen in an earlier input (the corpus), or, in the
 *     cross-over, runs of lines from two inputs.
 * Deterministic for a given seed, as libFuzzer requires. */
#ifndef FISC_FUZZ_MUTATOR_H
#define FISC_FUZZ_MUTATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t n1, const uint8_t *d2, size_t n2, uint8_t *out,
                                 size_t max_out, unsigned int seed);

/* ---- randomness and lines ------------------------------------------------ */

static uint64_t fm_state;

static uint32_t fm_rand(void)
{
    /* xorshift64*: small, good enough, and seeded per call */
    fm_state ^= fm_state >> 12;
    fm_state ^= fm_state << 25;
    fm_state ^= fm_state >> 27;
    return (uint32_t)((fm_state * 0x2545F4914F6CDD1Du) >> 32);
}

static size_t fm_below(size_t n)
{
    return n ? fm_rand() % n : 0;
}

/* A line: a view into a buffer, without its '\n'. */
typedef struct fm_line {
    const uint8_t *s;
    size_t n;
} fm_line;

#define FM_MAX_LINES 4096

/* Splits data into at most FM_MAX_LINES lines (the last takes the rest). */
static size_t fm_split(const uint8_t *data, size_t size, fm_line *lines)
{
    size_t n = 0, start = 0;
    for (size_t i = 0; i < size && n < FM_MAX_LINES - 1; i++) {
        if (data[i] == '\n') {
            lines[n++] = (fm_line){ data + start, i - start };
            start = i + 1;
        }
    }
    if (start < size)
        lines[n++] = (fm_line){ data + start, size - start };
    return n;
}

/* An output buffer that silently stops at its capacity. */
typedef struct fm_out {
    uint8_t *p;
    size_t n, cap;
} fm_out;

static void fm_put(fm_out *o, const void *s, size_t n)
{
    if (n > o->cap - o->n)
        n = o->cap - o->n;
    memcpy(o->p + o->n, s, n);
    o->n += n;
}

static void fm_puts(fm_out *o, const char *s)
{
    fm_put(o, s, strlen(s));
}

static void fm_line_out(fm_out *o, fm_line l)
{
    fm_put(o, l.s, l.n);
    fm_put(o, "\n", 1);
}

/* ---- the corpus's lines, for splicing ------------------------------------ */

#define FM_POOL 512
#define FM_POOL_LINE 256

static char fm_pool[FM_POOL][FM_POOL_LINE];
static size_t fm_pool_len[FM_POOL], fm_npool;

/* Keeps a few lines of every input the mutator sees. */
static void fm_remember(const fm_line *lines, size_t n)
{
    for (int k = 0; k < 4 && n; k++) {
        fm_line l = lines[fm_below(n)];
        if (l.n == 0 || l.n >= FM_POOL_LINE)
            continue;
        size_t slot = fm_npool < FM_POOL ? fm_npool++ : fm_below(FM_POOL);
        memcpy(fm_pool[slot], l.s, l.n);
        fm_pool_len[slot] = l.n;
    }
}

/* ---- tokens -------------------------------------------------------------- */

static const char *const fm_numbers[] = {
    "0", "1", "-1", "0.5", "0.0001", "1.23456789", "-36", "+111", "7,440", "1,234,567.89",
    "99999999999999999999", "999999999999999999999999", "922337203685477.5807",
    "9,223,372,036,854,775,807", "90,000,000,000", "-90,000,000,000", "10,000 元", "0.05 亿元",
    "105 台", "85%", "-4%", "100000000 万元", "1 千元", "4,22", "1,,0", "007", "1.", "_",
};

static const char *const fm_tokens[] = {
    "budget ", "import ", "classification ", "table ", "narrative ", "columns ", "rows ", "for ",
    "check ", "total ", "was ", "change ", "prev(", "rate(", "change(", "within ", "exact ", "as ",
    "heading ", "subtotal ", "ofwhich ", "text ", "indicators ", "year ", "unit ", "rounding ",
    "tolerance ", "previous ", "number ", "department ", "note ", "precision ", "{", "}", "(", ")",
    "[", "]", " = ", " == ", " != ", " >= ", " <= ", " > ", " < ", " + ", " - ", "/", ",", "%", "_",
    "\"", "//", "万元", "元", "亿元", "千元", "人", "台", "合计", "支出总计", "t01[", "t01[合计, 金额]",
    "≥", "≧", "≤", "（", "）", "：", "、", "－", "＋", "＝", "％", "\xE3\x80\x80", "\xC2\xA0",
    "\xE2\x80\x8B", "\xEF\xBB\xBF", "\t", "\r", "\x01",
};

/* The token at or after byte i of l: [*b, *e). */
static void fm_token_at(fm_line l, size_t i, size_t *b, size_t *e)
{
    while (i < l.n && l.s[i] == ' ')
        i++;
    *b = i;
    while (i < l.n && l.s[i] != ' ')
        i++;
    *e = i;
}

/* How many times to repeat a unit of `unit` bytes: a few, past the
 * parser's limits, or (one time in `big`) as many as `room` bytes hold. */
static size_t fm_count(size_t room, size_t unit, size_t big)
{
    size_t r = fm_below(big);
    if (r == 0 && unit)
        return 1 + fm_below(room / unit + 1);
    return 1 + fm_below(r < 4 ? 70 : 8);
}

/* Writes line l with its bytes [b, e) replaced by a mutation; room is
 * what the output may still grow by. */
static void fm_rewrite_token(fm_out *o, fm_line l, size_t b, size_t e, int how, size_t room, size_t big)
{
    fm_put(o, l.s, b);
    size_t k, w = e - b;
    switch (how) {
    case 0:     /* a number of another kind */
        fm_puts(o, fm_numbers[fm_below(sizeof fm_numbers / sizeof *fm_numbers)]);
        break;
    case 1:     /* nested parentheses */
        k = fm_count(room, 2, big);
        for (size_t i = 0; i < k; i++)
            fm_puts(o, "(");
        fm_put(o, l.s + b, w);
        for (size_t i = 0; i < k; i++)
            fm_puts(o, ")");
        break;
    case 2:     /* signs in a row */
        k = fm_count(room, 1, big);
        for (size_t i = 0; i < k; i++)
            fm_puts(o, "-");
        fm_put(o, l.s + b, w);
        break;
    case 3:     /* a chain of terms: x+x+x..., or in a check x+1+1... (valid) */
        k = fm_count(room, big == 4 ? 2 : w + 1, big);
        fm_put(o, l.s + b, w);
        for (size_t i = 0; i < k; i++) {
            fm_puts(o, "+");
            if (big == 4)
                fm_puts(o, "1");
            else
                fm_put(o, l.s + b, w);
        }
        break;
    case 4:     /* a path: x/x/x... */
        k = fm_count(room, w + 1, big);
        fm_put(o, l.s + b, w);
        for (size_t i = 0; i < k; i++) {
            fm_puts(o, "/");
            fm_put(o, l.s + b, w);
        }
        break;
    default:    /* a token of the grammar before it */
        fm_puts(o, fm_tokens[fm_below(sizeof fm_tokens / sizeof *fm_tokens)]);
        fm_put(o, l.s + b, e - b);
        break;
    }
    fm_put(o, l.s + e, l.n - e);
    fm_put(o, "\n", 1);
}

/* Where the block that line i opens ends (its closing brace's line), or i. */
static size_t fm_block_end(const fm_line *lines, size_t n, size_t i)
{
    long depth = 0;
    for (size_t j = i; j < n; j++) {
        for (size_t k = 0; k < lines[j].n; k++)
            depth += lines[j].s[k] == '{' ? 1 : lines[j].s[k] == '}' ? -1 : 0;
        if (depth <= 0)
            return j;
    }
    return i;
}

/* ---- one structural mutation ---------------------------------------------- */

static size_t fm_mutate_once(const uint8_t *in, size_t size, uint8_t *out, size_t max)
{
    static fm_line lines[FM_MAX_LINES];
    size_t n = fm_split(in, size, lines);
    fm_out o = { out, 0, max };
    if (n == 0) {
        fm_puts(&o, "budget \"x\" {\n    year 2022\n}\n");
        return o.n;
    }
    fm_remember(lines, n);
    size_t a = fm_below(n), b = fm_below(n);
    /* A check is where expressions are: its lines get a third of the
     * token rewrites, at their last token (an operand). */
    bool at_check = false;
    if (fm_below(3) == 0) {
        size_t start = fm_below(n);
        for (size_t j = 0; j < n && !at_check; j++) {
            fm_line l = lines[(start + j) % n];
            for (size_t k = 0; k + 6 <= l.n && !at_check; k++)
                if (memcmp(l.s + k, "check ", 6) == 0) {
                    a = (start + j) % n;
                    at_check = true;
                }
        }
    }
    size_t what = at_check ? 9 : fm_below(10), k = 1 + fm_below(4);
    for (size_t i = 0; i < n; i++) {
        switch (what) {
        case 0:     /* swap lines a and b */
            fm_line_out(&o, lines[i == a ? b : i == b ? a : i]);
            break;
        case 1:     /* delete lines a .. a+k-1 */
            if (i < a || i >= a + k)
                fm_line_out(&o, lines[i]);
            break;
        case 2: {   /* duplicate a's block (or line) before line b */
            if (i == b) {
                size_t end = fm_block_end(lines, n, a);
                size_t times = 1 + (fm_below(16) == 0 ? fm_below(50) : 0);
                for (size_t t = 0; t < times; t++)
                    for (size_t j = a; j <= end; j++)
                        fm_line_out(&o, lines[j]);
            }
            fm_line_out(&o, lines[i]);
            break;
        }
        case 3:     /* wrap line a in a block */
            if (i == a)
                fm_puts(&o, fm_below(2) ? "组 {\n" : "rows {\n");
            fm_line_out(&o, lines[i]);
            if (i == a)
                fm_puts(&o, "}\n");
            break;
        case 4:     /* splice a line from the corpus before line a */
            if (i == a && fm_npool) {
                size_t p = fm_below(fm_npool);
                fm_put(&o, fm_pool[p], fm_pool_len[p]);
                fm_put(&o, "\n", 1);
            }
            fm_line_out(&o, lines[i]);
            break;
        default: {  /* rewrite a token of line a; numbers most often */
            if (i != a || lines[i].n == 0) {
                fm_line_out(&o, lines[i]);
                break;
            }
            size_t tb, te, at = fm_below(lines[i].n);
            if (at_check) {     /* the last token */
                at = lines[i].n;
                while (at > 0 && lines[i].s[at - 1] == ' ')
                    at--;
                while (at > 0 && lines[i].s[at - 1] != ' ')
                    at--;
            }
            fm_token_at(lines[i], at, &tb, &te);
            if (tb == te) {
                fm_line_out(&o, lines[i]);
                break;
            }
            int how = at_check ? 1 + (int)fm_below(4) : (int)fm_below(7);
            /* look for a number on the line for "another number" */
            if (how == 0 || how == 6) {
                for (size_t k = 0; k < lines[i].n; k++)
                    if (lines[i].s[k] >= '0' && lines[i].s[k] <= '9') {
                        fm_token_at(lines[i], k, &tb, &te);
                        how = 0;
                        break;
                    }
            }
            /* room to grow, within the lexer's line limit (64 KiB); a line
             * grown once already does not grow again */
            size_t room = max > size ? max - size : 0;
            if (lines[i].n > 4096)
                room = 0;
            else if (room > 60000 - lines[i].n)
                room = 60000 - lines[i].n;
            fm_rewrite_token(&o, lines[i], tb, te, how == 6 ? 5 : how, room, at_check ? 4 : 16);
            break;
        }
        }
    }
    /* keep the input's lack of a final newline sometimes */
    if (size && in[size - 1] != '\n' && o.n && fm_below(2))
        o.n--;
    return o.n;
}

/* ---- the libFuzzer hooks ------------------------------------------------- */

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    static uint8_t tmp[1 << 17];
    fm_state = ((uint64_t)seed << 32) ^ 0x9E3779B97F4A7C15u ^ size;
    if (fm_below(2) == 0)      /* libFuzzer's own half the time: bytes and the dictionary */
        return LLVMFuzzerMutate(data, size, max_size);
    size_t cap = max_size < sizeof tmp ? max_size : sizeof tmp;
    size_t rounds = 1 + fm_below(2);
    for (size_t r = 0; r < rounds; r++) {
        size_t n = fm_mutate_once(data, size, tmp, cap);
        memcpy(data, tmp, n);
        size = n;
    }
    return size;
}

/* Lines of d1 up to a cut, then lines of d2 from a cut, then maybe the
 * rest of d1: a table's rows from one budget under another's header. */
size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t n1, const uint8_t *d2, size_t n2, uint8_t *out,
                                 size_t max_out, unsigned int seed)
{
    static fm_line l1[FM_MAX_LINES], l2[FM_MAX_LINES];
    fm_state = ((uint64_t)seed << 32) ^ 0xD1B54A32D192ED03u;
    size_t a = fm_split(d1, n1, l1), b = fm_split(d2, n2, l2);
    fm_out o = { out, 0, max_out };
    size_t cut1 = fm_below(a + 1), from2 = fm_below(b + 1), len2 = fm_below(b + 1 - from2 + 1);
    for (size_t i = 0; i < cut1; i++)
        fm_line_out(&o, l1[i]);
    for (size_t i = from2; i < from2 + len2 && i < b; i++)
        fm_line_out(&o, l2[i]);
    if (fm_below(2))
        for (size_t i = cut1; i < a; i++)
            fm_line_out(&o, l1[i]);
    return o.n;
}

#endif

/* fuzz_lsp.c: the language server on whatever a client could send.
 *
 * Each input is one session.  Its first byte picks the mode: odd, the
 * rest is fed as the raw byte stream (framing, headers, lengths); even,
 * the rest is a list of JSON bodies separated by NUL bytes, each framed
 * with a correct Content-Length, so mutations reach the JSON-RPC layer,
 * the documents (didOpen, incremental didChange) and every feature at
 * every position.  The server runs to the end of input, its output
 * discarded: it must not crash, leak, hang or trip a sanitizer.  Seeds
 * are in tests/fuzz/corpus-lsp/ (sessions on small budgets); mk-seeds.sh
 * there writes them. */
#include <stdbool.h>
#include "common.h"
#include "lsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

typedef struct feed {
    char *buf;
    size_t n, pos;
} feed;

static long feed_read(void *ctx, char *buf, size_t cap)
{
    feed *f = ctx;
    size_t k = f->n - f->pos < cap ? f->n - f->pos : cap;
    memcpy(buf, f->buf + f->pos, k);
    f->pos += k;
    return (long)k;
}

static bool discard(void *ctx, const char *buf, size_t n)
{
    (void)ctx;
    (void)buf;
    (void)n;
    return true;
}

static const char prologue[] =
    "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}";

static void append(feed *f, const void *p, size_t n)
{
    f->buf = realloc(f->buf, f->n + n + 1);
    if (!f->buf)
        abort();
    memcpy(f->buf + f->n, p, n);
    f->n += n;
}

static void frame(feed *f, const char *body, size_t n)
{
    char head[64];
    int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
    append(f, head, (size_t)hn);
    append(f, body, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    if (n == 0 || fz_unsafe(data, n))
        return 0;
    feed f = { NULL, 0, 0 };
    if (data[0] & 1) {
        append(&f, data + 1, n - 1);
    } else {
        frame(&f, prologue, sizeof prologue - 1);
        const char *p = (const char *)data + 1, *end = (const char *)data + n;
        while (p < end) {
            const char *z = memchr(p, '\0', (size_t)(end - p));
            const char *e = z ? z : end;
            frame(&f, p, (size_t)(e - p));
            p = e + 1;
        }
    }
    lsp_io io = { feed_read, NULL, discard, &f };
    lsp_serve(&io);
    free(f.buf);
    return 0;
}

/* lsp_rpc.c: the language server's protocol layer.
 *
 * LSP's base protocol is a header section (lines "Name: value", ended by
 * an empty line) and a body of Content-Length bytes of JSON-RPC 2.0.  A
 * client may send anything, so every step is bounded: the header section
 * is at most RPC_MAX_HEADER bytes, a body at most RPC_MAX_BODY (a longer
 * one is read and dropped in pieces, never held), and the JSON parser
 * (jansson) limits nesting itself.  A malformed message gets an error
 * response and the reader moves on: when the length is known it skips
 * the body, otherwise it resynchronises on the next "Content-Length".
 * Lines may end in CRLF (the standard) or LF (lenient clients).  Nothing
 * here knows the language: lsp_server.c dispatches the messages. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "lsp_rpc.h"

static void die_oom(void)
{
    fputs("fisc lsp: out of memory\n", stderr);
    exit(2);
}

void rpc_init(rpc_conn *c, const lsp_io *io)
{
    memset(c, 0, sizeof *c);
    c->io = io;
}

void rpc_free(rpc_conn *c)
{
    free(c->buf);
    c->buf = NULL;
}

/* Reads once more into the buffer; false at the end of input. */
static bool read_more(rpc_conn *c)
{
    if (c->eof)
        return false;
    if (c->start > 0 && c->start == c->len) {
        c->start = c->len = 0;
    } else if (c->start > c->cap / 2) {
        memmove(c->buf, c->buf + c->start, c->len - c->start);
        c->len -= c->start;
        c->start = 0;
    }
    if (c->cap - c->len < 4096) {
        size_t cap = c->cap ? c->cap * 2 : 65536;
        char *p = realloc(c->buf, cap);
        if (!p)
            die_oom();
        c->buf = p;
        c->cap = cap;
    }
    long n = c->io->read(c->io->ctx, c->buf + c->len, c->cap - c->len);
    if (n <= 0) {
        c->eof = true;
        return false;
    }
    c->len += (size_t)n;
    return true;
}

static size_t avail(const rpc_conn *c)
{
    return c->len - c->start;
}

bool rpc_pending(const rpc_conn *c)
{
    return avail(c) > 0 || (!c->eof && c->io->ready && c->io->ready(c->io->ctx));
}

/* Drops n bytes of input, buffered or not, without holding them. */
static void skip(rpc_conn *c, size_t n)
{
    while (n > 0) {
        if (avail(c) == 0) {
            c->start = c->len = 0;
            if (!read_more(c))
                return;
        }
        size_t k = avail(c) < n ? avail(c) : n;
        c->start += k;
        n -= k;
    }
}

/* Drops input up to the next line that starts "Content-Length" (a new
 * message) or to the end of input; line_start: the input is at the start
 * of a line (else the rest of the current line goes first). */
static void resync(rpc_conn *c, bool line_start)
{
    static const char key[] = "Content-Length";
    const size_t k = sizeof key - 1;
    for (;;) {
        while (avail(c) > 0) {
            const char *p = c->buf + c->start;
            if (line_start) {
                if (avail(c) < k)
                    break;
                if (strncasecmp(p, key, k) == 0)
                    return;
            }
            const char *nl = memchr(p, '\n', avail(c));
            if (!nl) {
                c->start = c->len;
                line_start = false;
                break;
            }
            c->start = (size_t)(nl + 1 - c->buf);
            line_start = true;
        }
        if (!read_more(c)) {
            c->start = c->len;
            return;
        }
    }
}

/* The header section: Content-Length into *len.  1 ok, 0 end of input,
 * -1 malformed (*why says how; *len is SIZE_MAX when the body cannot be
 * located, and *ended whether the header section was read to its end). */
static int read_header(rpc_conn *c, size_t *len, const char **why, bool *ended)
{
    *ended = false;
    *len = SIZE_MAX;
    *why = NULL;
    size_t scanned = 0;
    bool utf8 = true;
    for (;;) {
        /* the next complete line */
        const char *p = c->buf ? c->buf + c->start + scanned : NULL;
        const char *nl = avail(c) > scanned ? memchr(p, '\n', avail(c) - scanned) : NULL;
        if (!nl) {
            if (avail(c) > RPC_MAX_HEADER) {
                *why = "header section longer than 8192 bytes";
                *len = SIZE_MAX;
                return -1;
            }
            if (!read_more(c)) {
                *why = "input ended inside a header";
                *len = SIZE_MAX;
                return avail(c) > 0 ? -1 : 0;
            }
            continue;
        }
        size_t n = (size_t)(nl - p);
        scanned += n + 1;
        if (scanned > RPC_MAX_HEADER) {
            *why = "header section longer than 8192 bytes";
            *len = SIZE_MAX;
            return -1;
        }
        if (n > 0 && p[n - 1] == '\r')
            n--;
        if (n == 0) {
            if (scanned == 1 || (scanned == 2 && p[0] == '\r')) {
                c->start += scanned;   /* a stray blank line between messages */
                scanned = 0;
                continue;
            }
            c->start += scanned;
            *ended = true;
            if (!*why && *len == SIZE_MAX)
                *why = "no Content-Length header";
            if (!*why && !utf8)
                *why = "the Content-Type charset is not utf-8";
            return *why ? -1 : 1;
        }
        const char *colon = memchr(p, ':', n);
        if (!colon) {
            *why = "a header line without ':'";
            continue;
        }
        size_t kn = (size_t)(colon - p);
        const char *v = colon + 1, *end = p + n;
        while (v < end && (*v == ' ' || *v == '\t'))
            v++;
        while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        if (kn == 14 && strncasecmp(p, "Content-Length", 14) == 0) {
            size_t x = 0;
            const char *q = v;
            for (; q < end && *q >= '0' && *q <= '9'; q++) {
                if (x > (SIZE_MAX - 9) / 10) {
                    x = SIZE_MAX;
                    break;
                }
                x = x * 10 + (size_t)(*q - '0');
            }
            if (q == v || q != end || x == SIZE_MAX) {
                *why = "Content-Length is not a number";
            } else {
                *len = x;
                if (x > RPC_MAX_BODY)
                    *why = "message longer than the 128 MiB limit";
            }
        } else if (kn == 12 && strncasecmp(p, "Content-Type", 12) == 0) {
            const char *cs = NULL;
            for (const char *q = v; q + 8 <= end; q++)
                if (strncasecmp(q, "charset=", 8) == 0) {
                    cs = q + 8;
                    break;
                }
            if (cs) {
                size_t cn = (size_t)(end - cs);
                utf8 = (cn == 5 && strncasecmp(cs, "utf-8", 5) == 0) || (cn == 4 && strncasecmp(cs, "utf8", 4) == 0);
            }
        }
    }
}

/* Whether id is a valid request id: a string or an integral number. */
static bool good_id(const json_t *id)
{
    return json_is_string(id) || json_is_integer(id);
}

int rpc_read(rpc_conn *c, rpc_msg *m)
{
    memset(m, 0, sizeof *m);
    size_t len;
    const char *why;
    bool ended;
    int h = read_header(c, &len, &why, &ended);
    if (h == 0)
        return 0;
    if (h < 0) {
        rpc_error(c, NULL, RPC_PARSE_ERROR, "malformed message header: %s", why);
        if (len != SIZE_MAX)
            skip(c, len);
        else
            resync(c, ended);
        return -1;
    }
    while (avail(c) < len)
        if (!read_more(c)) {
            rpc_error(c, NULL, RPC_PARSE_ERROR, "input ended inside a message body (%zu of %zu bytes)", avail(c),
                      len);
            c->start = c->len;
            return -1;
        }
    json_error_t err;
    json_t *root = json_loadb(c->buf + c->start, len, JSON_ALLOW_NUL, &err);
    c->start += len;
    if (!root) {
        rpc_error(c, NULL, RPC_PARSE_ERROR, "invalid JSON at byte %d: %s", err.position, err.text);
        return -1;
    }
    if (json_is_array(root)) {
        rpc_error(c, NULL, RPC_INVALID_REQUEST, "batches are not part of the Language Server Protocol");
        json_decref(root);
        return -1;
    }
    json_t *id = json_object_get(root, "id");
    json_t *reply_id = good_id(id) ? id : NULL;
    const char *problem = NULL;
    json_t *version = json_object_get(root, "jsonrpc");
    json_t *method = json_object_get(root, "method");
    json_t *params = json_object_get(root, "params");
    if (json_is_null(params))
        params = NULL;      /* "params": null, as some clients send for shutdown */
    if (!json_is_string(version) || strcmp(json_string_value(version), "2.0") != 0)
        problem = "\"jsonrpc\" must be \"2.0\"";
    else if (id && !good_id(id) && !(json_is_null(id) && !method))
        problem = "\"id\" must be a string or an integer";
    else if (!method && !json_object_get(root, "result") && !json_object_get(root, "error"))
        problem = "no \"method\"";
    else if (method && (!json_is_string(method) || strlen(json_string_value(method)) != json_string_length(method)))
        problem = "\"method\" must be a string";
    else if (params && !json_is_object(params) && !json_is_array(params))
        problem = "\"params\" must be an object or an array";
    if (problem) {
        rpc_error(c, reply_id, RPC_INVALID_REQUEST, "invalid request: %s", problem);
        json_decref(root);
        return -1;
    }
    m->root = root;
    m->id = method ? id : NULL;
    m->method = method ? json_string_value(method) : NULL;
    m->params = params;
    return 1;
}

/* Frames and writes one message (stolen). */
static bool send(rpc_conn *c, json_t *msg)
{
    if (!msg)
        die_oom();
    char *body = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (!body)
        die_oom();
    size_t n = strlen(body);
    char head[64];
    int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
    bool ok = c->io->write(c->io->ctx, head, (size_t)hn) && c->io->write(c->io->ctx, body, n);
    free(body);
    return ok;
}

bool rpc_result(rpc_conn *c, json_t *id, json_t *result)
{
    return send(c, json_pack("{s:s, s:O?, s:o}", "jsonrpc", "2.0", "id", id, "result",
                             result ? result : json_null()));
}

bool rpc_error(rpc_conn *c, json_t *id, int code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* the message may quote the client's bytes: keep it valid UTF-8 */
    json_t *text = json_string(msg);
    if (!text)
        text = json_string("(message not valid UTF-8)");
    return send(c, json_pack("{s:s, s:O?, s:{s:i, s:o}}", "jsonrpc", "2.0", "id", id, "error", "code", code,
                             "message", text));
}

bool rpc_notify(rpc_conn *c, const char *method, json_t *params)
{
    return send(c, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

/* lsp.c: the language server's benchmark (`make bench-lsp`).
 *
 *   bench-lsp FISC BUDGET [EDITS]
 *
 * Starts `FISC lsp`, opens BUDGET and edits one figure EDITS times
 * (default 10,000), alternating it between its value and that value + 1,
 * as incremental changes.  After each edit it waits for the diagnostics
 * of that version, so every edit costs the server a full compilation (a
 * real editor's bursts are cheaper: the server compiles once per burst).
 * It reports the time from sending a change to receiving its diagnostics
 * (median, 90th percentile, worst) and the server's resident memory
 * (VmRSS, /proc) after 100, 1,000 and every further 1,000 edits: memory
 * that does not grow with the edits stays flat.  Then hover and inlay
 * hints on the edited line, timed the same way. */
#define _GNU_SOURCE
#include <poll.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int to_srv, from_srv;
static char *in;
static size_t in_len, in_cap;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void die(const char *msg)
{
    fprintf(stderr, "bench-lsp: %s\n", msg);
    exit(2);
}

static void send_body(const char *body)
{
    char head[64];
    int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(body));
    if (write(to_srv, head, (size_t)hn) != hn)
        die("write failed");
    size_t n = strlen(body), off = 0;
    while (off < n) {
        ssize_t k = write(to_srv, body + off, n - off);
        if (k <= 0)
            die("write failed");
        off += (size_t)k;
    }
}

/* The next message body (malloc'd, NUL-terminated). */
static char *recv_body(void)
{
    for (;;) {
        char *end = in_len ? memmem(in, in_len, "\r\n\r\n", 4) : NULL;
        if (end) {
            size_t n = strtoul(in + 16, NULL, 10), head = (size_t)(end + 4 - in);
            if (in_len >= head + n) {
                char *b = malloc(n + 1);
                memcpy(b, in + head, n);
                b[n] = '\0';
                memmove(in, in + head + n, in_len - head - n);
                in_len -= head + n;
                return b;
            }
        }
        struct pollfd p = { from_srv, POLLIN, 0 };
        if (poll(&p, 1, 60000) <= 0)
            die("no answer within 60 s");
        if (in_cap - in_len < 65536) {
            in_cap = in_cap ? in_cap * 2 : 1 << 20;
            in = realloc(in, in_cap);
        }
        ssize_t k = read(from_srv, in + in_len, in_cap - in_len);
        if (k <= 0)
            die("the server closed its output");
        in_len += (size_t)k;
    }
}

/* Waits for a body containing needle. */
static void wait_for(const char *needle)
{
    for (;;) {
        char *b = recv_body();
        bool hit = strstr(b, needle) != NULL;
        free(b);
        if (hit)
            return;
    }
}

static long rss_kb(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            kb = strtol(line + 6, NULL, 10);
    if (f)
        fclose(f);
    return kb;
}

/* text as a JSON string literal (malloc'd). */
static char *json_quote(const char *s, size_t n)
{
    char *q = malloc(6 * n + 3), *o = q;
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            *o++ = '\\', *o++ = (char)c;
        else if (c == '\n')
            *o++ = '\\', *o++ = 'n';
        else if (c < 0x20)
            o += sprintf(o, "\\u%04x", c);
        else
            *o++ = (char)c;
    }
    *o++ = '"';
    *o = '\0';
    return q;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, size_t n)
{
    qsort(t, n, sizeof *t, cmp_double);
    printf("%-34s median %6.2f ms   p90 %6.2f ms   max %6.2f ms   (%zu samples)\n", what, t[n / 2],
           t[n * 9 / 10], t[n - 1], n);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        die("usage: bench-lsp FISC BUDGET [EDITS]");
    long edits = argc > 3 ? strtol(argv[3], NULL, 10) : 10000;
    FILE *f = fopen(argv[2], "rb");
    if (!f)
        die("cannot read the budget");
    static char text[1 << 24];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    /* the figure: the first "= DIGITS" on a line whose figures end it */
    const char *fig = NULL;
    for (const char *p = strstr(text, "= "); p; p = strstr(p + 1, "= ")) {
        const char *q = p + 2;
        while (*q == ' ')
            q++;
        if (*q >= '1' && *q <= '9' && strspn(q, "0123456789") < 6) {
            fig = q;
            break;
        }
    }
    if (!fig)
        die("no figure to edit");
    size_t figlen = strspn(fig, "0123456789");
    long value = strtol(fig, NULL, 10);
    int line = 0, col = 0;     /* UTF-16 position */
    const char *ls = text;
    for (const char *p = text; p < fig; p++)
        if (*p == '\n')
            line++, ls = p + 1;
    for (const unsigned char *p = (const unsigned char *)ls; p < (const unsigned char *)fig; p++)
        if ((*p & 0xC0) != 0x80)
            col += *p >= 0xF0 ? 2 : 1;

    int a[2], b[2];
    if (pipe(a) || pipe(b))
        die("pipe");
    pid_t pid = fork();
    if (pid == 0) {
        dup2(a[0], 0);
        dup2(b[1], 1);
        close(a[1]);
        close(b[0]);
        execl(argv[1], argv[1], "lsp", (char *)NULL);
        _exit(127);
    }
    close(a[0]);
    close(b[1]);
    to_srv = a[1];
    from_srv = b[0];
    signal(SIGPIPE, SIG_IGN);

    char abs[4096];
    if (!realpath(argv[2], abs))
        die("realpath");
    char *body = malloc(2 * 6 * n + 8192);
    send_body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    wait_for("\"id\":1");
    char *q = json_quote(text, n);
    sprintf(body, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                  "{\"uri\":\"file://%s\",\"languageId\":\"fisc\",\"version\":1,\"text\":%s}}}", abs, q);
    free(q);
    double t0 = now_ms();
    send_body(body);
    wait_for("publishDiagnostics");
    int nlines = 0;
    for (size_t i = 0; i < n; i++)
        nlines += text[i] == '\n';
    printf("budget %s: %zu bytes, %d lines; editing the figure at %d:%d (%ld)\n", argv[2], n, nlines, line + 1,
           col + 1, value);
    printf("%-34s %6.2f ms\n", "open -> diagnostics", now_ms() - t0);
    printf("server RSS after opening: %ld kB\n", rss_kb(pid));

    double *lat = malloc((size_t)edits * sizeof *lat);
    long rss100 = 0, rss1000 = 0;
    for (long i = 0; i < edits; i++) {
        long v = (i % 2 == 0) ? value + 1 : value;
        char num[32];
        snprintf(num, sizeof num, "%ld", v);
        int oldlen = (i % 2 == 0) ? (int)figlen : (int)snprintf(NULL, 0, "%ld", value + 1);
        sprintf(body, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
                      "{\"uri\":\"file://%s\",\"version\":%ld},\"contentChanges\":[{\"range\":{\"start\":{\"line\":%d,"
                      "\"character\":%d},\"end\":{\"line\":%d,\"character\":%d}},\"text\":\"%s\"}]}}",
                abs, i + 2, line, col, line, col + oldlen, num);
        char want[64];
        snprintf(want, sizeof want, "\"version\":%ld}", i + 2);
        double t = now_ms();
        send_body(body);
        wait_for(want);
        lat[i] = now_ms() - t;
        if (i + 1 == 100)
            rss100 = rss_kb(pid);
        if (i + 1 == 1000)
            rss1000 = rss_kb(pid);
        if ((i + 1) % 1000 == 0 || i + 1 == edits)
            printf("after %6ld edits: server RSS %ld kB\n", i + 1, rss_kb(pid));
    }
    report("change -> diagnostics", lat, (size_t)edits);
    if (edits >= 1000)
        printf("RSS growth from edit 100 to %ld: %+ld kB (from edit 1,000: %+ld kB)\n", edits,
               rss_kb(pid) - rss100, rss_kb(pid) - rss1000);

    size_t k = 200;
    for (size_t i = 0; i < k; i++) {
        sprintf(body, "{\"jsonrpc\":\"2.0\",\"id\":%zu,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":"
                      "{\"uri\":\"file://%s\"},\"position\":{\"line\":%d,\"character\":%d}}}", 1000 + i, abs, line, col);
        char want[32];
        snprintf(want, sizeof want, "\"id\":%zu,", 1000 + i);
        double t = now_ms();
        send_body(body);
        wait_for(want);
        lat[i] = now_ms() - t;
    }
    report("hover on the figure", lat, k);
    for (size_t i = 0; i < k; i++) {
        sprintf(body, "{\"jsonrpc\":\"2.0\",\"id\":%zu,\"method\":\"textDocument/inlayHint\",\"params\":{\"textDocument\":"
                      "{\"uri\":\"file://%s\"},\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":%d,"
                      "\"character\":0}}}}", 5000 + i, abs, line + 60);
        char want[32];
        snprintf(want, sizeof want, "\"id\":%zu,", 5000 + i);
        double t = now_ms();
        send_body(body);
        wait_for(want);
        lat[i] = now_ms() - t;
    }
    report("inlay hints (a screenful and more)", lat, k);
    send_body("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"shutdown\"}");
    wait_for("\"id\":9");
    send_body("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    int st;
    waitpid(pid, &st, 0);
    free(lat);
    free(body);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1;
}

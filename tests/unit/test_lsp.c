/* test_lsp.c: a scripted LSP client against the real `fisc lsp`.
 *
 * Each test starts $FISC lsp (default build/fisc) with pipes on its
 * stdin and stdout and talks raw JSON-RPC to it, as an editor would:
 * framing written by hand, so malformed input can be sent too.  Every
 * read has a timeout, so a server that hangs fails the test instead of
 * hanging the suite.  The seed example is opened and checked for the
 * diagnostics `fisc check` gives, then edited; hover, definition,
 * references, completion, symbols, formatting, inlay hints, code lens,
 * rename, code actions and semantic tokens are asked for on it. */
/* realpath, memmem */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>

#define TIMEOUT_MS 20000

typedef struct client {
    pid_t pid;
    int to, from;
    char *buf;
    size_t len, cap;
    int next_id;
} client;

static client C;

static void start(void)
{
    int in[2], out[2];
    assert_int_equal(pipe(in), 0);
    assert_int_equal(pipe(out), 0);
    signal(SIGPIPE, SIG_IGN);
    C.pid = fork();
    assert_true(C.pid >= 0);
    if (C.pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        const char *fisc = getenv("FISC") ? getenv("FISC") : "build/fisc";
        char cmd[PATH_MAX + 16];
        snprintf(cmd, sizeof cmd, "exec %s lsp", fisc);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    C.to = in[1];
    C.from = out[0];
    C.len = 0;
    C.next_id = 1;
}

/* Waits for the server to exit; returns its exit status. */
static int stop(void)
{
    close(C.to);
    int st = 0;
    for (int i = 0; i < TIMEOUT_MS / 10; i++) {
        pid_t r = waitpid(C.pid, &st, WNOHANG);
        if (r == C.pid)
            break;
        if (i == TIMEOUT_MS / 10 - 1) {
            kill(C.pid, SIGKILL);
            waitpid(C.pid, &st, 0);
            fail_msg("the server did not exit");
        }
        poll(NULL, 0, 10);
    }
    close(C.from);
    free(C.buf);
    C.buf = NULL;
    C.cap = C.len = 0;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void send_raw(const char *s, size_t n)
{
    while (n > 0) {
        ssize_t k = write(C.to, s, n);
        assert_true(k > 0);
        s += k;
        n -= (size_t)k;
    }
}

static void send_json(json_t *m)
{
    assert_non_null(m);
    char *body = json_dumps(m, JSON_COMPACT);
    json_decref(m);
    char head[64];
    int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(body));
    send_raw(head, (size_t)hn);
    send_raw(body, strlen(body));
    free(body);
}

/* The next message from the server, or NULL at end of output; fails
 * the test on a timeout. */
static json_t *recv_msg(void)
{
    for (;;) {
        char *end = C.len ? memmem(C.buf, C.len, "\r\n\r\n", 4) : NULL;
        if (end) {
            size_t n = (size_t)strtoul(C.buf + strlen("Content-Length: "), NULL, 10);
            size_t head = (size_t)(end + 4 - C.buf);
            assert_int_equal(strncmp(C.buf, "Content-Length: ", 16), 0);
            if (C.len >= head + n) {
                json_error_t err;
                json_t *m = json_loadb(C.buf + head, n, 0, &err);
                if (!m)
                    fail_msg("server sent invalid JSON: %s", err.text);
                memmove(C.buf, C.buf + head + n, C.len - head - n);
                C.len -= head + n;
                return m;
            }
        }
        struct pollfd p = { .fd = C.from, .events = POLLIN };
        if (poll(&p, 1, TIMEOUT_MS) <= 0)
            fail_msg("no answer from the server within %d ms", TIMEOUT_MS);
        if (C.cap - C.len < 65536) {
            C.cap = C.cap ? C.cap * 2 : 1 << 20;
            C.buf = realloc(C.buf, C.cap);
            assert_non_null(C.buf);
        }
        ssize_t k = read(C.from, C.buf + C.len, C.cap - C.len);
        if (k <= 0)
            return NULL;
        C.len += (size_t)k;
    }
}

/* The response to request id (notifications before it are dropped). */
static json_t *wait_id(json_int_t id)
{
    for (;;) {
        json_t *m = recv_msg();
        assert_non_null(m);
        json_t *mid = json_object_get(m, "id");
        if (json_is_integer(mid) && json_integer_value(mid) == id)
            return m;
        if (json_is_null(mid) && json_object_get(m, "error") && id == 0)
            return m;
        json_decref(m);
    }
}

/* The next error response with a null id (for input without an id). */
static json_t *wait_null_error(void)
{
    return wait_id(0);
}

/* The next publishDiagnostics for uri: its diagnostics array (owned). */
static json_t *wait_diags(const char *uri)
{
    for (;;) {
        json_t *m = recv_msg();
        assert_non_null(m);
        json_t *method = json_object_get(m, "method");
        json_t *params = json_object_get(m, "params");
        if (json_is_string(method) && strcmp(json_string_value(method), "textDocument/publishDiagnostics") == 0 &&
            strcmp(json_string_value(json_object_get(params, "uri")), uri) == 0) {
            json_t *d = json_incref(json_object_get(params, "diagnostics"));
            json_decref(m);
            return d;
        }
        json_decref(m);
    }
}

static json_t *request(const char *method, json_t *params)
{
    int id = C.next_id++;
    send_json(json_pack("{s:s, s:i, s:s, s:o}", "jsonrpc", "2.0", "id", id, "method", method, "params", params));
    return wait_id(id);
}

static void notify(const char *method, json_t *params)
{
    send_json(json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

static json_t *result(json_t *resp)
{
    json_t *r = json_object_get(resp, "result");
    if (!r) {
        char *s = json_dumps(resp, 0);
        fail_msg("expected a result, got %s", s);
    }
    return r;
}

static int error_code(json_t *resp)
{
    json_t *e = json_object_get(resp, "error");
    return e ? (int)json_integer_value(json_object_get(e, "code")) : 0;
}

/* initialize offering encs (e.g. "utf-16" or "utf-8"); returns the
 * encoding the server chose. */
static const char *init(const char *enc)
{
    static char chosen[16];
    json_t *r = request("initialize",
                        json_pack("{s:{s:{s:[s]}, s:{s:{s:b}}}}", "capabilities", "general", "positionEncodings", enc,
                                  "textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport", 1));
    snprintf(chosen, sizeof chosen, "%s",
             json_string_value(json_object_get(json_object_get(result(r), "capabilities"), "positionEncoding")));
    json_decref(r);
    notify("initialized", json_object());
    return chosen;
}

static void quit(void)
{
    json_t *r = request("shutdown", json_null());
    assert_true(json_is_null(json_object_get(r, "result")));
    json_decref(r);
    notify("exit", json_null());
    assert_int_equal(stop(), 0);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)sz + 1);
    assert_int_equal(fread(buf, 1, (size_t)sz, f), (size_t)sz);
    buf[sz] = '\0';
    fclose(f);
    *n = (size_t)sz;
    return buf;
}

static char *uri_of(const char *path)
{
    char abs[PATH_MAX];
    assert_non_null(realpath(path, abs));
    char *u = malloc(strlen(abs) + 8);
    sprintf(u, "file://%s", abs);
    return u;
}

static void open_doc(const char *uri, const char *text, size_t n)
{
    notify("textDocument/didOpen", json_pack("{s:{s:s, s:s, s:i, s:o}}", "textDocument", "uri", uri, "languageId",
                                             "fisc", "version", 1, "text", json_stringn(text, n)));
}

/* Line (0-based) and UTF-16 column of the n-th occurrence of needle on
 * the line that holds `line_has` (computed here, independently). */
static void find(const char *text, const char *line_has, const char *needle, int *line, int *col)
{
    const char *p = strstr(text, line_has);
    assert_non_null(p);
    const char *ls = p;
    while (ls > text && ls[-1] != '\n')
        ls--;
    const char *at = strstr(ls, needle);
    assert_non_null(at);
    *line = 0;
    for (const char *q = text; q < ls; q++)
        *line += *q == '\n';
    *col = 0;
    for (const unsigned char *q = (const unsigned char *)ls; q < (const unsigned char *)at; q++)
        if ((*q & 0xC0) != 0x80)
            *col += (*q >= 0xF0) ? 2 : 1;
}

static json_t *at_pos(const char *uri, int line, int col)
{
    return json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", uri, "position", "line", line, "character", col);
}

static size_t count_sev(json_t *diags, int sev)
{
    size_t i, n = 0;
    json_t *d;
    json_array_foreach(diags, i, d) n += json_integer_value(json_object_get(d, "severity")) == sev;
    return n;
}

static bool has_string(json_t *v, const char *needle)
{
    char *s = json_dumps(v, 0);
    bool hit = s && strstr(s, needle) != NULL;
    free(s);
    return hit;
}

/* An incremental change: n units at (line, col) become text. */
static void replace(const char *uri, int version, int line, int col, int n, const char *text)
{
    notify("textDocument/didChange",
           json_pack("{s:{s:s, s:i}, s:[{s:{s:{s:i, s:i}, s:{s:i, s:i}}, s:s}]}", "textDocument", "uri", uri,
                     "version", version, "contentChanges", "range", "start", "line", line, "character", col, "end",
                     "line", line, "character", col + n, "text", text));
}

#define SEED "examples/longgang-2022.fisc"

/* ---- the protocol ------------------------------------------------------ */

static void test_protocol_errors(void **state)
{
    (void)state;
    start();
    /* a request before initialize */
    json_t *r = request("textDocument/hover", json_object());
    assert_int_equal(error_code(r), -32002);
    json_decref(r);
    init("utf-16");
    r = request("no/such/method", json_object());
    assert_int_equal(error_code(r), -32601);
    json_decref(r);
    /* invalid JSON, a batch, a missing "jsonrpc", a bad id */
    const char *bad[] = { "{\"jsonrpc\":\"2.0\",", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}]",
                          "{\"id\":7,\"method\":\"shutdown\"}", "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"x\"}",
                          "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"x\",\"params\":3}", "\"just a string\"" };
    const int want[] = { -32700, -32600, -32600, -32600, -32600, -32700 };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char head[64];
        int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(bad[i]));
        send_raw(head, (size_t)hn);
        send_raw(bad[i], strlen(bad[i]));
        json_t *m = i == 2 ? wait_id(7) : i == 4 ? wait_id(8) : wait_null_error();
        assert_int_equal(error_code(m), want[i]);
        json_decref(m);
    }
    /* malformed headers: no length, a length past the limit (the body is
     * skipped unread), garbage before the next message */
    send_raw("Content-Type: x\r\n\r\n", 19);
    r = wait_null_error();
    assert_int_equal(error_code(r), -32700);
    json_decref(r);
    send_raw("Content-Length: 99999999999999\r\n\r\n", 34);
    r = wait_null_error();
    assert_int_equal(error_code(r), -32700);
    assert_true(has_string(r, "limit"));
    json_decref(r);
    /* the server must still answer after all that (the huge body above is
     * never sent: close the stream later and it ends) */
    assert_int_equal(stop(), 1);

    start();
    init("utf-16");
    send_raw("garbage\r\nmore garbage", 21);
    send_raw("\r\n\r\n", 4);
    r = wait_null_error();
    assert_int_equal(error_code(r), -32700);
    json_decref(r);
    r = request("no/such/method", json_object());
    assert_int_equal(error_code(r), -32601);
    json_decref(r);
    /* JSON nested 100,000 deep: the parser's depth limit, not the stack */
    {
        size_t depth = 100000, n = 0;
        char *deep = malloc(2 * depth + 64);
        n += (size_t)sprintf(deep, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"x\",\"params\":");
        memset(deep + n, '[', depth), n += depth;
        memset(deep + n, ']', depth), n += depth;
        deep[n++] = '}';
        char head[64];
        int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
        send_raw(head, (size_t)hn);
        send_raw(deep, n);
        free(deep);
        r = wait_null_error();
        assert_int_equal(error_code(r), -32700);
        json_decref(r);
    }
    /* params that are not what the method takes */
    r = request("textDocument/hover", json_pack("{s:i}", "textDocument", 3));
    assert_int_equal(error_code(r), -32602);
    json_decref(r);
    r = request("textDocument/hover", at_pos("file:///not/open.fisc", 0, 0));
    assert_int_equal(error_code(r), -32602);
    json_decref(r);
    /* a second initialize */
    r = request("initialize", json_pack("{s:{}}", "capabilities"));
    assert_int_equal(error_code(r), -32600);
    json_decref(r);
    /* out-of-range positions */
    open_doc("file:///tmp/x.fisc", "budget \"x\" {\n    year 2022\n}\n", 30);
    r = request("textDocument/hover", at_pos("file:///tmp/x.fisc", 99, 0));
    assert_int_equal(error_code(r), -32602);
    json_decref(r);
    r = request("textDocument/hover", at_pos("file:///tmp/x.fisc", -1, 0));
    assert_int_equal(error_code(r), -32602);
    json_decref(r);
    r = request("textDocument/hover", at_pos("file:///tmp/x.fisc", 1, 99999));   /* past the line: its end */
    assert_int_equal(error_code(r), 0);
    json_decref(r);
    r = request("textDocument/inlayHint", json_pack("{s:{s:s}, s:{s:{s:i, s:i}, s:{s:i, s:i}}}", "textDocument",
                                                    "uri", "file:///tmp/x.fisc", "range", "start", "line", 2,
                                                    "character", 0, "end", "line", 0, "character", 0));
    assert_int_equal(error_code(r), -32602);
    json_decref(r);
    /* after shutdown only exit */
    r = request("shutdown", json_null());
    json_decref(r);
    r = request("textDocument/hover", at_pos("file:///tmp/x.fisc", 0, 0));
    assert_int_equal(error_code(r), -32600);
    json_decref(r);
    notify("exit", json_null());
    assert_int_equal(stop(), 0);

    /* exit without shutdown: status 1 */
    start();
    init("utf-16");
    notify("exit", json_null());
    assert_int_equal(stop(), 1);
}

/* ---- the seed example ------------------------------------------------------- */

static void test_seed_diagnostics_and_edit(void **state)
{
    (void)state;
    size_t n;
    char *text = slurp(SEED, &n);
    char *uri = uri_of(SEED);
    start();
    init("utf-16");
    open_doc(uri, text, n);
    json_t *d = wait_diags(uri);
    /* as `fisc check`: nine within-rounding warnings, no error */
    assert_int_equal(json_array_size(d), 9);
    assert_int_equal(count_sev(d, 2), 9);
    int line, col;
    find(text, "对个人和家庭的补助               =     249", "249", &line, &col);
    json_t *first = json_array_get(d, 0);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(first, "range"), "start"),
                                                        "line")), line);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(first, "range"), "start"),
                                                        "character")), col);
    assert_string_equal(json_string_value(json_object_get(first, "code")), "footing");
    /* the notes are related locations: the three parts */
    assert_int_equal(json_array_size(json_object_get(first, "relatedInformation")), 3);
    assert_true(has_string(json_object_get(first, "relatedInformation"), "退休费 = 164"));
    json_decref(d);

    /* edit a figure: 基本工资 724 -> 824 in 总计 */
    find(text, "基本工资                     =     724", "724", &line, &col);
    replace(uri, 2, line, col, 3, "824");
    d = wait_diags(uri);
    assert_true(count_sev(d, 1) >= 1);
    assert_true(has_string(d, "'工资福利支出' in 总计 is 4,226 but its parts sum to 4,326"));
    json_decref(d);
    /* and back */
    replace(uri, 3, line, col, 3, "724");
    d = wait_diags(uri);
    assert_int_equal(json_array_size(d), 9);
    assert_int_equal(count_sev(d, 1), 0);
    json_decref(d);
    quit();
    free(uri);
    free(text);
}

static void test_seed_features(void **state)
{
    (void)state;
    size_t n;
    char *text = slurp(SEED, &n);
    char *uri = uri_of(SEED);
    start();
    init("utf-16");
    open_doc(uri, text, n);
    json_decref(wait_diags(uri));
    int line, col, dline, dcol;

    /* hover on the 249 that is off by one: declared, within rounding */
    find(text, "对个人和家庭的补助               =     249", "249", &line, &col);
    json_t *r = request("textDocument/hover", at_pos(uri, line, col + 1));
    const char *md = json_string_value(json_object_get(json_object_get(result(r), "contents"), "value"));
    assert_non_null(strstr(md, "declared **249 万元**"));
    assert_non_null(strstr(md, "≈ within rounding · footing in 总计"));
    assert_non_null(strstr(md, "249 == 250"));
    /* the explicit check in 第三部分 names it too */
    assert_non_null(strstr(md, "（三）对个人和家庭补助支出 == t04[对个人和家庭的补助, 总计]"));
    json_decref(r);

    /* hover on a part: 退休费 164 is in its parent's footing */
    find(text, "退休费                       =     164", "164", &line, &col);
    r = request("textDocument/hover", at_pos(uri, line, col));
    md = json_string_value(json_object_get(json_object_get(result(r), "contents"), "value"));
    assert_non_null(strstr(md, "对个人和家庭的补助 = 退休费 + 生活补助 + 奖励金"));
    json_decref(r);

    /* definition: from t04[工资福利支出, 总计] in a check to the line */
    find(text, "check （一）人员支出 == t04[工资福利支出, 总计]", "工资福利支出", &line, &col);
    find(text, "            工资福利支出                     =   4,226", "工资福利支出", &dline, &dcol);
    r = request("textDocument/definition", at_pos(uri, line, col + 1));
    json_t *range = json_object_get(result(r), "range");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(range, "start"), "line")), dline);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(range, "start"), "character")), dcol);
    json_decref(r);
    /* the table id in the same reference */
    find(text, "check （一）人员支出 == t04[工资福利支出, 总计]", "t04", &line, &col);
    r = request("textDocument/definition", at_pos(uri, line, col));
    find(text, "table t04 ", "t04", &dline, &dcol);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(result(r), "range"), "start"),
                                                        "line")), dline);
    json_decref(r);
    /* an import: the file */
    find(text, "import \"../lib/gov-cn-2022.fisc\"", "../lib", &line, &col);
    r = request("textDocument/definition", at_pos(uri, line, col + 2));
    assert_non_null(strstr(json_string_value(json_object_get(result(r), "uri")), "/lib/gov-cn-2022.fisc"));
    json_decref(r);
    /* a classification code in t07: its entry in lib/ */
    find(text, "2050803 培训支出                         =      11      11       0", "2050803", &line, &col);
    r = request("textDocument/definition", at_pos(uri, line, col + 1));
    assert_non_null(strstr(json_string_value(json_object_get(result(r), "uri")), "/lib/gov-cn-2022.fisc"));
    json_decref(r);

    /* references: which checks use t04's 工资福利支出 */
    find(text, "            工资福利支出                     =   4,226", "工资福利支出", &line, &col);
    r = request("textDocument/references",
                json_pack("{s:{s:s}, s:{s:i, s:i}, s:{s:b}}", "textDocument", "uri", uri, "position", "line", line,
                          "character", col, "context", "includeDeclaration", 0));
    assert_int_equal(json_array_size(result(r)), 1);
    find(text, "check （一）人员支出 == t04[工资福利支出, 总计]", "工资福利支出", &dline, &dcol);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(json_array_get(result(r), 0),
                                                                                        "range"), "start"), "line")),
                     dline);
    json_decref(r);

    /* completion inside t04[ ... ]: its lines; after the comma its columns */
    find(text, "check （一）人员支出 == t04[工资福利支出, 总计]", "工资福利支出", &line, &col);
    r = request("textDocument/completion", at_pos(uri, line, col));
    assert_true(has_string(result(r), "\"label\": \"工资福利支出\""));
    assert_true(has_string(result(r), "\"label\": \"奖励金\""));
    assert_false(has_string(result(r), "\"label\": \"总计\""));
    json_decref(r);
    find(text, "check （一）人员支出 == t04[工资福利支出, 总计]", "总计", &line, &col);
    r = request("textDocument/completion", at_pos(uri, line, col));
    assert_true(has_string(result(r), "\"label\": \"总计\""));
    assert_true(has_string(result(r), "\"label\": \"政府预算拨款/小计\""));
    json_decref(r);
    /* after '/': the children of the line before it only */
    find(text, "check 预算/人员支出 == （一）人员支出", "人员支出", &line, &col);
    r = request("textDocument/completion", at_pos(uri, line, col));
    assert_true(has_string(result(r), "\"label\": \"公用支出\""));
    assert_false(has_string(result(r), "\"label\": \"（一）人员支出\""));
    assert_false(has_string(result(r), "\"label\": \"t08\""));
    json_decref(r);
    /* table ids on a check line; units after a number */
    find(text, "check （一）人员支出 == t04[工资福利支出, 总计]", "t04", &line, &col);
    r = request("textDocument/completion", at_pos(uri, line, col));
    assert_true(has_string(result(r), "\"label\": \"t08\""));
    json_decref(r);

    /* symbols: the eleven tables and the narratives, with line trees */
    r = request("textDocument/documentSymbol", json_pack("{s:{s:s}}", "textDocument", "uri", uri));
    json_t *syms = result(r);
    int tables = 0, narratives = 0;
    size_t i;
    json_t *sym;
    json_array_foreach(syms, i, sym) {
        tables += json_integer_value(json_object_get(sym, "kind")) == 5;
        narratives += json_integer_value(json_object_get(sym, "kind")) == 2;
    }
    assert_int_equal(tables, 11);
    assert_true(narratives >= 8);
    assert_true(has_string(syms, "\"name\": \"2050803 培训支出\""));
    json_decref(r);

    /* formatting: the example is canonical, so no edit */
    r = request("textDocument/formatting", json_pack("{s:{s:s}, s:{s:i, s:b}}", "textDocument", "uri", uri,
                                                     "options", "tabSize", 4, "insertSpaces", 1));
    assert_int_equal(json_array_size(result(r)), 0);
    json_decref(r);

    /* inlay hints: the parts' sum beside the 249 */
    r = request("textDocument/inlayHint",
                json_pack("{s:{s:s}, s:{s:{s:i, s:i}, s:{s:i, s:i}}}", "textDocument", "uri", uri, "range", "start",
                          "line", 0, "character", 0, "end", "line", 979, "character", 0));
    assert_true(has_string(result(r), "≠ 250 (parts)"));
    assert_true(has_string(result(r), "≠ 5,756 (sub-columns)"));
    json_decref(r);

    /* code lens: t04's identities by status */
    r = request("textDocument/codeLens", json_pack("{s:{s:s}}", "textDocument", "uri", uri));
    find(text, "table t04 ", "table", &line, &col);
    bool seen = false;
    json_t *l;
    json_array_foreach(result(r), i, l) {
        json_t *start = json_object_get(json_object_get(l, "range"), "start");
        if (json_integer_value(json_object_get(start, "line")) == line) {
            const char *title = json_string_value(json_object_get(json_object_get(l, "command"), "title"));
            assert_non_null(strstr(title, " exact · 3 within rounding · 0 broken"));
            seen = true;
        }
    }
    assert_true(seen);
    json_decref(r);

    /* semantic tokens: five integers a token; t04 is a class */
    r = request("textDocument/semanticTokens/full", json_pack("{s:{s:s}}", "textDocument", "uri", uri));
    json_t *data = json_object_get(result(r), "data");
    assert_true(json_array_size(data) > 1000);
    assert_int_equal(json_array_size(data) % 5, 0);
    json_decref(r);

    /* rename 工资福利支出 in t04: its definition and the check */
    find(text, "            工资福利支出                     =   4,226", "工资福利支出", &line, &col);
    r = request("textDocument/prepareRename", at_pos(uri, line, col));
    assert_string_equal(json_string_value(json_object_get(result(r), "placeholder")), "工资福利支出");
    json_decref(r);
    json_t *p = at_pos(uri, line, col);
    json_object_set_new(p, "newName", json_string("工资 福利"));
    r = request("textDocument/rename", p);
    json_t *edits = json_object_get(json_object_get(result(r), "changes"), uri);
    assert_int_equal(json_array_size(edits), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(edits, 0), "newText")), "\"工资 福利\"");
    json_decref(r);
    /* a code is not renamed */
    find(text, "2050803 培训支出                         =      11      11       0", "2050803", &line, &col);
    r = request("textDocument/prepareRename", at_pos(uri, line, col));
    assert_int_equal(error_code(r), -32803);
    json_decref(r);
    quit();
    free(uri);
    free(text);
}

/* ---- small buffers ---------------------------------------------------------- */

static const char small[] =
    "budget \"测试\" {\n"
    "    year 2022\n"
    "    unit 万元\n"
    "}\n"
    "table t1 \"表\" {\n"
    "    columns {\n"
    "        合计\n"
    "    }\n"
    "    rows {\n"
    "        总数 = _ {\n"
    "            𠀀甲 = 1\n"
    "            乙 = 2\n"
    "        }\n"
    "        总计 {\n"
    "            丙 = ３\n"
    "        }\n"
    "    }\n"
    "    check 总数 == 3\n"
    "}\n";

/* positions in UTF-16 and UTF-8 on CJK lines with a character outside
 * the BMP (𠀀 is 4 UTF-8 bytes, 2 UTF-16 units) */
static void test_encodings(void **state)
{
    (void)state;
    const char *encs[] = { "utf-16", "utf-8" };
    for (int e = 0; e < 2; e++) {
        start();
        assert_string_equal(init(encs[e]), encs[e]);
        open_doc("file:///tmp/lsp-enc.fisc", small, strlen(small));
        json_t *d = wait_diags("file:///tmp/lsp-enc.fisc");
        /* the full-width ３ on line 14, after "            丙 = " */
        assert_int_equal(json_array_size(d), 1);
        json_t *start_ = json_object_get(json_object_get(json_array_get(d, 0), "range"), "start");
        json_t *end_ = json_object_get(json_object_get(json_array_get(d, 0), "range"), "end");
        assert_int_equal(json_integer_value(json_object_get(start_, "line")), 14);
        assert_int_equal(json_integer_value(json_object_get(start_, "character")), e == 0 ? 16 : 18);
        assert_int_equal(json_integer_value(json_object_get(end_, "character")), e == 0 ? 17 : 21);
        json_decref(d);
        /* hover on the 1 after 𠀀甲 (12 spaces, 𠀀甲, " = "): UTF-16 column
         * 12 + 2 + 1 + 3 = 18, UTF-8 column 12 + 4 + 3 + 3 = 22 */
        json_t *r = request("textDocument/hover", at_pos("file:///tmp/lsp-enc.fisc", 10, e == 0 ? 18 : 22));
        json_t *rg = json_object_get(result(r), "range");
        assert_int_equal(json_integer_value(json_object_get(json_object_get(rg, "start"), "character")),
                         e == 0 ? 18 : 22);
        assert_true(has_string(result(r), "declared **1 万元**"));
        json_decref(r);
        /* the quick fix for the full-width digit */
        r = request("textDocument/codeAction",
                    json_pack("{s:{s:s}, s:{s:{s:i, s:i}, s:{s:i, s:i}}, s:{s:[]}}", "textDocument", "uri",
                              "file:///tmp/lsp-enc.fisc", "range", "start", "line", 14, "character", 0, "end", "line",
                              14, "character", 30, "context", "diagnostics"));
        json_t *a = json_array_get(result(r), 0);
        assert_string_equal(json_string_value(json_object_get(a, "kind")), "quickfix");
        json_t *ed = json_array_get(json_object_get(json_object_get(json_object_get(a, "edit"), "changes"),
                                                    "file:///tmp/lsp-enc.fisc"), 0);
        assert_string_equal(json_string_value(json_object_get(ed, "newText")), "3");
        /* apply it as an editor would (an incremental change) */
        notify("textDocument/didChange",
               json_pack("{s:{s:s, s:i}, s:[{s:O, s:s}]}", "textDocument", "uri", "file:///tmp/lsp-enc.fisc",
                         "version", 2, "contentChanges", "range", json_object_get(ed, "range"), "text", "3"));
        json_decref(r);
        d = wait_diags("file:///tmp/lsp-enc.fisc");
        assert_int_equal(json_array_size(d), 0);
        json_decref(d);
        /* inlay hints: the derived value beside `_` and beside the line
         * without one */
        r = request("textDocument/inlayHint",
                    json_pack("{s:{s:s}, s:{s:{s:i, s:i}, s:{s:i, s:i}}}", "textDocument", "uri",
                              "file:///tmp/lsp-enc.fisc", "range", "start", "line", 0, "character", 0, "end", "line",
                              19, "character", 0));
        assert_true(has_string(result(r), "\"label\": \"= 3 万元\""));
        assert_true(has_string(result(r), "\"label\": \"= 3\""));
        json_t *h = json_array_get(result(r), 0);
        assert_int_equal(json_integer_value(json_object_get(json_object_get(h, "position"), "character")),
                         e == 0 ? 14 : 18);
        json_decref(r);
        /* formatting a buffer that is not canonical: one edit, fmt's output */
        r = request("textDocument/formatting", json_pack("{s:{s:s}, s:{}}", "textDocument", "uri",
                                                         "file:///tmp/lsp-enc.fisc", "options"));
        assert_int_equal(json_array_size(result(r)), 1);
        assert_true(has_string(result(r), "𠀀甲 =       1"));
        json_decref(r);
        quit();
    }
}

/* The markdown of a hover at (line, col), to free. */
static char *hover_md(const char *uri, int line, int col)
{
    json_t *r = request("textDocument/hover", at_pos(uri, line, col));
    const char *md = json_string_value(json_object_get(json_object_get(result(r), "contents"), "value"));
    assert_non_null(md);
    char *copy = strdup(md);
    json_decref(r);
    return copy;
}

/* final accounts stating this year's budget with its execution rate and
 * last year's final figure on every line, last year's budget on the parts
 * only */
static const char final_accounts[] =
    "budget \"某局\" {\n"
    "    year 2024\n"
    "    unit 万元\n"
    "    rounding 0.01\n"
    "    final\n"
    "}\n"
    "\n"
    "table t01 \"支出决算表\" {\n"
    "    columns {\n"
    "        金额\n"
    "    }\n"
    "    rows {\n"
    "        合计 = 95.00 budget 100.00 (95.00%) was final 90.00 {\n"
    "            甲 = 60.00 budget 70.00 was final 50.00 was budget 48.00\n"
    "            乙 = 35.00 budget 30.00 was final 40.00 was budget 41.00\n"
    "        }\n"
    "    }\n"
    "}\n";

/* hover beside a value shows each basis the line states or derives
 * (docs/language.md §9.2) */
static void test_bases(void **state)
{
    (void)state;
    const char *uri = "file:///tmp/lsp-final.fisc";
    start();
    init("utf-16");
    open_doc(uri, final_accounts, strlen(final_accounts));
    json_t *d = wait_diags(uri);
    assert_int_equal(json_array_size(d), 0);
    json_decref(d);
    int line, col;
    /* on the line 合计: a column per basis in its table of values */
    find(final_accounts, "合计 =", "合计", &line, &col);
    char *md = hover_md(uri, line, col);
    if (!strstr(md, "| 金额 | 95 万元 | declared | 90 万元 | 100 万元 (execution rate 95%) |"))
        fail_msg("hover on 合计:\n%s", md);
    assert_non_null(strstr(md, "| last year's final figure (was) | this year's budget (budget) |"));
    free(md);
    /* on 甲's figure: its value, then each basis's figure */
    find(final_accounts, "甲 =", "60.00", &line, &col);
    md = hover_md(uri, line, col + 1);
    if (!strstr(md, "declared **60 万元**"))
        fail_msg("hover on 甲's 60.00:\n%s", md);
    assert_non_null(strstr(md, "last year's final figure (was): declared **50 万元**"));
    assert_non_null(strstr(md, "last year's budget (was budget): declared **48 万元**"));
    assert_non_null(strstr(md, "this year's budget (budget): declared **70 万元**"));
    free(md);
    /* on 合计's figure: this year's budget with its execution rate */
    find(final_accounts, "合计 =", "95.00", &line, &col);
    md = hover_md(uri, line, col);
    if (!strstr(md, "this year's budget (budget): declared **100 万元** (execution rate 95%)"))
        fail_msg("hover on 合计's 95.00:\n%s", md);
    free(md);
    quit();
}

/* ---- several files ------------------------------------------------------------ */

/* Imports are read from the editor's buffers when open; a library file
 * is checked without a budget header; rename and references cross
 * files; errors in an import that is not open are published on it. */
static void test_imports(void **state)
{
    (void)state;
    size_t n, ln;
    char *text = slurp(SEED, &n);
    char *lib = slurp("lib/gov-cn-2022.fisc", &ln);
    char *uri = uri_of(SEED), *liburi = uri_of("lib/gov-cn-2022.fisc");
    start();
    init("utf-16");
    open_doc(liburi, lib, ln);
    json_t *d = wait_diags(liburi);
    assert_int_equal(json_array_size(d), 0);    /* a library: no header needed */
    json_decref(d);
    open_doc(uri, text, n);
    d = wait_diags(uri);
    assert_int_equal(json_array_size(d), 9);
    json_decref(d);

    /* rename the column 基本支出 of the column set 支出类型 (in lib/) from a
     * check in the budget: the set's definition and every check */
    int line, col;
    find(text, "check t03[深圳市社会保险基金管理局龙岗分局, 基本支出] == t04", "基本支出", &line, &col);
    json_t *p = at_pos(uri, line, col);
    json_object_set_new(p, "newName", json_string("基本"));
    json_t *r = request("textDocument/rename", p);
    json_t *changes = json_object_get(result(r), "changes");
    assert_int_equal(json_array_size(json_object_get(changes, liburi)), 1);
    assert_true(json_array_size(json_object_get(changes, uri)) >= 5);
    json_decref(r);
    /* references from the definition in lib/ reach the budget's checks */
    int lline, lcol;
    find(lib, "        基本支出", "基本支出", &lline, &lcol);
    r = request("textDocument/references",
                json_pack("{s:{s:s}, s:{s:i, s:i}, s:{s:b}}", "textDocument", "uri", liburi, "position", "line", lline,
                          "character", lcol, "context", "includeDeclaration", 1));
    assert_true(has_string(result(r), uri));
    assert_true(has_string(result(r), liburi));
    json_decref(r);

    /* the budget reads lib/ from its buffer: drop 2050803 there */
    char *cut = strdup(lib);
    char *at = strstr(cut, "            2050803 培训支出\n");
    assert_non_null(at);
    memmove(at, at + strlen("            2050803 培训支出\n"), strlen(at + strlen("            2050803 培训支出\n")) + 1);
    notify("textDocument/didChange", json_pack("{s:{s:s, s:i}, s:[{s:s}]}", "textDocument", "uri", liburi, "version",
                                               2, "contentChanges", "text", cut));
    for (;;) {      /* the library's own publication may come first */
        d = wait_diags(uri);
        if (has_string(d, "code 2050803 is not in classification 支出功能分类"))
            break;
        json_decref(d);
    }
    json_decref(d);
    /* closed, it is read from disk again */
    notify("textDocument/didClose", json_pack("{s:{s:s}}", "textDocument", "uri", liburi));
    for (;;) {
        d = wait_diags(uri);
        if (json_array_size(d) == 9 && count_sev(d, 2) == 9)
            break;
        json_decref(d);
    }
    json_decref(d);
    quit();

    /* an error in an import that is not open is published on it, and
     * cleared when the import goes */
    char dir[] = "/tmp/fisc-lsp-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char lpath[64], bpath[64];
    snprintf(lpath, sizeof lpath, "%s/lib.fisc", dir);
    snprintf(bpath, sizeof bpath, "%s/b.fisc", dir);
    FILE *f = fopen(lpath, "w");
    fputs("classification 科目 {\n    201 一般\n    201 重复\n}\n", f);
    fclose(f);
    static const char budget[] = "budget \"x\" {\n    year 2022\n}\nimport \"lib.fisc\"\n";
    f = fopen(bpath, "w");
    fputs(budget, f);
    fclose(f);
    char buri[80], luri[80];
    snprintf(buri, sizeof buri, "file://%s", bpath);
    snprintf(luri, sizeof luri, "file://%s", lpath);
    start();
    init("utf-8");
    open_doc(buri, budget, strlen(budget));
    d = wait_diags(luri);
    assert_int_equal(json_array_size(d), 1);
    assert_true(has_string(d, "duplicate code 201"));
    json_decref(d);
    notify("textDocument/didChange", json_pack("{s:{s:s, s:i}, s:[{s:s}]}", "textDocument", "uri", buri, "version",
                                               2, "contentChanges", "text", "budget \"x\" {\n    year 2022\n}\n"));
    d = wait_diags(luri);
    assert_int_equal(json_array_size(d), 0);
    json_decref(d);
    quit();
    unlink(lpath);
    unlink(bpath);
    rmdir(dir);
    free(cut);
    free(uri);
    free(liburi);
    free(text);
    free(lib);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_protocol_errors),
        cmocka_unit_test(test_seed_diagnostics_and_edit),
        cmocka_unit_test(test_seed_features),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_imports),
        cmocka_unit_test(test_bases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* lsp_server.c: the language server's lifecycle, documents and dispatch.
 *
 * One thread, one loop: read a message, handle it, and when no more input
 * is waiting compile the documents that changed and publish their
 * diagnostics.  A burst of keystrokes thus costs one compilation, and a
 * request always sees its document compiled at its latest version (a
 * request compiles first when it must).  Each compilation lives in its
 * own arena, freed when the next one replaces it: memory does not grow
 * with the number of edits.
 *
 * The compiler reads files through a hook (driver_opts.read): a file the
 * editor holds open is compiled from its buffer, any other from disk.  A
 * document records the files it read, so editing an imported file that is
 * open recompiles the budgets that import it.  Diagnostics go to the file
 * they are in: an error in an imported file that is not open is published
 * for that file, and cleared when it goes away.
 *
 * The protocol's rules: nothing but exit before initialize (requests get
 * ServerNotInitialized), nothing but exit after shutdown, unknown requests
 * get MethodNotFound, unknown notifications are ignored. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lsp.h"
#include "lsp_server.h"
#include "present.h"

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

/* ---- paths and uris ------------------------------------------------------ */

/* Removes "." and ".." segments and repeated '/' from an absolute path,
 * in place: the compiler joins imports as "dir/../lib/x.fisc". */
static void normalize(char *p)
{
    if (p[0] != '/')
        return;
    char *out = p;
    const char *in = p;
    while (*in) {
        while (*in == '/')
            in++;
        const char *seg = in;
        while (*in && *in != '/')
            in++;
        size_t n = (size_t)(in - seg);
        if (n == 0 || (n == 1 && seg[0] == '.'))
            continue;
        if (n == 2 && seg[0] == '.' && seg[1] == '.') {
            while (out > p && *--out != '/')
                ;
            continue;
        }
        *out++ = '/';
        memmove(out, seg, n);
        out += n;
    }
    if (out == p)
        *out++ = '/';
    *out = '\0';
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The path of a file: uri (malloc'd, normalised), or a copy of the uri
 * for other schemes (an unsaved buffer: it compiles, its imports do not
 * resolve).  NULL when the uri is malformed. */
static char *path_of_uri(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0)
        return xstrdup(uri);
    const char *p = uri + 7;
    if (strncmp(p, "localhost/", 10) == 0)
        p += 9;
    if (*p != '/')
        return NULL;
    char *out = xrealloc(NULL, strlen(p) + 1), *o = out;
    for (; *p; p++) {
        if (*p == '%') {
            int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);
            if (lo < 0 || (hi == 0 && lo == 0)) {
                free(out);
                return NULL;
            }
            *o++ = (char)(hi * 16 + lo);
            p += 2;
        } else if (*p == '?' || *p == '#') {
            break;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    normalize(out);
    return out;
}

static lsp_doc *doc_by_path(lsp_server *s, const char *path)
{
    for (size_t i = 0; i < s->ndocs; i++)
        if (strcmp(s->docs[i]->path, path) == 0)
            return s->docs[i];
    return NULL;
}

static lsp_doc *doc_by_uri(lsp_server *s, const char *uri)
{
    for (size_t i = 0; i < s->ndocs; i++)
        if (strcmp(s->docs[i]->uri, uri) == 0)
            return s->docs[i];
    return NULL;
}

char *lsp_uri_for(lsp_server *s, const char *path)
{
    char *norm = xstrdup(path);
    normalize(norm);
    lsp_doc *d = doc_by_path(s, norm);
    if (d || norm[0] != '/') {
        char *r = xstrdup(d ? d->uri : norm);
        free(norm);
        return r;
    }
    static const char hex[] = "0123456789ABCDEF";
    char *out = xrealloc(NULL, 7 + 3 * strlen(norm) + 1), *o = out;
    memcpy(o, "file://", 7);
    o += 7;
    for (const unsigned char *p = (const unsigned char *)norm; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p)) {
            *o++ = (char)*p;
        } else {
            *o++ = '%';
            *o++ = hex[*p >> 4];
            *o++ = hex[*p & 15];
        }
    }
    *o = '\0';
    free(norm);
    return out;
}

/* ---- compiling ------------------------------------------------------------- */

/* The compiler's file reader: an open document's buffer, else the disk. */
static src_file *read_file(void *ctx, arena *a, const char *path, const char **err)
{
    lsp_server *s = ctx;
    char *norm = xstrdup(path);
    normalize(norm);
    lsp_doc *d = doc_by_path(s, norm);
    free(norm);
    if (d)
        return src_from_memory(a, path, d->text.s, d->text.n);
    return src_load(a, path, err);
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void add_string(char ***v, size_t *n, const char *s)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i], s) == 0)
            return;
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = xstrdup(s);
}

static void add_deps(lsp_doc *d, const m_model *m)
{
    for (; m; m = m->prev)
        for (size_t i = 0; i < m->nsources; i++) {
            char *p = xstrdup(m->sources[i]->path);
            normalize(p);
            if (strcmp(p, d->path) != 0)
                add_string(&d->deps, &d->ndeps, p);
            free(p);
        }
}

/* Compiles d's buffer; the previous compilation is freed. */
static void compile(lsp_server *s, lsp_doc *d)
{
    if (d->c.a)
        arena_free(d->c.a);
    free_strings(d->deps, d->ndeps);
    d->deps = NULL;
    d->ndeps = 0;
    driver_opts o = { .report = true, .library_ok = true, .read = read_file, .read_ctx = s, .keep_trees = true };
    driver_run(d->path, &o, &d->c);
    d->ix = lsp_index_build(d->c.a, d->c.model, d->c.trees, d->c.checked);
    add_deps(d, d->c.model);
    d->dirty = false;
}

/* ---- diagnostics ------------------------------------------------------------ */

/* A file's text for positions: the document's buffer, else the text the
 * compiler read (cached per publication in *tmp). */
static const lsp_text *text_for(lsp_server *s, const src_file *f, lsp_text *tmp, const src_file **tmp_of)
{
    char *norm = xstrdup(f->path);
    normalize(norm);
    lsp_doc *d = doc_by_path(s, norm);
    free(norm);
    if (d)
        return &d->text;
    if (*tmp_of != f) {
        lsp_text_set(tmp, f->text, f->orig_len);
        *tmp_of = f;
    }
    return tmp;
}

json_t *lsp_pos_json(const lsp_server *s, const lsp_text *t, size_t off)
{
    unsigned line, ch;
    lsp_text_pos(t, s->enc, off, &line, &ch);
    return json_pack("{s:I, s:I}", "line", (json_int_t)line, "character", (json_int_t)ch);
}

json_t *lsp_range_json(const lsp_server *s, const lsp_text *t, size_t b, size_t e)
{
    return json_pack("{s:o, s:o}", "start", lsp_pos_json(s, t, b), "end", lsp_pos_json(s, t, e < b ? b : e));
}

json_t *lsp_location_json(lsp_server *s, span at)
{
    if (!at.file)
        return NULL;
    lsp_text tmp = { 0 };
    const src_file *tmp_of = NULL;
    const lsp_text *t = text_for(s, at.file, &tmp, &tmp_of);
    char *uri = lsp_uri_for(s, at.file->path);
    json_t *loc = json_pack("{s:s, s:o}", "uri", uri, "range", lsp_range_json(s, t, at.begin, at.end));
    free(uri);
    lsp_text_free(&tmp);
    return loc;
}

/* Most diagnostics sent for one file: a file with a broken header can
 * produce one per line, and an editor shows the first ones anyway. */
#define LSP_MAX_DIAGS 1000

/* Publishes the diagnostics of d's compilation: its own, and those in the
 * files it read that are not open themselves. */
static void publish(lsp_server *s, lsp_doc *d)
{
    json_t *by_uri = json_object();
    json_object_set_new(by_uri, d->uri, json_array());
    lsp_text tmp = { 0 };
    const src_file *tmp_of = NULL;
    for (size_t i = 0; d->c.diags && i < diag_size(d->c.diags); i++) {
        const diag *g = diag_at(d->c.diags, i);
        if (g->silenced)
            continue;
        const src_file *f = g->at.file;
        char *uri = f ? lsp_uri_for(s, f->path) : xstrdup(d->uri);
        lsp_doc *owner = doc_by_uri(s, uri);
        if (owner && owner != d) {
            free(uri);
            continue;       /* an open import: its own compilation reports */
        }
        json_t *list = json_object_get(by_uri, uri);
        if (!list) {
            list = json_array();
            json_object_set_new(by_uri, uri, list);
        }
        free(uri);
        if (json_array_size(list) >= LSP_MAX_DIAGS)
            continue;
        const lsp_text *t = f ? text_for(s, f, &tmp, &tmp_of) : &d->text;
        json_t *related = json_array();
        for (const struct diag_note *n = g->notes; n; n = n->next) {
            json_t *loc = lsp_location_json(s, n->at.file ? n->at : g->at);
            if (loc)
                json_array_append_new(related, json_pack("{s:o, s:s}", "location", loc, "message", n->msg));
        }
        json_t *dj = json_pack("{s:o, s:i, s:s, s:s}", "range",
                               lsp_range_json(s, t, f ? g->at.begin : 0, f ? g->at.end : 0), "severity",
                               g->sev == DIAG_ERROR ? 1 : g->sev == DIAG_WARNING ? 2 : 3, "source", "fisc",
                               "message", g->msg);
        if (!dj)    /* a message that is not UTF-8 (it quotes a broken file) */
            dj = json_pack("{s:o, s:i, s:s, s:s}", "range",
                           lsp_range_json(s, t, f ? g->at.begin : 0, f ? g->at.end : 0), "severity", 1, "source",
                           "fisc", "message", "(a message quoting bytes that are not UTF-8)");
        if (g->check)
            json_object_set_new(dj, "code", json_string(g->check));
        if (json_array_size(related))
            json_object_set_new(dj, "relatedInformation", related);
        else
            json_decref(related);
        json_array_append_new(list, dj);
    }
    lsp_text_free(&tmp);
    /* clear what this document published before and no longer does */
    for (size_t i = 0; i < d->npublished; i++)
        if (!json_object_get(by_uri, d->published[i]) && !doc_by_uri(s, d->published[i]))
            json_object_set_new(by_uri, d->published[i], json_array());
    free_strings(d->published, d->npublished);
    d->published = NULL;
    d->npublished = 0;
    const char *uri;
    json_t *list;
    json_object_foreach(by_uri, uri, list) {
        json_t *params = json_pack("{s:s, s:O}", "uri", uri, "diagnostics", list);
        if (strcmp(uri, d->uri) == 0)
            json_object_set_new(params, "version", json_integer(d->version));
        else if (json_array_size(list))
            add_string(&d->published, &d->npublished, uri);
        rpc_notify(&s->rpc, "textDocument/publishDiagnostics", params);
    }
    json_decref(by_uri);
}

/* Marks the documents that read path (and path's own) for compiling. */
static void touch(lsp_server *s, const char *path)
{
    for (size_t i = 0; i < s->ndocs; i++) {
        lsp_doc *d = s->docs[i];
        if (strcmp(d->path, path) == 0)
            d->dirty = true;
        for (size_t k = 0; k < d->ndeps; k++)
            if (strcmp(d->deps[k], path) == 0)
                d->dirty = true;
    }
}

static void compile_dirty(lsp_server *s)
{
    for (size_t i = 0; i < s->ndocs; i++)
        if (s->docs[i]->dirty) {
            compile(s, s->docs[i]);
            publish(s, s->docs[i]);
        }
}

/* ---- parameters --------------------------------------------------------------- */

lsp_doc *lsp_doc_param(lsp_server *s, json_t *id, json_t *params)
{
    json_t *td = json_object_get(params, "textDocument");
    json_t *uri = json_object_get(td, "uri");
    if (!json_is_string(uri)) {
        rpc_error(&s->rpc, id, RPC_INVALID_PARAMS, "params.textDocument.uri must be a string");
        return NULL;
    }
    lsp_doc *d = doc_by_uri(s, json_string_value(uri));
    if (!d) {
        rpc_error(&s->rpc, id, RPC_INVALID_PARAMS, "%s is not open (send textDocument/didOpen first)",
                  json_string_value(uri));
        return NULL;
    }
    lsp_doc_fresh(s, d);
    return d;
}

void lsp_doc_fresh(lsp_server *s, lsp_doc *d)
{
    if (d->dirty || !d->c.a) {
        compile(s, d);
        publish(s, d);
    }
}

bool lsp_same_path(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return true;
    char *na = xstrdup(a), *nb = xstrdup(b);
    normalize(na);
    normalize(nb);
    bool same = strcmp(na, nb) == 0;
    free(na);
    free(nb);
    return same;
}

/* A position object as a byte offset; why says what is wrong. */
static bool pos_of(lsp_server *s, lsp_doc *d, json_t *pos, size_t *off, const char **why)
{
    json_t *line = json_object_get(pos, "line"), *ch = json_object_get(pos, "character");
    if (!json_is_integer(line) || !json_is_integer(ch)) {
        *why = "a position is {\"line\": integer, \"character\": integer}";
        return false;
    }
    if (!lsp_text_offset(&d->text, s->enc, json_integer_value(line), json_integer_value(ch), off)) {
        *why = "position out of range";
        return false;
    }
    return true;
}

bool lsp_pos_param(lsp_server *s, lsp_doc *d, json_t *id, json_t *params, const char *key, size_t *off)
{
    const char *why;
    if (pos_of(s, d, json_object_get(params, key), off, &why))
        return true;
    json_t *line = json_object_get(json_object_get(params, key), "line");
    rpc_error(&s->rpc, id, RPC_INVALID_PARAMS, "params.%s: %s (the document has %zu lines; line %lld)", key, why,
              d->text.nlines, json_is_integer(line) ? (long long)json_integer_value(line) : -1LL);
    return false;
}

bool lsp_range_param(lsp_server *s, lsp_doc *d, json_t *id, json_t *params, const char *key, size_t *b, size_t *e)
{
    json_t *r = json_object_get(params, key);
    const char *why = "a range is {\"start\": position, \"end\": position}";
    if (json_is_object(r) && pos_of(s, d, json_object_get(r, "start"), b, &why) &&
        pos_of(s, d, json_object_get(r, "end"), e, &why) && *b <= *e)
        return true;
    if (json_is_object(r) && *b > *e)
        why = "the range ends before it starts";
    rpc_error(&s->rpc, id, RPC_INVALID_PARAMS, "params.%s: %s", key, why);
    return false;
}

/* ---- lifecycle ------------------------------------------------------------- */

static void log_message(lsp_server *s, int type, const char *msg)
{
    rpc_notify(&s->rpc, "window/logMessage", json_pack("{s:i, s:s}", "type", type, "message", msg));
}

static bool offered(json_t *list, const char *name)
{
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) if (json_is_string(v) && strcmp(json_string_value(v), name) == 0) return true;
    return false;
}

static void initialize(lsp_server *s, json_t *id, json_t *params)
{
    if (s->initialized) {
        rpc_error(&s->rpc, id, RPC_INVALID_REQUEST, "initialize was already sent");
        return;
    }
    json_t *caps = json_object_get(params, "capabilities");
    json_t *encs = json_object_get(json_object_get(caps, "general"), "positionEncodings");
    /* UTF-16 is every client's; UTF-8 is preferred when offered (the
     * compiler's own offsets are bytes). */
    s->enc = LSP_UTF16;
    if (offered(encs, "utf-8"))
        s->enc = LSP_UTF8;
    else if (json_is_array(encs) && json_array_size(encs) && !offered(encs, "utf-16") && offered(encs, "utf-32"))
        s->enc = LSP_UTF32;
    s->hier_symbols = json_is_true(json_object_get(
        json_object_get(json_object_get(caps, "textDocument"), "documentSymbol"), "hierarchicalDocumentSymbolSupport"));
    s->initialized = true;
    json_t *result = json_pack(
        "{s:{s:s, s:{s:b, s:i, s:{s:b}}, s:b, s:b, s:b, s:{s:[s,s,s,s]}, s:b, s:b, s:{s:[s]}, s:b, s:{s:b},"
        " s:{s:b}, s:{s:o, s:b}}, s:{s:s}}",
        "capabilities", "positionEncoding", lsp_enc_name(s->enc), "textDocumentSync", "openClose", 1, "change", 2,
        "save", "includeText", 0, "hoverProvider", 1, "definitionProvider", 1, "referencesProvider", 1,
        "completionProvider", "triggerCharacters", "[", ",", "/", " ", "documentSymbolProvider", 1,
        "documentFormattingProvider", 1, "codeActionProvider", "codeActionKinds", "quickfix", "inlayHintProvider", 1,
        "codeLensProvider", "resolveProvider", 0, "renameProvider", "prepareProvider", 1, "semanticTokensProvider",
        "legend", lsp_semantic_legend(), "full", 1, "serverInfo", "name", "fisc");
    rpc_result(&s->rpc, id, result);
}

static void did_open(lsp_server *s, json_t *params)
{
    json_t *td = json_object_get(params, "textDocument");
    json_t *uri = json_object_get(td, "uri"), *text = json_object_get(td, "text");
    if (!json_is_string(uri) || !json_is_string(text)) {
        log_message(s, 1, "didOpen: textDocument.uri and textDocument.text must be strings");
        return;
    }
    char *path = path_of_uri(json_string_value(uri));
    if (!path) {
        log_message(s, 1, "didOpen: a malformed file uri");
        return;
    }
    lsp_doc *d = doc_by_uri(s, json_string_value(uri));
    if (!d) {
        d = xrealloc(NULL, sizeof *d);
        memset(d, 0, sizeof *d);
        d->uri = xstrdup(json_string_value(uri));
        d->path = path;
        s->docs = xrealloc(s->docs, (s->ndocs + 1) * sizeof *s->docs);
        s->docs[s->ndocs++] = d;
    } else {
        free(path);
    }
    if (!lsp_text_set(&d->text, json_string_value(text), json_string_length(text)))
        log_message(s, 1, "didOpen: the document is larger than fisc's 1 GiB source limit");
    json_t *v = json_object_get(td, "version");
    d->version = json_is_integer(v) ? json_integer_value(v) : 0;
    touch(s, d->path);
}

static void did_change(lsp_server *s, json_t *params)
{
    json_t *td = json_object_get(params, "textDocument");
    json_t *uri = json_object_get(td, "uri");
    lsp_doc *d = json_is_string(uri) ? doc_by_uri(s, json_string_value(uri)) : NULL;
    json_t *changes = json_object_get(params, "contentChanges");
    if (!d || !json_is_array(changes)) {
        log_message(s, 1, "didChange: not an open document, or no contentChanges array");
        return;
    }
    size_t i;
    json_t *ch;
    json_array_foreach(changes, i, ch) {
        json_t *text = json_object_get(ch, "text"), *range = json_object_get(ch, "range");
        if (!json_is_string(text)) {
            log_message(s, 1, "didChange: a change without text");
            continue;
        }
        if (!range) {
            lsp_text_set(&d->text, json_string_value(text), json_string_length(text));
            continue;
        }
        size_t b, e;
        const char *why = "a range is {\"start\": position, \"end\": position}";
        if (!pos_of(s, d, json_object_get(range, "start"), &b, &why) ||
            !pos_of(s, d, json_object_get(range, "end"), &e, &why) || b > e) {
            log_message(s, 1, "didChange: a change with an invalid range was ignored: the buffer may now differ "
                              "from the editor's; reopen the file");
            continue;
        }
        if (!lsp_text_replace(&d->text, b, e, json_string_value(text), json_string_length(text)))
            log_message(s, 1, "didChange: the document would pass fisc's 1 GiB source limit; change ignored");
    }
    json_t *v = json_object_get(td, "version");
    if (json_is_integer(v))
        d->version = json_integer_value(v);
    touch(s, d->path);
}

static void doc_free(lsp_doc *d)
{
    if (d->c.a)
        arena_free(d->c.a);
    lsp_text_free(&d->text);
    free_strings(d->deps, d->ndeps);
    free_strings(d->published, d->npublished);
    free(d->uri);
    free(d->path);
    free(d);
}

static void did_close(lsp_server *s, json_t *params)
{
    json_t *uri = json_object_get(json_object_get(params, "textDocument"), "uri");
    lsp_doc *d = json_is_string(uri) ? doc_by_uri(s, json_string_value(uri)) : NULL;
    if (!d)
        return;
    size_t i = 0;
    while (s->docs[i] != d)
        i++;
    memmove(&s->docs[i], &s->docs[i + 1], (s->ndocs - i - 1) * sizeof *s->docs);
    s->ndocs--;
    /* its diagnostics go with it; importers now read the file from disk */
    rpc_notify(&s->rpc, "textDocument/publishDiagnostics", json_pack("{s:s, s:[]}", "uri", d->uri, "diagnostics"));
    for (size_t k = 0; k < d->npublished; k++)
        rpc_notify(&s->rpc, "textDocument/publishDiagnostics",
                   json_pack("{s:s, s:[]}", "uri", d->published[k], "diagnostics"));
    touch(s, d->path);
    doc_free(d);
}

static void did_save(lsp_server *s, json_t *params)
{
    json_t *uri = json_object_get(json_object_get(params, "textDocument"), "uri");
    lsp_doc *d = json_is_string(uri) ? doc_by_uri(s, json_string_value(uri)) : NULL;
    if (d)
        touch(s, d->path);   /* 'previous' files and imports on disk may have changed too */
}

/* ---- dispatch ------------------------------------------------------------------ */

typedef struct method {
    const char *name;
    void (*request)(lsp_server *s, json_t *id, json_t *params);
    void (*notification)(lsp_server *s, json_t *params);
} method;

static void shutdown_req(lsp_server *s, json_t *id, json_t *params)
{
    (void)params;
    s->shutdown = true;
    rpc_result(&s->rpc, id, NULL);
}

static void exit_note(lsp_server *s, json_t *params)
{
    (void)params;
    s->exited = true;
}

static const method methods[] = {
    { "initialize", initialize, NULL },
    { "shutdown", shutdown_req, NULL },
    { "exit", NULL, exit_note },
    { "initialized", NULL, NULL },
    { "textDocument/didOpen", NULL, did_open },
    { "textDocument/didChange", NULL, did_change },
    { "textDocument/didClose", NULL, did_close },
    { "textDocument/didSave", NULL, did_save },
    { "textDocument/hover", lsp_hover, NULL },
    { "textDocument/definition", lsp_definition, NULL },
    { "textDocument/references", lsp_references, NULL },
    { "textDocument/completion", lsp_completion, NULL },
    { "textDocument/documentSymbol", lsp_document_symbols, NULL },
    { "textDocument/formatting", lsp_formatting, NULL },
    { "textDocument/codeAction", lsp_code_action, NULL },
    { "textDocument/inlayHint", lsp_inlay_hints, NULL },
    { "textDocument/codeLens", lsp_code_lens, NULL },
    { "textDocument/prepareRename", lsp_prepare_rename, NULL },
    { "textDocument/rename", lsp_rename, NULL },
    { "textDocument/semanticTokens/full", lsp_semantic_tokens, NULL },
};

static void dispatch(lsp_server *s, rpc_msg *m)
{
    if (!m->method)
        return;     /* a response: this server sends no requests */
    const method *h = NULL;
    for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
        if (strcmp(methods[i].name, m->method) == 0)
            h = &methods[i];
    bool request = m->id != NULL;
    json_t *params = m->params ? m->params : json_object();
    if (!m->params)
        m->params = params, json_object_set_new(m->root, "params", params);
    if (h && h->notification == exit_note) {
        s->exited = true;
    } else if (!s->initialized && !(h && h->request == initialize)) {
        if (request)
            rpc_error(&s->rpc, m->id, RPC_SERVER_NOT_INITIALIZED, "the server is not initialized (send initialize)");
    } else if (s->shutdown) {
        if (request)
            rpc_error(&s->rpc, m->id, RPC_INVALID_REQUEST, "%s after shutdown (only exit is accepted)", m->method);
    } else if (request && h && h->request) {
        if (!json_is_object(params))
            rpc_error(&s->rpc, m->id, RPC_INVALID_PARAMS, "%s takes its params as an object", m->method);
        else
            h->request(s, m->id, params);
    } else if (request) {
        rpc_error(&s->rpc, m->id, RPC_METHOD_NOT_FOUND, "no method %s", m->method);
    } else if (h && h->notification && json_is_object(params)) {
        h->notification(s, params);
    }
}

int lsp_serve(const lsp_io *io)
{
    lsp_server s;
    memset(&s, 0, sizeof s);
    s.enc = LSP_UTF16;
    rpc_init(&s.rpc, io);
    while (!s.exited) {
        if (!rpc_pending(&s.rpc))
            compile_dirty(&s);
        rpc_msg m;
        int r = rpc_read(&s.rpc, &m);
        if (r == 0)
            break;
        if (r < 0)
            continue;
        dispatch(&s, &m);
        json_decref(m.root);
    }
    int status = s.shutdown && s.exited ? 0 : 1;
    for (size_t i = 0; i < s.ndocs; i++)
        doc_free(s.docs[i]);
    free(s.docs);
    rpc_free(&s.rpc);
    return status;
}

/* ---- stdio --------------------------------------------------------------------- */

static long fd_read(void *ctx, char *buf, size_t n)
{
    (void)ctx;
    ssize_t k;
    do
        k = read(STDIN_FILENO, buf, n);
    while (k < 0 && errno == EINTR);
    return (long)k;
}

static bool fd_ready(void *ctx)
{
    (void)ctx;
    struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
    return poll(&p, 1, 0) > 0;
}

static bool fd_write(void *ctx, const char *buf, size_t n)
{
    (void)ctx;
    while (n > 0) {
        ssize_t k = write(STDOUT_FILENO, buf, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        buf += k;
        n -= (size_t)k;
    }
    return true;
}

int cmd_lsp(cli_args *a)
{
    (void)a;        /* its one option, --stdio, changes nothing */
    /* a client that goes away must not kill the server mid-write */
    signal(SIGPIPE, SIG_IGN);
    lsp_io io = { fd_read, fd_ready, fd_write, NULL };
    return lsp_serve(&io);
}

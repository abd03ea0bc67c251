/* lsp_server.h: the language server's state, shared by the feature
 * modules (lsp_feat_*.c).  Internal to the server. */
#ifndef FISC_LSP_SERVER_H
#define FISC_LSP_SERVER_H

#include <jansson.h>
#include <stdbool.h>
#include "driver.h"
#include "lsp_index.h"
#include "lsp_rpc.h"
#include "lsp_text.h"

/* An open document and its last compilation. */
typedef struct lsp_doc {
    char *uri;              /* as the client spells it */
    char *path;             /* the file path, normalised (the uri itself when not file:) */
    long long version;
    lsp_text text;
    bool dirty;             /* changed (or an import changed) since compiled */
    compilation c;          /* c.a NULL: not compiled yet */
    lsp_index *ix;          /* in c.a */
    char **deps;            /* normalised paths of the other files it read */
    size_t ndeps;
    char **published;       /* other files' uris it published diagnostics to */
    size_t npublished;
} lsp_doc;

typedef struct lsp_server {
    rpc_conn rpc;
    lsp_enc enc;            /* the negotiated position encoding */
    bool initialized, shutdown, exited;
    bool hier_symbols;      /* the client takes DocumentSymbol trees */
    lsp_doc **docs;
    size_t ndocs, capdocs;
} lsp_server;

/* The open document params.textDocument.uri names, compiled and current.
 * NULL after sending an InvalidParams error to id. */
lsp_doc *lsp_doc_param(lsp_server *s, json_t *id, json_t *params);
/* Compiles d now when it changed since its last compilation. */
void lsp_doc_fresh(lsp_server *s, lsp_doc *d);
/* Whether two file paths name the same file (after normalising). */
bool lsp_same_path(const char *a, const char *b);
/* params.position as a byte offset in d.  False after sending an error. */
bool lsp_pos_param(lsp_server *s, lsp_doc *d, json_t *id, json_t *params, const char *key, size_t *off);
/* params[key] ({start, end}) as byte offsets.  False after an error. */
bool lsp_range_param(lsp_server *s, lsp_doc *d, json_t *id, json_t *params, const char *key, size_t *b, size_t *e);

/* A name as a token the compiler reads back as that name: bare when the
 * lexer reads it as one name, else quoted with escapes; id_only refuses
 * to quote (a table id).  NULL with *why when it cannot be written. */
const char *lsp_spell(arena *a, const char *name, size_t n, bool id_only, const char **why);

/* Protocol shapes. */
json_t *lsp_pos_json(const lsp_server *s, const lsp_text *t, size_t off);
json_t *lsp_range_json(const lsp_server *s, const lsp_text *t, size_t b, size_t e);
/* A Location for a span in any file read (an import, last year's budget). */
json_t *lsp_location_json(lsp_server *s, span at);
/* The uri for a file path (an open document's own uri when it is one). */
char *lsp_uri_for(lsp_server *s, const char *path);

/* The features: each answers one request (sends the response itself). */
void lsp_hover(lsp_server *s, json_t *id, json_t *params);
void lsp_inlay_hints(lsp_server *s, json_t *id, json_t *params);
void lsp_code_lens(lsp_server *s, json_t *id, json_t *params);
void lsp_definition(lsp_server *s, json_t *id, json_t *params);
void lsp_references(lsp_server *s, json_t *id, json_t *params);
void lsp_prepare_rename(lsp_server *s, json_t *id, json_t *params);
void lsp_rename(lsp_server *s, json_t *id, json_t *params);
void lsp_completion(lsp_server *s, json_t *id, json_t *params);
void lsp_formatting(lsp_server *s, json_t *id, json_t *params);
void lsp_code_action(lsp_server *s, json_t *id, json_t *params);
void lsp_document_symbols(lsp_server *s, json_t *id, json_t *params);
void lsp_semantic_tokens(lsp_server *s, json_t *id, json_t *params);
/* The legend semantic tokens are encoded with (for initialize). */
json_t *lsp_semantic_legend(void);

#endif
